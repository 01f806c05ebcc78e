"""Scheduling the planner's recommendations into a client's weekly calendar.

Why this module exists: ``models.planner`` decides what to publish for which query and why;
placing those assets in weeks under a capacity and ahead of launches is a separate concern with
its own rules and types (``Slot``, ``Schedule``), so it lives here.

``compute_schedule`` fills weeks from a start date, at most ``capacity_per_week`` assets a
week. Saved (planned) assets keep their week and use its capacity. Launch-bound assets come
first, earliest launch first, each in the earliest week that ends before D; the rest follow by
priority. Everything is deterministic: ties break on query id, then playbook order. Each
launch's monitoring window [D-14, D] gets one monitoring slot per horizon week it meets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd

from models.planner import MONITORING_DAYS, records


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
