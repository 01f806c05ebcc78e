"""The shipped copy of the real organic results equals what the parsers read from the fixtures."""

from __future__ import annotations

from importlib import resources

from tests.unit.harm_real_results import build_real_results


def test_shipped_real_results_match_the_fixtures() -> None:
    shipped = (resources.files("data.reference") / "real_results.csv").read_text(encoding="utf-8")
    assert shipped == build_real_results()
    assert shipped.count("\n") > 300
