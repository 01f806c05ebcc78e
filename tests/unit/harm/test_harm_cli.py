"""The harm commands as a person uses them: JSON lines on stdin, train, score, label."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner, Result

from data import open_warehouse
from data.serp_store import SerpResultRecord, SerpRunRecord, write_serp_runs
from serpshield.cli import cli

AT = datetime(2026, 11, 3, 6, tzinfo=UTC)
LINES = (
    '{"title": "Léa Fit full pack mega gratuit", "snippet": "tout le contenu exclusif", '
    '"url": "https://leakzone.example/t/1"}\n'
    '{"title": "Coffee - Wikipedia", "snippet": "Coffee is a beverage", '
    '"url": "https://en.wikipedia.org/wiki/Coffee"}\n'
)


def run(ws: Path, *args: str, stdin: str | None = None) -> Result:
    env = {"SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": ""}
    return CliRunner().invoke(cli, ["-w", str(ws), *args], input=stdin, env=env,
                              catch_exceptions=False)  # fmt: skip


def test_harm_reads_json_lines_and_explains_in_words(tmp_path: Path) -> None:
    result = run(tmp_path, "harm", "--lang", "fr", stdin=LINES)
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert rows[0]["category"] in {"leak", "ncii"} and rows[0]["harm"] > 0.5
    assert rows[1]["harm"] < 0.5
    assert all(isinstance(r, str) and "__" not in r for r in rows[0]["reasons"])
    assert not any("position 0" in r for row in rows for r in row["reasons"])


def test_harm_names_a_bad_line(tmp_path: Path) -> None:
    result = run(tmp_path, "harm", stdin='{"title": "ok"}\nnot json\n')
    assert result.exit_code == 2 and "stdin line 2" in result.stderr


def test_train_score_label(tmp_path: Path) -> None:
    assert (
        CliRunner().invoke(cli, ["init", str(tmp_path)], env={"SERPSHIELD_DB": ""}).exit_code == 0
    )
    db = tmp_path / "data/serpshield.duckdb"
    results = (
        SerpResultRecord(1, "https://leafit.example/", "https://leafit.example/", "leafit.example",
                         "Léa Fit – site officiel", "Programmes et coaching"),
        SerpResultRecord(2, "https://leakzone.example/t/9", "https://leakzone.example/t/9",
                         "leakzone.example", "Lea Fit full pack (mega)", "tout le contenu"),
    )  # fmt: skip
    with open_warehouse(db) as con:
        write_serp_runs(con, [SerpRunRecord(1, "serpapi", 1, AT, AT, AT, "ok", payload=b"{}",
                                            results=results)])  # fmt: skip
    assert run(tmp_path, "score").exit_code == 1, "no model yet: says to train first"
    trained = run(tmp_path, "model", "train")
    assert trained.exit_code == 0, trained.output
    scored = run(tmp_path, "score")
    assert scored.exit_code == 0 and "2 results scored" in scored.output
    assert "0 results scored" in run(tmp_path, "score").output
    with open_warehouse(db, read_only=True) as con:
        scores = dict(con.execute("SELECT result_id, score FROM harm_scores").fetchall())
    assert scores[1] == 0.0, "an owned domain is never harmful"
    assert scores[2] >= 0.9, "a declared leak domain scores at least 0.9"
    assert run(tmp_path, "label", "2", "leak").exit_code == 0
    assert run(tmp_path, "label", "99", "leak").exit_code == 2
