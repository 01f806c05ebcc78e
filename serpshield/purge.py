"""Privacy jobs: erase a client's data everywhere, and drop URL checks past their retention.

A client's rows are deleted table by table, children first, each table in its own transaction
(a DuckDB foreign-key limitation, see ``data.purge``): an interrupted purge is finished by
running it again. The audit log keeps who purged which client slug and how many rows per table,
never a URL; its own earlier entries stay, since deleting them would break the audit chain.

Whether the client is still declared in ``serpshield.toml`` (the next sync would re-create it)
is the command's check, not this module's: these functions only need the warehouse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from data import open_warehouse, transaction
from data.audit import write_audit
from data.purge import (
    delete_client_rows,
    delete_old_checks,
    load_client_row_counts,
    load_old_check_count,
)
from serpshield.workspace import current_actor


@dataclass(frozen=True)
class PurgeReport:
    """Rows erased per table, in deletion order; all zeros when there was nothing left."""

    slug: str
    deleted: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.deleted.values())

    def summary(self) -> str:
        """The non-zero counts, for people and for the audit log (counts only, no content)."""
        parts = [f"{table}={count}" for table, count in self.deleted.items() if count]
        return " ".join(parts) or "nothing to erase"


def preview_purge(db_path: Path, slug: str) -> dict[str, int]:
    """What ``purge_client`` would erase: rows per table, in deletion order."""
    with open_warehouse(db_path, read_only=True) as con:
        return load_client_row_counts(con, slug)


def purge_client(db_path: Path, slug: str, actor: str, now: datetime) -> PurgeReport:
    """Erase every row of client ``slug`` from every table, then audit the counts.

    Idempotent: a second run (or the run that finishes an interrupted one) erases what is left
    and writes no audit entry when nothing was left.
    """
    with open_warehouse(db_path) as con:
        report = PurgeReport(slug, delete_client_rows(con, slug))
        if report.total:
            with transaction(con):
                write_audit(con, now, actor, "purge", f"client:{slug}", report.summary())
    return report


def count_old_checks(db_path: Path, older_than: datetime) -> int:
    """How many URL checks ``drop_old_checks`` would drop."""
    with open_warehouse(db_path, read_only=True) as con:
        return load_old_check_count(con, older_than)


def drop_old_checks(
    db_path: Path,
    older_than: datetime,
    *,
    actor: str | None = None,
    now: datetime | None = None,
) -> int:
    """Retention: drop the URL checks made before ``older_than``; return how many.

    The checks' lifecycle events stay (they are the removal history); only the individual HTTP
    looks go. The drop and its audit entry land together, and nothing is audited when no check
    was old enough, so a daily retention job does not fill the log.
    """
    with open_warehouse(db_path) as con, transaction(con):
        dropped = delete_old_checks(con, older_than)
        if dropped:
            cutoff = older_than.astimezone(UTC) if older_than.tzinfo else older_than
            details = f"dropped {dropped} checks made before {cutoff:%Y-%m-%dT%H:%M:%S}Z"
            when = now or datetime.now(UTC)
            write_audit(con, when, actor or current_actor(), "retention", "url_checks", details)
    return dropped
