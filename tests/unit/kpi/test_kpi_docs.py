"""docs/kpis.md is generated from the KPI catalogue and kept in step with it."""

from __future__ import annotations

from pathlib import Path

from models.kpi_catalog import KPI_CATALOG
from serpshield.kpi_docs import render_kpi_docs

REPO = Path(__file__).resolve().parents[3]


def test_docs_match_the_catalogue() -> None:
    committed = (REPO / "docs" / "kpis.md").read_text(encoding="utf-8")
    assert committed == render_kpi_docs(), (
        "docs/kpis.md is stale: python -m serpshield.kpi_docs > docs/kpis.md"
    )


def test_every_kpi_is_documented_in_both_languages() -> None:
    text = render_kpi_docs()
    for kpi in KPI_CATALOG:
        assert f"## `{kpi.id}`" in text and kpi.en in text and kpi.fr in text
