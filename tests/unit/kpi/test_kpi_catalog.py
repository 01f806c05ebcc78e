"""The KPI catalogue: every id of the JSON contract, in both languages, denominators named."""

from __future__ import annotations

import inspect

import pytest

import models.kpis
from models.kpi_catalog import (
    KPI_CATALOG,
    LANGUAGES,
    UNIT_LABELS,
    KpiDefinition,
    kpi_definition,
    kpi_entry,
    unit_label,
)

CONTRACT_IDS = [
    "exposure", "serp_health", "owned_share", "takedown_median_hours", "takedown_median_ci_hours",
    "takedown_p90_hours", "takedown_rmst30_hours", "sla", "recirculation_d7", "mttd_median_hours",
    "reputational_mttr_median_days", "reputational_mttr_rmst90_days", "open_incidents", "funnel",
]  # fmt: skip
COMPUTE_FUNCTIONS = [
    name for name in models.kpis.__all__ if name.startswith("compute_")
]  # every public KPI function


def test_ids_are_unique_and_exactly_the_contract() -> None:
    ids = [kpi.id for kpi in KPI_CATALOG]
    assert len(ids) == len(set(ids))
    assert ids == CONTRACT_IDS


@pytest.mark.parametrize("kpi", KPI_CATALOG, ids=lambda k: k.id)
def test_entry_is_complete_in_both_languages(kpi: KpiDefinition) -> None:
    assert kpi.id.isidentifier() and kpi.id == kpi.id.lower()
    assert kpi.unit in UNIT_LABELS
    assert isinstance(kpi.higher_is_better, bool)
    assert kpi.en.strip() and kpi.fr.strip() and kpi.en != kpi.fr
    assert "Denominator" in kpi.en
    assert "Dénominateur" in kpi.fr  # with its accent: the French text is proofread French
    assert "  " not in kpi.en and "  " not in kpi.fr  # joined fragments keep one space
    for lang in LANGUAGES:
        assert kpi_definition(kpi.id, lang) == (kpi.en if lang == "en" else kpi.fr)
        assert unit_label(kpi.unit, lang)


@pytest.mark.parametrize("kpi", KPI_CATALOG, ids=lambda k: k.id)
def test_each_kpi_names_a_documented_compute_function(
    kpi: KpiDefinition,
) -> None:
    assert kpi.computed_by in COMPUTE_FUNCTIONS
    assert callable(getattr(models.kpis, kpi.computed_by))


@pytest.mark.parametrize("name", COMPUTE_FUNCTIONS)
def test_every_compute_function_documents_its_denominator(name: str) -> None:
    doc = inspect.getdoc(getattr(models.kpis, name)) or ""
    assert "Denominator" in doc


def test_every_compute_function_backs_some_catalogue_entry_or_is_a_reference() -> None:
    used = {kpi.computed_by for kpi in KPI_CATALOG}
    # exposure per snapshot, SERP health and breakdowns feed catalogue KPIs without owning an id
    helpers = {"compute_snapshot_exposure", "compute_serp_health", "compute_takedown_breakdowns"}
    assert set(COMPUTE_FUNCTIONS) == used | helpers


def test_higher_is_better_directions() -> None:
    better_high = {kpi.id for kpi in KPI_CATALOG if kpi.higher_is_better}
    assert better_high == {"serp_health", "owned_share", "sla", "funnel"}


def test_unknown_id_and_language() -> None:
    with pytest.raises(KeyError, match="nope"):
        kpi_entry("nope")
    with pytest.raises(ValueError):
        kpi_definition("exposure", "de")  # type: ignore[arg-type]
