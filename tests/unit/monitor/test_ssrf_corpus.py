"""The SSRF corpus: attack URLs the monitor must refuse without sending a single request.

Each direct row is checked end to end through ``check_url`` with a recording transport and a
fake resolver: the state must be ``refused`` and the transport must have seen nothing. Redirect
rows start on a public page whose answer points at a refused target: only the public address
may ever be dialled. Names that would be refused before any lookup must not reach the resolver.
"""

from __future__ import annotations

import asyncio
import ipaddress

import pytest

from collectors.ssrf import (
    SsrfPolicy,
    UrlRefusedError,
    address_problem,
    vet_url,
)
from tests.unit.monitor.fakes import (
    PUBLIC_V4,
    PUBLIC_V6,
    FakeResolver,
    Recorder,
    redirect,
    run_check,
)

# Teredo: server 65.54.227.120 (global), client 127.0.0.1 stored XOR 0xffffffff (80ff:fffe).
TEREDO_LOOPBACK = "2001:0:4136:e378:8000:63bf:80ff:fffe"

# (id, url, DNS answers of the fake resolver (None: refused before any lookup), words of the reason)
DIRECT: list[tuple[str, str, dict[str, list[str]] | None, str]] = [
    ("loopback", "http://127.0.0.1/", None, "loopback"),
    ("loopback-port-80", "http://127.0.0.1:80/admin", None, "loopback"),
    ("localhost-name", "http://localhost/", None, "private-use"),
    (
        "name-to-loopback",
        "http://loopback.attacker.example/",
        {"loopback.attacker.example": ["127.0.0.1"]},
        "resolves to a refused address: 127.0.0.1",
    ),
    (
        "nip-io-private",
        "http://10.0.0.1.nip.io/",
        {"10.0.0.1.nip.io": ["10.0.0.1"]},
        "10.0.0.1 is private",
    ),
    (
        "rebinding-mixed",
        "http://rebind.example/",
        {"rebind.example": [PUBLIC_V4, "127.0.0.1"]},
        "127.0.0.1 is loopback",
    ),
    (
        "rebinding-v6",
        "http://rebind6.example/",
        {"rebind6.example": [PUBLIC_V6, "::1"]},
        "::1 is loopback",
    ),
    ("resolver-garbage", "http://odd.example/", {"odd.example": ["not-an-ip"]}, "not an address"),
    ("decimal", "http://2130706433/", None, "canonical"),
    ("hex", "http://0x7f000001/", None, "canonical"),
    ("hex-dotted", "http://0x7f.0x0.0x0.0x1/", None, "canonical"),
    ("octal", "http://0177.0.0.1/", None, "canonical"),
    ("short-127.1", "http://127.1/", None, "canonical"),
    ("short-0x7f.1", "http://0x7f.1/", None, "canonical"),
    ("zero", "http://0/", None, "canonical"),
    ("trailing-dot-ip", "http://127.0.0.1./", None, "canonical"),
    ("fullwidth-digits", "http://１２７.０.０.１/", None, "127.0.0.1 is loopback"),
    ("ideographic-dots", "http://127。0。0。1/", None, "127.0.0.1 is loopback"),
    ("percent-encoded-host", "http://%31%32%37.0.0.1/", None, "canonical"),
    ("nul-in-host", "http://127.0.0.1%00.example.com/", None, "DNS does not allow"),
    ("v6-loopback", "http://[::1]/", None, "loopback"),
    ("v6-loopback-long", "http://[0:0:0:0:0:0:0:1]/", None, "loopback"),
    ("v6-unspecified", "http://[::]/", None, "unspecified"),
    ("v4-mapped", "http://[::ffff:127.0.0.1]/", None, "IPv4-mapped"),
    ("v4-mapped-hex", "http://[::ffff:7f00:1]/", None, "IPv4-mapped"),
    (
        "v4-mapped-metadata",
        "http://[::ffff:169.254.169.254]/",
        None,
        "169.254.169.254 is link-local",
    ),
    ("v4-translated", "http://[::ffff:0:7f00:1]/", None, "IPv4-translated"),
    ("v4-compatible", "http://[::127.0.0.1]/", None, "IPv4-compatible"),
    ("6to4-loopback", "http://[2002:7f00:1::]/", None, "6to4"),
    ("nat64-loopback", "http://[64:ff9b::7f00:1]/", None, "NAT64"),
    ("nat64-local-use-metadata", "http://[64:ff9b:1::a9fe:a9fe]/", None, "NAT64"),
    ("teredo-loopback", f"http://[{TEREDO_LOOPBACK}]/", None, "Teredo"),
    ("v6-zone-id", "http://[fe80::1%25eth0]/", None, "bracketed"),
    ("v6-link-local", "http://[fe80::1]/", None, "link-local"),
    ("v6-ula", "http://[fc00::1]/", None, "private"),
    ("aws-imds-v6", "http://[fd00:ec2::254]/latest/meta-data/", None, "private"),
    ("v6-site-local", "http://[fec0::1]/", None, "site-local"),
    ("v6-multicast", "http://[ff02::1]/", None, "multicast"),
    ("v6-documentation", "http://[2001:db8::1]/", None, "private"),
    ("ipvfuture", "http://[v1.fe]/", None, "bracketed"),
    ("metadata-ip", "http://169.254.169.254/latest/meta-data/", None, "link-local"),
    ("metadata-gcp", "http://metadata.google.internal/computeMetadata/v1/", None, "metadata name"),
    ("metadata-gcp-dot", "http://metadata.google.internal./", None, "metadata name"),
    ("metadata-goog", "http://metadata.goog/", None, "metadata name"),
    ("metadata-bare", "http://metadata/", None, "without a dot"),
    ("metadata-aws-name", "http://instance-data/latest/", None, "without a dot"),
    ("metadata-aws-internal", "http://instance-data.ec2.internal/", None, "metadata name"),
    ("metadata-alibaba", "http://100.100.100.200/latest/meta-data/", None, "CGNAT"),
    ("azure-wireserver", "http://168.63.129.16/", None, "metadata address"),
    ("cgnat", "http://100.64.0.1/", None, "CGNAT"),
    ("private-10", "http://10.0.0.1/", None, "private"),
    ("private-192", "http://192.168.1.1/", None, "private"),
    ("private-172", "http://172.16.0.1/", None, "private"),
    ("benchmark-198.18", "http://198.18.0.1/", None, "private"),
    ("test-net", "http://192.0.2.1/", None, "private"),
    ("multicast", "http://224.0.0.1/", None, "multicast"),
    ("unspecified", "http://0.0.0.0/", None, "unspecified"),
    ("broadcast", "http://255.255.255.255/", None, "is private"),
    ("reserved-240", "http://240.0.0.1/", None, "is private"),
    ("mdns-name", "http://printer.local/", None, "private-use"),
    ("single-label", "http://intranet/", None, "private-use"),
    ("userinfo", "http://user:pass@example.com/", None, "userinfo"),
    ("userinfo-confusion", "http://example.com@127.0.0.1/", None, "userinfo"),
    ("bracket-confusion", "http://a]@127.0.0.1/", None, "malformed"),
    ("backslash-confusion", "http://example.com\\@127.0.0.1/", None, "backslash"),
    ("whitespace", "http://example.com /", None, "whitespace"),
    ("ftp", "ftp://example.com/file", None, "scheme"),
    ("file", "file:///etc/passwd", None, "scheme"),
    ("gopher", "gopher://127.0.0.1:6379/_INFO", None, "scheme"),
    ("dict", "dict://127.0.0.1:11211/stats", None, "scheme"),
    ("javascript", "javascript:alert(1)", None, "scheme"),
    ("ssh-port", "http://example.com:22/", None, "port 22"),
    ("port-zero", "http://example.com:0/", None, "port 0"),
    ("port-out-of-range", "http://example.com:99999/", None, "malformed"),
    ("no-host", "http:///etc/passwd", None, "no host"),
    ("no-slashes", "http:example.com", None, "no host"),
]

# (id, location the public page redirects to, DNS answers for the target)
REDIRECTS: list[tuple[str, str, dict[str, list[str]] | None]] = [
    ("to-metadata", "http://169.254.169.254/latest/meta-data/", None),
    ("to-v6-loopback", "http://[::1]:80/", None),
    ("to-gcp-metadata", "http://metadata.google.internal/computeMetadata/v1/", None),
    ("to-decimal", "http://2130706433/", None),
    ("to-scheme-relative", "//127.0.0.1/admin", None),
    ("to-mapped-metadata", "http://[::ffff:169.254.169.254]/", None),
    ("to-name-private", "http://alias.example/", {"alias.example": ["10.0.0.1"]}),
    ("to-file", "file:///etc/passwd", None),
    ("to-gopher", "gopher://127.0.0.1:6379/_INFO", None),
    ("to-other-port", "http://leaks.example:8080/admin", None),
]


def test_the_corpus_is_large_enough() -> None:
    ids = [row[0] for row in DIRECT] + [row[0] for row in REDIRECTS]
    assert len(ids) >= 30
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(
    ("url", "dns", "because"), [row[1:] for row in DIRECT], ids=[row[0] for row in DIRECT]
)
def test_direct_attack_is_refused_and_never_sent(
    url: str, dns: dict[str, list[str]] | None, because: str
) -> None:
    resolver = FakeResolver(table=dns or {}, default=None)
    recorder = Recorder()
    check = run_check(url, recorder, resolver)
    assert check.state == "refused", check
    assert because in check.reason
    assert recorder.requests == []
    assert check.final_url is None and check.http_status is None
    if dns is None:
        assert resolver.lookups == [], "refused names and literals must not reach DNS"


@pytest.mark.parametrize(
    ("location", "dns"), [row[1:] for row in REDIRECTS], ids=[r[0] for r in REDIRECTS]
)
def test_redirect_to_attack_is_refused_at_the_hop(
    location: str, dns: dict[str, list[str]] | None
) -> None:
    resolver = FakeResolver(table={"leaks.example": [PUBLIC_V4], **(dns or {})}, default=None)
    recorder = Recorder(routes={"leaks.example": redirect(location)})
    check = run_check("http://leaks.example/album/1", recorder, resolver)
    assert check.state == "refused", check
    assert check.reason.startswith("redirect refused: ")
    assert recorder.dialled == {PUBLIC_V4}
    assert len(recorder.requests) == 1
    assert check.final_url == "http://leaks.example/album/1"
    assert check.http_status == 302


@pytest.mark.parametrize(
    "location", ["http://[::1", "//[", "http://a]b/", "http://x:99999999/", "A:80", "http://xn--"]
)
def test_a_malformed_location_is_refused(location: str) -> None:
    recorder = Recorder(routes={"leaks.example": redirect(location)})
    check = run_check("http://leaks.example/album/1", recorder)
    assert check.state == "refused"
    assert check.reason.startswith("redirect refused: ")
    assert recorder.dialled == {PUBLIC_V4}


def test_a_chain_is_vetted_at_every_hop() -> None:
    """Two harmless hops, then the metadata address: only the public hosts are dialled."""
    resolver = FakeResolver(
        table={"a.example": [PUBLIC_V4], "b.example": [PUBLIC_V6]}, default=None
    )
    recorder = Recorder(
        routes={
            "a.example": redirect("http://b.example/next", 301),
            "b.example": redirect("http://169.254.169.254/latest/", 307),
        }
    )
    check = run_check("http://a.example/x", recorder, resolver)
    assert check.state == "refused"
    assert "169.254.169.254 is link-local" in check.reason
    assert recorder.dialled == {PUBLIC_V4, PUBLIC_V6}


def test_more_than_five_redirects_is_unknown_and_stops_there() -> None:
    """Six redirects in a row: the sixth is not followed (the contract says ``unknown``)."""
    routes = {f"h{i}.example": redirect(f"http://h{i + 1}.example/p") for i in range(10)}
    recorder = Recorder(routes=routes)
    check = run_check("http://h0.example/p", recorder)
    assert check.state == "unknown"
    assert check.reason == "too many redirects (more than 5)"
    assert [r.headers["host"] for r in recorder.requests] == [f"h{i}.example" for i in range(6)]


def test_the_harness_does_see_requests() -> None:
    """The positive control: a public URL is fetched once, at the vetted address, with the
    real name in Host and (for https) in SNI."""
    recorder = Recorder()
    check = run_check("https://files.example/a/b?c=d", recorder)
    assert check.state == "live"
    (request,) = recorder.requests
    assert request.url.host == PUBLIC_V4
    assert request.url.raw_path == b"/a/b?c=d"
    assert request.headers["host"] == "files.example"
    assert request.extensions["sni_hostname"] == "files.example"


def test_the_first_resolved_address_is_the_one_dialled() -> None:
    resolver = FakeResolver(table={"two.example": [PUBLIC_V6, PUBLIC_V4]})
    recorder = Recorder()
    run_check("http://two.example:80/", recorder, resolver)
    assert recorder.dialled == {PUBLIC_V6}
    assert resolver.lookups == ["two.example"]


def vet(url: str, policy: SsrfPolicy, table: dict[str, list[str]] | None = None) -> str:
    resolver = FakeResolver(table=table or {}, default=None)
    return asyncio.run(vet_url(url, policy, resolver)).address


def test_allowing_127_0_0_1_allows_that_address_only() -> None:
    policy = SsrfPolicy(
        allowed_ports=frozenset({80, 443, 8080}),
        allowed_addresses=frozenset({ipaddress.ip_network("127.0.0.1/32")}),
    )
    assert vet("http://127.0.0.1:8080/x", policy) == "127.0.0.1"
    assert vet("http://local.test/", policy, {"local.test": ["127.0.0.1"]}) == "127.0.0.1"
    for url in ("http://127.0.0.2/", "http://[::1]/", "http://10.0.0.1/", "http://127.0.0.1:81/"):
        with pytest.raises(UrlRefusedError):
            vet(url, policy)
    with pytest.raises(UrlRefusedError):  # the default policy allows nothing
        vet("http://127.0.0.1/", SsrfPolicy())


@pytest.mark.parametrize(
    "address",
    ["93.184.216.34", PUBLIC_V6, "64:ff9b::5db8:d822", "2002:5db8:d822::1", "::ffff:93.184.216.34"],
)
def test_global_addresses_and_harmless_wrappers_pass(address: str) -> None:
    assert address_problem(ipaddress.ip_address(address), SsrfPolicy()) is None


def test_reasons_name_the_wrapped_address() -> None:
    problem = address_problem(ipaddress.ip_address(TEREDO_LOOPBACK), SsrfPolicy())
    assert problem is not None and "127.0.0.1 is loopback" in problem
    problem = address_problem(ipaddress.ip_address("2002:a9fe:a9fe::"), SsrfPolicy())
    assert problem is not None and "6to4" in problem and "169.254.169.254" in problem
