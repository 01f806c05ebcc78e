"""The collection loop: the key shows nowhere, and the warehouse takes what it produces."""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path

import httpx
import pytest

from collectors.serps import CollectTarget
from collectors.sources.base import SerpQuery, SourceSettings
from data import open_warehouse
from data.serp_store import write_serp_runs
from data.writes import ClientRecord, QueryRecord, write_workspace_sync
from tests.unit.collectors.fakes import (
    SECRET,
    SLOT,
    Recorder,
    collect,
    json_response,
    page_body,
    page_of,
    serving,
    targets,
    urls,
)

# --- secrets ---------------------------------------------------------------------------------


def test_the_key_shows_nowhere(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    calls = {"n": 0}

    async def answer(request: httpx.Request) -> httpx.Response:
        assert request.headers["x-api-key"] == SECRET  # it was really sent
        calls["n"] += 1
        qid = int(page_of(request)[0].rsplit(" ", 1)[1])
        if qid == 1:
            return json_response(page_body(urls(1, 11), echo=f"key={SECRET}"))
        if qid == 2:
            return json_response(f'{{"error": "bad key {SECRET}"}}'.encode(), 401)
        if qid == 3:
            return json_response(f'{{"truncated": "{SECRET}'.encode())
        if qid == 4:
            raise httpx.ConnectError(f"no route to {request.url}")
        return json_response(b"", 503)

    runs = collect(Recorder(answer), targets(5))
    runs += collect(serving({}), targets(1), settings=SourceSettings())
    assert {r.status for r in runs} == {"ok", "failed"}
    for run in runs:
        for field in dataclasses.fields(run):
            value = getattr(run, field.name)
            text = value.decode() if isinstance(value, bytes) else repr(value)
            assert SECRET not in text, f"{field.name} of {run.query_id}"
    assert b"[redacted]" in (runs[0].payload or b"")
    json.loads(runs[0].payload or b"")  # still the provider's JSON, minus the key
    assert caplog.records
    for record in caplog.records:
        assert SECRET not in record.getMessage()
        assert "api_key=" not in record.getMessage()


# --- the warehouse accepts what the loop produces -------------------------------------------


def test_the_runs_satisfy_the_warehouse_constraints(db_path: Path) -> None:
    async def answer(request: httpx.Request) -> httpx.Response:
        text, page = page_of(request)
        if text.endswith(" 2"):
            return json_response(b"", 401)
        dup = ["https://site1.example/page#top"] if page == 2 else []
        return json_response(page_body([*dup, *urls(page * 10 - 9, page * 10 + 1)]))

    runs = collect(Recorder(answer), targets(2), depth=20)
    runs += collect(serving({}), [CollectTarget(1, SerpQuery("x"))], settings=SourceSettings())
    runs[-1] = dataclasses.replace(runs[-1], source="other")  # its own slot
    with open_warehouse(db_path) as con:
        write_workspace_sync(
            con,
            [ClientRecord("acme", "Acme", "en", 1)],
            [QueryRecord("acme", t, "google", "", "", None, "desktop", None, ()) for t in "ab"],
            [],
            synced_at=SLOT,
            actor="test",
        )
        report = write_serp_runs(con, runs)
    assert report.written == {"ok": 2, "failed": 2}
    assert report.results == 20
