"""Named, numbered migrations: idempotent, recorded, and refused when newer or edited."""

from __future__ import annotations

from pathlib import Path

import pytest

from data import SchemaVersionError, connect, migrate, open_warehouse
from data.migrate import Migration, load_migrations
from data.queries import TABLES, load_table_counts


def _schema_snapshot(db_path: Path) -> list[tuple[object, ...]]:
    with open_warehouse(db_path, read_only=True) as con:
        return (
            con.execute(
                "SELECT table_name, column_name, data_type, is_nullable "
                "FROM information_schema.columns ORDER BY ALL"
            ).fetchall()
            + con.execute("SELECT * FROM schema_migrations ORDER BY version").fetchall()
        )


def test_migrations_are_numbered_without_gaps() -> None:
    migrations = load_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert migrations[0].label == "0001_initial"


def test_applying_twice_changes_nothing(db_path: Path) -> None:
    connect(db_path).close()
    first = _schema_snapshot(db_path)
    with open_warehouse(db_path) as con:
        assert migrate.apply_migrations(con) == []
    assert _schema_snapshot(db_path) == first


def test_every_table_is_listed_for_the_overview(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert names - {"schema_migrations"} == set(TABLES)


def test_database_from_a_newer_schema_is_refused(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        con.execute("INSERT INTO schema_migrations VALUES (99, 'future_tables', 'x', now())")
    for read_only in (False, True):
        with pytest.raises(SchemaVersionError, match=r"newer serpshield.*0099_future_tables"):
            connect(db_path, read_only=read_only)


def test_an_edited_released_migration_is_refused(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        con.execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1")
    with pytest.raises(SchemaVersionError, match="must never be edited"):
        connect(db_path)


def test_failed_migration_leaves_the_previous_version(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    connect(db_path).close()
    broken = Migration(len(load_migrations()) + 1, "broken", "CREATE TABLE half (a INT); SELEC 1;")
    real = load_migrations()
    monkeypatch.setattr(migrate, "load_migrations", lambda: [*real, broken])
    with pytest.raises(SchemaVersionError, match="_broken failed"):
        connect(db_path)
    monkeypatch.undo()
    with open_warehouse(db_path) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert "half" not in tables
        assert migrate.schema_version(con) == len(real)


def test_reader_refuses_a_database_that_needs_upgrading(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    connect(db_path).close()
    extra = Migration(len(load_migrations()) + 1, "later", "CREATE TABLE later (a INT);")
    real = load_migrations()
    monkeypatch.setattr(migrate, "load_migrations", lambda: [*real, extra])
    with pytest.raises(SchemaVersionError, match=r"needs migrations .*_later"):
        connect(db_path, read_only=True)
    with open_warehouse(db_path) as con:
        assert migrate.schema_version(con) == len(real) + 1


def test_unique_keys_make_a_duplicate_run_impossible(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        con.execute(
            "INSERT INTO clients (slug, name, created_at, updated_at) "
            "VALUES ('c', 'C', now(), now())"
        )
        con.execute(
            "INSERT INTO queries (client_id, text, engine, created_at, updated_at) "
            "VALUES (1, 'q', 'google', now(), now())"
        )
        run = (
            "INSERT INTO serp_runs (query_id, source, page, slot_at, requested_at, status, error) "
            "VALUES (1, 'serpapi', 1, TIMESTAMP '2026-11-24 06:00', now(), 'failed', 'timeout')"
        )
        con.execute(run)
        with pytest.raises(Exception, match=r"(?i)duplicate key"):
            con.execute(run)
        with pytest.raises(Exception, match=r"(?i)constraint"):
            con.execute(
                "INSERT INTO serp_runs (query_id, source, slot_at, requested_at, status) "
                "VALUES (1, 'serpapi', TIMESTAMP '2026-11-25 06:00', now(), 'ok')"
            )


def test_table_counts_cover_every_table_in_order(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        counts = load_table_counts(con)
    assert tuple(counts["table_name"]) == TABLES
    assert counts["row_count"].sum() == 0
