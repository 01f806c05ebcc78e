"""TLS through the vetted address: the monitor dials 127.0.0.1 but sends the real name as SNI
and verifies the certificate against that name, not against the IP it dialled."""

from __future__ import annotations

import asyncio
import ipaddress
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from collectors.ssrf import SsrfPolicy
from collectors.urls import MonitorPolicy, UrlCheck, check_url
from tests.unit.monitor.fakes import FakeResolver

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl CLI")


class Page(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hosts: list[str]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.hosts.append(self.headers.get("Host", ""))
        body = b"<h1>Album</h1>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class TlsServer:
    """An HTTPS server for ``leaks.test`` (self-signed) that records SNI names and Host headers."""

    def __init__(self, folder: Path) -> None:
        self.cert = folder / "cert.pem"
        key = folder / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-keyout", str(key), "-out", str(self.cert), "-subj", "/CN=leaks.test",
             "-addext", "subjectAltName=DNS:leaks.test"],
            check=True, capture_output=True,
        )  # fmt: skip
        self.sni: list[str | None] = []
        self.hosts: list[str] = []
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, key)
        context.sni_callback = lambda sock, name, ctx: self.sni.append(name)  # type: ignore[assignment]
        handler = type("RecordingPage", (Page,), {"hosts": self.hosts})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def check(self, host: str) -> UrlCheck:
        ssrf = SsrfPolicy(
            allowed_ports=frozenset({self.port}),
            allowed_addresses=frozenset({ipaddress.ip_network("127.0.0.1/32")}),
        )
        policy = MonitorPolicy(per_host_delay=0.0, deadline=5.0, ssrf=ssrf)
        trusting = httpx.AsyncHTTPTransport(verify=ssl.create_default_context(cafile=self.cert))
        resolver = FakeResolver(table={host: ["127.0.0.1"]}, default=None)
        url = f"https://{host}:{self.port}/album"
        return asyncio.run(check_url(url, policy, resolver=resolver, transport=trusting))


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsServer]:
    server = TlsServer(tmp_path_factory.mktemp("tls"))
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


def test_the_real_name_goes_in_sni_and_host(tls_server: TlsServer) -> None:
    result = tls_server.check("leaks.test")
    assert result.state == "live", result
    assert result.final_url == f"https://leaks.test:{tls_server.port}/album"
    assert tls_server.sni[-1] == "leaks.test"
    assert tls_server.hosts[-1] == f"leaks.test:{tls_server.port}"


def test_the_certificate_is_verified_against_the_name(tls_server: TlsServer) -> None:
    """Same address, another name: the certificate (for leaks.test) must not be accepted."""
    before = len(tls_server.hosts)
    result = tls_server.check("other.test")
    assert result.state == "unknown"
    assert result.reason.startswith("connection failed")
    assert tls_server.sni[-1] == "other.test"
    assert len(tls_server.hosts) == before  # no HTTP request went over the mismatched TLS
