"""`serpshield kpi`: the command's JSON contract on a small warehouse built by hand."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner, Result

from serpshield.cli import cli
from serpshield.kpi_jobs import KPI_KEYS

from .warehouse import DAY, T0, open_test_warehouse
from .warehouse import Result as Row

ENV = {"SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": ""}
AS_OF = T0 + 40 * DAY


def run(ws: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-w", str(ws), *args], env=ENV, catch_exceptions=False)


def _workspace(tmp_path: Path) -> Path:
    """The example workspace, whose warehouse holds: one query seen on two days (a harmful
    result at position 3 on day 1: exposure 0.125 (KPIS.md case E); nothing harmful on day 2),
    and reference case D of KPIS.md as notices: one removal after 1 h, five notices still
    pending after 2..6 h of waiting (censored at as-of), so the median is not reached."""
    assert CliRunner().invoke(cli, ["init", str(tmp_path)], env=ENV).exit_code == 0
    folder = tmp_path / "build"
    folder.mkdir()
    with open_test_warehouse(folder) as w:
        client = w.client("acme")
        query = w.query(client)
        w.run(query, T0 + timedelta(hours=6), [Row(1, 0.0), Row(3, 1.0), Row(12, 1.0)])
        w.run(query, T0 + DAY + timedelta(hours=6), [Row(1, 0.0), Row(2, 0.0)])
        item = w.item(client)
        for n, waited in enumerate((1, 2, 3, 4, 5, 6)):
            url = w.leak(item, f"https://leaks.example/{n}", T0)
            sent = AS_OF - timedelta(hours=waited)
            w.event(url, "detected", T0)
            w.event(url, "notice_sent", sent, channel="host", route="copyright")
            if n == 0:
                w.event(url, "removed", sent + timedelta(hours=1), channel="host")
    db = tmp_path / "data" / "serpshield.duckdb"
    db.unlink()
    shutil.copyfile(folder / "kpi.duckdb", db)
    return tmp_path


def test_json_follows_the_contract(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    result = run(ws, "kpi", "--client", "acme", "--as-of", AS_OF.isoformat(), "--json")
    assert result.exit_code == 0, result.output
    values = json.loads(result.stdout)
    assert set(KPI_KEYS) <= set(values)
    assert values["exposure"] == 0.0625, "mean of the query-days 0.125 and 0"
    assert values["serp_health"] == 93.75
    assert values["takedown_median_hours"] == "not_reached", "reference case D"
    assert values["takedown_median_ci_hours"][1] == "not_reached"
    assert values["sla"]["copyright"] == {"rate": None, "n": 0, "pending": 6}
    assert values["sla"]["privacy_ncii"]["rate"] is None
    assert values["recirculation_d7"]["items"] == 0 and values["recirculation_d7"]["rate"] is None
    assert values["mttd_median_hours"] is None, "no publication time known: not shown"
    assert values["funnel"]["stages"][0] == {"stage": "detected", "urls": 6, "items": 1}


def test_the_period_and_as_of_cut_the_history(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    day2 = (T0 + DAY).date().isoformat()
    later = run(ws, "kpi", "-c", "acme", "--from", day2, "--as-of", AS_OF.isoformat(), "--json")
    assert json.loads(later.stdout)["exposure"] == 0.0, "only the clean second day"
    before = run(ws, "kpi", "-c", "acme", "--as-of", (T0 - DAY).isoformat(), "--json")
    values = json.loads(before.stdout)
    assert values["exposure"] is None and values["takedown_median_hours"] is None


def test_table_and_refusals(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    table = run(ws, "kpi", "--client", "acme", "--as-of", AS_OF.isoformat())
    assert table.exit_code == 0 and "not reached" in table.output and "serp_health" in table.output
    unknown = run(ws, "kpi", "--client", "nobody", "--json")
    assert unknown.exit_code == 2 and "unknown client 'nobody'" in unknown.stderr
    reversed_period = run(ws, "kpi", "-c", "acme", "--from", "2030-01-01", "--as-of", "2029-01-01")
    assert reversed_period.exit_code == 2 and "after --as-of" in reversed_period.stderr
