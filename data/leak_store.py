"""Leaked items, their URLs, lifecycle events and checks: bulk, idempotent writes and reads.

Records name items and URLs by client slug, item title and URL (see ``data.leak_records``);
the statements here resolve them to ids. Every write is set-based and idempotent: a URL already
known is not added twice, an event already stored (same URL, event, time, channel, reference)
is skipped, so re-importing a file changes nothing. ``url_events`` is append-only: nothing here
updates or deletes an event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

import duckdb
import pandas as pd
import pyarrow as pa

from data.leak_records import CheckRecord, EventRecord, LeakRecord
from data.store import transaction

_LEAKS = pa.schema(
    [
        ("client_slug", pa.string()),
        ("item_title", pa.string()),
        ("item_kind", pa.string()),
        ("url", pa.string()),
        ("normalized_url", pa.string()),
        ("url_sha256", pa.string()),
        ("domain", pa.string()),
        ("first_seen_at", pa.timestamp("us", tz="UTC")),
        ("published_at", pa.timestamp("us", tz="UTC")),
    ]
)
_EVENTS = pa.schema(
    [
        ("client_slug", pa.string()),
        ("item_title", pa.string()),
        ("normalized_url", pa.string()),
        ("event", pa.string()),
        ("occurred_at", pa.timestamp("us", tz="UTC")),
        ("channel", pa.string()),
        ("legal_route", pa.string()),
        ("source", pa.string()),
        ("reference", pa.string()),
    ]
)
_CHECKS = pa.schema(
    [
        ("leak_url_id", pa.int64()),
        ("checked_at", pa.timestamp("us", tz="UTC")),
        ("state", pa.string()),
        ("http_status", pa.int32()),
        ("final_url", pa.string()),
        ("content_sha256", pa.string()),
        ("size_bytes", pa.int64()),
        ("latency_ms", pa.float64()),
        ("reason", pa.string()),
    ]
)

_UNKNOWN_CLIENTS = """
SELECT DISTINCT i.client_slug FROM incoming i
WHERE NOT EXISTS (SELECT 1 FROM clients c WHERE c.slug = i.client_slug) ORDER BY 1
"""
_NEW_CLIENT = """
INSERT INTO clients (slug, name, created_at, updated_at) VALUES ($slug, $slug, $now, $now)
ON CONFLICT (slug) DO NOTHING
"""
_UNKNOWN_EVENT_CLIENTS = """
SELECT DISTINCT e.client_slug FROM incoming_events e
WHERE NOT EXISTS (SELECT 1 FROM clients c WHERE c.slug = e.client_slug) ORDER BY 1
"""
_INSERT_ITEMS = """
INSERT INTO content_items (client_id, title, kind, created_at)
SELECT c.client_id, i.item_title, any_value(i.item_kind), $now
FROM incoming i JOIN clients c ON c.slug = i.client_slug
WHERE NOT EXISTS (SELECT 1 FROM content_items t
                  WHERE t.client_id = c.client_id AND t.title = i.item_title)
GROUP BY c.client_id, i.item_title
"""
_INSERT_URLS = """
INSERT INTO leak_urls (item_id, url, normalized_url, url_sha256, domain, first_seen_at,
                       published_at)
SELECT t.item_id, any_value(i.url), i.normalized_url, any_value(i.url_sha256),
       any_value(i.domain), min(i.first_seen_at), min(i.published_at)
FROM incoming i JOIN clients c ON c.slug = i.client_slug
JOIN content_items t ON t.client_id = c.client_id AND t.title = i.item_title
WHERE NOT EXISTS (SELECT 1 FROM leak_urls u
                  WHERE u.item_id = t.item_id AND u.normalized_url = i.normalized_url)
GROUP BY t.item_id, i.normalized_url
"""
_EARLIER_SIGHTINGS = """
UPDATE leak_urls u SET first_seen_at = s.first_seen_at
FROM (SELECT t.item_id, i.normalized_url, min(i.first_seen_at) AS first_seen_at
      FROM incoming i JOIN clients c ON c.slug = i.client_slug
      JOIN content_items t ON t.client_id = c.client_id AND t.title = i.item_title
      GROUP BY ALL) s
WHERE u.item_id = s.item_id AND u.normalized_url = s.normalized_url
  AND s.first_seen_at < u.first_seen_at
"""
_EARLIER_PUBLICATION = """
UPDATE leak_urls u SET published_at = s.published_at
FROM (SELECT t.item_id, i.normalized_url, min(i.published_at) AS published_at
      FROM incoming i JOIN clients c ON c.slug = i.client_slug
      JOIN content_items t ON t.client_id = c.client_id AND t.title = i.item_title
      WHERE i.published_at IS NOT NULL
      GROUP BY ALL) s
WHERE u.item_id = s.item_id AND u.normalized_url = s.normalized_url
  AND (u.published_at IS NULL OR s.published_at < u.published_at)
"""
_UNKNOWN_URLS = """
SELECT DISTINCT e.client_slug, e.item_title, e.normalized_url FROM incoming_events e
WHERE NOT EXISTS (
    SELECT 1 FROM leak_urls u JOIN content_items t USING (item_id)
    JOIN clients c USING (client_id)
    WHERE c.slug = e.client_slug AND t.title = e.item_title
      AND u.normalized_url = e.normalized_url)
"""
_INSERT_EVENTS = """
INSERT INTO url_events (leak_url_id, event, occurred_at, channel, legal_route, source, reference,
                        recorded_at)
SELECT DISTINCT u.leak_url_id, e.event, e.occurred_at, e.channel, e.legal_route, e.source,
       e.reference, $now
FROM incoming_events e
JOIN clients c ON c.slug = e.client_slug
JOIN content_items t ON t.client_id = c.client_id AND t.title = e.item_title
JOIN leak_urls u ON u.item_id = t.item_id AND u.normalized_url = e.normalized_url
WHERE NOT EXISTS (
    SELECT 1 FROM url_events x
    WHERE x.leak_url_id = u.leak_url_id AND x.event = e.event AND x.occurred_at = e.occurred_at
      AND x.channel = e.channel AND x.reference = e.reference)
"""
_INSERT_CHECKS = """
INSERT INTO url_checks (leak_url_id, checked_at, state, http_status, final_url, content_sha256,
                        size_bytes, latency_ms, reason)
SELECT i.* FROM incoming_checks i
WHERE NOT EXISTS (SELECT 1 FROM url_checks x
                  WHERE x.leak_url_id = i.leak_url_id AND x.checked_at = i.checked_at)
"""


class UnknownClientError(ValueError):
    """Records name clients the warehouse does not know."""


@dataclass(frozen=True)
class LeakWriteReport:
    """How many items, URLs and events a write added (0 on a repeat)."""

    items: int = 0
    urls: int = 0
    events: int = 0


def url_sha256(normalized_url: str) -> str:
    """The stored hash of a leak URL: what logs and audit entries may quote instead of it."""
    return hashlib.sha256(normalized_url.encode("utf-8")).hexdigest()


def write_leaks(
    con: duckdb.DuckDBPyConnection,
    leaks: Sequence[LeakRecord],
    events: Sequence[EventRecord],
    *,
    normalize: dict[str, tuple[str, str]],
    now: datetime,
    new_clients: Sequence[str] = (),
) -> LeakWriteReport:
    """Add items, URLs and events in one transaction; all or nothing.

    ``normalize`` maps each raw URL to (normalized URL, registrable domain): the caller
    computes it with the collectors' normalizer so one definition serves everywhere. Unknown
    clients raise ``UnknownClientError`` naming them; an event for a URL neither known nor in
    ``leaks`` raises ``ValueError``; nothing is written in either case. ``new_clients`` are
    created first (named by their slug) in the same transaction, for imports that allow it.
    """
    leak_rows = [
        {**_leak_row(r), "normalized_url": normalize[r.url][0], "domain": normalize[r.url][1],
         "url_sha256": url_sha256(normalize[r.url][0])}
        for r in leaks
    ]  # fmt: skip
    event_rows = [{**_event_row(e), "normalized_url": normalize[e.url][0]} for e in events]
    con.register("incoming", pa.Table.from_pylist(leak_rows, schema=_LEAKS))
    con.register("incoming_events", pa.Table.from_pylist(event_rows, schema=_EVENTS))
    try:
        with transaction(con):
            for slug in new_clients:
                con.execute(_NEW_CLIENT, {"slug": slug, "now": now})
            unknown = {r[0] for r in con.execute(_UNKNOWN_CLIENTS).fetchall()}
            unknown |= {r[0] for r in con.execute(_UNKNOWN_EVENT_CLIENTS).fetchall()}
            if unknown:
                raise UnknownClientError(f"unknown client(s): {', '.join(sorted(unknown))}")
            items = _count(con.execute(_INSERT_ITEMS, {"now": now}))
            urls = _count(con.execute(_INSERT_URLS))
            con.execute(_EARLIER_SIGHTINGS)
            con.execute(_EARLIER_PUBLICATION)
            missing = con.execute(_UNKNOWN_URLS).fetchall()
            if missing:
                client, item, _ = missing[0]
                raise ValueError(
                    f"{len(missing)} event(s) name a URL that is not a leak URL of the item "
                    f"{item!r} of {client!r}: add the URL first"
                )
            added = _count(con.execute(_INSERT_EVENTS, {"now": now}))
    finally:
        con.unregister("incoming")
        con.unregister("incoming_events")
    return LeakWriteReport(items, urls, added)


def write_checks(con: duckdb.DuckDBPyConnection, checks: Sequence[CheckRecord]) -> int:
    """Store URL checks (idempotent per URL and time); returns how many were added."""
    rows = [asdict(c) for c in checks]
    con.register("incoming_checks", pa.Table.from_pylist(rows, schema=_CHECKS))
    try:
        with transaction(con):
            return _count(con.execute(_INSERT_CHECKS))
    finally:
        con.unregister("incoming_checks")


def _leak_row(r: LeakRecord) -> dict[str, object]:
    return {"client_slug": r.client_slug, "item_title": r.item_title, "item_kind": r.item_kind,
            "url": r.url, "first_seen_at": r.first_seen_at,
            "published_at": r.published_at}  # fmt: skip


def _event_row(e: EventRecord) -> dict[str, object]:
    row = asdict(e)
    row.pop("url")
    return row


def _count(result: duckdb.DuckDBPyConnection) -> int:
    row = result.fetchone()
    return int(row[0]) if row else 0


_LEAK_URLS = """
SELECT u.leak_url_id, c.slug AS client, t.item_id, t.title AS item_title, t.kind AS item_kind,
       u.url, u.normalized_url, u.url_sha256, u.domain, u.first_seen_at
FROM leak_urls u JOIN content_items t USING (item_id) JOIN clients c USING (client_id)
WHERE ($client IS NULL OR c.slug = $client)
ORDER BY c.slug, t.title, u.leak_url_id
"""
_EVENTS_OF = """
SELECT e.leak_url_id, e.event, e.occurred_at, e.channel, e.legal_route, e.source, e.reference
FROM url_events e JOIN leak_urls u USING (leak_url_id) JOIN content_items t USING (item_id)
JOIN clients c USING (client_id)
WHERE ($client IS NULL OR c.slug = $client)
ORDER BY e.leak_url_id, e.occurred_at, e.event_id
"""
_CHECKS_OF = """
SELECT k.leak_url_id, k.checked_at, k.state, k.http_status, k.final_url, k.reason
FROM url_checks k JOIN leak_urls u USING (leak_url_id) JOIN content_items t USING (item_id)
JOIN clients c USING (client_id)
WHERE ($client IS NULL OR c.slug = $client) AND k.checked_at >= $since
ORDER BY k.leak_url_id, k.checked_at
"""


def load_leak_urls(con: duckdb.DuckDBPyConnection, client: str | None = None) -> pd.DataFrame:
    """Columns: ``leak_url_id``, ``client``, ``item_id``, ``item_title``, ``item_kind``, ``url``,
    ``normalized_url``, ``url_sha256``, ``domain``, ``first_seen_at``."""
    return con.execute(_LEAK_URLS, {"client": client}).df()


def load_url_events(con: duckdb.DuckDBPyConnection, client: str | None = None) -> pd.DataFrame:
    """Columns: ``leak_url_id``, ``event``, ``occurred_at``, ``channel``, ``legal_route``,
    ``source``, ``reference``; in time order per URL."""
    return con.execute(_EVENTS_OF, {"client": client}).df()


def load_url_checks(
    con: duckdb.DuckDBPyConnection, client: str | None = None, since: datetime | None = None
) -> pd.DataFrame:
    """Columns: ``leak_url_id``, ``checked_at``, ``state``, ``http_status``, ``final_url``,
    ``reason``; checks at or after ``since`` (all when None), in time order per URL."""
    bound = since or datetime(1970, 1, 1)
    return con.execute(_CHECKS_OF, {"client": client, "since": bound}).df()


_ITEM_ID = """
SELECT t.item_id FROM content_items t JOIN clients c USING (client_id)
WHERE c.slug = $client AND t.title = $title
"""
_INSERT_FINGERPRINT = """
INSERT INTO content_fingerprints (item_id, sha256, phash, added_at)
SELECT $item, $sha256, $phash, $now
WHERE NOT EXISTS (SELECT 1 FROM content_fingerprints WHERE item_id = $item AND sha256 = $sha256)
"""


def write_fingerprints(
    con: duckdb.DuckDBPyConnection,
    client: str,
    item_title: str,
    hashes: Sequence[tuple[str, str | None]],
    now: datetime,
) -> int:
    """Attach (sha256, phash) pairs to an existing item; returns how many were new."""
    row = con.execute(_ITEM_ID, {"client": client, "title": item_title}).fetchone()
    if row is None:
        raise ValueError(f"client {client!r} has no content item {item_title!r}")
    added = 0
    with transaction(con):
        for sha, phash in hashes:  # a handful of files per item: no bulk path needed
            params = {"item": row[0], "sha256": sha, "phash": phash, "now": now}
            added += _count(con.execute(_INSERT_FINGERPRINT, params))
    return added
