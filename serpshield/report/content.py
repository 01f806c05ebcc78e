"""Gather everything a client report shows, for one client and one period of local days.

Why this module exists: the HTML, the PDF, the CSV files and the dashboard's preview must show
the same numbers, so they are all drawn from one ``ReportContent`` built here. The KPIs are
exactly ``serpshield.kpi_jobs.client_kpis`` for the period (what ``serpshield kpi --json``
prints), the defensive assets come from ``serpshield.plan_jobs.asset_report`` (what
``serpshield plan assets`` prints), and the series behind the charts come from the same named
reads of ``data/`` the KPIs use, with the workspace's CTR curve and time zone. Nothing here
computes a KPI a second way.

Period: ``start`` and ``end`` are local days of the workspace, both included. The report is
"as of" the local midnight that ends ``end``, or now (floored to the minute) when the period
reaches today, as on the dashboard's pages: a notice still unanswered is censored at the
report's date, never later, and the report's figures equal the dashboard's for the same view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from data import open_warehouse
from data.dashboard_serp import load_latest_top
from data.kpi_exposure import load_client_day_exposure
from data.kpi_leaks import load_notice_outcomes
from data.queries import load_clients, load_queries
from models.harm import HARMFUL
from models.km_curves import CURVE_COLUMNS, compute_km_curves
from models.kpis_serp import compute_serp_health
from serpshield.config import WorkspaceConfig, load_config
from serpshield.kpi_jobs import Period, UnknownClientError, client_kpis, period_from
from serpshield.plan_jobs import asset_report

#: Length of the default period, as on the dashboard's filters.
DEFAULT_DAYS = 90
LANGUAGES = ("en", "fr")
DAILY_COLUMNS = ["day", "serp_health", "exposure", "owned_share", "queries"]
HARMFUL_COLUMNS = ["query", "position", "domain", "category", "harm", "title"]
ASSET_COLUMNS = [
    "title", "asset_type", "query", "published_on", "latest_position", "best_position",
    "first_top10_on", "effect_status", "effect", "ci_low", "ci_high",
]  # fmt: skip


@dataclass(frozen=True)
class ReportContent:
    """One client's report: who, when, in which language, the KPIs and the tables behind the
    charts. ``kpis`` is the ``client_kpis`` dict; frames use the ``*_COLUMNS`` above, with
    ``takedown`` in ``models.km_curves.CURVE_COLUMNS`` (one curve per notice channel)."""

    slug: str
    name: str
    lang: str
    timezone: str
    start: date
    end: date
    as_of: datetime
    generated_at: datetime
    kpis: dict[str, Any]
    daily: pd.DataFrame
    takedown: pd.DataFrame
    funnel: pd.DataFrame
    harmful: pd.DataFrame
    assets: pd.DataFrame


def report_period(
    start: date | None, end: date | None, tz: str, now: datetime
) -> tuple[date, date, Period]:
    """(first day, last day, KPI period) of a report; the defaults are the ``DEFAULT_DAYS``
    days up to today. ``ValueError`` when ``start`` is after ``end`` or after now."""
    zone = ZoneInfo(tz)
    last = end or now.astimezone(zone).date()
    first = start or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise ValueError(f"the period starts on {first}, after its end {last}")
    if last >= now.astimezone(zone).date():
        as_of = now.astimezone(UTC).replace(second=0, microsecond=0)
    else:
        as_of = datetime.combine(last + timedelta(days=1), time(), zone).astimezone(UTC)
    return first, last, period_from(first, as_of, tz)


def gather_report(
    config_path: Path,
    db: Path,
    slug: str,
    *,
    start: date | None = None,
    end: date | None = None,
    lang: str | None = None,
    now: datetime | None = None,
) -> ReportContent:
    """Everything the report of ``slug`` shows. ``lang`` None = the client's language.

    Raises ``UnknownClientError`` for a slug the warehouse does not know, ``ValueError`` for
    an empty period or an unsupported language.
    """
    cfg = load_config(config_path)
    tz = cfg.workspace.timezone
    clock = (now or datetime.now(UTC)).astimezone(UTC)
    first, last, period = report_period(start, end, tz, clock)
    with open_warehouse(db, read_only=True) as con:
        client = _client(load_clients(con), slug)
        client_id = int(client["client_id"])
        daily = load_client_day_exposure(
            con, client_id=client_id, start=period.start, as_of=period.as_of,
            weights=cfg.ctr_weights(), tz=tz,
        )  # fmt: skip
        notices = load_notice_outcomes(con, client_id=client_id, as_of=period.as_of)
        top = load_latest_top(con, client_id=client_id, as_of=period.as_of)
        queries = load_queries(con, slug)
    language = lang or str(client["language"] or cfg.workspace.language)
    if language not in LANGUAGES:
        raise ValueError(f"unsupported report language {language!r} (en or fr)")
    kpis = client_kpis(cfg, db, slug, period)
    return ReportContent(
        slug=slug,
        name=str(client["name"]),
        lang=language,
        timezone=tz,
        start=first,
        end=last,
        as_of=period.as_of,
        generated_at=datetime.now(UTC).replace(microsecond=0),
        kpis=kpis,
        daily=daily_series(daily, first, last),
        takedown=compute_km_curves(notices, period.as_of, "channel").curves[CURVE_COLUMNS],
        funnel=pd.DataFrame(kpis["funnel"]["stages"], columns=["stage", "urls", "items"]),
        harmful=harmful_now(top, queries, cfg),
        assets=_assets(config_path, db, slug, period, bool(client["active"])),
    )


def daily_series(days: pd.DataFrame, first: date, last: date) -> pd.DataFrame:
    """One row per local day of the period (``DAILY_COLUMNS``); a day without an observed
    snapshot keeps NaN values, so charts draw a gap there, never a clean day."""
    calendar = pd.DataFrame({"day": pd.date_range(first, last, freq="D").date})
    observed = days[["day", "exposure", "owned_share", "queries"]].copy()
    observed["day"] = pd.to_datetime(observed["day"]).dt.date
    frame = calendar.merge(observed, on="day", how="left")
    frame["exposure"] = frame["exposure"].astype(float)
    frame["owned_share"] = frame["owned_share"].astype(float)
    frame["serp_health"] = [
        float("nan") if pd.isna(e) else compute_serp_health(float(e)) for e in frame["exposure"]
    ]
    return frame[DAILY_COLUMNS]


def harmful_now(top: pd.DataFrame, queries: pd.DataFrame, cfg: WorkspaceConfig) -> pd.DataFrame:
    """The results of the newest snapshots judged harmful (a harmful category with harm at or
    above the workspace threshold), by search then position (``HARMFUL_COLUMNS``)."""
    harmful = top[
        top["category"].isin(sorted(HARMFUL))
        & top["harm"].notna()
        & (top["harm"].astype(float) >= cfg.thresholds.harm)
        & (top["position"] <= cfg.thresholds.alert_top_n)
    ]
    texts = dict(zip(queries["query_id"], queries["text"], strict=True))
    frame = harmful.assign(query=harmful["query_id"].map(texts))
    frame = frame.sort_values(["query", "position"], kind="stable")
    return frame[HARMFUL_COLUMNS].reset_index(drop=True)


def _assets(config_path: Path, db: Path, slug: str, period: Period, active: bool) -> pd.DataFrame:
    """The published assets with their rank and effect at the report's date."""
    if not active:  # the planner only follows active clients
        return pd.DataFrame(columns=ASSET_COLUMNS)
    assets = asset_report(config_path, db, client=slug, as_of=period.as_of).assets
    published = assets[(assets["status"] == "published") & assets["published_on"].notna()]
    published = published[pd.to_datetime(published["published_on"]) <= pd.Timestamp(
        period.as_of.astimezone(UTC).replace(tzinfo=None))]  # fmt: skip
    for column in ASSET_COLUMNS:
        if column not in published:
            published = published.assign(**{column: None})
    return published[ASSET_COLUMNS].reset_index(drop=True)


def _client(clients: pd.DataFrame, slug: str) -> dict[str, Any]:
    match = clients[clients["slug"] == slug]
    if match.empty:
        known = ", ".join(sorted(clients["slug"])) or "none yet: run `serpshield config sync`"
        raise UnknownClientError(f"unknown client {slug!r} (known: {known})")
    return {str(key): value for key, value in match.iloc[0].items()}
