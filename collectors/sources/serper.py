"""Serper (serper.dev): Google results as JSON, one POST per page.

Request: ``POST https://google.serper.dev/search`` with the key in the ``X-API-KEY`` header and
a JSON body ``{q, gl, hl, location, num, page}``; ``page`` is the 1-based page number. Serper
has no device setting, so a mobile query is refused rather than answered with desktop results,
and no safe-search setting.

Response: ``organic[]`` with ``position``/``link``/``title``/``snippet`` (renumbered 1..n in
page order; an item without an http(s) link is skipped), and blocks ``answerBox``,
``knowledgeGraph``, ``peopleAlsoAsk``, ``topStories``, ``videos``, ``places`` and
``relatedSearches`` (related searches carry no link, so they never yield a result). Serper
answers an error as ``{"message": ..., "statusCode": ...}``; a body with ``searchParameters``
but no ``organic`` key is a real page without organic results.
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

ENDPOINT = "https://google.serper.dev/search"
#: response key -> result_type of the blocks kept for ``--all``.
BLOCKS: dict[str, str] = {
    "answerBox": "featured_snippet",
    "knowledgeGraph": "knowledge_panel",
    "peopleAlsoAsk": "people_also_ask",
    "topStories": "top_stories",
    "videos": "video",
    "places": "local_pack",
    "relatedSearches": "related_search",
}


class SerperSource:
    """Serper's Google search endpoint."""

    name = "serper"
    payload: PayloadKind = "json"
    engines: tuple[Engine, ...] = ("google",)

    def build_request(self, query: SerpQuery, settings: SourceSettings) -> SourceRequest:
        """The POST for one page; ``ValueError`` for a missing key, another engine or mobile."""
        c.check_engine(query, self.name, self.engines)
        c.check_paging(query, self.name)
        c.desktop_only(query, self.name)
        if not settings.api_key:
            raise c.key_missing(self.name)
        body: dict[str, object] = {"q": query.text}
        if query.gl:
            body["gl"] = query.gl
        if query.hl:
            body["hl"] = query.hl
        if query.location:
            body["location"] = query.location
        body["num"] = query.page_size
        body["page"] = query.page
        return SourceRequest(
            method="POST",
            url=ENDPOINT,
            headers={"X-API-KEY": settings.api_key, "Content-Type": "application/json"},
            json_body=body,
        )

    def parse(self, body: bytes) -> ParsedPage:
        """Organic results and blocks of a Serper response; ``ParseError`` otherwise."""
        data = c.require_object(c.load_json(body, self.name), self.name)
        if "organic" in data:
            items = c.require_list(data, "organic", self.name)
        elif isinstance(data.get("searchParameters"), dict):
            items = []
        elif "message" in data:
            raise ParseError(f"{self.name}: provider error: {c.provider_message(data['message'])}")
        else:
            raise ParseError(f"{self.name}: missing key 'organic' in the response")
        organic = c.numbered(
            (url, item.get("title"), item.get("snippet"))
            for item in c.objects(items)
            if (url := c.http_url(item.get("link"))) is not None
        )
        return ParsedPage(organic=organic, blocks=_blocks(data))

    def __repr__(self) -> str:
        return "SerperSource()"


def _blocks(data: c.JsonObject) -> tuple[ParsedResult, ...]:
    found: list[ParsedResult] = []
    for key, result_type in BLOCKS.items():
        value = data.get(key)
        items = [value] if isinstance(value, dict) else list(c.objects(value))
        for index, item in enumerate(items, start=1):
            url = c.http_url(item.get("link")) or c.http_url(item.get("website"))
            if url is None:
                continue
            title = item.get("question") or item.get("title")
            snippet = item.get("snippet") or item.get("description")
            found.append(c.result(index, url, title, snippet, result_type))
    return tuple(found)


SERPER = SerperSource()
SOURCES: tuple[SerperSource, ...] = (SERPER,)
