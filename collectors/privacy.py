"""What of a leak URL may leave the process: a domain and a keyed digest, never the path.

A leak URL's path or query often names the person in the leaked content, so logs carry
``redact_url(url)`` instead: the registrable domain (which host to chase) and the first hex of
an HMAC of the normalized URL. The HMAC key is random per process unless given, so lines of one
run can be correlated ("the same URL timed out twice") while a log leaked later cannot be
matched against a list of guessed URLs. ``url_hash`` is the plain, stable SHA-256 stored as
``leak_urls.url_sha256``; it identifies a URL the warehouse already holds and is never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from collectors.normalize import normalize_url, registrable_domain

_PROCESS_KEY = secrets.token_bytes(32)
DIGEST_CHARS = 10


def redact_url(url: str, key: bytes | None = None) -> str:
    """``"<registrable domain>#<10 hex of HMAC-SHA256(key, normalized url)>"``; the domain is
    ``?`` when ``url`` has none. ``key=None`` uses this process's random key."""
    normalized = _normalized(url)
    digest = hmac.new(key if key is not None else _PROCESS_KEY, _bytes(normalized), "sha256")
    domain = registrable_domain(normalized) or "?"
    return f"{domain}#{digest.hexdigest()[:DIGEST_CHARS]}"


def url_hash(url: str) -> str:
    """SHA-256 hex of the normalized URL: the same page gives the same hash across runs."""
    return hashlib.sha256(_bytes(_normalized(url))).hexdigest()


def _normalized(url: str) -> str:
    try:
        return normalize_url(url)
    except ValueError:  # a lone surrogate cannot be percent-encoded: hash the text as given
        return url.strip()


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")
