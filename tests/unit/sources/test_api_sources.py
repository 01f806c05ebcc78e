"""The API sources: requests they build, and bodies they refuse.

Request tests pin the documented endpoint, parameter names, paging and where the key travels
(a header wherever the provider accepts one; SerpApi and ValueSerp accept none). Parse tests
feed the bodies a provider answers when things go wrong: every one must raise ``ParseError``
naming the source, never an ``IndexError`` or a silent empty page.
"""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from collectors.errors import BlockedError, ParseError
from collectors.sources import FETCHERS
from collectors.sources.base import Engine, FetchableSource, SerpQuery, SourceSettings
from collectors.sources.brave import BRAVE
from collectors.sources.dataforseo import DATAFORSEO
from collectors.sources.google_cse import GOOGLE_CSE
from collectors.sources.searxng import SEARXNG
from collectors.sources.serpapi import SEARCHAPI, SERPAPI, VALUESERP
from collectors.sources.serper import SERPER
from serpshield.config import SOURCE_NAMES

KEY = "sk-SECRET-1234567890"
FULL = SourceSettings(
    api_key=KEY, login="me@agency.example", password="pw-SECRET-987",
    engine_id="cx-0123", base_url="http://127.0.0.1:8888/",
)  # fmt: skip
ALL = (SERPAPI, SEARCHAPI, VALUESERP, SERPER, DATAFORSEO, BRAVE, GOOGLE_CSE, SEARXNG)
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "serp"
GOOD_BODY = {  # one real body per source, to cut in half
    "serpapi": "serpapi_json/asimov_isaac-asimov_google_2025-05-24.json",
    "searchapi": "serpapi_json/asimov_isaac-asimov_bing_2025-05-24.json",
    "valueserp": "serpapi_json/magrosskopf_coffee_google_2022-03-17.CONVERTED-from-js.json",
    "serper": "serper_json/langchain-docs_apple-inc_search_2023.CONVERTED-from-pprint.json",
    "dataforseo": "dataforseo_json/constructed_lea-fit_2026.json",
    "brave": "brave_json/larallama_laravel_2024-03.json",
    "google-cse": "google_cse_json/ksowah_cat_2022.json",
    "searxng": "searxng_json/browseapi_attention-is-all-you-need_general.json",
}


def q(engine: Engine = "google", **kw: Any) -> SerpQuery:
    return SerpQuery(text="lea fit", engine=engine, gl="fr", hl="fr", **kw)


def body(data: object) -> bytes:
    return json.dumps(data).encode()


def secrets(settings: SourceSettings) -> list[str]:
    return [v for v in (settings.api_key, settings.login, settings.password) if v]


# --- the registry -----------------------------------------------------------------------


def test_the_sources_are_the_configurable_ones_and_fetchable() -> None:
    assert sorted(s.name for s in ALL) == sorted(SOURCE_NAMES)
    for source in ALL:
        assert isinstance(source, FetchableSource)
        assert FETCHERS[source.name] is source
        assert source.payload == "json"


# --- requests ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "engine", "page", "expected"),
    [
        (SERPAPI, "google", 1, {"start": "0", "num": "10"}),
        (SERPAPI, "google", 2, {"start": "10", "num": "10"}),
        (SERPAPI, "google", 3, {"start": "20", "num": "10"}),
        (SERPAPI, "bing", 1, {"first": "1", "count": "10"}),
        (SERPAPI, "bing", 2, {"first": "11", "count": "10"}),
        (SERPAPI, "bing", 3, {"first": "21", "count": "10"}),
        (SERPAPI, "duckduckgo", 1, {"start": "0"}),
        (SERPAPI, "duckduckgo", 2, {"start": "10"}),
        (SERPAPI, "duckduckgo", 3, {"start": "20"}),
        (SEARCHAPI, "google", 1, {"page": "1", "num": "10"}),
        (SEARCHAPI, "google", 2, {"page": "2", "num": "10"}),
        (SEARCHAPI, "google", 3, {"page": "3", "num": "10"}),
        (SEARCHAPI, "bing", 2, {"page": "2"}),
        (SEARCHAPI, "bing", 3, {"page": "3"}),
        (VALUESERP, "google", 1, {"page": "1", "num": "10"}),
        (VALUESERP, "google", 3, {"page": "3", "num": "10"}),
        (BRAVE, "brave", 1, {"offset": "0", "count": "10"}),
        (BRAVE, "brave", 2, {"offset": "1", "count": "10"}),
        (BRAVE, "brave", 3, {"offset": "2", "count": "10"}),
        (GOOGLE_CSE, "google", 1, {"start": "1", "num": "10"}),
        (GOOGLE_CSE, "google", 2, {"start": "11", "num": "10"}),
        (GOOGLE_CSE, "google", 3, {"start": "21", "num": "10"}),
        (SEARXNG, "bing", 1, {"pageno": "1"}),
        (SEARXNG, "google", 3, {"pageno": "3"}),
    ],
)
def test_paging_parameters(
    source: FetchableSource, engine: Engine, page: int, expected: dict[str, str]
) -> None:
    request = source.build_request(q(engine, page=page), FULL)
    assert {k: request.params[k] for k in expected} == expected


def test_serper_pages_in_its_json_body() -> None:
    for page in (1, 2, 3):
        request = SERPER.build_request(q(page=page, location="Paris, France"), FULL)
        assert request.json_body == {
            "q": "lea fit", "gl": "fr", "hl": "fr", "location": "Paris, France", "num": 10,
            "page": page,
        }  # fmt: skip


@pytest.mark.parametrize(
    ("source", "engine", "url", "header", "value"),
    [
        (SEARCHAPI, "google", "https://www.searchapi.io/api/v1/search", "Authorization",
         f"Bearer {KEY}"),
        (SERPER, "google", "https://google.serper.dev/search", "X-API-KEY", KEY),
        (BRAVE, "brave", "https://api.search.brave.com/res/v1/web/search",
         "X-Subscription-Token", KEY),
        (GOOGLE_CSE, "google", "https://www.googleapis.com/customsearch/v1", "X-goog-api-key",
         KEY),
    ],
)  # fmt: skip
def test_the_key_travels_in_a_header_where_the_provider_takes_one(
    source: FetchableSource, engine: Engine, url: str, header: str, value: str
) -> None:
    request = source.build_request(q(engine), FULL)
    assert request.url == url
    assert request.headers[header] == value
    assert KEY not in request.url
    assert KEY not in json.dumps(dict(request.params))
    assert KEY not in json.dumps(request.json_body)
    assert KEY not in repr(request)


@pytest.mark.parametrize(
    ("source", "url"),
    [(SERPAPI, "https://serpapi.com/search.json"), (VALUESERP, "https://api.valueserp.com/search")],
)
def test_serpapi_and_valueserp_take_the_key_only_as_a_parameter(
    source: FetchableSource, url: str
) -> None:
    request = source.build_request(q(), FULL)
    assert (request.url, request.params["api_key"]) == (url, KEY)
    assert KEY not in request.url and not request.headers


def test_dataforseo_request() -> None:
    request = DATAFORSEO.build_request(q(page_size=30, device="mobile"), FULL)
    assert (request.method, request.url) == (
        "POST", "https://api.dataforseo.com/v3/serp/google/organic/live/advanced",
    )  # fmt: skip
    scheme, token = request.headers["Authorization"].split()
    assert scheme == "Basic"
    assert base64.b64decode(token).decode() == f"{FULL.login}:{FULL.password}"
    assert request.json_body == [
        {"keyword": "lea fit", "location_code": 2250, "language_code": "fr", "device": "mobile",
         "depth": 30}
    ]  # fmt: skip
    assert request.cost_units == 3
    located = DATAFORSEO.build_request(q(location="Paris,Ile-de-France,France"), FULL)
    assert located.json_body == [
        {"keyword": "lea fit", "location_name": "Paris,Ile-de-France,France",
         "language_code": "fr", "device": "desktop", "depth": 10}
    ]  # fmt: skip
    with pytest.raises(ValueError, match="page_size=20 instead of page 2"):
        DATAFORSEO.build_request(q(page=2), FULL)
    with pytest.raises(ValueError, match="needs a location"):
        DATAFORSEO.build_request(replace(q(), gl="zz"), FULL)


def test_engine_specific_parameters() -> None:
    google = SERPAPI.build_request(q(location="Paris, France", device="mobile"), FULL).params
    assert {k: google[k] for k in ("engine", "q", "gl", "hl", "location", "device", "safe")} == {
        "engine": "google", "q": "lea fit", "gl": "fr", "hl": "fr", "location": "Paris, France",
        "device": "mobile", "safe": "off",
    }  # fmt: skip
    assert SERPAPI.build_request(q("bing"), FULL).params["mkt"] == "fr-FR"
    assert SERPAPI.build_request(q("duckduckgo"), FULL).params["kl"] == "fr-fr"
    gb = replace(q("duckduckgo"), gl="gb", hl="en")
    assert SERPAPI.build_request(gb, FULL).params["kl"] == "uk-en"
    bing = SEARCHAPI.build_request(q("bing"), FULL).params
    assert (bing["country_code"], bing["language"]) == ("fr", "fr")
    brave = BRAVE.build_request(q("brave"), FULL).params
    assert (brave["country"], brave["search_lang"], brave["safesearch"]) == ("FR", "fr", "off")
    cse = GOOGLE_CSE.build_request(q(), FULL).params
    assert (cse["cx"], cse["gl"], cse["hl"], cse["safe"]) == ("cx-0123", "fr", "fr", "off")


def test_searxng_asks_one_engine_in_json() -> None:
    request = SEARXNG.build_request(q("duckduckgo", page=2), FULL)
    assert request.url == "http://127.0.0.1:8888/search"
    assert dict(request.params) == {
        "q": "lea fit", "format": "json", "pageno": "2", "language": "fr-FR", "safesearch": "0",
        "engines": "duckduckgo",
    }  # fmt: skip
    assert not request.headers


@pytest.mark.parametrize(
    ("source", "engine", "settings", "setting"),
    [
        (SERPAPI, "google", replace(FULL, api_key=None), "api_key"),
        (SEARCHAPI, "bing", replace(FULL, api_key=""), "api_key"),
        (VALUESERP, "google", replace(FULL, api_key=None), "api_key"),
        (SERPER, "google", replace(FULL, api_key=None), "api_key"),
        (BRAVE, "brave", replace(FULL, api_key=None), "api_key"),
        (GOOGLE_CSE, "google", replace(FULL, api_key=None), "api_key"),
        (GOOGLE_CSE, "google", replace(FULL, engine_id=None), "engine_id"),
        (DATAFORSEO, "google", replace(FULL, login=None), "login"),
        (DATAFORSEO, "google", replace(FULL, password=None), "password"),
        (SEARXNG, "google", replace(FULL, base_url=None), "base_url"),
    ],
)
def test_a_missing_setting_is_named_and_no_secret_is_shown(
    source: FetchableSource, engine: Engine, settings: SourceSettings, setting: str
) -> None:
    with pytest.raises(ValueError, match=f"{source.name} needs {setting}") as caught:
        source.build_request(q(engine), settings)
    assert all(secret not in str(caught.value) for secret in secrets(settings))


def test_the_documented_message_for_a_missing_serper_key() -> None:
    with pytest.raises(ValueError) as caught:
        SERPER.build_request(q(), SourceSettings())
    assert str(caught.value) == (
        "serper needs api_key (set the environment variable named by sources.serper.api_key_env)"
    )


@pytest.mark.parametrize(
    ("source", "engine"),
    [(VALUESERP, "bing"), (SERPER, "duckduckgo"), (DATAFORSEO, "bing"), (BRAVE, "google"),
     (GOOGLE_CSE, "brave"), (SERPAPI, "brave"), (SEARCHAPI, "brave")],
)  # fmt: skip
def test_an_engine_the_source_does_not_serve(source: FetchableSource, engine: Engine) -> None:
    assert engine not in source.engines
    with pytest.raises(ValueError, match="does not serve engine"):
        source.build_request(q(engine), FULL)


@pytest.mark.parametrize(
    ("source", "query", "match"),
    [
        (SERPER, q(device="mobile"), "cannot request mobile"),
        (BRAVE, q("brave", device="mobile"), "cannot request mobile"),
        (SEARXNG, q(device="mobile"), "cannot request mobile"),
        (BRAVE, q("brave", page=11), "pages 1 to 10"),
        (BRAVE, q("brave", page_size=21), "page_size must be between 1 and 20"),
        (GOOGLE_CSE, q(page_size=11), "page_size must be between 1 and 10"),
        (GOOGLE_CSE, q(page=10, page_size=10), None),
        (GOOGLE_CSE, q(page=11, page_size=10), "first 100 results"),
        (SEARCHAPI, q("duckduckgo", page=2), "next_page_token"),
        (SERPAPI, q(page=0), "page must be 1 or more"),
    ],
)
def test_requests_a_provider_cannot_serve_are_refused(
    source: FetchableSource, query: SerpQuery, match: str | None
) -> None:
    if match is None:
        source.build_request(query, FULL)
    else:
        with pytest.raises(ValueError, match=match):
            source.build_request(query, FULL)


# --- bodies that are not results --------------------------------------------------------


@pytest.mark.parametrize("source", ALL, ids=lambda s: s.name)
def test_truncated_json_names_the_source_and_the_position(source: FetchableSource) -> None:
    good = (FIXTURES / GOOD_BODY[source.name]).read_bytes()
    with pytest.raises(ParseError, match=rf"^{source.name}: invalid JSON at line \d+ column \d+"):
        source.parse(good[: len(good) // 2])


@pytest.mark.parametrize("source", ALL, ids=lambda s: s.name)
@pytest.mark.parametrize(
    ("raw", "match"),
    [
        (b"", "empty body"),
        (b"  \n", "empty body"),
        (b"[1, 2]", "expected a JSON object at the top level, got an array"),
        (b"null", "expected a JSON object"),
        (b"<!DOCTYPE html><html><body>Too many requests</body></html>", "HTML"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"{}", "missing"),
    ],
)
def test_unusable_bodies(source: FetchableSource, raw: bytes, match: str) -> None:
    with pytest.raises(ParseError, match=match) as caught:
        source.parse(raw)
    assert str(caught.value).startswith(f"{source.name}: ")


def test_searxng_html_says_how_to_enable_json() -> None:
    with pytest.raises(ParseError) as caught:
        SEARXNG.parse(b"<!doctype html>\n<html><title>SearXNG</title></html>")
    assert str(caught.value) == (
        "searxng: SearXNG answered HTML, not JSON: enable the json format in settings.yml "
        "(search.formats)"
    )


SERPAPI_KEY_ERROR = (
    "Invalid API key. Your API key should be here: https://serpapi.com/manage-api-key"
)
BRAVE_ERROR = {
    "type": "ErrorResponse",
    "error": {
        "code": "SUBSCRIPTION_TOKEN_INVALID", "status": 422,
        "detail": "The provided subscription token is invalid.",
    },
}  # fmt: skip
CSE_ERROR = {
    "error": {
        "code": 429, "status": "RESOURCE_EXHAUSTED",
        "message": "Quota exceeded for quota metric 'Queries'",
    }
}  # fmt: skip
DATAFORSEO_AUTH = {"status_code": 40100, "status_message": "You are not authorized.", "tasks": None}
DATAFORSEO_TASK = {
    "status_code": 20000, "status_message": "Ok.",
    "tasks": [
        {"status_code": 40501, "status_message": "Invalid Field: 'location_name'.", "result": None}
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("source", "data", "match"),
    [
        (SERPAPI, {"error": SERPAPI_KEY_ERROR}, "serpapi: provider error: Invalid API key"),
        (SEARCHAPI, {"error": "Your account has run out of searches."}, "run out of searches"),
        (VALUESERP, {"request_info": {"success": False, "message": "Invalid api_key"}},
         "valueserp: provider error: Invalid api_key"),
        (SERPER, {"message": "Unauthorized.", "statusCode": 403},
         "serper: provider error: Unauthorized"),
        (BRAVE, BRAVE_ERROR, "brave: provider error: The provided subscription token is invalid"),
        (GOOGLE_CSE, CSE_ERROR, "google-cse: provider error 429: Quota"),
        (DATAFORSEO, DATAFORSEO_AUTH, "dataforseo: response status_code 40100 .*not authorized"),
        (DATAFORSEO, DATAFORSEO_TASK, "dataforseo: task status_code 40501 .*Invalid Field"),
    ],
)  # fmt: skip
def test_provider_error_bodies(source: FetchableSource, data: object, match: str) -> None:
    with pytest.raises(ParseError, match=match):
        source.parse(body(data))


def test_a_key_echoed_in_a_provider_message_is_masked() -> None:
    echoed = {"error": f"Bad request https://serpapi.com/search?q=x&api_key={KEY}&engine=google"}
    with pytest.raises(ParseError) as caught:
        SERPAPI.parse(body(echoed))
    assert KEY not in str(caught.value)
    assert "api_key=***" in str(caught.value)


def test_no_results_is_an_empty_page_not_an_error() -> None:
    no_results = {
        "search_metadata": {"status": "Success"},
        "error": "Google hasn't returned any results for this query.",
    }
    for source in (SERPAPI, SEARCHAPI, VALUESERP):
        assert source.parse(body(no_results)).organic == ()
    assert SERPER.parse(body({"searchParameters": {"q": "x"}})).organic == ()
    assert BRAVE.parse(body({"type": "search", "query": {"original": "x"}})).organic == ()
    cse = {"kind": "customsearch#search", "queries": {}, "searchInformation": {}}
    assert GOOGLE_CSE.parse(body(cse)).organic == ()
    assert SEARXNG.parse(body({"results": [], "unresponsive_engines": []})).organic == ()
    empty_serp = {"status_code": 20000, "tasks": [
        {"status_code": 20000, "result": [{"keyword": "x", "items": None}]}]}  # fmt: skip
    assert DATAFORSEO.parse(body(empty_serp)).organic == ()


def test_searxng_empty_page_with_a_silent_engine_is_not_no_results() -> None:
    captcha = {"results": [], "unresponsive_engines": [["google", "CAPTCHA"]]}
    with pytest.raises(BlockedError, match=r"searxng: no results .*google \(CAPTCHA\)"):
        SEARXNG.parse(body(captcha))
    timeout = {"results": [], "unresponsive_engines": [["bing", "timeout"]]}
    with pytest.raises(ParseError, match=r"bing \(timeout\)"):
        SEARXNG.parse(body(timeout))
