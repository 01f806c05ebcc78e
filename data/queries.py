"""Named reads: each function runs one statement and returns a DataFrame.

The docstring of each function lists its columns; callers (models, dashboard, CLI) rely on
those names and never write SQL of their own.
"""

from __future__ import annotations

import duckdb
import pandas as pd

# The warehouse's tables, in the order a person reads them. Tests check this list against the
# migrations and against _TABLE_COUNTS, so a new table cannot be forgotten in the overview.
TABLES: tuple[str, ...] = (
    "clients",
    "queries",
    "domains",
    "serp_runs",
    "serp_results",
    "harm_scores",
    "content_items",
    "content_fingerprints",
    "leak_urls",
    "url_events",
    "url_checks",
    "content_assets",
    "labels",
    "alerts",
    "audit_log",
    "candidate_decisions",
    "gsc_rows",
    "launches",
)

_TABLE_COUNTS = """
SELECT 'clients' AS table_name, count(*) AS row_count FROM clients
UNION ALL SELECT 'queries', count(*) FROM queries
UNION ALL SELECT 'domains', count(*) FROM domains
UNION ALL SELECT 'serp_runs', count(*) FROM serp_runs
UNION ALL SELECT 'serp_results', count(*) FROM serp_results
UNION ALL SELECT 'harm_scores', count(*) FROM harm_scores
UNION ALL SELECT 'content_items', count(*) FROM content_items
UNION ALL SELECT 'content_fingerprints', count(*) FROM content_fingerprints
UNION ALL SELECT 'leak_urls', count(*) FROM leak_urls
UNION ALL SELECT 'url_events', count(*) FROM url_events
UNION ALL SELECT 'url_checks', count(*) FROM url_checks
UNION ALL SELECT 'content_assets', count(*) FROM content_assets
UNION ALL SELECT 'labels', count(*) FROM labels
UNION ALL SELECT 'alerts', count(*) FROM alerts
UNION ALL SELECT 'audit_log', count(*) FROM audit_log
UNION ALL SELECT 'candidate_decisions', count(*) FROM candidate_decisions
UNION ALL SELECT 'gsc_rows', count(*) FROM gsc_rows
UNION ALL SELECT 'launches', count(*) FROM launches
"""

_SCHEMA_STATUS = """
SELECT version, name, applied_at FROM schema_migrations ORDER BY version
"""

_CLIENTS = """
SELECT c.client_id, c.slug, c.name, c.language, c.capacity_per_week, c.active,
       count(q.query_id) FILTER (WHERE q.active) AS active_queries,
       count(q.query_id) AS all_queries,
       (SELECT count(*) FROM domains d WHERE d.client_id = c.client_id) AS domains
FROM clients c
LEFT JOIN queries q USING (client_id)
GROUP BY ALL
ORDER BY c.active DESC, c.slug
"""

_QUERIES = """
SELECT q.query_id, c.slug AS client, q.text, q.engine, q.gl, q.hl, q.location, q.device,
       q.search_volume, q.tags, q.active
FROM queries q
JOIN clients c USING (client_id)
WHERE ($client IS NULL OR c.slug = $client)
ORDER BY c.slug, q.active DESC, q.text, q.engine, q.device
"""

_DOMAINS = """
SELECT c.slug AS client, d.domain, d.category, d.source
FROM domains d
JOIN clients c USING (client_id)
WHERE ($client IS NULL OR c.slug = $client)
ORDER BY c.slug, d.category, d.domain
"""

_AUDIT = """
SELECT audit_id, logged_at, actor, action, subject, details
FROM audit_log
ORDER BY audit_id DESC
LIMIT $limit
"""


def load_table_counts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Columns: ``table_name``, ``row_count``; one row per warehouse table, in ``TABLES`` order."""
    return con.execute(_TABLE_COUNTS).df()


def load_schema_status(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Columns: ``version``, ``name``, ``applied_at`` (UTC); one row per applied migration."""
    return con.execute(_SCHEMA_STATUS).df()


def load_clients(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Columns: ``client_id``, ``slug``, ``name``, ``language``, ``capacity_per_week``,
    ``active``, ``active_queries``, ``all_queries``, ``domains``; active clients first."""
    return con.execute(_CLIENTS).df()


def load_queries(con: duckdb.DuckDBPyConnection, client: str | None = None) -> pd.DataFrame:
    """Columns: ``query_id``, ``client`` (slug), ``text``, ``engine``, ``gl``, ``hl``,
    ``location``, ``device``, ``search_volume``, ``tags`` (list), ``active``.

    ``client`` restricts to one client's slug; inactive queries (removed from the config) are
    kept with ``active`` false, because their history stays.
    """
    return con.execute(_QUERIES, {"client": client}).df()


def load_domains(con: duckdb.DuckDBPyConnection, client: str | None = None) -> pd.DataFrame:
    """Columns: ``client`` (slug), ``domain``, ``category``, ``source``."""
    return con.execute(_DOMAINS, {"client": client}).df()


def load_audit_log(con: duckdb.DuckDBPyConnection, limit: int = 50) -> pd.DataFrame:
    """Columns: ``audit_id``, ``logged_at`` (UTC), ``actor``, ``action``, ``subject``,
    ``details``; newest first, at most ``limit`` rows."""
    return con.execute(_AUDIT, {"limit": limit}).df()
