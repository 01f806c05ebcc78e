"""Harm commands: ``score``, ``harm`` (JSON lines on stdin), ``label``, ``model train|evaluate|
review|audit``."""

from __future__ import annotations

import json
import math
import sys

import click
import pandas as pd
from rich.table import Table
from rich.text import Text

from models.harm import CATEGORIES
from models.harm_explain import describe_reason
from serpshield.cli_common import EXIT_INVALID, err, fail, out, pass_workspace
from serpshield.harm_jobs import (
    AuditReport,
    NoModelError,
    audit_quality,
    evaluate,
    label_result,
    model_for_stdin,
    review_queue,
    score_lines,
    score_results,
    train_model,
)
from serpshield.workspace import Workspace


@click.command()
@click.option("--client", "-c", default=None, help="Only this client's results.")
@pass_workspace
def score(ws: Workspace, client: str | None) -> None:
    """Score every stored result the current model has not scored yet (in batches)."""
    try:
        count = score_results(ws.root, ws.db, client)
    except NoModelError as exc:
        fail(str(exc))
    out.print(f"{count} results scored.")


@click.command()
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True,
              help="Language of the reasons.")  # fmt: skip
@pass_workspace
def harm(ws: Workspace, lang: str) -> None:
    """Score JSON lines from stdin, each {"title", "snippet", "url"} with an optional "query";
    print one line per input: {"harm", "category", "reasons"}."""
    items = []
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError as exc:
            fail(f"stdin line {number}: not JSON ({exc})", EXIT_INVALID)
        if not isinstance(item, dict):
            fail(f"stdin line {number}: expected an object with title, snippet, url", EXIT_INVALID)
        items.append(item)
    model, fitted_now = model_for_stdin(ws.root)
    if fitted_now:
        err.print("no trained model in this workspace: using one fitted now on the shipped data",
                  markup=False)  # fmt: skip
    if not items:
        return
    scored = score_lines(model, items)
    for row in scored.to_dict("records"):
        reasons = [describe_reason(r, lang) for r in row["reasons"]]
        click.echo(json.dumps({"harm": round(float(row["harm"]), 6), "category": row["category"],
                               "reasons": reasons}, ensure_ascii=False))  # fmt: skip


@click.command()
@click.argument("result_id", type=int)
@click.argument("category", type=click.Choice(CATEGORIES))
@pass_workspace
def label(ws: Workspace, result_id: int, category: str) -> None:
    """Label a search result by hand; the label wins over the model at the next train."""
    try:
        label_result(ws.db, result_id, category)
    except ValueError as exc:
        fail(str(exc), EXIT_INVALID)
    out.print(f"Result {result_id} labelled {category}.")


@click.group()
def model() -> None:
    """Train, evaluate and review the harm model."""


@model.command("train")
@pass_workspace
def model_train(ws: Workspace) -> None:
    """Fit the model on the shipped examples plus this workspace's labels and make it current."""
    report = train_model(ws.root, ws.db)
    out.print(f"Model {report.version} trained on {report.examples} examples "
              f"({report.labels} workspace labels); false-positive rate on real results "
              f"{report.false_positive_rate:.1%}. Saved to {report.path}.")  # fmt: skip


@model.command("evaluate")
@pass_workspace
def model_evaluate(ws: Workspace) -> None:
    """Grouped cross-validation (a subject never in both train and test) and the
    false-positive rate on real results."""
    report, fpr = evaluate(ws.db)
    out.print(f"ROC AUC (harmful vs not): {report.roc_auc:.3f}   macro-F1: {report.macro_f1:.3f}"
              f"   false-positive rate on real results: {fpr:.1%}")  # fmt: skip
    table = Table("category", "precision", "recall", "F1", "support")
    for row in report.per_category.itertuples():
        table.add_row(str(row.Index), f"{row.precision:.3f}", f"{row.recall:.3f}",
                      f"{row.f1:.3f}", str(row.support))  # fmt: skip
    out.print(table)


@model.command("review")
@click.option("--client", "-c", default=None, help="Only this client's results.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="How many results to propose.")  # fmt: skip
@pass_workspace
def model_review(ws: Workspace, client: str | None, limit: int) -> None:
    """The results the model is least sure about, to label first."""
    try:
        queue = review_queue(ws.root, ws.db, client, limit)
    except NoModelError as exc:
        fail(str(exc))
    table = Table("result", "client", "score", "model says", "title", "url")
    for r in queue.to_dict("records"):
        table.add_row(str(r["result_id"]), Text(str(r["client"])), f"{r['score']:.2f}",
                      str(r["category"]), Text(str(r["title"])), Text(str(r["url"])))  # fmt: skip
    out.print(table)


@model.command("audit")
@click.option("--client", "-c", default=None, help="Only this client's labelled results.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of tables.")
@pass_workspace
def model_audit(ws: Workspace, client: str | None, as_json: bool) -> None:
    """Audited quality: precision, recall and F1 per category with 95% confidence intervals,
    and the confusion matrix, on the results people labelled (against what the model said
    before they looked)."""
    report = audit_quality(ws.db, client)
    if report is None:
        fail("no labelled result was scored before its label: label results from "
             "`serpshield model review` first", EXIT_INVALID)  # fmt: skip
    if as_json:
        click.echo(json.dumps(_audit_json(report), ensure_ascii=False))
        return
    out.print(f"{report.audited} labelled results audited (model versions: "
              f"{', '.join(report.model_versions)}); {report.unaudited} labelled before any "
              "score, left out.")  # fmt: skip
    table = Table("category", "precision [95% CI]", "recall [95% CI]", "F1 [95% CI]", "labels")
    for cat, row in report.quality.iterrows():
        table.add_row(str(cat), *(_with_ci(row, m) for m in ("precision", "recall", "f1")),
                      str(int(row["support"])))  # fmt: skip
    out.print(table)
    matrix = Table("label \\ model", *map(str, report.confusion.columns))
    for cat, counts in report.confusion.iterrows():
        matrix.add_row(str(cat), *(str(int(v)) for v in counts))
    out.print(matrix)


def _with_ci(row: pd.Series, metric: str) -> str:
    values = [float(row[k]) for k in (metric, f"{metric}_ci_low", f"{metric}_ci_high")]
    if any(math.isnan(v) for v in values):  # NaN: undefined (no label or no prediction of the kind)
        return "-"
    return f"{values[0]:.2f} [{values[1]:.2f}, {values[2]:.2f}]"


def _audit_json(report: AuditReport) -> dict[str, object]:
    quality = {
        str(cat): {k: (None if v != v else round(float(v), 4)) for k, v in row.items()}
        for cat, row in report.quality.iterrows()
    }
    confusion = {
        str(cat): {str(k): int(v) for k, v in counts.items()}
        for cat, counts in report.confusion.iterrows()
    }
    return {"audited": report.audited, "unaudited": report.unaudited,
            "model_versions": list(report.model_versions), "per_category": quality,
            "confusion": confusion}  # fmt: skip
