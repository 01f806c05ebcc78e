"""Cached reads for the Defensive plan and Reports pages, and the shaping of what they show.

The plan and the assets come from ``serpshield.plan_jobs`` (``build_plan``, ``asset_report``:
what ``serpshield plan`` and ``plan assets`` print), the report from ``serpshield.report``
(what ``serpshield report`` writes). Each job opens its own short read-only connection, so a
collection run can write between two reruns; results are cached for a minute as plain frames,
strings and bytes, never a connection. Keys are strings, numbers, dates and the config file's
modification time (the key that changes when ``serpshield.toml`` does).

"As of" follows ``serpshield.report.content.report_period``: the local midnight that ends the
period's last day, or now floored to the minute when the period reaches today, so reruns within
a minute hit the cache and the report equals the other pages for the same view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.data_access import CACHE_TTL_SECONDS
from models.plan_schedule import Schedule
from serpshield.plan_jobs import AssetReport, asset_report, build_plan
from serpshield.report.charts import build_figures, png_bytes
from serpshield.report.content import ReportContent, gather_report, report_period
from serpshield.report.csv_export import csv_zip
from serpshield.report.html import render_html
from serpshield.report.pdf import render_pdf

CALENDAR_COLUMNS = ["week", "on", "kind", "title", "query", "asset_type", "priority", "launch",
                    "launch_on"]  # fmt: skip


@dataclass(frozen=True)
class PlanView:
    """One client's plan as frames: recommendations (``models.planner.REC_COLUMNS`` + ``week``,
    1-based, NaN when not scheduled), the calendar (``CALENDAR_COLUMNS``, weeks 1-based),
    launches (``name``, ``launch_on``, ``monitoring_from``), the launch-bound assets that miss
    their launch, and what does not fit."""

    start: date
    weeks: int
    capacity: int
    recommendations: pd.DataFrame
    calendar: pd.DataFrame
    launches: pd.DataFrame
    missed: pd.DataFrame
    unscheduled: int
    overbooked: tuple[int, ...]


def view_as_of(start: date, end: date, tz: str, now: datetime) -> datetime:
    """The UTC instant the view of the local days ``start``..``end`` is computed at."""
    return report_period(start, end, tz, now)[2].as_of


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def plan_view(
    config: str, mtime: float, db: str, slug: str, weeks: int, as_of: datetime
) -> PlanView:
    """The plan of ``slug`` from the Monday after ``as_of``, over ``weeks`` weeks."""
    del mtime
    report = build_plan(Path(config), Path(db), client=slug, weeks=weeks, start=None, as_of=as_of)
    plan = report.clients[0]
    return shape_plan(plan.recommendations, plan.schedule)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def assets(config: str, mtime: float, db: str, slug: str, as_of: datetime) -> AssetReport:
    """Every asset of ``slug`` with its rank summary and effect, and the daily ranks."""
    del mtime
    return asset_report(Path(config), Path(db), client=slug, as_of=as_of)


def shape_plan(recommendations: pd.DataFrame, schedule: Schedule) -> PlanView:
    """A ``Schedule`` (dataclasses) as frames the page can show (pure, for tests)."""
    calendar = pd.DataFrame([vars(slot) for slot in schedule.slots], columns=CALENDAR_COLUMNS)
    calendar["week"] = calendar["week"].astype(int) + 1
    placed = {s.title: s.week + 1 for s in schedule.slots if s.kind == "new"}
    recs = recommendations.assign(week=recommendations["title"].map(placed).astype(float))
    launches = pd.DataFrame(
        [(name, on, on - timedelta(days=14)) for name, on in schedule.launches],
        columns=["name", "launch_on", "monitoring_from"],
    )
    missed = pd.DataFrame(
        [(m.title, m.launch, m.launch_on, m.week + 1 if m.week >= 0 else None)
         for m in schedule.missed],
        columns=["title", "launch", "launch_on", "week"],
    )  # fmt: skip
    return PlanView(schedule.start, schedule.weeks, schedule.capacity_per_week, recs, calendar,
                    launches, missed, len(schedule.unscheduled),
                    tuple(w + 1 for w in schedule.overbooked))  # fmt: skip


def http_links(urls: pd.Series) -> pd.Series:
    """The URL when it is http(s), else None: only those may become a clickable link."""
    return urls.map(
        lambda u: (
            u if isinstance(u, str) and u.lower().startswith(("http://", "https://")) else None
        )
    )


#: What a report depends on: config path, config mtime, database path, client slug, first and
#: last local day, language, and the "now" (floored to the minute) it is computed at.
ReportKey = tuple[str, float, str, str, date, date, str, datetime]


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def report_content(key: ReportKey) -> ReportContent:
    """The report the key names (``serpshield.report.content.gather_report``)."""
    config, _, db, slug, start, end, lang, now = key
    return gather_report(Path(config), Path(db), slug, start=start, end=end, lang=lang, now=now)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def report_images(key: ReportKey) -> dict[str, bytes]:
    """The report's charts as PNG, by name (``serpshield.report.charts.CHART_NAMES``)."""
    figures = build_figures(report_content(key))
    return {name: png_bytes(fig, dpi=110) for name, fig in figures.items()}


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def report_html(key: ReportKey) -> str:
    """The HTML report file's text."""
    return render_html(report_content(key))


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def report_pdf(key: ReportKey) -> bytes:
    """The PDF report file's bytes."""
    return render_pdf(report_content(key))


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def report_csv_zip(key: ReportKey) -> bytes:
    """Every table of the report as CSV files in one zip."""
    return csv_zip(report_content(key))
