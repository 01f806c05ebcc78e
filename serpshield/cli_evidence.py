"""Evidence and privacy commands: ``evidence export|verify``, ``audit verify`` and ``purge``.

Each command parses its options and calls one function of ``serpshield.evidence``,
``serpshield.purge`` or ``data.audit``. Exit codes follow ``cli_common``: 1 when a pack or the
audit log was altered, or when the operation was refused; 2 for invalid input. No command
prints a leak URL: the pack holds them, the terminal (and its logs) does not.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
from rich.table import Table

from data import WarehouseError, open_warehouse
from data.audit import verify_audit_chain
from data.evidence import ItemNotFoundError
from serpshield.cli_common import EXIT_INVALID, err, fail, out, pass_workspace
from serpshield.config import load_config
from serpshield.evidence import EvidenceError, export_evidence, find_export_record, verify_evidence
from serpshield.purge import count_old_checks, drop_old_checks, preview_purge, purge_client
from serpshield.workspace import Workspace, current_actor


@click.group()
def evidence() -> None:
    """Evidence packs: one item's full record in a zip a lawyer can rely on, and its check."""


@evidence.command("export")
@click.option("--item", "item_id", type=click.IntRange(min=1), required=True,
              help="Id of the content item whose record is exported.")  # fmt: skip
@click.option("--force", is_flag=True, help="Replace OUT if it already exists.")
@click.argument("out_path", metavar="OUT", type=click.Path(dir_okay=False, path_type=Path))
@pass_workspace
def evidence_export(ws: Workspace, item_id: int, force: bool, out_path: Path) -> None:
    """Write the evidence pack of one item to OUT (a .zip) and record it in the audit log.

    The pack holds a manifest (the item, its URLs, every event and check, every search result
    that showed one of the URLs), the raw pages of those searches and their SHA-256 sums.
    """
    try:
        report = export_evidence(
            ws.db, item_id, out_path, datetime.now(UTC), force=force, actor=current_actor()
        )
    except ItemNotFoundError as exc:
        fail(str(exc), EXIT_INVALID)
    except EvidenceError as exc:
        fail(str(exc))
    except OSError as exc:  # e.g. a read-only folder: say so rather than show a traceback
        fail(f"cannot write {out_path}: {exc.strerror or exc}")
    out.print(
        f"Wrote {report.path}: {report.urls} URLs, {report.events} events, {report.checks} "
        f"checks, {report.appearances} search appearances, {report.payloads} raw pages.",
        markup=False,
    )
    out.print(f"SHA-256 of the pack (recorded in the audit log): {report.zip_sha256}")
    for warning in report.warnings:
        err.print(f"warning: {warning}", markup=False)


@evidence.command("verify")
@click.argument(
    "zip_path", metavar="ZIP", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@pass_workspace
def evidence_verify(ws: Workspace, zip_path: Path) -> None:
    """Re-check every file of an evidence pack against its SHA-256 (exit 1 when altered).

    Names each altered, missing or added file. When run in the workspace that exported the
    pack, also says whether the audit log recorded this exact zip.
    """
    report = verify_evidence(zip_path)
    if report.zip_sha256 and ws.db.is_file():
        _print_export_record(ws.db, report.zip_sha256)
    if not report.ok:
        for problem in report.problems:
            out.print(problem, markup=False)
        fail(f"{zip_path} is not intact: {len(report.problems)} problem(s)")
    out.print(
        f"{zip_path}: intact, {report.files_checked} files match their SHA-256 "
        f"(item {report.item_id}, generated {report.generated_at}).",
        markup=False,
    )


def _print_export_record(db: Path, zip_sha256: str) -> None:
    try:
        records = find_export_record(db, zip_sha256)
    except WarehouseError:  # the pack's own check does not depend on the warehouse
        return
    if records:
        audit_id, at = records[0]
        out.print(f"Recorded by audit entry {audit_id} at {at:%Y-%m-%d %H:%M:%S} UTC.")
    else:
        out.print(
            f"This exact zip was not exported from {db} (no audit entry has its hash).",
            markup=False,
        )


@click.command("verify")
@pass_workspace
def audit_verify(ws: Workspace) -> None:
    """Check the audit log's hash chain and name any edited or deleted entry (exit 1)."""
    with open_warehouse(ws.db, read_only=True) as con:
        result = verify_audit_chain(con)
    if not result.ok:
        for problem in result.problems:
            out.print(problem, markup=False)
        fail(f"the audit log was altered: {len(result.problems)} problem(s)")
    entries = "1 entry" if result.rows == 1 else f"{result.rows} entries"
    out.print(f"Audit log intact: {entries} chained. Latest hash {result.head_hash}")
    out.print("Note it elsewhere: removing the newest entries shows only against it.")


@click.command()
@click.option("--client", "slug", metavar="SLUG", default=None,
              help="Erase this client (slug) and all of its data from every table.")  # fmt: skip
@click.option("--checks-older-than", "days", metavar="DAYS", type=click.IntRange(min=1),
              default=None,
              help="Retention: drop the URL checks older than DAYS days.")  # fmt: skip
@click.option("--retention", is_flag=True,
              help="Retention from the config: --checks-older-than [privacy] "
              "checks_retention_days.")  # fmt: skip
@click.option("--yes", is_flag=True, help="Do not ask for confirmation (for scripts).")
@pass_workspace
def purge(ws: Workspace, slug: str | None, days: int | None, retention: bool, yes: bool) -> None:
    """Erase a client's data everywhere, or drop old URL checks (retention). Cannot be undone.

    Give either --client or --checks-older-than. Without --yes, shows what will be erased and
    asks first. A client still declared in serpshield.toml is refused.
    """
    if retention:
        if days is not None:
            fail("give --retention or --checks-older-than, not both", EXIT_INVALID)
        days = load_config(ws.config_path).privacy.checks_retention_days
        if days is None:
            fail("[privacy] checks_retention_days is not set in serpshield.toml", EXIT_INVALID)
    if (slug is None) == (days is None):
        fail("give either --client SLUG or --checks-older-than DAYS", EXIT_INVALID)
    if slug is not None:
        _purge_client(ws, slug, yes)
    elif days is not None:
        _drop_checks(ws, days, yes)


def _purge_client(ws: Workspace, slug: str, yes: bool) -> None:
    if ws.config_path.exists() and slug in load_config(ws.config_path).clients:
        fail(f"remove [clients.{slug}] from serpshield.toml first, or the next sync re-creates it")
    counts = preview_purge(ws.db, slug)
    if not any(counts.values()):
        fail(f"no client {slug!r} in {ws.db}: nothing to erase (already purged?)")
    table = Table("table", "rows to erase")
    for name, count in counts.items():
        if count:
            table.add_row(name, str(count))
    out.print(table)
    if not yes:
        click.confirm(f"Erase client {slug!r} and all of these rows for good?", abort=True)
    report = purge_client(ws.db, slug, current_actor(), datetime.now(UTC))
    out.print(f"Erased client {slug!r}: {report.summary()}", markup=False)


def _drop_checks(ws: Workspace, days: int, yes: bool) -> None:
    now = datetime.now(UTC)
    cutoff = now - timedelta(days=days)
    count = count_old_checks(ws.db, cutoff)
    if not count:
        out.print(f"No URL check older than {days} days: nothing to drop.")
        return
    if not yes:
        click.confirm(f"Drop {count} URL checks made before {cutoff:%Y-%m-%d %H:%M} UTC?",
                      abort=True)  # fmt: skip
    dropped = drop_old_checks(ws.db, cutoff, actor=current_actor(), now=now)
    out.print(f"Dropped {dropped} URL checks older than {days} days.")
