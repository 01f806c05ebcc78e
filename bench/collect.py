"""Collection throughput: does the fetch loop keep every worker busy, and in bounded memory?

A simulated provider answers every page after a fixed latency. With ``concurrency`` workers the
fastest possible collection takes ``queries x latency / concurrency`` (the latency-bound
ceiling); the loop's own overhead (rate limiter, retries bookkeeping, parsing, records) shows as
the ratio of the measured wall time to that ceiling. The rate limit is set high enough not to
bind, and the provider's side counts any second that saw more requests than the limit allows.
Everything runs in-process through ``collectors.http.simulated_transport``: no network, and no
httpx import outside collectors/.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
import tracemalloc
from dataclasses import dataclass
from datetime import UTC, datetime

from collectors.errors import ParseError
from collectors.serps import CollectTarget, SourceLimits, collect_serps
from collectors.simulate import SimulatedResponse, simulated_transport
from collectors.sources.base import (
    Engine,
    ParsedPage,
    ParsedResult,
    PayloadKind,
    SerpQuery,
    SourceRequest,
    SourceSettings,
)
from data.serp_store import SerpRunRecord

FULL_QUERIES = 10_000
QUICK_QUERIES = 1_000
LATENCY = 0.2
CONCURRENCY = 40
RATE = 10_000.0
TARGET_RATIO = 1.1
TARGET_PEAK_MB = 500.0


class SimulatedSource:
    """A JSON provider: ``{"organic": [{"url", "title", "snippet"}]}``, ten results a page."""

    name = "simulated"
    payload: PayloadKind = "json"
    engines: tuple[Engine, ...] = ("google",)

    def build_request(self, query: SerpQuery, settings: SourceSettings) -> SourceRequest:
        params = {"q": query.text, "page": str(query.page)}
        return SourceRequest("GET", "https://sim.invalid/search", params=params)

    def parse(self, body: bytes) -> ParsedPage:
        try:
            items = json.loads(body)["organic"]
        except (ValueError, KeyError, TypeError) as exc:
            raise ParseError(f"simulated: {type(exc).__name__}") from None
        return ParsedPage(
            tuple(
                ParsedResult(i, item["url"], item["title"], item["snippet"], "")
                for i, item in enumerate(items, start=1)
            )
        )


def _page_body(seed: int) -> bytes:
    organic = [
        {
            "url": f"https://site{(seed + i) % 997}.example/path/{seed}/{i}?utm_source=x",
            "title": f"Result {i} for query {seed}",
            "snippet": "A snippet of about a hundred characters, as search engines show them. " * 2,
        }
        for i in range(1, 11)
    ]
    return json.dumps({"organic": organic}).encode()


@dataclass
class CollectBench:
    """What one run measured (see ``as_row`` for the table)."""

    queries: int
    wall_s: float
    ceiling_s: float
    ratio: float
    ok_runs: int
    results: int
    rate_violations: int
    peak_requests_per_s: int
    tracemalloc_peak_mb: float
    maxrss_mb: float

    @property
    def passed(self) -> bool:
        return (
            self.ratio <= TARGET_RATIO
            and self.rate_violations == 0
            and self.ok_runs == self.queries
            and max(self.tracemalloc_peak_mb, self.maxrss_mb) < TARGET_PEAK_MB
        )


def count_rate_violations(
    arrivals: list[float], rate: float, window: float = 1.0
) -> tuple[int, int]:
    """(windows that saw more than ``rate x window`` requests, most requests in any window):
    what a provider enforcing "N requests per second" would count, over sliding windows."""
    ordered = sorted(arrivals)
    allowed = rate * window
    worst = violations = 0
    start = 0
    for end, t in enumerate(ordered):
        while ordered[start] <= t - window:
            start += 1
        inside = end - start + 1
        worst = max(worst, inside)
        violations += inside > allowed
    return violations, worst


@dataclass
class _Pass:
    wall: float
    runs: list[SerpRunRecord]
    arrivals: list[float]
    traced_peak: int


def _collect_pass(
    queries: int, latency: float, concurrency: int, rate: float, *, trace: bool
) -> _Pass:
    """One collection of ``queries`` one-page queries from the simulated provider."""
    bodies = [_page_body(seed) for seed in range(64)]
    arrivals: list[float] = []

    async def respond(method: str, url: str) -> SimulatedResponse:
        arrivals.append(time.perf_counter())
        await asyncio.sleep(latency)
        body = bodies[len(arrivals) % len(bodies)]
        return SimulatedResponse(200, body, {"content-type": "application/json"})

    targets = [CollectTarget(i, SerpQuery(f"brand leak {i}")) for i in range(1, queries + 1)]
    limits = SourceLimits(rate_per_second=rate, concurrency=concurrency, timeout_seconds=30)
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    runs = asyncio.run(
        collect_serps(
            targets,
            SimulatedSource(),
            SourceSettings(),
            limits,
            depth=10,
            slot_at=datetime(2026, 1, 1, tzinfo=UTC),
            transport=simulated_transport(respond),
        )
    )
    wall = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    return _Pass(wall, runs, arrivals, peak)


def run_collect_bench(
    queries: int, *, latency: float = LATENCY, concurrency: int = CONCURRENCY, rate: float = RATE
) -> CollectBench:
    """Time a collection against the latency-bound ceiling, then measure its memory.

    tracemalloc slows every allocation (by a quarter here), which would be charged to the loop,
    so the timed pass runs without it and a second pass, with no latency (memory is what the
    records retain, not how long they took), is traced.
    """
    timed = _collect_pass(queries, latency, concurrency, rate, trace=False)
    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # before tracemalloc's own
    maxrss_mb = maxrss_kb / (1024 * 1024) if sys.platform == "darwin" else maxrss_kb / 1024
    traced = _collect_pass(queries, 0.0, concurrency, rate, trace=True)
    ceiling = queries * latency / concurrency
    violations, worst = count_rate_violations(timed.arrivals, rate)
    return CollectBench(
        queries=queries,
        wall_s=round(timed.wall, 2),
        ceiling_s=round(ceiling, 2),
        ratio=round(timed.wall / ceiling, 3),
        ok_runs=sum(r.status == "ok" for r in timed.runs),
        results=sum(len(r.results) for r in timed.runs),
        rate_violations=violations,
        peak_requests_per_s=worst,
        tracemalloc_peak_mb=round(traced.traced_peak / (1024 * 1024), 1),
        maxrss_mb=round(maxrss_mb, 1),
    )
