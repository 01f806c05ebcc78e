"""The ``demo`` command: build a demo workspace from a simulated world, with the real pipeline.

The command parses options and calls ``serpshield.demo.build.build_demo``; the summary it
prints is read back from the warehouse (``serpshield.demo.summary``). It refuses any folder
that is neither empty nor a demo workspace, so a typo in ``--workspace`` can never rebuild
someone's real workspace.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from click.core import ParameterSource
from rich.table import Table

from serpshield.cli_common import EXIT_INVALID, err, fail, out
from serpshield.demo.build import DEFAULT_SEED, DemoStoryError, build_demo
from serpshield.demo.folder import DemoFolderError
from serpshield.demo.scenario import DEFAULT_DAYS, MAX_DAYS, MIN_DAYS
from serpshield.demo.summary import DemoSummary, summarize
from serpshield.demo.world import END
from serpshield.workspace import Workspace

DEFAULT_FOLDER = Path("demo-workspace")


@contextmanager
def _quiet_collectors() -> Iterator[None]:
    """The demo fails some fetches on purpose; their warnings would only alarm."""
    logger = logging.getLogger("serpshield.collectors")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _target(ctx: click.Context, directory: Path | None) -> Path:
    """``demo --workspace``, else a ``--workspace`` typed before ``demo``, else the default."""
    if directory is not None:
        return directory.resolve()
    root = ctx.find_root()
    if root.get_parameter_source("workspace") == ParameterSource.COMMANDLINE:
        ws: Workspace = ctx.obj
        return ws.root
    return DEFAULT_FOLDER.resolve()


def _value(value: object, unit: str = "") -> str:
    if value is None:
        return "-"
    if value == "not_reached":
        return "not reached"
    return f"{value:g}{unit}" if isinstance(value, int | float) else str(value)


def _recirculation(value: object) -> str:
    """R7, its denominator, and the missed copies and reinstatements reported beside it."""
    if not isinstance(value, dict) or value.get("rate") is None:
        return "-"
    return (f"{value['rate']:.0%} of {value['items']} ({value['missed_copies']} missed, "
            f"{value['reinstatements']} back)")  # fmt: skip


def _print_summary(summary: DemoSummary) -> None:
    table = Table("client", "leak URLs now", "alerts", "takedown median", "R7",
                  "MTTR median", "open incidents")  # fmt: skip
    for c in summary.clients:
        states = ", ".join(f"{n} {state}" for state, n in c.leak_states.items()) or "none"
        k = c.kpis
        table.add_row(
            c.name, states, str(c.alerts), _value(k.get("takedown_median_hours"), " h"),
            _recirculation(k.get("recirculation_d7")),
            _value(k.get("reputational_mttr_median_days"), " d"), _value(k.get("open_incidents")),
        )  # fmt: skip
    out.print(table)
    shown = ("queries", "serp_runs", "serp_results", "harm_scores", "leak_urls", "url_events",
             "url_checks", "content_assets", "alerts")  # fmt: skip
    out.print("Rows: " + ", ".join(f"{name} {summary.tables.get(name, 0)}" for name in shown))


@click.command()
@click.option(
    "--workspace",
    "-w",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"Folder to build the demo in (default: ./{DEFAULT_FOLDER}); it must be empty, "
    "missing, or an earlier demo.",
)
@click.option(
    "--seed",
    type=click.IntRange(0, 2**31 - 1),
    default=DEFAULT_SEED,
    show_default=True,
    help="Seed of the simulated world: the same seed builds the same warehouse.",
)
@click.option(
    "--days",
    type=click.IntRange(MIN_DAYS, MAX_DAYS),
    default=DEFAULT_DAYS,
    show_default=True,
    help=f"Days of history to simulate, ending on {END.isoformat()}.",
)
@click.option("--force", is_flag=True, help="Rebuild an existing demo workspace from scratch.")
@click.pass_context
def demo(ctx: click.Context, directory: Path | None, seed: int, days: int, force: bool) -> None:
    """Build a demo workspace: an agency, three fictional clients and their stories.

    A fitness creator whose premium set leaks to a forum and its mirrors, an e-commerce brand
    whose launch visuals leak before the launch, and a public figure facing a defamatory
    article that defensive content pushes down. The real collectors fetch from a simulated
    search engine, the real monitor checks simulated hosts, then the harm model, alerts, plan
    and KPIs run: nothing touches the network. Open it with
    `serpshield --workspace DIR dashboard`.
    """
    root = _target(ctx, directory)
    try:
        with _quiet_collectors():
            report = build_demo(root, seed=seed, days=days, force=force,
                                progress=lambda m: err.print(m, markup=False))  # fmt: skip
    except DemoFolderError as exc:
        fail(str(exc), EXIT_INVALID)
    except DemoStoryError as exc:
        fail(f"the demo story could not be replayed: {exc}")
    steps = report.steps
    out.print(f"Built the demo workspace {root} in {report.seconds:.0f} s "
              f"(seed {seed}, {days} days to {END.isoformat()}).")  # fmt: skip
    _print_summary(summarize(report.db, steps.kpis if steps else None))
    out.print(f"Open it: serpshield --workspace {root} dashboard")
