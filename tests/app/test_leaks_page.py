"""The Leaks & takedowns page through AppTest, on the story of ``leaks_world``."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest

from data.errors import WarehouseLockedError
from data.store import connect
from models.kpi_catalog import kpi_definition
from tests.app.leaks_world import (
    NCII_URL,
    NORDLYS_URL,
    OPEN_URL,
    QUIET_URL,
    T0,
    VIDEO_URL,
    build_world,
    copy_world,
    leak_url_id,
    open_page,
    texts,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("leaks-world")
    (folder / "data").mkdir()
    build_world(folder, folder / "data" / "serpshield.duckdb")
    return folder


@pytest.fixture
def world(template: Path, workspace: Path, db_path: Path) -> Path:
    copy_world(template, workspace, db_path)
    return db_path


def metrics(at: object) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}  # type: ignore[attr-defined]


def chart_specs(at: object) -> list[str]:
    return [chart.proto.spec for chart in at.get("plotly_chart")]  # type: ignore[attr-defined]


def test_cards_curves_queue_and_timeline_tell_the_story(world: Path) -> None:
    at = open_page("leaks", client="lea-fit")
    assert not at.exception
    assert at.title[0].value == "Leaks & takedowns"
    shown = metrics(at)
    # delays 30 h and 50 h (removed), 2 x 192 h (waiting): KM median 50 h, p90 not reached
    assert shown["Median time to removal"] == "50 h"
    assert shown["Median, 95% interval"] == "30 h – not reached"
    assert shown["90th percentile"] == "not reached"
    assert shown["SLA privacy/NCII (48 h)"] == "100%"
    assert shown["SLA copyright (72 h)"] == "33%"
    assert shown["SLA other (72 h)"] == "no data"  # no notice: never 0%
    assert shown["Recirculation at D+7"] == "no data"
    help_texts = {m.label: m.help for m in at.metric}
    assert help_texts["Median time to removal"] == kpi_definition("takedown_median_hours", "en")
    assert help_texts["SLA copyright (72 h)"] == kpi_definition("sla", "en")
    assert all(help_texts.values())
    assert len(at.get("plotly_chart")) == 3  # funnel, time to removal, URL timeline
    queue = at.dataframe[0].value
    assert list(queue["url"]) == [OPEN_URL, QUIET_URL]  # ranks 2nd first; the removed are gone
    assert list(queue["sla_status"]) == ["overdue", "no notice yet"]
    assert queue["exposure"].iloc[0] == pytest.approx(15.7 / 88 * 0.95)
    assert NORDLYS_URL not in set(queue["url"])
    events = at.dataframe[1].value
    assert list(events["event"]) == ["Detected", "Notice sent", "Notice sent"]
    assert OPEN_URL in texts(at)  # the timeline names the URL a person must act on


def test_figures_name_domains_never_full_leak_urls(world: Path) -> None:
    at = open_page("leaks", client="lea-fit", group="host")
    assert not at.exception
    specs = chart_specs(at)
    assert not any(OPEN_URL in spec or "/lea/set-1" in spec for spec in specs)
    timeline = json.loads(specs[-1])
    assert timeline["layout"]["title"]["text"] == "leakzone.example"
    curves = json.loads(specs[1])
    names = {trace.get("name") for trace in curves["data"]}
    assert any(str(name).startswith("leakzone.example (n=2)") for name in names)


def test_filters_and_view_round_trip_through_the_url(world: Path) -> None:
    quiet = leak_url_id(world, QUIET_URL)
    at = open_page("leaks", client="lea-fit", group="legal_route", leak=str(quiet))
    assert not at.exception
    assert at.radio(key="lk_group").value == "legal_route"
    assert at.selectbox(key="lk_leak").value == quiet
    assert at.query_params["client"] == "lea-fit"
    assert at.query_params["group"] == "legal_route"
    assert at.query_params["leak"] == str(quiet)
    at.radio(key="lk_group").set_value("channel").run()
    assert at.query_params["group"] == "channel"
    other = open_page("leaks", client="nordlys", leak=str(quiet))  # another client's URL
    assert not other.exception
    assert other.selectbox(key="lk_leak").value == leak_url_id(world, NORDLYS_URL)
    assert other.query_params["client"] == "nordlys"


def test_a_past_period_is_seen_as_of_its_last_day(world: Path) -> None:
    last_day = (T0 + timedelta(days=2)).date()  # notices sent, nothing removed yet
    at = open_page("leaks", client="lea-fit", to=last_day.isoformat())
    assert not at.exception
    assert at.query_params["to"] == last_day.isoformat()
    queue = at.dataframe[0].value
    assert set(queue["url"]) == {OPEN_URL, NCII_URL, QUIET_URL, VIDEO_URL}
    assert metrics(at)["Median time to removal"] == "not reached"
    checks = at.dataframe[2].value  # the timeline stops at the period's end too
    assert (checks["checked_at"] <= pd.Timestamp(last_day + timedelta(days=1))).all()


def test_french_labels_and_values(world: Path) -> None:
    at = open_page("leaks", lang="fr", client="lea-fit")
    assert not at.exception
    assert at.title[0].value == "Fuites et retraits"
    shown = metrics(at)
    assert shown["Délai médian de retrait"] == "50\u00a0h"
    assert shown["90e centile"] == "non atteinte"
    assert shown["SLA autre (72\u00a0h)"] == "pas de données"
    assert {m.help for m in at.metric} >= {kpi_definition("takedown_p90_hours", "fr")}
    assert "File des retraits" in texts(at)


def test_a_client_without_notices_says_so(world: Path) -> None:
    at = open_page("leaks", client="quiet")
    assert not at.exception
    assert metrics(at)["Median time to removal"] == "no data"
    assert "No notice has been sent" in texts(at)
    assert "No leak URL is known" in texts(at)
    assert not at.get("plotly_chart")


def test_evidence_pack_is_built_audited_and_offered(world: Path) -> None:
    at = open_page("leaks", client="lea-fit")
    at.button(key="lk_build_pack").click().run()
    assert not at.exception
    assert "Pack ready: 3 URLs" in at.success[0].value
    download = at.get("download_button")
    assert len(download) == 1
    con = connect(world, read_only=True)
    try:
        rows = con.execute("SELECT action, subject, details FROM audit_log").fetchall()
    finally:
        con.close()
    exports = [row for row in rows if row[0] == "evidence_export"]
    assert len(exports) == 1 and "leakzone" not in exports[0][2]


def test_a_locked_warehouse_warns_instead_of_failing(
    world: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(path: object, read_only: bool = False) -> object:
        raise WarehouseLockedError("the database is in use by process 4242 (serpshield)")

    monkeypatch.setattr("dashboard.access_leaks.open_warehouse", locked)
    at = open_page("leaks", client="lea-fit")
    assert not at.exception
    assert "busy" in at.warning[0].value
    assert "process 4242" in texts(at)
