"""Monitor commands: ``monitor urls`` checks every leak URL, ``monitor check URL`` one URL."""

from __future__ import annotations

import json

import click
from rich.table import Table

from serpshield.cli_alerts import report_run_alerts
from serpshield.cli_common import out, pass_workspace
from serpshield.config import load_config
from serpshield.monitor import check_one, monitor_urls
from serpshield.workspace import Workspace


@click.group()
def monitor() -> None:
    """Check leaked URLs over HTTP, through the SSRF guard, and record what changed."""


@monitor.command("urls")
@click.option("--client", "-c", default=None, help="Only this client's leak URLs.")
@pass_workspace
def monitor_urls_command(ws: Workspace, client: str | None) -> None:
    """Check every leak URL, store the checks, and record confirmed removals (two failing
    checks at least `removal_confirm_minutes` apart) and reinstatements."""
    cfg = load_config(ws.config_path)
    report = monitor_urls(cfg, ws.db, client)
    table = Table("checked", "live", "removed", "unknown", "refused", "removals confirmed",
                  "reinstated")  # fmt: skip
    states = [str(report.by_state.get(s, 0)) for s in ("live", "removed", "unknown", "refused")]
    table.add_row(str(report.checked), *states, str(report.removals_confirmed),
                  str(report.reinstatements))  # fmt: skip
    out.print(table)
    report_run_alerts(ws, cfg)


@monitor.command("check")
@click.argument("url")
@pass_workspace
def monitor_check(ws: Workspace, url: str) -> None:
    """Check one URL now and print {"state", "http_status", "final_url", "reason"} as JSON.

    Nothing is stored. A URL pointing at a private, loopback or metadata address is
    "refused" with the reason.
    """
    check = check_one(load_config(ws.config_path), url)
    click.echo(json.dumps(check.as_json(), ensure_ascii=False))
