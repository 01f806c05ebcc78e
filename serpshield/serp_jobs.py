"""Search-results jobs: parse a saved page, import it as a run, collect from the sources.

These functions wire the rooms together (collectors fetch and parse, data stores) and hold no
SQL and no HTTP of their own. The warehouse is held only for short reads and one write batch
per source; the network part runs with no database connection open, so the dashboard keeps
reading while a collection runs.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from collectors.errors import BlockedError, BudgetExceededError, ParseError
from collectors.http import Transport
from collectors.results import page_records
from collectors.serps import CollectTarget, SourceLimits, collect_serps, page_size_for, plan_cost
from collectors.sources import FETCHERS, get_parser
from collectors.sources.base import ParsedPage, SerpQuery, SourceSettings
from data import open_warehouse
from data.serp_store import (
    RunWriteReport,
    SerpRunRecord,
    load_collection_targets,
    load_month_spend,
    load_query_ids,
    load_stored_slots,
    write_serp_runs,
)
from serpshield.config import SourceConfig, WorkspaceConfig

PAGE_SIZE = 10


class ImportRefusedError(Exception):
    """An import that cannot be stored as asked (unknown query, unreadable file)."""


def read_payload(path: Path) -> bytes:
    """The file's bytes, or ``ParseError`` naming the file and the reason."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ParseError(f"{path}: cannot read the file ({exc.strerror or exc})") from None


def parse_file(source: str, path: Path) -> ParsedPage:
    """Parse a saved page or API response with the named source's parser.

    ``ParseError`` and ``BlockedError`` messages are prefixed with the file name.
    """
    parser = get_parser(source)
    body = read_payload(path)
    try:
        return parser.parse(body)
    except BlockedError as exc:
        raise BlockedError(f"{path}: {exc}") from None
    except ParseError as exc:
        raise ParseError(f"{path}: {exc}") from None


@dataclass(frozen=True)
class ImportOutcome:
    """What ``import_serp_file`` stored: the run's status and the number of results."""

    status: str
    organic: int
    already_stored: bool


def import_serp_file(
    db_path: Path,
    *,
    client: str,
    query: str,
    source: str,
    path: Path,
    observed_at: datetime,
    page: int = 1,
    engine: str | None = None,
    device: str | None = None,
) -> ImportOutcome:
    """Store a saved page or API response as one run of a tracked query.

    The file is parsed before the database is touched: an unreadable or unparseable file is
    refused with nothing written. A captcha page is stored as a ``blocked`` run (evidence that
    the engine refused), never as an empty page. Importing the same file for the same query,
    source, page and time again changes nothing.
    """
    parser = get_parser(source)
    body = read_payload(path)
    try:
        parsed: ParsedPage | None = parser.parse(body)
        status, error = ("ok" if parsed and parsed.organic else "empty"), None
    except BlockedError as exc:
        parsed, status, error = None, "blocked", str(exc)
    except ParseError as exc:
        raise ParseError(f"{path}: {exc}") from None
    with open_warehouse(db_path) as con:
        ids = load_query_ids(con, client, query, engine, device)
        where = " ".join(x for x in (engine, device) if x)
        if not ids:
            raise ImportRefusedError(
                f"client {client!r} has no tracked query {query!r}"
                + (f" ({where})" if where else "")
                + ": add it to serpshield.toml and run `serpshield config sync`"
            )
        if len(ids) > 1:
            raise ImportRefusedError(
                f"client {client!r} tracks {query!r} on several engines or devices: "
                "say which with --engine and --device"
            )
        run = SerpRunRecord(
            query_id=ids[0],
            source=source,
            page=page,
            slot_at=observed_at,
            requested_at=observed_at,
            fetched_at=observed_at,
            status=status,
            error=error,
            payload=body,
            content_type="text/html" if parser.payload == "html" else "application/json",
            results=page_records(parsed, set(), (page - 1) * PAGE_SIZE)[0] if parsed else (),
        )
        report = write_serp_runs(con, [run])
    organic = sum(1 for r in run.results if r.result_type == "organic")
    return ImportOutcome(status, organic, already_stored=report.skipped_existing == 1)


@dataclass
class SourceSummary:
    """One line of the collection summary table."""

    source: str
    counts: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    cost_units: float = 0.0
    budget_left: float | None = None
    problem: str | None = None  # why nothing was collected from this source


def slot_start(now: datetime, hours: int = 24) -> datetime:
    """The scheduled slot ``now`` falls in: UTC day (or ``hours``-long block) start."""
    day = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return day + timedelta(hours=(now.astimezone(UTC) - day) // timedelta(hours=hours) * hours)


def source_settings(config: SourceConfig, env: Mapping[str, str]) -> SourceSettings:
    """Credentials read from the environment variables the config names, at fetch time."""

    def read(name: str | None) -> str | None:
        return env.get(name) or None if name else None

    return SourceSettings(
        api_key=read(config.api_key_env),
        login=read(config.login_env),
        password=read(config.password_env),
        engine_id=config.engine_id,
        base_url=config.base_url,
    )


def collect_serps_job(
    cfg: WorkspaceConfig,
    db_path: Path,
    *,
    client: str | None = None,
    only_source: str | None = None,
    depth: int = 10,
    now: datetime | None = None,
    slot_hours: int = 24,
    env: Mapping[str, str] | None = None,
    on_run: Callable[[str, SerpRunRecord], None] | None = None,
    on_plan: Callable[[str, int], None] | None = None,
    transport: Transport | None = None,
    clock: Callable[[], datetime] | None = None,
) -> list[SourceSummary]:
    """Collect every enabled source for the active queries of its engines, then store.

    Per source: the month's spend and the slots already stored are read first; a run whose
    planned cost exceeds the budget left raises ``BudgetExceededError`` before any request.
    ``clock`` stamps when each run was requested and fetched (default: the real clock); the
    demo passes its simulated clock so a replayed day is dated on that day.
    """
    moment = now or datetime.now(UTC)
    slot_at = slot_start(moment, slot_hours)
    month_start = moment.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    environ = os.environ if env is None else env
    summaries: list[SourceSummary] = []
    for name, config in cfg.sources.items():
        if not config.enabled or (only_source and name != only_source) or name not in FETCHERS:
            continue
        source = FETCHERS[name]
        unset = [v for v in (config.api_key_env, config.login_env, config.password_env)
                 if v and not environ.get(v)]  # fmt: skip
        if unset:
            problem = f"environment variable {', '.join(unset)} is not set: nothing was fetched"
            summaries.append(SourceSummary(name, problem=problem))
            continue
        with open_warehouse(db_path) as con:
            targets_frame = load_collection_targets(con, client)
            stored = load_stored_slots(con, name, slot_at)
            spent = load_month_spend(con, name, month_start)
        records = cast(list[dict[str, Any]], targets_frame.to_dict("records"))
        rows = [r for r in records if r["engine"] in source.engines]
        page_size = page_size_for(source, depth)
        targets = [
            CollectTarget(int(r["query_id"]), _serp_query(r, page_size))
            for r in rows
            if (int(r["query_id"]), 1) not in stored
        ]
        summary = SourceSummary(name, skipped=len(rows) - len(targets))
        settings = source_settings(config, environ)
        needed = plan_cost(source, targets, settings, depth)
        if config.monthly_budget is not None:
            left = config.monthly_budget - spent
            if needed > left:
                raise BudgetExceededError(
                    f"{name}: this run needs {needed:g} cost units but only {max(left, 0):g} "
                    f"of the monthly budget of {config.monthly_budget:g} are left; nothing "
                    "was fetched (lower --depth, pick a --client, or raise monthly_budget)"
                )
        if on_plan:
            on_plan(name, len(targets))
        limits = SourceLimits(config.rate_per_second, config.concurrency, config.timeout_seconds)
        runs = asyncio.run(
            collect_serps(
                targets,
                source,
                settings,
                limits,
                depth=depth,
                slot_at=slot_at,
                skip=frozenset(stored),
                transport=transport,
                on_run=_bind(on_run, name),
                now=clock or _utc_clock,
            )
        )
        with open_warehouse(db_path) as con:
            report: RunWriteReport = write_serp_runs(con, runs)
        summary.counts = report.written
        summary.cost_units = sum(r.cost_units for r in runs)
        if config.monthly_budget is not None:
            summary.budget_left = config.monthly_budget - spent - summary.cost_units
        summaries.append(summary)
    return summaries


def _utc_clock() -> datetime:
    return datetime.now(UTC)


def _bind(
    callback: Callable[[str, SerpRunRecord], None] | None, name: str
) -> Callable[[SerpRunRecord], None] | None:
    """The per-source progress callback the loop expects, tagged with the source's name."""
    if callback is None:
        return None
    return lambda run: callback(name, run)


def _serp_query(row: Mapping[str, Any], page_size: int) -> SerpQuery:
    location = row["location"]
    return SerpQuery(
        text=str(row["text"]),
        engine=row["engine"],
        gl=str(row["gl"]),
        hl=str(row["hl"]),
        location=location if isinstance(location, str) and location else None,
        device=row["device"],
        page=1,
        page_size=page_size,
    )
