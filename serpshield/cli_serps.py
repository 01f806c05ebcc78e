"""Search-results commands: ``parse``, ``import serp`` and ``collect serps``.

``parse`` is a contract that tests and external checks rely on: a JSON array of organic
results on stdout; a blocked page exits 3 with nothing on stdout; an unreadable or
unparseable file exits 2 with a message naming the file.
"""

from __future__ import annotations

import json
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
from serpshield.cli_alerts import report_run_alerts
from serpshield.cli_common import EXIT_BLOCKED, EXIT_INVALID, err, fail, out, pass_workspace
from serpshield.config import load_config
from serpshield.reparse import reparse_runs
from serpshield.serp_jobs import collect_serps_job, parse_file
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
    report_run_alerts(ws, cfg)  # never changes the exit code below
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
