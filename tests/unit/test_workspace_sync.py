"""Syncing the workspace config into the warehouse: idempotent, history-preserving."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from data import open_warehouse
from data.queries import TABLES, load_audit_log, load_clients, load_domains, load_queries
from data.writes import (
    ClientRecord,
    DomainRecord,
    QueryRecord,
    SyncReport,
    write_workspace_sync,
)

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)

CLIENTS = [ClientRecord("lea-fit", "Léa Fit", "fr", 2), ClientRecord("nordlys", "Nordlys", "en", 1)]
QUERIES = [
    QueryRecord("lea-fit", "lea fit", "google", "fr", "fr", None, "desktop", 1200, ("brand",)),
    QueryRecord("lea-fit", "lea fit leak", "bing", "fr", "fr", None, "mobile", None, ()),
    QueryRecord("nordlys", "nordlys", "google", "us", "en", "Oslo", "desktop", 300, ()),
]
DOMAINS = [
    DomainRecord("lea-fit", "leafit.example", "owned"),
    DomainRecord("lea-fit", "leakzone.example", "leak_forum"),
]


def _sync(
    con: duckdb.DuckDBPyConnection,
    clients: Sequence[ClientRecord] = CLIENTS,
    queries: Sequence[QueryRecord] = QUERIES,
    domains: Sequence[DomainRecord] = DOMAINS,
    at: datetime = T0,
) -> SyncReport:
    return write_workspace_sync(con, clients, queries, domains, synced_at=at, actor="tester")


def _dump(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


def test_first_sync_adds_everything_and_audits_it(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        report = _sync(con)
        assert (report.clients_added, report.queries_added, report.domains_set) == (2, 3, 2)
        clients = load_clients(con)
        assert list(clients["slug"]) == ["lea-fit", "nordlys"]
        assert list(clients["active_queries"]) == [2, 1]
        queries = load_queries(con, "lea-fit")
        assert list(queries.sort_values("text")["tags"].map(list)) == [["brand"], []]
        audit = load_audit_log(con)
        assert list(audit["action"]) == ["config_sync"]
        assert "clients added: 2" in audit["details"][0]


def test_second_identical_sync_changes_nothing_at_all(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        _sync(con)
        before = _dump(con)
        report = _sync(con, at=T0 + timedelta(days=1))
        assert not report.changed
        assert report.summary() == "no change"
        assert _dump(con) == before


def test_removed_query_and_client_become_inactive_and_keep_their_rows(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        _sync(con)
        report = _sync(con, clients=CLIENTS[:1], queries=QUERIES[:1], domains=DOMAINS[:1])
        assert (report.clients_deactivated, report.queries_deactivated) == (1, 2)
        assert report.domains_removed == 1
        queries = load_queries(con)
        assert len(queries) == 3, "history stays: nothing is deleted"
        assert sorted(queries["active"]) == [False, False, True]
        assert list(load_clients(con).query("slug == 'nordlys'")["active"]) == [False]
        assert list(load_domains(con, "lea-fit")["domain"]) == ["leafit.example"]
        again = _sync(con)
        assert (again.clients_updated, again.queries_updated, again.domains_set) == (1, 2, 1)
        assert load_queries(con)["active"].all()


def test_changed_attributes_update_in_place(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        _sync(con)
        renamed = [ClientRecord("lea-fit", "Léa Fit Studio", "fr", 3), CLIENTS[1]]
        recategorised = [DOMAINS[0], DomainRecord("lea-fit", "leakzone.example", "file_host")]
        louder = [replace(QUERIES[0], search_volume=5000), *QUERIES[1:]]
        report = _sync(con, clients=renamed, queries=louder, domains=recategorised)
        assert (report.clients_updated, report.queries_updated, report.domains_set) == (1, 1, 1)
        assert load_clients(con).set_index("slug").loc["lea-fit", "capacity_per_week"] == 3
        domains = load_domains(con, "lea-fit").set_index("domain")["category"]
        assert domains["leakzone.example"] == "file_host"
        assert len(load_queries(con)) == 3
