"""Recommendations and scheduling: playbooks, priorities, bilingual reasons, capacity, launches."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from models.plan_schedule import Schedule, compute_schedule, deadline_week
from models.planner import (
    REC_COLUMNS,
    compute_launch_targets,
    compute_recommendations,
    next_monday,
)

START = date(2027, 1, 4)  # a Monday


def queries(*rows: tuple[int, str, float | None, list[str]], client_id: int = 1) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"client_id": client_id, "query_id": q, "text": t, "search_volume": v, "tags": tags}
            for q, t, v, tags in rows
        ]
    )


def exposure(**latest: float) -> pd.DataFrame:
    """Two observed days per query; the second (latest) carries the given exposure."""
    rows = []
    for key, value in latest.items():
        qid = int(key[1:])
        rows += [
            {"query_id": qid, "day": date(2026, 12, 1), "exposure": 0.9},
            {"query_id": qid, "day": date(2026, 12, 3), "exposure": value},
        ]
    return pd.DataFrame(rows, columns=["query_id", "day", "exposure"])


def harms(*rows: tuple[int, int, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"query_id": q, "position": p, "domain": d, "category": c, "harm": 0.9}
            for q, p, d, c in rows
        ],
        columns=["query_id", "position", "domain", "category", "harm"],
    )


NO_ASSETS = pd.DataFrame(columns=["target_query_id", "asset_type", "status"])
NO_LAUNCHES = pd.DataFrame(columns=["client_id", "query_id", "launch", "launch_on"])


def recommend(
    q: pd.DataFrame,
    e: pd.DataFrame,
    h: pd.DataFrame,
    existing: pd.DataFrame = NO_ASSETS,
    targets: pd.DataFrame = NO_LAUNCHES,
) -> pd.DataFrame:
    return compute_recommendations(q, e, h, existing, targets)


def test_each_harm_gets_its_playbook_most_severe_first() -> None:
    q = queries((1, "lea fit fuite", 100, []), (2, "acme avis", 50, []), (3, "acme", 10, []))
    h = harms(
        (1, 2, "leakzone.example", "leak"),
        (1, 5, "fake.example", "impersonation"),
        (2, 3, "avis.example", "complaint"),
        (3, 1, "rumeur.example", "defamation"),
    )
    recs = recommend(q, exposure(q1=0.5, q2=0.2, q3=0.1), h)
    assert list(recs.columns) == list(REC_COLUMNS)
    by_query = recs.groupby("query_id")["asset_type"].apply(list).to_dict()
    assert by_query[1] == ["legal", "faq", "official_profile"]  # leak first, then impersonation
    assert by_query[2] == ["faq", "guide"]
    assert by_query[3] == ["interview", "authority_placement", "faq"]
    assert recs["category"].tolist()[:3] == ["leak", "leak", "leak"]


def test_priority_is_exposure_times_volume_highest_first() -> None:
    q = queries((1, "a", 100, []), (2, "b", 1000, []))
    h = harms((1, 1, "x.example", "complaint"), (2, 4, "y.example", "complaint"))
    recs = recommend(q, exposure(q1=0.5, q2=0.1), h)
    assert recs["query_id"].tolist() == [2, 2, 1, 1]
    assert recs["priority"].tolist() == pytest.approx([100.0, 100.0, 50.0, 50.0])
    assert not recs["volume_assumed"].any()


def test_unknown_volume_takes_the_client_median_else_one_and_is_flagged() -> None:
    q = queries((1, "a", None, []), (2, "b", 100, []), (3, "c", 300, []))
    h = harms(*[(i, 1, "x.example", "complaint") for i in (1, 2, 3)])
    recs = recommend(q, exposure(q1=0.5, q2=0.5, q3=0.5), h)
    first = recs[recs["query_id"] == 1].iloc[0]
    assert first["search_volume"] == 200 and first["volume_assumed"]
    assert first["priority"] == pytest.approx(100.0)
    assert "unknown" in first["reason_en"] and "inconnu" in first["reason_fr"]
    alone = recommend(queries((1, "a", None, [])), exposure(q1=0.5), harms((1, 1, "x", "leak")))
    assert alone["priority"].tolist() == pytest.approx([0.5, 0.5, 0.5])
    assert "so 1 is assumed" in alone["reason_en"].iloc[0]
    assert "1 est retenu" in alone["reason_fr"].iloc[0]
    assert "median volume (200) is assumed" in first["reason_en"]


def test_no_exposure_or_no_harmful_result_means_no_recommendation() -> None:
    q = queries((1, "a", 100, []), (2, "b", 100, []))
    recs = recommend(q, exposure(q1=0.0, q2=0.3), harms((1, 1, "x.example", "leak")))
    assert recs.empty, "q1 has no exposure; q2's exposure names no harmful result"


def test_types_already_planned_published_or_dropped_are_skipped() -> None:
    existing = pd.DataFrame(
        [
            {"target_query_id": 1, "asset_type": "legal", "status": "published"},
            {"target_query_id": 1, "asset_type": "faq", "status": "dropped"},
            {"target_query_id": None, "asset_type": "official_profile", "status": "planned"},
        ]
    )
    recs = recommend(
        queries((1, "a", 100, [])), exposure(q1=0.4), harms((1, 1, "x.example", "leak")), existing
    )
    assert recs["asset_type"].tolist() == ["official_profile"]


def test_reasons_are_full_sentences_in_english_and_french() -> None:
    q = queries((7, "léa fit fuite", 1200, []))
    h = harms((7, 2, "leakzone.example", "leak"), (7, 6, "avis.example", "complaint"))
    rec = recommend(q, exposure(q7=0.3), h).iloc[0]
    en, fr = rec["reason_en"], rec["reason_fr"]
    assert en.startswith('The search "léa fit fuite" shows harmful results in its latest top 10')
    assert "leaked content at position 2 (leakzone.example)" in en
    assert "a complaint at position 6 (avis.example)" in en
    assert "latest exposure is 0.300 (2026-12-03)" in en
    assert "1,200 monthly searches, so priority = 0.300 × 1,200 = 360.0." in en
    assert fr.startswith("La recherche « léa fit fuite » affiche des résultats nuisibles")
    assert "un contenu divulgué en position 2 (leakzone.example)" in fr
    assert "exposition la plus récente est de 0,300 (03/12/2026)" in fr
    assert "d'où une priorité de 0,300 × 1\u202f200 = 360,0." in fr
    assert "mentions légales" in fr and "signaler" in fr
    assert en.endswith(".") and fr.endswith(".")
    assert "http" not in en + fr, "never a URL, only domains"


def test_titles_are_stable_and_unique_per_query_and_type() -> None:
    q = queries((1, "lea fit", 10, []), (2, "lea fit", 10, []))
    h = harms((1, 1, "x", "complaint"), (2, 1, "x", "complaint"))
    titles = recommend(q, exposure(q1=0.2, q2=0.2), h)["title"]
    assert titles.is_unique
    assert titles.tolist() == recommend(q, exposure(q1=0.2, q2=0.2), h)["title"].tolist()
    fr = compute_recommendations(q, exposure(q1=0.2, q2=0.2), h, NO_ASSETS, NO_LAUNCHES, {1: "fr"})
    assert fr["title"].iloc[0] == "Page FAQ — lea fit (#1)"


def launches(*rows: tuple[str, date]) -> pd.DataFrame:
    return pd.DataFrame([{"client_id": 1, "name": n, "launch_on": d} for n, d in rows])


def test_launch_queries_are_the_tagged_ones_else_all_and_get_proactive_assets() -> None:
    tagged = queries((1, "a", 100, ["launch"]), (2, "b", 100, ["brand"]))
    lt = compute_launch_targets(tagged, launches(("Aurora", START + timedelta(days=20))), START, 8)
    assert lt["query_id"].tolist() == [1]
    untagged = queries((1, "a", 100, []), (2, "b", 100, []))
    far = launches(("Aurora", START + timedelta(days=20)), ("Late", START + timedelta(days=200)))
    assert compute_launch_targets(untagged, far, START, 8)["query_id"].tolist() == [1, 2]
    recs = recommend(tagged, exposure(q1=0.0), harms(), targets=lt)
    assert recs["asset_type"].tolist() == ["faq", "official_profile"]
    assert set(recs["category"]) == {"launch"}
    assert 'tied to the launch "Aurora"' in recs["reason_en"].iloc[0]
    assert "liée au lancement « Aurora »" in recs["reason_fr"].iloc[0]


def schedule(
    recs: pd.DataFrame,
    capacity: int,
    targets: pd.DataFrame = NO_LAUNCHES,
    planned: pd.DataFrame | None = None,
    weeks: int = 4,
) -> Schedule:
    planned = (
        planned
        if planned is not None
        else pd.DataFrame(
            columns=["title", "asset_type", "target_query_id", "query", "planned_on", "priority"]
        )
    )
    return compute_schedule(recs, planned, targets, start=START, weeks=weeks, capacity=capacity)


def many(n: int) -> pd.DataFrame:
    q = queries(*[(i, f"q{i}", 100 * i, []) for i in range(1, n + 1)])
    h = harms(*[(i, 1, "x.example", "complaint") for i in range(1, n + 1)])
    return recommend(q, exposure(**{f"q{i}": 0.5 for i in range(1, n + 1)}), h)


def test_schedule_respects_capacity_and_priority_order() -> None:
    recs = many(3)  # 6 assets, priorities 150, 150, 100, 100, 50, 50
    plan = schedule(recs, capacity=2)
    new = [s for s in plan.slots if s.kind == "new"]
    assert [(s.week, s.query_id) for s in new] == [(0, 3), (0, 3), (1, 2), (1, 2), (2, 1), (2, 1)]
    assert new[0].on == START and new[2].on == START + timedelta(days=7)
    assert not plan.unscheduled and not plan.missed
    tight = schedule(recs, capacity=1, weeks=4)
    assert len([s for s in tight.slots if s.kind == "new"]) == 4
    assert [s.query_id for s in tight.unscheduled] == [1, 1]
    assert schedule(recs, capacity=1) == schedule(recs, capacity=1), "deterministic"


def test_capacity_zero_schedules_nothing() -> None:
    plan = schedule(many(2), capacity=0)
    assert not [s for s in plan.slots if s.kind == "new"]
    assert len(plan.unscheduled) == 4 and plan.capacity_per_week == 0


def test_launch_assets_come_first_and_are_live_before_the_launch() -> None:
    q = queries((1, "brand", 1000, []), (2, "aurora", 10, ["launch"]))
    launch_on = START + timedelta(days=16)  # Wednesday of week 2: weeks 0 and 1 end before it
    lt = compute_launch_targets(q, launches(("Aurora", launch_on)), START, 4)
    h = harms((1, 1, "x.example", "complaint"), (2, 3, "leaks.example", "leak"))
    recs = recommend(q, exposure(q1=0.5, q2=0.5), h, targets=lt)
    plan = schedule(recs, capacity=2, targets=lt)
    aurora = [s for s in plan.slots if s.kind == "new" and s.query_id == 2]
    assert [s.asset_type for s in aurora] == ["legal", "faq", "official_profile"]
    assert all(s.week <= 1 and s.launch == "Aurora" for s in aurora)
    assert deadline_week(START, launch_on) == 1
    assert not plan.missed


def test_a_capacity_shortfall_names_the_assets_that_miss_the_launch() -> None:
    q = queries((2, "aurora", 10, ["launch"]))
    launch_on = START + timedelta(days=9)  # only week 0 ends before it
    lt = compute_launch_targets(q, launches(("Aurora", launch_on)), START, 4)
    recs = recommend(q, exposure(q2=0.5), harms((2, 3, "leaks.example", "leak")), targets=lt)
    plan = schedule(recs, capacity=1, targets=lt)
    assert [s.asset_type for s in plan.missed] == ["faq", "official_profile"]
    assert [s.week for s in plan.missed] == [1, 2]
    assert all(s.launch == "Aurora" and s.launch_on == launch_on for s in plan.missed)


def test_monitoring_runs_from_d_minus_14_in_every_week_up_to_the_launch() -> None:
    q = queries((2, "aurora", 10, ["launch"]))
    launch_on = START + timedelta(days=23)  # Saturday of week 3; D-14 = Saturday of week 1
    lt = compute_launch_targets(q, launches(("Aurora", launch_on)), START, 6)
    plan = schedule(NO_RECS, capacity=1, targets=lt, weeks=6)
    watch = [(s.week, s.on) for s in plan.slots if s.kind == "monitoring"]
    assert watch == [
        (1, launch_on - timedelta(days=14)),
        (2, START + timedelta(days=14)),
        (3, START + timedelta(days=21)),
    ]
    assert plan.launches == (("Aurora", launch_on),)


NO_RECS = pd.DataFrame(columns=list(REC_COLUMNS))


def test_saved_assets_keep_their_week_and_use_its_capacity() -> None:
    planned = pd.DataFrame(
        [
            {
                "title": "Guide",
                "asset_type": "guide",
                "target_query_id": 1,
                "query": "q1",
                "planned_on": START,
                "priority": 5.0,
            },
            {
                "title": "Old",
                "asset_type": "faq",
                "target_query_id": 1,
                "query": "q1",
                "planned_on": START - timedelta(days=30),
                "priority": 1.0,
            },
        ]
    )
    plan = schedule(many(1), capacity=1, planned=planned)
    kinds = [(s.week, s.kind, s.title) for s in plan.slots]
    assert kinds[:2] == [(0, "planned", "Guide"), (0, "planned", "Old")]
    assert [s.week for s in plan.slots if s.kind == "new"] == [1, 2]
    assert plan.overbooked == (0,)


def test_next_monday_is_strictly_after_today() -> None:
    assert next_monday(date(2027, 1, 4)) == date(2027, 1, 11)
    assert next_monday(date(2027, 1, 10)) == date(2027, 1, 11)
