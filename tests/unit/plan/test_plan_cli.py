"""``serpshield plan``, ``plan assets`` and ``plan publish`` end to end on the example workspace.

The example config's client "nordlys" tracks "nordlys aurora" (900 searches, tagged launch),
"nordlys aurora leak" (volume unknown, tagged launch) and "nordlys" (volume unknown), launches
"Aurora headphones" on 2027-03-01 and can publish 4 assets a week. Daily snapshots from
2027-01-05 to 2027-02-10 show a leak at position 2 of "nordlys aurora leak" until the FAQ
published on 2027-01-20 ranks (position 2 from 2027-01-27, the leak falls to 6), and a
complaint at position 4 of "nordlys" throughout.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from data import open_warehouse
from data.serp_store import SerpResultRecord, SerpRunRecord, write_serp_runs
from serpshield.cli import cli

FAQ_URL = "https://nordlys.example/aurora/faq"
SCORES = {
    "prelaunch-leaks.example": (0.95, "leak"),
    "techtalk-forum.example": (0.8, "complaint"),
    "nordlys.example": (0.02, "owned"),
    "gadget-news.example": (0.1, "neutral"),
}


def run(ws: Path, *args: str) -> Result:
    env = {"SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": "", "COLUMNS": "250"}
    return CliRunner().invoke(cli, ["-w", str(ws), *args], env=env, catch_exceptions=False)


def result(position: int, domain: str, path: str = "x") -> SerpResultRecord:
    url = FAQ_URL if path == "faq" else f"https://{domain}/{path}"
    return SerpResultRecord(position, url, url, domain, "t", "s")


def snapshots(day: date) -> list[tuple[str, tuple[SerpResultRecord, ...]]]:
    ranked = day >= date(2027, 1, 27)
    leak = (
        (
            result(1, "nordlys.example"),
            result(2, "nordlys.example", "faq"),
            result(6, "prelaunch-leaks.example"),
        )
        if ranked
        else (result(1, "nordlys.example"), result(2, "prelaunch-leaks.example"))
    )
    return [
        ("nordlys aurora", (result(1, "nordlys.example"), result(2, "gadget-news.example"))),
        ("nordlys aurora leak", leak),
        ("nordlys", (result(1, "nordlys.example"), result(4, "techtalk-forum.example"))),
    ]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workspace with nordlys' snapshots, built once for the module."""
    tmp_path = tmp_path_factory.mktemp("plan-ws")
    assert (
        CliRunner().invoke(cli, ["init", str(tmp_path)], env={"SERPSHIELD_DB": ""}).exit_code == 0
    )
    with open_warehouse(tmp_path / "data/serpshield.duckdb") as con:
        ids = dict(
            con.execute(
                "SELECT text, query_id FROM queries q JOIN clients c "
                "USING (client_id) WHERE slug = 'nordlys'"
            ).fetchall()
        )
        runs = []
        for n in range(37):
            day = date(2027, 1, 5) + timedelta(days=n)
            slot = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
            runs += [
                SerpRunRecord(
                    ids[text], "serpapi", 1, slot, slot, slot, "ok", payload=b"{}", results=results
                )
                for text, results in snapshots(day)
            ]
        write_serp_runs(con, runs)
        for domain, (score, category) in SCORES.items():
            con.execute(
                "INSERT INTO harm_scores (result_id, model_version, score, category, "
                "scored_at) SELECT result_id, 'v1', ?, ?, ? FROM serp_results "
                "WHERE domain = ?",
                [score, category, datetime(2027, 2, 11), domain],
            )
    return tmp_path


@pytest.fixture
def ws(seeded: Path, tmp_path: Path) -> Path:
    """A fresh copy of the seeded workspace: each test may write to it."""
    return Path(shutil.copytree(seeded, tmp_path / "ws"))


AS_OF = ("--as-of", "2027-02-12T12:00")


def plan_json(ws: Path, *args: str) -> dict[str, Any]:
    result = run(ws, "plan", "--client", "nordlys", *AS_OF, "--json", *args)
    assert result.exit_code == 0, result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def test_plan_recommends_schedules_before_the_launch_and_saves_once(ws: Path) -> None:
    doc = plan_json(ws)
    assert doc["start"] == "2027-02-15" and doc["weeks"] == 8 and doc["saved"] is None
    (client,) = doc["clients"]
    recs = client["recommendations"]
    kinds = [(r["query"], r["asset_type"]) for r in recs]
    assert ("nordlys aurora leak", "legal") in kinds and ("nordlys", "guide") in kinds
    assert ("nordlys aurora", "faq") in kinds, "a launch query gets proactive assets"
    leak = next(r for r in recs if r["query"] == "nordlys aurora leak")
    assert leak["volume_assumed"] and leak["search_volume"] == 900
    assert leak["priority"] == pytest.approx(leak["exposure"] * 900)
    assert "« nordlys aurora leak »" in leak["reason_fr"]
    assert all(r["week"] in (1, 2) for r in recs if r["launch"] == "Aurora headphones")
    assert client["launches"] == [
        {"name": "Aurora headphones", "launch_on": "2027-03-01", "monitoring_from": "2027-02-15"}
    ]
    monitoring = [
        w["week"]
        for w in client["calendar"]
        if any(e["kind"] == "monitoring" for e in w["entries"])
    ]
    assert monitoring == [1, 2, 3]
    assert all(
        len([e for e in w["entries"] if e["kind"] != "monitoring"]) <= 4 for w in client["calendar"]
    )
    assert client["missed_launches"] == [] and client["unscheduled"] == []
    saved = plan_json(ws, "--save")["saved"]
    assert saved == len(recs)
    again = plan_json(ws, "--save")
    assert again["saved"] == 0 and again["clients"][0]["recommendations"] == []
    planned = [
        e for w in again["clients"][0]["calendar"] for e in w["entries"] if e["kind"] == "planned"
    ]
    assert len(planned) == len(recs)


def test_plan_tables_in_french(ws: Path) -> None:
    result = run(ws, "plan", "--client", "nordlys", *AS_OF, "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert "4 contenu(s) par semaine" in result.output
    assert "Surveillance avant le lancement « Aurora headphones »" in result.output
    assert "à partir du 15/02/2027" in result.output and "[nouveau]" in result.output
    assert "La recherche « nordlys aurora leak »" in result.output


def test_capacity_shortfall_and_unknown_client(ws: Path) -> None:
    result = run(ws, "plan", "--client", "nordlys", *AS_OF, "--start", "2027-02-22")
    assert result.exit_code == 0
    assert "will not be live before the launch" in result.output
    assert run(ws, "plan", "--client", "nobody", *AS_OF).exit_code == 2


def test_publish_then_track_rank_and_effect(ws: Path) -> None:
    title = "Aurora FAQ"
    args = (
        "plan",
        "publish",
        "--client",
        "nordlys",
        title,
        "--url",
        FAQ_URL,
        "--on",
        "2027-01-20",
        "--query",
        "nordlys aurora leak",
        "--type",
        "faq",
    )
    first = run(ws, *args)
    assert first.exit_code == 0, first.output
    assert "created" in first.output
    assert "no change" in run(ws, *args).output
    listed = run(ws, "plan", "assets", "--client", "nordlys", *AS_OF, "--json")
    assert listed.exit_code == 0, listed.output
    (asset,) = json.loads(listed.stdout)
    assert asset["status"] == "published" and asset["query"] == "nordlys aurora leak"
    rank = asset["rank"]
    assert rank["latest_position"] == 2 and rank["first_top10_on"] == "2027-01-27"
    assert rank["daily"][0] == {"day": "2027-01-20", "position": None}
    effect = asset["effect"]
    assert effect["status"] == "ok" and effect["estimate"] < 0
    assert effect["ci_low"] <= effect["estimate"] <= effect["ci_high"]
    table = run(ws, "plan", "assets", *AS_OF)
    assert "Effect < 0" in table.output and "Aurora FAQ" in table.output
    pending = json.loads(run(ws, "plan", "assets", "--as-of", "2027-02-05", "--json").stdout)
    assert pending[0]["effect"]["status"] == "pending"


def test_publish_refuses_bad_input(ws: Path) -> None:
    base = ("plan", "publish", "--client", "lea-fit", "FAQ", "--on", "2027-01-20")
    assert run(ws, *base, "--url", "leafit.example/faq").exit_code == 2
    ambiguous = run(ws, *base, "--url", "https://leafit.example/faq", "--query", "lea fit")
    assert ambiguous.exit_code == 2 and "pass --query with one of" in ambiguous.stderr
    untracked = run(ws, *base, "--url", "https://leafit.example/faq")
    assert untracked.exit_code == 0 and "not tracked" in untracked.output
