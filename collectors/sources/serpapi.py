"""SerpApi and the two providers that answer in its response shape: SearchApi and ValueSerp.

The three share one parser (``organic_results[]`` with ``position``/``link``/``title``/
``snippet``, and named blocks beside it) and differ only in their request: endpoint, parameter
names, paging and how the key travels.

Keys (checked July 2026):

* SearchApi takes ``Authorization: Bearer <key>`` (it also accepts ``api_key=``, unused).
* SerpApi and ValueSerp document the key ONLY as the ``api_key`` query parameter; there is no
  header alternative (SerpApi's "Allow sending API key in header", serpapi/public-roadmap#784, is
  open; ValueSerp's docs and error envelope know no header either). So for those two the key is
  in ``params``: the fetch loop must redact ``api_key`` from any URL it logs or archives.

Paging: Google on SerpApi is the ``start`` offset and on SearchApi/ValueSerp the ``page``
number; Bing on SerpApi is ``first`` (1-based offset) and on SearchApi ``page``; DuckDuckGo on
SerpApi is the ``start`` offset, while SearchApi pages DuckDuckGo only with a
``next_page_token`` from the previous response, which a stateless request cannot carry, so it
serves page 1 only. Safe search is turned off where the provider documents how: a leak must not
be hidden from the monitor by a filter some users do not have. Locations are sent where the
engine takes one and otherwise ignored (country and language still apply).

Organic positions are renumbered 1..n in page order: an organic item without an http(s) link
(SerpApi's answer-like items) is not a result and is skipped. A body whose ``error`` says the
engine "hasn't returned any results" is a real empty page; any other error is a ``ParseError``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from urllib.parse import parse_qs, unquote, urlsplit

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

#: response key -> result_type of the blocks kept for ``--all``.
BLOCKS: dict[str, str] = {
    "answer_box": "featured_snippet",
    "knowledge_graph": "knowledge_panel",
    "related_questions": "people_also_ask",
    "top_stories": "top_stories",
    "inline_videos": "video",
    "short_videos": "short_video",
    "ads": "ad",
    "local_results": "local_pack",
}
_NO_RESULTS = "hasn't returned any results"
Builder = Callable[[SerpQuery, str], tuple[str, dict[str, str], dict[str, str]]]


class SerpApiStyleSource:
    """One provider of the SerpApi response family: its own request builder, the shared parser."""

    payload: PayloadKind = "json"

    def __init__(self, name: str, engines: tuple[Engine, ...], builder: Builder) -> None:
        self.name = name
        self.engines = engines
        self._builder = builder

    def build_request(self, query: SerpQuery, settings: SourceSettings) -> SourceRequest:
        """The GET for one page; ``ValueError`` for a missing key or an engine not served."""
        c.check_engine(query, self.name, self.engines)
        c.check_paging(query, self.name)
        if not settings.api_key:
            raise c.key_missing(self.name)
        url, params, headers = self._builder(query, settings.api_key)
        return SourceRequest(method="GET", url=url, params=params, headers=headers)

    def parse(self, body: bytes) -> ParsedPage:
        """Organic results and blocks of a SerpApi-shaped body; ``ParseError`` otherwise."""
        return parse_serpapi_json(body, self.name)

    def __repr__(self) -> str:
        return f"SerpApiStyleSource({self.name!r})"


def parse_serpapi_json(body: bytes, source: str) -> ParsedPage:
    """Parse a SerpApi / SearchApi / ValueSerp response into organic results and blocks."""
    data = c.require_object(c.load_json(body, source), source)
    error = data.get("error")
    if error is not None:
        message = c.provider_message(error)
        if _NO_RESULTS in message:
            return ParsedPage(organic=())
        raise ParseError(f"{source}: provider error: {message}")
    info = c.as_object(data.get("request_info"))  # ValueSerp's envelope
    if info is not None and info.get("success") is False:
        raise ParseError(f"{source}: provider error: {c.provider_message(info.get('message'))}")
    if "organic_results" in data:
        items = c.require_list(data, "organic_results", source)
    elif isinstance(data.get("search_metadata"), dict):
        items = []  # a real response without organic results (only an answer, a map...)
    else:
        raise ParseError(f"{source}: missing key 'organic_results' in the response")
    organic = c.numbered(
        (_bing_destination(url) or url, item.get("title"), item.get("snippet"))
        for item in c.objects(items)
        if (url := c.http_url(item.get("link"))) is not None
    )
    return ParsedPage(organic=organic, blocks=_blocks(data))


def _blocks(data: c.JsonObject) -> tuple[ParsedResult, ...]:
    found: list[ParsedResult] = []
    for key, result_type in BLOCKS.items():
        for index, item in enumerate(_block_items(data.get(key)), start=1):
            url = _block_url(item)
            if url is None:
                continue
            title = item.get("question") or _title(item.get("title"))
            snippet = item.get("snippet") or item.get("description")
            found.append(c.result(index, url, title, snippet, result_type))
    return tuple(found)


def _title(value: object) -> object:
    """Bing shopping ads split a title into ``{"visible": ..., "hidden": ...}`` parts."""
    parts = c.as_object(value)
    if parts is None:
        return value
    return " ".join(c.text_of(parts.get(key)) for key in ("visible", "hidden"))


def _block_items(value: object) -> list[c.JsonObject]:
    """A block is a list of items, an object holding one (``items``, ``places``...) or a
    single object such as the knowledge graph."""
    if isinstance(value, list):
        return list(c.objects(value))
    block = c.as_object(value)
    if block is None:
        return []
    for key in ("items", "places", "results", "stories"):
        if isinstance(block.get(key), list):
            return list(c.objects(block[key]))
    return [block]


def _block_url(item: c.JsonObject) -> str | None:
    """The destination of a block item: a video's source page before the engine's player page,
    a place's website, a panel's website or cited source."""
    links = c.as_object(item.get("links")) or {}
    source = c.as_object(item.get("source")) or {}
    for candidate in (
        item.get("source_link"),
        item.get("link"),
        item.get("website"),
        links.get("website"),
        source.get("link"),
        item.get("tracking_link"),
    ):
        url = c.http_url(candidate)
        if url is not None:
            return _bing_destination(url) or url
    return None


def _bing_destination(url: str) -> str | None:
    """The advertiser's URL inside a Bing click wrapper (``bing.com/aclk`` or ``/ck/a``), whose
    ``u`` parameter is the URL-encoded destination in base64, optionally prefixed ``a1``; an ad
    counted under bing.com would hide who advertises."""
    parts = urlsplit(url)
    if not (parts.hostname or "").endswith("bing.com") or parts.path not in ("/aclk", "/ck/a"):
        return None
    encoded = parse_qs(parts.query).get("u", [""])[0].removeprefix("a1")
    try:
        decoded = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return c.http_url(unquote(decoded))


def _add(params: dict[str, str], key: str, value: str | None) -> None:
    if value:
        params[key] = value


def _offset(query: SerpQuery, first: int = 0) -> str:
    return str((query.page - 1) * query.page_size + first)


def _serpapi_request(query: SerpQuery, key: str) -> tuple[str, dict[str, str], dict[str, str]]:
    params = {"engine": query.engine, "q": query.text}
    if query.engine == "google":
        _add(params, "gl", query.gl)
        _add(params, "hl", query.hl)
        _add(params, "location", query.location)
        params.update(device=query.device, safe="off", start=_offset(query))
        params["num"] = str(query.page_size)
    elif query.engine == "bing":
        if query.gl and query.hl:
            params["mkt"] = f"{query.hl.split('-')[0]}-{query.gl.upper()}"
        else:
            _add(params, "cc", query.gl)
        _add(params, "location", query.location)
        params.update(device=query.device, safeSearch="Off", first=_offset(query, first=1))
        params["count"] = str(query.page_size)
    else:  # duckduckgo: region-language pairs such as us-en, uk-en, fr-fr
        c.desktop_only(query, "serpapi (duckduckgo)")
        if query.gl and query.hl:
            region = "uk" if query.gl == "gb" else query.gl
            params["kl"] = f"{region}-{query.hl.split('-')[0]}"
        params.update(safe="-2", start=_offset(query))
    params["api_key"] = key  # SerpApi accepts no header: see the module docstring
    return "https://serpapi.com/search.json", params, {}


def _searchapi_request(query: SerpQuery, key: str) -> tuple[str, dict[str, str], dict[str, str]]:
    params = {"engine": query.engine, "q": query.text}
    if query.engine == "google":
        _add(params, "gl", query.gl)
        _add(params, "hl", query.hl)
        _add(params, "location", query.location)
        params.update(device=query.device, safe="off", page=str(query.page))
        params["num"] = str(query.page_size)
    elif query.engine == "bing":
        _add(params, "country_code", query.gl)
        _add(params, "language", query.hl)
        _add(params, "location", query.location)
        params.update(device=query.device, safe_search="off", page=str(query.page))
    else:
        c.desktop_only(query, "searchapi (duckduckgo)")
        if query.page != 1:
            raise ValueError(
                "searchapi pages duckduckgo only with the next_page_token of the previous "
                f"response; page {query.page} cannot be requested on its own"
            )
        if query.gl and query.hl:
            region = "uk" if query.gl == "gb" else query.gl
            params["locale"] = f"{region}-{query.hl.split('-')[0]}"
        params["safe"] = "off"
    headers = {"Authorization": f"Bearer {key}"}
    return "https://www.searchapi.io/api/v1/search", params, headers


def _valueserp_request(query: SerpQuery, key: str) -> tuple[str, dict[str, str], dict[str, str]]:
    params = {"q": query.text}
    _add(params, "gl", query.gl)
    _add(params, "hl", query.hl)
    _add(params, "location", query.location)
    params.update(device=query.device, page=str(query.page), num=str(query.page_size))
    params["api_key"] = key  # ValueSerp accepts no header: see the module docstring
    return "https://api.valueserp.com/search", params, {}


SERPAPI = SerpApiStyleSource("serpapi", ("google", "bing", "duckduckgo"), _serpapi_request)
SEARCHAPI = SerpApiStyleSource("searchapi", ("google", "bing", "duckduckgo"), _searchapi_request)
VALUESERP = SerpApiStyleSource("valueserp", ("google",), _valueserp_request)

SOURCES: tuple[SerpApiStyleSource, ...] = (SERPAPI, SEARCHAPI, VALUESERP)
