"""Takedown KPIs: delay from notice to removal (KPIS.md section 2) and SLA compliance (3).

Input: one row per notice, as produced by the SQL in ``data/``:
``notice_id``, ``leak_url_id``, ``item_id``, ``domain``, ``channel`` (host, google, bing),
``legal_route`` (copyright, privacy_ncii, other, none), ``notice_at``, ``removed_at`` (the
confirmed removal or delisting through the notice's channel; NaT when none). Everything is
computed "as of" a moment: notices sent after it do not exist yet, and a removal after it has
not happened yet. A removal stamped before its notice (the URL was already gone) counts as a
delay of 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

import numpy as np
import numpy.typing as npt
import pandas as pd

from models.kpis_common import as_timestamp, hours, optional_float, require_columns, timestamps
from models.survival import Engine, KaplanMeier

NOTICE_COLUMNS = (
    "notice_id", "leak_url_id", "item_id", "domain", "channel", "legal_route", "notice_at",
    "removed_at",
)  # fmt: skip
#: Legal routes that have their own SLA window and breakdown row (KPIS.md section 3).
SLA_ROUTES = ("copyright", "privacy_ncii", "other")
#: RMST horizon of the mean takedown delay: 30 days, in hours.
TAKEDOWN_TAU_HOURS = 30 * 24.0
BREAKDOWN_COLUMNS = [
    "dimension", "value", "n", "removed", "median_hours", "median_ci_low", "median_ci_high",
    "p90_hours", "rmst30_hours",
]  # fmt: skip


@dataclass(frozen=True)
class TakedownDelay:
    """Takedown delay statistics, in hours.

    ``median_hours`` and ``p90_hours`` are inf when not reached; every float is None when there
    is no notice (n == 0). ``median_ci_hours`` is the 95% interval (low, high), high inf when
    the upper band never reaches 0.5.
    """

    median_hours: float | None
    median_ci_hours: tuple[float | None, float | None]
    p90_hours: float | None
    rmst30_hours: float | None
    n: int
    removed: int
    censored: int


class SlaRoute(TypedDict):
    """SLA compliance of one legal route: rate is None when no notice is old enough."""

    rate: float | None
    n: int
    pending: int


def _routes(notices: pd.DataFrame) -> pd.Series:
    """Legal route per notice, with "none" (and anything unknown) folded into "other"."""
    route = notices["legal_route"].astype("string")
    return route.where(route.isin(SLA_ROUTES[:2]), "other").astype(str)


def _delays(
    notices: pd.DataFrame, as_of: pd.Timestamp
) -> tuple[pd.DataFrame, npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """(notices sent by as_of, delay hours, removal observed) as seen at ``as_of``."""
    require_columns(notices, NOTICE_COLUMNS, "notices")
    sent = timestamps(notices, "notice_at")
    in_scope = (sent <= as_of).to_numpy(dtype=bool)  # NaT compares False: unsent is ignored
    scoped = notices.loc[in_scope]
    sent = sent[in_scope]
    removed_at = timestamps(scoped, "removed_at")
    observed = removed_at.notna() & (removed_at <= as_of)
    end = removed_at.where(observed, as_of)
    return scoped, hours(end - sent), observed.to_numpy(dtype=bool)


def _fit_delay(
    delay: npt.NDArray[np.float64], observed: npt.NDArray[np.bool_], engine: Engine = "lifelines"
) -> TakedownDelay:
    fit = KaplanMeier(engine=engine).fit(delay, observed)
    low, high = fit.median_ci_
    return TakedownDelay(
        median_hours=optional_float(fit.median_),
        median_ci_hours=(optional_float(low), optional_float(high)),
        p90_hours=optional_float(fit.percentile_time(0.9)),
        rmst30_hours=optional_float(fit.rmst(TAKEDOWN_TAU_HOURS)),
        n=fit.n_,
        removed=fit.events_,
        censored=fit.censored_,
    )


def compute_takedown_delay(notices: pd.DataFrame, as_of: datetime | pd.Timestamp) -> TakedownDelay:
    """Takedown delay: hours from a notice to the confirmed removal of its URL (KPIS.md 2).

    A removed notice's delay is removed_at - notice_at (event observed); a notice still
    unanswered at ``as_of`` is right-censored at as_of - notice_at, so an ignored notice keeps
    weighing instead of vanishing. Reports the Kaplan-Meier median with its 95% interval, the
    90th percentile (both inf = "not reached", never a number from finished cases only) and the
    mean delay as RMST over 30 days (720 h). Denominator: every notice sent at or before as_of,
    removed or not (n = removed + censored); a removal after as_of counts as not removed.
    """
    _, delay, observed = _delays(notices, as_timestamp(as_of))
    return _fit_delay(delay, observed)


def compute_takedown_breakdowns(
    notices: pd.DataFrame, as_of: datetime | pd.Timestamp, tz: str
) -> pd.DataFrame:
    """Takedown delay per host domain, channel, legal route and sending day (KPIS.md 2).

    One row per (dimension, value) present in the data: dimension "host" (value = domain),
    "channel" (host, google, bing), "legal_route" (copyright, privacy_ncii, other; "none" is
    folded into other as in the SLA) and "sending_day" ("weekday" or "weekend" of notice_at in
    the workspace time zone ``tz``, e.g. "Europe/Paris"). Columns: dimension, value, n,
    removed, median_hours, median_ci_low, median_ci_high, p90_hours, rmst30_hours (inf = not
    reached). Each row is the same Kaplan-Meier estimate as ``compute_takedown_delay``, fitted
    with the survival helper's numpy engine (identical arithmetic, no per-fit pandas cost).
    Denominator: the notices sent at or before as_of within that row's group. Rows are ordered
    by dimension, then by n descending, then value.
    """
    scoped, delay, observed = _delays(notices, as_timestamp(as_of))
    local = timestamps(scoped, "notice_at").dt.tz_localize("UTC").dt.tz_convert(tz)
    keys = {
        "host": scoped["domain"].astype("string").fillna("").astype(str).to_numpy(),
        "channel": scoped["channel"].astype("string").fillna("").astype(str).to_numpy(),
        "legal_route": _routes(scoped).to_numpy(),
        "sending_day": np.where(local.dt.dayofweek.to_numpy() >= 5, "weekend", "weekday"),
    }
    rows: list[dict[str, object]] = []
    for dimension, values in keys.items():
        codes, labels = pd.factorize(values)  # hashing: no sort of 10^5 strings
        counts = np.bincount(codes, minlength=labels.size)
        order = np.argsort(codes, kind="stable")  # one sort, then each group is a slice
        starts = np.concatenate(([0], np.cumsum(counts)))
        for code in sorted(range(labels.size), key=lambda c: (-counts[c], labels[c])):
            member = order[starts[code] : starts[code + 1]]
            stats = _fit_delay(delay[member], observed[member], engine="numpy")
            low, high = stats.median_ci_hours
            rows.append({
                "dimension": dimension, "value": str(labels[code]), "n": stats.n,
                "removed": stats.removed, "median_hours": stats.median_hours,
                "median_ci_low": low, "median_ci_high": high, "p90_hours": stats.p90_hours,
                "rmst30_hours": stats.rmst30_hours,
            })  # fmt: skip
    frame = pd.DataFrame(rows, columns=BREAKDOWN_COLUMNS)
    return frame.astype({"n": "int64", "removed": "int64"})


def compute_sla(
    notices: pd.DataFrame, as_of: datetime | pd.Timestamp, windows: Mapping[str, float]
) -> dict[str, SlaRoute]:
    """SLA compliance per legal route, cohort form (KPIS.md section 3).

    ``windows`` gives W in hours for "copyright", "privacy_ncii" and "other" (all three are
    required; the workspace config supplies the defaults 72, 48, 72). A notice whose
    legal_route is "none" (or unknown) counts under "other". Definition: the share of notices
    removed within W of being sent (removed_at <= notice_at + W, and <= as_of). Denominator n:
    notices with notice_at <= as_of - W, i.e. old enough to have met or missed the deadline;
    notices sent less than W ago are excluded from n and counted as "pending". rate is None
    when n == 0.
    """
    missing = [route for route in SLA_ROUTES if route not in windows]
    if missing:
        raise ValueError(f"SLA windows lack route(s): {', '.join(missing)}")
    stamp = as_timestamp(as_of)
    scoped, _, observed = _delays(notices, stamp)
    routes = _routes(scoped)
    # compare instants, not float hours, so a notice exactly W old is in the cohort
    deadline = timestamps(scoped, "notice_at") + pd.to_timedelta(
        routes.map({route: float(windows[route]) for route in SLA_ROUTES}), unit="h"
    )
    eligible = (deadline <= stamp).to_numpy(dtype=bool)
    met = eligible & observed & (timestamps(scoped, "removed_at") <= deadline).to_numpy(dtype=bool)
    routes_array = routes.to_numpy()
    result: dict[str, SlaRoute] = {}
    for route in SLA_ROUTES:
        on_route = routes_array == route
        n = int((on_route & eligible).sum())
        hits = int((on_route & met).sum())
        result[route] = {
            "rate": hits / n if n else None,
            "n": n,
            "pending": int((on_route & ~eligible).sum()),
        }
    return result
