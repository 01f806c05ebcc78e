"""The rate limiter: starts at least 1/rate apart, first come first served, no busy waiting."""

from __future__ import annotations

import asyncio
import itertools
import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collectors.ratelimit import RateLimiter


class FakeClock:
    """Time that moves only when someone sleeps; counts the sleeps (a busy loop would show)."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.sleeps = 0

    def __call__(self) -> float:
        return self.t

    async def sleep(self, delay: float) -> None:
        assert delay > 0, "the limiter never sleeps for nothing"
        self.sleeps += 1
        self.t += delay
        await asyncio.sleep(0)  # let the other tasks run, as a real sleep would


def violations(starts: list[float], interval: float, slack: float = 1e-9) -> int:
    """Consecutive starts closer than ``interval`` (``slack`` absorbs float rounding, or with
    the real clock the microseconds between the limiter's reading and the caller's)."""
    ordered = sorted(starts)
    return sum(1 for a, b in itertools.pairwise(ordered) if b - a < interval - slack)


async def _burst(limiter: RateLimiter, clock: FakeClock, workers: int, each: int) -> list[float]:
    starts: list[float] = []

    async def worker(rng: random.Random) -> None:
        for _ in range(each):
            await limiter.acquire()
            starts.append(clock())
            clock.t += rng.uniform(0, 3 * limiter.interval)  # the request's own work
            await asyncio.sleep(0)

    async with asyncio.TaskGroup() as group:
        for i in range(workers):
            group.create_task(worker(random.Random(i)))
    return starts


@settings(max_examples=50, deadline=None)
@given(rate=st.floats(0.5, 500), workers=st.integers(1, 20), each=st.integers(1, 10))
def test_no_two_requests_start_closer_than_the_interval(
    rate: float, workers: int, each: int
) -> None:
    clock = FakeClock()
    limiter = RateLimiter(rate, clock=clock, sleep=clock.sleep)
    starts = asyncio.run(_burst(limiter, clock, workers, each))
    assert len(starts) == workers * each
    assert violations(starts, limiter.interval) == 0
    assert clock.sleeps <= workers * each  # at most one sleep per request: no busy loop


def test_a_burst_is_spread_exactly_one_interval_apart() -> None:
    clock = FakeClock()
    limiter = RateLimiter(10, clock=clock, sleep=clock.sleep)

    async def go() -> list[float]:
        starts: list[float] = []

        async def one() -> None:
            await limiter.acquire()
            starts.append(clock())

        async with asyncio.TaskGroup() as group:
            for _ in range(5):
                group.create_task(one())
        return starts

    starts = asyncio.run(go())
    assert [round(s - 1000.0, 9) for s in starts] == [0.0, 0.1, 0.2, 0.3, 0.4]


def test_an_idle_limiter_does_not_wait() -> None:
    clock = FakeClock()
    limiter = RateLimiter(1, clock=clock, sleep=clock.sleep)

    async def go() -> None:
        await limiter.acquire()
        clock.t += 5
        await limiter.acquire()

    asyncio.run(go())
    assert clock.sleeps == 0


def test_an_early_wake_up_is_slept_off() -> None:
    """asyncio may wake a sleeper up to one clock resolution early: it must not start early."""
    clock = FakeClock()

    async def early_sleep(delay: float) -> None:
        clock.sleeps += 1
        clock.t += delay - 0.01 if clock.sleeps % 2 else delay  # every other sleep is short

    limiter = RateLimiter(10, clock=clock, sleep=early_sleep)

    async def go() -> list[float]:
        starts = []
        for _ in range(3):
            await limiter.acquire()
            starts.append(clock())
        return starts

    starts = asyncio.run(go())
    assert violations(starts, limiter.interval) == 0
    assert clock.sleeps == 4  # two slots, each needing a second, shorter sleep


def test_with_the_real_clock() -> None:
    limiter = RateLimiter(200)  # 5 ms apart

    async def go() -> list[float]:
        starts: list[float] = []

        async def one() -> None:
            await limiter.acquire()
            starts.append(time.monotonic())

        async with asyncio.TaskGroup() as group:
            for _ in range(20):
                group.create_task(one())
        return starts

    starts = asyncio.run(go())
    assert violations(starts, limiter.interval, slack=2e-4) == 0
    assert max(starts) - min(starts) >= 19 * limiter.interval - 2e-4


@pytest.mark.parametrize("rate", [0, -1, float("inf"), float("nan")])
def test_a_rate_must_be_a_positive_number(rate: float) -> None:
    with pytest.raises(ValueError, match="positive"):
        RateLimiter(rate)
