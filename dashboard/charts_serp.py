"""Figures of the SERP pages: health over time, exposure per search, rank heatmap, sparklines.

Every function takes DataFrames and returns a figure without calling ``st.*``, so the figures
are tested as plain objects. Three rules hold in all of them:

- every local day of the period is on the x axis, and a day without a successful check is NaN
  with ``connectgaps=False``: a gap, never a zero or a clean day;
- text from the warehouse (query words, asset titles, domains) is HTML-escaped, because plotly
  renders a subset of HTML in hover labels and tick labels;
- hover labels name domains, never full URLs (a leak URL is shown only where someone acts on
  it, in tables).
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.i18n import t

#: Annotation kinds in the order of the events strip, with their marker and colour.
ANNOTATION_STYLE = {
    "asset": ("diamond", "#2e7d32"),
    "notice": ("triangle-up", "#1565c0"),
    "launch": ("star", "#6a1b9a"),
}
_ANNOTATION_LABELS = {"asset": "sh_ann_asset", "notice": "sh_ann_notice", "launch": "sh_ann_launch"}
HEALTH_COLOUR = "#00695c"
#: Heatmap colours: a harmful result at position 1 is darkest; green = nothing harmful.
HARM_TOP, HARM_LOW, CLEAN = "#7f0000", "#fdd49e", "#a1d99b"
#: Pixel size of a sparkline (a table cell keeps this aspect ratio).
SPARK_SIZE = (240, 30)


def days_between(first: date, last: date) -> list[date]:
    """Every day from ``first`` to ``last`` (included): the x axis of every chart here."""
    return [d.date() for d in pd.date_range(first, last, freq="D")]


def escape(text: object) -> str:
    """Warehouse text made inert for plotly's HTML subset."""
    return html.escape(str(text), quote=False)


def on_every_day(frame: pd.DataFrame, column: str, days: list[date]) -> list[float]:
    """``frame[column]`` by ``frame["day"]`` on each of ``days``, NaN where there is no row."""
    values = dict(zip(frame["day"], frame[column], strict=True))
    return [float(v) if (v := values.get(day)) is not None and not pd.isna(v) else np.nan
            for day in days]  # fmt: skip


def health_floor(days: pd.DataFrame) -> float:
    """The bottom of the health axis: 10 points under the lowest day, rounded down to a
    multiple of 10 (0 at the lowest), so a dip from 100 to 90 is visible, not a flat line."""
    values = pd.to_numeric(days["serp_health"], errors="coerce").dropna()
    lowest = float(values.min()) if len(values) else 0.0
    return max(0.0, 10.0 * ((lowest - 10.0) // 10.0))


def health_chart(
    days: pd.DataFrame, annotations: pd.DataFrame, *, first: date, last: date, lang: str
) -> go.Figure:
    """SERP health (0-100) per local day, under a strip of the events that explain it.

    ``days`` [day, serp_health]: one row per observed day; ``annotations`` [kind, day, label,
    events] (``data.dashboard_serp.load_serp_annotations``). Published assets and launches also
    draw a dotted line across the curve, so a climb can be read against what caused it.
    """
    axis = days_between(first, last)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.22, 0.78],
                        vertical_spacing=0.03)  # fmt: skip
    for kind, (symbol, colour) in ANNOTATION_STYLE.items():
        rows = annotations[annotations["kind"] == kind]
        name = t(_ANNOTATION_LABELS[kind], lang)
        hover = [f"{day}: {escape(label)}" + (f" ({n})" if kind == "notice" else "")
                 for day, label, n in zip(rows["day"], rows["label"], rows["events"],
                                          strict=True)]  # fmt: skip
        fig.add_trace(
            go.Scatter(x=list(rows["day"]), y=[name] * len(rows), mode="markers", name=name,
                       marker={"symbol": symbol, "size": 12, "color": colour},
                       hovertext=hover, hoverinfo="text"),
            row=1, col=1,
        )  # fmt: skip
    fig.add_trace(
        go.Scatter(x=axis, y=on_every_day(days, "serp_health", axis), mode="lines+markers",
                   name=t("sh_axis_health", lang), connectgaps=False,
                   line={"color": HEALTH_COLOUR, "width": 2}, marker={"size": 4},
                   hovertemplate="%{x}: %{y:.1f}<extra></extra>"),
        row=2, col=1,
    )  # fmt: skip
    # After the curve: plotly leaves out lines on a subplot that has no trace yet.
    marked = annotations[annotations["kind"] != "notice"]
    for kind, day in zip(marked["kind"], marked["day"], strict=True):
        line = {"dash": "dot", "color": ANNOTATION_STYLE[str(kind)][1], "width": 1}
        fig.add_vline(x=str(day), row=2, col=1, line=line)
    fig.update_yaxes(range=[health_floor(days), 101], title_text=t("sh_axis_health", lang),
                     row=2, col=1)  # fmt: skip
    strip = [t(_ANNOTATION_LABELS[kind], lang) for kind in ANNOTATION_STYLE]
    fig.update_yaxes(type="category", showgrid=False, fixedrange=True, categoryorder="array",
                     categoryarray=strip, range=[-0.5, len(strip) - 0.5], row=1, col=1)  # fmt: skip
    fig.update_xaxes(range=[pd.Timestamp(first) - pd.Timedelta(hours=12),
                            pd.Timestamp(last) + pd.Timedelta(hours=12)])  # fmt: skip
    fig.update_layout(height=420, margin={"t": 10, "b": 10}, showlegend=False,
                      hovermode="closest")  # fmt: skip
    return fig


def query_exposure_chart(
    query_days: pd.DataFrame, names: Mapping[int, str], *, first: date, last: date, lang: str
) -> go.Figure:
    """Exposure per local day of each query of ``names`` (in its order), one line each.

    ``query_days`` [query_id, day, exposure] (``data.kpi_exposure.load_query_day_exposure``).
    """
    axis = days_between(first, last)
    fig = go.Figure()
    for query_id, name in names.items():
        rows = query_days[query_days["query_id"] == query_id]
        fig.add_trace(go.Scatter(
            x=axis, y=on_every_day(rows, "exposure", axis), mode="lines+markers",
            name=escape(name), connectgaps=False, marker={"size": 4},
            hovertemplate=f"{escape(name)}<br>%{{x}}: %{{y:.1%}}<extra></extra>",
        ))  # fmt: skip
    fig.update_yaxes(title_text=t("sh_axis_exposure", lang), tickformat=".0%", rangemode="tozero")
    fig.update_xaxes(title_text=t("sh_axis_day", lang))
    fig.update_layout(height=360, margin={"t": 10, "b": 10},
                      legend={"orientation": "h", "y": -0.25})  # fmt: skip
    return fig


def rank_heatmap_chart(
    grid: pd.DataFrame,
    names: Mapping[int, str],
    *,
    first: date,
    last: date,
    depth: int,
    lang: str,
) -> go.Figure:
    """Query x day: the best position of a harmful result in the top ``depth``.

    ``grid`` [query_id, day, best_position, category, domain] (``load_rank_grid``, category
    already in words): a darker cell is a harmful result higher up; ``depth + 1`` (green) is an
    observed day with nothing harmful; a day without a row is NaN, left blank. A harmful result
    pushed down by defensive content shows as a row fading from dark to light to green.
    """
    axis = days_between(first, last)
    column = {day: i for i, day in enumerate(axis)}
    z = np.full((len(names), len(axis)), np.nan)
    text = np.full(z.shape, "", dtype=object)
    hover = np.full(z.shape, "", dtype=object)
    clean = t("sh_heat_clean", lang)
    for row, (query_id, name) in enumerate(names.items()):
        for cell in grid[grid["query_id"] == query_id].to_dict("records"):
            col = column.get(cell["day"])
            if col is None:
                continue
            where = f"{escape(name)}<br>{cell['day']}"
            if pd.isna(cell["best_position"]):
                z[row, col], hover[row, col] = depth + 1, f"{where}<br>{clean}"
                continue
            position = int(cell["best_position"])
            z[row, col], text[row, col] = position, str(position)
            about = f"{escape(cell['category'])} · {escape(cell['domain'])}"
            hover[row, col] = f"{where}<br>{t('sh_heat_title', lang)} {position}<br>{about}"
    edge = (depth - 0.5) / depth
    fig = go.Figure(go.Heatmap(
        z=z, x=axis, y=[escape(name) for name in names.values()], text=text,
        texttemplate="%{text}", customdata=hover, hovertemplate="%{customdata}<extra></extra>",
        zmin=1, zmax=depth + 1, xgap=1, ygap=1, hoverongaps=False,
        colorscale=[[0.0, HARM_TOP], [edge, HARM_LOW], [edge, CLEAN], [1.0, CLEAN]],
        colorbar={"title": {"text": t("sh_heat_position", lang)},
                  "tickvals": [1, depth // 2, depth, depth + 1],
                  "ticktext": ["1", str(depth // 2), str(depth), clean]},
    ))  # fmt: skip
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=t("sh_axis_day", lang))
    fig.update_layout(height=max(220, 60 * len(names) + 120), margin={"t": 10, "b": 10})
    return fig


def sparkline_image(values: Sequence[float | None], peak: float, *, colour: str = "#b71c1c") -> str:
    """A small SVG line of ``values`` (one per day, None = not observed) as a data URI for
    ``st.column_config.ImageColumn``: unlike ``LineChartColumn``, which cannot draw a missing
    value, it breaks the line at every unobserved day, so a gap stays a gap, never a zero.

    ``peak`` is the top of the y scale (shared by every row, so rows compare); only numbers we
    format go into the SVG text.
    """
    width, height = max(len(values) - 1, 1), 20.0
    top = peak if peak > 0 else 1.0
    runs: list[list[str]] = [[]]
    for x, value in enumerate(values):
        if value is None or pd.isna(value):
            runs.append([])
            continue
        y = height - height * min(max(float(value), 0.0), top) / top
        runs[-1].append(f"{x},{y:.2f}")
    stroke = f'fill="none" stroke="{colour}" stroke-width="2" stroke-linecap="round" '
    stroke += 'stroke-linejoin="round" vector-effect="non-scaling-stroke"'
    paths = [
        f'<path {stroke} d="M{run[0]} L{" L".join(run[1:]) if len(run) > 1 else run[0]}"/>'
        for run in runs
        if run
    ]  # a lone observed day is a zero-length segment: a dot, thanks to the round cap
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SPARK_SIZE[0]}" '
        f'height="{SPARK_SIZE[1]}" viewBox="0 -2 {width} {height + 4:.0f}" '
        f'preserveAspectRatio="none">{"".join(paths)}</svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
