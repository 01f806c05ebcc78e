"""From a parsed page to the records the warehouse stores: absolute positions, de-duplicated.

Collection, imports and re-parsing all number results the same way, so a page gives the same
rows whichever way it arrived.
"""

from __future__ import annotations

from collectors.normalize import normalize_url, registrable_domain
from collectors.sources.base import ParsedPage, ParsedResult
from data.serp_store import SerpResultRecord


def page_records(
    parsed: ParsedPage, seen: set[str], position: int
) -> tuple[tuple[SerpResultRecord, ...], int]:
    """Organic results at absolute positions, skipping URLs an earlier page (or this one)
    already showed; other blocks numbered per type within the page."""
    records: list[SerpResultRecord] = []
    for result in parsed.organic:
        normalized = normalize_url(result.url)
        if normalized in seen:
            continue
        seen.add(normalized)
        position += 1
        records.append(_record(result, normalized, position, "organic"))
    per_type: dict[str, int] = {}
    for block in parsed.blocks:
        if block.result_type == "organic":  # mislabelled: would collide with organic positions
            continue
        n = per_type[block.result_type] = per_type.get(block.result_type, 0) + 1
        records.append(_record(block, normalize_url(block.url), n, block.result_type))
    return tuple(records), position


def _record(result: ParsedResult, normalized: str, position: int, kind: str) -> SerpResultRecord:
    domain = registrable_domain(normalized) or result.domain  # one definition for every source
    return SerpResultRecord(
        position, result.url, normalized, domain, result.title, result.snippet, kind
    )
