"""The Defensive plan page through AppTest, and its figures as plain objects.

The world (``plan_world``): Nordlys has recommendations for its harmful searches, a launch on
2026-03-16 whose monitoring window falls in the plan, an FAQ whose effect is measured and a
guide whose effect is pending; "nordlys aurora leak" was not observed on two days.
"""

from __future__ import annotations

import json
import math
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.access_plan import shape_plan
from dashboard.charts_plan import calendar_chart, effect_chart, rank_chart
from tests.app.plan_world import FAQ_TITLE, GAP_DAYS, PENDING_TITLE, PERIOD, use_world

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_world(tmp_path, monkeypatch)


def open_plan(lang: str = "en", **params: str) -> AppTest:
    """The plan page on the world's period for Nordlys, unless ``params`` say otherwise."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = lang
    for name, value in {"client": "nordlys", **PERIOD, **params}.items():
        at.query_params[name] = value
    # Straight to the page: the default page (Portfolio) is not drawn first.
    at.switch_page("app_pages/plan.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The page's table that has ``column``."""
    (frame,) = [d.value for d in at.dataframe if column in d.value.columns]
    return frame


def figures(at: AppTest) -> dict[str, dict[str, Any]]:
    """The page's plotly figures by element key suffix (calendar, rank, effect)."""
    found = {}
    for chart in at.get("plotly_chart"):
        name = chart.proto.id.rsplit("-", 1)[-1].removeprefix("plan_").removesuffix("_chart")
        found[name] = json.loads(chart.proto.spec)
    return found


def test_the_plan_shows_calendar_reasons_assets_ranks_and_effects(world: Path) -> None:
    at = open_plan()
    assert at.title[0].value == "Defensive plan"
    cards = {m.label: m for m in at.metric}
    assert cards["Published"].value == "2" and cards["Effects measured"].value == "1"
    assert all(m.proto.help for m in at.metric)
    assert set(figures(at)) == {"calendar", "rank", "effect"}
    recommendations = table_with(at, "reason")
    assert recommendations["reason"].iloc[0].startswith("The search")
    assets = table_with(at, "effect_text").set_index("title")
    assert assets.loc[PENDING_TITLE, "effect_text"] == "pending"
    assert assets.loc[FAQ_TITLE, "effect_text"].startswith("-0.")
    assert assets.loc[FAQ_TITLE, "link"] == "https://nordlys.example/aurora/faq"
    calendar = figures(at)["calendar"]
    shapes = calendar["layout"]["shapes"]
    assert any(s.get("x0", "").startswith("2026-03-02") for s in shapes)  # D-14 of the launch
    assert "Aurora headphones" in json.dumps(calendar["layout"]["annotations"])
    assert any("negative = exposure went down = good" in c.value.lower() for c in at.caption)
    # The URL still names the view, with the default horizon.
    assert at.query_params["client"] == "nordlys" and at.query_params["weeks"] == "8"
    assert at.query_params["from"] == PERIOD["from"]


def test_french_labels_and_french_reasons(world: Path) -> None:
    at = open_plan(lang="fr")
    assert at.title[0].value == "Plan défensif"
    assert "Nouvelles recommandations" in [m.label for m in at.metric]
    reasons = table_with(at, "reason")
    assert reasons["reason"].iloc[0].startswith("La recherche")
    assets = table_with(at, "effect_text").set_index("title")
    assert assets.loc[PENDING_TITLE, "effect_text"] == "en attente"
    assert assets.loc[PENDING_TITLE, "status"] == "publié"


def test_the_horizon_and_the_period_round_trip_through_the_url(world: Path) -> None:
    at = open_plan(weeks="4", client="lea-fit")
    assert at.query_params["weeks"] == "4" and at.query_params["client"] == "lea-fit"
    assert any(c.value.startswith("4 weeks from 2026-02-16") for c in at.caption)
    assert at.selectbox[0].value == "lea-fit"
    at = open_plan(weeks="999")
    assert at.query_params["weeks"] == "8"
    at.get("button_group")[0].set_value(12).run()  # the widget writes the URL back
    assert not at.exception
    assert at.query_params["weeks"] == "12"
    assert any(c.value.startswith("12 weeks from") for c in at.caption)


def test_rank_chart_draws_unobserved_days_as_gaps_and_absences_as_crosses() -> None:
    days = [date(2026, 1, 20) + timedelta(days=n) for n in range(10)]
    observed = [d for d in days if d not in GAP_DAYS and d != date(2026, 1, 23)]
    positions = [None if d < date(2026, 1, 22) else 3.0 for d in observed]
    ranks = pd.DataFrame({"asset_id": 1, "day": observed, "position": positions})
    fig = rank_chart(ranks, {1: "<b>FAQ</b>"}, days[0], days[-1], "en")
    line, crosses = fig.data
    assert line.connectgaps is False
    by_day = dict(zip(line.x, line.y, strict=True))
    assert math.isnan(by_day[date(2026, 1, 23)])  # not observed: a gap
    assert by_day[date(2026, 1, 24)] == 3.0
    assert list(crosses.x) == [date(2026, 1, 20), date(2026, 1, 21)]  # observed, not ranked
    assert line.name == "&lt;b&gt;FAQ&lt;/b&gt;"
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # reversed: 1 on top


def test_effect_chart_draws_only_numbers_with_their_interval() -> None:
    assets = pd.DataFrame({
        "title": ["a", "b", "c"], "effect_status": ["ok", "pending", "insufficient_data"],
        "effect": [-0.1, None, None], "ci_low": [-0.2, None, None],
        "ci_high": [0.05, None, None],
    })  # fmt: skip
    (point,) = effect_chart(assets, "en").data
    assert list(point.y) == ["a"] and list(point.x) == [-0.1]
    assert point.error_x.arrayminus[0] == pytest.approx(0.1)
    assert point.error_x.array[0] == pytest.approx(0.15)


def test_calendar_chart_shows_each_kind_and_the_monitoring_window() -> None:
    from models.plan_schedule import compute_schedule

    recs = pd.DataFrame({"client_id": [1], "query_id": [1], "query": ["q"], "asset_type": ["faq"],
                         "category": ["leak"], "priority": [2.0], "title": ["FAQ"],
                         "reason_en": ["r"], "reason_fr": ["r"]})  # fmt: skip
    planned = pd.DataFrame({"title": ["Legal"], "asset_type": ["legal"], "target_query_id": [1],
                            "query": ["q"], "planned_on": [date(2026, 2, 16)],
                            "priority": [1.0]})  # fmt: skip
    targets = pd.DataFrame({"client_id": [1], "query_id": [1], "launch": ["L"],
                            "launch_on": [date(2026, 3, 16)]})  # fmt: skip
    schedule = compute_schedule(recs, planned, targets, start=date(2026, 2, 16), weeks=6,
                                capacity=2)  # fmt: skip
    view = shape_plan(recs, schedule)
    published = pd.DataFrame({"title": ["Old"], "published_on": [date(2026, 1, 20)]})
    fig = calendar_chart(view.calendar, published, view.launches, "en")
    assert {trace.name for trace in fig.data} == {"published", "planned", "recommended"}
    assert len(fig.layout.shapes) == 2  # the shaded window and the launch day
    assert view.recommendations["week"].tolist() == [1.0]


def test_a_period_in_the_future_is_explained(world: Path) -> None:
    at = open_plan(**{"from": "2099-01-01", "to": "2099-02-01"})
    assert at.info[0].value.startswith("The period starts after today")
