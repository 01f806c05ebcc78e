"""The harm model's shipped training data: size, mix, variety, fictional URLs, reproducibility,
and no overlap with the real results kept for measuring false positives."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from data.reference.build_harm_training import build_rows, render_csv

ROOT = Path(__file__).resolve().parents[3]
CSV_PATH = ROOT / "data" / "reference" / "harm_training.csv"
GUIDE = ROOT / "docs" / "labelling-guide.md"
COLUMNS = [
    "subject", "subject_kind", "lang", "query", "position", "url", "domain_category", "title",
    "snippet", "category",
]  # fmt: skip
TARGET_MIX = {
    "leak": 16, "ncii": 8, "defamation": 10, "complaint": 10, "impersonation": 8,
    "neutral": 22, "owned": 12, "positive": 14,
}  # fmt: skip
DOMAIN_CATEGORIES = {
    "owned", "partner", "news", "social", "review", "forum", "leak_forum", "file_host", "adult",
    "unknown",
}  # fmt: skip
KINDS = {"creator", "brand", "public_figure", "homonym_mix"}
FICTIONAL_SUFFIXES = (".example", ".test", ".invalid")
# Labels of real sites that must not appear as a host label, even under a fictional suffix.
REAL_SITES = {
    "google", "bing", "duckduckgo", "facebook", "instagram", "tiktok", "twitter", "x", "youtube",
    "reddit", "linkedin", "onlyfans", "fansly", "mym", "patreon", "telegram", "discord", "mega",
    "gofile", "pixeldrain", "dropbox", "wetransfer", "trustpilot", "wikipedia", "amazon",
    "pornhub", "xvideos", "simpcity", "coomer", "kemono", "leakimedia",
}  # fmt: skip


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def test_every_row_parses(rows: list[dict[str, str]]) -> None:
    for number, row in enumerate(rows, start=2):
        assert None not in row and all(value is not None for value in row.values()), number
        assert row["category"] in TARGET_MIX, number
        assert row["domain_category"] in DOMAIN_CATEGORIES, number
        assert row["subject_kind"] in KINDS, number
        assert row["lang"] in {"fr", "en"}, number
        assert 1 <= int(row["position"]) <= 20, number
        assert row["title"].strip() and row["query"].strip() and row["subject"].strip(), number


def test_size_and_subjects(rows: list[dict[str, str]]) -> None:
    assert len(rows) >= 1500
    per_subject = Counter(row["subject"] for row in rows)
    assert len(per_subject) >= 120
    assert all(8 <= count <= 20 for count in per_subject.values()), per_subject
    for subject in per_subject:
        categories = {row["category"] for row in rows if row["subject"] == subject}
        assert len(categories) >= 3, subject
    kinds = {row["subject"]: row["subject_kind"] for row in rows}
    assert set(kinds.values()) == KINDS


def test_positions_do_not_collide_within_a_result_page(rows: list[dict[str, str]]) -> None:
    pages = Counter((row["subject"], row["query"], row["position"]) for row in rows)
    assert max(pages.values()) == 1


def test_category_mix_is_near_the_target(rows: list[dict[str, str]]) -> None:
    counts = Counter(row["category"] for row in rows)
    for category, target in TARGET_MIX.items():
        share = 100 * counts[category] / len(rows)
        assert abs(share - target) <= 5, (category, round(share, 1))


def test_both_languages_are_well_represented(rows: list[dict[str, str]]) -> None:
    counts = Counter(row["lang"] for row in rows)
    assert counts["fr"] / len(rows) >= 0.4
    assert counts["en"] / len(rows) >= 0.4
    bilingual = {
        subject for subject in {row["subject"] for row in rows}
        if len({row["lang"] for row in rows if row["subject"] == subject}) == 2
    }  # fmt: skip
    assert len(bilingual) >= 10


def test_results_are_varied(rows: list[dict[str, str]]) -> None:
    pairs = Counter((row["title"], row["snippet"]) for row in rows)
    assert max(pairs.values()) == 1, pairs.most_common(3)
    assert len({row["title"] for row in rows}) >= 1200
    assert len({row["snippet"] for row in rows}) >= 1200
    empty = sum(not row["snippet"] for row in rows)
    assert 0 < empty < 0.1 * len(rows)


def test_every_url_is_fictional(rows: list[dict[str, str]]) -> None:
    for row in rows:
        parts = urlsplit(row["url"])
        host = parts.hostname or ""
        assert parts.scheme == "https", row["url"]
        assert host.endswith(FICTIONAL_SUFFIXES), row["url"]
        assert not REAL_SITES & set(host.split(".")), row["url"]


def test_the_csv_is_exactly_what_the_generator_prints() -> None:
    committed = CSV_PATH.read_text(encoding="utf-8")
    assert render_csv() == committed
    printed = subprocess.run(
        [sys.executable, "-m", "data.reference.build_harm_training"],
        cwd=ROOT,
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout
    assert printed.decode("utf-8") == committed


def test_hard_cases_make_up_at_least_15_percent() -> None:
    built = build_rows()
    assert sum(row.hard for row in built) >= 0.15 * len(built)


def _text(row: dict[str, str]) -> str:
    return f"{row['title']} {row['snippet']}".casefold()


def test_the_hard_vocabulary_is_there(rows: list[dict[str, str]]) -> None:
    by_category: dict[str, list[str]] = {}
    for row in rows:
        by_category.setdefault(row["category"], []).append(_text(row))
    leak = " ".join(by_category["leak"])
    for euphemism in ("contenu exclusif gratuit", "full pack", "mega folder", "tout le contenu",
                      "accès vip offert", "collection complète"):  # fmt: skip
        assert euphemism in leak, euphemism
    ncii = " ".join(by_category["ncii"])
    for word in ("deepnude", "ia", "montage", "deepfake", "ai"):
        assert f" {word}" in ncii, word
    harmless = [text for c in ("owned", "positive", "neutral") for text in by_category[c]]
    words = ("fuit", "leak", "arnaque", "scam", "deepfake", "faux", "fake")
    alarming = [text for text in harmless if any(word in text for word in words)]
    assert len(alarming) >= 100
    assert any("que faire si mes photos ont fuité" in t for t in by_category["positive"])
    assert any("exclusi" in t for t in by_category["owned"])
    assert any("officiel" in t or "official" in t for t in by_category["impersonation"])


def _titles_in(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "title" and isinstance(item, str):
                yield item
            else:
                yield from _titles_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _titles_in(item)


def _real_results() -> tuple[set[str], set[str]]:
    """(titles, urls) of the real organic results kept for measuring false positives."""
    titles: set[str] = set()
    urls: set[str] = set()
    folders = [ROOT / "tests" / "fixtures" / "serp", ROOT.parent / "shared" / "fixtures" / "serp"]
    for folder in folders:
        for path in sorted(folder.glob("**/*.json")) if folder.is_dir() else []:
            data = json.loads(path.read_text(encoding="utf-8"))
            titles.update(_titles_in(data))
            if path.name.endswith(".expected.json"):
                urls.update(item["url"] for item in data if "url" in item)
    shipped = ROOT / "data" / "reference" / "real_results.csv"
    if shipped.exists():
        for row in csv.DictReader(io.StringIO(shipped.read_text(encoding="utf-8"))):
            titles.add(row["title"])
            urls.add(row["url"])
    return {t.strip().casefold() for t in titles if t.strip()}, urls


def test_no_real_result_is_in_the_training_data(rows: list[dict[str, str]]) -> None:
    titles, urls = _real_results()
    assert len(titles) > 100, "the fixtures must be readable"
    assert not {row["title"].strip().casefold() for row in rows} & titles
    assert not {row["url"] for row in rows} & urls


def test_generator_modules_stay_small() -> None:
    modules = sorted((ROOT / "data" / "reference").glob("*harm*.py"))
    assert len(modules) >= 5
    for module in modules:
        assert len(module.read_text(encoding="utf-8").splitlines()) < 300, module.name


def test_the_labelling_guide_covers_every_category() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    for category in TARGET_MIX:
        assert f"`{category}`" in guide, category
    assert "ncii > leak > defamation > impersonation > complaint" in guide
    assert "serpshield label" in guide
