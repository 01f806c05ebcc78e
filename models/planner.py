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

Scheduling (``compute_schedule``) fills weeks from a start date, at most ``capacity_per_week``
assets a week. Saved (planned) assets keep their week and use its capacity. Launch-bound assets
come first, earliest launch first, each in the earliest week that ends before D; the rest
follow by priority. Everything is deterministic: ties break on query id, then playbook order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, cast

import pandas as pd

from models.harm import HARMFUL, SEVERITY

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
_CATEGORY_WORDS: dict[str, dict[str, str]] = {
    "en": {"leak": "leaked content", "ncii": "non-consensual intimate images",
           "defamation": "defamatory content", "complaint": "a complaint",
           "impersonation": "an impersonation"},
    "fr": {"leak": "un contenu divulgué", "ncii": "des images intimes non consenties",
           "defamation": "un contenu diffamatoire", "complaint": "une plainte",
           "impersonation": "une usurpation d'identité"},
}  # fmt: skip
# Why each asset type helps, by the category that called for it ("launch": proactive).
_WHY: dict[tuple[str, str], tuple[str, str]] = {
    ("legal", "leak"): (
        "A legal notice page stating the rights over the content and how to report copies "
        "gives search engines an official page to rank for this query.",
        "Une page de mentions légales rappelant les droits sur le contenu et la façon de "
        "signaler les copies donne aux moteurs une page officielle à classer sur cette requête."),
    ("faq", "leak"): (
        "An FAQ saying what to do and where the official content is answers the search "
        "without the leak.",
        "Une FAQ qui dit quoi faire et où se trouve le contenu officiel répond à la recherche "
        "sans la fuite."),
    ("official_profile", "leak"): (
        "Official profiles on high-authority platforms fill the top results with pages the "
        "client controls.",
        "Des profils officiels sur des plateformes à forte autorité occupent les premiers "
        "résultats avec des pages que le client contrôle."),
    ("interview", "defamation"): (
        "An interview in which the client answers in person gives the story a credible "
        "first-hand source.",
        "Une interview où le client répond lui-même donne à l'histoire une source directe et "
        "crédible."),
    ("authority_placement", "defamation"): (
        "A placement on an authoritative site (press, partners) ranks quickly and carries the "
        "client's version.",
        "Une publication sur un site qui fait autorité (presse, partenaires) se classe vite et "
        "porte la version du client."),
    ("faq", "defamation"): (
        "A clarifying FAQ sets out the facts in the client's own words.",
        "Une FAQ de clarification expose les faits avec les mots du client."),
    ("official_profile", "impersonation"): (
        "Verified official profiles on the major platforms tell the real accounts from the "
        "fake ones.",
        "Des profils officiels vérifiés sur les grandes plateformes distinguent les vrais "
        "comptes des faux."),
    ("legal", "impersonation"): (
        "A notice page listing the official accounts and disowning the others answers the "
        "search with the client's own word.",
        "Une page d'avertissement qui liste les comptes officiels et désavoue les autres répond "
        "à la recherche avec la parole du client."),
    ("faq", "complaint"): (
        "An FAQ answering the recurring complaints shows they are heard and handled.",
        "Une FAQ qui répond aux plaintes récurrentes montre qu'elles sont entendues et "
        "traitées."),
    ("guide", "complaint"): (
        "A practical guide solves the problem behind the complaints and earns links of its own.",
        "Un guide pratique règle le problème à l'origine des plaintes et gagne ses propres "
        "liens."),
    ("faq", "launch"): (
        "Live before the launch, an FAQ pointing to the official content takes the place a "
        "leak would otherwise take.",
        "En ligne avant le lancement, une FAQ qui renvoie au contenu officiel prend la place "
        "qu'une fuite prendrait sinon."),
    ("official_profile", "launch"): (
        "Official profiles live before the launch hold the top results when searches peak.",
        "Des profils officiels en ligne avant le lancement tiennent les premiers résultats au "
        "pic des recherches."),
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
                         "reason_en": _reason(q, mine, asset_type, driver, "en"),
                         "reason_fr": _reason(q, mine, asset_type, driver, "fr"),
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
    if _number(exposure) > 0:
        for category in sorted(set(categories), key=lambda c: (-SEVERITY[c], c)):
            plays += [(t, category) for t in PLAYBOOK[category] if t not in dict(plays)]
    if isinstance(launch, str):
        plays += [(t, "launch") for t in PROACTIVE if t not in dict(plays)]
    return plays


_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "harm": 'The search "{query}" shows harmful results in its latest top 10: {found}.',
        "found": "{what} at position {position} ({domain})",
        "more": "{n} more",
        "launch": 'The search "{query}" is tied to the launch "{launch}" on {on} and shows no '
        "harmful result yet.",
        "exposure": "Its latest exposure is {exposure} ({on})",
        "unmeasured": "Its exposure is not measured yet (0)",
        "volume": " and it has {volume} monthly searches, so priority = {sums}.",
        "median": "; its search volume is unknown, so the client's median volume ({volume}) is "
        "assumed: priority = {sums}.",
        "default": "; its search volume is unknown, as for every query of the client, so 1 is "
        "assumed: priority = {sums}.",
    },
    "fr": {
        "harm": "La recherche « {query} » affiche des résultats nuisibles dans son dernier "
        "top 10 : {found}.",
        "found": "{what} en position {position} ({domain})",
        "more": "{n} autre(s)",
        "launch": "La recherche « {query} » est liée au lancement « {launch} » du {on} et "
        "n'affiche pas encore de résultat nuisible.",
        "exposure": "Son exposition la plus récente est de {exposure} ({on})",
        "unmeasured": "Son exposition n'est pas encore mesurée (0)",
        "volume": " et elle compte {volume} recherches par mois, d'où une priorité de {sums}.",
        "median": " ; son volume de recherche est inconnu : le volume médian des requêtes du "
        "client ({volume}) est retenu, d'où une priorité de {sums}.",
        "default": " ; son volume de recherche est inconnu, comme pour toutes les requêtes du "
        "client : 1 est retenu, d'où une priorité de {sums}.",
    },
}


def _reason(q: dict[str, Any], harms: pd.DataFrame, asset_type: str, driver: str, lang: str) -> str:
    """A full sentence naming the query, its harmful results (category, position, domain: never
    a URL), its exposure, its volume and the priority they give, then why this asset type."""
    text = _TEXT[lang]
    found = [
        text["found"].format(what=_CATEGORY_WORDS[lang][h["category"]],
                             position=int(h["position"]), domain=h["domain"])
        for h in records(harms.head(5))
    ]  # fmt: skip
    if len(harms) > len(found):
        found.append(text["more"].format(n=len(harms) - len(found)))
    if found:
        head = text["harm"].format(query=q["text"], found=", ".join(found))
    else:
        head = text["launch"].format(query=q["text"], launch=q["launch"],
                                     on=_date(q["launch_on"], lang))  # fmt: skip
    exposure = _num(_number(q["exposure"]), lang, 3)
    if _number(q["exposure"]) > 0 or not pd.isna(q["exposure_on"]):
        seen = text["exposure"].format(exposure=exposure, on=_date(q["exposure_on"], lang))
    else:
        seen = text["unmeasured"]
    volume = _num(q["volume"], lang, 0)
    sums = f"{exposure} × {volume} = {_num(q['priority'], lang, 1)}"
    why = _WHY[(asset_type, _alias(driver))][1 if lang == "fr" else 0]
    key = ("default" if q["no_median"] else "median") if q["volume_assumed"] else "volume"
    tail = text[key].format(volume=volume, sums=sums)
    return f"{head} {seen}{tail} {why}"


def _alias(category: str) -> str:
    return "leak" if category == "ncii" else category


def _number(value: Any) -> float:
    return 0.0 if value is None or pd.isna(value) else float(value)


def _num(value: float, lang: str, digits: int) -> str:
    """1,234.5 in English; 1 234,5 in French (narrow no-break space, decimal comma)."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text


def _date(value: Any, lang: str) -> str:
    day = pd.Timestamp(value).date()
    return day.strftime("%d/%m/%Y") if lang == "fr" else day.isoformat()


@dataclass(frozen=True)
class Slot:
    """One line of the calendar: a new asset, an asset already planned, or launch monitoring.

    ``on`` is the week's first day for assets (the asset is due by the week's last day) and the
    first monitoring day of that week for ``kind == "monitoring"`` (whose ``title`` is the
    launch's name).
    """

    week: int
    on: date
    kind: str  # "new" | "planned" | "monitoring"
    title: str
    query_id: int | None = None
    query: str | None = None
    asset_type: str | None = None
    priority: float | None = None
    launch: str | None = None
    launch_on: date | None = None


@dataclass(frozen=True)
class Schedule:
    """A client's calendar, and what it could not fit.

    ``missed`` holds the launch-bound slots not live before their launch (their week does not
    end before D, or they found no week: ``week == -1``); ``unscheduled`` the new assets beyond
    the horizon (all of them at capacity 0), with ``week == -1``; ``overbooked`` the weeks whose
    saved assets alone exceed the capacity; ``launches`` the (name, D) in the horizon.
    """

    start: date
    weeks: int
    capacity_per_week: int
    slots: tuple[Slot, ...]
    missed: tuple[Slot, ...] = ()
    unscheduled: tuple[Slot, ...] = ()
    overbooked: tuple[int, ...] = ()
    launches: tuple[tuple[str, date], ...] = field(default_factory=tuple)


def week_start(start: date, week: int) -> date:
    """First day of week ``week`` (0-based) of a plan starting on ``start``."""
    return start + timedelta(days=7 * week)


def deadline_week(start: date, launch_on: date) -> int:
    """The last week that ends before ``launch_on`` (-1 when none does): an asset scheduled in
    week w is live by the week's last day, so it is ready for D only when that day is < D."""
    return (launch_on - start).days // 7 - 1


def compute_schedule(
    recommendations: pd.DataFrame,
    planned: pd.DataFrame,
    launch_targets: pd.DataFrame,
    *,
    start: date,
    weeks: int,
    capacity: int,
) -> Schedule:
    """Place one client's recommendations in ``weeks`` weeks from ``start``.

    ``planned`` [title, asset_type, target_query_id, query, planned_on, priority]: the client's
    saved, unpublished assets. Each stays in the week of its ``planned_on`` (week 0 when
    overdue or undated; left out when after the horizon) and uses that week's capacity. New
    assets bound to a launch go first (earliest launch, then priority) into the earliest week
    with room that ends before D; when none has room they are placed like the others and
    reported as missing the launch. The others follow by priority into the earliest week with
    room. Monitoring slots cover every week of each launch's [D-14, D] inside the horizon.
    """
    bound = {int(r["query_id"]): (str(r["launch"]), _day(r["launch_on"]))
             for r in records(launch_targets)}  # fmt: skip
    free = [capacity] * weeks
    slots: list[Slot] = []
    for r in records(planned.sort_values(["planned_on", "title"], na_position="first")):
        on = _day(r["planned_on"]) if not pd.isna(r["planned_on"]) else start
        week = max(0, (on - start).days // 7)
        if week < weeks:
            free[week] -= 1
            slots.append(_slot(r, "planned", week, start, bound, r["target_query_id"]))
    overbooked = tuple(w for w, room in enumerate(free) if room < 0)
    launch_on = recommendations["query_id"].map(lambda q: bound.get(int(q), ("", None))[1])
    order = recommendations.assign(_unbound=launch_on.isna(), _on=launch_on)
    order = order.sort_values(["_unbound", "_on"], kind="stable")  # priority order kept within
    unscheduled: list[Slot] = []
    for r in records(order):
        latest = weeks - 1 if r["_unbound"] else deadline_week(start, r["_on"])
        found = _first_week(free, min(latest, weeks - 1))
        found = found if found is not None else _first_week(free, weeks - 1)
        if found is None:
            unscheduled.append(_slot(r, "new", -1, start, bound, r["query_id"]))
            continue
        week = found
        free[week] -= 1
        slots.append(_slot(r, "new", week, start, bound, r["query_id"]))
    slots += _monitoring(sorted(set(bound.values())), start, weeks)
    slots.sort(key=lambda s: (s.week, s.kind != "monitoring", s.kind != "planned",
                              -(s.priority or 0.0)))  # fmt: skip
    missed = tuple(
        s for s in [*slots, *unscheduled]
        if s.kind != "monitoring" and s.launch_on is not None
        and not 0 <= s.week <= deadline_week(start, s.launch_on)
    )  # fmt: skip
    return Schedule(start, weeks, capacity, tuple(slots), missed, tuple(unscheduled),
                    overbooked, tuple(sorted(set(bound.values()))))  # fmt: skip


def _slot(r: dict[str, Any], kind: str, week: int, start: date,
          bound: dict[int, tuple[str, date]], query_id: Any) -> Slot:  # fmt: skip
    qid = None if pd.isna(query_id) else int(query_id)
    launch, launch_on = bound.get(qid, (None, None)) if qid is not None else (None, None)
    priority = None if pd.isna(r.get("priority")) else float(r["priority"])
    return Slot(week, week_start(start, week), kind, str(r["title"]), qid,
                None if pd.isna(r.get("query")) else str(r["query"]), str(r["asset_type"]),
                priority, launch, launch_on)  # fmt: skip


def _first_week(free: list[int], latest: int) -> int | None:
    """The earliest week up to ``latest`` with room left, if any."""
    return next((w for w in range(latest + 1) if free[w] > 0), None)


def _monitoring(launches: list[tuple[str, date]], start: date, weeks: int) -> list[Slot]:
    """One slot per horizon week overlapping [D-14, D] of each launch."""
    slots = []
    for name, day in launches:
        begin = max(day - timedelta(days=MONITORING_DAYS), start)
        for week in range(max(0, (begin - start).days // 7), weeks):
            first = week_start(start, week)
            if first > day:
                break
            slots.append(Slot(week, max(first, begin), "monitoring", name, launch=name,
                              launch_on=day))  # fmt: skip
    return slots


def _day(value: Any) -> date:
    return pd.Timestamp(value).date()
