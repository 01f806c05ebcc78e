"""Named reads behind the leak KPIs: takedown delays (KPIS.md 2-3), recirculation (4), MTTD (5).

The event bookkeeping (which event closes which notice, which URL was known before which
removal) is done here in SQL, over the selected client's URLs only; ``models.kpis_takedown`` and
``models.kpis_leaks`` apply the KPI definitions to the frames returned. Every read is "as of" a
moment: events after ``as_of`` have not happened yet, so a report for last month is the same
whenever it is produced. Timestamps are naive UTC, like the warehouse.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from data.kpi_common import CLIENT_LEAK_URLS, DETECTION, naive_utc

_NOTICE_OUTCOMES = f"""
WITH {CLIENT_LEAK_URLS},
events AS (
    SELECT e.event_id, e.leak_url_id, e.event, e.occurred_at, e.channel, e.legal_route
    FROM url_events e
    SEMI JOIN urls USING (leak_url_id)
    WHERE e.event IN ('notice_sent', 'removed', 'delisted') AND e.occurred_at <= $as_of
)
SELECT u.client_id, n.event_id AS notice_id, n.leak_url_id, u.item_id, u.domain, n.channel,
       n.legal_route, n.occurred_at AS notice_at, min(r.occurred_at) AS removed_at
FROM events n
JOIN urls u USING (leak_url_id)
LEFT JOIN events r
       ON r.leak_url_id = n.leak_url_id AND r.occurred_at >= n.occurred_at
      AND (r.event = 'removed'
           OR (r.event = 'delisted' AND n.channel IN ('google', 'bing') AND r.channel = n.channel))
WHERE n.event = 'notice_sent'
GROUP BY u.client_id, n.event_id, n.leak_url_id, u.item_id, u.domain, n.channel, n.legal_route,
         n.occurred_at
ORDER BY u.client_id, notice_at, notice_id
"""  # noqa: S608 (constant text, parameters are bound)

_ITEM_RECIRCULATION = f"""
WITH {CLIENT_LEAK_URLS},
known AS (SELECT * FROM urls WHERE first_seen_at <= $as_of),
first_removal AS (
    SELECT u.item_id, min(e.occurred_at) AS first_removed_at
    FROM url_events e
    JOIN urls u USING (leak_url_id)
    WHERE e.event IN ('removed', 'delisted') AND e.occurred_at <= $as_of
    GROUP BY u.item_id
),
windows AS (
    SELECT k.client_id, k.item_id, f.first_removed_at,
           least(f.first_removed_at + INTERVAL 7 DAY, $as_of) AS window_end
    FROM (SELECT DISTINCT client_id, item_id FROM known) k
    LEFT JOIN first_removal f USING (item_id)
),
copies AS (
    SELECT w.item_id,
           count(*) FILTER (WHERE u.published_at IS NULL
                                  OR u.published_at > w.first_removed_at) AS new_copies,
           count(*) FILTER (WHERE u.published_at <= w.first_removed_at) AS missed_copies
    FROM windows w
    JOIN known u USING (item_id)
    WHERE u.first_seen_at > w.first_removed_at AND u.first_seen_at <= w.window_end
    GROUP BY w.item_id
),
reinstated AS (
    SELECT w.item_id, count(*) AS reinstatements
    FROM windows w
    JOIN known u USING (item_id)
    JOIN url_events e ON e.leak_url_id = u.leak_url_id
    WHERE e.event = 'reinstated'
      AND e.occurred_at > w.first_removed_at AND e.occurred_at <= w.window_end
    GROUP BY w.item_id
)
SELECT w.client_id, w.item_id, w.first_removed_at,
       coalesce(c.new_copies, 0) AS new_copies,
       coalesce(c.missed_copies, 0) AS missed_copies,
       coalesce(r.reinstatements, 0) AS reinstatements
FROM windows w
LEFT JOIN copies c USING (item_id)
LEFT JOIN reinstated r USING (item_id)
ORDER BY w.client_id, w.item_id
"""  # noqa: S608 (constant text, parameters are bound)

_DETECTION_TIMES = f"""
WITH {CLIENT_LEAK_URLS},
{DETECTION}
SELECT client_id, leak_url_id, detected_at, published_at
FROM detection
ORDER BY client_id, leak_url_id
"""  # noqa: S608 (constant text, parameters are bound)


def load_notice_outcomes(
    con: duckdb.DuckDBPyConnection, *, client_id: int | None, as_of: datetime
) -> pd.DataFrame:
    """One row per notice sent at or before ``as_of``, with its removal if there was one by then.

    Columns: ``client_id``, ``notice_id`` (the ``notice_sent`` event's id), ``leak_url_id``,
    ``item_id``, ``domain`` (the URL's host domain), ``channel`` (host, google, bing; none for
    a notice recorded without one), ``legal_route``, ``notice_at``, ``removed_at`` (NaT when
    no removal by ``as_of``: the notice is right-censored).

    Removal rule (KPIS.md section 2: the URL ceasing to be reachable through the channel the
    notice went to): ``removed_at`` is the first event at or after ``notice_at`` and at or
    before ``as_of`` that is

    - a ``removed`` event, whatever the notice's channel (the URL gone from its host is gone
      from search too), or
    - for a notice on channel ``google`` or ``bing`` only, a ``delisted`` event on that same
      channel (a Google delisting does not answer a Bing notice, and no delisting answers a
      notice to the host).

    A removal stamped before the notice does not close it. The URL monitor writes ``removed``
    only once a second failing check confirmed it; imported and manual events are taken as
    given. ``client_id`` None reads every client.
    """
    params = {"client_id": client_id, "as_of": naive_utc(as_of)}
    return con.execute(_NOTICE_OUTCOMES, params).df()


def load_item_recirculation(
    con: duckdb.DuckDBPyConnection, *, client_id: int | None, as_of: datetime
) -> pd.DataFrame:
    """One row per content item with a leak URL first seen by ``as_of``: what followed its
    first removal (KPIS.md section 4).

    Columns: ``client_id``, ``item_id``, ``first_removed_at`` (r_c: the first ``removed`` or
    ``delisted`` event of any URL of the item at or before ``as_of``; NaT when none),
    ``new_copies``, ``missed_copies``, ``reinstatements`` (counts, 0 when r_c is NaT).

    The window is (r_c, min(r_c + 7 days, as_of)]. ``new_copies``: URLs of the item first seen
    in the window and not known to have existed before r_c (``published_at`` unknown or after
    r_c). ``missed_copies``: URLs first seen in the window but published at or before r_c (they
    were there all along: a detection gap, not recirculation). ``reinstatements``:
    ``reinstated`` events of the item's URLs in the window (the same URL back online).

    Items removed less than 7 days before ``as_of`` are returned too, with their partial
    window: the model leaves them out of the R7 denominator by their ``first_removed_at``.
    """
    params = {"client_id": client_id, "as_of": naive_utc(as_of)}
    return con.execute(_ITEM_RECIRCULATION, params).df()


def load_detection_times(
    con: duckdb.DuckDBPyConnection, *, client_id: int | None, as_of: datetime
) -> pd.DataFrame:
    """One row per leak URL detected by ``as_of``, with when it was published if known
    (KPIS.md section 5).

    Columns: ``client_id``, ``leak_url_id``, ``detected_at`` (the URL's first ``detected``
    event at or before ``as_of``; the URL's ``first_seen_at`` when it has none), ``published_at``
    (NaT when unknown: the model leaves such URLs out of the delay).
    """
    params = {"client_id": client_id, "as_of": naive_utc(as_of)}
    return con.execute(_DETECTION_TIMES, params).df()
