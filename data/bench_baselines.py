"""Hand-written reference SQL for every KPI aggregate: the yardstick of ``bench.kpi``.

The KPI engine (``data.kpi_*``) is built for many callers, periods and warehouse shapes; these
statements answer the same questions, one direct statement each, written only to be fast on a
warehouse of tens of millions of results. The benchmark times both and reports the ratio, so a
slow engine read shows as "x times the best SQL we know" rather than as a bare number that
could equally be blamed on the data volume. Each function returns the same columns and values
as the engine read it mirrors (``tests/unit/test_bench_baselines.py`` checks equality), so the
comparison is never against a cheaper, different answer.

Like a person writing SQL for one warehouse, each statement is specialised to what the
warehouse holds, after a cheap look (``_shape``: a few milliseconds): one model version means
``harm_scores`` needs no per-result ``arg_max``; no later result pages means snapshots join
their results directly; no published asset outside the owned domains means result URLs are
never read. The general form is used otherwise, so the answer stays exact on any warehouse.

What "fast" meant here, measured on the 48.5M-result bench warehouse (2 cores): the cost of the
search KPIs is joining the top results to their scores. It is done on the narrowest possible
stream and folded to one row per run straight away (a hash table keyed by 24M results with
wide rows was three times slower); leak reads are small, and where the engine's own shape was
already the fastest measured (the notice self-join beat ASOF joins) the baseline uses it too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import pandas as pd

#: ``models.harm.HARMFUL`` in SQL form (a test keeps them equal).
HARMFUL_CATEGORIES = ("leak", "ncii", "defamation", "complaint", "impersonation")
_HARMFUL = "('" + "', '".join(HARMFUL_CATEGORIES) + "')"
_ALL_HISTORY = datetime(1, 1, 1)

#: Published assets reduced to ``host/path`` (scheme and fragment dropped, host lower-cased,
#: trailing slash trimmed): the form in which they are matched against result URLs.
_ASSETS = """
assets AS (
    SELECT client_id, host, base FROM (
        SELECT client_id, split_part(split_part(base, '/', 1), ':', 1) AS host, base
        FROM (SELECT client_id,
                     lower(regexp_extract(u, '^([A-Za-z][A-Za-z0-9+.-]*://)?([^/?#]*)', 2))
                     || rtrim(regexp_replace(regexp_replace(
                            u, '^([A-Za-z][A-Za-z0-9+.-]*://)?[^/?#]*', ''), '#.*$', ''), '/')
                         AS base
              FROM (SELECT client_id, trim(url) AS u FROM content_assets
                    WHERE status = 'published' AND trim(url) <> '')))
),
foreign_assets AS (
    SELECT a.client_id, a.base FROM assets a
    ANTI JOIN domains d ON d.client_id = a.client_id AND d.category = 'owned'
                       AND (a.host = d.domain OR ends_with(a.host, '.' || d.domain))
)"""

_SHAPE = f"""
WITH {_ASSETS}
SELECT (SELECT min(model_version) IS NOT DISTINCT FROM max(model_version) FROM harm_scores),
       EXISTS (SELECT 1 FROM serp_runs WHERE page > 1 AND status = 'ok'),
       EXISTS (SELECT 1 FROM foreign_assets)
"""  # noqa: S608 (constant text)


@dataclass(frozen=True)
class _Shape:
    """What the warehouse holds that decides the cheapest correct statement."""

    one_score: bool
    later_pages: bool
    foreign_assets: bool


def _shape(con: duckdb.DuckDBPyConnection) -> _Shape:
    one_score, later_pages, foreign = con.execute(_SHAPE).fetchall()[0]
    return _Shape(bool(one_score), bool(later_pages), bool(foreign))


def _utc(moment: datetime | None, default: datetime = _ALL_HISTORY) -> datetime:
    """Naive UTC, as the warehouse stores instants."""
    if moment is None:
        return default
    return moment if moment.tzinfo is None else moment.astimezone(UTC).replace(tzinfo=None)


# --- Search exposure and incidents: per-snapshot facts from the top results ---------------

_SNAPSHOTS = """
snapshots AS (
    SELECT r.run_id AS snapshot_id, q.client_id, r.query_id, r.source, r.slot_at,
           r.fetched_at AS snapshot_at
    FROM serp_runs r
    JOIN queries q USING (query_id)
    WHERE ($client_id IS NULL OR q.client_id = $client_id)
      AND r.page = 1 AND r.status = 'ok' AND r.fetched_at >= $from AND r.fetched_at <= $as_of
)"""
_LABELLED = """
labelled AS (
    SELECT result_id, arg_max(category, labelled_at) AS category FROM labels GROUP BY result_id
)"""
_HARM = f"""CASE WHEN l.category IS NULL THEN h.score
                WHEN l.category IN {_HARMFUL} THEN 1.0 ELSE 0.0 END"""

# The fast path (one model version, no later pages, no foreign asset: the usual warehouse).
# The expensive step is joining tens of millions of top results to their scores; it is done
# on a stream as narrow as possible and folded to one row per run at once, so that snapshots,
# days and clients join per run, not per result. For one client (or a period) the results are
# first narrowed by a join with the snapshots, which also brings the client for ownership.
# For all clients over all history every run is a snapshot's: that join is skipped, and
# ownership (which needs the client) comes from a second, cheap scan joined to the owned
# domains only, which measured faster than carrying the client through the score join.
_FAST_EXPOSURE_NARROW = f"""{_LABELLED},
per_run AS (
    SELECT x.run_id, count(*) FILTER (WHERE h.score IS NULL AND l.category IS NULL) AS unknown,
           sum($weights[x.position] * {_HARM}) AS exposure,
           sum($weights[x.position]) FILTER (WHERE d.domain IS NOT NULL) AS owned_share
    FROM serp_results x
    JOIN snapshots s ON s.snapshot_id = x.run_id
    LEFT JOIN harm_scores h USING (result_id)
    LEFT JOIN labelled l USING (result_id)
    LEFT JOIN domains d ON d.client_id = s.client_id AND d.domain = x.domain
                       AND d.category = 'owned'
    WHERE x.result_type = 'organic' AND x.position <= $n
    GROUP BY x.run_id
),
facts AS (
    SELECT s.client_id, s.query_id, s.snapshot_id, s.snapshot_at,
           coalesce(p.unknown, 0) = 0 AS scored, coalesce(p.exposure, 0.0) AS exposure,
           coalesce(p.owned_share, 0.0) AS owned_share
    FROM snapshots s LEFT JOIN per_run p ON p.run_id = s.snapshot_id
)"""  # noqa: S608 (constant text)
_FAST_EXPOSURE_WIDE = f"""{_LABELLED},
per_run AS (
    SELECT x.run_id, count(*) FILTER (WHERE h.score IS NULL AND l.category IS NULL) AS unknown,
           sum($weights[x.position] * {_HARM}) AS exposure
    FROM serp_results x
    LEFT JOIN harm_scores h USING (result_id)
    LEFT JOIN labelled l USING (result_id)
    WHERE x.result_type = 'organic' AND x.position <= $n
    GROUP BY x.run_id
),
owned_per_run AS (
    SELECT x.run_id, d.client_id, sum($weights[x.position]) AS owned_share
    FROM serp_results x
    JOIN domains d ON d.domain = x.domain AND d.category = 'owned'
    WHERE x.result_type = 'organic' AND x.position <= $n
    GROUP BY x.run_id, d.client_id
),
facts AS (
    SELECT s.client_id, s.query_id, s.snapshot_id, s.snapshot_at,
           coalesce(p.unknown, 0) = 0 AS scored, coalesce(p.exposure, 0.0) AS exposure,
           coalesce(o.owned_share, 0.0) AS owned_share
    FROM snapshots s
    LEFT JOIN per_run p ON p.run_id = s.snapshot_id
    LEFT JOIN owned_per_run o ON o.run_id = s.snapshot_id AND o.client_id = s.client_id
)"""  # noqa: S608 (constant text)
_FAST_HARM = f"""{_LABELLED},
per_run AS (
    SELECT x.run_id, count(*) FILTER (WHERE h.score IS NULL AND l.category IS NULL) AS unknown,
           max({_HARM}) AS max_harm
    FROM serp_results x{{runs}}
    LEFT JOIN harm_scores h USING (result_id)
    LEFT JOIN labelled l USING (result_id)
    WHERE x.result_type = 'organic' AND x.position <= $n
    GROUP BY x.run_id
),
facts AS (
    SELECT s.client_id, s.query_id, s.snapshot_id, s.snapshot_at,
           coalesce(p.unknown, 0) = 0 AS scored, coalesce(p.max_harm, 0.0) AS max_harm
    FROM snapshots s LEFT JOIN per_run p ON p.run_id = s.snapshot_id
)"""  # noqa: S608 (constant text)
_SNAPSHOT_RUNS = "\n    JOIN snapshots s ON s.snapshot_id = x.run_id"

# The general path: results of every ok page of the snapshot's slot, the latest of several
# scores, results matched to defensive assets by URL.
_ALL_PAGES = """(
    SELECT snapshot_id AS run_id, snapshot_id, client_id FROM snapshots
    UNION ALL
    SELECT r.run_id, s.snapshot_id, s.client_id
    FROM serp_runs r JOIN snapshots s USING (query_id, source, slot_at)
    WHERE r.page > 1 AND r.status = 'ok')"""
_LATEST_SCORE = """(
    SELECT h.result_id, arg_max(h.score, h.scored_at) AS score
    FROM harm_scores h SEMI JOIN top USING (result_id) GROUP BY h.result_id)"""
_RATED = f"""
top AS (
    SELECT p.snapshot_id, p.client_id, x.result_id, x.position, x.domain, x.normalized_url
    FROM serp_results x
    JOIN {_ALL_PAGES} p ON p.run_id = x.run_id
    WHERE x.result_type = 'organic' AND x.position <= $n
),
{_LABELLED},
rated AS (
    SELECT t.*, {_HARM} AS harm
    FROM top t
    LEFT JOIN {{scores}} h USING (result_id)
    LEFT JOIN labelled l USING (result_id)
)"""  # noqa: S608 (constant text)
#: Result URLs are compared with the assets' ``host/path`` form: scheme and one trailing slash
#: dropped (results carry normalized URLs: lower-case scheme and host, no fragment).
_GENERAL_EXPOSURE = f"""{_RATED},
owned AS (
    SELECT r.snapshot_id, r.position, r.harm,
           d.domain IS NOT NULL OR a.base IS NOT NULL AS owned
    FROM rated r
    LEFT JOIN domains d ON d.client_id = r.client_id AND d.domain = r.domain
                       AND d.category = 'owned'
    LEFT JOIN (SELECT DISTINCT client_id, base FROM foreign_assets) a
           ON a.client_id = r.client_id
          AND a.base = regexp_replace(regexp_replace(r.normalized_url, '^https?://', ''),
                                      '/$', '')
),
per_snapshot AS (
    SELECT snapshot_id, count(*) FILTER (WHERE harm IS NULL) = 0 AS scored,
           sum($weights[position] * harm) AS exposure,
           sum($weights[position]) FILTER (WHERE owned) AS owned_share
    FROM owned GROUP BY snapshot_id
),
facts AS (
    SELECT s.client_id, s.query_id, s.snapshot_id, s.snapshot_at,
           coalesce(p.scored, TRUE) AS scored,
           coalesce(p.exposure, 0.0) AS exposure, coalesce(p.owned_share, 0.0) AS owned_share
    FROM snapshots s LEFT JOIN per_snapshot p USING (snapshot_id)
)"""  # noqa: S608 (constant text)
_GENERAL_HARM = f"""{_RATED},
facts AS (
    SELECT s.client_id, s.query_id, s.snapshot_id, s.snapshot_at,
           coalesce(p.unknown, 0) = 0 AS scored, coalesce(p.max_harm, 0.0) AS max_harm
    FROM snapshots s LEFT JOIN (
        SELECT snapshot_id, max(harm) AS max_harm, count(*) FILTER (WHERE harm IS NULL) AS unknown
        FROM rated GROUP BY snapshot_id) p USING (snapshot_id)
)"""  # noqa: S608 (constant text)


def _facts(shape: _Shape, *, exposure: bool, narrow: bool) -> str:
    """CTEs ending in ``facts``: one row per snapshot, with its exposure and owned share
    (``exposure``) or its highest harm, and whether every top result has a known harm."""
    if shape.one_score and not shape.later_pages and not shape.foreign_assets:
        if exposure:
            return _FAST_EXPOSURE_NARROW if narrow else _FAST_EXPOSURE_WIDE
        return _FAST_HARM.replace("{runs}", _SNAPSHOT_RUNS if narrow else "")
    general = _GENERAL_EXPOSURE if exposure else _GENERAL_HARM
    return general.replace("{scores}", "harm_scores" if shape.one_score else _LATEST_SCORE)


#: The day of a snapshot in the workspace's zone. Zone offsets change only on 15-minute UTC
#: boundaries, so ICU is called once per 15-minute bucket holding snapshots, not per snapshot.
_DAY_UTC = "CAST(f.snapshot_at AS DATE)"
_DAY_ZONED = "CAST(f.snapshot_at + z.utc_offset AS DATE)"
_ZONE_JOIN = """
    JOIN (SELECT bucket, timezone($tz, timezone('UTC', bucket)) - bucket AS utc_offset
          FROM (SELECT DISTINCT time_bucket(INTERVAL 15 MINUTE, snapshot_at) AS bucket
                FROM snapshots)) z
      ON z.bucket = time_bucket(INTERVAL 15 MINUTE, f.snapshot_at)"""
#: The last scored snapshot of each (query, local day) is found with one HUGEINT key
#: (time, then id for ties) rather than a struct, which is several times slower to compare.
_SUMMARY = """,
days AS (
    SELECT any_value(f.client_id) AS client_id,
           arg_max(f.exposure, f.latest) FILTER (WHERE f.scored) AS exposure,
           arg_max(f.owned_share, f.latest) FILTER (WHERE f.scored) AS owned_share,
           count(*) FILTER (WHERE NOT f.scored) AS unscored
    FROM (SELECT f.*, {day} AS day,
                 CAST(epoch_us(f.snapshot_at) AS HUGEINT) * 9223372036854775808
                 + f.snapshot_id AS latest
          FROM facts f{zone_join}) f
    GROUP BY f.query_id, f.day
),
per_client AS (
    SELECT client_id, avg(exposure) AS exposure, avg(owned_share) AS owned_share,
           count(exposure) AS query_days, sum(unscored) AS unscored
    FROM days GROUP BY client_id
)
SELECT c.client_id, p.exposure, 100.0 * (1.0 - p.exposure) AS serp_health, p.owned_share,
       coalesce(p.query_days, 0) AS query_days,
       CAST(coalesce(p.unscored, 0) AS BIGINT) AS unscored_snapshots
FROM clients c LEFT JOIN per_client p USING (client_id)
WHERE $client_id IS NULL OR c.client_id = $client_id
ORDER BY c.client_id
"""


def load_baseline_exposure_summary(
    con: duckdb.DuckDBPyConnection,
    *,
    client_id: int | None,
    start: datetime | None,
    as_of: datetime,
    weights: Sequence[float],
    tz: str,
) -> pd.DataFrame:
    """``data.kpi_exposure.load_exposure_summary``, hand-written: per client, the mean over
    query-days (the last scored snapshot of each local day) of the CTR-weighted exposure of
    the top ``len(weights)`` results, SERP health, owned share, query-days, unscored
    snapshots."""
    shape = _shape(con)
    utc = tz in ("UTC", "Etc/UTC")
    tail = _SUMMARY.replace("{zone_join}", "" if utc else _ZONE_JOIN).replace(
        "{day}", _DAY_UTC if utc else _DAY_ZONED
    )
    narrow = client_id is not None or start is not None
    sql = f"WITH {_ASSETS},{_SNAPSHOTS},{_facts(shape, exposure=True, narrow=narrow)}{tail}"
    params: dict[str, object] = {
        "client_id": client_id, "from": _utc(start), "as_of": _utc(as_of),
        "n": len(weights), "weights": [float(w) for w in weights],
    }  # fmt: skip
    if not utc:
        params["tz"] = tz
    return con.execute(sql, params).df()


#: Gaps and islands: a snapshot closes when it and the next one are clean; the closings
#: before a row number its segment; a segment with a harmful snapshot is one incident.
_INCIDENTS = """,
sequence AS (
    SELECT client_id, query_id, snapshot_id, snapshot_at, max_harm >= $theta AS harmful
    FROM facts WHERE scored
),
marked AS (
    SELECT *, NOT harmful AND NOT coalesce(lead(harmful) OVER w, TRUE) AS closes,
           lag(snapshot_id) OVER w IS NULL AS first_seen,
           max(snapshot_at) OVER (PARTITION BY query_id) AS last_snapshot_at
    FROM sequence
    WINDOW w AS (PARTITION BY query_id ORDER BY snapshot_at, snapshot_id)
),
segmented AS (
    SELECT *, count(*) FILTER (WHERE closes) OVER (
                  PARTITION BY query_id ORDER BY snapshot_at, snapshot_id
                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS segment
    FROM marked
)
SELECT client_id, query_id, min(snapshot_at) FILTER (WHERE harmful) AS opened_at,
       max(snapshot_at) FILTER (WHERE closes) AS closed_at, any_value(last_snapshot_at)
           AS last_snapshot_at, bool_or(first_seen AND harmful) AS started_harmful
FROM segmented
GROUP BY client_id, query_id, segment
HAVING bool_or(harmful) AND opened_at >= $opened_from AND opened_at <= $as_of
ORDER BY client_id, query_id, opened_at
"""


def load_baseline_incidents(
    con: duckdb.DuckDBPyConnection,
    *,
    client_id: int | None,
    start: datetime | None,
    as_of: datetime,
    theta: float,
    top_n: int = 10,
) -> pd.DataFrame:
    """``data.kpi_incidents.load_incidents``, hand-written: the incidents opened in [``start``,
    ``as_of``], computed over the whole history up to ``as_of`` in one window pass (the state
    at ``start`` depends on what came before it)."""
    shape = _shape(con)
    facts = _facts(shape, exposure=False, narrow=client_id is not None)
    sql = f"WITH {_SNAPSHOTS},{facts}{_INCIDENTS}"
    params: dict[str, object] = {
        "client_id": client_id, "from": _ALL_HISTORY, "as_of": _utc(as_of), "n": top_n,
        "theta": float(theta), "opened_from": _utc(start),
    }  # fmt: skip
    return con.execute(sql, params).df()


# --- Leaks: notices, recirculation, detection, funnel --------------------------------------

_URLS = """
urls AS (
    SELECT i.client_id, u.leak_url_id, u.item_id, u.normalized_url, u.domain, u.first_seen_at,
           u.published_at
    FROM leak_urls u JOIN content_items i USING (item_id)
    WHERE $client_id IS NULL OR i.client_id = $client_id
)"""

#: Each notice against the removals of its URL, then the earliest that answers it. On the bench
#: warehouse this self-join (a few events per URL) beat two ASOF joins and a window pass.
_NOTICES = f"""
WITH {_URLS},
events AS (
    SELECT e.event_id, e.leak_url_id, e.event, e.occurred_at, e.channel, e.legal_route
    FROM url_events e SEMI JOIN urls USING (leak_url_id)
    WHERE e.event IN ('notice_sent', 'removed', 'delisted') AND e.occurred_at <= $as_of
)
SELECT u.client_id, n.event_id AS notice_id, n.leak_url_id, u.item_id, u.domain, n.channel,
       n.legal_route, n.occurred_at AS notice_at, min(r.occurred_at) AS removed_at
FROM events n
JOIN urls u USING (leak_url_id)
LEFT JOIN events r
       ON r.leak_url_id = n.leak_url_id AND r.occurred_at >= n.occurred_at
      AND (r.event = 'removed' OR (r.event = 'delisted' AND r.channel = n.channel
                                   AND n.channel IN ('google', 'bing')))
WHERE n.event = 'notice_sent'
GROUP BY ALL
ORDER BY u.client_id, notice_at, notice_id
"""  # noqa: S608 (constant text)


def load_baseline_notice_outcomes(
    con: duckdb.DuckDBPyConnection, *, client_id: int | None, as_of: datetime
) -> pd.DataFrame:
    """``data.kpi_leaks.load_notice_outcomes``, hand-written: each notice and its first
    removal through its own channel (``removed`` anywhere, ``delisted`` on the same engine)."""
    return con.execute(_NOTICES, {"client_id": client_id, "as_of": _utc(as_of)}).df()


_ITEMS = f"""
WITH {_URLS},
known AS (SELECT * FROM urls WHERE first_seen_at <= $as_of),
first_removal AS (
    SELECT u.item_id, min(e.occurred_at) AS first_removed_at
    FROM url_events e JOIN urls u USING (leak_url_id)
    WHERE e.event IN ('removed', 'delisted') AND e.occurred_at <= $as_of
    GROUP BY u.item_id
),
windowed AS (
    SELECT k.*, f.first_removed_at,
           least(f.first_removed_at + INTERVAL 7 DAY, $as_of) AS window_end
    FROM known k LEFT JOIN first_removal f USING (item_id)
),
reinstated AS (
    SELECT w.item_id, count(*) AS n
    FROM url_events e JOIN windowed w USING (leak_url_id)
    WHERE e.event = 'reinstated'
      AND e.occurred_at > w.first_removed_at AND e.occurred_at <= w.window_end
    GROUP BY w.item_id
),
per_item AS (
    SELECT client_id, item_id, any_value(first_removed_at) AS first_removed_at,
           count(*) FILTER (WHERE first_seen_at > first_removed_at
                              AND first_seen_at <= window_end
                              AND (published_at IS NULL OR published_at > first_removed_at))
               AS new_copies,
           count(*) FILTER (WHERE first_seen_at > first_removed_at
                              AND first_seen_at <= window_end
                              AND published_at <= first_removed_at) AS missed_copies
    FROM windowed GROUP BY client_id, item_id
)
SELECT p.client_id, p.item_id, p.first_removed_at, p.new_copies, p.missed_copies,
       coalesce(r.n, 0) AS reinstatements
FROM per_item p LEFT JOIN reinstated r USING (item_id)
ORDER BY p.client_id, p.item_id
"""  # noqa: S608 (constant text)


def load_baseline_item_recirculation(
    con: duckdb.DuckDBPyConnection, *, client_id: int | None, as_of: datetime
) -> pd.DataFrame:
    """``data.kpi_leaks.load_item_recirculation``, hand-written: per content item, its first
    removal r_c and the new copies, missed copies and reinstatements of (r_c, r_c + 7 days]."""
    return con.execute(_ITEMS, {"client_id": client_id, "as_of": _utc(as_of)}).df()


_DETECTION = f"""
{_URLS},
detection AS (
    SELECT u.client_id, u.leak_url_id, u.item_id, u.normalized_url,
           coalesce(d.detected_at, u.first_seen_at) AS detected_at, u.published_at
    FROM urls u
    LEFT JOIN (SELECT e.leak_url_id, min(e.occurred_at) AS detected_at
               FROM url_events e SEMI JOIN urls USING (leak_url_id)
               WHERE e.event = 'detected' AND e.occurred_at <= $as_of
               GROUP BY e.leak_url_id) d USING (leak_url_id)
    WHERE coalesce(d.detected_at, u.first_seen_at) <= $as_of
)"""  # noqa: S608 (constant text)

_DETECTIONS = f"""
WITH {_DETECTION}
SELECT client_id, leak_url_id, detected_at, published_at FROM detection
ORDER BY client_id, leak_url_id
"""  # noqa: S608 (constant text)


def load_baseline_detection_times(
    con: duckdb.DuckDBPyConnection, *, client_id: int | None, as_of: datetime
) -> pd.DataFrame:
    """``data.kpi_leaks.load_detection_times``, hand-written: each URL detected by ``as_of``
    (first ``detected`` event, else first seen) with its publication time."""
    return con.execute(_DETECTIONS, {"client_id": client_id, "as_of": _utc(as_of)}).df()


#: ``classified``: the period's cohort, one row per URL with its stages and exclusions. A
#: duplicate is found by a window over the client's URLs of the same normalized URL (an
#: earlier id under another item) instead of a self-join on the URL text.
_COHORT = f"""
WITH {_DETECTION},
earlier AS (
    SELECT leak_url_id, item_id,
           min(item_id) OVER w AS min_item, max(item_id) OVER w AS max_item
    FROM urls
    WINDOW w AS (PARTITION BY client_id, normalized_url ORDER BY leak_url_id
                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
per_url AS (
    SELECT c.client_id, c.leak_url_id, c.item_id,
           coalesce(bool_or(e.event = 'rejected' AND e.reference = 'not_in_index'), FALSE)
               AS not_in_index,
           coalesce(bool_or(e.event = 'notice_sent'), FALSE) AS noticed,
           coalesce(bool_or(e.event = 'removed'), FALSE) AS removed,
           coalesce(bool_or(e.event = 'delisted'), FALSE) AS delisted,
           min(e.occurred_at) FILTER (WHERE e.event IN ('removed', 'delisted')) AS removal_at,
           max(e.occurred_at) FILTER (WHERE e.event = 'reinstated') AS reinstated_at
    FROM detection c
    LEFT JOIN url_events e ON e.leak_url_id = c.leak_url_id AND e.occurred_at <= $as_of
    WHERE $start IS NULL OR c.detected_at >= $start
    GROUP BY c.client_id, c.leak_url_id, c.item_id
),
classified AS (
    SELECT p.*, NOT p.not_in_index
                AND coalesce(e.min_item <> p.item_id OR e.max_item <> p.item_id, FALSE)
                    AS duplicate
    FROM per_url p JOIN earlier e USING (leak_url_id)
)"""  # noqa: S608 (constant text)

_FUNNEL = f"""
{_COHORT},
recopied AS (
    SELECT DISTINCT u.item_id
    FROM urls u
    JOIN (SELECT u.item_id, min(e.occurred_at) AS r
          FROM url_events e JOIN urls u USING (leak_url_id)
          WHERE e.event IN ('removed', 'delisted') AND e.occurred_at <= $as_of
          GROUP BY u.item_id) f USING (item_id)
    WHERE u.first_seen_at > f.r AND u.first_seen_at <= $as_of
      AND (u.published_at IS NULL OR u.published_at > f.r)
),
counts AS (
    SELECT k.client_id,
           [count(*), count(*) FILTER (WHERE noticed),
            count(*) FILTER (WHERE noticed AND removed),
            count(*) FILTER (WHERE noticed AND delisted),
            count(*) FILTER (WHERE noticed AND reinstated_at > removal_at)] AS urls,
           [count(DISTINCT k.item_id), count(DISTINCT k.item_id) FILTER (WHERE noticed),
            count(DISTINCT k.item_id) FILTER (WHERE noticed AND removed),
            count(DISTINCT k.item_id) FILTER (WHERE noticed AND delisted),
            count(DISTINCT k.item_id) FILTER (WHERE noticed AND (removed OR delisted)
                                                AND r.item_id IS NOT NULL)] AS items
    FROM classified k LEFT JOIN recopied r USING (item_id)
    WHERE NOT k.not_in_index AND NOT k.duplicate
    GROUP BY k.client_id
)
SELECT c.client_id, s.stage, coalesce(n.urls[s.step], 0) AS urls,
       coalesce(n.items[s.step], 0) AS items
FROM clients c
CROSS JOIN (VALUES (1, 'detected'), (2, 'noticed'), (3, 'removed'), (4, 'delisted'),
                   (5, 'recirculated')) AS s(step, stage)
LEFT JOIN counts n USING (client_id)
WHERE $client_id IS NULL OR c.client_id = $client_id
ORDER BY c.client_id, s.step
"""  # noqa: S608 (constant text)

_EXCLUSIONS = f"""
{_COHORT}
SELECT c.client_id,
       count(k.leak_url_id) FILTER (WHERE k.not_in_index) AS not_in_index,
       count(k.leak_url_id) FILTER (WHERE k.duplicate) AS duplicates
FROM clients c LEFT JOIN classified k USING (client_id)
WHERE $client_id IS NULL OR c.client_id = $client_id
GROUP BY c.client_id
ORDER BY c.client_id
"""  # noqa: S608 (constant text)


def _funnel_params(
    client_id: int | None, start: datetime | None, as_of: datetime
) -> dict[str, object]:
    return {
        "client_id": client_id,
        "start": None if start is None else _utc(start),
        "as_of": _utc(as_of),
    }


def load_baseline_funnel(
    con: duckdb.DuckDBPyConnection,
    *,
    client_id: int | None,
    start: datetime | None,
    as_of: datetime,
) -> pd.DataFrame:
    """``data.kpi_funnel.load_funnel``, hand-written: five stage rows per client (detected,
    noticed, removed, delisted, recirculated) counting URLs and items of the period's cohort,
    "not in index" and duplicates left out."""
    return con.execute(_FUNNEL, _funnel_params(client_id, start, as_of)).df()


def load_baseline_funnel_exclusions(
    con: duckdb.DuckDBPyConnection,
    *,
    client_id: int | None,
    start: datetime | None,
    as_of: datetime,
) -> pd.DataFrame:
    """``data.kpi_funnel.load_funnel_exclusions``, hand-written: per client, the cohort URLs
    left out of the funnel as "not in index" and as duplicates."""
    return con.execute(_EXCLUSIONS, _funnel_params(client_id, start, as_of)).df()
