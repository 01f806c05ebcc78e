"""Named reads behind the dashboard's Leaks & takedowns and Review pages.

The KPI reads (``data.kpi_leaks``) take a client id; a page knows a client by its slug, so the
reads here resolve the slug in the same statement and otherwise add only what a person acting
on leaks needs and no KPI does: the takedown queue (every leak URL of a client with what ranks
it: its notices, its weight in the client's current search results and its harm category), one
URL's events and checks for its timeline, and the client's content items for the "accept a
candidate into an item" choice. A slug that names no client gives empty frames, never an error
(a hand-edited link must not break a page). Timestamps are naive UTC, like the warehouse.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import duckdb
import pandas as pd

from data.kpi_common import naive_utc, weight_list
from data.kpi_leaks import load_notice_outcomes
from data.result_harm import HARM_EXPRESSION

_CLIENT_ID = "SELECT client_id FROM clients WHERE slug = $client"

#: ``current``: the latest successful page-1 snapshot of each active query of the client at
#: ``$as_of``; ``top``: their organic results ranked within the CTR curve (positions 1..n);
#: ``rated``: the same with each result's harm and category (``data.result_harm`` rules: a
#: person's latest label wins, else the newest score; NULL when neither exists).
_TAKEDOWN_QUEUE = f"""
WITH client AS (SELECT client_id FROM clients WHERE slug = $client),
urls AS (
    SELECT u.leak_url_id, u.item_id, i.title AS item_title, i.kind AS item_kind, u.url,
           u.normalized_url, u.domain, u.first_seen_at
    FROM leak_urls u JOIN content_items i USING (item_id)
    WHERE i.client_id = (SELECT client_id FROM client) AND u.first_seen_at <= $as_of
),
current AS (
    SELECT r.run_id
    FROM serp_runs r JOIN queries q USING (query_id)
    WHERE q.client_id = (SELECT client_id FROM client) AND q.active
      AND r.page = 1 AND r.status = 'ok' AND r.fetched_at <= $as_of
    QUALIFY row_number() OVER (PARTITION BY r.query_id ORDER BY r.fetched_at DESC, r.run_id DESC)
            = 1
),
top AS (
    SELECT s.result_id, s.normalized_url, s.position
    FROM serp_results s JOIN current USING (run_id)
    WHERE s.result_type = 'organic' AND s.position <= len($weights)
      AND s.normalized_url IN (SELECT normalized_url FROM urls)
),
appearances AS (
    SELECT s.result_id, s.normalized_url, r.fetched_at
    FROM serp_results s JOIN serp_runs r USING (run_id) JOIN queries q USING (query_id)
    WHERE q.client_id = (SELECT client_id FROM client) AND r.status = 'ok'
      AND r.fetched_at <= $as_of AND s.result_type = 'organic'
      AND s.normalized_url IN (SELECT normalized_url FROM urls)
),
scored AS (
    SELECT h.result_id, arg_max(h.score, h.scored_at) AS score,
           arg_max(h.category, h.scored_at) AS category
    FROM harm_scores h SEMI JOIN appearances USING (result_id)
    GROUP BY h.result_id
),
labelled AS (
    SELECT l.result_id, arg_max(l.category, l.labelled_at) AS category
    FROM labels l SEMI JOIN appearances USING (result_id)
    GROUP BY l.result_id
),
rated AS (
    SELECT a.result_id, a.normalized_url, a.fetched_at, {HARM_EXPRESSION} AS harm,
           coalesce(l.category, h.category) AS category
    FROM appearances a
    LEFT JOIN scored h USING (result_id)
    LEFT JOIN labelled l USING (result_id)
),
ranking AS (
    SELECT t.normalized_url,
           sum($weights[t.position] * coalesce(r.harm, 1.0))
               / (SELECT count(*) FROM current) AS exposure,
           min(t.position) AS best_position, count(*) AS ranking_queries
    FROM top t JOIN rated r USING (result_id)
    GROUP BY t.normalized_url
),
category AS (
    SELECT normalized_url, arg_max(category, fetched_at) AS harm_category
    FROM rated WHERE category IS NOT NULL
    GROUP BY normalized_url
),
events AS (
    SELECT e.leak_url_id,
           min(e.occurred_at) FILTER (WHERE e.event = 'detected') AS detected_at,
           count(*) FILTER (WHERE e.event = 'notice_sent') AS notices,
           max(e.occurred_at) FILTER (WHERE e.event = 'notice_sent') AS last_notice_at,
           arg_max(e.legal_route, e.occurred_at) FILTER (WHERE e.event = 'notice_sent')
               AS last_route,
           arg_max(e.channel, e.occurred_at) FILTER (WHERE e.event = 'notice_sent')
               AS last_channel,
           bool_or(e.event = 'notice_sent' AND e.legal_route = 'privacy_ncii') AS ncii_notice
    FROM url_events e SEMI JOIN urls USING (leak_url_id)
    WHERE e.occurred_at <= $as_of
    GROUP BY e.leak_url_id
)
SELECT u.leak_url_id, u.item_id, u.item_title, u.item_kind, u.url, u.domain,
       coalesce(e.detected_at, u.first_seen_at) AS detected_at,
       coalesce(e.notices, 0) AS notices, e.last_notice_at, e.last_route, e.last_channel,
       coalesce(g.exposure, 0.0) AS exposure, g.best_position,
       coalesce(g.ranking_queries, 0) AS ranking_queries,
       coalesce(c.harm_category,
                CASE WHEN coalesce(e.ncii_notice, FALSE) THEN 'ncii' ELSE 'leak' END)
           AS harm_category
FROM urls u
LEFT JOIN events e USING (leak_url_id)
LEFT JOIN ranking g USING (normalized_url)
LEFT JOIN category c USING (normalized_url)
ORDER BY u.leak_url_id
"""  # noqa: S608 (constant text, parameters are bound)

_URL_EVENTS = """
SELECT e.event_id, e.event, e.occurred_at, e.channel, e.legal_route, e.source, e.reference
FROM url_events e JOIN leak_urls u USING (leak_url_id) JOIN content_items i USING (item_id)
JOIN clients c USING (client_id)
WHERE c.slug = $client AND e.leak_url_id = $leak_url_id AND e.occurred_at <= $as_of
ORDER BY e.occurred_at, e.event_id
"""
_URL_CHECKS = """
SELECT k.check_id, k.checked_at, k.state, k.http_status, k.final_url, k.reason
FROM url_checks k JOIN leak_urls u USING (leak_url_id) JOIN content_items i USING (item_id)
JOIN clients c USING (client_id)
WHERE c.slug = $client AND k.leak_url_id = $leak_url_id AND k.checked_at <= $as_of
ORDER BY k.checked_at, k.check_id
"""
_CONTENT_ITEMS = """
SELECT i.item_id, i.title, i.kind, count(u.leak_url_id) AS urls
FROM content_items i JOIN clients c USING (client_id)
LEFT JOIN leak_urls u USING (item_id)
WHERE c.slug = $client
GROUP BY i.item_id, i.title, i.kind
ORDER BY i.title, i.item_id
"""


def load_client_notice_outcomes(
    con: duckdb.DuckDBPyConnection, *, client: str, as_of: datetime
) -> pd.DataFrame:
    """``data.kpi_leaks.load_notice_outcomes`` for the client named by its slug (same columns,
    same removal rule; no row for an unknown slug)."""
    rows = con.execute(_CLIENT_ID, {"client": client}).fetchall()
    client_id = int(rows[0][0]) if rows else -1  # no client has id -1: an empty frame
    return load_notice_outcomes(con, client_id=client_id, as_of=as_of)


def load_takedown_queue(
    con: duckdb.DuckDBPyConnection, *, client: str, as_of: datetime, weights: Sequence[float]
) -> pd.DataFrame:
    """Every leak URL of ``client`` first seen by ``as_of``, with what ranks it for a takedown.

    Columns: ``leak_url_id``, ``item_id``, ``item_title``, ``item_kind``, ``url``, ``domain``,
    ``detected_at`` (first ``detected`` event, else first seen), ``notices`` (notices sent by
    ``as_of``), ``last_notice_at``, ``last_route``, ``last_channel`` (of the latest notice; NULL
    when none), ``exposure``, ``best_position``, ``ranking_queries``, ``harm_category``.

    ``exposure`` is the URL's share of the client's current exposure (KPIS.md section 1): over
    the latest successful snapshot of each active query at ``as_of``, the sum of w_p * harm
    where the URL ranks at position p within the CTR curve ``weights`` (index 0 = position 1),
    divided by the number of those snapshots; 0 when it ranks nowhere. A result neither scored
    nor labelled counts as harm 1.0 here: the URL is a confirmed leak, and the queue must not
    bury it for want of a score. ``harm_category`` is the category of its latest appearance in
    the client's results (label, else score), else "ncii" when a notice went out under the
    privacy/NCII route, else "leak". The lifecycle state is not computed here: it is derived
    from the events by ``models.lifecycle`` (one definition for every caller).
    """
    params = {"client": client, "as_of": naive_utc(as_of), "weights": weight_list(weights)}
    return con.execute(_TAKEDOWN_QUEUE, params).df()


def load_url_timeline(
    con: duckdb.DuckDBPyConnection, *, client: str, leak_url_id: int, as_of: datetime
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events, checks) of one leak URL of ``client`` up to ``as_of``, in time order; both
    empty when the URL is not the client's.

    Events columns: ``event_id``, ``event``, ``occurred_at``, ``channel``, ``legal_route``,
    ``source``, ``reference``. Checks columns: ``check_id``, ``checked_at``, ``state``,
    ``http_status``, ``final_url``, ``reason``.
    """
    params = {"client": client, "leak_url_id": leak_url_id, "as_of": naive_utc(as_of)}
    return con.execute(_URL_EVENTS, params).df(), con.execute(_URL_CHECKS, params).df()


def load_content_items(con: duckdb.DuckDBPyConnection, *, client: str) -> pd.DataFrame:
    """The client's content items. Columns: ``item_id``, ``title``, ``kind``, ``urls`` (leak
    URLs known for the item); by title."""
    return con.execute(_CONTENT_ITEMS, {"client": client}).df()
