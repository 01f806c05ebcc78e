"""Property: whatever bytes a saved-page parser is given, it raises ParseError (BlockedError is
one) or returns a well-formed page, never another exception.

Besides random bytes and random text, the tag soup is built from the very ids, classes and link
shapes the parsers look for (``#rso``, ``div.g``, ``li.b_algo``, ``/url?q=``, ``/ck/a?u=a1``,
``uddg=``, captcha markers...), so that generated pages reach deep into the parsing code.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collectors.errors import ParseError
from collectors.normalize import registrable_domain
from collectors.sources import bing_html, ddg_html, google_html
from collectors.sources.base import ParsedPage, Parser

PARSERS = (google_html.PARSER, bing_html.PARSER, ddg_html.PARSER)
TAGS = ["div", "a", "h3", "h2", "span", "li", "ol", "ul", "p", "form", "b", "script", "table"]
IDS = ["rso", "search", "main", "center_col", "tads", "rhs", "b_results", "b_context", "links",
       "captcha-form", "challenge-form", "botstuff", "topstuff"]  # fmt: skip
CLASSES = ["g", "MjjYud", "ZINbbc", "kCrYT", "VwiC3b", "related-question-pair", "kp-wholepage",
           "b_algo", "b_ans", "b_ad", "b_no", "b_caption", "result", "result__a", "result--ad",
           "result__snippet", "no-results", "g-recaptcha", "anomaly-modal__mask", "k8XOCe",
           "pla-unit", "uEierd", "VkpGBb", "b_entityTitle", "zci"]  # fmt: skip
HREFS = st.one_of(
    st.sampled_from(
        [
            "/url?q=https://example.com/a&sa=U",
            "/url?q=javascript:alert(1)",
            "/search?q=x&stick=H4sI",
            "/imgres?imgurl=x&imgrefurl=https://example.org/",
            "https://www.bing.com/ck/a?u=a1aHR0cHM6Ly9leGFtcGxlLmNvbS8&ntb=1",
            "https://www.bing.com/ck/a?u=a1%FF%FE",
            "//duckduckgo.com/l/?uddg=https%3A%2F%2Fexample.com%2F&rut=1",
            "https://www.googleadservices.com/pagead/aclk?adurl=",
            "http://[::1",
            "https://xn--n3h.example/☃",
            "#",
        ]
    ),
    st.text(max_size=40),
)
TEXTS = st.one_of(
    st.sampled_from(
        [
            "Google Search",
            "Bing",
            "at DuckDuckGo",
            "did not match any documents",
            "There are no results for",
            "No results.",
            "People also ask",
            "Related searches",
            "unusual traffic",
            "Unfortunately, bots use DuckDuckGo too",
            "One last step",
        ]
    ),
    st.text(max_size=30),
)


@st.composite
def _element(draw: st.DrawFn, children: st.SearchStrategy[list[str]]) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = ""
    if draw(st.booleans()):
        attrs += f' id="{draw(st.sampled_from(IDS))}"'
    if draw(st.booleans()):
        attrs += f' class="{" ".join(draw(st.lists(st.sampled_from(CLASSES), max_size=3)))}"'
    if tag == "a" or draw(st.booleans()):
        attrs += f' href="{draw(HREFS)}"'
    if draw(st.booleans()):
        attrs += f' data-q="{draw(TEXTS)}"'
    inner = "".join(draw(children))
    closing = draw(st.sampled_from([f"</{tag}>", "", "</div>"]))  # unbalanced markup too
    return f"<{tag}{attrs}>{inner}{closing}"


# Result-shaped fragments with random titles and links, so that pages also parse successfully.
RESULTS = st.builds(
    lambda template, href, title, text: template.format(href=href, title=title, text=text),
    st.sampled_from(
        [
            '<div class="g"><a href="{href}"><h3>{title}</h3></a><div class="VwiC3b">{text}</div>'
            "</div>",
            '<div class="ZINbbc"><div class="kCrYT"><a href="{href}"><h3>{title}</h3></a></div>'
            '<div class="kCrYT"><div class="s3v9rd">{text}</div></div></div>',
            '<li class="b_algo"><h2><a href="{href}">{title}</a></h2><div class="b_caption">'
            "<p>{text}</p></div></li>",
            '<div class="result"><a class="result__a" href="{href}">{title}</a>'
            '<a class="result__snippet">{text}</a></div>',
        ]
    ),
    HREFS,
    TEXTS,
    TEXTS,
)
TAG_SOUP = st.recursive(
    st.one_of(TEXTS, RESULTS),
    lambda inner: _element(st.lists(inner, max_size=4)),
    max_leaves=40,
)
# Page skeletons of each engine, so that the generated soup lands where the parsers look.
SKELETONS = st.sampled_from(
    [
        ("", ""),
        ('<div id="center_col"><div id="search"><div id="rso">', "</div></div></div>"),
        ('<div id="main">', "</div>"),
        ('<form id="sb_form"></form><ol id="b_results">', "</ol>"),
        ('<form action="/html/"></form><div id="links" class="results">', "</div>"),
    ]
)
PAGES = st.builds(
    lambda title, skeleton, body, meta: (
        f'<html itemtype="http://schema.org/SearchResultsPage">{meta}<head><title>{title}'
        f"</title></head><body>{skeleton[0]}{body}{skeleton[1]}</body></html>"
    ).encode("utf-8", errors="surrogatepass"),
    st.sampled_from(["x - Google Search", "x - Bing", "x at DuckDuckGo", ""]) | TEXTS,
    SKELETONS,
    st.lists(TAG_SOUP, max_size=6).map("".join),
    st.sampled_from(["", '<meta charset="utf-8">', '<meta charset="zlib">', "<?xml ?>"]),
)


def _check(parser: Parser, body: bytes) -> None:
    try:
        page = parser.parse(body)
    except ParseError:
        return
    assert isinstance(page, ParsedPage)
    assert [r.position for r in page.organic] == list(range(1, len(page.organic) + 1))
    for r in (*page.organic, *page.blocks):
        assert r.domain == (registrable_domain(r.url) if r.url else "")
        assert r.title == " ".join(r.title.split())


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.binary(max_size=3000))
def test_random_bytes_only_raise_parse_error_html(body: bytes) -> None:
    for parser in PARSERS:
        _check(parser, body)


@SETTINGS
@given(st.text(max_size=2000))
def test_random_text_only_raises_parse_error_html(text: str) -> None:
    for parser in PARSERS:
        _check(parser, text.encode("utf-8", errors="surrogatepass"))


@SETTINGS
@given(PAGES)
def test_generated_tag_soup_only_raises_parse_error_html(body: bytes) -> None:
    for parser in PARSERS:
        _check(parser, body)
