"""Render ``docs/kpis.md`` from the KPI catalogue, so the docs say what the code computes.

Run ``python -m serpshield.kpi_docs > docs/kpis.md``; a test fails when the committed file is
stale. The dashboard's help tooltips and the client report read the same catalogue.
"""

from __future__ import annotations

from models.kpi_catalog import KPI_CATALOG, unit_label

_HEADER = """# KPI definitions

Generated from `models/kpi_catalog.py` by `python -m serpshield.kpi_docs`: do not edit by hand.
The formulas and reference cases are in the project's KPI contract (KPIS.md); this page gives
each KPI's id (the key of `serpshield kpi --json`), its unit, its direction and its definition
with its denominator, in English and in French, as the dashboard and client reports show them.

A median that is never reached prints as `"not_reached"` (never a number computed from the
completed cases only); a KPI without data is `null`.
"""


def render_kpi_docs() -> str:
    """The whole Markdown page."""
    parts = [_HEADER]
    for kpi in KPI_CATALOG:
        direction = "higher is better" if kpi.higher_is_better else "lower is better"
        parts.append(
            f"\n## `{kpi.id}`\n\n"
            f"Unit: {unit_label(kpi.unit, 'en')} ({direction}); computed by "
            f"`models.kpis.{kpi.computed_by}`.\n\n"
            f"{kpi.en}\n\n"
            f"*Français* : {kpi.fr}\n"
        )
    return "".join(parts)


if __name__ == "__main__":
    print(render_kpi_docs(), end="")
