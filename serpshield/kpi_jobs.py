"""KPIs of one client or of the whole portfolio: named reads from ``data/``, maths from ``models/``.

This is the one place that wires the warehouse's aggregates (``data.kpi_*``) to the KPI
definitions (``models.kpis``), so the command line, the dashboard and the client report show
the same numbers computed the same way. Everything is read through one short read-only
connection, so a collection writing at the same time is never blocked for long.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from data import Connection, open_warehouse
from data.kpi_exposure import load_exposure_summary
from data.kpi_funnel import load_funnel, load_funnel_exclusions
from data.kpi_incidents import load_incidents
from data.kpi_leaks import load_detection_times, load_item_recirculation, load_notice_outcomes
from data.queries import load_clients
from models.kpis import (
    compute_detection_delay,
    compute_recirculation,
    compute_removal_rates,
    compute_reputational_mttr,
    compute_sla,
    compute_takedown_delay,
    json_ready,
)
from serpshield.config import WorkspaceConfig

#: The keys of ``serpshield kpi --json``, in print order (the command's contract).
KPI_KEYS = (
    "exposure", "serp_health", "owned_share", "takedown_median_hours",
    "takedown_median_ci_hours", "takedown_p90_hours", "takedown_rmst30_hours", "sla",
    "recirculation_d7", "mttd_median_hours", "reputational_mttr_median_days",
    "reputational_mttr_rmst90_days", "open_incidents", "funnel",
)  # fmt: skip


class UnknownClientError(ValueError):
    """The slug names no client of the warehouse."""


@dataclass(frozen=True)
class Period:
    """The reporting window: ``start`` (None = all history) to ``as_of``, the "now" used for
    censoring. Both are UTC instants."""

    start: datetime | None
    as_of: datetime


def period_from(start_day: date | None, as_of: datetime | None, tz: str) -> Period:
    """A period from a local start day (midnight in the workspace's time zone) and an as-of
    instant (default: now). ``ValueError`` when the start is after the as-of instant."""
    end = (as_of or datetime.now(UTC)).astimezone(UTC)
    start = None
    if start_day is not None:
        start = datetime.combine(start_day, time(), tzinfo=ZoneInfo(tz)).astimezone(UTC)
        if start > end:
            raise ValueError(f"--from {start_day} is after --as-of {end:%Y-%m-%d %H:%M} UTC")
    return Period(start, end)


def client_kpis(cfg: WorkspaceConfig, db_path: Path, slug: str, period: Period) -> dict[str, Any]:
    """Every KPI of ``serpshield kpi`` for one client, as JSON-ready values (``KPI_KEYS``
    order, plus ``client``, ``from``, ``as_of`` and ``unscored_snapshots``): a median not
    reached is "not_reached", a KPI without data is None."""
    with open_warehouse(db_path, read_only=True) as con:
        client_id = _client_id(con, slug)
        frames = _load_all(con, cfg, client_id, period)
    return _assemble(cfg, slug, period, frames)


def _client_id(con: Connection, slug: str) -> int:
    clients = load_clients(con)
    match = clients[clients["slug"] == slug]
    if match.empty:
        known = ", ".join(sorted(clients["slug"])) or "none yet: run `serpshield config sync`"
        raise UnknownClientError(f"unknown client {slug!r} (known: {known})")
    return int(match["client_id"].iloc[0])


def _load_all(
    con: Connection, cfg: WorkspaceConfig, client_id: int | None, period: Period
) -> dict[str, pd.DataFrame]:
    """Every aggregate the KPIs need, for one client or (``None``) all of them."""
    start, as_of = period.start, period.as_of
    tz = cfg.workspace.timezone
    return {
        "exposure": load_exposure_summary(
            con, client_id=client_id, start=start, as_of=as_of, weights=cfg.ctr_weights(), tz=tz
        ),
        "notices": load_notice_outcomes(con, client_id=client_id, as_of=as_of),
        "items": load_item_recirculation(con, client_id=client_id, as_of=as_of),
        "detections": load_detection_times(con, client_id=client_id, as_of=as_of),
        "incidents": load_incidents(
            con, client_id=client_id, start=start, as_of=as_of, theta=cfg.thresholds.harm
        ),
        "funnel": load_funnel(con, client_id=client_id, start=start, as_of=as_of),
        "exclusions": load_funnel_exclusions(con, client_id=client_id, start=start, as_of=as_of),
    }


def _assemble(
    cfg: WorkspaceConfig, slug: str, period: Period, frames: dict[str, pd.DataFrame]
) -> dict[str, Any]:
    exposure = frames["exposure"]
    row = exposure.iloc[0] if len(exposure) else None
    notices = frames["notices"]
    delay = compute_takedown_delay(notices, period.as_of)
    windows = {"privacy_ncii": cfg.sla.privacy_ncii, "copyright": cfg.sla.copyright,
               "other": cfg.sla.other}  # fmt: skip
    detection = compute_detection_delay(frames["detections"])
    mttr = compute_reputational_mttr(frames["incidents"])
    exclusions = frames["exclusions"]
    excluded = {
        name: int(exclusions[name].sum()) if len(exclusions) else 0
        for name in ("not_in_index", "duplicates")
    }
    values: dict[str, Any] = {
        "exposure": None if row is None else row["exposure"],
        "serp_health": None if row is None else row["serp_health"],
        "owned_share": None if row is None else row["owned_share"],
        "takedown_median_hours": delay.median_hours,
        "takedown_median_ci_hours": (
            None if delay.median_hours is None else list(delay.median_ci_hours)
        ),
        "takedown_p90_hours": delay.p90_hours,
        "takedown_rmst30_hours": delay.rmst30_hours,
        "sla": compute_sla(notices, period.as_of, windows),
        "recirculation_d7": compute_recirculation(frames["items"], period.as_of),
        "mttd_median_hours": detection["median_hours"],
        "reputational_mttr_median_days": mttr["median_days"],
        "reputational_mttr_rmst90_days": mttr["rmst90_days"],
        "open_incidents": mttr["open_incidents"],
        "funnel": compute_removal_rates(frames["funnel"], excluded),
    }
    header = {
        "client": slug,
        "from": None if period.start is None else period.start.isoformat(),
        "as_of": period.as_of.isoformat(),
        "unscored_snapshots": 0 if row is None else int(row["unscored_snapshots"]),
    }
    return {**header, **json_ready({key: values[key] for key in KPI_KEYS})}


#: Columns of ``portfolio_kpis``: one row per active client.
PORTFOLIO_COLUMNS = (
    "client", "name", "exposure", "serp_health", "owned_share", "takedown_median_hours",
    "sla_rate", "sla_pending", "reputational_mttr_median_days", "open_incidents",
    "unscored_snapshots",
)  # fmt: skip


def portfolio_kpis(cfg: WorkspaceConfig, db_path: Path, period: Period) -> pd.DataFrame:
    """The agency view: every active client's headline KPIs, from one pass per aggregate.

    Each aggregate is read once for all clients (``client_id=None``) and split per client
    here, so the portfolio costs a handful of queries, not a handful per client. ``sla_rate``
    pools every legal route (removed within their own window / notices old enough);
    ``takedown_median_hours`` is "not_reached" or None as in ``client_kpis``.
    """
    with open_warehouse(db_path, read_only=True) as con:
        clients = load_clients(con)
        frames = _load_all(con, cfg, None, period)
    clients = clients[clients["active"].astype(bool)]
    rows = []
    for client in clients.to_dict("records"):
        client_id = client["client_id"]
        mine = {name: frame[frame["client_id"] == client_id] for name, frame in frames.items()}
        values = _assemble(cfg, str(client["slug"]), period, mine)
        sla = values["sla"]
        n = sum(route["n"] for route in sla.values())
        met = sum((route["rate"] or 0.0) * route["n"] for route in sla.values())
        rows.append({
            "client": values["client"], "name": client["name"],
            "exposure": values["exposure"], "serp_health": values["serp_health"],
            "owned_share": values["owned_share"],
            "takedown_median_hours": values["takedown_median_hours"],
            "sla_rate": met / n if n else None,
            "sla_pending": sum(route["pending"] for route in sla.values()),
            "reputational_mttr_median_days": values["reputational_mttr_median_days"],
            "open_incidents": values["open_incidents"],
            "unscored_snapshots": values["unscored_snapshots"],
        })  # fmt: skip
    return pd.DataFrame(rows, columns=list(PORTFOLIO_COLUMNS))
