"""Kaplan-Meier curves of time to removal, one per group of notices, ready to draw.

The takedown KPIs (``models.kpis_takedown``) reduce each group of notices to a few numbers; a
person deciding where to send the next notice also wants to *see* the curves side by side: how
fast Google answers compared with the hosts, which hosts ignore notices, whether NCII notices
are answered faster than copyright ones. This module turns the notices frame of
``data.kpi_leaks.load_notice_outcomes`` into the points of those curves, with the same rules as
the KPI cards, so a curve and the median printed beside it can never disagree:

- a notice sent after ``as_of`` does not exist yet; a removal after ``as_of`` has not happened;
- the delay is ``removed_at - notice_at`` when removed, else ``as_of - notice_at`` (censored);
  a removal stamped before its notice counts as a delay of 0;
- the fit is ``models.survival.KaplanMeier`` (numpy engine: identical arithmetic, no per-fit
  pandas cost when a breakdown has many hosts), with its 95% exponential Greenwood band;
- legal route "none" (and anything unknown) is folded into "other", as in the SLA breakdown.

Plotting stays in the dashboard (``dashboard/charts_leaks.py``): this module only computes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from models.kpis_common import as_timestamp, hours, require_columns, timestamps
from models.kpis_takedown import SLA_ROUTES
from models.survival import KaplanMeier

Grouping = Literal["channel", "host", "legal_route"]
GROUPINGS: tuple[Grouping, ...] = ("channel", "host", "legal_route")
#: How many host domains get their own curve (the ones with the most notices).
DEFAULT_TOP_HOSTS = 6
CURVE_COLUMNS = ["group", "n", "removed", "time_hours", "survival", "lower", "upper"]
CENSOR_COLUMNS = ["group", "time_hours", "survival", "count"]
_NEEDED = ("domain", "channel", "legal_route", "notice_at", "removed_at")


@dataclass(frozen=True)
class KmCurves:
    """The points of every group's curve and its censoring marks.

    ``curves``: one row per (group, step time), columns ``CURVE_COLUMNS``: ``n`` notices and
    ``removed`` observed removals of the group (repeated on each row, for legends),
    ``time_hours`` from 0 to the group's longest delay, ``survival`` S(t) (the share of notices
    still not answered at t) and its 95% band ``lower``/``upper``. Rows of a group are in time
    order; groups are ordered by notices descending, then name.
    ``censored``: one row per (group, time) where notices were still waiting at ``as_of``,
    columns ``CENSOR_COLUMNS``: the curve's value at that time and how many notices waited
    that long. ``groups_left_out``: host domains beyond the top ``top`` (0 for other groupings).
    """

    curves: pd.DataFrame
    censored: pd.DataFrame
    groups_left_out: int = 0


def notice_delays(
    notices: pd.DataFrame, as_of: datetime | pd.Timestamp
) -> tuple[pd.DataFrame, npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """(notices sent by ``as_of``, delay in hours, removal observed) as seen at ``as_of``."""
    require_columns(notices, _NEEDED, "notices")
    stamp = as_timestamp(as_of)
    sent = timestamps(notices, "notice_at")
    in_scope = (sent <= stamp).to_numpy(dtype=bool)  # NaT compares False: unsent is ignored
    scoped = notices.loc[in_scope]
    removed_at = timestamps(scoped, "removed_at")
    observed = removed_at.notna() & (removed_at <= stamp)
    end = removed_at.where(observed, stamp)
    return scoped, hours(end - sent[in_scope]), observed.to_numpy(dtype=bool)


def group_keys(notices: pd.DataFrame, by: Grouping) -> npt.NDArray[np.str_]:
    """The group of each notice: its channel, its host domain, or its legal route ("none" and
    unknown routes folded into "other"). Missing values become "none"."""
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r} (one of {', '.join(GROUPINGS)})")
    column = "domain" if by == "host" else by
    values = notices[column].astype("string").fillna("none").astype(str)
    if by == "legal_route":
        values = values.where(values.isin(SLA_ROUTES[:2]), "other")
    return values.to_numpy(dtype=str)


def compute_km_curves(
    notices: pd.DataFrame,
    as_of: datetime | pd.Timestamp,
    by: Grouping,
    top: int = DEFAULT_TOP_HOSTS,
) -> KmCurves:
    """One Kaplan-Meier curve of time to removal per group of notices (see the module doc).

    ``by="host"`` keeps the ``top`` host domains with the most notices (ties by name) and
    counts the others in ``groups_left_out``; channels and legal routes are few and all kept.
    No notice gives empty frames with the documented columns.
    """
    if top < 1:
        raise ValueError("top must be at least 1")
    scoped, delay, observed = notice_delays(notices, as_of)
    keys = group_keys(scoped, by)
    names, counts = np.unique(keys, return_counts=True)
    order = sorted(range(names.size), key=lambda i: (-int(counts[i]), str(names[i])))
    left_out = 0
    if by == "host" and len(order) > top:
        left_out = len(order) - top
        order = order[:top]
    curves: list[pd.DataFrame] = []
    marks: list[pd.DataFrame] = []
    for index in order:
        name = str(names[index])
        member = keys == name
        fit = KaplanMeier(engine="numpy").fit(delay[member], observed[member])
        curves.append(
            pd.DataFrame(
                {
                    "group": name,
                    "n": fit.n_,
                    "removed": fit.events_,
                    "time_hours": fit.timeline_,
                    "survival": fit.survival_,
                    "lower": fit.lower_,
                    "upper": fit.upper_,
                }
            )
        )
        waiting = delay[member & ~observed]
        if waiting.size:
            times, count = np.unique(waiting, return_counts=True)
            marks.append(
                pd.DataFrame(
                    {
                        "group": name,
                        "time_hours": times,
                        "survival": fit.survival_at(times),
                        "count": count,
                    }
                )
            )
    return KmCurves(
        curves=_frame(curves, CURVE_COLUMNS),
        censored=_frame(marks, CENSOR_COLUMNS),
        groups_left_out=left_out,
    )


def _frame(parts: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    if not parts:
        return pd.DataFrame(
            {c: pd.Series(dtype="object" if c == "group" else "float64") for c in columns}
        )
    return pd.concat(parts, ignore_index=True)[columns]
