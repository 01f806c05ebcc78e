"""Simulated providers: a transport that answers from a plain function instead of the network.

The benchmarks and the demo simulate search providers in-process through it, without
importing httpx outside collectors/.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

import httpx


@dataclass(frozen=True)
class SimulatedResponse:
    """What a simulated provider answers (see ``simulated_transport``)."""

    status_code: int = 200
    body: bytes = field(default=b"", repr=False)
    headers: Mapping[str, str] = field(default_factory=dict)


def simulated_transport(
    respond: Callable[[str, str], Awaitable[SimulatedResponse]],
) -> httpx.AsyncBaseTransport:
    """A transport answering from ``respond(method, url)`` instead of the network. It lets the
    benchmarks and the demo simulate a provider without importing httpx outside collectors/."""

    async def handler(request: httpx.Request) -> httpx.Response:
        answer = await respond(request.method, str(request.url))
        return httpx.Response(answer.status_code, content=answer.body, headers=answer.headers)

    return httpx.MockTransport(handler)
