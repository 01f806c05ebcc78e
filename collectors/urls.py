"""The leak-URL monitor: one polite, SSRF-guarded look at a URL, classified.

A check answers one question, "is the content still there?", as one of four states:

- ``removed``: 404, 410 or 451; a 2xx page whose visible text says the content is gone
  (``collectors.soft404``); a redirect to the site's home page; an empty 2xx body.
- ``live``: any other 2xx page.
- ``unknown``: timeouts, DNS failures, dropped connections, 5xx, 401/403/429 and other 4xx, too
  many redirects. Never counted as removed: a flaky host must not close a case.
- ``refused``: the SSRF guard (``collectors.ssrf``) would not fetch the URL or a redirect hop.

One check is not an event: confirming a removal with a second check later is done elsewhere,
from stored checks. Every request goes to the address the guard vetted, with the real name in
``Host`` and in TLS SNI (so certificates are still verified against the name); redirects are
followed by hand and re-vetted at every hop; the body is streamed with a size cap and the whole
check runs under one deadline, so a server dripping bytes cannot hold a worker. Nothing of the
body is kept but its SHA-256 and size, and logs name a URL only through ``redact_url``.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import urljoin

import httpx

from collectors.http import MIB, build_async_client
from collectors.normalize import normalize_url, registrable_domain
from collectors.privacy import redact_url
from collectors.ratelimit import RateLimiter
from collectors.ssrf import (
    HostResolutionError,
    Resolver,
    SsrfPolicy,
    SystemResolver,
    UrlRefusedError,
    vet_url,
)
from collectors.url_fetch import (
    BadLocationError,
    classify_answer,
    fetch_target,
    is_home_redirect,
)
from data.leak_records import CheckState

logger = logging.getLogger("serpshield.collectors.urls")
Gate = Callable[[], Awaitable[None]]


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class MonitorPolicy:
    """Politeness and safety limits of the monitor. ``per_host_*`` apply per registrable
    domain (a file host's many subdomains are one site to be polite to)."""

    per_host_concurrency: int = 2
    per_host_delay: float = 1.0  # seconds between request starts on one site
    max_redirects: int = 5
    max_bytes: int = 2 * MIB
    deadline: float = 20.0  # seconds for the whole check, redirects and body included
    max_concurrency: int = 16  # checks in flight across all sites
    ssrf: SsrfPolicy = field(default_factory=SsrfPolicy)

    def __post_init__(self) -> None:
        if min(self.per_host_concurrency, self.max_concurrency, self.max_bytes) < 1:
            raise ValueError("concurrency limits and max_bytes must be >= 1")
        if self.per_host_delay < 0 or self.max_redirects < 0 or self.deadline <= 0:
            raise ValueError("per_host_delay and max_redirects must be >= 0, deadline > 0")


@dataclass(frozen=True)
class UrlCheck:
    """One look at a URL. ``final_url`` is the last URL requested (after redirects; the home
    page for a redirect-to-home), ``None`` when no request was sent. No body is kept."""

    state: CheckState
    http_status: int | None
    final_url: str | None
    reason: str
    content_sha256: str | None
    size_bytes: int | None
    latency_ms: float | None
    checked_at: datetime

    def as_json(self) -> dict[str, object]:
        """The part shown to people and APIs (hashes and timings stay in the warehouse)."""
        return {
            "state": self.state,
            "http_status": self.http_status,
            "final_url": self.final_url,
            "reason": self.reason,
        }


@dataclass
class _Trace:
    """What a check learnt so far, so a failure mid-way still reports status and URL."""

    checked_at: datetime
    hops: int = 0
    final_url: str | None = None
    status: int | None = None
    spent: float = 0.0  # seconds in requests, politeness waits excluded
    body: bytes | None = None

    def saw(self, status: int) -> None:
        self.status = status

    def result(self, state: CheckState, reason: str) -> UrlCheck:
        requested = self.final_url is not None
        return UrlCheck(
            state=state,
            http_status=self.status,
            final_url=self.final_url,
            reason=reason,
            content_sha256=None if self.body is None else hashlib.sha256(self.body).hexdigest(),
            size_bytes=None if self.body is None else len(self.body),
            latency_ms=round(self.spent * 1000, 1) if requested else None,
            checked_at=self.checked_at,
        )


async def _wait_turn(gate: Gate | None, timer: asyncio.Timeout) -> None:
    """Politeness waits do not eat into the check's deadline: it is pushed back by the wait."""
    if gate is None:
        return
    loop = asyncio.get_running_loop()
    started = loop.time()
    await gate()
    when = timer.when()
    if when is not None:
        timer.reschedule(when + loop.time() - started)


async def _follow(
    client: httpx.AsyncClient,
    url: str,
    policy: MonitorPolicy,
    resolver: Resolver,
    gate: Gate | None,
    timer: asyncio.Timeout,
    trace: _Trace,
) -> UrlCheck:
    """Vet, wait for the site's turn, fetch; again for each redirect hop. Raises what
    ``_check`` turns into states."""
    current = url
    while True:
        target = await vet_url(current, policy.ssrf, resolver)
        await _wait_turn(gate, timer)
        trace.final_url = target.url
        started = time.monotonic()
        try:
            answer = await fetch_target(client, target, policy.max_bytes, trace.saw)
        finally:
            trace.spent += time.monotonic() - started
        trace.status = answer.status
        if answer.location is None:
            trace.body = answer.body
            return trace.result(*classify_answer(answer, target.url, policy.max_bytes))
        try:
            following = urljoin(target.url, answer.location.strip())
        except ValueError:  # "http://[::1" and the like
            raise BadLocationError from None
        if is_home_redirect(following, url):
            trace.final_url = normalize_url(following)
            return trace.result("removed", f"HTTP {answer.status} redirect to the home page")
        if trace.hops >= policy.max_redirects:
            return trace.result("unknown", f"too many redirects (more than {policy.max_redirects})")
        trace.hops += 1
        current = following


async def _check(
    client: httpx.AsyncClient,
    url: str,
    policy: MonitorPolicy,
    resolver: Resolver,
    gate: Gate | None,
    now: Callable[[], datetime],
) -> UrlCheck:
    """Never raises: every failure is a state with a reason (``unknown`` unless refused)."""
    trace = _Trace(checked_at=now())
    try:
        async with asyncio.timeout(policy.deadline) as timer:
            check = await _follow(client, url, policy, resolver, gate, timer, trace)
    except UrlRefusedError as exc:
        # After an answer (or a Location httpx could not parse), it is a redirect that was refused.
        hop = trace.status is not None or isinstance(exc, BadLocationError)
        check = trace.result("refused", f"redirect refused: {exc.reason}" if hop else exc.reason)
    except HostResolutionError as exc:
        check = trace.result("unknown", str(exc))
    except (TimeoutError, httpx.TimeoutException):
        check = trace.result("unknown", f"timed out after {policy.deadline:g} s")
    except httpx.ConnectError:
        check = trace.result("unknown", "connection failed (refused, unreachable or TLS error)")
    except (httpx.ReadError, httpx.WriteError, httpx.CloseError, httpx.RemoteProtocolError):
        check = trace.result("unknown", "connection reset or closed by the server")
    except httpx.HTTPError as exc:
        check = trace.result("unknown", f"request failed ({type(exc).__name__})")
    except Exception as exc:  # a bug must not stop a batch; it is logged and reported unknown
        logger.exception("check of %s failed unexpectedly", redact_url(url))
        check = trace.result("unknown", f"internal error ({type(exc).__name__})")
    logger.info("checked %s: %s (%s)", redact_url(url), check.state, check.reason)
    return check


def _client(policy: MonitorPolicy, transport: httpx.AsyncBaseTransport | None) -> httpx.AsyncClient:
    """No kept-alive connections (see ``build_async_client``) and no cookies: one leak URL's
    host must not learn anything from another check, and cookies would be keyed by IP."""
    client = build_async_client(
        timeout=policy.deadline,
        max_connections=policy.max_concurrency,
        transport=transport,
        max_keepalive_connections=0,
    )
    client.cookies.jar.set_policy(DefaultCookiePolicy(allowed_domains=[]))
    return client


async def check_url(
    url: str,
    policy: MonitorPolicy | None = None,
    *,
    resolver: Resolver | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    now: Callable[[], datetime] = _utc_now,
) -> UrlCheck:
    """Check one URL now (no politeness gate: ``check_urls`` is for batches)."""
    policy = policy or MonitorPolicy()
    async with _client(policy, transport) as client:
        return await _check(client, url, policy, resolver or SystemResolver(), None, now)


class _SiteGate:
    """At most ``per_host_concurrency`` checks of one site at once, request starts at least
    ``per_host_delay`` apart (redirect hops included)."""

    def __init__(self, policy: MonitorPolicy) -> None:
        self.slots = asyncio.Semaphore(policy.per_host_concurrency)
        delay = policy.per_host_delay
        self._limiter = RateLimiter(1.0 / delay) if delay > 0 else None

    async def turn(self) -> None:
        if self._limiter is not None:
            await self._limiter.acquire()


async def check_urls(
    urls: Sequence[tuple[int, str]],
    policy: MonitorPolicy | None = None,
    *,
    resolver: Resolver | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    now: Callable[[], datetime] = _utc_now,
) -> list[tuple[int, UrlCheck]]:
    """Check ``(leak_url_id, url)`` pairs politely; results in input order. A check waits for
    its site's slot before taking one of the ``max_concurrency`` global slots, so a site with
    many URLs queues on its own without holding workers other sites could use."""
    policy = policy or MonitorPolicy()
    resolver = resolver or SystemResolver()
    overall = asyncio.Semaphore(policy.max_concurrency)
    sites: dict[str, _SiteGate] = {}

    async with _client(policy, transport) as client:

        async def one(url_id: int, url: str) -> tuple[int, UrlCheck]:
            key = registrable_domain(url) or "?"
            site = sites[key] if key in sites else sites.setdefault(key, _SiteGate(policy))
            async with site.slots, overall:
                return url_id, await _check(client, url, policy, resolver, site.turn, now)

        return list(await asyncio.gather(*(one(url_id, url) for url_id, url in urls)))
