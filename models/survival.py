"""Kaplan-Meier and RMST helpers on top of lifelines, with the KPI median convention.

Takedown delays and reputational MTTR are *times to an event* where many events have not
happened yet (a notice still ignored, an incident still open). Averaging only the finished cases
hides exactly the cases a client worries about, so KPIS.md asks for the Kaplan-Meier estimate,
which counts an unfinished case for as long as it was watched (right censoring).

lifelines does the estimation (``KaplanMeierFitter``: product-limit curve and exponential
Greenwood 95% bands). Its fixed cost (~15 ms of pandas bookkeeping a fit) is fine for one curve
but not for a breakdown into hundreds of host domains, so ``engine="numpy"`` runs the same
arithmetic as lifelines (same formulas, same order of operations) on plain arrays; the tests
check both engines agree on random samples. This module adds the reading rules of KPIS.md
section 2:

- a quantile is the smallest t with S(t) <= level, compared with a tolerance of 1e-9, because
  lifelines builds S(t) as exp(sum(log(...))) and a survival of exactly 1/2 may come out as
  0.5000000000000001 (reference case C: the median is 5; a plain comparison says 9);
- a quantile the curve never reaches is ``math.inf`` ("not reached"), never a number computed
  from the finished cases only;
- the restricted mean survival time integrates the step function exactly.

Empty input (no subject at all) is a valid fit: every statistic is ``math.nan``, which callers
show as JSON null ("no data"), as opposed to ``math.inf`` ("not reached").
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Any, Literal, Self

import numpy as np
import numpy.typing as npt
import pandas as pd
from lifelines import KaplanMeierFitter

#: Tolerance of every survival-level comparison (KPIS.md section 2, "Median convention").
TOLERANCE = 1e-9

FloatArray = npt.NDArray[np.float64]
Engine = Literal["lifelines", "numpy"]


def first_time_at_or_below(
    timeline: FloatArray, values: FloatArray, level: float, tolerance: float = TOLERANCE
) -> float:
    """Smallest time whose step value is <= ``level`` (within ``tolerance``), else ``math.inf``.

    ``values[i]`` holds on ``[timeline[i], timeline[i + 1])``, so the first index that qualifies
    is the smallest t of the whole step function. Used on the curve and on each band alike.
    """
    hits = np.flatnonzero(values <= level + tolerance)
    return float(timeline[hits[0]]) if hits.size else math.inf


def integrate_step(timeline: FloatArray, values: FloatArray, tau: float) -> float:
    """Exact integral from 0 to ``tau`` of a right-continuous step function starting at t = 0.

    The last value holds to infinity: a Kaplan-Meier curve ending on a censored case stays flat,
    which is the usual (and lifelines') reading of the curve beyond the last observation.
    """
    if tau <= 0 or timeline.size == 0:
        return 0.0
    edges = np.append(timeline, math.inf)
    widths = np.clip(np.minimum(edges[1:], tau) - edges[:-1], 0.0, None)
    return float(np.dot(values, widths))


def product_limit(
    times: FloatArray, events: npt.NDArray[np.bool_], alpha: float
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """(timeline, S, lower band, upper band) computed exactly as lifelines 0.30 computes them.

    Mirrors ``KaplanMeierFitter``: the timeline is 0 plus every distinct duration;
    log S = cumsum(log(n_at_risk - deaths) - log(n_at_risk)); Greenwood's variance term
    deaths / (n (n - d)) is 0 where n == d (lifelines replaces that inf by 0); the exponential
    Greenwood ("log-log") bands are exp(-exp(log(-log S) -/+ z sqrt(var) / log S)), and 1.0
    where undefined (S = 1). z comes from the standard library's NormalDist (lifelines uses
    scipy; the two differ by at most one unit in the last place).
    """
    timeline = np.unique(np.concatenate(([0.0], times)))
    slot = np.searchsorted(timeline, times)
    removed = np.bincount(slot, minlength=timeline.size).astype(np.float64)
    deaths = np.bincount(slot, weights=events.astype(np.float64), minlength=timeline.size)
    at_risk = times.size - np.concatenate(([0.0], np.cumsum(removed)[:-1]))
    with np.errstate(divide="ignore", invalid="ignore"):
        log_s = np.cumsum(np.log(at_risk - deaths) - np.log(at_risk))
        term = deaths / (at_risk * (at_risk - deaths))
        variance = np.cumsum(np.where(np.isposinf(term), 0.0, term))
        z = NormalDist().inv_cdf(1 - alpha / 2)
        spread = z * np.sqrt(variance) / log_s
        lower = np.exp(-np.exp(np.log(-log_s) - spread))
        upper = np.exp(-np.exp(np.log(-log_s) + spread))
    return (
        timeline,
        np.exp(log_s),
        np.where(np.isnan(lower), 1.0, lower),
        np.where(np.isnan(upper), 1.0, upper),
    )


class KaplanMeier:
    """Kaplan-Meier fit of right-censored durations, read with the KPI conventions.

    Follows lifelines' estimator conventions: parameters in ``__init__``, ``fit()`` returns
    self, learned values end in ``_``. Durations are in any unit (hours, days); every result is
    in that same unit. ``engine="lifelines"`` (default) fits with ``KaplanMeierFitter``;
    ``engine="numpy"`` runs the same arithmetic without pandas, for many small groups.

    Learned attributes after ``fit``:
        n_, events_, censored_: subjects, observed events, censored subjects.
        timeline_: ascending times where the curve may step, starting at 0 (empty if n_ == 0).
        survival_, lower_, upper_: S(t) and its (1 - alpha) exponential Greenwood band.
        median_: smallest t with S(t) <= 0.5 (tolerance 1e-9); inf if not reached.
        median_ci_: (low, high) = the same rule on the lower band and on the upper band. The
            lower band crosses 0.5 first, so it gives the low end; high is inf when the upper
            band never reaches 0.5. Where S(t) drops to 0 (the last subjects at risk all had
            the event) lifelines' bands drop to 0 too, so that time closes the interval.
        fitter_: the underlying lifelines KaplanMeierFitter (None if n_ == 0 or engine numpy).
    With no subject, every time statistic is nan (JSON null), never 0 or inf.
    """

    def __init__(
        self, alpha: float = 0.05, tolerance: float = TOLERANCE, engine: Engine = "lifelines"
    ) -> None:
        self.alpha = alpha
        self.tolerance = tolerance
        self.engine = engine

    def fit(self, durations: npt.ArrayLike, observed: npt.ArrayLike) -> Self:
        """Fit on ``durations`` (>= 0, finite) and ``observed`` (True = event, False = censored).

        Raises ValueError on mismatched lengths, negative or non-finite durations: a negative
        delay is a data error the caller must resolve (clip or drop), not something to average.
        """
        if self.engine not in ("lifelines", "numpy"):
            raise ValueError(f"engine must be 'lifelines' or 'numpy', got {self.engine!r}")
        times = np.asarray(durations, dtype=np.float64).ravel()
        events = np.asarray(observed, dtype=bool).ravel()
        if times.shape != events.shape:
            raise ValueError(f"{times.size} durations but {events.size} observed flags")
        if not np.isfinite(times).all() or (times < 0).any():
            raise ValueError("durations must be finite and >= 0")
        self.n_ = int(times.size)
        self.events_ = int(events.sum())
        self.censored_ = self.n_ - self.events_
        self.fitter_: Any = None
        if self.n_ == 0:
            empty = np.empty(0, dtype=np.float64)
            self.timeline_, self.survival_, self.lower_, self.upper_ = empty, empty, empty, empty
            self.median_ = math.nan
            self.median_ci_ = (math.nan, math.nan)
            return self
        if self.engine == "numpy":
            self.timeline_, self.survival_, self.lower_, self.upper_ = product_limit(
                times, events, self.alpha
            )
        else:
            # lifelines calls np.seterr(divide="ignore", invalid="ignore") globally while
            # fitting; errstate restores the caller's settings afterwards.
            with np.errstate(divide="ignore", invalid="ignore"):
                fitter = KaplanMeierFitter(alpha=self.alpha).fit(times, events)
            self.fitter_ = fitter
            bands = fitter.confidence_interval_.to_numpy(dtype=np.float64)
            self.timeline_ = fitter.survival_function_.index.to_numpy(dtype=np.float64)
            self.survival_ = fitter.survival_function_.iloc[:, 0].to_numpy(dtype=np.float64)
            self.lower_, self.upper_ = bands[:, 0], bands[:, 1]
        self.median_ = self.percentile_time(0.5)
        self.median_ci_ = (
            first_time_at_or_below(self.timeline_, self.lower_, 0.5, self.tolerance),
            first_time_at_or_below(self.timeline_, self.upper_, 0.5, self.tolerance),
        )
        return self

    @property
    def survival_function_(self) -> pd.Series:
        """S(t) as a step function: a Series indexed by time, each value holding until the next."""
        return pd.Series(self.survival_, index=pd.Index(self.timeline_, name="time"), name="S")

    def survival_at(self, times: npt.ArrayLike) -> FloatArray:
        """S(t) at arbitrary times (right-continuous: S at an event time already includes it)."""
        at = np.asarray(times, dtype=np.float64)
        if self.n_ == 0:
            return np.full(at.shape, math.nan)
        index = np.searchsorted(self.timeline_, at, side="right") - 1
        return np.where(index >= 0, self.survival_[np.maximum(index, 0)], 1.0)

    def percentile_time(self, q: float) -> float:
        """The q-quantile of the time to event: smallest t with S(t) <= 1 - q (tolerance 1e-9).

        ``q`` is the share of subjects that had the event: ``percentile_time(0.9)`` is the p90
        delay (S(t) <= 0.1), ``percentile_time(0.5)`` the median. Note lifelines'
        ``percentile(p)`` takes the survival level instead. inf when the curve never gets
        there; nan with no subject.
        """
        if not 0.0 <= q <= 1.0:
            raise ValueError(f"q must be between 0 and 1, got {q}")
        if self.n_ == 0:
            return math.nan
        return first_time_at_or_below(self.timeline_, self.survival_, 1.0 - q, self.tolerance)

    def rmst(self, tau: float) -> float:
        """Restricted mean survival time: the integral of S(t) from 0 to ``tau``, exactly.

        The mean delay over the first ``tau`` (a notice still pending at tau counts as tau), in
        the unit of the durations; equal to lifelines' ``restricted_mean_survival_time``.
        nan with no subject.
        """
        if self.n_ == 0:
            return math.nan
        return integrate_step(self.timeline_, self.survival_, tau)


def fit_kaplan_meier(
    durations: npt.ArrayLike,
    observed: npt.ArrayLike,
    alpha: float = 0.05,
    engine: Engine = "lifelines",
) -> KaplanMeier:
    """Shorthand for ``KaplanMeier(alpha=alpha, engine=engine).fit(durations, observed)``."""
    return KaplanMeier(alpha=alpha, engine=engine).fit(durations, observed)
