"""Soft 404s: pages answered with 200 that say the content is gone.

File hosts and forums rarely answer 404 for a removed upload; they show a "file not found" page
instead. The monitor reads the visible text of the first part of the body (charset decoded,
tags stripped by a linear scan, never parsed by a browser engine or rendered) and looks for
removal phrasings in English and French.

Generic phrases are only looked for near the top of the page (``GENERIC_WINDOW`` characters):
a live forum thread where a commenter writes "file not found" further down is not a removal.
Per-host phrases (``HOST_PATTERNS``, keyed by registrable domain) are looked for in all the text
read, because they are specific enough. The dict is meant to grow: add a host with the wording
of its removal page (checked against a saved copy of that page), lowercase, accents allowed.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata

from collectors.normalize import registrable_domain

TEXT_BYTES = 128 * 1024  # how much of the body is decoded and scanned
GENERIC_WINDOW = 4000  # characters of visible text where generic phrases count

GENERIC_PATTERNS: tuple[str, ...] = (
    # English
    "file not found", "this file has been deleted", "this file has been removed",
    "this file does not exist", "file has been removed", "this content has been removed",
    "content removed", "this content is no longer available", "this video has been removed",
    "this video is no longer available", "video unavailable", "this post has been deleted",
    "this account has been suspended", "no longer available", "page not found",
    "404 not found", "error 404",
    # French
    "ce contenu a été supprimé", "ce contenu n'est plus disponible", "fichier introuvable",
    "ce fichier n'existe plus", "le fichier a été supprimé", "ce fichier a été supprimé",
    "page introuvable", "cette page n'existe pas", "cette vidéo n'est plus disponible",
    "cette vidéo a été supprimée", "ce sujet a été supprimé", "erreur 404",
    "n'est plus disponible",
)  # fmt: skip

# Wording seen on these hosts' removal pages. Extend with care: one phrase per removal page.
HOST_PATTERNS: dict[str, tuple[str, ...]] = {
    "1fichier.com": ("le fichier demandé n'existe pas", "the requested file could not be found"),
    "mediafire.com": ("file removed for violation", "the key you provided for file download"),
    "drive.google.com": ("sorry, the file you have requested does not exist",),
    "dropbox.com": ("that file isn't here anymore", "this item was deleted"),
    "imgur.com": ("the image you were looking for was removed", "zoinks! you've taken a wrong"),
    "reddit.com": ("sorry, this post was removed", "sorry, this post has been removed"),
    "pixeldrain.com": ("the file you are looking for could not be found",),
}

_TEXT_TYPES = ("text/", "html", "xml", "json")
_HIDDEN = ("script", "style", "template", "svg")
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)")
_CLOSERS = {name: re.compile(rf"</{name}", re.IGNORECASE) for name in _HIDDEN}
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([a-zA-Z0-9_:.-]{1,40})""", re.I
)
_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_:.-]{1,40})""", re.I)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


def is_text(content_type: str | None) -> bool:
    """Only text is read: an image or video body is never decoded as if it were a page."""
    if not content_type:
        return True
    lowered = content_type.lower()
    return any(kind in lowered for kind in _TEXT_TYPES)


def _charset(body: bytes, content_type: str | None) -> str:
    """Content-Type charset, then a BOM, then a ``<meta charset>`` near the top, then UTF-8."""
    candidates: list[str] = []
    if content_type and (match := _CT_CHARSET.search(content_type)):
        candidates.append(match.group(1))
    boms = (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    for bom, name in boms:
        if body.startswith(bom):
            candidates.append(name)
    if meta := _META_CHARSET.search(body[:2048]):
        candidates.append(meta.group(1).decode("ascii"))
    for name in candidates:
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return "utf-8"


def strip_tags(markup: str) -> str:
    """Visible text of ``markup``: tags, comments, scripts and styles removed, entities
    decoded, whitespace collapsed. One forward scan (every search starts where the last one
    ended), so hostile markup costs linear time."""
    out: list[str] = []
    pos, end = 0, len(markup)
    while pos < end:
        lt = markup.find("<", pos)
        if lt < 0:
            out.append(markup[pos:])
            break
        out.append(markup[pos:lt])
        if markup.startswith("<!--", lt):
            close = markup.find("-->", lt + 4)
            pos = end if close < 0 else close + 3
            continue
        tag = _TAG_NAME.match(markup, lt)
        if tag is None and not markup.startswith(("<!", "<?"), lt):
            out.append("<")  # "a < b" is text, as a browser reads it
            pos = lt + 1
            continue
        gt = markup.find(">", lt + 1)
        if gt < 0:
            break
        pos = gt + 1
        out.append(" ")
        name = tag.group(2).lower() if tag is not None and not tag.group(1) else ""
        if name in _CLOSERS:
            closer = _CLOSERS[name].search(markup, pos)
            if closer is None:
                break
            gt = markup.find(">", closer.end())
            pos = end if gt < 0 else gt + 1
    return " ".join(html.unescape("".join(out)).split())


def fold(text: str) -> str:
    """Compare without case, accents or typographic apostrophes ("supprimé" = "supprime")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def visible_text(body: bytes, content_type: str | None) -> str:
    """The visible text of the first ``TEXT_BYTES`` of ``body`` (empty for non-text types)."""
    if not is_text(content_type):
        return ""
    head = body[:TEXT_BYTES]
    return strip_tags(head.decode(_charset(head, content_type), errors="replace"))


_FOLDED_GENERIC = tuple((fold(p), p) for p in GENERIC_PATTERNS)
_FOLDED_HOSTS = {h: tuple((fold(p), p) for p in ps) for h, ps in HOST_PATTERNS.items()}


def find_soft_404(body: bytes, content_type: str | None, url: str) -> str | None:
    """The removal phrase found in the page at ``url``, or ``None`` for a live-looking page."""
    text = fold(visible_text(body, content_type))
    if not text:
        return None
    for folded, pattern in _FOLDED_HOSTS.get(registrable_domain(url), ()):
        if folded in text:
            return pattern
    top = text[:GENERIC_WINDOW]
    for folded, pattern in _FOLDED_GENERIC:
        if folded in top:
            return pattern
    return None
