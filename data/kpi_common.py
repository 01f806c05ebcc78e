"""What every KPI read shares: how "now" and a period start are bound, and a client's leak URLs.

The warehouse stores naive UTC timestamps (session TimeZone = UTC). Callers may pass aware
datetimes (any zone) or naive ones meant as UTC; binding an aware value would make DuckDB
compare a TIMESTAMPTZ with a TIMESTAMP, so every instant is turned into naive UTC first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

#: ``urls(client_id, leak_url_id, item_id, normalized_url, domain, first_seen_at,
#: published_at)``: the leak URLs of the selected client (``$client_id``; NULL = every client).
#: The client filter is applied here, before any join with ``url_events``.
CLIENT_LEAK_URLS = """
urls AS (
    SELECT i.client_id, u.leak_url_id, u.item_id, u.normalized_url, u.domain, u.first_seen_at,
           u.published_at
    FROM leak_urls u
    JOIN content_items i USING (item_id)
    WHERE $client_id IS NULL OR i.client_id = $client_id
)"""

#: ``detection(client_id, leak_url_id, item_id, normalized_url, detected_at, published_at)``
#: (needs ``urls``): a URL's first ``detected`` event at or before ``$as_of``, else its
#: ``first_seen_at``; URLs not detected by ``$as_of`` are left out.
DETECTION = """
first_detected AS (
    SELECT e.leak_url_id, min(e.occurred_at) AS detected_at
    FROM url_events e
    SEMI JOIN urls USING (leak_url_id)
    WHERE e.event = 'detected' AND e.occurred_at <= $as_of
    GROUP BY e.leak_url_id
),
detection AS (
    SELECT u.client_id, u.leak_url_id, u.item_id, u.normalized_url,
           coalesce(d.detected_at, u.first_seen_at) AS detected_at, u.published_at
    FROM urls u
    LEFT JOIN first_detected d USING (leak_url_id)
    WHERE coalesce(d.detected_at, u.first_seen_at) <= $as_of
)"""


def naive_utc(moment: datetime) -> datetime:
    """``moment`` as a naive UTC datetime: aware values are converted, naive ones are UTC."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def optional_naive_utc(moment: datetime | None) -> datetime | None:
    """``naive_utc`` that lets None (no period start: all history) through."""
    return None if moment is None else naive_utc(moment)


def weight_list(weights: Sequence[float]) -> list[float]:
    """The CTR weights as a list of floats (index 0 = position 1), checked.

    They are used as given (the caller normalises them, see ``WorkspaceConfig.ctr_weights``);
    an empty or negative list is a caller bug.
    """
    values = [float(w) for w in weights]
    if not values or any(not w >= 0 for w in values):
        raise ValueError("CTR weights must be a non-empty list of non-negative numbers")
    return values
