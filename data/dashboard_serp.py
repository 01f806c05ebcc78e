"""Named reads behind the Portfolio and SERP health pages of the dashboard.

Exposure, health and the KPIs come from ``data.kpi_exposure`` and ``serpshield.kpi_jobs``; what
is here is what those pages show beside them: how many leak URLs are still online per client,
the events that explain a change in the curve (assets published, notices sent, launches), the
daily position of the best-placed harmful result of each query, and the current top 10 of each
query with what changed since the snapshot before.

Snapshots follow ``data.kpi_snapshots``: the ok page-1 run of a query on one source at one slot,
timed by its ``fetched_at`` (ties to the larger run id), with the results of the slot's other
ok pages; a failed, blocked or empty run is unobserved and yields no row, never a clean page.
Harm follows ``data.result_harm``: the latest label wins over the latest score. Local days are
days of the workspace time zone ``$tz``, as in ``data.kpi_exposure``.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd

from data.kpi_common import naive_utc
from data.result_harm import HARM_EXPRESSION

# A URL is open unless its lifecycle state (models.lifecycle: the state its latest event leads
# to, equal times in lifecycle order) is removed by the host or delisted by an engine: a
# reinstated URL, or a delisted one with a host notice sent since, is open again.
_OPEN_LEAKS = """
WITH urls AS (
    SELECT i.client_id, u.leak_url_id
    FROM leak_urls u JOIN content_items i USING (item_id)
    WHERE u.first_seen_at <= $as_of
),
last_state AS (
    SELECT e.leak_url_id,
           arg_max(e.event, (e.occurred_at,
                             list_position(['detected', 'notice_sent', 'acknowledged',
                                            'rejected', 'removed', 'delisted', 'reinstated'],
                                           e.event))) AS event
    FROM url_events e
    SEMI JOIN urls USING (leak_url_id)
    WHERE e.occurred_at <= $as_of
    GROUP BY e.leak_url_id
)
SELECT c.client_id, c.slug,
       count(u.leak_url_id) FILTER (WHERE s.event IS NULL
                                    OR s.event NOT IN ('removed', 'delisted'))
           AS open_leaks
FROM clients c
LEFT JOIN urls u USING (client_id)
LEFT JOIN last_state s USING (leak_url_id)
GROUP BY c.client_id, c.slug
ORDER BY c.client_id
"""

# Notices are grouped per local day and told by their hosts' domains: a full leak URL never
# reaches a chart.
_ANNOTATIONS = """
SELECT 'asset' AS kind, published_on AS day, title AS label, 1 AS events
FROM content_assets
WHERE client_id = $client_id AND status = 'published' AND published_on BETWEEN $first AND $last
UNION ALL
SELECT 'launch', launch_on, name, 1
FROM launches
WHERE client_id = $client_id AND launch_on BETWEEN $first AND $last
UNION ALL
SELECT 'notice', day, string_agg(DISTINCT domain, ', ' ORDER BY domain), count(*)
FROM (
    SELECT u.domain, CAST(timezone($tz, timezone('UTC', e.occurred_at)) AS DATE) AS day
    FROM url_events e
    JOIN leak_urls u USING (leak_url_id)
    JOIN content_items i USING (item_id)
    WHERE i.client_id = $client_id AND e.event = 'notice_sent'
)
WHERE day BETWEEN $first AND $last
GROUP BY day
ORDER BY day, kind, label
"""

#: ``snapshots``: the client's observed snapshots fetched in [``$from``, ``$as_of``], with their
#: local day; ``top``: their organic results at positions <= ``$depth`` (all ok pages of the
#: slot); ``rated``: each with its harm and category (label over latest score) and reasons.
_RATED = f"""
WITH snapshots AS (
    SELECT r.run_id, r.query_id, r.source, r.slot_at, r.fetched_at AS snapshot_at,
           CAST(timezone($tz, timezone('UTC', r.fetched_at)) AS DATE) AS day
    FROM serp_runs r
    JOIN queries q USING (query_id)
    WHERE q.client_id = $client_id AND r.page = 1 AND r.status = 'ok'
      AND r.fetched_at >= $from AND r.fetched_at <= $as_of
),
picked AS ({{picked}}),
top AS (
    SELECT p.*, s.result_id, s.position, s.url, s.normalized_url, s.domain, s.title
    FROM picked p
    JOIN serp_runs r ON r.query_id = p.query_id AND r.source = p.source
                    AND r.slot_at = p.slot_at AND r.status = 'ok'
    JOIN serp_results s ON s.run_id = r.run_id
    WHERE s.result_type = 'organic' AND s.position <= $depth
),
h AS (
    SELECT x.result_id, arg_max(x.score, x.scored_at) AS score,
           arg_max(x.category, x.scored_at) AS category,
           arg_max(x.reasons, x.scored_at) AS reasons
    FROM harm_scores x SEMI JOIN top USING (result_id)
    GROUP BY x.result_id
),
l AS (
    SELECT y.result_id, arg_max(y.category, y.labelled_at) AS category
    FROM labels y SEMI JOIN top USING (result_id)
    GROUP BY y.result_id
),
rated AS (
    SELECT t.*, {HARM_EXPRESSION} AS harm, coalesce(l.category, h.category) AS category,
           l.category IS NOT NULL AS labelled, h.reasons
    FROM top t
    LEFT JOIN h USING (result_id)
    LEFT JOIN l USING (result_id)
)"""  # noqa: S608 (constant text, parameters are bound)

#: The last snapshot of each query and local day (the day's value, as in data.kpi_exposure).
_DAY_PICK = """
    SELECT * FROM snapshots
    QUALIFY row_number() OVER (PARTITION BY query_id, day
                               ORDER BY snapshot_at DESC, run_id DESC) = 1"""

_RANK_GRID = """
SELECT p.query_id, p.day, p.snapshot_at, b.position AS best_position, b.category, b.domain
FROM picked p
LEFT JOIN (
    SELECT run_id, position, category, domain FROM rated
    WHERE harm >= $theta
    QUALIFY row_number() OVER (PARTITION BY run_id ORDER BY position) = 1
) b USING (run_id)
ORDER BY p.query_id, p.day
"""

#: The newest snapshot of each query, and the one before it on the same source (nth 1 and 2).
_PAIR_PICK = """
    SELECT s.*, n.nth FROM snapshots s
    JOIN (
        SELECT run_id, row_number() OVER (PARTITION BY query_id, source
                                          ORDER BY snapshot_at DESC, run_id DESC) AS nth
        FROM snapshots
    ) n USING (run_id)
    JOIN (
        SELECT query_id, source FROM snapshots
        QUALIFY row_number() OVER (PARTITION BY query_id
                                   ORDER BY snapshot_at DESC, run_id DESC) = 1
    ) newest USING (query_id, source)
    WHERE n.nth <= 2"""

_LATEST_TOP = """
SELECT cur.query_id, cur.source, cur.snapshot_at,
       (SELECT max(snapshot_at) FROM picked p WHERE p.query_id = cur.query_id AND p.nth = 2)
           AS previous_at,
       cur.position, cur.url, cur.domain, cur.title, cur.harm, cur.category, cur.labelled,
       cur.reasons, d.category AS domain_category,
       CASE WHEN NOT EXISTS (SELECT 1 FROM picked p WHERE p.query_id = cur.query_id
                                                      AND p.nth = 2) THEN NULL
            ELSE NOT EXISTS (SELECT 1 FROM rated prev
                             WHERE prev.query_id = cur.query_id AND prev.nth = 2
                               AND prev.normalized_url = cur.normalized_url) END AS is_new
FROM rated cur
LEFT JOIN domains d ON d.client_id = $client_id AND d.domain = cur.domain
WHERE cur.nth = 1
QUALIFY row_number() OVER (PARTITION BY cur.query_id, cur.position ORDER BY cur.run_id) = 1
ORDER BY cur.query_id, cur.position
"""


def load_open_leak_counts(con: duckdb.DuckDBPyConnection, *, as_of: datetime) -> pd.DataFrame:
    """Leak URLs still open per client at ``as_of``: known by then, and whose lifecycle state
    is not removed or delisted (a reinstatement, or a new notice after a delisting, reopens it).

    Columns: ``client_id``, ``slug``, ``open_leaks`` (0 for a client without any), one row per
    client.
    """
    return con.execute(_OPEN_LEAKS, {"as_of": naive_utc(as_of)}).df()


def load_serp_annotations(
    con: duckdb.DuckDBPyConnection, *, client_id: int, first: date, last: date, tz: str
) -> pd.DataFrame:
    """What happened to one client between the local days ``first`` and ``last`` (included)
    that can move its results: published defensive assets, declared launches, notices sent.

    Columns: ``kind`` ("asset", "launch" or "notice"), ``day`` (date), ``label`` (the asset's
    title, the launch's name, or the notices' host domains), ``events`` (1, or the notices of
    that day). Notices are one row per local day (``tz``) and name domains, never URLs.
    """
    params = {"client_id": client_id, "first": first, "last": last, "tz": tz}
    return con.execute(_ANNOTATIONS, params).df(date_as_object=True)


def load_rank_grid(
    con: duckdb.DuckDBPyConnection,
    *,
    client_id: int,
    start: datetime | None,
    as_of: datetime,
    tz: str,
    theta: float,
    depth: int = 10,
) -> pd.DataFrame:
    """Per query and local day with an observed snapshot (the day's last one), the best
    position of a harmful result (harm >= ``theta``) among the top ``depth``.

    Columns: ``query_id``, ``day`` (date), ``snapshot_at`` (naive UTC), ``best_position``
    (NULL = observed, nothing harmful in the top ``depth``), ``category`` and ``domain`` of
    that result. A day without an observed snapshot has no row: a gap, never a clean page.
    """
    params = _params(client_id, start, as_of, tz, depth) | {"theta": theta}
    sql = _RATED.replace("{picked}", _DAY_PICK) + _RANK_GRID
    return con.execute(sql, params).df(date_as_object=True)


def load_latest_top(
    con: duckdb.DuckDBPyConnection,
    *,
    client_id: int,
    as_of: datetime,
    depth: int = 10,
) -> pd.DataFrame:
    """The top ``depth`` organic results of each query's newest observed snapshot at
    ``as_of``, compared with the snapshot before it on the same source.

    Columns: ``query_id``, ``source``, ``snapshot_at``, ``previous_at`` (NULL without an
    earlier snapshot), ``position``, ``url``, ``domain``, ``title``, ``harm`` (NULL = neither
    scored nor labelled), ``category``, ``labelled``, ``reasons`` (the latest score's list of
    ``{feature: JSON {key, params}, contribution}``, NULL when unscored), ``domain_category``
    (the client's category of the domain, NULL = not categorised), ``is_new`` (not in the
    previous snapshot's top ``depth``; NULL without a previous snapshot).
    """
    params = _params(client_id, None, as_of, "UTC", depth)
    sql = _RATED.replace("{picked}", _PAIR_PICK) + _LATEST_TOP
    return con.execute(sql, params).df()


def _params(
    client_id: int, start: datetime | None, as_of: datetime, tz: str, depth: int
) -> dict[str, object]:
    return {
        "client_id": client_id,
        "from": datetime(1, 1, 1) if start is None else naive_utc(start),
        "as_of": naive_utc(as_of),
        "tz": tz,
        "depth": depth,
    }
