"""One guarded request of the leak-URL monitor, and what its answer means.

``fetch_target`` sends a GET to the address ``collectors.ssrf`` vetted, with the real name in
``Host`` and TLS SNI, and reads at most ``max_bytes`` of the body (a redirect's body is never
read). ``classify_answer`` and ``is_home_redirect`` are pure: they turn an answer into a state
and a reason, the rules written once (see ``collectors.urls`` for the states). While a request
is in flight, the URL httpx logs is swapped for its redacted form: a leak URL's path often
names the person in it.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from collectors.http import MIB
from collectors.normalize import registrable_domain
from collectors.privacy import redact_url
from collectors.soft404 import find_soft_404
from collectors.ssrf import UrlRefusedError, VettedTarget
from data.leak_records import CheckState

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
REMOVED_STATUSES = frozenset({404, 410, 451})


@dataclass(frozen=True)
class Answer:
    """A final answer or a redirect (``location`` set, body not read)."""

    status: int
    location: str | None
    body: bytes
    truncated: bool
    content_type: str | None


# The redacted form of the URL being fetched, for the httpx log filter below.
_LOG_URL: contextvars.ContextVar[str | None] = contextvars.ContextVar("_LOG_URL", default=None)


class _MonitorUrlFilter(logging.Filter):
    """httpx logs each request URL at INFO; during a check that URL (a vetted IP plus the leak
    path) is replaced by the redacted form of the URL being checked."""

    def filter(self, record: logging.LogRecord) -> bool:
        shown = _LOG_URL.get()
        if shown is not None and isinstance(record.args, tuple):
            record.args = tuple(shown if isinstance(a, httpx.URL) else a for a in record.args)
        return True


logging.getLogger("httpx").addFilter(_MonitorUrlFilter())


def _size_text(n: int) -> str:
    return f"{n / MIB:g} MB" if n % MIB == 0 else f"{n} bytes"


class BadLocationError(UrlRefusedError):
    """A redirect whose Location is not a URL: nothing to vet, so nothing to follow."""

    def __init__(self) -> None:
        super().__init__("Location is not a valid URL")


async def _send(client: httpx.AsyncClient, request: httpx.Request) -> httpx.Response:
    """``client.send`` without following redirects; httpx still parses Location to offer
    ``next_request``, and a Location it cannot parse surfaces as one of these errors (the
    request URL itself holds a vetted IP literal, so it is never the one at fault)."""
    try:
        return await client.send(request, stream=True)
    except (httpx.InvalidURL, UnicodeError):  # UnicodeError: idna rejects the Location's host
        raise BadLocationError from None
    except httpx.RemoteProtocolError as exc:
        if str(exc).startswith("Invalid URL in location header"):
            raise BadLocationError from None
        raise


async def fetch_target(
    client: httpx.AsyncClient,
    target: VettedTarget,
    max_bytes: int,
    on_status: Callable[[int], None] | None = None,
) -> Answer:
    """One GET to the vetted address; a redirect's body is not read, any other is read up to
    ``max_bytes`` (decoded bytes, so a compression bomb is capped too). ``on_status`` hears
    the status as soon as the headers arrive, so a body cut by the deadline still has one."""
    extensions: dict[str, object] = {}
    if target.scheme == "https" and target.sni_hostname:
        extensions["sni_hostname"] = target.sni_hostname
    try:
        request = client.build_request(
            "GET", target.request_url, headers={"Host": target.host_header}, extensions=extensions
        )
    except httpx.InvalidURL:
        raise UrlRefusedError("URL rejected by the HTTP client") from None
    token = _LOG_URL.set(redact_url(target.url))
    try:
        response = await _send(client, request)
        try:
            if on_status is not None:
                on_status(response.status_code)
            location = response.headers.get("location")
            content_type = response.headers.get("content-type")
            if response.status_code in REDIRECT_STATUSES and location is not None:
                return Answer(response.status_code, location, b"", False, content_type)
            chunks: list[bytes] = []
            size, truncated = 0, False
            async for chunk in response.aiter_bytes():
                if len(chunk) > max_bytes - size:
                    chunks.append(chunk[: max_bytes - size])
                    truncated = True
                    break
                chunks.append(chunk)
                size += len(chunk)
            return Answer(response.status_code, None, b"".join(chunks), truncated, content_type)
        finally:
            await response.aclose()
    finally:
        _LOG_URL.reset(token)


def is_home_redirect(target: str, original: str) -> bool:
    """A redirect to ``/`` (no query) of the same site, from a URL that was not the home page:
    how many hosts say "gone" without a 404."""
    try:
        to, start = urlsplit(target), urlsplit(original)
    except ValueError:
        return False
    if start.path in ("", "/") and not start.query:
        return False
    domain = registrable_domain(original)
    return (
        bool(domain)
        and to.path in ("", "/")
        and not to.query
        and (registrable_domain(target) == domain)
    )


def classify_answer(answer: Answer, url: str, max_bytes: int) -> tuple[CheckState, str]:
    """(state, reason) of a final answer. Only a clear "gone" is ``removed``; a server that
    errs, refuses or throttles says nothing about the content, so it is ``unknown``. A body cut
    at ``max_bytes`` is judged on what was read, and the reason says so."""
    status = answer.status
    note = f", truncated at {_size_text(max_bytes)}" if answer.truncated else ""
    if status in REMOVED_STATUSES:
        return "removed", f"HTTP {status}"
    if 200 <= status < 300:
        if not answer.body.strip():
            return "removed", f"HTTP {status} with an empty body"
        pattern = find_soft_404(answer.body, answer.content_type, url)
        if pattern is not None:
            return "removed", f"soft 404: {pattern}{note}"
        return "live", f"HTTP {status}{note}"
    if status >= 500:
        return "unknown", f"HTTP {status} (server error)"
    if 300 <= status < 400:
        return "unknown", f"HTTP {status} without a usable Location"
    return "unknown", f"HTTP {status}"
