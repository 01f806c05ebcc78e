"""Tiny warehouses for the KPI query tests, written row by row so each test reads as a story.

``Warehouse`` inserts exactly the clients, queries, runs, results, scores, labels, domains,
assets, leak URLs and events a test names, with readable defaults. The schema comes from the
real migrations: one migrated file is made per test session and copied for each test (copying
is much faster than migrating again).
"""

from __future__ import annotations

import atexit
import hashlib
import math
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from data import open_warehouse
from serpshield.config import SISTRIX_2020

#: Sistrix 2020 normalised (KPIS.md section 1): position 3 weighs exactly 11/88 = 0.125.
SISTRIX = tuple(w / math.fsum(SISTRIX_2020) for w in SISTRIX_2020)
T0 = datetime(2026, 3, 2, 6, 0)  # a Monday, naive UTC like the warehouse
DAY = timedelta(days=1)
_TEMPLATE: list[Path] = []


@dataclass(frozen=True)
class Result:
    """A result to store: its harm (a score of model ``v1``; None = not scored)."""

    position: int
    harm: float | None = 0.0
    domain: str = ""
    url: str = ""
    result_type: str = "organic"


def _template() -> Path:
    if not _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="kpi-template-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        with open_warehouse(folder / "template.duckdb"):
            pass
        _TEMPLATE.append(folder / "template.duckdb")
    return _TEMPLATE[0]


@contextmanager
def open_test_warehouse(folder: Path) -> Iterator[Warehouse]:
    """A fresh migrated warehouse in ``folder``, closed afterwards."""
    path = folder / "kpi.duckdb"
    shutil.copyfile(_template(), path)
    with open_warehouse(path) as con:
        yield Warehouse(con)


class Warehouse:
    """Named inserts; ids come back so tests can refer to what they made."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._runs = 0

    def _one(self, sql: str, params: Sequence[object]) -> int:
        return int(self.con.execute(sql, list(params)).fetchall()[0][0])

    def client(self, slug: str = "acme") -> int:
        return self._one(
            "INSERT INTO clients (slug, name, created_at, updated_at) VALUES (?, ?, ?, ?) "
            "RETURNING client_id",
            [slug, slug.title(), T0, T0],
        )

    def query(self, client_id: int, text: str = "acme") -> int:
        return self._one(
            "INSERT INTO queries (client_id, text, engine, created_at, updated_at) "
            "VALUES (?, ?, 'google', ?, ?) RETURNING query_id",
            [client_id, text, T0, T0],
        )

    def run(
        self,
        query_id: int,
        at: datetime,
        results: Sequence[Result] = (),
        *,
        status: str = "ok",
        source: str = "serpapi",
        page: int = 1,
        slot_at: datetime | None = None,
    ) -> list[int]:
        """Store one run fetched at ``at`` (its slot defaults to ``at``) with its results and
        their scores; returns the result ids in the order given."""
        self._runs += 1
        digest = hashlib.sha256(str(self._runs).encode()).hexdigest() if status == "ok" else None
        run_id = self._one(
            "INSERT INTO serp_runs (query_id, source, page, slot_at, requested_at, fetched_at, "
            "status, payload_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING run_id",
            [query_id, source, page, slot_at or at, at, at if status != "failed" else None,
             status, digest],
        )  # fmt: skip
        if not results:
            return []
        rows = []
        for r in results:
            domain = r.domain or f"site{r.position}.example"
            url = r.url or f"https://{domain}/{self._runs}/{r.position}"
            rows.append((run_id, r.position, url, url, domain, r.result_type))
        values = ", ".join("(?, ?, ?, ?, ?, ?)" for _ in rows)
        found = self.con.execute(
            "INSERT INTO serp_results (run_id, position, url, normalized_url, domain, "
            f"result_type) VALUES {values} RETURNING position, result_type, result_id",
            [v for row in rows for v in row],
        ).fetchall()
        id_of = {(int(p), str(t)): int(rid) for p, t, rid in found}
        ids = [id_of[(r.position, r.result_type)] for r in results]
        scored = [(i, r.harm) for i, r in zip(ids, results, strict=True) if r.harm is not None]
        if scored:
            values = ", ".join("(?, 'v1', ?, 'neutral', ?)" for _ in scored)
            self.con.execute(
                "INSERT INTO harm_scores (result_id, model_version, score, category, scored_at) "
                f"VALUES {values}",
                [v for rid, harm in scored for v in (rid, harm, at)],
            )
        return ids

    def score(self, result_id: int, score: float, at: datetime, version: str = "v1") -> None:
        self.con.execute(
            "INSERT INTO harm_scores (result_id, model_version, score, category, scored_at) "
            "VALUES (?, ?, ?, 'neutral', ?)",
            [result_id, version, score, at],
        )

    def label(self, result_id: int, category: str, at: datetime) -> None:
        self.con.execute(
            "INSERT INTO labels (result_id, category, labelled_by, labelled_at) "
            "VALUES (?, ?, 'ana', ?)",
            [result_id, category, at],
        )

    def domain(self, client_id: int, domain: str, category: str = "owned") -> None:
        self.con.execute(
            "INSERT INTO domains (client_id, domain, category, source, updated_at) "
            "VALUES (?, ?, ?, 'manual', ?)",
            [client_id, domain, category, T0],
        )

    def asset(self, client_id: int, url: str | None, status: str = "published") -> None:
        self.con.execute(
            "INSERT INTO content_assets (client_id, title, asset_type, status, url, created_at, "
            "updated_at) VALUES (?, ?, 'faq', ?, ?, ?, ?)",
            [client_id, f"asset {url} {status}", status, url, T0, T0],
        )

    def item(self, client_id: int, title: str = "set 1") -> int:
        return self._one(
            "INSERT INTO content_items (client_id, title, kind, created_at) "
            "VALUES (?, ?, 'photo_set', ?) RETURNING item_id",
            [client_id, title, T0],
        )

    def leak(
        self,
        item_id: int,
        url: str,
        first_seen_at: datetime,
        published_at: datetime | None = None,
        domain: str = "leaks.example",
    ) -> int:
        return self._one(
            "INSERT INTO leak_urls (item_id, url, normalized_url, url_sha256, domain, "
            "first_seen_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING leak_url_id",
            [item_id, url, url, hashlib.sha256(url.encode()).hexdigest(), domain,
             first_seen_at, published_at],
        )  # fmt: skip

    def event(
        self,
        leak_url_id: int,
        event: str,
        at: datetime,
        channel: str = "none",
        route: str = "none",
        reference: str = "",
    ) -> int:
        return self._one(
            "INSERT INTO url_events (leak_url_id, event, occurred_at, channel, legal_route, "
            "reference, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING event_id",
            [leak_url_id, event, at, channel, route, reference, at],
        )
