"""Storing runs and results: statuses kept, payload archived, slots idempotent."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from data import open_warehouse
from data.serp_store import (
    SerpResultRecord,
    SerpRunRecord,
    decompress_payload,
    load_collection_targets,
    load_month_spend,
    load_query_ids,
    load_stored_slots,
    write_serp_runs,
)
from data.writes import ClientRecord, QueryRecord, write_workspace_sync

SLOT = datetime(2026, 11, 24, tzinfo=UTC)
AT = datetime(2026, 11, 24, 6, 30, tzinfo=UTC)


def _warehouse(con: duckdb.DuckDBPyConnection) -> None:
    write_workspace_sync(
        con,
        [ClientRecord("acme", "Acme", "en", 1)],
        [
            QueryRecord("acme", "acme", "google", "us", "en", None, "desktop", None, ()),
            QueryRecord("acme", "acme", "bing", "us", "en", None, "desktop", None, ()),
        ],
        [],
        synced_at=AT,
        actor="t",
    )


def _result(position: int) -> SerpResultRecord:
    url = f"https://site{position}.example/page"
    return SerpResultRecord(position, url, url, f"site{position}.example", f"T{position}", "s")


def _run(status: str = "ok", page: int = 1, **kw: object) -> SerpRunRecord:
    base: dict[str, object] = {
        "query_id": 1,
        "source": "serpapi",
        "page": page,
        "slot_at": SLOT,
        "requested_at": AT,
        "fetched_at": AT,
        "status": status,
        "cost_units": 1.0,
        "payload": b'{"organic_results": []}',
        "results": tuple(_result(p) for p in range(1, 4)) if status == "ok" else (),
    }
    base.update(kw)
    return SerpRunRecord(**base)  # type: ignore[arg-type]


def test_runs_and_results_are_stored_with_the_payload_archived(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        _warehouse(con)
        report = write_serp_runs(con, [_run(), _run("failed", page=2, payload=None, error="x")])
        assert report.written == {"ok": 1, "failed": 1}
        assert report.results == 3
        codec, stored, digest = con.execute(
            "SELECT payload_codec, payload, payload_sha256 FROM serp_runs WHERE status = 'ok'"
        ).fetchone()
        raw = decompress_payload(codec, stored)
        assert raw == b'{"organic_results": []}'
        assert digest == hashlib.sha256(raw).hexdigest()
        positions = con.execute("SELECT position FROM serp_results ORDER BY 1").fetchall()
        assert positions == [(1,), (2,), (3,)]


def test_the_same_slot_twice_stores_one_run(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        _warehouse(con)
        write_serp_runs(con, [_run()])
        again = write_serp_runs(con, [_run(), _run(page=2)])
        assert again.skipped_existing == 1
        assert again.written == {"ok": 1}
        assert con.execute("SELECT count(*) FROM serp_runs").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM serp_results").fetchone() == (6,)
        assert load_stored_slots(con, "serpapi", SLOT) == {(1, 1), (1, 2)}


def test_a_failed_run_cannot_carry_organic_results() -> None:
    with pytest.raises(ValueError, match="cannot carry organic results"):
        _run("failed", results=(_result(1),))


def test_duplicate_slots_in_one_batch_write_nothing(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        _warehouse(con)
        with pytest.raises(ValueError, match="appears twice"):
            write_serp_runs(con, [_run(), _run()])
        assert con.execute("SELECT count(*) FROM serp_runs").fetchone() == (0,)


def test_a_bad_row_rolls_back_the_whole_batch(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        _warehouse(con)
        bad = _run(page=2, query_id=999)  # no such query: the foreign key refuses it
        with pytest.raises(duckdb.ConstraintException):
            write_serp_runs(con, [_run(), bad])
        assert con.execute("SELECT count(*) FROM serp_runs").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM serp_results").fetchone() == (0,)


def test_reads_for_collection(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        _warehouse(con)
        write_serp_runs(con, [_run(cost_units=2.5)])
        assert load_month_spend(con, "serpapi", datetime(2026, 11, 1, tzinfo=UTC)) == 2.5
        assert load_month_spend(con, "serpapi", datetime(2026, 12, 1, tzinfo=UTC)) == 0
        assert list(load_collection_targets(con)["engine"]) == ["google", "bing"]
        assert load_query_ids(con, "acme", "acme") == [1, 2]
        assert load_query_ids(con, "acme", "acme", "bing") == [2]
        assert load_query_ids(con, "other", "acme") == []
