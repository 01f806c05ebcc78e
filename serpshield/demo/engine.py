"""The simulated search engine: ranked results for a tracked query on a simulated day.

Each page of the story has a rank path per query group (``world.Page``); on a given day the
engine takes every page the engine's index holds, adds a small seeded jitter (a static one per
query, so mobile and Bing differ from desktop Google, and a daily one, so positions wobble as
real ones do), sorts, and serves the requested page of ten in the provider's own format
(``formats``) through ``collectors.simulate.simulated_transport``: the real collectors fetch
and parse it as if it came over the network. A few fetches fail on purpose (a 503 the
retries cannot get past, a truncated body, a CAPTCHA or a timed-out engine behind SearXNG) so
the warehouse has the gaps real collection has; never on the days a leaked copy first shows,
so the story's detections do not move. Same seed, same answers, byte for byte.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal
from urllib.parse import parse_qs, urlsplit

from collectors.http import Transport
from collectors.simulate import SimulatedResponse, simulated_transport
from serpshield.demo import formats
from serpshield.demo.scenario import DEMO_ENV, SEARXNG_URL, SERPAPI_KEY_ENV, Story
from serpshield.demo.world import ClientStory, Page, QuerySpec, day_index, rank_on

Fault = Literal["http_503", "truncated", "captcha", "engine_timeout"]
FAULT_RATES = {"serpapi": 0.015, "searxng": 0.04}  # share of query-days that fail
PAGE_SIZE = 10
JSON = {"Content-Type": "application/json; charset=utf-8"}


def unit(*parts: object) -> float:
    """A stable pseudo-random number in [0, 1) from ``parts`` (never Python's salted hash)."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:7], "big") / 2**56


@dataclass(frozen=True)
class _Asked:
    """What a request asks for, read back from the provider's own parameters."""

    source: str
    client: ClientStory
    query: QuerySpec
    page: int


class SearchEngine:
    """Answers SerpApi and SearXNG requests for the story's tracked queries."""

    def __init__(self, story: Story, seed: int) -> None:
        self.story = story
        self.seed = seed
        self._queries: dict[tuple[str, str, str, str], tuple[ClientStory, QuerySpec]] = {
            (q.text, q.engine, q.gl, q.device): (client, q)
            for client in story.clients
            for q in client.queries
        }
        self._first_stored: dict[str, int] | None = None
        self._protected = {
            client.slug: {
                first + shift
                for page in (c.page for c in client.copies)
                for first in (min(p[0][0] for p in page.ranks.values()),)
                for shift in (-1, 0, 1)
            }
            for client in story.clients
        }

    def ranking(self, client: ClientStory, query: QuerySpec, day: int) -> list[Page]:
        """Every result the query shows on ``day``, best first."""
        scored: list[tuple[float, str, Page]] = []
        for page in client.all_pages():
            path = page.ranks.get(query.group)
            base = rank_on(path, day) if path else None
            if base is None or not page.shown(day, query.engine):
                continue
            static = (unit(self.seed, "static", query.key, page.url) - 0.5) * 0.8
            daily = (unit(self.seed, "daily", query.key, page.url, day) - 0.5) * 0.6
            scored.append((base + static + daily, page.url, page))
        return [page for _, _, page in sorted(scored, key=lambda s: (s[0], s[1]))]

    def fault(self, source: str, client: ClientStory, query: QuerySpec, day: int) -> Fault | None:
        """The failure planned for this source, query and day, if any."""
        if day in self._protected[client.slug]:
            return None
        if unit(self.seed, "fault", source, query.key, day) >= FAULT_RATES[source]:
            return None
        pick = unit(self.seed, "fault-kind", source, query.key, day) < 0.5
        if source == "serpapi":
            return "http_503" if pick else "truncated"
        return "captcha" if pick else "engine_timeout"

    def new_urls(self, day: int) -> frozenset[str]:
        """URLs the collections store for the first time on ``day`` (a URL only a failed
        fetch would have shown is stored later): the only days the candidate queue can gain
        anything to review."""
        if self._first_stored is None:
            first: dict[str, int] = {}
            for d in self.story.days:
                for url in self._stored(d):
                    first.setdefault(url, d)
            self._first_stored = first
        return frozenset(url for url, d in self._first_stored.items() if d == day)

    def _stored(self, day: int) -> set[str]:
        urls: set[str] = set()
        for slug, source, depth in self.story.collections:
            for client in self.story.clients:
                if slug is not None and client.slug != slug:
                    continue
                for query in client.queries:
                    if source == "searxng" and query.device != "desktop":
                        continue
                    if self.fault(source, client, query, day) is None:
                        urls.update(p.url for p in self.ranking(client, query, day)[:depth])
        return urls

    def transport(self, moment: datetime) -> Transport:
        """A transport answering as the providers would at ``moment``."""

        async def respond(method: str, url: str) -> SimulatedResponse:
            return self.answer(method, url, moment)

        return simulated_transport(respond)

    def answer(self, method: str, url: str, moment: datetime) -> SimulatedResponse:
        """The provider's HTTP answer to one request."""
        parts = urlsplit(url)
        params = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        token = formats.token_for(self.seed, url, moment.isoformat())
        if parts.hostname == "serpapi.com" and parts.path == "/search.json":
            if params.get("api_key") != DEMO_ENV[SERPAPI_KEY_ENV]:
                body = formats.serpapi_error_body("Invalid API key.", moment, token)
                return SimulatedResponse(401, body, JSON)
            return self._serve(self._serpapi_asked(params), moment, token)
        if f"{parts.scheme}://{parts.hostname}" == SEARXNG_URL and parts.path == "/search":
            return self._serve(self._searxng_asked(params), moment, token)
        return SimulatedResponse(404, b'{"error": "Not found"}', JSON)

    def _find(
        self, source: str, text: str, engine: str, gl: str, device: str, page: int
    ) -> _Asked | None:
        found = self._queries.get((text, engine, gl, device))
        return None if found is None else _Asked(source, found[0], found[1], page)

    def _serpapi_asked(self, p: dict[str, str]) -> _Asked | None:
        engine = p.get("engine", "google")
        if engine == "bing":
            gl = p.get("mkt", "-").split("-")[-1].lower()
            offset = int(p.get("first", "1")) - 1
        elif engine == "duckduckgo":
            gl = p.get("kl", "-").split("-")[0].replace("uk", "gb")
            offset = int(p.get("start", "0"))
        else:
            gl, offset = p.get("gl", ""), int(p.get("start", "0"))
        device = p.get("device", "desktop")
        return self._find("serpapi", p.get("q", ""), engine, gl, device, offset // PAGE_SIZE + 1)

    def _searxng_asked(self, p: dict[str, str]) -> _Asked | None:
        gl = p.get("language", "").partition("-")[2].lower()
        page = int(p.get("pageno", "1"))
        return self._find("searxng", p.get("q", ""), p.get("engines", ""), gl, "desktop", page)

    def _serve(self, asked: _Asked | None, moment: datetime, token: str) -> SimulatedResponse:
        if asked is None:
            return SimulatedResponse(400, b'{"error": "Unsupported query."}', JSON)
        day, q = day_index(moment), asked.query
        results = self.ranking(asked.client, q, day)
        first = (asked.page - 1) * PAGE_SIZE
        request = formats.PageRequest(
            query=q,
            page=asked.page,
            pages=results[first : first + PAGE_SIZE],
            first_position=first + 1,
            total_results=int(20_000 + 380_000 * unit(self.seed, "total", q.key, day // 7)),
            moment=moment,
            token=token,
            seconds=round(0.6 + 1.8 * unit(self.seed, "seconds", q.key, day, asked.page), 2),
        )
        fault = self.fault(asked.source, asked.client, q, day) if asked.page == 1 else None
        if fault == "http_503":  # Retry-After: 0, so the real retries run without waiting
            return SimulatedResponse(503, b"", {**JSON, "Retry-After": "0"})
        if asked.source == "serpapi":
            body = formats.serpapi_body(request)
            return SimulatedResponse(200, body[: len(body) // 2] if fault else body, JSON)
        if fault is not None:
            reason = "CAPTCHA" if fault == "captcha" else "timeout"
            empty = replace(request, pages=())
            return SimulatedResponse(200, formats.searxng_body(empty, [(q.engine, reason)]), JSON)
        return SimulatedResponse(200, formats.searxng_body(request), JSON)
