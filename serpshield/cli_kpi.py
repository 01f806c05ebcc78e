"""``serpshield kpi``: one client's KPIs, exactly as KPIS.md defines them, as JSON or a table."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from models.kpi_catalog import kpi_entry
from serpshield.cli_common import EXIT_INVALID, WHEN, as_utc, fail, out, pass_workspace
from serpshield.config import load_config
from serpshield.kpi_jobs import KPI_KEYS, UnknownClientError, client_kpis, period_from
from serpshield.workspace import Workspace

_DAY = click.DateTime(["%Y-%m-%d"])


@click.command()
@click.option("--client", "-c", required=True, help="The client's slug.")
@click.option("--from", "start", type=_DAY, default=None,
              help="First day of the period (YYYY-MM-DD, in the workspace's time zone); "
                   "default: all history.")  # fmt: skip
@click.option("--as-of", "as_of", type=WHEN, default=None,
              help="The 'now' used for censoring and windows (UTC unless it has an offset); "
                   "default: now.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@pass_workspace
def kpi(ws: Workspace, client: str, start: datetime | None, as_of: datetime | None,
        as_json: bool) -> None:  # fmt: skip
    """Every KPI of one client: exposure, SERP health, takedown delay, SLA compliance,
    recirculation at D+7, detection delay, reputational MTTR and the funnel. A median never
    reached prints as "not_reached"; a KPI without data is null."""
    cfg = load_config(ws.config_path)
    try:
        period = period_from(start.date() if start else None,
                             as_utc(as_of) if as_of else None, cfg.workspace.timezone)  # fmt: skip
        values = client_kpis(cfg, ws.db, client, period)
    except (UnknownClientError, ValueError) as exc:
        fail(str(exc), EXIT_INVALID)
    if as_json:
        click.echo(json.dumps(values, ensure_ascii=False))
        return
    _print_table(values)


def _print_table(values: dict[str, Any]) -> None:
    start = values["from"] or "all history"
    out.print(f"KPIs of {values['client']} from {start} to {values['as_of']}")
    if values["unscored_snapshots"]:
        out.print(f"[yellow]{values['unscored_snapshots']} snapshots have unscored results and "
                  "are left out of exposure: run `serpshield score`.[/]")  # fmt: skip
    table = Table("KPI", "value", "unit")
    for key in KPI_KEYS:
        entry = kpi_entry(key)
        table.add_row(key, Text(_format(values[key])), entry.unit)
    out.print(table)
    out.print("Definitions: `serpshield kpi --help`, docs/kpis.md, and each dashboard card's help.")


def _format(value: Any) -> str:
    """A KPI value for a person: null -> "no data", nested values on one line."""
    if value is None:
        return "no data"
    if value == "not_reached":
        return "not reached"
    if isinstance(value, float):
        return f"{value:,.4g}"
    if isinstance(value, list):
        return "[" + ", ".join(_format(v) for v in value) + "]"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_format(v)}" for k, v in value.items() if k != "stages")
    return str(value)
