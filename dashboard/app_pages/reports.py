"""The Reports page: a client report for a period, previewed here and downloaded as files.

An agency sends its client a report each month: this page picks the client, the period (both
in the URL) and the report's language (the client's own by default), shows the report's
content natively (KPI cards with their definitions, the charts, the tables) and offers the
HTML page, the PDF and a zip of CSV tables for download, generated on click.

The HTML report is never rendered inside the dashboard: it carries scraped text, and the
dashboard never renders warehouse text as HTML. It is a download only; the preview is drawn
with Streamlit's own elements (metrics, images, ``st.dataframe``, ``st.text``).

Layout only: the report comes from ``serpshield.report`` through ``dashboard.access_plan``
(the same functions as ``serpshield report``), so the preview and the files always agree.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial

import streamlit as st

from dashboard import access_plan as access
from dashboard.context import PageContext, page_context
from dashboard.filters import CLIENT_PARAM, FROM_PARAM, Filters, render_filters
from dashboard.i18n import LANGUAGE_NAMES, LANGUAGES, format_count, t
from data.errors import WarehouseError, WarehouseLockedError
from models.kpi_catalog import kpi_definition
from serpshield.config import CONFIG_FILENAME
from serpshield.report.cards import build_cards, catalog_lang
from serpshield.report.charts import CHART_NAMES
from serpshield.report.content import ReportContent
from serpshield.report.tables import (
    assets_table,
    definitions_table,
    harmful_table,
    period_text,
)
from serpshield.report.texts import text

LANG_PARAM = "report_lang"
_LANG_KEY = "reports_lang"
CARDS_PER_ROW = 3
#: The chart captions, in the report's own words (``serpshield.report.texts``).
_CHART_TITLES = {"health": "health_chart", "takedown": "takedown_chart",
                 "funnel": "funnel_chart", "effect": "assets"}  # fmt: skip


def render() -> None:
    """Draw the page for the client, period and report language the URL names."""
    ctx = page_context()
    if ctx is None:
        return
    lang = ctx.lang
    st.title(t("page_reports", lang))
    st.caption(t("rep_intro", lang))
    filters = render_filters(lang, clients=ctx.client_slugs, today=ctx.today,
                             client_required=True, show=(CLIENT_PARAM, FROM_PARAM))  # fmt: skip
    if filters.client is None:
        st.info(t("ws_empty", lang))
        return
    if filters.start > ctx.today:
        st.info(t("plan_future_period", lang))
        return
    report_lang = render_language(ctx, filters.client, lang)
    key = report_key(ctx, filters, report_lang)
    try:
        content = access.report_content(key)
    except WarehouseLockedError as exc:
        st.warning(t("state_locked", lang), icon=":material/lock_clock:")
        st.code(str(exc), language=None, wrap_lines=True)
        st.button(t("retry", lang), key="reports_retry", type="primary")
        return
    except WarehouseError as exc:
        st.error(t("state_error", lang), icon=":material/error:")
        st.code(str(exc), language=None, wrap_lines=True)
        return
    render_downloads(key, content, lang)
    render_preview(key, content, lang)


def report_key(ctx: PageContext, filters: Filters, report_lang: str) -> access.ReportKey:
    """What the report depends on; "now" is floored to the minute so reruns hit the cache."""
    config = ctx.paths.workspace / CONFIG_FILENAME
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    assert filters.client is not None
    return (str(config), config.stat().st_mtime, ctx.db, filters.client, filters.start,
            filters.end, report_lang, now)  # fmt: skip


def render_language(ctx: PageContext, client: str, lang: str) -> str:
    """The report's language: the URL's ``report_lang``, else the client's language."""
    match = ctx.clients[ctx.clients["slug"] == client]
    own = str(match["language"].iloc[0]) if len(match) else ""
    default = own if own in LANGUAGES else ctx.cfg.workspace.language
    wanted = st.query_params.get(LANG_PARAM)
    chosen = wanted if wanted in LANGUAGES else default
    if wanted != chosen:
        st.query_params[LANG_PARAM] = chosen
    st.session_state[_LANG_KEY] = chosen
    st.segmented_control(t("rep_language", lang), LANGUAGES, key=_LANG_KEY,
                         format_func=LANGUAGE_NAMES.__getitem__, on_change=_store_language,
                         help=t("rep_language_help", lang))  # fmt: skip
    return chosen


def _store_language() -> None:
    value = st.session_state.get(_LANG_KEY)
    if value in LANGUAGES:
        st.query_params[LANG_PARAM] = value


def render_downloads(key: access.ReportKey, content: ReportContent, lang: str) -> None:
    """Three buttons; each file is generated when its button is clicked (``data`` callable)."""
    st.subheader(t("rep_downloads", lang))
    stem = f"serpshield-{content.slug}-{content.start.isoformat()}-{content.end.isoformat()}"
    stem += f"-{content.lang}"
    files: tuple[tuple[str, str, Callable[[access.ReportKey], str | bytes], str, str], ...] = (
        ("rep_download_html", "rep_download_help", access.report_html, "html", "text/html"),
        ("rep_download_pdf", "rep_download_help", access.report_pdf, "pdf", "application/pdf"),
        ("rep_download_csv", "rep_csv_help", access.report_csv_zip, "zip", "application/zip"),
    )
    for column, (label, help_key, build, ext, mime) in zip(st.columns(3), files, strict=True):
        column.download_button(t(label, lang), data=partial(build, key), file_name=f"{stem}.{ext}",
                               mime=mime, help=t(help_key, lang), key=f"reports_{ext}",
                               on_click="ignore", icon=":material/download:")  # fmt: skip


def render_preview(key: access.ReportKey, content: ReportContent, lang: str) -> None:
    """The report's content drawn natively, in the report's language."""
    report_lang = content.lang
    st.subheader(t("rep_preview", lang))
    generated = content.generated_at.strftime("%Y-%m-%d %H:%M UTC")
    st.caption(t("rep_preview_caption", lang).format(language=LANGUAGE_NAMES[report_lang],
                                                     generated=generated))  # fmt: skip
    st.text(content.name)  # warehouse text: verbatim, never Markdown
    st.text(period_text(content))
    unscored = int(content.kpis.get("unscored_snapshots") or 0)
    if unscored:
        st.warning(t("rep_unscored", lang).format(n=format_count(unscored, lang)))
    st.markdown(f"#### {t('rep_cards', lang)}")
    cards = build_cards(content.kpis, report_lang)
    definition_lang = catalog_lang(report_lang)
    for start in range(0, len(cards), CARDS_PER_ROW):
        row = cards[start : start + CARDS_PER_ROW]
        for column, card in zip(st.columns(CARDS_PER_ROW), row, strict=False):
            column.metric(card.label, card.value,
                          help=kpi_definition(card.kpi_id, definition_lang))  # fmt: skip
            if card.note:
                column.caption(card.note)
    st.markdown(f"#### {t('rep_charts', lang)}")
    images = access.report_images(key)
    if not images:
        st.caption(t("rep_no_chart", lang))
    for name in CHART_NAMES:
        if name in images:
            st.image(images[name], caption=text(_CHART_TITLES[name], report_lang))
    for title_key, frame in (("rep_harmful", harmful_table(content)),
                             ("rep_assets", assets_table(content))):  # fmt: skip
        st.markdown(f"#### {t(title_key, lang)}")
        if frame.empty:
            st.caption(t("rep_none", lang))
        else:
            st.dataframe(frame, hide_index=True)
    with st.expander(t("rep_definitions", lang)):
        st.dataframe(definitions_table(content), hide_index=True)


if __name__ == "__main__":
    render()
