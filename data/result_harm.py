"""The harm of each stored search result, as every KPI, alert and plan reads it.

One definition, shared by every statement that needs "how harmful is this result", so that the
exposure on a chart, the alert that fired and the plan that followed all agree:

- a person's label wins over the model: the latest label of a result sets its category, and its
  harm is 1.0 for a harmful category and 0.0 for any other (a correction is certain);
- otherwise the most recent score (the latest ``scored_at``, i.e. the newest model that scored
  the result) gives the harm and the category;
- a result neither scored nor labelled has no row: callers decide what "unknown" means for them
  (exposure treats such a snapshot as not measurable rather than clean).

Speed: ``harm_scores`` has one row per result and model version, tens of millions of rows. While
a single model version has scored (the usual case between model upgrades) every result has at
most one score, so "the latest score" is the row itself and no aggregation over the whole table
is needed; that is decided in SQL from ``min(model_version) = max(model_version)`` (answered in
milliseconds), and only a warehouse holding several versions pays for the per-result
``arg_max``. Statements that read a bounded set of results (the KPIs) can also join
``harm_scores`` directly after ``load_one_score_per_result`` said so, which lets DuckDB push the
join down into the scan.
"""

from __future__ import annotations

import duckdb

#: Categories whose results count as harmful (``models.harm.HARMFUL``, kept in SQL form here
#: because SQL text lives in ``data/``; a test keeps the two lists equal).
HARMFUL_SQL = "('leak', 'ncii', 'defamation', 'complaint', 'impersonation')"

#: ``(result_id, category)``: the latest label of each labelled result.
LATEST_LABELS = """
SELECT result_id, arg_max(category, labelled_at) AS category FROM labels GROUP BY result_id
"""

#: The harm of a result from its latest label ``l`` and its latest score ``h`` (either may be
#: NULL after an outer join): NULL when neither exists.
HARM_EXPRESSION = f"""
CASE WHEN l.category IS NULL THEN h.score
     WHEN l.category IN {HARMFUL_SQL} THEN 1.0 ELSE 0.0 END"""

#: A scalar query, TRUE when no result can have two scores: at most one model version in
#: ``harm_scores`` (its primary key is (result_id, model_version)). An empty table counts as
#: one version.
ONE_SCORE_PER_RESULT = (
    "SELECT min(model_version) IS NOT DISTINCT FROM max(model_version) FROM harm_scores"
)

#: ``(result_id, score, category)``: the latest score of every scored result. Only one of the
#: two branches returns rows: the plain table when one model version scored everything, the
#: per-result ``arg_max`` otherwise.
LATEST_SCORES = f"""
SELECT result_id, score, category FROM harm_scores
WHERE ({ONE_SCORE_PER_RESULT})
UNION ALL
SELECT result_id, arg_max(score, scored_at) AS score, arg_max(category, scored_at) AS category
FROM harm_scores
WHERE NOT ({ONE_SCORE_PER_RESULT})
GROUP BY result_id
"""  # noqa: S608 (constant text, no user input)

#: A ``WITH`` clause body: ``result_harm(result_id, harm, category, labelled)``. Use it as
#: ``f"WITH result_harm AS ({RESULT_HARM}) ..."`` or join it as a subquery.
RESULT_HARM = f"""
SELECT coalesce(l.result_id, h.result_id) AS result_id,
       {HARM_EXPRESSION} AS harm,
       coalesce(l.category, h.category) AS category,
       l.category IS NOT NULL AS labelled
FROM ({LATEST_SCORES}) h
FULL OUTER JOIN ({LATEST_LABELS}) l USING (result_id)
"""  # noqa: S608 (constant text, no user input)


def load_one_score_per_result(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether every result has at most one score (one model version in ``harm_scores``), so
    that a statement may join ``harm_scores`` directly instead of taking the latest score."""
    rows = con.execute(ONE_SCORE_PER_RESULT).fetchall()
    return bool(rows[0][0])
