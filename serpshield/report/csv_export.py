"""CSV exports of every table of a report, safe to open in a spreadsheet.

Why this module exists: agencies rework the numbers in Excel or Google Sheets, and the tables
hold text from the web (result titles, domains, asset titles). A cell such as
``=HYPERLINK("http://evil.example", "click")`` or ``@SUM(...)`` would be run as a formula by
the spreadsheet (CSV injection, OWASP). Every text cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is therefore prefixed with a single quote, which spreadsheets
read as "this is text" and show without it. Numbers stay numbers (a negative effect is still
-0.023, not text). Files are UTF-8 with a byte order mark, so Excel reads the accents.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from serpshield.report.cards import build_cards, definitions
from serpshield.report.content import ReportContent

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ENCODING = "utf-8-sig"


def neutralise(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names are neutralised."""
    safe = frame.astype(object).map(neutralise) if len(frame) else frame.copy()
    safe.columns = [neutralise(str(c)) for c in frame.columns]
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as neutralised CSV (UTF-8 with BOM, no index). Lines end in CRLF (RFC 4180),
    which also makes the writer quote any cell holding a CR or LF, so a stray CR in a scraped
    title cannot split a row."""
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode(ENCODING)


def report_tables(content: ReportContent) -> dict[str, pd.DataFrame]:
    """Every table of the report, by file stem: the cards as shown, every KPI value as
    computed, and the data behind each chart and table."""
    cards = build_cards(content.kpis, content.lang)
    return {
        "kpi_cards": pd.DataFrame(
            [(c.kpi_id, c.label, c.value, c.note) for c in cards],
            columns=["kpi", "label", "value", "note"],
        ),
        "kpi_values": pd.DataFrame(flatten(content.kpis), columns=["key", "value"]),
        "daily_series": content.daily,
        "takedown_curve": content.takedown,
        "funnel": content.funnel,
        "harmful_results": content.harmful,
        "published_assets": content.assets,
        "definitions": definitions(content.lang),
    }


def csv_files(content: ReportContent) -> dict[str, bytes]:
    """Each table of ``report_tables`` as a neutralised CSV file, by file name."""
    return {f"{stem}.csv": csv_bytes(frame) for stem, frame in report_tables(content).items()}


def csv_zip(content: ReportContent) -> bytes:
    """Every CSV file in one ZIP archive (stored under ``<client>-<start>-<end>/``)."""
    folder = f"{content.slug}-{content.start.isoformat()}-{content.end.isoformat()}"
    stamp = content.generated_at.timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in csv_files(content).items():
            archive.writestr(zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp), data,
                             compress_type=zipfile.ZIP_DEFLATED)  # fmt: skip
    return buffer.getvalue()


def write_csv(content: ReportContent, out: Path) -> list[Path]:
    """Write the CSV files: one ZIP archive when ``out`` ends in ``.zip``, else one file per
    table in the folder ``out`` (created if needed). Returns the paths written."""
    if out.suffix.lower() == ".zip":
        out.write_bytes(csv_zip(content))
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in csv_files(content).items():
        (out / name).write_bytes(data)
        written.append(out / name)
    return written


def flatten(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Nested KPI values as (dotted key, value) pairs: ``sla.copyright.rate``,
    ``funnel.stages.0.urls``; "not_reached" and None are kept as they are."""
    if isinstance(value, dict):
        pairs: list[tuple[str, Any]] = []
        for key, inner in value.items():
            pairs += flatten(inner, f"{prefix}.{key}" if prefix else str(key))
        return pairs
    if isinstance(value, list):
        pairs = []
        for index, inner in enumerate(value):
            pairs += flatten(inner, f"{prefix}.{index}")
        return pairs
    return [(prefix, value)]
