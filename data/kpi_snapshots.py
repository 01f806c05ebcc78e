"""Snapshots and their per-snapshot facts: the one SQL pass behind exposure and incidents.

A *snapshot* (KPIS.md) is one successful fetch of a results page for one query at one moment:
the runs of one (query_id, source, slot_at), observed only when its page-1 run has status
``ok``; its time ``snapshot_at`` is that run's ``fetched_at`` and its id ``snapshot_id`` that
run's ``run_id``. Failed, blocked and empty runs make no snapshot at all, so they can never
count as a clean page. Results of other ok pages of the same slot belong to the snapshot too
(positions are absolute across pages), and only ``organic`` results count.

Speed on a warehouse of tens of millions of results, where one client's rows are spread over
the whole table (runs are appended day by day for every client):

- the client filter is applied to ``queries`` then ``serp_runs`` (small) before any result is
  read; results are reached by ``run_id`` and scores by ``result_id``;
- a first cheap statement (``load_snapshot_scope``) finds the ``run_id`` and ``result_id``
  ranges of the period, repeated in the main statement as literal ``BETWEEN`` ranges so that
  DuckDB skips the row groups outside them by their min/max (a join's dynamic filter alone
  does not skip them); it also tells which optional parts the SQL needs (later pages, results'
  URLs for defensive assets, the per-result "latest score");
- only the top ``$n`` positions are read, harm is joined per result without aggregating
  ``harm_scores`` when one model version scored everything (``data.result_harm``), and
  everything is aggregated to one row per snapshot inside DuckDB: no result row leaves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb

from data.kpi_common import naive_utc
from data.result_harm import HARM_EXPRESSION, LATEST_LABELS, ONE_SCORE_PER_RESULT

#: The period start bound for "no start": every stored snapshot is after it.
ALL_HISTORY = datetime(1, 1, 1)
_NO_BOUND = (0, 2**62)

#: ``client_queries``: the queries of ``$client_id`` (NULL: every client), optionally only
#: ``$query_ids``; ``snapshots``: one row per observed snapshot of them fetched in [``$from``,
#: ``$as_of``]; ``later_runs``: the other ok pages of those snapshots (page > 1).
_SNAPSHOTS = """
client_queries AS (
    SELECT query_id, client_id FROM queries
    WHERE ($client_id IS NULL OR client_id = $client_id)
      AND (CAST($query_ids AS INTEGER[]) IS NULL
           OR list_contains(CAST($query_ids AS INTEGER[]), query_id))
),
snapshots AS (
    SELECT r.run_id AS snapshot_id, q.client_id, r.query_id, r.source, r.slot_at,
           r.fetched_at AS snapshot_at
    FROM serp_runs r
    JOIN client_queries q USING (query_id)
    WHERE r.page = 1 AND r.status = 'ok' AND r.fetched_at >= $from AND r.fetched_at <= $as_of
),
later_runs AS (
    SELECT s.snapshot_id, s.client_id, r.run_id
    FROM serp_runs r
    JOIN snapshots s USING (query_id, source, slot_at)
    WHERE r.page > 1 AND r.status = 'ok'
)"""

#: What makes a result the client's own (KPIS.md "owned share"): its domain is declared
#: ``owned`` for the query's client, or it is a published defensive asset of that client.
#: ``content_assets.url`` is typed by a person or the planner and may be raw, while results
#: carry ``collectors.normalize.normalize_url`` forms (lower-case scheme and host, empty path
#: written "/", no fragment). SQL cannot call that function, so each asset URL is brought to
#: the same form here (scheme and host lower-cased, fragment dropped) and matched with or
#: without a trailing slash, over http and https. Not reproduced: tracking parameters, default
#: ports, "www." and percent-encoding; store asset URLs normalized to be safe. The path keeps
#: its case (paths are case-sensitive). An asset on an owned domain (the usual case) adds
#: nothing, its results being owned by their domain already, so only the other ("foreign")
#: assets, e.g. a profile on a platform, are matched: when there is none, the results' URLs
#: are not even read, which is most of the cost of this test.
_OWNERSHIP = """
owned_domains AS (
    SELECT client_id, domain FROM domains
    WHERE category = 'owned' AND ($client_id IS NULL OR client_id = $client_id)
),
asset_bases AS (
    SELECT a.client_id, a.base
    FROM (SELECT client_id, split_part(split_part(base, '/', 1), ':', 1) AS host, base
          FROM (SELECT client_id,
                       lower(regexp_extract(u, '^([A-Za-z][A-Za-z0-9+.-]*://)?([^/?#]*)', 2))
                       || rtrim(regexp_replace(
                              regexp_replace(u, '^([A-Za-z][A-Za-z0-9+.-]*://)?[^/?#]*', ''),
                              '#.*$', ''), '/') AS base
                FROM (SELECT client_id, trim(url) AS u FROM content_assets
                      WHERE status = 'published' AND url IS NOT NULL AND trim(url) <> ''
                        AND ($client_id IS NULL OR client_id = $client_id)))) a
    ANTI JOIN owned_domains o
           ON o.client_id = a.client_id
          AND (a.host = o.domain OR ends_with(a.host, '.' || o.domain))
),
asset_urls AS (
    SELECT DISTINCT a.client_id, v.scheme || a.base || v.slash AS normalized_url
    FROM asset_bases a
    CROSS JOIN (VALUES ('http://', ''), ('http://', '/'), ('https://', ''), ('https://', '/'))
        AS v(scheme, slash)
)"""

#: The scope statement: the run_id range of the snapshots' runs, whether any of them is a later
#: page, how many foreign asset URLs there are, the run_id span of the whole table, and
#: whether every result has at most one score.
_SCOPE = f"""
WITH {_SNAPSHOTS},
{_OWNERSHIP},
all_runs AS (
    SELECT snapshot_id AS run_id, FALSE AS later FROM snapshots
    UNION ALL
    SELECT run_id, TRUE FROM later_runs
)
SELECT min(run_id), max(run_id), coalesce(bool_or(later), FALSE),
       (SELECT count(*) FROM asset_urls),
       (SELECT max(run_id) - min(run_id) FROM serp_runs),
       ({ONE_SCORE_PER_RESULT})
FROM all_runs
"""  # noqa: S608 (constant text, parameters are bound)

_RESULT_BOUNDS = """
SELECT min(result_id), max(result_id) FROM serp_results WHERE run_id BETWEEN $run_lo AND $run_hi
"""

#: ``top``: the organic results at positions <= ``$n`` of every snapshot. Page-1 results are
#: joined straight to ``snapshots`` (a join DuckDB estimates well, so that it builds its hash
#: tables on the snapshots' side); later pages, when the scope has any, are added by a second
#: branch rather than by a union of runs, which would hide that estimate.
_TOP = """
top AS (
    SELECT sn.snapshot_id, s.result_id, s.position{columns}
    FROM serp_results s
    JOIN snapshots sn ON sn.snapshot_id = s.run_id
    WHERE s.run_id BETWEEN $run_lo AND $run_hi
      AND s.result_type = 'organic' AND s.position <= $n{later}
)"""
_TOP_LATER = """
    UNION ALL
    SELECT lr.snapshot_id, s.result_id, s.position{later_columns}
    FROM serp_results s
    JOIN later_runs lr USING (run_id)
    WHERE s.run_id BETWEEN $run_lo AND $run_hi
      AND s.result_type = 'organic' AND s.position <= $n"""

#: The latest score of the results of ``top``: the table itself when each result has at most
#: one score, else the per-result arg_max over the scores of those results only.
_ONE_SCORE = """
(SELECT result_id, score FROM harm_scores WHERE result_id BETWEEN $res_lo AND $res_hi)"""
_LATEST_SCORE = """
(SELECT h.result_id, arg_max(h.score, h.scored_at) AS score
 FROM harm_scores h
 SEMI JOIN top USING (result_id)
 WHERE h.result_id BETWEEN $res_lo AND $res_hi
 GROUP BY h.result_id)"""

_ASSET_JOIN = """
    LEFT JOIN asset_urls a ON a.client_id = t.client_id AND a.normalized_url = t.normalized_url"""

_RATED_EXPOSURE = f"""
flagged AS (
    SELECT t.snapshot_id, t.result_id, t.position,
           o.domain IS NOT NULL{{asset_owned}} AS owned
    FROM top t
    LEFT JOIN owned_domains o ON o.client_id = t.client_id AND o.domain = t.domain{{asset_join}}
),
rated AS (
    SELECT f.snapshot_id, f.position, f.owned, {HARM_EXPRESSION} AS harm
    FROM flagged f
    LEFT JOIN {{scores}} h USING (result_id)
    LEFT JOIN ({LATEST_LABELS}) l USING (result_id)
),
per_snapshot AS (
    SELECT snapshot_id, count(*) FILTER (WHERE harm IS NULL) AS unscored_results,
           sum($weights[position] * harm) AS exposure,
           coalesce(sum($weights[position]) FILTER (WHERE owned), 0.0) AS owned_share
    FROM rated
    GROUP BY snapshot_id
),
facts AS (
    SELECT s.snapshot_id, s.client_id, s.query_id, s.source, s.snapshot_at,
           coalesce(p.unscored_results, 0) = 0 AS scored,
           CASE WHEN coalesce(p.unscored_results, 0) = 0
                THEN coalesce(p.exposure, 0.0) END AS exposure,
           CASE WHEN coalesce(p.unscored_results, 0) = 0
                THEN coalesce(p.owned_share, 0.0) END AS owned_share
    FROM snapshots s
    LEFT JOIN per_snapshot p USING (snapshot_id)
)"""  # noqa: S608 (constant text, parameters are bound)

_RATED_HARM = f"""
rated AS (
    SELECT t.snapshot_id, {HARM_EXPRESSION} AS harm
    FROM top t
    LEFT JOIN {{scores}} h USING (result_id)
    LEFT JOIN ({LATEST_LABELS}) l USING (result_id)
),
per_snapshot AS (
    SELECT snapshot_id, count(*) FILTER (WHERE harm IS NULL) AS unscored_results,
           max(harm) AS max_harm
    FROM rated
    GROUP BY snapshot_id
),
facts AS (
    SELECT s.snapshot_id, s.client_id, s.query_id, s.source, s.snapshot_at,
           coalesce(p.unscored_results, 0) = 0 AS scored, coalesce(p.max_harm, 0.0) AS max_harm
    FROM snapshots s
    LEFT JOIN per_snapshot p USING (snapshot_id)
)"""  # noqa: S608 (constant text, parameters are bound)


@dataclass(frozen=True)
class SnapshotScope:
    """The bound parameters of a snapshot statement, and which optional parts its SQL needs:
    results of pages after the first, defensive assets outside the owned domains (matched by
    URL), several scores per result."""

    params: dict[str, object]
    later_pages: bool
    foreign_assets: bool
    one_score_per_result: bool

    def _top(self, *, ownership: bool) -> str:
        """``top``, with what ownership needs (client, domain, and URL for foreign assets)."""
        columns = ""
        if ownership:
            columns = ", {client}.client_id, s.domain" + (
                ", s.normalized_url" if self.foreign_assets else ""
            )
        later = _TOP_LATER if self.later_pages else ""
        return (
            _TOP.replace("{later}", later)
            .replace("{columns}", columns.replace("{client}", "sn"))
            .replace("{later_columns}", columns.replace("{client}", "lr"))
        )

    def _scores(self) -> str:
        return _ONE_SCORE if self.one_score_per_result else _LATEST_SCORE

    def exposure_facts_ctes(self) -> str:
        """CTEs ending in ``facts(snapshot_id, client_id, query_id, source, snapshot_at,
        scored, exposure, owned_share)``: E = sum of w_p * harm over positions p <= ``$n``,
        owned share = sum of w_p over owned results; both NULL when ``scored`` is false (a
        result in the top ``$n`` has neither score nor label: unknown harm is never taken as
        0). Needs ``$weights`` besides the scope's parameters."""
        rated = (
            _RATED_EXPOSURE.replace("{scores}", self._scores())
            .replace(
                "{asset_owned}", " OR a.normalized_url IS NOT NULL" if self.foreign_assets else ""
            )
            .replace("{asset_join}", _ASSET_JOIN if self.foreign_assets else "")
        )
        return f"{_SNAPSHOTS},\n{self._top(ownership=True)},\n{_OWNERSHIP},\n{rated}"

    def harm_facts_ctes(self) -> str:
        """CTEs ending in ``facts(snapshot_id, client_id, query_id, source, snapshot_at,
        scored, max_harm)``: the highest harm among the top ``$n`` results (0 for a page
        without organic results there), meaningful only where ``scored``."""
        rated = _RATED_HARM.replace("{scores}", self._scores())
        return f"{_SNAPSHOTS},\n{self._top(ownership=False)},\n{rated}"


def load_snapshot_scope(
    con: duckdb.DuckDBPyConnection,
    *,
    client_id: int | None,
    start: datetime | None,
    as_of: datetime,
    positions: int,
    query_ids: Sequence[int] | None = None,
) -> SnapshotScope:
    """The scope of a snapshot statement over the snapshots fetched in [``start``, ``as_of``]
    (``start`` None = all history) of one client (None = all), top ``positions``; only the
    queries ``query_ids`` when given.

    Cheap statements (``serp_runs`` is 20 times smaller than ``serp_results``) find the
    ``run_id`` range of those snapshots' runs and, when it is narrow (a recent period: less than
    half of the table), the ``result_id`` range of their results; when it is wide the result
    range would skip nothing and is not computed. The ranges only narrow the scans: the joins
    still decide which rows belong.
    """
    if positions < 1:
        raise ValueError("positions must be at least 1")
    params: dict[str, object] = {
        "client_id": client_id,
        "query_ids": None if query_ids is None else [int(q) for q in query_ids],
        "from": ALL_HISTORY if start is None else naive_utc(start),
        "as_of": naive_utc(as_of),
    }
    rows = con.execute(_SCOPE, params).fetchall()
    run_lo, run_hi, later_pages, foreign_assets, table_span, one_score = rows[0]
    run_bounds: tuple[int, int] = (0, -1)  # no snapshot: an empty range
    result_bounds = _NO_BOUND
    if run_lo is not None:
        run_bounds = (int(run_lo), int(run_hi))
        if 2 * (run_hi - run_lo) < (table_span or 0):
            found = con.execute(_RESULT_BOUNDS, {"run_lo": run_lo, "run_hi": run_hi}).fetchall()
            if found[0][0] is not None:
                result_bounds = (int(found[0][0]), int(found[0][1]))
    params.update(
        n=positions,
        run_lo=run_bounds[0],
        run_hi=run_bounds[1],
        res_lo=result_bounds[0],
        res_hi=result_bounds[1],
    )
    return SnapshotScope(
        params,
        later_pages=bool(later_pages),
        foreign_assets=bool(foreign_assets),
        one_score_per_result=bool(one_score),
    )
