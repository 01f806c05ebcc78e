"""Search-results commands: ``parse``, ``import serp`` and ``collect serps``.

``parse`` is a contract that tests and external checks rely on: a JSON array of organic
results on stdout; a blocked page exits 3 with nothing on stdout; an unreadable or
unparseable file exits 2 with a message naming the file.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from collectors.errors import BlockedError, ParseError
from collectors.sources import PARSERS
from collectors.sources.base import ParsedPage, ParsedResult
from data.serp_store import SerpRunRecord
from serpshield.cli_common import EXIT_BLOCKED, EXIT_INVALID, err, fail, out, pass_workspace
from serpshield.config import load_config
from serpshield.reparse import reparse_runs
from serpshield.serp_jobs import collect_serps_job, import_serp_file, parse_file
from serpshield.workspace import Workspace

SOURCE_CHOICE = click.Choice(sorted(PARSERS))


def _as_json(result: ParsedResult, with_type: bool) -> dict[str, object]:
    item: dict[str, object] = {
        "position": result.position,
        "url": result.url,
        "domain": result.domain,
        "title": result.title,
        "snippet": result.snippet,
    }
    if with_type:
        item["type"] = result.result_type
    return item


def page_json(page: ParsedPage, include_blocks: bool) -> list[dict[str, object]]:
    """The ``parse`` output: organic results in page order, then the blocks with ``--all``."""
    items = [_as_json(r, include_blocks) for r in page.organic]
    if include_blocks:
        items += [_as_json(r, True) for r in page.blocks]
    return items


@click.command()
@click.option(
    "--source",
    "-s",
    type=SOURCE_CHOICE,
    required=True,
    help="Format of the file: an API's JSON response or a saved results page.",
)
@click.option(
    "--all",
    "include_blocks",
    is_flag=True,
    help="Also print ads, People also ask, knowledge panels... each with a type.",
)
@click.argument("file", type=click.Path(path_type=Path))
def parse(source: str, include_blocks: bool, file: Path) -> None:
    """Print the organic results of a saved page or API response as JSON.

    Exit 3 when the page is a captcha or bot challenge, 2 when the file cannot be read or is
    not a results page of that source.
    """
    try:
        page = parse_file(source, file)
    except BlockedError as exc:
        err.print(f"blocked: {exc}", markup=False)
        raise SystemExit(EXIT_BLOCKED) from None
    except ParseError as exc:
        fail(str(exc), EXIT_INVALID)
    click.echo(json.dumps(page_json(page, include_blocks), ensure_ascii=False, indent=2))


@click.group("import")
def import_group() -> None:
    """Import observations made elsewhere: saved search-results pages and API responses."""


def _utc(value: datetime | None) -> datetime:
    if value is None:
        return datetime.now(UTC).replace(microsecond=0)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


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
    type=click.DateTime(
        [
            "%Y-%m-%dT%H:%M:%S%z",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d",
        ]
    ),
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
            observed_at=_utc(observed_at), page=page, engine=engine, device=device,
        )  # fmt: skip
    except ParseError as exc:
        fail(str(exc), EXIT_INVALID)
    if outcome.already_stored:
        out.print(f"{file}: already imported for this query, source, page and time: no change")
    elif outcome.status == "blocked":
        out.print(f"{file}: stored as a blocked run (a captcha page: no ranking recorded)")
    else:
        out.print(f"{file}: stored as an {outcome.status} run with {outcome.organic} results")


@click.group()
def collect() -> None:
    """Collect observations from the network: search-results rankings."""


@collect.command("serps")
@click.option("--client", "-c", default=None, help="Only this client's queries (slug).")
@click.option(
    "--source",
    "-s",
    "only_source",
    default=None,
    help="Only this configured source (e.g. serpapi); default: every enabled one.",
)
@click.option(
    "--depth",
    type=click.Choice(["10", "20", "50", "100"]),
    default="10",
    show_default=True,
    help="How many results to record per query (pages of 10).",
)
@pass_workspace
def collect_serps(ws: Workspace, client: str | None, only_source: str | None, depth: str) -> None:
    """Fetch the results pages of every active query from the enabled sources and store them.

    One run per query, source, page and day: running it twice the same day fetches nothing new.
    Failed, blocked and empty fetches are stored as such and never count as rankings.
    """
    cfg = load_config(ws.config_path)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=False,
    ) as progress:  # fmt: skip
        tasks: dict[str, TaskID] = {}

        def on_plan(name: str, queries: int) -> None:
            tasks[name] = progress.add_task(name, total=queries)

        def on_run(name: str, run: SerpRunRecord) -> None:
            if run.page == 1:
                progress.advance(tasks[name])

        summaries = collect_serps_job(
            cfg, ws.db, client=client, only_source=only_source, depth=int(depth),
            on_plan=on_plan, on_run=on_run,
        )  # fmt: skip
    table = Table("source", "ok", "failed", "blocked", "empty", "already stored", "cost units",
                  "budget left")  # fmt: skip
    for s in summaries:
        if s.problem:
            table.add_row(s.source, *(["-"] * 7))
            continue
        left = "unlimited" if s.budget_left is None else f"{s.budget_left:g}"
        counts = [str(s.counts.get(k, 0)) for k in ("ok", "failed", "blocked", "empty")]
        table.add_row(s.source, *counts, str(s.skipped), f"{s.cost_units:g}", left)
    out.print(table)
    problems = [s for s in summaries if s.problem]
    for s in problems:
        err.print(f"{s.source}: {s.problem}", markup=False)
    if not summaries:
        fail("no enabled source can collect: enable one under [sources] in serpshield.toml")
    if problems:  # a cron job must notice a source that collected nothing
        raise SystemExit(1)


@click.command()
@click.option(
    "--source",
    "-s",
    type=SOURCE_CHOICE,
    default=None,
    help="Only runs of this source; default: every archived run.",
)
@click.option("--client", "-c", default=None, help="Only this client's runs (slug).")
@pass_workspace
def reparse(ws: Workspace, source: str | None, client: str | None) -> None:
    """Parse the archived raw pages again with the current parsers (after a parser fix).

    Only runs whose outcome changed are rewritten, and their harm scores dropped for
    re-scoring; runs with human labels are never rewritten and are listed instead.
    """
    report = reparse_runs(ws.db, source, client)
    out.print(f"Re-parsed {report.examined} archived runs: {report.changed} changed, "
              f"{report.results_written} results written.")  # fmt: skip
    for change, count in sorted(report.status_changes.items()):
        out.print(f"  {change}: {count}")
    if report.kept_labelled:
        ids = ", ".join(str(i) for i in report.kept_labelled[:20])
        message = (
            f"{len(report.kept_labelled)} changed runs carry human labels and were kept as "
            f"they are (run ids {ids}): review them before re-parsing."
        )
        err.print(message, markup=False)
