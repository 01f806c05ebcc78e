"""Incident reads (data.kpi_incidents): harmful/clean sequences of observed snapshots."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from data.kpi_incidents import load_incidents
from tests.unit.kpi.warehouse import DAY, T0, Result, Warehouse, open_test_warehouse

AS_OF = T0 + 60 * DAY
H, C = "harmful", "clean"


@pytest.fixture
def wh(tmp_path: Path) -> Iterator[Warehouse]:
    with open_test_warehouse(tmp_path) as warehouse:
        yield warehouse


def _at(day: int) -> datetime:
    return T0 + day * DAY


def _story(wh: Warehouse, query_id: int, steps: str, source: str = "serpapi") -> None:
    """One run a day: H harmful, C clean, F failed, U unscored, - nothing."""
    for day, step in enumerate(steps):
        if step == "H":
            wh.run(query_id, _at(day), [Result(1, 0.0), Result(4, 0.7)], source=source)
        elif step == "C":
            wh.run(query_id, _at(day), [Result(1, 0.0), Result(4, 0.1)], source=source)
        elif step == "F":
            wh.run(query_id, _at(day), status="failed", source=source)
        elif step == "U":
            wh.run(query_id, _at(day), [Result(1, 0.0), Result(4, None)], source=source)


def _incidents(wh: Warehouse, **kw: object) -> pd.DataFrame:
    params: dict[str, object] = {"client_id": None, "start": None, "as_of": AS_OF, "theta": 0.5}
    params.update(kw)
    return load_incidents(wh.con, **params)  # type: ignore[arg-type]


def _spans(frame: pd.DataFrame) -> list[tuple[datetime, datetime | None]]:
    return [
        (o.to_pydatetime(), None if pd.isna(c) else c.to_pydatetime())
        for o, c in zip(frame["opened_at"], frame["closed_at"], strict=True)
    ]


def test_one_clean_snapshot_does_not_close_two_do_at_the_first(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    _story(wh, q, "CHCHCCH")
    frame = _incidents(wh)
    assert list(frame.columns) == [
        "client_id", "query_id", "opened_at", "closed_at", "last_snapshot_at", "started_harmful",
    ]  # fmt: skip
    assert _spans(frame) == [(_at(1), _at(4)), (_at(6), None)]
    assert frame["last_snapshot_at"].tolist() == [pd.Timestamp(_at(6))] * 2
    assert frame["started_harmful"].tolist() == [False, False]


def test_an_open_incident_is_censored_at_the_last_scored_snapshot(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    _story(wh, q, "CHHCU")  # the unscored snapshot tells nothing
    frame = _incidents(wh)
    assert _spans(frame) == [(_at(1), None)]
    assert frame["last_snapshot_at"].tolist() == [pd.Timestamp(_at(3))]


def test_unobserved_and_unscored_snapshots_neither_open_nor_close(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    _story(wh, q, "CHCFUCHFC")  # C, F, U, C: the two cleans are consecutive observations
    assert _spans(_incidents(wh)) == [(_at(1), _at(2)), (_at(6), None)]


def test_sources_are_merged_in_time_order(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    _story(wh, q, "CH-C", source="serpapi")
    _story(wh, q, "--C", source="brave")  # day 2 from brave, day 3 from serpapi: two cleans
    assert _spans(_incidents(wh)) == [(_at(1), _at(2))]


def test_a_history_that_starts_harmful_is_flagged(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    _story(wh, q, "HHCCHC")
    frame = _incidents(wh)
    assert _spans(frame) == [(_at(0), _at(2)), (_at(4), None)]
    assert frame["started_harmful"].tolist() == [True, False]


def test_start_keeps_the_state_of_the_earlier_history(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    _story(wh, q, "CHHHCCH")
    frame = _incidents(wh, start=_at(2))  # the incident opened on day 1 is not new on day 2
    assert _spans(frame) == [(_at(6), None)]


def test_as_of_ignores_later_snapshots(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    _story(wh, q, "CHCCH")
    frame = _incidents(wh, as_of=_at(2))
    assert _spans(frame) == [(_at(1), None)]
    assert frame["last_snapshot_at"].tolist() == [pd.Timestamp(_at(2))]


def test_theta_is_inclusive_and_top_n_bounds_the_positions(wh: Warehouse) -> None:
    q = wh.query(wh.client())
    wh.run(q, _at(0), [Result(1, 0.0)])
    wh.run(q, _at(1), [Result(1, 0.5)])  # harm == theta: harmful
    wh.run(q, _at(2), [Result(1, 0.0), Result(11, 1.0)])  # harmful result past the top 10
    wh.run(q, _at(3), [Result(1, 0.0), Result(11, None)])  # unscored past the top 10: clean
    assert _spans(_incidents(wh)) == [(_at(1), _at(2))]
    assert _spans(_incidents(wh, top_n=11)) == [(_at(1), None)]


def test_labels_count_and_queries_are_separate(wh: Warehouse) -> None:
    acme, other = wh.client("acme"), wh.client("other")
    q1, q2 = wh.query(acme), wh.query(other)
    _story(wh, q1, "CH")
    [_, result] = wh.run(q2, _at(0), [Result(1, 0.0), Result(2, 0.1)])
    wh.label(result, "ncii", _at(0))
    frame = _incidents(wh)
    assert frame["query_id"].tolist() == [q1, q2]
    assert frame["client_id"].tolist() == [acme, other]
    assert _incidents(wh, client_id=other)["query_id"].tolist() == [q2]
    assert _incidents(wh, client_id=other)["started_harmful"].tolist() == [True]


def test_an_incident_running_since_before_the_lookback_is_not_new(wh: Warehouse) -> None:
    acme = wh.client()
    old, new, fresh = wh.query(acme, "old"), wh.query(acme, "new"), wh.query(acme, "fresh")
    _story(wh, old, "CH" + "-" * 48 + "HCCH")  # open since day 1, seen again on day 50 only
    _story(wh, new, "CHCC" + "-" * 46 + "CHCC")  # closed on day 2: a new one on day 51
    _story(wh, fresh, "-" * 50 + "HCC")  # first observed on day 50: its history starts harmful
    frame = _incidents(wh, start=_at(45))
    assert frame["query_id"].tolist() == [old, new, fresh]
    assert _spans(frame) == [(_at(53), None), (_at(51), _at(52)), (_at(50), _at(51))]
    assert frame["started_harmful"].tolist() == [False, False, True]
    whole = _incidents(wh)
    assert _spans(whole[whole["query_id"] == old]) == [(_at(1), _at(51)), (_at(53), None)]
