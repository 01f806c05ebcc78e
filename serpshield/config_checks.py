"""Config value checks and cross-key rules, whose errors never quote the value.

Each check raises an error whose text is ours, so that no message can echo a secret pasted into
the wrong key. The cross-key rules (one category per domain, no duplicate query, each source's
required keys) read the raw tables, so that they are reported together with any type error
instead of after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from serpshield.config_errors import ENV_NAMES_ONLY, format_key
from serpshield.config_locate import KeyPath

_T = TypeVar("_T")
_HOST = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")


def fail(message: str) -> PydanticCustomError:
    """A validation error whose text is ours, so it cannot contain the input."""
    return PydanticCustomError("serpshield", message)


def raise_all(errors: list[tuple[KeyPath, str]]) -> None:
    """Raise several errors from one validator at once, each at its key (relative to the field)."""
    if errors:
        details = [InitErrorDetails(type=fail(m), loc=loc, input=None) for loc, m in errors]
        raise ValidationError.from_exception_data("serpshield", details)


def check_domain(value: str) -> str:
    """Lowercased host name. A URL is refused, not guessed at: which part would be meant?"""
    domain = value.lower().removesuffix(".")
    if any(c in domain for c in ":/?#@") or any(c.isspace() for c in domain):
        raise fail("expected a domain such as example.com, not a URL")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise fail("expected a domain such as example.com") from None
    if not _HOST.match(domain):
        raise fail("expected a domain such as example.com")
    return domain


def check_timezone(value: str) -> str:
    """An IANA zone name that this machine knows (days in reports are cut in it)."""
    if value == "UTC":  # the default must work even where no tz database is installed
        return value
    try:
        ZoneInfo(value)
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        raise fail("unknown time zone: expected an IANA name such as Europe/Paris") from None
    return value


def check_http_url(value: str) -> str:
    """An http(s) URL without user info: a password inside a URL is still a secret in the file."""
    try:
        parts = urlsplit(value)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        valid = False
    if not valid:
        raise fail("expected an http(s) URL such as http://127.0.0.1:8888")
    if parts.username or parts.password:
        raise fail(ENV_NAMES_ONLY)
    return value


def domain_conflicts(client: Mapping[str, Any]) -> list[tuple[KeyPath, str]]:
    """Domains of a raw client table listed under two categories (owned_domains, leak_domains,
    the domains table): one domain must mean one thing, or owned share and harm disagree."""
    places: list[tuple[KeyPath, Any, Any]] = []
    for field, category in (("owned_domains", "owned"), ("leak_domains", "leak_forum")):
        items = client.get(field)
        places += [((field, i), d, category) for i, d in enumerate(_list(items))]
    places += [(("domains", d), d, c) for d, c in _dict(client.get("domains")).items()]
    seen: dict[str, tuple[KeyPath, Any]] = {}
    errors: list[tuple[KeyPath, str]] = []
    for loc, domain, category in places:
        try:
            first = seen.setdefault(check_domain(domain), (loc, category))
        except (PydanticCustomError, AttributeError):
            continue  # not a domain: reported by the main validation
        if first[1] != category:
            where = f"{first[1]!r} in {format_key(first[0])} and {category!r} in {format_key(loc)}"
            errors.append((loc, f"domain listed with two categories: {where}"))
    return errors


def source_key_errors(
    sources: Any, requirements: Mapping[str, tuple[str, ...]], specific: tuple[str, ...]
) -> list[tuple[KeyPath, str]]:
    """Source-specific keys missing from, or useless in, the raw `[sources.*]` tables (read raw
    so that a mistake elsewhere in the table does not hide them)."""
    errors: list[tuple[KeyPath, str]] = []
    for name, table in _dict(sources).items():
        if name not in requirements or not isinstance(table, dict):
            continue  # an unknown source or a non-table is reported by the main validation
        for key in specific:
            needed = key in requirements[name]
            if needed != (key in table):
                verb = "required for" if needed else "not used by"
                errors.append((("sources", name, key), f"{verb} the {name} source"))
    return errors


def duplicate_queries(client: Mapping[str, Any], model: type[Any]) -> list[tuple[KeyPath, str]]:
    """Queries of a raw client table tracked twice (same text in any case, engine, gl, hl and
    device), which would count twice. Invalid queries are skipped: reported on their own."""
    seen: dict[tuple[Any, ...], int] = {}
    errors: list[tuple[KeyPath, str]] = []
    for j, item in enumerate(_list(client.get("queries"))):
        try:
            q = model.model_validate(item)
        except ValidationError:
            continue
        i = seen.setdefault((q.text.casefold(), q.engine, q.gl, q.hl, q.device), j)
        if i != j:
            message = f"duplicate of queries[{i}] (same text, engine, gl, hl and device)"
            errors.append((("queries", j), message))
    return errors


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def merge_errors(value: Any, handler: Callable[[Any], _T], extra: list[tuple[KeyPath, str]]) -> _T:
    """Validate with `handler` and raise its errors and `extra` (found on the raw input) at once:
    a cross-key problem must not hide behind a type error elsewhere in the same table."""
    try:
        result = handler(value)
    except ValidationError as exc:
        details = [_reraisable(error) for error in exc.errors()]
        details += [InitErrorDetails(type=fail(m), loc=loc, input=None) for loc, m in extra]
        raise ValidationError.from_exception_data(exc.title, details) from None
    raise_all(extra)
    return result


def _reraisable(error: ErrorDetails) -> InitErrorDetails:
    kind = fail(error["msg"]) if error["type"] == "serpshield" else error["type"]
    details = InitErrorDetails(type=kind, loc=error["loc"], input=error["input"])
    if "ctx" in error and error["type"] != "serpshield":
        details["ctx"] = error["ctx"]
    return details
