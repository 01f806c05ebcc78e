"""The collectors' exception tree (modelled on httpx's documented hierarchy)::

    CollectorError
     ├── FetchError            the request failed after its retries (network, HTTP status, deadline)
     ├── ParseError            the body could not be read as the source's format
     │    └── BlockedError     the body is a captcha / bot challenge / "unusual traffic" page
     └── BudgetExceededError   the run would spend more than the source's monthly budget

A blocked page is a kind of unusable body, but it is never "no results": callers record it as
``blocked``. Messages name the source and what was wrong, never an API key or a leak URL.
"""

from __future__ import annotations


class CollectorError(Exception):
    """Base class of every collector failure."""


class FetchError(CollectorError):
    """The fetch failed: connection error, timeout, HTTP error status, or deadline exceeded."""


class ParseError(CollectorError):
    """The body is not a readable response of the expected source (truncated, wrong format)."""


class BlockedError(ParseError):
    """The search engine answered with a captcha or bot challenge instead of results."""


class BudgetExceededError(CollectorError):
    """Collecting would exceed a source's monthly budget; nothing was spent."""
