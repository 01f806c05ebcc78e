"""A per-source request rate limit shared by every worker of one collection.

Providers count requests per second per key, and a burst over the limit is answered with 429s
that cost retries (and sometimes money). One ``RateLimiter`` per source hands out start times
at least ``1 / rate`` apart: callers queue on an ``asyncio.Lock`` and the one at the head
sleeps until its slot, so waiting costs no CPU and the order is first come, first served.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable


class RateLimiter:
    """Requests start at least ``1 / rate_per_second`` seconds apart, by ``clock``.

    The next slot is taken from the moment the previous caller was actually released (not from
    when it was scheduled), so a late wake-up never lets two requests start closer together.
    """

    def __init__(
        self,
        rate_per_second: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if not (math.isfinite(rate_per_second) and rate_per_second > 0):
            raise ValueError("rate_per_second must be a positive number")
        self.interval = 1.0 / rate_per_second
        self._clock = clock
        self._sleep = sleep
        self._next = -math.inf
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        """Wait for this caller's slot. Cancelling a waiter gives its place to the next one."""
        async with self._lock:
            now = self._clock()
            while now < self._next:  # loops only if a sleep returned early (clock resolution)
                await self._sleep(self._next - now)
                now = self._clock()
            self._next = now + self.interval
