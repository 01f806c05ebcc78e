"""Takedown delay, its breakdowns (KPIS.md 2) and SLA compliance (3), from notice frames."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from models.kpis import (
    BREAKDOWN_COLUMNS,
    compute_sla,
    compute_takedown_breakdowns,
    compute_takedown_delay,
)
from models.survival import fit_kaplan_meier

AS_OF = pd.Timestamp("2025-03-03 12:00")  # a Monday
WINDOWS = {"copyright": 72.0, "privacy_ncii": 48.0, "other": 72.0}
H = pd.Timedelta(hours=1)
COLUMNS = [
    "notice_id", "leak_url_id", "item_id", "domain", "channel", "legal_route", "notice_at",
    "removed_at",
]  # fmt: skip


def notices(rows: list[dict[str, Any]], unit: str = "us") -> pd.DataFrame:
    """A notices frame as the SQL returns it; rows give notice_at/removed_at and overrides."""
    full = [
        {
            "notice_id": i, "leak_url_id": 100 + i, "item_id": 1, "domain": "host.example",
            "channel": "host", "legal_route": "copyright", "removed_at": pd.NaT, **row,
        }
        for i, row in enumerate(rows)
    ]  # fmt: skip
    frame = pd.DataFrame(full, columns=COLUMNS)
    return frame.astype({"notice_at": f"datetime64[{unit}]", "removed_at": f"datetime64[{unit}]"})


def case_b_notices(unit: str = "us") -> pd.DataFrame:
    """KPIS.md case B with each unit of time = 72 h (tau = 720 h = 10 units).

    Removed notices are sent long before as_of; censored ones exactly that long before as_of.
    Times in whole seconds, so hours come back exactly.
    """
    case_b = [(0.8, 1), (1.0, 0), (2.7, 0), (3.1, 1), (5.4, 1), (7.0, 0), (9.2, 1), (12.1, 0)]
    rows = []
    for units, removed in case_b:
        delay = pd.Timedelta(seconds=round(units * 72 * 3600))
        if removed:
            sent = AS_OF - pd.Timedelta(days=60)
            rows.append({"notice_at": sent, "removed_at": sent + delay})
        else:
            rows.append({"notice_at": AS_OF - delay})
    return notices(rows, unit)


@pytest.mark.parametrize("unit", ["us", "ns"])
def test_case_b_in_hours(unit: str) -> None:
    delay = compute_takedown_delay(case_b_notices(unit), AS_OF)
    assert delay.median_hours == pytest.approx(9.2 * 72, abs=1e-9)
    assert delay.rmst30_hours == pytest.approx(6.6275 * 72, abs=1e-9)
    assert delay.p90_hours == math.inf  # S never drops below 21/80
    assert (delay.n, delay.removed, delay.censored) == (8, 4, 4)
    low, high = delay.median_ci_hours
    assert low is not None and high is not None and delay.median_hours is not None
    assert low <= delay.median_hours <= high


def test_median_ci_is_the_band_rule_of_the_survival_helper() -> None:
    frame = case_b_notices()
    delay = compute_takedown_delay(frame, AS_OF)
    hours = [57.6, 72.0, 194.4, 223.2, 388.8, 504.0, 662.4, 871.2]
    km = fit_kaplan_meier(hours, [1, 0, 0, 1, 1, 0, 1, 0])
    assert delay.median_ci_hours == pytest.approx(km.median_ci_, abs=1e-9)


def test_future_notices_are_ignored_and_late_removals_are_censored() -> None:
    frame = notices(
        [
            # removed 5 h after as_of: still online as of as_of, censored at 10 h
            {"notice_at": AS_OF - 10 * H, "removed_at": AS_OF + 5 * H},
            {"notice_at": AS_OF + 1 * H, "removed_at": AS_OF + 2 * H},  # not sent yet
        ]
    )
    delay = compute_takedown_delay(frame, AS_OF)
    assert (delay.n, delay.removed, delay.censored) == (1, 0, 1)
    assert delay.median_hours == math.inf
    assert delay.rmst30_hours == 720.0  # S(t) = 1 up to tau: nothing removed


def test_removal_stamped_before_notice_is_a_zero_delay() -> None:
    frame = notices(
        [
            {"notice_at": AS_OF - 10 * H, "removed_at": AS_OF - 12 * H},
            {"notice_at": AS_OF - 10 * H, "removed_at": AS_OF - 6 * H},
        ]
    )
    delay = compute_takedown_delay(frame, AS_OF)
    assert delay.median_hours == 0.0
    assert delay.rmst30_hours == pytest.approx(0.5 * 4.0)


def test_no_notice_gives_nulls() -> None:
    delay = compute_takedown_delay(notices([]), AS_OF)
    assert delay.median_hours is None and delay.p90_hours is None and delay.rmst30_hours is None
    assert delay.median_ci_hours == (None, None)
    assert (delay.n, delay.removed, delay.censored) == (0, 0, 0)


def test_missing_column_is_named() -> None:
    with pytest.raises(ValueError, match="removed_at"):
        compute_takedown_delay(notices([]).drop(columns="removed_at"), AS_OF)


def test_breakdowns_per_dimension() -> None:
    friday_night = pd.Timestamp("2025-02-28 23:30")  # Saturday 00:30 in Paris: weekend
    sunday_night = pd.Timestamp("2025-02-23 23:30")  # Monday 00:30 in Paris: weekday
    frame = notices(
        [
            {"notice_at": friday_night, "removed_at": friday_night + 10 * H,
             "domain": "a.example", "channel": "google", "legal_route": "privacy_ncii"},
            {"notice_at": sunday_night, "removed_at": sunday_night + 20 * H,
             "domain": "a.example", "channel": "host", "legal_route": "none"},
            {"notice_at": sunday_night, "domain": "b.example", "channel": "host",
             "legal_route": "other"},
        ]
    )  # fmt: skip
    table = compute_takedown_breakdowns(frame, AS_OF, "Europe/Paris")
    assert list(table.columns) == BREAKDOWN_COLUMNS
    keys = list(zip(table["dimension"], table["value"], table["n"], strict=True))
    assert keys == [
        ("host", "a.example", 2), ("host", "b.example", 1),
        ("channel", "host", 2), ("channel", "google", 1),
        ("legal_route", "other", 2), ("legal_route", "privacy_ncii", 1),
        ("sending_day", "weekday", 2), ("sending_day", "weekend", 1),
    ]  # fmt: skip
    host_a = table.iloc[0]
    assert host_a["removed"] == 2
    assert host_a["median_hours"] == 10.0  # S(10) = 1/2 exactly: the smallest t
    assert host_a["p90_hours"] == 20.0
    assert host_a["rmst30_hours"] == pytest.approx(10 + 10 * 0.5)
    host_b = table.iloc[1]
    assert host_b["removed"] == 0 and host_b["median_hours"] == math.inf
    # in UTC both sendings flip: Friday 23:30 is a weekday, Sunday 23:30 a weekend
    in_utc = compute_takedown_breakdowns(frame, AS_OF, "UTC")
    days = in_utc[in_utc["dimension"] == "sending_day"].set_index("value")
    assert days["n"].to_dict() == {"weekend": 2, "weekday": 1}
    assert days.loc["weekday", "median_hours"] == 10.0


def test_breakdowns_of_nothing_is_an_empty_table() -> None:
    table = compute_takedown_breakdowns(notices([]), AS_OF, "Europe/Paris")
    assert table.empty and list(table.columns) == BREAKDOWN_COLUMNS


def test_sla_cohort_form() -> None:
    frame = notices(
        [
            # privacy_ncii, W = 48 h
            {"legal_route": "privacy_ncii", "notice_at": AS_OF - 100 * H,
             "removed_at": AS_OF - 60 * H},  # 40 h: met
            {"legal_route": "privacy_ncii", "notice_at": AS_OF - 100 * H,
             "removed_at": AS_OF - 50 * H},  # 50 h: missed
            {"legal_route": "privacy_ncii", "notice_at": AS_OF - 48 * H},  # exactly W old: missed
            {"legal_route": "privacy_ncii", "notice_at": AS_OF - 47 * H,
             "removed_at": AS_OF - 46 * H},  # younger than W: pending, even though removed
            # copyright, W = 72 h: removed exactly at the deadline is met
            {"legal_route": "copyright", "notice_at": AS_OF - 80 * H,
             "removed_at": AS_OF - 8 * H},
            # "none" counts under other
            {"legal_route": "none", "notice_at": AS_OF - 100 * H, "removed_at": AS_OF - 90 * H},
            {"legal_route": "other", "notice_at": AS_OF - 200 * H,
             "removed_at": AS_OF + 1 * H},  # removed after as_of: missed
            {"legal_route": "other", "notice_at": AS_OF + 1 * H},  # not sent yet: nowhere
        ]
    )  # fmt: skip
    sla = compute_sla(frame, AS_OF, WINDOWS)
    assert sla["privacy_ncii"] == {"rate": pytest.approx(1 / 3), "n": 3, "pending": 1}
    assert sla["copyright"] == {"rate": 1.0, "n": 1, "pending": 0}
    assert sla["other"] == {"rate": 0.5, "n": 2, "pending": 0}


def test_sla_shorter_window_changes_the_cohort() -> None:
    frame = notices([{"legal_route": "copyright", "notice_at": AS_OF - 30 * H}])
    assert compute_sla(frame, AS_OF, WINDOWS)["copyright"] == {"rate": None, "n": 0, "pending": 1}
    lcen = {**WINDOWS, "copyright": 24.0}
    assert compute_sla(frame, AS_OF, lcen)["copyright"] == {"rate": 0.0, "n": 1, "pending": 0}


def test_sla_without_notices_and_with_missing_windows() -> None:
    sla = compute_sla(notices([]), AS_OF, WINDOWS)
    assert sla == {route: {"rate": None, "n": 0, "pending": 0} for route in WINDOWS}
    with pytest.raises(ValueError, match="privacy_ncii"):
        compute_sla(notices([]), AS_OF, {"copyright": 72.0, "other": 72.0})
