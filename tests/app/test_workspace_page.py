"""The Workspace page through AppTest: each warehouse state, rendered without a traceback."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data.errors import WarehouseLockedError
from data.migrate import load_migrations
from data.store import connect, open_warehouse

Run = Callable[..., AppTest]
Text = Callable[[AppTest], str]


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_filled_warehouse_shows_clients_and_query_count(
    filled_db: Path, run_app: Run, page_text: Text
) -> None:
    at = run_app()
    assert not at.exception
    assert at.title[0].value == "Workspace"
    assert metrics(at) == {
        "Clients": "2",
        "Active queries": "3",
        "SERP runs": "0",
        "Leak URLs": "0",
    }
    client_table = at.dataframe[0].value
    assert list(client_table["name"]) == ["Acme Studio", "Lumière & Fils"]
    text = page_text(at)
    assert f"Schema version {len(load_migrations())}" in text
    assert "Queries shown: 3 of 3." in text
    assert str(filled_db) in text
    assert "serpshield config check" in text
    assert "arrive with the next releases" in text


def test_figures_are_cached_until_reload(filled_db: Path, run_app: Run) -> None:
    """A widget click reuses the cached frames; the sidebar button reads the database again."""
    from data.writes import ClientRecord, write_workspace_sync

    at = run_app()
    assert metrics(at)["Clients"] == "2"
    con = connect(filled_db)
    write_workspace_sync(
        con,
        [ClientRecord("solo", "Solo", "en", 1)],
        [],
        [],
        synced_at=datetime(2025, 4, 1, tzinfo=UTC),
        actor="tests",
    )
    con.close()
    at.selectbox[0].set_value("bing").run()
    assert metrics(at)["Clients"] == "2"
    at.sidebar.button(key="frame_reload").click().run()
    assert not at.exception
    assert metrics(at)["Clients"] == "1"


def test_engine_filter_narrows_the_query_table(filled_db: Path, run_app: Run) -> None:
    at = run_app()
    assert at.selectbox[0].options == ["All engines", "bing", "google"]
    at.selectbox[0].set_value("bing").run()
    assert not at.exception
    queries = at.dataframe[1].value
    assert list(queries["text"]) == ["acme studio leak"]
    assert any(caption.value == "Queries shown: 1 of 3." for caption in at.caption)


def test_domain_categories_are_counted(filled_db: Path, run_app: Run) -> None:
    at = run_app()
    summary = at.dataframe[2].value
    assert dict(zip(summary["category"], summary["domains"], strict=True)) == {
        "owned": 2,
        "leak_forum": 1,
    }


def test_empty_warehouse_says_to_sync(empty_db: Path, run_app: Run, page_text: Text) -> None:
    at = run_app()
    assert not at.exception
    assert set(metrics(at).values()) == {"0"}
    assert "serpshield config sync" in at.info[0].value
    assert "Rows per table" in [expander.label for expander in at.expander]
    assert "Next steps" in page_text(at)


def test_no_database_shows_the_init_instructions(
    workspace: Path, run_app: Run, page_text: Text
) -> None:
    at = run_app()
    assert not at.exception
    assert not at.metric
    assert "serpshield init DIR" in at.info[0].value
    commands = at.main.code[-1].value
    assert commands.splitlines() == [
        f"serpshield init {workspace}",
        f"serpshield --workspace {workspace} config sync",
    ]


def test_a_custom_database_path_is_passed_to_the_commands(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_app: Run
) -> None:
    elsewhere = tmp_path / "other place" / "warehouse.duckdb"
    monkeypatch.setenv("SERPSHIELD_DB", str(elsewhere))
    at = run_app()
    assert not at.exception
    assert at.main.code[-1].value.splitlines()[0] == (
        f"serpshield --db '{elsewhere}' init {workspace}"
    )


def test_a_locked_warehouse_warns_and_retry_reads_again(
    filled_db: Path, monkeypatch: pytest.MonkeyPatch, run_app: Run, page_text: Text
) -> None:
    def locked(path: object, read_only: bool = False) -> object:
        raise WarehouseLockedError(f"the database {path} is in use by process 4242 (python)")

    monkeypatch.setattr("dashboard.data_access.open_warehouse", locked)
    at = run_app()
    assert not at.exception
    assert "busy" in at.warning[0].value
    assert "process 4242" in page_text(at)
    assert not at.metric

    monkeypatch.setattr("dashboard.data_access.open_warehouse", open_warehouse)
    at.button(key="workspace_retry").click().run()
    assert not at.exception
    assert not at.warning
    assert metrics(at)["Clients"] == "2"


def test_a_real_lock_held_by_another_process(
    filled_db: Path, run_app: Run, page_text: Text
) -> None:
    """A writer in another process: the page waits the data layer's ~3 s, then warns."""
    script = (
        "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
        "print('held', flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(filled_db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        at = run_app()
    finally:
        holder.kill()
        holder.wait()
    assert not at.exception
    assert "busy" in at.warning[0].value
    assert "was not released" in page_text(at)


def test_a_newer_schema_shows_an_error_box(db_path: Path, run_app: Run, page_text: Text) -> None:
    con = connect(db_path)
    con.execute(
        "INSERT INTO schema_migrations VALUES (999, 'from_the_future', 'x', ?)",
        [datetime(2030, 1, 1, tzinfo=UTC)],
    )
    con.close()
    at = run_app()
    assert not at.exception
    assert "cannot be read" in at.error[0].value
    assert "newer serpshield" in page_text(at)


def test_warehouse_text_never_reaches_markdown(db_path: Path, run_app: Run) -> None:
    """A hostile name shows verbatim in the table and in no Markdown element."""
    from data.writes import ClientRecord, write_workspace_sync

    hostile = "<img src=x onerror=alert(1)> **bold** :red[x]"
    con = connect(db_path)
    write_workspace_sync(
        con,
        [ClientRecord("evil", hostile, "en", 1)],
        [],
        [],
        synced_at=datetime(2025, 1, 1, tzinfo=UTC),
        actor="tests",
    )
    con.close()
    at = run_app()
    assert not at.exception
    assert list(at.dataframe[0].value["name"]) == [hostile]
    markdown_like = [*at.markdown, *at.caption, *at.info, *at.title, *at.subheader]
    assert all("onerror" not in str(element.value) for element in markdown_like)
