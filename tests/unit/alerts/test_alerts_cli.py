"""``serpshield alerts`` end to end, and the runs that raise alerts when the webhook is down."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from data import open_warehouse
from serpshield import alerts as alert_jobs
from serpshield import cli_serps
from serpshield.cli import cli
from serpshield.serp_jobs import SourceSummary

HOOK = "SERPSHIELD_TEST_HOOK"
# Loopback: the monitor's guard refuses it, so `monitor urls` checks it without any request.
URL = "https://127.0.0.1/t/lea-fit-full-pack"


def run(ws: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    base = {"SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": ""}
    return CliRunner().invoke(cli, ["-w", str(ws), *args], env={**base, **(env or {})},
                              catch_exceptions=False)  # fmt: skip


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace whose alerts go to a webhook on 127.0.0.1, with one overdue notice."""
    monkeypatch.setattr(alert_jobs, "RETRY_BASE_DELAY", 0.0)
    assert run(tmp_path, "init", str(tmp_path)).exit_code == 0
    config = tmp_path / "serpshield.toml"
    text = config.read_text()
    assert text.count("[alerts]\n") == 1
    config.write_text(text.replace(
        "[alerts]\n", f'[alerts]\nwebhook_url_env = "{HOOK}"\nallow_addresses = ["127.0.0.1"]\n'
    ))  # fmt: skip
    item = ("-c", "lea-fit", "-i", "Set")
    assert (
        run(tmp_path, "leaks", "add", *item, "--found-at", "2026-01-01T08:00", URL).exit_code == 0
    )
    notice = run(tmp_path, "leaks", "event", "notice_sent", URL, *item, "--channel", "host",
                 "--route", "copyright", "--at", "2026-01-02T08:00")  # fmt: skip
    assert notice.exit_code == 0, notice.output
    return tmp_path


def down_hook() -> dict[str, str]:
    """A webhook address on a port nothing listens on (connection refused at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return {HOOK: f"http://127.0.0.1:{port}/services/T/B/secret-token"}


def stored(ws: Path) -> list[tuple[object, ...]]:
    with open_warehouse(ws / "data/serpshield.duckdb", read_only=True) as con:
        return con.execute("SELECT kind, delivered_at IS NULL, delivery_attempts, delivery_error "
                           "FROM alerts").fetchall()  # fmt: skip


def test_monitor_urls_exits_0_when_the_webhook_is_down(ws: Path) -> None:
    result = run(ws, "monitor", "urls", env=down_hook())
    assert result.exit_code == 0, result.output
    assert "new alert" in result.stdout and "SLA of 72 h breached" in result.stdout
    assert "webhook delivery to 127.0.0.1 failed" in result.stderr
    assert "secret-token" not in result.output
    ((kind, undelivered, attempts, error),) = stored(ws)
    assert kind == "sla_warning" and undelivered and attempts == 1
    assert isinstance(error, str) and error.startswith("127.0.0.1: connection failed")


def test_collect_serps_exits_0_when_the_webhook_is_down(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def collected(*args: object, **kwargs: object) -> list[SourceSummary]:
        return [SourceSummary("serpapi", counts={"ok": 1})]

    monkeypatch.setattr(cli_serps, "collect_serps_job", collected)
    result = run(ws, "collect", "serps", env=down_hook())
    assert result.exit_code == 0, result.output
    assert "webhook delivery to 127.0.0.1 failed" in result.stderr
    assert [row[0] for row in stored(ws)] == ["sla_warning"]


def test_a_missing_webhook_variable_is_a_warning(ws: Path) -> None:
    result = run(ws, "monitor", "urls")
    assert result.exit_code == 0
    assert f"environment variable {HOOK} is not set" in result.stderr
    assert stored(ws)[0][1:3] == (True, 0)


def test_list_json_ack_and_all(ws: Path) -> None:
    check = run(ws, "alerts", "check", "--at", "2026-01-05T08:00", env=down_hook())
    assert check.exit_code == 1, "for cron: the delivery failed"
    assert "SLA of 72 h breached" in check.stdout
    listed = run(ws, "alerts")
    assert listed.exit_code == 0 and "sla_warning" in listed.stdout
    assert "failed x1" in listed.stdout and "connection failed" in listed.stderr
    (line,) = run(ws, "alerts", "--json").stdout.splitlines()
    item = json.loads(line)
    assert item["kind"] == "sla_warning" and item["client"] == "lea-fit"
    assert item["severity"] == "critical" and item["delivered_at"] is None
    assert "127.0.0.1/t" not in line, "a leak URL never appears in full"
    assert run(ws, "alerts", "--client", "nordlys", "--json").stdout == ""
    acked = run(ws, "alerts", "ack", str(item["id"]))
    assert acked.exit_code == 0 and f"Acknowledged {item['id']}" in acked.stdout
    assert "No open alerts." in run(ws, "alerts").stdout
    assert "Already acknowledged" in run(ws, "alerts", "ack", str(item["id"])).stdout
    (again,) = run(ws, "alerts", "--all", "--json").stdout.splitlines()
    assert json.loads(again)["acknowledged_at"] is not None
    audit = run(ws, "audit", "list")
    assert "alert_ack" in audit.stdout and f"alert:{item['id']}" in audit.stdout


def test_ack_of_an_unknown_id_exits_2_and_acknowledges_nothing(ws: Path) -> None:
    run(ws, "alerts", "check", env={})
    result = run(ws, "alerts", "ack", "1", "99")
    assert result.exit_code == 2 and "no alert with id 99" in result.stderr
    assert "sla_warning" in run(ws, "alerts").stdout


def test_check_without_a_webhook_exits_0(ws: Path) -> None:
    config = ws / "serpshield.toml"
    config.write_text(config.read_text().replace(f'webhook_url_env = "{HOOK}"\n', ""))
    result = run(ws, "alerts", "check")
    assert result.exit_code == 0 and "Alerts evaluated." in result.stdout
    assert run(ws, "alerts", "check").stdout.strip() == "Alerts evaluated.", "nothing new"
