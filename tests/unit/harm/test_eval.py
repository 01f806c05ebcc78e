"""Evaluating the harm model: grouped folds, audited quality, false positives, the loaders, and
the quality gates on the shipped training data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bench.harm import synthetic_results
from models.harm import CATEGORIES, INPUT_COLUMNS, HarmModel
from models.harm_eval import (
    audited_quality,
    confusion_table,
    evaluate_grouped,
    false_positive_rate,
    grouped_splits,
    load_shared_real_results,
    load_training_data,
)

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = ROOT / "data" / "reference" / "harm_training.csv"
FIXTURES = ROOT / "tests" / "fixtures" / "serp"


Training = tuple[pd.DataFrame, list[str], list[str]]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Training:
    path = tmp_path_factory.mktemp("eval") / "harm_training.csv"
    synthetic_results(n_subjects=30, per_subject=16, seed=2).to_csv(path, index=False)
    return load_training_data(path)


def test_grouped_folds_never_put_a_subject_on_both_sides() -> None:
    data = synthetic_results(n_subjects=25, per_subject=9, seed=3)
    folds = grouped_splits(list(data["category"]), list(data["subject"]), n_splits=5)
    assert len(folds) == 5
    subjects = data["subject"].to_numpy()
    tested = np.concatenate([test for _, test in folds])
    assert sorted(tested.tolist()) == list(range(len(data))), "every row is tested exactly once"
    for train, test in folds:
        assert not set(subjects[train]) & set(subjects[test])


def test_grouped_evaluation_reports_every_figure(synthetic: Training) -> None:
    frame, categories, groups = synthetic
    report = evaluate_grouped(frame, categories, groups, n_splits=3)
    assert 0.0 <= report.roc_auc <= 1.0 and 0.0 <= report.macro_f1 <= 1.0
    assert report.roc_auc > 0.9, "the synthetic families are easy to tell apart"
    assert list(report.per_category.index) == [c for c in CATEGORIES if c in set(categories)]
    assert list(report.per_category.columns) == ["precision", "recall", "f1", "support"]
    assert report.per_category["support"].sum() == len(frame)
    assert report.confusion.to_numpy().sum() == len(frame)
    assert (report.confusion.sum(axis=1) == report.per_category["support"]).all()
    assert report.n_groups == 30 and report.n_splits == 3 and len(report.fold_roc_auc) == 3
    assert report.as_dict()["per_category"]["leak"]["support"] == categories.count("leak")


def test_false_positive_rate_counts_scores_at_or_above_the_threshold(synthetic: Training) -> None:
    frame, categories, groups = synthetic
    model = HarmModel().fit(frame, categories, groups)
    harmful = frame[[c in {"leak", "ncii"} for c in categories]]
    assert false_positive_rate(model, harmful) > 0.9
    assert false_positive_rate(model, harmful, threshold=1.01) == 0.0
    with pytest.raises(ValueError, match="no results"):
        false_positive_rate(model, frame.iloc[:0])


def test_audited_quality_intervals_hold_the_estimate_and_shrink_with_data() -> None:
    rng = np.random.default_rng(0)
    labels = np.array(["leak", "neutral", "complaint"])

    def sample(n: int) -> tuple[list[str], list[str]]:
        true = rng.choice(labels, n)
        wrong = rng.random(n) < 0.2
        predicted = np.where(wrong, rng.choice(labels, n), true)
        return true.tolist(), predicted.tolist()

    small = audited_quality(*sample(60), n_boot=500)
    large = audited_quality(*sample(3000), n_boot=500)
    for table in (small, large):
        for metric in ("precision", "recall", "f1"):
            assert (table[f"{metric}_ci_low"] <= table[metric]).all()
            assert (table[metric] <= table[f"{metric}_ci_high"]).all()
    width = {name: t["f1_ci_high"] - t["f1_ci_low"] for name, t in (("s", small), ("l", large))}
    assert (width["l"] < width["s"] / 3).all()
    assert set(large.index) == set(labels) and large["support"].sum() == 3000


def test_audited_quality_is_exact_when_perfect_and_nan_when_undefined() -> None:
    table = audited_quality(["leak", "leak", "neutral"], ["leak", "leak", "neutral"], n_boot=50)
    assert (table[["precision", "recall", "f1"]] == 1.0).all().all()
    table = audited_quality(["leak", "neutral"], ["neutral", "neutral"], n_boot=50)
    precision, recall = table.loc["leak", ["precision", "recall"]].to_numpy(dtype=float)
    assert np.isnan(precision) and recall == 0.0
    with pytest.raises(ValueError):
        audited_quality(["leak"], [], n_boot=10)
    confusion = confusion_table(["leak", "ncii"], ["ncii", "ncii"])
    assert confusion.loc["leak", "ncii"] == 1 and confusion.to_numpy().sum() == 2


def test_training_data_loader_checks_header_and_categories(tmp_path: Path) -> None:
    data = synthetic_results(n_subjects=2, per_subject=8)
    path = tmp_path / "t.csv"
    data.to_csv(path, index=False)
    frame, categories, groups = load_training_data(path)
    assert set(INPUT_COLUMNS) <= set(frame.columns)
    assert frame["owned"].tolist() == (data["domain_category"] == "owned").tolist()
    assert categories == data["category"].tolist() and groups == data["subject"].tolist()
    data.loc[3, "category"] = "gossip"
    data.to_csv(path, index=False)
    with pytest.raises(ValueError, match="line"):
        load_training_data(path)
    data.drop(columns=["subject"]).to_csv(path, index=False)
    with pytest.raises(ValueError, match="missing columns"):
        load_training_data(path)


def test_shared_real_results_are_read_from_every_fixture_layout() -> None:
    real = load_shared_real_results(FIXTURES)
    assert list(real.columns) == [*INPUT_COLUMNS, "source"]
    assert len(real) == 311
    folders = {s.split("/")[0] for s in real["source"]}
    assert folders == {
        "bing_html", "brave_json", "ddg_html", "google_cse_json", "google_html", "searxng_json",
        "serpapi_json", "serper_json",
    }  # fmt: skip
    assert (real["domain_category"] == "unknown").all() and not real["owned"].any()
    assert real["title"].str.len().min() > 0 and real["url"].str.startswith("http").all()
    assert not real["snippet"].str.contains("<strong>").any()
    constructed = load_shared_real_results(FIXTURES, include_constructed=True)
    assert len(constructed) == len(real) + 7


@pytest.mark.skipif(not SHIPPED.exists(), reason="data/reference/harm_training.csv not shipped yet")
def test_the_shipped_model_meets_the_quality_gates() -> None:
    """The issue's targets, on the shipped labels: grouped CV ROC AUC >= 0.95, macro-F1 >= 0.85,
    and at most 2% of the shared real (harmless) results flagged at 0.5."""
    frame, categories, groups = load_training_data(SHIPPED)
    assert len(frame) >= 1500 and len(set(groups)) >= 120
    report = evaluate_grouped(frame, categories, groups)
    assert report.roc_auc >= 0.95, report.as_dict()
    assert report.macro_f1 >= 0.85, report.per_category
    model = HarmModel().fit(frame, categories, groups)
    assert false_positive_rate(model, load_shared_real_results(FIXTURES)) <= 0.02
