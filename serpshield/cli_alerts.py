"""Alert commands: ``alerts`` lists, ``alerts ack`` acknowledges, ``alerts check`` evaluates.

``report_run_alerts`` is the hook ``collect serps`` and ``monitor urls`` call once their
observations are stored: it prints the alerts raised and any delivery warning, and never
changes how the run exits (a chat service being down is not a failed collection).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

import click
from rich.table import Table
from rich.text import Text

from collectors.errors import CollectorError
from data import WarehouseError
from serpshield.alert_messages import Alert, alert_line, iso
from serpshield.alerts import acknowledge, list_alerts, run_alerts
from serpshield.cli_common import (
    EXIT_FAILED,
    EXIT_INVALID,
    WHEN,
    as_utc,
    err,
    fail,
    out,
    pass_workspace,
)
from serpshield.config import WorkspaceConfig, load_config
from serpshield.workspace import Workspace, current_actor

SEVERITY_STYLE = {"critical": "bold red", "warning": "yellow", "info": "cyan"}


def alerts_table(alerts: Sequence[Alert], with_ack: bool = False) -> Table:
    """Alerts as a table; every cell is plain text (messages quote queries people typed)."""
    headers = ["id", "severity", "client", "message", "raised (UTC)", "delivered"]
    table = Table(*headers, *(["acknowledged"] if with_ack else []))
    for column in table.columns:  # the message wraps; the rest stays on one line
        column.no_wrap = column.header != "message"
        column.min_width = 30 if column.header == "message" else None
    for a in alerts:
        if a.delivered_at is not None:
            delivered = _short(a.delivered_at)
        elif a.delivery_attempts:
            delivered = f"failed x{a.delivery_attempts}"
        else:
            delivered = "no"
        table.add_row(
            str(a.alert_id), Text(a.severity, style=SEVERITY_STYLE.get(a.severity, "")),
            Text(a.client or "-"), Text(f"{a.kind}: {a.message}"), _short(a.raised_at),
            delivered, *([_short(a.acknowledged_at)] if with_ack else []),
        )  # fmt: skip
    return table


def _short(moment: datetime | None) -> str:
    return "no" if moment is None else f"{moment:%m-%d %H:%M}"


def last_delivery_error(alerts: Sequence[Alert]) -> str | None:
    """The error of the newest failed delivery among ``alerts`` (host and status only)."""
    failed = [a for a in alerts if a.delivered_at is None and a.delivery_error]
    return max(failed, key=lambda a: (a.raised_at, a.alert_id)).delivery_error if failed else None


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else iso(moment)


def report_run_alerts(ws: Workspace, cfg: WorkspaceConfig, now: datetime | None = None) -> bool:
    """Evaluate, store, print and deliver alerts after a run; True when nothing went wrong.

    A warehouse problem (another process holding it) or a delivery failure is a warning on
    stderr: the run's own outcome, already stored, decides its exit code.
    """
    try:
        run = run_alerts(cfg, ws.db, now=now)
    except (WarehouseError, CollectorError) as exc:
        err.print(f"warning: alerts were not evaluated: {exc}", markup=False)
        return False
    if run.raised:  # one line each: a cron log is read with grep, not in a wide terminal
        out.print(f"{len(run.raised)} new alert(s):")
        for alert in run.raised:
            out.print(f"  {alert_line(alert)} (alert {alert.alert_id})", markup=False)
    for warning in run.warnings:
        err.print(f"warning: {warning}", markup=False)
    return not run.warnings


@click.group(invoke_without_command=True)
@click.option("--client", "-c", default=None, help="Only this client's alerts (slug).")
@click.option("--all", "include_acknowledged", is_flag=True, help="Include acknowledged alerts.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per line.")
@click.pass_context
def alerts(ctx: click.Context, client: str | None, include_acknowledged: bool,
           as_json: bool) -> None:  # fmt: skip
    """List open alerts, newest first (`alerts ack ID` closes them).

    Alerts are raised after each `collect serps` and `monitor urls` run: a harmful result
    entering the top N of a query, a notice past its SLA warning share, a removed item found
    again, a source failing most of its runs.
    """
    if ctx.invoked_subcommand is not None:
        return
    ws = ctx.find_object(Workspace)
    if ws is None:  # pragma: no cover (the root group always sets it)
        fail("no workspace")
    rows = list_alerts(ws.db, client, include_acknowledged)
    if as_json:
        for a in rows:
            item = {**a.as_json(), "delivered_at": _iso(a.delivered_at),
                    "acknowledged_at": _iso(a.acknowledged_at)}  # fmt: skip
            click.echo(json.dumps(item, ensure_ascii=False))
        return
    if not rows:
        out.print("No open alerts." if not include_acknowledged else "No alerts.")
        return
    out.print(alerts_table(rows, with_ack=include_acknowledged))
    error = last_delivery_error(rows)
    if error:
        err.print(f"last webhook delivery error: {error}", markup=False)


@alerts.command("ack")
@click.argument("ids", nargs=-1, required=True, type=click.IntRange(min=1))
@pass_workspace
def alerts_ack(ws: Workspace, ids: tuple[int, ...]) -> None:
    """Acknowledge alerts by id: they leave the open list (audit-logged). Unknown ids exit 2
    and nothing is acknowledged."""
    report = acknowledge(ws.db, ids, current_actor(), as_utc(None))
    if report.unknown:
        fail(f"no alert with id {', '.join(map(str, report.unknown))}", EXIT_INVALID)
    if report.acknowledged:
        out.print(f"Acknowledged {', '.join(map(str, report.acknowledged))}.")
    if report.already:
        out.print(f"Already acknowledged: {', '.join(map(str, report.already))}.")


@alerts.command("check")
@click.option(
    "--at", "at", type=WHEN, default=None,
    help="Evaluate as of this time (UTC unless an offset is given). Default: now.",
)  # fmt: skip
@pass_workspace
def alerts_check(ws: Workspace, at: datetime | None) -> None:
    """Evaluate the alert conditions now, store and print new alerts, and send every alert not
    yet delivered to the webhook. For cron: exits 1 when the delivery failed."""
    cfg = load_config(ws.config_path)
    if not report_run_alerts(ws, cfg, as_utc(at)):
        raise SystemExit(EXIT_FAILED)
    out.print("Alerts evaluated.")
