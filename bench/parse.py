"""Parse throughput per source, on the real pages and responses in tests/fixtures/serp/.

Parsing runs once per fetched page and again whenever stored payloads are re-parsed after a
parser fix, so a slow parser shows up in both. Each fixture of a parser's folder is parsed
up to ``repeat`` times; the figure is pages per second. A fixture a parser refuses (ParseError) is
reported, not hidden: it is either a bug or a fixture in the wrong folder.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "serp"


@dataclass
class ParseBench:
    """One parser on one fixture."""

    source: str
    fixture: str
    kib: float
    pages_per_s: float | None
    organic: int | None
    error: str | None = None


def fixture_folder(name: str, payload: str) -> Path | None:
    """``google-html`` -> google_html/, ``serpapi`` -> serpapi_json/ (the folder naming rule)."""
    base = name.replace("-", "_")
    for candidate in (base, f"{base}_{payload}"):
        if (FIXTURES / candidate).is_dir():
            return FIXTURES / candidate
    return None


def fixtures_of(folder: Path) -> list[Path]:
    """Pages and responses, not the ``*.expected.json`` answer files beside them."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in (".html", ".json") and not p.name.endswith(".expected.json")
    )


def run_parse_bench(repeat: int = 20, budget: float = 2.0) -> tuple[list[ParseBench], str | None]:
    """Rows for every registered parser, or no rows and why the registry did not import.
    Each fixture is parsed ``repeat`` times, or as often as ``budget`` seconds allow (at least
    three times), so a slow HTML parser does not stretch the whole benchmark."""
    try:
        from collectors.sources import PARSERS
    except Exception as exc:  # the source modules are written concurrently: say so and go on
        return [], f"collectors.sources did not import ({type(exc).__name__}: {exc})"
    rows: list[ParseBench] = []
    for name, parser in sorted(PARSERS.items()):
        folder = fixture_folder(name, parser.payload)
        if folder is None:
            rows.append(ParseBench(name, "-", 0.0, None, None, "no fixture folder"))
            continue
        for path in fixtures_of(folder):
            body = path.read_bytes()
            kib = round(len(body) / 1024, 1)
            try:
                page = parser.parse(body)
            except Exception as exc:
                rows.append(ParseBench(name, path.name, kib, None, None, type(exc).__name__))
                continue
            started = time.perf_counter()
            done = 0
            while done < repeat and (done < 3 or time.perf_counter() - started < budget):
                parser.parse(body)
                done += 1
            rate = done / (time.perf_counter() - started)
            rows.append(ParseBench(name, path.name, kib, round(rate, 1), len(page.organic)))
    return rows, None
