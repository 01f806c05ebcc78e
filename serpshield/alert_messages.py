"""Alerts as people read them: severities, subject keys and messages, and the webhook body.

Pure functions from the rows ``data.alert_store`` finds to ``AlertDraft``s, so the rules of
what an alert says can be tested without a warehouse. Two rules hold for every message, because
webhook text ends up in a chat channel that more people (and integrations) can read than the
warehouse:

- a leak URL or a result URL is never written out: only its domain and the warehouse id a
  person needs (``serpshield leaks show ID``, ``serpshield label ID``). A short plain hash
  would let anyone holding a list of guessed URLs confirm one; a per-process keyed hash would
  differ from one run to the next; the id is stable and means nothing outside the warehouse;
- titles are never written (a result's title or an item's title can name intimate content):
  items are named by their id.

The ``subject_key`` of each kind is what makes re-evaluation idempotent (see each builder).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd

SEVERE_CATEGORIES = frozenset({"leak", "ncii"})


@dataclass(frozen=True)
class AlertDraft:
    """An alert before storage: what ``data.alert_store.write_alerts`` takes."""

    kind: str
    subject_key: str
    severity: str
    client_id: int | None
    message: str

    def row(self) -> dict[str, object]:
        return {"client_id": self.client_id, "kind": self.kind, "subject_key": self.subject_key,
                "severity": self.severity, "message": self.message}  # fmt: skip


@dataclass(frozen=True)
class Alert:
    """A stored alert, as listed, printed and delivered."""

    alert_id: int
    kind: str
    severity: str
    client: str | None
    message: str
    raised_at: datetime
    delivered_at: datetime | None = None
    acknowledged_at: datetime | None = None
    delivery_attempts: int = 0
    delivery_error: str | None = None

    @classmethod
    def from_record(cls, r: Mapping[str, Any]) -> Alert:
        return cls(
            int(r["alert_id"]), str(r["kind"]), str(r["severity"]), _text(r["client"]),
            str(r["message"]), _utc(r["raised_at"]) or datetime.min.replace(tzinfo=UTC),
            _utc(r["delivered_at"]), _utc(r["acknowledged_at"]), int(r["delivery_attempts"]),
            _text(r["delivery_error"]),
        )  # fmt: skip

    def as_json(self) -> dict[str, object]:
        """The alert in JSON output and in the webhook's ``alerts`` list."""
        return {"id": self.alert_id, "kind": self.kind, "severity": self.severity,
                "client": self.client, "message": self.message,
                "raised_at": iso(self.raised_at)}  # fmt: skip


def iso(at: datetime) -> str:
    """A UTC instant as ``2026-11-20T08:00:00Z``."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _utc(value: Any) -> datetime | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    moment: datetime = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _text(value: Any) -> str | None:
    return None if value is None or (isinstance(value, float) and value != value) else str(value)


def _client_id(value: Any) -> int | None:
    return None if _text(value) is None else int(value)


def _when(value: Any) -> str:
    moment = _utc(value)
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment else "?"


def _ago(hours: float) -> str:
    return f"{hours:.0f} h ago" if hours < 72 else f"{hours / 24:.0f} days ago"


def harmful_entries(rows: Sequence[Mapping[str, Any]], top_n: int) -> list[AlertDraft]:
    """``harmful_entry``: critical for leak/NCII results, warning for other harmful categories.

    Rows come from the latest observed snapshots, each compared with the observed snapshot
    before it (``data.alert_store.load_harmful_entry_candidates``).

    subject_key = ``q<query_id>:<sha256 of the normalized URL>:<snapshot slot>``: the same
    snapshot evaluated again raises nothing, while the URL leaving the top N and coming back in
    a later snapshot is a new entry (another slot) and alerts again. Two sources seeing the same
    entry in the same slot raise one alert.
    """
    drafts = []
    for r in rows:
        digest = hashlib.sha256(str(r["normalized_url"]).encode("utf-8")).hexdigest()
        slot = _utc(r["slot_at"])
        key = f"q{int(r['query_id'])}:{digest}:{slot:%Y-%m-%dT%H:%MZ}"
        category = _text(r["category"]) or "harmful"
        severity = "critical" if category in SEVERE_CATEGORIES else "warning"
        message = (
            f'harmful result entered the top {top_n} of "{r["query"]}" ({r["source"]}): '
            f"position {int(r['position'])}, {r['domain']} (result {int(r['result_id'])}), "
            f"{category}, harm {float(r['harm']):.2f}"
        )
        drafts.append(AlertDraft("harmful_entry", key, severity, _client_id(r["client_id"]),
                                 message))  # fmt: skip
    return drafts


def sla_warnings(rows: Sequence[Mapping[str, Any]]) -> list[AlertDraft]:
    """``sla_warning``: warning from ``sla_warning_share`` of the window, critical once the
    window has fully passed without a removal.

    subject_key = the notice's ``event_id``: one alert per notice. When a warning's window then
    runs out, the same row is escalated to critical (``write_alerts`` rewrites a row only when
    its severity rises), so the breach is printed and delivered once more but never twice.
    """
    drafts = []
    for r in rows:
        window, elapsed = float(r["window_hours"]), float(r["elapsed_hours"])
        breached = elapsed >= window
        notice = (
            f"notice {int(r['event_id'])} ({r['legal_route']}, to {r['channel']}) for "
            f"{r['domain']} (leak URL {int(r['leak_url_id'])}, item {int(r['item_id'])})"
        )
        notice_at = _utc(r["notice_at"])
        deadline = f" (deadline {_when(notice_at + timedelta(hours=window))})" if notice_at else ""
        if breached:
            message = f"SLA of {window:g} h breached: {notice} sent {_ago(elapsed)}, no removal"
        else:
            message = f"{notice}: {elapsed:.0f} h of its {window:g} h SLA elapsed, no removal yet"
            message += deadline
        drafts.append(AlertDraft("sla_warning", str(int(r["event_id"])),
                                 "critical" if breached else "warning",
                                 _client_id(r["client_id"]), message))  # fmt: skip
    return drafts


def recirculations(rows: Sequence[Mapping[str, Any]]) -> list[AlertDraft]:
    """``recirculation``: a removed item found at a new URL, or a removed URL back online.

    subject_key = ``<leak_url_id>:new_url`` for a new URL (it is new once), and
    ``<leak_url_id>:reinstated:<event_id>`` for a reinstatement (a URL can come back after each
    removal, and each return needs a new notice). Critical, except a "missed copy" (published
    at or before the removal, found after it: KPIS.md section 4 does not count it as
    recirculation), raised as a warning so the live copy is still chased.
    """
    drafts = []
    for r in rows:
        url_id, item = int(r["leak_url_id"]), int(r["item_id"])
        where = f"{r['domain']} (leak URL {url_id})"
        if r["trigger"] == "reinstated":
            key = f"{url_id}:reinstated:{int(r['event_id'])}"
            message = f"item {item} is back online at {where}, reinstated {_when(r['occurred_at'])}"
            severity = "critical"
        else:
            key = f"{url_id}:new_url"
            missed = bool(r["missed_copy"])
            what = "a copy published before the removal (missed copy)" if missed else "a new copy"
            message = (
                f"item {item}, removed {_when(r['removed_at'])}, has {what} at {where}, "
                f"first seen {_when(r['occurred_at'])}"
            )
            severity = "warning" if missed else "critical"
        drafts.append(AlertDraft("recirculation", key, severity, _client_id(r["client_id"]),
                                 message))  # fmt: skip
    return drafts


def source_failures(
    rows: Sequence[Mapping[str, Any]], now: datetime, hours: int
) -> list[AlertDraft]:
    """``source_failing`` (warning, workspace-wide: no client). subject_key =
    ``<source>:<UTC date of now>``, so a source failing all day alerts once that day."""
    day = now.astimezone(UTC).date().isoformat()
    return [
        AlertDraft(
            "source_failing",
            f"{r['source']}:{day}",
            "warning",
            None,
            f"source {r['source']}: {int(r['not_ok'])} of {int(r['runs'])} runs in the last "
            f"{hours} h were not ok (failed {int(r['failed'])}, blocked {int(r['blocked'])}, "
            f"empty {int(r['empty'])})",
        )
        for r in rows
    ]


def _slack_escape(text: str) -> str:
    """Slack reads ``&``, ``<`` and ``>`` as markup (links, mentions): send them as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def alert_line(alert: Alert) -> str:
    """One line of the webhook's text: ``[CRITICAL] lea-fit: <message>``."""
    return f"[{alert.severity.upper()}] {alert.client or 'workspace'}: {alert.message}"


def webhook_payload(alerts: Sequence[Alert]) -> dict[str, object]:
    """The JSON body POSTed to the webhook: a Slack-compatible ``text`` (one line per alert)
    and the structured ``alerts`` (id, kind, severity, client, message, raised_at) for other
    receivers; the id lets a receiver drop an alert it already got (delivery is at least once:
    a POST whose answer was lost is sent again at the next run)."""
    return {
        "text": "\n".join(_slack_escape(alert_line(a)) for a in alerts),
        "alerts": [a.as_json() for a in alerts],
    }
