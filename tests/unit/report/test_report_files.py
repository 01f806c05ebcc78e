"""The report's files: HTML escapes scraped text, the PDF has text on page 1, CSV cells that a
spreadsheet would run as formulas are neutralised, and ``serpshield report`` writes each one."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from serpshield.cli import cli
from serpshield.report.cards import build_cards
from serpshield.report.content import ReportContent
from serpshield.report.csv_export import csv_bytes, csv_zip, neutralise
from serpshield.report.html import render_html
from serpshield.report.pdf import render_pdf
from tests.app.plan_world import HOSTILE_TITLE, make_world
from tests.unit.report.world import content

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"


@pytest.fixture(scope="module")
def nordlys() -> ReportContent:
    return content("nordlys")


def test_html_is_self_contained_and_escapes_scraped_text(nordlys: ReportContent) -> None:
    html = render_html(nordlys)
    assert "<script" not in html.lower()  # no script at all: the hostile one is escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "http://evil.example" in html  # shown as text, never as a link
    assert "<a " not in html and 'src="http' not in html
    assert html.count("<svg") == 4  # health, takedown, funnel, effect: inline, no file next to it
    for card in build_cards(nordlys.kpis, "en"):  # the numbers are client_kpis' numbers
        assert f'<div class="value">{card.value}</div>' in html or card.missing
    assert "Generated on" in html and "Nordlys" in html
    assert "Exposure: the share of searchers" in html  # the definitions section


def test_html_in_french_spells_missing_values_out() -> None:
    html = render_html(content("lea-fit"))
    assert '<html lang="fr">' in html
    assert "pas de données" in html and "Définitions" in html
    assert "Exposition : la part de l" in html


def _page_streams(pdf: bytes) -> list[bytes]:
    """The decompressed content streams of the PDF (fpdf2 writes one per page, in order)."""
    streams = []
    for match in re.finditer(rb"<<(.*?)>>\s*stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        header, body = match.groups()
        data = zlib.decompress(body) if b"FlateDecode" in header else body
        if b"BT" in data and b"ET" in data:
            streams.append(data)
    return streams


def test_pdf_has_pages_with_text(nordlys: ReportContent) -> None:
    pdf = render_pdf(nordlys)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type /Page\b", pdf))
    assert pages >= 2
    first = _page_streams(pdf)[0]
    assert first.count(b"Tj") + first.count(b"TJ") > 20  # the title, the cards, their notes
    assert b"/FontFile2" in pdf  # DejaVu Sans embedded: accents render everywhere
    if Path(PDFTOTEXT).exists():
        text = subprocess.run([PDFTOTEXT, "-f", "1", "-l", "1", "-", "-"], input=render_pdf(
            content("lea-fit")), capture_output=True, check=True).stdout.decode()  # fmt: skip
        assert "Rapport de réputation en ligne" in text and "pas de données" in text


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("http://evil.example","x")', "+1", "-2", "@x", "\tx", "\rx", "=1+1"],
)
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    frame = pd.DataFrame({"title": [cell, "plain"], "effect": [-0.5, 1.0]})
    parsed = pd.read_csv(io.BytesIO(csv_bytes(frame)), encoding="utf-8-sig", dtype=str,
                         keep_default_na=False)  # fmt: skip
    assert parsed["title"].tolist() == ["'" + cell, "plain"]
    assert parsed["effect"].tolist() == ["-0.5", "1.0"]  # numbers stay numbers


def test_every_table_is_in_the_zip_and_neutralised(nordlys: ReportContent) -> None:
    with zipfile.ZipFile(io.BytesIO(csv_zip(nordlys))) as archive:
        names = {Path(n).name for n in archive.namelist()}
        harmful = archive.read(next(n for n in archive.namelist() if "harmful" in n))
    assert names == {"kpi_cards.csv", "kpi_values.csv", "daily_series.csv", "takedown_curve.csv",
                     "funnel.csv", "harmful_results.csv", "published_assets.csv",
                     "definitions.csv"}  # fmt: skip
    rows = pd.read_csv(io.BytesIO(harmful), encoding="utf-8-sig")
    assert "'" + HOSTILE_TITLE in rows["title"].tolist()
    assert HOSTILE_TITLE not in rows["title"].tolist()


def run(ws: Path, *args: str) -> tuple[int, str]:
    env = {"SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": ""}
    result = CliRunner().invoke(cli, ["-w", str(ws), "report", *args], env=env)
    return result.exit_code, result.output


def test_the_cli_writes_each_format_and_refuses_an_unknown_client(tmp_path: Path) -> None:
    ws = make_world(tmp_path)
    period = ("--client", "nordlys", "--from", "2026-01-05", "--to", "2026-02-11")
    code, output = run(ws, *period, "--format", "html", "--out", str(tmp_path / "r.html"))
    assert code == 0, output
    assert "&lt;script&gt;" in (tmp_path / "r.html").read_text(encoding="utf-8")
    code, output = run(ws, *period, "--lang", "fr", "--format", "pdf",
                       "--out", str(tmp_path / "r.pdf"))  # fmt: skip
    assert code == 0, output
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    code, _ = run(ws, *period, "--format", "csv", "--out", str(tmp_path / "tables.zip"))
    assert code == 0 and zipfile.is_zipfile(tmp_path / "tables.zip")
    code, _ = run(ws, *period, "--format", "csv", "--out", str(tmp_path / "tables"))
    assert code == 0 and (tmp_path / "tables" / "kpi_values.csv").exists()
    code, output = run(ws, "--client", "nobody", "--format", "html", "--out",
                       str(tmp_path / "x.html"))  # fmt: skip
    assert code == 2 and "unknown client 'nobody'" in output
    assert not (tmp_path / "x.html").exists()
    code, output = run(ws, "--client", "nordlys", "--from", "2026-03-01", "--to", "2026-02-01",
                       "--format", "html", "--out", str(tmp_path / "y.html"))  # fmt: skip
    assert code == 2 and "after its end" in output
