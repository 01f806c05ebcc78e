"""Monitor jobs: check leak URLs, store the checks, and turn confirmed changes into events.

A single failing check proves nothing (a host can be down for a minute), so a removal becomes
an event only when a later check, at least ``removal_confirm_minutes`` after the first one that
found the URL gone, agrees with no live check between them; the event is dated at that first
failing check (KPIS.md section 2). ``unknown`` and ``refused`` checks neither confirm nor break
a removal. A URL the host had removed that answers live again is ``reinstated``.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from ipaddress import ip_network
from pathlib import Path
from typing import Any

from collectors.http import Transport
from collectors.ssrf import Resolver, SsrfPolicy
from collectors.urls import MonitorPolicy, UrlCheck, check_url, check_urls
from data import open_warehouse
from data.leak_records import CheckRecord, EventRecord
from data.leak_store import load_leak_urls, load_url_checks, load_url_events, write_checks
from models.lifecycle import compute_states
from serpshield.config import WorkspaceConfig
from serpshield.leaks import record_leaks, records

HOST_EVENTS = ("removed", "reinstated")


@dataclass(frozen=True)
class MonitorReport:
    """What a monitor run saw and concluded."""

    checked: int
    by_state: dict[str, int]
    removals_confirmed: int
    reinstatements: int


def monitor_policy(cfg: WorkspaceConfig) -> MonitorPolicy:
    """The collectors' policy from the workspace's ``[monitor]`` settings."""
    m = cfg.monitor
    ssrf = SsrfPolicy(
        allowed_ports=frozenset(m.allowed_ports),
        allowed_addresses=frozenset(ip_network(a, strict=False) for a in m.allow_addresses),
    )
    return MonitorPolicy(
        per_host_concurrency=m.per_host_concurrency,
        per_host_delay=m.per_host_delay_seconds,
        max_redirects=m.max_redirects,
        max_bytes=m.max_bytes,
        deadline=m.deadline_seconds,
        ssrf=ssrf,
    )


def check_one(cfg: WorkspaceConfig, url: str, resolver: Resolver | None = None) -> UrlCheck:
    """Check one URL now, through the SSRF guard, without storing anything."""
    return asyncio.run(check_url(url, monitor_policy(cfg), resolver=resolver))


def monitor_urls(
    cfg: WorkspaceConfig,
    db_path: Path,
    client: str | None = None,
    *,
    resolver: Resolver | None = None,
    transport: Transport | None = None,
    now: datetime | None = None,
) -> MonitorReport:
    """Check every leak URL, store the checks, then record confirmed removals and returns.

    ``now`` dates the checks and the events they prove (default: the real clock); the demo
    passes its simulated clock so a replayed day is dated on that day.
    """
    with open_warehouse(db_path, read_only=True) as con:
        urls = records(load_leak_urls(con, client))
    targets = [(int(u["leak_url_id"]), str(u["url"])) for u in urls]
    checks = asyncio.run(
        check_urls(
            targets, monitor_policy(cfg), resolver=resolver, transport=transport,
            now=utc_now if now is None else lambda: now,
        )
    )  # fmt: skip
    rows = [_check_record(url_id, check) for url_id, check in checks]
    with open_warehouse(db_path) as con:
        write_checks(con, rows)
        history = records(load_url_checks(con, client))
        states = records(compute_states(load_url_events(con, client)))
    window = timedelta(minutes=cfg.thresholds.removal_confirm_minutes)
    events = conclude(urls, states, history, window)
    if events:
        record_leaks(db_path, [], events, now=now)
    by_state: dict[str, int] = defaultdict(int)
    for _, check in checks:
        by_state[check.state] += 1
    return MonitorReport(
        len(checks),
        dict(by_state),
        sum(e.event == "removed" for e in events),
        sum(e.event == "reinstated" for e in events),
    )


def conclude(
    urls: Sequence[dict[str, Any]],
    states: Sequence[dict[str, Any]],
    history: Sequence[dict[str, Any]],
    window: timedelta,
) -> list[EventRecord]:
    """Events the checks prove: a confirmed removal, or a removed URL back online. Pure."""
    state_of = {int(s["leak_url_id"]): str(s["state"]) for s in states}
    # The state is the last step of any channel: "delisted" can hide a host removal.
    host_down = {
        int(s["leak_url_id"]) for s in states if s.get("host_removed", s["state"] == "removed")
    }
    checks_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for c in history:
        checks_of[int(c["leak_url_id"])].append(c)
    events: list[EventRecord] = []
    for u in urls:
        url_id = int(u["leak_url_id"])
        state = state_of.get(url_id)
        series = [c for c in checks_of.get(url_id, []) if c["state"] in ("live", "removed")]
        if state is None or not series:
            continue
        host_gone = url_id in host_down
        if not host_gone and series[-1]["state"] == "removed":
            streak = _removed_streak(series)
            if streak[-1]["checked_at"] - streak[0]["checked_at"] >= window and len(streak) >= 2:
                events.append(_event(u, "removed", streak[0]["checked_at"]))
        elif host_gone and series[-1]["state"] == "live":
            events.append(_event(u, "reinstated", series[-1]["checked_at"]))
    return events


def _removed_streak(series: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The trailing run of ``removed`` checks (since the last ``live`` one)."""
    streak: list[dict[str, Any]] = []
    for c in reversed(series):
        if c["state"] != "removed":
            break
        streak.insert(0, c)
    return streak


def _event(url: dict[str, Any], event: str, at: Any) -> EventRecord:
    when = at.to_pydatetime() if hasattr(at, "to_pydatetime") else at
    return EventRecord(
        str(url["client"]), str(url["item_title"]), str(url["url"]),
        event, when.replace(tzinfo=UTC), channel="host", source="monitor",  # type: ignore[arg-type]
    )  # fmt: skip


def _check_record(url_id: int, check: UrlCheck) -> CheckRecord:
    return CheckRecord(
        url_id, check.checked_at, check.state, check.http_status, check.final_url,
        check.content_sha256, check.size_bytes, check.latency_ms, check.reason,
    )  # fmt: skip


def utc_now() -> datetime:
    """Now, in UTC (one place to read the clock)."""
    return datetime.now(UTC)
