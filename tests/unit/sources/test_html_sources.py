"""Saved-page parsers on small synthetic pages: redirects, blocked pages, empty pages, foreign
pages, non-organic blocks and hostile markup.

The captcha and consent pages are modelled on the real ones (Google's /sorry/ page with
``#captcha-form`` and a ``g-recaptcha`` widget, its consent.google.com interstitial, Bing's
"One last step" challenge, DuckDuckGo's ``anomaly-modal``), in English and in French.
"""

from __future__ import annotations

import base64
from urllib.parse import quote

import pytest

from collectors.errors import BlockedError, ParseError
from collectors.sources import FETCHERS, PARSERS, bing_html, ddg_html, google_html
from collectors.sources.base import Parser
from collectors.sources.bing_html import decode_bing_href
from collectors.sources.ddg_html import decode_ddg_href
from collectors.sources.google_html import decode_google_href
from collectors.sources.html_common import decode_body, text_of

GOOGLE = google_html.PARSER
BING = bing_html.PARSER
DDG = ddg_html.PARSER
ALL = (GOOGLE, BING, DDG)


def _google_page(center: str, title: str = "serpshield - Google Search") -> bytes:
    return (
        '<!doctype html><html itemscope="" itemtype="http://schema.org/SearchResultsPage">'
        f'<head><meta charset="UTF-8"><title>{title}</title></head><body>'
        '<div id="main"><div id="cnt"><div id="rcnt"><div id="center_col">'
        f"{center}</div></div></div></div></body></html>"
    ).encode()


def _organic_card(url: str, title: str, snippet: str = "A description.", extra: str = "") -> str:
    return (
        '<div class="MjjYud"><div class="g Ww4FFb"><div class="yuRUbf">'
        f'<a href="{url}"><br><h3 class="LC20lb">{title}</h3><cite>{url}</cite></a></div>'
        f'<div class="VwiC3b"><span>{snippet}</span></div>{extra}</div></div>'
    )


GOOGLE_FULL = _google_page(
    '<div id="taw"><div id="tvcap"><div id="tads" aria-label="Ads">'
    '<div class="uEierd"><div data-text-ad="1"><a href="https://www.googleadservices.com/'
    'pagead/aclk?sa=L&amp;adurl=https://ads.example/landing"><div role="heading">Buy Serpshield'
    " Now</div><h3>Buy Serpshield Now</h3></a></div></div></div></div></div>"
    '<div id="res"><div id="search"><div id="rso">'
    + _organic_card(
        "https://first.example/",
        "First result",
        "The <em>first</em> one.",
        '<table><tr><td><h3 class="usJj9c"><a href="https://first.example/about">About us</a>'
        "</h3></td></tr></table>",
    )
    + '<div class="MjjYud"><div class="ULSxyf"><div class="related-question-pair" '
    'data-q="What is serpshield?"><div role="button"><span>What is serpshield?</span></div>'
    '<div class="g"><a href="https://answer.example/faq"><h3>Answer source</h3></a></div>'
    "</div></div></div>"
    '<div class="hlcw0c">'
    + _organic_card("https://books.google.com/books?id=abc", "A Google Books result")
    + '<div id="rhs"><div class="kp-wholepage"><div data-attrid="title">Serpshield</div>'
    '<div class="g"><a href="https://en.wikipedia.org/wiki/Serpshield"><h3>Wikipedia</h3></a>'
    '</div><div class="kno-rdesc"><span>Serpshield is a defense tool.</span></div></div></div>'
    "</div>"
    '<div class="MjjYud"><g-section-with-header><div role="heading">Top stories</div>'
    '<a href="https://news.example/story"><h3>Story title</h3></a></g-section-with-header></div>'
    '<div class="MjjYud"><div class="VkpGBb"><div class="dbg0pd">Serp Cafe</div>'
    '<a class="yYlJEf" href="https://cafe.example/"><h3>Website</h3></a></div></div>'
    + _organic_card("/search?q=other+query&amp;stick=H4sI", "In-engine link")
    + _organic_card(
        "https://hostile.example/",
        "Evil <script>alert(1)</script>title &lt;script&gt;x&lt;/script&gt;",
    )
    + "</div></div></div>"
    '<div id="botstuff"><a class="k8XOCe" href="/search?q=serpshield+review">serpshield review</a>'
    "</div>"
)

GOOGLE_SORRY_EN = b"""<html><head>
<meta http-equiv="content-type" content="text/html; charset=utf-8">
<meta name="viewport" content="initial-scale=1">
<title>https://www.google.com/search?q=serpshield</title></head>
<body style="margin:0"><div style="max-width:400px;margin:20px auto;"><hr noshade size="1">
<form id="captcha-form" action="index" method="post"><noscript><div>In order to continue, please
enable javascript on your web browser.</div></noscript>
<script src="https://www.google.com/recaptcha/api.js" async defer></script>
<div id="recaptcha" class="g-recaptcha" data-sitekey="6LfwuyUTAAAAAOAmoS0fdqijC2PbbdH4kjq62Y1b"
data-callback="submitCallback" data-s="OTIXgDQtzjhl"></div>
<input type="hidden" name="q" value="EgRAaBcHGOPv"><input type="hidden" name="continue"
value="https://www.google.com/search?q=serpshield"></form><hr noshade size="1">
<div style="font-size:13px;"><b>About this page</b><br><br>Our systems have detected unusual
traffic from your computer network. This page checks to see if it&#39;s really you sending the
requests, and not a robot. <a href="#">Why did this happen?</a><br><br>
IP address: 203.0.113.7<br>Time: 2024-05-10T22:37:53Z<br>
URL: https://www.google.com/search?q=serpshield<br></div></div></body></html>"""

GOOGLE_SORRY_FR = """<html lang="fr"><head><meta charset="utf-8">
<title>https://www.google.fr/search?q=serpshield</title></head><body>
<div><b>À propos de cette page</b><br><br>Nos systèmes ont détecté un trafic exceptionnel sur
votre réseau informatique. Cette page permet de vérifier que c'est bien vous qui envoyez des
requêtes, et non un robot.<br>Adresse IP : 203.0.113.7<br>
URL : https://www.google.fr/search?q=serpshield</div></body></html>""".encode()

GOOGLE_AUTOMATED_EN = b"""<html><head><title>Sorry...</title></head><body><div>We're sorry...
but your computer or network may be sending automated queries. To protect our users, we can't
process your request right now.</div></body></html>"""

GOOGLE_CONSENT_EN = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Before you continue to Google</title></head><body><div class="saveButtonContainer">
<h1>Before you continue to Google</h1><div>We use cookies and data to deliver and maintain
Google services.</div>
<form action="https://consent.google.com/save" method="POST"><input type="hidden" name="gl"
value="GB"><input type="hidden" name="set_eom" value="true"><button>Reject all</button></form>
<form action="https://consent.google.com/save" method="POST"><input type="hidden" name="gl"
value="GB"><button>Accept all</button></form></div></body></html>"""

GOOGLE_CONSENT_FR = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Avant d’accéder à Google</title></head><body><h1>Avant d’accéder à Google</h1>
<div>Nous utilisons des cookies et des données pour fournir et gérer les services Google.</div>
<form action="https://consent.google.fr/save" method="POST"><button>Tout refuser</button>
</form></body></html>""".encode()

BING_CHALLENGE_EN = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Bing</title></head><body><div class="captcha_header"><h1>One last step</h1>
<p>Please solve the challenge below to continue</p></div>
<iframe id="b_captcha_frame" src="/turing/captcha/challenge?q=serpshield" title="Challenge"
width="400" height="500"></iframe></body></html>"""

BING_CHALLENGE_FR = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Bing</title></head><body><h1>Une dernière étape</h1>
<p>Veuillez résoudre le défi ci-dessous pour continuer</p></body></html>""".encode()

DDG_ANOMALY_EN = b"""<!DOCTYPE html><html lang="en-US"><head>
<script src="//duckduckgo.com/dist/anomaly.js"></script><title>DuckDuckGo</title></head><body>
<form id="challenge-form" action="//duckduckgo.com/anomaly.js?sv=html&amp;cc=botnet&amp;st=1"
method="POST"><div class="anomaly-modal__mask"><div class="anomaly-modal__modal"
data-testid="anomaly-modal"><div class="anomaly-modal__title">Unfortunately, bots use DuckDuckGo
too.</div><div class="anomaly-modal__description">Please complete the following challenge to
confirm this search was made by a human.</div><div class="anomaly-modal__instructions">Select
all squares containing a duck:</div></div></div></form></body></html>"""

DDG_ANOMALY_FR = """<!DOCTYPE html><html lang="fr-FR"><head><title>DuckDuckGo</title></head>
<body><div class="modal__title">Malheureusement, les robots utilisent aussi DuckDuckGo.</div>
<div>Veuillez relever le défi suivant pour confirmer que cette recherche a été effectuée par un
humain.</div></body></html>""".encode()

BLOCKED = [
    (GOOGLE, GOOGLE_SORRY_EN),
    (GOOGLE, GOOGLE_SORRY_FR),
    (GOOGLE, GOOGLE_AUTOMATED_EN),
    (GOOGLE, GOOGLE_CONSENT_EN),
    (GOOGLE, GOOGLE_CONSENT_FR),
    (BING, BING_CHALLENGE_EN),
    (BING, BING_CHALLENGE_FR),
    (DDG, DDG_ANOMALY_EN),
    (DDG, DDG_ANOMALY_FR),
]

GOOGLE_NO_RESULTS_EN = _google_page(
    '<div id="res"><div id="topstuff"><div class="card-section"><p>Your search - <b>qwzxv</b> -'
    " did not match any documents.</p><p>Suggestions:</p><ul><li>Make sure that all words are"
    ' spelled correctly.</li></ul></div></div><div id="search"><div id="rso"></div></div></div>',
    title="qwzxv - Google Search",
)
GOOGLE_NO_RESULTS_FR = _google_page(
    '<div id="res"><div id="topstuff"><p>Aucun document ne correspond aux termes de recherche'
    ' spécifiés (<b>qwzxv</b>).</p></div><div id="search"></div></div>',
    title="qwzxv - Recherche Google",
)
GOOGLE_NO_RESULTS_BASIC = b"""<!doctype html><html lang="en"><head><meta charset="UTF-8">
<title>qwzxv - Google Search</title></head><body><div id="main"><div><div class="ZINbbc xpd">
<div class="kCrYT"><span><div class="BNeawe">Your search - <b>qwzxv</b> - did not match any
documents.</div></span></div></div></div></div></body></html>"""
BING_NO_RESULTS_EN = b"""<!DOCTYPE html><html lang="en"><head><title>qwzxv - Bing</title></head>
<body><form id="sb_form" action="/search"><input name="q" value="qwzxv"></form>
<div id="b_content"><ol id="b_results"><li class="b_no"><h1>There are no results for
<strong>qwzxv</strong></h1><ul><li>Check your spelling or try different keywords</li></ul>
</li></ol></div></body></html>"""
BING_NO_RESULTS_FR = """<!DOCTYPE html><html lang="fr"><head><title>qwzxv - Bing</title></head>
<body><div id="b_content"><ol id="b_results"><li><h1>Il n’existe aucun résultat pour
<strong>qwzxv</strong></h1></li></ol></div></body></html>""".encode()
DDG_NO_RESULTS = b"""<!DOCTYPE html><html><head><title>qwzxv at DuckDuckGo</title></head><body>
<form action="/html/" method="post"><input name="q" value="qwzxv"></form>
<div id="links" class="results"><div class="result results_links results_links_deep
result--no-result"><div class="no-results">No  results.</div></div></div></body></html>"""

NO_RESULTS = [
    (GOOGLE, GOOGLE_NO_RESULTS_EN),
    (GOOGLE, GOOGLE_NO_RESULTS_FR),
    (GOOGLE, GOOGLE_NO_RESULTS_BASIC),
    (BING, BING_NO_RESULTS_EN),
    (BING, BING_NO_RESULTS_FR),
    (DDG, DDG_NO_RESULTS),
]

RANDOM_PAGE = b"""<html><head><title>My blog</title></head><body><div id="main">
<div id="search"><h3><a href="https://blog.example/post">A post</a></h3></div>
<ol id="b_results"><li class="b_algo"><h2><a href="https://blog.example/a">A</a></h2></li></ol>
<div id="links"><div class="result"><a class="result__a" href="https://blog.example/b">B</a>
</div></div></div></body></html>"""
NOT_PAGES = [
    b"",
    b"   \r\n\t ",
    bytes(range(256)) * 8,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
    b'{"organic_results": [{"position": 1, "link": "https://example.com/"}]}',
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj",
    RANDOM_PAGE,
]


def _b64(url: str) -> str:
    return base64.urlsafe_b64encode(url.encode()).decode().rstrip("=")


def test_the_registry_holds_the_three_html_parsers() -> None:
    for name, parser in (("google-html", GOOGLE), ("bing-html", BING), ("ddg-html", DDG)):
        assert PARSERS[name] is parser
        assert isinstance(parser, Parser) and parser.payload == "html"
        assert name not in FETCHERS  # saved pages are parsed, never fetched


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        (
            "/url?q=https://www.youtube.com/watch%3Fv%3DmHONNcZbwDY&sa=U&ved=2ahUKEwj0",
            "https://www.youtube.com/watch?v=mHONNcZbwDY",
        ),
        (
            "/url?q=https://en.wikipedia.org/wiki/Hello_(Adele_song)&sa=U&usg=AOvVaw",
            "https://en.wikipedia.org/wiki/Hello_(Adele_song)",
        ),
        (
            "https://www.google.fr/url?sa=t&url=https://exemple.fr/caf%C3%A9&ved=1",
            "https://exemple.fr/café",
        ),
        ("https://www.google.com/aclk?sa=l&adurl=https://ads.example/x", "https://ads.example/x"),
        ("https://books.google.com/books?id=abc", "https://books.google.com/books?id=abc"),
        (
            "https://support.google.com/websearch/answer/1",
            "https://support.google.com/websearch/answer/1",
        ),
        ("https://www.example.com/a?b=1", "https://www.example.com/a?b=1"),
        ("/search?q=hello&stick=H4sI", None),
        ("https://www.google.co.uk/search?q=hello", None),
        ("/imgres?imgurl=https://x.example/a.jpg", None),
        ("/url?q=javascript:alert(1)&sa=U", None),
        ("javascript:void(0)", None),
        ("#", None),
        ("http://[::1", None),
    ],
)
def test_google_redirect_decoding(href: str, expected: str | None) -> None:
    assert decode_google_href(href) == expected


@pytest.mark.parametrize(
    "destination",
    [
        "https://example.com/",  # base64 length needs 0, 1 and 2 padding characters
        "https://example.com/a",
        "https://example.com/ab",
        "https://www.example.org/path?q=1&r=two#frag",
        "https://fr.wikipedia.org/wiki/Café_au_lait",
        "https://例え.jp/ページ?検索=はい",
    ],
)
def test_bing_click_tracker_decoding(destination: str) -> None:
    href = f"https://www.bing.com/ck/a?!&&p=9f3c1b&ptn=3&hsh=3&u=a1{_b64(destination)}&ntb=1"
    assert decode_bing_href(href) == destination
    assert decode_bing_href(href.replace("https://www.bing.com", "")) == destination


def test_bing_padding_cases_are_really_exercised() -> None:
    lengths = {len(_b64(u)) % 4 for u in ("https://example.com/", "https://example.com/a")}
    lengths |= {len(_b64("https://example.com/ab")) % 4}
    assert lengths == {0, 2, 3}


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://www.example.com/x", "https://www.example.com/x"),
        ("https://www.bing.com/ck/a?u=a1%%%%&ntb=1", "https://www.bing.com/ck/a?u=a1%%%%&ntb=1"),
        ("https://www.bing.com/ck/a?u=a1_w&ntb=1", "https://www.bing.com/ck/a?u=a1_w&ntb=1"),
        ("https://www.bing.com/ck/a?u=zz1234&ntb=1", "https://www.bing.com/ck/a?u=zz1234&ntb=1"),
        ("https://www.bing.com/translator", "https://www.bing.com/translator"),  # a property
        ("/search?q=hello&FORM=PERE", None),
        ("/images/search?q=hello", None),
    ],
)
def test_bing_links_that_are_not_decodable(href: str, expected: str | None) -> None:
    assert decode_bing_href(href) == expected


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        (
            "//duckduckgo.com/l/?uddg=https%3A%2F%2Fexample.com%2Fa%3Fb%3D1%26c%3D%C3%A9&rut=9f1",
            "https://example.com/a?b=1&c=é",
        ),
        (
            "/l/?kh=-1&uddg=https%3A%2F%2Fen.wikipedia.org%2Fwiki%2FHello",
            "https://en.wikipedia.org/wiki/Hello",
        ),
        (
            "https://www.merriam-webster.com/dictionary/hello",
            "https://www.merriam-webster.com/dictionary/hello",
        ),
        ("https://duckduckgo.com/y.js?ad_provider=bingv7aa&u3=https%3A%2F%2Fwww.bing.com", None),
        ("https://duckduckgo.com/app", "https://duckduckgo.com/app"),  # a DDG page as a result
        ("https://duckduckgo.com/?q=hello&ia=web", None),
        ("/html/?q=hello&s=30", None),
        ("//duckduckgo.com/l/?uddg=javascript%3Aalert(1)", None),
    ],
)
def test_ddg_redirect_decoding(href: str, expected: str | None) -> None:
    assert decode_ddg_href(href) == expected


@pytest.mark.parametrize(("parser", "body"), BLOCKED, ids=lambda v: getattr(v, "name", ""))
def test_blocked_pages_raise_blocked_error(parser: Parser, body: bytes) -> None:
    with pytest.raises(BlockedError):
        parser.parse(body)


@pytest.mark.parametrize(("parser", "body"), NO_RESULTS, ids=lambda v: getattr(v, "name", ""))
def test_no_results_pages_give_an_empty_organic_list(parser: Parser, body: bytes) -> None:
    assert parser.parse(body).organic == ()


@pytest.mark.parametrize("parser", ALL, ids=lambda p: p.name)
@pytest.mark.parametrize("body", NOT_PAGES, ids=range(len(NOT_PAGES)))
def test_what_is_not_a_results_page_raises_parse_error(parser: Parser, body: bytes) -> None:
    with pytest.raises(ParseError, match=r"^not a (Google|Bing|DuckDuckGo) results page") as err:
        parser.parse(body)
    assert not isinstance(err.value, BlockedError)


def test_a_results_layout_without_results_or_message_is_a_parse_error() -> None:
    body = _google_page('<div id="search"><div id="rso"><div class="MjjYud"></div></div></div>')
    with pytest.raises(ParseError, match="layout may have changed") as err:
        GOOGLE.parse(body)
    assert not isinstance(err.value, BlockedError)


@pytest.mark.parametrize("parser", ALL, ids=lambda p: p.name)
def test_the_other_engines_blocked_pages_are_not_blocked_for_this_one(parser: Parser) -> None:
    """Google's captcha given to the Bing parser is simply not a Bing page (and so on)."""
    foreign = {"google-html": BING_CHALLENGE_EN, "bing-html": DDG_ANOMALY_EN}
    with pytest.raises(ParseError) as err:
        parser.parse(foreign.get(parser.name, GOOGLE_SORRY_EN))
    assert not isinstance(err.value, BlockedError)


def test_google_organic_excludes_ads_paa_panels_carousels_and_local_packs() -> None:
    page = GOOGLE.parse(GOOGLE_FULL)
    assert [(r.position, r.url) for r in page.organic] == [
        (1, "https://first.example/"),
        (2, "https://books.google.com/books?id=abc"),
        (3, "https://hostile.example/"),
    ]
    assert page.organic[0].snippet == "The first one."
    assert page.organic[1].domain == "google.com"
    blocks = {(b.result_type, b.position): b for b in page.blocks}
    assert blocks["ad", 1].url == "https://ads.example/landing"
    assert blocks["ad", 1].title == "Buy Serpshield Now"
    assert ("ad", 2) not in blocks  # the ad's wrapper and its text-ad div are one ad
    assert blocks["people_also_ask", 1].title == "What is serpshield?"
    assert blocks["knowledge_panel", 1].title == "Serpshield"
    assert blocks["knowledge_panel", 1].snippet == "Serpshield is a defense tool."
    assert blocks["top_stories", 1].url == "https://news.example/story"
    assert blocks["local_pack", 1].title == "Serp Cafe"
    assert blocks["sitelink", 1].url == "https://first.example/about"
    assert blocks["related_searches", 1].title == "serpshield review"
    urls = {r.url for r in page.organic}
    assert not urls & {b.url for b in page.blocks if b.result_type != "sitelink"}


def test_google_pre_2019_layout_with_sitelinks_and_basic_html_ads() -> None:
    old = _google_page(
        '<div id="search"><div id="ires"><ol><div class="g"><h3 class="r"><a href="/url?q='
        'https://old.example/&amp;sa=U">Old title</a></h3><div class="s"><span class="st">Old'
        ' <b>snippet</b></span></div><table class="nrgt"><tr><td><h3 class="r"><a href="/url?q='
        'https://old.example/contact&amp;sa=U">Contact</a></h3></td></tr></table></div>'
        '<div class="g"><h3 class="r"><a href="https://second.example/">Second</a></h3></div>'
        "</ol></div></div>"
    )
    page = GOOGLE.parse(old)
    assert [(r.url, r.title, r.snippet) for r in page.organic] == [
        ("https://old.example/", "Old title", "Old snippet"),
        ("https://second.example/", "Second", ""),
    ]
    assert [(b.result_type, b.url) for b in page.blocks] == [
        ("sitelink", "https://old.example/contact")
    ]
    basic = (
        b'<html><head><title>x - Google Search</title></head><body><div id="main">'
        b'<div><div class="ZINbbc"><div class="kCrYT"><a href="/aclk?sa=l&amp;ai=DCh&amp;adurl='
        b'https://ad.example/"><h3 class="zBAuLc"><div class="BNeawe">An ad</div></h3></a>'
        b'<span>Ad</span></div></div></div><div><div class="ZINbbc"><div class="kCrYT"><a href='
        b'"/url?q=https://organic.example/&amp;sa=U"><h3 class="zBAuLc"><div class="BNeawe">'
        b"Organic</div></h3></a></div></div></div></div></body></html>"
    )
    page = GOOGLE.parse(basic)
    assert [(r.position, r.url) for r in page.organic] == [(1, "https://organic.example/")]
    assert [(b.result_type, b.url, b.title) for b in page.blocks] == [
        ("ad", "https://ad.example/", "An ad")
    ]


def test_a_hostile_title_comes_out_as_plain_text() -> None:
    hostile = GOOGLE.parse(GOOGLE_FULL).organic[2]
    assert hostile.title == "Evil title <script>x</script>"  # the element is dropped, the
    assert "alert" not in hostile.title  # escaped text is what the page showed, as text


def test_bing_ads_and_answers_are_blocks() -> None:
    tracker = f"https://www.bing.com/ck/a?!&&p=1&u=a1{_b64('https://organic.example/é')}&ntb=1"
    body = f"""<!DOCTYPE html><html><head><title>serpshield - Bing</title></head><body>
    <ol id="b_results"><li class="b_ad b_adTop"><ul><li><div class="sb_add sb_adTA"><h2>
    <a href="https://www.bing.com/aclick?ld=e8&amp;u=aHR0cHM6">Serpshield Ad</a></h2></div></li>
    </ul></li><li class="b_algo"><h2><a href="{tracker}">Organic <strong>one</strong></a></h2>
    <div class="b_caption"><p><strong>Serp</strong>shield is here.</p></div></li>
    <li class="b_ans"><div class="df_hd">People also ask</div><div data-query="Is it good?">
    </div></li><li class="b_pag"><a href="/search?q=serpshield&amp;first=11">2</a></li></ol>
    </body></html>""".encode()
    page = BING.parse(body)
    assert [(r.url, r.title, r.snippet) for r in page.organic] == [
        ("https://organic.example/é", "Organic one", "Serpshield is here.")
    ]
    assert [(b.result_type, b.title) for b in page.blocks] == [
        ("ad", "Serpshield Ad"),
        ("people_also_ask", "Is it good?"),
    ]


def test_ddg_ads_are_blocks_and_redirects_are_decoded() -> None:
    body = b"""<!DOCTYPE html><html><head><title>serpshield at DuckDuckGo</title></head><body>
    <div id="links" class="results">
    <div class="result results_links results_links_deep result--ad"><div class="result__body">
    <h2 class="result__title"><a class="result__a" href="https://duckduckgo.com/y.js?ad_provider=b">
    Serpshield Ad</a></h2><span class="badge--ad">Ad</span></div></div>
    <div class="result results_links results_links_deep web-result"><div class="result__body">
    <h2 class="result__title"><a class="result__a" rel="nofollow"
    href="//duckduckgo.com/l/?uddg=https%3A%2F%2Forganic.example%2Fpage&amp;rut=ab">Organic
    &amp; <b>bold</b></a></h2><a class="result__snippet" href="#">A <b>snippet</b>.</a></div></div>
    </div></body></html>"""
    page = DDG.parse(body)
    assert [(r.position, r.url, r.title, r.snippet) for r in page.organic] == [
        (1, "https://organic.example/page", "Organic & bold", "A snippet.")
    ]
    assert [(b.result_type, b.title, b.url) for b in page.blocks] == [("ad", "Serpshield Ad", "")]


def test_results_that_quote_captcha_phrases_are_not_blocked() -> None:
    google = _google_page(
        '<div id="search"><div id="rso">'
        + _organic_card(
            "https://support.google.com/websearch/answer/86640",
            "Unusual traffic from your computer network",
            "Our systems have detected unusual traffic from your computer network.",
        )
        + "</div></div>"
    )
    assert len(GOOGLE.parse(google).organic) == 1
    ddg = b"""<html><head><title>bots at DuckDuckGo</title></head><body><div id="links">
    <div class="result"><a class="result__a" href="https://blog.example/ddg">Unfortunately, bots
    use DuckDuckGo too</a></div></div></body></html>"""
    assert len(DDG.parse(ddg).organic) == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "café"),
        ("<p>café</p>".encode("utf-16"), "café"),
        (b'<meta charset="windows-1252"><p>caf\xe9 \x80</p>', "café €"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">\xe9', "é"),
        (b'<meta charset="utf-16"><p>caf\xc3\xa9</p>', "café"),  # a lie: it is UTF-8
        (b'<meta charset="zlib"><p>caf\xc3\xa9</p>', "café"),  # not a text encoding
        (b'<meta charset="no-such-thing"><p>caf\xc3\xa9</p>', "café"),
        (b"<p>caf\xe9</p>", "caf\ufffd"),  # no declaration: UTF-8 with replacement
    ],
)
def test_decoding(body: bytes, expected: str) -> None:
    assert expected in decode_body(body)


def test_text_is_one_line_with_words_kept_apart_by_blocks_only() -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(
        "<div id='x'><b>HELLO</b>! <div>a</div><div>b<br>c</div><!-- hidden -->"
        "<style>p{}</style><script>var x;</script>\u00a0 end</div>",
        "lxml",
    )
    assert text_of(soup.find(id="x")) == "HELLO! a b c end"


def test_queries_with_special_characters_in_redirects() -> None:
    target = "https://example.com/search?q=" + quote("a+b c&d", safe="")
    assert decode_ddg_href("/l/?uddg=" + quote(target, safe="")) == target
