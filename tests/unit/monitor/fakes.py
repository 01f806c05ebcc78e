"""A fake resolver and a recording transport, so monitor tests never touch real DNS or hosts."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

import httpx

from collectors.urls import MonitorPolicy, UrlCheck, check_url

PUBLIC_V4 = "93.184.216.34"  # a globally routable address; MockTransport means it is never dialled
PUBLIC_V6 = "2606:2800:220:1:248:1893:25c8:1946"
FAST = MonitorPolicy(per_host_delay=0.0, deadline=5.0)


@dataclass
class FakeResolver:
    """Answers from ``table``; other names get ``default`` (or NXDOMAIN when it is None)."""

    table: Mapping[str, list[str]] = field(default_factory=dict)
    default: list[str] | None = field(default_factory=lambda: [PUBLIC_V4])
    lookups: list[str] = field(default_factory=list)

    async def resolve(self, host: str) -> list[str]:
        self.lookups.append(host)
        if host in self.table:
            return list(self.table[host])
        if self.default is None:
            raise OSError(f"NXDOMAIN {host}")
        return list(self.default)


Route = Callable[[httpx.Request], httpx.Response | Awaitable[httpx.Response]]


@dataclass
class Recorder:
    """A MockTransport routing on the ``Host`` header (the URL holds the vetted IP) and keeping
    every request it saw."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)

    async def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        route = self.routes.get(request.headers["host"])
        if route is None:
            return httpx.Response(200, html="<html><body><h1>A live page</h1></body></html>")
        answer = route(request)
        return await answer if isinstance(answer, Awaitable) else answer

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    @property
    def dialled(self) -> set[str]:
        """The addresses requests were sent to."""
        return {request.url.host for request in self.requests}


def redirect(location: str, status: int = 302) -> Route:
    raw = location.encode("utf-8")  # servers do send raw UTF-8 in Location
    return lambda request: httpx.Response(status, headers=[(b"Location", raw)])


def run_check(
    url: str,
    recorder: Recorder,
    resolver: FakeResolver | None = None,
    policy: MonitorPolicy = FAST,
) -> UrlCheck:
    return asyncio.run(
        check_url(url, policy, resolver=resolver or FakeResolver(), transport=recorder.transport)
    )
