"""The Portfolio page through AppTest, on the story of ``serp_world``: one row per client with
its KPIs, open leaks and open alerts, "no data" and "not reached" in words, the sort and the
period kept in the URL, both languages, and a selected row opening the client's SERP health."""

from __future__ import annotations

import base64
import json
import shutil
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.filters import DEFAULT_DAYS
from data.store import connect
from models.kpi_catalog import kpi_definition
from tests.app.serp_world import DAYS, TODAY, build_world

Run = Callable[..., AppTest]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One warehouse for the module: the page only reads it."""
    root = tmp_path_factory.mktemp("portfolio-world")
    (root / "data").mkdir()
    build_world(root, root / "data" / "serpshield.duckdb")
    return root


@pytest.fixture(autouse=True)
def _use_world(world: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SERPSHIELD_WORKSPACE", str(world))
    monkeypatch.setenv("SERPSHIELD_DB", str(world / "data" / "serpshield.duckdb"))
    monkeypatch.delenv("SERPSHIELD_LANG", raising=False)
    yield


def open_portfolio(lang: str | None = None, **params: str) -> AppTest:
    """The entrypoint (the Portfolio is its default page) with ``params`` in the URL."""
    at = AppTest.from_file(
        str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py"), default_timeout=30
    )
    if lang is not None:
        at.query_params["lang"] = lang
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    return at


def start_of_default_period() -> date:
    return TODAY - timedelta(days=DEFAULT_DAYS - 1)


def test_every_client_with_its_figures() -> None:
    at = open_portfolio()
    assert at.title[0].value == "Portfolio"
    cards = {metric.label: metric for metric in at.metric}
    assert {label: card.value for label, card in cards.items()} == {
        "Active clients": "2",
        "Open leak URLs": "1",
        "Open alerts": "3",  # two of nova's, one of the whole workspace
    }
    assert all(card.help for card in cards.values())
    table = at.dataframe[0].value.set_index("client")
    assert list(table.index) == ["nova", "quiet"]  # worst SERP health first
    nova, quiet = table.loc["nova"], table.loc["quiet"]
    assert (nova["open_leaks"], nova["open_alerts"], nova["open_incidents"]) == (1, 2, 2)
    assert (quiet["open_leaks"], quiet["open_alerts"]) == (0, 0)
    assert nova["takedown"] == "24.0 h"
    assert nova["sla_rate"] == pytest.approx(50.0)
    assert nova["mttr"] == "not reached"
    assert quiet["takedown"] == "no data" and quiet["mttr"] == "no data"
    assert quiet["serp_health"] == pytest.approx(98.0)
    assert nova["link"].startswith("serp-health?client=nova&lang=en&from=")
    spark = base64.b64decode(nova["trend"].split(",", 1)[1]).decode()
    days = (TODAY - start_of_default_period()).days + 1
    assert spark.startswith("<svg") and spark.count("<path") == 1
    # Drawn from the first checked day (6 days ago) to yesterday: the days before and today,
    # without a check, are left empty, never drawn as zero.
    assert f'd="M{days - 1 - DAYS},' in spark and f" L{days - 2}," in spark
    assert f"L{days - 1}," not in spark
    assert "1 open alerts concern the whole workspace" in [c.value for c in at.caption][1]


def test_kpi_columns_carry_their_definitions() -> None:
    at = open_portfolio()
    config = json.loads(at.dataframe[0].proto.columns)
    assert config["takedown"]["help"] == kpi_definition("takedown_median_hours", "en")
    assert config["mttr"]["help"] == kpi_definition("reputational_mttr_median_days", "en")
    assert config["serp_health"]["help"] == kpi_definition("serp_health", "en")
    assert config["sla_rate"]["help"] == kpi_definition("sla", "en")


def test_french_labels() -> None:
    at = open_portfolio(lang="fr")
    assert at.title[0].value == "Portefeuille"
    assert {metric.label for metric in at.metric} == {
        "Clients actifs", "URL de fuite ouvertes", "Alertes ouvertes"
    }  # fmt: skip
    table = at.dataframe[0].value.set_index("client")
    assert table.loc["quiet", "takedown"] == "pas de données"
    assert table.loc["nova", "mttr"] == "non atteinte"
    assert table.loc["nova", "takedown"] == "24,0\u00a0h"
    assert at.selectbox(key="portfolio_sort").format_func("health") == (
        "Santé, la plus basse d’abord"
    )


def test_sort_and_period_round_trip_through_the_url() -> None:
    start, end = TODAY - timedelta(days=10), TODAY - timedelta(days=1)
    at = open_portfolio(sort="name", **{"from": start.isoformat(), "to": end.isoformat()})
    assert at.selectbox(key="portfolio_sort").value == "name"
    assert list(at.dataframe[0].value["client"]) == ["nova", "quiet"]
    assert at.date_input(key="filter_from").value == (start, end)
    assert (at.query_params["sort"], at.query_params["from"], at.query_params["to"]) == (
        "name", start.isoformat(), end.isoformat()
    )  # fmt: skip
    at.selectbox(key="portfolio_sort").set_value("alerts").run()
    assert not at.exception
    assert at.query_params["sort"] == "alerts"
    assert list(at.dataframe[0].value["client"]) == ["nova", "quiet"]
    at.query_params["sort"] = "nonsense"
    at.run()
    assert at.query_params["sort"] == "health"


def test_selecting_a_row_opens_the_client_s_serp_health() -> None:
    at = open_portfolio()
    at.session_state["portfolio_table"] = {"selection": {"rows": [1], "columns": []}}
    at.run()
    assert not at.exception
    assert at.title[0].value == "SERP health"
    assert at.query_params["client"] == "quiet"
    assert at.query_params["lang"] == "en"
    at.switch_page("app_pages/portfolio.py").run()  # back: the old selection is gone
    assert not at.exception
    assert at.title[0].value == "Portfolio"


def test_the_sidebar_reload_reads_the_warehouse_again(
    world: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Figures are cached; the frame's "Reload data" button also clears this page's frames."""
    copy = tmp_path / "ws"
    shutil.copytree(world, copy)
    db = copy / "data" / "serpshield.duckdb"
    monkeypatch.setenv("SERPSHIELD_WORKSPACE", str(copy))
    monkeypatch.setenv("SERPSHIELD_DB", str(db))
    at = open_portfolio()
    con = connect(db)
    con.execute(
        "INSERT INTO alerts (client_id, kind, subject_key, severity, message, raised_at) "
        "SELECT client_id, 'harmful_entry', 'new', 'critical', 'm', now() FROM clients "
        "WHERE slug = 'quiet'"
    )
    con.close()
    at.selectbox(key="portfolio_sort").set_value("name").run()
    assert {m.label: m.value for m in at.metric}["Open alerts"] == "3"  # still cached
    at.sidebar.button(key="frame_reload").click().run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Open alerts"] == "4"
