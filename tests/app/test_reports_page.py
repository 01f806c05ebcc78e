"""The Reports page through AppTest: the preview's figures are ``client_kpis``'s, in the report's
language, warehouse text never reaches Markdown, and the three files can be downloaded."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from models.kpi_catalog import kpi_definition
from serpshield.config import load_config
from serpshield.kpi_jobs import client_kpis
from serpshield.report.cards import build_cards
from serpshield.report.content import report_period
from tests.app.plan_world import END, HOSTILE_TITLE, PERIOD, START, use_world

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_world(tmp_path, monkeypatch)


def open_reports(lang: str = "en", **params: str) -> AppTest:
    """The Reports page on the world's period for Nordlys, unless ``params`` say otherwise."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = lang
    for name, value in {"client": "nordlys", **PERIOD, **params}.items():
        at.query_params[name] = value
    # Straight to the page: the default page (Portfolio) is not drawn first.
    at.switch_page("app_pages/reports.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_preview_shows_client_kpis_definitions_charts_and_verbatim_text(world: Path) -> None:
    at = open_reports()
    assert at.title[0].value == "Reports"
    cfg = load_config(world / "serpshield.toml")
    period = report_period(START, END, cfg.workspace.timezone, datetime.now(UTC))[2]
    kpis = client_kpis(cfg, world / "data" / "serpshield.duckdb", "nordlys", period)
    expected = build_cards(kpis, "en")
    shown = [(m.label, m.value, m.proto.help) for m in at.metric]
    assert shown == [(c.label, c.value, kpi_definition(c.kpi_id, "en")) for c in expected]
    values = dict((label, value) for label, value, _ in shown)
    assert values["Open incidents"] != "no data"
    assert values["SLA met: other"] == "no data"  # no notice on that route: never 0
    assert len(at.get("image")) >= 3  # health, takedown curve, funnel (and the effect)
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["HTML report", "PDF report", "All tables (CSV, zip)"]
    assert at.query_params["report_lang"] == "en"  # Nordlys' own language
    # Scraped text is shown verbatim in a table, never through Markdown.
    tables = [d.value for d in at.dataframe]
    assert any(HOSTILE_TITLE in frame.to_numpy().ravel().tolist() for frame in tables)
    markdown_like = [*at.markdown, *at.caption, *at.title, *at.subheader, *at.text]
    assert all("<script>" not in str(element.value) for element in markdown_like)


def test_the_report_defaults_to_the_clients_language(world: Path) -> None:
    at = open_reports(client="lea-fit")
    assert at.query_params["report_lang"] == "fr"
    values = {m.label: m.value for m in at.metric}
    assert values["Exposition"] == "pas de données"
    assert values["Délai médian de retrait"] == "pas de données"
    assert not at.get("image")
    assert "No chart: nothing was observed in this period." in [c.value for c in at.caption]


def test_french_interface_and_report_language_round_trip(world: Path) -> None:
    at = open_reports(lang="fr", report_lang="fr")
    assert at.title[0].value == "Rapports"
    assert at.get("download_button")[1].proto.label == "Rapport PDF"
    assert "Exposition" in [m.label for m in at.metric]
    assert at.query_params["report_lang"] == "fr" and at.query_params["client"] == "nordlys"
    assert at.query_params["from"] == PERIOD["from"] and at.query_params["to"] == PERIOD["to"]
    at = open_reports(report_lang="xx")  # an edited URL falls back to the client's language
    assert at.query_params["report_lang"] == "en"
    at.get("button_group")[0].set_value("fr").run()  # the widget writes the URL back
    assert at.query_params["report_lang"] == "fr"
    assert "Exposition" in [m.label for m in at.metric]


def test_the_downloads_are_the_report_files(world: Path) -> None:
    from dashboard import access_plan

    cfg = world / "serpshield.toml"
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    key = (str(cfg), cfg.stat().st_mtime, str(world / "data" / "serpshield.duckdb"), "nordlys",
           START, date(2026, 2, 11), "en", now)  # fmt: skip
    html = access_plan.report_html(key)
    assert html.startswith("<!DOCTYPE html>") and "&lt;script&gt;" in html
    archive = access_plan.report_csv_zip(key)
    assert archive[:2] == b"PK"


def test_a_period_in_the_future_is_explained(world: Path) -> None:
    at = open_reports(lang="fr", **{"from": "2099-01-01", "to": "2099-02-01"})
    assert at.info[0].value.startswith("La période commence après aujourd’hui")
