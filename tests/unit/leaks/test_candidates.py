"""The candidate queue: leak-domain results proposed, accepted into items, dismissed for good."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from data import open_warehouse
from data.serp_store import SerpResultRecord, SerpRunRecord, write_serp_runs
from serpshield.cli import cli

SEEN = datetime(2026, 11, 3, 6, 0, tzinfo=UTC)


def run(ws: Path, *args: str) -> Result:
    env = {"SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": ""}
    return CliRunner().invoke(cli, ["-w", str(ws), *args], env=env, catch_exceptions=False)


def result(position: int, url: str, domain: str) -> SerpResultRecord:
    return SerpResultRecord(position, url, url, domain, f"Title {position}", "snippet")


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    assert (
        CliRunner().invoke(cli, ["init", str(tmp_path)], env={"SERPSHIELD_DB": ""}).exit_code == 0
    )
    with open_warehouse(tmp_path / "data/serpshield.duckdb") as con:
        results = (
            result(1, "https://leafit.example/", "leafit.example"),  # owned
            result(2, "https://leakzone.example/t/pack", "leakzone.example"),  # leak forum
            result(3, "https://photos-partage.example/f/9", "photos-partage.example"),  # file host
            result(4, "https://actu-sport.example/a", "actu-sport.example"),  # news
        )
        run_ = SerpRunRecord(
            1, "serpapi", 1, SEEN, SEEN, SEEN, "ok", payload=b"{}", results=results
        )
        write_serp_runs(con, [run_])
    return tmp_path


def queue(ws: Path) -> list[str]:
    return [r["url"] for r in json.loads(run(ws, "leaks", "candidates", "--json").stdout)]


def test_leak_forum_and_file_host_results_are_proposed(ws: Path) -> None:
    assert sorted(queue(ws)) == [
        "https://leakzone.example/t/pack",
        "https://photos-partage.example/f/9",
    ]


def test_accept_makes_a_detected_leak_seen_when_search_first_showed_it(ws: Path) -> None:
    accepted = run(
        ws,
        "leaks",
        "accept",
        "https://leakzone.example/t/pack",
        "-c",
        "lea-fit",
        "-i",
        "Set de mars",
    )
    assert accepted.exit_code == 0, accepted.output
    assert queue(ws) == ["https://photos-partage.example/f/9"]
    listed = json.loads(run(ws, "leaks", "list", "--json").stdout)
    assert [(r["url"], r["state"]) for r in listed] == [
        ("https://leakzone.example/t/pack", "detected")
    ]
    with open_warehouse(ws / "data/serpshield.duckdb", read_only=True) as con:
        assert con.execute("SELECT source, occurred_at FROM url_events").fetchall() == [
            ("serp", datetime(2026, 11, 3, 6, 0))
        ]


def test_dismiss_keeps_a_url_out_of_the_queue_and_is_audited(ws: Path) -> None:
    assert (
        run(ws, "leaks", "dismiss", "https://photos-partage.example/f/9", "-c", "lea-fit").exit_code
        == 0
    )
    assert queue(ws) == ["https://leakzone.example/t/pack"]
    with open_warehouse(ws / "data/serpshield.duckdb", read_only=True) as con:
        audit = con.execute(
            "SELECT action, subject, details FROM audit_log WHERE action LIKE 'candidate%'"
        ).fetchall()
    assert [a[0] for a in audit] == ["candidate_dismissed"]
    assert "photos-partage" not in str(audit), "the audit log holds a hash, not the URL"


def test_a_url_that_is_not_a_candidate_is_refused(ws: Path) -> None:
    result_ = run(ws, "leaks", "dismiss", "https://actu-sport.example/a", "-c", "lea-fit")
    assert result_.exit_code == 2 and "not a current leak candidate" in result_.stderr
