"""A warehouse built row by row for alert tests, and a webhook receiver on 127.0.0.1.

``Warehouse`` writes exactly the runs, results, scores and leak events a test names, so each
test reads as the story of one condition. ``Receiver`` is a real HTTP server in a thread on a
free port: the webhook code goes through real sockets, the SSRF guard and retries.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import duckdb
import pytest

from data import connect
from serpshield.config import WorkspaceConfig

T0 = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)


def config(**alerts: Any) -> WorkspaceConfig:
    """A workspace config with default thresholds and the given ``[alerts]`` settings."""
    return WorkspaceConfig.model_validate({"workspace": {"name": "test"}, "alerts": alerts})


@dataclass
class Warehouse:
    """One client ``lea-fit`` (id 1) with query 1 ``lea fit``; helpers add the rest."""

    db: Path
    _con: duckdb.DuckDBPyConnection | None = None

    def sql(self, statement: str, params: list[object] | None = None) -> list[tuple[Any, ...]]:
        """Run one statement on a connection kept open between calls (opening the warehouse
        for every row would dominate the tests' time); the jobs under test open their own
        connections to the same database beside it."""
        if self._con is None:
            self._con = connect(self.db)
        return self._con.execute(statement, params or []).fetchall()

    def close(self) -> None:
        """Close the kept connection (before a read-only open, which DuckDB refuses beside a
        writable connection of the same process)."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def run(
        self,
        slot: datetime,
        results: Sequence[tuple[int, str, float | None, str]] = (),
        *,
        status: str = "ok",
        source: str = "serpapi",
        query_id: int = 1,
        page: int = 1,
    ) -> int:
        """A run and its results: (position, url, harm score or None for unscored, category)."""
        digest = "0" * 64 if status == "ok" else None
        (run_id,) = self.sql(
            "INSERT INTO serp_runs (query_id, source, page, slot_at, requested_at, fetched_at, "
            "status, payload_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING run_id",
            [query_id, source, page, slot, slot, slot, status, digest],
        )[0]
        for position, url, harm, category in results:
            domain = url.split("/")[2]
            normalized = url.split("://", 1)[1]
            (result_id,) = self.sql(
                "INSERT INTO serp_results (run_id, position, url, normalized_url, domain, title) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING result_id",
                [run_id, position, url, normalized, domain, f"Title of {url}"],
            )[0]
            if harm is not None:
                self.sql(
                    "INSERT INTO harm_scores (result_id, model_version, score, category, "
                    "scored_at) VALUES (?, 'm1', ?, ?, ?)",
                    [result_id, harm, category, slot],
                )
        return int(run_id)

    def leak(self, url: str, first_seen: datetime, *, item: str = "Set",
             published: datetime | None = None) -> int:  # fmt: skip
        """A leak URL of ``item`` (created if new), detected at ``first_seen``."""
        self.sql(
            "INSERT INTO content_items (client_id, title, kind, created_at) "
            "VALUES (1, ?, 'photo_set', ?) ON CONFLICT DO NOTHING",
            [item, first_seen],
        )
        normalized = url.split("://", 1)[1]
        (url_id,) = self.sql(
            "INSERT INTO leak_urls (item_id, url, normalized_url, url_sha256, domain, "
            "first_seen_at, published_at) SELECT item_id, ?, ?, ?, ?, ?, ? FROM content_items "
            "WHERE title = ? RETURNING leak_url_id",
            [url, normalized, hashlib.sha256(normalized.encode()).hexdigest(),
             url.split("/")[2], first_seen, published, item],
        )[0]  # fmt: skip
        self.event(int(url_id), "detected", first_seen)
        return int(url_id)

    def event(self, url_id: int, event: str, at: datetime, channel: str = "none",
              route: str = "none") -> int:  # fmt: skip
        (event_id,) = self.sql(
            "INSERT INTO url_events (leak_url_id, event, occurred_at, channel, legal_route, "
            "recorded_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING event_id",
            [url_id, event, at, channel, route, at],
        )[0]
        return int(event_id)

    def alerts(self) -> list[tuple[Any, ...]]:
        """(kind, subject_key, severity, message) of every stored alert, by id."""
        return self.sql("SELECT kind, subject_key, severity, message FROM alerts ORDER BY alert_id")


@pytest.fixture
def wh(tmp_path: Path) -> Iterator[Warehouse]:
    warehouse = Warehouse(tmp_path / "w.duckdb")
    warehouse.sql(
        "INSERT INTO clients (slug, name, created_at, updated_at) VALUES ('lea-fit', 'Lea', ?, ?)",
        [T0, T0],
    )
    warehouse.sql(
        "INSERT INTO queries (client_id, text, engine, created_at, updated_at) "
        "VALUES (1, 'lea fit', 'google', ?, ?)",
        [T0, T0],
    )
    yield warehouse
    warehouse.close()


@dataclass
class Receiver:
    """What the local webhook receiver got, and what it answers next."""

    port: int
    answers: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # consumed in order
    requests: list[tuple[str, dict[str, str], Any]] = field(default_factory=list)

    def url(self, path: str = "/services/T000/B000/secret-token-123") -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver(0)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            state.requests.append((self.path, dict(self.headers), json.loads(body)))
            status, headers = state.answers.pop(0) if state.answers else (200, {})
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def hours(n: float) -> timedelta:
    return timedelta(hours=n)
