"""Collection end to end: config -> real source module -> fetch loop -> warehouse.

The network is an httpx MockTransport answering with a real SerpApi response, so the whole
path a cron job takes runs here, offline.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from collectors.errors import BudgetExceededError
from data import open_warehouse
from serpshield.config import load_config
from serpshield.serp_jobs import SourceSummary, collect_serps_job
from serpshield.workspace import init_workspace

FIXTURE = (
    Path(__file__).resolve().parents[1]
    / "fixtures/serp/serpapi_json/asimov_isaac-asimov_google_2025-05-24.json"
)
NOW = datetime(2026, 11, 24, 7, 15, tzinfo=UTC)
KEY = "sentinel-serpapi-key-0042"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    init_workspace(tmp_path, tmp_path / "data" / "serpshield.duckdb")
    config = tmp_path / "serpshield.toml"  # the example's polite 1 request/s would slow tests
    config.write_text(
        config.read_text().replace("rate_per_second = 1.0", "rate_per_second = 500.0")
    )
    return tmp_path


def transport(status: int, seen: list[httpx.Request]) -> httpx.MockTransport:
    body = FIXTURE.read_bytes()

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, content=body if status == 200 else b'{"error": "no"}')

    return httpx.MockTransport(handler)


def collect(
    ws: Path, mock: httpx.MockTransport, env: dict[str, str] | None = None
) -> list[SourceSummary]:
    cfg = load_config(ws / "serpshield.toml")
    return collect_serps_job(
        cfg,
        ws / "data/serpshield.duckdb",
        now=NOW,
        env={"SERPAPI_API_KEY": KEY} if env is None else env,
        transport=mock,
    )


def runs(ws: Path) -> list[tuple[object, ...]]:
    with open_warehouse(ws / "data/serpshield.duckdb", read_only=True) as con:
        return con.execute(
            "SELECT status, error, cost_units, slot_at FROM serp_runs ORDER BY run_id"
        ).fetchall()


def test_collection_stores_one_ok_run_per_query_and_is_idempotent(workspace: Path) -> None:
    seen: list[httpx.Request] = []
    summaries = collect(workspace, transport(200, seen))
    assert [s.source for s in summaries] == ["serpapi"]
    stored = runs(workspace)
    assert len(stored) == 7 == len(seen), "one page per query: the fixture has 9 < 10 results"
    assert {r[0] for r in stored} == {"ok"}
    assert {r[3] for r in stored} == {datetime(2026, 11, 24)}, "the slot is the UTC day"
    assert summaries[0].counts == {"ok": 7}
    assert summaries[0].budget_left == 5000 - summaries[0].cost_units
    with open_warehouse(workspace / "data/serpshield.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*) FROM serp_results WHERE result_type = 'organic'"
                           ).fetchone() == (63,)  # fmt: skip
    again = collect(workspace, transport(200, seen))
    assert len(seen) == 7, "the same slot is not fetched twice"
    assert again[0].skipped == 7 and again[0].counts == {}
    assert len(runs(workspace)) == 7


def test_the_key_travels_but_is_never_stored(workspace: Path) -> None:
    seen: list[httpx.Request] = []
    collect(workspace, transport(200, seen))
    assert all(KEY in str(r.url) or KEY in str(r.headers) for r in seen)
    db = (workspace / "data/serpshield.duckdb").read_bytes()
    assert KEY.encode() not in db


def test_a_run_over_budget_stops_before_spending(workspace: Path) -> None:
    config = workspace / "serpshield.toml"
    config.write_text(config.read_text().replace("monthly_budget = 5000", "monthly_budget = 3"))
    seen: list[httpx.Request] = []
    with pytest.raises(BudgetExceededError, match=r"needs 7 cost units but only 3"):
        collect(workspace, transport(200, seen))
    assert seen == [] and runs(workspace) == []


def test_refused_authentication_is_a_failed_run_not_a_ranking(workspace: Path) -> None:
    seen: list[httpx.Request] = []
    collect(workspace, transport(401, seen))
    stored = runs(workspace)
    assert {r[0] for r in stored} == {"failed"}
    assert all("401" in str(r[1]) for r in stored)
    assert len(seen) == 7, "401 is not retried"
    with open_warehouse(workspace / "data/serpshield.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*) FROM serp_results").fetchone() == (0,)


def test_a_missing_key_skips_the_source_and_says_which_variable(workspace: Path) -> None:
    seen: list[httpx.Request] = []
    summaries = collect(workspace, transport(200, seen), env={})
    assert summaries[0].problem is not None and "SERPAPI_API_KEY" in summaries[0].problem
    assert seen == [] and runs(workspace) == []
