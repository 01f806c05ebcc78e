"""The report's tables as a reader sees them: translated headers, values already worded.

Why this module exists: the HTML file, the PDF and the dashboard's preview print the same three
tables (harmful results now, defensive content published, definitions); building them once, as
DataFrames of text with headers in the report's language, keeps the three outputs identical.
Cells hold warehouse text verbatim (titles, domains, searches): each output escapes it in its
own way (Jinja2 autoescape, PDF text, ``st.dataframe``), none interprets it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from models.planner import records
from serpshield.report.cards import (
    asset_type_label,
    category_label,
    definitions,
    effect_text,
    rank_text,
)
from serpshield.report.content import ReportContent
from serpshield.report.texts import text


def harmful_table(content: ReportContent) -> pd.DataFrame:
    """Search, position, site, harm category and title of each harmful result now."""
    lang, frame = content.lang, content.harmful
    columns = [text(k, lang) for k in ("col_query", "col_position", "col_domain",
                                       "col_category", "col_title")]  # fmt: skip
    rows = [
        [str(r["query"]), str(int(r["position"])), str(r["domain"]),
         category_label(r["category"], lang), "" if pd.isna(r["title"]) else str(r["title"])]
        for r in records(frame)
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns, dtype=object)


def assets_table(content: ReportContent) -> pd.DataFrame:
    """Title, type, search, publication day, positions and effect of each published asset."""
    lang, frame = content.lang, content.assets
    columns = [text(k, lang) for k in ("col_asset", "col_type", "col_query", "col_published",
                                       "col_rank", "col_effect")]  # fmt: skip
    rows = [
        [str(r["title"]), asset_type_label(r["asset_type"], lang),
         "" if pd.isna(r["query"]) else str(r["query"]), day_text(r["published_on"], lang),
         rank_text(r["latest_position"], r["best_position"], lang),
         effect_text(r["effect_status"], r["effect"], r["ci_low"], r["ci_high"], lang)]
        for r in records(frame)
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns, dtype=object)


def definitions_table(content: ReportContent) -> pd.DataFrame:
    """Each KPI of the catalogue with its unit and definition, in the report's language."""
    lang = content.lang
    frame = definitions(lang)
    return pd.DataFrame(
        {
            text("col_kpi", lang): frame["kpi"],
            text("col_unit", lang): frame["unit"],
            text("col_definition", lang): frame["definition"],
        }
    )


def day_text(value: Any, lang: str) -> str:
    """A day as 2026-01-31 (en) or 31/01/2026 (fr); "" when unknown."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    day = pd.Timestamp(value)
    return day.strftime("%d/%m/%Y") if lang == "fr" else day.strftime("%Y-%m-%d")


def period_text(content: ReportContent) -> str:
    """ "Period: <start> to <end>" in the report's language."""
    lang = content.lang
    return text("period", lang, start=day_text(content.start, lang),
                end=day_text(content.end, lang))  # fmt: skip


def generated_text(content: ReportContent) -> str:
    """When the report was generated, in UTC."""
    at = content.generated_at
    stamp = at.strftime("%d/%m/%Y %H:%M") if content.lang == "fr" else at.strftime("%Y-%m-%d %H:%M")
    return text("generated", content.lang, at=stamp)
