"""The SSRF guard: which URLs the leak monitor may fetch, and at which address.

Leak URLs come from search results, imports and people, so any of them may be hostile: a page
on a file host can redirect to ``http://169.254.169.254/`` (the cloud metadata service) or a
name can resolve to ``127.0.0.1``. ``vet_url`` decides once per request (every redirect hop
included) and returns the one address it checked; the caller connects to that address and
sends the real name in ``Host`` and SNI, so a second DNS answer (rebinding) is never used.

Host names refused without a lookup (they name nothing on the public internet, and leaks live
on public hosts, so refusing them costs nothing):

- names without a dot (``localhost``, ``metadata``, ``instance-data``): the resolver would
  complete them with the machine's search domains;
- names under private-use or special suffixes: ``.internal`` (GCP ``metadata.google.internal``,
  AWS ``instance-data.ec2.internal``), ``.local``, ``.localhost``, ``.localdomain``,
  ``.home.arpa``, ``.lan``, ``.intranet``, ``.corp``;
- known metadata names with a public-looking suffix: ``metadata.goog``.

Numeric hosts must be canonical dotted-quad IPv4 or bracketed IPv6: ``2130706433``,
``0x7f.1``, ``0177.0.0.1`` and ``127.1`` are refused outright rather than re-implementing how
``inet_aton`` would read them. Addresses must be globally routable; IPv4 wrapped in IPv6
(mapped, SIIT, 6to4, NAT64, Teredo) is unwrapped and vetted too. ``SsrfPolicy`` can allow
networks explicitly (a test server on 127.0.0.1); nothing is allowed by default.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

from collectors.errors import CollectorError, FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_URL_LENGTH = 8192
REFUSED_SUFFIXES = (
    "internal", "local", "localhost", "localdomain", "home.arpa", "lan", "intranet", "corp"
)  # fmt: skip
REFUSED_NAMES = frozenset({"metadata.goog", "metadata.google.internal"})
# Globally routable addresses that still answer like a metadata service from inside a cloud.
METADATA_ADDRESSES = frozenset({ipaddress.ip_address("168.63.129.16")})  # Azure WireServer
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_SIIT = ipaddress.ip_network("::ffff:0:0:0/96")
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")
_NAME = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")  # one label, punycoded
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f\\]")


class UrlRefusedError(CollectorError):
    """The URL must not be fetched; ``reason`` says why (stored with the check, no URL in it)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class HostResolutionError(FetchError):
    """DNS gave no usable answer: an ``unknown`` check, never a refusal or a removal."""


@dataclass(frozen=True)
class SsrfPolicy:
    """What the guard lets through besides global addresses on ports 80 and 443."""

    allowed_ports: frozenset[int] = frozenset({80, 443})
    allowed_addresses: frozenset[IPNetwork] = field(default_factory=frozenset)


class Resolver(Protocol):
    """Turns a host name into addresses; injected so tests never touch real DNS."""

    async def resolve(self, host: str) -> list[str]: ...


class SystemResolver:
    """The operating system's resolver, off the event loop (``getaddrinfo`` in a thread)."""

    async def resolve(self, host: str) -> list[str]:
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
        return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True)
class VettedTarget:
    """A URL the guard accepted, with the one address to connect to.

    ``host`` is the ASCII host as it goes in ``Host`` and SNI (IPv6 without brackets), ``url``
    the canonical URL with that host (no fragment, no default port), ``address`` the vetted IP.
    """

    scheme: str
    host: str
    port: int
    address: str
    url: str

    @property
    def host_is_address(self) -> bool:
        return _parse_ip(self.host) is not None

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"

    @property
    def sni_hostname(self) -> str | None:
        """The TLS server name to send and verify: the real name, never the IP we dial."""
        return None if self.host_is_address else self.host

    @property
    def request_url(self) -> str:
        """The URL with the vetted address in place of the name, as handed to httpx."""
        parts = urlsplit(self.url)
        address = f"[{self.address}]" if ":" in self.address else self.address
        return urlunsplit((self.scheme, f"{address}:{self.port}", parts.path, parts.query, ""))


def _parse_ip(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _embedded_v4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address:
    return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)


def address_problem(address: IPAddress, policy: SsrfPolicy) -> str | None:
    """Why ``address`` must not be dialled, or ``None`` when it may be.

    ``is_global`` alone is not enough (Python 3.11.7 calls multicast, ``fec0::/10`` and the
    NAT64 prefix global, and later patch releases changed the lists), so each kind is checked
    by name. An IPv6 wrapper of an IPv4 address (mapped, SIIT, 6to4, NAT64) gets the verdict of
    the IPv4 inside; Teredo names its embedded addresses, then falls in ``2001::/23``: refused.
    """
    if any(address in network for network in policy.allowed_addresses):
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id:
            return f"{address} is a scoped address"
        wrapper, inner = "", None
        if address.ipv4_mapped is not None:
            wrapper, inner = "IPv4-mapped", address.ipv4_mapped
        elif address in _SIIT:
            wrapper, inner = "IPv4-translated", _embedded_v4(address)
        elif address.sixtofour is not None:
            wrapper, inner = "6to4", address.sixtofour
        elif any(address in prefix for prefix in _NAT64):
            wrapper, inner = "NAT64", _embedded_v4(address)
        elif address.teredo is not None:
            server, client = address.teredo
            problem = address_problem(server, policy) or address_problem(client, policy)
            if problem:
                return f"Teredo {address} wraps a refused address: {problem}"
        elif address in _IPV4_COMPATIBLE and int(address) > 1:
            return f"{address} is an IPv4-compatible IPv6 address (deprecated)"
        if inner is not None:
            problem = address_problem(inner, policy)
            # The wrapped IPv4 is where the packets go: its verdict is the verdict (and does not
            # depend on which Python patch release counts 2002::/16 or 64:ff9b:1::/48 as private).
            return f"{wrapper} {address} wraps a refused address: {problem}" if problem else None
    return _plain_problem(address)


def _plain_problem(address: IPAddress) -> str | None:
    checks = (
        (address.is_unspecified, "unspecified"),
        (address.is_loopback, "loopback"),
        (address.is_link_local, "link-local"),
        (address in _CGNAT, "shared address space (CGNAT)"),
        (address.is_multicast, "multicast"),
        (address.is_private, "private"),
        (address.is_reserved, "reserved"),
        (isinstance(address, ipaddress.IPv6Address) and address.is_site_local, "site-local"),
        (address in METADATA_ADDRESSES, "a cloud metadata address"),
        (not address.is_global, "not globally routable"),
    )
    for bad, kind in checks:
        if bad:
            return f"{address} is {kind}"
    return None


def _ascii_host(raw: str) -> str:
    """The host in lowercase ASCII. IDNA first, because it folds full-width digits and
    ideographic dots (``１２７。０。０。１`` becomes ``127.0.0.1``) before any check runs."""
    try:
        host = raw.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise UrlRefusedError("host name is not valid IDNA") from None
    return host


def _check_name(host: str) -> None:
    if host in REFUSED_NAMES or any(
        host == suffix or host.endswith("." + suffix) for suffix in REFUSED_SUFFIXES
    ):
        raise UrlRefusedError(f"host {host} is a private-use or metadata name")
    labels = host.split(".")
    if len(labels) < 2:
        raise UrlRefusedError("host name without a dot (resolved through search domains)")
    if len(host) > 253 or not all(_NAME.match(label) for label in labels):
        raise UrlRefusedError("host name has characters or labels DNS does not allow")


def _split_host(raw_host: str, *, bracketed: bool) -> tuple[str, IPAddress | None]:
    """(ASCII host, address if it is an IP literal). A host whose last label is numeric is an
    address to every resolver, so it must be the canonical dotted quad or it is refused."""
    if bracketed:
        literal = _parse_ip(raw_host) if "%" not in raw_host else None
        if not isinstance(literal, ipaddress.IPv6Address):
            raise UrlRefusedError("bracketed host is not a plain IPv6 address")
        return str(literal), literal
    host = _ascii_host(raw_host)
    trimmed = host.removesuffix(".")
    if _NUMERIC_LABEL.match(trimmed.rsplit(".", 1)[-1]):
        literal = _parse_ip(host)
        if not isinstance(literal, ipaddress.IPv4Address) or str(literal) != host:
            raise UrlRefusedError("numeric host not in canonical dotted-quad form")
        return host, literal
    _check_name(trimmed)
    return trimmed, None


def parse_url(url: str, policy: SsrfPolicy) -> tuple[str, str, int, IPAddress | None, str]:
    """Strictly split ``url``: (scheme, ascii host, port, address if the host is an IP literal,
    canonical URL). Raises ``UrlRefusedError``; never resolves anything."""
    if len(url) > MAX_URL_LENGTH:
        raise UrlRefusedError(f"URL longer than {MAX_URL_LENGTH} characters")
    if _UNSAFE_CHARS.search(url):
        raise UrlRefusedError("URL contains whitespace, control characters or a backslash")
    try:
        parts = urlsplit(url)
        explicit_port = parts.port
    except ValueError:
        raise UrlRefusedError("malformed URL (host or port)") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise UrlRefusedError(f"scheme {scheme or '(none)'!r} is not http or https")
    if "@" in parts.netloc:
        raise UrlRefusedError("URL carries credentials (userinfo)")
    raw_host = parts.hostname or ""
    if not raw_host:
        raise UrlRefusedError("URL has no host")
    port = DEFAULT_PORTS[scheme] if explicit_port is None else explicit_port
    if port not in policy.allowed_ports:
        raise UrlRefusedError(f"port {port} is not allowed")
    host, address = _split_host(raw_host, bracketed="[" in parts.netloc)
    netloc = f"[{host}]" if ":" in host else host
    if port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    canonical = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
    return scheme, host, port, address, canonical


async def vet_url(url: str, policy: SsrfPolicy, resolver: Resolver) -> VettedTarget:
    """The target to connect to for ``url``, or ``UrlRefusedError`` (refused) or
    ``HostResolutionError`` (unknown). Every resolved address must pass, not just one: a name
    answering ``[public, 127.0.0.1]`` is a rebinding attempt and is refused as a whole."""
    scheme, host, port, literal, canonical = parse_url(url, policy)
    if literal is not None:
        candidates: list[IPAddress] = [literal]
    else:
        try:
            answers = await resolver.resolve(host)
        except (OSError, UnicodeError) as exc:
            raise HostResolutionError(f"DNS lookup failed ({type(exc).__name__})") from None
        if not answers:
            raise HostResolutionError("DNS lookup returned no address")
        candidates = []
        for answer in answers:
            parsed = _parse_ip(answer)
            if parsed is None:
                raise UrlRefusedError("resolver returned something that is not an address")
            candidates.append(parsed)
    for candidate in candidates:
        problem = address_problem(candidate, policy)
        if problem:
            prefix = "" if literal is not None else "host resolves to a refused address: "
            raise UrlRefusedError(f"{prefix}{problem}")
    return VettedTarget(scheme, host, port, str(candidates[0]), canonical)
