"""Importing leaks, notices and Search Console exports through the CLI, into the warehouse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from data import open_warehouse
from serpshield.cli import cli

IMPORTS = Path(__file__).resolve().parents[2] / "fixtures" / "imports"


def run(ws: Path, *args: str) -> Result:
    env = {"SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": ""}
    return CliRunner().invoke(cli, ["-w", str(ws), *args], env=env, catch_exceptions=False)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    assert (
        CliRunner().invoke(cli, ["init", str(tmp_path)], env={"SERPSHIELD_DB": ""}).exit_code == 0
    )
    return tmp_path


def counts(ws: Path) -> tuple[int, int, int]:
    with open_warehouse(ws / "data/serpshield.duckdb", read_only=True) as con:
        row = con.execute(
            "SELECT (SELECT count(*) FROM leak_urls), (SELECT count(*) FROM url_events), "
            "(SELECT count(*) FROM clients)"
        ).fetchone()
    assert row is not None
    return row


def test_a_french_excel_notices_export_needs_its_clients(ws: Path) -> None:
    refused = run(ws, "import", "notices", str(IMPORTS / "notices_fr_excel.csv"))
    assert refused.exit_code == 2
    assert "unknown client" in refused.stderr and "alice-m" in refused.stderr
    assert counts(ws)[:2] == (0, 0)


def test_a_french_excel_notices_export_imports_once(ws: Path) -> None:
    first = run(ws, "import", "notices", "--create-clients", str(IMPORTS / "notices_fr_excel.csv"))
    assert first.exit_code == 0, first.output
    urls, events, _ = counts(ws)
    assert urls >= 2 and events >= 4
    assert "created client alice-m" in first.stderr
    again = run(ws, "import", "notices", "--create-clients", str(IMPORTS / "notices_fr_excel.csv"))
    assert again.exit_code == 0
    assert counts(ws)[:2] == (urls, events), "re-importing the same file changes nothing"
    listed = {r["url"]: r["state"] for r in json.loads(run(ws, "leaks", "list", "--json").stdout)}
    assert listed["https://forum.example/t/1234"] == "delisted"  # removed by host, then by Google
    assert listed["https://tube.example/v/abc"] == "noticed"


def test_bad_rows_block_the_whole_file_with_their_line_numbers(ws: Path) -> None:
    result = run(ws, "import", "notices", "--create-clients", str(IMPORTS / "notices_bad_rows.csv"))
    assert result.exit_code == 2
    lines = [x for x in result.stderr.splitlines() if "notices_bad_rows.csv:" in x]
    assert len(lines) >= 5
    assert all(x.split(":")[1].strip().isdigit() for x in lines if x.startswith(str(IMPORTS)))
    assert counts(ws)[:2] == (0, 0)
    skipped = run(ws, "import", "notices", "--create-clients", "--skip-invalid",
                  str(IMPORTS / "notices_bad_rows.csv"))  # fmt: skip
    assert skipped.exit_code == 0, skipped.output
    assert counts(ws)[0] >= 1


def test_search_console_export_is_stored_once(ws: Path) -> None:
    first = run(ws, "import", "gsc", "--client", "lea-fit", str(IMPORTS / "gsc_en_queries.csv"))
    assert first.exit_code == 0, first.output
    with open_warehouse(ws / "data/serpshield.duckdb", read_only=True) as con:
        rows = con.execute("SELECT query, clicks, impressions, ctr, position FROM gsc_rows "
                           "ORDER BY line").fetchall()  # fmt: skip
    assert rows[0] == ("alice martin", 120, 1500, pytest.approx(0.08), pytest.approx(2.1))
    again = run(ws, "import", "gsc", "--client", "lea-fit", str(IMPORTS / "gsc_en_queries.csv"))
    assert again.exit_code == 0
    with open_warehouse(ws / "data/serpshield.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*) FROM gsc_rows").fetchone() == (len(rows),)


def test_imports_are_audited_with_the_file_hash_not_its_urls(ws: Path) -> None:
    run(ws, "import", "notices", "--create-clients", str(IMPORTS / "notices_en_bom.csv"))
    with open_warehouse(ws / "data/serpshield.duckdb", read_only=True) as con:
        audit = con.execute("SELECT action, subject, details FROM audit_log "
                            "WHERE action = 'import_notices'").fetchall()  # fmt: skip
    assert len(audit) == 1 and audit[0][1].startswith("file:")
    assert "forum.example" not in str(audit)
