"""Reading a demo warehouse in tests."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from data import open_warehouse

#: The observation tables, minus the columns that record when the build ran (``recorded_at``,
#: ``created_at``, ``scored_at``: bookkeeping of the real clock) or how fast it ran
#: (``latency_ms``). Everything else must be identical for the same seed.
KEY_TABLES = {
    "serp_runs": "SELECT query_id, source, page, slot_at, requested_at, fetched_at, status, "
    "error, http_status, attempts, cost_units, payload_sha256 FROM serp_runs ORDER BY run_id",
    "serp_results": "SELECT run_id, position, url, normalized_url, domain, title, snippet, "
    "result_type FROM serp_results ORDER BY result_id",
    "harm_scores": "SELECT result_id, model_version, score, category FROM harm_scores "
    "ORDER BY result_id, model_version",
    "leak_urls": "SELECT item_id, url, first_seen_at, published_at FROM leak_urls "
    "ORDER BY leak_url_id",
    "url_events": "SELECT leak_url_id, event, occurred_at, channel, legal_route, source, "
    "reference FROM url_events ORDER BY event_id",
    "url_checks": "SELECT leak_url_id, checked_at, state, http_status, final_url, "
    "content_sha256, size_bytes, reason FROM url_checks ORDER BY check_id",
    "alerts": "SELECT kind, subject_key, severity, message, raised_at FROM alerts "
    "ORDER BY alert_id",
}


def rows(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with open_warehouse(db, read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def table_hashes(db: Path) -> dict[str, str]:
    """SHA-256 of each key table's ordered rows."""
    return {
        name: hashlib.sha256(repr(rows(db, sql)).encode()).hexdigest()
        for name, sql in KEY_TABLES.items()
    }
