"""Fixtures for dashboard tests: a warehouse in tmp_path and an AppTest on the real entrypoint.

The dashboard reads its paths from environment variables, exactly as ``serpshield dashboard``
sets them, so the tests set them too instead of patching the dashboard's internals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data.store import connect
from data.writes import ClientRecord, DomainRecord, QueryRecord, write_workspace_sync

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
SYNCED_AT = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)

CLIENTS = (
    ClientRecord(slug="acme", name="Acme Studio", language="en", capacity_per_week=2),
    ClientRecord(slug="lumiere", name="Lumière & Fils", language="fr", capacity_per_week=3),
)
QUERIES = (
    QueryRecord("acme", "acme studio", "google", "us", "en", None, "desktop", 900, ("brand",)),
    QueryRecord("acme", "acme studio leak", "bing", "us", "en", None, "desktop", None, ()),
    QueryRecord("lumiere", "lumière et fils", "google", "fr", "fr", "Paris", "mobile", 40, ()),
)
DOMAINS = (
    DomainRecord("acme", "acme.example", "owned"),
    DomainRecord("acme", "leaks.example", "leak_forum"),
    DomainRecord("lumiere", "lumiere.example", "owned"),
)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """st.cache_data lives in the process: clear it so no test sees another's frames."""
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace folder whose database path is the CLI default, not created yet."""
    (tmp_path / "data").mkdir()
    monkeypatch.setenv("SERPSHIELD_WORKSPACE", str(tmp_path))
    monkeypatch.setenv("SERPSHIELD_DB", str(tmp_path / "data" / "serpshield.duckdb"))
    monkeypatch.delenv("SERPSHIELD_LANG", raising=False)
    return tmp_path


@pytest.fixture
def db_path(workspace: Path) -> Path:
    return workspace / "data" / "serpshield.duckdb"


@pytest.fixture
def empty_db(db_path: Path) -> Path:
    """A migrated warehouse with no rows."""
    connect(db_path).close()
    return db_path


@pytest.fixture
def filled_db(db_path: Path) -> Path:
    """Two clients, three queries on two engines, three categorised domains."""
    con = connect(db_path)
    try:
        write_workspace_sync(con, CLIENTS, QUERIES, DOMAINS, synced_at=SYNCED_AT, actor="tests")
    finally:
        con.close()
    return db_path


@pytest.fixture
def run_app() -> Callable[..., AppTest]:
    """Build and run the entrypoint on a page (default: the Workspace page, which these tests
    are about); ``lang`` sets the URL's ``?lang=`` first."""

    def run(lang: str | None = None, page: str | None = "workspace") -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=30)
        if lang is not None:
            at.query_params["lang"] = lang
        at.run()
        if page is not None:
            at.switch_page(f"app_pages/{page}.py").run()
        return at

    return run


@pytest.fixture
def page_text() -> Callable[[AppTest], str]:
    """Every visible text element of a run (main area and sidebar) as one string."""

    def collect(at: AppTest) -> str:
        kinds = ("title", "subheader", "caption", "markdown", "info", "warning", "error", "code")
        return "\n".join(str(element.value) for kind in kinds for element in getattr(at, kind))

    return collect
