"""What the saved-page parsers (Google, Bing, DuckDuckGo HTML) share.

Saved pages arrive as bytes from browsers, VCR cassettes and wget, so decoding follows what a
browser does rather than guessing: a byte-order mark wins, then a ``<meta charset>`` (or XML
declaration) in the first 4 KiB, then UTF-8 with replacement characters, so a stray byte never
makes a page unreadable. Text is taken from the parsed tree only (never from raw markup), which is
why a hostile ``<script>`` inside a title comes out as plain text. Each parser checks in the same
order (captcha or consent wall, then the engine's layout signature, then results, then the "no
results" message) so that a captcha is never mistaken for an empty page, a foreign page never
passes as an empty one, and a recognised page without results or message is a ``ParseError``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup
from bs4.element import CData, NavigableString, Tag

from collectors.errors import BlockedError, ParseError
from collectors.normalize import registrable_domain
from collectors.sources.base import ParsedPage, ParsedResult, PayloadKind
from collectors.sources.html_index import Page

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._\-]{1,40})""",
    re.IGNORECASE,
)
# Tags whose boundaries separate words even when the markup has no whitespace between them.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
        "p", "section", "table", "tbody", "td", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_TEXT_TYPES = (NavigableString, CData)  # not Comment, Script, Stylesheet, TemplateString...


# Headings that announce a non-organic block, in English and French (both engines localise).
_HEADING_KINDS = (
    ("people_also_ask", re.compile(r"people also ask|autres questions", re.I)),
    ("related_searches", re.compile(r"related searches|recherches associées", re.I)),
    ("knowledge_panel", re.compile(r"see results about|voir les résultats", re.I)),
    ("top_stories", re.compile(r"top stories|à la une|^news\b|^actualités\b", re.I)),
    ("images", re.compile(r"^images\b", re.I)),
    ("video", re.compile(r"^vid[eé]os\b", re.I)),
)


def decode_body(body: bytes) -> str:
    """The page as text: BOM, then declared charset, then UTF-8; undecodable bytes become U+FFFD.

    As in browsers (WHATWG encoding spec), a page that *declares* UTF-16/32 in ASCII-compatible
    markup is really UTF-8, and Latin-1/ASCII labels mean windows-1252.
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    encoding = "utf-8"
    match = _DECLARED.search(body[:4096])
    if match:
        label = (match.group(1) or match.group(2)).decode("ascii", errors="replace")
        try:
            encoding = codecs.lookup(label).name
        except LookupError:
            encoding = "utf-8"
    if encoding.startswith(("utf-16", "utf-32")):
        encoding = "utf-8"
    elif encoding in ("ascii", "iso8859-1", "latin-1"):
        encoding = "cp1252"
    try:
        return body.decode(encoding, errors="replace")
    except LookupError:  # a non-text codec label such as "zlib" or "base64"
        return body.decode("utf-8", errors="replace")


def parse_document(body: bytes, engine: str) -> BeautifulSoup:
    """The parsed tree of ``body``; ``ParseError`` for an empty or unparseable body."""
    if not body.strip():
        raise ParseError(f"not a {engine} results page: empty body")
    text = decode_body(body).replace("\x00", "\ufffd")  # libxml2 stops reading at a NUL
    try:
        return BeautifulSoup(text, "lxml")
    except Exception as exc:  # lxml/bs4 rejections have no common base class
        raise ParseError(f"not a {engine} results page: unparseable HTML ({exc})") from None


def collapse(text: str) -> str:
    """Whitespace runs (including non-breaking spaces) become one space; ends are trimmed."""
    return " ".join(text.split())


def text_of(node: Tag | None) -> str:
    """The visible text of ``node`` as one line: scripts, styles and comments are skipped, and a
    space separates text from different blocks (``<div>a</div><div>b</div>`` gives ``"a b"``)
    while inline markup stays glued (``<b>HELLO</b>!`` gives ``"HELLO!"``).

    The block of each element (itself if block-level, else its parent's) is noted as the walk
    reaches it, so a text node finds its block in one lookup instead of a walk up its ancestors,
    which made a big subtree cost its size times its depth."""
    if node is None:
        return ""
    parts: list[str] = []
    blocks: dict[int, Tag] = {id(node): node}  # ``node`` bounds the search, as a block would
    previous_block: Tag | None = None
    for item in node.descendants:
        if isinstance(item, Tag):
            inherited = blocks.get(id(item.parent), node)
            blocks[id(item)] = item if item.name in _BLOCK_TAGS else inherited
            if item.name == "br":
                parts.append(" ")
            continue
        if type(item) not in _TEXT_TYPES:
            continue
        block = blocks.get(id(item.parent), node)
        if previous_block is not None and block is not previous_block:
            parts.append(" ")
        previous_block = block
        parts.append(str(item))
    return collapse("".join(parts))


def first_text(page: Page, node: Tag | None, selectors: Iterable[str]) -> str:
    """The text of the first selector that finds non-empty text inside ``node``, else ""."""
    if node is None:
        return ""
    for selector in selectors:
        if text := text_of(page.select_one(selector, node)):
            return text
    return ""


def kind_of_heading(heading: str) -> str | None:
    """The block type a heading announces ("People also ask" -> people_also_ask), or None."""
    return next((kind for kind, pattern in _HEADING_KINDS if pattern.search(heading)), None)


def attr(node: Tag | None, name: str) -> str:
    """An attribute as a string ("" when absent; multi-valued attributes joined by spaces)."""
    if node is None:
        return ""
    value = node.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def classes(node: Tag) -> set[str]:
    """The class names of ``node``."""
    return set(attr(node, "class").split())


def query_param(url: str, name: str) -> str | None:
    """The first value of query parameter ``name`` (percent-decoded), or None."""
    try:
        values = parse_qs(urlsplit(url).query).get(name)
    except ValueError:
        return None
    return values[0] if values else None


def hostname(url: str) -> str:
    """The lowercase host of ``url`` ("" when there is none or the URL is malformed)."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def is_web_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host: the only kind a result may point to."""
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def has_ancestor(node: Tag, test: Callable[[Tag], bool], stop: Tag | None = None) -> bool:
    """True when an ancestor of ``node`` (below ``stop``) satisfies ``test``."""
    parent = node.parent
    while parent is not None and parent is not stop:
        if test(parent):
            return True
        parent = parent.parent
    return False


def result(position: int, url: str, title: str, snippet: str, kind: str) -> ParsedResult:
    """A ParsedResult whose domain is derived from ``url`` ("" for in-engine links)."""
    domain = registrable_domain(url) if url else ""
    return ParsedResult(position, url, title, snippet, domain, kind)


@dataclass(frozen=True)
class Block:
    """A non-organic item before numbering: positions are counted within each type."""

    kind: str
    url: str = ""
    title: str = ""
    snippet: str = ""


def number_blocks(blocks: Iterable[Block]) -> tuple[ParsedResult, ...]:
    """Blocks in page order, each numbered 1, 2, ... within its ``result_type`` (a block with
    neither a title nor a URL says nothing and is left out)."""
    counts: dict[str, int] = {}
    numbered = []
    for block in blocks:
        if not (block.title or block.url):
            continue
        counts[block.kind] = counts.get(block.kind, 0) + 1
        numbered.append(
            result(counts[block.kind], block.url, block.title, block.snippet, block.kind)
        )
    return tuple(numbered)


def raise_if_blocked(
    page: Page,
    engine: str,
    markers: str,
    phrases: re.Pattern[str],
    is_results_layout: bool,
) -> None:
    """``BlockedError`` when the page is a captcha or bot wall.

    Structural ``markers`` (a CSS selector for captcha forms and widgets) count anywhere. The
    ``phrases`` count only when the page has no results layout, because a real results page for
    a query such as "unusual traffic" quotes those phrases in its snippets.
    """
    if page.select_one(markers) is not None:
        raise BlockedError(f"{engine} answered with a captcha / bot challenge page")
    if not is_results_layout:
        text = text_of(page.soup.body or page.soup) + " " + text_of(page.soup.title)
        if phrases.search(text):
            raise BlockedError(f"{engine} answered with a bot challenge or consent page")


@dataclass(eq=False)  # compared and hashed by identity: one instance per format
class HtmlParser:
    """A saved-page format: decoding and the empty-body check here, the layout in ``extract``."""

    name: str
    engine: str
    extract: Callable[[Page], ParsedPage]
    payload: PayloadKind = "html"

    def parse(self, body: bytes) -> ParsedPage:
        """Parse a saved page; raises ``ParseError`` or ``BlockedError``, nothing else."""
        return self.extract(Page(parse_document(body, self.engine)))


def finish(
    engine: str,
    organic: list[ParsedResult],
    blocks: Iterable[Block],
    no_results: bool,
) -> ParsedPage:
    """The page, or ``ParseError`` when a recognised layout yielded no organic result and the
    engine did not say "no results": that is a layout change, never a silent empty page."""
    if not organic and not no_results:
        raise ParseError(
            f"{engine} results page without organic results or a 'no results' message "
            "(the layout may have changed)"
        )
    return ParsedPage(organic=tuple(organic), blocks=number_blocks(blocks))
