"""DataForSEO Google Organic SERP, Live Advanced: the whole page, every element ranked.

Request: ``POST https://api.dataforseo.com/v3/serp/google/organic/live/advanced`` with HTTP
Basic auth (login:password) and a JSON array holding ONE task: ``keyword``, a location
(``location_name`` from the query's location, else ``location_code`` from its country),
``language_code``, ``device`` and ``depth``. Live mode has no page offset: ``depth`` is how many
results come back in one response, so page N of a query is refused and a caller wanting the top
30 asks for page 1 with ``page_size=30``. ``cost_units`` counts SERPs of 10 results, which is how
DataForSEO bills depth.

Response: ``tasks[0].result[0].items[]``, each with a ``type``. ``organic`` items are the
organic results, ordered by ``rank_absolute`` and renumbered 1..n; every other type is a block
kept with its type (``featured_snippet``, ``people_also_ask``, ``video``, ``images``,
``local_pack``...), except ``paid`` and ``knowledge_graph``, named ``ad`` and
``knowledge_panel`` as the other sources name them. A block with nested ``items`` yields one
result per element (position = index in the block); a flat block item is one result (position =
its ``rank_group``). A status_code other than 20000, at the top or on the task, is a
``ParseError`` naming the code and DataForSEO's message.
"""

from __future__ import annotations

import base64
import math

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

ENDPOINT = "https://api.dataforseo.com/v3/serp/google/organic/live/advanced"
OK = 20000
MAX_DEPTH = 700
_RENAMED = {"paid": "ad", "knowledge_graph": "knowledge_panel"}
#: Country (gl) -> DataForSEO location_code. Country codes are Google Ads geo-target ids,
#: 2000 + the ISO 3166-1 numeric code (2840 United States, 2250 France, 2826 United Kingdom).
#: Other countries: set the query's location to a DataForSEO location_name instead.
LOCATION_CODES: dict[str, int] = {
    gl: 2000 + numeric
    for gl, numeric in {
        "ae": 784, "ar": 32, "at": 40, "au": 36, "be": 56, "br": 76, "ca": 124, "ch": 756,
        "cl": 152, "co": 170, "cz": 203, "de": 276, "dk": 208, "eg": 818, "es": 724, "fi": 246,
        "fr": 250, "gb": 826, "gr": 300, "hk": 344, "hu": 348, "id": 360, "ie": 372, "il": 376,
        "in": 356, "it": 380, "jp": 392, "kr": 410, "lu": 442, "mx": 484, "my": 458, "ng": 566,
        "nl": 528, "no": 578, "nz": 554, "pe": 604, "ph": 608, "pl": 616, "pt": 620, "ro": 642,
        "sa": 682, "se": 752, "sg": 702, "th": 764, "tr": 792, "tw": 158, "ua": 804, "uk": 826,
        "us": 840, "vn": 704, "za": 710,
    }.items()
}  # fmt: skip


class DataForSeoSource:
    """DataForSEO's live advanced Google organic endpoint."""

    name = "dataforseo"
    payload: PayloadKind = "json"
    engines: tuple[Engine, ...] = ("google",)
    depth_in_one_request = True  # no offset parameter: page 1 with page_size = the depth

    def build_request(self, query: SerpQuery, settings: SourceSettings) -> SourceRequest:
        """The POST of one live task; ``ValueError`` for missing credentials, another engine,
        a page past the first, or a query with neither a location nor a known country."""
        c.check_engine(query, self.name, self.engines)
        c.check_paging(query, self.name, max_page_size=MAX_DEPTH)
        if query.page != 1:
            raise ValueError(
                f"{self.name} live results have no page offset: request page 1 with "
                f"page_size={query.page * query.page_size} instead of page {query.page}"
            )
        for setting, value in (("login", settings.login), ("password", settings.password)):
            if not value:
                raise c.missing(
                    self.name, setting,
                    f"set the environment variable named by sources.dataforseo.{setting}_env",
                )  # fmt: skip
        task: dict[str, object] = {"keyword": query.text}
        if query.location:
            task["location_name"] = query.location
        elif query.gl.lower() in LOCATION_CODES:
            task["location_code"] = LOCATION_CODES[query.gl.lower()]
        else:
            raise ValueError(
                f"{self.name} needs a location: set the query's location (a DataForSEO "
                f"location_name) or a country code it maps ({', '.join(sorted(LOCATION_CODES))})"
            )
        if not query.hl:
            raise ValueError(f"{self.name} needs a language: set the query's hl")
        task.update(language_code=query.hl, device=query.device, depth=query.page_size)
        token = base64.b64encode(f"{settings.login}:{settings.password}".encode()).decode()
        return SourceRequest(
            method="POST",
            url=ENDPOINT,
            headers={"Authorization": f"Basic {token}", "Content-Type": "application/json"},
            json_body=[task],
            cost_units=float(math.ceil(query.page_size / 10)),
        )

    def parse(self, body: bytes) -> ParsedPage:
        """Organic results (by rank_absolute) and typed blocks of a live advanced response."""
        data = c.require_object(c.load_json(body, self.name), self.name)
        self._check_status(data, "response")
        tasks = c.require_list(data, "tasks", self.name)
        task = c.as_object(tasks[0]) if tasks else None
        if task is None:
            raise ParseError(f"{self.name}: 'tasks' holds no task object")
        self._check_status(task, "task")
        result = next(c.objects(task.get("result")), None)
        if result is None:
            raise ParseError(f"{self.name}: the task has no 'result' object")
        items = list(c.objects(result.get("items")))  # null when the SERP is empty
        organic_items = sorted(
            (item for item in items if item.get("type") == "organic"), key=_rank_absolute
        )
        organic = c.numbered(
            (url, item.get("title"), item.get("description"))
            for item in organic_items
            if (url := c.http_url(item.get("url"))) is not None
        )
        return ParsedPage(organic=organic, blocks=_blocks(items))

    def _check_status(self, data: c.JsonObject, what: str) -> None:
        if "status_code" not in data:
            raise ParseError(f"{self.name}: missing key 'status_code' in the {what}")
        code = data.get("status_code")
        if code != OK:
            message = c.provider_message(data.get("status_message"))
            raise ParseError(
                f"{self.name}: {what} status_code {code} (expected {OK}): {message or 'no message'}"
            )

    def __repr__(self) -> str:
        return "DataForSeoSource()"


def _rank_absolute(item: c.JsonObject) -> int:
    rank = item.get("rank_absolute")
    return rank if isinstance(rank, int) and not isinstance(rank, bool) else MAX_DEPTH * 10


def _blocks(items: list[c.JsonObject]) -> tuple[ParsedResult, ...]:
    found: list[ParsedResult] = []
    for item in items:
        item_type = c.text_of(item.get("type"))
        if not item_type or item_type == "organic":
            continue
        result_type = _RENAMED.get(item_type, item_type)
        elements = list(c.objects(item.get("items")))
        if not elements:
            rank = item.get("rank_group")
            position = rank if isinstance(rank, int) and not isinstance(rank, bool) else 1
            _append(found, position, item, result_type)
        for index, element in enumerate(elements, start=1):
            _append(found, index, element, result_type)
    return tuple(found)


def _append(found: list[ParsedResult], position: int, item: c.JsonObject, kind: str) -> None:
    """One block result, if the item (or a people-also-ask answer) links an http(s) page."""
    expanded = next(c.objects(item.get("expanded_element")), {})
    url = c.http_url(item.get("url")) or c.http_url(expanded.get("url"))
    if url is not None:
        snippet = item.get("description") or expanded.get("description")
        found.append(c.result(position, url, item.get("title"), snippet, kind))


DATAFORSEO = DataForSeoSource()
SOURCES: tuple[DataForSeoSource, ...] = (DATAFORSEO,)
