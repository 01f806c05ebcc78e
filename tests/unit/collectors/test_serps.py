"""The collection loop: what status each kind of answer gets, and what a run keeps."""

from __future__ import annotations

import dataclasses
import time

import httpx
import pytest

from collectors.sources.base import ParsedPage, SourceSettings
from data.serp_store import SerpRunRecord
from tests.unit.collectors.fakes import (
    FAST,
    LIMITS,
    SLOT,
    FakeSource,
    Recorder,
    always,
    collect,
    drip,
    json_response,
    organic,
    page_body,
    serving,
    targets,
    urls,
)

# --- statuses ----------------------------------------------------------------------------------


def test_a_full_page_is_ok_with_positions_payload_and_cost() -> None:
    handler = serving({1: urls(1, 11)})
    seen: list[SerpRunRecord] = []
    [run] = collect(handler, targets(1), seen=seen)
    assert seen == [run]
    assert (run.status, run.error, run.http_status, run.attempts) == ("ok", None, 200, 1)
    assert (run.query_id, run.source, run.page, run.slot_at) == (1, "fake", 1, SLOT)
    assert organic(run) == list(enumerate(urls(1, 11), start=1))
    assert run.results[0].domain == "site1.example"
    assert run.results[0].normalized_url == "https://site1.example/page"
    assert run.payload == page_body(urls(1, 11))
    assert run.content_type == "application/json"
    assert run.cost_units == 1.0
    assert run.fetched_at is not None and run.requested_at < run.fetched_at


def test_a_page_without_organic_results_is_empty_and_keeps_its_blocks() -> None:
    blocks = [
        {"url": "https://news.example/a", "title": "a", "type": "top_stories"},
        {"url": "https://news.example/b", "title": "b", "type": "top_stories"},
        {"url": "https://video.example/c", "title": "c", "type": "video"},
    ]
    [run] = collect(serving({}, blocks=blocks), targets(1))
    assert run.status == "empty" and run.payload is not None
    assert [(r.result_type, r.position) for r in run.results] == [
        ("top_stories", 1), ("top_stories", 2), ("video", 1)
    ]  # fmt: skip


def test_blocks_sit_beside_organic_results_with_their_own_positions() -> None:
    blocks = [{"url": "https://kp.example/", "title": "kp", "type": "knowledge_panel"}]
    [run] = collect(serving({1: urls(1, 4)}, blocks=blocks), targets(1))
    assert run.status == "ok"
    assert [(r.result_type, r.position) for r in run.results] == [
        ("organic", 1), ("organic", 2), ("organic", 3), ("knowledge_panel", 1)
    ]  # fmt: skip


def test_a_captcha_page_is_blocked_with_its_payload_and_no_results() -> None:
    [run] = collect(serving({1: urls(1, 11)}, captcha=True), targets(1))
    assert (run.status, run.results, run.http_status) == ("blocked", (), 200)
    assert run.payload is not None and b"captcha" in run.payload
    assert run.cost_units == 1.0


def test_truncated_json_fails_as_a_parse_error_with_the_payload_kept() -> None:
    body = page_body(urls(1, 11))[:57]
    [run] = collect(always(json_response(body)), targets(1))
    assert run.status == "failed"
    assert run.error == "parse error: fake: not JSON (JSONDecodeError)"
    assert (run.payload, run.content_type, run.results) == (body, "application/json", ())
    assert run.fetched_at is not None and run.cost_units == 1.0


def test_a_parser_crash_fails_the_page_not_the_collection() -> None:
    class Crashing(FakeSource):
        def parse(self, body: bytes) -> ParsedPage:
            raise KeyError("organic")

    runs = collect(serving({1: urls(1, 11)}), targets(3), source=Crashing())
    assert [r.status for r in runs] == ["failed"] * 3
    assert runs[0].error == "parse error: unexpected KeyError in the parser"


def test_five_503s_fail_after_exactly_three_attempts() -> None:
    handler = always(json_response(b"busy", 503))
    [run] = collect(handler, targets(1), depth=30)
    assert len(handler.requests) == 3  # and page 2 was never asked for
    assert (run.status, run.error) == ("failed", "HTTP 503 after 3 attempts")
    assert (run.attempts, run.http_status, run.fetched_at, run.payload) == (3, 503, None, None)
    assert run.cost_units == 1.0  # the provider answered


@pytest.mark.parametrize(
    ("exc", "error"),
    [
        (httpx.ReadTimeout("slow"), "timed out after 3 attempts (5 s each)"),
        (httpx.ConnectError("down"), "connection failed after 3 attempts (ConnectError)"),
    ],
)
def test_no_answer_fails_and_costs_nothing(exc: Exception, error: str) -> None:
    async def answer(request: httpx.Request) -> httpx.Response:
        raise exc

    [run] = collect(Recorder(answer), targets(1))
    assert (run.status, run.error, run.attempts) == ("failed", error, 3)
    assert (run.http_status, run.cost_units, run.fetched_at) == (None, 0.0, None)


def test_a_server_dripping_bytes_fails_at_the_deadline() -> None:
    async def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=drip(every=0.2))

    limits = dataclasses.replace(LIMITS, timeout_seconds=0.5)
    started = time.monotonic()
    [run] = collect(Recorder(answer), targets(1), limits=limits)
    assert time.monotonic() - started < 3
    assert (run.status, run.error) == ("failed", "timed out after 3 attempts (0.5 s each)")


def test_a_body_over_max_bytes_fails() -> None:
    handler = always(json_response(b"x" * 5000))
    [run] = collect(handler, targets(1), policy=dataclasses.replace(FAST, max_bytes=4096))
    assert (run.status, run.error, run.attempts) == ("failed", "response larger than 4096 bytes", 1)


@pytest.mark.parametrize(
    ("source", "status", "error"),
    [
        ("fake", 401, "authentication refused (HTTP 401): check the key named in the config"),
        ("fake", 403, "authentication refused (HTTP 403): check the key named in the config"),
        ("searxng", 401, "authentication refused (HTTP 401): check the key named in the config"),
        (
            "searxng",
            403,
            "SearXNG refused the JSON format (HTTP 403): enable json in search.formats of "
            "settings.yml",
        ),
        ("fake", 404, "HTTP 404"),
        ("fake", 400, "HTTP 400"),
        ("fake", 301, "HTTP 301"),
    ],
)
def test_refusals_fail_at_once_without_retry(source: str, status: int, error: str) -> None:
    handler = always(json_response(b'{"error": "nope"}', status))
    [run] = collect(handler, targets(1), source=FakeSource(source))
    assert len(handler.requests) == 1
    assert (run.status, run.error, run.attempts, run.http_status) == ("failed", error, 1, status)
    assert run.payload is None  # an error body may echo the key
    assert run.cost_units == 1.0


def test_a_missing_key_fails_every_query_without_a_request() -> None:
    handler = serving({1: urls(1, 11)})
    runs = collect(handler, targets(3), depth=30, settings=SourceSettings())
    assert handler.requests == []
    assert [(r.status, r.page, r.cost_units, r.http_status) for r in runs] == [
        ("failed", 1, 0.0, None)
    ] * 3
    assert runs[0].error == "fake: the API key is not set (environment FAKE_API_KEY)"
    assert runs[0].attempts == 1  # the warehouse requires attempts >= 1
