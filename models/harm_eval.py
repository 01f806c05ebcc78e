"""How good the harm model is: grouped cross-validation, false alarms on real results, and the
audited quality of human-labelled results.

- ``evaluate_grouped``: out-of-fold scores from ``StratifiedGroupKFold`` (a subject's rows are
  all in the same test fold, never in both train and test); ROC AUC of harm for harmful vs
  not, macro-F1 over the categories present, per-category precision/recall/F1, confusion.
- ``false_positive_rate``: the share of results scoring ``harm >= threshold`` among results
  known to be harmless (``load_shared_real_results``: real pages about coffee, dog breeds...).
- ``audited_quality``: precision, recall and F1 per category with **percentile bootstrap**
  confidence intervals (results resampled with replacement ``n_boot`` times; a resample in
  which a metric is undefined, e.g. no result predicted in the category, is left out of that
  metric's interval).
"""

from __future__ import annotations

import html
import json
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support, roc_auc_score
from sklearn.model_selection import StratifiedGroupKFold

from models.harm import CATEGORIES, HARM_THRESHOLD, HARMFUL, INPUT_COLUMNS, HarmModel

TRAINING_HEADER = (
    "subject", "subject_kind", "lang", "query", "position", "url", "domain_category", "title",
    "snippet", "category",
)  # fmt: skip


@dataclass(frozen=True)
class EvaluationReport:
    """Grouped cross-validation figures (out-of-fold, pooled over the folds)."""

    roc_auc: float
    macro_f1: float
    per_category: pd.DataFrame  # index category: precision, recall, f1, support
    confusion: pd.DataFrame  # index true category, columns predicted category
    harmful_precision: float  # harmful vs not at harm >= 0.5
    harmful_recall: float
    n_rows: int
    n_groups: int
    n_splits: int
    fold_roc_auc: tuple[float, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        """Plain figures, for an artifact's metrics."""
        return {
            "roc_auc": self.roc_auc,
            "macro_f1": self.macro_f1,
            "harmful_precision": self.harmful_precision,
            "harmful_recall": self.harmful_recall,
            "n_rows": self.n_rows,
            "n_groups": self.n_groups,
            "n_splits": self.n_splits,
            "fold_roc_auc": list(self.fold_roc_auc),
            "per_category": self.per_category.to_dict(orient="index"),
        }


def grouped_splits(
    categories: Sequence[str], groups: Sequence[str], n_splits: int = 5, random_state: int = 0
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train rows, test rows) per fold; no group is ever on both sides of a fold."""
    splitter = StratifiedGroupKFold(n_splits, shuffle=True, random_state=random_state)
    labels = np.asarray(list(categories), dtype=object)
    return list(splitter.split(np.zeros(len(labels)), labels, groups=list(groups)))


def evaluate_grouped(
    frame: pd.DataFrame,
    categories: Sequence[str],
    groups: Sequence[str],
    *,
    n_splits: int = 5,
    random_state: int = 0,
    params: Mapping[str, Any] | None = None,
) -> EvaluationReport:
    """Fit ``HarmModel(**params)`` on each fold's training subjects, score its test subjects."""
    labels = np.asarray(list(categories), dtype=object)
    group_values = np.asarray(list(groups), dtype=object)
    harm = np.zeros(len(frame))
    predicted = np.empty(len(frame), dtype=object)
    fold_auc = []
    truth = np.isin(labels, list(HARMFUL))
    for train, test in grouped_splits(
        labels.tolist(), group_values.tolist(), n_splits, random_state
    ):
        model = HarmModel(**{"random_state": random_state, **dict(params or {})})
        model.fit(frame.iloc[train], labels[train].tolist(), group_values[train].tolist())
        out = model.score(frame.iloc[test])
        harm[test], predicted[test] = out["harm"].to_numpy(), out["category"].to_numpy()
        if truth[test].min() != truth[test].max():
            fold_auc.append(round(float(roc_auc_score(truth[test], harm[test])), 4))
    present = [c for c in CATEGORIES if c in set(labels)]
    precision, recall, f1, support = precision_recall_fscore_support(
        labels, predicted, labels=present, zero_division=0
    )
    per_category = pd.DataFrame(
        {"precision": precision, "recall": recall, "f1": f1, "support": support}, index=present
    )
    flagged = harm >= HARM_THRESHOLD
    return EvaluationReport(
        roc_auc=float(roc_auc_score(truth, harm)),
        macro_f1=float(np.mean(f1)),
        per_category=per_category,
        confusion=confusion_table(labels.tolist(), predicted.tolist()),
        harmful_precision=float((flagged & truth).sum() / max(flagged.sum(), 1)),
        harmful_recall=float((flagged & truth).sum() / max(truth.sum(), 1)),
        n_rows=len(frame),
        n_groups=len(set(group_values.tolist())),
        n_splits=n_splits,
        fold_roc_auc=tuple(fold_auc),
    )


def false_positive_rate(
    model: HarmModel, frame: pd.DataFrame, threshold: float = HARM_THRESHOLD
) -> float:
    """Share of ``frame`` (results known to be harmless) scoring ``harm >= threshold``."""
    if not len(frame):
        raise ValueError("no results to measure false positives on")
    return float((model.score(frame)["harm"] >= threshold).mean())


def confusion_table(true: Sequence[str], predicted: Sequence[str]) -> pd.DataFrame:
    """Counts of (true category, predicted category), categories in ``CATEGORIES`` order."""
    seen = set(true) | set(predicted)
    labels = [c for c in CATEGORIES if c in seen] + sorted(seen - set(CATEGORIES))
    counts = confusion_matrix(list(true), list(predicted), labels=labels)
    table = pd.DataFrame(counts, index=labels, columns=labels)
    table.index.name, table.columns.name = "true", "predicted"
    return table


def audited_quality(
    true: Sequence[str],
    predicted: Sequence[str],
    *,
    confidence: float = 0.95,
    n_boot: int = 1000,
    random_state: int = 0,
) -> pd.DataFrame:
    """Precision, recall and F1 per category of human-labelled results (``true``) against the
    model's categories, each with ``*_ci_low``/``*_ci_high`` (percentile bootstrap), and the
    support (true results of the category). Undefined figures are NaN."""
    if len(true) != len(predicted) or not len(true):
        raise ValueError("need as many predictions as labels, and at least one")
    table = confusion_table(true, predicted)
    labels = list(table.index)
    index = {c: i for i, c in enumerate(labels)}
    t = np.fromiter((index[c] for c in true), dtype=np.int64, count=len(true))
    p = np.fromiter((index[c] for c in predicted), dtype=np.int64, count=len(predicted))
    point = _metrics(t[None, :], p[None, :], len(labels))
    rng = np.random.default_rng(random_state)
    samples: list[np.ndarray] = []
    chunk = max(1, 2_000_000 // len(t))  # resamples at a time, to bound memory
    for start in range(0, n_boot, chunk):
        rows = rng.integers(0, len(t), size=(min(chunk, n_boot - start), len(t)))
        samples.append(_metrics(t[rows], p[rows], len(labels)))
    boot = np.concatenate(samples, axis=1)  # metric x resample x category
    alpha = (1.0 - confidence) / 2
    with warnings.catch_warnings():  # "All-NaN slice": a category never defined in a resample
        warnings.simplefilter("ignore", RuntimeWarning)
        low, high = np.nanquantile(boot, [alpha, 1 - alpha], axis=1)
    out = pd.DataFrame(index=pd.Index(labels, name="category"))
    for m, name in enumerate(("precision", "recall", "f1")):
        out[name], out[f"{name}_ci_low"], out[f"{name}_ci_high"] = point[m, 0], low[m], high[m]
    out["support"] = np.bincount(t, minlength=len(labels))
    return out


def _metrics(true: np.ndarray, predicted: np.ndarray, k: int) -> np.ndarray:
    """Precision, recall, F1 per (resample row, category): array of shape 3 x rows x k."""
    n = true.shape[0]
    offset = (np.arange(n) * k)[:, None]
    size = n * k
    true_count = np.bincount((offset + true).ravel(), minlength=size).reshape(n, k)
    pred_count = np.bincount((offset + predicted).ravel(), minlength=size).reshape(n, k)
    hit = (offset + true)[true == predicted]
    tp = np.bincount(hit, minlength=size).reshape(n, k).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(pred_count > 0, tp / pred_count, np.nan)
        recall = np.where(true_count > 0, tp / true_count, np.nan)
        f1 = np.where(true_count + pred_count > 0, 2 * tp / (true_count + pred_count), np.nan)
    return np.stack([precision, recall, f1])


def load_training_data(path: Path | str) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The labelled CSV (``TRAINING_HEADER``): model inputs (``INPUT_COLUMNS`` and ``lang``,
    ``owned`` = the domain is declared "owned"), categories, and subjects as groups.
    ``ValueError`` naming the lines of unknown categories or a wrong header."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in TRAINING_HEADER if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    bad = np.flatnonzero(~frame["category"].isin(CATEGORIES).to_numpy())
    if len(bad):
        lines = ", ".join(str(i + 2) for i in bad[:10])
        raise ValueError(f"{path}: unknown category on line(s) {lines}")
    inputs = frame[["title", "snippet", "url", "domain_category", "query", "lang"]].copy()
    inputs["owned"] = frame["domain_category"] == "owned"
    inputs["position"] = pd.to_numeric(frame["position"], errors="coerce")
    return inputs, frame["category"].tolist(), frame["subject"].tolist()


_TAG = re.compile(r"<[^>]+>")
# (key of the result list, how to reach it, url key, snippet key) per API response layout
_LAYOUTS = (
    ("organic_results", ("organic_results",), "link", "snippet"),  # SerpApi
    ("organic", ("organic",), "link", "snippet"),  # Serper
    ("items", ("items",), "link", "snippet"),  # Google Custom Search
    ("results", ("results",), "url", "content"),  # SearXNG
    ("web", ("web", "results"), "url", "description"),  # Brave
)


def load_shared_real_results(
    fixtures_dir: Path | str, *, include_constructed: bool = False
) -> pd.DataFrame:
    """Organic results of the real pages and responses in ``fixtures_dir`` (tests/fixtures/serp):
    harmless for our fictional clients, so every flag on them is a false positive.

    Read: every ``*.expected.json`` (the organic results of an HTML page: position, title, url;
    no snippet), and in the API responses SerpApi ``organic_results`` and Serper ``organic``
    (link, snippet, position), Google CSE ``items`` (link, snippet), SearXNG ``results`` (url,
    content) and Brave ``web.results`` (url, description). DataForSEO ``tasks[].result[].items``
    of type "organic" (url, description, rank_group) only with ``include_constructed``: the one
    such fixture was written by hand. Files whose name says "constructed" are skipped unless
    ``include_constructed``. HTML tags and entities are removed from titles and snippets.
    Columns: ``INPUT_COLUMNS`` (domain_category "unknown", owned False) and ``source`` (file).
    """
    root = Path(fixtures_dir)
    rows: list[dict[str, object]] = []
    for path in sorted(root.rglob("*.json")):
        constructed = "constructed" in path.name.lower()
        if constructed and not include_constructed:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        source = path.relative_to(root).as_posix()
        for position, title, url, snippet in _organic(data):
            rows.append({"source": source, "position": position, "title": _clean(title),
                         "url": str(url or ""), "snippet": _clean(snippet)})  # fmt: skip
    frame = pd.DataFrame(rows, columns=["source", "position", "title", "url", "snippet"])
    frame["position"] = pd.to_numeric(frame["position"], errors="coerce")
    frame = frame.assign(domain_category="unknown", owned=False, query="")
    return frame[[*INPUT_COLUMNS, "source"]]


def _organic(data: Any) -> list[tuple[object, object, object, object]]:
    """(position, title, url, snippet) of the organic results of one fixture file."""
    if isinstance(data, list):  # *.expected.json
        return [(r.get("position"), r.get("title"), r.get("url"), r.get("snippet", ""))
                for r in data if isinstance(r, dict)]  # fmt: skip
    if not isinstance(data, dict):
        return []
    if "tasks" in data:  # DataForSEO
        items = [i for t in data["tasks"] or [] for r in t.get("result") or []
                 for i in r.get("items") or [] if i.get("type") == "organic"]  # fmt: skip
        return [(i.get("rank_group"), i.get("title"), i.get("url"), i.get("description"))
                for i in items]  # fmt: skip
    for key, route, url_key, snippet_key in _LAYOUTS:
        if key in data:
            found: Any = data
            for step in route:
                found = found.get(step) if isinstance(found, dict) else None
            return [(r.get("position", n), r.get("title"), r.get(url_key), r.get(snippet_key))
                    for n, r in enumerate(found or [], start=1)]  # fmt: skip
    return []


def _clean(text: object) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", str(text or ""))).split())
