"""``serpshield report``: one client's report for a period, as HTML, PDF or CSV files.

The command parses its options, gathers the report once (``serpshield.report.content``) and
hands it to the writer of the chosen format; the dashboard's Reports page offers the very same
files for download.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from rich.text import Text

from serpshield.cli_common import EXIT_INVALID, fail, out, pass_workspace
from serpshield.kpi_jobs import UnknownClientError
from serpshield.report.content import DEFAULT_DAYS, gather_report
from serpshield.report.csv_export import write_csv
from serpshield.report.html import render_html
from serpshield.report.pdf import render_pdf
from serpshield.workspace import Workspace

_DAY = click.DateTime(["%Y-%m-%d"])


@click.command()
@click.option("--client", "-c", required=True, help="The client's slug.")
@click.option("--from", "start", type=_DAY, default=None,
              help=f"First day of the period (YYYY-MM-DD, workspace time zone); default: "
                   f"{DEFAULT_DAYS} days before --to.")  # fmt: skip
@click.option(
    "--to",
    "end",
    type=_DAY,
    default=None,
    help="Last day of the period, included (YYYY-MM-DD); default: today.",
)
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None,
              help="Language of the report (default: the client's language).")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["html", "pdf", "csv"]), required=True,
              help="html: one self-contained page; pdf: A4 document; csv: every table "
                   "(a .zip archive when --out ends in .zip, else a folder of files).")  # fmt: skip
@click.option("--out", "out_path", type=click.Path(path_type=Path), required=True,
              help="File (html, pdf, .zip) or folder (csv) to write.")  # fmt: skip
@pass_workspace
def report(ws: Workspace, client: str, start: datetime | None, end: datetime | None,
           lang: str | None, fmt: str, out_path: Path) -> None:  # fmt: skip
    """Write a client report for a period: KPI cards, charts (SERP health over time, time to
    removal, funnel, effect of defensive content), the harmful results now, the defensive
    content published and the definition of every figure. The numbers are those of
    `serpshield kpi` for the same period; CSV cells that a spreadsheet would run as formulas
    are neutralised."""
    try:
        content = gather_report(ws.config_path, ws.db, client,
                                start=start.date() if start else None,
                                end=end.date() if end else None, lang=lang)  # fmt: skip
    except (UnknownClientError, ValueError) as exc:
        fail(str(exc), EXIT_INVALID)
    if fmt == "csv":
        written = write_csv(content, out_path)
        out.print(Text(f"Wrote {len(written)} file(s) to {out_path}"))
        return
    if out_path.is_dir():
        fail(f"{out_path} is a folder: give a file name for the {fmt} report", EXIT_INVALID)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        out_path.write_text(render_html(content), encoding="utf-8")
    else:
        out_path.write_bytes(render_pdf(content))
    period = f"{content.start} to {content.end}"
    out.print(Text(f"Wrote the {fmt} report of {client} ({period}) to {out_path}"))
