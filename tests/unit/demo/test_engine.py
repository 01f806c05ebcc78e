"""The simulated search engine answers in the providers' real formats, parsed by the real
parsers, with results that follow the story."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlencode

import pytest

from collectors.errors import BlockedError, ParseError
from collectors.sources import get_parser
from collectors.ssrf import SsrfPolicy, address_problem
from serpshield.demo import story_fitness, story_public
from serpshield.demo.engine import SearchEngine
from serpshield.demo.hosts import HostFarm
from serpshield.demo.scenario import DEMO_ENV, SEARXNG_URL, SERPAPI_KEY_ENV, make_story
from serpshield.demo.world import at

STORY = make_story(40)
ENGINE = SearchEngine(STORY, 7)


def serpapi_url(q: str, **params: str) -> str:
    query = {"engine": "google", "q": q, "gl": "fr", "hl": "fr", "device": "desktop",
             "start": "0", "num": "10", **params, "api_key": DEMO_ENV[SERPAPI_KEY_ENV]}  # fmt: skip
    return f"https://serpapi.com/search.json?{urlencode(query)}"


def searxng_url(q: str, page: int, language: str = "fr-FR", engine: str = "google") -> str:
    query = {"q": q, "format": "json", "pageno": str(page), "language": language,
             "safesearch": "0", "engines": engine}  # fmt: skip
    return f"{SEARXNG_URL}/search?{urlencode(query)}"


def test_serpapi_answers_parse_with_the_real_parser_and_show_the_leak() -> None:
    answer = ENGINE.answer("GET", serpapi_url("maeva fit fuite"), at(-30, 6, 15))
    assert answer.status_code == 200
    page = get_parser("serpapi").parse(answer.body)
    assert [r.position for r in page.organic] == list(range(1, 11))
    assert story_fitness.FORUM not in [r.url for r in page.organic]  # delisted by Google
    assert story_fitness.ARCHIVE in [r.url for r in page.organic]


def test_bing_keeps_what_google_delisted() -> None:
    url = serpapi_url("maeva fit", engine="bing", mkt="fr-FR", first="1", count="10")
    page = get_parser("serpapi").parse(ENGINE.answer("GET", url, at(-30, 6, 15)).body)
    assert story_fitness.FORUM in [r.url for r in page.organic]


def test_searxng_serves_two_pages_and_page_two_continues_the_positions() -> None:
    parser = get_parser("searxng")
    first = parser.parse(ENGINE.answer("GET", searxng_url("camille arnaud-ferris", 1),
                                       at(-2, 6, 20)).body)  # fmt: skip
    second = parser.parse(ENGINE.answer("GET", searxng_url("camille arnaud-ferris", 2),
                                        at(-2, 6, 20)).body)  # fmt: skip
    assert len(first.organic) == 10 and len(second.organic) >= 5
    assert story_public.DEFAMATION in [r.url for r in second.organic]
    assert not {r.url for r in first.organic} & {r.url for r in second.organic}


def test_a_wrong_key_is_refused_like_serpapi_does() -> None:
    url = serpapi_url("maeva fit").replace(DEMO_ENV[SERPAPI_KEY_ENV], "real-looking-key")
    assert ENGINE.answer("GET", url, at(-3, 6)).status_code == 401


def test_planned_faults_use_the_providers_failure_shapes() -> None:
    seen: dict[str, int] = {}
    for client in STORY.clients:
        for query in client.queries:
            for day in STORY.days:
                for source in ("serpapi", "searxng"):
                    fault = ENGINE.fault(source, client, query, day)
                    if fault:
                        seen[fault] = seen.get(fault, 0) + 1
    assert set(seen) == {"http_503", "truncated", "captcha", "engine_timeout"}
    day, client, query = next(
        (d, c, q) for d in STORY.days for c in STORY.clients[2:] for q in c.queries[:1]
        if ENGINE.fault("searxng", c, q, d) is not None
    )  # fmt: skip
    url = searxng_url(query.text, 1, f"{query.hl}-{query.gl.upper()}", query.engine)
    body = ENGINE.answer("GET", url, at(day, 6, 20)).body
    with pytest.raises((BlockedError, ParseError)):
        get_parser("searxng").parse(body)


def test_the_simulated_hosts_resolve_to_addresses_the_ssrf_guard_accepts() -> None:
    farm = HostFarm(STORY)
    assert farm.addresses
    for address in farm.addresses.values():
        assert address_problem(ipaddress.ip_address(address), SsrfPolicy()) is None


def test_a_host_answers_by_its_timeline() -> None:
    farm = HostFarm(STORY)
    host = "partagefichiers.example"
    url = f"https://{farm.addresses[host]}:443/f/8KQ2M7"
    assert farm.answer(url, at(-31, 8)).status_code == 200
    assert farm.answer(url, at(-30, 8)).status_code == 410
    assert farm.answer(url, at(-24, 8)).status_code == 200  # reinstated
    soft = farm.answer(url, at(-22, 8))
    assert soft.status_code == 200 and "Fichier introuvable" in soft.body.decode()
    assert farm.answer(f"https://{farm.addresses[host]}:443/f/none", at(-3, 8)).status_code == 404
