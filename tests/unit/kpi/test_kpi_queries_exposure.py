"""Exposure reads (data.kpi_exposure): snapshots, daily series and the period summary."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from data.kpi_exposure import (
    load_client_day_exposure,
    load_exposure_summary,
    load_query_day_exposure,
    load_snapshot_exposure,
)
from tests.unit.kpi.warehouse import DAY, SISTRIX, T0, Result, Warehouse, open_test_warehouse

AS_OF = T0 + 30 * DAY
TZ = "Europe/Paris"


@pytest.fixture
def wh(tmp_path: Path) -> Iterator[Warehouse]:
    with open_test_warehouse(tmp_path) as warehouse:
        yield warehouse


def _page(*harms: float | None) -> list[Result]:
    """Results at positions 1, 2, ... with these harms (None = unscored)."""
    return [Result(p, h) for p, h in enumerate(harms, start=1)]


def _snapshots(wh: Warehouse, client_id: int | None = None, **kw: object) -> pd.DataFrame:
    params: dict[str, object] = {"client_id": client_id, "start": None, "as_of": AS_OF}
    params.update(kw)
    return load_snapshot_exposure(wh.con, weights=SISTRIX, **params)  # type: ignore[arg-type]


def _days(wh: Warehouse, client_id: int | None = None, **kw: object) -> pd.DataFrame:
    params: dict[str, object] = {"client_id": client_id, "start": None, "as_of": AS_OF}
    params.update(kw)
    return load_query_day_exposure(wh.con, weights=SISTRIX, tz=TZ, **params)  # type: ignore[arg-type]


def _summary(wh: Warehouse, client_id: int | None = None, **kw: object) -> pd.DataFrame:
    params: dict[str, object] = {"client_id": client_id, "start": None, "as_of": AS_OF}
    params.update(kw)
    return load_exposure_summary(wh.con, weights=SISTRIX, tz=TZ, **params)  # type: ignore[arg-type]


def test_reference_case_e_positions_past_the_weights_weigh_nothing(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    wh.run(q, T0, [Result(1, 0.0), Result(2, 0.0), Result(3, 1.0), Result(12, 1.0)])
    snap = _snapshots(wh)
    assert list(snap.columns) == [
        "client_id", "query_id", "source", "snapshot_at", "exposure", "owned_share", "scored",
    ]  # fmt: skip
    assert snap["exposure"].tolist() == [0.125]
    assert snap["scored"].tolist() == [True]
    assert snap["snapshot_at"].tolist() == [pd.Timestamp(T0)]
    summary = _summary(wh)
    assert summary["exposure"].tolist() == [0.125]
    assert summary["serp_health"].tolist() == [87.5]


def test_failed_blocked_and_empty_runs_are_no_snapshot(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    wh.run(q, T0, _page(0.0, 0.0, 1.0))
    for day, status in enumerate(("failed", "blocked", "empty"), start=1):
        wh.run(q, T0 + day * DAY, status=status)
    snap = _snapshots(wh)
    assert len(snap) == 1
    days = _days(wh)
    assert days["day"].tolist() == [date(2026, 3, 2)]  # the other days are gaps, not zeros
    assert _summary(wh)["query_days"].tolist() == [1]


def test_a_label_wins_over_the_score_and_the_latest_label_wins(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    first, second, third = wh.run(q, T0, _page(0.1, 0.9, 0.2))
    wh.label(first, "leak", T0 + DAY)  # harmful label: harm 1.0 despite the score
    wh.label(second, "neutral", T0 + DAY)  # harmless label: harm 0.0 despite the score
    wh.label(third, "leak", T0 + DAY)
    wh.label(third, "positive", T0 + 2 * DAY)  # the latest label wins
    [exposure] = _snapshots(wh)["exposure"].tolist()
    assert exposure == pytest.approx(SISTRIX[0])


def test_the_newest_score_wins_when_several_models_scored(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    [result] = wh.run(q, T0, [Result(1, 0.2)])
    wh.score(result, 0.8, T0 + DAY, version="v2")
    assert _snapshots(wh)["exposure"].tolist() == [pytest.approx(0.8 * SISTRIX[0])]


def test_a_label_alone_makes_a_result_scored(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    [result] = wh.run(q, T0, [Result(1, None)])
    wh.label(result, "defamation", T0)
    snap = _snapshots(wh)
    assert snap["scored"].tolist() == [True]
    assert snap["exposure"].tolist() == [pytest.approx(SISTRIX[0])]


def test_an_unscored_snapshot_is_left_out_and_counted(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    wh.run(q, T0, [*_page(0.0, 0.0, 1.0), Result(11, None)])  # unscored past the weights: ok
    wh.run(q, T0 + DAY, _page(0.0, None, 1.0))  # unscored at position 2
    wh.run(q, T0 + 2 * DAY + timedelta(hours=1), _page(1.0))
    wh.run(q, T0 + 2 * DAY + timedelta(hours=2), _page(None))  # the day keeps the scored one
    snap = _snapshots(wh)
    assert snap["scored"].tolist() == [True, False, True, False]
    assert snap["exposure"].isna().tolist() == [False, True, False, True]
    assert snap["owned_share"].isna().tolist() == [False, True, False, True]
    days = _days(wh)
    assert days["day"].tolist() == [date(2026, 3, 2), date(2026, 3, 4)]
    assert days["exposure"].tolist() == [0.125, pytest.approx(SISTRIX[0])]
    summary = _summary(wh)
    assert summary["unscored_snapshots"].tolist() == [2]
    assert summary["query_days"].tolist() == [2]
    assert summary["exposure"].tolist() == [pytest.approx((0.125 + SISTRIX[0]) / 2)]


def test_the_last_snapshot_of_the_local_day_across_utc_midnight(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    evening = datetime(2026, 3, 10, 21, 0)  # 22:00 in Paris, March 10
    wh.run(q, evening, _page(1.0), slot_at=evening)
    late = datetime(2026, 3, 10, 22, 30)  # 23:30 in Paris: the last of March 10
    wh.run(q, late, _page(0.0, 0.0, 1.0), slot_at=late)
    after = datetime(2026, 3, 10, 23, 30)  # 00:30 in Paris: March 11, same UTC day
    wh.run(q, after, _page(0.0), slot_at=after)
    days = _days(wh)
    assert days["day"].tolist() == [date(2026, 3, 10), date(2026, 3, 11)]
    assert days["snapshot_at"].tolist() == [pd.Timestamp(late), pd.Timestamp(after)]
    assert days["exposure"].tolist() == [0.125, 0.0]


def test_summer_time_moves_the_local_midnight(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    at = datetime(2026, 7, 1, 22, 30)  # 00:30 on July 2 in Paris (UTC+2)
    wh.run(q, at, _page(0.0))
    assert _days(wh, as_of=datetime(2026, 8, 1))["day"].tolist() == [date(2026, 7, 2)]


def test_owned_share_counts_owned_domains_and_published_assets(wh: Warehouse) -> None:
    acme = wh.client("acme")
    other = wh.client("other")
    q = wh.query(acme)
    wh.domain(acme, "acme.example")
    wh.domain(other, "rival.example")  # owned by another client: not acme's
    wh.domain(acme, "forum.example", "forum")
    wh.asset(acme, "HTTPS://Blog.Example/Guide/#intro")  # raw: case, slash, fragment
    wh.asset(acme, "https://blog.example/planned", status="planned")
    wh.run(q, T0, [
        Result(1, 0.0, "acme.example", "https://acme.example/"),
        Result(2, 0.0, "rival.example", "https://rival.example/"),
        Result(3, 0.0, "blog.example", "https://blog.example/Guide"),
        Result(4, 0.0, "blog.example", "https://blog.example/planned"),
        Result(5, 0.0, "forum.example", "https://forum.example/t/1"),
    ])  # fmt: skip
    [owned] = _snapshots(wh, acme)["owned_share"].tolist()
    assert owned == pytest.approx(SISTRIX[0] + SISTRIX[2])
    assert _summary(wh, acme)["owned_share"].tolist() == [pytest.approx(owned)]


def test_results_of_later_pages_belong_to_the_snapshot(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    weights = (0.5, 0.25, 0.25)
    slot = T0
    wh.run(q, T0, _page(0.0, 0.0), slot_at=slot)
    wh.run(q, T0 + timedelta(seconds=5), [Result(3, 1.0)], page=2, slot_at=slot)
    orphan = T0 + DAY  # page 2 came back but page 1 failed: unobserved
    wh.run(q, orphan, status="failed", slot_at=orphan)
    wh.run(q, orphan, [Result(3, 1.0)], page=2, slot_at=orphan)
    snap = load_snapshot_exposure(wh.con, client_id=None, start=None, as_of=AS_OF, weights=weights)
    assert snap["exposure"].tolist() == [0.25]
    assert snap["snapshot_at"].tolist() == [pd.Timestamp(T0)]


def test_as_of_and_start_bound_the_period(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    for day in range(5):
        wh.run(q, T0 + day * DAY, _page(0.0, 0.0, 1.0 if day % 2 else 0.0))
    start = datetime(2026, 3, 3, 0, 0, tzinfo=UTC)
    as_of = datetime(2026, 3, 5, 7, 0, tzinfo=UTC)  # aware instants are accepted
    snap = _snapshots(wh, start=start, as_of=as_of)
    assert snap["snapshot_at"].tolist() == [pd.Timestamp(T0 + d * DAY) for d in (1, 2, 3)]
    summary = _summary(wh, start=start, as_of=as_of)
    assert summary["query_days"].tolist() == [3]
    assert summary["exposure"].tolist() == [pytest.approx(0.25 / 3)]


def test_client_days_average_the_observed_queries(wh: Warehouse) -> None:
    acme = wh.client()
    q1, q2, q3 = (wh.query(acme, f"q{i}") for i in range(3))
    wh.run(q1, T0, _page(0.0, 0.0, 1.0))
    wh.run(q2, T0, _page(0.0))
    wh.run(q3, T0, status="blocked")  # not observed: not in the mean
    wh.run(q1, T0 + DAY, _page(0.0))
    frame = load_client_day_exposure(
        wh.con, client_id=acme, start=None, as_of=AS_OF, weights=SISTRIX, tz=TZ
    )
    assert list(frame.columns) == ["client_id", "day", "exposure", "owned_share", "queries"]
    assert frame["day"].tolist() == [date(2026, 3, 2), date(2026, 3, 3)]
    assert frame["exposure"].tolist() == [0.0625, 0.0]
    assert frame["queries"].tolist() == [2, 1]


def test_every_client_when_client_id_is_none(wh: Warehouse) -> None:
    acme, other, idle = wh.client("acme"), wh.client("other"), wh.client("idle")
    wh.run(wh.query(acme), T0, _page(0.0, 0.0, 1.0))
    wh.run(wh.query(other), T0, _page(1.0))
    snap = _snapshots(wh)
    assert snap["client_id"].tolist() == [acme, other]
    assert _snapshots(wh, other)["client_id"].tolist() == [other]
    summary = _summary(wh)
    assert summary["client_id"].tolist() == [acme, other, idle]
    assert summary["exposure"].tolist()[:2] == [0.125, pytest.approx(SISTRIX[0])]
    assert math.isnan(summary["exposure"].tolist()[2])
    assert summary["query_days"].tolist() == [1, 1, 0]
    assert summary["unscored_snapshots"].tolist() == [0, 0, 0]
    days = _days(wh)
    assert sorted(days["client_id"].tolist()) == [acme, other]


def test_an_empty_warehouse_gives_empty_frames(wh: Warehouse) -> None:
    acme = wh.client()
    assert _snapshots(wh).empty
    assert _days(wh).empty
    summary = _summary(wh, acme)
    assert summary["client_id"].tolist() == [acme]
    assert summary["query_days"].tolist() == [0]


#: Per zone: its two DST switches of 2026, and UTC times around its local midnight.
_SWITCHES = {
    "America/St_Johns": ((3, 8), (11, 1), ((2, 20), (2, 50), (3, 20), (3, 50))),
    "Australia/Lord_Howe": ((4, 4), (10, 3), ((12, 50), (13, 20), (13, 50), (14, 20))),
    "Europe/Paris": ((3, 28), (10, 24), ((21, 50), (22, 20), (22, 50), (23, 20))),
}


@pytest.mark.parametrize("tz", sorted(_SWITCHES))
def test_local_days_match_the_tz_database_around_transitions(wh: Warehouse, tz: str) -> None:
    q = wh.query(wh.client())
    zone = ZoneInfo(tz)
    first, second, times = _SWITCHES[tz]
    moments = [
        datetime(2026, month, day, hour, minute) + shift
        for month, day in (first, second)
        for hour, minute in times
        for shift in (timedelta(0), DAY)
    ]
    for at in moments:
        wh.run(q, at, _page(0.0))
    frame = load_query_day_exposure(
        wh.con, client_id=None, start=None, as_of=datetime(2027, 1, 1), weights=SISTRIX, tz=tz
    )
    expected: dict[date, datetime] = {}
    for at in moments:
        day = at.replace(tzinfo=UTC).astimezone(zone).date()
        expected[day] = max(expected.get(day, at), at)
    assert frame["day"].tolist() == sorted(expected)
    assert frame["snapshot_at"].tolist() == [pd.Timestamp(expected[d]) for d in sorted(expected)]
