"""Search-results KPIs: exposure, SERP health, owned share (KPIS.md 1), reputational MTTR (6).

Exposure weighs each harmful result by how often people click its position, so harm at
position 1 counts far more than harm at position 9. The default weights are the Sistrix 2020
curve, defined here once: the workspace config imports it, so the dashboard, the reports and
the config docs can never disagree on it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypedDict

import numpy as np
import numpy.typing as npt
import pandas as pd

from models.kpis_common import optional_float, require_columns, timestamps
from models.survival import KaplanMeier

#: Organic CTR in percent for positions 1..10 (Sistrix 2020, 80M keywords, KPIS.md section 1);
#: positions past 10 weigh 0.
DEFAULT_CTR_CURVE: tuple[float, ...] = (28.5, 15.7, 11.0, 8.0, 7.2, 5.1, 4.0, 3.2, 2.8, 2.5)
#: RMST horizon of the reputational MTTR, in days (KPIS.md section 6).
MTTR_TAU_DAYS = 90.0


class ExposureSummary(TypedDict):
    """``compute_exposure_summary`` result: None values when the period has no query-day."""

    exposure: float | None
    serp_health: float | None
    owned_share: float | None
    query_days: int


class ReputationalMttr(TypedDict):
    """``compute_reputational_mttr`` result; median_days is inf when not reached."""

    median_days: float | None
    rmst90_days: float | None
    open_incidents: int
    incidents: int


def normalised_weights(weights: Sequence[float]) -> npt.NDArray[np.float64]:
    """w_p = CTR_p / sum(CTR); index 0 is position 1. fsum keeps Sistrix's 11/88 exact."""
    raw = np.asarray(weights, dtype=np.float64)
    total = math.fsum(raw.tolist())
    if raw.ndim != 1 or raw.size == 0 or (raw < 0).any() or not total > 0:
        raise ValueError("CTR weights must be a non-empty list of non-negative numbers, sum > 0")
    return np.asarray(raw / total, dtype=np.float64)


def compute_snapshot_exposure(
    positions: npt.ArrayLike,
    harms: npt.ArrayLike,
    weights: Sequence[float] = DEFAULT_CTR_CURVE,
) -> float:
    """Exposure E of one snapshot: sum over its results of w_p * harm (KPIS.md section 1).

    Definition: the click-weighted share of attention a results page gives to harmful results,
    in [0, 1]. ``weights`` are CTRs for positions 1..len(weights), normalised to sum to 1;
    positions past the list weigh 0. Denominator: the sum of the CTR weights (so a page whose
    every weighted position holds a fully harmful result scores 1). This is the reference
    formula; the warehouse computes the same per snapshot in SQL. Position 0 or below is never
    a position (a failed fetch is unobserved, not a result): it raises ValueError, as does a
    harm outside [0, 1].
    """
    pos = np.asarray(positions, dtype=np.int64).ravel()
    harm = np.asarray(harms, dtype=np.float64).ravel()
    if pos.shape != harm.shape:
        raise ValueError(f"{pos.size} positions but {harm.size} harm scores")
    if (pos < 1).any():
        raise ValueError("positions start at 1")
    if not ((harm >= 0) & (harm <= 1)).all():
        raise ValueError("harm scores must lie in [0, 1]")
    w = normalised_weights(weights)
    weight = np.where(pos <= w.size, w[np.minimum(pos, w.size) - 1], 0.0)
    return float(math.fsum((weight * harm).tolist()))


def compute_serp_health(exposure: float) -> float:
    """SERP health = 100 * (1 - E): 100 is a clean page, 0 a page entirely harmful.

    Denominator: none of its own; it restates exposure (whose denominator is the CTR weight
    total) on a 0-100 scale where higher is better.
    """
    return 100.0 * (1.0 - exposure)


def compute_exposure_summary(query_days: pd.DataFrame) -> ExposureSummary:
    """Period exposure, SERP health and owned share from one row per (query, day).

    Input columns: ``query_id``, ``day``, ``exposure`` (of the day's last successful
    snapshot), ``owned_share`` (sum of w_p over the client's own and defensive results).
    Definition: exposure is the mean daily exposure; serp_health = 100 * (1 - exposure);
    owned_share is the mean daily owned share. Denominator: the observed query-days of the
    period; a day with no successful snapshot is a gap, absent from the input, never a clean
    day. All values None when there is no query-day.
    """
    require_columns(query_days, ("query_id", "day", "exposure", "owned_share"), "query_days")
    exposure = query_days["exposure"].to_numpy(dtype=np.float64)
    owned = query_days["owned_share"].to_numpy(dtype=np.float64)
    observed = ~np.isnan(exposure)
    if not observed.any():
        return {"exposure": None, "serp_health": None, "owned_share": None, "query_days": 0}
    mean_exposure = float(exposure[observed].mean())
    owned_observed = owned[observed]
    owned_observed = owned_observed[~np.isnan(owned_observed)]
    return {
        "exposure": mean_exposure,
        "serp_health": compute_serp_health(mean_exposure),
        "owned_share": float(owned_observed.mean()) if owned_observed.size else None,
        "query_days": int(observed.sum()),
    }


def compute_reputational_mttr(incidents: pd.DataFrame) -> ReputationalMttr:
    """Reputational MTTR: how long a tracked query keeps showing harm (KPIS.md section 6).

    Input columns: ``query_id``, ``opened_at``, ``closed_at`` (NaT while open),
    ``last_snapshot_at`` (the query's last snapshot at or before as_of). Duration = closed_at -
    opened_at; an open incident is right-censored at last_snapshot_at - opened_at (a missing
    last snapshot counts as censored at 0). Definition: the Kaplan-Meier median duration in
    days (inf = not reached) and the RMST over tau = 90 days, i.e. the mean days of harm within
    the first 90. Denominator: every incident opened (closed or still open); open_incidents
    counts those still open. None values when there is no incident.
    """
    require_columns(
        incidents, ("query_id", "opened_at", "closed_at", "last_snapshot_at"), "incidents"
    )
    opened = timestamps(incidents, "opened_at")
    closed = timestamps(incidents, "closed_at")
    last_seen = timestamps(incidents, "last_snapshot_at")
    is_closed = closed.notna()
    end = closed.where(is_closed, last_seen).fillna(opened)
    days = np.clip((end - opened).dt.total_seconds().to_numpy(dtype=np.float64) / 86400.0, 0, None)
    keep = ~np.isnan(days)  # an incident without an opening time is no incident
    fit = KaplanMeier().fit(days[keep], is_closed.to_numpy(dtype=bool)[keep])
    return {
        "median_days": optional_float(fit.median_),
        "rmst90_days": optional_float(fit.rmst(MTTR_TAU_DAYS)),
        "open_incidents": fit.censored_,
        "incidents": fit.n_,
    }
