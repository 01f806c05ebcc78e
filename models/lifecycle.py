"""The lifecycle of a leaked URL, derived from its append-only events.

A URL is never "set" to a state: its state is what its events say, in time order. This module
holds the one table of allowed transitions, so an import, the monitor and a person typing a
command all get the same answer when an event makes no sense (a removal acknowledged before any
notice, a reinstatement of a URL that was never removed).

States: ``detected`` (known, no notice yet), ``noticed`` (a notice is out), ``acknowledged``
(the recipient confirmed receipt), ``rejected`` (the recipient refused), ``removed`` (the host
took it down), ``delisted`` (a search engine dropped it), ``reinstated`` (back online after a
removal or delisting).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

STATES = ("detected", "noticed", "acknowledged", "rejected", "removed", "delisted", "reinstated")

# event -> the state it leads to
EVENT_STATE = {
    "detected": "detected",
    "notice_sent": "noticed",
    "acknowledged": "acknowledged",
    "rejected": "rejected",
    "removed": "removed",
    "delisted": "delisted",
    "reinstated": "reinstated",
}

# state -> events allowed from it (None = no event yet)
ALLOWED: dict[str | None, frozenset[str]] = {
    None: frozenset({"detected"}),
    "detected": frozenset({"notice_sent", "removed", "delisted"}),
    "noticed": frozenset({"notice_sent", "acknowledged", "rejected", "removed", "delisted"}),
    "acknowledged": frozenset({"notice_sent", "rejected", "removed", "delisted"}),
    "rejected": frozenset({"notice_sent", "removed", "delisted"}),
    # a removed page may still be listed by an engine (delisting notice) or come back
    "removed": frozenset({"notice_sent", "delisted", "reinstated"}),
    "delisted": frozenset({"notice_sent", "removed", "reinstated"}),
    "reinstated": frozenset({"notice_sent", "removed", "delisted"}),
}


class TransitionError(ValueError):
    """An event that cannot follow the URL's current state."""


@dataclass(frozen=True)
class Event:
    """The part of an event the lifecycle needs."""

    event: str
    occurred_at: datetime


def next_state(state: str | None, event: str, where: str = "this URL") -> str:
    """The state after ``event``; ``TransitionError`` naming ``where`` and both states."""
    if event not in EVENT_STATE:
        raise TransitionError(f"{where}: unknown event {event!r}")
    if event not in ALLOWED[state]:
        current = state or "unknown (no event yet)"
        allowed = ", ".join(sorted(ALLOWED[state]))
        raise TransitionError(
            f"{where}: {event} is impossible while the URL is {current} (allowed: {allowed})"
        )
    return EVENT_STATE[event]


def replay(
    events: Iterable[Event], where: str = "this URL", start: str | None = None
) -> str | None:
    """The state after ``events`` (sorted by time; at equal times in lifecycle order)."""
    order = {e: i for i, e in enumerate(EVENT_STATE)}
    state = start
    for item in sorted(events, key=lambda e: (e.occurred_at, order.get(e.event, 99))):
        state = next_state(state, item.event, where)
    return state


def compute_states(events: pd.DataFrame) -> pd.DataFrame:
    """Current state per URL from an events frame.

    Input columns: ``leak_url_id``, ``event``, ``occurred_at``. Output columns:
    ``leak_url_id``, ``state``, ``last_event_at``, ``host_removed``. ``host_removed`` says
    whether the host has the URL down now (its last ``removed``/``reinstated`` event is
    ``removed``): the state is the last step of any channel, so a Google delisting recorded
    after the host removal shows "delisted" although the host removal still holds, and the
    monitor must not confirm that removal again. Events that break the lifecycle raise
    ``TransitionError``: stored events were validated on the way in, so this means the
    warehouse was edited by hand.
    """
    rows = []
    for url_id, group in events.groupby("leak_url_id", sort=True):
        items = [Event(e, t) for e, t in zip(group["event"], group["occurred_at"], strict=True)]
        state = replay(items, f"leak URL {url_id}")
        host = [e.event for e in sorted(items, key=lambda e: e.occurred_at)
                if e.event in _HOST_EVENTS]  # fmt: skip
        rows.append((url_id, state, max(group["occurred_at"]), host[-1:] == ["removed"]))
    return pd.DataFrame(rows, columns=["leak_url_id", "state", "last_event_at", "host_removed"])


_HOST_EVENTS = ("removed", "reinstated")
