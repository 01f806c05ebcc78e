"""The ``serpshield`` command line: thin commands that parse options and call one function.

Expected failures (a bad config, an unusable database path, a locked warehouse) are printed as
one clear message on stderr with a distinct exit code, never as a traceback:
2 = invalid input (config, arguments), 1 = the operation could not be carried out.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from collectors.errors import CollectorError
from collectors.importers import ImportFileError
from data import WarehouseError, open_warehouse
from data.queries import load_audit_log
from serpshield import __version__
from serpshield.cli_alerts import alerts
from serpshield.cli_common import EXIT_FAILED, EXIT_INVALID, err, fail, out, pass_workspace
from serpshield.cli_demo import demo
from serpshield.cli_evidence import audit_verify, evidence, purge
from serpshield.cli_harm import harm, label, model, score
from serpshield.cli_imports import import_group
from serpshield.cli_kpi import kpi
from serpshield.cli_leaks import leaks
from serpshield.cli_monitor import monitor
from serpshield.cli_plan import plan
from serpshield.cli_report import report
from serpshield.cli_serps import collect, parse, reparse
from serpshield.config import ConfigError, load_config, missing_env_vars, resolve_db_path
from serpshield.serp_jobs import ImportRefusedError
from serpshield.workspace import (
    Workspace,
    WorkspaceExistsError,
    init_workspace,
    sync_workspace,
)


class _Cli(click.Group):
    """The root group: turns the documented failures into a message and an exit code.

    Catching them here rather than in ``main`` means tests driving ``cli`` see exactly what a
    person sees.
    """

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ConfigError as exc:
            for issue in exc.issues:
                err.print(str(issue), markup=False)
            fail(f"{len(exc.issues)} problem(s) in the workspace config", EXIT_INVALID)
        except (WarehouseError, WorkspaceExistsError, CollectorError, ImportRefusedError) as exc:
            fail(str(exc), EXIT_INVALID if isinstance(exc, ImportFileError) else EXIT_FAILED)


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="serpshield")
@click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="SERPSHIELD_WORKSPACE",
    default=Path(),
    show_default="current folder",
    help="Workspace folder holding serpshield.toml (or set SERPSHIELD_WORKSPACE).",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Database file (or set SERPSHIELD_DB); default: WORKSPACE/data/serpshield.duckdb.",
)
@click.pass_context
def cli(ctx: click.Context, workspace: Path, db: Path | None) -> None:
    """serpshield: search-results defense analytics for leaked and harmful content.

    Tracks what a search for a name or brand shows, follows leaked URLs from detection to
    removal, and measures whether defensive content pushes harmful results down.
    """
    root = workspace.resolve()
    ctx.obj = Workspace(root=root, db=resolve_db_path(root, db, os.environ))


@cli.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def init(ctx: click.Context, directory: Path | None) -> None:
    """Create a workspace: a commented example serpshield.toml, a data/ folder and a database.

    DIRECTORY defaults to the --workspace folder. An existing serpshield.toml is never
    overwritten.
    """
    ws: Workspace = ctx.obj
    root = directory.resolve() if directory else ws.root
    report = init_workspace(root, resolve_db_path(root, ctx.find_root().params["db"], os.environ))
    out.print(f"Created {report.config_path}")
    out.print(f"Database {report.db_path} ({report.sync.summary()})")
    out.print("Next: edit serpshield.toml, then run `serpshield config check` and `config sync`.")


@cli.group()
def config() -> None:
    """Validate the workspace config and sync it into the warehouse."""


@config.command("check")
@pass_workspace
def config_check(ws: Workspace) -> None:
    """Validate serpshield.toml and report every problem with its line and key (exit 2)."""
    cfg = load_config(ws.config_path)
    queries = sum(len(c.queries) for c in cfg.clients.values())
    sources = [name for name, s in cfg.sources.items() if s.enabled]
    out.print(
        f"{ws.config_path} is valid: {len(cfg.clients)} clients, {queries} queries, "
        f"sources enabled: {', '.join(sources) or 'none'}"
    )
    for name in missing_env_vars(cfg, os.environ):
        err.print(f"warning: {name}", markup=False)


@config.command("sync")
@pass_workspace
def config_sync(ws: Workspace) -> None:
    """Write the config's clients, queries and domains into the warehouse (idempotent).

    Queries and clients removed from the config become inactive; their history stays.
    """
    report = sync_workspace(ws.config_path, ws.db)
    out.print(f"Synced {ws.config_path} into {ws.db}: {report.summary()}")


@cli.group()
def audit() -> None:
    """Read the audit log: who changed what in the warehouse, and when."""


@audit.command("list")
@click.option(
    "--limit",
    type=click.IntRange(1, 10_000),
    default=50,
    show_default=True,
    help="Number of entries to show, newest first.",
)
@pass_workspace
def audit_list(ws: Workspace, limit: int) -> None:
    """Show the newest audit entries."""
    with open_warehouse(ws.db, read_only=True) as con:
        frame = load_audit_log(con, limit)
    frame = frame.assign(logged_at=frame["logged_at"].dt.strftime("%Y-%m-%d %H:%M:%S"))
    table = Table("at (UTC)", "actor", "action", "subject", "details")
    for row in frame.itertuples(index=False):
        table.add_row(*(Text(str(value)) for value in row[1:]))
    out.print(table)


@cli.command()
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8501,
    show_default=True,
    help="Port the dashboard listens on.",
)
@click.option(
    "--address",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; keep the loopback default unless behind a proxy.",
)
@click.option(
    "--open/--no-open",
    "open_browser",
    default=False,
    show_default=True,
    help="Open a browser window on start.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "fr"]),
    default=None,
    help="Interface language (default: the workspace's language).",
)
@click.option(
    "--workspace",
    "-w",
    "other_workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Serve this workspace folder (same as the global --workspace, placed after the "
    "command for scripts: `serpshield dashboard --workspace DIR --port P`).",
)
@pass_workspace
def dashboard(
    ws: Workspace,
    port: int,
    address: str,
    open_browser: bool,
    lang: str | None,
    other_workspace: Path | None,
) -> None:
    """Run the Streamlit dashboard on the workspace's database."""
    if other_workspace is not None:
        root = other_workspace.resolve()
        ws = Workspace(root=root, db=resolve_db_path(root, None, os.environ))
    language = lang
    if language is None and ws.config_path.exists():
        language = load_config(ws.config_path).workspace.language
    app = resources.files("dashboard") / "app.py"
    env = {
        **os.environ,
        "SERPSHIELD_WORKSPACE": str(ws.root),
        "SERPSHIELD_DB": str(ws.db),
        "SERPSHIELD_LANG": language or "en",
    }
    command = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "false" if open_browser else "true",
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
        "--server.fileWatcherType", "none",
        "--server.runOnSave", "false",
        "--client.toolbarMode", "minimal",
        "--client.showErrorLinks", "false",
        "--client.showErrorDetails", "type",
    ]  # fmt: skip
    out.print(f"Dashboard on http://{address}:{port} (workspace {ws.root}); Ctrl+C to stop.")
    sys.stdout.flush()
    # Become the Streamlit server rather than wrapping it, so Ctrl+C and a service manager's
    # SIGTERM reach the server itself and no orphaned server is left behind.
    os.execve(sys.executable, command, env)  # noqa: S606 (a fixed argument list, no shell)


cli.add_command(parse)
cli.add_command(import_group)
cli.add_command(collect)
cli.add_command(reparse)
cli.add_command(leaks)
cli.add_command(monitor)
cli.add_command(evidence)
cli.add_command(purge)
cli.add_command(score)
cli.add_command(harm)
cli.add_command(label)
cli.add_command(model)
cli.add_command(alerts)
cli.add_command(kpi)
cli.add_command(plan)
cli.add_command(report)
cli.add_command(demo)
audit.add_command(audit_verify)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="serpshield")


if __name__ == "__main__":
    main()
