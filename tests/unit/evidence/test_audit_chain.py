"""The audit log's hash chain: intact after normal writes, and every kind of tampering named."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from data import connect, migrate, open_warehouse, transaction
from data.audit import GENESIS_HASH, verify_audit_chain, write_audit
from data.migrate import load_migrations
from data.writes import ClientRecord, write_workspace_sync
from data.writes import write_audit as write_audit_via_writes

from .conftest import CLIENTS, QUERIES, T0

Rows = list[tuple[int, str, str]]


def _fill(con: duckdb.DuckDBPyConnection) -> None:
    """Five entries: two config syncs and three direct writes, some with awkward text."""
    write_workspace_sync(con, CLIENTS, QUERIES, [], synced_at=T0, actor="ana")
    write_audit(con, T0 + timedelta(minutes=1), "ana", "label", "result:7", "leak -> neutral")
    write_audit_via_writes(con, T0 + timedelta(minutes=2), "bob", "import", "file|x", "a\\|b")
    extra = [*CLIENTS, ClientRecord("third", "Third", "en", 1)]
    write_workspace_sync(con, extra, QUERIES, [], synced_at=T0 + timedelta(hours=1), actor="ana")
    write_audit(con, T0 + timedelta(hours=2, microseconds=7), "bob", "purge", "client:x", "n=1")


def _chain(con: duckdb.DuckDBPyConnection) -> Rows:
    return con.execute(
        "SELECT audit_id, prev_hash, row_hash FROM audit_log ORDER BY audit_id"
    ).fetchall()


def _documented_hash(row: tuple[object, ...]) -> str:
    """The canonical text exactly as data/audit.py documents it, hashed in Python."""
    audit_id, logged_at, actor, action, subject, details, prev_hash = row

    def field(value: object) -> str:
        return str(value).replace("\\", "\\\\").replace("|", "\\|")

    stamp = logged_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")  # type: ignore[attr-defined]
    text = "|".join(
        [str(audit_id), stamp, field(actor), field(action), field(subject), field(details),
         str(prev_hash)]
    )  # fmt: skip
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_normal_writes_including_config_sync_form_a_valid_chain(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        _fill(con)
        result = verify_audit_chain(con)
        chain = _chain(con)
    assert result.ok, result.problems
    assert result.rows == 5
    assert [row[0] for row in chain] == [1, 2, 3, 4, 5]
    assert chain[0][1] == GENESIS_HASH
    assert all(chain[i][1] == chain[i - 1][2] for i in range(1, 5))
    assert result.head_hash == chain[-1][2]


def test_the_documented_canonical_text_is_the_one_hashed(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        _fill(con)
        rows = con.execute(
            "SELECT audit_id, logged_at, actor, action, subject, details, prev_hash, row_hash "
            "FROM audit_log ORDER BY audit_id"
        ).fetchall()
    assert [_documented_hash(r[:7]) for r in rows] == [r[7] for r in rows]


def test_an_edited_row_is_named(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        _fill(con)
        con.execute("UPDATE audit_log SET details = 'leak -> owned' WHERE audit_id = 2")
        result = verify_audit_chain(con)
    assert not result.ok
    assert result.problems == ["audit row 2 was edited"]


def test_an_edited_row_whose_hash_was_recomputed_is_still_found(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        _fill(con)
        con.execute(
            "UPDATE audit_log SET actor = 'mallory', row_hash = audit_row_hash(audit_id, "
            "logged_at, 'mallory', action, subject, details, prev_hash) WHERE audit_id = 3"
        )
        result = verify_audit_chain(con)
    assert result.problems == ["audit row 3 was edited and re-hashed"]


def test_a_deleted_middle_row_is_named(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        _fill(con)
        con.execute("DELETE FROM audit_log WHERE audit_id = 3")
        result = verify_audit_chain(con)
    assert result.problems == ["a row between 2 and 4 was deleted"]
    assert result.rows == 4


def test_several_deleted_rows_are_counted(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        _fill(con)
        con.execute("DELETE FROM audit_log WHERE audit_id IN (2, 3, 4)")
        result = verify_audit_chain(con)
    assert result.problems == ["3 rows between 1 and 5 were deleted"]


def test_a_deleted_first_row_is_named(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        _fill(con)
        con.execute("DELETE FROM audit_log WHERE audit_id = 1")
        result = verify_audit_chain(con)
    assert result.problems == ["rows before audit row 2 were deleted"]


def test_a_row_inserted_around_write_audit_is_named(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        _fill(con)
        con.execute(
            "INSERT INTO audit_log (logged_at, actor, action, subject) "
            "VALUES (now(), 'x', 'y', 'z')"
        )
        result = verify_audit_chain(con)
    assert len(result.problems) == 1
    assert result.problems[0].endswith("has no hash (written outside write_audit)")


def test_a_rolled_back_entry_leaves_no_gap(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        write_audit(con, T0, "ana", "a", "s")
        with pytest.raises(RuntimeError), transaction(con):
            write_audit(con, T0, "ana", "rolled back", "s")
            raise RuntimeError("boom")
        write_audit(con, T0, "ana", "b", "s")
        assert [r[0] for r in _chain(con)] == [1, 2]
        assert verify_audit_chain(con).ok


def test_an_empty_log_is_intact(db_path: Path) -> None:
    with open_warehouse(db_path, read_only=False) as con:
        result = verify_audit_chain(con)
    assert (result.ok, result.rows, result.head_hash) == (True, 0, GENESIS_HASH)


def test_the_migration_backfills_rows_written_before_it(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_migrations()[0]
    monkeypatch.setattr(migrate, "load_migrations", lambda: [first])
    with open_warehouse(db_path) as con:
        for minute, details in enumerate(["clients added: 2", "pipe|and\\slash", ""]):
            con.execute(
                "INSERT INTO audit_log (logged_at, actor, action, subject, details) "
                "VALUES (?, 'ana', 'config_sync', 'workspace', ?)",
                [T0 + timedelta(minutes=minute), details],
            )
        columns = {r[0] for r in con.execute("DESCRIBE audit_log").fetchall()}
        assert "row_hash" not in columns
    monkeypatch.undo()
    connect(db_path).close()
    with open_warehouse(db_path, read_only=True) as con:
        assert migrate.schema_version(con) == len(load_migrations())
        result = verify_audit_chain(con)
        backfilled = _chain(con)
    assert result.ok, result.problems
    assert result.rows == 3
    assert backfilled[0][1] == GENESIS_HASH
    with open_warehouse(db_path) as con:
        write_audit(con, T0 + timedelta(days=1), "bob", "evidence_export", "item:1")
        assert _chain(con)[-1][1] == backfilled[-1][2]
        assert verify_audit_chain(con).ok
