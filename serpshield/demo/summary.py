"""What a finished demo holds, per client, read back from the warehouse through the jobs.

The command prints this after a build so the person who ran it sees the story in numbers
before opening the dashboard: tracked queries, collected snapshots and failed fetches, leaked
URLs and where each ended, alerts raised, defensive assets, and the headline KPIs. Everything
comes from the warehouse, not from the build's own bookkeeping: it is what the dashboard will
show.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data import open_warehouse
from data.queries import load_clients, load_table_counts
from serpshield.alerts import list_alerts
from serpshield.leaks import list_leaks, records

#: Headline KPIs shown after a build (keys of ``kpi_jobs.KPI_KEYS``).
HEADLINE_KPIS = (
    "takedown_median_hours", "recirculation_d7", "reputational_mttr_median_days",
    "open_incidents",
)  # fmt: skip


@dataclass(frozen=True)
class ClientSummary:
    """One client's line of the summary."""

    slug: str
    name: str
    queries: int
    leak_urls: int
    leak_states: dict[str, int]
    alerts: int
    kpis: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoSummary:
    """The whole demo: row counts of the main tables and one summary per client."""

    tables: dict[str, int]
    clients: list[ClientSummary]


def summarize(db: Path, kpis: dict[str, dict[str, Any]] | None = None) -> DemoSummary:
    """Read the demo's warehouse back; ``kpis`` are the values the build computed."""
    with open_warehouse(db, read_only=True) as con:
        tables = {str(r["table_name"]): int(r["row_count"])
                  for r in records(load_table_counts(con))}  # fmt: skip
        clients = records(load_clients(con))
    leaks = list_leaks(db)
    summaries = []
    for c in clients:
        slug = str(c["slug"])
        states = Counter(row.state for row in leaks if row.client == slug)
        values = (kpis or {}).get(slug, {})
        summaries.append(
            ClientSummary(
                slug=slug,
                name=str(c["name"]),
                queries=int(c["active_queries"]),
                leak_urls=sum(states.values()),
                leak_states=dict(sorted(states.items())),
                alerts=len(list_alerts(db, slug, include_acknowledged=True)),
                kpis={k: values[k] for k in HEADLINE_KPIS if k in values},
            )
        )
    return DemoSummary(tables, summaries)
