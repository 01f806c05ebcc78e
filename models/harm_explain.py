"""Why a result got its harm score, in words a brand manager understands, in English and French.

A reason is a dict ``{"key", "params", "weight"}``: a stable key (the list is ``REASON_KEYS``),
its parameters (the words, the site's category, the position) and its signed weight. For a
model reason the weight is the feature's contribution to the harm regression's decision value
(calibration is increasing, so positive = pushed the score up); for a rule (``owned_domain``,
``declared_leak_domain``) it is the change of the harm score the rule made. ``describe_reason``
turns a reason into a sentence.

Contributions are exact for a linear model: coefficient x feature value, gathered per word (a
word's character n-grams count towards the word), and the top reasons of every row are picked
with one sort of the sparse contribution matrix, not a loop over results.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import scipy.sparse as sp  # type: ignore[import-untyped]

from models.harm_features import TextEncoding, TextNgrams

REASON_KEYS = (
    "title_mentions",
    "snippet_mentions",
    "url_contains",
    "site_category",
    "declared_leak_domain",
    "owned_domain",
    "position",
    "no_strong_signal",
)
_TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "title_mentions": "the title mentions '{text}'",
        "snippet_mentions": "the description mentions '{text}'",
        "url_contains": "the address contains '{text}'",
        "site_category": "{site}",
        "declared_leak_domain": "the site is a declared leak forum",
        "owned_domain": "the result is on the client's own site",
        "position": "the result is at position {position}",
        "position_unknown": "the result's position is not known",
        "no_strong_signal": "nothing in the result stands out",
        "up": "{text} (raises the harm score)",
        "down": "{text} (lowers the harm score)",
    },
    "fr": {
        "title_mentions": "le titre mentionne « {text} »",
        "snippet_mentions": "la description mentionne « {text} »",
        "url_contains": "l'adresse contient « {text} »",
        "site_category": "{site}",
        "declared_leak_domain": "le site est un forum de fuites déclaré",
        "owned_domain": "le résultat est sur le site du client",
        "position": "le résultat est en position {position}",
        "position_unknown": "la position du résultat n'est pas connue",
        "no_strong_signal": "rien ne ressort particulièrement du résultat",
        "up": "{text} (augmente le score de nocivité)",
        "down": "{text} (diminue le score de nocivité)",
    },
}
_SITES: dict[str, dict[str, str]] = {
    "en": {
        "owned": "the site is declared as the client's own",
        "partner": "the site is a declared partner",
        "news": "the site is a news site",
        "social": "the site is a social network",
        "review": "the site is a review site",
        "forum": "the site is a forum",
        "leak_forum": "the site is a declared leak forum",
        "file_host": "the site is a file host",
        "adult": "the site is an adult site",
        "unknown": "the client has not categorised this site",
    },
    "fr": {
        "owned": "le site est déclaré comme celui du client",
        "partner": "le site est un partenaire déclaré",
        "news": "le site est un site d'actualité",
        "social": "le site est un réseau social",
        "review": "le site est un site d'avis",
        "forum": "le site est un forum",
        "leak_forum": "le site est un forum de fuites déclaré",
        "file_host": "le site est un hébergeur de fichiers",
        "adult": "le site est un site pour adultes",
        "unknown": "le client n'a pas catégorisé ce site",
    },
}


def _known_position(value: object) -> bool:
    return isinstance(value, int | float) and value >= 1


def describe_reason(reason: Mapping[str, object], lang: str) -> str:
    """One reason as a sentence in ``lang`` ("en" or "fr"), with the direction it pushed the
    score when its weight is not zero. An unknown key is shown as the key and its parameters."""
    if lang not in _TEMPLATES:
        raise ValueError(f"unsupported language {lang!r}: expected one of {sorted(_TEMPLATES)}")
    templates = _TEMPLATES[lang]
    key = str(reason.get("key", ""))
    raw = reason.get("params")
    params = {str(k): v for k, v in raw.items()} if isinstance(raw, Mapping) else {}
    if key == "site_category":
        category = str(params.get("category", "unknown"))
        other = ("the site's category is '{}'", "la catégorie du site est « {} »")
        fallback = other[lang == "fr"].format(category)
        params = {**params, "site": _SITES[lang].get(category, fallback)}
    if key == "position" and not _known_position(params.get("position")):
        key = "position_unknown"  # never "position 0": a missing position is not a ranking
    try:
        text = templates[key].format(**params)
    except (KeyError, IndexError):
        text = f"{key} {params}" if params else key
    weight = reason.get("weight", 0.0)
    if isinstance(weight, int | float) and weight:
        return templates["up" if weight > 0 else "down"].format(text=text)
    return text


def text_contributions(
    block: TextNgrams, encoding: TextEncoding, coef: np.ndarray
) -> sp.csr_matrix:
    """Each row's signed share of ``block features @ coef`` per unit: the batch's distinct
    tokens (word and character features together), then the block's fitted bigrams."""
    n_tokens, n_unigrams = len(encoding.tokens.distinct), len(block.unigrams_)
    token_of_unigram = np.zeros(max(n_unigrams, 1), dtype=np.int64)
    known = np.flatnonzero(encoding.token_unigram >= 0)
    token_of_unigram[encoding.token_unigram[known]] = known
    word = encoding.word.tocoo()
    units = np.where(
        word.col < n_unigrams,
        token_of_unigram[np.minimum(word.col, max(n_unigrams - 1, 0))],
        word.col - n_unigrams + n_tokens,
    )
    token_score = encoding.char_scaled @ coef[block.n_words :]
    counts = encoding.tokens.counts.tocoo()
    char = counts.data * token_score[counts.col] / encoding.char_norms[counts.row]
    values = np.concatenate([word.data * coef[: block.n_words][word.col], char])
    cells = (np.concatenate([word.row, counts.row]), np.concatenate([units, counts.col]))
    shape = (encoding.tokens.n_rows, n_tokens + len(block.bigram_keys_))
    matrix = sp.csr_matrix((values, cells), shape=shape)
    matrix.sum_duplicates()
    return matrix


def text_units(block: TextNgrams, encoding: TextEncoding, units: np.ndarray) -> list[str]:
    """The words of ``units`` (ids from ``text_contributions``): a token as first written in
    the batch (lower case), a bigram as its two normalised words."""
    n_tokens = len(encoding.tokens.distinct)
    texts = [""] * len(units)
    tokens = np.flatnonzero(units < n_tokens)
    written = encoding.tokens.display.take(pa.array(units[tokens])).to_pylist()
    for i, text in zip(tokens.tolist(), written, strict=True):
        texts[i] = text
    pairs = np.flatnonzero(units >= n_tokens)
    keys = block.bigram_keys_[units[pairs] - n_tokens]
    size = len(block.unigrams_)
    left = block.unigrams_.take(pa.array(keys // size)).to_pylist()
    right = block.unigrams_.take(pa.array(keys % size)).to_pylist()
    for i, a, b in zip(pairs.tolist(), left, right, strict=True):
        texts[i] = f"{a} {b}"
    return texts


def rank_within(rows: np.ndarray) -> np.ndarray:
    """0, 1, 2... within each run of equal values of the sorted ``rows``."""
    starts = np.flatnonzero(np.diff(rows, prepend=-1) != 0)
    return np.arange(len(rows)) - np.repeat(starts, np.diff(np.append(starts, len(rows))))


def top_entries(
    matrix: sp.spmatrix, k: int, floor: float = 0.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, value) of the ``k`` entries of largest magnitude (above ``floor``) of every
    row, sorted by row then by decreasing magnitude: one lexsort over the entries."""
    coo = sp.coo_matrix(matrix)
    big = np.abs(coo.data) > floor
    rows, cols, values = coo.row[big], coo.col[big], coo.data[big]
    order = np.lexsort((-np.abs(values), rows))
    rows, cols, values = rows[order], cols[order], values[order]
    keep = rank_within(rows) < k
    return rows[keep], cols[keep], values[keep]


def no_signal() -> dict[str, object]:
    """The reason of a result in which nothing pushed the score either way."""
    return {"key": "no_strong_signal", "params": {}, "weight": 0.0}


def group_reasons(
    n: int, rows: np.ndarray, ranks: np.ndarray, reasons: list[dict[str, object]]
) -> list[list[dict[str, object]]]:
    """One list of reasons per row (``no_signal`` when a row has none), each list ordered by
    rank; ``rows``, ``ranks`` and ``reasons`` describe the same flat entries."""
    order = np.lexsort((ranks, rows))
    bounds = np.searchsorted(rows[order], np.arange(n + 1)).tolist()
    with paused_gc():
        ordered = [reasons[i] for i in order.tolist()]
        return [ordered[a:b] if b > a else [no_signal()] for a, b in pairwise(bounds)]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small dicts and lists (they form
    no cycles): its passes over a growing heap would otherwise cost more than the building."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


MIN_WEIGHT = 0.005  # smaller contributions (log-odds) are not worth a reason
TEXT_REASONS = {"title": "title_mentions", "snippet": "snippet_mentions", "url": "url_contains"}


def explain_rows(
    features: Any,
    encoding: tuple[dict[str, TextEncoding], sp.csr_matrix],
    coef: np.ndarray,
    frame: pd.DataFrame,
    k: int,
    *,
    mute_rows: np.ndarray,
    leak: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, list[dict[str, object]]]:
    """The ``k`` strongest model reasons of every row as flat (row, rank, reason) entries, for a
    fitted ``HarmFeatures`` and the harm coefficients ``coef`` over its columns. Rows in
    ``mute_rows`` get none; in ``leak`` rows the declared-leak-forum feature is left to the
    rule's own reason."""
    texts, structured = encoding
    blocks, owners, start = [], [], 0
    for column, block in features.text_.items():
        own = coef[start : start + block.n_features]
        blocks.append(text_contributions(block, texts[column], own))
        owners.append((TEXT_REASONS[column], block, texts[column]))
        start += block.n_features
    sites: tuple[str, ...] = features.structured_.domain_categories_
    units: list[tuple[str, dict[str, object]]] = [("site_category", {"category": c}) for c in sites]
    units += [("owned_domain", {}), ("position", {})]
    contributions = sp.csr_matrix(structured.multiply(coef[start:]))
    matrix = sp.hstack([*blocks, contributions], format="coo")
    mute = mute_rows[matrix.row]
    if "leak_forum" in sites:  # the rule's reason says it
        leak_column = matrix.shape[1] - len(units) + sites.index("leak_forum")
        mute |= leak[matrix.row] & (matrix.col == leak_column)
    matrix.data[mute] = 0.0
    rows, cols, values = top_entries(matrix, k, floor=MIN_WEIGHT)
    ranks = rank_within(rows)
    edges = np.cumsum([0, *(b.shape[1] for b in blocks)])
    block_of = np.searchsorted(edges, cols, side="right") - 1
    keys, names, found = (np.empty(len(rows), dtype=object) for _ in range(3))
    for b, (key, block, encoded) in enumerate(owners):
        where = np.flatnonzero(block_of == b)
        keys[where], names[where] = key, "text"
        found[where] = np.asarray(text_units(block, encoded, cols[where] - edges[b]), dtype=object)
    where = np.flatnonzero(block_of == len(owners))
    unit = cols[where] - edges[-1]
    keys[where] = np.asarray([key for key, _ in units], dtype=object)[unit]
    names[where] = np.asarray(["category"] * len(sites) + [None, "position"], dtype=object)[unit]
    found[where] = np.asarray([*sites, None, None], dtype=object)[unit]
    at = where[unit == len(sites) + 1]  # position reasons: the row's own position
    position = pd.to_numeric(frame["position"], errors="coerce").fillna(0).to_numpy(dtype=int)
    found[at] = position[rows[at]].tolist()
    weights = (np.round(values, 4) + 0.0).tolist()  # + 0.0: no "-0.0"
    with paused_gc():
        reasons: list[dict[str, object]] = [
            {"key": key, "params": {name: value} if name else {}, "weight": weight}
            for key, name, value, weight in zip(
                keys.tolist(), names.tolist(), found.tolist(), weights, strict=True
            )
        ]
    return rows, ranks, reasons
