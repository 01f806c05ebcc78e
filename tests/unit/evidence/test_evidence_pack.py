"""Evidence packs: complete, hashed, audited, and every alteration named by verify."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from data import open_warehouse
from data.audit import verify_audit_chain
from data.evidence import ItemNotFoundError
from serpshield import evidence as evidence_module
from serpshield.evidence import EvidenceError, export_evidence, verify_evidence

from .conftest import HTML_BODY, JSON_BODY, LEAK_URL, OTHER_URL, T0, World

NOW = T0.replace(day=20)


def _export(world: World, out: Path, force: bool = False) -> evidence_module.ExportReport:
    return export_evidence(world.db, world.item_id, out, NOW, force=force, actor="ana")


def _rewrite(src: Path, dst: Path, change: dict[str, bytes | None]) -> None:
    """Copy a zip, replacing (bytes) or dropping (None) the named entries."""
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w") as new:
        for info in old.infolist():
            body = change.get(info.filename, old.read(info.filename))
            if body is not None:
                new.writestr(info, body)


@pytest.fixture
def pack(world: World, tmp_path: Path) -> Path:
    out = tmp_path / "pack.zip"
    _export(world, out)
    return out


def test_the_pack_holds_manifest_payloads_and_correct_sums(world: World, pack: Path) -> None:
    with zipfile.ZipFile(pack) as archive:
        names = archive.namelist()
        files = {name: archive.read(name) for name in names}
    assert names == ["manifest.json", "payloads/run-1.json", "payloads/run-2.html", "SHA256SUMS"]
    assert files["payloads/run-1.json"] == JSON_BODY
    assert files["payloads/run-2.html"] == HTML_BODY
    sums = dict(line.split("  ")[::-1] for line in files["SHA256SUMS"].decode().splitlines())
    assert set(sums) == set(names) - {"SHA256SUMS"}
    for name, digest in sums.items():
        assert hashlib.sha256(files[name]).hexdigest() == digest
    manifest = json.loads(files["manifest.json"])
    assert manifest["files"] == [
        {"name": n, "sha256": sums[n], "size": len(files[n])}
        for n in ("payloads/run-1.json", "payloads/run-2.html")
    ]
    assert manifest["generated_at"] == "2026-11-20T08:00:00.000000Z"
    assert manifest["serpshield_version"]


def test_the_manifest_tells_the_whole_story_of_the_item_only(world: World, pack: Path) -> None:
    with zipfile.ZipFile(pack) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    item = manifest["item"]
    assert (item["item_id"], item["client"]) == (world.item_id, "lea-fit")
    assert item["kind"] == "photo_set"
    assert item["fingerprints"][0]["sha256"] == "a" * 64
    assert [u["url"] for u in manifest["urls"]] == [LEAK_URL, OTHER_URL]
    assert len(manifest["events"]) == 4
    assert len(manifest["checks"]) == 6
    appearances = manifest["search_appearances"]
    assert [(a["run_id"], a["position"], a["source"]) for a in appearances] == [
        (1, 2, "serpapi"),
        (2, 3, "google-html"),
    ]  # nordlys' runs show the same URL but are not lea-fit's evidence
    assert {a["query"] for a in appearances} == {"lea fit"}
    assert appearances[0]["slot_at"] == "2026-11-01T08:00:00.000000Z"
    assert appearances[0]["payload_file"] == "payloads/run-1.json"
    assert all(s["matches_archived_sha256"] for s in manifest["snapshots"])


def test_the_export_is_audited_with_the_zip_hash_and_no_url(world: World, pack: Path) -> None:
    with open_warehouse(world.db, read_only=True) as con:
        action, subject, details = con.execute(
            "SELECT action, subject, details FROM audit_log ORDER BY audit_id DESC LIMIT 1"
        ).fetchall()[0]
        assert verify_audit_chain(con).ok
    assert (action, subject) == ("evidence_export", f"item:{world.item_id}")
    assert f"zip_sha256={hashlib.sha256(pack.read_bytes()).hexdigest()}" in details
    assert "http" not in details and "leakzone" not in details


def test_an_intact_pack_verifies(pack: Path) -> None:
    report = verify_evidence(pack)
    assert report.ok, report.problems
    assert (report.files_checked, report.item_id) == (3, 1)


def test_one_altered_byte_of_a_payload_is_named(pack: Path, tmp_path: Path) -> None:
    altered = tmp_path / "altered.zip"
    _rewrite(pack, altered, {"payloads/run-2.html": HTML_BODY.replace(b"set", b"Set", 1)})
    report = verify_evidence(altered)
    assert not report.ok
    assert report.problems == [
        "payloads/run-2.html was altered: its SHA-256 differs from SHA256SUMS"
    ]


def test_a_byte_flipped_inside_the_zip_is_named(pack: Path, tmp_path: Path) -> None:
    raw = bytearray(pack.read_bytes())
    with zipfile.ZipFile(pack) as archive:
        info = archive.getinfo("payloads/run-1.json")
    offset = info.header_offset + 30 + len(info.filename) + len(info.extra) + 5
    raw[offset] ^= 0xFF
    flipped = tmp_path / "flipped.zip"
    flipped.write_bytes(bytes(raw))
    problems = verify_evidence(flipped).problems
    assert problems and all(p.startswith("payloads/run-1.json was altered") for p in problems)


def test_a_deleted_file_is_named(pack: Path, tmp_path: Path) -> None:
    smaller = tmp_path / "smaller.zip"
    _rewrite(pack, smaller, {"payloads/run-1.json": None})
    assert verify_evidence(smaller).problems == ["payloads/run-1.json is missing from the zip"]


def test_an_extra_file_is_named(pack: Path) -> None:
    with zipfile.ZipFile(pack, "a") as archive:
        archive.writestr("notes.txt", b"added later")
    assert verify_evidence(pack).problems == ["extra file not in the manifest: notes.txt"]


def test_a_duplicate_entry_is_named(pack: Path) -> None:
    with pytest.warns(UserWarning), zipfile.ZipFile(pack, "a") as archive:
        archive.writestr("payloads/run-1.json", b"{}")
    problems = verify_evidence(pack).problems
    assert "payloads/run-1.json appears more than once in the zip" in problems


def test_an_edited_manifest_is_named(pack: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(pack) as archive:
        manifest = archive.read("manifest.json")
    edited = tmp_path / "edited.zip"
    _rewrite(pack, edited, {"manifest.json": manifest.replace(b"photo_set", b"other")})
    assert verify_evidence(edited).problems == [
        "manifest.json was altered: its SHA-256 differs from SHA256SUMS"
    ]


def test_sums_rewritten_to_cover_a_payload_contradict_the_manifest(
    pack: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(pack) as archive:
        sums = archive.read("SHA256SUMS").decode()
    body = b"<html>forged</html>"
    old = hashlib.sha256(HTML_BODY).hexdigest()
    forged_sums = sums.replace(old, hashlib.sha256(body).hexdigest()).encode()
    forged = tmp_path / "forged.zip"
    _rewrite(pack, forged, {"payloads/run-2.html": body, "SHA256SUMS": forged_sums})
    assert verify_evidence(forged).problems == [
        "manifest.json and SHA256SUMS disagree about the SHA-256 of payloads/run-2.html"
    ]


def test_a_file_that_is_not_a_zip_is_named(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.zip"
    bogus.write_bytes(b"not a zip")
    report = verify_evidence(bogus)
    assert not report.ok
    assert report.problems[0].startswith("bogus.zip cannot be read as a zip")
    assert verify_evidence(tmp_path / "absent.zip").problems[0].startswith("absent.zip cannot")


def test_export_refuses_to_overwrite_unless_forced(world: World, pack: Path) -> None:
    before = pack.read_bytes()
    with pytest.raises(EvidenceError, match="already exists"):
        _export(world, pack)
    assert pack.read_bytes() == before
    report = _export(world, pack, force=True)
    assert verify_evidence(pack).ok
    assert report.zip_sha256 == hashlib.sha256(pack.read_bytes()).hexdigest()
    assert sorted(p.name for p in pack.parent.iterdir() if "pack" in p.name) == ["pack.zip"]


def test_an_unknown_item_writes_nothing(world: World, tmp_path: Path) -> None:
    out = tmp_path / "none.zip"
    with pytest.raises(ItemNotFoundError, match="no content item with id 99"):
        export_evidence(world.db, 99, out, NOW, actor="ana")
    assert list(tmp_path.glob("*none.zip*")) == []


def test_a_failure_after_writing_leaves_no_partial_pack_and_no_entry(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(evidence_module, "_publish", broken)
    with pytest.raises(OSError, match="disk full"):
        _export(world, tmp_path / "late.zip")
    assert list(tmp_path.glob("*late.zip*")) == []
    with open_warehouse(world.db, read_only=True) as con:
        actions = [r[0] for r in con.execute("SELECT action FROM audit_log").fetchall()]
    assert "evidence_export" not in actions
