"""Re-parsing the archive: only changed runs are rewritten, labels are never lost."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from data import open_warehouse
from data.serp_store import SerpResultRecord, SerpRunRecord, write_serp_runs
from data.writes import ClientRecord, QueryRecord, write_workspace_sync
from serpshield.reparse import reparse_runs

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures/serp/serper_json"
BODY = next(FIXTURE.glob("*.json")).read_bytes()
SLOT = datetime(2026, 11, 20, tzinfo=UTC)


def _seed(db: Path, results: tuple[SerpResultRecord, ...], status: str = "ok") -> None:
    with open_warehouse(db) as con:
        write_workspace_sync(
            con, [ClientRecord("acme", "Acme", "en", 1)],
            [QueryRecord("acme", "apple inc.", "google", "us", "en", None, "desktop", None, ())],
            [], synced_at=SLOT, actor="t",
        )  # fmt: skip
        error = None if status == "ok" else "parse error: old"
        run = SerpRunRecord(
            1, "serper", 1, SLOT, SLOT, SLOT, status, error=error, payload=BODY, results=results
        )
        write_serp_runs(con, [run])


def _stored(db: Path) -> list[tuple[object, ...]]:
    with open_warehouse(db, read_only=True) as con:
        return con.execute(
            "SELECT r.status, s.position, s.url FROM serp_runs r LEFT JOIN serp_results s "
            "USING (run_id) WHERE s.result_type = 'organic' OR s.result_type IS NULL ORDER BY 2"
        ).fetchall()


def test_a_run_stored_by_an_old_broken_parser_is_repaired(db_path: Path) -> None:
    _seed(db_path, (), status="failed")
    report = reparse_runs(db_path)
    assert (report.examined, report.changed) == (1, 1)
    assert report.status_changes == {"failed -> ok": 1}
    rows = _stored(db_path)
    assert [r[1] for r in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[0][0] == "ok" and str(rows[0][2]).startswith("https://")
    again = reparse_runs(db_path)
    assert again.changed == 0, "a second re-parse finds nothing to change"


def test_scores_of_rewritten_results_are_dropped_for_rescoring(db_path: Path) -> None:
    wrong = (SerpResultRecord(1, "https://wrong.example/", "https://wrong.example/",
                              "wrong.example", "Wrong", ""),)  # fmt: skip
    _seed(db_path, wrong)
    with open_warehouse(db_path) as con:
        con.execute("INSERT INTO harm_scores (result_id, model_version, score, category, "
                    "scored_at) VALUES (1, 'v1', 0.9, 'leak', now())")  # fmt: skip
    report = reparse_runs(db_path)
    assert report.changed == 1
    with open_warehouse(db_path, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM harm_scores").fetchone() == (0,)
    assert "https://wrong.example/" not in {r[2] for r in _stored(db_path)}


def test_a_labelled_run_is_never_rewritten(db_path: Path) -> None:
    wrong = (SerpResultRecord(1, "https://wrong.example/", "https://wrong.example/",
                              "wrong.example", "Wrong", ""),)  # fmt: skip
    _seed(db_path, wrong)
    with open_warehouse(db_path) as con:
        con.execute("INSERT INTO labels (result_id, category, labelled_by, labelled_at) "
                    "VALUES (1, 'neutral', 'ana', now())")  # fmt: skip
    report = reparse_runs(db_path)
    assert report.changed == 0 and report.kept_labelled == [1]
    assert _stored(db_path) == [("ok", 1, "https://wrong.example/")]


@pytest.mark.parametrize("source", ["serper", "serpapi"])
def test_source_filter(db_path: Path, source: str) -> None:
    _seed(db_path, (), status="failed")
    report = reparse_runs(db_path, source=source)
    assert report.examined == (1 if source == "serper" else 0)
