"""Everything the defensive-content planner reads from and writes to the warehouse.

Reads: active clients and queries (volume, tags), the harmful results in the top 10 of the
snapshots behind each query's latest exposure, content assets, launches, and each published
asset's daily rank. Writes: planned assets (insert-only by (client, title): saving a plan twice
adds nothing) and publications, each change with a chained audit entry. Exposure itself comes
from ``data.kpi_exposure``: the planner never computes it a second way.

Snapshots are those of ``data.kpi_snapshots``: the ok page-1 run of a query on one source at one
slot, timed by its ``fetched_at``, with the results of the slot's other ok pages. A failed,
blocked or empty run is unobserved: it never yields a rank or a clean page."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime

import duckdb
import pandas as pd
import pyarrow as pa

from data.kpi_common import naive_utc
from data.result_harm import HARMFUL_SQL, RESULT_HARM
from data.store import transaction
from data.writes import write_audit

_CLIENTS = """
SELECT client_id, slug, name, language, capacity_per_week FROM clients
WHERE active AND ($slug IS NULL OR slug = $slug) ORDER BY slug
"""
_QUERIES = """
SELECT client_id, query_id, text, engine, gl, hl, device, search_volume, tags FROM queries
WHERE active AND ($client_id IS NULL OR client_id = $client_id) ORDER BY query_id
"""
# The harmful results of given snapshots (a snapshot = the ok page-1 run of a query at the given
# ``snapshot_at``, i.e. its fetched_at, ties to the larger run id as in data.kpi_snapshots; its
# results include those of the slot's other ok pages).
_SNAPSHOT_HARMS = f"""
WITH result_harm AS ({RESULT_HARM}),
picked AS (
    SELECT r.query_id, r.source, r.slot_at, r.fetched_at AS snapshot_at
    FROM serp_runs r
    JOIN plan_snapshots p ON p.query_id = r.query_id AND p.snapshot_at = r.fetched_at
    WHERE r.page = 1 AND r.status = 'ok'
    QUALIFY row_number() OVER (PARTITION BY r.query_id ORDER BY r.run_id DESC) = 1
)
SELECT p.query_id, p.snapshot_at, s.position, s.domain, h.category, h.harm
FROM picked p
JOIN serp_runs r ON r.query_id = p.query_id AND r.source = p.source AND r.slot_at = p.slot_at
JOIN serp_results s ON s.run_id = r.run_id
JOIN result_harm h ON h.result_id = s.result_id
WHERE r.status = 'ok' AND s.result_type = 'organic' AND s.position <= $depth
  AND h.category IN {HARMFUL_SQL} AND h.harm >= $threshold
ORDER BY p.query_id, s.position
"""  # noqa: S608 (constant text, no user input)
_ASSETS = """
SELECT a.asset_id, a.client_id, c.slug AS client, a.title, a.asset_type, a.status,
       a.target_query_id, q.text AS query, a.url, a.planned_on, a.published_on, a.priority,
       a.reason_en, a.reason_fr
FROM content_assets a
JOIN clients c USING (client_id)
LEFT JOIN queries q ON q.query_id = a.target_query_id
WHERE $client_id IS NULL OR a.client_id = $client_id
ORDER BY c.slug, a.published_on NULLS LAST, a.planned_on NULLS LAST, a.title
"""
_LAUNCHES = """
SELECT client_id, name, launch_on FROM launches
WHERE $client_id IS NULL OR client_id = $client_id ORDER BY launch_on, name
"""
# Per asset and local day of its target query with a snapshot (the day's last one, as in
# data.kpi_exposure: page-1 ok run, time = fetched_at, ties to the larger run id), the best
# position of the asset's URL among the slot's organic results; NULL = observed, not there.
_RANKS = """
WITH snapshots AS (
    SELECT run_id, query_id, source, slot_at, fetched_at AS snapshot_at,
           CAST(timezone($tz, timezone('UTC', fetched_at)) AS DATE) AS day
    FROM serp_runs
    WHERE status = 'ok' AND page = 1 AND fetched_at <= $as_of
      AND query_id IN (SELECT query_id FROM plan_asset_targets)
    QUALIFY row_number() OVER (PARTITION BY query_id, day
                               ORDER BY fetched_at DESC, run_id DESC) = 1
),
hits AS (
    SELECT t.asset_id, r.source, r.slot_at, min(s.position) AS position
    FROM plan_asset_targets t
    JOIN serp_runs r ON r.query_id = t.query_id AND r.status = 'ok'
    JOIN serp_results s ON s.run_id = r.run_id AND s.result_type = 'organic'
                       AND s.normalized_url = t.normalized_url
    GROUP BY ALL
)
SELECT t.asset_id, d.day, d.snapshot_at, h.position
FROM plan_asset_targets t
JOIN snapshots d ON d.query_id = t.query_id AND d.day >= t.since
LEFT JOIN hits h ON h.asset_id = t.asset_id AND h.source = d.source AND h.slot_at = d.slot_at
ORDER BY t.asset_id, d.day
"""
_SNAPSHOTS = pa.schema([("query_id", pa.int32()), ("snapshot_at", pa.timestamp("us"))])
_TARGETS = pa.schema(
    [("asset_id", pa.int32()), ("query_id", pa.int32()), ("normalized_url", pa.string()),
     ("since", pa.date32())]
)  # fmt: skip
_PLANNED = pa.schema(
    [("client_id", pa.int32()), ("title", pa.string()), ("asset_type", pa.string()),
     ("target_query_id", pa.int32()), ("planned_on", pa.date32()), ("priority", pa.float64()),
     ("reason_en", pa.string()), ("reason_fr", pa.string())]
)  # fmt: skip
_INSERT_PLANNED = """
INSERT INTO content_assets (client_id, title, asset_type, status, target_query_id, planned_on,
                            priority, reason_en, reason_fr, created_at, updated_at)
SELECT i.client_id, i.title, i.asset_type, 'planned', i.target_query_id, i.planned_on,
       i.priority, i.reason_en, i.reason_fr, $at, $at
FROM plan_incoming i
WHERE NOT EXISTS (SELECT 1 FROM content_assets a
                  WHERE a.client_id = i.client_id AND a.title = i.title)
ORDER BY i.planned_on, i.title
"""
_ASSET_BY_TITLE = """
SELECT asset_id, status, url, published_on, target_query_id, asset_type FROM content_assets
WHERE client_id = $client_id AND title = $title
"""
_INSERT_PUBLISHED = """
INSERT INTO content_assets (client_id, title, asset_type, status, target_query_id, url,
                            published_on, created_at, updated_at)
VALUES ($client_id, $title, $asset_type, 'published', $query_id, $url, $on, $at, $at)
RETURNING asset_id
"""
_UPDATE_PUBLISHED = """
UPDATE content_assets
SET status = 'published', url = $url, published_on = $on, asset_type = $asset_type,
    target_query_id = $query_id, updated_at = $at
WHERE asset_id = $asset_id
"""


@dataclass(frozen=True)
class PlannedAsset:
    """A scheduled recommendation to save as a planned asset."""

    client_id: int
    title: str
    asset_type: str
    target_query_id: int | None
    planned_on: date
    priority: float
    reason_en: str
    reason_fr: str


@dataclass(frozen=True)
class Publication:
    """An asset going live; ``asset_type``/``target_query_id`` None keep the stored ones."""

    client_id: int
    title: str
    url: str
    published_on: date
    target_query_id: int | None = None
    asset_type: str | None = None


def load_plan_clients(con: duckdb.DuckDBPyConnection, slug: str | None = None) -> pd.DataFrame:
    """Active clients: client_id, slug, name, language, capacity_per_week."""
    return con.execute(_CLIENTS, {"slug": slug}).fetchdf()


def load_plan_queries(con: duckdb.DuckDBPyConnection, client_id: int | None) -> pd.DataFrame:
    """Active queries: client_id, query_id, text, engine, gl, hl, device, search_volume (NaN =
    unknown), tags (a list of strings)."""
    return con.execute(_QUERIES, {"client_id": client_id}).fetchdf()


def load_snapshot_harms(
    con: duckdb.DuckDBPyConnection, snapshots: pd.DataFrame, *, threshold: float, depth: int = 10
) -> pd.DataFrame:
    """The harmful results (category harmful, harm >= ``threshold``, per ``data.result_harm``)
    at positions 1..``depth`` of the given snapshots: query_id, snapshot_at, position, domain,
    category, harm.

    ``snapshots`` [query_id, snapshot_at]: typically each query's latest day from
    ``data.kpi_exposure.load_query_day_exposure``, so that the results named are exactly those
    behind the exposure shown. Domains only: a leak URL never leaves the warehouse this way.
    """
    frame = snapshots[["query_id", "snapshot_at"]].astype({"query_id": "int64"})
    table = pa.Table.from_pandas(frame, schema=_SNAPSHOTS, preserve_index=False)
    con.register("plan_snapshots", table)
    try:
        params = {"threshold": threshold, "depth": depth}
        return con.execute(_SNAPSHOT_HARMS, params).fetchdf()
    finally:
        con.unregister("plan_snapshots")


def load_content_assets(con: duckdb.DuckDBPyConnection, client_id: int | None) -> pd.DataFrame:
    """Content assets: asset_id, client_id, client (slug), title, asset_type, status,
    target_query_id, query (text), url, planned_on, published_on, priority, reason_en,
    reason_fr."""
    return con.execute(_ASSETS, {"client_id": client_id}).fetchdf()


def load_launches(con: duckdb.DuckDBPyConnection, client_id: int | None) -> pd.DataFrame:
    """Declared launches: client_id, name, launch_on."""
    return con.execute(_LAUNCHES, {"client_id": client_id}).fetchdf()


def load_asset_ranks(
    con: duckdb.DuckDBPyConnection, targets: pd.DataFrame, *, as_of: datetime, tz: str
) -> pd.DataFrame:
    """Daily rank of assets in their target query: asset_id, day, snapshot_at, position.

    ``targets`` [asset_id, query_id, normalized_url, since]: the asset's URL in normalized form
    (as ``serp_results.normalized_url``) and its first day to track. One row per local day
    (``tz``) from ``since`` to ``as_of`` with a successful snapshot of the query, from the day's
    last one; position is NULL when the URL was not among its results. A day without a
    successful snapshot has no row: a gap, never "not ranked".
    """
    table = pa.Table.from_pandas(targets[list(_TARGETS.names)], schema=_TARGETS,
                                 preserve_index=False)  # fmt: skip
    con.register("plan_asset_targets", table)
    try:
        return con.execute(_RANKS, {"tz": tz, "as_of": naive_utc(as_of)}).fetchdf()
    finally:
        con.unregister("plan_asset_targets")


def write_planned_assets(
    con: duckdb.DuckDBPyConnection, assets: Sequence[PlannedAsset], *, at: datetime, actor: str
) -> int:
    """Insert the assets not stored yet (by client and title); return how many were added.

    An existing title is left as it is (its planned week, a later publication or drop are
    decisions to keep), so saving the same plan again changes nothing and writes no audit.
    """
    rows = [asdict(a) for a in assets]
    con.register("plan_incoming", pa.Table.from_pylist(rows, schema=_PLANNED))
    try:
        with transaction(con):
            row = con.execute(_INSERT_PLANNED, {"at": naive_utc(at)}).fetchone()
            added = int(row[0]) if row else 0
            if added:
                ids = ",".join(str(c) for c in sorted({a.client_id for a in assets}))
                details = f"{added} new planned asset(s) of {len(assets)} scheduled"
                write_audit(con, at, actor, "plan_save", f"clients:{ids}", details)
    finally:
        con.unregister("plan_incoming")
    return added


def write_publication(
    con: duckdb.DuckDBPyConnection, pub: Publication, *, at: datetime, actor: str
) -> tuple[int, str]:
    """Record that an asset went live: (asset_id, "created" | "published" | "unchanged").

    A title not stored yet is created as published (type "other" unless given); a stored one
    becomes published with this URL and date, keeping its type and target query unless new
    ones are given. Recording the same publication again changes nothing. The audit entry
    names the asset and a hash of its URL.
    """
    with transaction(con):
        row = con.execute(_ASSET_BY_TITLE, {"client_id": pub.client_id, "title": pub.title})
        stored = row.fetchone()
        params: dict[str, object] = {
            "client_id": pub.client_id, "title": pub.title, "url": pub.url,
            "on": pub.published_on, "at": naive_utc(at),
            "asset_type": pub.asset_type or (str(stored[5]) if stored else "other"),
            "query_id": pub.target_query_id if pub.target_query_id is not None
            else (stored[4] if stored else None),
        }  # fmt: skip
        if stored is None:
            created = con.execute(_INSERT_PUBLISHED, params).fetchone()
            asset_id, outcome = int(created[0]) if created else 0, "created"
        else:
            asset_id, outcome = int(stored[0]), "published"
            wanted = ("published", pub.url, pub.published_on, params["query_id"],
                      params["asset_type"])  # fmt: skip
            if tuple(stored[1:]) == wanted:
                return asset_id, "unchanged"
            kept = {k: v for k, v in params.items() if k not in ("client_id", "title")}
            con.execute(_UPDATE_PUBLISHED, {**kept, "asset_id": asset_id})
        digest = hashlib.sha256(pub.url.encode()).hexdigest()[:16]
        details = (
            f"client_id={pub.client_id}; type={params['asset_type']}; "
            f"query_id={params['query_id']}; published_on={pub.published_on.isoformat()}; "
            f"url_sha256={digest}"
        )
        write_audit(con, at, actor, "asset_publish", f"asset:{asset_id}", details)
    return asset_id, outcome
