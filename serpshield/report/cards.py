"""KPI values as a person reads them: cards, units, "not reached", "no data", effects.

Why this module exists: the HTML report, the PDF, the CSV cards file and the dashboard's
preview all print the same values, and the rules for printing them are where reports usually
go wrong: a median not reached must read "not reached" (never a number from the finished cases
only), a KPI without data "no data" (never 0), a share is a percentage, an effect still
waiting for its 21 days "pending". One formatter serves every output.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from models.kpi_catalog import KPI_CATALOG, Lang, kpi_definition, kpi_entry, unit_label
from models.planner import TYPE_LABELS
from serpshield.report.texts import NNBSP, label_or_raw, text

NOT_REACHED = "not_reached"
SLA_ROUTES = ("copyright", "privacy_ncii", "other")


@dataclass(frozen=True)
class KpiCard:
    """One card: the catalogue id whose definition explains it, its label, its value as text
    and an optional second line (interval, denominators)."""

    kpi_id: str
    label: str
    value: str
    note: str = ""
    missing: bool = False  # "no data" or "not reached": shown quieter, never as a number


def catalog_lang(lang: str) -> Lang:
    """``lang`` as a language of the KPI catalogue (English unless French)."""
    return "fr" if lang == "fr" else "en"


def number(value: float, lang: str, digits: int = 1) -> str:
    """A decimal number in the conventions of ``lang`` (1,234.5 / 1 234,5)."""
    grouped = f"{value:,.{digits}f}"
    if lang == "fr":
        grouped = grouped.replace(",", NNBSP).replace(".", ",")
    return grouped


def percent(share: float, lang: str) -> str:
    """A share from 0 to 1 as a percentage (12.5% / 12,5 %)."""
    return number(100.0 * share, lang) + (f"{NNBSP}%" if lang == "fr" else "%")


def value_text(value: Any, unit: str, lang: str) -> str:
    """A KPI value with its unit; None -> "no data", "not_reached" -> "not reached"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return text("no_data", lang)
    if value == NOT_REACHED:
        return text("not_reached", lang)
    if unit == "ratio":
        return percent(float(value), lang)
    if unit == "score":
        return text("score", lang, v=number(float(value), lang))
    if unit in ("hours", "days"):
        return text(unit, lang, v=number(float(value), lang))
    return number(float(value), lang, digits=0)


def build_cards(kpis: dict[str, Any], lang: str) -> list[KpiCard]:
    """The report's cards, in reading order, from a ``client_kpis`` dict."""

    def card(kpi_id: str, key: str, value: Any, note: str = "") -> KpiCard:
        shown = value_text(value, kpi_entry(kpi_id).unit, lang)
        return KpiCard(kpi_id, text(f"card_{key}", lang), shown, note, _missing(value))

    ci = kpis["takedown_median_ci_hours"]
    ci_note = "" if ci is None else text("ci", lang, low=value_text(ci[0], "hours", lang),
                                         high=value_text(ci[1], "hours", lang))  # fmt: skip
    cards = [
        card("exposure", "exposure", kpis["exposure"]),
        card("serp_health", "serp_health", kpis["serp_health"]),
        card("owned_share", "owned_share", kpis["owned_share"]),
        card("takedown_median_hours", "takedown_median_hours", kpis["takedown_median_hours"],
             ci_note),
        card("takedown_p90_hours", "takedown_p90_hours", kpis["takedown_p90_hours"]),
        card("takedown_rmst30_hours", "takedown_rmst30_hours", kpis["takedown_rmst30_hours"]),
    ]  # fmt: skip
    for route in SLA_ROUTES:
        sla = kpis["sla"][route]
        note = text("notices", lang, n=sla["n"], pending=sla["pending"])
        cards.append(card("sla", f"sla_{route}", sla["rate"], note))
    recirculation = kpis["recirculation_d7"]
    cards.append(card("recirculation_d7", "recirculation_d7", recirculation["rate"],
                      text("items", lang, n=recirculation["items"],
                           missed=recirculation["missed_copies"],
                           back=recirculation["reinstatements"])))  # fmt: skip
    cards += [
        card("mttd_median_hours", "mttd_median_hours", kpis["mttd_median_hours"]),
        card("reputational_mttr_median_days", "reputational_mttr_median_days",
             kpis["reputational_mttr_median_days"]),
        card("reputational_mttr_rmst90_days", "reputational_mttr_rmst90_days",
             kpis["reputational_mttr_rmst90_days"]),
        card("open_incidents", "open_incidents", kpis["open_incidents"]),
    ]  # fmt: skip
    funnel = kpis["funnel"]
    noticed = next(s["urls"] for s in funnel["stages"] if s["stage"] == "noticed")
    excluded = text("excluded", lang, n=noticed, nii=funnel["excluded"]["not_in_index"],
                    dup=funnel["excluded"]["duplicates"])  # fmt: skip
    rates = (("removal_rate", funnel["removal_rate"]), ("delisting_rate", funnel["delisting_rate"]))
    for key, rate in rates:
        cards.append(KpiCard("funnel", text(f"card_{key}", lang), value_text(rate, "ratio", lang),
                             excluded, _missing(rate)))  # fmt: skip
    return cards


def _missing(value: Any) -> bool:
    return value is None or value == NOT_REACHED or (isinstance(value, float) and math.isnan(value))


def definitions(lang: str) -> pd.DataFrame:
    """Every KPI of the catalogue: ``kpi`` (id), ``unit`` (label) and ``definition``, in
    ``lang``, so a reader can check what each card means."""
    language = catalog_lang(lang)
    return pd.DataFrame(
        [
            {"kpi": kpi.id, "unit": unit_label(kpi.unit, language),
             "definition": kpi_definition(kpi.id, language)}
            for kpi in KPI_CATALOG
        ],
        columns=["kpi", "unit", "definition"],
    )  # fmt: skip


def effect_text(status: Any, effect: Any, low: Any, high: Any, lang: str) -> str:
    """An effect estimate as "-0.023 [-0.066, +0.016]", or its status in words when there is no
    number ("pending", "insufficient data"); an empty string when it is not measured."""
    if not isinstance(status, str):
        return ""
    if status != "ok" or any(pd.isna(v) for v in (effect, low, high)):
        return text(status if status in ("pending", "insufficient_data") else "no_data", lang)
    signed = [f"{float(v):+.3f}" for v in (effect, low, high)]
    if lang == "fr":
        signed = [s.replace(".", ",") for s in signed]
    separator = f"{NNBSP}; " if lang == "fr" else ", "
    return f"{signed[0]} [{signed[1]}{separator}{signed[2]}]"


def rank_text(latest: Any, best: Any, lang: str) -> str:
    """ "3 / 2": the latest and best positions; "not ranked" for an observed absence, "" when
    never observed."""
    if pd.isna(latest) and pd.isna(best):
        return ""
    left = text("not_ranked", lang) if pd.isna(latest) else str(int(latest))
    right = "-" if pd.isna(best) else str(int(best))
    return f"{left} / {right}"


def asset_type_label(asset_type: Any, lang: str) -> str:
    """The asset type's name in ``lang`` (the code itself when unknown)."""
    return TYPE_LABELS["fr" if lang == "fr" else "en"].get(str(asset_type), str(asset_type))


def category_label(category: Any, lang: str) -> str:
    """A harm category's name in ``lang``."""
    return label_or_raw("cat", str(category), lang)
