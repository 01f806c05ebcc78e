"""The registry of search-results sources: one module per provider or saved-page layout.

``PARSERS`` holds every format ``serpshield parse`` and ``import serp`` understand;
``FETCHERS`` the subset that collection can request over HTTP (the APIs and SearXNG). Saved
Google, Bing and DuckDuckGo pages are parsed only: serpshield does not scrape search engines.
"""

from __future__ import annotations

from collectors.sources import (
    bing_html,
    brave,
    dataforseo,
    ddg_html,
    google_cse,
    google_html,
    searxng,
    serpapi,
    serper,
)
from collectors.sources.base import FetchableSource, Parser

_MODULES = (
    serpapi,
    serper,
    dataforseo,
    brave,
    google_cse,
    searxng,
    google_html,
    bing_html,
    ddg_html,
)

PARSERS: dict[str, Parser] = {p.name: p for m in _MODULES for p in m.SOURCES}
FETCHERS: dict[str, FetchableSource] = {
    p.name: p for p in PARSERS.values() if isinstance(p, FetchableSource)
}


def get_parser(name: str) -> Parser:
    """The parser called ``name``; ``KeyError`` lists the known names."""
    try:
        return PARSERS[name]
    except KeyError:
        raise KeyError(f"unknown source {name!r} (known: {', '.join(sorted(PARSERS))})") from None
