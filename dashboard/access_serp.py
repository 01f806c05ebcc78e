"""Cached reads for the Portfolio and SERP health pages, and the shaping of what they show.

Reads follow ``data_access``: each cached function opens a short read-only connection (or lets
``serpshield.kpi_jobs`` open one), runs named reads from ``data/`` and returns plain frames or
dicts, so a collection run can write between two reruns. Cache keys are strings, numbers and
dates; the workspace config, which Streamlit cannot hash cheaply, is passed as ``_cfg`` beside
its JSON text ``cfg_key`` (the key that changes when the config does).

The "as of" instant of a view is now when its period reaches today, floored to the minute so
that reruns within a minute hit the cache; otherwise the local midnight that ends its last day.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from dashboard.data_access import CACHE_TTL_SECONDS
from dashboard.i18n import format_count, t
from data.alert_store import load_alerts
from data.dashboard_serp import (
    load_latest_top,
    load_open_leak_counts,
    load_rank_grid,
    load_serp_annotations,
)
from data.kpi_exposure import load_client_day_exposure, load_query_day_exposure
from data.store import open_warehouse
from models.harm_explain import describe_reason
from models.kpi_catalog import kpi_definition, kpi_entry
from models.kpis import compute_serp_health
from serpshield.config import WorkspaceConfig
from serpshield.kpi_jobs import Period, client_kpis, period_from, portfolio_kpis


def view_as_of(end: date, today: date, tz: str, now: datetime | None = None) -> datetime:
    """The UTC instant a view of the local days up to ``end`` is computed at (see module)."""
    if end >= today:
        moment = (now or datetime.now(UTC)).astimezone(UTC)
        return moment.replace(second=0, microsecond=0)
    return datetime.combine(end + timedelta(days=1), time(), tzinfo=ZoneInfo(tz)).astimezone(UTC)


def view_period(start: date, end: date, today: date, tz: str) -> Period:
    """The KPI period of a view: from the local midnight of ``start`` to ``view_as_of``."""
    return period_from(start, view_as_of(end, today, tz), tz)


def day_range(first: date, last: date) -> list[date]:
    """Every local day from ``first`` to ``last``, both included."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def portfolio(
    db: str, cfg_key: str, _cfg: WorkspaceConfig, start: date, as_of: datetime
) -> pd.DataFrame:
    """``serpshield.kpi_jobs.portfolio_kpis`` of the period (columns ``PORTFOLIO_COLUMNS``)."""
    del cfg_key
    return portfolio_kpis(_cfg, Path(db), period_from(start, as_of, _cfg.workspace.timezone))


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def portfolio_extras(
    db: str, start: datetime | None, as_of: datetime, weights: tuple[float, ...], tz: str
) -> dict[str, pd.DataFrame]:
    """What the portfolio shows beside the KPIs, read through one connection: ``leaks``
    (``load_open_leak_counts``), ``alerts`` (unacknowledged, ``load_alerts``) and ``days``
    (every client's ``load_client_day_exposure``)."""
    with open_warehouse(db, read_only=True) as con:
        return {
            "leaks": load_open_leak_counts(con, as_of=as_of),
            "alerts": load_alerts(con),
            "days": load_client_day_exposure(
                con, client_id=None, start=start, as_of=as_of, weights=weights, tz=tz
            ),
        }


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def client_kpi_values(
    db: str, cfg_key: str, _cfg: WorkspaceConfig, slug: str, start: date, as_of: datetime
) -> dict[str, Any]:
    """``serpshield.kpi_jobs.client_kpis`` of the period: the JSON-ready KPI dict."""
    del cfg_key
    period = period_from(start, as_of, _cfg.workspace.timezone)
    return client_kpis(_cfg, Path(db), slug, period)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def serp_view(
    db: str, client_id: int, start: datetime | None, as_of: datetime, first: date, last: date,
    weights: tuple[float, ...], tz: str, theta: float,
) -> dict[str, pd.DataFrame]:  # fmt: skip
    """Every frame of one client's SERP health view, read through one connection: ``days``
    (``load_client_day_exposure`` + ``serp_health``), ``query_days``
    (``load_query_day_exposure``), ``grid`` (``load_rank_grid``), ``events`` (assets,
    launches and notices of the local days ``first``..``last``, ``load_serp_annotations``)
    and ``top`` (``load_latest_top``)."""
    with open_warehouse(db, read_only=True) as con:
        days = load_client_day_exposure(
            con, client_id=client_id, start=start, as_of=as_of, weights=weights, tz=tz
        )
        frames = {
            "query_days": load_query_day_exposure(
                con, client_id=client_id, start=start, as_of=as_of, weights=weights, tz=tz
            ),
            "grid": load_rank_grid(
                con, client_id=client_id, start=start, as_of=as_of, tz=tz, theta=theta
            ),
            "events": load_serp_annotations(
                con, client_id=client_id, first=first, last=last, tz=tz
            ),
            "top": load_latest_top(con, client_id=client_id, as_of=as_of),
        }
    health = [compute_serp_health(float(e)) for e in days["exposure"]]
    return {"days": days.assign(serp_health=health), **frames}


def exposure_trends(
    days: pd.DataFrame, clients: pd.DataFrame, first: date, last: date
) -> dict[str, list[float | None]]:
    """Per client slug, its daily exposure from ``first`` to ``last`` as a list, None for a
    day without a successful check (a sparkline gap, never a zero)."""
    slugs = dict(zip(clients["client_id"], clients["slug"], strict=True))
    trends: dict[str, list[float | None]] = {}
    for client_id, rows in days.groupby("client_id"):
        values = dict(zip(rows["day"], rows["exposure"], strict=True))
        trends[str(slugs.get(client_id, client_id))] = [
            None if _missing(values.get(day)) else float(values[day])
            for day in day_range(first, last)
        ]
    return trends


def select_queries(
    queries: pd.DataFrame, client: str, tags: Sequence[str], engine: str | None
) -> pd.DataFrame:
    """The client's active queries on ``engine`` (None = all) having any of ``tags`` (empty =
    all): the query list every section of the SERP health page shows."""
    mine = queries[(queries["client"] == client) & queries["active"].astype(bool)]
    if engine:
        mine = mine[mine["engine"] == engine]
    if tags:
        wanted = set(tags)
        mine = mine[[bool(wanted & set(row)) for row in mine["tags"]]]
    return mine


def query_names(queries: pd.DataFrame) -> dict[int, str]:
    """A short name per query id that tells apart the same words on two engines or places."""
    names = {}
    for row in queries.to_dict("records"):
        where = "/".join(part for part in (row["gl"], row["hl"]) if part)
        device = " · mobile" if row["device"] == "mobile" else ""
        names[int(row["query_id"])] = f"{row['text']} · {row['engine']} {where}{device}".strip()
    return names


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


# --- Display: KPI values, harm categories and reasons in the reader's language -------------

#: Label keys of the harm and site categories (literal keys: the label tests look for them).
CATEGORY_KEYS = {
    "leak": "serp_cat_leak", "ncii": "serp_cat_ncii", "defamation": "serp_cat_defamation",
    "complaint": "serp_cat_complaint", "impersonation": "serp_cat_impersonation",
    "neutral": "serp_cat_neutral", "owned": "serp_cat_owned", "positive": "serp_cat_positive",
}  # fmt: skip
SITE_KEYS = {
    "owned": "serp_site_owned", "partner": "serp_site_partner", "news": "serp_site_news",
    "social": "serp_site_social", "review": "serp_site_review", "forum": "serp_site_forum",
    "leak_forum": "serp_site_leak_forum", "file_host": "serp_site_file_host",
    "adult": "serp_site_adult", "unknown": "serp_site_unknown",
}  # fmt: skip


def format_number(value: float, digits: int, lang: str) -> str:
    """``value`` with ``digits`` decimals: 1,234.5 in English, 1 234,5 in French."""
    text = f"{value:,.{digits}f}"
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def kpi_text(value: object, unit: str, lang: str) -> str:
    """A KPI value as the reader sees it: "no data" for a KPI without data (None or NaN),
    "not reached" for a median not reached, else the number in its unit (never 0 for either)."""
    if value == "not_reached" or (isinstance(value, float) and math.isinf(value)):
        return t("serp_not_reached", lang)
    if _missing(value) or not isinstance(value, int | float):
        return t("serp_no_data", lang)
    number = float(value)
    if unit == "ratio":
        return format_number(100 * number, 1, lang) + ("\u00a0%" if lang == "fr" else "%")
    if unit == "hours":
        return t("serp_hours", lang).format(value=format_number(number, 1, lang))
    if unit == "days":
        return t("serp_days", lang).format(value=format_number(number, 1, lang))
    if unit == "count":
        return format_count(int(number), lang)
    return format_number(number, 1, lang)


def kpi_help(kpi_id: str, lang: str) -> str:
    """The KPI's definition (``models.kpi_catalog``) for a card's or a column's help."""
    return kpi_definition(kpi_id, "fr" if lang == "fr" else "en")


def kpi_unit(kpi_id: str) -> str:
    """The unit code of a KPI of the catalogue."""
    return kpi_entry(kpi_id).unit


def category_text(code: object, keys: dict[str, str], lang: str) -> str | None:
    """A category code in words (None stays None; an unknown code is shown as it is)."""
    if _missing(code):
        return None
    key = keys.get(str(code))
    return t(key, lang) if key else str(code)


def reason_words(reasons: object, lang: str, limit: int = 3) -> str:
    """The stored reasons of a score (``{feature: JSON {key, params}, contribution}``, as
    ``data.harm_store`` writes them) as sentences, joined; "" when there are none."""
    if not isinstance(reasons, Iterable) or isinstance(reasons, str | bytes):
        return ""
    texts = []
    for reason in list(reasons)[:limit]:
        try:
            feature = json.loads(reason["feature"])
        except (TypeError, KeyError, ValueError):
            continue
        if not isinstance(feature, dict):
            continue
        texts.append(describe_reason({"key": feature.get("key"), "params": feature.get(
            "params", {}), "weight": reason.get("contribution", 0.0)}, lang))  # fmt: skip
    return "; ".join(texts)


def http_link(url: object) -> str | None:
    """``url`` when it is an http(s) address (a LinkColumn may show it), else None."""
    text = str(url) if isinstance(url, str) else ""
    return text if text.lower().startswith(("http://", "https://")) else None
