"""source_failing, and what alert messages may say (never a full URL, never a title)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from serpshield.alert_messages import Alert, alert_line, webhook_payload
from serpshield.alerts import evaluate_alerts
from tests.unit.alerts.conftest import T0, Warehouse, config, hours

CFG = config()  # window 24 h, at least 3 runs, more than half not ok


def runs(wh: Warehouse, statuses: str, start: datetime = T0, source: str = "serpapi") -> None:
    """One run per letter, an hour apart: o = ok, f = failed, b = blocked, e = empty."""
    names = {"o": "ok", "f": "failed", "b": "blocked", "e": "empty"}
    for i, letter in enumerate(statuses):
        wh.run(start + hours(i), status=names[letter], source=source)


def failing(wh: Warehouse, after_hours: float) -> list[str]:
    return [a.message for a in evaluate_alerts(CFG, wh.db, T0 + hours(after_hours))]


@pytest.mark.parametrize(
    ("statuses", "alerts"),
    [("ofb", True), ("fe", False), ("offo", False), ("ooof", False), ("bbbb", True)],
    ids=["2-of-3", "too-few-runs", "exactly-half", "mostly-ok", "all-blocked"],
)
def test_a_source_alerts_when_most_of_its_runs_fail(
    wh: Warehouse, statuses: str, alerts: bool
) -> None:
    runs(wh, statuses)
    assert bool(failing(wh, 5)) is alerts


def test_the_message_counts_each_failure_kind_and_alerts_once_a_day(wh: Warehouse) -> None:
    runs(wh, "ofbe")
    (message,) = failing(wh, 5)
    assert message == (
        "source serpapi: 3 of 4 runs in the last 24 h were not ok (failed 1, blocked 1, empty 1)"
    )
    assert failing(wh, 6) == []
    runs(wh, "fff", start=T0 + hours(24))
    assert len(failing(wh, 27)) == 1, "a new UTC day, still failing: a new alert"
    keys = [key for _, key, _, _ in wh.alerts()]
    assert keys == ["serpapi:2026-11-20", "serpapi:2026-11-21"]


def test_runs_outside_the_window_and_other_sources_do_not_count(wh: Warehouse) -> None:
    runs(wh, "fff")
    assert failing(wh, 30) == [], "runs more than 24 h old"
    runs(wh, "ff", start=T0 + hours(40))
    runs(wh, "o", start=T0 + hours(40), source="searxng")
    assert failing(wh, 42) == []


def test_runs_of_inactive_clients_do_not_count(wh: Warehouse) -> None:
    runs(wh, "fff")
    wh.sql("UPDATE clients SET active = FALSE")
    assert failing(wh, 5) == []


# --- privacy ----------------------------------------------------------------------------------

SECRET_PATH = "/t/lea-fit-nude-full-set?id=98765"
LEAK_URL = f"https://leakzone.example{SECRET_PATH}"
TITLE = "Lea Fit intimate video"


def test_no_message_or_webhook_body_holds_a_full_url_or_a_title(wh: Warehouse) -> None:
    wh.run(T0, [(2, LEAK_URL, 0.95, "ncii")])
    wh.sql("UPDATE serp_results SET title = ?", [TITLE])
    url_id = wh.leak(LEAK_URL, T0, item=TITLE)
    wh.event(url_id, "notice_sent", T0, "host", "privacy_ncii")
    wh.event(url_id, "removed", T0 + hours(1), "host")
    wh.event(url_id, "reinstated", T0 + hours(2), "host")
    wh.event(url_id, "notice_sent", T0 + hours(3), "google", "privacy_ncii")
    wh.leak(f"https://mirror.example{SECRET_PATH}", T0 + hours(4), item=TITLE)
    raised = evaluate_alerts(CFG, wh.db, T0 + hours(60))
    assert {a.kind for a in raised} == {"harmful_entry", "sla_warning", "recirculation"}
    body = json.dumps(webhook_payload(raised))
    for text in [body, *(a.message for a in raised)]:
        assert "lea-fit-nude" not in text and "98765" not in text and "intimate" not in text
    assert "leakzone.example" in body and "mirror.example" in body


def test_the_webhook_body_is_slack_compatible() -> None:
    alert = Alert(7, "harmful_entry", "critical", "lea-fit", 'entered "a <b> & c"', T0)
    payload = webhook_payload([alert, Alert(8, "source_failing", "warning", None, "m", T0)])
    assert payload["text"] == (
        '[CRITICAL] lea-fit: entered "a &lt;b&gt; &amp; c"\n[WARNING] workspace: m'
    )
    assert payload["alerts"] == [
        {"id": 7, "kind": "harmful_entry", "severity": "critical", "client": "lea-fit",
         "message": 'entered "a <b> & c"', "raised_at": "2026-11-20T00:00:00Z"},
        {"id": 8, "kind": "source_failing", "severity": "warning", "client": None,
         "message": "m", "raised_at": "2026-11-20T00:00:00Z"},
    ]  # fmt: skip
    assert alert_line(alert).startswith("[CRITICAL] lea-fit: ")
