"""`model audit`: quality on human labels, against what the model said before the label."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner, Result

from data import open_warehouse
from data.serp_store import SerpResultRecord, SerpRunRecord, write_serp_runs
from serpshield.cli import cli

AT = datetime(2026, 11, 3, 6, tzinfo=UTC)
#: result id -> (score the model stored before the label, its category, the person's label)
CASES = {
    1: (0.95, "leak", "leak"),
    2: (0.10, "neutral", "leak"),
    3: (0.05, "neutral", "neutral"),
    4: (0.80, "leak", "positive"),
    5: (0.20, "neutral", "neutral"),
}


def run(ws: Path, *args: str) -> Result:
    env = {"SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": ""}
    return CliRunner().invoke(cli, ["-w", str(ws), *args], env=env, catch_exceptions=False)


def _workspace(tmp_path: Path) -> Path:
    assert (
        CliRunner().invoke(cli, ["init", str(tmp_path)], env={"SERPSHIELD_DB": ""}).exit_code == 0
    )
    db = tmp_path / "data/serpshield.duckdb"
    results = tuple(
        SerpResultRecord(i, f"https://site{i}.example/", f"https://site{i}.example/",
                         f"site{i}.example", f"title {i}", "snippet")
        for i in range(1, 8)
    )  # fmt: skip
    with open_warehouse(db) as con:
        write_serp_runs(con, [SerpRunRecord(1, "serpapi", 1, AT, AT, AT, "ok", payload=b"{}",
                                            results=results)])  # fmt: skip
        ids = dict(con.execute("SELECT position, result_id FROM serp_results").fetchall())
        scored, labelled = AT + timedelta(hours=1), AT + timedelta(hours=2)
        for position, (score, predicted, true) in CASES.items():
            con.execute("INSERT INTO harm_scores (result_id, model_version, score, category, "
                        "scored_at) VALUES (?, 'v1', ?, ?, ?)",
                        [ids[position], score, predicted, scored])  # fmt: skip
            con.execute("INSERT INTO labels (result_id, category, labelled_by, labelled_at) "
                        "VALUES (?, ?, 'ana', ?)", [ids[position], true, labelled])  # fmt: skip
        # Scored by a newer model AFTER the label (it learned from it): must not be audited.
        con.execute("INSERT INTO harm_scores (result_id, model_version, score, category, "
                    "scored_at) VALUES (?, 'v2', 0.9, 'leak', ?)",
                    [ids[2], labelled + timedelta(hours=1)])  # fmt: skip
        # Labelled with no score before: counted apart, not audited.
        con.execute("INSERT INTO labels (result_id, category, labelled_by, labelled_at) "
                    "VALUES (?, 'leak', 'ana', ?)", [ids[6], labelled])  # fmt: skip
    return tmp_path


def test_audit_measures_the_predictions_people_corrected(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    result = run(ws, "model", "audit", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["audited"] == 5 and report["unaudited"] == 1
    assert report["model_versions"] == ["v1"]
    leak = report["per_category"]["leak"]
    assert leak["precision"] == 0.5 and leak["recall"] == 0.5 and leak["support"] == 2
    neutral = report["per_category"]["neutral"]
    assert neutral["precision"] == round(2 / 3, 4) and neutral["recall"] == 1.0
    assert report["per_category"]["positive"]["recall"] == 0.0
    assert report["per_category"]["positive"]["precision"] is None, "never predicted: undefined"
    for row in report["per_category"].values():
        for metric in ("precision", "recall", "f1"):
            if row[metric] is not None:
                assert 0 <= row[f"{metric}_ci_low"] <= row[metric] <= row[f"{metric}_ci_high"] <= 1
    confusion = report["confusion"]
    assert confusion["leak"] == {"leak": 1, "neutral": 1, "positive": 0}
    assert confusion["positive"]["leak"] == 1 and confusion["neutral"]["neutral"] == 2


def test_audit_prints_tables_and_refuses_when_nothing_is_audited(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    text = run(ws, "model", "audit").output
    assert "5 labelled results audited" in text and "95% CI" in text and "label" in text
    assert "0.50 [" in text
    empty = run(ws, "model", "audit", "--client", "nordlys")
    assert empty.exit_code == 2 and "model review" in empty.stderr
