"""Properties: any string handed to ``check_url`` gives a UrlCheck (never an exception, never the
"internal error" fallback), and ``redact_url`` never lets a path or query through."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collectors.normalize import normalize_url
from collectors.privacy import redact_url, url_hash
from collectors.urls import UrlCheck, check_url
from tests.unit.monitor.fakes import FAST, FakeResolver, Recorder, redirect

STATES = {"live", "removed", "unknown", "refused"}
PIECES = st.sampled_from(
    [
        "http://", "https://", "HTTP://", "ftp://", "//", ":", "@", "[", "]", "::1", "%25", "%00",
        "127.0.0.1", "0x7f", "017", ".", "..", "/", "?", "#", "\\", " ", "\t", "é", "１", "。",
        "example.com", "xn--", "-", "_", ":80", ":443", ":65536", "localhost", "[::ffff:1.2.3.4]",
    ]
)  # fmt: skip
URLISH = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=12).map("".join)


async def answer(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("/r"):
        return httpx.Response(301, headers={"Location": request.url.query.decode() or "/"})
    return httpx.Response(200, html="<p>hello</p>")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), URLISH))
def test_any_string_gives_a_check(url: str) -> None:
    resolver = FakeResolver()
    check = asyncio.run(
        check_url(url, FAST, resolver=resolver, transport=httpx.MockTransport(answer))
    )
    assert isinstance(check, UrlCheck)
    assert check.state in STATES
    assert not check.reason.startswith("internal error"), check.reason


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=8).map("".join))
def test_any_redirect_location_gives_a_check(location: str) -> None:
    recorder = Recorder(routes={"start.example": redirect(location)})
    check = asyncio.run(
        check_url(
            "http://start.example/x",
            FAST,
            resolver=FakeResolver(),
            transport=recorder.transport,
        )
    )
    assert check.state in STATES
    assert not check.reason.startswith("internal error"), check.reason


SECRET = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=20)
DOMAIN = st.sampled_from(["example.com", "files.example.co.uk", "x.blogspot.com", "1.2.3.4"])


@given(DOMAIN, SECRET, SECRET)
def test_redact_url_never_shows_the_path_or_query(domain: str, path: str, query: str) -> None:
    url = f"https://www.{domain}/{path}/photo.jpg?name={query}#{query}"
    shown = redact_url(url)
    assert path not in shown and query not in shown
    assert re.fullmatch(r"[a-z0-9.\-]+#[0-9a-f]{10}", shown), shown


@given(st.text(max_size=200))
def test_redact_url_takes_any_string(text: str) -> None:
    shown = redact_url(text)
    assert re.fullmatch(r".*#[0-9a-f]{10}", shown, flags=re.DOTALL)


def test_redaction_correlates_within_a_key_and_not_across_keys() -> None:
    url = "https://files.example.com/u/Jane-Doe/album.zip?utm_source=x"
    same = "HTTPS://FILES.example.com:443/u/Jane-Doe/album.zip#top"
    assert redact_url(url) == redact_url(same)  # normalized first
    assert redact_url(url).startswith("example.com#")
    assert redact_url(url, b"key-1") != redact_url(url, b"key-2")
    assert redact_url(url, b"key-1") == redact_url(same, b"key-1")


def test_url_hash_is_the_plain_sha256_of_the_normalized_url() -> None:
    url = "https://Files.Example.com/u/a?b=1&utm_medium=y"
    expected = hashlib.sha256(normalize_url(url).encode()).hexdigest()
    assert url_hash(url) == expected == url_hash("https://files.example.com/u/a?b=1")


def test_logs_never_carry_the_leak_url(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    recorder = Recorder(routes={"files.example.com": redirect("/u/SecretName/2?k=SecretKey")})
    asyncio.run(
        check_url(
            "https://files.example.com/u/SecretName?k=SecretKey",
            FAST,
            resolver=FakeResolver(),
            transport=recorder.transport,
        )
    )
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "HTTP Request" in text  # httpx did log each request...
    assert "example.com#" in text  # ...under the redacted name
    assert "SecretName" not in text and "SecretKey" not in text
