"""Import commands: saved search-results pages, leaks and notices files, Search Console
exports. Every import validates the whole file first and is idempotent."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import click

from collectors.errors import ParseError
from collectors.importers import RowError
from serpshield.cli_common import EXIT_INVALID, WHEN, as_utc, err, fail, out, pass_workspace
from serpshield.cli_serps import SOURCE_CHOICE
from serpshield.imports import import_gsc_file, import_leak_file
from serpshield.serp_jobs import import_serp_file
from serpshield.workspace import Workspace


@click.group("import")
def import_group() -> None:
    """Import observations made elsewhere: saved search-results pages and API responses."""


@import_group.command("serp")
@click.option("--client", "-c", required=True, help="Client slug, as in serpshield.toml.")
@click.option("--query", "-q", required=True, help="Text of the tracked query the page shows.")
@click.option(
    "--source",
    "-s",
    type=SOURCE_CHOICE,
    required=True,
    help="Format of the file (see `serpshield parse --help`).",
)
@click.option(
    "--observed-at",
    type=WHEN,
    default=None,
    help="When the page was seen (ISO 8601; UTC unless it has an offset). Default: now.",
)
@click.option(
    "--page",
    type=click.IntRange(1, 100),
    default=1,
    show_default=True,
    help="Which results page the file is (page 2 holds positions 11-20).",
)
@click.option(
    "--engine",
    type=click.Choice(["google", "bing", "duckduckgo", "brave"]),
    default=None,
    help="The query's engine, when the client tracks it on several.",
)
@click.option(
    "--device",
    type=click.Choice(["desktop", "mobile"]),
    default=None,
    help="The query's device, when the client tracks it on both.",
)
@click.argument("file", type=click.Path(path_type=Path))
@pass_workspace
def import_serp(
    ws: Workspace,
    client: str,
    query: str,
    source: str,
    observed_at: datetime | None,
    page: int,
    engine: str | None,
    device: str | None,
    file: Path,
) -> None:
    """Store a saved page or API response as a run of a tracked query (idempotent)."""
    try:
        outcome = import_serp_file(
            ws.db, client=client, query=query, source=source, path=file,
            observed_at=as_utc(observed_at), page=page, engine=engine, device=device,
        )  # fmt: skip
    except ParseError as exc:
        fail(str(exc), EXIT_INVALID)
    if outcome.already_stored:
        out.print(f"{file}: already imported for this query, source, page and time: no change")
    elif outcome.status == "blocked":
        out.print(f"{file}: stored as a blocked run (a captcha page: no ranking recorded)")
    else:
        out.print(f"{file}: stored as an {outcome.status} run with {outcome.organic} results")


def _report_rejections(path: Path, rejected: Sequence[RowError]) -> None:
    for row in rejected:
        err.print(f"{path}:{row.line}: {row.reason}", markup=False)


def _leak_import(ws: Workspace, path: Path, kind: str, skip: bool, create: bool) -> None:
    report = import_leak_file(ws.db, path, kind, skip_invalid=skip, create_clients=create)
    _report_rejections(path, report.rejected)
    if report.rejected and not report.written:
        message = (
            f"{path}: {len(report.rejected)} rejected row(s): nothing imported "
            "(fix them, or pass --skip-invalid to import the other rows)"
        )
        fail(message, EXIT_INVALID)
    out.print(f"{path}: {report.rows} rows, {len(report.rejected)} rejected, "
              f"{report.duplicates} duplicates; {report.urls_added} leak URLs and "
              f"{report.events_added} events added.")  # fmt: skip
    for slug in report.clients_created:
        err.print(f"created client {slug}: add [clients.{slug}] to serpshield.toml, or the next "
                  "`config sync` marks it inactive", markup=False)  # fmt: skip


_SKIP = click.option("--skip-invalid", is_flag=True,
                     help="Import the valid rows and report the rejected ones.")  # fmt: skip
_CREATE = click.option(
    "--create-clients",
    is_flag=True,
    help="Create the clients the file names that the workspace lacks.",
)


@import_group.command("leaks")
@_SKIP
@_CREATE
@click.argument("file", type=click.Path(path_type=Path))
@pass_workspace
def import_leaks(ws: Workspace, skip_invalid: bool, create_clients: bool, file: Path) -> None:
    """Import leaked URLs: client, item, url, found_at (or contenu, url, trouvé_le), CSV with
    `,` `;` or tab, UTF-8 or Windows (Excel) encoding. Re-importing changes nothing."""
    _leak_import(ws, file, "leaks", skip_invalid, create_clients)


@import_group.command("notices")
@_SKIP
@_CREATE
@click.argument("file", type=click.Path(path_type=Path))
@pass_workspace
def import_notices(ws: Workspace, skip_invalid: bool, create_clients: bool, file: Path) -> None:
    """Import sent notices: client, item, url, detected_at, notice_sent_at, channel, route,
    removed_at (French headers accepted). Times are UTC unless they carry an offset."""
    _leak_import(ws, file, "notices", skip_invalid, create_clients)


@import_group.command("gsc")
@click.option("--client", "-c", required=True, help="Client whose property the export is.")
@_SKIP
@click.argument("file", type=click.Path(path_type=Path))
@pass_workspace
def import_gsc(ws: Workspace, client: str, skip_invalid: bool, file: Path) -> None:
    """Import a Google Search Console performance export (queries or pages, clicks,
    impressions, CTR, position; English or French)."""
    report = import_gsc_file(ws.db, file, client, skip_invalid=skip_invalid)
    _report_rejections(file, report.rejected)
    if report.rejected and not report.written:
        fail(f"{file}: {len(report.rejected)} rejected row(s): nothing imported", EXIT_INVALID)
    out.print(f"{file}: {report.rows} rows, {report.urls_added} added for {client}.")
