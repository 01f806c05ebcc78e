"""The distribution lists its packages explicitly: a new sub-package must not be forgotten."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOP = ("serpshield", "collectors", "data", "models", "dashboard")


def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in TOP
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found == listed


def test_package_data_is_where_the_code_reads_it() -> None:
    assert sorted(p.name for p in (ROOT / "data" / "migrations").glob("*.sql"))
    assert (ROOT / "serpshield" / "templates" / "serpshield.toml").is_file()
