"""Real saved results pages parse to exactly the organic lists written beside them.

The fixtures and their ``.expected.json`` files come from other projects' test suites (see
tests/fixtures/serp/README.md); positions, URLs and titles must match exactly (titles after
whitespace normalisation only), so a parser change that drops, adds or reorders a result fails.
Each page is also handed to the two other engines' parsers, which must refuse it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from collectors.errors import BlockedError, ParseError
from collectors.normalize import registrable_domain
from collectors.sources import PARSERS
from collectors.sources.base import ParsedPage

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "serp"
PARSER_OF_DIR = {"google_html": "google-html", "bing_html": "bing-html", "ddg_html": "ddg-html"}
EXPECTED_COUNTS = {
    "cc_coffee_2023-07.html": 10,
    "cc_dog-breeds_num100_2022.html": 99,
    "cc_indoor-plants_2023-09-07.html": 10,
    "sep_hello_gbv1_2021-05-10.html": 8,
    "sep_hello_2021-05-10.html": 9,
    "sep_hello_html-ddg_2021-05-10.html": 28,
}
PAGES = sorted(p for d in PARSER_OF_DIR for p in (FIXTURES / d).glob("*.html"))
FOREIGN = [
    (page, parser)
    for page in PAGES
    for parser in sorted(PARSER_OF_DIR.values())
    if parser != PARSER_OF_DIR[page.parent.name]
]
_CACHE: dict[tuple[str, Path], ParsedPage] = {}


def _parsed(path: Path, parser: str | None = None) -> ParsedPage:
    """Parse a fixture once per parser (the Google pages are 1 MB or more)."""
    name = parser or PARSER_OF_DIR[path.parent.name]
    if (name, path) not in _CACHE:
        _CACHE[(name, path)] = PARSERS[name].parse(path.read_bytes())
    return _CACHE[(name, path)]


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_every_html_fixture_is_covered() -> None:
    assert sorted(p.name for p in PAGES) == sorted(EXPECTED_COUNTS)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_html_fixture_parses_to_its_expected_list(path: Path) -> None:
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
    page = _parsed(path)
    got = [(r.position, _norm(r.title), r.url) for r in page.organic]
    want = [(e["position"], _norm(e["title"]), e["url"]) for e in expected]
    assert got == want
    assert len(page.organic) == EXPECTED_COUNTS[path.name]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_html_fixture_results_are_well_formed(path: Path) -> None:
    page = _parsed(path)
    assert [r.position for r in page.organic] == list(range(1, len(page.organic) + 1))
    for r in page.organic:
        assert r.result_type == "organic"
        assert r.domain == registrable_domain(r.url) != ""
        assert r.title == _norm(r.title) and r.snippet == _norm(r.snippet)
    by_type: dict[str, list[int]] = {}
    for block in page.blocks:
        assert block.result_type != "organic"
        by_type.setdefault(block.result_type, []).append(block.position)
    for positions in by_type.values():
        assert positions == list(range(1, len(positions) + 1))
    # Most results show a description; a parser that loses snippets fails here.
    assert sum(1 for r in page.organic if r.snippet) >= 0.9 * len(page.organic)


@pytest.mark.parametrize(("path", "parser"), FOREIGN, ids=lambda v: getattr(v, "name", v))
def test_html_fixture_is_refused_by_the_other_engines(path: Path, parser: str) -> None:
    with pytest.raises(ParseError, match=r"^not a (Google|Bing|DuckDuckGo) results page") as err:
        PARSERS[parser].parse(path.read_bytes())
    assert not isinstance(err.value, BlockedError)


def test_google_snippets_and_non_organic_blocks() -> None:
    page = _parsed(FIXTURES / "google_html" / "cc_indoor-plants_2023-09-07.html")
    assert page.organic[1].snippet.startswith("Money tree plants are a low-maintenance")
    kinds = {b.result_type for b in page.blocks}
    assert {"shopping", "knowledge_panel", "people_also_ask", "related_searches"} <= kinds
    panel = next(b for b in page.blocks if b.result_type == "knowledge_panel")
    assert (panel.title, panel.url) == ("Houseplant", "https://en.wikipedia.org/wiki/Houseplant")
    questions = [b.title for b in page.blocks if b.result_type == "people_also_ask"]
    assert questions[0] == "What plant cleans the air in your house?" and len(questions) == 4
    shopping_domains = {b.domain for b in page.blocks if b.result_type == "shopping"}
    assert "googleadservices.com" not in shopping_domains and "thesill.com" in shopping_domains


def test_google_local_pack_is_a_block_not_organic() -> None:
    page = _parsed(FIXTURES / "google_html" / "cc_coffee_2023-07.html")
    places = [b.title for b in page.blocks if b.result_type == "local_pack"]
    assert places == ["Coffee Club", "Coffee Room", "Coffee Ok"]
    assert not {r.title for r in page.organic} & set(places)


def test_google_indented_second_result_from_a_site_is_organic() -> None:
    page = _parsed(FIXTURES / "google_html" / "cc_dog-breeds_num100_2022.html")
    assert [r.url for r in page.organic[27:29]] == [
        "https://www.rd.com/list/cutest-dog-breeds/",
        "https://www.rd.com/list/most-popular-dog-breeds/",
    ]


def test_google_basic_html_blocks() -> None:
    page = _parsed(FIXTURES / "google_html" / "sep_hello_gbv1_2021-05-10.html")
    assert page.organic[0].snippet.startswith("20 Nov 2020 · Lionel Richie - Hello")
    video = [b for b in page.blocks if b.result_type == "video"]
    assert [(b.title, b.url) for b in video] == [
        ("Adele - Hello - YouTube", "https://www.youtube.com/watch?v=YQHsXMglC9A")
    ]
    entities = [b.title for b in page.blocks if b.result_type == "knowledge_panel"]
    assert entities == ["Hello (Song by Lionel Richie)", "Hello! (Magazine)"]
    related = [b.title for b in page.blocks if b.result_type == "related_searches"]
    assert related[:2] == ["Hello meaning", "Hello word"]
    images = [b for b in page.blocks if b.result_type == "images"]
    assert images[0].url == "https://en.wikipedia.org/wiki/Hello"


def test_bing_snippets_and_answers() -> None:
    page = _parsed(FIXTURES / "bing_html" / "sep_hello_2021-05-10.html")
    assert page.organic[8].snippet == (
        "Hello is a salutation or greeting in the English language. "
        "It is first attested in writing from 1826."
    )
    assert page.organic[0].snippet.startswith("HELLO! brings you the latest celebrity")
    questions = [b.title for b in page.blocks if b.result_type == "people_also_ask"]
    assert questions[0] == "What does Hello mean in texting?"
    assert {"images", "video", "related_searches", "knowledge_panel"} <= {
        b.result_type for b in page.blocks
    }


def test_ddg_snippets() -> None:
    page = _parsed(FIXTURES / "ddg_html" / "sep_hello_html-ddg_2021-05-10.html")
    assert page.organic[0].snippet.startswith("Hello definition is - an expression or gesture")
    assert page.blocks == ()
