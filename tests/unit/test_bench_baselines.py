"""The benchmark's hand-written SQL (data.bench_baselines) answers exactly what the engine's
reads answer: same columns, same rows, numbers within 1e-9. A baseline that computed something
cheaper would make every ratio in ``bench.kpi`` meaningless.

Checked on a tiny generated warehouse (as built, and with the shapes the generator never makes
added by hand: later result pages, a second model version, labels, a defensive asset outside
the owned domains, "not in index" rejections, duplicate URLs), for one client and for all, over
all history and over a period, in UTC and in a zone with summer time.
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
import pytest

from data import Connection, open_warehouse
from data.bench_baselines import (
    HARMFUL_CATEGORIES,
    load_baseline_detection_times,
    load_baseline_exposure_summary,
    load_baseline_funnel,
    load_baseline_funnel_exclusions,
    load_baseline_incidents,
    load_baseline_item_recirculation,
    load_baseline_notice_outcomes,
)
from data.bench_warehouse import BenchWarehouse, build_bench_warehouse
from data.kpi_exposure import load_exposure_summary
from data.kpi_funnel import load_funnel, load_funnel_exclusions
from data.kpi_incidents import load_incidents
from data.kpi_leaks import load_detection_times, load_item_recirculation, load_notice_outcomes
from models.harm import HARMFUL
from serpshield.config import SISTRIX_2020
from tests.unit.kpi.warehouse import Result, Warehouse

SISTRIX = tuple(w / math.fsum(SISTRIX_2020) for w in SISTRIX_2020)
TOLERANCE = 1e-9

Read = Callable[..., pd.DataFrame]
#: (engine read, baseline, which of start / weights+tz / theta it takes)
PAIRS: dict[str, tuple[Read, Read, tuple[str, ...]]] = {
    "exposure": (load_exposure_summary, load_baseline_exposure_summary, ("start", "weights")),
    "notices": (load_notice_outcomes, load_baseline_notice_outcomes, ()),
    "items": (load_item_recirculation, load_baseline_item_recirculation, ()),
    "detections": (load_detection_times, load_baseline_detection_times, ()),
    "incidents": (load_incidents, load_baseline_incidents, ("start", "theta")),
    "funnel": (load_funnel, load_baseline_funnel, ("start",)),
    "exclusions": (load_funnel_exclusions, load_baseline_funnel_exclusions, ("start",)),
}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> BenchWarehouse:
    return build_bench_warehouse(
        tmp_path_factory.mktemp("tiny") / "bench.duckdb",
        clients=2, queries_per_client=3, depth=5, days=6, leak_urls=30,
    )  # fmt: skip


@pytest.fixture(scope="module")
def varied(tiny: BenchWarehouse, tmp_path_factory: pytest.TempPathFactory) -> BenchWarehouse:
    """The tiny warehouse plus every shape the generator does not make."""
    path = tmp_path_factory.mktemp("varied") / "bench.duckdb"
    shutil.copyfile(tiny.path, path)
    with open_warehouse(path) as con:
        _add_shapes(con, tiny.as_of.replace(tzinfo=None))
    return tiny.__class__(**{**tiny.__dict__, "path": str(path)})


@pytest.fixture(scope="module")
def rescored(tiny: BenchWarehouse, tmp_path_factory: pytest.TempPathFactory) -> BenchWarehouse:
    """The tiny warehouse with only a second model version: the general statements alone."""
    path = tmp_path_factory.mktemp("rescored") / "bench.duckdb"
    shutil.copyfile(tiny.path, path)
    with open_warehouse(path) as con:
        _rescore(Warehouse(con), tiny.as_of.replace(tzinfo=None))
    return tiny.__class__(**{**tiny.__dict__, "path": str(path)})


def _rescore(wh: Warehouse, as_of: datetime) -> None:
    """A second model version rescoring a few results (the newest score wins)."""
    rescored = wh.con.execute("SELECT result_id FROM serp_results ORDER BY result_id LIMIT 12")
    for (result_id,) in rescored.fetchall():
        wh.score(result_id, 0.95 if result_id % 2 else 0.02, as_of - timedelta(days=1), "v2")


def _add_shapes(con: Connection, as_of: datetime) -> None:
    wh = Warehouse(con)
    day = timedelta(days=1)
    run = con.execute(
        "SELECT run_id, query_id, source, slot_at, fetched_at FROM serp_runs "
        "WHERE status = 'ok' AND query_id = 1 ORDER BY run_id LIMIT 1 OFFSET 1"
    ).fetchall()[0]
    _, query_id, source, slot_at, fetched_at = run
    # Page 2 of a stored snapshot: positions 6-10 count (harmful one at 7, one unscored at 9
    # on a later snapshot of another query).
    page2 = [Result(p, harm=0.9 if p == 7 else 0.1) for p in range(6, 11)]
    wh.run(query_id, fetched_at, page2, source=source, page=2, slot_at=slot_at)
    later = con.execute(
        "SELECT query_id, source, slot_at, fetched_at FROM serp_runs "
        "WHERE status = 'ok' AND query_id = 4 ORDER BY run_id DESC LIMIT 1"
    ).fetchall()[0]
    wh.run(later[0], later[3], [Result(9, harm=None)], source=later[1], page=2,
           slot_at=later[2])  # fmt: skip
    # A second model version rescoring a few results, labels on others.
    _rescore(wh, as_of)
    for result_id, category in ((13, "leak"), (14, "neutral"), (15, "ncii"), (15, "positive")):
        labelled_at = as_of - (2 * day if category != "positive" else day)
        wh.label(result_id, category, labelled_at)
    # A defensive asset on a platform (not an owned domain) that ranks for client 1.
    host, path = con.execute(
        "SELECT s.domain, substr(s.normalized_url, length('https://' || s.domain) + 1) "
        "FROM serp_results s JOIN serp_runs r USING (run_id) JOIN queries q USING (query_id) "
        "ANTI JOIN domains d ON d.client_id = 1 AND d.domain = s.domain "
        "AND d.category = 'owned' WHERE q.client_id = 1 ORDER BY s.result_id LIMIT 1"
    ).fetchall()[0]
    wh.asset(1, f"HTTPS://{host.upper()}{path}/#about")  # raw, as a person types it
    # Leaks: a "not in index" answer and a URL tracked under two items of the same client.
    urls = con.execute(
        "SELECT u.leak_url_id, u.item_id, i.client_id, u.normalized_url FROM leak_urls u "
        "JOIN content_items i USING (item_id) ORDER BY leak_url_id LIMIT 2"
    ).fetchall()
    first, second = urls
    wh.event(first[0], "rejected", as_of - 3 * day, "google", reference="not_in_index")
    other = wh.item(first[2], "a second set")
    copy = wh.leak(other, first[3], as_of - 4 * day)
    wh.event(copy, "detected", as_of - 4 * day)
    wh.event(copy, "notice_sent", as_of - 4 * day, "bing", "privacy_ncii")
    wh.event(copy, "delisted", as_of - 3 * day, "bing")
    wh.event(second[0], "notice_sent", as_of - 5 * day, "google", "copyright")
    wh.event(second[0], "delisted", as_of - 4 * day, "bing")  # another engine: no
    wh.event(second[0], "reinstated", as_of - 2 * day)


def _read(
    read: Read, kinds: tuple[str, ...], con: Connection, client_id: int | None, **when: Any
) -> pd.DataFrame:
    kwargs: dict[str, Any] = {"client_id": client_id, "as_of": when["as_of"]}
    if "start" in kinds:
        kwargs["start"] = when["start"]
    if "weights" in kinds:
        kwargs.update(weights=SISTRIX, tz=when["tz"])
    if "theta" in kinds:
        kwargs["theta"] = 0.5
    return read(con, **kwargs)


def assert_same(engine: pd.DataFrame, baseline: pd.DataFrame) -> None:
    """Same columns in the same order, same rows; floats within ``TOLERANCE``."""
    assert list(baseline.columns) == list(engine.columns)
    assert len(baseline) == len(engine)
    for column in engine.columns:
        left, right = engine[column], baseline[column]
        if pd.api.types.is_float_dtype(left) or pd.api.types.is_float_dtype(right):
            a, b = left.to_numpy(dtype=float), right.to_numpy(dtype=float)
            assert np.array_equal(np.isnan(a), np.isnan(b)), column
            assert np.allclose(a, b, rtol=0.0, atol=TOLERANCE, equal_nan=True), column
        else:
            same = [(x is y) or (pd.isna(x) and pd.isna(y)) or x == y
                    for x, y in zip(left.tolist(), right.tolist(), strict=True)]  # fmt: skip
            assert all(same), (column, left[~np.array(same)].head(), right[~np.array(same)].head())


def _periods(warehouse: BenchWarehouse) -> list[dict[str, Any]]:
    end = warehouse.as_of
    return [
        {"start": None, "as_of": end, "tz": "UTC"},
        {"start": end - timedelta(days=3), "as_of": end - timedelta(hours=30),
         "tz": "Europe/Paris"},
    ]  # fmt: skip


@pytest.mark.parametrize("name", list(PAIRS))
@pytest.mark.parametrize("client_id", [1, None])
@pytest.mark.parametrize("which", ["tiny", "rescored", "varied"])
def test_the_baseline_returns_what_the_engine_returns(
    name: str, client_id: int | None, which: str, request: pytest.FixtureRequest
) -> None:
    warehouse: BenchWarehouse = request.getfixturevalue(which)
    engine_read, baseline_read, kinds = PAIRS[name]
    with open_warehouse(warehouse.path, read_only=True) as con:
        for when in _periods(warehouse):
            engine = _read(engine_read, kinds, con, client_id, **when)
            baseline = _read(baseline_read, kinds, con, client_id, **when)
            assert_same(engine, baseline)


def test_the_varied_warehouse_exercises_what_it_adds(
    tiny: BenchWarehouse, varied: BenchWarehouse
) -> None:
    """Guards the equality test itself: each added shape changes the answers."""

    def summary(warehouse: BenchWarehouse) -> pd.DataFrame:
        with open_warehouse(warehouse.path, read_only=True) as con:
            return load_baseline_exposure_summary(
                con, client_id=None, start=None, as_of=warehouse.as_of, weights=SISTRIX, tz="UTC"
            ).set_index("client_id")

    before, after = summary(tiny), summary(varied)
    assert after.loc[1, "owned_share"] > before.loc[1, "owned_share"]  # the foreign asset
    assert after.loc[1, "exposure"] != before.loc[1, "exposure"]  # page 2, v2 scores, labels
    assert after.loc[2, "unscored_snapshots"] == before.loc[2, "unscored_snapshots"] + 1
    with open_warehouse(varied.path, read_only=True) as con:
        excluded = load_baseline_funnel_exclusions(
            con, client_id=None, start=None, as_of=varied.as_of
        )
    assert (excluded["not_in_index"].sum(), excluded["duplicates"].sum()) == (1, 1)


def test_the_harmful_categories_are_the_models() -> None:
    assert frozenset(HARMFUL_CATEGORIES) == HARMFUL
