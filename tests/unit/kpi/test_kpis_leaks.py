"""Recirculation at D+7 (KPIS.md 4), detection delay (5), funnel and removal rates (7)."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pandas as pd
import pytest

from models.kpis import (
    FUNNEL_STAGES,
    compute_detection_delay,
    compute_recirculation,
    compute_removal_rates,
)

AS_OF = pd.Timestamp("2025-03-03 12:00")
DAY = pd.Timedelta(days=1)
ITEM_COLUMNS = ["item_id", "first_removed_at", "new_copies", "missed_copies", "reinstatements"]


def items(rows: Sequence[tuple[pd.Timestamp | None, int, int, int]]) -> pd.DataFrame:
    records = [dict(zip(ITEM_COLUMNS, (i, *row), strict=True)) for i, row in enumerate(rows)]
    frame = pd.DataFrame(records, columns=ITEM_COLUMNS)
    return frame.astype({"first_removed_at": "datetime64[us]"})


def test_recirculation_counts_only_items_with_a_full_week() -> None:
    frame = items(
        [
            (AS_OF - 8 * DAY, 1, 2, 0),  # recirculated
            (AS_OF - 7 * DAY, 0, 1, 1),  # exactly 7 days: in the denominator, not recirculated
            (AS_OF - 6 * DAY, 3, 5, 5),  # week not over: left out entirely
            (None, 4, 0, 0),  # never removed: left out
        ]
    )
    assert compute_recirculation(frame, AS_OF) == {
        "rate": 0.5, "items": 2, "missed_copies": 3, "reinstatements": 1
    }  # fmt: skip


def test_missed_copies_and_reinstatements_do_not_count_as_recirculation() -> None:
    frame = items([(AS_OF - 10 * DAY, 0, 4, 2)])
    assert compute_recirculation(frame, AS_OF)["rate"] == 0.0


def test_recirculation_without_items_is_null() -> None:
    result = compute_recirculation(items([(AS_OF - 2 * DAY, 1, 0, 0)]), AS_OF)
    assert result == {"rate": None, "items": 0, "missed_copies": 0, "reinstatements": 0}


def leaks(rows: Sequence[tuple[pd.Timestamp | None, pd.Timestamp | None]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [{"leak_url_id": i, "detected_at": d, "published_at": p} for i, (d, p) in enumerate(rows)],
        columns=["leak_url_id", "detected_at", "published_at"],
    )
    return frame.astype({"detected_at": "datetime64[ns]", "published_at": "datetime64[ns]"})


def test_detection_delay_inverted_cdf_quantiles() -> None:
    t = pd.Timestamp("2025-02-01 00:00")
    h = pd.Timedelta(hours=1)
    frame = leaks(
        [(t + 1 * h, t), (t + 2 * h, t), (t + 3 * h, t), (t + 4 * h, t), (t + 5 * h, None)]
    )
    # 4 known delays 1, 2, 3, 4 h: median = 2 (an observed delay, not 2.5), p90 = 4
    assert compute_detection_delay(frame) == {"median_hours": 2.0, "p90_hours": 4.0, "n": 4}


def test_detection_delay_with_ten_values_and_a_negative_one() -> None:
    t = pd.Timestamp("2025-02-01 00:00")
    h = pd.Timedelta(hours=1)
    frame = leaks([(t + k * h, t) for k in range(1, 10)] + [(t - 3 * h, t)])
    # delays 0 (clipped from -3), 1..9: 50% at 4, 90% at 8 (9 of 10 values <= 8)
    assert compute_detection_delay(frame) == {"median_hours": 4.0, "p90_hours": 8.0, "n": 10}


def test_detection_delay_without_known_publication_is_not_shown() -> None:
    frame = leaks([(pd.Timestamp("2025-02-01"), None)])
    assert compute_detection_delay(frame) == {"median_hours": None, "p90_hours": None, "n": 0}


def funnel(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["stage", "urls", "items"])


def test_removal_rates_and_stage_order() -> None:
    frame = funnel(
        [("removed", 30, 8), ("detected", 120, 25), ("noticed", 80, 20), ("delisted", 20, 6)]
    )
    result = compute_removal_rates(frame, {"not_in_index": 7, "duplicates": 3})
    assert result == {
        "stages": [
            {"stage": "detected", "urls": 120, "items": 25},
            {"stage": "noticed", "urls": 80, "items": 20},
            {"stage": "removed", "urls": 30, "items": 8},
            {"stage": "delisted", "urls": 20, "items": 6},
            {"stage": "recirculated", "urls": 0, "items": 0},
        ],
        "removal_rate": 0.375,
        "delisting_rate": 0.25,
        "excluded": {"not_in_index": 7, "duplicates": 3},
    }
    assert [s["stage"] for s in result["stages"]] == list(FUNNEL_STAGES)
    json.dumps(result)  # JSON-serialisable as returned


def test_removal_rates_without_notices_and_unknown_stage() -> None:
    result = compute_removal_rates(funnel([("detected", 5, 2)]), {})
    assert result["removal_rate"] is None and result["delisting_rate"] is None
    assert result["excluded"] == {"not_in_index": 0, "duplicates": 0}
    with pytest.raises(ValueError, match="published"):
        compute_removal_rates(funnel([("published", 1, 1)]), {})
