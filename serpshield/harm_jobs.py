"""Harm jobs: train and evaluate the model, score stored results, label them, score stdin.

Models live in the workspace's ``artifacts/models`` folder and are loaded only from there (a
model file is code when unpickled). The current model is named in ``artifacts/models/CURRENT``.
Training uses the labelled data shipped with serpshield plus the workspace's human labels,
which override the shipped examples they contradict simply by being more specific data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from data import open_warehouse
from data.harm_store import (
    iter_results_to_score,
    load_audited_predictions,
    load_labelled_results,
    load_review_queue,
    write_harm_scores,
    write_label,
)
from data.writes import write_audit
from models.harm import CATEGORIES, HarmModel
from models.harm_artifact import load_model, save_model
from models.harm_eval import (
    EvaluationReport,
    audited_quality,
    confusion_table,
    evaluate_grouped,
    false_positive_rate,
)
from serpshield.workspace import current_actor

CURRENT = "CURRENT"


class NoModelError(Exception):
    """The workspace has no trained model yet."""


def artifacts_dir(workspace: Path) -> Path:
    """Where the workspace keeps its trained models."""
    return workspace / "artifacts" / "models"


def shipped_training() -> tuple[pd.DataFrame, list[str], list[str]]:
    """The labelled examples shipped with serpshield: (inputs, categories, subject groups)."""
    path = resources.files("data.reference") / "harm_training.csv"
    frame = pd.read_csv(str(path), keep_default_na=False)
    frame["owned"] = frame["domain_category"] == "owned"
    frame["position"] = pd.to_numeric(frame["position"], errors="coerce")
    return frame, list(frame["category"]), list(frame["subject"])


def real_results() -> pd.DataFrame:
    """Real organic results, none about our clients: the false-positive yardstick."""
    path = resources.files("data.reference") / "real_results.csv"
    frame = pd.read_csv(str(path), keep_default_na=False)
    return frame.assign(domain_category="unknown", owned=False, query="")


def training_set(db_path: Path | None) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Shipped examples plus the workspace's labels (grouped by client)."""
    frame, categories, groups = shipped_training()
    if db_path is not None and db_path.exists():
        with open_warehouse(db_path, read_only=True) as con:
            labelled = load_labelled_results(con)
        if len(labelled):
            frame = pd.concat([frame, labelled], ignore_index=True)
            categories += list(labelled["category"])
            groups += [f"client:{c}" for c in labelled["client"]]
    return frame, categories, groups


@dataclass(frozen=True)
class TrainReport:
    """The trained model's version, file and the training set's size."""

    version: str
    path: Path
    examples: int
    labels: int
    false_positive_rate: float


def train_model(workspace: Path, db_path: Path) -> TrainReport:
    """Fit on shipped data plus labels, save the artifact and make it current."""
    frame, categories, groups = training_set(db_path)
    model = HarmModel().fit(frame, categories, groups)
    fpr = false_positive_rate(model, real_results())
    metrics = {"examples": len(frame), "false_positive_rate": fpr}
    path = save_model(model, artifacts_dir(workspace), metrics)
    (artifacts_dir(workspace) / CURRENT).write_text(path.name + "\n", encoding="utf-8")
    shipped = len(shipped_training()[0])
    if db_path.exists():
        with open_warehouse(db_path) as con:
            details = f"{len(frame)} examples, {len(frame) - shipped} workspace labels"
            write_audit(con, datetime.now(UTC), current_actor(), "model_train", model.version_,
                        details)  # fmt: skip
    return TrainReport(model.version_, path, len(frame), len(frame) - shipped, fpr)


def current_model(workspace: Path) -> HarmModel:
    """The workspace's current model; ``NoModelError`` when none was trained."""
    pointer = artifacts_dir(workspace) / CURRENT
    if not pointer.exists():
        raise NoModelError("no trained model in this workspace: run `serpshield model train`")
    name = pointer.read_text(encoding="utf-8").strip()
    return load_model(artifacts_dir(workspace) / name, workspace_artifacts=artifacts_dir(workspace))


def evaluate(db_path: Path | None) -> tuple[EvaluationReport, float]:
    """Grouped cross-validation on shipped data plus labels, and the false-positive rate of a
    model fitted on all of it, measured on the real results."""
    frame, categories, groups = training_set(db_path)
    report = evaluate_grouped(frame, categories, groups)
    fpr = false_positive_rate(HarmModel().fit(frame, categories, groups), real_results())
    return report, fpr


def score_results(workspace: Path, db_path: Path, client: str | None = None) -> int:
    """Score every result not yet scored by the current model, batch by batch."""
    model = current_model(workspace)
    scored = 0
    with open_warehouse(db_path) as con:
        batches = list(iter_results_to_score(con, model.version_, client))
        for batch in batches:
            out = model.score(batch)
            scored += write_harm_scores(
                con, list(batch["result_id"]), list(out["harm"]), list(out["category"]),
                list(out["reasons"]), version=model.version_, at=datetime.now(UTC),
            )  # fmt: skip
    return scored


def label_result(db_path: Path, result_id: int, category: str) -> None:
    """Store a person's label (audited); it counts at the next `model train`."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r} (one of {', '.join(CATEGORIES)})")
    now, actor = datetime.now(UTC), current_actor()
    with open_warehouse(db_path) as con:
        write_label(con, result_id, category, actor, now)
        write_audit(con, now, actor, "label", f"result:{result_id}", category)


def review_queue(workspace: Path, db_path: Path, client: str | None, limit: int) -> pd.DataFrame:
    """Unlabelled results the current model is least sure about."""
    model = current_model(workspace)
    with open_warehouse(db_path, read_only=True) as con:
        return load_review_queue(con, model.version_, client, limit)


def model_for_stdin(workspace: Path) -> tuple[HarmModel, bool]:
    """The current model, or one fitted now on the shipped data when the workspace has none
    (returned with True, so the caller can say so)."""
    try:
        return current_model(workspace), False
    except NoModelError:
        frame, categories, _ = shipped_training()
        return HarmModel().fit(frame, categories), True


def score_lines(model: HarmModel, items: list[dict[str, Any]]) -> pd.DataFrame:
    """Score JSON-lines inputs (title, snippet, url, optional query)."""
    frame = pd.DataFrame(
        {
            "title": [str(i.get("title") or "") for i in items],
            "snippet": [str(i.get("snippet") or "") for i in items],
            "url": [str(i.get("url") or "") for i in items],
            "query": [str(i.get("query") or "") for i in items],
            "domain_category": "unknown",
            "owned": False,
            "position": float("nan"),
        }
    )
    return model.score(frame)


@dataclass(frozen=True)
class AuditReport:
    """How the model did on the results people labelled: per-category quality with 95%
    bootstrap intervals, the confusion matrix, and how many labels could not be audited
    because no model had scored the result before it was labelled."""

    quality: pd.DataFrame
    confusion: pd.DataFrame
    audited: int
    unaudited: int
    model_versions: tuple[str, ...]


def audit_quality(db_path: Path, client: str | None = None) -> AuditReport | None:
    """Audited quality on human labels (None when nothing can be audited yet)."""
    with open_warehouse(db_path, read_only=True) as con:
        frame = load_audited_predictions(con, client)
    scored = frame[frame["predicted_category"].notna()]
    if scored.empty:
        return None
    true, predicted = list(scored["true_category"]), list(scored["predicted_category"])
    return AuditReport(
        quality=audited_quality(true, predicted),
        confusion=confusion_table(true, predicted),
        audited=len(scored),
        unaudited=len(frame) - len(scored),
        model_versions=tuple(sorted(set(scored["model_version"]))),
    )
