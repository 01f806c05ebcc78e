"""Harm commands: ``score``, ``harm`` (JSON lines on stdin), ``label``, ``model train|evaluate|
review``."""

from __future__ import annotations

import json
import sys

import click
from rich.table import Table
from rich.text import Text

from models.harm import CATEGORIES
from models.harm_explain import describe_reason
from serpshield.cli_common import EXIT_INVALID, err, fail, out, pass_workspace
from serpshield.harm_jobs import (
    NoModelError,
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
