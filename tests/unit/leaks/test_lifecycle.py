"""The lifecycle table: states derived from events, impossible transitions refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from models.lifecycle import ALLOWED, EVENT_STATE, Event, TransitionError, compute_states, replay

T0 = datetime(2026, 11, 1, 8, tzinfo=UTC)


def events(*names: str) -> list[Event]:
    return [Event(name, T0 + timedelta(hours=i)) for i, name in enumerate(names)]


@pytest.mark.parametrize(
    ("names", "state"),
    [
        (("detected",), "detected"),
        (("detected", "notice_sent"), "noticed"),
        (("detected", "notice_sent", "acknowledged", "removed"), "removed"),
        (("detected", "notice_sent", "removed", "reinstated", "notice_sent"), "noticed"),
        (("detected", "notice_sent", "rejected", "notice_sent", "delisted"), "delisted"),
        (("detected", "removed"), "removed"),  # the host acted before any notice
        (("detected", "notice_sent", "removed", "delisted"), "delisted"),
    ],
)
def test_state_is_what_the_events_say(names: tuple[str, ...], state: str) -> None:
    assert replay(events(*names)) == state


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (("notice_sent",), "notice_sent is impossible while the URL is unknown"),
        (("detected", "acknowledged"), "acknowledged is impossible while the URL is detected"),
        (("detected", "reinstated"), "reinstated is impossible while the URL is detected"),
        (("detected", "detected"), "detected is impossible while the URL is detected"),
        (
            ("detected", "notice_sent", "removed", "removed"),
            "removed is impossible while the URL is removed",
        ),
    ],
)
def test_impossible_transitions_name_the_url_and_states(
    names: tuple[str, ...], message: str
) -> None:
    with pytest.raises(TransitionError, match=message) as caught:
        replay(events(*names), where="https://leak.example/t/1")
    assert str(caught.value).startswith("https://leak.example/t/1: ")


def test_events_are_replayed_in_time_order_not_arrival_order() -> None:
    late_first = [Event("notice_sent", T0 + timedelta(hours=2)), Event("detected", T0)]
    assert replay(late_first) == "noticed"


def test_the_table_is_closed() -> None:
    reachable = set(EVENT_STATE.values())
    assert set(ALLOWED) - {None} == reachable
    assert all(events_ <= set(EVENT_STATE) for events_ in ALLOWED.values())


def test_compute_states_per_url() -> None:
    frame = pd.DataFrame(
        {
            "leak_url_id": [1, 1, 2],
            "event": ["detected", "notice_sent", "detected"],
            "occurred_at": [T0, T0 + timedelta(hours=1), T0],
        }
    )
    states = compute_states(frame).set_index("leak_url_id")["state"].to_dict()
    assert states == {1: "noticed", 2: "detected"}


def test_host_removed_survives_a_later_delisting_and_ends_with_a_reinstatement() -> None:
    steps = ["detected", "notice_sent", "removed", "delisted", "reinstated"]
    frame = pd.DataFrame({"leak_url_id": [1] * 5, "event": steps,
                          "occurred_at": [T0 + timedelta(hours=h) for h in range(5)]})  # fmt: skip
    down = compute_states(frame.iloc[:4]).set_index("leak_url_id")
    assert down.loc[1, "state"] == "delisted" and bool(down.loc[1, "host_removed"])
    back = compute_states(frame).set_index("leak_url_id")
    assert not bool(back.loc[1, "host_removed"])
