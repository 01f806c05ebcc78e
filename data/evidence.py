"""Named reads for an evidence pack: everything the warehouse knows about one content item.

A pack must let a lawyer retrace the whole story of a leaked item without the warehouse: the
item and its fingerprints, the URLs where it was found, every lifecycle event and HTTP check of
those URLs, and every search result that showed one of them, with the run that observed it and
the raw page or API response as archived. Search appearances are matched on the normalized URL
and limited to the item's own client's queries: another client's searches are not this
client's evidence, and exporting them would disclose that other client's tracking.

Rows come back as plain dicts (column name -> value, timestamps as naive UTC datetimes) because
they go straight into a JSON manifest; no column is dropped or renamed on the way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from data.serp_store import decompress_payload

Row = dict[str, Any]


class ItemNotFoundError(LookupError):
    """The requested content item does not exist in the warehouse."""


@dataclass(frozen=True)
class RunPayload:
    """The raw body of one run, decompressed, with the SHA-256 recorded when it was archived."""

    run_id: int
    content_type: str | None
    body: bytes = field(repr=False)
    stored_sha256: str | None


@dataclass(frozen=True)
class EvidenceData:
    """What ``load_evidence`` returns; each list is ordered by time, then id."""

    item: Row
    fingerprints: list[Row]
    urls: list[Row]
    events: list[Row]
    checks: list[Row]
    appearances: list[Row]
    payloads: list[RunPayload]


_ITEM = """
SELECT i.item_id, c.slug AS client, i.title, i.kind, i.created_at
FROM content_items i JOIN clients c USING (client_id)
WHERE i.item_id = $item
"""
_FINGERPRINTS = """
SELECT sha256, phash, added_at FROM content_fingerprints
WHERE item_id = $item
ORDER BY added_at, sha256
"""
_URLS = """
SELECT leak_url_id, url, normalized_url, url_sha256, domain, first_seen_at
FROM leak_urls
WHERE item_id = $item
ORDER BY first_seen_at, leak_url_id
"""
_EVENTS = """
SELECT e.event_id, e.leak_url_id, e.event, e.occurred_at, e.channel, e.legal_route, e.source,
       e.reference, e.recorded_at
FROM url_events e JOIN leak_urls u USING (leak_url_id)
WHERE u.item_id = $item
ORDER BY e.occurred_at, e.event_id
"""
_CHECKS = """
SELECT k.check_id, k.leak_url_id, k.checked_at, k.state, k.http_status, k.final_url,
       k.content_sha256, k.size_bytes, k.latency_ms, k.reason
FROM url_checks k JOIN leak_urls u USING (leak_url_id)
WHERE u.item_id = $item
ORDER BY k.checked_at, k.check_id
"""
# The item's URLs as shown by its own client's searches: one row per result.
_APPEARANCES = """
SELECT u.leak_url_id, r.result_id, r.run_id, run.source, q.query_id, q.text AS query,
       q.engine, q.device, q.gl, q.hl, run.page, run.slot_at, run.fetched_at, run.status,
       r.position, r.result_type, r.url, r.domain, r.title, r.snippet
FROM leak_urls u
JOIN content_items i ON i.item_id = u.item_id
JOIN serp_results r ON r.normalized_url = u.normalized_url
JOIN serp_runs run ON run.run_id = r.run_id
JOIN queries q ON q.query_id = run.query_id AND q.client_id = i.client_id
WHERE u.item_id = $item
ORDER BY run.slot_at, r.run_id, r.position, r.result_id
"""
_PAYLOADS = """
SELECT run_id, content_type, payload_codec, payload, payload_sha256
FROM serp_runs
WHERE payload IS NOT NULL AND run_id IN (
    SELECT r.run_id
    FROM leak_urls u
    JOIN content_items i ON i.item_id = u.item_id
    JOIN serp_results r ON r.normalized_url = u.normalized_url
    JOIN serp_runs run ON run.run_id = r.run_id
    JOIN queries q ON q.query_id = run.query_id AND q.client_id = i.client_id
    WHERE u.item_id = $item)
ORDER BY run_id
"""


def load_evidence(con: duckdb.DuckDBPyConnection, item_id: int) -> EvidenceData:
    """Everything about one content item, for an evidence pack.

    ``item`` holds ``item_id``, ``client`` (slug), ``title``, ``kind``, ``created_at``;
    ``fingerprints``: ``sha256``, ``phash``, ``added_at``; ``urls``: ``leak_url_id``, ``url``,
    ``normalized_url``, ``url_sha256``, ``domain``, ``first_seen_at``; ``events``: every
    column of ``url_events``; ``checks``: every column of ``url_checks``; ``appearances``:
    ``leak_url_id``, ``result_id``, ``run_id``, ``source``, ``query_id``, ``query``,
    ``engine``, ``device``, ``gl``, ``hl``, ``page``, ``slot_at``, ``fetched_at``, ``status``,
    ``position``, ``result_type``, ``url``, ``domain``, ``title``, ``snippet``; ``payloads``:
    the raw bodies of the runs behind those appearances. Raises ``ItemNotFoundError``.
    """
    params = {"item": item_id}
    items = _rows(con.execute(_ITEM, params))
    if not items:
        raise ItemNotFoundError(f"no content item with id {item_id} in the warehouse")
    payloads = [
        RunPayload(int(run_id), content_type, decompress_payload(codec, bytes(stored)), digest)
        for run_id, content_type, codec, stored, digest in con.execute(_PAYLOADS, params).fetchall()
    ]
    return EvidenceData(
        item=items[0],
        fingerprints=_rows(con.execute(_FINGERPRINTS, params)),
        urls=_rows(con.execute(_URLS, params)),
        events=_rows(con.execute(_EVENTS, params)),
        checks=_rows(con.execute(_CHECKS, params)),
        appearances=_rows(con.execute(_APPEARANCES, params)),
        payloads=payloads,
    )


def _rows(result: duckdb.DuckDBPyConnection) -> list[Row]:
    names = [d[0] for d in result.description or []]
    return [dict(zip(names, values, strict=True)) for values in result.fetchall()]
