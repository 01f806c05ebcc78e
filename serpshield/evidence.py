"""Evidence packs: one zip per content item that a lawyer can hand on and anyone can re-check.

A pack holds ``manifest.json`` (the item, its URLs, every event and check, every search result
that showed one of the URLs with its run, and the list of files with their SHA-256 and size),
``payloads/run-<id>.<json|html>`` (the raw page or API response of each of those runs, exactly
as archived) and ``SHA256SUMS`` (``sha256sum -c`` format) over the manifest and every payload,
so the pack can also be checked without serpshield.

The pack is written to a temporary file next to ``out`` and renamed into place only once the
export is recorded in the audit log with the zip's SHA-256: no half-written pack is left under
the final name, and a pack whose files *and* sums were all rewritten is still caught against
that entry. Full leak URLs are inside the pack (they are the evidence), never in the audit
details or in any message.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from data import open_warehouse, transaction
from data.audit import load_export_records, write_audit
from data.evidence import EvidenceData, RunPayload, load_evidence
from serpshield import __version__
from serpshield.workspace import current_actor

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
FORMAT = "serpshield-evidence/1"
_EXISTS = "{out} already exists: choose another name, or pass --force"
_SUM_LINE = re.compile(r"^(?P<sha>[0-9a-f]{64}) [ *](?P<name>.+)$")


class EvidenceError(Exception):
    """An evidence pack could not be written (the message says why and what to do)."""


@dataclass(frozen=True)
class ExportReport:
    """What ``export_evidence`` wrote; ``warnings`` name archived bodies that fail their hash."""

    path: Path
    zip_sha256: str
    urls: int
    events: int
    checks: int
    appearances: int
    payloads: int
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class VerifyReport:
    """What ``verify_evidence`` found; ``problems`` is empty when the pack is intact."""

    ok: bool
    problems: list[str]
    files_checked: int = 0
    zip_sha256: str | None = None
    item_id: int | None = None
    generated_at: str | None = None


def export_evidence(
    db_path: Path,
    item_id: int,
    out: Path,
    now: datetime,
    *,
    force: bool = False,
    actor: str | None = None,
) -> ExportReport:
    """Write the evidence pack of ``item_id`` to ``out``; refuse an existing ``out`` unless
    ``force``. Raises ``data.evidence.ItemNotFoundError`` for an unknown item."""
    if out.exists() and not force:
        raise EvidenceError(_EXISTS.format(out=out))
    if not out.parent.is_dir():
        raise EvidenceError(f"cannot write {out}: the folder {out.parent} does not exist")
    with open_warehouse(db_path, read_only=True) as con:
        data = load_evidence(con, item_id)
    generated_at = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
    names = {p.run_id: f"payloads/run-{p.run_id}.{_extension(p)}" for p in data.payloads}
    files = [(names[p.run_id], p.body) for p in data.payloads]
    manifest = _manifest(data, generated_at, names, files)
    sums = [(MANIFEST, manifest), *files]
    listing = "".join(f"{_sha256(body)}  {name}\n" for name, body in sums)
    tmp = _write_zip(out, [*sums, (SUMS, listing.encode())], generated_at)
    published = False
    try:
        digest = _sha256(tmp.read_bytes())
        details = (
            f"zip_sha256={digest} urls={len(data.urls)} events={len(data.events)} "
            f"checks={len(data.checks)} appearances={len(data.appearances)} "
            f"payloads={len(files)}"
        )
        with open_warehouse(db_path) as con, transaction(con):
            write_audit(con, now, actor or current_actor(), "evidence_export", f"item:{item_id}",
                        details)  # fmt: skip
            _publish(tmp, out, force)
            published = True
    except BaseException:
        if published:  # the rename happened but the audit entry did not commit
            out.unlink(missing_ok=True)
        raise
    finally:
        tmp.unlink(missing_ok=True)
    warnings = [
        f"run {p.run_id}: the archived body does not match the SHA-256 stored with it"
        for p in data.payloads
        if _sha256(p.body) != p.stored_sha256
    ]
    return ExportReport(
        out, digest, len(data.urls), len(data.events), len(data.checks), len(data.appearances),
        len(files), warnings,
    )  # fmt: skip


def verify_evidence(path: Path) -> VerifyReport:
    """Re-hash every file of a pack and name what was altered, missing, added or unreadable."""
    try:
        digest = _sha256(path.read_bytes())
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        return VerifyReport(False, [f"{path.name} cannot be read as a zip: {exc}"])
    problems: list[str] = []
    contents: dict[str, bytes] = {}
    with archive:
        names = [info.filename for info in archive.infolist()]
        for name in sorted({n for n in names if names.count(n) > 1}):
            problems.append(f"{name} appears more than once in the zip")
        for name in dict.fromkeys(names):
            try:
                contents[name] = archive.read(name)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
                problems.append(f"{name} was altered: it cannot be read back ({exc})")
    sums = _parse_sums(contents.get(SUMS), problems)
    manifest = _parse_manifest(contents.get(MANIFEST), problems)
    entries = manifest["files"] if isinstance(manifest.get("files"), list) else []
    listed = {str(f.get("name")): f for f in entries if isinstance(f, dict)}
    for name in sorted(set(sums) | set(listed) | {MANIFEST}):
        if name not in names:
            problems.append(f"{name} is missing from the zip")
        elif name in contents and name in sums and _sha256(contents[name]) != sums[name]:
            problems.append(f"{name} was altered: its SHA-256 differs from {SUMS}")
        if name == MANIFEST:
            if sums and name not in sums:
                problems.append(f"{SUMS} does not list {MANIFEST}")
            continue
        if name not in sums:
            problems.append(f"{MANIFEST} lists {name} but {SUMS} does not")
        elif name not in listed:
            problems.append(f"{SUMS} lists {name} but {MANIFEST} does not")
        elif listed[name].get("sha256") != sums[name]:
            problems.append(f"{MANIFEST} and {SUMS} disagree about the SHA-256 of {name}")
    for name in dict.fromkeys(names):
        if name not in sums and name not in listed and name not in (MANIFEST, SUMS):
            problems.append(f"extra file not in the manifest: {name}")
    problems = list(dict.fromkeys(problems))
    item = manifest.get("item")
    item_id = item.get("item_id") if isinstance(item, dict) else None
    generated_at = manifest.get("generated_at")
    return VerifyReport(
        not problems, problems, len(sums), digest,
        item_id if isinstance(item_id, int) else None,
        generated_at if isinstance(generated_at, str) else None,
    )  # fmt: skip


def find_export_record(db_path: Path, zip_sha256: str) -> list[tuple[int, datetime]]:
    """(audit id, time) of the audit entries recording an export of exactly this zip."""
    with open_warehouse(db_path, read_only=True) as con:
        return load_export_records(con, zip_sha256)


def _manifest(
    data: EvidenceData,
    generated_at: datetime,
    names: dict[int, str],
    files: list[tuple[str, bytes]],
) -> bytes:
    appearances = [{**a, "payload_file": names.get(int(a["run_id"]))} for a in data.appearances]
    snapshots = [
        {
            "run_id": p.run_id,
            "file": names[p.run_id],
            "content_type": p.content_type,
            "archived_sha256": p.stored_sha256,
            "matches_archived_sha256": _sha256(p.body) == p.stored_sha256,
        }
        for p in data.payloads
    ]
    document = {
        "format": FORMAT,
        "generated_at": _iso(generated_at),
        "serpshield_version": __version__,
        "item": {**data.item, "fingerprints": data.fingerprints},
        "urls": data.urls,
        "events": data.events,
        "checks": data.checks,
        "search_appearances": appearances,
        "snapshots": snapshots,
        "files": [{"name": n, "sha256": _sha256(b), "size": len(b)} for n, b in files],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2, default=_json_value)
    return (text + "\n").encode("utf-8")


def _write_zip(out: Path, entries: list[tuple[str, bytes]], at: datetime) -> Path:
    """The whole pack in a temporary file beside ``out`` (same file system: rename is atomic)."""
    fd, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".partial")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                for entry_name, body in entries:
                    stamp = (at.year, at.month, at.day, at.hour, at.minute, at.second)
                    info = zipfile.ZipInfo(entry_name, date_time=stamp)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    archive.writestr(info, body)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _publish(tmp: Path, out: Path, force: bool) -> None:
    """Move the finished pack to ``out``; without ``force`` never replace a file that appeared
    meanwhile (a hard link fails on an existing name, where a rename would overwrite it)."""
    if force:
        tmp.replace(out)
        return
    try:
        os.link(tmp, out)
    except OSError as exc:  # FileExistsError, or a file system without hard links
        if isinstance(exc, FileExistsError) or out.exists():
            raise EvidenceError(_EXISTS.format(out=out)) from None
        tmp.replace(out)


def _parse_sums(raw: bytes | None, problems: list[str]) -> dict[str, str]:
    if raw is None:
        problems.append(f"{SUMS} is missing from the zip")
        return {}
    sums: dict[str, str] = {}
    for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), start=1):
        match = _SUM_LINE.match(line)
        if match is None:
            problems.append(f"{SUMS} line {number} is not a 'sha256  name' line")
        else:
            sums[match["name"]] = match["sha"]
    return sums


def _parse_manifest(raw: bytes | None, problems: list[str]) -> dict[str, Any]:
    if raw is None:
        return {}
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        problems.append(f"{MANIFEST} is not valid JSON")
        return {}
    return document if isinstance(document, dict) else {}


def _extension(payload: RunPayload) -> str:
    kind = (payload.content_type or "").lower()
    if "json" in kind or (not kind and payload.body.lstrip()[:1] in (b"{", b"[")):
        return "json"
    return "html"


def _sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _iso(value: datetime) -> str:
    utc = value.astimezone(UTC) if value.tzinfo else value
    return utc.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _json_value(value: object) -> str:
    if isinstance(value, datetime):
        return _iso(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
