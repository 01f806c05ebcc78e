"""Build ``harm_training.csv``: fictional, labelled search results for the harm classifier.

Deterministic (one seed, standard library only). Rows are composed from the phrase banks in
``harm_bank_*.py`` for the fictional subjects of ``harm_subjects.py``, then roughened the way
real result pages are (truncation, dates, breadcrumbs, typos, missing accents, empty
snippets). Regenerate the committed file with:

    python -m data.reference.build_harm_training > data/reference/harm_training.csv

``docs/labelling-guide.md`` says how each category is decided.
"""

from __future__ import annotations

import csv
import io
import random
import sys
from collections.abc import Sequence
from dataclasses import astuple, dataclass, replace

from data.reference import (
    harm_bank_complaint,
    harm_bank_defamation,
    harm_bank_impersonation,
    harm_bank_leak,
    harm_bank_ncii,
    harm_bank_neutral,
    harm_bank_owned,
    harm_bank_positive,
)
from data.reference.harm_common import CATEGORIES, HOSTS, UNKNOWN_PLAIN, UNKNOWN_SPAM, Family
from data.reference.harm_noise import noisy_snippet, noisy_title, snippet_text
from data.reference.harm_subjects import Subject, build_subjects
from data.reference.harm_values import placeholder_values

SEED = 20250614
COLUMNS = (
    "subject",
    "subject_kind",
    "lang",
    "query",
    "position",
    "url",
    "domain_category",
    "title",
    "snippet",
    "category",
)
HARMFUL = ("leak", "ncii", "defamation", "complaint", "impersonation")
SEVERITY = ("ncii", "leak", "defamation", "impersonation", "complaint")
TARGET_MIX = {
    "leak": 0.16,
    "ncii": 0.08,
    "defamation": 0.10,
    "complaint": 0.10,
    "impersonation": 0.08,
    "neutral": 0.22,
    "owned": 0.12,
    "positive": 0.14,
}
# How often each category appears for a kind of subject (weights in CATEGORIES order).
KIND_WEIGHTS = {
    "creator": (24, 12, 7, 7, 10, 16, 12, 12),
    "brand": (12, 0, 12, 22, 10, 18, 14, 12),
    "public_figure": (8, 10, 16, 4, 6, 26, 10, 20),
    "homonym_mix": (12, 6, 6, 8, 4, 40, 12, 12),
}
RESULTS_PER_SUBJECT = (9, 16)
RANK = {  # where a category tends to sit on a result page (lower is higher up)
    "owned": 0.0,
    "positive": 1.0,
    "neutral": 1.5,
    "complaint": 1.5,
    "defamation": 1.8,
    "impersonation": 2.0,
    "leak": 2.5,
    "ncii": 3.0,
}


def _merge_banks() -> dict[str, dict[str, tuple[Family, ...]]]:
    merged: dict[str, dict[str, tuple[Family, ...]]] = {"fr": {}, "en": {}}
    for module in (
        harm_bank_leak,
        harm_bank_ncii,
        harm_bank_defamation,
        harm_bank_complaint,
        harm_bank_impersonation,
        harm_bank_neutral,
        harm_bank_owned,
        harm_bank_positive,
    ):
        for lang, bank in module.BANKS.items():
            merged[lang].update(bank)
    return merged


BANKS = _merge_banks()


@dataclass(frozen=True)
class Row:
    """One labelled result. ``hard`` (a deliberately hard case) and ``family`` (the phrase-bank
    family it came from, e.g. ``leak/fr/2``, for evaluations that hold whole template families
    out) are not written to the CSV."""

    subject: str
    subject_kind: str
    lang: str
    query: str
    position: int
    url: str
    domain_category: str
    title: str
    snippet: str
    category: str
    hard: bool
    family: str

    def cells(self) -> list[str]:
        return [str(cell) for cell in astuple(self)[: len(COLUMNS)]]


def _host(rng: random.Random, family: Family, subject: Subject, domain: str, category: str) -> str:
    pool = family.host or domain
    if pool == "owned":
        return subject.own
    if pool == "unknown":
        spammy = category in HARMFUL and rng.random() < 0.6
        first = rng.choice(UNKNOWN_SPAM if spammy else UNKNOWN_PLAIN)
        number = rng.choice(("", "", "", str(rng.randint(2, 99))))
        return f"{first}-{rng.choice(UNKNOWN_PLAIN)}{number}.{rng.choice(('example', 'test'))}"
    return rng.choice(HOSTS[pool])[0]


def _site_name(host: str, subject: Subject) -> str:
    if host == subject.own:
        return subject.name
    for hosts in HOSTS.values():
        for known, name in hosts:
            if known == host:
                return name
    label = host.removeprefix("www.").split(".")[0]
    return " ".join(word.capitalize() for word in label.split("-"))


def _pick(rng: random.Random, family: Family) -> tuple[str, str, str]:
    """A title, snippet lead and path template that go together."""
    if family.paired:
        i = rng.randrange(len(family.titles))
        title, lead = family.titles[i], family.leads[i]
        same = len(family.paths) == len(family.titles)
        path = family.paths[i] if same else rng.choice(family.paths)
    else:
        title, lead = rng.choice(family.titles), rng.choice(family.leads)
        path = rng.choice(family.paths)

    def one(item: str) -> str:
        return rng.choice(item.split(" || "))

    return one(title), one(lead), one(path)


def _row(rng: random.Random, subject: Subject, category: str) -> Row:
    lang = rng.choice(subject.langs)
    families = BANKS[lang][category]
    weights = [family.kinds.count(subject.letter) for family in families]
    index = rng.choices(range(len(families)), weights)[0]
    family = families[index]
    values = placeholder_values(rng, subject, lang, category)
    template, lead, path = _pick(rng, family)
    domain = rng.choice(family.domains)
    if path.startswith("//"):
        host, _, rest = path[2:].partition("/")
        path = f"/{rest}"
        if host == "own":
            host, domain = subject.own, "owned"
        elif host.startswith("@"):
            domain = host[1:]
            host = _host(rng, family._replace(host=""), subject, domain, category)
        else:
            host = host.format_map(values)
    else:
        host = _host(rng, family, subject, domain, category)
    site = _site_name(host, subject)
    values["site"], values["own"] = site, subject.own
    title = noisy_title(rng, template.format_map(values), site, template, category)
    snippet = snippet_text(rng, lead, family.endings, lang, domain).format_map(values)
    base = rng.choice(subject.bases)
    return Row(
        subject=subject.sid,
        subject_kind=subject.kind,
        lang=lang,
        query=f"{base} {rng.choice(family.queries)}".strip(),
        position=0,
        url=f"https://{host}{path.format_map(values)}",
        domain_category=domain,
        title=title.strip(),
        snippet=noisy_snippet(rng, snippet, lang, domain).strip(),
        category=category,
        hard=family.hard,
        family=f"{category}/{lang}/{index}",
    )


def _categories(rng: random.Random, kind: str, count: int) -> list[str]:
    """``count`` categories shared out by the kind's weights (largest remainders, with a random
    nudge so that subjects differ), which keeps the whole file close to ``TARGET_MIX``."""
    weights = KIND_WEIGHTS[kind]
    quotas = [count * weight / sum(weights) for weight in weights]
    seats = [int(quota) for quota in quotas]
    nudged = [quota - seat + 0.5 * rng.random() for quota, seat in zip(quotas, seats, strict=True)]
    for i in sorted(range(len(seats)), key=lambda i: -nudged[i])[: count - sum(seats)]:
        seats[i] += 1
    categories = [c for c, seat in zip(CATEGORIES, seats, strict=True) for _ in range(seat)]
    rng.shuffle(categories)
    return categories


def _subject_rows(rng: random.Random, subject: Subject, seen: set[tuple[str, str]]) -> list[Row]:
    categories = _categories(rng, subject.kind, rng.randint(*RESULTS_PER_SUBJECT))
    rows: list[Row] = []
    titles: set[str] = set()
    for category in categories:
        for _ in range(60):
            row = _row(rng, subject, category)
            if row.title not in titles and (row.title, row.snippet) not in seen:
                break
        else:
            raise RuntimeError(f"{subject.sid}: no new {category} result left in the banks")
        titles.add(row.title)
        seen.add((row.title, row.snippet))
        rows.append(row)
    by_query: dict[str, list[Row]] = {}
    for row in rows:
        by_query.setdefault(row.query, []).append(row)
    placed: list[Row] = []
    for query in sorted(by_query):
        group = by_query[query]
        keyed = sorted(group, key=lambda r: RANK[r.category] + 2.5 * rng.random())
        positions = sorted(rng.sample(range(1, 21), len(group)))
        placed.extend(replace(r, position=p) for r, p in zip(keyed, positions, strict=True))
    return placed


def build_rows(seed: int = SEED) -> list[Row]:
    """Every training row, grouped by subject and ordered by query and position."""
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not security
    seen: set[tuple[str, str]] = set()
    rows: list[Row] = []
    for subject in build_subjects(rng):
        rows.extend(_subject_rows(rng, subject, seen))
    return rows


def render_csv(rows: Sequence[Row] | None = None) -> str:
    """The CSV text of ``rows`` (by default the whole training set), header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(row.cells() for row in (build_rows() if rows is None else rows))
    return buffer.getvalue()


def main() -> None:
    """Print the training CSV (UTF-8) on standard output."""
    sys.stdout.buffer.write(render_csv().encode("utf-8"))


if __name__ == "__main__":
    main()
