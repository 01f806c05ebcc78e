"""Time-to-removal curves per group: the KPI rules, checked against KPIS.md reference case B."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import pytest

from models.km_curves import CENSOR_COLUMNS, CURVE_COLUMNS, compute_km_curves, group_keys
from models.kpis_takedown import compute_takedown_delay

AS_OF = datetime(2026, 11, 20, 12, 0)
#: KPIS.md case B (hours; + = still waiting): S = 7/8, 7/10, 21/40, 21/80 at 0.8, 3.1, 5.4, 9.2.
CASE_B = ((0.8, True), (1.0, False), (2.7, False), (3.1, True), (5.4, True), (7.0, False),
          (9.2, True), (12.1, False))  # fmt: skip


def notices(rows: list[tuple[float, bool, str, str, str]]) -> pd.DataFrame:
    """(delay hours, removed, channel, domain, route): a waiting notice is sent ``delay``
    before AS_OF, a removed one 100 h before AS_OF and removed ``delay`` later."""
    records = []
    for delay, removed, channel, domain, route in rows:
        sent = AS_OF - timedelta(hours=100 if removed else delay)
        records.append({
            "notice_id": len(records) + 1, "leak_url_id": 1, "item_id": 1, "domain": domain,
            "channel": channel, "legal_route": route, "notice_at": sent,
            "removed_at": sent + timedelta(hours=delay) if removed else pd.NaT,
        })  # fmt: skip
    return pd.DataFrame(records)


def case_b(
    channel: str = "host", domain: str = "a.example", route: str = "copyright"
) -> list[tuple[float, bool, str, str, str]]:
    return [(t, removed, channel, domain, route) for t, removed in CASE_B]


def test_reference_case_b_curve_and_censoring_marks() -> None:
    result = compute_km_curves(notices(case_b()), AS_OF, "channel")
    curve = result.curves
    assert list(curve.columns) == CURVE_COLUMNS
    steps = dict(zip(curve["time_hours"].round(6), curve["survival"], strict=True))
    assert steps[0.0] == 1.0
    for time, value in ((0.8, 7 / 8), (3.1, 7 / 10), (5.4, 21 / 40), (9.2, 21 / 80)):
        assert steps[time] == pytest.approx(value, abs=1e-12)
    assert set(curve["n"]) == {8} and set(curve["removed"]) == {4}
    assert (curve["lower"] <= curve["survival"] + 1e-12).all()
    assert (curve["upper"] >= curve["survival"] - 1e-12).all()
    marks = result.censored
    assert list(marks.columns) == CENSOR_COLUMNS
    assert list(marks["time_hours"].round(6)) == [1.0, 2.7, 7.0, 12.1]
    expected = [7 / 8, 7 / 8, 21 / 40, 21 / 80]  # the curve's value where each one waits
    assert list(marks["survival"]) == pytest.approx(expected, abs=1e-12)


def test_a_curve_agrees_with_the_kpi_median() -> None:
    frame = notices(case_b())
    curve = compute_km_curves(frame, AS_OF, "channel").curves
    median = curve.loc[curve["survival"] <= 0.5 + 1e-9, "time_hours"].min()
    assert median == pytest.approx(compute_takedown_delay(frame, AS_OF).median_hours)


def test_groups_by_channel_are_ordered_by_notices() -> None:
    rows = [*case_b("host"), (5.0, True, "google", "b.example", "privacy_ncii")]
    curves = compute_km_curves(notices(rows), AS_OF, "channel").curves
    assert list(dict.fromkeys(curves["group"])) == ["host", "google"]
    google = curves[curves["group"] == "google"]
    assert list(google["survival"]) == [1.0, 0.0]


def test_host_view_keeps_the_busiest_hosts() -> None:
    rows = [(1.0, True, "host", f"h{i}.example", "other") for i in range(4)]
    rows += [(2.0, True, "host", "h2.example", "other")]
    result = compute_km_curves(notices(rows), AS_OF, "host", top=2)
    assert list(dict.fromkeys(result.curves["group"])) == ["h2.example", "h0.example"]
    assert result.groups_left_out == 2


def test_routes_fold_none_into_other() -> None:
    frame = notices([(1.0, True, "host", "a.example", "none"),
                     (2.0, True, "host", "a.example", "privacy_ncii")])  # fmt: skip
    assert list(group_keys(frame, "legal_route")) == ["other", "privacy_ncii"]
    with pytest.raises(ValueError, match="unknown grouping"):
        group_keys(frame, "weekday")  # type: ignore[arg-type]


def test_the_future_does_not_exist_yet() -> None:
    frame = notices([(10.0, True, "host", "a.example", "other")])
    late = frame.assign(notice_at=[AS_OF + timedelta(hours=1)])
    assert compute_km_curves(late, AS_OF, "channel").curves.empty
    removal_later = frame.assign(removed_at=[AS_OF + timedelta(hours=5)])
    result = compute_km_curves(removal_later, AS_OF, "channel")
    assert list(result.curves["survival"]) == [1.0, 1.0]  # still waiting at AS_OF
    assert list(result.censored["time_hours"]) == [100.0]


def test_no_notice_gives_empty_frames_with_their_columns() -> None:
    empty = notices([]).reindex(columns=["domain", "channel", "legal_route", "notice_at",
                                         "removed_at"])  # fmt: skip
    result = compute_km_curves(empty, AS_OF, "host")
    assert result.curves.empty and list(result.curves.columns) == CURVE_COLUMNS
    assert result.censored.empty and list(result.censored.columns) == CENSOR_COLUMNS
