"""Re-parse archived search-results pages with the current parsers (after a parser fix).

Every run that kept its raw body is parsed again, page by page within its query, source and
slot, with the same numbering as collection (absolute positions, de-duplicated across pages).
Only runs whose outcome changed are rewritten; runs carrying human labels are left alone and
reported, so a parser fix never erases a person's review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from collectors.errors import BlockedError, ParseError
from collectors.results import page_records
from collectors.sources import PARSERS
from collectors.sources.base import Parser
from data import open_warehouse
from data.serp_reparse import ArchivedRun, ReparsedRun, load_archived_runs, write_reparsed_runs
from data.serp_store import SerpResultRecord

PAGE_SIZE = 10


@dataclass
class ReparseReport:
    """What a re-parse found and changed."""

    examined: int = 0
    changed: int = 0
    results_written: int = 0
    kept_labelled: list[int] = field(default_factory=list)  # run ids not rewritten
    unknown_source: int = 0
    status_changes: dict[str, int] = field(default_factory=dict)  # "failed -> ok": n


def reparse_runs(
    db_path: Path, source: str | None = None, client: str | None = None
) -> ReparseReport:
    """Parse every archived run again and store the outcomes that differ."""
    report = ReparseReport()
    updates: list[ReparsedRun] = []
    with open_warehouse(db_path) as con:
        group: tuple[int, str, object] | None = None
        seen: set[str] = set()
        position = 0
        for run in load_archived_runs(con, source, client):
            report.examined += 1
            key = (run.query_id, run.source, run.slot_at)
            if key != group:  # a new query x source x slot: numbering restarts
                group, seen, position = key, set(), (run.page - 1) * PAGE_SIZE
            parser = PARSERS.get(run.source)
            if parser is None:
                report.unknown_source += 1
                continue
            status, error, results, position = _outcome(run, parser, seen, position)
            if (status, error, _signature(results)) == (
                run.status, run.error, _signature(run.results)
            ):  # fmt: skip
                continue
            if run.labelled:
                report.kept_labelled.append(run.run_id)
                continue
            updates.append(ReparsedRun(run.run_id, status, error, results))
            change = f"{run.status} -> {status}"
            report.status_changes[change] = report.status_changes.get(change, 0) + 1
        report.results_written = write_reparsed_runs(con, updates)
    report.changed = len(updates)
    return report


def _outcome(
    run: ArchivedRun, parser: Parser, seen: set[str], position: int
) -> tuple[str, str | None, tuple[SerpResultRecord, ...], int]:
    try:
        parsed = parser.parse(run.body)
    except BlockedError as exc:
        return "blocked", str(exc), (), position
    except ParseError as exc:
        return "failed", f"parse error: {exc}", (), position
    records, position = page_records(parsed, seen, position)
    return ("ok" if parsed.organic else "empty"), None, records, position


def _signature(results: tuple[SerpResultRecord, ...]) -> list[tuple[object, ...]]:
    return sorted(
        (r.result_type, r.position, r.normalized_url, r.url, r.domain, r.title, r.snippet)
        for r in results
    )
