"""Exposure, SERP health, owned share (KPIS.md 1, reference case E) and reputational MTTR (6)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import pytest

from models.kpis import (
    DEFAULT_CTR_CURVE,
    compute_exposure_summary,
    compute_reputational_mttr,
    compute_serp_health,
    compute_snapshot_exposure,
)
from serpshield.config import SISTRIX_2020

T0 = pd.Timestamp("2025-01-06 08:00")


def test_case_e_exposure_is_one_eighth() -> None:
    exposure = compute_snapshot_exposure([1, 3, 12], [0.0, 1.0, 1.0], DEFAULT_CTR_CURVE)
    assert exposure == pytest.approx(0.125, abs=1e-12)  # 11.0 / 88.0; position 12 weighs 0
    assert compute_serp_health(exposure) == pytest.approx(87.5, abs=1e-10)


def test_default_curve_is_the_config_curve_not_a_copy() -> None:
    assert DEFAULT_CTR_CURVE is SISTRIX_2020
    assert math.fsum(DEFAULT_CTR_CURVE) == 88.0


def test_custom_weights_are_normalised_and_end_at_the_list() -> None:
    # weights 2, 1, 1 -> 0.5, 0.25, 0.25; position 4 is past the list and weighs 0
    assert compute_snapshot_exposure([1, 2, 4], [1.0, 0.5, 1.0], [2, 1, 1]) == pytest.approx(0.625)
    assert compute_snapshot_exposure([], [], [1.0]) == 0.0
    assert compute_snapshot_exposure(list(range(1, 11)), [1.0] * 10) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("positions", "harms", "weights"),
    [
        ([0], [1.0], DEFAULT_CTR_CURVE),  # position 0 is a failed fetch, never a result
        ([1], [1.5], DEFAULT_CTR_CURVE),
        ([1], [math.nan], DEFAULT_CTR_CURVE),
        ([1, 2], [1.0], DEFAULT_CTR_CURVE),
        ([1], [1.0], [0.0, 0.0]),
        ([1], [1.0], []),
    ],
)
def test_invalid_snapshot_is_refused(
    positions: list[int], harms: list[float], weights: list[float]
) -> None:
    with pytest.raises(ValueError):
        compute_snapshot_exposure(positions, harms, weights)


def test_exposure_summary_means_over_observed_query_days() -> None:
    days = pd.DataFrame(
        {
            "query_id": [1, 1, 2, 2],
            "day": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-01", "2025-01-02"]),
            "exposure": [0.125, 0.375, 0.0, 0.5],
            "owned_share": [0.5, 0.25, 0.75, 0.5],
        }
    )
    summary = compute_exposure_summary(days)
    assert summary["exposure"] == pytest.approx(0.25)
    assert summary["serp_health"] == pytest.approx(75.0)
    assert summary["owned_share"] == pytest.approx(0.5)
    assert summary["query_days"] == 4


def test_exposure_summary_without_data_is_null() -> None:
    empty = pd.DataFrame(columns=["query_id", "day", "exposure", "owned_share"])
    assert compute_exposure_summary(empty) == {
        "exposure": None, "serp_health": None, "owned_share": None, "query_days": 0
    }  # fmt: skip


def test_exposure_summary_names_missing_columns() -> None:
    with pytest.raises(ValueError, match="owned_share"):
        compute_exposure_summary(pd.DataFrame(columns=["query_id", "day", "exposure"]))


def incidents_from_days(case: Sequence[tuple[float, int]]) -> pd.DataFrame:
    """Incidents whose duration in days and closed flag follow ``case``."""
    rows = []
    for query_id, (days, closed) in enumerate(case):
        opened = T0 + pd.Timedelta(hours=query_id)
        end = opened + pd.Timedelta(days=days)
        rows.append(
            {
                "query_id": query_id,
                "opened_at": opened,
                "closed_at": end if closed else pd.NaT,
                "last_snapshot_at": end if not closed else end + pd.Timedelta(days=3),
            }
        )
    frame = pd.DataFrame(rows, columns=["query_id", "opened_at", "closed_at", "last_snapshot_at"])
    return frame.astype(
        {c: "datetime64[us]" for c in ("opened_at", "closed_at", "last_snapshot_at")}
    )


def test_reputational_mttr_is_case_c_in_days() -> None:
    case_c = [(1, 1), (1, 1), (4, 1), (5, 1), (6, 0), (9, 1), (9, 0), (22, 1)]
    mttr = compute_reputational_mttr(incidents_from_days(case_c))
    assert mttr["median_days"] == pytest.approx(5.0, abs=1e-12)  # the 1e-9 convention
    assert mttr["rmst90_days"] == pytest.approx(245 / 24, abs=1e-9)
    assert mttr["open_incidents"] == 2
    assert mttr["incidents"] == 8


def test_reputational_mttr_not_reached_and_empty() -> None:
    open_mostly = incidents_from_days([(1, 1), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0)])
    mttr = compute_reputational_mttr(open_mostly)
    assert mttr["median_days"] == math.inf
    assert mttr["rmst90_days"] == pytest.approx(1 + 89 * 5 / 6, abs=1e-9)
    empty = compute_reputational_mttr(incidents_from_days([]))
    assert empty == {"median_days": None, "rmst90_days": None, "open_incidents": 0, "incidents": 0}
