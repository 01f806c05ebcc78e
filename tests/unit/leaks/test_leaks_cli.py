"""Leak commands end to end: add, notice, remove, list, refused transitions, fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from PIL import Image

from data import open_warehouse
from serpshield.cli import cli

URL = "https://leakzone.example/t/lea-fit-full-pack?utm_source=x"


def run(ws: Path, *args: str) -> Result:
    env = {"SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": ""}
    return CliRunner().invoke(cli, ["-w", str(ws), *args], env=env, catch_exceptions=False)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    assert (
        CliRunner().invoke(cli, ["init", str(tmp_path)], env={"SERPSHIELD_DB": ""}).exit_code == 0
    )
    return tmp_path


def item(*args: str) -> tuple[str, ...]:
    return ("--client", "lea-fit", "--item", "Set de mars", *args)


def test_a_leak_goes_from_detected_to_removed(ws: Path) -> None:
    assert (
        run(
            ws, "leaks", "add", *item("--kind", "photo_set", "--found-at", "2026-11-01T08:00"), URL
        ).exit_code
        == 0
    )
    again = run(ws, "leaks", "add", *item(), URL)
    assert "no change" in again.output
    notice = run(ws, "leaks", "event", "notice_sent", URL, *item("--channel", "host", "--route",
                 "privacy_ncii", "--reference", "T-1", "--at", "2026-11-01T10:00"))  # fmt: skip
    assert notice.exit_code == 0, notice.output
    removed = run(
        ws, "leaks", "event", "removed", URL, *item("--channel", "host", "--at", "2026-11-02T09:30")
    )
    assert removed.exit_code == 0, removed.output
    listed = json.loads(run(ws, "leaks", "list", "--json").stdout)
    assert [(r["client"], r["item"], r["domain"], r["state"]) for r in listed] == [
        ("lea-fit", "Set de mars", "leakzone.example", "removed")
    ]
    shown = run(ws, "leaks", "show", str(listed[0]["id"]))
    assert "notice_sent" in shown.output and "removed" in shown.output
    with open_warehouse(ws / "data/serpshield.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*) FROM url_events").fetchone() == (3,)
        assert con.execute("SELECT normalized_url FROM leak_urls").fetchone() == (
            "https://leakzone.example/t/lea-fit-full-pack",
        )


def test_an_impossible_event_is_refused_naming_url_and_states(ws: Path) -> None:
    run(ws, "leaks", "add", *item(), URL)
    result = run(ws, "leaks", "event", "reinstated", URL, *item())
    assert result.exit_code == 2
    assert (
        URL in result.stderr
        and "reinstated is impossible while the URL is detected" in result.stderr
    )
    with open_warehouse(ws / "data/serpshield.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*) FROM url_events").fetchone() == (1,)


def test_a_notice_needs_channel_and_route(ws: Path) -> None:
    run(ws, "leaks", "add", *item(), URL)
    assert run(ws, "leaks", "event", "notice_sent", URL, *item()).exit_code == 2


def test_an_unknown_client_is_named(ws: Path) -> None:
    result = run(ws, "leaks", "add", "--client", "nobody", "--item", "x", URL)
    assert result.exit_code == 2 and "unknown client(s): nobody" in result.stderr


def test_an_event_for_an_unknown_url_writes_nothing(ws: Path) -> None:
    result = run(ws, "leaks", "event", "removed", "https://elsewhere.example/x", *item())
    assert result.exit_code == 2


def test_fingerprints_are_hashes_only(ws: Path, tmp_path: Path) -> None:
    picture = tmp_path / "photo.png"
    Image.new("RGB", (64, 64), (200, 40, 90)).save(picture)
    other = tmp_path / "notes.txt"
    other.write_text("not an image")
    run(ws, "leaks", "add", *item(), URL)
    result = run(ws, "leaks", "fingerprint", str(picture), str(other), *item())
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert lines[0]["phash"] is not None and len(lines[0]["sha256"]) == 64
    assert lines[1]["phash"] is None
    with open_warehouse(ws / "data/serpshield.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*) FROM content_fingerprints").fetchone() == (2,)
    assert picture.read_bytes() not in (ws / "data/serpshield.duckdb").read_bytes()
