"""Reads and writes for re-parsing archived search-results pages after a parser fix.

Re-parsing rewrites derived rows only: a run's status and error and its results. Harm scores
of rewritten results are derived too and are dropped (the next ``score`` recomputes them).
Human labels are not derived: a run whose results carry labels is never rewritten, and is
reported instead, so no person's work disappears silently.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pyarrow as pa

from data.serp_store import RESULT_FIELDS, SerpResultRecord, decompress_payload
from data.store import transaction

_ARCHIVED_RUNS = """
SELECT r.run_id, r.query_id, r.source, r.page, r.slot_at, r.status, r.error, r.payload_codec,
       r.payload, (SELECT count(*) FROM labels l JOIN serp_results s USING (result_id)
                   WHERE s.run_id = r.run_id) AS labels
FROM serp_runs r JOIN queries q USING (query_id) JOIN clients c USING (client_id)
WHERE r.payload IS NOT NULL AND ($source IS NULL OR r.source = $source)
  AND ($client IS NULL OR c.slug = $client)
ORDER BY r.query_id, r.source, r.slot_at, r.page
"""
_RESULTS_OF = """
SELECT run_id, position, url, normalized_url, domain, title, snippet, result_type
FROM serp_results WHERE run_id IN (SELECT unnest($ids))
ORDER BY run_id, result_type, position
"""


@dataclass(frozen=True)
class ArchivedRun:
    """A stored run with its raw body, as re-parsing needs it."""

    run_id: int
    query_id: int
    source: str
    page: int
    slot_at: datetime
    status: str
    error: str | None
    body: bytes
    labelled: bool
    results: tuple[SerpResultRecord, ...]


@dataclass(frozen=True)
class ReparsedRun:
    """The new outcome of one run."""

    run_id: int
    status: str
    error: str | None
    results: tuple[SerpResultRecord, ...]


def load_archived_runs(
    con: duckdb.DuckDBPyConnection,
    source: str | None = None,
    client: str | None = None,
    batch: int = 500,
) -> Iterator[ArchivedRun]:
    """Runs that kept a payload, grouped by query, source and slot in page order, with their
    current results; read in batches so years of history do not sit in memory at once."""
    cursor = con.execute(_ARCHIVED_RUNS, {"source": source, "client": client})
    while rows := cursor.fetchmany(batch):
        ids = [int(r[0]) for r in rows]
        stored: dict[int, list[SerpResultRecord]] = {i: [] for i in ids}
        for row in con.cursor().execute(_RESULTS_OF, {"ids": ids}).fetchall():
            stored[int(row[0])].append(SerpResultRecord(*row[1:]))
        for run_id, query_id, src, page, slot_at, status, error, codec, payload, labels in rows:
            yield ArchivedRun(
                int(run_id), int(query_id), src, int(page), slot_at, status, error,
                decompress_payload(codec, payload), int(labels) > 0, tuple(stored[int(run_id)]),
            )  # fmt: skip


_RESULT_SCHEMA = pa.schema([("run_id", pa.int64()), *RESULT_FIELDS])
_RUN_SCHEMA = pa.schema([("run_id", pa.int64()), ("status", pa.string()), ("error", pa.string())])


def write_reparsed_runs(con: duckdb.DuckDBPyConnection, runs: Sequence[ReparsedRun]) -> int:
    """Replace the status, error and results of ``runs`` (all in one transaction, after their
    derived harm scores are dropped); returns the number of results written. Callers pass
    only unlabelled runs whose outcome changed."""
    if not runs:
        return 0
    run_rows = [{"run_id": r.run_id, "status": r.status, "error": r.error} for r in runs]
    result_rows = [
        {"run_id": r.run_id, **{f: getattr(x, f) for f in _RESULT_SCHEMA.names[1:]}}
        for r in runs
        for x in r.results
    ]
    con.register("reparsed_runs", pa.Table.from_pylist(run_rows, schema=_RUN_SCHEMA))
    con.register("reparsed_results", pa.Table.from_pylist(result_rows, schema=_RESULT_SCHEMA))
    try:
        # DuckDB does not see a child row deleted earlier in the same transaction when the
        # parent goes (a documented foreign-key limitation), so the derived scores are dropped
        # in a transaction of their own first: if the rewrite then fails, only re-computable
        # scores are missing.
        with transaction(con):
            con.execute(
                "DELETE FROM harm_scores WHERE result_id IN (SELECT result_id FROM serp_results "
                "WHERE run_id IN (SELECT run_id FROM reparsed_runs))"
            )
        with transaction(con):
            con.execute(
                "DELETE FROM serp_results WHERE run_id IN (SELECT run_id FROM reparsed_runs)"
            )
            con.execute(
                "UPDATE serp_runs r SET status = n.status, error = n.error "
                "FROM reparsed_runs n WHERE r.run_id = n.run_id"
            )
            row = con.execute(
                "INSERT INTO serp_results (run_id, position, url, normalized_url, domain, title, "
                "snippet, result_type) SELECT * FROM reparsed_results"
            ).fetchone()
    finally:
        con.unregister("reparsed_runs")
        con.unregister("reparsed_results")
    return int(row[0]) if row else 0
