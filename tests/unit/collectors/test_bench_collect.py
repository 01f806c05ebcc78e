"""The collection benchmark's own arithmetic, and a tiny run so it keeps working."""

from __future__ import annotations

from bench.collect import count_rate_violations, run_collect_bench


def test_rate_violations_are_counted_over_sliding_windows() -> None:
    assert count_rate_violations([0.0, 0.5, 0.99], rate=3) == (0, 3)
    assert count_rate_violations([0.0, 0.5, 0.9, 0.95], rate=3) == (1, 4)
    assert count_rate_violations([0.0, 0.5, 1.0, 1.5], rate=2) == (0, 2)  # window is [t-1, t)
    assert count_rate_violations([], rate=1) == (0, 0)


def test_a_tiny_collection_benchmark_runs() -> None:
    result = run_collect_bench(40, latency=0.01, concurrency=8)
    assert (result.ok_runs, result.results, result.rate_violations) == (40, 400, 0)
    assert result.ceiling_s == 0.05
    assert result.tracemalloc_peak_mb > 0
