"""The planner's SQL on a tiny warehouse: latest harmful top 10, daily ranks with gaps, writes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from data import open_warehouse
from data.kpi_exposure import load_query_day_exposure
from data.plan_store import (
    PlannedAsset,
    Publication,
    load_asset_ranks,
    load_content_assets,
    load_launches,
    load_plan_clients,
    load_plan_queries,
    load_snapshot_harms,
    write_planned_assets,
    write_publication,
)
from data.serp_store import SerpResultRecord, SerpRunRecord, write_serp_runs
from data.writes import ClientRecord, LaunchRecord, QueryRecord, write_workspace_sync

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
ASSET_URL = "https://leafit.example/faq"
SISTRIX = tuple(w / 88.0 for w in (28.5, 15.7, 11.0, 8.0, 7.2, 5.1, 4.0, 3.2, 2.8, 2.5))


def result(position: int, domain: str, path: str = "") -> SerpResultRecord:
    url = f"https://{domain}/{path}"
    return SerpResultRecord(position, url, url, domain, "t", "s")


def run(
    slot: datetime,
    *results: SerpResultRecord,
    status: str = "ok",
    source: str = "serpapi",
    query_id: int = 1,
    page: int = 1,
) -> SerpRunRecord:
    return SerpRunRecord(
        query_id,
        source,
        page,
        slot,
        slot,
        slot,
        status,
        payload=b"{}" if status == "ok" else None,
        results=results,
    )


def score(con: duckdb.DuckDBPyConnection, domain: str, score_: float, category: str) -> None:
    con.execute(
        "INSERT INTO harm_scores (result_id, model_version, score, category, scored_at) "
        "SELECT result_id, 'v1', ?, ?, ? FROM serp_results WHERE domain = ? "
        "AND result_id NOT IN (SELECT result_id FROM harm_scores)",
        [score_, category, T0, domain],
    )


@pytest.fixture
def con(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with open_warehouse(db_path) as connection:
        write_workspace_sync(
            connection,
            [ClientRecord("lea-fit", "Léa Fit", "fr", 2)],
            [
                QueryRecord(
                    "lea-fit",
                    "lea fit",
                    "google",
                    "fr",
                    "fr",
                    None,
                    "desktop",
                    1200,
                    ("brand", "launch"),
                ),
                QueryRecord(
                    "lea-fit", "lea fit fuite", "google", "fr", "fr", None, "desktop", None, ()
                ),
            ],
            [],
            [LaunchRecord("lea-fit", "Programme été", date(2027, 5, 1))],
            synced_at=T0,
            actor="tester",
        )
        yield connection


def test_clients_queries_and_launches(con: duckdb.DuckDBPyConnection) -> None:
    clients = load_plan_clients(con, "lea-fit")
    assert clients[["slug", "language", "capacity_per_week"]].values.tolist() == [
        ["lea-fit", "fr", 2]
    ]
    assert load_plan_clients(con, "nobody").empty
    queries = load_plan_queries(con, int(clients["client_id"].iloc[0]))
    assert list(queries["tags"].iloc[0]) == ["brand", "launch"]
    assert pd.isna(queries["search_volume"].iloc[1])
    assert load_launches(con, None)["name"].tolist() == ["Programme été"]


def test_harms_are_those_of_the_snapshot_behind_the_latest_exposure(
    con: duckdb.DuckDBPyConnection,
) -> None:
    day1 = T0 + timedelta(days=1)
    write_serp_runs(
        con,
        [
            run(T0, result(1, "leafit.example"), result(2, "leakzone.example", "old")),
            run(day1, result(1, "leafit.example"), result(3, "leakzone.example"),
                result(5, "avis.example")),
            run(day1, result(8, "leakzone.example", "p2"), result(12, "deep.example"), page=2),
            run(T0 + timedelta(days=2), status="failed"),
        ],
    )  # fmt: skip
    score(con, "leafit.example", 0.05, "owned")
    score(con, "avis.example", 0.4, "complaint")  # under theta: not named
    score(con, "deep.example", 0.9, "leak")  # position 12: outside the top 10
    score(con, "leakzone.example", 0.95, "leak")
    write_serp_runs(con, [run(T0 + timedelta(days=3), result(1, "new.example"))])  # unscored
    days = load_query_day_exposure(con, client_id=None, start=None, as_of=T0 + timedelta(days=5),
                                   weights=SISTRIX, tz="UTC")  # fmt: skip
    latest = days.sort_values("day").groupby("query_id").tail(1)
    harms = load_snapshot_harms(con, latest, threshold=0.5)
    assert harms[["query_id", "position", "domain", "category"]].values.tolist() == [
        [1, 3, "leakzone.example", "leak"],
        [1, 8, "leakzone.example", "leak"],
    ]
    assert harms["snapshot_at"].iloc[0] == day1.replace(tzinfo=None)
    first = pd.DataFrame([{"query_id": 1, "snapshot_at": T0.replace(tzinfo=None)}])
    assert load_snapshot_harms(con, first, threshold=0.5)["position"].tolist() == [2]
    con.execute(
        "INSERT INTO labels (result_id, category, labelled_by, labelled_at) SELECT result_id, "
        "'neutral', 'ana', ? FROM serp_results WHERE domain = 'leakzone.example'",
        [T0],
    )
    assert load_snapshot_harms(con, latest, threshold=0.5).empty, "a person's label wins"


def test_daily_rank_uses_the_last_snapshot_and_leaves_gaps(con: duckdb.DuckDBPyConnection) -> None:
    day = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    write_serp_runs(
        con,
        [
            run(day, result(1, "x.example")),  # 1 Dec: not ranked
            run(day + timedelta(days=1), result(9, "leafit.example", "faq")),  # 2 Dec: earlier
            run(day + timedelta(days=1, hours=6), result(4, "leafit.example", "faq")),  # last: 4
            run(day + timedelta(days=2), status="failed"),  # 3 Dec: gap
            run(
                day + timedelta(days=3, hours=17, minutes=30),  # 23:30 UTC 4 Dec
                result(2, "leafit.example", "faq"),
                source="brave",
            ),  # = 5 Dec in Paris
            run(day + timedelta(days=30), result(1, "leafit.example", "faq")),  # after as_of
        ],
    )
    targets = pd.DataFrame(
        [{"asset_id": 7, "query_id": 1, "normalized_url": ASSET_URL, "since": date(2026, 12, 1)}]
    )
    ranks = load_asset_ranks(con, targets, as_of=day + timedelta(days=10), tz="Europe/Paris")
    days = [pd.Timestamp(d).date() for d in ranks["day"]]
    assert days == [date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 5)]
    positions = ranks["position"].astype(float).tolist()
    assert np.isnan(positions[0]) and positions[1:] == [4, 2]
    utc = load_asset_ranks(con, targets, as_of=day + timedelta(days=10), tz="UTC")
    assert pd.Timestamp(utc["day"].iloc[-1]).date() == date(2026, 12, 4)
    later = targets.assign(since=date(2026, 12, 2))
    assert len(load_asset_ranks(con, later, as_of=day + timedelta(days=10), tz="UTC")) == 2


def planned(title: str, on: date) -> PlannedAsset:
    return PlannedAsset(1, title, "faq", 1, on, 12.5, "Because.", "Parce que.")


def audit_actions(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT action FROM audit_log ORDER BY audit_id").fetchall()]


def test_saving_a_plan_twice_adds_nothing(con: duckdb.DuckDBPyConnection) -> None:
    rows = [planned("FAQ — lea fit (#1)", date(2027, 1, 4)), planned("B", date(2027, 1, 11))]
    assert write_planned_assets(con, rows, at=T0, actor="ana") == 2
    assert write_planned_assets(con, rows, at=T0, actor="ana") == 0
    assets = load_content_assets(con, None)
    assert assets[["title", "status", "reason_fr"]].values.tolist()[0] == [
        "FAQ — lea fit (#1)",
        "planned",
        "Parce que.",
    ]
    assert audit_actions(con).count("plan_save") == 1


def test_publishing_creates_or_updates_once(con: duckdb.DuckDBPyConnection) -> None:
    write_planned_assets(con, [planned("FAQ", date(2027, 1, 4))], at=T0, actor="ana")
    pub = Publication(1, "FAQ", ASSET_URL, date(2027, 1, 6))
    asset_id, outcome = write_publication(con, pub, at=T0, actor="ana")
    assert outcome == "published"
    assert write_publication(con, pub, at=T0, actor="ana") == (asset_id, "unchanged")
    new = Publication(1, "Profils", "https://x.example/p", date(2027, 1, 7), 2, "official_profile")
    other_id, outcome = write_publication(con, new, at=T0, actor="ana")
    assert outcome == "created" and other_id != asset_id
    rows = load_content_assets(con, 1).set_index("title")
    assert rows.loc["FAQ", "status"] == "published" and rows.loc["FAQ", "asset_type"] == "faq"
    assert rows.loc["Profils", "target_query_id"] == 2
    assert audit_actions(con).count("asset_publish") == 2
    details = con.execute("SELECT details FROM audit_log WHERE action = 'asset_publish'").fetchall()
    assert all("url_sha256=" in d[0] and "http" not in d[0] for d in details)
