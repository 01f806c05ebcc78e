"""The house's walls: which package may import which library.

duckdb only in data/, httpx only in collectors/, streamlit only in dashboard/ (ARCHITECTURE.md).
The walk reads every import statement, including ones inside functions and importlib calls
with a literal name, so a lazy import cannot slip through.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("serpshield", "collectors", "data", "models", "dashboard", "bench")
HOME = {"duckdb": "data", "httpx": "collectors", "streamlit": "dashboard"}


def imported_roots(source: str) -> Iterator[tuple[int, str]]:
    """(line, top-level module) for every import in ``source``."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module.split(".")[0]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", ""))
            in {
                "import_module",
                "__import__",
            }
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value.split(".")[0]


def python_files() -> list[Path]:
    files = [f for package in PACKAGES for f in sorted((ROOT / package).rglob("*.py"))]
    assert files, "the packages must exist"
    return files


def test_the_walk_sees_every_kind_of_import() -> None:
    source = (
        "import duckdb\nfrom httpx import Client\nimport importlib\n"
        "def f():\n    import streamlit.web\n    importlib.import_module('duckdb')\n"
    )
    assert sorted(m for _, m in imported_roots(source)) == [
        "duckdb", "duckdb", "httpx", "importlib", "streamlit"
    ]  # fmt: skip


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_libraries_stay_in_their_room(path: Path) -> None:
    package = path.relative_to(ROOT).parts[0]
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {module}, allowed only in {HOME[module]}/"
        for line, module in imported_roots(path.read_text(encoding="utf-8"))
        if module in HOME and HOME[module] != package
    ]
    assert not wrong, "\n".join(wrong)


#: Rooms that ``models/`` must not know about: it computes on DataFrames, wherever they came from.
MODELS_MAY_NOT_IMPORT = {"serpshield", "collectors", "data", "dashboard", "bench"}


@pytest.mark.parametrize(
    "path", sorted((ROOT / "models").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_models_never_know_where_their_data_came_from(path: Path) -> None:
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for line, module in imported_roots(path.read_text(encoding="utf-8"))
        if module in MODELS_MAY_NOT_IMPORT
    ]
    assert not wrong, "\n".join(wrong)


def test_scraped_text_is_never_rendered_as_html() -> None:
    offenders = [
        str(f.relative_to(ROOT))
        for f in python_files()
        if "unsafe_allow_html=True" in f.read_text(encoding="utf-8")
    ]
    assert not offenders
