"""``serpshield parse`` and ``import serp`` as a person (or an external check) uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from data import open_warehouse
from serpshield.cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "serp"
COFFEE = FIXTURES / "google_html" / "cc_coffee_2023-07.html"
SERPAPI = FIXTURES / "serpapi_json" / "asimov_isaac-asimov_google_2025-05-24.json"
CAPTCHA = b"""<!DOCTYPE html><html><head><title>https://www.google.com/search?q=lea+fit</title>
</head><body><div id="af-error-container"><p>Our systems have detected unusual traffic from your
computer network.</p><form id="captcha-form" action="index" method="post">
<div id="recaptcha" class="g-recaptcha" data-sitekey="x"></div></form></div></body></html>"""


def run(*args: str) -> Result:
    env = {"SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": ""}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_parse_prints_the_organic_results_as_json() -> None:
    result = run("parse", "--source", "google-html", str(COFFEE))
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    expected = json.loads(COFFEE.with_suffix(".expected.json").read_text())
    assert [(i["position"], i["url"], i["title"]) for i in items] == [
        (e["position"], e["url"], e["title"]) for e in expected
    ]
    assert items[0]["domain"] == "wikipedia.org"
    assert all(set(i) == {"position", "url", "domain", "title", "snippet"} for i in items)


def test_parse_all_adds_typed_blocks_after_the_organic_results() -> None:
    items = json.loads(run("parse", "--all", "-s", "google-html", str(COFFEE)).stdout)
    types = [i["type"] for i in items]
    assert types[:10] == ["organic"] * 10
    assert {"knowledge_panel", "people_also_ask"} <= set(types[10:])


def test_parse_of_a_captcha_page_exits_3_with_nothing_on_stdout(tmp_path: Path) -> None:
    page = tmp_path / "sorry.html"
    page.write_bytes(CAPTCHA)
    result = run("parse", "--source", "google-html", str(page))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "blocked" in result.stderr and "sorry.html" in result.stderr


@pytest.mark.parametrize(
    ("content", "source", "reason"),
    [
        (None, "serpapi", "cannot read"),
        (b'{"organic_results": [', "serpapi", "serpapi"),
        (b"<html><body>hello</body></html>", "google-html", "Google"),
        (b"\x00\xff\xfe garbage", "bing-html", "Bing"),
    ],
)
def test_parse_of_a_bad_file_exits_2_naming_the_file(
    tmp_path: Path, content: bytes | None, source: str, reason: str
) -> None:
    path = tmp_path / "page.bin"
    if content is not None:
        path.write_bytes(content)
    result = run("parse", "--source", source, str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert str(path) in result.stderr and reason in result.stderr


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    assert run("init", str(tmp_path)).exit_code == 0
    return tmp_path


def _runs(ws: Path) -> list[tuple[object, ...]]:
    with open_warehouse(ws / "data" / "serpshield.duckdb", read_only=True) as con:
        return con.execute(
            "SELECT source, page, status, slot_at, (SELECT count(*) FROM serp_results s "
            "WHERE s.run_id = r.run_id AND result_type = 'organic') FROM serp_runs r"
        ).fetchall()


def _import(ws: Path, *extra: str) -> Result:
    return run("-w", str(ws), "import", "serp", "--client", "lea-fit", "--query", "lea fit",
               "--device", "desktop", *extra)  # fmt: skip


def test_import_serp_stores_a_run_once(workspace: Path) -> None:
    args = ("--source", "serpapi", "--observed-at", "2026-11-20T08:00:00", str(SERPAPI))
    first = _import(workspace, *args)
    assert first.exit_code == 0, first.output
    assert "ok run with 9 results" in first.output
    again = _import(workspace, *args)
    assert again.exit_code == 0 and "no change" in again.output
    runs = _runs(workspace)
    assert len(runs) == 1
    assert runs[0][:3] == ("serpapi", 1, "ok") and runs[0][4] == 9


def test_import_of_page_two_shifts_positions(workspace: Path) -> None:
    result = _import(workspace, "-s", "google-html", "--page", "2", str(COFFEE))
    assert result.exit_code == 0, result.output
    with open_warehouse(workspace / "data" / "serpshield.duckdb", read_only=True) as con:
        positions = con.execute("SELECT min(position), max(position) FROM serp_results "
                                "WHERE result_type = 'organic'").fetchone()  # fmt: skip
    assert positions == (11, 20)


def test_import_of_a_captcha_page_is_stored_as_blocked_without_ranking(
    workspace: Path, tmp_path: Path
) -> None:
    page = tmp_path / "sorry.html"
    page.write_bytes(CAPTCHA)
    result = _import(workspace, "-s", "google-html", str(page))
    assert result.exit_code == 0 and "blocked" in result.output
    assert [r[2] for r in _runs(workspace)] == ["blocked"]
    assert _runs(workspace)[0][4] == 0


def test_import_of_an_unparseable_file_writes_nothing(workspace: Path, tmp_path: Path) -> None:
    page = tmp_path / "broken.json"
    page.write_text('{"organic_results": [{"position": 1,')
    result = _import(workspace, "-s", "serpapi", str(page))
    assert result.exit_code == 2
    assert "broken.json" in result.stderr
    assert _runs(workspace) == []


def test_import_needs_a_tracked_query(workspace: Path) -> None:
    result = run("-w", str(workspace), "import", "serp", "-c", "lea-fit", "-q", "unknown query",
                 "-s", "serpapi", str(SERPAPI))  # fmt: skip
    assert result.exit_code == 1
    assert "no tracked query 'unknown query'" in result.stderr
    ambiguous = run("-w", str(workspace), "import", "serp", "-c", "lea-fit", "-q", "lea fit",
                    "-s", "serpapi", str(SERPAPI))  # fmt: skip
    assert ambiguous.exit_code == 1 and "--device" in ambiguous.stderr


def test_collect_without_the_key_says_which_variable_and_exits_1(workspace: Path) -> None:
    result = CliRunner().invoke(
        cli, ["-w", str(workspace), "collect", "serps"],
        env={"SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": "", "SERPAPI_API_KEY": None},
    )  # fmt: skip
    assert result.exit_code == 1
    assert "SERPAPI_API_KEY is not set" in result.stderr
    assert _runs(workspace) == []
