"""The client factory and the retry loop: what is retried, how long it waits, when it gives up."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from collectors.errors import FetchError
from collectors.http import (
    MIB,
    USER_AGENT,
    FetchResult,
    HttpFetchError,
    RetryPolicy,
    build_async_client,
    fetch_with_retries,
)
from collectors.simulate import SimulatedResponse, simulated_transport
from collectors.sources.base import SourceRequest
from tests.unit.collectors.fakes import SECRET, Recorder, SleepRecorder, drip, json_response

NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
REQUEST = SourceRequest(
    "GET", "https://api.fake.test/search", params={"q": "x", "api_key": SECRET},
    headers={"X-Api-Key": SECRET},
)  # fmt: skip


def fetch(
    handler: Recorder,
    policy: RetryPolicy | None = None,
    *,
    attempt_timeout: float = 5.0,
    sleep: SleepRecorder | None = None,
) -> FetchResult:
    async def go() -> FetchResult:
        async with build_async_client(timeout=5.0, transport=handler.transport) as client:
            return await fetch_with_retries(
                client, REQUEST, policy or RetryPolicy(), attempt_timeout=attempt_timeout,
                rng=random.Random(1), sleep=sleep or SleepRecorder(), source="fake",
                now=lambda: NOW,
            )  # fmt: skip

    return asyncio.run(go())


def answers(*responses: httpx.Response) -> Recorder:
    """A handler giving ``responses`` in turn (the last one forever)."""
    queue = list(responses)

    async def answer(request: httpx.Request) -> httpx.Response:
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return Recorder(answer)


def raising(exc: Exception) -> Recorder:
    async def answer(request: httpx.Request) -> httpx.Response:
        raise exc

    return Recorder(answer)


# --- the client --------------------------------------------------------------------------------


def test_the_client_is_explicit_about_timeouts_limits_redirects_and_environment() -> None:
    async def go() -> None:
        async with build_async_client(timeout=7.5, max_connections=3) as client:
            assert client.timeout == httpx.Timeout(7.5)
            assert client.follow_redirects is False
            assert client.trust_env is False
            assert client.headers["User-Agent"] == USER_AGENT
            pool = client._transport._pool  # type: ignore[attr-defined]
            assert pool._max_connections == 3

    asyncio.run(go())
    assert USER_AGENT.startswith("serpshield/")


def test_a_redirect_is_an_answer_not_followed() -> None:
    handler = answers(httpx.Response(302, headers={"location": "https://elsewhere.test/"}))
    result = fetch(handler)
    assert (result.status_code, result.attempts, len(handler.requests)) == (302, 1, 1)


def test_a_simulated_transport_answers_from_a_plain_function() -> None:
    async def respond(method: str, url: str) -> SimulatedResponse:
        return SimulatedResponse(200, f"{method} {url.split('?')[0]}".encode(), {"x-sim": "1"})

    async def go() -> httpx.Response:
        async with build_async_client(timeout=1, transport=simulated_transport(respond)) as c:
            return await c.get("https://sim.test/a?b=c")

    response = asyncio.run(go())
    assert response.content == b"GET https://sim.test/a"
    assert response.headers["x-sim"] == "1"


# --- what is retried -------------------------------------------------------------------------


def test_429_waits_for_retry_after_seconds() -> None:
    sleep = SleepRecorder()
    handler = answers(
        json_response(b"{}", 429, **{"retry-after": "7"}), json_response(b'{"ok": 1}')
    )
    result = fetch(handler, sleep=sleep)
    assert (result.status_code, result.body, result.attempts) == (200, b'{"ok": 1}', 2)
    assert sleep.delays == [7.0]


def test_429_waits_until_a_retry_after_date_capped_at_max_delay() -> None:
    sleep = SleepRecorder()
    soon = format_datetime(NOW + timedelta(seconds=12), usegmt=True)
    late = format_datetime(NOW + timedelta(hours=2), usegmt=True)
    handler = answers(
        json_response(b"", 429, **{"retry-after": soon}),
        json_response(b"", 429, **{"retry-after": late}),
        json_response(b"{}"),
    )
    assert fetch(handler, RetryPolicy(max_delay=30), sleep=sleep).attempts == 3
    assert sleep.delays == [12.0, 30.0]


def test_five_503s_fail_after_exactly_three_attempts_with_jittered_backoff() -> None:
    sleep = SleepRecorder()
    handler = answers(*[json_response(b"busy", 503)] * 5)
    with pytest.raises(HttpFetchError) as caught:
        fetch(handler, RetryPolicy(base_delay=0.5, max_delay=30), sleep=sleep)
    assert str(caught.value) == "HTTP 503 after 3 attempts"
    assert (caught.value.attempts, caught.value.status_code) == (3, 503)
    assert isinstance(caught.value, FetchError)
    assert len(handler.requests) == 3
    assert len(sleep.delays) == 2  # no wait after the last attempt
    assert 0 <= sleep.delays[0] <= 0.5 and 0 <= sleep.delays[1] <= 1.0


@pytest.mark.parametrize(
    ("exc", "message"),
    [
        (httpx.ReadTimeout("slow"), "timed out after 3 attempts (20 s each)"),
        (httpx.ConnectTimeout("slow"), "timed out after 3 attempts (20 s each)"),
        (httpx.ConnectError("refused"), "connection failed after 3 attempts (ConnectError)"),
        (httpx.ReadError("reset"), "connection failed after 3 attempts (ReadError)"),
        (
            httpx.RemoteProtocolError("peer closed"),
            "connection failed after 3 attempts (RemoteProtocolError)",
        ),
    ],
)
def test_timeouts_and_connection_errors_are_retried(exc: Exception, message: str) -> None:
    handler = raising(exc)
    with pytest.raises(HttpFetchError) as caught:
        fetch(handler, attempt_timeout=20)
    assert str(caught.value) == message
    assert (caught.value.attempts, caught.value.status_code) == (3, None)
    assert len(handler.requests) == 3


def test_a_timeout_then_an_answer_succeeds() -> None:
    queue: list[Exception | httpx.Response] = [httpx.ReadTimeout("slow"), json_response(b"{}")]

    async def answer(request: httpx.Request) -> httpx.Response:
        item = queue.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    result = fetch(Recorder(answer))
    assert (result.status_code, result.attempts) == (200, 2)


def test_a_server_dripping_bytes_is_cut_at_the_attempt_deadline() -> None:
    async def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=drip(every=0.2))

    handler = Recorder(answer)
    started = time.monotonic()
    with pytest.raises(HttpFetchError) as caught:
        fetch(handler, RetryPolicy(max_attempts=2), attempt_timeout=0.5)
    assert time.monotonic() - started < 1.5  # 2 x 0.5 s, not 1000 x 0.2 s
    assert str(caught.value) == "timed out after 2 attempts (0.5 s each)"
    assert caught.value.status_code == 200  # the provider did answer, slowly
    assert len(handler.requests) == 2


def test_a_body_over_max_bytes_is_refused_without_retry() -> None:
    async def streamed() -> object:
        for _ in range(11):
            yield b"x" * MIB

    async def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=streamed())  # type: ignore[arg-type]

    handler = Recorder(answer)
    with pytest.raises(HttpFetchError) as caught:
        fetch(handler)
    assert str(caught.value) == "response larger than 10 MiB"
    assert (caught.value.attempts, caught.value.status_code, len(handler.requests)) == (1, 200, 1)


def test_a_declared_length_over_max_bytes_is_refused_before_reading() -> None:
    handler = answers(httpx.Response(200, content=b"x" * 2048))
    with pytest.raises(HttpFetchError, match=r"^response larger than 1024 bytes$"):
        fetch(handler, RetryPolicy(max_bytes=1024))


def test_a_body_of_exactly_max_bytes_is_read() -> None:
    result = fetch(answers(httpx.Response(200, content=b"x" * 1024)), RetryPolicy(max_bytes=1024))
    assert len(result.body) == 1024


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410])
def test_other_4xx_are_returned_at_once_for_the_loop_to_judge(status: int) -> None:
    sleep = SleepRecorder()
    handler = answers(json_response(b'{"error": "no"}', status))
    result = fetch(handler, sleep=sleep)
    assert (result.status_code, result.attempts, result.body) == (status, 1, b'{"error": "no"}')
    assert result.content_type == "application/json"
    assert sleep.delays == [] and len(handler.requests) == 1


def test_every_attempt_waits_for_before_attempt() -> None:
    calls: list[int] = []

    async def before(n: int) -> None:
        calls.append(n)

    async def go() -> None:
        handler = answers(json_response(b"", 500), json_response(b"", 502), json_response(b"{}"))
        async with build_async_client(timeout=5, transport=handler.transport) as client:
            await fetch_with_retries(
                client, REQUEST, RetryPolicy(), attempt_timeout=5, rng=random.Random(0),
                sleep=SleepRecorder(), before_attempt=before,
            )  # fmt: skip

    asyncio.run(go())
    assert calls == [1, 2, 3]


# --- secrets ---------------------------------------------------------------------------------


def test_no_log_record_or_message_shows_the_key_or_query_string(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    fetch(answers(json_response(b"", 503), json_response(b"{}")))
    with pytest.raises(HttpFetchError) as caught:
        fetch(raising(httpx.ConnectError(f"cannot reach {REQUEST.url}?api_key={SECRET}")))
    assert SECRET not in str(caught.value)
    assert any(r.name == "httpx" for r in caplog.records), "httpx logs requests at INFO"
    assert any(r.name == "serpshield.collectors" for r in caplog.records)
    for record in caplog.records:
        assert SECRET not in record.getMessage()
        assert "api_key=" not in record.getMessage()
    assert "api.fake.test" in caplog.text  # the host may be logged


def test_the_whole_request_gives_up_at_its_deadline() -> None:
    """Three 429s asking for 25 s each would take 50 s of waiting: a 40 s deadline stops it
    before the second wait, without sleeping past it."""
    handler = answers(json_response(b"", 429, **{"retry-after": "25"}))
    sleep = SleepRecorder()
    with pytest.raises(HttpFetchError, match=r"HTTP 429 after 2 attempts \(the 40 s deadline\)"):
        fetch(handler, RetryPolicy(deadline=40.0), sleep=sleep)
    assert sleep.delays == [25.0]
    assert len(handler.requests) == 2
