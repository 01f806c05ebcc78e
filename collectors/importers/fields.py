"""Cell parsers shared by the importers, and ``RowCheck``, which collects every problem of a row.

A row is reported once with all of its problems ("detected_at: ...; url: ...") so a person fixes
the file in one pass. Messages name the column as it is written in the file and describe what is
wrong without echoing a leak URL (the same rule as the collectors' error messages).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TypeVar
from urllib.parse import urlsplit

from collectors.importers.table import Row, Table, normalize_header, parse_datetime

T = TypeVar("T")

# Same rule as serpshield.config_errors.SLUG_PATTERN (a test keeps them equal); collectors do
# not import the front door.
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
_SLUG = re.compile(SLUG_PATTERN)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class RowCheck:
    """Parses the cells of one row, remembering each failure with its column name."""

    def __init__(self, table: Table, row: Row) -> None:
        self._headers = table.headers
        self._row = row
        self.problems: list[str] = [row.problem] if row.problem else []

    def take(self, key: str, parse: Callable[[str], T]) -> T | None:
        """``parse`` applied to the cell of ``key``; ``None`` (and a problem noted) on error."""
        try:
            return parse(self._row.get(key))
        except ValueError as exc:
            self.problems.append(f"{self._headers.get(key, key)}: {exc}")
            return None

    def fail(self, message: str) -> None:
        self.problems.append(message)

    def label(self, key: str) -> str:
        return self._headers.get(key, key)


def parse_client(text: str) -> str:
    """A client slug (a-z, 0-9, '-'); upper case is folded, since slugs are lower case."""
    value = text.strip().lower()
    if not value:
        raise ValueError("empty")
    if not _SLUG.match(value):
        raise ValueError(f"{text.strip()!r} is not a client slug (a-z, 0-9 and '-', at most 63)")
    return value


def parse_title(text: str) -> str:
    """Non-empty text with runs of spaces and line breaks collapsed to one space.

    A title split over two lines in Excel names the same item as the one-line title.
    """
    value = " ".join(text.split())
    if not value:
        raise ValueError("empty")
    return value


def parse_optional_text(text: str) -> str:
    """Free text (a reference, a source): collapsed like a title, empty allowed."""
    return " ".join(text.split())


def parse_url(text: str) -> str:
    """An absolute http(s) URL, stripped; the store normalises it (the raw form is kept)."""
    value = text.strip()
    if not value:
        raise ValueError("empty")
    if _CONTROL.search(value):
        raise ValueError("contains a line break or control character")
    try:
        parts = urlsplit(value)
        _ = parts.port
    except ValueError as exc:
        raise ValueError(f"not a valid URL ({exc})") from exc
    if not parts.scheme:
        raise ValueError("not an absolute URL: a full http:// or https:// address is expected")
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"scheme {parts.scheme!r} is not http or https")
    if not parts.hostname:
        raise ValueError("no host name")
    return value


def parse_optional_datetime(text: str) -> datetime | None:
    """``parse_datetime``, with an empty cell meaning "not yet"."""
    return parse_datetime(text) if text.strip() else None


def choice(values: Mapping[str, T], what: str, default: T | None = None) -> Callable[[str], T]:
    """A parser accepting the spellings in ``values`` (case-insensitive, accents as written).

    With ``default``, an empty cell gives it; otherwise an empty cell is an error.
    """

    def parse(text: str) -> T:
        value = normalize_header(text)
        if not value and default is not None:
            return default
        if not value:
            raise ValueError("empty")
        if value in values:
            return values[value]
        accepted = ", ".join(values)
        raise ValueError(f"unknown {what} {text.strip()!r} (accepted: {accepted})")

    return parse
