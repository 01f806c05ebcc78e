"""Brave Search API, web search: Brave's own index, for queries tracked on engine "brave".

Request: ``GET https://api.search.brave.com/res/v1/web/search`` with the key in the
``X-Subscription-Token`` header and ``q``, ``country``, ``search_lang``, ``count`` and
``offset``. Brave's ``offset`` is a PAGE index, not a result offset: "the zero based offset that
indicates number of search result pages (count) to skip", at most 9, with ``count`` at most 20.
So page N is ``offset=N-1``, and pages past 10 or more than 20 results a page are refused.
``safesearch=off``: a leak must not be hidden by a filter. Brave has no location or device
setting: the location is ignored (the country applies) and a mobile query is refused.

Response: ``web.results[]`` (``url``, ``title``, ``description``); Brave highlights query words
with ``<strong>`` and escapes entities, so titles and descriptions are stripped of tags and
unescaped. Blocks: ``videos``, ``news``, ``faq``, ``discussions``, ``infobox`` (each a
``results[]`` list). An error is ``{"type": "ErrorResponse", "error": {...}}``; a ``search``
response without a ``web`` key has no web results (an empty page).
"""

from __future__ import annotations

from collectors.errors import ParseError
from collectors.sources import api_common as c
from collectors.sources.base import (
    Engine,
    ParsedPage,
    ParsedResult,
    PayloadKind,
    SerpQuery,
    SourceRequest,
    SourceSettings,
)

ENDPOINT = "https://api.search.brave.com/res/v1/web/search"
MAX_COUNT = 20
MAX_PAGE = 10  # offset 0..9
#: response key -> result_type of the blocks kept for ``--all``.
BLOCKS: dict[str, str] = {
    "infobox": "knowledge_panel",
    "faq": "faq",
    "discussions": "discussion",
    "news": "news",
    "videos": "video",
}


class BraveSource:
    """The Brave Search web search endpoint."""

    name = "brave"
    payload: PayloadKind = "json"
    engines: tuple[Engine, ...] = ("brave",)

    def build_request(self, query: SerpQuery, settings: SourceSettings) -> SourceRequest:
        """The GET for one page; ``ValueError`` for a missing key, another engine, mobile, or
        a page Brave cannot serve."""
        c.check_engine(query, self.name, self.engines)
        c.check_paging(query, self.name, max_page_size=MAX_COUNT)
        c.desktop_only(query, self.name)
        if query.page > MAX_PAGE:
            raise ValueError(f"{self.name} serves pages 1 to {MAX_PAGE}, not page {query.page}")
        if not settings.api_key:
            raise c.key_missing(self.name)
        params = {"q": query.text}
        if query.gl:
            params["country"] = "GB" if query.gl.lower() == "uk" else query.gl.upper()
        if query.hl:
            params["search_lang"] = query.hl.lower()
        params.update(count=str(query.page_size), offset=str(query.page - 1), safesearch="off")
        return SourceRequest(
            method="GET",
            url=ENDPOINT,
            params=params,
            headers={"X-Subscription-Token": settings.api_key, "Accept": "application/json"},
        )

    def parse(self, body: bytes) -> ParsedPage:
        """Web results and blocks of a Brave response; ``ParseError`` otherwise."""
        data = c.require_object(c.load_json(body, self.name), self.name)
        if data.get("type") == "ErrorResponse" or "error" in data:
            error = c.as_object(data.get("error")) or {}
            detail = error.get("detail") or error.get("code") or data.get("error")
            raise ParseError(f"{self.name}: provider error: {c.provider_message(detail)}")
        web = c.as_object(data.get("web"))
        if web is None:
            if "web" in data or data.get("type") != "search":
                raise ParseError(f"{self.name}: missing object 'web' in the response")
            return ParsedPage(organic=(), blocks=_blocks(data))
        results = c.require_list(web, "results", self.name)
        organic = c.numbered(
            (
                (url, item.get("title"), item.get("description"))
                for item in c.objects(results)
                if (url := c.http_url(item.get("url"))) is not None
            ),
            is_html=True,
        )
        return ParsedPage(organic=organic, blocks=_blocks(data))

    def __repr__(self) -> str:
        return "BraveSource()"


def _blocks(data: c.JsonObject) -> tuple[ParsedResult, ...]:
    found: list[ParsedResult] = []
    for key, result_type in BLOCKS.items():
        block = c.as_object(data.get(key)) or {}
        for index, item in enumerate(c.objects(block.get("results")), start=1):
            url = c.http_url(item.get("url"))
            if url is None:
                continue
            title = item.get("title") or item.get("question")
            snippet = item.get("description") or item.get("answer") or item.get("long_desc")
            found.append(c.result(index, url, title, snippet, result_type, is_html=True))
    return tuple(found)


BRAVE = BraveSource()
SOURCES: tuple[BraveSource, ...] = (BRAVE,)
