"""A small warehouse with two clients that each have a row in every client-owned table.

Client "lea-fit" has item 1 with two leak URLs: the first appears in a JSON run and an HTML run
of its query; the second never appears. Client "nordlys" has its own item, and one of its runs
shows lea-fit's first URL too: that appearance must never reach lea-fit's pack.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from data import open_warehouse
from data.serp_store import SerpResultRecord, SerpRunRecord, write_serp_runs
from data.writes import ClientRecord, QueryRecord, write_workspace_sync

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
LEAK_URL = "https://leakzone.example/lea/set-1?ref=feed"
LEAK_NORMALIZED = "leakzone.example/lea/set-1"
OTHER_URL = "https://files.example/x/77"
NORDLYS_URL = "https://leakzone.example/nordlys"
JSON_BODY = b'{"organic_results": [{"position": 2, "link": "https://leakzone.example/lea/set-1"}]}'
HTML_BODY = b"<html><body><a href='https://leakzone.example/lea/set-1'>set</a></body></html>"
CLIENTS = [ClientRecord("lea-fit", "Lea Fit", "fr", 2), ClientRecord("nordlys", "Nordlys", "en", 1)]
QUERIES = [
    QueryRecord("lea-fit", "lea fit", "google", "fr", "fr", None, "desktop", 100, ()),
    QueryRecord("nordlys", "nordlys", "google", "us", "en", None, "desktop", 50, ()),
]


@dataclass(frozen=True)
class World:
    """Ids of what the warehouse holds."""

    db: Path
    item_id: int
    other_item_id: int


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> int:
    rows = con.execute(sql, params).fetchall()
    return int(rows[0][0])


def _result(position: int, url: str, normalized: str) -> SerpResultRecord:
    return SerpResultRecord(position, url, normalized, normalized.split("/")[0], "t", "s")


def seed_client(con: duckdb.DuckDBPyConnection, slug: str, leak: tuple[str, str]) -> int:
    """Rows in every table of client ``slug``, whose item leaked at ``leak`` (URL, normalized
    URL); its runs all show lea-fit's leak URL. Return the item's id."""
    client_id = _one(con, "SELECT client_id FROM clients WHERE slug = ?", [slug])
    query_id = _one(con, "SELECT query_id FROM queries WHERE client_id = ?", [client_id])
    own = f"{slug}.example/home"
    runs = [
        SerpRunRecord(query_id, "serpapi", 1, T0, T0, T0 + timedelta(seconds=2), "ok",
                      payload=JSON_BODY, content_type="application/json; charset=utf-8",
                      results=(_result(1, f"https://{own}", own),
                               _result(2, LEAK_URL, LEAK_NORMALIZED))),
        SerpRunRecord(query_id, "google-html", 1, T0 + timedelta(days=1), T0, T0, "ok",
                      payload=HTML_BODY, content_type="text/html",
                      results=(_result(3, LEAK_URL, LEAK_NORMALIZED),)),
        SerpRunRecord(query_id, "serpapi", 1, T0 + timedelta(days=2), T0, None, "failed",
                      error="timeout"),
    ]  # fmt: skip
    write_serp_runs(con, runs)
    result_id = _one(
        con,
        "SELECT min(result_id) FROM serp_results JOIN serp_runs USING (run_id) WHERE query_id = ?",
        [query_id],
    )
    con.execute(
        "INSERT INTO harm_scores (result_id, model_version, score, category, scored_at) "
        "VALUES (?, 'v1', 0.9, 'leak', ?)",
        [result_id, T0],
    )
    con.execute(
        "INSERT INTO labels (result_id, category, labelled_by, labelled_at) "
        "VALUES (?, 'leak', 'ana', ?)",
        [result_id, T0],
    )
    con.execute(
        "INSERT INTO domains (client_id, domain, category, source, updated_at) "
        "VALUES (?, 'leakzone.example', 'leak_forum', 'manual', ?)",
        [client_id, T0],
    )
    item_id = _one(
        con,
        "INSERT INTO content_items (client_id, title, kind, created_at) "
        "VALUES (?, 'set 1', 'photo_set', ?) RETURNING item_id",
        [client_id, T0],
    )
    con.execute(
        "INSERT INTO content_fingerprints (item_id, sha256, phash, added_at) VALUES (?, ?, ?, ?)",
        [item_id, "a" * 64, "ff00", T0],
    )
    for url, normalized in (leak, (OTHER_URL, f"files.example/{slug}")):
        leak_id = _one(
            con,
            "INSERT INTO leak_urls (item_id, url, normalized_url, url_sha256, domain, "
            "first_seen_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING leak_url_id",
            [item_id, url, normalized, hashlib.sha256(url.encode()).hexdigest(),
             normalized.split("/")[0], T0],
        )  # fmt: skip
        for event, days in (("detected", 0), ("notice_sent", 1)):
            con.execute(
                "INSERT INTO url_events (leak_url_id, event, occurred_at, legal_route, "
                "recorded_at) VALUES (?, ?, ?, 'privacy_ncii', ?)",
                [leak_id, event, T0 + timedelta(days=days), T0],
            )
        for days, state in ((-400, "live"), (-10, "live"), (0, "removed")):
            con.execute(
                "INSERT INTO url_checks (leak_url_id, checked_at, state, http_status) "
                "VALUES (?, ?, ?, ?)",
                [leak_id, T0 + timedelta(days=days), state, 200 if state == "live" else 404],
            )
    con.execute(
        "INSERT INTO content_assets (client_id, title, asset_type, status, target_query_id, "
        "created_at, updated_at) VALUES (?, 'faq', 'faq', 'planned', ?, ?, ?)",
        [client_id, query_id, T0, T0],
    )
    con.execute(
        "INSERT INTO alerts (client_id, kind, subject_key, severity, message, raised_at) "
        "VALUES (?, 'harmful_entry', ?, 'critical', 'm', ?)",
        [client_id, f"{slug}:1", T0],
    )
    con.execute(
        "INSERT INTO candidate_decisions (client_id, normalized_url, decision, decided_by, "
        "decided_at) VALUES (?, ?, 'dismissed', 'ana', ?)",
        [client_id, own, T0],
    )
    con.execute(
        "INSERT INTO gsc_rows (client_id, file_sha256, line, query, page, clicks, impressions, "
        "imported_at) VALUES (?, ?, 2, 'q', ?, 1, 10, ?)",
        [client_id, "b" * 64, f"https://{own}", T0],
    )
    con.execute(
        "INSERT INTO launches (client_id, name, launch_on, updated_at) VALUES (?, 'spring', ?, ?)",
        [client_id, T0.date(), T0],
    )
    return item_id


@pytest.fixture
def world(db_path: Path) -> World:
    """The two clients' warehouse; lea-fit's first leak URL also shows in nordlys' results."""
    with open_warehouse(db_path) as con:
        write_workspace_sync(con, CLIENTS, QUERIES, [], synced_at=T0, actor="tester")
        item_id = seed_client(con, "lea-fit", (LEAK_URL, LEAK_NORMALIZED))
        other = seed_client(con, "nordlys", (NORDLYS_URL, "leakzone.example/nordlys"))
    return World(db_path, item_id, other)
