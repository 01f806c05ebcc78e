"""Saved DuckDuckGo pages from the no-JavaScript endpoint (html.duckduckgo.com/html/).

Web results are the ``div.result`` items of ``#links`` with an ``a.result__a`` title link and an
``.result__snippet``. Ads are ``div.result--ad`` items (also marked by a ``.badge--ad`` label);
their ``y.js`` click links never become organic. Result links are either direct (2021 pages) or
``//duckduckgo.com/l/?uddg=<percent-encoded destination>&rut=...`` redirects, decoded here.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from bs4 import Tag

from collectors.errors import ParseError
from collectors.sources.base import ParsedPage, ParsedResult
from collectors.sources.html_common import (
    Block,
    HtmlParser,
    attr,
    classes,
    finish,
    hostname,
    is_web_url,
    query_param,
    raise_if_blocked,
    result,
    text_of,
)
from collectors.sources.html_index import Page

ENGINE = "DuckDuckGo"
_BASE = "https://duckduckgo.com/"
_NAV_PATHS = ("/l/", "/html", "/lite", "/y.js", "/d.js", "/t/")
_BLOCK_MARKERS = (
    ".anomaly-modal__mask, .anomaly-modal__modal, [data-testid='anomaly-modal'], #anomaly_modal, "
    "#challenge-form, form[action*='anomaly']"
)
_BLOCK_PHRASES = re.compile(
    r"bots use duckduckgo too|(?:ro)?bots utilisent (?:aussi |également )?duckduckgo"
    r"|confirm this search was made by a human|effectuée par un (?:être )?humain",
    re.I,
)
_NO_RESULTS = re.compile(r"\bno\s+(?:more\s+)?results\b|aucun résultat", re.I)


def decode_ddg_href(href: str) -> str | None:
    """The destination of a DuckDuckGo link: ``/l/?uddg=`` redirects decoded, direct links
    made absolute; None for in-engine links (ad ``y.js`` clicks, searches, pagination)."""
    try:
        absolute = urljoin(_BASE, href.strip())
    except ValueError:
        return None
    if not is_web_url(absolute):
        return None
    host = hostname(absolute)
    if host != "duckduckgo.com" and not host.endswith(".duckduckgo.com"):
        return absolute
    target = query_param(absolute, "uddg")
    if target is not None:
        return target if is_web_url(target) else None
    path = urlsplit(absolute).path
    if path in ("", "/") or path.startswith(_NAV_PATHS) or query_param(absolute, "q"):
        return None
    return absolute  # a DuckDuckGo page shown as an ordinary result (duckduckgo.com/app)


def _is_ad(page: Page, item: Tag) -> bool:
    """Ads carry ``result--ad`` (and variants such as ``result--ad--small``) or an ad badge."""
    return any(name.startswith("result--ad") for name in classes(item)) or (
        page.select_one(".badge--ad, .result__badge--ad", item) is not None
    )


def _items(page: Page) -> list[Tag]:
    """Result items, outermost only (some layouts nest ``div.result__body`` helpers)."""
    found = []
    for item in page.select("div.result"):
        if item.find_parent("div", class_="result") is None:
            found.append(item)
    return found


def _extract(page: Page) -> ParsedPage:
    """The ParsedPage of a DuckDuckGo HTML page (see the module docstring for the rules)."""
    soup, links, items = page.soup, page.first("#links"), _items(page)
    is_ddg = "duckduckgo" in text_of(soup.title).lower() or (
        page.select_one("form[action*='duckduckgo'], form[action^='/html'], .header__logo")
        is not None
    )
    is_layout = is_ddg and (links is not None or bool(items))
    raise_if_blocked(page, ENGINE, _BLOCK_MARKERS, _BLOCK_PHRASES, is_layout)
    if not is_layout:
        title = text_of(soup.title)[:80] or "no #links results layout"
        raise ParseError(f"not a DuckDuckGo results page: {title!r}")
    organic: list[ParsedResult] = []
    blocks: list[Block] = []
    for item in items:
        link = page.select_one("a.result__a[href]", item)
        if link is None:
            continue
        url = decode_ddg_href(attr(link, "href"))
        title = text_of(link)
        snippet = text_of(page.select_one(".result__snippet", item))
        if _is_ad(page, item):
            blocks.append(Block("ad", url or "", title, snippet))
        elif url is not None:
            organic.append(result(len(organic) + 1, url, title, snippet, "organic"))
    box = page.select_one(".zci, #zero_click_abstract")  # the instant answer, if any
    if box is not None:
        heading = text_of(page.select_one(".zci__heading, h1, h2", box))
        link = box.find("a", href=re.compile(r"^https?://"))
        url = decode_ddg_href(attr(link, "href")) if isinstance(link, Tag) else None
        blocks.append(Block("knowledge_panel", url or "", heading, text_of(box)[:300]))
    scope = links if links is not None else soup
    no_results = not organic and (
        page.select_one(".no-results", scope) is not None or _NO_RESULTS.search(text_of(scope))
    )
    return finish(ENGINE, organic, blocks, bool(no_results))


PARSER = HtmlParser(name="ddg-html", engine=ENGINE, extract=_extract)
SOURCES = (PARSER,)
