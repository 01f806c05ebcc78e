"""The language switch: URL parameter, sidebar widget and CLI default agree."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

Run = Callable[..., AppTest]
Text = Callable[[AppTest], str]


def test_lang_parameter_shows_french_labels(filled_db: Path, run_app: Run, page_text: Text) -> None:
    at = run_app(lang="fr")
    assert not at.exception
    assert at.title[0].value == "Espace de travail"
    assert [metric.label for metric in at.metric] == [
        "Clients",
        "Requêtes actives",
        "Collectes de SERP",
        "URL de fuite",
    ]
    assert at.sidebar.radio[0].value == "fr"
    text = page_text(at)
    assert "Prochaines étapes" in text
    assert "Requêtes affichées\u00a0: 3 sur 3." in text
    assert at.selectbox[0].options[0] == "Tous les moteurs"


def test_sidebar_switch_writes_the_url(filled_db: Path, run_app: Run) -> None:
    at = run_app()
    assert at.query_params["lang"] == "en"
    at.sidebar.radio[0].set_value("fr").run()
    assert not at.exception
    assert at.query_params["lang"] == "fr"
    assert at.title[0].value == "Espace de travail"
    at.sidebar.radio[0].set_value("en").run()
    assert at.query_params["lang"] == "en"
    assert at.title[0].value == "Workspace"


def test_an_edited_url_wins_over_the_session(filled_db: Path, run_app: Run) -> None:
    at = run_app()
    at.sidebar.radio[0].set_value("fr").run()
    at.query_params["lang"] = "en"
    at.run()
    assert at.title[0].value == "Workspace"
    assert at.sidebar.radio[0].value == "en"


def test_the_cli_default_applies_without_a_parameter(
    filled_db: Path, monkeypatch: pytest.MonkeyPatch, run_app: Run
) -> None:
    monkeypatch.setenv("SERPSHIELD_LANG", "fr")
    at = run_app()
    assert at.title[0].value == "Espace de travail"
    assert at.query_params["lang"] == "fr"


def test_an_unknown_language_falls_back_and_fixes_the_url(
    workspace: Path, run_app: Run, page_text: Text
) -> None:
    at = run_app(lang="de")
    assert not at.exception
    assert at.query_params["lang"] == "en"
    assert "serpshield init DIR" in page_text(at)


def test_no_database_message_in_french(workspace: Path, run_app: Run) -> None:
    at = run_app(lang="FR")
    assert "serpshield init DOSSIER" in at.info[0].value
