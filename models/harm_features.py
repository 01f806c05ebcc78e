"""Text features of search results, computed a whole batch at a time: word n-gram and character
n-gram TF-IDF built with numpy on the batch's UTF-8 bytes and sparse products, never a Python loop
per result (scikit-learn's vectorizers run a Python analyzer per document: ~5,000 documents/s
with character n-grams). Tokens are runs of letters and digits (non-ASCII bytes count as letters,
except common punctuation, symbols and emoji), lower-cased and stripped of accents once per
distinct token ("Été" = "ete"); bigrams are pairs of unigram ids; character n-grams are byte
n-grams of each distinct token padded with spaces (``char_wb`` style) packed into int64 keys,
then ``counts @ C``. With raw counts in the character block, its share of a linear score splits
exactly over the row's tokens, so a reason names a word ("l3aked"), never an n-gram.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp  # type: ignore[import-untyped]
from sklearn.base import BaseEstimator, TransformerMixin

MAX_TOKEN_BYTES = 32  # longer tokens (hashes, ids in URLs) are cut before character n-grams
# Separators by UTF-8 lead byte (and second byte, None = any) and length: U+0080-00BF (nbsp, «, »),
# ×, ÷, U+2000-2FFF (dashes, quotes, …, •, symbols), CJK and fullwidth punctuation, BOM, emoji.
_SEPARATORS = (
    (0xC2, None, 2), (0xC3, 0x97, 2), (0xC3, 0xB7, 2), (0xE2, None, 3), (0xE3, 0x80, 3),
    (0xEF, 0xBC, 3), (0xEF, 0xBD, 3), (0xEF, 0xBB, 3), (0xEF, 0xB8, 3), (0xF0, 0x9F, 4),
)  # fmt: skip
# Function words (English, French; no accents), dates and counts ("3 months ago", "1.2K views")
# and, in URLs, scheme and suffix parts: they say nothing about harm, and a model fitted on one
# corpus reads noise into them.
_STOP = """a an and are as at be been but by can do for from had has have he her his i if in into
is it its me my no not of on or our she so than that the their them then there these they this
those to up us was we were what when which who will with you your au aux avec ce ces dans de des
du elle en est et il ils je la le les leur lui ma mais me mes moi mon ne nos notre nous on ou par
pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous ete etre fait
sont ago views vues day days week weeks month months year years hour hours minute minutes jour
jours semaine semaines mois ans heure heures jan feb mar apr may jun jul aug sep sept oct nov dec
january february march april june july august september october november december janvier fevrier
mars avril mai juin juillet aout septembre octobre novembre decembre"""
_URL_STOP = """http https www com org net fr uk co io de eu be ch ca us au info biz example test
html htm php aspx asp index amp"""
STOP_WORDS, URL_STOP_WORDS = frozenset(_STOP.split()), frozenset(_URL_STOP.split())
_HEX = np.zeros(256, dtype=bool)
_HEX[list(b"0123456789abcdefABCDEF")] = True


def text_column(frame: pd.DataFrame, column: str) -> pa.Array:
    """``frame[column]`` as an Arrow large-string array, missing values (or column) as ""."""
    if column not in frame.columns:
        return pa.array([""] * len(frame), type=pa.large_string())
    array = pa.array(frame[column].astype("str"))
    array = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
    return pc.fill_null(pc.cast(array, pa.large_string()), "")


def _bytes(values: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The UTF-8 bytes and offsets (from 0) of a large-string array without nulls."""
    _, offset_buffer, data_buffer = values.buffers()
    offsets = np.frombuffer(offset_buffer, dtype=np.int64)[values.offset :][: len(values) + 1]
    if data_buffer is None or not len(offsets):
        return np.zeros(0, dtype=np.uint8), np.zeros(len(values) + 1, dtype=np.int64)
    data = np.frombuffer(data_buffer, dtype=np.uint8)[offsets[0] : offsets[-1]]
    return data, offsets - offsets[0]


def split_tokens(values: pa.Array, *, url: bool = False) -> tuple[pa.Array, np.ndarray]:
    """Every token of every row in order (as one string array) and the row of each."""
    data, offsets = _bytes(pc.cast(values, pa.large_string()))
    size = len(data)
    tok = (data >= 0x80) | ((data | 0x20) >= 0x61) & ((data | 0x20) <= 0x7A)
    tok |= (data >= 0x30) & (data <= 0x39)
    leads = np.flatnonzero(data >= 0xC2)
    first, second = data[leads], data[np.minimum(leads + 1, size - 1)]
    for lead, follow, length in _SEPARATORS:
        where = leads[(first == lead) & ((second == follow) if follow else True)]
        for k in range(length):
            tok[np.minimum(where + k, size - 1)] = False
    if url:  # "%2F" separates like "/"
        escape = np.flatnonzero(data[: max(size - 2, 0)] == 0x25)
        escape = escape[_HEX[data[escape + 1]] & _HEX[data[escape + 2]]]
        tok[escape + 1] = tok[escape + 2] = False
    before, after = np.zeros(size, dtype=bool), np.zeros(size, dtype=bool)
    before[1:], after[:-1] = tok[:-1], tok[1:]
    inner = offsets[1:-1][(offsets[1:-1] > 0) & (offsets[1:-1] < size)]
    before[inner] = after[inner - 1] = False  # a token never runs into the next row
    starts = np.flatnonzero(tok & ~before)
    ends = np.flatnonzero(tok & ~after) + 1
    rows = np.repeat(np.arange(len(values)), np.diff(np.searchsorted(starts, offsets)))
    token_offsets = np.zeros(len(starts) + 1, dtype=np.int64)
    np.cumsum(ends - starts, out=token_offsets[1:])
    flat = pa.LargeStringArray.from_buffers(
        len(starts), pa.py_buffer(token_offsets), pa.py_buffer(data[tok])
    )
    return flat, rows


@dataclass
class Tokens:
    """A batch's distinct tokens, row x distinct-token counts, every occurrence in order."""

    n_rows: int
    distinct: pa.Array  # lower case, no accents: what the vocabularies hold
    display: pa.Array  # lower case with accents, as first written in the batch
    counts: sp.csr_matrix
    rows: np.ndarray
    ids: np.ndarray


def tokenize(values: pa.Array, *, url: bool = False) -> Tokens:
    """Tokens of two characters or more, lower-cased and without accents, stop words and (in
    URLs) scheme and suffix parts dropped."""
    flat, rows = split_tokens(values, url=url)
    written = pc.dictionary_encode(flat)
    lower = pc.utf8_lower(written.dictionary)
    decomposed = pc.utf8_normalize(lower, form="NFKD")
    merged = pc.dictionary_encode(pc.replace_substring_regex(decomposed, r"\p{Mn}+", ""))
    to_merged = merged.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    ids = to_merged[written.indices.to_numpy(zero_copy_only=False).astype(np.int64)]
    stop = pa.array(sorted(URL_STOP_WORDS if url else STOP_WORDS), type=merged.dictionary.type)
    useful = pc.and_(
        pc.greater_equal(pc.utf8_length(merged.dictionary), 2),
        pc.invert(pc.is_in(merged.dictionary, value_set=stop)),
    )
    keep = useful.to_numpy(zero_copy_only=False)[ids]
    rows, ids = rows[keep], ids[keep]
    first_written = np.zeros(len(merged.dictionary), dtype=np.int64)
    first_written[to_merged[::-1]] = np.arange(len(to_merged))[::-1]
    shape = (len(values), len(merged.dictionary))
    counts = sp.csr_matrix((np.ones(len(ids)), (rows, ids)), shape=shape, dtype=np.float64)
    counts.sum_duplicates()
    display = lower.take(pa.array(first_written))
    return Tokens(len(values), merged.dictionary, display, counts, rows, ids)


def char_keys(distinct: pa.Array, ngram_range: tuple[int, int] | None) -> tuple[Any, Any]:
    """(token id, key) of every byte n-gram of every token padded with spaces; a key packs the
    n-gram's bytes and its length into an int64. None: no n-grams."""
    if ngram_range is None:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    cut = pc.utf8_slice_codeunits(distinct, start=0, stop=MAX_TOKEN_BYTES)
    data, offsets = _bytes(pc.cast(cut, pa.large_string()))
    lengths = np.diff(offsets) + 2
    padded_offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=padded_offsets[1:])
    padded = np.full(int(padded_offsets[-1]) + ngram_range[1], 0x20, dtype=np.int64)
    owner_of_byte = np.repeat(np.arange(len(lengths)), lengths - 2)
    padded[np.arange(len(data)) + 1 + 2 * owner_of_byte] = data
    owner = np.repeat(np.arange(len(lengths)), lengths)
    end = padded_offsets[1:][owner]
    position = np.arange(len(owner))
    owners, keys = [], []
    for n in range(ngram_range[0], ngram_range[1] + 1):
        start = position[position + n <= end]
        key = np.full(len(start), n << 56, dtype=np.int64)
        for k in range(n):
            key |= padded[start + k] << (8 * k)
        owners.append(owner[start])
        keys.append(key)
    return np.concatenate(owners), np.concatenate(keys)


def find(vocabulary: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Index of each key in ``vocabulary`` (an Arrow hash lookup), -1 when absent."""
    found = pc.index_in(pa.array(keys, type=pa.int64()), value_set=pa.array(vocabulary))
    index: np.ndarray = pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    return index


def idf(document_frequency: np.ndarray, n_documents: int) -> np.ndarray:
    """Smoothed inverse document frequency, as scikit-learn computes it."""
    return np.log((1.0 + n_documents) / (1.0 + document_frequency)) + 1.0


def normalize_rows(matrix: sp.csr_matrix, extra: np.ndarray | float = 0.0) -> np.ndarray:
    """Divide each CSR row in place by sqrt(its sum of squares + ``extra``) (or 1); the divisors."""
    lengths = np.diff(matrix.indptr)
    squares = np.zeros(matrix.shape[0])
    filled = lengths > 0
    squares[filled] = np.add.reduceat(matrix.data**2, matrix.indptr[:-1][filled])
    norms = np.sqrt(squares + extra)
    norms[norms == 0] = 1.0
    matrix.data /= np.repeat(norms, lengths)
    return norms


@dataclass
class TextEncoding:
    """One text column of a batch: its features and what an explanation needs."""

    word: sp.csr_matrix  # unigrams then bigrams
    char: sp.csr_matrix
    tokens: Tokens
    token_unigram: np.ndarray  # unigram feature of each distinct token, -1 if unknown
    char_scaled: sp.csr_matrix  # distinct token x character feature, idf applied
    char_norms: np.ndarray


class TextNgrams(BaseEstimator, TransformerMixin):  # type: ignore[misc]
    """Word (1 or 1-2) and character n-gram TF-IDF of one column (``char_ngrams=None``: words
    only). Each block is divided by the row's L2 norm *counting its unknown tokens and n-grams*
    (at the largest idf): a text mostly of words never seen in training carries little evidence.
    Fitted: ``unigrams_``, ``bigram_keys_``, ``word_idf_``, ``char_keys_``, ``char_idf_``."""

    def __init__(
        self, column: str = "title", *, bigrams: bool = True,
        char_ngrams: tuple[int, int] | None = (3, 5), min_df: int = 2, url: bool = False,
    ) -> None:  # fmt: skip
        self.column = column
        self.bigrams = bigrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.url = url

    def fit(self, frame: pd.DataFrame, y: Any = None) -> TextNgrams:
        tokens = tokenize(text_column(frame, self.column), url=self.url)
        n = tokens.n_rows
        token_df = np.diff(tokens.counts.tocsc().indptr)
        known = np.flatnonzero(token_df >= self.min_df)
        self.unigrams_ = pc.cast(tokens.distinct.take(pa.array(known)), pa.large_string())
        word_df = [token_df[known]]
        self.bigram_keys_ = np.zeros(0, dtype=np.int64)
        if self.bigrams:
            token_unigram = np.full(len(tokens.distinct), -1, dtype=np.int64)
            token_unigram[known] = np.arange(len(known))
            rows, pairs = self._pairs(tokens, token_unigram)
            size = max(len(known) ** 2, 1)
            keys, df = np.unique(np.unique(rows * size + pairs) % size, return_counts=True)
            self.bigram_keys_ = keys[df >= self.min_df]
            word_df.append(df[df >= self.min_df])
        self.word_idf_ = idf(np.concatenate(word_df), n)
        owners, keys = char_keys(tokens.distinct, self.char_ngrams)
        distinct_keys, inverse = np.unique(keys, return_inverse=True)
        shape = (len(tokens.distinct), len(distinct_keys))
        token_grams = sp.csr_matrix((np.ones(len(owners)), (owners, inverse)), shape=shape)
        df = np.diff(sp.csc_matrix(tokens.counts @ token_grams).indptr)
        self.char_keys_ = distinct_keys[df >= self.min_df]
        self.char_idf_ = idf(df[df >= self.min_df], n)
        return self

    def _pairs(self, tokens: Tokens, token_unigram: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Row and key (left id x vocabulary size + right id) of neighbouring known unigrams."""
        unigram = token_unigram[tokens.ids]
        ok = (tokens.rows[1:] == tokens.rows[:-1]) & (unigram[1:] >= 0) & (unigram[:-1] >= 0)
        return tokens.rows[:-1][ok], unigram[:-1][ok] * len(self.unigrams_) + unigram[1:][ok]

    @property
    def n_words(self) -> int:
        return len(self.unigrams_) + len(self.bigram_keys_)

    @property
    def n_features(self) -> int:
        return self.n_words + len(self.char_keys_)

    def transform(self, frame: pd.DataFrame) -> sp.csr_matrix:
        encoded = self.encode(frame)
        return sp.csr_matrix(sp.hstack([encoded.word, encoded.char], format="csr"))

    def encode(self, frame: pd.DataFrame) -> TextEncoding:
        """Features of ``frame`` and the pieces an explanation needs."""
        tokens = tokenize(text_column(frame, self.column), url=self.url)
        n, n_words = tokens.n_rows, self.n_words
        found = pc.fill_null(pc.index_in(tokens.distinct, value_set=self.unigrams_), -1)
        token_unigram = found.to_numpy(zero_copy_only=False).astype(np.int64)
        counts = tokens.counts.tocoo()
        known = token_unigram[counts.col] >= 0
        rows, cols = [counts.row[known]], [token_unigram[counts.col[known]]]
        tf = [counts.data[known]]
        if len(self.bigram_keys_):
            pair_rows, pairs = self._pairs(tokens, token_unigram)
            pair = find(self.bigram_keys_, pairs)
            cells, pair_tf = np.unique(
                pair_rows[pair >= 0] * n_words + pair[pair >= 0] + len(self.unigrams_),
                return_counts=True,
            )
            rows, cols = [*rows, cells // n_words], [*cols, cells % n_words]
            tf.append(pair_tf.astype(np.float64))
        weight = 1.0 + np.log(np.concatenate(tf))  # sublinear term frequency
        at = np.concatenate(cols)
        word = sp.csr_matrix(
            (weight * self.word_idf_[at], (np.concatenate(rows), at)), (n, n_words)
        )
        top = self.word_idf_.max(initial=1.0) ** 2
        unknown = (1.0 + np.log(counts.data[~known])) ** 2 * top
        normalize_rows(word, np.bincount(counts.row[~known], weights=unknown, minlength=n))
        owners, keys = char_keys(tokens.distinct, self.char_ngrams)
        gram = find(self.char_keys_, keys)
        hit = gram >= 0
        char_scaled = sp.csr_matrix(
            (self.char_idf_[gram[hit]], (owners[hit], gram[hit])),
            shape=(len(tokens.distinct), len(self.char_keys_)),
        )
        char = sp.csr_matrix(tokens.counts @ char_scaled)
        missing = np.bincount(owners[~hit], minlength=len(tokens.distinct)).astype(np.float64)
        extra = tokens.counts @ missing * self.char_idf_.max(initial=1.0) ** 2
        char_norms = normalize_rows(char, extra)
        return TextEncoding(word, char, tokens, token_unigram, char_scaled, char_norms)
