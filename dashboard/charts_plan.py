"""Plotly figures of the Defensive plan page: calendar, rank trajectories, effect estimates.

Every function is named ``*_chart``, takes DataFrames and returns a plotly figure without
calling ``st.*``, so each can be tested as a plain object. The rules of the other pages hold:
a day without a check is a gap in a line (NaN, ``connectgaps=False``), never "not ranked" and
never a zero; an effect is drawn only when it is a number, with its 95% interval, and the
statuses "pending" and "insufficient data" stay words in the page's table. Asset titles are
user text: they are shortened and HTML-escaped, because plotly reads a few HTML tags in labels.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import date, timedelta

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard.i18n import t
from models.planner import records

#: Colours by calendar kind; the label keys name each kind in the legend.
KIND_COLOURS = {"published": "#2e8b57", "planned": "#1f5f8b", "new": "#85c1e9"}
KIND_LABELS = {"published": "plan_kind_published", "planned": "plan_kind_planned",
               "new": "plan_kind_new", "monitoring": "plan_kind_monitoring"}  # fmt: skip
_TITLE_CHARS = 60
_MONITORING_FILL = "rgba(214, 137, 16, 0.15)"


def chart_label(value: object) -> str:
    """User text as a plotly label: shortened, HTML-escaped."""
    label = str(value)
    if len(label) > _TITLE_CHARS:
        label = label[: _TITLE_CHARS - 1] + "…"
    return html.escape(label)


def calendar_chart(
    calendar: pd.DataFrame, published: pd.DataFrame, launches: pd.DataFrame, lang: str
) -> go.Figure:
    """Weeks x assets: one bar per asset in the week it is published (``published``: title,
    published_on), planned or recommended (``calendar``: ``access_plan.CALENDAR_COLUMNS``), and
    each launch's monitoring window [D-14, D] shaded with the launch day marked."""
    rows = [
        {"title": r["title"], "start": pd.Timestamp(r["published_on"]), "kind": "published"}
        for r in records(published)
    ]
    rows += [
        {"title": r["title"], "start": pd.Timestamp(r["on"]), "kind": r["kind"]}
        for r in records(calendar)
        if r["kind"] in ("new", "planned")
    ]
    frame = pd.DataFrame(rows, columns=["title", "start", "kind"])
    frame["end"] = frame["start"] + pd.Timedelta(days=7)
    frame["asset"] = frame["title"].map(chart_label)
    frame["what"] = frame["kind"].map(lambda k: t(KIND_LABELS[k], lang))
    colours = {t(KIND_LABELS[k], lang): c for k, c in KIND_COLOURS.items()}
    fig = (
        px.timeline(frame, x_start="start", x_end="end", y="asset", color="what",
                    color_discrete_map=colours, category_orders={"what": list(colours)})
        if len(frame) else go.Figure()
    )  # fmt: skip
    fig.update_traces(hovertemplate="%{y}<br>%{base|%Y-%m-%d}<extra></extra>")
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=t("plan_axis_week", lang), dtick=7 * 86_400_000, tickformat="%d/%m")
    for r in records(launches):
        launch_on = pd.Timestamp(r["launch_on"])
        fig.add_vrect(x0=pd.Timestamp(r["monitoring_from"]), x1=launch_on,
                      fillcolor=_MONITORING_FILL, line_width=0, layer="below")  # fmt: skip
        fig.add_vline(x=launch_on.value / 1e6, line_dash="dash", line_color="#d68910")
        fig.add_annotation(x=launch_on, y=1.0, yref="paper", showarrow=False, yanchor="bottom",
                           text=t("plan_launch_named", lang).format(name=chart_label(r["name"])),
                           font={"size": 11})  # fmt: skip
    fig.update_layout(legend_title_text="", margin={"t": 40, "b": 10},
                      height=max(260, 80 + 28 * frame["asset"].nunique()))  # fmt: skip
    return fig


def rank_chart(
    ranks: pd.DataFrame, titles: Mapping[int, str], first: date, last: date, lang: str
) -> go.Figure:
    """Each asset's position in its target search per day from ``first`` to ``last``.

    ``ranks`` [asset_id, day, position]: one row per day the search was checked (position NaN:
    checked, the asset not in the results). Days without a row are gaps in the line; checked
    days without a position are crosses at the bottom. The y axis is reversed (1 on top).
    """
    days = pd.DataFrame(
        {"day": [first + timedelta(days=n) for n in range((last - first).days + 1)]}
    )
    frame = ranks.assign(day=pd.to_datetime(ranks["day"]).dt.date)
    frame = frame[(frame["day"] >= first) & (frame["day"] <= last)]
    positions = pd.to_numeric(frame["position"], errors="coerce")
    floor = max(10.0, float(positions.max()) if positions.notna().any() else 0.0) + 2.0
    fig = go.Figure()
    for asset_id in sorted(frame["asset_id"].unique()):
        mine = frame[frame["asset_id"] == asset_id]
        name = chart_label(titles.get(int(asset_id), str(asset_id)))
        grid = days.merge(mine[["day", "position"]], on="day", how="left")
        line = pd.to_numeric(grid["position"], errors="coerce")
        hover = "%{x}: %{y}<extra>" + name + "</extra>"
        fig.add_trace(
            go.Scatter(x=grid["day"], y=line, mode="lines+markers", name=name,
                       connectgaps=False, legendgroup=name, hovertemplate=hover)
        )  # fmt: skip
        absent = mine[pd.to_numeric(mine["position"], errors="coerce").isna()]
        if len(absent):
            fig.add_trace(go.Scatter(
                x=absent["day"], y=[floor] * len(absent), mode="markers", name=name,
                legendgroup=name, showlegend=False, marker={"symbol": "x", "size": 8},
                hovertemplate="%{x}: " + t("plan_not_ranked", lang) + "<extra>" + name
                + "</extra>",
            ))  # fmt: skip
    fig.update_yaxes(range=[floor + 1, 0.5], title=t("plan_axis_position", lang))
    shown = frame["day"].min() if len(frame) else first
    fig.update_xaxes(range=[max(first, shown - timedelta(days=2)), last])
    fig.update_layout(margin={"t": 20, "b": 10}, height=360, legend={"orientation": "h"})
    return fig


def effect_chart(assets: pd.DataFrame, lang: str) -> go.Figure:
    """Each measured effect (status "ok") as a point with its 95% interval as an error bar;
    zero is marked, and the side where exposure went down (good) is named."""
    measured = assets[(assets["effect_status"] == "ok") & assets["effect"].notna()]
    effect = measured["effect"].astype(float)
    fig = go.Figure(
        go.Scatter(
            x=effect,
            y=[chart_label(v) for v in measured["title"]],
            mode="markers",
            marker={"size": 10, "color": "#1f5f8b"},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": measured["ci_high"].astype(float) - effect,
                "arrayminus": effect - measured["ci_low"].astype(float),
            },
            hovertemplate="%{x:+.3f}<extra></extra>",
            showlegend=False,
        )
    )
    fig.add_vline(x=0, line_dash="dash", line_color="#c0392b")
    fig.add_annotation(x=0, y=1.0, xref="x", yref="paper", xanchor="right", yanchor="bottom",
                       showarrow=False, text="← " + t("plan_effect_good", lang))  # fmt: skip
    fig.update_xaxes(title=t("plan_axis_effect", lang), zeroline=False)
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(margin={"t": 30, "b": 10}, height=max(220, 90 + 40 * len(measured)))
    return fig
