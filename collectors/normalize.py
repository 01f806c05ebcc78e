"""URL normalization and registrable domains.

Two results pointing at the same page must compare equal across engines and days, so URLs are
normalized (lowercase scheme and host, no default port, no fragment, no tracking parameters) while
meaningful query strings are kept (``?id=42`` is a different thread). Registrable domains come from
tldextract with its bundled Public Suffix List snapshot: no network fetch, ever. Private suffixes
(blogspot.com, github.io...) count, because each such site has its own owner: a leak mirror on one
blog is not the whole platform.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import tldextract

_EXTRACT = tldextract.TLDExtract(
    suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
)
_TRACKING = re.compile(
    r"^(utm_[a-z0-9_]+|gclid|gclsrc|dclid|gbraid|wbraid|fbclid|msclkid|yclid|twclid|ttclid|"
    r"igshid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|srsltid|ref_src)$",
    re.IGNORECASE,
)
_HOST_CHARS = re.compile(r"^[a-z0-9.\-_:\[\]]+$")  # IDNs arrive punycoded (xn--)
# Characters kept as they are when percent-encoding: reserved ones and existing escapes, so
# only raw non-ASCII and spaces are encoded and ".../Café" equals ".../Caf%C3%A9".
_URL_SAFE = "/%:@!$&'()*+,;=-._~"
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(url: str) -> str:
    """The comparable form of ``url``: lowercase scheme and host, default port and fragment
    dropped, tracking parameters removed, remaining parameters kept in their order, and an
    empty path written as ``/``. A string that is not an absolute http(s) URL is returned
    stripped but otherwise unchanged, so nothing is lost."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return text
    host = _ascii_host(parts.hostname.lower().rstrip("."))
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not _TRACKING.match(k)]
    query = parts.query if len(kept) == len(pairs) else urlencode(kept)
    path = quote(parts.path or "/", safe=_URL_SAFE)
    return urlunsplit((scheme, netloc, path, quote(query, safe=_URL_SAFE + "?"), ""))


@lru_cache(maxsize=65536)
def registrable_domain(url_or_host: str) -> str:
    """The registrable domain (``example.co.uk`` for ``https://www.example.co.uk/x``).

    An IP address is its own domain; a host under no public suffix keeps its last two labels
    (``www.brand.example`` -> ``brand.example``); an unparseable value gives ``""``.
    """
    text = url_or_host.strip()
    try:
        host = urlsplit(text).hostname if "//" in text else text.lower()
    except ValueError:
        return ""
    host = _ascii_host(host or "")
    if not host or not _HOST_CHARS.match(host):
        return ""
    host = host.rstrip(".")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return host
    extracted = _EXTRACT.extract_str(host)
    if extracted.top_domain_under_public_suffix:
        return extracted.top_domain_under_public_suffix
    # No known public suffix (.example, .test, an intranet name): treat the last label as the
    # suffix, so www.brand.example and brand.example still share a domain.
    return ".".join(host.split(".")[-2:])


def _ascii_host(host: str) -> str:
    """Internationalised host names in their ASCII (punycode) form, as the config stores them."""
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host
