"""A tiny source and server helpers, so the fetch-loop tests do not depend on real sources."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta

import httpx

from collectors.errors import BlockedError, ParseError
from collectors.http import RetryPolicy
from collectors.normalize import registrable_domain
from collectors.serps import CollectTarget, SourceLimits, collect_serps
from collectors.sources.base import (
    Engine,
    FetchableSource,
    ParsedPage,
    ParsedResult,
    PayloadKind,
    SerpQuery,
    SourceRequest,
    SourceSettings,
)
from data.serp_store import SerpRunRecord

SECRET = "SENTINEL-KEY-7f3a9c"
SETTINGS = SourceSettings(api_key=SECRET)
SLOT = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
Handler = Callable[[httpx.Request], Awaitable[httpx.Response]]


class FakeSource:
    """JSON ``{"organic": [{"url", "title"}], "blocks": [...], "captcha": bool}``; the key goes in
    a header and in the query string (as some real providers want it)."""

    payload: PayloadKind = "json"
    engines: tuple[Engine, ...] = ("google",)

    def __init__(self, name: str = "fake", cost: Callable[[int], float] = lambda page: 1.0):
        self.name = name
        self.cost = cost

    def build_request(self, query: SerpQuery, settings: SourceSettings) -> SourceRequest:
        if not settings.api_key:
            raise ValueError(f"{self.name}: the API key is not set (environment FAKE_API_KEY)")
        return SourceRequest(
            method="GET",
            url="https://api.fake.test/search",
            params={"q": query.text, "page": str(query.page), "api_key": settings.api_key},
            headers={"X-Api-Key": settings.api_key},
            cost_units=self.cost(query.page),
        )

    def parse(self, body: bytes) -> ParsedPage:
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise ParseError(f"{self.name}: not JSON ({type(exc).__name__})") from None
        if data.get("captcha"):
            raise BlockedError(f"{self.name}: captcha")
        organic = tuple(
            ParsedResult(i, r["url"], r["title"], "", registrable_domain(r["url"]))
            for i, r in enumerate(data.get("organic", []), start=1)
        )
        blocks = tuple(
            ParsedResult(i, b["url"], b["title"], "", "", b["type"])
            for i, b in enumerate(data.get("blocks", []), start=1)
        )
        return ParsedPage(organic, blocks)


def page_body(urls: Sequence[str], **extra: object) -> bytes:
    """A fake provider answer listing ``urls`` as organic results."""
    organic = [{"url": u, "title": f"title of {u}"} for u in urls]
    return json.dumps({"organic": organic, **extra}).encode()


def urls(start: int, stop: int) -> list[str]:
    return [f"https://site{i}.example/page" for i in range(start, stop)]


def json_response(body: bytes, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(
        status, content=body, headers={"content-type": "application/json", **headers}
    )


def targets(n: int, text: str = "acme leak") -> list[CollectTarget]:
    return [CollectTarget(i, SerpQuery(f"{text} {i}")) for i in range(1, n + 1)]


def page_of(request: httpx.Request) -> tuple[str, int]:
    return request.url.params["q"], int(request.url.params["page"])


class Recorder:
    """A MockTransport handler that counts requests (and requests in flight)."""

    def __init__(self, answer: Handler, delay: float = 0.0) -> None:
        self.answer = answer
        self.delay = delay
        self.requests: list[httpx.Request] = []
        self.in_flight = 0
        self.peak = 0

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
            return await self.answer(request)
        finally:
            self.in_flight -= 1

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


async def drip(n: int = 1000, every: float = 0.2) -> AsyncIterator[bytes]:
    """A server that sends one byte every ``every`` seconds."""
    for _ in range(n):
        await asyncio.sleep(every)
        yield b" "


class FakeNow:
    """A wall clock that moves one second per reading, so timestamps are distinct."""

    def __init__(self) -> None:
        self.t = SLOT

    def __call__(self) -> datetime:
        self.t += timedelta(seconds=1)
        return self.t


class SleepRecorder:
    """Stands in for asyncio.sleep in retry tests: records the delays, waits for nothing."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


LIMITS = SourceLimits(rate_per_second=1000, concurrency=4, timeout_seconds=5)
FAST = RetryPolicy(base_delay=0.001, max_delay=0.01)


def collect(
    handler: Recorder,
    tgts: Sequence[CollectTarget],
    *,
    depth: int = 10,
    source: FetchableSource | None = None,
    settings: SourceSettings = SETTINGS,
    limits: SourceLimits = LIMITS,
    skip: frozenset[tuple[int, int]] = frozenset(),
    policy: RetryPolicy = FAST,
    seen: list[SerpRunRecord] | None = None,
) -> list[SerpRunRecord]:
    return asyncio.run(
        collect_serps(
            tgts, source or FakeSource(), settings, limits, depth=depth, slot_at=SLOT, skip=skip,
            transport=handler.transport, policy=policy, now=FakeNow(),
            on_run=seen.append if seen is not None else None,
        )
    )  # fmt: skip


def always(response: httpx.Response) -> Recorder:
    async def answer(request: httpx.Request) -> httpx.Response:
        return response

    return Recorder(answer)


def serving(pages: dict[int, list[str]], **extra: object) -> Recorder:
    """Every query gets ``pages[page]`` as organic results (an empty list past the end)."""

    async def answer(request: httpx.Request) -> httpx.Response:
        return json_response(page_body(pages.get(page_of(request)[1], []), **extra))

    return Recorder(answer)


def organic(run: SerpRunRecord) -> list[tuple[int, str]]:
    return [(r.position, r.url) for r in run.results if r.result_type == "organic"]
