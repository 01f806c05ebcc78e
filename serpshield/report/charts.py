"""The report's charts as static images (SVG for the HTML file, PNG for the PDF and preview).

Why this module exists: a report is a file sent to a client and opened offline, so its charts
must be pictures, not the dashboard's interactive plotly figures (which need JavaScript). They
are drawn with matplotlib's object API (``Figure`` without pyplot: no global state, safe in the
dashboard's threads) and rendered without a display. The same rules as the dashboard hold: a
day without an observation is a gap in the line (NaN, never 0), a takedown curve counts the
notices still waiting, and an effect estimate is shown with its 95% interval only when it is a
number ("pending" and "insufficient data" are written in the table, never drawn as 0).

Warehouse text (asset titles) only appears as tick labels; ``$`` is escaped so it is never read
as mathematics, and matplotlib escapes the text it writes into SVG.
"""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from serpshield.report.content import ReportContent
from serpshield.report.texts import label_or_raw, text

#: Chart names, in the order the report shows them.
CHART_NAMES = ("health", "takedown", "funnel", "effect")
_COLOURS = ("#1f5f8b", "#2e8b57", "#c0392b", "#8e44ad", "#d68910", "#566573")
_TITLE_CHARS = 48


def build_figures(content: ReportContent) -> dict[str, Figure]:
    """The charts this report has data for, by name (``CHART_NAMES`` order)."""
    lang = content.lang
    figures = {
        "health": health_figure(content.daily, lang),
        "takedown": takedown_figure(content.takedown, lang),
        "funnel": funnel_figure(content.funnel, lang),
        "effect": effect_figure(content.assets, lang),
    }
    return {name: fig for name, fig in figures.items() if fig is not None}


def health_figure(daily: pd.DataFrame, lang: str) -> Figure | None:
    """SERP health (0-100) and owned share (%) per day; None when no day was observed."""
    if daily["serp_health"].notna().sum() == 0:
        return None
    fig, ax = _figure(height=3.2)
    days = pd.to_datetime(daily["day"])
    ax.plot(days, daily["serp_health"].astype(float), marker="o", markersize=2.5,
            color=_COLOURS[0], label=text("series_health", lang))  # fmt: skip
    ax.plot(days, 100.0 * daily["owned_share"].astype(float), marker="o", markersize=2.5,
            color=_COLOURS[1], label=text("series_owned", lang))  # fmt: skip
    ax.set_ylim(0, 102)
    # The whole period, so that unobserved days at either end show as gaps too.
    ax.set_xlim(_day_number(days.min()), _day_number(days.max()))
    ax.set_ylabel(text("axis_score", lang))
    ax.set_xlabel(text("axis_day", lang))
    ax.legend(loc="lower left", fontsize=8, frameon=False)
    fig.autofmt_xdate()
    return fig


def takedown_figure(curves: pd.DataFrame, lang: str) -> Figure | None:
    """Kaplan-Meier curves of time to removal, one per notice channel; None without notices."""
    if curves.empty:
        return None
    fig, ax = _figure(height=3.0)
    for index, (group, points) in enumerate(curves.groupby("group", sort=False)):
        name = label_or_raw("channel", str(group), lang)
        label = f"{name} (n = {int(points['n'].iloc[0])})"
        ax.step(points["time_hours"] / 24.0, points["survival"], where="post",
                color=_COLOURS[index % len(_COLOURS)], label=label)  # fmt: skip
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylabel(text("axis_still_online", lang))
    ax.set_xlabel(text("axis_days_since", lang))
    ax.legend(fontsize=8, frameon=False)
    return fig


def funnel_figure(funnel: pd.DataFrame, lang: str) -> Figure | None:
    """URLs reaching each stage of the takedown funnel; None when nothing was detected."""
    if int(funnel["urls"].sum()) == 0:
        return None
    fig, ax = _figure(height=2.6)
    labels = [text(f"stage_{stage}", lang) for stage in funnel["stage"]]
    positions = np.arange(len(labels))[::-1]
    bars = ax.barh(positions, funnel["urls"].astype(int), color=_COLOURS[0])
    ax.bar_label(bars, padding=3, fontsize=8)
    ax.set_yticks(positions, labels=labels)
    ax.set_xlabel(text("axis_urls", lang))
    ax.margins(x=0.12)
    return fig


def effect_figure(assets: pd.DataFrame, lang: str) -> Figure | None:
    """Each measured effect with its 95% interval as an error bar, zero marked; None when no
    asset has a number yet."""
    measured = assets[(assets["effect_status"] == "ok") & assets["effect"].notna()]
    if measured.empty:
        return None
    fig, ax = _figure(height=0.8 + 0.45 * len(measured))
    effect = measured["effect"].astype(float).to_numpy()
    low = effect - measured["ci_low"].astype(float).to_numpy()
    high = measured["ci_high"].astype(float).to_numpy() - effect
    rows = np.arange(len(measured))[::-1]
    ax.errorbar(effect, rows, xerr=np.vstack([low, high]), fmt="o", color=_COLOURS[0],
                ecolor=_COLOURS[5], capsize=4)  # fmt: skip
    ax.axvline(0.0, color=_COLOURS[2], linewidth=1, linestyle="--")
    ax.set_yticks(rows, labels=[plain_label(t) for t in measured["title"]])
    ax.set_ylim(-0.7, len(measured) - 0.3)
    ax.set_xlabel(text("axis_effect", lang))
    return fig


def plain_label(value: object) -> str:
    """Warehouse text as a chart label: shortened, and ``$`` escaped (no mathtext)."""
    label = str(value)
    if len(label) > _TITLE_CHARS:
        label = label[: _TITLE_CHARS - 1] + "…"
    return label.replace("$", r"\$")


def svg_text(fig: Figure) -> str:
    """The figure as an SVG element to inline in HTML: no XML prolog, doctype or comments
    (matplotlib comments each text it draws; they add nothing to the picture)."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    return re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)


def png_bytes(fig: Figure, dpi: int = 150) -> bytes:
    """The figure as PNG bytes (for the PDF and the dashboard's preview)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _day_number(day: pd.Timestamp) -> float:
    """A day as matplotlib's date number (days since 1970-01-01, its default epoch)."""
    return float((day - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1))


def _figure(height: float) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(7.5, height), layout="constrained")
    ax = fig.add_subplot()
    ax.grid(axis="both", alpha=0.25)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)
    return fig, ax
