"""Import jobs: leaks and notices files, Search Console exports.

The file is parsed and validated in full before the warehouse is opened for writing; with
rejected rows nothing is written unless the caller allows skipping them; the write itself is
one transaction and idempotent, and each import leaves an audit entry with the file's SHA-256.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from collectors.importers import ImportBatch, RowError, parse_gsc, parse_leaks, parse_notices
from collectors.importers.batch import records_to_import
from data import open_warehouse
from data.gsc_store import write_gsc_rows
from data.queries import load_clients
from data.writes import write_audit
from serpshield.leaks import record_leaks
from serpshield.workspace import current_actor


@dataclass(frozen=True)
class ImportReport:
    """What an import read, refused and wrote."""

    rows: int
    rejected: list[RowError]
    duplicates: int
    written: bool
    urls_added: int = 0
    events_added: int = 0
    clients_created: tuple[str, ...] = ()


def file_sha256(path: Path) -> str:
    """The file's SHA-256, recorded in the audit log (and keying Search Console rows)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def import_leak_file(
    db_path: Path, path: Path, kind: str, *, skip_invalid: bool = False,
    create_clients: bool = False,
) -> ImportReport:  # fmt: skip
    """Import a leaks or notices file (``kind`` "leaks" or "notices")."""
    batch: ImportBatch = parse_notices(path) if kind == "notices" else parse_leaks(path)
    with open_warehouse(db_path, read_only=True) as con:
        known = set(load_clients(con)["slug"])
    leaks, events, new_clients = records_to_import(
        batch, known, skip_invalid=skip_invalid, create_clients=create_clients
    )
    if not leaks and not events:
        return ImportReport(batch.rows, batch.rejected, len(batch.duplicates), written=False)
    report = record_leaks(db_path, leaks, events, new_clients=sorted(new_clients))
    now = datetime.now(UTC)
    with open_warehouse(db_path) as con:
        write_audit(con, now, current_actor(), f"import_{kind}", f"file:{file_sha256(path)[:16]}",
                    f"{path.name}: {batch.rows} rows, {len(batch.rejected)} rejected, "
                    f"{report.urls} URLs and {report.events} events added")  # fmt: skip
    return ImportReport(batch.rows, batch.rejected, len(batch.duplicates), True, report.urls,
                        report.events, tuple(sorted(new_clients)))  # fmt: skip


def import_gsc_file(
    db_path: Path, path: Path, client: str, *, skip_invalid: bool = False
) -> ImportReport:
    """Import a Search Console performance export for one client."""
    batch = parse_gsc(path)
    with open_warehouse(db_path, read_only=True) as con:
        if client not in set(load_clients(con)["slug"]):
            raise ValueError(f"unknown client {client!r}: add it to serpshield.toml and sync")
    if batch.rejected and not skip_invalid:
        return ImportReport(batch.rows, batch.rejected, 0, written=False)
    digest = file_sha256(path)
    rows = [(r.line, r.date, r.query, r.page, r.clicks, r.impressions, r.ctr, r.position)
            for r in batch.records]  # fmt: skip
    now = datetime.now(UTC)
    with open_warehouse(db_path) as con:
        added = write_gsc_rows(con, client, digest, rows, now)
        write_audit(con, now, current_actor(), "import_gsc", f"file:{digest[:16]}",
                    f"{path.name}: {batch.rows} rows, {added} added for {client}")  # fmt: skip
    return ImportReport(batch.rows, batch.rejected, 0, True, urls_added=added)
