"""Erasing a client: every row of theirs, nothing of anyone else's, safely re-runnable."""

from __future__ import annotations

from datetime import timedelta

import pytest

from data import open_warehouse
from data import purge as purge_data
from data.audit import verify_audit_chain
from data.purge import CLIENT_TABLES, load_client_row_counts
from data.queries import TABLES, load_table_counts
from serpshield.purge import drop_old_checks, preview_purge, purge_client

from .conftest import T0, World

NOW = T0 + timedelta(days=30)


def _snapshot(world: World) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """(lea-fit's rows, nordlys' rows, all rows) per table."""
    with open_warehouse(world.db, read_only=True) as con:
        counts = load_table_counts(con)
        totals = dict(zip(counts["table_name"], counts["row_count"].astype(int), strict=True))
        return (
            load_client_row_counts(con, "lea-fit"),
            load_client_row_counts(con, "nordlys"),
            totals,
        )


def _audit(world: World) -> list[tuple[str, str, str]]:
    with open_warehouse(world.db, read_only=True) as con:
        assert verify_audit_chain(con).ok
        return con.execute(
            "SELECT action, subject, details FROM audit_log ORDER BY audit_id"
        ).fetchall()


def test_every_client_owned_table_is_purged() -> None:
    assert {table for table, _ in CLIENT_TABLES} == set(TABLES) - {"audit_log"}


def test_purge_removes_every_row_of_the_client_and_nothing_else(world: World) -> None:
    lea, nordlys, totals = _snapshot(world)
    assert all(lea.values()), lea  # the fixture really fills every table
    assert preview_purge(world.db, "lea-fit") == lea
    report = purge_client(world.db, "lea-fit", "ana", NOW)
    assert report.deleted == lea
    lea_after, nordlys_after, totals_after = _snapshot(world)
    assert not any(lea_after.values())
    assert nordlys_after == nordlys
    for table, count in lea.items():
        assert totals_after[table] == totals[table] - count, table
    with open_warehouse(world.db, read_only=True) as con:
        slugs = con.execute("SELECT slug FROM clients").fetchall()
    assert slugs == [("nordlys",)]


def test_purge_is_audited_with_counts_and_no_url(world: World) -> None:
    purge_client(world.db, "lea-fit", "ana", NOW)
    action, subject, details = _audit(world)[-1]
    assert (action, subject) == ("purge", "client:lea-fit")
    assert "url_checks=6" in details and "clients=1" in details
    assert "http" not in details and "leakzone" not in details


def test_a_second_purge_erases_nothing_and_audits_nothing(world: World) -> None:
    purge_client(world.db, "lea-fit", "ana", NOW)
    entries = len(_audit(world))
    again = purge_client(world.db, "lea-fit", "ana", NOW)
    assert again.total == 0
    assert again.summary() == "nothing to erase"
    assert len(_audit(world)) == entries


def test_an_interrupted_purge_is_finished_by_running_it_again(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    lea, nordlys, _ = _snapshot(world)
    monkeypatch.setattr(purge_data, "CLIENT_TABLES", CLIENT_TABLES[:5])  # stops after url_checks
    purge_client(world.db, "lea-fit", "ana", NOW)
    monkeypatch.undo()
    halfway, _, _ = _snapshot(world)
    assert halfway["serp_runs"] == 0 and halfway["url_events"] == lea["url_events"]
    finished = purge_client(world.db, "lea-fit", "ana", NOW)
    assert finished.deleted["clients"] == 1 and finished.deleted["serp_runs"] == 0
    lea_after, nordlys_after, _ = _snapshot(world)
    assert not any(lea_after.values())
    assert nordlys_after == nordlys


def test_deleting_a_child_and_its_parent_in_one_transaction_fails(world: World) -> None:
    """The DuckDB limitation that makes the purge go table by table: if this ever passes, the
    purge could become one transaction."""
    with open_warehouse(world.db) as con:
        con.execute("BEGIN TRANSACTION")
        con.execute("DELETE FROM labels")
        con.execute("DELETE FROM harm_scores")
        with pytest.raises(Exception, match="foreign key"):
            con.execute("DELETE FROM serp_results")
        con.execute("ROLLBACK")


def test_retention_drops_only_old_checks_and_audits_it(world: World) -> None:
    with open_warehouse(world.db, read_only=True) as con:
        before = con.execute("SELECT check_id, checked_at FROM url_checks").fetchall()
    cutoff = T0 - timedelta(days=30)
    assert drop_old_checks(world.db, cutoff, actor="ana", now=NOW) == 4
    with open_warehouse(world.db, read_only=True) as con:
        after = con.execute("SELECT check_id, checked_at FROM url_checks").fetchall()
        events = con.execute("SELECT count(*) FROM url_events").fetchall()[0][0]
    cutoff_naive = cutoff.replace(tzinfo=None)
    assert sorted(after) == sorted(r for r in before if r[1] >= cutoff_naive)
    assert events == 8
    action, subject, details = _audit(world)[-1]
    assert (action, subject) == ("retention", "url_checks")
    assert details == "dropped 4 checks made before 2026-10-02T08:00:00Z"
    entries = len(_audit(world))
    assert drop_old_checks(world.db, cutoff, actor="ana", now=NOW) == 0
    assert len(_audit(world)) == entries
