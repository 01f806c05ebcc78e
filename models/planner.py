"""Defensive-content planning: which assets to publish for which query, and in which week.

Recommendations answer what harms a query. Each harmful category in the query's latest top 10
has a playbook of asset types (``PLAYBOOK``): a leak or intimate images call for a legal or
notice page, an FAQ saying what to do and where the official content is, and official
profiles; defamation for an interview, an authority placement and a clarifying FAQ; complaints
for an FAQ and a guide; impersonation for official profiles and a legal notice. Types already
planned, published or dropped for that query are skipped (a dropped asset is a decision, not a
gap), so a saved plan is not proposed again.

priority = latest exposure x monthly search volume: the expected harmful attention the asset
fights. An unknown volume takes the client's median known volume, else 1 (no volume known at
all); it is flagged (``volume_assumed``) and the reason says so. A query counts when its latest
exposure is > 0 AND its latest top 10 holds a harmful result (harm >= theta): exposure also
sums sub-threshold scores, which name nothing to answer.

Launches: the queries tagged "launch" (all the client's queries when none is) are bound to the
earliest declared launch whose monitoring window [D-14, D] meets the horizon. They get proactive
assets (an FAQ and official profiles) even without harm yet, since a leak around a launch is
fought best by pages already in place.

Each recommendation carries a reason in English and French (``models.plan_reasons``); placing
the recommendations in weeks is ``models.plan_schedule``. Everything is deterministic: ties
break on query id, then playbook order.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, cast

import pandas as pd

from models.harm import HARMFUL, SEVERITY
from models.plan_reasons import or_zero, reason

LAUNCH_TAG = "launch"
MONITORING_DAYS = 14
#: Asset types answering each harmful category, most useful first.
PLAYBOOK: dict[str, tuple[str, ...]] = {
    "ncii": ("legal", "faq", "official_profile"),
    "leak": ("legal", "faq", "official_profile"),
    "defamation": ("interview", "authority_placement", "faq"),
    "impersonation": ("official_profile", "legal"),
    "complaint": ("faq", "guide"),
}
#: Assets a launch query gets ahead of the launch, harm or not.
PROACTIVE: tuple[str, ...] = ("faq", "official_profile")
TYPE_LABELS: dict[str, dict[str, str]] = {
    "en": {"faq": "FAQ page", "guide": "Guide", "interview": "Interview",
           "legal": "Legal notice page", "authority_placement": "Authority placement",
           "official_profile": "Official profiles", "other": "Other asset"},
    "fr": {"faq": "Page FAQ", "guide": "Guide", "interview": "Interview",
           "legal": "Page de mentions légales", "authority_placement": "Publication d'autorité",
           "official_profile": "Profils officiels", "other": "Autre contenu"},
}  # fmt: skip
REC_COLUMNS = (
    "client_id", "query_id", "query", "asset_type", "category", "priority", "exposure",
    "exposure_on", "search_volume", "volume_assumed", "launch", "launch_on", "title",
    "reason_en", "reason_fr",
)  # fmt: skip


def next_monday(today: date) -> date:
    """The first Monday strictly after ``today``: a plan starts on a fresh week."""
    return today + timedelta(days=7 - today.weekday())


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as plain dicts, for the few places that build text row by row."""
    return cast(list[dict[str, Any]], frame.to_dict("records"))


def compute_latest_exposure(query_days: pd.DataFrame) -> pd.DataFrame:
    """[query_id, exposure, exposure_on]: each query's last observed day (gaps are skipped)."""
    observed = query_days.dropna(subset=["exposure"]).sort_values(["query_id", "day"])
    latest = observed.groupby("query_id", as_index=False).last()
    return latest[["query_id", "exposure", "day"]].rename(columns={"day": "exposure_on"})


def compute_launch_targets(
    queries: pd.DataFrame, launches: pd.DataFrame, start: date, weeks: int
) -> pd.DataFrame:
    """[client_id, query_id, launch, launch_on]: the launch each launch query must be ready for.

    A launch matters when its monitoring window [D-14, D] meets the horizon [start, end]. Its
    queries are the client's queries tagged "launch", or all of them when none is tagged; a
    query bound to several launches keeps the earliest (the first deadline decides).
    """
    end = start + timedelta(days=7 * weeks - 1)
    on = pd.to_datetime(launches["launch_on"])
    window = (on >= pd.Timestamp(start)) & (
        on - pd.Timedelta(days=MONITORING_DAYS) <= pd.Timestamp(end)
    )
    live = launches.assign(launch_on=on.dt.date)[window]
    tagged = queries["tags"].map(lambda tags: LAUNCH_TAG in list(tags)).astype(bool)
    any_tag = tagged.groupby(queries["client_id"]).transform("any").astype(bool)
    chosen = queries.loc[tagged | ~any_tag, ["client_id", "query_id"]]
    merged = chosen.merge(live.rename(columns={"name": "launch"}), on="client_id")
    merged = merged.sort_values(["launch_on", "launch", "query_id"], kind="stable")
    return merged.drop_duplicates("query_id")[["client_id", "query_id", "launch", "launch_on"]]


def compute_recommendations(
    queries: pd.DataFrame,
    query_days: pd.DataFrame,
    harms: pd.DataFrame,
    existing: pd.DataFrame,
    launch_targets: pd.DataFrame,
    languages: dict[int, str] | None = None,
) -> pd.DataFrame:
    """One row per (query, asset type) to create, highest priority first (``REC_COLUMNS``).

    Inputs: ``queries`` [client_id, query_id, text, search_volume, tags]; ``query_days``
    [query_id, day, exposure]; ``harms`` [query_id, position, domain, category, harm], the
    harmful results of each query's latest top 10; ``existing`` [target_query_id, asset_type,
    status], the client's assets; ``launch_targets`` from ``compute_launch_targets``;
    ``languages`` client_id -> language of the stable titles (default English).
    """
    frame = queries.merge(compute_latest_exposure(query_days), on="query_id", how="left")
    frame = frame.merge(launch_targets[["query_id", "launch", "launch_on"]], on="query_id",
                        how="left")  # fmt: skip
    known = frame["search_volume"].astype("Float64")
    median = known.groupby(frame["client_id"]).transform("median")
    frame["volume_assumed"] = known.isna().to_numpy(dtype=bool)
    frame["no_median"] = median.isna().to_numpy(dtype=bool)
    frame["volume"] = known.fillna(median.fillna(1.0)).astype(float)
    frame["priority"] = frame["exposure"].fillna(0.0).astype(float) * frame["volume"]
    harmful = harms[harms["category"].isin(HARMFUL)].sort_values(["query_id", "position"])
    by_query = {int(cast(int, k)): g for k, g in harmful.groupby("query_id")}
    nothing = harmful.iloc[0:0]
    targeted = existing.dropna(subset=["target_query_id"])
    done = set(zip(targeted["target_query_id"].astype(int), targeted["asset_type"], strict=True))
    rows: list[dict[str, Any]] = []
    for q in records(frame):
        mine = by_query.get(int(q["query_id"]), nothing)
        plays = _plays(mine["category"].tolist(), q["exposure"], q["launch"])
        for rank, (asset_type, driver) in enumerate(plays):
            if (int(q["query_id"]), asset_type) in done:
                continue
            title_lang = (languages or {}).get(int(q["client_id"]), "en")
            rows.append({**q, "query": q["text"], "asset_type": asset_type, "category": driver,
                         "search_volume": q["volume"], "rank": rank,
                         "reason_en": reason(q, mine, asset_type, driver, "en"),
                         "reason_fr": reason(q, mine, asset_type, driver, "fr"),
                         "title": asset_title(asset_type, q, title_lang)})  # fmt: skip
    if not rows:
        return pd.DataFrame(columns=list(REC_COLUMNS))
    out = pd.DataFrame(rows).sort_values(["priority", "query_id", "rank"],
                                         ascending=[False, True, True], kind="stable")  # fmt: skip
    return out[list(REC_COLUMNS)].reset_index(drop=True)


def asset_title(asset_type: str, query: dict[str, Any], lang: str = "en") -> str:
    """A stable, unique title per (query, type): re-saving a plan finds the same rows."""
    return f"{TYPE_LABELS[lang][asset_type]} — {query['text']} (#{int(query['query_id'])})"


def _plays(categories: Sequence[str], exposure: Any, launch: Any) -> list[tuple[str, str]]:
    """(asset type, the category that calls for it), most severe harm first, no repeats."""
    plays: list[tuple[str, str]] = []
    if or_zero(exposure) > 0:
        for category in sorted(set(categories), key=lambda c: (-SEVERITY[c], c)):
            plays += [(t, category) for t in PLAYBOOK[category] if t not in dict(plays)]
    if isinstance(launch, str):
        plays += [(t, "launch") for t in PROACTIVE if t not in dict(plays)]
    return plays
