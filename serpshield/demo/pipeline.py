"""The pipeline steps besides collection and monitoring: alerts, defensive assets, plan, KPIs.

``raise_alerts`` runs every simulated morning after collection and scoring, as a cron job
would, at the simulated moment, so every alert is dated on the day its condition arose.
``post_pipeline_steps`` runs once the last day is simulated: it records the defensive assets
the story published (``plan_jobs.publish_asset``, dated on their publication day), builds and
saves the plan as of the demo's last evening (``build_plan`` + ``save_plan``), and computes
every client's KPIs as of that moment (``kpi_jobs.client_kpis``), the numbers the build
reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from data import open_warehouse
from data.queries import load_queries
from serpshield.alerts import run_alerts
from serpshield.config import WorkspaceConfig
from serpshield.demo.scenario import Story
from serpshield.demo.world import day_of
from serpshield.kpi_jobs import Period, client_kpis
from serpshield.leaks import records
from serpshield.plan_jobs import build_plan, publish_asset, save_plan


@dataclass(frozen=True)
class PipelineSteps:
    """What the final steps recorded and computed."""

    assets_published: int
    assets_planned: int
    kpis: dict[str, dict[str, Any]] = field(default_factory=dict)  # client slug -> KPI values


def raise_alerts(cfg: WorkspaceConfig, db: Path, moment: datetime) -> int:
    """Evaluate and store the alerts due at ``moment``; returns how many were raised. No
    webhook is read from the environment: a demo never posts to a real chat."""
    return len(run_alerts(cfg, db, now=moment, env={}).raised)


def _query_ids(db: Path, slug: str) -> dict[tuple[str, str], int]:
    """(text, gl) -> query id of a client's queries: the demo's target queries are named by
    text, and the same text may be tracked in several countries."""
    with open_warehouse(db, read_only=True) as con:
        frame = load_queries(con, slug)
    return {(str(r["text"]), str(r["gl"])): int(r["query_id"]) for r in records(frame)}


def publish_assets(db: Path, story: Story) -> int:
    """Record every defensive asset of the story as published on its day."""
    published = 0
    for client in story.clients:
        ids = _query_ids(db, client.slug) if client.assets else {}
        for asset in client.assets:
            if asset.published_on < story.start:
                continue
            gl = next(q.gl for q in client.queries if q.text == asset.target_query)
            publish_asset(
                db, client=client.slug, title=asset.title, url=asset.url,
                on=day_of(asset.published_on), query=str(ids[(asset.target_query, gl)]),
                asset_type=asset.asset_type,
            )  # fmt: skip
            published += 1
    return published


def post_pipeline_steps(
    cfg: WorkspaceConfig, root: Path, db: Path, story: Story, as_of: datetime
) -> PipelineSteps:
    """Defensive assets, the saved plan and every client's KPIs, as of ``as_of``."""
    published = publish_assets(db, story)
    plan = build_plan(root / "serpshield.toml", db, client=None, weeks=8, start=None, as_of=as_of)
    planned = save_plan(db, plan)
    period = Period(None, as_of)
    kpis = {c.slug: client_kpis(cfg, db, c.slug, period) for c in story.clients}
    return PipelineSteps(published, planned, kpis)
