"""Alerts in the warehouse: the four conditions as named reads, and the ``alerts`` table.

Each ``load_*_candidates`` read returns the rows for which one alert condition holds at ``now``
(only for active clients and active queries); ``serpshield.alert_messages`` turns them into
alerts and ``write_alerts`` stores them; ``UNIQUE (kind, subject_key)`` makes a second
evaluation of the same facts a no-op. ``now`` is always a parameter (never
``current_timestamp``) so that tests and back-fills evaluate at a chosen moment.

Delivery state lives on the row: ``delivered_at`` once the webhook accepted it,
``delivery_attempts`` (delivery rounds, one per run) and ``delivery_error`` otherwise, so an
alert that could not be sent is retried at the next run and is never silently lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta

import duckdb
import pandas as pd
import pyarrow as pa

from data.result_harm import RESULT_HARM
from data.store import transaction
from data.writes import write_audit

# A snapshot is one (query, source, slot) whose page 1 came back ok (KPIS.md section 1): failed,
# blocked and empty runs are unobserved and neither open nor hide an entry. The latest
# ``$recent`` snapshots are each compared with the one before: results are scored by a separate
# step after collection, so the newest snapshot is often unscored when a run evaluates, and its
# entries are found at the next run instead of never.
_HARMFUL_ENTRIES = f"""
WITH result_harm AS ({RESULT_HARM}),
snapshots AS (
    SELECT r.query_id, r.source, r.slot_at, q.client_id, c.slug AS client, q.text AS query,
           row_number() OVER (PARTITION BY r.query_id, r.source ORDER BY r.slot_at DESC) AS rank
    FROM serp_runs r JOIN queries q USING (query_id) JOIN clients c USING (client_id)
    WHERE r.page = 1 AND r.status = 'ok' AND q.active AND c.active AND r.slot_at <= $now
),
harmful AS (
    SELECT s.*, x.result_id, x.position, x.normalized_url, x.domain, h.harm, h.category
    FROM snapshots s
    JOIN serp_runs r ON r.query_id = s.query_id AND r.source = s.source
                    AND r.slot_at = s.slot_at AND r.status = 'ok'
    JOIN serp_results x ON x.run_id = r.run_id
    JOIN result_harm h ON h.result_id = x.result_id
    WHERE s.rank <= $recent + 1 AND x.result_type = 'organic' AND x.position <= $top_n
      AND h.harm >= $theta
)
SELECT n.client_id, n.client, n.query_id, n.query, n.source, n.slot_at, n.result_id,
       n.position, n.normalized_url, n.domain, n.harm, n.category
FROM harmful n
WHERE n.rank <= $recent AND NOT EXISTS (
    SELECT 1 FROM harmful p
    WHERE p.rank = n.rank + 1 AND p.query_id = n.query_id AND p.source = n.source
      AND p.normalized_url = n.normalized_url)
QUALIFY row_number() OVER (PARTITION BY n.query_id, n.source, n.slot_at, n.normalized_url
                           ORDER BY n.position) = 1
ORDER BY n.slot_at, n.client, n.query_id, n.source, n.position
"""  # noqa: S608 (RESULT_HARM is constant text)

# A notice stops waiting when the URL is removed by its host, delisted on the channel the notice
# went to (google/bing), or the recipient rejected it on that channel (nothing left to chase).
_SLA_WARNINGS = """
SELECT c.client_id, c.slug AS client, e.event_id, e.leak_url_id, u.domain, u.item_id,
       e.channel, e.legal_route, e.occurred_at AS notice_at, w.hours AS window_hours,
       epoch(CAST($now AS TIMESTAMP) - e.occurred_at) / 3600.0 AS elapsed_hours
FROM url_events e
JOIN leak_urls u USING (leak_url_id)
JOIN content_items i USING (item_id)
JOIN clients c ON c.client_id = i.client_id
JOIN (VALUES ('privacy_ncii', $w_privacy_ncii), ('copyright', $w_copyright), ('other', $w_other),
             ('none', $w_other)) AS w(route, hours) ON w.route = e.legal_route
WHERE e.event = 'notice_sent' AND c.active AND e.occurred_at <= $now
  AND epoch(CAST($now AS TIMESTAMP) - e.occurred_at) >= $share * w.hours * 3600
  AND NOT EXISTS (
      SELECT 1 FROM url_events x
      WHERE x.leak_url_id = e.leak_url_id AND x.occurred_at >= e.occurred_at
        AND x.occurred_at <= $now
        AND (x.event = 'removed'
             OR (x.event = 'delisted' AND e.channel IN ('google', 'bing')
                 AND x.channel = e.channel)
             OR (x.event = 'rejected' AND x.channel = e.channel)))
ORDER BY e.occurred_at, e.event_id
"""

# r_c = the item's first removal (KPIS.md section 4). A URL first seen after r_c is a new copy;
# one published at or before r_c is a "missed copy" (flagged, not hidden).
_RECIRCULATIONS = """
WITH removals AS (
    SELECT u.item_id, min(x.occurred_at) AS removed_at
    FROM url_events x JOIN leak_urls u USING (leak_url_id)
    WHERE x.event IN ('removed', 'delisted') AND x.occurred_at <= $now
    GROUP BY u.item_id
),
found AS (
    SELECT u.leak_url_id, 'new_url' AS trigger, u.first_seen_at AS occurred_at,
           CAST(NULL AS BIGINT) AS event_id, r.removed_at,
           coalesce(u.published_at <= r.removed_at, FALSE) AS missed_copy
    FROM leak_urls u JOIN removals r USING (item_id)
    WHERE u.first_seen_at > r.removed_at AND u.first_seen_at <= $now
    UNION ALL
    SELECT e.leak_url_id, 'reinstated', e.occurred_at, e.event_id, NULL, FALSE
    FROM url_events e
    WHERE e.event = 'reinstated' AND e.occurred_at <= $now
)
SELECT c.client_id, c.slug AS client, u.item_id, u.domain, f.*
FROM found f
JOIN leak_urls u USING (leak_url_id)
JOIN content_items i ON i.item_id = u.item_id
JOIN clients c ON c.client_id = i.client_id
WHERE c.active
ORDER BY f.occurred_at, f.leak_url_id
"""

_SOURCE_FAILURES = """
SELECT r.source, count(*) AS runs,
       count(*) FILTER (WHERE r.status <> 'ok') AS not_ok,
       count(*) FILTER (WHERE r.status = 'failed') AS failed,
       count(*) FILTER (WHERE r.status = 'blocked') AS blocked,
       count(*) FILTER (WHERE r.status = 'empty') AS empty
FROM serp_runs r JOIN queries q USING (query_id) JOIN clients c USING (client_id)
WHERE q.active AND c.active AND r.requested_at > $since AND r.requested_at <= $now
GROUP BY r.source
HAVING count(*) >= $min_runs AND count(*) FILTER (WHERE r.status <> 'ok') > $share * count(*)
ORDER BY r.source
"""

_INCOMING = pa.schema(
    [
        ("client_id", pa.int32()),
        ("kind", pa.string()),
        ("subject_key", pa.string()),
        ("severity", pa.string()),
        ("message", pa.string()),
        ("raised_at", pa.timestamp("us")),
    ]
)
_RANK = "CASE {0} WHEN 'critical' THEN 3 WHEN 'warning' THEN 2 ELSE 1 END"
# Only a rise in severity rewrites a stored alert (an SLA notice whose window has now fully
# passed): it is raised anew, so it is printed, delivered and needs acknowledging once more.
_ESCALATE = f"""
UPDATE alerts AS a
SET severity = i.severity, message = i.message, raised_at = i.raised_at, delivered_at = NULL,
    acknowledged_at = NULL, delivery_attempts = 0, delivery_error = NULL
FROM incoming_alerts AS i
WHERE a.kind = i.kind AND a.subject_key = i.subject_key
  AND {_RANK.format("i.severity")} > {_RANK.format("a.severity")}
RETURNING a.alert_id
"""  # noqa: S608 (constant text)
_INSERT = """
INSERT INTO alerts (client_id, kind, subject_key, severity, message, raised_at)
SELECT client_id, kind, subject_key, severity, message, raised_at FROM incoming_alerts i
WHERE NOT EXISTS (SELECT 1 FROM alerts a WHERE a.kind = i.kind AND a.subject_key = i.subject_key)
ORDER BY raised_at
RETURNING alert_id
"""
_LIST = """
SELECT a.alert_id, a.kind, a.severity, c.slug AS client, a.message, a.raised_at,
       a.delivered_at, a.acknowledged_at, a.delivery_attempts, a.delivery_error
FROM alerts a LEFT JOIN clients c USING (client_id)
WHERE ($ids IS NULL OR list_contains($ids, a.alert_id))
  AND ($client IS NULL OR c.slug = $client)
  AND ($include_acknowledged OR a.acknowledged_at IS NULL)
  AND (NOT $undelivered_only OR a.delivered_at IS NULL)
ORDER BY a.raised_at DESC, a.alert_id DESC
LIMIT $limit
"""
_DELIVERED = """
UPDATE alerts SET delivered_at = $at, delivery_attempts = delivery_attempts + 1,
                  delivery_error = NULL
WHERE list_contains($ids, alert_id) AND delivered_at IS NULL
"""
_FAILED = """
UPDATE alerts SET delivery_attempts = delivery_attempts + 1, delivery_error = $error
WHERE list_contains($ids, alert_id) AND delivered_at IS NULL
"""
_KNOWN_IDS = "SELECT alert_id FROM alerts WHERE list_contains($ids, alert_id)"
_ACKNOWLEDGE = """
UPDATE alerts SET acknowledged_at = $at
WHERE list_contains($ids, alert_id) AND acknowledged_at IS NULL
RETURNING alert_id, kind
"""


def _naive(at: datetime) -> datetime:
    """Stored timestamps are naive UTC (session TimeZone = UTC): compare on that footing."""
    return at.astimezone(UTC).replace(tzinfo=None) if at.tzinfo else at


def load_harmful_entry_candidates(
    con: duckdb.DuckDBPyConnection, now: datetime, theta: float, top_n: int, recent: int = 2
) -> pd.DataFrame:
    """Harmful results (harm >= ``theta``, ``data.result_harm``) at a position <= ``top_n`` in
    one of the ``recent`` latest observed snapshots of a query and source that were not harmful
    in the top N of the observed snapshot before it (or there was none). One row per snapshot
    and URL (its best position). Columns: client_id, client, query_id, query, source, slot_at,
    result_id, position, normalized_url, domain, harm, category."""
    params = {"now": _naive(now), "theta": theta, "top_n": top_n, "recent": recent}
    return con.execute(_HARMFUL_ENTRIES, params).df()


def load_sla_warning_candidates(
    con: duckdb.DuckDBPyConnection, now: datetime, share: float, windows: Mapping[str, float]
) -> pd.DataFrame:
    """Notices still waiting for their removal at ``now`` after ``share`` of their SLA window
    (``windows``: hours per route privacy_ncii/copyright/other; route 'none' uses 'other').
    Columns: client_id, client, event_id, leak_url_id, domain, item_id, channel, legal_route,
    notice_at, window_hours, elapsed_hours."""
    params = {"now": _naive(now), "share": share, "w_privacy_ncii": windows["privacy_ncii"],
              "w_copyright": windows["copyright"], "w_other": windows["other"]}  # fmt: skip
    return con.execute(_SLA_WARNINGS, params).df()


def load_recirculation_candidates(con: duckdb.DuckDBPyConnection, now: datetime) -> pd.DataFrame:
    """URLs of removed items first seen after the item's first removal (``trigger`` new_url,
    ``missed_copy`` when published at or before it), and reinstated URLs (``trigger``
    reinstated, with its ``event_id``). Columns: client_id, client, item_id, domain,
    leak_url_id, trigger, occurred_at, event_id, removed_at, missed_copy."""
    return con.execute(_RECIRCULATIONS, {"now": _naive(now)}).df()


def load_source_failure_candidates(
    con: duckdb.DuckDBPyConnection, now: datetime, hours: int, min_runs: int, share: float
) -> pd.DataFrame:
    """Sources with at least ``min_runs`` runs requested in the ``hours`` before ``now`` of which
    more than ``share`` were failed, blocked or empty. Columns: source, runs, not_ok, failed,
    blocked, empty."""
    at = _naive(now)
    params = {"now": at, "since": at - timedelta(hours=hours), "min_runs": min_runs,
              "share": share}  # fmt: skip
    return con.execute(_SOURCE_FAILURES, params).df()


def write_alerts(
    con: duckdb.DuckDBPyConnection, alerts: Sequence[dict[str, object]], at: datetime
) -> list[int]:
    """Store new alerts (keys client_id, kind, subject_key, severity, message) raised ``at``;
    an existing (kind, subject_key) is left alone unless the new severity is higher, in which
    case it is raised anew. Returns the ids of the rows inserted or escalated."""
    if not alerts:
        return []
    rows = [{**a, "raised_at": _naive(at)} for a in alerts]
    con.register("incoming_alerts", pa.Table.from_pylist(rows, schema=_INCOMING))
    try:
        with transaction(con):
            escalated = con.execute(_ESCALATE).fetchall()
            inserted = con.execute(_INSERT).fetchall()
    finally:
        con.unregister("incoming_alerts")
    return [int(r[0]) for r in [*escalated, *inserted]]


def load_alerts(
    con: duckdb.DuckDBPyConnection,
    *,
    client: str | None = None,
    include_acknowledged: bool = False,
    undelivered_only: bool = False,
    ids: Sequence[int] | None = None,
    limit: int = 10_000,
) -> pd.DataFrame:
    """Alerts newest first; open (unacknowledged) ones unless ``include_acknowledged``.
    Columns: alert_id, kind, severity, client (None for workspace-wide alerts), message,
    raised_at, delivered_at, acknowledged_at, delivery_attempts, delivery_error."""
    params = {"ids": None if ids is None else [int(i) for i in ids], "client": client,
              "include_acknowledged": include_acknowledged,
              "undelivered_only": undelivered_only, "limit": limit}  # fmt: skip
    return con.execute(_LIST, params).df()


def write_delivery(
    con: duckdb.DuckDBPyConnection, ids: Sequence[int], at: datetime, error: str | None
) -> None:
    """Record one delivery round of ``ids``: delivered ``at`` when ``error`` is None, else the
    short reason (host and status only, never the webhook address)."""
    if not ids:
        return
    id_list = [int(i) for i in ids]
    if error is None:
        con.execute(_DELIVERED, {"ids": id_list, "at": _naive(at)})
    else:
        con.execute(_FAILED, {"ids": id_list, "error": error[:300]})


def write_acknowledgements(
    con: duckdb.DuckDBPyConnection, ids: Sequence[int], at: datetime, actor: str
) -> tuple[list[int], list[int]]:
    """Acknowledge alerts, one audit entry each, in one transaction. Returns (acknowledged now,
    unknown ids); when any id is unknown nothing is acknowledged (a mistyped id must not close
    half a list). Ids already acknowledged are in neither list and keep their first time."""
    wanted = sorted({int(i) for i in ids})
    with transaction(con):
        known = {int(r[0]) for r in con.execute(_KNOWN_IDS, {"ids": wanted}).fetchall()}
        unknown = [i for i in wanted if i not in known]
        if unknown:
            return [], unknown
        done = con.execute(_ACKNOWLEDGE, {"ids": wanted, "at": _naive(at)}).fetchall()
        for alert_id, kind in sorted(done):
            write_audit(con, at, actor, "alert_ack", f"alert:{alert_id}", str(kind))
    return sorted(int(r[0]) for r in done), []
