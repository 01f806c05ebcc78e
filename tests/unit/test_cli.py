"""The command line as a person uses it: init, config check/sync, audit, help everywhere."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from serpshield import cli as cli_module
from serpshield.cli import cli

EXPECTED_GROUPS = {
    "init",
    "config",
    "audit",
    "dashboard",
    "parse",
    "import",
    "collect",
    "reparse",
    "leaks",
    "monitor",
    "evidence",
    "purge",
    "score",
    "harm",
    "label",
    "model",
    "alerts",
    "plan",
    "kpi",
    "report",
    "demo",
}


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    base = {"SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": ""}
    return CliRunner().invoke(cli, list(args), env={**base, **(env or {})}, catch_exceptions=False)


def walk(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, click.Command]]:
    found = [(" ".join(path) or "serpshield", command)]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            found += walk(sub, (*path, name))
    return found


def test_help_lists_the_built_command_groups_only() -> None:
    result = run("--help")
    assert result.exit_code == 0
    listed = set(cli.commands)
    assert listed == EXPECTED_GROUPS
    for name in listed:
        assert name in result.output


@pytest.mark.parametrize("name,command", walk(cli), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_and_option_has_help(name: str, command: click.Command) -> None:
    assert (command.help or "").strip(), f"{name} has no help text"
    for param in command.params:
        if isinstance(param, click.Option) and param.name not in {"help", "version"}:
            assert (param.help or "").strip(), f"{name} option {param.name} has no help"
    args = [*name.split(), "--help"] if name != "serpshield" else ["--help"]
    assert run(*args).exit_code == 0


def test_init_creates_a_valid_synced_workspace(tmp_path: Path) -> None:
    ws = tmp_path / "agency"
    result = run("init", str(ws))
    assert result.exit_code == 0, result.output
    assert (ws / "serpshield.toml").is_file()
    assert (ws / "data" / "serpshield.duckdb").is_file()
    assert "data/" in (ws / ".gitignore").read_text()
    check = run("--workspace", str(ws), "config", "check")
    assert check.exit_code == 0, check.output
    assert "is valid: 2 clients" in check.output
    sync = run("--workspace", str(ws), "config", "sync")
    assert sync.exit_code == 0
    assert "no change" in sync.output, "init already synced: a second sync changes nothing"


def test_init_never_overwrites_an_existing_workspace(tmp_path: Path) -> None:
    assert run("init", str(tmp_path)).exit_code == 0
    config = tmp_path / "serpshield.toml"
    config.write_text("# mine\n" + config.read_text())
    result = run("init", str(tmp_path))
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert config.read_text().startswith("# mine")


def test_init_with_a_database_in_a_missing_folder_writes_nothing(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    result = run("--db", str(tmp_path / "missing" / "x.duckdb"), "init", str(ws))
    assert result.exit_code == 1
    assert "does not exist" in result.output
    assert not ws.exists()


def test_init_with_an_explicit_database_puts_it_there(tmp_path: Path) -> None:
    ws, db = tmp_path / "ws", tmp_path / "elsewhere.duckdb"
    result = run("init", str(ws), env={"SERPSHIELD_DB": str(db)})
    assert result.exit_code == 0, result.output
    assert db.is_file()
    assert not (ws / "data").exists()


def test_config_check_reports_every_problem_with_line_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "serpshield.toml").write_text(
        '[workspace]\nname = "x"\n\n[clients.acme]\nname = "Acme"\ncolour = "red"\n'
        '[[clients.acme.queries]]\ntext = "acme"\nengine = "altavista"\n'
    )
    result = run("--workspace", str(tmp_path), "config", "check")
    assert result.exit_code == 2
    assert "serpshield.toml:6: clients.acme.colour" in result.output
    assert "serpshield.toml:9: clients.acme.queries[0].engine" in result.output
    assert "2 problem(s)" in result.output


def test_malformed_toml_names_line_and_column_and_sync_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "serpshield.toml").write_text('[workspace]\nname = "x\n')
    result = run("--workspace", str(tmp_path), "config", "sync")
    assert result.exit_code == 2
    assert "serpshield.toml:2" in result.output and "column" in result.output
    assert not (tmp_path / "data").exists()


def test_db_path_precedence_flag_then_environment(tmp_path: Path) -> None:
    assert run("init", str(tmp_path)).exit_code == 0
    other = tmp_path / "elsewhere.duckdb"
    result = run("--workspace", str(tmp_path), "config", "sync", env={"SERPSHIELD_DB": str(other)})
    assert result.exit_code == 0 and other.exists()
    flag = tmp_path / "flag.duckdb"
    result = run(
        "--workspace",
        str(tmp_path),
        "--db",
        str(flag),
        "config",
        "sync",
        env={"SERPSHIELD_DB": str(other)},
    )
    assert result.exit_code == 0 and flag.exists()


def test_audit_list_shows_the_sync(tmp_path: Path) -> None:
    assert run("init", str(tmp_path)).exit_code == 0
    result = run("--workspace", str(tmp_path), "audit", "list")
    assert result.exit_code == 0
    assert "config_sync" in result.output


def test_audit_list_without_a_database_says_how_to_create_it(tmp_path: Path) -> None:
    result = run("--workspace", str(tmp_path), "audit", "list")
    assert result.exit_code == 1
    assert "serpshield init" in result.output


def test_dashboard_runs_streamlit_on_the_workspace_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("init", str(tmp_path)).exit_code == 0
    seen: dict[str, object] = {}

    def fake_execve(executable: str, command: list[str], env: dict[str, str]) -> None:
        seen["command"], seen["env"] = command, env

    monkeypatch.setattr(cli_module.os, "execve", fake_execve)
    result = run("--workspace", str(tmp_path), "dashboard", "--port", "8765", "--lang", "fr")
    assert result.exit_code == 0
    command = seen["command"]
    assert isinstance(command, list)
    assert command[command.index("--server.port") + 1] == "8765"
    assert command[command.index("--browser.gatherUsageStats") + 1] == "false"
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    env = seen["env"]
    assert isinstance(env, dict)
    assert env["SERPSHIELD_DB"] == str(tmp_path / "data" / "serpshield.duckdb")
    assert env["SERPSHIELD_LANG"] == "fr"


def test_dashboard_takes_the_workspace_after_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("init", str(tmp_path / "ws")).exit_code == 0
    seen: dict[str, dict[str, str]] = {}
    monkeypatch.setattr(cli_module.os, "execve", lambda _e, _c, env: seen.update(env=env))
    monkeypatch.chdir(tmp_path)
    result = run("dashboard", "--workspace", str(tmp_path / "ws"), "--port", "8766")
    assert result.exit_code == 0, result.output
    assert seen["env"]["SERPSHIELD_WORKSPACE"] == str((tmp_path / "ws").resolve())
    assert seen["env"]["SERPSHIELD_DB"] == str(
        (tmp_path / "ws" / "data" / "serpshield.duckdb").resolve()
    )
