"""The report tests' content: the dashboard tests' world (``tests/app/plan_world.py``), read
only, so it is built once per process and never copied."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from serpshield.report.content import ReportContent, gather_report
from tests.app.plan_world import END, START, world_template

#: A fixed "now" after the period, so every run computes the same report.
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def paths() -> tuple[Path, Path]:
    """(config, database) of the world."""
    ws = world_template()
    return ws / "serpshield.toml", ws / "data" / "serpshield.duckdb"


def content(slug: str = "nordlys", lang: str | None = None) -> ReportContent:
    """The world's report of ``slug`` over its whole period."""
    config, db = paths()
    return gather_report(config, db, slug, start=START, end=END, lang=lang, now=NOW)
