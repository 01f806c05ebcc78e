"""Planner jobs: build a client's defensive-content plan, save it, report and publish assets.

Each job opens the warehouse for as short as it can (read-only to plan and report), hands plain
DataFrames to ``models.planner``, ``models.plan_schedule`` and ``models.asset_effect``, and
returns plain results the CLI prints. Exposure comes from
``data.kpi_exposure.load_query_day_exposure`` with the workspace's CTR curve and time zone, so
the plan, the KPIs and the dashboard read the same numbers.

Day conventions: ``as_of`` is an instant (UTC); "today" is its date in the workspace time zone;
a plan starts by default on the next Monday after today. A query's current exposure is its
latest observed day within ``LOOKBACK_DAYS`` (an older one is stale: no recommendation).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

from collectors.normalize import normalize_url
from data import Connection, open_warehouse
from data.kpi_exposure import load_query_day_exposure
from data.plan_store import (
    PlannedAsset,
    Publication,
    load_asset_ranks,
    load_content_assets,
    load_launches,
    load_plan_clients,
    load_plan_queries,
    load_snapshot_harms,
    write_planned_assets,
    write_publication,
)
from models.asset_effect import BEFORE_DAYS, compute_asset_effects, compute_rank_summary
from models.plan_schedule import Schedule, compute_schedule
from models.planner import compute_launch_targets, compute_recommendations, next_monday, records
from serpshield.config import WorkspaceConfig, load_config
from serpshield.workspace import current_actor

LOOKBACK_DAYS = 30
_PLANNED_COLUMNS = ["title", "asset_type", "target_query_id", "query", "planned_on", "priority"]


class UnknownClientError(ValueError):
    """No active client has this slug."""


@dataclass(frozen=True)
class ClientPlan:
    """One client's recommendations (``models.planner.REC_COLUMNS``) and calendar."""

    client_id: int
    slug: str
    name: str
    recommendations: pd.DataFrame
    schedule: Schedule


@dataclass(frozen=True)
class PlanReport:
    """The plans of the selected clients, for one as-of instant and horizon."""

    as_of: datetime
    start: date
    weeks: int
    clients: list[ClientPlan]


@dataclass(frozen=True)
class AssetReport:
    """Assets with their rank summary and effect columns, and every asset's daily ranks."""

    assets: pd.DataFrame
    ranks: pd.DataFrame


def local_today(as_of: datetime, tz: str) -> date:
    """The workspace-local date of an instant."""
    return as_of.astimezone(ZoneInfo(tz)).date()


def build_plan(
    config_path: Path,
    db: Path,
    *,
    client: str | None,
    weeks: int,
    start: date | None,
    as_of: datetime,
) -> PlanReport:
    """Recommend and schedule defensive assets for one client (or every active client)."""
    cfg = load_config(config_path)
    tz = cfg.workspace.timezone
    first = start or next_monday(local_today(as_of, tz))
    with open_warehouse(db, read_only=True) as con:
        clients, client_id = _clients(con, client)
        queries = load_plan_queries(con, client_id)
        since = as_of - timedelta(days=LOOKBACK_DAYS)
        days = _exposure(con, cfg, client_id, since, as_of)
        latest = days.sort_values(["query_id", "day"]).groupby("query_id").tail(1)
        harms = load_snapshot_harms(con, latest, threshold=cfg.thresholds.harm)
        assets = load_content_assets(con, client_id)
        launches = load_launches(con, client_id)
    targets = compute_launch_targets(queries, launches, first, weeks)
    languages = {int(r["client_id"]): str(r["language"]) for r in records(clients)}
    recs = compute_recommendations(queries, days, harms, assets, targets, languages)
    plans = []
    for c in records(clients):
        cid = int(c["client_id"])
        planned = assets[(assets["client_id"] == cid) & (assets["status"] == "planned")]
        schedule = compute_schedule(
            recs[recs["client_id"] == cid],
            planned[_PLANNED_COLUMNS],
            targets[targets["client_id"] == cid],
            start=first,
            weeks=weeks,
            capacity=int(c["capacity_per_week"]),
        )
        plans.append(
            ClientPlan(
                cid,
                str(c["slug"]),
                str(c["name"]),
                recs[recs["client_id"] == cid].reset_index(drop=True),
                schedule,
            )
        )
    return PlanReport(as_of, first, weeks, plans)


def save_plan(db: Path, report: PlanReport) -> int:
    """Store the newly scheduled assets as planned (idempotent); return how many were added."""
    rows: list[PlannedAsset] = []
    for plan in report.clients:
        recs = {str(r["title"]): r for r in records(plan.recommendations)}
        rows += [
            PlannedAsset(plan.client_id, slot.title, str(slot.asset_type), slot.query_id, slot.on,
                         float(recs[slot.title]["priority"]), str(recs[slot.title]["reason_en"]),
                         str(recs[slot.title]["reason_fr"]))
            for slot in plan.schedule.slots if slot.kind == "new"
        ]  # fmt: skip
    if not rows:
        return 0
    with open_warehouse(db) as con:
        return write_planned_assets(con, rows, at=datetime.now(UTC), actor=current_actor())


def asset_report(
    config_path: Path, db: Path, *, client: str | None, as_of: datetime
) -> AssetReport:
    """Every asset with, when published with a target query, its rank trajectory and effect."""
    cfg = load_config(config_path)
    tz = cfg.workspace.timezone
    with open_warehouse(db, read_only=True) as con:
        _, client_id = _clients(con, client)
        assets = load_content_assets(con, client_id)
        live = assets[
            (assets["status"] == "published")
            & assets["target_query_id"].notna()
            & assets["published_on"].notna()
            & assets["url"].notna()
        ]
        published_on = pd.to_datetime(live["published_on"]).dt.date
        targets = pd.DataFrame(
            {
                "asset_id": live["asset_id"],
                "query_id": live["target_query_id"].astype(int),
                "normalized_url": live["url"].map(normalize_url),
                "since": published_on,
            }
        )
        ranks = load_asset_ranks(con, targets, as_of=as_of, tz=tz)
        days = pd.DataFrame(columns=["client_id", "query_id", "day", "exposure"])
        if len(live):
            first = min(published_on) + timedelta(days=BEFORE_DAYS[0] - 1)
            days = _exposure(
                con, cfg, client_id, datetime.combine(first, time(), ZoneInfo(tz)), as_of
            )
    effects = compute_asset_effects(
        live.assign(published_on=published_on)[
            ["asset_id", "client_id", "target_query_id", "published_on"]
        ],
        days,
        as_of=local_today(as_of, tz),
    )
    summary = compute_rank_summary(ranks).astype({"asset_id": "int64"})
    effects = effects.rename(columns={"status": "effect_status"}).astype({"asset_id": "int64"})
    merged = assets.astype({"asset_id": "int64"}).merge(summary, on="asset_id", how="left")
    merged = merged.merge(effects, on="asset_id", how="left")
    return AssetReport(merged, ranks)


def publish_asset(
    db: Path,
    *,
    client: str,
    title: str,
    url: str,
    on: date,
    query: str | None,
    asset_type: str | None,
) -> tuple[int, str, str | None]:
    """Record a publication: (asset_id, outcome, target query text or None when untracked).

    The URL is stored normalized (as search results are), so that its rank is found and it
    counts in the owned share.

    ``query`` is a tracked query's text, or its id when several share the text (engines or
    devices differ); an unknown or ambiguous one raises ValueError naming the candidates.
    """
    with open_warehouse(db) as con:
        _, client_id = _clients(con, client)
        assert client_id is not None
        query_id = _resolve_query(load_plan_queries(con, client_id), query) if query else None
        pub = Publication(client_id, title, normalize_url(url), on, query_id, asset_type)
        asset_id, outcome = write_publication(con, pub, at=datetime.now(UTC), actor=current_actor())
        stored = load_content_assets(con, client_id).set_index("asset_id").loc[asset_id]
    target = stored["query"]
    return asset_id, outcome, None if pd.isna(target) else str(target)


def _resolve_query(queries: pd.DataFrame, query: str) -> int:
    matches = queries[queries["text"] == query.strip()]
    if matches.empty and query.strip().isdigit():
        matches = queries[queries["query_id"] == int(query)]
    if len(matches) == 1:
        return int(matches["query_id"].iloc[0])
    if matches.empty:
        raise ValueError(f"no tracked query {query!r} for this client")
    choices = ", ".join(
        f"{r['query_id']} ({r['engine']}, {r['device']}, gl={r['gl'] or '-'})"
        for r in records(matches)
    )
    raise ValueError(
        f"{len(matches)} tracked queries read {query!r}: pass --query with one of "
        f"their ids: {choices}"
    )


def _clients(con: Connection, slug: str | None) -> tuple[pd.DataFrame, int | None]:
    clients = load_plan_clients(con, slug)
    if slug is not None and clients.empty:
        raise UnknownClientError(
            f"no active client {slug!r} in the warehouse (see serpshield.toml, "
            "then `serpshield config sync`)"
        )
    return clients, None if slug is None else int(clients["client_id"].iloc[0])


def _exposure(
    con: Connection, cfg: WorkspaceConfig, client_id: int | None, start: datetime, as_of: datetime
) -> pd.DataFrame:
    return load_query_day_exposure(
        con,
        client_id=client_id,
        start=start,
        as_of=as_of,
        weights=cfg.ctr_weights(),
        tz=cfg.workspace.timezone,
    )
