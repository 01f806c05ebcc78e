"""Harm scores of search results: a calibrated linear model, the client's rules, and reasons.

Every result gets ``harm`` (the calibrated probability that it is harmful, in [0, 1]), a
``category`` (one of ``CATEGORIES``) and ``reasons`` (``models.harm_explain``).

Features (``HarmFeatures``): word 1-2-gram and character 3-5-gram TF-IDF of title and snippet,
word tokens of the URL (host, path, query), and the structured block (the domain's category as
the client declared it, the owned flag, the position). The harm regression reads only *evidence
of harm* (``EvidenceClassifier``): text features at least ``evidence_ratio`` times as common among
harmful training results as among harmless ones, plus the structured block, so a result in which
nothing looks harmful scores low instead of halfway between the classes. Its decision value is
Platt-calibrated on out-of-fold values (folds grouped by subject when groups are given), then
re-based from the training share of harmful results (about half, by design) to ``prior``, the
share expected among a client's real results: + logit(prior) - logit(training share). A
multinomial regression gives the category: the likeliest harmful one when ``harm >= 0.5``, else
the likeliest harmless one. The client's rules win over the model: an owned domain is never
harmful (harm 0, category "owned"); a declared leak domain ("leak_forum") scores at least 0.9,
category "leak" unless the model says "ncii". ``SEVERITY`` ranks harmful categories for takedowns.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp  # type: ignore[import-untyped]
import sklearn
from scipy.special import expit, logit, softmax  # type: ignore[import-untyped]
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from models.harm_explain import REASON_KEYS as REASON_KEYS
from models.harm_explain import describe_reason as describe_reason
from models.harm_explain import explain_rows, group_reasons
from models.harm_features import TextEncoding, TextNgrams

CATEGORIES: tuple[str, ...] = (
    "leak", "ncii", "defamation", "complaint", "impersonation", "neutral", "owned", "positive",
)  # fmt: skip
HARMFUL: frozenset[str] = frozenset({"leak", "ncii", "defamation", "complaint", "impersonation"})
SEVERITY: dict[str, int] = {
    "ncii": 5, "leak": 4, "defamation": 3, "impersonation": 2, "complaint": 1,
    "neutral": 0, "owned": 0, "positive": 0,
}  # fmt: skip
INPUT_COLUMNS = ("title", "snippet", "url", "domain_category", "owned", "position", "query")
REQUIRED_COLUMNS = INPUT_COLUMNS[:-1]  # the query describes the search, it is not a feature
HARM_THRESHOLD = 0.5
LEAK_FLOOR = 0.9
POSITION_CAP = 20  # the training data's deepest position: no extrapolation beyond it
FEATURES_VERSION = 1  # bump when the features change: it is part of the model version
Encoding = tuple[dict[str, TextEncoding], sp.csr_matrix]


def check_frame(frame: pd.DataFrame) -> None:
    """``ValueError`` naming the input columns ``frame`` lacks."""
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"harm model input lacks columns {missing}; needs {REQUIRED_COLUMNS}")


def training_sha256(frame: pd.DataFrame, categories: Sequence[str]) -> str:
    """SHA-256 of the training rows (input columns in a canonical form) and their labels."""
    canonical = pd.DataFrame(
        {
            **{c: frame[c].fillna("").astype(str) for c in ("title", "snippet", "url")},
            "domain_category": frame["domain_category"].fillna("unknown").astype(str),
            "owned": frame["owned"].fillna(False).astype(bool),
            "position": pd.to_numeric(frame["position"], errors="coerce"),
            "category": list(categories),
        }
    )
    text = canonical.to_csv(index=False, lineterminator="\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class StructuredFeatures(BaseEstimator, TransformerMixin):  # type: ignore[misc]
    """The declared domain category (one-hot; unseen categories count as "unknown"), the owned
    flag, the position (log scale, capped, missing = 10). Fitted: ``domain_categories_``."""

    def fit(self, frame: pd.DataFrame, y: Any = None) -> StructuredFeatures:
        seen = set(frame["domain_category"].fillna("unknown").astype(str))
        self.domain_categories_ = tuple(sorted(seen | {"unknown"}))
        return self

    def transform(self, frame: pd.DataFrame) -> sp.csr_matrix:
        n, k = len(frame), len(self.domain_categories_)
        declared = frame["domain_category"].fillna("unknown").astype(str)
        code = pd.Index(self.domain_categories_).get_indexer(pd.Index(declared))
        code[code < 0] = self.domain_categories_.index("unknown")
        owned = frame["owned"].fillna(False).astype(bool).to_numpy(dtype=np.float64)
        position = pd.to_numeric(frame["position"], errors="coerce").fillna(10)
        rank = np.log1p(position.clip(1, POSITION_CAP).to_numpy(dtype=np.float64))
        values = np.concatenate([np.ones(n), owned, rank / np.log1p(POSITION_CAP)])
        cols = np.concatenate([code, np.full(n, k), np.full(n, k + 1)])
        return sp.csr_matrix((values, (np.tile(np.arange(n), 3), cols)), shape=(n, k + 2))


class HarmFeatures(BaseEstimator, TransformerMixin):  # type: ignore[misc]
    """Title and snippet (words 1-2, characters), URL (words) and the structured block, in
    that order. Fitted: ``text_`` (column -> ``TextNgrams``), ``structured_``."""

    def __init__(self, *, char_ngrams: tuple[int, int] = (3, 5), min_df: int = 2) -> None:
        self.char_ngrams = char_ngrams
        self.min_df = min_df

    def fit(self, frame: pd.DataFrame, y: Any = None) -> HarmFeatures:
        grams, min_df = self.char_ngrams, self.min_df
        self.text_ = {
            "title": TextNgrams("title", char_ngrams=grams, min_df=min_df),
            "snippet": TextNgrams("snippet", char_ngrams=grams, min_df=min_df),
            "url": TextNgrams("url", url=True, bigrams=False, char_ngrams=None, min_df=min_df),
        }
        for block in self.text_.values():
            block.fit(frame)
        self.structured_ = StructuredFeatures().fit(frame)
        return self

    def encode(self, frame: pd.DataFrame) -> Encoding:
        texts = {column: block.encode(frame) for column, block in self.text_.items()}
        return texts, self.structured_.transform(frame)

    def blocks(self, encoding: Encoding) -> list[sp.csr_matrix]:
        texts, structured = encoding
        return [*(m for e in texts.values() for m in (e.word, e.char)), structured]

    def transform(self, frame: pd.DataFrame) -> sp.csr_matrix:
        return sp.csr_matrix(sp.hstack(self.blocks(self.encode(frame)), format="csr"))

    def column_kinds(self) -> np.ndarray:
        """The kind of every column of ``transform``: "word", "char" or "structured"."""
        sizes = [(n, b.n_words, b.n_features - b.n_words) for n, b in self.text_.items()]
        kinds = [k for _, w, c in sizes for k in (["word"] * w + ["char"] * c)]
        structured = len(self.structured_.domain_categories_) + 2
        return np.asarray(kinds + ["structured"] * structured)

    def margins(self, encoding: Encoding, coefs: np.ndarray) -> np.ndarray:
        """``features @ coefs`` block by block (the whole matrix is never assembled)."""
        total, start = np.zeros((encoding[1].shape[0], coefs.shape[1])), 0
        for block in self.blocks(encoding):
            total += block @ coefs[start : start + block.shape[1]]
            start += block.shape[1]
        return total


class EvidenceClassifier(BaseEstimator, ClassifierMixin):  # type: ignore[misc]
    """Balanced logistic regression (liblinear) on the columns that are evidence for class 1:
    present in at least ``ratio`` times as large a share of class-1 rows as of class-0 rows, or
    flagged in ``always``; ``weights`` scales columns before fitting (0 drops one). Fitted:
    ``coef_`` (1 x all columns, zero where not read), ``intercept_``, ``columns_``, ``classes_``."""

    def __init__(
        self, *, c: float = 4.0, ratio: float = 4.0, weights: Any = None, always: Any = None
    ) -> None:
        self.c = c
        self.ratio = ratio
        self.weights = weights
        self.always = always

    def fit(self, x: sp.csr_matrix, y: np.ndarray) -> EvidenceClassifier:
        y = np.asarray(y)
        present = sp.csr_matrix(x > 0)
        share = [np.asarray(present[y == label].mean(axis=0)).ravel() for label in (0, 1)]
        weights = np.ones(x.shape[1]) if self.weights is None else np.asarray(self.weights)
        keep = (share[1] > 0) & (share[1] >= self.ratio * share[0])
        keep |= False if self.always is None else np.asarray(self.always, dtype=bool)
        self.columns_ = np.flatnonzero(keep & (weights > 0))
        scale = weights[self.columns_]
        inner = LogisticRegression(C=self.c, class_weight="balanced", solver="liblinear")
        inner.fit(sp.csr_matrix(x[:, self.columns_] @ sp.diags(scale)), y)
        self.coef_ = np.zeros((1, x.shape[1]))
        self.coef_[0, self.columns_] = inner.coef_[0] * scale
        self.intercept_, self.classes_ = inner.intercept_, inner.classes_
        return self

    def decision_function(self, x: sp.csr_matrix) -> np.ndarray:
        margin: np.ndarray = np.asarray(x @ self.coef_[0]).ravel() + self.intercept_[0]
        return margin

    def predict(self, x: sp.csr_matrix) -> np.ndarray:
        labels: np.ndarray = self.classes_[(self.decision_function(x) > 0).astype(int)]
        return labels


class HarmModel(BaseEstimator):  # type: ignore[misc]
    """Harm scores with reasons. Parameters: ``c`` (inverse regularisation of both regressions),
    ``char_ngrams``, ``min_df``, ``evidence_ratio``, ``char_weight`` (scale of the character
    blocks in the harm regression), ``prior`` (expected share of harmful results; None keeps the
    training share), ``calibration_folds``, ``top_k`` (model reasons per result), ``random_state``.
    Fitted: ``features_``, ``harm_classifier_``, ``calibrator_``, ``prior_shift_``,
    ``category_classifier_``, ``classes_``, ``training_sha256_``, ``version_``,
    ``n_training_rows_``."""

    def __init__(
        self, *, c: float = 8.0, char_ngrams: tuple[int, int] = (3, 5), min_df: int = 2,
        evidence_ratio: float = 3.0, char_weight: float = 0.5, prior: float | None = 0.3,
        calibration_folds: int = 5, top_k: int = 3, random_state: int = 0,
    ) -> None:  # fmt: skip
        self.c = c
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.evidence_ratio = evidence_ratio
        self.char_weight = char_weight
        self.prior = prior
        self.calibration_folds = calibration_folds
        self.top_k = top_k
        self.random_state = random_state

    def fit(
        self, frame: pd.DataFrame, categories: Sequence[str], groups: Sequence[str] | None = None
    ) -> HarmModel:
        """Learn from labelled results; ``groups`` (e.g. each row's subject) keeps a group's rows
        out of the folds that calibrate them."""
        check_frame(frame)
        labels = np.asarray(list(categories), dtype=object)
        unknown = sorted(set(labels) - set(CATEGORIES))
        if len(labels) != len(frame) or unknown:
            raise ValueError(f"need one known category per row (unknown: {unknown})")
        harmful = np.isin(labels, list(HARMFUL)).astype(int)
        if harmful.min() == harmful.max():
            raise ValueError("training data needs both harmful and harmless results")
        self.features_ = HarmFeatures(char_ngrams=self.char_ngrams, min_df=self.min_df)
        matrix = self.features_.fit(frame).transform(frame)
        kinds = self.features_.column_kinds()
        self.harm_classifier_ = EvidenceClassifier(
            c=self.c, ratio=self.evidence_ratio, always=kinds == "structured",
            weights=np.where(kinds == "char", self.char_weight, 1.0),
        )  # fmt: skip
        margin = np.zeros(len(frame))
        for train, test in self._folds(harmful, groups):
            fold = clone(self.harm_classifier_).fit(matrix[train], harmful[train])
            margin[test] = fold.decision_function(matrix[test])
        self.calibrator_ = LogisticRegression(C=100.0).fit(margin.reshape(-1, 1), harmful)
        share = float(harmful.mean())
        self.prior_shift_ = 0.0 if self.prior is None else float(logit(self.prior) - logit(share))
        self.harm_classifier_.fit(matrix, harmful)
        self.category_classifier_ = LogisticRegression(
            C=self.c, class_weight="balanced", max_iter=5000
        ).fit(matrix, labels)
        self.classes_ = tuple(str(c) for c in self.category_classifier_.classes_)
        self.n_training_rows_ = len(frame)
        self.training_sha256_ = training_sha256(frame, labels.tolist())
        settings = json.dumps({**self.get_params(), "features": FEATURES_VERSION}, sort_keys=True)
        fingerprint = hashlib.sha256(f"{self.training_sha256_}\n{settings}".encode()).hexdigest()
        self.version_ = f"harm-{fingerprint[:12]}-{sklearn.__version__}"
        return self

    def _folds(self, harmful: np.ndarray, groups: Sequence[str] | None) -> list[Any]:
        n = max(2, min(self.calibration_folds, int(np.bincount(harmful).min())))
        if groups is not None and len(set(groups)) >= n:
            grouped = StratifiedGroupKFold(n, shuffle=True, random_state=self.random_state)
            return list(grouped.split(harmful, harmful, groups=list(groups)))
        plain = StratifiedKFold(n, shuffle=True, random_state=self.random_state)
        return list(plain.split(harmful, harmful))

    def score(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``harm``, ``category`` and ``reasons`` of every row of ``frame`` (same index)."""
        check_frame(frame)
        encoding = self.features_.encode(frame)
        harm_coef = self.harm_classifier_.coef_[0]
        coefs = np.column_stack([harm_coef, self.category_classifier_.coef_.T])
        margins = self.features_.margins(encoding, coefs)
        margin = margins[:, 0] + self.harm_classifier_.intercept_[0]
        slope, bias = self.calibrator_.coef_[0, 0], self.calibrator_.intercept_[0]
        model_harm = expit(slope * margin + bias + self.prior_shift_)
        chance = softmax(margins[:, 1:] + self.category_classifier_.intercept_, axis=1)
        classes = np.asarray(self.classes_, dtype=object)
        bad = np.isin(classes, list(HARMFUL))
        worst = classes[np.argmax(np.where(bad, chance, -1.0), axis=1)]
        mild = classes[np.argmax(np.where(bad, -1.0, chance), axis=1)]
        owned = frame["owned"].fillna(False).astype(bool).to_numpy()
        leak = (frame["domain_category"].astype(str) == "leak_forum").to_numpy() & ~owned
        harm = np.where(owned, 0.0, np.where(leak, np.maximum(model_harm, LEAK_FLOOR), model_harm))
        category = np.where(harm >= HARM_THRESHOLD, worst, mild)
        category = np.where(leak & (worst != "ncii"), "leak", category)
        category = np.where(owned, "owned", category)
        rows, ranks, reasons = explain_rows(
            self.features_, encoding, harm_coef, frame, self.top_k, mute_rows=owned, leak=leak
        )
        rule_rows = np.flatnonzero(owned | leak)
        change = (np.round(harm - model_harm, 4)[rule_rows] + 0.0).tolist()  # + 0.0: no -0.0
        rules: list[dict[str, object]] = [
            {"key": "owned_domain" if o else "declared_leak_domain", "params": {}, "weight": w}
            for o, w in zip(owned[rule_rows].tolist(), change, strict=True)
        ]
        ranks_all = np.concatenate([ranks, np.full(len(rule_rows), -1)])
        grouped = group_reasons(
            len(frame), np.concatenate([rows, rule_rows]), ranks_all, [*reasons, *rules]
        )
        return pd.DataFrame(
            {"harm": harm.astype(float), "category": category.astype(str), "reasons": grouped},
            index=frame.index,
        )
