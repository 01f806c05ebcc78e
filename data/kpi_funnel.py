"""Named reads behind the leak funnel and its rates (KPIS.md section 7).

A period's funnel follows the cohort of leak URLs *detected* in the period (so a rate compares
URLs with the same history) to the stage each reached by ``as_of``. URLs that could never be
removed through a notice ("not in index") and duplicates of a URL already tracked for another
item are taken out of every stage and counted on their own: mixing them in is what makes
published vendor removal rates incomparable.

Conventions (the event log has no dedicated kind for these, so they are written as):

- "not in index": a ``rejected`` event whose ``reference`` is ``not_in_index`` (a search engine
  answering that the URL is not in its index), at or before ``as_of``;
- duplicate: a cohort URL whose ``normalized_url`` is also a leak URL of *another* item of the
  same client with a smaller ``leak_url_id`` (the copy tracked first keeps the count). A URL
  that is both is counted as "not in index" only, so the two exclusions add up.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from data.kpi_common import CLIENT_LEAK_URLS, DETECTION, naive_utc, optional_naive_utc

#: ``classified``: one row per cohort URL with the stages it reached and its exclusion flags.
_COHORT = f"""
WITH {CLIENT_LEAK_URLS},
{DETECTION},
cohort AS (SELECT * FROM detection WHERE $start IS NULL OR detected_at >= $start),
events AS (
    SELECT e.leak_url_id, e.event, e.occurred_at, e.reference
    FROM url_events e
    SEMI JOIN cohort USING (leak_url_id)
    WHERE e.occurred_at <= $as_of
),
per_url AS (
    SELECT c.client_id, c.leak_url_id, c.item_id, c.normalized_url,
           coalesce(bool_or(e.event = 'rejected' AND e.reference = 'not_in_index'), FALSE)
               AS not_in_index,
           coalesce(bool_or(e.event = 'notice_sent'), FALSE) AS noticed,
           coalesce(bool_or(e.event = 'removed'), FALSE) AS removed,
           coalesce(bool_or(e.event = 'delisted'), FALSE) AS delisted,
           min(e.occurred_at) FILTER (WHERE e.event IN ('removed', 'delisted'))
               AS first_removal_at,
           max(e.occurred_at) FILTER (WHERE e.event = 'reinstated') AS last_reinstated_at
    FROM cohort c
    LEFT JOIN events e USING (leak_url_id)
    GROUP BY c.client_id, c.leak_url_id, c.item_id, c.normalized_url
),
tracked_before AS (
    SELECT DISTINCT c.leak_url_id
    FROM cohort c
    JOIN urls o ON o.client_id = c.client_id AND o.normalized_url = c.normalized_url
               AND o.item_id <> c.item_id AND o.leak_url_id < c.leak_url_id
),
classified AS (
    SELECT p.*, NOT p.not_in_index AND t.leak_url_id IS NOT NULL AS duplicate
    FROM per_url p
    LEFT JOIN tracked_before t USING (leak_url_id)
)"""  # noqa: S608 (constant text, parameters are bound)

_FUNNEL = f"""
{_COHORT},
item_removal AS (
    SELECT u.item_id, min(e.occurred_at) AS first_removed_at
    FROM url_events e
    JOIN urls u USING (leak_url_id)
    WHERE e.event IN ('removed', 'delisted') AND e.occurred_at <= $as_of
    GROUP BY u.item_id
),
new_copy_items AS (
    SELECT DISTINCT u.item_id
    FROM urls u
    JOIN item_removal r USING (item_id)
    WHERE u.first_seen_at > r.first_removed_at AND u.first_seen_at <= $as_of
      AND (u.published_at IS NULL OR u.published_at > r.first_removed_at)
),
kept AS (
    SELECT k.*, n.item_id IS NOT NULL AS item_recopied
    FROM classified k
    LEFT JOIN new_copy_items n USING (item_id)
    WHERE NOT k.not_in_index AND NOT k.duplicate
),
counts AS (
    SELECT client_id,
           count(*) AS detected_urls,
           count(DISTINCT item_id) AS detected_items,
           count(*) FILTER (WHERE noticed) AS noticed_urls,
           count(DISTINCT item_id) FILTER (WHERE noticed) AS noticed_items,
           count(*) FILTER (WHERE noticed AND removed) AS removed_urls,
           count(DISTINCT item_id) FILTER (WHERE noticed AND removed) AS removed_items,
           count(*) FILTER (WHERE noticed AND delisted) AS delisted_urls,
           count(DISTINCT item_id) FILTER (WHERE noticed AND delisted) AS delisted_items,
           count(*) FILTER (WHERE noticed AND last_reinstated_at > first_removal_at)
               AS recirculated_urls,
           count(DISTINCT item_id) FILTER (WHERE noticed AND (removed OR delisted)
                                             AND item_recopied) AS recirculated_items
    FROM kept
    GROUP BY client_id
)
SELECT c.client_id, s.stage,
       coalesce(CASE s.step WHEN 1 THEN n.detected_urls WHEN 2 THEN n.noticed_urls
                            WHEN 3 THEN n.removed_urls WHEN 4 THEN n.delisted_urls
                            ELSE n.recirculated_urls END, 0) AS urls,
       coalesce(CASE s.step WHEN 1 THEN n.detected_items WHEN 2 THEN n.noticed_items
                            WHEN 3 THEN n.removed_items WHEN 4 THEN n.delisted_items
                            ELSE n.recirculated_items END, 0) AS items
FROM clients c
CROSS JOIN (VALUES (1, 'detected'), (2, 'noticed'), (3, 'removed'), (4, 'delisted'),
                   (5, 'recirculated')) AS s(step, stage)
LEFT JOIN counts n ON n.client_id = c.client_id
WHERE $client_id IS NULL OR c.client_id = $client_id
ORDER BY c.client_id, s.step
"""  # noqa: S608 (constant text, parameters are bound)

_EXCLUSIONS = f"""
{_COHORT}
SELECT c.client_id,
       count(p.leak_url_id) FILTER (WHERE p.not_in_index) AS not_in_index,
       count(p.leak_url_id) FILTER (WHERE p.duplicate) AS duplicates
FROM clients c
LEFT JOIN classified p USING (client_id)
WHERE $client_id IS NULL OR c.client_id = $client_id
GROUP BY c.client_id
ORDER BY c.client_id
"""  # noqa: S608 (constant text, parameters are bound)


def _params(client_id: int | None, start: datetime | None, as_of: datetime) -> dict[str, object]:
    return {"client_id": client_id, "start": optional_naive_utc(start), "as_of": naive_utc(as_of)}


def load_funnel(
    con: duckdb.DuckDBPyConnection,
    *,
    client_id: int | None,
    start: datetime | None,
    as_of: datetime,
) -> pd.DataFrame:
    """The funnel of the URLs detected in [``start``, ``as_of``] (``start`` None = all time),
    five rows per client in stage order, zeros included.

    Columns: ``client_id``, ``stage`` (detected, noticed, removed, delisted, recirculated),
    ``urls``, ``items`` (distinct content items among those URLs).

    A URL's detection time is its first ``detected`` event (else its ``first_seen_at``). The
    stages nest, so that removed / noticed is a rate in [0, 1], and count what happened by
    ``as_of``:

    - detected: every cohort URL, exclusions (see the module docstring) left out;
    - noticed: with a ``notice_sent`` event;
    - removed: noticed, with a ``removed`` event (taken down by the host);
    - delisted: noticed, with a ``delisted`` event (dropped by a search engine); a URL can be
      both removed and delisted;
    - recirculated: ``urls`` = noticed URLs with a ``reinstated`` event after their first
      removal or delisting (the same URL back online); ``items`` = items of noticed and
      removed/delisted cohort URLs for which a new copy appeared after the item's first removal
      r_c (a URL of the item first seen after r_c, by ``as_of``, not published before r_c).
      Unlike R7 this is not limited to 7 days. The two counts therefore measure different
      things: a recirculated item need not have a recirculated URL.
    """
    return con.execute(_FUNNEL, _params(client_id, start, as_of)).df()


def load_funnel_exclusions(
    con: duckdb.DuckDBPyConnection,
    *,
    client_id: int | None,
    start: datetime | None,
    as_of: datetime,
) -> pd.DataFrame:
    """URLs of the same cohort as ``load_funnel`` left out of every stage, one row per client.

    Columns: ``client_id``, ``not_in_index`` (cohort URLs with a ``rejected`` event whose
    ``reference`` is ``not_in_index``), ``duplicates`` (cohort URLs whose normalized URL is
    already tracked for another item of the client under a smaller ``leak_url_id``; a URL that
    is both counts as not in index only).
    """
    return con.execute(_EXCLUSIONS, _params(client_id, start, as_of)).df()
