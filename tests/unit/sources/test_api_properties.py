"""Whatever a provider sends, an API parser answers with a page or a ParseError.

A crash of another kind (KeyError, TypeError, AttributeError...) in the fetch loop would be
recorded as a bug rather than an unreadable page, so random bytes, random JSON, and random JSON
grafted onto each provider's real top-level keys must only ever raise ``ParseError``
(``BlockedError`` is one).
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collectors.errors import ParseError
from collectors.sources.base import ParsedPage, Parser
from collectors.sources.brave import BRAVE
from collectors.sources.dataforseo import DATAFORSEO
from collectors.sources.google_cse import GOOGLE_CSE
from collectors.sources.searxng import SEARXNG
from collectors.sources.serpapi import SEARCHAPI, SERPAPI, VALUESERP
from collectors.sources.serper import SERPER

SOURCES: tuple[Parser, ...] = (
    SERPAPI, SEARCHAPI, VALUESERP, SERPER, DATAFORSEO, BRAVE, GOOGLE_CSE, SEARXNG
)  # fmt: skip
#: Keys each parser looks for, so random values reach the deep branches, not just the top.
KEYS = [
    "organic_results", "search_metadata", "error", "request_info", "success", "message",
    "answer_box", "knowledge_graph", "related_questions", "top_stories", "inline_videos",
    "short_videos", "ads", "local_results", "items", "places", "results", "stories", "link",
    "source_link", "website", "links", "source", "title", "snippet", "question", "organic",
    "searchParameters", "answerBox", "knowledgeGraph", "peopleAlsoAsk", "topStories", "videos",
    "status_code", "status_message", "tasks", "result", "type", "rank_absolute", "rank_group",
    "url", "description", "expanded_element", "web", "infobox", "faq", "discussions", "news",
    "detail", "kind", "queries", "promotions", "unresponsive_engines", "infoboxes", "urls", "id",
    "content",
]  # fmt: skip
URLS = st.sampled_from(["https://a.example/x", "http://b.example", "ftp://c.example", "https://"])
SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text() | URLS
    | st.sampled_from(["organic", "ErrorResponse", "search", "customsearch#search", 20000])
)  # fmt: skip
JSON = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), children, max_size=6)
    ),
    max_leaves=40,
)


def parse_or_parse_error(source: Parser, body: bytes) -> None:
    try:
        page = source.parse(body)
    except ParseError:
        return
    assert isinstance(page, ParsedPage)
    for result in (*page.organic, *page.blocks):
        assert result.url.startswith(("http://", "https://"))
        assert result.position >= 1
        assert isinstance(result.title, str) and isinstance(result.snippet, str)
    assert [r.position for r in page.organic] == list(range(1, len(page.organic) + 1))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=300))
def test_random_bytes(raw: bytes) -> None:
    for source in SOURCES:
        parse_or_parse_error(source, raw)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(data=JSON)
def test_random_json(data: object) -> None:
    raw = json.dumps(data).encode()
    for source in SOURCES:
        parse_or_parse_error(source, raw)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    block=JSON,
    items=st.lists(st.dictionaries(st.sampled_from(KEYS), JSON, max_size=6), max_size=4),
)
def test_random_values_under_real_keys(block: object, items: list[object]) -> None:
    shaped: list[object] = [
        {"organic_results": items, "related_questions": block, "local_results": block},
        {"organic": items, "knowledgeGraph": block, "peopleAlsoAsk": block},
        {"status_code": 20000, "tasks": [{"status_code": 20000, "result": [{"items": items}]}]},
        {"type": "search", "web": {"results": items}, "videos": block, "faq": block},
        {"kind": "customsearch#search", "items": items, "promotions": block},
        {"results": items, "infoboxes": block, "unresponsive_engines": block},
    ]
    for data in shaped:
        raw = json.dumps(data).encode()
        for source in SOURCES:
            parse_or_parse_error(source, raw)


def test_absurd_nesting_is_a_parse_error() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    for source in SOURCES:
        parse_or_parse_error(source, deep)
