"""The SERP health page through AppTest, on the story of ``serp_world``: cards with their
definitions, the three charts, the top 10 with reasons in words, new entrants, gaps kept as
gaps, both languages, and filters that round-trip through the URL."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from models.kpi_catalog import kpi_definition
from tests.app.serp_world import (
    DEFAMATION_TITLE,
    HOSTILE_TITLE,
    SLIDE,
    TODAY,
    build_world,
    first_day,
)

Run = Callable[..., AppTest]
CARD_LABELS = {
    "SERP health": "serp_health",
    "Exposure": "exposure",
    "Owned share": "owned_share",
    "Reputational MTTR (median)": "reputational_mttr_median_days",
    "Open incidents": "open_incidents",
}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One warehouse for the module: the page only reads it."""
    root = tmp_path_factory.mktemp("serp-world")
    (root / "data").mkdir()
    build_world(root, root / "data" / "serpshield.duckdb")
    return root


@pytest.fixture(autouse=True)
def _use_world(world: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SERPSHIELD_WORKSPACE", str(world))
    monkeypatch.setenv("SERPSHIELD_DB", str(world / "data" / "serpshield.duckdb"))
    monkeypatch.delenv("SERPSHIELD_LANG", raising=False)
    yield


def open_page(run_app: Run, lang: str | None = None, **params: str) -> AppTest:
    """The SERP health page with ``params`` in the URL before it first runs."""
    at = run_app(lang=lang, page=None)
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page("app_pages/serp_health.py").run()
    assert not at.exception
    return at


def figures(at: AppTest) -> list[go.Figure]:
    return [go.Figure(json.loads(chart.proto.spec)) for chart in at.get("plotly_chart")]


def values(data: object) -> np.ndarray:
    """A trace's array, whether plotly kept it as a list or as typed base64 (``bdata``)."""
    if isinstance(data, dict) and "bdata" in data:
        flat = np.frombuffer(base64.b64decode(data["bdata"]), dtype=np.dtype(data["dtype"]))
        shape = data.get("shape")
        return flat.reshape([int(n) for n in str(shape).split(",")] if shape else -1)
    return np.asarray(data, dtype=float)


def test_cards_charts_and_tables(run_app: Run) -> None:
    at = open_page(run_app, client="nova")
    assert at.title[0].value == "SERP health"
    cards = {metric.label: metric for metric in at.metric}
    assert set(cards) == set(CARD_LABELS)
    for label, kpi_id in CARD_LABELS.items():
        assert cards[label].help == kpi_definition(kpi_id, "en")
    assert cards["Reputational MTTR (median)"].value == "not reached"
    assert len(figures(at)) == 3
    top = at.dataframe[0].value
    assert len(top) == 30  # three searches, ten results each
    google = top[top["query"] == "nova ferris · google fr/fr"]
    assert DEFAMATION_TITLE not in set(google["title"])  # pushed off the first page
    bing = top[top["query"] == "nova ferris · bing fr/fr"].set_index("position")
    assert bing.loc[2, "title"] == DEFAMATION_TITLE
    assert bing.loc[2, "category"] == "defamation"
    assert bing.loc[2, "site"] == "news"
    assert bing.loc[2, "reasons"] == "the title mentions 'scandale' (raises the harm score)"
    assert bing.loc[2, "link"] == "https://tabloid.example/nova-ferris-scandal"
    new = at.dataframe[1].value
    assert set(new["title"]) == {"Nova Ferris profile", "Filler 8"}
    assert at.query_params["client"] == "nova"


def test_the_heatmap_shows_the_article_sliding_down_with_a_gap(run_app: Run) -> None:
    at = open_page(run_app, client="nova")
    heatmap = figures(at)[2]
    rows = list(heatmap.data[0].y)
    z = values(heatmap.data[0].z).astype(float)
    days = [str(day)[:10] for day in heatmap.data[0].x]
    start = days.index(first_day().isoformat())
    google = z[rows.index("nova ferris · google fr/fr"), start : start + len(SLIDE)]
    expected = [np.nan if p is None else p if p <= 10 else 11 for p in SLIDE]
    np.testing.assert_array_equal(google, expected)  # 11 = nothing harmful; NaN = no check
    assert np.isnan(z[:, :start]).all()  # days before any check are gaps, not clean days
    health = figures(at)[0]
    curve = next(trace for trace in health.data if trace.name == "SERP health (0–100)")
    assert curve.connectgaps is False
    assert np.isnan(values(curve.y).astype(float)[days.index(str(TODAY))])


def test_french_labels(run_app: Run) -> None:
    at = open_page(run_app, lang="fr", client="nova")
    assert at.title[0].value == "Santé des résultats"
    cards = {metric.label: metric for metric in at.metric}
    assert cards["Santé des résultats"].help == kpi_definition("serp_health", "fr")
    assert cards["Rétablissement réputationnel (médiane)"].value == "non atteinte"
    top = at.dataframe[0].value
    bing = top[top["query"] == "nova ferris · bing fr/fr"].set_index("position")
    assert bing.loc[2, "category"] == "diffamation"
    assert str(bing.loc[2, "reasons"]).startswith("le titre mentionne « scandale »")
    assert at.query_params["lang"] == "fr"


def test_engine_and_tags_filter_the_searches_and_stay_in_the_url(run_app: Run) -> None:
    start = (TODAY - timedelta(days=20)).isoformat()
    at = open_page(run_app, client="nova", engine="bing", tags="brand", **{"from": start})
    assert at.selectbox(key="filter_engine").value == "bing"
    assert at.multiselect(key="filter_tags").value == ["brand"]
    assert set(at.dataframe[0].value["query"]) == {"nova ferris · bing fr/fr"}
    heatmap = figures(at)[2]
    assert list(heatmap.data[0].y) == ["nova ferris · bing fr/fr"]
    assert str(heatmap.data[0].x[0])[:10] == start
    assert (at.query_params["engine"], at.query_params["tags"]) == ("bing", "brand")
    assert at.query_params["from"] == start

    at.selectbox(key="filter_engine").set_value("google").run()
    assert not at.exception
    assert at.query_params["engine"] == "google"
    assert set(at.dataframe[0].value["query"]) == {"nova ferris · google fr/fr"}


def test_no_matching_search_says_so(run_app: Run) -> None:
    at = open_page(run_app, client="nova", engine="bing", tags="reviews")
    assert "No active tracked query" in at.info[0].value
    assert len(at.metric) == 5  # the client's cards and curve stay


def test_an_unknown_client_falls_back_to_the_first_and_text_stays_text(run_app: Run) -> None:
    at = open_page(run_app, client="nobody")
    assert at.query_params["client"] == "nova"
    assert HOSTILE_TITLE in set(at.dataframe[0].value["title"])
    markdown_like = [*at.markdown, *at.caption, *at.info, *at.title, *at.subheader]
    assert all("onerror" not in str(element.value) for element in markdown_like)
    for figure in figures(at):
        assert "<img" not in figure.to_json() and "<b>Nova" not in figure.to_json()
