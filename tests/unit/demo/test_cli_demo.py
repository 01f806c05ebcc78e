"""``serpshield demo``: where it may build, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from serpshield.cli import cli
from serpshield.demo import folder


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_a_folder_that_is_not_a_demo_is_refused_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "serpshield.toml").write_text("[workspace]\nname = 'real'\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "serpshield.duckdb").write_bytes(b"precious")
    code, output = run("demo", "--workspace", str(tmp_path), "--force")
    assert code == 2
    assert "not a demo workspace" in output
    assert (tmp_path / "data" / "serpshield.duckdb").read_bytes() == b"precious"
    assert (tmp_path / "serpshield.toml").read_text().startswith("[workspace]")


def test_an_existing_demo_needs_force(tmp_path: Path) -> None:
    (tmp_path / folder.MARKER).write_text(folder.DemoInfo(7, 120, "2026-11-20").to_json())
    code, output = run("demo", "--workspace", str(tmp_path))
    assert code == 2 and "--force" in output
    (tmp_path / folder.MARKER).unlink()
    (tmp_path / folder.BUILDING).write_text("")
    code, output = run("demo", "--workspace", str(tmp_path))
    assert code == 2 and "unfinished" in output


def test_force_clears_only_what_a_build_writes(tmp_path: Path) -> None:
    (tmp_path / folder.MARKER).write_text(folder.DemoInfo(7, 40, "2026-11-20").to_json())
    for name in ("serpshield.toml", ".gitignore", "notes.txt"):
        (tmp_path / name).write_text("x")
    for sub in ("data", "artifacts/models", "exports"):
        (tmp_path / sub).mkdir(parents=True)
        (tmp_path / sub / "file").write_text("x")
    folder.prepare_folder(tmp_path, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports", "notes.txt"]


@pytest.mark.parametrize("days", ["39", "366"])
def test_days_out_of_range_are_refused_before_anything_is_written(
    tmp_path: Path, days: str
) -> None:
    code, _ = run("demo", "--workspace", str(tmp_path / "new"), "--days", days)
    assert code == 2 and not (tmp_path / "new").exists()


def test_a_workspace_given_before_the_command_is_used(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    code, output = run("--workspace", str(tmp_path), "demo")
    assert code == 2 and str(tmp_path) in output.replace("\n", "")


def test_the_command_prints_a_summary_per_client(demo_root: Path) -> None:
    info = folder.read_info(demo_root)
    assert info == folder.DemoInfo(7, 40, "2026-11-20")
    assert not (demo_root / folder.BUILDING).exists()
    config = (demo_root / "serpshield.toml").read_text(encoding="utf-8")
    assert "demo-key" not in config and 'api_key_env = "SERPAPI_API_KEY"' in config
