"""The monitor job: checks stored, removals confirmed by a second check, reinstatements."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from data import open_warehouse
from serpshield.cli import cli
from serpshield.config import load_config
from serpshield.monitor import conclude, monitor_urls

T0 = datetime(2026, 11, 10, 8, 0)
URL = {
    "leak_url_id": 1,
    "client": "lea-fit",
    "item_title": "Set",
    "url": "https://leak.example/t/1",
}
WINDOW = timedelta(minutes=60)


def check(minutes: int, state: str) -> dict[str, object]:
    return {"leak_url_id": 1, "checked_at": T0 + timedelta(minutes=minutes), "state": state}


@pytest.mark.parametrize(
    ("state", "history", "expected"),
    [
        ("noticed", [check(0, "removed")], []),  # one failing check proves nothing
        ("noticed", [check(0, "removed"), check(30, "removed")], []),  # too close together
        ("noticed", [check(0, "removed"), check(61, "removed")], [("removed", 0)]),
        ("noticed", [check(0, "removed"), check(30, "unknown"), check(90, "removed")],
         [("removed", 0)]),  # an unknown check neither confirms nor breaks
        ("noticed", [check(0, "removed"), check(30, "live"), check(90, "removed")], []),
        ("noticed", [check(0, "live"), check(10, "removed"), check(80, "removed")],
         [("removed", 10)]),  # dated at the first failing check
        ("removed", [check(0, "removed"), check(90, "live")], [("reinstated", 90)]),
        ("removed", [check(0, "removed"), check(90, "removed")], []),
        ("delisted", [check(0, "live")], []),  # delisted by a search engine: live is expected
    ],
)  # fmt: skip
def test_conclude(
    state: str, history: list[dict[str, object]], expected: list[tuple[str, int]]
) -> None:
    events = conclude([URL], [{"leak_url_id": 1, "state": state}], history, WINDOW)
    assert [(e.event, int((e.occurred_at.replace(tzinfo=None) - T0).total_seconds() // 60))
            for e in events] == expected  # fmt: skip
    assert all(e.channel == "host" and e.source == "monitor" for e in events)


class Resolver:
    async def resolve(self, host: str) -> list[str]:
        return ["93.184.216.34"]  # a public address: the guard lets it through


def test_monitor_urls_end_to_end_with_a_simulated_host(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": ""}
    assert runner.invoke(cli, ["init", str(tmp_path)], env=env).exit_code == 0
    url = "https://leakzone.example/t/42"
    added = runner.invoke(cli, ["-w", str(tmp_path), "leaks", "add", "-c", "lea-fit", "-i", "Set",
                                "--found-at", "2026-11-01T08:00", url], env=env)  # fmt: skip
    assert added.exit_code == 0, added.output
    answers = iter([404, 404])
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(next(answers), content=b"gone")

    cfg = load_config(tmp_path / "serpshield.toml")
    db = tmp_path / "data/serpshield.duckdb"
    first = monitor_urls(cfg, db, resolver=Resolver(), transport=httpx.MockTransport(handler))
    assert first.by_state == {"removed": 1} and first.removals_confirmed == 0
    assert seen[0].headers["host"] == "leakzone.example", "the vetted address, with the real Host"
    with open_warehouse(db) as con:  # age the first check past the confirmation window
        con.execute("UPDATE url_checks SET checked_at = checked_at - INTERVAL 2 HOUR")
    second = monitor_urls(cfg, db, resolver=Resolver(), transport=httpx.MockTransport(handler))
    assert second.removals_confirmed == 1
    listed = json.loads(runner.invoke(cli, ["-w", str(tmp_path), "leaks", "list", "--json"],
                                      env=env).stdout)  # fmt: skip
    assert listed[0]["state"] == "removed"
    with open_warehouse(db, read_only=True) as con:
        assert con.execute("SELECT count(*), count(content_sha256) FROM url_checks").fetchone() == (
            2,
            2,
        )
        assert con.execute("SELECT source, channel FROM url_events WHERE event = 'removed'"
                           ).fetchall() == [("monitor", "host")]  # fmt: skip


def test_a_delisting_after_the_host_removal_does_not_hide_it() -> None:
    """State "delisted" after a host removal: the removal is not confirmed again, and the URL
    coming back online at the host is a reinstatement."""
    after_delisting = {"leak_url_id": 1, "state": "delisted", "host_removed": True}
    gone = [check(0, "removed"), check(90, "removed"), check(200, "removed")]
    assert conclude([URL], [after_delisting], gone, WINDOW) == []
    back = conclude([URL], [after_delisting], [*gone, check(300, "live")], WINDOW)
    assert [e.event for e in back] == ["reinstated"]
    delisted_only = {"leak_url_id": 1, "state": "delisted", "host_removed": False}
    assert [e.event for e in conclude([URL], [delisted_only], gone, WINDOW)] == ["removed"]
