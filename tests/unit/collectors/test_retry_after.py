"""Retry-After in both forms, and the backoff between attempts."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collectors.http import RetryPolicy, backoff_delay, parse_retry_after

NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (" 3 ", 3.0),
        ("0", 0.0),
        ("-5", 0.0),
        ("1.5", 1.5),
        (format_datetime(NOW + timedelta(seconds=42), usegmt=True), 42.0),
        ("Mon, 02 Mar 2026 06:00:10 GMT", 10.0),
        ("Mon, 02 Mar 2026 06:00:10 -0000", 10.0),  # naive date: read as UTC
        ("Mon, 02 Mar 2026 05:00:00 GMT", 0.0),  # in the past
        ("soon", None),
        ("", None),
        ("nan", None),
        ("inf", None),
        ("Mon, 99 Foo 2026", None),
    ],
)
def test_retry_after_reads_seconds_and_http_dates(value: str, expected: float | None) -> None:
    assert parse_retry_after(value, NOW) == expected


@given(st.text(max_size=40))
def test_retry_after_never_raises_and_never_goes_negative(value: str) -> None:
    delay = parse_retry_after(value, NOW)
    assert delay is None or delay >= 0


@given(
    retry=st.integers(0, 60),
    base=st.floats(0, 10),
    cap=st.floats(0, 100),
    seed=st.integers(0, 2**32),
    retry_after=st.none() | st.floats(0, 1e6),
)
def test_backoff_is_full_jitter_capped_at_max_delay(
    retry: int, base: float, cap: float, seed: int, retry_after: float | None
) -> None:
    policy = RetryPolicy(base_delay=base, max_delay=cap)
    delay = backoff_delay(policy, retry, random.Random(seed), retry_after)
    assert 0 <= delay <= cap
    if retry_after is None:
        assert delay <= base * 2**retry
    else:
        assert delay == min(cap, retry_after)
