"""How the API parsers read results: what counts as a result, in which order, as what text.

Small hand-made bodies, one rule each: an organic item without an http(s) URL is not a result
(skipped, and the next one takes its position), a block item without one is dropped, text is
plain, and DataForSEO's organic order is its rank_absolute order, not the array order.
"""

from __future__ import annotations

import base64
import json
from urllib.parse import quote

import pytest

from collectors.sources.base import ParsedPage
from collectors.sources.brave import BRAVE
from collectors.sources.dataforseo import DATAFORSEO
from collectors.sources.google_cse import GOOGLE_CSE
from collectors.sources.searxng import SEARXNG
from collectors.sources.serpapi import SEARCHAPI, SERPAPI, VALUESERP
from collectors.sources.serper import SERPER

LINKLESS = [None, "", "javascript:void(0)", "/url?q=relative", "ftp://files.example/x", 42]


def body(data: object) -> bytes:
    return json.dumps(data).encode()


def urls(page: ParsedPage) -> list[tuple[int, str]]:
    return [(r.position, r.url) for r in page.organic]


def dataforseo(items: list[object]) -> bytes:
    task = {"status_code": 20000, "status_message": "Ok.", "result": [{"items": items}]}
    return body({"status_code": 20000, "status_message": "Ok.", "tasks": [task]})


EXPECTED = [(1, "https://a.example/"), (2, "https://b.example/x")]


@pytest.mark.parametrize("bad", LINKLESS)
def test_organic_items_without_an_http_url_are_skipped(bad: object) -> None:
    serpapi = [
        {"position": 1, "link": "https://a.example/", "title": "A"},
        {"position": 2, "title": "An answer, no link", "link": bad},
        {"position": 3, "link": "https://b.example/x", "title": "B"},
    ]
    for source in (SERPAPI, SEARCHAPI, VALUESERP):
        assert urls(source.parse(body({"organic_results": serpapi}))) == EXPECTED
    assert urls(SERPER.parse(body({"organic": serpapi}))) == EXPECTED
    web = [{"url": "https://a.example/"}, {"url": bad}, {"url": "https://b.example/x"}]
    assert urls(BRAVE.parse(body({"type": "search", "web": {"results": web}}))) == EXPECTED
    items = [{"link": "https://a.example/"}, {"link": bad}, {"link": "https://b.example/x"}]
    assert urls(GOOGLE_CSE.parse(body({"items": items}))) == EXPECTED
    assert urls(SEARXNG.parse(body({"results": web}))) == EXPECTED
    organic = [
        {"type": "organic", "rank_absolute": 1, "url": "https://a.example/"},
        {"type": "organic", "rank_absolute": 2, "url": bad},
        {"type": "organic", "rank_absolute": 3, "url": "https://b.example/x"},
    ]
    assert urls(DATAFORSEO.parse(dataforseo(organic))) == EXPECTED


def test_items_that_are_not_objects_are_ignored() -> None:
    data = {"organic_results": [None, "x", 3, [], {"link": "https://a.example/"}]}
    assert urls(SERPAPI.parse(body(data))) == [(1, "https://a.example/")]


def test_dataforseo_orders_organic_by_rank_absolute_among_other_elements() -> None:
    items = [
        {"type": "organic", "rank_group": 3, "rank_absolute": 5, "url": "https://c.example/"},
        {"type": "featured_snippet", "rank_group": 1, "rank_absolute": 1,
         "url": "https://fs.example/", "title": "FS", "description": "Answer"},
        {"type": "organic", "rank_group": 1, "rank_absolute": 2, "url": "https://a.example/"},
        {"type": "paid", "rank_group": 1, "rank_absolute": 3, "url": "https://ad.example/"},
        {"type": "organic", "rank_group": 2, "rank_absolute": 4, "url": "https://b.example/"},
        {"type": "local_pack", "rank_group": 1, "rank_absolute": 6, "title": "No site"},
        {"type": "local_pack", "rank_group": 2, "rank_absolute": 7, "url": "https://shop.example/"},
        {"type": "knowledge_graph", "rank_group": 1, "rank_absolute": 1, "position": "right",
         "url": "https://kg.example/"},
    ]  # fmt: skip
    page = DATAFORSEO.parse(dataforseo(items))
    assert urls(page) == [
        (1, "https://a.example/"), (2, "https://b.example/"), (3, "https://c.example/"),
    ]  # fmt: skip
    assert [(r.result_type, r.position, r.url) for r in page.blocks] == [
        ("featured_snippet", 1, "https://fs.example/"),
        ("ad", 1, "https://ad.example/"),
        ("local_pack", 2, "https://shop.example/"),
        ("knowledge_panel", 1, "https://kg.example/"),
    ]


def test_serpapi_blocks_map_to_result_types_and_skip_items_without_a_url() -> None:
    data = {
        "organic_results": [],
        "search_metadata": {"status": "Success"},
        "answer_box": {"title": "Answer", "link": "https://answer.example/", "snippet": "Yes."},
        "knowledge_graph": {"title": "Lea", "description": "Coach", "website": "https://lea.example/"},
        "related_questions": [{"question": "Who?"}, {"question": "Why?", "link": "https://why.example/"}],
        "top_stories": [{"title": "News", "link": "https://news.example/a"}],
        "ads": [{"title": "Buy", "link": "https://shop.example/"}],
        "local_results": {"places": [{"title": "Gym", "links": {"website": "https://gym.example/"}}]},
        "related_searches": [{"query": "lea fit avis", "link": "https://www.google.com/search?q=x"}],
    }  # fmt: skip
    page = SERPAPI.parse(body(data))
    assert page.organic == ()
    assert [(r.result_type, r.position, r.url, r.title) for r in page.blocks] == [
        ("featured_snippet", 1, "https://answer.example/", "Answer"),
        ("knowledge_panel", 1, "https://lea.example/", "Lea"),
        ("people_also_ask", 2, "https://why.example/", "Why?"),
        ("top_stories", 1, "https://news.example/a", "News"),
        ("ad", 1, "https://shop.example/", "Buy"),
        ("local_pack", 1, "https://gym.example/", "Gym"),
    ]
    assert all(r.domain.endswith(".example") for r in page.blocks)


def test_text_is_plain_and_single_spaced() -> None:
    data = {"organic_results": [{
        "link": "https://a.example/", "title": "  Léa <b>Fit</b>\n  coach ",
        "snippet": "Tom &amp; Jerry\u00a0 <em>run</em>\t...",
    }]}  # fmt: skip
    result = SERPAPI.parse(body(data)).organic[0]
    assert (result.title, result.snippet) == ("Léa Fit coach", "Tom &amp; Jerry run ...")
    web = {"type": "search", "web": {"results": [{
        "url": "https://a.example/", "title": "R&amp;D <strong>lab</strong>",
        "description": "<strong>Léa</strong> &lt;3 fitness &#8212; 5 &gt; 4",
    }]}}  # fmt: skip
    brave = BRAVE.parse(body(web)).organic[0]
    assert (brave.title, brave.snippet) == ("R&D lab", "Léa <3 fitness \u2014 5 > 4")


def test_domain_is_the_registrable_domain() -> None:
    data = {"items": [{"link": "https://forum.example.co.uk/t/1", "title": "t"}]}
    assert GOOGLE_CSE.parse(body(data)).organic[0].domain == "example.co.uk"


def test_bing_click_wrappers_are_decoded_to_the_destination() -> None:
    destination = "https://www.example.org/page?a=1&b=2"
    encoded = base64.urlsafe_b64encode(quote(destination, safe="").encode()).decode().rstrip("=")
    data = {
        "organic_results": [
            {"link": f"https://www.bing.com/ck/a?!&&p=abc&u=a1{encoded}&ntb=1", "title": "A"},
            {"link": "https://www.bing.com/ck/a?u=a1%%%not-base64", "title": "B"},
        ]
    }
    page = SERPAPI.parse(body(data))
    assert [r.url for r in page.organic] == [destination, data["organic_results"][1]["link"]]
    assert [r.domain for r in page.organic] == ["example.org", "bing.com"]
