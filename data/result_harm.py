"""The harm of each stored search result, as every KPI, alert and plan reads it.

One definition, shared by every statement that needs "how harmful is this result", so that the
exposure on a chart, the alert that fired and the plan that followed all agree:

- a person's label wins over the model: the latest label of a result sets its category, and its
  harm is 1.0 for a harmful category and 0.0 for any other (a correction is certain);
- otherwise the most recent score (the latest ``scored_at``, i.e. the newest model that scored
  the result) gives the harm and the category;
- a result neither scored nor labelled has no row: callers decide what "unknown" means for them
  (exposure treats such a snapshot as not measurable rather than clean).
"""

from __future__ import annotations

#: Categories whose results count as harmful (``models.harm.HARMFUL``, kept in SQL form here
#: because SQL text lives in ``data/``; a test keeps the two lists equal).
HARMFUL_SQL = "('leak', 'ncii', 'defamation', 'complaint', 'impersonation')"

#: A ``WITH`` clause body: ``result_harm(result_id, harm, category, labelled)``. Use it as
#: ``f"WITH result_harm AS ({RESULT_HARM}) ..."`` or join it as a subquery.
RESULT_HARM = f"""
SELECT coalesce(l.result_id, h.result_id) AS result_id,
       CASE WHEN l.category IS NULL THEN h.score
            WHEN l.category IN {HARMFUL_SQL} THEN 1.0 ELSE 0.0 END AS harm,
       coalesce(l.category, h.category) AS category,
       l.category IS NOT NULL AS labelled
FROM (SELECT result_id, arg_max(score, scored_at) AS score,
             arg_max(category, scored_at) AS category
      FROM harm_scores GROUP BY result_id) h
FULL OUTER JOIN (SELECT result_id, arg_max(category, labelled_at) AS category
                 FROM labels GROUP BY result_id) l USING (result_id)
"""  # noqa: S608 (constant text, no user input)
