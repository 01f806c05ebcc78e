"""Shared fixtures: a fresh warehouse path in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's warehouse lives; the file does not exist yet."""
    return tmp_path / "warehouse.duckdb"
