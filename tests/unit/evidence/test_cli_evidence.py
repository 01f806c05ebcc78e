"""The evidence, audit-verify and purge commands as a person runs them (exit codes, prompts)."""

from __future__ import annotations

import zipfile

import click
from click.testing import CliRunner, Result

from data import open_warehouse
from data.purge import load_client_row_counts
from serpshield.cli_evidence import audit_verify, evidence, purge
from serpshield.workspace import Workspace, template_text

from .conftest import LEAK_URL, World


def _run(command: click.Command, world: World, *args: str, answer: str | None = None) -> Result:
    workspace = Workspace(root=world.db.parent, db=world.db)
    return CliRunner().invoke(command, list(args), obj=workspace, input=answer)


def _lea_rows(world: World) -> int:
    with open_warehouse(world.db, read_only=True) as con:
        return sum(load_client_row_counts(con, "lea-fit").values())


def test_export_then_verify_exit_zero_and_name_the_audit_entry(world: World) -> None:
    pack = world.db.parent / "pack.zip"
    result = _run(evidence, world, "export", "--item", str(world.item_id), str(pack))
    assert result.exit_code == 0, result.output
    assert "2 URLs" in result.output and "SHA-256 of the pack" in result.output
    assert LEAK_URL not in result.output
    verified = _run(evidence, world, "verify", str(pack))
    assert verified.exit_code == 0, verified.output
    assert "intact, 3 files" in verified.output
    assert "Recorded by audit entry" in verified.output


def test_export_refuses_overwrite_and_unknown_items(world: World) -> None:
    pack = world.db.parent / "pack.zip"
    assert _run(evidence, world, "export", "--item", "1", str(pack)).exit_code == 0
    again = _run(evidence, world, "export", "--item", "1", str(pack))
    assert again.exit_code == 1
    assert "already exists" in again.output
    assert _run(evidence, world, "export", "--item", "1", "--force", str(pack)).exit_code == 0
    unknown = _run(evidence, world, "export", "--item", "99", str(world.db.parent / "x.zip"))
    assert unknown.exit_code == 2


def test_verify_exits_one_and_lists_what_was_altered(world: World) -> None:
    pack = world.db.parent / "pack.zip"
    _run(evidence, world, "export", "--item", "1", str(pack))
    with zipfile.ZipFile(pack, "a") as archive:
        archive.writestr("notes.txt", b"added")
    result = _run(evidence, world, "verify", str(pack))
    assert result.exit_code == 1
    assert "extra file not in the manifest: notes.txt" in result.output
    assert "not intact: 1 problem(s)" in result.output
    assert _run(evidence, world, "verify", str(world.db.parent / "absent.zip")).exit_code == 2


def test_audit_verify_exit_codes(world: World) -> None:
    assert _run(audit_verify, world).exit_code == 0
    with open_warehouse(world.db) as con:
        con.execute("UPDATE audit_log SET actor = 'mallory' WHERE audit_id = 1")
    result = _run(audit_verify, world)
    assert result.exit_code == 1
    assert "audit row 1 was edited" in result.output


def test_purge_without_yes_asks_and_aborts_on_no(world: World) -> None:
    before = _lea_rows(world)
    result = _run(purge, world, "--client", "lea-fit", answer="n\n")
    assert result.exit_code == 1
    assert "url_checks" in result.output and "Erase client 'lea-fit'" in result.output
    assert _lea_rows(world) == before
    confirmed = _run(purge, world, "--client", "lea-fit", answer="y\n")
    assert confirmed.exit_code == 0, confirmed.output
    assert _lea_rows(world) == 0


def test_purge_refuses_a_client_still_in_the_config(world: World) -> None:
    (world.db.parent / "serpshield.toml").write_text(template_text(), encoding="utf-8")
    result = _run(purge, world, "--client", "lea-fit", "--yes")
    assert result.exit_code == 1
    assert "remove [clients.lea-fit] from serpshield.toml first" in result.output
    assert _lea_rows(world) > 0


def test_purge_needs_exactly_one_mode_and_a_known_client(world: World) -> None:
    assert _run(purge, world).exit_code == 2
    assert _run(purge, world, "--client", "x", "--checks-older-than", "5").exit_code == 2
    unknown = _run(purge, world, "--client", "nobody", "--yes")
    assert unknown.exit_code == 1
    assert "nothing to erase" in unknown.output


def test_retention_from_the_command_line(world: World) -> None:
    result = _run(purge, world, "--checks-older-than", "3650", "--yes")
    assert (result.exit_code, "nothing to drop" in result.output) == (0, True)
    result = _run(purge, world, "--checks-older-than", "1", "--yes")
    assert result.exit_code == 0, result.output
    assert "Dropped 12 URL checks" in result.output
