"""An index of a parsed page's elements, so that the saved-page parsers stay fast on 1 MB pages.

A parser asks a page dozens of questions: captcha markers, layout ids, block containers, a
title and a snippet per result. Asked through ``Tag.select`` or ``find_all``, each question
walked the whole tree (or subtree) again and had soupsieve or bs4 test every element, which took
most of the parse time: 0.3-0.5 s for a Google page, where building the tree takes 0.1-0.2 s.

``Page`` walks the tree once and files every element by tag name, ``[attribute`` name, ``#id``
and ``.class``, in page order. A selector is then tried only on the elements filed under a key
its rightmost compound requires (``.kno-rdesc span, .VwiC3b`` looks at the ``span`` elements
and those of class ``VwiC3b``), and within a subtree only on those whose rank in page order
falls inside the subtree's range. Soupsieve still decides on every candidate, so the answers,
and their order, are exactly ``Tag.select``'s: the index only skips elements that cannot match.
That reasoning does not hold for ``<template>`` content, which soupsieve does not enter, nor
for ``:scope`` (or ``&``), which means the element searched: a subtree holding a template, and
such a selector, are left to ``Tag.select`` itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

import soupsieve
from bs4 import BeautifulSoup, Tag

_WORDS = re.compile("[^ \t\r\n\f]+")  # how soupsieve splits a class attribute given as text
_KINDS = ("[", "#", ".")  # key prefixes: attribute name, id, class; a tag name has none


class Page:
    """A parsed page (``soup``) and the index of its elements; see the module docstring."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.soup = soup
        self._tags = [node for node in soup.descendants if isinstance(node, Tag)]
        self._rank = {id(tag): rank for rank, tag in enumerate(self._tags)}
        self._ends: dict[int, int] = {}  # rank -> rank of the element's last descendant
        # Ranks in page order by tag name and attribute name (lowercased: soupsieve compares
        # them so in HTML, and lxml gives them lowercase anyway), by id and by class name.
        self._index: dict[str, defaultdict[str, list[int]]] = {
            kind: defaultdict(list) for kind in ("", *_KINDS)
        }
        names, attributes, ids, class_names = self._index.values()
        for rank, tag in enumerate(self._tags):
            names[tag.name.lower()].append(rank)
            for name, value in tag.attrs.items():
                attributes[name.lower()].append(rank)
                if name == "id" and isinstance(value, str):
                    ids[value].append(rank)
                elif name == "class":  # a list from bs4; were it text, split it both ways
                    words = (
                        value
                        if isinstance(value, list)
                        else [*value.split(), *_WORDS.findall(value)]
                    )
                    for word in words:
                        class_names[word].append(rank)

    def tagged(self, keys: Iterable[str], within: Tag | None = None) -> list[Tag]:
        """The elements inside ``within`` (the page by default) filed under any of ``keys``
        (``"h3"``, ``"[href"``, ``"#rso"``, ``".g"``), in page order."""
        first, last = self._span(self.soup if within is None else within)
        ranks = {rank for key in keys for rank in self._ranks(key, first, last)}
        return [self._tags[rank] for rank in sorted(ranks)]

    def first(self, keys: str | Iterable[str], within: Tag | None = None) -> Tag | None:
        """The first of ``tagged``: ``first("#rso")`` is ``soup.find(id="rso")``."""
        found = self.tagged([keys] if isinstance(keys, str) else keys, within)
        return found[0] if found else None

    def find_all(self, name: str, within: Tag | None = None) -> list[Tag]:
        """``within.find_all(name)``: the elements of exactly that name, in page order."""
        return [tag for tag in self.tagged([name.lower()], within) if tag.name == name]

    def select(self, selector: str, within: Tag | None = None) -> list[Tag]:
        """``within.select(selector)``, ``within`` being the page by default."""
        return list(self._select(selector, self.soup if within is None else within))

    def select_one(self, selector: str, within: Tag | None = None) -> Tag | None:
        """``within.select_one(selector)``, ``within`` being the page by default."""
        return next(iter(self._select(selector, self.soup if within is None else within)), None)

    def _select(self, selector: str, scope: Tag) -> Iterable[Tag]:
        first, last = self._span(scope)
        relative = ":scope" in selector.lower() or "&" in selector  # names the element searched
        if relative or self._ranks("template", first - 1, last):
            return scope.select(selector)  # see the module docstring
        keys = _subject_keys(selector)  # None: a selector any element may match
        candidates = self._tags[first : last + 1] if keys is None else self.tagged(keys, scope)
        if not candidates:  # the common case (no ad badge, no captcha): soupsieve is not asked
            return []
        # compiled as ``scope.select`` compiles it; one matcher tests shared ancestors once
        return scope.css.compile(selector).filter(candidates)

    def _span(self, scope: Tag) -> tuple[int, int]:
        """The ranks of the first and last elements strictly inside ``scope``."""
        if scope is self.soup:
            return 0, len(self._tags) - 1
        rank = self._rank[id(scope)]
        if rank not in self._ends:  # the last element inside is the last one of the last child
            last = scope
            while child := next((c for c in reversed(last.contents) if isinstance(c, Tag)), None):
                last = child
            self._ends[rank] = self._rank[id(last)]
        return rank + 1, self._ends[rank]

    def _ranks(self, key: str, first: int, last: int) -> list[int]:
        """The ranks filed under ``key`` between ``first`` and ``last`` (bisected: lists of
        common names such as ``span`` hold thousands)."""
        kind = key[:1] if key[:1] in _KINDS else ""
        ranks = self._index[kind].get(key[len(kind) :], [])
        return ranks[bisect_left(ranks, first) : bisect_right(ranks, last)]


@lru_cache(maxsize=256)
def _subject_keys(selector: str) -> tuple[str, ...] | None:
    """The index keys of the candidates for ``selector``, one per selector of its list (they
    depend on the selector only, hence the cache), or None when one of them has no key."""
    keys = [_subject_key(part) for part in soupsieve.compile(selector).selectors]
    return None if None in keys else tuple(key for key in keys if key is not None)


def _subject_key(part: object) -> str | None:
    """The key every element matched by ``part`` is filed under, or None when there is none.

    ``part`` is one selector of a comma-separated list as soupsieve compiled it: its fields
    describe the rightmost compound (the element selected), the rest hangs off ``relation``.
    Every id, class, name and attribute of that compound must match, so any one of them will
    do; the most selective is taken. The fields are read defensively, with None (every element
    a candidate) for anything unexpected, as soupsieve does not document them.
    """
    ids, classes = getattr(part, "ids", ()), getattr(part, "classes", ())
    name = getattr(getattr(part, "tag", None), "name", None)
    attributes = [getattr(a, "attribute", None) for a in getattr(part, "attributes", ())]
    if ids and isinstance(ids[0], str):
        return "#" + ids[0]
    if classes and isinstance(classes[0], str):
        return "." + classes[0]
    if isinstance(name, str) and name not in ("", "*") and name[0] not in _KINDS:
        return name.lower()
    if attributes and isinstance(attributes[0], str):
        return "[" + attributes[0].lower()
    return None
