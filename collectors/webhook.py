"""Posting alerts to a webhook (Slack-compatible JSON), through the SSRF guard, never for long.

The webhook address is user-supplied and usually carries a secret token in its path (Slack,
Teams, Mattermost), so:

- it goes through the same guard as leak URLs (``collectors.ssrf.vet_url``): the name is
  resolved once, every address must be public (or in ``allowed_addresses``), and the request is
  sent to that vetted address with the real name in ``Host`` and TLS SNI, so a DNS answer that
  changes between vetting and connecting is never used. Plain ``http`` and ports other than
  443 are accepted only for an address listed in ``allowed_addresses`` (a receiver on the
  same machine, a test server): anything else would send the token in clear or reach a service
  the guard exists to protect;
- the address is never logged, raised or returned: errors name the host only, and httpx's own
  request log line is rewritten while a delivery is in flight;
- retries are ``collectors.http.fetch_with_retries`` (429, 5xx, timeouts and dropped connections,
  Retry-After honoured up to ``max_delay``), with each attempt bounded by ``timeout`` and the
  whole delivery by ``deadline``, so a collection run never hangs on a chat service.

``post_webhook`` never raises: it returns a ``WebhookDelivery`` saying what happened, because a
delivery problem must not turn a successful collection into a failed one.
"""

from __future__ import annotations

import asyncio
import contextvars
import ipaddress
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from collectors.http import HttpFetchError, RetryPolicy, build_async_client, fetch_with_retries
from collectors.sources.base import SourceRequest
from collectors.ssrf import (
    HostResolutionError,
    IPNetwork,
    Resolver,
    SsrfPolicy,
    SystemResolver,
    UrlRefusedError,
    VettedTarget,
    vet_url,
)

logger = logging.getLogger("serpshield.collectors.webhook")
HTTPS_PORT = 443
_ANY_PORT = frozenset(range(1, 65536))  # ports are decided below, per address


@dataclass(frozen=True)
class WebhookPolicy:
    """Limits of one delivery. ``deadline`` bounds everything: attempts and waits together."""

    timeout: float = 5.0
    max_attempts: int = 3
    base_delay: float = 0.5
    max_delay: float = 5.0  # caps backoff and Retry-After alike
    allowed_addresses: frozenset[IPNetwork] = field(default_factory=frozenset)

    @property
    def deadline(self) -> float:
        return self.max_attempts * self.timeout + (self.max_attempts - 1) * self.max_delay


@dataclass(frozen=True)
class WebhookDelivery:
    """What a delivery did. ``error`` is short and names the host only (never the address)."""

    delivered: bool
    attempts: int  # HTTP requests sent; 0 when the guard refused the address
    status_code: int | None = None
    error: str | None = None


# While a delivery is in flight, httpx's "HTTP Request: POST <url>" log line shows this instead.
_LOG_URL: contextvars.ContextVar[str | None] = contextvars.ContextVar("_WEBHOOK_URL", default=None)


class _HideWebhookUrl(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        shown = _LOG_URL.get()
        if shown is not None and isinstance(record.args, tuple):
            record.args = tuple(shown if isinstance(a, httpx.URL) else a for a in record.args)
        return True


logging.getLogger("httpx").addFilter(_HideWebhookUrl())


class _NamedTlsTransport(httpx.AsyncBaseTransport):
    """Sends every request to the vetted IP (it is in the URL) while TLS uses the real name for
    SNI and certificate checks: ``fetch_with_retries`` builds plain requests, so the name is
    added here rather than per request."""

    def __init__(self, inner: httpx.AsyncBaseTransport, sni_hostname: str | None) -> None:
        self._inner = inner
        self._sni_hostname = sni_hostname

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._sni_hostname and request.url.scheme == "https":
            request.extensions = {**request.extensions, "sni_hostname": self._sni_hostname}
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


def webhook_host(url: str) -> str:
    """The host of the webhook address: the only part of it errors and logs may name."""
    try:
        return urlsplit(url).hostname or "?"
    except ValueError:
        return "?"


async def _vet(url: str, policy: WebhookPolicy, resolver: Resolver) -> VettedTarget:
    ssrf = SsrfPolicy(allowed_ports=_ANY_PORT, allowed_addresses=policy.allowed_addresses)
    target = await vet_url(url, ssrf, resolver)
    address = ipaddress.ip_address(target.address)
    if not any(address in network for network in policy.allowed_addresses):
        if target.scheme != "https":
            raise UrlRefusedError("plain http is only allowed for an address in allow_addresses")
        if target.port != HTTPS_PORT:
            raise UrlRefusedError(f"port {target.port} is only allowed for allow_addresses")
    return target


async def post_webhook(
    url: str,
    payload: dict[str, object],
    policy: WebhookPolicy,
    *,
    resolver: Resolver | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    rng: random.Random | None = None,
) -> WebhookDelivery:
    """POST ``payload`` as JSON to ``url``; a 2xx answer is a delivery. Never raises."""
    host = webhook_host(url)
    try:
        async with asyncio.timeout(policy.timeout):  # a hung resolver must not hold the run
            target = await _vet(url, policy, resolver or SystemResolver())
    except UrlRefusedError as exc:
        logger.warning("webhook host=%s refused: %s", host, exc)
        return WebhookDelivery(False, 0, error=f"{host}: refused ({exc})")
    except (HostResolutionError, TimeoutError) as exc:
        reason = str(exc) if isinstance(exc, HostResolutionError) else "DNS lookup timed out"
        logger.warning("webhook host=%s: %s", host, reason)
        return WebhookDelivery(False, 0, error=f"{host}: {reason}")
    request = SourceRequest("POST", target.request_url, headers={"Host": target.host_header},
                            json_body=payload)  # fmt: skip
    inner = transport or httpx.AsyncHTTPTransport(retries=0)
    retry = RetryPolicy(max_attempts=policy.max_attempts, base_delay=policy.base_delay,
                        max_delay=policy.max_delay, max_bytes=1024 * 1024,
                        deadline=policy.deadline)  # fmt: skip
    token = _LOG_URL.set(f"{target.scheme}://{host}/(webhook path hidden)")
    try:
        async with build_async_client(
            timeout=policy.timeout, max_connections=1, max_keepalive_connections=0,
            transport=_NamedTlsTransport(inner, target.sni_hostname),
        ) as client:  # fmt: skip
            result = await fetch_with_retries(
                client,
                request,
                retry,
                attempt_timeout=policy.timeout,
                rng=rng or random.Random(),  # noqa: S311 (jitter, not cryptography)
                sleep=sleep,
                source="webhook",
            )
    except HttpFetchError as exc:
        return WebhookDelivery(False, exc.attempts, exc.status_code, f"{host}: {exc}")
    except Exception as exc:  # a bug in delivery must not fail the run that raised the alerts
        logger.exception("webhook host=%s: delivery failed unexpectedly", host)
        return WebhookDelivery(False, 0, error=f"{host}: internal error ({type(exc).__name__})")
    finally:
        _LOG_URL.reset(token)
    if 200 <= result.status_code < 300:
        return WebhookDelivery(True, result.attempts, result.status_code)
    note = " (redirects are not followed)" if 300 <= result.status_code < 400 else ""
    error = f"{host}: HTTP {result.status_code}{note}"
    return WebhookDelivery(False, result.attempts, result.status_code, error)


def send_webhook(
    url: str,
    payload: dict[str, object],
    policy: WebhookPolicy,
    *,
    resolver: Resolver | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    rng: random.Random | None = None,
) -> WebhookDelivery:
    """``post_webhook`` from synchronous code (the CLI's jobs)."""
    return asyncio.run(
        post_webhook(
            url, payload, policy, resolver=resolver, transport=transport, sleep=sleep, rng=rng
        )
    )
