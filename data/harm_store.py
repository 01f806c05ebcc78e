"""Harm scores and human labels of search results: what the model reads and writes.

Results are read in batches with everything the model needs (title, snippet, URL, the domain's
category as the client declared it, the owned flag, the position, the query), and scores are
written in bulk, one row per result and model version, so re-scoring with the same model
changes nothing and a new model version scores everything again beside the old scores.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime

import duckdb
import pandas as pd
import pyarrow as pa

from data.store import transaction

_RESULTS = """
SELECT s.result_id, c.slug AS client, q.text AS query, s.position, s.url, s.domain, s.title,
       s.snippet, coalesce(d.category, 'unknown') AS domain_category,
       coalesce(d.category = 'owned', FALSE) AS owned
FROM serp_results s
JOIN serp_runs r USING (run_id)
JOIN queries q USING (query_id)
JOIN clients c USING (client_id)
LEFT JOIN domains d ON d.client_id = q.client_id AND d.domain = s.domain
WHERE r.status = 'ok' AND s.result_type = 'organic'
  AND ($client IS NULL OR c.slug = $client)
  AND ($version IS NULL OR NOT EXISTS (
      SELECT 1 FROM harm_scores h WHERE h.result_id = s.result_id AND h.model_version = $version))
ORDER BY s.result_id
"""
_LABELLED = """
SELECT s.result_id, c.slug AS client, q.text AS query, s.position, s.url, s.domain, s.title,
       s.snippet, coalesce(d.category, 'unknown') AS domain_category,
       coalesce(d.category = 'owned', FALSE) AS owned,
       arg_max(l.category, l.labelled_at) AS category
FROM labels l
JOIN serp_results s USING (result_id)
JOIN serp_runs r USING (run_id)
JOIN queries q USING (query_id)
JOIN clients c USING (client_id)
LEFT JOIN domains d ON d.client_id = q.client_id AND d.domain = s.domain
GROUP BY ALL
ORDER BY s.result_id
"""
_REVIEW_QUEUE = """
SELECT s.result_id, c.slug AS client, q.text AS query, s.position, s.title, s.url, h.score,
       h.category
FROM harm_scores h
JOIN serp_results s USING (result_id)
JOIN serp_runs r USING (run_id)
JOIN queries q USING (query_id)
JOIN clients c USING (client_id)
WHERE h.model_version = $version AND ($client IS NULL OR c.slug = $client)
  AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.result_id = s.result_id)
ORDER BY abs(h.score - 0.5), s.position, s.result_id
LIMIT $limit
"""
_AUDITED = """
WITH first_label AS (
    SELECT result_id, min(labelled_at) AS first_labelled_at,
           arg_max(category, labelled_at) AS true_category
    FROM labels GROUP BY result_id
)
SELECT f.result_id, c.slug AS client, f.true_category,
       arg_max(h.category, h.scored_at) AS predicted_category,
       arg_max(h.score, h.scored_at) AS score,
       arg_max(h.model_version, h.scored_at) AS model_version
FROM first_label f
JOIN serp_results s USING (result_id)
JOIN serp_runs r USING (run_id)
JOIN queries q USING (query_id)
JOIN clients c USING (client_id)
LEFT JOIN harm_scores h ON h.result_id = f.result_id AND h.scored_at <= f.first_labelled_at
WHERE $client IS NULL OR c.slug = $client
GROUP BY f.result_id, c.slug, f.true_category
ORDER BY f.result_id
"""
_RESULT_EXISTS = "SELECT count(*) FROM serp_results WHERE result_id = $id"
_INSERT_LABEL = """
INSERT INTO labels (result_id, category, labelled_by, labelled_at)
VALUES ($id, $category, $actor, $at)
"""
_SCORES = pa.schema(
    [
        ("result_id", pa.int64()),
        ("score", pa.float64()),
        ("category", pa.string()),
        (
            "reasons",
            pa.list_(pa.struct([("feature", pa.string()), ("contribution", pa.float64())])),
        ),
    ]
)
_INSERT_SCORES = """
INSERT INTO harm_scores (result_id, model_version, score, category, reasons, scored_at)
SELECT result_id, $version, score, category, reasons, $at FROM incoming_scores
ON CONFLICT (result_id, model_version) DO NOTHING
"""


def iter_results_to_score(
    con: duckdb.DuckDBPyConnection,
    version: str | None,
    client: str | None = None,
    batch: int = 5000,
) -> Iterator[pd.DataFrame]:
    """Organic results of ok runs without a score of ``version`` (all when None), in batches.

    Columns: ``result_id``, ``client``, ``query``, ``position``, ``url``, ``domain``, ``title``,
    ``snippet``, ``domain_category`` (the client's declaration, else "unknown"), ``owned``.
    """
    cursor = con.execute(_RESULTS, {"client": client, "version": version})
    while True:
        frame = cursor.fetch_df_chunk(max(1, batch // 2048))
        if frame.empty:
            return
        yield frame


def load_labelled_results(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Human-labelled results with the latest label as ``category`` (columns of
    ``iter_results_to_score`` plus ``category``)."""
    return con.execute(_LABELLED).df()


def load_audited_predictions(
    con: duckdb.DuckDBPyConnection, client: str | None = None
) -> pd.DataFrame:
    """Each human-labelled result beside what the model said before the person looked at it.

    The prediction is the newest score stored no later than the result's first label: the one
    the reviewer saw and corrected. Re-scoring with today's model would flatter it, since `model
    train` learns from these very labels. Columns: ``result_id``, ``client``,
    ``true_category`` (the latest label), ``predicted_category``, ``score``, ``model_version``
    (all three NULL when the result was labelled before any model scored it).
    """
    return con.execute(_AUDITED, {"client": client}).df()


def load_review_queue(
    con: duckdb.DuckDBPyConnection, version: str, client: str | None = None, limit: int = 50
) -> pd.DataFrame:
    """Unlabelled results scored by ``version``, most uncertain (score nearest 0.5) first.
    Columns: ``result_id``, ``client``, ``query``, ``position``, ``title``, ``url``, ``score``,
    ``category``."""
    return con.execute(_REVIEW_QUEUE, {"version": version, "client": client, "limit": limit}).df()


def write_harm_scores(
    con: duckdb.DuckDBPyConnection,
    result_ids: Sequence[int],
    scores: Sequence[float],
    categories: Sequence[str],
    reasons: Sequence[Sequence[dict[str, object]]],
    *,
    version: str,
    at: datetime,
) -> int:
    """Store one batch of scores; returns how many were new. A reason is stored as its key and
    parameters (``feature``, JSON) with its signed ``contribution``."""
    rows = [
        {"result_id": int(r), "score": float(s), "category": c,
         "reasons": [{"feature": json.dumps({"key": x["key"], "params": x.get("params", {})},
                                            ensure_ascii=False, sort_keys=True),
                      "contribution": float(x.get("weight", 0.0))}  # type: ignore[arg-type]
                     for x in why]}
        for r, s, c, why in zip(result_ids, scores, categories, reasons, strict=True)
    ]  # fmt: skip
    con.register("incoming_scores", pa.Table.from_pylist(rows, schema=_SCORES))
    try:
        with transaction(con):
            row = con.execute(_INSERT_SCORES, {"version": version, "at": at}).fetchall()
    finally:
        con.unregister("incoming_scores")
    return int(row[0][0]) if row else 0


def write_label(
    con: duckdb.DuckDBPyConnection, result_id: int, category: str, actor: str, at: datetime
) -> None:
    """Store a person's label of one result (the latest label wins); ``ValueError`` for an
    unknown result."""
    if not con.execute(_RESULT_EXISTS, {"id": result_id}).fetchall()[0][0]:
        raise ValueError(f"no search result with id {result_id}")
    con.execute(_INSERT_LABEL, {"id": result_id, "category": category, "actor": actor, "at": at})
