"""Named writes: bulk, set-based statements fed by Arrow tables, never a loop of single rows.

Every write is idempotent: writing the same records twice changes nothing the second time (no
new rows, no touched ``updated_at``, no audit entry), because re-running a sync or an import
must be safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime

import duckdb
import pyarrow as pa

from data.audit import write_audit as write_chained_audit
from data.store import transaction


@dataclass(frozen=True)
class ClientRecord:
    """A client as declared in the workspace config."""

    slug: str
    name: str
    language: str
    capacity_per_week: int


@dataclass(frozen=True)
class QueryRecord:
    """A tracked query as declared in the workspace config."""

    client_slug: str
    text: str
    engine: str
    gl: str
    hl: str
    location: str | None
    device: str
    search_volume: int | None
    tags: tuple[str, ...]


@dataclass(frozen=True)
class DomainRecord:
    """A registrable domain's category for one client, as declared in the workspace config."""

    client_slug: str
    domain: str
    category: str


@dataclass(frozen=True)
class LaunchRecord:
    """A client's declared launch, as in the workspace config."""

    client_slug: str
    name: str
    launch_on: date


@dataclass(frozen=True)
class SyncReport:
    """What a workspace sync changed; all zeros when the warehouse already matched."""

    clients_added: int = 0
    clients_updated: int = 0
    clients_deactivated: int = 0
    queries_added: int = 0
    queries_updated: int = 0
    queries_deactivated: int = 0
    domains_set: int = 0
    domains_removed: int = 0
    launches_set: int = 0
    launches_removed: int = 0

    @property
    def changed(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def summary(self) -> str:
        """One line for people and for the audit log: the non-zero counts, or "no change"."""
        parts = [
            f"{f.name.replace('_', ' ')}: {getattr(self, f.name)}"
            for f in fields(self)
            if getattr(self, f.name)
        ]
        return ", ".join(parts) or "no change"


_CLIENT_SCHEMA = pa.schema(
    [
        ("slug", pa.string()),
        ("name", pa.string()),
        ("language", pa.string()),
        ("capacity_per_week", pa.int32()),
    ]
)
_QUERY_SCHEMA = pa.schema(
    [
        ("client_slug", pa.string()),
        ("text", pa.string()),
        ("engine", pa.string()),
        ("gl", pa.string()),
        ("hl", pa.string()),
        ("location", pa.string()),
        ("device", pa.string()),
        ("search_volume", pa.int32()),
        ("tags", pa.list_(pa.string())),
    ]
)
_DOMAIN_SCHEMA = pa.schema(
    [("client_slug", pa.string()), ("domain", pa.string()), ("category", pa.string())]
)

_LAUNCH_SCHEMA = pa.schema(
    [("client_slug", pa.string()), ("name", pa.string()), ("launch_on", pa.date32())]
)

_SYNC_STATEMENTS: tuple[tuple[str, str], ...] = (
    (
        "clients_added",
        """
        INSERT INTO clients (slug, name, language, capacity_per_week, active, created_at,
                             updated_at)
        SELECT i.slug, i.name, i.language, i.capacity_per_week, TRUE, $now, $now
        FROM incoming_clients i
        WHERE NOT EXISTS (SELECT 1 FROM clients c WHERE c.slug = i.slug)
        """,
    ),
    (
        "clients_updated",
        """
        UPDATE clients c
        SET name = i.name, language = i.language, capacity_per_week = i.capacity_per_week,
            active = TRUE, updated_at = $now
        FROM incoming_clients i
        WHERE c.slug = i.slug
          AND (c.name <> i.name OR c.language <> i.language
               OR c.capacity_per_week <> i.capacity_per_week OR NOT c.active)
        """,
    ),
    (
        "clients_deactivated",
        """
        UPDATE clients SET active = FALSE, updated_at = $now
        WHERE active AND slug NOT IN (SELECT slug FROM incoming_clients)
        """,
    ),
    (
        "queries_added",
        """
        INSERT INTO queries (client_id, text, engine, gl, hl, location, device, search_volume,
                             tags, active, created_at, updated_at)
        SELECT c.client_id, i.text, i.engine, i.gl, i.hl, i.location, i.device, i.search_volume,
               i.tags, TRUE, $now, $now
        FROM incoming_queries i JOIN clients c ON c.slug = i.client_slug
        WHERE NOT EXISTS (
            SELECT 1 FROM queries q
            WHERE q.client_id = c.client_id AND q.text = i.text AND q.engine = i.engine
              AND q.gl = i.gl AND q.hl = i.hl AND q.device = i.device)
        """,
    ),
    (
        "queries_updated",
        """
        UPDATE queries q
        SET location = i.location, search_volume = i.search_volume, tags = i.tags,
            active = TRUE, updated_at = $now
        FROM incoming_queries i JOIN clients c ON c.slug = i.client_slug
        WHERE q.client_id = c.client_id AND q.text = i.text AND q.engine = i.engine
          AND q.gl = i.gl AND q.hl = i.hl AND q.device = i.device
          AND (q.location IS DISTINCT FROM i.location
               OR q.search_volume IS DISTINCT FROM i.search_volume
               OR q.tags IS DISTINCT FROM i.tags OR NOT q.active)
        """,
    ),
    (
        "queries_deactivated",
        """
        UPDATE queries q SET active = FALSE, updated_at = $now
        WHERE q.active AND NOT EXISTS (
            SELECT 1 FROM incoming_queries i JOIN clients c ON c.slug = i.client_slug
            WHERE q.client_id = c.client_id AND q.text = i.text AND q.engine = i.engine
              AND q.gl = i.gl AND q.hl = i.hl AND q.device = i.device)
        """,
    ),
    (
        "domains_removed",
        """
        DELETE FROM domains d
        WHERE d.source = 'config' AND NOT EXISTS (
            SELECT 1 FROM incoming_domains i JOIN clients c ON c.slug = i.client_slug
            WHERE d.client_id = c.client_id AND d.domain = i.domain)
        """,
    ),
    (
        "domains_set",
        """
        INSERT INTO domains (client_id, domain, category, source, updated_at)
        SELECT c.client_id, i.domain, i.category, 'config', $now
        FROM incoming_domains i JOIN clients c ON c.slug = i.client_slug
        WHERE NOT EXISTS (
            SELECT 1 FROM domains d
            WHERE d.client_id = c.client_id AND d.domain = i.domain
              AND d.category = i.category AND d.source = 'config')
        ON CONFLICT (client_id, domain) DO UPDATE
        SET category = excluded.category, source = excluded.source,
            updated_at = excluded.updated_at
        """,
    ),
    (
        "launches_removed",
        """
        DELETE FROM launches l
        WHERE NOT EXISTS (
            SELECT 1 FROM incoming_launches i JOIN clients c ON c.slug = i.client_slug
            WHERE l.client_id = c.client_id AND l.name = i.name)
        """,
    ),
    (
        "launches_set",
        """
        INSERT INTO launches (client_id, name, launch_on, updated_at)
        SELECT c.client_id, i.name, i.launch_on, $now
        FROM incoming_launches i JOIN clients c ON c.slug = i.client_slug
        WHERE NOT EXISTS (
            SELECT 1 FROM launches l
            WHERE l.client_id = c.client_id AND l.name = i.name AND l.launch_on = i.launch_on)
        ON CONFLICT (client_id, name) DO UPDATE
        SET launch_on = excluded.launch_on, updated_at = excluded.updated_at
        """,
    ),
)


def write_workspace_sync(
    con: duckdb.DuckDBPyConnection,
    clients: Sequence[ClientRecord],
    queries: Sequence[QueryRecord],
    domains: Sequence[DomainRecord],
    launches: Sequence[LaunchRecord] = (),
    *,
    synced_at: datetime,
    actor: str,
) -> SyncReport:
    """Make the warehouse's clients, queries and config domains match the workspace config.

    In one transaction: new clients and queries are inserted, changed ones updated, and those no
    longer declared become inactive (never deleted: their history stays). Domain categories from
    the config replace the previous config ones; manual ones on other domains are kept; declared
    launches replace the previous ones. An audit
    entry is written only when something changed.
    """
    tables = {
        "incoming_clients": _arrow(clients, _CLIENT_SCHEMA),
        "incoming_queries": _arrow(queries, _QUERY_SCHEMA),
        "incoming_domains": _arrow(domains, _DOMAIN_SCHEMA),
        "incoming_launches": _arrow(launches, _LAUNCH_SCHEMA),
    }
    counts: dict[str, int] = {}
    for name, table in tables.items():
        con.register(name, table)
    try:
        with transaction(con):
            for key, statement in _SYNC_STATEMENTS:
                params = {"now": synced_at} if "$now" in statement else {}
                counts[key] = _changed_rows(con.execute(statement, params))
            report = SyncReport(**counts)
            if report.changed:
                write_audit(con, synced_at, actor, "config_sync", "workspace", report.summary())
    finally:
        for name in tables:
            con.unregister(name)
    return report


def write_audit(
    con: duckdb.DuckDBPyConnection,
    at: datetime,
    actor: str,
    action: str,
    subject: str,
    details: str = "",
) -> None:
    """Append one audit entry, chained to the previous one (see ``data.audit``).

    Callers pass hashes, never full leak URLs, as ``subject``.
    """
    write_chained_audit(con, at, actor, action, subject, details)


def _arrow(records: Sequence[object], schema: pa.Schema) -> pa.Table:
    rows = [asdict(r) for r in records]  # type: ignore[call-overload]
    return pa.Table.from_pylist(rows, schema=schema)


def _changed_rows(result: duckdb.DuckDBPyConnection) -> int:
    row = result.fetchone()
    return int(row[0]) if row else 0
