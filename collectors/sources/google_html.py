"""Saved Google results pages: the 2022-2023 layouts, the older ``div.g`` pages (num=100 too) and
the basic-HTML ``gbv=1`` page.

An organic result is a title ``<h3>`` inside a link (``a > h3``; ``div.g h3 > a`` on old pages)
that leads off Google. Layout class names change every few months, so the rule is structural and
the exclusions are a list of containers: ads, knowledge panels (Google sometimes moves ``#rhs``
into ``#rso`` or into a wrapper shared with an organic result), "People also ask", local packs,
shopping units and carousels. Links to ``google.*/search`` and other in-engine pages are never
organic, but a Google property shown as an ordinary result (books.google.com, support.google.com)
is; so is Google's indented second result from the same site (an ``a > h3`` inside another
result's card), while an ``h3 > a`` inside a card that already gave a result is a sitelink.
Titles linking to ad clicks (``/aclk``, googleadservices) are ads wherever they sit. Basic-HTML
links are ``/url?q=<destination>`` redirects and are decoded.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from collectors.errors import BlockedError, ParseError
from collectors.sources.base import ParsedPage, ParsedResult
from collectors.sources.html_common import (
    Block,
    HtmlParser,
    attr,
    classes,
    collapse,
    finish,
    first_text,
    has_ancestor,
    hostname,
    is_web_url,
    kind_of_heading,
    query_param,
    raise_if_blocked,
    result,
    text_of,
)
from collectors.sources.html_index import Page

ENGINE = "Google"
_BASE = "https://www.google.com/"
_HOST = re.compile(r"^(?:www\.|ipv[46]\.)?google(?:\.com?)?\.[a-z]{2,3}$")
_REDIRECT_PATHS = ("/url", "/interstitial", "/aclk")
_NAV_PATHS = (
    "/search", "/imgres", "/setprefs", "/preferences", "/advanced_search", "/webhp", "/sorry",
    "/gen_204", "/complete", "/httpservice", "/async",
)  # fmt: skip
# Containers whose title links are never organic results.
_EXCLUDED_IDS = frozenset({"tads", "tadsb", "bottomads", "tvcap", "rhs"})
_EXCLUDED_CLASSES = frozenset(
    {
        "kp-wholepage", "knowledge-panel", "kno-kp",  # knowledge panels
        "related-question-pair", "cUnQKe",  # "People also ask"
        "commercial-unit-desktop-top", "commercial-unit-desktop-rhs", "cu-container",
        "pla-unit", "uEierd",  # ads and shopping
        "VkpGBb", "rllt__details", "cXedhc",  # local pack
    }
)  # fmt: skip
_EXCLUDED_TAGS = frozenset(
    {"g-scrolling-carousel", "g-section-with-header", "g-inner-card", "video-voyager"}
)
_EXCLUDED_ATTRS = ("data-text-ad", "data-initq")  # an ad; "People also ask"
_EXCLUDED_KEYS = [f"#{n}" for n in _EXCLUDED_IDS] + [f".{n}" for n in _EXCLUDED_CLASSES]
_EXCLUDED_KEYS += [*_EXCLUDED_TAGS, *(f"[{n}" for n in _EXCLUDED_ATTRS)]  # see Page.tagged
_SNIPPETS = (
    ".VwiC3b", "[data-sncf='1']", ".IsZvec", "span.st", ".Uroaid", ".s3v9rd",
    "[data-content-feature='1']",
)  # fmt: skip
# Non-organic blocks recognised for --all: one entry per matching element.
_BLOCKS = (
    ("ad", "#tads .uEierd, #tadsb .uEierd, #bottomads .uEierd, [data-text-ad]"),
    ("shopping", ".pla-unit"),
    ("knowledge_panel", ".kp-wholepage, .knowledge-panel"),
    ("people_also_ask", ".related-question-pair"),
    ("local_pack", ".VkpGBb"),
    ("top_stories", "g-section-with-header"),
    ("video", "video-voyager"),
    ("related_searches", "a.k8XOCe"),
)
_BLOCK_MARKERS = (
    "#captcha-form, form[action*='/sorry/'], .g-recaptcha, #recaptcha, script[src*='recaptcha']"
)
_BLOCK_PHRASES = re.compile(
    r"unusual traffic|trafic exceptionnel|automated queries|requêtes automatisées"
    r"|before you continue to google|avant d['’]accéder à google|avant de continuer vers google",
    re.I,
)
_IN_ENGINE_KINDS = ("related_searches", "knowledge_panel", "people_also_ask", "local_pack")
_TRACKERS = ("googleadservices.com", "doubleclick.net")
_AD_CLICK = re.compile(r"^(?:https?://[^/]*)?/(?:pagead/)?aclk\?|googleadservices\.|doubleclick\.")
_CONSENT = "form[action*='consent.google.'], form[action*='consent.youtube.']"
_NO_RESULTS = re.compile(
    r"did not match any documents|aucun document ne correspond|no results found for", re.I
)


def decode_google_href(href: str) -> str | None:
    """The destination of a link on a Google page, or None for in-engine navigation.

    ``/url?q=<dest>&sa=U`` (basic HTML), ``/url?url=`` and ``/interstitial?url=`` redirects and
    ad clicks (``adurl=``, also on googleadservices.com) are unwrapped; relative links are
    resolved against google.com.
    """
    try:
        absolute = urljoin(_BASE, href.strip())
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if parts.hostname.endswith(_TRACKERS):  # ad clicks may name their landing page
        target = query_param(absolute, "adurl")
        return target if target and is_web_url(target) else absolute
    if not _HOST.match(parts.hostname):
        return absolute
    if parts.path in _REDIRECT_PATHS:
        for key in ("q", "url", "adurl"):
            target = query_param(absolute, key)
            if target and is_web_url(target):
                return target
        return None
    if parts.path in ("", "/") or parts.path.startswith(_NAV_PATHS):
        return None
    return absolute


def _excluded(node: Tag) -> bool:
    """Whether ``node`` is (inside) a container that never holds organic results."""
    return (
        attr(node, "id") in _EXCLUDED_IDS
        or node.name in _EXCLUDED_TAGS
        or not _EXCLUDED_CLASSES.isdisjoint(classes(node))
        or any(node.has_attr(name) for name in _EXCLUDED_ATTRS)
    )


def _root(page: Page) -> Tag | None:
    """Where organic results live (the centre column, so results appended below ``#rso`` by
    continuous scrolling count too), or None when this is not a Google results layout."""
    for key in ("center_col", "rso", "search", "res"):
        if (found := page.first(f"#{key}")) is not None:
            return found
    main = page.first("#main")  # basic HTML (gbv=1): no #rso, results are ZINbbc/kCrYT blocks
    if main is not None and page.first((".ZINbbc", ".kCrYT"), main) is not None:
        return main
    return None


def _is_google(soup: BeautifulSoup) -> bool:
    """Page-level evidence that this is Google, besides the ids other sites may also use."""
    itemtype = attr(soup.html, "itemtype")
    if "SearchResultsPage" in itemtype or "google" in text_of(soup.title).lower():
        return True
    for link in soup.find_all("a", href=re.compile(r"google\.", re.I), limit=50):
        host = hostname(attr(link, "href"))
        if _HOST.match(host) or host.endswith(".google.com"):
            return True
    return False


def _organic(page: Page, root: Tag, blocks: list[Block]) -> list[ParsedResult]:
    """Organic results in page order; sitelinks and in-engine titles go to ``blocks``.

    ``a > h3`` is always a result title, also inside another result's card (Google indents a
    second result from the same site there). ``h3 > a`` is a title only inside a ``div.g`` card
    that has none yet (pre-2019 ``h3.r > a``); inside a card that already gave a result it is a
    sitelink.
    """
    organic: list[ParsedResult] = []
    claimed: set[int] = set()  # ids of the cards that already gave a result
    excluded = {id(node) for node in page.tagged(_EXCLUDED_KEYS) if _excluded(node)}
    cards = {id(node) for node in page.tagged((".g", ".ZINbbc"))}  # desktop / basic-HTML cards
    for h3 in page.find_all("h3", root):
        if id(h3) in excluded or has_ancestor(h3, lambda node: id(node) in excluded):
            continue
        card = next((node for node in h3.parents if id(node) in cards), None)
        link = next((node for node in h3.parents if node.name == "a"), None)
        inner_link = link is None
        if inner_link and card is not None:
            link = h3.find("a", href=True)
        if not isinstance(link, Tag):
            continue
        title, href = text_of(h3), attr(link, "href")
        url = decode_google_href(href)
        if _AD_CLICK.search(href):  # ads outside the ad containers (basic HTML)
            blocks.append(Block("ad", url or "", title, ""))
        elif url is None:  # "See results about" entities link to /search?...&stick=
            if "stick=" in href:
                blocks.append(Block("knowledge_panel", "", title, ""))
        elif inner_link and has_ancestor(h3, lambda node: id(node) in claimed):
            blocks.append(Block("sitelink", url, title, ""))
        else:
            if card is not None:
                claimed.add(id(card))
            snippet = first_text(page, card, _SNIPPETS)
            organic.append(result(len(organic) + 1, url, title, snippet, "organic"))
    return organic


def _block_links(node: Tag, kind: str) -> list[Block]:
    """One entry per distinct link of a basic-HTML block (in-engine links without a URL;
    image results point to the page the image comes from)."""
    found: list[Block] = []
    seen: set[tuple[str, str]] = set()
    for link in node.find_all("a", href=True):
        href = attr(link, "href")
        image = link.find("img")
        if kind == "images" and "/imgres?" in href and isinstance(image, Tag):
            title, url = attr(image, "alt"), query_param(urljoin(_BASE, href), "imgrefurl") or ""
        else:
            title, url = text_of(link), decode_google_href(href) or ""
        if not title or (not url and kind not in ("related_searches", "knowledge_panel")):
            continue
        if (url, title) not in seen:
            seen.add((url, title))
            found.append(Block(kind, url, title, ""))
    return found


def _basic_blocks(page: Page, main: Tag, organic_urls: set[str]) -> list[Block]:
    """Basic-HTML blocks, told apart by their heading; an untitled block with a picture that
    links off Google is the featured video. Blocks holding an ``<h3>`` were seen by _organic."""
    found: list[Block] = []
    for block in page.tagged([".ZINbbc"], main):
        if block.find("h3") or has_ancestor(block, lambda n: "ZINbbc" in classes(n), main):
            continue
        heading = text_of(block)[:80]
        kind = kind_of_heading(heading)  # basic-HTML blocks have no class names worth trusting
        if kind is not None:
            found.extend(_block_links(block, kind))
        elif block.find("img") is not None:
            url = next((b.url for b in _block_links(block, "video") if b.url), "")
            if url and url not in organic_urls:
                title = text_of(block.select_one(".kCrYT .BNeawe")) or heading
                found.append(Block("video", url, title, ""))
    return found


def _block_title(page: Page, node: Tag) -> str:
    """The most specific title a desktop block offers (question, entity name, heading)."""
    question = collapse(attr(node, "data-q") or attr(page.select_one("[data-q]", node), "data-q"))
    if question:
        return question
    selectors = ("[data-attrid='title']", ".dbg0pd", "[role='heading']", "h3")
    return first_text(page, node, selectors) or text_of(node)[:200]


def _block_url(page: Page, node: Tag) -> str:
    """The first destination in a block, preferring a landing page to an ad-click tracker."""
    hrefs = [attr(a, "href") for a in page.find_all("a", node) if a.get("href") is not None]
    urls = [url for url in map(decode_google_href, hrefs) if url]
    direct = [u for u in urls if not hostname(u).endswith(_TRACKERS)]
    return (direct or urls or [""])[0]


def _page_blocks(page: Page) -> list[Block]:
    """Desktop-layout blocks recognised by their containers (ads and units without a
    destination, such as "View all" tiles, are left out)."""
    found: list[Block] = []
    seen: set[int] = set()  # an ad's .uEierd wraps its [data-text-ad]: one entry, not two
    for kind, selector in _BLOCKS:
        for node in page.select(selector):
            if has_ancestor(node, lambda n: id(n) in seen):
                continue
            seen.add(id(node))
            url = _block_url(page, node)
            if url or kind in _IN_ENGINE_KINDS:
                snippet = text_of(page.select_one(".kno-rdesc span, .VwiC3b", node))
                found.append(Block(kind, url, _block_title(page, node), snippet))
    return found


def _extract(page: Page) -> ParsedPage:
    """The ParsedPage of a Google results page (see the module docstring for the rules)."""
    soup, root = page.soup, _root(page)
    is_layout = root is not None and _is_google(soup)
    raise_if_blocked(page, ENGINE, _BLOCK_MARKERS, _BLOCK_PHRASES, is_layout)
    if root is None or not is_layout:
        if page.select_one(_CONSENT) is not None:
            raise BlockedError("Google answered with its cookie-consent interstitial")
        title = text_of(soup.title)[:80] or "no #rso, #search or basic-HTML #main layout"
        raise ParseError(f"not a Google results page: {title!r}")
    blocks: list[Block] = []
    organic = _organic(page, root, blocks)
    if attr(root, "id") == "main":
        blocks.extend(_basic_blocks(page, root, {r.url for r in organic}))
    else:
        blocks = _page_blocks(page) + blocks
    # The message sits above #rso (in #topstuff), so the whole page is searched.
    no_results = not organic and _NO_RESULTS.search(text_of(soup.body or soup)) is not None
    return finish(ENGINE, organic, blocks, no_results)


PARSER = HtmlParser(name="google-html", engine=ENGINE, extract=_extract)
SOURCES = (PARSER,)
