"""Difference in differences with a percentile bootstrap, and rank summaries."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from models.asset_effect import EFFECT_COLUMNS, compute_asset_effects, compute_rank_summary

PUB = date(2026, 11, 15)
DONE = PUB + timedelta(days=22)  # the after-window [P+7, P+21] is over


def series(
    query_id: int,
    before: float,
    after: float,
    seed: int,
    client_id: int = 1,
    skip: tuple[int, ...] = (),
) -> list[dict[str, object]]:
    """Exposure around PUB: ``before`` until P-1, ``after`` from P (noisy, +-0.02)."""
    noise = np.random.default_rng(seed).uniform(-0.02, 0.02, 40)
    return [
        {
            "client_id": client_id,
            "query_id": query_id,
            "day": PUB + timedelta(days=d),
            "exposure": (before if d < 0 else after) + noise[d + 15],
        }
        for d in range(-15, 25)
        if d not in skip
    ]


def asset(asset_id: int = 1, query_id: int = 1, published_on: date = PUB) -> dict[str, object]:
    return {
        "asset_id": asset_id,
        "client_id": 1,
        "target_query_id": query_id,
        "published_on": published_on,
    }


def frame(*parts: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame([row for part in parts for row in part])


# Treated drops by 0.2, the two untreated queries by 0.05: the asset's effect is -0.15.
DAYS = frame(series(1, 0.5, 0.3, 1), series(2, 0.4, 0.35, 2), series(3, 0.2, 0.15, 3))


def test_a_known_effect_is_recovered_with_a_ci_that_excludes_zero() -> None:
    out = compute_asset_effects(pd.DataFrame([asset()]), DAYS, as_of=DONE)
    assert list(out.columns) == list(EFFECT_COLUMNS)
    row = out.iloc[0]
    assert row["status"] == "ok"
    assert row["effect"] == pytest.approx(-0.15, abs=0.01)
    assert row["ci_low"] < -0.15 < row["ci_high"]
    assert row["ci_high"] < 0, "exposure fell more than on untreated queries: the CI excludes 0"
    assert (row["treated_before_days"], row["treated_after_days"]) == (14, 15)
    assert row["control_queries"] == 2
    assert (row["control_before_days"], row["control_after_days"]) == (28, 30)


def test_the_bootstrap_is_seeded_and_independent_of_other_assets() -> None:
    one = compute_asset_effects(pd.DataFrame([asset()]), DAYS, as_of=DONE, seed=7)
    again = compute_asset_effects(pd.DataFrame([asset()]), DAYS, as_of=DONE, seed=7)
    pd.testing.assert_frame_equal(one, again)
    other = compute_asset_effects(pd.DataFrame([asset()]), DAYS, as_of=DONE, seed=8)
    assert other.iloc[0]["ci_low"] != one.iloc[0]["ci_low"]
    assert other.iloc[0]["effect"] == one.iloc[0]["effect"]


def test_queries_treated_in_the_window_are_not_controls() -> None:
    both = pd.DataFrame([asset(1, 1), asset(2, 2, PUB + timedelta(days=10))])
    out = compute_asset_effects(both, DAYS, as_of=DONE + timedelta(days=10))
    first = out.iloc[0]
    assert first["control_queries"] == 1, "query 2 got an asset inside [P-14, P+21]"
    assert first["effect"] == pytest.approx(-0.15, abs=0.015)


def test_pending_until_the_after_window_is_over() -> None:
    for as_of in (PUB + timedelta(days=21), PUB - timedelta(days=3)):
        row = compute_asset_effects(pd.DataFrame([asset()]), DAYS, as_of=as_of).iloc[0]
        assert row["status"] == "pending"
        assert row["effect"] is None and row["ci_low"] is None


def test_an_empty_cell_is_insufficient_data_never_a_number() -> None:
    gap = frame(series(1, 0.5, 0.3, 1, skip=tuple(range(7, 22))), series(2, 0.4, 0.35, 2))
    row = compute_asset_effects(pd.DataFrame([asset()]), gap, as_of=DONE).iloc[0]
    assert row["status"] == "insufficient_data" and row["effect"] is None
    alone = compute_asset_effects(
        pd.DataFrame([asset()]), frame(series(1, 0.5, 0.3, 1)), as_of=DONE
    ).iloc[0]
    assert alone["status"] == "insufficient_data" and alone["control_queries"] == 0


def test_rank_summary_tells_not_ranked_from_gaps() -> None:
    d = date(2026, 12, 1)
    ranks = pd.DataFrame(
        [
            {"asset_id": 1, "day": d, "position": None},
            {"asset_id": 1, "day": d + timedelta(days=1), "position": 14},
            {"asset_id": 1, "day": d + timedelta(days=4), "position": 8},
            {"asset_id": 1, "day": d + timedelta(days=5), "position": None},
            {"asset_id": 2, "day": d, "position": 3},
        ]
    )
    out = compute_rank_summary(ranks).set_index("asset_id")
    first = out.loc[1]
    assert first["observed_days"] == 4
    assert np.isnan(first["latest_position"]), "observed on the last day, and not ranked"
    assert first["best_position"] == 8 and first["days_in_top10"] == 1
    assert first["first_top10_on"] == d + timedelta(days=4)
    assert out.loc[2, "latest_position"] == 3
    assert compute_rank_summary(ranks.iloc[0:0]).empty
