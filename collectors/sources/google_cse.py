"""Google Custom Search JSON API (Programmable Search Engine), for queries on engine "google".

Request: ``GET https://www.googleapis.com/customsearch/v1`` with the API key in the
``X-goog-api-key`` header (Google APIs accept it there as well as in ``key=``; the header keeps
it out of URLs), the engine id ``cx`` (an identifier, not a secret), ``q``, ``gl``, ``hl``,
``start`` (1-based result index) and ``num`` (1 to 10). The API serves the first 100 results
only, so a page ending past result 100 is refused. ``safe=off``: a leak must not be hidden by a
filter. ``lr`` is not sent: it would restrict results to one language, which a searcher's
``hl`` does not. Location and device have no parameter: the location is ignored (``gl``
applies) and a mobile query is refused. Note: a CSE engine shows what it is configured to
search (a "whole web" engine only approximates google.com), and Google closed this API to new
customers with a shutdown announced for 1 January 2027.

Response: ``items[]`` with ``link``, ``title`` and ``snippet`` (which may be missing or empty).
A response without ``items`` is an empty page; both the current schema and the 2010 one
(``totalResults`` a number, no ``searchInformation``) parse the same. Errors come as
``{"error": {"code", "message", ...}}``. Blocks: ``promotions`` (the engine owner's promoted
links).
"""

from __future__ import annotations

from collectors.errors import ParseError
from collectors.sources import api_common as c
from collectors.sources.base import (
    Engine,
    ParsedPage,
    PayloadKind,
    SerpQuery,
    SourceRequest,
    SourceSettings,
)

ENDPOINT = "https://www.googleapis.com/customsearch/v1"
MAX_NUM = 10
MAX_RESULTS = 100


class GoogleCseSource:
    """The Custom Search JSON API."""

    name = "google-cse"
    payload: PayloadKind = "json"
    engines: tuple[Engine, ...] = ("google",)

    def build_request(self, query: SerpQuery, settings: SourceSettings) -> SourceRequest:
        """The GET for one page; ``ValueError`` for a missing key or engine id, another engine,
        mobile, or a page past the API's first 100 results."""
        c.check_engine(query, self.name, self.engines)
        c.check_paging(query, self.name, max_page_size=MAX_NUM)
        c.desktop_only(query, self.name)
        start = (query.page - 1) * query.page_size + 1
        last = start + query.page_size - 1
        if last > MAX_RESULTS:
            raise ValueError(
                f"{self.name} serves the first {MAX_RESULTS} results only; page {query.page} of "
                f"{query.page_size} would end at result {last}"
            )
        if not settings.api_key:
            raise c.key_missing(self.name)
        if not settings.engine_id:
            raise c.missing(self.name, "engine_id", "set sources.google-cse.engine_id")
        params = {"cx": settings.engine_id, "q": query.text}
        if query.gl:
            params["gl"] = query.gl.lower()
        if query.hl:
            params["hl"] = query.hl
        params.update(start=str(start), num=str(query.page_size), safe="off")
        return SourceRequest(
            method="GET", url=ENDPOINT, params=params, headers={"X-goog-api-key": settings.api_key}
        )

    def parse(self, body: bytes) -> ParsedPage:
        """Items and promotions of a Custom Search response; ``ParseError`` otherwise."""
        data = c.require_object(c.load_json(body, self.name), self.name)
        error = data.get("error")
        if error is not None:
            details = c.as_object(error) or {}
            message = c.provider_message(details.get("message") or error)
            code = details.get("code")
            raise ParseError(f"{self.name}: provider error{f' {code}' if code else ''}: {message}")
        if "items" in data:
            items = c.require_list(data, "items", self.name)
        elif data.get("kind") == "customsearch#search" or "queries" in data:
            items = []  # no match: Google leaves the key out
        else:
            raise ParseError(f"{self.name}: missing key 'items' in the response")
        organic = c.numbered(
            (url, item.get("title"), item.get("snippet"))
            for item in c.objects(items)
            if (url := c.http_url(item.get("link"))) is not None
        )
        promotions = tuple(
            c.result(index, url, item.get("title"), "", "promotion")
            for index, item in enumerate(c.objects(data.get("promotions")), start=1)
            if (url := c.http_url(item.get("link"))) is not None
        )
        return ParsedPage(organic=organic, blocks=promotions)

    def __repr__(self) -> str:
        return "GoogleCseSource()"


GOOGLE_CSE = GoogleCseSource()
SOURCES: tuple[GoogleCseSource, ...] = (GOOGLE_CSE,)
