"""Delivering alerts to a real webhook receiver on 127.0.0.1, through the SSRF guard."""

from __future__ import annotations

import asyncio
import ipaddress
import logging

import httpx
import pytest

from collectors.webhook import WebhookDelivery, WebhookPolicy, post_webhook
from serpshield.alerts import run_alerts
from tests.unit.alerts.conftest import T0, Receiver, Warehouse, config, hours
from tests.unit.monitor.fakes import FakeResolver

HOOK = "SERPSHIELD_TEST_HOOK"
LOCAL = config(webhook_url_env=HOOK, allow_addresses=["127.0.0.1"])
SECRET = "secret-token-123"


class Sleeps:
    """An injected sleep: records each wait instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def two_alerts(wh: Warehouse) -> None:
    wh.run(T0, [(3, "https://leakzone.example/t/x", 0.9, "leak")])
    url_id = wh.leak("https://leakzone.example/t/x", T0)
    wh.event(url_id, "notice_sent", T0, "host", "copyright")


def delivery_rows(wh: Warehouse) -> list[tuple[object, ...]]:
    return wh.sql("SELECT delivered_at IS NOT NULL, delivery_attempts, delivery_error "
                  "FROM alerts ORDER BY alert_id")  # fmt: skip


def test_alerts_are_posted_as_slack_compatible_json(wh: Warehouse, receiver: Receiver) -> None:
    two_alerts(wh)
    run = run_alerts(LOCAL, wh.db, now=T0 + hours(60), env={HOOK: receiver.url()})
    assert run.warnings == [] and run.delivery is not None and run.delivery.result.delivered
    ((path, headers, body),) = receiver.requests
    assert path.endswith(SECRET) and headers["Content-Type"] == "application/json"
    assert headers["Host"] == f"127.0.0.1:{receiver.port}"
    assert set(body) == {"text", "alerts"} and len(body["text"].splitlines()) == 2
    assert {a["kind"] for a in body["alerts"]} == {"harmful_entry", "sla_warning"}
    assert set(body["alerts"][0]) == {"id", "kind", "severity", "client", "message", "raised_at"}
    assert delivery_rows(wh) == [(True, 1, None), (True, 1, None)]
    again = run_alerts(LOCAL, wh.db, now=T0 + hours(61), env={HOOK: receiver.url()})
    assert again.delivery is None and len(receiver.requests) == 1, "delivered alerts stay sent"


def test_a_503_is_retried_then_delivered(wh: Warehouse, receiver: Receiver) -> None:
    two_alerts(wh)
    receiver.answers = [(503, {}), (503, {})]
    sleeps = Sleeps()
    run = run_alerts(LOCAL, wh.db, now=T0 + hours(60), env={HOOK: receiver.url()}, sleep=sleeps)
    assert run.delivery is not None and run.delivery.result.delivered
    assert run.delivery.result.attempts == 3 and len(receiver.requests) == 3
    assert len(sleeps.waits) == 2 and all(0 <= w <= 1.0 for w in sleeps.waits)
    assert delivery_rows(wh) == [(True, 1, None), (True, 1, None)]


@pytest.mark.parametrize(("header", "expected"), [("2", 2.0), ("3600", 5.0)])
def test_retry_after_is_honoured_and_capped(
    wh: Warehouse, receiver: Receiver, header: str, expected: float
) -> None:
    two_alerts(wh)
    receiver.answers = [(429, {"Retry-After": header})]
    sleeps = Sleeps()
    run = run_alerts(LOCAL, wh.db, now=T0 + hours(60), env={HOOK: receiver.url()}, sleep=sleeps)
    assert run.delivery is not None and run.delivery.result.delivered
    assert sleeps.waits == [expected]


def test_a_failure_is_recorded_and_retried_at_the_next_run(
    wh: Warehouse, receiver: Receiver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    two_alerts(wh)
    receiver.answers = [(500, {})] * 3
    run = run_alerts(LOCAL, wh.db, now=T0 + hours(60), env={HOOK: receiver.url()},
                     sleep=Sleeps())  # fmt: skip
    assert len(receiver.requests) == 3
    (warning,) = run.warnings
    assert "127.0.0.1" in warning and "HTTP 500 after 3 attempts" in warning
    rows = delivery_rows(wh)
    assert [r[:2] for r in rows] == [(False, 1), (False, 1)]
    assert rows[0][2] == "127.0.0.1: HTTP 500 after 3 attempts"
    assert SECRET not in caplog.text and SECRET not in warning
    assert "webhook path hidden" in caplog.text, "httpx's request log line is rewritten"
    wh.run(T0 + hours(24), [(1, "https://other-leak.example/y", 0.9, "leak")])
    later = run_alerts(LOCAL, wh.db, now=T0 + hours(61), env={HOOK: receiver.url()})
    assert later.delivery is not None and later.delivery.result.delivered
    assert len(later.delivery.alert_ids) == 3, "the two failed alerts and the new one"
    assert delivery_rows(wh) == [(True, 2, None), (True, 2, None), (True, 1, None)]


def test_a_refused_address_is_recorded_without_any_request(
    wh: Warehouse, receiver: Receiver
) -> None:
    two_alerts(wh)
    run = run_alerts(config(webhook_url_env=HOOK), wh.db, now=T0 + hours(60),
                     env={HOOK: receiver.url()})  # fmt: skip
    assert receiver.requests == []
    assert run.delivery is not None and run.delivery.result.attempts == 0
    error = delivery_rows(wh)[0][2]
    assert isinstance(error, str) and error.startswith("127.0.0.1: refused") and "loopback" in error
    assert SECRET not in error


def test_a_missing_variable_warns_and_keeps_alerts_undelivered(wh: Warehouse) -> None:
    two_alerts(wh)
    run = run_alerts(LOCAL, wh.db, now=T0 + hours(60), env={})
    assert run.warnings == [
        f"alerts.webhook_url_env: environment variable {HOOK} is not set: alerts are stored "
        "but not sent"
    ]
    assert len(run.raised) == 2 and delivery_rows(wh) == [(False, 0, None), (False, 0, None)]


def test_without_a_webhook_alerts_are_only_stored(wh: Warehouse) -> None:
    two_alerts(wh)
    run = run_alerts(config(), wh.db, now=T0 + hours(60), env={HOOK: "http://127.0.0.1:9/x"})
    assert run.delivery is None and run.warnings == [] and len(run.raised) == 2


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://hooks.example/services/x", "plain http"),
        ("https://hooks.example:8443/services/x", "port 8443"),
        ("https://internal.example/services/x", "private"),
        ("https://localhost/services/x", "private-use"),
    ],
)
def test_the_guard_refuses_unsafe_webhook_addresses(url: str, reason: str) -> None:
    resolver = FakeResolver({"internal.example": ["10.0.0.5"]})
    delivery = asyncio.run(post_webhook(url, {"text": "x"}, WebhookPolicy(), resolver=resolver))
    assert not delivery.delivered and delivery.attempts == 0
    assert delivery.error is not None and reason in delivery.error
    assert "/services/x" not in delivery.error


def test_https_goes_to_the_vetted_address_with_the_real_name_for_tls() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="ok")

    delivery = asyncio.run(post_webhook(
        "https://hooks.example/services/T/B/token", {"text": "x"}, WebhookPolicy(),
        resolver=FakeResolver(), transport=httpx.MockTransport(handler),
    ))  # fmt: skip
    assert delivery.delivered and delivery.attempts == 1
    (request,) = seen
    assert request.url.host == "93.184.216.34" and request.url.path == "/services/T/B/token"
    assert request.headers["host"] == "hooks.example"
    assert request.extensions["sni_hostname"] == "hooks.example"


def test_a_receiver_that_never_answers_is_bounded_by_the_timeout() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("slow", request=request)

    policy = WebhookPolicy(
        timeout=0.2,
        base_delay=0.0,
        allowed_addresses=frozenset({ipaddress.ip_network("127.0.0.1/32")}),
    )
    delivery = asyncio.run(post_webhook("http://127.0.0.1:9/x", {}, policy,
                                        transport=httpx.MockTransport(handler)))  # fmt: skip
    assert not delivery.delivered and delivery.attempts == 3
    assert delivery.error == "127.0.0.1: timed out after 3 attempts (0.2 s each)"


def test_a_hung_resolver_is_bounded_by_the_timeout() -> None:
    class Hung:
        async def resolve(self, host: str) -> list[str]:
            await asyncio.sleep(10)
            return []

    policy = WebhookPolicy(timeout=0.05)
    delivery = asyncio.run(post_webhook("https://hooks.example/x", {}, policy, resolver=Hung()))
    assert delivery == WebhookDelivery(False, 0, error="hooks.example: DNS lookup timed out")
