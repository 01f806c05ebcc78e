"""The Leaks page figures as plain plotly objects: traces, steps, gaps, and no leak URL."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts_leaks import CHECK_COLORS, funnel_chart, km_chart, timeline_chart
from models.km_curves import CENSOR_COLUMNS, CURVE_COLUMNS

KM_TEXTS = {"x": "Days", "y": "Still online", "median": "median", "waiting": "waiting",
            "band": "95% band"}  # fmt: skip
LANES = {"detected": "Detected", "notice_sent": "Notice sent", "acknowledged": "Ack",
         "rejected": "Rejected", "removed": "Removed", "delisted": "Delisted",
         "reinstated": "Back", "checks": "Checks"}  # fmt: skip
TIMELINE_TEXTS = {"title": "leakzone.example", "time": "Time", "channel": "Channel",
                  "route": "Route", "state": "Check", "status": "HTTP",
                  **{state: state.upper() for state in CHECK_COLORS}}  # fmt: skip
LEAK_URL = "https://leakzone.example/lea/set-1?token=secret"
T0 = datetime(2026, 11, 1, 8, 0)


def curves() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two groups: host (48 h then a step, band undefined at the start) and google."""
    rows = [
        ("host", 3, 1, 0.0, 1.0, math.nan, math.nan),
        ("host", 3, 1, 48.0, 2 / 3, 0.2, 0.9),
        ("host", 3, 1, 96.0, 2 / 3, 0.2, 0.9),
        ("google", 1, 1, 0.0, 1.0, 1.0, 1.0),
        ("google", 1, 1, 24.0, 0.0, 0.0, 0.0),
    ]
    censored = pd.DataFrame([("host", 96.0, 2 / 3, 2)], columns=CENSOR_COLUMNS)
    return pd.DataFrame(rows, columns=CURVE_COLUMNS), censored


def test_km_chart_draws_one_step_curve_a_band_and_ticks_per_group() -> None:
    curve, censored = curves()
    figure = km_chart(curve, censored, KM_TEXTS, {"host": "Hosts", "google": "Google"})
    assert isinstance(figure, go.Figure)
    lines = [t for t in figure.data if t.mode == "lines" and t.showlegend is not False]
    assert [t.name for t in lines] == ["Hosts (n=3)", "Google (n=1)"]
    assert all(t.line.shape == "hv" for t in lines)  # a survival curve is a step function
    assert list(lines[0].x) == [0.0, 2.0, 4.0]  # hours shown as days
    assert list(lines[1].y) == [1.0, 0.0]
    bands = [t for t in figure.data if t.fill == "tonexty"]
    assert len(bands) == 2
    assert math.isnan(bands[0].y[0])  # an undefined band stays a gap, never 0
    ticks = [t for t in figure.data if t.mode == "markers"]
    assert len(ticks) == 1 and list(ticks[0].x) == [4.0] and list(ticks[0].customdata) == [2]
    assert figure.layout.yaxis.tickformat == ".0%"
    assert any(shape.y0 == 0.5 for shape in figure.layout.shapes)  # the median line


def test_km_chart_without_notices_is_an_empty_frame() -> None:
    empty = pd.DataFrame(columns=CURVE_COLUMNS)
    figure = km_chart(empty, pd.DataFrame(columns=CENSOR_COLUMNS), KM_TEXTS)
    assert len(figure.data) == 0


def test_funnel_chart_counts_urls_and_items_per_stage() -> None:
    stages = pd.DataFrame({"label": ["Detected", "Noticed", "Removed"], "urls": [7, 7, 6],
                           "items": [1, 1, 1]})  # fmt: skip
    figure = funnel_chart(stages, {"urls": "URLs", "items": "Items"})
    assert [t.type for t in figure.data] == ["funnel", "funnel"]
    assert [t.name for t in figure.data] == ["URLs", "Items"]
    assert list(figure.data[0].x) == [7, 7, 6]
    assert list(figure.data[0].y) == ["Detected", "Noticed", "Removed"]


def test_timeline_chart_puts_events_and_checks_on_lanes_without_the_url() -> None:
    events = pd.DataFrame({
        "event": ["detected", "notice_sent", "notice_sent", "removed"],
        "occurred_at": [T0, T0 + timedelta(hours=2), T0 + timedelta(hours=3),
                        T0 + timedelta(days=2)],
        "channel": ["none", "host", "google", "host"],
        "legal_route": ["none", "copyright", "copyright", "none"],
    })  # fmt: skip
    checks = pd.DataFrame({
        "checked_at": [T0 + timedelta(days=d) for d in range(3)],
        "state": ["live", "live", "removed"], "http_status": [200, 200, None],
        "final_url": [LEAK_URL] * 3,
    })  # fmt: skip
    figure = timeline_chart(events, checks, TIMELINE_TEXTS, LANES)
    names = [t.name for t in figure.data]
    assert names == ["Detected", "Notice sent", "Removed", "Checks · LIVE", "Checks · REMOVED"]
    notices = figure.data[1]
    assert len(notices.x) == 2 and set(notices.y) == {"Notice sent"}
    assert figure.data[3].marker.color == CHECK_COLORS["live"]
    assert list(figure.data[4].customdata) == ["-"]  # no HTTP status: a dash, not 0
    assert figure.layout.title.text == "leakzone.example"
    assert list(figure.layout.yaxis.categoryarray) == ["Checks", "Removed", "Notice sent",
                                                       "Detected"]  # fmt: skip
    assert "leakzone.example/lea" not in figure.to_json()  # the domain only, never the URL


def test_timeline_chart_with_no_check_still_has_its_lanes() -> None:
    events = pd.DataFrame({"event": ["detected"], "occurred_at": [T0], "channel": ["none"],
                           "legal_route": ["none"]})  # fmt: skip
    checks = pd.DataFrame(columns=["checked_at", "state", "http_status", "final_url"])
    figure = timeline_chart(events, checks, TIMELINE_TEXTS, LANES)
    assert [t.name for t in figure.data] == ["Detected"]
    assert list(figure.layout.yaxis.categoryarray) == ["Checks", "Detected"]
