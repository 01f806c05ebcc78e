"""Kaplan-Meier helpers: KPIS.md reference cases A-D exactly, then agreement with lifelines."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lifelines import KaplanMeierFitter
from lifelines.utils import median_survival_times, restricted_mean_survival_time

from models.survival import KaplanMeier, first_time_at_or_below, fit_kaplan_meier, integrate_step

EXACT = 1e-12  # S(t) values: products of a few fractions, floating error only
RMST_TOL = 1e-9  # KPIS.md: RMST must match the reference cases to 1e-9

# (time, event observed); "+" in KPIS.md = censored = 0
CASE_A = [
    (6, 1), (6, 1), (6, 1), (6, 0), (7, 1), (9, 0), (10, 1), (10, 0), (11, 0), (13, 1), (16, 1),
    (17, 0), (19, 0), (20, 0), (22, 1), (23, 1), (25, 0), (32, 0), (32, 0), (34, 0), (35, 0),
]  # fmt: skip
CASE_B = [(0.8, 1), (1.0, 0), (2.7, 0), (3.1, 1), (5.4, 1), (7.0, 0), (9.2, 1), (12.1, 0)]
CASE_C = [(1, 1), (1, 1), (4, 1), (5, 1), (6, 0), (9, 1), (9, 0), (22, 1)]
CASE_D = [(1, 1), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0)]


def fit(case: Sequence[tuple[float, int]]) -> KaplanMeier:
    return fit_kaplan_meier([t for t, _ in case], [e for _, e in case])


def test_case_a_freireich_survival_median_and_rmst() -> None:
    km = fit(CASE_A)
    times = [6, 7, 10, 13, 16, 22, 23]
    expected = [6 / 7, 96 / 119, 64 / 85, 176 / 255, 32 / 51, 64 / 119, 160 / 357]
    np.testing.assert_allclose(km.survival_at(times), expected, rtol=0, atol=EXACT)
    assert km.median_ == 23
    assert km.rmst(23) == pytest.approx(10656 / 595, abs=RMST_TOL)
    assert (km.n_, km.events_, km.censored_) == (21, 9, 12)
    # the lower band first reaches 0.5 at 13, the upper band never does: R's survfit with
    # conf.type="log-log" reports the same interval (13, NA) for this classic data set
    assert km.median_ci_ == (13.0, math.inf)


def test_case_b_non_integer_times() -> None:
    km = fit(CASE_B)
    np.testing.assert_allclose(
        km.survival_at([0.8, 3.1, 5.4, 9.2]), [7 / 8, 7 / 10, 21 / 40, 21 / 80], atol=EXACT
    )
    assert km.median_ == pytest.approx(9.2, abs=1e-12)
    assert km.rmst(10) == pytest.approx(6.6275, abs=RMST_TOL)


def test_case_c_median_uses_the_tolerance() -> None:
    km = fit(CASE_C)
    np.testing.assert_allclose(
        km.survival_at([1, 4, 5, 9, 22]), [3 / 4, 5 / 8, 1 / 2, 1 / 3, 0], atol=EXACT
    )
    assert km.median_ == 5
    # why the tolerance exists: lifelines' plain comparison lands on the next step
    assert km.fitter_.median_survival_time_ == 9
    assert km.percentile_time(0.9) == 22  # S(22) = 0 <= 0.1; S(9) = 1/3 is not
    assert km.percentile_time(0.25) == 1  # S(1) = 3/4
    # exact integral: 1 + 3 * 3/4 + 1 * 5/8 + 4 * 1/2 + 13 * 1/3, then 0 after t = 22
    assert km.rmst(90) == pytest.approx(245 / 24, abs=RMST_TOL)


def test_case_d_median_not_reached() -> None:
    km = fit(CASE_D)
    np.testing.assert_allclose(km.survival_at([1, 3.5, 6, 100]), [5 / 6] * 4, atol=EXACT)
    assert km.median_ == math.inf
    assert km.median_ci_[1] == math.inf
    assert km.percentile_time(0.9) == math.inf
    assert km.rmst(10) == pytest.approx(1 + 9 * 5 / 6, abs=RMST_TOL)


def test_survival_function_is_a_step_series_from_zero() -> None:
    km = fit(CASE_C)
    curve = km.survival_function_
    assert list(curve.index) == [0.0, 1.0, 4.0, 5.0, 6.0, 9.0, 22.0]
    assert curve.iloc[0] == 1.0
    assert km.survival_at([0.0, 0.999, 4.5])[1] == 1.0
    assert km.survival_at([4.5])[0] == pytest.approx(5 / 8, abs=EXACT)


def test_rmst_cut_inside_a_step_and_at_zero() -> None:
    km = fit(CASE_C)
    assert km.rmst(0) == 0.0
    assert km.rmst(2.5) == pytest.approx(1 + 1.5 * 3 / 4, abs=RMST_TOL)


def test_empty_input_gives_nan_not_zero_or_inf() -> None:
    km = KaplanMeier().fit([], [])
    assert km.n_ == 0 and km.fitter_ is None
    assert math.isnan(km.median_) and all(math.isnan(v) for v in km.median_ci_)
    assert math.isnan(km.percentile_time(0.9))
    assert math.isnan(km.rmst(720))
    assert math.isnan(km.survival_at([1.0])[0])
    assert km.survival_function_.empty


def test_all_censored_stays_at_one() -> None:
    km = fit([(3, 0), (5, 0)])
    assert km.median_ == math.inf
    assert km.rmst(10) == 10.0


@pytest.mark.parametrize(
    ("durations", "observed"),
    [([1.0, -0.5], [1, 1]), ([1.0, math.nan], [1, 0]), ([1.0, math.inf], [1, 0]), ([1.0], [1, 0])],
)
def test_bad_input_is_refused(durations: list[float], observed: list[int]) -> None:
    with pytest.raises(ValueError):
        KaplanMeier().fit(durations, observed)


def test_percentile_outside_unit_interval_is_refused() -> None:
    with pytest.raises(ValueError):
        fit(CASE_C).percentile_time(1.5)


def test_fit_leaves_numpy_error_settings_alone() -> None:
    before = np.geterr()
    fit(CASE_C)
    assert np.geterr() == before


def test_step_helpers() -> None:
    timeline = np.array([0.0, 2.0, 5.0])
    values = np.array([1.0, 0.5000000001, 0.2])
    assert first_time_at_or_below(timeline, values, 0.5) == 2.0
    assert first_time_at_or_below(timeline, values, 0.5, tolerance=0.0) == 5.0
    assert first_time_at_or_below(timeline, values, 0.1) == math.inf
    assert integrate_step(timeline, np.array([1.0, 0.5, 0.25]), 7.0) == 2 + 1.5 + 0.5


# Property test: on random right-censored samples the wrappers agree with lifelines itself.
samples = st.lists(
    st.tuples(st.integers(min_value=0, max_value=40), st.booleans()), min_size=1, max_size=60
)


@pytest.mark.filterwarnings("ignore::lifelines.exceptions.ApproximationWarning")  # predict()
@settings(max_examples=80, deadline=None)
@given(
    sample=samples,
    scale=st.sampled_from([1.0, 0.1, 3.7]),
    tau=st.floats(min_value=0.5, max_value=200.0),
)
def test_wrappers_agree_with_lifelines(
    sample: list[tuple[int, bool]], scale: float, tau: float
) -> None:
    durations = np.array([t for t, _ in sample], dtype=float) * scale
    observed = np.array([e for _, e in sample])
    km = KaplanMeier().fit(durations, observed)
    reference = KaplanMeierFitter().fit(durations, observed)
    curve = reference.survival_function_.iloc[:, 0]
    # survival values, read through our own step evaluation at lifelines' knots and between
    np.testing.assert_allclose(km.survival_at(curve.index), curve.to_numpy(), atol=EXACT)
    probes = np.linspace(0, durations.max() + 1, 37)
    np.testing.assert_allclose(
        km.survival_at(probes), reference.predict(probes).to_numpy(), atol=EXACT
    )
    assert km.rmst(tau) == pytest.approx(
        restricted_mean_survival_time(reference, t=tau), rel=1e-9, abs=1e-9
    )
    if not np.any(np.abs(curve.to_numpy() - 0.5) < 1e-6):
        assert km.median_ == reference.median_survival_time_
    if not np.any(np.abs(curve.to_numpy() - 0.1) < 1e-6):
        assert km.percentile_time(0.9) == reference.percentile(0.1)
    bands = reference.confidence_interval_.to_numpy()
    if not np.any(np.abs(bands - 0.5) < 1e-6):
        ci = median_survival_times(reference.confidence_interval_).to_numpy().ravel()
        assert km.median_ci_ == (ci[0], ci[1])
    assert km.median_ci_[0] <= km.median_ <= km.median_ci_[1]


@pytest.mark.parametrize("case", [CASE_A, CASE_B, CASE_C, CASE_D], ids=["A", "B", "C", "D"])
def test_numpy_engine_reproduces_the_reference_cases(case: list[tuple[float, int]]) -> None:
    slow, fast = fit(case), KaplanMeier(engine="numpy").fit(*zip(*case, strict=True))
    assert fast.fitter_ is None
    np.testing.assert_array_equal(fast.timeline_, slow.timeline_)
    np.testing.assert_allclose(fast.survival_, slow.survival_, rtol=0, atol=EXACT)
    np.testing.assert_allclose(fast.lower_, slow.lower_, rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.upper_, slow.upper_, rtol=0, atol=1e-12)
    assert (fast.median_, fast.median_ci_) == (slow.median_, slow.median_ci_)


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="engine"):
        KaplanMeier(engine="scipy").fit([1.0], [1])  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(sample=samples, scale=st.sampled_from([1.0, 0.1, 3.7]), alpha=st.sampled_from([0.05, 0.1]))
def test_numpy_engine_agrees_with_lifelines_engine(
    sample: list[tuple[int, bool]], scale: float, alpha: float
) -> None:
    durations = np.array([t for t, _ in sample], dtype=float) * scale
    observed = np.array([e for _, e in sample])
    slow = KaplanMeier(alpha=alpha).fit(durations, observed)
    fast = KaplanMeier(alpha=alpha, engine="numpy").fit(durations, observed)
    np.testing.assert_array_equal(fast.timeline_, slow.timeline_)
    np.testing.assert_allclose(fast.survival_, slow.survival_, rtol=0, atol=EXACT)
    np.testing.assert_allclose(fast.lower_, slow.lower_, rtol=0, atol=1e-12)
    np.testing.assert_allclose(fast.upper_, slow.upper_, rtol=0, atol=1e-12)
    assert fast.median_ == slow.median_
    assert fast.percentile_time(0.9) == slow.percentile_time(0.9)
    assert fast.rmst(25.0) == pytest.approx(slow.rmst(25.0), abs=1e-9)
    if not np.any(np.abs(np.concatenate((slow.lower_, slow.upper_)) - 0.5) < 1e-9):
        assert fast.median_ci_ == slow.median_ci_
