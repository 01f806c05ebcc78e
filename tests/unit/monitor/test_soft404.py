"""Soft-404 detection and answer classification, without a network."""

from __future__ import annotations

import time

import pytest

from collectors.soft404 import GENERIC_WINDOW, find_soft_404, strip_tags, visible_text
from collectors.url_fetch import Answer, classify_answer, is_home_redirect

MB2 = 2 * 1024 * 1024


def test_strip_tags_keeps_only_visible_text() -> None:
    markup = (
        "<html><head><title>Gone &amp; done</title><style>p{color:red}</style>"
        "<script>var s = '<p>file not found</p>';</script></head>"
        "<body><!-- file not found --><p>Hello&nbsp;<b>world</b></p>a < b"
        "<SCRIPT type=x>hidden</SCRIPT ></body></html>"
    )
    assert strip_tags(markup) == "Gone & done Hello world a < b"


@pytest.mark.parametrize(
    "hostile",
    ["<script>" * 40_000, "<" * 300_000, "<a" * 150_000, "<!--" * 80_000, "</script" * 40_000],
)
def test_strip_tags_is_linear_on_hostile_markup(hostile: str) -> None:
    started = time.monotonic()
    strip_tags(hostile)
    assert time.monotonic() - started < 1.0


HTML, UTF8 = "text/html", "text/html; charset=utf-8"
REMOVAL_PAGES = [
    (b"<h1>File Not Found</h1>", HTML, "file not found"),
    ("<p>Ce fichier n’existe plus</p>".encode(), UTF8, "ce fichier n'existe plus"),
    (
        "<p>Cette vidéo n'est plus disponible</p>".encode("cp1252"),
        "text/html; charset=windows-1252",
        "cette vidéo n'est plus disponible",
    ),
    (
        '<meta charset="iso-8859-1"><p>Fichier introuvable</p>'.encode("latin-1"),
        HTML,
        "fichier introuvable",
    ),
    (b"<p>CE CONTENU A ETE SUPPRIME</p>", None, "ce contenu a été supprimé"),
    (b"<title>404 Not Found</title>", HTML, "404 not found"),
]


@pytest.mark.parametrize(("body", "content_type", "pattern"), REMOVAL_PAGES)
def test_removal_pages_are_recognised(body: bytes, content_type: str | None, pattern: str) -> None:
    assert find_soft_404(body, content_type, "https://files.example/x") == pattern


def test_a_generic_phrase_deep_in_a_live_page_does_not_count() -> None:
    comments = "<p>" + "nice pictures, thanks for sharing " * 300 + "</p>"
    body = f"<h1>Album</h1>{comments}<p>mirror 2: file not found</p>".encode()
    assert len(visible_text(body, "text/html")) > GENERIC_WINDOW
    assert find_soft_404(body, "text/html", "https://forum.example/t/1") is None


def test_a_host_pattern_counts_anywhere_on_that_host_only() -> None:
    body = (
        "<p>" + "menu " * 2000 + "</p><p>Sorry, this post was removed by moderators</p>"
    ).encode()
    assert find_soft_404(body, "text/html", "https://old.reddit.com/r/x/1") == (
        "sorry, this post was removed"
    )
    assert find_soft_404(body, "text/html", "https://forum.example/t/1") is None


def test_binary_bodies_are_never_read_as_text() -> None:
    assert find_soft_404(b"file not found", "image/jpeg", "https://img.example/a.jpg") is None


def answer(status: int, body: bytes = b"<p>hello</p>", truncated: bool = False) -> Answer:
    return Answer(status, None, body, truncated, "text/html")


@pytest.mark.parametrize(
    ("status", "body", "state"),
    [
        (200, b"<p>hello</p>", "live"),
        (206, b"<p>hello</p>", "live"),
        (200, b"", "removed"),
        (200, b"  \n", "removed"),
        (200, b"<h1>Page introuvable</h1>", "removed"),
        (404, b"", "removed"),
        (410, b"", "removed"),
        (451, b"", "removed"),
        (401, b"", "unknown"),
        (403, b"", "unknown"),
        (429, b"", "unknown"),
        (500, b"", "unknown"),
        (503, b"", "unknown"),
        (304, b"", "unknown"),
    ],
)
def test_classification(status: int, body: bytes, state: str) -> None:
    assert classify_answer(answer(status, body), "https://h.example/x", MB2)[0] == state


def test_a_truncated_body_says_so() -> None:
    state, reason = classify_answer(answer(200, truncated=True), "https://h.example/x", MB2)
    assert (state, reason) == ("live", "HTTP 200, truncated at 2 MB")


@pytest.mark.parametrize(
    ("target", "original", "home"),
    [
        ("https://www.host.example/", "https://host.example/file/1", True),
        ("https://host.example", "https://host.example/file/1", True),
        ("https://host.example/", "https://host.example/?id=7", True),
        ("https://host.example/?ref=gone", "https://host.example/file/1", False),
        ("https://host.example/login", "https://host.example/file/1", False),
        ("https://other.example/", "https://host.example/file/1", False),
        ("https://host.example/", "http://host.example/", False),  # http -> https of home
    ],
)
def test_home_redirects(target: str, original: str, home: bool) -> None:
    assert is_home_redirect(target, original) is home
