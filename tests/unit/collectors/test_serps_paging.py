"""The collection loop: paging and positions, skips, concurrency, rate limit and cost."""

from __future__ import annotations

import asyncio
import time

import httpx

from collectors.http import RetryPolicy
from collectors.serps import CollectTarget, SourceLimits, plan_cost, plan_requests
from collectors.sources.base import SerpQuery, SourceSettings
from tests.unit.collectors.fakes import (
    SETTINGS,
    FakeSource,
    Recorder,
    collect,
    json_response,
    organic,
    page_body,
    page_of,
    serving,
    targets,
    urls,
)

# --- paging -----------------------------------------------------------------------------------


def test_pages_are_fetched_in_order_with_absolute_deduplicated_positions() -> None:
    page2 = ["https://site5.example/page?utm_source=x", *urls(11, 20)]  # site5 is on page 1
    handler = serving({1: urls(1, 11), 2: page2, 3: urls(20, 30)})
    runs = collect(handler, targets(1), depth=30)
    assert [page_of(r) for r in handler.requests] == [("acme leak 1", p) for p in (1, 2, 3)]
    assert [(r.page, r.status) for r in runs] == [(1, "ok"), (2, "ok"), (3, "ok")]
    assert organic(runs[1]) == list(enumerate(urls(11, 20), start=11))
    assert organic(runs[2]) == list(enumerate(urls(20, 30), start=20))


def test_a_short_page_is_the_end_of_the_results() -> None:
    handler = serving({1: urls(1, 11), 2: urls(11, 15)})
    runs = collect(handler, targets(1), depth=50)
    assert [(r.page, len(r.results)) for r in runs] == [(1, 10), (2, 4)]
    assert len(handler.requests) == 2


def test_a_failed_page_stops_its_query() -> None:
    async def answer(request: httpx.Request) -> httpx.Response:
        page = page_of(request)[1]
        return json_response(page_body(urls(1, 11)) if page == 1 else b"{", 200)

    handler = Recorder(answer)
    runs = collect(handler, targets(1), depth=50)
    assert [(r.page, r.status) for r in runs] == [(1, "ok"), (2, "failed")]
    assert len(handler.requests) == 2


def test_depth_rounds_up_to_whole_pages() -> None:
    handler = serving({1: urls(1, 11), 2: urls(11, 21)})
    runs = collect(handler, targets(1), depth=15)
    assert [r.page for r in runs] == [1, 2]


def test_stored_pages_are_skipped() -> None:
    handler = serving({1: urls(1, 11), 2: urls(11, 21), 3: urls(21, 31)})
    skip = frozenset({(1, 1), (2, 2)})
    runs = collect(handler, targets(3), depth=30, skip=skip)
    assert [(r.query_id, r.page) for r in runs] == [(2, 1), (3, 1), (3, 2), (3, 3)]
    asked = sorted(page_of(r) for r in handler.requests)
    assert ("acme leak 1", 1) not in asked and ("acme leak 2", 2) not in asked
    assert len(asked) == 4


def test_runs_come_back_in_target_then_page_order() -> None:
    async def answer(request: httpx.Request) -> httpx.Response:
        text, page = page_of(request)
        await asyncio.sleep(0.05 if text.endswith(" 1") else 0)  # query 1 finishes last
        return json_response(page_body(urls(page * 10 - 9, page * 10 + 1)))

    runs = collect(Recorder(answer), targets(3), depth=20)
    assert [(r.query_id, r.page) for r in runs] == [(q, p) for q in (1, 2, 3) for p in (1, 2)]


# --- limits ------------------------------------------------------------------------------------


def test_concurrency_is_never_exceeded() -> None:
    handler = serving({1: urls(1, 11), 2: urls(11, 21)})
    handler.delay = 0.01
    limits = SourceLimits(rate_per_second=10_000, concurrency=5, timeout_seconds=5)
    runs = collect(handler, targets(40), depth=20, limits=limits)
    assert len(runs) == 80
    assert handler.peak == 5


def test_every_request_goes_through_the_rate_limit() -> None:
    starts: list[float] = []

    async def answer(request: httpx.Request) -> httpx.Response:
        starts.append(time.monotonic())
        return json_response(b"", 503) if len(starts) % 3 == 1 else json_response(page_body([]))

    limits = SourceLimits(rate_per_second=100, concurrency=20, timeout_seconds=5)
    collect(Recorder(answer), targets(20), limits=limits, policy=RetryPolicy(base_delay=0))
    assert len(starts) > 20  # retries included
    # At 100 requests/s, any 11 consecutive requests span at least 0.1 s. Spans rather than
    # single gaps: a loaded machine can delay one arrival at the handler by a few ms (which
    # shortens the next gap) but can never make requests arrive faster than they were let out.
    spans = [starts[i + 10] - starts[i] for i in range(len(starts) - 10)]
    assert min(spans) >= 0.1 - 0.02


# --- cost -----------------------------------------------------------------------------------


def test_plan_requests_and_plan_cost_count_every_page_that_could_be_asked_for() -> None:
    source = FakeSource(cost=lambda page: 0.5 * page)
    tgts = targets(4)
    assert plan_requests(tgts, depth=30) == 12
    assert plan_requests(tgts, depth=25, page_size=25) == 4
    assert plan_cost(source, tgts, SETTINGS, depth=30) == 4 * (0.5 + 1.0 + 1.5)
    assert plan_cost(source, tgts, SourceSettings(), depth=30) == 0.0  # nothing can be sent


def test_plan_cost_follows_the_query_page_size() -> None:
    tgts = [CollectTarget(1, SerpQuery("x", page_size=100))]
    assert plan_cost(FakeSource(), tgts, SETTINGS, depth=100) == 1.0


def test_a_collection_spends_what_was_answered() -> None:
    handler = serving({1: urls(1, 11), 2: urls(11, 14)})
    runs = collect(handler, targets(2), depth=50, source=FakeSource(cost=lambda p: 2.0))
    assert sum(r.cost_units for r in runs) == 8.0
    assert plan_cost(FakeSource(cost=lambda p: 2.0), targets(2), SETTINGS, depth=50) == 20.0
