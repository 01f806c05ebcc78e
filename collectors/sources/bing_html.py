"""Saved Bing results pages (www.bing.com/search).

Organic results are the ``li.b_algo`` items of ``ol#b_results``, titled by their ``h2 > a`` link.
Answers (``li.b_ans``: images, videos, "People also ask", related searches), pagination
(``li.b_pag``) and ads (``li.b_ad``) sit between them and are never organic. Since about 2022
Bing wraps result links in ``https://www.bing.com/ck/a?...&u=a1<base64url>`` click trackers;
the destination is decoded from ``u`` (its "a1" prefix dropped, its stripped padding restored).
"""

from __future__ import annotations

import base64
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

ENGINE = "Bing"
_BASE = "https://www.bing.com/"
_NAV_PATHS = (
    "/search",
    "/images/",
    "/videos/",
    "/news/",
    "/shop",
    "/aclick",
    "/aclk",
    "/fd/",
    "/ck/",
)
_LINKS = "h2 a[href], a.b_adurl, .b_rs a[href], .b_vlist2col a[href]"
_SNIPPETS = (".b_caption p", ".b_snippet", ".b_algoSlug", ".tab-content p", ".b_caption")
_BLOCK_MARKERS = (
    "form[action*='captcha' i], iframe[src*='captcha' i], #b_captcha, .cf-turnstile, "
    "#turnstile-widget, form[action*='/challenge' i]"
)
_BLOCK_PHRASES = re.compile(
    r"one last step|solve the challenge|verify (?:that )?you are (?:a )?human"
    r"|please type the characters|une dernière étape|encore une étape|résoudre le défi"
    r"|vérifier que vous êtes (?:un )?humain|tapez les caractères",
    re.I,
)
_NO_RESULTS = re.compile(
    r"there are no results for|no results found for|il n['’]existe aucun résultat"
    r"|aucun résultat (?:pour|trouvé)",
    re.I,
)


def decode_bing_href(href: str) -> str | None:
    """The destination of a Bing link: ``/ck/a?...&u=a1<base64url>`` click trackers decoded
    (padding restored, UTF-8 destinations kept as text), other links made absolute. None for
    in-engine navigation (searches, verticals, ad clicks); an undecodable tracker is returned
    as is rather than dropped, so the result keeps its position."""
    try:
        absolute = urljoin(_BASE, href.strip())
        path = urlsplit(absolute).path
    except ValueError:
        return None
    if not is_web_url(absolute):
        return None
    host = hostname(absolute)
    if host != "bing.com" and not host.endswith(".bing.com"):
        return absolute
    if path == "/ck/a":
        encoded = query_param(absolute, "u") or ""
        if encoded.startswith("a1"):
            payload = encoded[2:] + "=" * (-len(encoded[2:]) % 4)
            try:
                target = base64.urlsafe_b64decode(payload).decode("utf-8")
            except ValueError:  # binascii.Error, UnicodeDecodeError, non-ASCII input
                return absolute
            if is_web_url(target):
                return target
        return absolute
    if path in ("", "/") or path.startswith(_NAV_PATHS):
        return None
    return absolute  # a Bing property shown as an ordinary result (bing.com/translator)


def _is_ad(page: Page, node: Tag) -> bool:
    """Ads: ``li.b_ad`` blocks (top and bottom) and items labelled with an ad slug."""
    return "b_ad" in classes(node) or page.select_one(".b_adSlug, .sb_adTA", node) is not None


def _organic(page: Page, results: Tag) -> list[ParsedResult]:
    """``li.b_algo`` items in page order, skipping ads and items without a title link."""
    organic: list[ParsedResult] = []
    for item in page.select("li.b_algo", results):
        if _is_ad(page, item) or has_ancestor(item, lambda node: _is_ad(page, node), results):
            continue
        link = page.select_one("h2 a[href]", item) or page.select_one(".b_title a[href]", item)
        url = decode_bing_href(attr(link, "href")) if link is not None else None
        if link is None or url is None:
            continue
        snippet = first_text(page, item, _SNIPPETS)
        organic.append(result(len(organic) + 1, url, text_of(link), snippet, "organic"))
    return organic


def _links(page: Page, node: Tag, kind: str) -> list[Block]:
    """One block per titled link of ``node`` (in-engine links keep an empty URL)."""
    found = []
    for link in page.select(_LINKS, node):
        if title := text_of(link):
            found.append(Block(kind, decode_bing_href(attr(link, "href")) or "", title, ""))
    return found


def _blocks(page: Page, results: Tag) -> list[Block]:
    """Ads, answers and the right-hand knowledge panel, for --all."""
    found: list[Block] = []
    for item in results.find_all("li", recursive=False):
        names = classes(item)
        if "b_ad" in names:
            found.extend(_links(page, item, "ad"))
        elif "b_ans" in names:
            heading = text_of(item.find("h2")) or text_of(item)[:60]
            kind = kind_of_heading(heading) or "answer"
            questions = page.select("[data-query]", item)
            if kind == "people_also_ask" and questions:
                found.extend(
                    Block(kind, "", collapse(attr(q, "data-query")), "") for q in questions
                )
            elif kind == "related_searches":
                found.extend(_links(page, item, kind))
            else:
                url = next((b.url for b in _links(page, item, kind) if b.url), "")
                found.append(Block(kind, url, heading, ""))
    context = page.first("#b_context")
    if context is not None:
        found.extend(_links(page, context, "ad") if page.select_one("li.b_ad", context) else [])
        entity = page.select_one(".b_entityTitle, h2", context)
        if entity is not None:
            link = context.find("a", href=re.compile(r"^https?://"))
            target = decode_bing_href(attr(link, "href")) if isinstance(link, Tag) else None
            summary = text_of(page.select_one(".b_entitySubTitle, .b_snippet, p", context))
            found.append(Block("knowledge_panel", target or "", text_of(entity), summary))
    return found


def _is_bing(page: Page) -> bool:
    """Page-level evidence of Bing: its title suffix, search form or logo."""
    return (
        "bing" in text_of(page.soup.title).lower()
        or page.select_one("#sb_form, #b_header, .b_logo, a[href*='bing.com']") is not None
    )


def _extract(page: Page) -> ParsedPage:
    """The ParsedPage of a Bing results page (see the module docstring for the rules)."""
    results = page.first("#b_results")
    is_layout = results is not None and _is_bing(page)
    raise_if_blocked(page, ENGINE, _BLOCK_MARKERS, _BLOCK_PHRASES, is_layout)
    if results is None or not is_layout:
        title = text_of(page.soup.title)[:80] or "no ol#b_results"
        raise ParseError(f"not a Bing results page: {title!r}")
    organic = _organic(page, results)
    no_results = not organic and (
        page.select_one("li.b_no", results) is not None or _NO_RESULTS.search(text_of(results))
    )
    return finish(ENGINE, organic, _blocks(page, results), bool(no_results))


PARSER = HtmlParser(name="bing-html", engine=ENGINE, extract=_extract)
SOURCES = (PARSER,)
