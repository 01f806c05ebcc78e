"""The monitor against a real HTTP server on 127.0.0.1 (allowed explicitly through SsrfPolicy):
real sockets, real redirects, a server that drips bytes, a body over the size cap."""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from collectors.http import MIB
from collectors.ssrf import SsrfPolicy
from collectors.urls import MonitorPolicy, UrlCheck, check_url
from tests.unit.monitor.fakes import FakeResolver

LIVE_PAGE = (
    b"<html><head><title>Holiday album</title></head>"
    b"<body><h1>Holiday album</h1><p>42 photos</p></body></html>"
)
SOFT_EN = (
    b"<html><head><title>Oops</title><style>.x{}</style></head><body>"
    b"<h1>File not found</h1><p>This file has been deleted.</p></body></html>"
)
SOFT_FR = (
    "<html><body><div>Ce contenu a été supprimé à la demande de son auteur.</div></body></html>"
)
BIG = b"<html><body>" + b"<p>photo</p>" * (3 * MIB // 12) + b"</body></html>"


Server = tuple[int, list[tuple[str, str]]]  # port, (path, Host) of every request received


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[tuple[str, str]]  # (path, Host header), set on the class by the fixture

    def log_message(self, format: str, *args: object) -> None:
        pass

    def answer(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        headers.setdefault("Content-Type", "text/html; charset=utf-8")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.seen.append((self.path, self.headers.get("Host", "")))
        path = self.path
        if path == "/ok":
            self.answer(200, LIVE_PAGE)
        elif path.startswith("/gone"):
            self.answer(int(path.removeprefix("/gone")), b"<h1>Gone</h1>")
        elif path == "/soft-en":
            self.answer(200, SOFT_EN)
        elif path == "/soft-fr":
            body = SOFT_FR.encode("iso-8859-1")
            self.answer(200, body, Content_Type="text/html; charset=ISO-8859-1")
        elif path in ("/r3", "/r2", "/r1"):
            host = self.headers["Host"]
            following = {"/r3": "/r2", "/r2": f"http://{host}/r1", "/r1": "ok"}[path]
            self.answer({"/r3": 302, "/r2": 301, "/r1": 307}[path], Location=following)
        elif path == "/to-home":
            self.answer(302, Location="/")
        elif path == "/error":
            self.answer(500, b"<h1>Internal Server Error</h1>")
        elif path == "/big":
            self.answer(200, BIG)
        elif path == "/empty":
            self.answer(200)
        elif path == "/drip":
            self.drip()
        else:
            self.answer(404)

    def drip(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100")
        self.end_headers()
        try:
            for _ in range(100):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.5)
        except OSError:  # the monitor hung up, as it should
            pass


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    seen: list[tuple[str, str]] = []
    handler = type("RecordingHandler", (Handler,), {"seen": seen})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1], seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def policy_for(port: int, **changes: float) -> MonitorPolicy:
    ssrf = SsrfPolicy(
        allowed_ports=frozenset({80, 443, port}),
        allowed_addresses=frozenset({ipaddress.ip_network("127.0.0.1/32")}),
    )
    return replace(MonitorPolicy(per_host_delay=0.0, deadline=5.0, ssrf=ssrf), **changes)


def check(port: int, path: str, **changes: float) -> UrlCheck:
    url = f"http://127.0.0.1:{port}{path}"
    return asyncio.run(check_url(url, policy_for(port, **changes), resolver=FakeResolver()))


def test_a_live_page_is_live_with_hash_size_and_json_shape(server: Server) -> None:
    port, _ = server
    result = check(port, "/ok")
    assert result.state == "live"
    assert result.http_status == 200
    assert result.final_url == f"http://127.0.0.1:{port}/ok"
    assert result.content_sha256 == hashlib.sha256(LIVE_PAGE).hexdigest()
    assert result.size_bytes == len(LIVE_PAGE)
    assert result.latency_ms is not None and result.latency_ms > 0
    assert result.checked_at.tzinfo is not None
    assert result.as_json() == {
        "state": "live",
        "http_status": 200,
        "final_url": f"http://127.0.0.1:{port}/ok",
        "reason": "HTTP 200",
    }


@pytest.mark.parametrize("status", [404, 410, 451])
def test_gone_statuses_are_removed(server: Server, status: int) -> None:
    result = check(server[0], f"/gone{status}")
    assert (result.state, result.http_status, result.reason) == (
        "removed",
        status,
        f"HTTP {status}",
    )


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/soft-en", "soft 404: file not found"), ("/soft-fr", "soft 404: ce contenu a été supprimé")],
)
def test_soft_404_pages_are_removed(server: Server, path: str, reason: str) -> None:
    result = check(server[0], path)
    assert (result.state, result.http_status, result.reason) == ("removed", 200, reason)


def test_a_three_hop_redirect_chain_reaches_the_live_page(server: Server) -> None:
    port, _ = server
    result = check(port, "/r3")
    assert result.state == "live"
    assert result.final_url == f"http://127.0.0.1:{port}/ok"
    assert result.content_sha256 == hashlib.sha256(LIVE_PAGE).hexdigest()


def test_a_redirect_to_the_home_page_is_removed(server: Server) -> None:
    port, seen = server
    before = len(seen)
    result = check(port, "/to-home")
    assert result.state == "removed"
    assert result.reason == "HTTP 302 redirect to the home page"
    assert result.final_url == f"http://127.0.0.1:{port}/"
    assert [path for path, _ in seen[before:]] == ["/to-home"]  # the home page is not fetched


def test_a_server_error_is_unknown(server: Server) -> None:
    result = check(server[0], "/error")
    assert (result.state, result.http_status) == ("unknown", 500)
    assert "server error" in result.reason


def test_a_dripping_server_is_cut_at_the_deadline(server: Server) -> None:
    started = time.monotonic()
    result = check(server[0], "/drip", deadline=2.0)
    elapsed = time.monotonic() - started
    assert result.state == "unknown"
    assert "timed out" in result.reason
    assert result.http_status == 200  # the headers came, the body never did
    assert 1.9 < elapsed < 3.5


def test_an_oversized_body_is_truncated_and_still_classified(server: Server) -> None:
    result = check(server[0], "/big")
    assert result.state == "live"
    assert result.reason == "HTTP 200, truncated at 2 MB"
    assert result.size_bytes == 2 * MIB
    assert result.content_sha256 == hashlib.sha256(BIG[: 2 * MIB]).hexdigest()


def test_an_empty_body_is_removed(server: Server) -> None:
    result = check(server[0], "/empty")
    assert (result.state, result.size_bytes) == ("removed", 0)
    assert result.content_sha256 == hashlib.sha256(b"").hexdigest()
    assert "empty body" in result.reason


def test_a_name_is_dialled_at_its_vetted_address_with_its_host_header(
    server: Server,
) -> None:
    port, seen = server
    resolver = FakeResolver(table={"leaks.test": ["127.0.0.1"]}, default=None)
    url = f"http://leaks.test:{port}/ok"
    result = asyncio.run(check_url(url, policy_for(port), resolver=resolver))
    assert result.state == "live"
    assert result.final_url == url
    assert seen[-1] == ("/ok", f"leaks.test:{port}")
    assert resolver.lookups == ["leaks.test"]


def test_without_the_explicit_allowance_the_server_is_never_reached(
    server: Server,
) -> None:
    port, seen = server
    before = len(seen)
    ports_only = replace(policy_for(port), ssrf=SsrfPolicy(allowed_ports=frozenset({port})))
    url = f"http://127.0.0.1:{port}/ok"
    result = asyncio.run(check_url(url, ports_only, resolver=FakeResolver()))
    assert result.state == "refused"
    assert result.reason == "127.0.0.1 is loopback"
    assert len(seen) == before


def test_a_closed_port_is_unknown() -> None:
    with socket.socket() as probe:  # bound but not listening: connections are refused
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
        url = f"http://127.0.0.1:{closed}/ok"
        result = asyncio.run(check_url(url, policy_for(closed), resolver=FakeResolver()))
    assert result.state == "unknown"
    assert result.reason.startswith("connection failed")
