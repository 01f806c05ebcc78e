"""The leak-candidate review queue: propose, accept (becomes a detected leak), dismiss.

Detection from search results is a proposal, never an automatic accusation: a person accepts a
candidate into a content item, or dismisses it, and a dismissed URL is not proposed again for
that client.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import pandas as pd

from collectors.normalize import normalize_url
from data import open_warehouse
from data.candidates import load_candidates, write_candidate_decision
from data.leak_records import EventRecord, ItemKind, LeakRecord
from data.leak_store import url_sha256
from data.writes import write_audit
from serpshield.leaks import record_leaks, records
from serpshield.workspace import current_actor


class NotACandidateError(ValueError):
    """The URL is not among the client's current candidates."""


def list_candidates(db_path: Path, threshold: float, client: str | None = None) -> pd.DataFrame:
    """The review queue (columns of ``data.candidates.load_candidates``)."""
    with open_warehouse(db_path, read_only=True) as con:
        return load_candidates(con, threshold, client)


def accept_candidate(
    db_path: Path, threshold: float, client: str, url: str, item: str, kind: str = "other"
) -> None:
    """Make a candidate a leak URL of ``item`` (created if new), detected when first seen."""
    normalized = normalize_url(url)
    queue = list_candidates(db_path, threshold, client)
    match = [r for r in records(queue) if r["normalized_url"] == normalized]
    if not match:
        raise NotACandidateError(f"{url} is not a current leak candidate of {client!r}")
    seen = match[0]["first_seen_at"].to_pydatetime().replace(tzinfo=UTC)
    leak = LeakRecord(client, item, str(match[0]["url"]), seen, cast(ItemKind, kind))
    event = EventRecord(client, item, str(match[0]["url"]), "detected", seen, source="serp")
    record_leaks(db_path, [leak], [event])
    _decide(db_path, client, normalized, "accepted")


def dismiss_candidate(db_path: Path, threshold: float, client: str, url: str) -> None:
    """Keep a URL out of the client's queue for good (a decision a person can revisit)."""
    normalized = normalize_url(url)
    queue = list_candidates(db_path, threshold, client)
    if normalized not in set(queue["normalized_url"]):
        raise NotACandidateError(f"{url} is not a current leak candidate of {client!r}")
    _decide(db_path, client, normalized, "dismissed")


def _decide(db_path: Path, client: str, normalized: str, decision: str) -> None:
    now, actor = datetime.now(UTC), current_actor()
    with open_warehouse(db_path) as con:
        write_candidate_decision(con, client, normalized, decision, actor, now)
        write_audit(con, now, actor, f"candidate_{decision}", f"url:{url_sha256(normalized)[:16]}",
                    f"client {client}")  # fmt: skip
