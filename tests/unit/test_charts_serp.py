"""The SERP figures as plain objects: every day on the axis, gaps as NaN (never zero), warehouse
text escaped, domains rather than URLs; and the display helpers the SERP pages share."""

from __future__ import annotations

import base64
import json
import math
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from dashboard.access_serp import (
    CATEGORY_KEYS,
    category_text,
    exposure_trends,
    http_link,
    kpi_text,
    reason_words,
    select_queries,
    view_as_of,
)
from dashboard.charts_serp import (
    health_chart,
    health_floor,
    query_exposure_chart,
    rank_heatmap_chart,
    sparkline_image,
)

D0 = date(2026, 3, 2)


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def no_events() -> pd.DataFrame:
    return pd.DataFrame({"kind": [], "day": [], "label": [], "events": []})


def test_health_chart_keeps_unobserved_days_as_gaps() -> None:
    days = pd.DataFrame({"day": [day(0), day(2)], "serp_health": [90.0, 80.0]})
    fig = health_chart(days, no_events(), first=day(0), last=day(3), lang="en")
    curve = fig.data[-1]
    assert list(curve.x) == [day(0), day(1), day(2), day(3)]
    np.testing.assert_array_equal(curve.y, [90.0, np.nan, 80.0, np.nan])
    assert curve.connectgaps is False
    assert fig.layout.yaxis2.range == (70.0, 101)


def test_health_chart_marks_events_with_escaped_labels() -> None:
    events = pd.DataFrame({
        "kind": ["asset", "notice", "launch"],
        "day": [day(1), day(1), day(2)],
        "label": ["FAQ <b>x</b>", "leaks.example, mirror.example", "Spring"],
        "events": [1, 3, 1],
    })  # fmt: skip
    days = pd.DataFrame({"day": [day(0)], "serp_health": [100.0]})
    fig = health_chart(days, events, first=day(0), last=day(3), lang="fr")
    strip = {trace.name: trace for trace in fig.data[:3]}
    assert strip["Contenu publié"].hovertext == (f"{day(1)}: FAQ &lt;b&gt;x&lt;/b&gt;",)
    assert strip["Demandes envoyées"].hovertext == (f"{day(1)}: leaks.example, mirror.example (3)",)
    assert list(strip["Lancement"].x) == [day(2)]
    # Assets and launches draw a line across the curve; notices (often daily) do not.
    assert sorted(shape.x0 for shape in fig.layout.shapes) == [str(day(1)), str(day(2))]


def test_health_floor() -> None:
    assert health_floor(pd.DataFrame({"serp_health": [99.0, 91.5]})) == 80.0
    assert health_floor(pd.DataFrame({"serp_health": [5.0]})) == 0.0
    assert health_floor(pd.DataFrame({"serp_health": []})) == 0.0


def test_query_exposure_chart_has_one_gapped_line_per_query() -> None:
    rows = pd.DataFrame({"query_id": [1, 1, 2], "day": [day(0), day(2), day(1)],
                         "exposure": [0.1, 0.0, 0.3]})  # fmt: skip
    fig = query_exposure_chart(rows, {1: "a <i>b</i>", 2: "c"}, first=day(0), last=day(2),
                               lang="en")  # fmt: skip
    assert [trace.name for trace in fig.data] == ["a &lt;i&gt;b&lt;/i&gt;", "c"]
    np.testing.assert_array_equal(fig.data[0].y, [0.1, np.nan, 0.0])  # a real 0 stays 0
    np.testing.assert_array_equal(fig.data[1].y, [np.nan, 0.3, np.nan])
    assert all(trace.connectgaps is False for trace in fig.data)


def test_rank_heatmap_positions_clean_days_and_gaps() -> None:
    grid = pd.DataFrame({
        "query_id": [7, 7, 7, 8],
        "day": [day(0), day(1), day(3), day(0)],
        "best_position": pd.array([2, 6, None, None], dtype="Int32"),
        "category": ["defamation", "defamation", None, None],
        "domain": ["tabloid.example", "tabloid.example", None, None],
    })  # fmt: skip
    fig = rank_heatmap_chart(grid, {7: "nova", 8: "quiet"}, first=day(0), last=day(3), depth=10,
                             lang="en")  # fmt: skip
    heat = fig.data[0]
    np.testing.assert_array_equal(
        heat.z, [[2, 6, np.nan, 11], [11, np.nan, np.nan, np.nan]]
    )  # 11 = observed, nothing harmful; NaN = no observation
    assert list(heat.y) == ["nova", "quiet"] and heat.hoverongaps is False
    assert heat.text[0][0] == "2" and heat.text[0][3] == ""
    assert "tabloid.example" in heat.customdata[0][0] and "https://" not in fig.to_json()
    assert heat.customdata[0][3].endswith("none in top 10")


def test_sparkline_breaks_at_unobserved_days() -> None:
    svg = base64.b64decode(sparkline_image([0.1, None, 0.2, 0.3, None], 0.3).split(",")[1])
    text = svg.decode()
    assert text.count("<path") == 2
    assert 'd="M0,13.33 L0,13.33"' in text  # a lone day is a dot, not a drop to zero
    assert 'd="M2,6.67 L3,0.00"' in text
    assert "4," not in text.split("<path", 1)[1]  # the last, unobserved day draws nothing
    empty = base64.b64decode(sparkline_image([], 0.0).split(",")[1]).decode()
    assert "<path" not in empty


def test_kpi_text_never_turns_missing_into_zero() -> None:
    assert kpi_text(None, "hours", "en") == "no data"
    assert kpi_text(math.nan, "ratio", "fr") == "pas de données"
    assert kpi_text("not_reached", "days", "en") == "not reached"
    assert kpi_text(math.inf, "hours", "fr") == "non atteinte"
    assert kpi_text(0.0, "count", "en") == "0"
    assert kpi_text(1234.5, "hours", "fr") == "1\u202f234,5\u00a0h"
    assert kpi_text(0.125, "ratio", "en") == "12.5%"
    assert kpi_text(96.21, "score", "fr") == "96,2"


def test_reasons_and_categories_in_words() -> None:
    stored = [
        {"feature": json.dumps({"key": "site_category", "params": {"category": "news"}}),
         "contribution": -0.4},
        {"feature": "not json", "contribution": 1.0},
    ]  # fmt: skip
    assert reason_words(stored, "en") == "the site is a news site (lowers the harm score)"
    assert reason_words(None, "en") == ""
    assert category_text("ncii", CATEGORY_KEYS, "fr") == "images intimes"
    assert category_text(None, CATEGORY_KEYS, "en") is None
    assert category_text("mystery", CATEGORY_KEYS, "en") == "mystery"


def test_links_only_for_http_addresses() -> None:
    assert http_link("https://a.example/x") == "https://a.example/x"
    assert http_link("javascript:alert(1)") is None
    assert http_link(None) is None


def test_query_selection_and_trends() -> None:
    queries = pd.DataFrame({
        "query_id": [1, 2, 3, 4], "client": ["a", "a", "a", "b"],
        "engine": ["google", "bing", "google", "google"],
        "tags": [["brand"], ["brand", "x"], [], ["brand"]], "active": [True, True, False, True],
    })  # fmt: skip
    assert list(select_queries(queries, "a", (), None)["query_id"]) == [1, 2]
    assert list(select_queries(queries, "a", ("x",), None)["query_id"]) == [2]
    assert list(select_queries(queries, "a", ("brand",), "google")["query_id"]) == [1]
    days = pd.DataFrame({"client_id": [5, 5], "day": [day(0), day(2)], "exposure": [0.1, 0.2]})
    clients = pd.DataFrame({"client_id": [5], "slug": ["a"]})
    assert exposure_trends(days, clients, day(0), day(3)) == {"a": [0.1, None, 0.2, None]}


def test_view_as_of() -> None:
    now = datetime(2026, 3, 5, 10, 17, 42, tzinfo=UTC)
    assert view_as_of(date(2026, 3, 5), date(2026, 3, 5), "Europe/Paris", now) == datetime(
        2026, 3, 5, 10, 17, tzinfo=UTC
    )
    # A period ending before today stops at the local midnight ending its last day.
    assert view_as_of(date(2026, 3, 1), date(2026, 3, 5), "Europe/Paris") == datetime(
        2026, 3, 1, 23, 0, tzinfo=UTC
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_chart_renders_without_data(lang: str) -> None:
    empty_days = pd.DataFrame({"day": [], "serp_health": []})
    assert health_chart(empty_days, no_events(), first=day(0), last=day(1), lang=lang).data
    empty = pd.DataFrame({"query_id": [], "day": [], "exposure": []})
    assert not query_exposure_chart(empty, {}, first=day(0), last=day(1), lang=lang).data
    grid = pd.DataFrame({"query_id": [], "day": [], "best_position": [], "category": [],
                         "domain": []})  # fmt: skip
    fig = rank_heatmap_chart(grid, {1: "q"}, first=day(0), last=day(1), depth=10, lang=lang)
    assert np.isnan(np.asarray(fig.data[0].z, dtype=float)).all()
