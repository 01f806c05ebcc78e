"""sla_warning and recirculation: notices running out of time, removed items coming back."""

from __future__ import annotations

import pytest

from serpshield.alerts import acknowledge, evaluate_alerts
from tests.unit.alerts.conftest import T0, Warehouse, config, hours

URL = "https://leakzone.example/t/lea-fit-pack"
CFG = config()


def severities(wh: Warehouse, after_hours: float, cfg: object = CFG) -> list[str]:
    raised = evaluate_alerts(cfg, wh.db, T0 + hours(after_hours))  # type: ignore[arg-type]
    return [a.severity for a in raised]


def noticed(wh: Warehouse, channel: str = "host", route: str = "privacy_ncii") -> int:
    url_id = wh.leak(URL, T0 - hours(1))
    wh.event(url_id, "notice_sent", T0, channel, route)
    return url_id


# --- sla_warning ------------------------------------------------------------------------------


def test_a_notice_warns_at_75_percent_then_escalates_once_at_the_deadline(wh: Warehouse) -> None:
    noticed(wh)  # privacy_ncii: 48 h window, warning from 36 h
    assert severities(wh, 35.9) == []
    assert severities(wh, 36) == ["warning"]
    assert severities(wh, 40) == [], "one alert per notice"
    assert severities(wh, 48) == ["critical"], "the breach is raised anew on the same row"
    assert severities(wh, 60) == []
    rows = wh.alerts()
    assert len(rows) == 1 and rows[0][2] == "critical" and "breached" in rows[0][3]


def test_escalation_reopens_an_acknowledged_warning(wh: Warehouse) -> None:
    noticed(wh)
    assert severities(wh, 36) == ["warning"]
    wh.close()
    assert acknowledge(wh.db, [1], "ana", T0 + hours(37)).acknowledged == [1]
    assert severities(wh, 49) == ["critical"]
    assert wh.sql("SELECT acknowledged_at FROM alerts") == [(None,)]


@pytest.mark.parametrize(
    ("route", "warn_at"),
    [("copyright", 54), ("other", 54), ("none", 54), ("privacy_ncii", 36)],
)
def test_the_window_depends_on_the_legal_route(wh: Warehouse, route: str, warn_at: int) -> None:
    noticed(wh, route=route)
    assert severities(wh, warn_at - 0.5) == []
    assert severities(wh, warn_at) == ["warning"]


@pytest.mark.parametrize(
    ("channel", "event", "event_channel", "alerts"),
    [
        ("host", "removed", "host", False),
        ("host", "delisted", "google", True),  # still online at the host the notice went to
        ("google", "delisted", "google", False),
        ("google", "removed", "host", False),  # gone at the host: nothing left to delist
        ("google", "delisted", "bing", True),  # another engine: not this notice's removal
        ("bing", "rejected", "bing", False),  # the recipient said no: nothing to wait for
        ("host", "acknowledged", "host", True),  # receipt is not removal
    ],
)
def test_what_ends_the_wait_depends_on_the_channel(
    wh: Warehouse, channel: str, event: str, event_channel: str, alerts: bool
) -> None:
    url_id = noticed(wh, channel=channel)
    wh.event(url_id, event, T0 + hours(10), event_channel)
    assert bool(severities(wh, 40)) is alerts


def test_a_removal_after_now_does_not_count_yet(wh: Warehouse) -> None:
    url_id = noticed(wh)
    wh.event(url_id, "removed", T0 + hours(45), "host")
    assert severities(wh, 40) == ["warning"]


def test_the_share_is_configurable(wh: Warehouse) -> None:
    noticed(wh)
    assert severities(wh, 24, config(sla_warning_share=0.5)) == ["warning"]


# --- recirculation ----------------------------------------------------------------------------


def test_a_new_copy_after_the_removal_is_critical(wh: Warehouse) -> None:
    first = wh.leak(URL, T0)
    wh.event(first, "removed", T0 + hours(24), "host")
    before = wh.leak("https://files.example/known-before", T0 + hours(2))
    assert before
    assert severities(wh, 30) == [], "a URL known before the removal is not recirculation"
    wh.leak("https://mirror.example/new-copy", T0 + hours(48))
    assert severities(wh, 50) == ["critical"]
    assert severities(wh, 60) == []
    (kind, key, _, message), = wh.alerts()  # fmt: skip
    assert kind == "recirculation" and key.endswith(":new_url")
    assert "mirror.example" in message and "new copy" in message


def test_a_missed_copy_is_a_warning(wh: Warehouse) -> None:
    first = wh.leak(URL, T0)
    wh.event(first, "delisted", T0 + hours(24), "google")
    wh.leak("https://mirror.example/old", T0 + hours(48), published=T0 - hours(100))
    assert severities(wh, 50) == ["warning"]
    assert "missed copy" in wh.alerts()[0][3]


def test_an_item_never_removed_has_no_recirculation(wh: Warehouse) -> None:
    wh.leak(URL, T0)
    wh.leak("https://mirror.example/new-copy", T0 + hours(48))
    assert severities(wh, 50) == []


def test_other_items_removals_do_not_count(wh: Warehouse) -> None:
    first = wh.leak(URL, T0, item="A")
    wh.event(first, "removed", T0 + hours(24), "host")
    wh.leak("https://mirror.example/b", T0 + hours(48), item="B")
    assert severities(wh, 50) == []


def test_each_reinstatement_alerts(wh: Warehouse) -> None:
    url_id = wh.leak(URL, T0)
    wh.event(url_id, "removed", T0 + hours(1), "host")
    wh.event(url_id, "reinstated", T0 + hours(5), "host")
    assert severities(wh, 6) == ["critical"]
    assert severities(wh, 7) == []
    wh.event(url_id, "removed", T0 + hours(8), "host")
    wh.event(url_id, "reinstated", T0 + hours(20), "host")
    assert severities(wh, 21) == ["critical"]
    keys = [key for _, key, _, _ in wh.alerts()]
    assert len(set(keys)) == 2 and all(f"{url_id}:reinstated:" in k for k in keys)
