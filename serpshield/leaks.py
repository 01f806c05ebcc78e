"""Leak jobs: record leaked URLs and their lifecycle events, validated against the lifecycle.

Every path that adds events (an import, a person's command, the monitor) goes through
``record_leaks``: it replays the stored events of each URL together with the new ones, so an
impossible transition is refused with the URL and the states named, and nothing is written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pandas as pd

from collectors.normalize import normalize_url, registrable_domain
from data import open_warehouse
from data.leak_records import EventRecord, LeakRecord
from data.leak_store import (
    LeakWriteReport,
    load_leak_urls,
    load_url_checks,
    load_url_events,
    write_leaks,
)
from models.lifecycle import Event, compute_states, replay

UrlKey = tuple[str, str, str]  # client slug, item title, normalized URL


@dataclass(frozen=True)
class LeakRow:
    """One leak URL with its current state, for listings."""

    leak_url_id: int
    client: str
    item_id: int
    item_title: str
    url: str
    domain: str
    state: str
    last_event_at: datetime | None


def normalize_map(urls: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Raw URL -> (normalized URL, registrable domain), computed once per distinct URL."""
    out: dict[str, tuple[str, str]] = {}
    for url in urls:
        if url not in out:
            normalized = normalize_url(url)
            out[url] = (normalized, registrable_domain(normalized))
    return out


def check_transitions(
    existing: pd.DataFrame, urls: pd.DataFrame, events: Sequence[EventRecord],
    norm: dict[str, tuple[str, str]],
) -> list[EventRecord]:  # fmt: skip
    """Replay stored and new events per URL; ``TransitionError`` names the first bad one.

    Returns the events to write: a second ``detected`` of a URL already detected is a
    sighting, not a lifecycle step, and is dropped (its time still counts as first seen).
    """
    ids = {(r["client"], r["item_title"], r["normalized_url"]): int(r["leak_url_id"])
           for r in records(urls)}  # fmt: skip
    stored: dict[int, list[Event]] = defaultdict(list)
    for r in records(existing):
        stored[int(r["leak_url_id"])].append(Event(str(r["event"]), _naive_utc(r["occurred_at"])))
    incoming: dict[UrlKey, list[EventRecord]] = defaultdict(list)
    for e in events:
        incoming[(e.client_slug, e.item_title, norm[e.url][0])].append(e)
    kept: list[EventRecord] = []
    for key, new in incoming.items():
        url_id = ids.get(key)
        old = stored.get(url_id, []) if url_id is not None else []
        seen = {(x.event, x.occurred_at) for x in old}
        detected = any(x.event == "detected" for x in old)
        fresh: list[EventRecord] = []
        for e in sorted(new, key=lambda e: e.occurred_at):
            if (e.event, _naive_utc(e.occurred_at)) in seen:
                continue  # already stored: the write skips it too
            if e.event == "detected":
                if detected:
                    continue
                detected = True
            fresh.append(e)
        if fresh:
            replay([*old, *(Event(e.event, _naive_utc(e.occurred_at)) for e in fresh)],
                   where=new[0].url)  # fmt: skip
        kept.extend(fresh)
    return kept


def _naive_utc(value: datetime) -> datetime:
    """Stored timestamps come back naive (UTC); compare new aware ones on the same footing."""
    value = _pydatetime(value)
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def record_leaks(
    db_path: Path,
    leaks: Sequence[LeakRecord],
    events: Sequence[EventRecord],
    now: datetime | None = None,
    new_clients: Sequence[str] = (),
) -> LeakWriteReport:
    """Validate the lifecycle, then add the leaks and events (and ``new_clients``, for imports
    that may create them) in one transaction."""
    norm = normalize_map([r.url for r in leaks] + [e.url for e in events])
    clients = {r.client_slug for r in leaks} | {e.client_slug for e in events}
    with open_warehouse(db_path) as con:
        kept: list[EventRecord] = []
        for client in sorted(clients):
            mine = [e for e in events if e.client_slug == client]
            kept += check_transitions(load_url_events(con, client), load_leak_urls(con, client),
                                      mine, norm)  # fmt: skip
        return write_leaks(con, leaks, kept, normalize=norm, now=now or datetime.now(UTC),
                           new_clients=new_clients)  # fmt: skip


def list_leaks(db_path: Path, client: str | None = None) -> list[LeakRow]:
    """Every leak URL with its current state derived from its events."""
    with open_warehouse(db_path, read_only=True) as con:
        urls = load_leak_urls(con, client)
        events = load_url_events(con, client)
    states = {int(r["leak_url_id"]): r for r in records(compute_states(events))}
    rows = []
    for r in records(urls):
        state = states.get(int(r["leak_url_id"]))
        rows.append(LeakRow(int(r["leak_url_id"]), str(r["client"]), int(r["item_id"]),
                            str(r["item_title"]),
                            str(r["url"]), str(r["domain"]),
                            str(state["state"]) if state else "unknown",
                            _pydatetime(state["last_event_at"]) if state else None))  # fmt: skip
    return rows


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as plain dicts, for code that walks rows one by one."""
    return cast(list[dict[str, Any]], frame.to_dict("records"))


def _pydatetime(value: Any) -> datetime:
    return value.to_pydatetime() if isinstance(value, pd.Timestamp) else cast(datetime, value)


def url_timeline(db_path: Path, leak_url_id: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events and checks of one leak URL, in time order."""
    with open_warehouse(db_path, read_only=True) as con:
        events = load_url_events(con)
        checks = load_url_checks(con)
    return (events[events["leak_url_id"] == leak_url_id],
            checks[checks["leak_url_id"] == leak_url_id])  # fmt: skip
