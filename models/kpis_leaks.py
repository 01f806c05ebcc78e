"""Leak KPIs: recirculation at D+7 (KPIS.md 4), detection delay (5), funnel and rates (7).

The SQL in ``data/`` does the event bookkeeping (which URL was known before which removal,
which stage a URL reached); these functions apply the KPI definitions to its counts, so the
definitions live in one tested place.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TypedDict

import numpy as np
import pandas as pd

from models.kpis_common import (
    as_timestamp,
    empirical_quantile,
    hours,
    require_columns,
    timestamps,
)

#: Funnel stages in reading order (KPIS.md section 7).
FUNNEL_STAGES = ("detected", "noticed", "removed", "delisted", "recirculated")
#: URLs kept out of the funnel's rates and shown on their own.
EXCLUSIONS = ("not_in_index", "duplicates")
RECIRCULATION_DAYS = 7


class Recirculation(TypedDict):
    """``compute_recirculation`` result: rate None when no item was removed 7+ days ago."""

    rate: float | None
    items: int
    missed_copies: int
    reinstatements: int


class DetectionDelay(TypedDict):
    """``compute_detection_delay`` result, in hours: None values ("not shown") when n == 0."""

    median_hours: float | None
    p90_hours: float | None
    n: int


class FunnelStage(TypedDict):
    """One funnel stage, counted in URLs and in content items."""

    stage: str
    urls: int
    items: int


class RemovalRates(TypedDict):
    """``compute_removal_rates`` result (JSON-serialisable as is)."""

    stages: list[FunnelStage]
    removal_rate: float | None
    delisting_rate: float | None
    excluded: dict[str, int]


def compute_recirculation(items: pd.DataFrame, as_of: datetime | pd.Timestamp) -> Recirculation:
    """Recirculation rate at D+7 (J+7): does a removed leak come back elsewhere within a week?

    Input, one row per content item: ``item_id``, ``first_removed_at`` (r_c, the first
    confirmed removal of any of its URLs; NaT if none by as_of), ``new_copies`` (URLs not known
    before r_c, first seen in (r_c, r_c + 7 days]), ``missed_copies`` (URLs first seen in that
    week that existed before r_c), ``reinstatements`` (the same URLs back online in that week).
    Definition: the share of items with at least one new copy. Denominator ``items``: content
    items whose first removal is at least 7 days old (r_c <= as_of - 7 days), so every item had
    its full week. missed_copies and reinstatements are summed over those same items and shown
    beside the rate, never counted in it. rate is None when items == 0.
    """
    require_columns(
        items,
        ("item_id", "first_removed_at", "new_copies", "missed_copies", "reinstatements"),
        "items",
    )
    cutoff = as_timestamp(as_of) - pd.Timedelta(days=RECIRCULATION_DAYS)
    ready = (timestamps(items, "first_removed_at") <= cutoff).to_numpy(dtype=bool)
    counts = items.loc[ready, ["new_copies", "missed_copies", "reinstatements"]]
    counts = counts.fillna(0).astype("int64")
    n = int(ready.sum())
    recirculated = int((counts["new_copies"] > 0).sum())
    return {
        "rate": recirculated / n if n else None,
        "items": n,
        "missed_copies": int(counts["missed_copies"].sum()),
        "reinstatements": int(counts["reinstatements"].sum()),
    }


def compute_detection_delay(leaks: pd.DataFrame) -> DetectionDelay:
    """Detection delay (MTTD): hours from a leak's publication to our detection (KPIS.md 5).

    Input columns: ``leak_url_id``, ``detected_at``, ``published_at`` (a result's date or an
    import's "found on" column; NaT when unknown). Definition: detected_at - published_at,
    clipped at 0 (a publication stamped after detection, e.g. a date without a time, counts as
    detected at once). Median and p90 are plain empirical quantiles by the inverted-CDF method
    (Hyndman and Fan type 1): the smallest observed delay that at least 50% (90%) of delays do
    not exceed, the same convention as the Kaplan-Meier median without censoring. Denominator
    n: leaks whose publication time and detection time are both known. None values ("not
    shown") when n == 0.
    """
    require_columns(leaks, ("leak_url_id", "detected_at", "published_at"), "leaks")
    detected = timestamps(leaks, "detected_at")
    published = timestamps(leaks, "published_at")
    known = (detected.notna() & published.notna()).to_numpy(dtype=bool)
    delay = hours((detected - published)[known])
    return {
        "median_hours": empirical_quantile(delay, 0.5),
        "p90_hours": empirical_quantile(delay, 0.9),
        "n": int(delay.size),
    }


def compute_removal_rates(funnel: pd.DataFrame, excluded: Mapping[str, int]) -> RemovalRates:
    """Funnel detected -> noticed -> removed / delisted -> recirculated, and its two rates.

    Input: ``funnel`` with columns ``stage`` (one of detected, noticed, removed, delisted,
    recirculated), ``urls``, ``items`` (URLs and content items reaching that stage in the
    period, counted by the SQL with "not in index" and duplicate URLs already left out), and
    ``excluded`` = {"not_in_index": n, "duplicates": n}, the URLs left out. Definition: removal
    rate = URLs taken down by their host / URLs noticed; delisting rate = URLs dropped by a
    search engine / URLs noticed. Denominator: noticed URLs, excluding URLs not in the index
    and duplicates, which are excluded from numerator and denominator alike and reported on
    their own (mixing them in is what makes published vendor rates incomparable). A rate is
    None when no URL was noticed.

    Returns {"stages": [{"stage", "urls", "items"} for every stage in funnel order, 0 when
    absent], "removal_rate", "delisting_rate", "excluded": {"not_in_index", "duplicates"}}.
    """
    require_columns(funnel, ("stage", "urls", "items"), "funnel")
    unknown = sorted(set(funnel["stage"].astype(str)) - set(FUNNEL_STAGES))
    if unknown:
        raise ValueError(f"unknown funnel stage(s): {', '.join(unknown)}")
    totals = funnel.groupby("stage", sort=False)[["urls", "items"]].sum()
    totals = totals.reindex(list(FUNNEL_STAGES)).fillna(0).astype("int64")
    urls = totals["urls"].to_numpy(dtype=np.int64)
    stages: list[FunnelStage] = [
        {"stage": stage, "urls": int(u), "items": int(i)}
        for stage, u, i in zip(FUNNEL_STAGES, urls, totals["items"].to_numpy(), strict=True)
    ]
    by_stage = dict(zip(FUNNEL_STAGES, urls.tolist(), strict=True))
    noticed = by_stage["noticed"]
    return {
        "stages": stages,
        "removal_rate": by_stage["removed"] / noticed if noticed else None,
        "delisting_rate": by_stage["delisted"] / noticed if noticed else None,
        "excluded": {name: int(excluded.get(name, 0)) for name in EXCLUSIONS},
    }
