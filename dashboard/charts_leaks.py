"""Plotly figures of the Leaks & takedowns page: funnel, time-to-removal curves, URL timeline.

Every function is named ``*_chart``, takes DataFrames (and the already translated words it
prints) and returns a figure; none calls ``st.*``, so figures are tested as plain objects.

Privacy: a full leak URL is never put in a figure (hover labels and titles end up in
screenshots and reports); a URL is named by its host domain. The words of axes, legends and
hover labels come from the caller in the page's language. Names that come from the warehouse
(host domains) only ever reach a trace's ``name``, referenced from hover templates as
``%{fullData.name}``, never formatted into a template (where ``%{`` would be interpreted).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

PALETTE = qualitative.Plotly
HOURS_PER_DAY = 24.0
#: Colour of a check by what it found: a live leak is bad news, a removed one good news.
CHECK_COLORS = {"live": "#d62728", "removed": "#2ca02c", "unknown": "#7f7f7f", "refused": "#9467bd"}
#: Marker of each lifecycle event on the timeline.
EVENT_SYMBOLS = {
    "detected": "circle",
    "notice_sent": "triangle-right",
    "acknowledged": "square",
    "rejected": "x",
    "removed": "star",
    "delisted": "diamond",
    "reinstated": "triangle-up",
}
EVENT_ORDER = tuple(EVENT_SYMBOLS)
CHECKS_LANE = "checks"


def _rgba(hex_color: str, alpha: float) -> str:
    red, green, blue = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def km_chart(
    curves: pd.DataFrame,
    censored: pd.DataFrame,
    texts: Mapping[str, str],
    names: Mapping[str, str] | None = None,
) -> go.Figure:
    """Kaplan-Meier curves of time to removal, one step line per group, with its 95% band
    and a tick at each time a notice was still waiting (censored).

    ``curves``/``censored``: the frames of ``models.km_curves.KmCurves``. ``texts`` needs
    "x" (days axis), "y" (share still online), "median", "waiting" (hover word for censored
    notices) and "band". ``names`` maps a group value to its display name (default: as is).
    Times are shown in days; S(t) as a percentage.
    """
    names = names or {}
    figure = go.Figure()
    groups = list(dict.fromkeys(curves["group"])) if len(curves) else []
    for index, group in enumerate(groups):
        color = PALETTE[index % len(PALETTE)]
        rows = curves[curves["group"] == group]
        days = rows["time_hours"].to_numpy(dtype=float) / HOURS_PER_DAY
        label = f"{names.get(str(group), str(group))} (n={int(rows['n'].iloc[0])})"
        band = dict(
            x=days,
            mode="lines",
            line_shape="hv",
            line=dict(width=0),
            hoverinfo="skip",
            showlegend=False,
            legendgroup=label,
        )
        figure.add_trace(go.Scatter(y=rows["upper"], name=texts["band"], **band))
        figure.add_trace(
            go.Scatter(
                y=rows["lower"],
                name=texts["band"],
                fill="tonexty",
                fillcolor=_rgba(color, 0.10),
                **band,
            )
        )
        figure.add_trace(
            go.Scatter(
                x=days,
                y=rows["survival"],
                name=label,
                legendgroup=label,
                mode="lines",
                line_shape="hv",
                line=dict(color=color, width=2.5),
                hovertemplate=f"%{{fullData.name}}<br>{texts['x']}: %{{x:.1f}}<br>"
                f"{texts['y']}: %{{y:.0%}}<extra></extra>",
            )
        )
        marks = censored[censored["group"] == group] if len(censored) else censored
        if len(marks):
            figure.add_trace(
                go.Scatter(
                    x=marks["time_hours"].to_numpy(dtype=float) / HOURS_PER_DAY,
                    y=marks["survival"],
                    customdata=marks["count"],
                    name=label,
                    legendgroup=label,
                    showlegend=False,
                    mode="markers",
                    marker=dict(
                        symbol="line-ns-open", size=14, color=color, line=dict(width=2, color=color)
                    ),
                    hovertemplate=f"%{{fullData.name}}<br>{texts['waiting']}: %{{customdata}}"
                    f"<br>{texts['x']}: %{{x:.1f}}<extra></extra>",
                )
            )
    figure.add_hline(
        y=0.5,
        line=dict(dash="dot", color="#888888", width=1),
        annotation_text=texts["median"],
        annotation_position="top right",
    )
    figure.update_layout(
        xaxis=dict(title=texts["x"], rangemode="tozero"),
        yaxis=dict(title=texts["y"], range=[0, 1.03], tickformat=".0%"),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        margin=dict(l=10, r=10, t=40, b=10),
        hovermode="closest",
    )
    return figure


def funnel_chart(stages: pd.DataFrame, texts: Mapping[str, str]) -> go.Figure:
    """The leak funnel: URLs (and content items) at each stage, top to bottom.

    ``stages``: columns ``label`` (the stage's translated name, in funnel order), ``urls``,
    ``items``. ``texts`` needs "urls" and "items" (the two trace names).
    """
    figure = go.Figure()
    for column, color in (("urls", PALETTE[0]), ("items", PALETTE[2])):
        figure.add_trace(
            go.Funnel(
                y=stages["label"],
                x=stages[column],
                name=texts[column],
                textinfo="value+percent initial",
                marker=dict(color=color),
                hovertemplate=f"%{{y}}<br>{texts[column]}: %{{x}}<extra></extra>",
            )
        )
    figure.update_layout(
        margin=dict(l=10, r=10, t=30, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
    )
    return figure


def timeline_chart(
    events: pd.DataFrame,
    checks: pd.DataFrame,
    texts: Mapping[str, str],
    lanes: Mapping[str, str],
) -> go.Figure:
    """One leak URL's life: its lifecycle events on one lane each, its checks on a last lane
    coloured by what they found (live, removed, unknown, refused).

    ``events``: columns ``event``, ``occurred_at``, ``channel``, ``legal_route``; ``checks``:
    ``checked_at``, ``state``, ``http_status``. ``lanes`` maps each event kind and "checks" to
    its translated lane name; ``texts`` needs "title" (the URL's domain, never the URL),
    "time", "channel", "route", "state" and "status" (hover words), and one entry per check
    state. Times are UTC (hover labels say so); the legend sits under the time axis.
    """
    figure = go.Figure()
    present = [e for e in EVENT_ORDER if len(events) and (events["event"] == e).any()]
    for index, kind in enumerate(present):
        rows = events[events["event"] == kind]
        figure.add_trace(
            go.Scatter(
                x=rows["occurred_at"],
                y=[lanes[kind]] * len(rows),
                mode="markers",
                name=lanes[kind],
                customdata=rows[["channel", "legal_route"]].to_numpy(),
                marker=dict(
                    symbol=EVENT_SYMBOLS[kind], size=14, color=PALETTE[index % len(PALETTE)]
                ),
                hovertemplate=f"{lanes[kind]}<br>{texts['time']}: %{{x|%Y-%m-%d %H:%M}} UTC"
                f"<br>{texts['channel']}: %{{customdata[0]}}<br>{texts['route']}: "
                f"%{{customdata[1]}}<extra></extra>",
            )
        )
    for state, color in CHECK_COLORS.items():
        rows = checks[checks["state"] == state] if len(checks) else checks
        if not len(rows):
            continue
        status = rows["http_status"].astype("Int64").astype("string").fillna("-")
        figure.add_trace(
            go.Scatter(
                x=rows["checked_at"],
                y=[lanes[CHECKS_LANE]] * len(rows),
                mode="markers",
                name=f"{lanes[CHECKS_LANE]} · {texts[state]}",
                customdata=status.to_numpy(),
                marker=dict(
                    symbol="line-ns-open", size=16, color=color, line=dict(width=2, color=color)
                ),
                hovertemplate=f"{texts['state']}: {texts[state]}<br>{texts['time']}: "
                f"%{{x|%Y-%m-%d %H:%M}} UTC<br>{texts['status']}: %{{customdata}}"
                "<extra></extra>",
            )
        )
    order = [lanes[e] for e in present] + [lanes[CHECKS_LANE]]
    figure.update_layout(
        title=dict(text=texts["title"], x=0, xanchor="left"),
        yaxis=dict(categoryorder="array", categoryarray=list(reversed(order)), title=None),
        margin=dict(l=10, r=10, t=40, b=40),
        legend=dict(orientation="h", yanchor="top", y=-0.22, x=0),
        height=190 + 40 * len(order),
    )
    return figure
