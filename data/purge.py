"""Erasing a client's data (a privacy request) and dropping old checks (retention).

A DuckDB limitation shapes it: deleting child rows and then their parent in the SAME
transaction fails ("still referenced by a foreign key", see DuckDB's foreign-key limitations).
So a purge deletes table by table, children before parents, each table in its own
transaction. A purge interrupted midway leaves only complete tables deleted, with every
remaining row still reachable from the client through intact parents, so running it again
finishes the job: ``delete_client_rows`` is idempotent.

A checkpoint follows the deletes so that the erased rows leave the write-ahead log. DuckDB may
still hold their bytes in freed blocks of the database file until they are reused, and backups
or copies of the file are out of reach: a complete erasure also needs those handled.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

from data.store import transaction

# Each table's rows that belong to the client $slug, in deletion order (children first). Each
# entry is the WHERE clause of both the count and the delete, so the preview shown before a
# purge counts exactly what the purge erases. The statements are composed from these constants
# only (hence the S608 exemptions); the slug and the date are always bound parameters.
_CLIENT = "(SELECT client_id FROM clients WHERE slug = $slug)"
_QUERIES = f"(SELECT query_id FROM queries WHERE client_id IN {_CLIENT})"  # noqa: S608
_RUNS = f"(SELECT run_id FROM serp_runs WHERE query_id IN {_QUERIES})"  # noqa: S608
_RESULTS = f"(SELECT result_id FROM serp_results WHERE run_id IN {_RUNS})"  # noqa: S608
_ITEMS = f"(SELECT item_id FROM content_items WHERE client_id IN {_CLIENT})"  # noqa: S608
_LEAK_URLS = f"(SELECT leak_url_id FROM leak_urls WHERE item_id IN {_ITEMS})"  # noqa: S608
CLIENT_TABLES: tuple[tuple[str, str], ...] = (
    ("labels", f"result_id IN {_RESULTS}"),
    ("harm_scores", f"result_id IN {_RESULTS}"),
    ("serp_results", f"run_id IN {_RUNS}"),
    ("serp_runs", f"query_id IN {_QUERIES}"),
    ("url_checks", f"leak_url_id IN {_LEAK_URLS}"),
    ("url_events", f"leak_url_id IN {_LEAK_URLS}"),
    ("leak_urls", f"item_id IN {_ITEMS}"),
    ("content_fingerprints", f"item_id IN {_ITEMS}"),
    ("content_items", f"client_id IN {_CLIENT}"),
    ("content_assets", f"client_id IN {_CLIENT}"),
    ("alerts", f"client_id IN {_CLIENT}"),
    ("candidate_decisions", f"client_id IN {_CLIENT}"),
    ("gsc_rows", f"client_id IN {_CLIENT}"),
    ("launches", f"client_id IN {_CLIENT}"),
    ("domains", f"client_id IN {_CLIENT}"),
    ("queries", f"client_id IN {_CLIENT}"),
    ("clients", "slug = $slug"),
)
_COUNT = {
    table: f"SELECT count(*) FROM {table} WHERE {where}"  # noqa: S608
    for table, where in CLIENT_TABLES
}
_DELETE = {
    table: f"DELETE FROM {table} WHERE {where}"  # noqa: S608
    for table, where in CLIENT_TABLES
}
_COUNT_OLD_CHECKS = "SELECT count(*) FROM url_checks WHERE checked_at < CAST($before AS TIMESTAMP)"
_DELETE_OLD_CHECKS = "DELETE FROM url_checks WHERE checked_at < CAST($before AS TIMESTAMP)"


def load_client_row_counts(con: duckdb.DuckDBPyConnection, slug: str) -> dict[str, int]:
    """How many rows of each table belong to client ``slug``, in deletion order (zeros for an
    unknown slug)."""
    return {table: _count(con, _COUNT[table], {"slug": slug}) for table, _ in CLIENT_TABLES}


def delete_client_rows(con: duckdb.DuckDBPyConnection, slug: str) -> dict[str, int]:
    """Delete every row of client ``slug``, one transaction per table (see the module doc);
    return the rows deleted per table. Must not be called inside a transaction."""
    deleted: dict[str, int] = {}
    for table, _ in CLIENT_TABLES:
        with transaction(con):
            deleted[table] = _count(con, _DELETE[table], {"slug": slug})
    con.execute("CHECKPOINT")  # out of the write-ahead log and into rewritten row groups
    return deleted


def load_old_check_count(con: duckdb.DuckDBPyConnection, before: datetime) -> int:
    """How many url_checks were made before ``before``."""
    return _count(con, _COUNT_OLD_CHECKS, {"before": before})


def delete_old_checks(con: duckdb.DuckDBPyConnection, before: datetime) -> int:
    """Delete the url_checks made before ``before``; return how many. No table references
    url_checks, so one statement suffices; the caller adds its audit entry in the same
    transaction."""
    return _count(con, _DELETE_OLD_CHECKS, {"before": before})


def _count(con: duckdb.DuckDBPyConnection, statement: str, params: dict[str, object]) -> int:
    rows = con.execute(statement, params).fetchall()  # fetch all: leave no pending result
    return int(rows[0][0]) if rows else 0
