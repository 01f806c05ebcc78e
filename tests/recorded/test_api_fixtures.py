"""The API parsers against the shared fixtures in tests/fixtures/serp/ (see its README.md).

Each expected list is derived here from the raw JSON with plain dictionary access, not with the
parser's helpers, and each count is the one README.md documents, so a parser that drops, adds
or reorders a result fails, and so does a README that drifts from its files.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from collectors.sources.base import ParsedPage, Parser
from collectors.sources.brave import BRAVE
from collectors.sources.dataforseo import DATAFORSEO
from collectors.sources.google_cse import GOOGLE_CSE
from collectors.sources.searxng import SEARXNG
from collectors.sources.serpapi import SERPAPI
from collectors.sources.serper import SERPER

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "serp"
README = (FIXTURES / "README.md").read_text(encoding="utf-8")

#: fixture -> (parser, organic count documented in README.md)
DOCUMENTED: dict[str, tuple[Parser, int]] = {
    "serpapi_json/asimov_isaac-asimov_bing_2025-05-24.json": (SERPAPI, 9),
    "serpapi_json/asimov_isaac-asimov_duckduckgo_2025-05-24.json": (SERPAPI, 10),
    "serpapi_json/asimov_isaac-asimov_google_2025-05-24.json": (SERPAPI, 9),
    "serpapi_json/magrosskopf_coffee_google_2022-03-17.CONVERTED-from-js.json": (SERPAPI, 8),
    "serper_json/langchain-docs_apple-inc_search_2023.CONVERTED-from-pprint.json": (SERPER, 6),
    "brave_json/larallama_laravel_2024-03.json": (BRAVE, 17),
    "google_cse_json/ksowah_cat_2022.json": (GOOGLE_CSE, 10),
    "google_cse_json/netboss_lectures_2010.json": (GOOGLE_CSE, 10),
    "searxng_json/browseapi_attention-is-all-you-need_general.json": (SEARXNG, 20),
    "searxng_json/browseapi_attention-is-all-you-need_videos.json": (SEARXNG, 48),
    "dataforseo_json/constructed_lea-fit_2026.json": (DATAFORSEO, 7),
}


def load(name: str) -> tuple[Any, ParsedPage]:
    parser, _ = DOCUMENTED[name]
    body = (FIXTURES / name).read_bytes()
    return json.loads(body), parser.parse(body)


def positions(page: ParsedPage) -> list[tuple[int, str]]:
    return [(r.position, r.url) for r in page.organic]


def words(text: str) -> str:
    return " ".join(text.split())


class _Text(HTMLParser):
    """Text content of an HTML fragment, entities decoded: the stdlib's reading, not ours."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(fragment: str) -> str:
    reader = _Text()
    reader.feed(fragment)
    reader.close()
    return words(" ".join(reader.parts))


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
def test_every_fixture_parses_to_its_documented_count(name: str) -> None:
    _, count = DOCUMENTED[name]
    _, page = load(name)
    assert len(page.organic) == count
    assert [r.position for r in page.organic] == list(range(1, count + 1))
    assert all(r.result_type == "organic" and r.domain for r in page.organic)


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
def test_the_readme_documents_the_same_count(name: str) -> None:
    _, count = DOCUMENTED[name]
    row = next(line for line in README.splitlines() if line.startswith(f"| {name} |"))
    assert f"**{count}" in row


def test_every_json_fixture_is_covered() -> None:
    on_disk = {str(p.relative_to(FIXTURES)) for p in FIXTURES.glob("*_json/*.json")}
    assert on_disk == set(DOCUMENTED)


@pytest.mark.parametrize("name", [n for n in sorted(DOCUMENTED) if n.startswith("serpapi_json/")])
def test_serpapi_organic_results(name: str) -> None:
    data, page = load(name)
    expected = [(i["position"], i["link"]) for i in data["organic_results"] if "link" in i]
    assert positions(page) == expected
    assert [r.title for r in page.organic] == [
        words(i["title"]) for i in data["organic_results"] if "link" in i
    ]


def test_serpapi_google_blocks_keep_their_order_within_each_block() -> None:
    data, page = load("serpapi_json/asimov_isaac-asimov_google_2025-05-24.json")
    paa = [(r.position, r.url, r.title) for r in page.blocks if r.result_type == "people_also_ask"]
    assert paa == [
        (n, q["link"], q["question"]) for n, q in enumerate(data["related_questions"], 1)
    ]
    videos = [(r.position, r.url) for r in page.blocks if r.result_type == "video"]
    assert videos == [(n, v["link"]) for n, v in enumerate(data["inline_videos"], 1)]


def test_serpapi_bing_videos_and_ads_point_at_the_destination_not_at_bing() -> None:
    data, page = load("serpapi_json/asimov_isaac-asimov_bing_2025-05-24.json")
    videos = [r.url for r in page.blocks if r.result_type == "video"]
    assert videos == [v["source_link"] for v in data["inline_videos"]["items"]]
    ads = [r for r in page.blocks if r.result_type == "ad"]
    assert [a.position for a in ads] == [a["position"] for a in data["ads"]]
    # the advertisers, read off the fixture: shopping ads then bottom text ads
    assert [a.domain for a in ads] == [
        "ebay.com",
        "ebay.com",
        "thriftbooks.com",
        "twenga.co.uk",
        "ebay.com",
        "ebay.com",
        "allyoucanbooks.com",
        "amazon.com",
        "ebay.com",
    ]
    assert ads[0].title == "Isaac Asimov Foundation Series Complete 7 Books Collection Set"


def test_serpapi_duckduckgo_knowledge_panel_is_the_official_site() -> None:
    data, page = load("serpapi_json/asimov_isaac-asimov_duckduckgo_2025-05-24.json")
    panels = [r for r in page.blocks if r.result_type == "knowledge_panel"]
    assert [(p.position, p.url) for p in panels] == [(1, data["knowledge_graph"]["website"])]


def test_serper_organic_and_blocks() -> None:
    name = "serper_json/langchain-docs_apple-inc_search_2023.CONVERTED-from-pprint.json"
    data, page = load(name)
    assert positions(page) == [(i["position"], i["link"]) for i in data["organic"] if "link" in i]
    assert [r.snippet for r in page.organic] == [words(i["snippet"]) for i in data["organic"]]
    paa = [(r.position, r.url) for r in page.blocks if r.result_type == "people_also_ask"]
    assert paa == [(n, q["link"]) for n, q in enumerate(data["peopleAlsoAsk"], 1)]
    panel = [r.url for r in page.blocks if r.result_type == "knowledge_panel"]
    assert panel == [data["knowledgeGraph"]["website"]]
    assert not [r for r in page.blocks if r.result_type == "related_search"]  # no links


def test_brave_web_results_with_highlighting_removed() -> None:
    data, page = load("brave_json/larallama_laravel_2024-03.json")
    results = data["web"]["results"]
    assert positions(page) == [(n, r["url"]) for n, r in enumerate(results, 1)]
    assert [r.snippet for r in page.organic] == [html_text(r["description"]) for r in results]
    assert [r.title for r in page.organic] == [html_text(r["title"]) for r in results]
    assert "<strong>" in results[0]["description"]
    assert not any("<" in r.snippet for r in page.organic)
    videos = [(r.position, r.url) for r in page.blocks if r.result_type == "video"]
    assert videos == [(n, v["url"]) for n, v in enumerate(data["videos"]["results"], 1)]


@pytest.mark.parametrize(
    "name", ["google_cse_json/ksowah_cat_2022.json", "google_cse_json/netboss_lectures_2010.json"]
)
def test_google_cse_items_old_and_new_schema(name: str) -> None:
    data, page = load(name)
    assert positions(page) == [(n, i["link"]) for n, i in enumerate(data["items"], 1)]
    assert [r.snippet for r in page.organic] == [words(i.get("snippet", "")) for i in data["items"]]


def test_google_cse_2010_empty_snippets_are_kept_as_results() -> None:
    data, page = load("google_cse_json/netboss_lectures_2010.json")
    empty = [n for n, i in enumerate(data["items"], 1) if not i.get("snippet")]
    assert len(empty) == 2
    assert [page.organic[n - 1].snippet for n in empty] == ["", ""]


@pytest.mark.parametrize("name", [n for n in sorted(DOCUMENTED) if n.startswith("searxng_json/")])
def test_searxng_keeps_the_order_given_despite_unresponsive_engines(name: str) -> None:
    data, page = load(name)
    assert data["unresponsive_engines"]  # they must not fail the page
    assert positions(page) == [(n, r["url"]) for n, r in enumerate(data["results"], 1)]
    assert [r.title for r in page.organic] == [words(r["title"]) for r in data["results"]]


def test_dataforseo_organic_in_rank_absolute_order_and_typed_blocks() -> None:
    data, page = load("dataforseo_json/constructed_lea-fit_2026.json")
    items = data["tasks"][0]["result"][0]["items"]
    organic = sorted((i for i in items if i["type"] == "organic"), key=lambda i: i["rank_absolute"])
    assert positions(page) == [(n, i["url"]) for n, i in enumerate(organic, 1)]
    assert {r.result_type for r in page.blocks} == {"featured_snippet", "people_also_ask", "video"}
    paa = next(i for i in items if i["type"] == "people_also_ask")["items"]
    questions = [
        (r.position, r.title, r.url) for r in page.blocks if r.result_type == "people_also_ask"
    ]
    assert questions == [
        (n, q["title"], q["expanded_element"][0]["url"]) for n, q in enumerate(paa, 1)
    ]
    video = next(i for i in items if i["type"] == "video")["items"]
    assert [r.url for r in page.blocks if r.result_type == "video"] == [v["url"] for v in video]


def test_dataforseo_fixture_follows_the_documented_envelope() -> None:
    data, _ = load("dataforseo_json/constructed_lea-fit_2026.json")
    assert {"version", "status_code", "status_message", "tasks"} <= set(data)
    task = data["tasks"][0]
    assert {"id", "status_code", "status_message", "cost", "result"} <= set(task)
    result = task["result"][0]
    assert {
        "keyword", "type", "se_domain", "location_code", "language_code", "check_url",
        "datetime", "items_count", "items",
    } <= set(result)  # fmt: skip
    assert result["items_count"] == len(result["items"])
    assert all(h.endswith(".example") for i in result["items"] if (h := i.get("domain")))
