"""What a report holds: the KPIs of ``client_kpis``, gaps kept as gaps, words for missing values."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import pytest

from serpshield.config import load_config
from serpshield.kpi_jobs import UnknownClientError, client_kpis
from serpshield.report.cards import build_cards, effect_text, value_text
from serpshield.report.content import ReportContent, report_period
from tests.app.plan_world import END, FAQ_TITLE, GAP_DAYS, HOSTILE_TITLE, START
from tests.unit.report.world import NOW, content, paths


@pytest.fixture(scope="module")
def nordlys() -> ReportContent:
    return content("nordlys")


def test_the_kpis_are_those_of_client_kpis_for_the_same_period(nordlys: ReportContent) -> None:
    config, db = paths()
    cfg = load_config(config)
    period = report_period(START, END, cfg.workspace.timezone, NOW)[2]
    assert period.as_of == datetime(2026, 2, 11, 23, 0, tzinfo=UTC)  # midnight in Paris
    assert nordlys.kpis == client_kpis(cfg, db, "nordlys", period)
    assert nordlys.lang == "en" and nordlys.name == "Nordlys"


def test_unobserved_days_stay_gaps_in_the_daily_series(nordlys: ReportContent) -> None:
    daily = nordlys.daily.set_index("day")
    assert len(daily) == (END - START).days + 1
    assert daily.loc[date(2026, 1, 12), "queries"] == 3
    assert daily.loc[GAP_DAYS[0], "queries"] == 2  # two searches observed, the mean is of them
    assert math.isnan(daily.loc[END, "serp_health"])  # no check on the last day: a gap, not 100


def test_tables_behind_the_report(nordlys: ReportContent) -> None:
    assert list(nordlys.funnel["urls"]) == [3, 3, 2, 0, 0]
    assert set(nordlys.takedown["group"]) == {"host"}
    assert HOSTILE_TITLE in list(nordlys.harmful["title"])
    assets = nordlys.assets.set_index("title")
    assert assets.loc[FAQ_TITLE, "effect_status"] == "ok"
    assert assets.loc[FAQ_TITLE, "effect"] < 0  # the leak fell from 2-3 to 6: exposure went down


def test_missing_values_are_words_never_numbers() -> None:
    lea = content("lea-fit")
    assert lea.lang == "fr"  # her language, from serpshield.toml
    cards = {card.label: card for card in build_cards(lea.kpis, "fr")}
    assert cards["Exposition"].value == "pas de données" and cards["Exposition"].missing
    assert value_text("not_reached", "hours", "en") == "not reached"
    assert value_text("not_reached", "hours", "fr") == "non atteint"
    assert value_text(None, "ratio", "en") == "no data"
    assert value_text(0.125, "ratio", "fr") == "12,5\u202f%"
    assert value_text(1234.5, "hours", "en") == "1,234.5 h"
    assert effect_text("pending", None, None, None, "en") == "pending"
    assert effect_text("insufficient_data", None, None, None, "fr") == "données insuffisantes"
    assert effect_text("ok", -0.1, -0.2, 0.05, "en") == "-0.100 [-0.200, +0.050]"
    assert effect_text(None, None, None, None, "en") == ""


def test_the_report_language_can_be_chosen_and_is_checked() -> None:
    assert content("nordlys", lang="fr").lang == "fr"
    with pytest.raises(ValueError, match="language"):
        content("nordlys", lang="de")
    with pytest.raises(UnknownClientError, match="unknown client 'nobody'"):
        content("nobody")
    with pytest.raises(ValueError, match="after its end"):
        report_period(END, START, "Europe/Paris", NOW)
