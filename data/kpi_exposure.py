"""Named reads behind search exposure, SERP health and owned share (KPIS.md section 1).

Exposure weighs each result's harm by the share of clicks its position gets, so that harm at
position 1 counts far more than harm at position 9: E = sum over positions p <= len(weights) of
w_p * harm. The weights come from the caller already normalised (``WorkspaceConfig
.ctr_weights()``; index 0 = position 1; positions past the list weigh 0), so the dashboard, the
CLI and the reports all use the workspace's curve. Owned share = sum of w_p over the client's
own results (an ``owned`` domain or a published defensive asset).

Only observed snapshots count (a failed, blocked or empty fetch is no snapshot, never a clean
page), and a snapshot with a top result of unknown harm is "unscored": it has no exposure, is
left out of the daily series and is counted so the caller can warn. Daily series take, for
each query and *local* day of the workspace (``tz``), the last scored snapshot of that day; a
day without one is a gap (no row), never a zero. The per-snapshot work is shared with the
incident reads (``data.kpi_snapshots``); everything is aggregated inside DuckDB.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import duckdb
import pandas as pd

from data.kpi_common import weight_list
from data.kpi_snapshots import SnapshotScope, load_snapshot_scope

#: ``days``: per (client, query, local day) the last scored snapshot's time, exposure and owned
#: share (NULL when the day had only unscored snapshots) and the day's unscored snapshots.
#: Ties on ``snapshot_at`` (two sources fetched at the same instant) go to the larger id.
#: The local day is ``CAST(timezone($tz, timezone('UTC', snapshot_at)) AS DATE)``; ICU takes
#: ~0.3 us a call, so it is called once per 15-minute UTC bucket holding snapshots (zone
#: offsets change only on 15-minute UTC boundaries: every DST rule in the tz database switches
#: on a whole local hour or half hour, and the offsets are whole quarter hours) and the
#: bucket's offset is added to each snapshot of it.
_DAYS = """,
zone_offsets AS (
    SELECT bucket, timezone($tz, timezone('UTC', bucket)) - bucket AS utc_offset
    FROM (SELECT DISTINCT time_bucket(INTERVAL 15 MINUTE, snapshot_at) AS bucket FROM snapshots)
),
days AS (
    SELECT f.client_id, f.query_id, CAST(f.snapshot_at + z.utc_offset AS DATE) AS day,
           max(f.snapshot_at) FILTER (WHERE f.scored) AS snapshot_at,
           arg_max(f.exposure, (f.snapshot_at, f.snapshot_id)) FILTER (WHERE f.scored)
               AS exposure,
           arg_max(f.owned_share, (f.snapshot_at, f.snapshot_id)) FILTER (WHERE f.scored)
               AS owned_share,
           count(*) FILTER (WHERE NOT f.scored) AS unscored_snapshots
    FROM facts f
    JOIN zone_offsets z ON z.bucket = time_bucket(INTERVAL 15 MINUTE, f.snapshot_at)
    GROUP BY f.client_id, f.query_id, day
)"""

_SNAPSHOT_SELECT = """
SELECT client_id, query_id, source, snapshot_at, exposure, owned_share, scored
FROM facts
ORDER BY client_id, query_id, snapshot_at, source
"""
_QUERY_DAY_SELECT = """
SELECT client_id, query_id, day, snapshot_at, exposure, owned_share
FROM days
WHERE snapshot_at IS NOT NULL
ORDER BY client_id, query_id, day
"""
_CLIENT_DAY_SELECT = """
SELECT client_id, day, avg(exposure) AS exposure, avg(owned_share) AS owned_share,
       count(*) AS queries
FROM days
WHERE snapshot_at IS NOT NULL
GROUP BY client_id, day
ORDER BY client_id, day
"""
_SUMMARY_SELECT = """,
per_client AS (
    SELECT client_id, avg(exposure) AS exposure, avg(owned_share) AS owned_share,
           count(snapshot_at) AS query_days, sum(unscored_snapshots) AS unscored_snapshots
    FROM days
    GROUP BY client_id
)
SELECT c.client_id, p.exposure, 100.0 * (1.0 - p.exposure) AS serp_health, p.owned_share,
       coalesce(p.query_days, 0) AS query_days,
       CAST(coalesce(p.unscored_snapshots, 0) AS BIGINT) AS unscored_snapshots
FROM clients c
LEFT JOIN per_client p USING (client_id)
WHERE $client_id IS NULL OR c.client_id = $client_id
ORDER BY c.client_id
"""


def _scope(
    con: duckdb.DuckDBPyConnection,
    client_id: int | None,
    start: datetime | None,
    as_of: datetime,
    weights: Sequence[float],
) -> SnapshotScope:
    values = weight_list(weights)
    scope = load_snapshot_scope(
        con, client_id=client_id, start=start, as_of=as_of, positions=len(values)
    )
    scope.params["weights"] = values
    return scope


def _run(con: duckdb.DuckDBPyConnection, scope: SnapshotScope, tail: str) -> pd.DataFrame:
    sql = f"WITH {scope.exposure_facts_ctes()}{tail}"
    return con.execute(sql, scope.params).df(date_as_object=True)


def load_snapshot_exposure(
    con: duckdb.DuckDBPyConnection,
    *,
    client_id: int | None,
    start: datetime | None,
    as_of: datetime,
    weights: Sequence[float],
) -> pd.DataFrame:
    """One row per observed snapshot fetched in [``start``, ``as_of``] (``start`` None = all
    history) of one client (``client_id`` None = every client).

    Columns: ``client_id``, ``query_id``, ``source``, ``snapshot_at`` (the page-1 run's
    ``fetched_at``, naive UTC), ``exposure`` (E in [0, 1]), ``owned_share``, ``scored``
    (bool). When ``scored`` is false (a result at a weighted position has neither a score nor a
    label) ``exposure`` and ``owned_share`` are NULL: unknown harm is never taken as 0.
    """
    scope = _scope(con, client_id, start, as_of, weights)
    return _run(con, scope, _SNAPSHOT_SELECT)


def load_query_day_exposure(
    con: duckdb.DuckDBPyConnection,
    *,
    client_id: int | None,
    start: datetime | None,
    as_of: datetime,
    weights: Sequence[float],
    tz: str,
) -> pd.DataFrame:
    """The daily series of each query: one row per (query, local day) that has a scored
    snapshot, taken from the last scored snapshot of that day.

    Columns: ``client_id``, ``query_id``, ``day`` (date in the workspace time zone ``tz``, an
    IANA name such as "Europe/Paris"), ``snapshot_at`` (naive UTC), ``exposure``,
    ``owned_share``. A day without a scored snapshot has no row (a gap). Snapshots are taken
    from [``start``, ``as_of``] as instants: give a local midnight as ``start`` so that the
    first day is whole.
    """
    scope = _scope(con, client_id, start, as_of, weights)
    scope.params["tz"] = tz
    return _run(con, scope, _DAYS + _QUERY_DAY_SELECT)


def load_client_day_exposure(
    con: duckdb.DuckDBPyConnection,
    *,
    client_id: int | None,
    start: datetime | None,
    as_of: datetime,
    weights: Sequence[float],
    tz: str,
) -> pd.DataFrame:
    """The daily series of each client: per local day, the mean over that day's query-days.

    Columns: ``client_id``, ``day``, ``exposure`` and ``owned_share`` (means over the client's
    queries observed that day), ``queries`` (how many: the denominator; a query not observed
    that day is left out, not counted as clean).
    """
    scope = _scope(con, client_id, start, as_of, weights)
    scope.params["tz"] = tz
    return _run(con, scope, _DAYS + _CLIENT_DAY_SELECT)


def load_exposure_summary(
    con: duckdb.DuckDBPyConnection,
    *,
    client_id: int | None,
    start: datetime | None,
    as_of: datetime,
    weights: Sequence[float],
    tz: str,
) -> pd.DataFrame:
    """One row per client (every client when ``client_id`` is None, the portfolio): the
    period's exposure, SERP health and owned share, in one pass over the warehouse.

    Columns: ``client_id``, ``exposure`` (mean over the period's query-days, each the day's
    last scored snapshot; NULL when there is none), ``serp_health`` (100 * (1 - exposure)),
    ``owned_share`` (mean over the same query-days), ``query_days`` (the denominator),
    ``unscored_snapshots`` (snapshots of the period left out because a top result has unknown
    harm: report them beside the KPI).
    """
    scope = _scope(con, client_id, start, as_of, weights)
    scope.params["tz"] = tz
    return _run(con, scope, _DAYS + _SUMMARY_SELECT)
