"""The one fetch -> parse -> hand-over loop for every search-results source.

Sources are pure pairs (``build_request``, ``parse``); this loop does the rest once for all: pages
in order with early stop, bounded concurrency, one rate limit per source, retries, and a
``SerpRunRecord`` for every page tried, failures included, so a failure is stored as a failure,
never as a ranking. It never writes to the warehouse: the caller buffers and writes in one batch.
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
import re
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial

import httpx

from collectors.errors import BlockedError, ParseError
from collectors.http import (
    HttpFetchError,
    RetryPolicy,
    build_async_client,
    fetch_with_retries,
    request_host,
)
from collectors.ratelimit import RateLimiter
from collectors.results import page_records
from collectors.sources.base import (
    FetchableSource,
    SerpQuery,
    SourceSettings,
)
from data.serp_store import SerpRunRecord

logger = logging.getLogger("serpshield.collectors")
PAGE_SIZE = 10
_UTC_NOW = partial(datetime.now, UTC)
AUTH_REFUSED = "authentication refused (HTTP {status}): check the key named in the config"
SEARXNG_JSON_REFUSED = (
    "SearXNG refused the JSON format (HTTP 403): enable json in search.formats of settings.yml"
)


@dataclass(frozen=True)
class CollectTarget:
    """A tracked query to collect, with the warehouse id its runs are stored under."""

    query_id: int
    query: SerpQuery


@dataclass(frozen=True)
class SourceLimits:
    """How hard one source may be pushed: requests/s, queries in flight, seconds per attempt."""

    rate_per_second: float
    concurrency: int
    timeout_seconds: float

    def __post_init__(self) -> None:
        if self.rate_per_second <= 0 or self.concurrency < 1 or self.timeout_seconds <= 0:
            raise ValueError("rate_per_second, concurrency and timeout_seconds must be positive")


def page_size_for(source: FetchableSource, depth: int) -> int:
    """Results asked per request: the whole depth at once for sources without paging
    (``depth_in_one_request``, e.g. DataForSEO live), else pages of ``PAGE_SIZE``."""
    return depth if getattr(source, "depth_in_one_request", False) else PAGE_SIZE


def pages_for(depth: int, page_size: int = PAGE_SIZE) -> int:
    """Pages needed to see ``depth`` results."""
    if depth < 1 or page_size < 1:
        raise ValueError("depth and page_size must be >= 1")
    return math.ceil(depth / page_size)


def plan_requests(targets: Sequence[CollectTarget], depth: int, page_size: int = PAGE_SIZE) -> int:
    """The most requests a collection can send (before retries and early stops)."""
    return len(targets) * pages_for(depth, page_size)


def plan_cost(
    source: FetchableSource, targets: Sequence[CollectTarget], settings: SourceSettings, depth: int
) -> float:
    """The most cost units a collection can spend, summed over every page it could request,
    for the budget check made before anything is spent. Pure: builds requests, sends none.
    A page whose request cannot be built (missing key) costs nothing: it will not be sent."""
    total = 0.0
    for target in targets:
        for page in range(1, pages_for(depth, target.query.page_size) + 1):
            with suppress(ValueError):  # a request that cannot be built is never sent
                total += source.build_request(replace(target.query, page=page), settings).cost_units
    return total


@dataclass(frozen=True)
class _Context:
    """What every page of one collection shares."""

    source: FetchableSource
    settings: SourceSettings
    client: httpx.AsyncClient
    limiter: RateLimiter
    gate: asyncio.Semaphore  # queries in flight
    policy: RetryPolicy
    rng: random.Random
    timeout: float
    slot_at: datetime
    skip: frozenset[tuple[int, int]]
    now: Callable[[], datetime]
    on_run: Callable[[SerpRunRecord], None]
    secrets: re.Pattern[str]  # see _secret_pattern


async def collect_serps(
    targets: Sequence[CollectTarget],
    source: FetchableSource,
    settings: SourceSettings,
    limits: SourceLimits,
    *,
    depth: int,
    slot_at: datetime,
    skip: frozenset[tuple[int, int]] = frozenset(),
    transport: httpx.AsyncBaseTransport | None = None,
    policy: RetryPolicy = RetryPolicy(),  # noqa: B008 (frozen, so sharing the default is safe)
    rng: random.Random | None = None,
    now: Callable[[], datetime] = _UTC_NOW,
    on_run: Callable[[SerpRunRecord], None] | None = None,
) -> list[SerpRunRecord]:
    """Collect ``depth`` results of every target from ``source`` for one slot.

    Returns one run per page tried, in target then page order. ``skip`` holds the (query_id,
    page) pairs already stored for this slot: a query whose page 1 is stored is skipped whole
    (later pages' positions depend on page 1), and a query stops before any other stored page.
    ``on_run`` is called as each run finishes (progress display).
    """
    pages = [pages_for(depth, t.query.page_size) for t in targets]
    runs: list[list[SerpRunRecord]] = [[] for _ in targets]
    async with build_async_client(
        timeout=limits.timeout_seconds, max_connections=limits.concurrency, transport=transport
    ) as client:
        ctx = _Context(
            source=source,
            settings=settings,
            client=client,
            limiter=RateLimiter(limits.rate_per_second),
            gate=asyncio.Semaphore(limits.concurrency),
            policy=policy,
            rng=rng or random.Random(),  # noqa: S311 (jitter, not cryptography)
            timeout=limits.timeout_seconds,
            slot_at=slot_at,
            skip=skip,
            now=now,
            on_run=on_run or (lambda run: None),
            secrets=_secret_pattern(settings),
        )
        async with asyncio.TaskGroup() as group:
            for target, n_pages, out in zip(targets, pages, runs, strict=True):
                if (target.query_id, 1) not in skip:
                    group.create_task(_collect_query(ctx, target, n_pages, out))
    return [run for query_runs in runs for run in query_runs]


async def _collect_query(
    ctx: _Context, target: CollectTarget, n_pages: int, out: list[SerpRunRecord]
) -> None:
    """Pages of one query in order: page N+1 only after page N came back full and ok."""
    seen: set[str] = set()
    position = 0
    async with ctx.gate:
        for page in range(1, n_pages + 1):
            if (target.query_id, page) in ctx.skip:
                return
            run, organic, position = await _collect_page(ctx, target, page, seen, position)
            out.append(run)
            ctx.on_run(run)
            if run.status != "ok" or organic < target.query.page_size:
                return


async def _collect_page(
    ctx: _Context, target: CollectTarget, page: int, seen: set[str], position: int
) -> tuple[SerpRunRecord, int, int]:
    """One page: (its run, the organic count the parser saw, the last absolute position)."""
    # query_id, source, page, slot_at, requested_at, fetched_at, status: refined below
    run = SerpRunRecord(
        target.query_id, ctx.source.name, page, ctx.slot_at, ctx.now(), None, "failed"
    )
    try:
        request = ctx.source.build_request(replace(target.query, page=page), ctx.settings)
    except ValueError as exc:  # missing setting: nothing is sent, nothing is spent
        return replace(run, error=ctx.secrets.sub("[redacted]", str(exc))), 0, position
    requested = [run.requested_at]  # when the first attempt really starts (after the limiter)

    async def before_attempt(attempt: int) -> None:
        await ctx.limiter.acquire()
        if attempt == 1:
            requested[0] = ctx.now()

    try:
        result = await fetch_with_retries(
            ctx.client,
            request,
            ctx.policy,
            attempt_timeout=ctx.timeout,
            rng=ctx.rng,
            source=ctx.source.name,
            before_attempt=before_attempt,
        )
    except HttpFetchError as exc:  # the provider charges for what it answered, even a 503
        failed = replace(
            run,
            requested_at=requested[0],
            error=str(exc),
            http_status=exc.status_code,
            attempts=max(1, exc.attempts),
            cost_units=request.cost_units if exc.status_code is not None else 0.0,
        )
        return failed, 0, position
    run = replace(
        run,
        requested_at=requested[0],
        fetched_at=ctx.now(),
        http_status=result.status_code,
        attempts=result.attempts,
        cost_units=request.cost_units,
    )
    refusal = _refusal(ctx.source.name, result.status_code)
    if refusal is not None:  # the body of a refusal may echo the key: not kept
        run = replace(run, error=refusal)
    else:
        payload = re.sub(ctx.secrets.pattern.encode(), b"[redacted]", result.body)
        run = replace(run, payload=payload, content_type=result.content_type)
        try:
            parsed = ctx.source.parse(result.body)
        except BlockedError as exc:
            run = replace(run, status="blocked", error=ctx.secrets.sub("[redacted]", str(exc)))
        except ParseError as exc:
            run = replace(run, error=ctx.secrets.sub("[redacted]", f"parse error: {exc}"))
        except Exception as exc:  # a parser bug must not cancel the other queries
            run = replace(run, error=f"parse error: unexpected {type(exc).__name__} in the parser")
        else:
            results, position = page_records(parsed, seen, position)
            status = "ok" if parsed.organic else "empty"
            return replace(run, status=status, results=results), len(parsed.organic), position
    # source, host and status only: error texts may quote the provider, URLs may carry keys
    logger.warning(
        "source=%s host=%s status=%s page=%d: %s",
        *(run.source, request_host(request), run.http_status, run.page, run.status),
    )
    return run, 0, position


def _refusal(source: str, status: int) -> str | None:
    """Why a non-2xx final answer is not a results page (``None`` for a 2xx)."""
    if 200 <= status <= 299:
        return None
    if source == "searxng" and status == 403:
        return SEARXNG_JSON_REFUSED
    return AUTH_REFUSED.format(status=status) if status in (401, 403) else f"HTTP {status}"


def _secret_pattern(settings: SourceSettings) -> re.Pattern[str]:
    """Matches the key and password, so a provider that echoes them in its answer or its error
    text does not get them archived or shown. ``(?!)`` never matches (no secrets set)."""
    values = sorted((s for s in (settings.api_key, settings.password) if s), key=len, reverse=True)
    return re.compile("|".join(re.escape(s) for s in values) or "(?!)")
