"""Data access of the Leaks & takedowns page: cached reads, the takedown queue, evidence packs,
and the few helpers that turn KPI values into card text ("not reached", "no data").

Like ``dashboard.data_access``, every read opens a short read-only connection (directly, or
inside the ``serpshield`` job it calls) and returns frames, cached for a minute under plain
keys (paths, slugs, dates, datetimes). "Now" is rounded down to the minute by ``as_of_for``,
so the reruns of one minute share their cache entries instead of each missing it.

The workspace config is passed as ``_cfg`` (not hashed by Streamlit) beside ``config_key``, a
digest of its contents, so a changed ``serpshield.toml`` (new SLA windows, a new CTR curve)
is a new cache key.

The only write here is the evidence pack: ``serpshield.evidence.export_evidence`` records each
export in the audit log in one short transaction, so it runs on a click, never on a rerun.
"""

from __future__ import annotations

import hashlib
import math
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.data_access import CACHE_TTL_SECONDS
from dashboard.i18n import t
from data.dashboard_leaks import (
    load_client_notice_outcomes,
    load_takedown_queue,
    load_url_timeline,
)
from data.leak_store import load_url_events
from data.store import open_warehouse
from models.harm import SEVERITY
from models.km_curves import Grouping, KmCurves, compute_km_curves
from models.kpis_common import as_timestamp
from models.kpis_takedown import SLA_ROUTES
from models.lifecycle import compute_states
from serpshield import kpi_jobs
from serpshield.config import WorkspaceConfig
from serpshield.evidence import export_evidence

#: States in which a leak URL no longer needs a takedown.
CLOSED_STATES = frozenset({"removed", "delisted"})
#: Label keys of the codes these frames hold (the page translates them with ``t``); SLA_KEYS
#: names every ``sla_status`` of ``build_queue``.
ROUTE_KEYS = {"privacy_ncii": "lk_route_privacy_ncii", "copyright": "lk_route_copyright",
              "other": "lk_route_other"}  # fmt: skip
STAGE_KEYS = {"detected": "lk_stage_detected", "noticed": "lk_stage_noticed",
              "removed": "lk_stage_removed", "delisted": "lk_stage_delisted",
              "recirculated": "lk_stage_recirculated"}  # fmt: skip
CHANNEL_KEYS = {"host": "lk_channel_host", "google": "lk_channel_google",
                "bing": "lk_channel_bing", "none": "lk_channel_none"}  # fmt: skip
GROUP_KEYS = {"channel": "lk_group_channel", "host": "lk_group_host",
              "legal_route": "lk_group_route"}  # fmt: skip
#: Lifecycle states (``models.lifecycle.STATES``) and "unknown" (no event yet).
STATE_KEYS = {"detected": "lk_state_detected", "noticed": "lk_state_noticed",
              "acknowledged": "lk_state_acknowledged", "rejected": "lk_state_rejected",
              "removed": "lk_state_removed", "delisted": "lk_state_delisted",
              "reinstated": "lk_state_reinstated", "unknown": "lk_state_unknown"}  # fmt: skip
#: Timeline lanes: one per lifecycle event, and the checks.
LANE_KEYS = {"detected": "lk_event_detected", "notice_sent": "lk_event_notice_sent",
             "acknowledged": "lk_event_acknowledged", "rejected": "lk_event_rejected",
             "removed": "lk_event_removed", "delisted": "lk_event_delisted",
             "reinstated": "lk_event_reinstated", "checks": "lk_lane_checks"}  # fmt: skip
CHECK_KEYS = {"live": "lk_check_live", "removed": "lk_check_removed",
              "unknown": "lk_check_unknown", "refused": "lk_check_refused"}  # fmt: skip
SLA_KEYS = {"overdue": "lk_sla_overdue", "in_window": "lk_sla_in_window",
            "no_notice": "lk_sla_no_notice"}  # fmt: skip


def config_key(cfg: WorkspaceConfig) -> str:
    """A digest of the config's contents: the cache key standing for ``_cfg``."""
    return hashlib.sha256(cfg.model_dump_json().encode()).hexdigest()[:16]


def as_of_for(end: date, today: date, tz: str, now: datetime | None = None) -> datetime:
    """The "as of" instant (UTC) of a period ending on the local day ``end``: now (to the
    minute) while the period reaches today, else the midnight that closes ``end``."""
    if end >= today:
        moment = (now or datetime.now(UTC)).astimezone(UTC)
        return moment.replace(second=0, microsecond=0)
    closing = datetime.combine(end + timedelta(days=1), time(), tzinfo=ZoneInfo(tz))
    return closing.astimezone(UTC)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def client_kpis(
    db: str, config_key: str, _cfg: WorkspaceConfig, client: str, start: date, as_of: datetime
) -> dict[str, Any]:
    """``serpshield.kpi_jobs.client_kpis`` over [local midnight of ``start``, ``as_of``]."""
    del config_key  # the cache key of _cfg
    period = kpi_jobs.period_from(start, as_of, _cfg.workspace.timezone)
    return kpi_jobs.client_kpis(_cfg, Path(db), client, period)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def notice_outcomes(db: str, client: str, as_of: datetime) -> pd.DataFrame:
    """One row per notice of ``client`` sent by ``as_of`` (``load_notice_outcomes`` columns)."""
    with open_warehouse(db, read_only=True) as con:
        return load_client_notice_outcomes(con, client=client, as_of=as_of)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def km_curves(db: str, client: str, as_of: datetime, by: Grouping) -> KmCurves:
    """Time-to-removal curves of the client's notices grouped ``by`` channel, host or route."""
    return compute_km_curves(notice_outcomes(db, client, as_of), as_of, by)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def leak_urls(db: str, client: str, as_of: datetime, weights: tuple[float, ...]) -> pd.DataFrame:
    """Every leak URL of ``client`` (``load_takedown_queue`` columns) with its lifecycle
    ``state`` at ``as_of`` ("unknown" for a URL without events)."""
    with open_warehouse(db, read_only=True) as con:
        urls = load_takedown_queue(con, client=client, as_of=as_of, weights=weights)
        events = load_url_events(con, client)
    stamp = as_timestamp(as_of)
    events = events[pd.to_datetime(events["occurred_at"]) <= stamp]
    states = compute_states(events)[["leak_url_id", "state"]]
    merged = urls.merge(states, on="leak_url_id", how="left")
    return merged.assign(state=merged["state"].fillna("unknown").astype(str))


def build_queue(urls: pd.DataFrame, windows: dict[str, float], as_of: datetime) -> pd.DataFrame:
    """The takedown queue: the open URLs of ``leak_urls``, most urgent first.

    Adds ``severity`` (``models.harm.SEVERITY`` of the harm category: ncii > leak >
    defamation > impersonation > complaint), ``age_days`` (since detection), ``sla_status``
    (of the latest notice against its route's window in hours, ``windows``; route "none"
    counts as "other", as in the SLA KPI: "overdue", "in_window" or "no_notice") and
    ``sla_hours`` (hours left in the window; negative = hours overdue; NaN without notice).
    Ranked by exposure (the URL's weight in the current results), then severity, then age.
    """
    stamp = as_timestamp(as_of)
    open_urls = urls[~urls["state"].isin(CLOSED_STATES)].copy()
    detected = pd.to_datetime(open_urls["detected_at"])
    open_urls["age_days"] = (stamp - detected).dt.total_seconds() / 86400.0
    open_urls["severity"] = open_urls["harm_category"].map(SEVERITY).fillna(0).astype(int)
    route = open_urls["last_route"].astype("string").fillna("other")
    route = route.where(route.isin(SLA_ROUTES), "other")
    window = route.map(lambda r: float(windows[str(r)])).astype(float)
    elapsed = (stamp - pd.to_datetime(open_urls["last_notice_at"])).dt.total_seconds() / 3600.0
    open_urls["sla_hours"] = window - elapsed
    noticed = open_urls["last_notice_at"].notna().to_numpy()
    open_urls["sla_status"] = np.where(
        ~noticed, "no_notice", np.where(open_urls["sla_hours"] < 0, "overdue", "in_window")
    )
    ranked = open_urls.sort_values(
        ["exposure", "severity", "age_days", "leak_url_id"], ascending=[False, False, False, True]
    )
    return ranked.reset_index(drop=True)


def sla_windows(cfg: WorkspaceConfig) -> dict[str, float]:
    """The SLA window in hours of each legal route, from the workspace config."""
    sla = cfg.sla
    return {"privacy_ncii": sla.privacy_ncii, "copyright": sla.copyright, "other": sla.other}


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def url_timeline(
    db: str, client: str, leak_url_id: int, as_of: datetime
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events, checks) of one of the client's leak URLs up to ``as_of`` (the columns of
    ``load_url_timeline``): a view "as of" a past day does not show what came after it."""
    with open_warehouse(db, read_only=True) as con:
        return load_url_timeline(con, client=client, leak_url_id=leak_url_id, as_of=as_of)


@dataclass(frozen=True)
class EvidencePack:
    """A built evidence pack: its bytes, a file name without any URL, and what it holds."""

    item_id: int
    file_name: str
    data: bytes
    sha256: str
    urls: int
    events: int
    checks: int
    appearances: int
    warnings: tuple[str, ...]


def build_evidence_pack(db: str, item_id: int, now: datetime | None = None) -> EvidencePack:
    """Export the pack of ``item_id`` into a private temporary folder and return its bytes.

    ``export_evidence`` writes the zip and its audit entry (the zip's SHA-256) together, so
    the bytes handed to the browser are exactly the audited pack. The file name names the
    item id and the day, never a leak URL (a download folder is not a safe place for one).
    """
    moment = now or datetime.now(UTC)
    file_name = f"evidence-item-{item_id}-{moment:%Y%m%d-%H%M%S}.zip"
    with tempfile.TemporaryDirectory(prefix="serpshield-pack-") as folder:
        report = export_evidence(Path(db), item_id, Path(folder) / file_name, moment)
        data = report.path.read_bytes()
    return EvidencePack(
        item_id,
        file_name,
        data,
        report.zip_sha256,
        report.urls,
        report.events,
        report.checks,
        report.appearances,
        tuple(report.warnings),
    )


def _number(value: float, lang: str, digits: int = 1) -> str:
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text


def hours_text(value: Any, lang: str) -> str:
    """A duration KPI given in hours, as card text: "not reached" (inf), "no data" (None),
    hours below 3 days, else days."""
    if value == "not_reached" or (isinstance(value, float) and math.isinf(value)):
        return t("lk_not_reached", lang)
    if value is None:
        return t("lk_no_data", lang)
    hours = float(value)
    if hours < 72:  # whole hours from 10 h: "54 h" reads better than "53.8 h" on a card
        return t("lk_hours", lang).format(value=_number(hours, lang, 1 if hours < 10 else 0))
    return t("lk_days", lang).format(value=_number(hours / 24, lang))


def share_text(value: Any, lang: str) -> str:
    """A ratio KPI as a percentage; None is "no data", never 0."""
    if value is None:
        return t("lk_no_data", lang)
    return t("lk_percent", lang).format(value=_number(100 * float(value), lang, 0))


#: One table column: (column, header label key, kind). Kind: None = text, "link" (shown as
#: ``link_text``), "datetime", "progress" (a score from 0 to 1), else a number format.
Column = tuple[str, str, str | None]


def table_config(columns: tuple[Column, ...], lang: str, link_text: str = "") -> dict[str, Any]:
    """``st.dataframe`` column settings of ``columns``, headers translated into ``lang``."""
    kinds = st.column_config
    config: dict[str, Any] = {}
    for name, key, kind in columns:
        label = t(key, lang)
        if kind is None:
            config[name] = kinds.TextColumn(label)
        elif kind == "link":
            config[name] = kinds.LinkColumn(label, display_text=link_text)
        elif kind == "datetime":
            config[name] = kinds.DatetimeColumn(label, format="YYYY-MM-DD HH:mm")
        elif kind == "progress":
            config[name] = kinds.ProgressColumn(label, min_value=0.0, max_value=1.0, format="%.2f")
        else:
            config[name] = kinds.NumberColumn(label, format=kind)
    return config


def link_column(urls: pd.Series) -> pd.Series:
    """The URL where it is an http(s) link, None otherwise (no javascript:, no data:)."""
    lowered = urls.astype(str).str.lower()
    return urls.where(lowered.str.startswith(("http://", "https://")), None)


def clear_cache() -> None:
    """Forget this page's cached frames (after a write, or the sidebar's reload)."""
    for cached in (client_kpis, notice_outcomes, km_curves, leak_urls, url_timeline):
        cached.clear()
