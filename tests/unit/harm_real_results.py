"""Builds data/reference/real_results.csv from the real fixtures (used by a test to keep the
shipped copy identical to what the parsers read from tests/fixtures/serp)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from collectors.sources import get_parser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "serp"
FOLDER_SOURCE = {
    "serpapi_json": "serpapi",
    "serper_json": "serper",
    "brave_json": "brave",
    "google_cse_json": "google-cse",
    "searxng_json": "searxng",
    "google_html": "google-html",
    "bing_html": "bing-html",
    "ddg_html": "ddg-html",
}


def build_real_results() -> str:
    """CSV text: file, position, url, title, snippet of every organic result of the real
    (not constructed) fixtures."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file", "position", "url", "title", "snippet"])
    for folder, source in sorted(FOLDER_SOURCE.items()):
        for path in sorted((FIXTURES / folder).glob("*")):
            if path.name.endswith(".expected.json") or path.suffix not in {".json", ".html"}:
                continue
            page = get_parser(source).parse(path.read_bytes())
            for r in page.organic:
                writer.writerow([f"{folder}/{path.name}", r.position, r.url, r.title, r.snippet])
    return out.getvalue()
