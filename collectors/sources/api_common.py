"""What the JSON API sources share: strict decoding, defensive field access, plain text, URLs.

Provider responses are untrusted input: a body can be truncated, an HTML error page, or a
well-formed JSON document of the wrong shape. Every helper here either returns a typed value or
raises ``ParseError`` naming the source, so a parser built on them cannot fail with
``KeyError``/``TypeError`` (the property tests feed random bytes and random JSON to every source).
Provider error messages are shortened and have anything shaped like a credential masked: a
message may echo the request URL, and a key must never reach a log.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from collectors.errors import ParseError
from collectors.normalize import registrable_domain
from collectors.sources.base import ParsedResult, SerpQuery

JsonObject = dict[str, object]

_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.DOTALL)
_CREDENTIAL = re.compile(
    r"(?i)\b(api_key|apikey|key|token|access_token|password)=([^&\s\"']+)"
    r"|\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{16,}"
)
_MESSAGE_LIMIT = 300


def load_json(body: bytes, source: str, *, html_hint: str | None = None) -> object:
    """The decoded JSON document of ``body``. An empty body, an HTML page, bytes that are not
    UTF-8 and invalid or truncated JSON all raise ``ParseError`` naming ``source`` (and, for
    JSON errors, the position), because each means the response was not what was asked for."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"{source}: body is not UTF-8 (invalid byte at offset {exc.start})"
        ) from None
    stripped = text.lstrip()
    if not stripped:
        raise ParseError(f"{source}: empty body, expected JSON")
    if stripped.startswith("<"):
        raise ParseError(f"{source}: {html_hint or 'answered HTML, not JSON'}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"{source}: invalid JSON at line {exc.lineno} column {exc.colno} "
            f"(char {exc.pos}): {exc.msg}"
        ) from None
    except (ValueError, RecursionError) as exc:  # over-long integers, absurd nesting
        raise ParseError(f"{source}: unreadable JSON ({type(exc).__name__})") from None


def require_object(data: object, source: str) -> JsonObject:
    """``data`` as a JSON object, or ``ParseError`` saying what came instead."""
    if not isinstance(data, dict):
        raise ParseError(f"{source}: expected a JSON object at the top level, got {_kind(data)}")
    return data


def as_object(value: object) -> JsonObject | None:
    """``value`` if it is a JSON object, else ``None``."""
    return value if isinstance(value, dict) else None


def as_list(value: object) -> list[object]:
    """``value`` if it is a JSON array, else an empty list (absent blocks are common)."""
    return value if isinstance(value, list) else []


def objects(value: object) -> Iterator[JsonObject]:
    """The JSON objects of an array, skipping anything else a provider put there."""
    for item in as_list(value):
        if isinstance(item, dict):
            yield item


def require_list(data: JsonObject, key: str, source: str) -> list[object]:
    """``data[key]`` as an array: a missing key or another type is a wrong shape."""
    if key not in data:
        raise ParseError(f"{source}: missing key {key!r} in the response")
    value = data[key]
    if not isinstance(value, list):
        raise ParseError(f"{source}: {key!r} should be an array, got {_kind(value)}")
    return value


def text_of(value: object) -> str:
    """``value`` if it is a string, else ``""``."""
    return value if isinstance(value, str) else ""


def plain_text(value: object, *, unescape: bool = False) -> str:
    """Display text: tags removed, whitespace collapsed. ``unescape`` decodes HTML entities,
    for fields a provider documents as HTML (Brave's highlighted descriptions); it is off for
    plain-text fields so a literal ``&amp;`` in a title stays as written."""
    text = _TAG.sub(" ", text_of(value))
    if unescape:
        text = html.unescape(text)
    return " ".join(text.split())


def http_url(value: object) -> str | None:
    """``value`` stripped if it is an absolute http(s) URL with a host, else ``None``."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def result(
    position: int, url: str, title: object, snippet: object, result_type: str, *,
    is_html: bool = False,
) -> ParsedResult:  # fmt: skip
    """A ``ParsedResult`` with display text cleaned and the domain computed from ``url``."""
    return ParsedResult(
        position=position,
        url=url,
        title=plain_text(title, unescape=is_html),
        snippet=plain_text(snippet, unescape=is_html),
        domain=registrable_domain(url),
        result_type=result_type,
    )


def numbered(
    results: Iterable[tuple[str, object, object]], result_type: str = "organic", *,
    is_html: bool = False,
) -> tuple[ParsedResult, ...]:  # fmt: skip
    """(url, title, snippet) triples numbered 1..n in the order given (page order)."""
    return tuple(
        result(n, url, title, snippet, result_type, is_html=is_html)
        for n, (url, title, snippet) in enumerate(results, start=1)
    )


def provider_message(value: object) -> str:
    """A provider's error text, shortened, with credential-looking parts masked."""
    if isinstance(value, str):
        raw = value
    else:
        try:
            raw = json.dumps(value)[: _MESSAGE_LIMIT * 2]
        except (ValueError, RecursionError):
            raw = f"(an unreadable {_kind(value)})"
    text = _CREDENTIAL.sub(_mask, " ".join(raw.split()))
    return text[:_MESSAGE_LIMIT] + ("..." if len(text) > _MESSAGE_LIMIT else "")


def check_paging(query: SerpQuery, source: str, *, max_page_size: int = 100) -> None:
    """Reject a page or page size no provider can serve, before any money is spent."""
    if query.page < 1:
        raise ValueError(f"{source}: page must be 1 or more, got {query.page}")
    if not 1 <= query.page_size <= max_page_size:
        raise ValueError(
            f"{source}: page_size must be between 1 and {max_page_size}, got {query.page_size}"
        )


def check_engine(query: SerpQuery, source: str, engines: tuple[str, ...]) -> None:
    """``ValueError`` for an engine the source does not serve."""
    if query.engine not in engines:
        raise ValueError(
            f"{source} does not serve engine {query.engine!r} (it serves: {', '.join(engines)})"
        )


def desktop_only(query: SerpQuery, source: str) -> None:
    """``ValueError`` for a mobile query on a source without a device setting: answering it
    with desktop results would store a desktop ranking as a mobile one."""
    if query.device != "desktop":
        raise ValueError(f"{source} cannot request {query.device} results; use a source that can")


def missing(source: str, setting: str, where: str) -> ValueError:
    """The error for a required setting that is not set; it names the setting, never a value."""
    return ValueError(f"{source} needs {setting} ({where})")


def key_missing(source: str) -> ValueError:
    """The error for an API key that is not set."""
    return missing(
        source, "api_key", f"set the environment variable named by sources.{source}.api_key_env"
    )


def _mask(match: re.Match[str]) -> str:
    if match.group(1):
        return f"{match.group(1)}=***"
    return f"{match.group(3)} ***"


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return "null" if value is None else f"a {type(value).__name__}"
