"""A self-hosted SearXNG instance, asked for one engine's results as JSON.

Request: ``GET {base_url}/search`` with ``q``, ``format=json``, ``pageno`` (1-based),
``language`` (``hl``, with the country when there is one: ``fr-FR``), ``safesearch=0`` (a leak
must not be hidden by a filter) and ``engines=<the tracked engine>``. The ``engines`` parameter
replaces ``categories=general`` on purpose: SearXNG adds every engine of any category sent with
it (``searx/webadapter.py`` ``parse_generic``), and a page merged from several engines has no
position that belongs to the engine being tracked. Restricted to one engine, SearXNG's order is
that engine's order. No key; location and device have no parameter (location ignored, mobile
refused).

Response: ``results[]`` in the order given (the page order SearXNG shows; it sorts by score),
numbered 1..n, with ``url``, ``title`` and ``content``. ``infoboxes`` are the blocks.
``unresponsive_engines`` do not fail a page that has results, but a page with NO results and
an unresponsive engine is not "no results": it raises ``BlockedError`` when the reason is a
CAPTCHA, "too many requests" or "access denied", else ``ParseError``. A 403 means the instance
has JSON output disabled (the fetch loop reports it); an HTML body given to ``parse`` raises a
``ParseError`` saying how to enable it.
"""

from __future__ import annotations

from collectors.errors import BlockedError, ParseError
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

HTML_HINT = (
    "SearXNG answered HTML, not JSON: enable the json format in settings.yml (search.formats)"
)
#: serpshield engine -> SearXNG engine name (the names of SearXNG's default settings.yml).
ENGINE_NAMES: dict[str, str] = {
    "google": "google",
    "bing": "bing",
    "duckduckgo": "duckduckgo",
    "brave": "brave",
}
_BLOCKED_REASONS = ("captcha", "too many requests", "access denied")


class SearxngSource:
    """A SearXNG instance's JSON search endpoint."""

    name = "searxng"
    payload: PayloadKind = "json"
    engines: tuple[Engine, ...] = ("google", "bing", "duckduckgo", "brave")

    def build_request(self, query: SerpQuery, settings: SourceSettings) -> SourceRequest:
        """The GET for one page; ``ValueError`` without a base URL, for mobile, or another
        engine."""
        c.check_engine(query, self.name, self.engines)
        c.check_paging(query, self.name)
        c.desktop_only(query, self.name)
        base = c.http_url(settings.base_url)
        if base is None:
            raise c.missing(self.name, "base_url", "set sources.searxng.base_url")
        params = {"q": query.text, "format": "json", "pageno": str(query.page)}
        if query.hl:
            language = query.hl.split("-")[0].lower()
            params["language"] = f"{language}-{query.gl.upper()}" if query.gl else language
        params.update(safesearch="0", engines=ENGINE_NAMES[query.engine])
        return SourceRequest(method="GET", url=f"{base.rstrip('/')}/search", params=params)

    def parse(self, body: bytes) -> ParsedPage:
        """Results in SearXNG's order and its infoboxes; ``ParseError`` otherwise."""
        data = c.require_object(c.load_json(body, self.name, html_hint=HTML_HINT), self.name)
        results = c.require_list(data, "results", self.name)
        organic = c.numbered(
            (url, item.get("title"), item.get("content"))
            for item in c.objects(results)
            if (url := c.http_url(item.get("url"))) is not None
        )
        if not organic:
            self._check_engines(data)
        return ParsedPage(organic=organic, blocks=_infoboxes(data))

    def _check_engines(self, data: c.JsonObject) -> None:
        """An empty page is only "no results" if every engine answered."""
        failures = [
            (c.text_of(entry[0]), c.text_of(entry[1]))
            for entry in c.as_list(data.get("unresponsive_engines"))
            if isinstance(entry, list) and len(entry) >= 2
        ]
        if not failures:
            return
        described = ", ".join(f"{name} ({reason})" for name, reason in failures)
        message = f"{self.name}: no results and engines did not answer: {described}"
        if any(word in reason.lower() for _, reason in failures for word in _BLOCKED_REASONS):
            raise BlockedError(c.provider_message(message))
        raise ParseError(c.provider_message(message))

    def __repr__(self) -> str:
        return "SearxngSource()"


def _infoboxes(data: c.JsonObject) -> tuple[ParsedResult, ...]:
    found: list[ParsedResult] = []
    for index, box in enumerate(c.objects(data.get("infoboxes")), start=1):
        links = (c.http_url(link.get("url")) for link in c.objects(box.get("urls")))
        url = c.http_url(box.get("id")) or next((u for u in links if u), None)
        if url is not None:
            found.append(
                c.result(index, url, box.get("infobox"), box.get("content"), "knowledge_panel")
            )
    return tuple(found)


SEARXNG = SearxngSource()
SOURCES: tuple[SearxngSource, ...] = (SEARXNG,)
