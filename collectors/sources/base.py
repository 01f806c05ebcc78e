"""What every search-results source provides: a pure request builder and a pure parser.

A source module never touches the network: ``build_request`` turns a query and settings into a
``SourceRequest`` (URL, parameters, headers, estimated cost), and ``parse`` turns a response body
into a ``ParsedPage``. One fetch loop (``collectors/serps.py``) serves every source, so retries,
rate limits, budgets and archiving are written once and tested once.

Positions in a ``ParsedPage`` are 1-based and in page order over the organic results only; the
collector turns them into absolute positions across pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

Engine = Literal["google", "bing", "duckduckgo", "brave"]
Device = Literal["desktop", "mobile"]
PayloadKind = Literal["json", "html"]


@dataclass(frozen=True)
class SerpQuery:
    """One page of one tracked search, as a source needs it."""

    text: str
    engine: Engine = "google"
    gl: str = ""
    hl: str = ""
    location: str | None = None
    device: Device = "desktop"
    page: int = 1  # 1-based
    page_size: int = 10


@dataclass(frozen=True)
class SourceSettings:
    """Credentials and endpoints resolved from the environment at fetch time (never stored)."""

    api_key: str | None = None
    login: str | None = None
    password: str | None = None
    engine_id: str | None = None
    base_url: str | None = None


@dataclass(frozen=True)
class SourceRequest:
    """An HTTP request to send. ``headers`` may carry a secret: its repr never shows them."""

    method: Literal["GET", "POST"]
    url: str
    params: Mapping[str, str] = field(default_factory=dict, repr=False)  # may hold a key
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)
    json_body: object | None = field(default=None, repr=False)
    cost_units: float = 1.0


@dataclass(frozen=True)
class ParsedResult:
    """One result of a page. ``url`` is the destination, decoded from redirect wrappers."""

    position: int
    url: str
    title: str
    snippet: str
    domain: str
    result_type: str = "organic"


@dataclass(frozen=True)
class ParsedPage:
    """A parsed results page: organic results in page order, and the other blocks.

    An empty ``organic`` list is a real "no results" page; a page that could not be read raises
    ``ParseError`` and a captcha page raises ``BlockedError`` instead.
    """

    organic: tuple[ParsedResult, ...]
    blocks: tuple[ParsedResult, ...] = ()


@runtime_checkable
class Parser(Protocol):
    """A format serpshield can read: an API response or a saved results page."""

    name: str
    payload: PayloadKind

    def parse(self, body: bytes) -> ParsedPage:
        """Parse a response body; raises ``ParseError`` or ``BlockedError``, nothing else."""
        ...


@runtime_checkable
class FetchableSource(Parser, Protocol):
    """A source collection can request: a pure request builder beside its parser."""

    engines: tuple[Engine, ...]

    def build_request(self, query: SerpQuery, settings: SourceSettings) -> SourceRequest:
        """The request for one page of ``query``; raises ``ValueError`` for an engine the
        source does not serve or for missing settings (naming the setting, never a value)."""
        ...
