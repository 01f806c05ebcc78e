"""Search-results runs and results: what collection and imports hand to the warehouse.

A run is one fetch attempt of one results page (query x source x page x slot). Every run is
stored with its status, including failed, blocked and empty ones, so a failure is visible as a
failure and never as a ranking. Raw bodies are kept gzip-compressed with the SHA-256 of the
uncompressed bytes, for re-parsing after a parser fix and as evidence. Writing is idempotent:
a slot that already has a run is left as it is.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pandas as pd
import pyarrow as pa

from data.store import transaction

RUN_STATUSES = ("ok", "failed", "blocked", "empty")


@dataclass(frozen=True)
class SerpResultRecord:
    """One result of a run, with its absolute position across pages."""

    position: int
    url: str
    normalized_url: str
    domain: str
    title: str
    snippet: str
    result_type: str = "organic"


@dataclass(frozen=True)
class SerpRunRecord:
    """One fetch attempt of one page, with what it brought back (if anything)."""

    query_id: int
    source: str
    page: int
    slot_at: datetime
    requested_at: datetime
    fetched_at: datetime | None
    status: str
    error: str | None = None
    http_status: int | None = None
    attempts: int = 1
    cost_units: float = 0.0
    payload: bytes | None = field(default=None, repr=False)
    content_type: str | None = None
    results: tuple[SerpResultRecord, ...] = ()

    def __post_init__(self) -> None:
        if self.status not in RUN_STATUSES:
            raise ValueError(f"unknown run status {self.status!r}")
        if self.status != "ok" and any(r.result_type == "organic" for r in self.results):
            raise ValueError(f"a {self.status} run cannot carry organic results")


@dataclass(frozen=True)
class RunWriteReport:
    """What ``write_serp_runs`` stored: runs by status, runs skipped, results written."""

    written: dict[str, int]
    skipped_existing: int
    results: int


_RUN_SCHEMA = pa.schema(
    [
        ("key", pa.int64()),
        ("query_id", pa.int32()),
        ("source", pa.string()),
        ("page", pa.int32()),
        ("slot_at", pa.timestamp("us", tz="UTC")),
        ("requested_at", pa.timestamp("us", tz="UTC")),
        ("fetched_at", pa.timestamp("us", tz="UTC")),
        ("status", pa.string()),
        ("error", pa.string()),
        ("http_status", pa.int32()),
        ("attempts", pa.int32()),
        ("cost_units", pa.float64()),
        ("payload_sha256", pa.string()),
        ("payload_codec", pa.string()),
        ("payload", pa.binary()),
        ("content_type", pa.string()),
    ]
)
# The columns of a result, shared by every write that carries results.
RESULT_FIELDS: list[tuple[str, pa.DataType]] = [
    ("position", pa.int32()),
    ("url", pa.string()),
    ("normalized_url", pa.string()),
    ("domain", pa.string()),
    ("title", pa.string()),
    ("snippet", pa.string()),
    ("result_type", pa.string()),
]
_RESULT_SCHEMA = pa.schema([("key", pa.int64()), *RESULT_FIELDS])

_NEW_RUNS = """
CREATE TEMP TABLE new_runs AS
SELECT i.* FROM incoming_runs i
WHERE NOT EXISTS (
    SELECT 1 FROM serp_runs r
    WHERE r.query_id = i.query_id AND r.source = i.source AND r.page = i.page
      AND r.slot_at = i.slot_at)
"""
_INSERT_RUNS = """
INSERT INTO serp_runs (query_id, source, page, slot_at, requested_at, fetched_at, status, error,
                       http_status, attempts, cost_units, payload_sha256, payload_codec, payload,
                       content_type)
SELECT query_id, source, page, slot_at, requested_at, fetched_at, status, error, http_status,
       attempts, cost_units, payload_sha256, payload_codec, payload, content_type
FROM new_runs ORDER BY key
"""
_INSERT_RESULTS = """
INSERT INTO serp_results (run_id, position, url, normalized_url, domain, title, snippet,
                          result_type)
SELECT r.run_id, i.position, i.url, i.normalized_url, i.domain, i.title, i.snippet, i.result_type
FROM incoming_results i
JOIN new_runs n ON n.key = i.key
JOIN serp_runs r ON r.query_id = n.query_id AND r.source = n.source AND r.page = n.page
                AND r.slot_at = n.slot_at
"""
_NEW_RUN_COUNTS = "SELECT status, count(*) FROM new_runs GROUP BY status"


def write_serp_runs(
    con: duckdb.DuckDBPyConnection, runs: Sequence[SerpRunRecord]
) -> RunWriteReport:
    """Store runs and their results in one transaction; slots already stored are skipped.

    Duplicate slots within ``runs`` itself are a caller bug and raise ``ValueError`` before
    anything is written.
    """
    keys = [(r.query_id, r.source, r.page, r.slot_at) for r in runs]
    if len(set(keys)) != len(keys):
        raise ValueError("the same query x source x page x slot appears twice in one batch")
    run_rows, result_rows = _rows(runs)
    con.register("incoming_runs", pa.Table.from_pylist(run_rows, schema=_RUN_SCHEMA))
    con.register("incoming_results", pa.Table.from_pylist(result_rows, schema=_RESULT_SCHEMA))
    try:
        with transaction(con):
            con.execute(_NEW_RUNS)
            written = {str(s): int(n) for s, n in con.execute(_NEW_RUN_COUNTS).fetchall()}
            con.execute(_INSERT_RUNS)
            row = con.execute(_INSERT_RESULTS).fetchone()
            results = int(row[0]) if row else 0
            con.execute("DROP TABLE new_runs")
    finally:
        con.unregister("incoming_runs")
        con.unregister("incoming_results")
    return RunWriteReport(written, len(runs) - sum(written.values()), results)


def compress_payload(body: bytes) -> tuple[str, bytes]:
    """SHA-256 (hex) of the raw body, and the body gzip-compressed for storage."""
    return hashlib.sha256(body).hexdigest(), gzip.compress(body, compresslevel=6, mtime=0)


def decompress_payload(codec: str | None, stored: bytes) -> bytes:
    """The raw body back from its stored form."""
    if codec == "gzip":
        return gzip.decompress(stored)
    if codec is None:
        return stored
    raise ValueError(f"unknown payload codec {codec!r}")


def _rows(runs: Sequence[SerpRunRecord]) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    run_rows: list[dict[str, object]] = []
    result_rows: list[dict[str, object]] = []
    for key, run in enumerate(runs):
        digest, stored = compress_payload(run.payload) if run.payload is not None else (None, None)
        run_rows.append(
            {
                "key": key,
                "query_id": run.query_id,
                "source": run.source,
                "page": run.page,
                "slot_at": run.slot_at,
                "requested_at": run.requested_at,
                "fetched_at": run.fetched_at,
                "status": run.status,
                "error": run.error,
                "http_status": run.http_status,
                "attempts": run.attempts,
                "cost_units": run.cost_units,
                "payload_sha256": digest,
                "payload_codec": "gzip" if stored is not None else None,
                "payload": stored,
                "content_type": run.content_type,
            }
        )
        result_rows.extend(
            {"key": key, **{f: getattr(r, f) for f in _RESULT_SCHEMA.names[1:]}}
            for r in run.results
        )
    return run_rows, result_rows


_MONTH_SPEND = """
SELECT coalesce(sum(cost_units), 0) FROM serp_runs
WHERE source = $source AND requested_at >= $since
"""
_TARGETS = """
SELECT q.query_id, c.slug AS client, q.text, q.engine, q.gl, q.hl, q.location, q.device,
       q.search_volume
FROM queries q JOIN clients c USING (client_id)
WHERE q.active AND c.active AND ($client IS NULL OR c.slug = $client)
ORDER BY c.slug, q.query_id
"""
_STORED_SLOTS = """
SELECT query_id, page FROM serp_runs WHERE source = $source AND slot_at = $slot_at
"""
_QUERY_ID = """
SELECT q.query_id FROM queries q JOIN clients c USING (client_id)
WHERE c.slug = $client AND q.text = $text AND ($engine IS NULL OR q.engine = $engine)
  AND ($device IS NULL OR q.device = $device)
ORDER BY q.active DESC, q.query_id
"""


def load_month_spend(con: duckdb.DuckDBPyConnection, source: str, since: datetime) -> float:
    """Cost units a source has spent on runs requested since ``since`` (a month's start)."""
    row = con.execute(_MONTH_SPEND, {"source": source, "since": since}).fetchone()
    return float(row[0]) if row else 0.0


def load_collection_targets(
    con: duckdb.DuckDBPyConnection, client: str | None = None
) -> pd.DataFrame:
    """Columns: ``query_id``, ``client``, ``text``, ``engine``, ``gl``, ``hl``, ``location``,
    ``device``, ``search_volume``; active queries of active clients."""
    return con.execute(_TARGETS, {"client": client}).df()


def load_stored_slots(
    con: duckdb.DuckDBPyConnection, source: str, slot_at: datetime
) -> set[tuple[int, int]]:
    """(query_id, page) pairs already stored for this source and slot."""
    rows = con.execute(_STORED_SLOTS, {"source": source, "slot_at": slot_at}).fetchall()
    return {(int(q), int(p)) for q, p in rows}


def load_query_ids(
    con: duckdb.DuckDBPyConnection,
    client: str,
    text: str,
    engine: str | None = None,
    device: str | None = None,
) -> list[int]:
    """Ids of a client's queries with exactly this text, optionally on one engine and device
    (active first)."""
    params = {"client": client, "text": text, "engine": engine, "device": device}
    rows = con.execute(_QUERY_ID, params).fetchall()
    return [int(r[0]) for r in rows]
