"""Named read behind reputational MTTR (KPIS.md section 6): the harm incidents of each query.

A snapshot is *harmful* when a result at position <= ``top_n`` has harm >= ``theta``
(``data.result_harm``: the latest label, else the latest score), *clean* otherwise. For each
query, its observed and scored snapshots, every source merged, form one sequence ordered by
time; unobserved runs (failed, blocked, empty) are simply not in it, so they neither open nor
close anything, and unscored snapshots (a top result of unknown harm) are left out the same way
rather than taken as clean.

An incident opens at the first harmful snapshot after a clean one and closes at the first of
two consecutive clean snapshots (``closed_at`` = the time of the first of the two): a single
clean snapshot between harmful ones does not close it. KPIS.md says "after a clean one"; a
query whose observed history *starts* harmful has no clean snapshot before, and its harm is
real: that incident is kept, opened at the query's first snapshot, and flagged
``started_harmful`` (its true start is unknown: it began before monitoring did), so the caller
can report or leave it out.

Window functions do it in one pass: a snapshot "closes" when it and the next one are clean;
the closings cut each query's sequence into segments, and every segment holding a harmful
snapshot is one incident, opened at its first harmful snapshot and closed at the segment's
last snapshot when that one closes.

Speed: the state at the period start depends on the history before it only back to the last
closing, usually days before. With a period start the sequence is therefore read from a
lookback before it (runs grow with time, so a shorter history is a cheaper scan); the queries
for which that history is not enough (the lookback's first segment reaches into the period and
the query was observed before the lookback: an incident may have been running since) are read
again with a four times longer lookback, and at last the whole history. The answer is the same
as from the whole history, always.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import duckdb
import pandas as pd

from data.kpi_common import naive_utc, optional_naive_utc
from data.kpi_snapshots import ALL_HISTORY, load_snapshot_scope

#: The first lookback before the period start, then x4 at each round, then all history.
FIRST_LOOKBACK = timedelta(days=14)
_ROUNDS = 3

_INCIDENTS_TAIL = """,
sequence AS (
    SELECT client_id, query_id, snapshot_id, snapshot_at, max_harm >= $theta AS harmful
    FROM facts
    WHERE scored
),
marked AS (
    SELECT *,
           NOT harmful AND NOT coalesce(lead(harmful) OVER w, TRUE) AS closes,
           row_number() OVER w = 1 AS first_seen
    FROM sequence
    WINDOW w AS (PARTITION BY query_id ORDER BY snapshot_at, snapshot_id)
),
segmented AS (
    SELECT *,
           coalesce(sum(CAST(closes AS INTEGER)) OVER (
               PARTITION BY query_id ORDER BY snapshot_at, snapshot_id
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS segment
    FROM marked
),
incidents AS (
    SELECT client_id, query_id, segment,
           min(snapshot_at) FILTER (WHERE harmful) AS opened_at,
           max(snapshot_at) FILTER (WHERE closes) AS closed_at,
           bool_or(first_seen AND harmful) AS started_harmful
    FROM segmented
    GROUP BY client_id, query_id, segment
    HAVING bool_or(harmful)
),
last_seen AS (
    SELECT query_id, max(snapshot_at) AS last_snapshot_at FROM sequence GROUP BY query_id
),
observed_before AS (
    SELECT DISTINCT r.query_id
    FROM serp_runs r
    JOIN client_queries q USING (query_id)
    WHERE r.page = 1 AND r.status = 'ok' AND r.fetched_at < $from
)
SELECT i.client_id, i.query_id, i.opened_at, i.closed_at, l.last_snapshot_at,
       i.started_harmful, i.segment = 0 AND b.query_id IS NOT NULL AS unsure
FROM incidents i
JOIN last_seen l USING (query_id)
LEFT JOIN observed_before b USING (query_id)
WHERE i.opened_at >= $opened_from AND i.opened_at <= $as_of
ORDER BY i.client_id, i.query_id, i.opened_at
"""

_ORDER = ["client_id", "query_id", "opened_at"]


def _read(
    con: duckdb.DuckDBPyConnection,
    *,
    client_id: int | None,
    history_from: datetime | None,
    query_ids: Sequence[int] | None,
    opened_from: datetime,
    as_of: datetime,
    theta: float,
    top_n: int,
) -> pd.DataFrame:
    """Incidents opened in [opened_from, as_of] from the history since ``history_from``, with
    ``unsure`` set where that history may have started inside a running incident."""
    scope = load_snapshot_scope(
        con,
        client_id=client_id,
        start=history_from,
        as_of=as_of,
        positions=top_n,
        query_ids=query_ids,
    )
    scope.params.update(theta=float(theta), opened_from=opened_from)
    sql = f"WITH {scope.harm_facts_ctes()}{_INCIDENTS_TAIL}"
    return con.execute(sql, scope.params).df()


def load_incidents(
    con: duckdb.DuckDBPyConnection,
    *,
    client_id: int | None,
    start: datetime | None,
    as_of: datetime,
    theta: float,
    top_n: int = 10,
) -> pd.DataFrame:
    """The incidents opened in [``start``, ``as_of``] (``start`` None = all history) on the
    queries of one client (``client_id`` None = every client), as known at ``as_of``.

    Columns: ``client_id``, ``query_id``, ``opened_at`` (the first harmful snapshot),
    ``closed_at`` (the first of two consecutive clean snapshots; NaT while open),
    ``last_snapshot_at`` (the query's last observed and scored snapshot at or before
    ``as_of``: where an open incident is right-censored, since an unscored snapshot says
    nothing about it), ``started_harmful`` (the query's history begins with this incident: no
    clean snapshot was ever seen before it). Times are naive UTC.

    The state is that of the whole history up to ``as_of``, so an incident opened before
    ``start`` and still running is not reported again as a new one. A snapshot is unscored, and
    left out, when a result at position <= ``top_n`` has neither score nor label.
    """
    if not 0.0 <= theta <= 1.0:
        raise ValueError("theta must lie in [0, 1]")
    if top_n < 1:
        raise ValueError("top_n must be at least 1")
    period_start = optional_naive_utc(start)
    frames: list[pd.DataFrame] = []
    query_ids: list[int] | None = None
    lookback = FIRST_LOOKBACK
    for rounds_left in range(_ROUNDS, -1, -1):
        history_from = None
        if period_start is not None and rounds_left:
            history_from = period_start - lookback
        frame = _read(
            con,
            client_id=client_id,
            history_from=history_from,
            query_ids=query_ids,
            opened_from=ALL_HISTORY if period_start is None else period_start,
            as_of=naive_utc(as_of),
            theta=theta,
            top_n=top_n,
        )
        unsure = frame.loc[frame["unsure"], "query_id"].unique()
        frames.append(frame[~frame["query_id"].isin(unsure)])
        if len(unsure) == 0:
            break
        query_ids = sorted(int(q) for q in unsure)
        lookback *= 4
    found = [f for f in frames if not f.empty] or frames[:1]
    result = pd.concat(found, ignore_index=True) if len(found) > 1 else found[0]
    return result.drop(columns="unsure").sort_values(_ORDER, ignore_index=True)
