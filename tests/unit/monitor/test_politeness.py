"""Per-site politeness in ``check_urls``: at most two requests at once per site, starts spaced by
the per-host delay, a global bound on checks in flight, results in input order."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import defaultdict
from dataclasses import dataclass, field

import httpx

from collectors.normalize import registrable_domain
from collectors.urls import MonitorPolicy, UrlCheck, check_urls
from tests.unit.monitor.fakes import FakeResolver

DELAY = 0.05
WORK = 0.12  # seconds each fake request takes: longer than DELAY, so requests overlap


@dataclass
class InFlight:
    """Counts requests in flight per site and overall, and when each request started."""

    now: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    peak: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: int = 0
    total_peak: int = 0
    starts: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    async def handle(self, request: httpx.Request) -> httpx.Response:
        site = registrable_domain(request.headers["host"])
        self.starts[site].append(time.monotonic())
        self.now[site] += 1
        self.total += 1
        self.peak[site] = max(self.peak[site], self.now[site])
        self.total_peak = max(self.total_peak, self.total)
        try:
            await asyncio.sleep(WORK)
        finally:
            self.now[site] -= 1
            self.total -= 1
        if request.url.path == "/hop":
            return httpx.Response(302, headers={"Location": "/page"})
        return httpx.Response(200, html="<p>still here</p>")


def run(urls: list[tuple[int, str]], policy: MonitorPolicy, meter: InFlight) -> list:
    transport = httpx.MockTransport(meter.handle)
    return asyncio.run(check_urls(urls, policy, resolver=FakeResolver(), transport=transport))


def test_two_at_a_time_per_site_with_the_delay_between_starts() -> None:
    sites = ("files.example", "forum.example", "blog.example")
    # Subdomains count as their site; the /hop URLs add a redirect hop that is gated too.
    urls = [
        (n, f"https://cdn{n % 3}.{site}/{'hop' if n % 4 == 0 else 'page'}?n={n}")
        for n, site in enumerate(sites * 6)
    ]
    meter = InFlight()
    results = run(urls, MonitorPolicy(per_host_delay=DELAY, deadline=10.0), meter)

    assert [url_id for url_id, _ in results] == [url_id for url_id, _ in urls]
    assert all(isinstance(check, UrlCheck) and check.state == "live" for _, check in results)
    assert set(meter.peak) == set(sites)
    assert max(meter.peak.values()) == 2, meter.peak  # the limit is reached, never passed
    for site, starts in meter.starts.items():
        gaps = [b - a for a, b in itertools.pairwise(starts)]
        assert min(gaps) >= DELAY * 0.9, (site, gaps)


def test_the_global_bound_holds_across_sites() -> None:
    urls = [(n, f"http://site{n}.example/page") for n in range(12)]
    meter = InFlight()
    run(urls, MonitorPolicy(per_host_delay=0.0, max_concurrency=3, deadline=10.0), meter)
    assert meter.total_peak == 3


def test_politeness_waits_do_not_count_against_the_deadline() -> None:
    """Six URLs of one site, two at a time with 0.3 s between starts: the last one waits
    longer than the deadline in the queue, yet its own check is not timed out."""
    urls = [(n, f"http://slow.example/page{n}") for n in range(6)]
    meter = InFlight()
    results = run(urls, MonitorPolicy(per_host_delay=0.3, deadline=0.6), meter)
    assert [check.state for _, check in results] == ["live"] * 6
