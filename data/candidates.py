"""Leak candidates: search results that look like leaks, waiting for a person's decision.

A result is proposed when its domain is one of the client's leak forums or file hosts, or when
a harm score reaches the candidate threshold; URLs already followed as leaks, and URLs a person
dismissed for that client, are never proposed again.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

_CANDIDATES = """
WITH seen AS (
    SELECT q.client_id, s.normalized_url, s.url, s.domain, s.title, s.snippet, s.position,
           r.fetched_at, q.text AS query,
           (SELECT max(h.score) FROM harm_scores h WHERE h.result_id = s.result_id) AS harm
    FROM serp_results s
    JOIN serp_runs r USING (run_id)
    JOIN queries q USING (query_id)
    WHERE r.status = 'ok' AND s.result_type = 'organic'
)
SELECT c.slug AS client, s.normalized_url,
       arg_min(s.url, s.fetched_at) AS url, any_value(s.domain) AS domain,
       arg_max(s.title, s.fetched_at) AS title, arg_max(s.snippet, s.fetched_at) AS snippet,
       min(s.position) AS best_position, count(*) AS times_seen,
       min(s.fetched_at) AS first_seen_at, max(s.fetched_at) AS last_seen_at,
       max(s.harm) AS max_harm, any_value(d.category) AS domain_category,
       string_agg(DISTINCT s.query, ' | ') AS queries
FROM seen s
JOIN clients c ON c.client_id = s.client_id
LEFT JOIN domains d ON d.client_id = s.client_id AND d.domain = s.domain
WHERE c.active AND ($client IS NULL OR c.slug = $client)
  AND (d.category IN ('leak_forum', 'file_host') OR s.harm >= $threshold)
  AND NOT EXISTS (SELECT 1 FROM candidate_decisions x
                  WHERE x.client_id = s.client_id AND x.normalized_url = s.normalized_url)
  AND NOT EXISTS (SELECT 1 FROM leak_urls u JOIN content_items t USING (item_id)
                  WHERE t.client_id = s.client_id AND u.normalized_url = s.normalized_url)
GROUP BY c.slug, s.normalized_url
ORDER BY max(s.harm) DESC NULLS LAST, min(s.position), c.slug, s.normalized_url
"""
_DECIDE = """
INSERT INTO candidate_decisions (client_id, normalized_url, decision, decided_by, decided_at)
SELECT client_id, $url, $decision, $actor, $at FROM clients WHERE slug = $client
ON CONFLICT (client_id, normalized_url) DO UPDATE
SET decision = excluded.decision, decided_by = excluded.decided_by,
    decided_at = excluded.decided_at
"""


def load_candidates(
    con: duckdb.DuckDBPyConnection, threshold: float, client: str | None = None
) -> pd.DataFrame:
    """Columns: ``client``, ``normalized_url``, ``url``, ``domain``, ``title``, ``snippet``,
    ``best_position``, ``times_seen``, ``first_seen_at``, ``last_seen_at``, ``max_harm``
    (NULL before scoring), ``domain_category``, ``queries``; most harmful and highest first."""
    return con.execute(_CANDIDATES, {"client": client, "threshold": threshold}).df()


def write_candidate_decision(
    con: duckdb.DuckDBPyConnection,
    client: str,
    normalized_url: str,
    decision: str,
    actor: str,
    at: datetime,
) -> None:
    """Record (or change) the decision on one candidate URL for one client."""
    params = {"client": client, "url": normalized_url, "decision": decision, "actor": actor,
              "at": at}  # fmt: skip
    con.execute(_DECIDE, params)
