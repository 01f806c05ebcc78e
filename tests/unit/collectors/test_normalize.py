"""URL normalization and registrable domains, offline."""

from __future__ import annotations

import pytest

from collectors.normalize import normalize_url, registrable_domain


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTPS://WWW.Example.COM:443/a?utm_source=x&id=42#top", "https://www.example.com/a?id=42"),
        ("https://example.com", "https://example.com/"),
        ("http://example.com:8080/p?b=2&a=1", "http://example.com:8080/p?b=2&a=1"),
        ("https://forum.example/t?gclid=1&fbclid=2", "https://forum.example/t"),
        ("https://shop.example/p?srsltid=abc&ref=home", "https://shop.example/p?ref=home"),
        ("https://exämple.com/x", "https://xn--exmple-cua.com/x"),
        ("https://b.example/Café?q=été", "https://b.example/Caf%C3%A9?q=%C3%A9t%C3%A9"),
        ("https://b.example/Caf%C3%A9", "https://b.example/Caf%C3%A9"),
        ("  https://a.example/x  ", "https://a.example/x"),
        ("mailto:someone@example.com", "mailto:someone@example.com"),
        ("http://[bad", "http://[bad"),
    ],
)
def test_normalize_url(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


def test_the_same_page_from_two_engines_compares_equal() -> None:
    a = normalize_url("https://www.example.com/thread?id=7&utm_medium=serp")
    b = normalize_url("https://WWW.EXAMPLE.com:443/thread?id=7#reply-3")
    assert a == b


@pytest.mark.parametrize(
    ("value", "domain"),
    [
        ("https://www.example.co.uk/x", "example.co.uk"),
        ("https://books.google.fr/books?id=1", "google.fr"),
        ("https://mirror.blogspot.com/p", "mirror.blogspot.com"),  # private suffix: own site
        ("user.github.io", "user.github.io"),
        ("http://10.0.0.1/x", "10.0.0.1"),
        ("localhost", "localhost"),
        ("https://www.leafit.example/a", "leafit.example"),
        ("https://www.exämple.fr/", "xn--exmple-cua.fr"),
        ("mailto:x@y.example", ""),
        ("", ""),
    ],
)
def test_registrable_domain(value: str, domain: str) -> None:
    assert registrable_domain(value) == domain
