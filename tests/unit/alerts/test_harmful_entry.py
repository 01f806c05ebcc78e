"""harmful_entry: a harmful result entering the top N of a query's latest observed snapshot."""

from __future__ import annotations

from datetime import datetime

import pytest

from serpshield.alerts import evaluate_alerts
from tests.unit.alerts.conftest import T0, Warehouse, config, hours

LEAK = "https://leakzone.example/t/lea-fit-pack"
DEFAMATION = "https://gossip.example/lea-fit-lies"
CLEAN = "https://lea-fit.example/"
CFG = config()


def day(n: int) -> datetime:
    return T0 + hours(24 * n)


def evaluate(wh: Warehouse, at_day: int) -> list[tuple[str, str]]:
    """(severity, message) of the alerts raised by one evaluation at the end of that day."""
    raised = evaluate_alerts(CFG, wh.db, T0 + hours(24 * at_day + 12))
    return [(a.severity, a.message) for a in raised]


def test_a_first_snapshot_with_a_harmful_result_alerts_once(wh: Warehouse) -> None:
    wh.run(T0, [(1, CLEAN, 0.0, "owned"), (3, LEAK, 0.9, "leak")])
    raised = evaluate(wh, 0)
    assert len(raised) == 1
    severity, message = raised[0]
    assert severity == "critical"
    assert "position 3" in message and "leakzone.example" in message and '"lea fit"' in message
    assert evaluate(wh, 0) == [], "evaluating the same facts again raises nothing"
    assert evaluate(wh, 1) == [], "nor does evaluating later without a new snapshot"
    kind, key, _, _ = wh.alerts()[0]
    assert kind == "harmful_entry" and key.startswith("q1:") and key.endswith(":2026-11-20T00:00Z")


def test_other_harmful_categories_are_warnings(wh: Warehouse) -> None:
    wh.run(T0, [(2, DEFAMATION, 0.7, "defamation")])
    assert [s for s, _ in evaluate(wh, 0)] == ["warning"]


def test_a_result_still_harmful_in_the_next_snapshot_does_not_alert_again(wh: Warehouse) -> None:
    wh.run(T0, [(3, LEAK, 0.9, "leak")])
    evaluate(wh, 0)
    wh.run(day(1), [(5, LEAK, 0.9, "leak")])  # moved, but it was already in the top 10
    assert evaluate(wh, 1) == []


def test_leaving_and_coming_back_is_a_new_entry(wh: Warehouse) -> None:
    wh.run(T0, [(3, LEAK, 0.9, "leak")])
    evaluate(wh, 0)
    wh.run(day(1), [(1, CLEAN, 0.0, "owned")])
    assert evaluate(wh, 1) == []
    wh.run(day(2), [(4, LEAK, 0.9, "leak")])
    assert len(evaluate(wh, 2)) == 1
    assert [k for k, *_ in wh.alerts()] == ["harmful_entry", "harmful_entry"]


@pytest.mark.parametrize("status", ["failed", "blocked", "empty"])
def test_unobserved_runs_are_not_snapshots(wh: Warehouse, status: str) -> None:
    wh.run(T0, [(3, LEAK, 0.9, "leak")])
    evaluate(wh, 0)
    wh.run(day(1), status=status)  # not a clean page: nothing was observed
    assert evaluate(wh, 1) == []
    wh.run(day(2), [(3, LEAK, 0.9, "leak")])
    assert evaluate(wh, 2) == [], "the previous observed snapshot already had it"


def test_entering_the_top_n_from_below_alerts(wh: Warehouse) -> None:
    wh.run(T0, [(15, LEAK, 0.9, "leak")])
    assert evaluate(wh, 0) == [], "position 15 is outside the top 10"
    wh.run(day(1), [(9, LEAK, 0.9, "leak")])
    assert len(evaluate(wh, 1)) == 1


def test_top_n_is_the_configured_one(wh: Warehouse) -> None:
    wh.run(T0, [(4, LEAK, 0.9, "leak")])
    cfg = config().model_copy(update={"thresholds": CFG.thresholds.model_copy(
        update={"alert_top_n": 3})})  # fmt: skip
    assert evaluate_alerts(cfg, wh.db, T0 + hours(1)) == []


@pytest.mark.parametrize(
    ("harm", "label"),
    [(0.49, None), (None, None), (0.9, "neutral")],
    ids=["below-theta", "unscored", "labelled-harmless"],
)
def test_results_that_are_not_harmful_do_not_alert(
    wh: Warehouse, harm: float | None, label: str | None
) -> None:
    wh.run(T0, [(2, LEAK, harm, "leak")])
    if label:
        wh.sql("INSERT INTO labels (result_id, category, labelled_by, labelled_at) "
               "SELECT result_id, ?, 'ana', ? FROM serp_results", [label, T0])  # fmt: skip
    assert evaluate(wh, 0) == []


def test_a_label_makes_a_result_harmful(wh: Warehouse) -> None:
    wh.run(T0, [(2, LEAK, 0.1, "neutral")])
    wh.sql("INSERT INTO labels (result_id, category, labelled_by, labelled_at) "
           "SELECT result_id, 'ncii', 'ana', ? FROM serp_results", [T0])  # fmt: skip
    assert [s for s, _ in evaluate(wh, 0)] == ["critical"]


def test_two_sources_seeing_one_entry_in_one_slot_raise_one_alert(wh: Warehouse) -> None:
    wh.run(T0, [(3, LEAK, 0.9, "leak")], source="serpapi")
    wh.run(T0, [(2, LEAK, 0.9, "leak")], source="searxng")
    assert len(evaluate(wh, 0)) == 1


def test_results_on_later_pages_count_within_the_top_n(wh: Warehouse) -> None:
    wh.run(T0, [(1, CLEAN, 0.0, "owned")])
    wh.run(T0, [(12, LEAK, 0.9, "leak")], page=2)
    cfg = config().model_copy(update={"thresholds": CFG.thresholds.model_copy(
        update={"alert_top_n": 20})})  # fmt: skip
    assert len(evaluate_alerts(cfg, wh.db, T0 + hours(1))) == 1


def test_inactive_clients_and_queries_are_not_evaluated(wh: Warehouse) -> None:
    wh.run(T0, [(3, LEAK, 0.9, "leak")])
    wh.sql("UPDATE queries SET active = FALSE")
    assert evaluate(wh, 0) == []
    wh.sql("UPDATE queries SET active = TRUE")
    wh.sql("UPDATE clients SET active = FALSE")
    assert evaluate(wh, 0) == []


def test_a_snapshot_after_now_is_ignored(wh: Warehouse) -> None:
    wh.run(day(3), [(3, LEAK, 0.9, "leak")])
    assert evaluate(wh, 0) == []


def test_an_entry_scored_after_the_next_collection_still_alerts_once(wh: Warehouse) -> None:
    wh.run(T0, [(1, CLEAN, 0.0, "owned")])
    evaluate(wh, 0)
    wh.run(day(1), [(3, LEAK, None, "leak")])  # collected, not scored yet
    assert evaluate(wh, 1) == []
    wh.sql("INSERT INTO harm_scores (result_id, model_version, score, category, scored_at) "
           "SELECT result_id, 'm1', 0.9, 'leak', ? FROM serp_results WHERE position = 3",
           [day(1)])  # fmt: skip
    wh.run(day(2), [(3, LEAK, None, "leak")])  # the next collection, unscored again
    assert len(evaluate(wh, 2)) == 1, "the scored snapshot before the latest one is evaluated"
    wh.sql("INSERT INTO harm_scores (result_id, model_version, score, category, scored_at) "
           "SELECT result_id, 'm1', 0.9, 'leak', ? FROM serp_results r WHERE NOT EXISTS "
           "(SELECT 1 FROM harm_scores h WHERE h.result_id = r.result_id)", [day(2)])  # fmt: skip
    assert evaluate(wh, 2) == [], "still there in the next snapshot: no second alert"
    (key,) = [k for _, k, _, _ in wh.alerts()]
    assert key.endswith(":2026-11-21T00:00Z")
