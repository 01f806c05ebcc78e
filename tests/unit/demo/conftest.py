"""Shared demo builds: one trained model and one 40-day demo per test session.

Training the harm model takes about ten seconds and its result does not depend on the demo
(it learns from the shipped examples only), so the real ``train_model`` runs once per session
and every build in these tests copies its artifacts instead of training again. The 40-day
demo is built once, through the command line, and read by the story tests.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from serpshield.cli import cli
from serpshield.demo import build
from serpshield.harm_jobs import artifacts_dir, train_model

SEED = 7
DAYS = 40


@pytest.fixture(scope="session")
def trained_artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("model")
    train_model(root, root / "no-warehouse.duckdb")
    return artifacts_dir(root)


@pytest.fixture(scope="session")
def reuse_model(trained_artifacts: Path) -> Iterator[None]:
    def copy(workspace: Path, db: Path) -> None:
        shutil.copytree(trained_artifacts, artifacts_dir(workspace), dirs_exist_ok=True)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "train_model", copy)
        yield


def build_with_cli(root: Path, *extra: str) -> str:
    result = CliRunner().invoke(cli, ["demo", "--workspace", str(root), *extra])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="session")
def demo_root(tmp_path_factory: pytest.TempPathFactory, reuse_model: None) -> Path:
    root = tmp_path_factory.mktemp("demo") / "workspace"
    build_with_cli(root, "--seed", str(SEED), "--days", str(DAYS))
    return root


@pytest.fixture(scope="session")
def demo_db(demo_root: Path) -> Path:
    return demo_root / "data" / "serpshield.duckdb"
