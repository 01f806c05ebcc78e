"""The client report as a PDF (A4), drawn with fpdf2: same content as the HTML file.

Why this module exists: many clients (and their lawyers) file reports as PDF. fpdf2 is pure
Python, needs no browser or system library, and embeds the font it is given, so accented
French ("Délai médian", "Maëva") renders on any reader: we embed DejaVu Sans, which matplotlib
ships (``matplotlib.get_data_path()/fonts/ttf``), so no extra file is bundled. Charts are the
report's matplotlib figures as PNG. Warehouse text is written as text (fpdf2 interprets no
markup unless asked to), so a scraped title is printed, never executed.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from serpshield.report.cards import build_cards
from serpshield.report.charts import build_figures, png_bytes
from serpshield.report.content import ReportContent
from serpshield.report.tables import (
    assets_table,
    definitions_table,
    generated_text,
    harmful_table,
    period_text,
)
from serpshield.report.texts import text

FONT = "DejaVu"
_FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_WIDTH = 180.0  # A4 width (210 mm) minus 15 mm margins
_GREY = (86, 101, 115)
_CHART_ROOM = 95.0  # a section title and its chart (7.5 x 3.2 in at 180 mm wide: ~77 mm)


class _ReportPdf(FPDF):
    """An A4 page with the client's name and the page number at the bottom."""

    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=7)
        self.set_text_color(*_GREY)
        self.cell(0, 5, f"{self.footer_text} – {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def render_pdf(content: ReportContent) -> bytes:
    """The report of ``content`` as PDF bytes."""
    lang = content.lang
    pdf = _ReportPdf(format="A4")
    pdf.footer_text = f"{text('title', lang)} – {content.name}"
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font(FONT, "", str(_FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(_FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(f"{text('title', lang)} – {content.name}")
    pdf.set_author("serpshield")
    pdf.set_lang(lang)
    pdf.add_page()
    _header(pdf, content)
    _cards(pdf, content)
    figures = {name: png_bytes(fig, dpi=170) for name, fig in build_figures(content).items()}
    _section(pdf, text("health_chart", lang), room=_CHART_ROOM)
    _chart_or(pdf, figures.get("health"), text("health_note", lang), text("none_days", lang))
    _section(pdf, text("takedown_chart", lang), room=_CHART_ROOM)
    _chart_or(pdf, figures.get("takedown"), text("takedown_note", lang),
              text("none_notices", lang))  # fmt: skip
    if "funnel" in figures:
        _section(pdf, text("funnel_chart", lang), room=_CHART_ROOM)
        _chart_or(pdf, figures["funnel"], "", "")
    _section(pdf, text("harmful_now", lang))
    _paragraph(pdf, text("harmful_note", lang), size=8, grey=True)
    _table_or(pdf, harmful_table(content), (38, 16, 34, 26, 66), text("none_harmful", lang))
    _section(pdf, text("assets", lang))
    if content.assets.empty:
        _paragraph(pdf, text("none_assets", lang))
    else:
        _table_or(pdf, assets_table(content), (44, 24, 32, 20, 26, 34), "")
        _chart_or(pdf, figures.get("effect"), text("effect_note", lang), text("effect_note", lang))
    _section(pdf, text("definitions", lang))
    for kpi, unit, definition in definitions_table(content).to_numpy().tolist():
        _paragraph(pdf, f"{definition} ({kpi}, {unit})", size=8)
    _paragraph(pdf, text("footer", lang), size=7, grey=True)
    return bytes(pdf.output())


def _header(pdf: FPDF, content: ReportContent) -> None:
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(_WIDTH, 9, text("title", content.lang), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(_WIDTH, 7, content.name, new_x="LMARGIN", new_y="NEXT")
    _paragraph(pdf, period_text(content), size=9, grey=True)
    _paragraph(pdf, generated_text(content), size=9, grey=True)
    unscored = int(content.kpis.get("unscored_snapshots") or 0)
    if unscored:
        _paragraph(pdf, text("unscored", content.lang, n=unscored), size=9)


def _cards(pdf: FPDF, content: ReportContent) -> None:
    """The KPI cards as a three-column grid: label, value, note."""
    _section(pdf, text("kpis", content.lang))
    cards = build_cards(content.kpis, content.lang)
    style = FontFace(size_pt=8, color=_GREY)
    with pdf.table(col_widths=(60, 60, 60), first_row_as_headings=False, line_height=4.6,
                   borders_layout="NONE", padding=1.5, text_align="LEFT") as table:  # fmt: skip
        for start in range(0, len(cards), 3):
            chunk = cards[start : start + 3]
            labels, values, notes = table.row(), table.row(), table.row()
            for card in chunk:
                labels.cell(card.label, style=style)
                values.cell(card.value, style=FontFace(emphasis="BOLD", size_pt=11))
                notes.cell(card.note, style=FontFace(size_pt=6.5, color=_GREY))


def _section(pdf: FPDF, title: str, room: float = 30) -> None:
    """A section title, on a new page when less than ``room`` mm (title and what follows it)
    are left, so a title is never alone at the bottom of a page."""
    pdf.ln(3)
    if pdf.will_page_break(room):
        pdf.add_page()
    pdf.set_font(FONT, "B", 13)
    pdf.multi_cell(_WIDTH, 8, title, new_x="LMARGIN", new_y="NEXT")


def _paragraph(pdf: FPDF, body: str, size: float = 9, grey: bool = False) -> None:
    pdf.set_font(FONT, "", size)
    if grey:
        pdf.set_text_color(*_GREY)
    pdf.multi_cell(_WIDTH, size * 0.5, body, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1)


def _chart_or(pdf: FPDF, png: bytes | None, caption: str, missing: str) -> None:
    if png is None:
        if missing:
            _paragraph(pdf, missing, grey=True)
        return
    pdf.image(io.BytesIO(png), w=_WIDTH)
    if caption:
        _paragraph(pdf, caption, size=8, grey=True)


def _table_or(pdf: FPDF, frame: pd.DataFrame, widths: tuple[int, ...], missing: str) -> None:
    if frame.empty:
        _paragraph(pdf, missing)
        return
    pdf.set_font(FONT, "", 7.5)
    headings = FontFace(emphasis="BOLD", fill_color=(244, 246, 246))
    with pdf.table(col_widths=widths, line_height=4, text_align="LEFT",
                   headings_style=headings) as table:  # fmt: skip
        header = table.row()
        for column in frame.columns:
            header.cell(str(column))
        for values in frame.to_numpy().tolist():
            row = table.row()
            for value in values:
                row.cell(str(value))
    pdf.ln(2)
