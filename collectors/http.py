"""The one place httpx clients are built and requests are retried.

Every collector goes through ``build_async_client`` so timeouts, connection limits and
redirects are decided once; the leak-URL monitor adds its SSRF guard on top (``ssrf.py`` vets
every address before ``url_fetch.py`` connects to it). ``fetch_with_retries`` is the retry
policy written once: 429 and 5xx answers, timeouts and dropped connections are retried with
capped, jittered backoff (or the server's Retry-After), and each attempt, body included, runs
under one deadline, so a server that drips bytes cannot hold a worker. API keys travel in
headers or query strings, so nothing here logs or raises a header value or a query string:
only the source, host and status.
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit

import httpx

from collectors.errors import FetchError
from collectors.sources.base import SourceRequest

logger = logging.getLogger("serpshield.collectors")
MIB = 1024 * 1024


def _user_agent() -> str:
    """From the installed distribution: collectors must not import the serpshield front door."""
    try:
        return f"serpshield/{version('serpshield')}"
    except PackageNotFoundError:
        return "serpshield/0+unknown"


def _utc_now() -> datetime:
    return datetime.now(UTC)


USER_AGENT = _user_agent()


# What callers outside collectors/ pass to inject a network (tests, the demo simulator), without
# importing httpx themselves.
Transport = httpx.AsyncBaseTransport


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry; ``max_delay`` caps backoff and Retry-After alike."""

    max_attempts: int = 3
    base_delay: float = 0.5
    max_delay: float = 30.0
    max_bytes: int = 10 * MIB
    deadline: float = 120.0  # whole request: attempts and waits between them

    def __post_init__(self) -> None:
        if self.max_attempts < 1 or self.max_bytes < 1 or min(self.base_delay, self.max_delay) < 0:
            raise ValueError("max_attempts and max_bytes must be >= 1, delays >= 0")
        if self.deadline <= 0:
            raise ValueError("deadline must be > 0")


@dataclass(frozen=True)
class FetchResult:
    """A final answer (2xx, 3xx or a non-retryable 4xx): the loop decides what it means."""

    status_code: int
    body: bytes = field(repr=False)
    content_type: str | None
    attempts: int
    elapsed: float  # seconds, all attempts and waits included


class HttpFetchError(FetchError):
    """A fetch that gave up. ``status_code`` is the last HTTP status received in any attempt
    (``None`` if no response ever came back), so callers know whether the provider answered."""

    def __init__(self, message: str, *, attempts: int, status_code: int | None) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.status_code = status_code


def build_async_client(
    *,
    timeout: float,
    max_connections: int = 10,
    transport: httpx.AsyncBaseTransport | None = None,
    max_keepalive_connections: int | None = None,
) -> httpx.AsyncClient:
    """The client every collector uses. No redirects (a redirect is an answer to record, and
    following one could leave the provider), no proxy or .netrc from the environment (a
    collector's traffic must not depend on the shell it was started from).

    ``max_keepalive_connections`` defaults to ``max_connections``; the URL monitor passes 0
    because it dials vetted IP addresses, and httpcore pools connections by (scheme, IP, port):
    a kept-alive TLS connection verified for one host name would be reused for another name
    on the same address without its certificate being checked."""
    keepalive = max_connections if max_keepalive_connections is None else max_keepalive_connections
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT},
        timeout=httpx.Timeout(timeout),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=keepalive),
        follow_redirects=False,
        trust_env=False,
        transport=transport,
    )


def parse_retry_after(value: str, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After value: delta-seconds or an HTTP-date. A date in the
    past or a negative number gives 0; anything unreadable gives ``None`` (use backoff)."""
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    # A naive date ("-0000" zone, RFC 5322) and a naive ``now`` are both read as UTC.
    when, now = (d if d.tzinfo else d.replace(tzinfo=UTC) for d in (when, now))
    return max(0.0, (when - now).total_seconds())


def backoff_delay(
    policy: RetryPolicy, retry: int, rng: random.Random, retry_after: float | None = None
) -> float:
    """Wait before retry number ``retry`` (0-based): the server's Retry-After when it gave one,
    else full jitter (spreads many workers' retries instead of synchronising them); both
    capped at ``policy.max_delay``."""
    if retry_after is not None:
        return min(policy.max_delay, retry_after)
    return rng.uniform(0.0, min(policy.max_delay, policy.base_delay * 2.0**retry))


def request_host(request: SourceRequest) -> str:
    """The host of a request, the only part of its URL that may be logged."""
    try:
        return urlsplit(request.url).hostname or "?"
    except ValueError:
        return "?"


class _TooLargeError(Exception):
    """The body went over ``max_bytes``: not retried, the answer would be as large again."""


class _Seen:
    """What an attempt learnt before it was cut short (the status arrives before the body)."""

    status: int | None = None


@dataclass(frozen=True)
class _Answer:
    status: int
    body: bytes
    content_type: str | None
    retry_after: str | None


def _retryable(status: int) -> bool:
    return status == 429 or 500 <= status <= 599


async def _attempt(
    client: httpx.AsyncClient, request: SourceRequest, max_bytes: int, seen: _Seen
) -> _Answer:
    """One request and its whole body, streamed so an oversized body is refused early."""
    async with client.stream(
        request.method,
        request.url,
        params=dict(request.params) or None,
        headers=dict(request.headers),
        json=request.json_body,
    ) as response:
        seen.status = response.status_code
        content_type = response.headers.get("content-type")
        if _retryable(response.status_code):
            return _Answer(
                response.status_code, b"", content_type, response.headers.get("retry-after")
            )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise _TooLargeError
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():  # decoded: caps a gzip bomb too
            if (size := size + len(chunk)) > max_bytes:
                raise _TooLargeError
            chunks.append(chunk)
        return _Answer(response.status_code, b"".join(chunks), content_type, None)


def _size_text(n: int) -> str:
    return f"{n // MIB} MiB" if n % MIB == 0 else f"{n} bytes"


async def fetch_with_retries(
    client: httpx.AsyncClient,
    request: SourceRequest,
    policy: RetryPolicy,
    *,
    attempt_timeout: float,
    rng: random.Random,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    source: str = "",
    before_attempt: Callable[[int], Awaitable[None]] | None = None,
    now: Callable[[], datetime] = _utc_now,
) -> FetchResult:
    """Send ``request`` until it gets a final answer or ``policy.max_attempts`` run out.

    ``before_attempt(n)`` is awaited before attempt ``n`` (1-based): the collection loop passes
    its rate limiter there, so retries count against the provider's rate like first tries.
    Raises ``HttpFetchError`` when it gives up; its message says what happened.
    """
    host = request_host(request)
    started = time.monotonic()
    spent = 0.0  # attempts plus waits, counted apart so an injected sleep counts too
    last_status: int | None = None
    failure = ""
    for attempt in range(1, policy.max_attempts + 1):
        if before_attempt is not None:
            await before_attempt(attempt)
        seen = _Seen()
        retry_after: float | None = None
        attempt_started = time.monotonic()
        try:
            async with asyncio.timeout(min(attempt_timeout, policy.deadline - spent)):
                answer = await _attempt(client, request, policy.max_bytes, seen)
        except (TimeoutError, httpx.TimeoutException):
            failure = f"timed out after {{n}} attempts ({attempt_timeout:g} s each)"
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            failure = f"connection failed after {{n}} attempts ({type(exc).__name__})"
        except _TooLargeError:
            message = f"response larger than {_size_text(policy.max_bytes)}"
            logger.warning("source=%s host=%s status=%s: %s", source, host, seen.status, message)
            raise HttpFetchError(message, attempts=attempt, status_code=seen.status) from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:  # bad URL, protocol: retry won't help
            message = f"request failed ({type(exc).__name__})"
            logger.warning("source=%s host=%s: %s", source, host, message)
            raise HttpFetchError(message, attempts=attempt, status_code=seen.status) from None
        else:
            if not _retryable(answer.status):
                elapsed = time.monotonic() - started
                return FetchResult(
                    answer.status, answer.body, answer.content_type, attempt, elapsed
                )
            failure = f"HTTP {answer.status} after {{n}} attempts"
            if answer.retry_after is not None:
                retry_after = parse_retry_after(answer.retry_after, now())
        last_status = seen.status if seen.status is not None else last_status
        spent += time.monotonic() - attempt_started
        if attempt < policy.max_attempts:
            delay = backoff_delay(policy, attempt - 1, rng, retry_after)
            if spent + delay >= policy.deadline:
                message = failure.format(n=attempt) + f" (the {policy.deadline:g} s deadline)"
                logger.warning("source=%s host=%s: %s", source, host, message)
                raise HttpFetchError(message, attempts=attempt, status_code=last_status)
            spent += delay
            logger.info(
                "source=%s host=%s status=%s attempt %d failed, retry in %.2f s",
                *(source, host, seen.status, attempt, delay),
            )
            await sleep(delay)
    message = failure.format(n=policy.max_attempts)
    logger.warning("source=%s host=%s status=%s: %s", source, host, last_status, message)
    raise HttpFetchError(message, attempts=policy.max_attempts, status_code=last_status)


class _RedactQueryFilter(logging.Filter):
    """httpx logs every request URL at INFO, query string (and so ``?api_key=``) included:
    keep the scheme, host and path of any URL it logs, drop the rest."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(isinstance(a, httpx.URL) for a in record.args):
            record.args = tuple(
                a.copy_with(query=None, fragment=None, userinfo=b"")
                if isinstance(a, httpx.URL)
                else a
                for a in record.args
            )
        return True


logging.getLogger("httpx").addFilter(_RedactQueryFilter())
