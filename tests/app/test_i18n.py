"""Labels: complete in both languages, every key used exists, French typography holds.

These read the dashboard's source with ``ast`` rather than running it, so a label on a page
branch that no AppTest reaches is still checked.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from dashboard.frame import DEFAULT_DB, default_lang, workspace_paths
from dashboard.i18n import LABELS, LANGUAGES, format_count, resolve_lang, t

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
SOURCES = sorted(DASHBOARD.rglob("*.py"))


def _t_call_keys() -> list[tuple[str, str]]:
    """(file, key) for every ``t("literal", ...)`` call in the dashboard."""
    found: list[tuple[str, str]] = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((path.name, node.args[0].value))
    return found


def _string_constants(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_label_has_text_in_every_language() -> None:
    for key, texts in LABELS.items():
        assert set(texts) == set(LANGUAGES), key
        for lang in LANGUAGES:
            assert texts[lang].strip(), (key, lang)


def test_every_t_key_used_in_the_dashboard_exists() -> None:
    used = _t_call_keys()
    assert len(used) > 30, "the scan found too few t() calls: is it still matching?"
    missing = [(file, key) for file, key in used if key not in LABELS]
    assert not missing


def test_every_label_is_used_somewhere() -> None:
    pages = [p for p in SOURCES if p.name != "i18n.py" and p.parent.name != "labels"]
    constants = set().union(*(_string_constants(p) for p in pages))
    assert not sorted(set(LABELS) - constants), "unused labels: remove them or use them"


def test_unknown_keys_and_languages_raise() -> None:
    with pytest.raises(KeyError):
        t("no_such_label", "en")
    with pytest.raises(KeyError):
        t("retry", "de")


def test_placeholders_match_across_languages() -> None:
    for key, texts in LABELS.items():
        assert _fields(texts["en"]) == _fields(texts["fr"]), key


def test_french_typography() -> None:
    for key, texts in LABELS.items():
        french = texts["fr"]
        assert "'" not in french, f"{key}: use ’ for the apostrophe"
        assert not re.search(r"[ \u202f][:]", french), f"{key}: no-break space before ':'"
        assert not re.search(r"[ \u00a0][;!?]", french), f"{key}: narrow no-break space before ;!?"
        assert not re.search(r"[^\u00a0\u202f ][:;!?](\s|$)", french), f"{key}: space missing"
        assert "\u00a0" not in texts["en"] and "\u202f" not in texts["en"], key


def test_resolve_lang() -> None:
    assert resolve_lang("fr", "en") == "fr"
    assert resolve_lang(" FR ", "en") == "fr"
    assert resolve_lang("de", "en") == "en"
    assert resolve_lang(None, "fr") == "fr"


def test_format_count() -> None:
    assert format_count(1234567, "en") == "1,234,567"
    assert format_count(1234567, "fr") == "1\u202f234\u202f567"
    assert format_count(12, "fr") == "12"


def test_paths_and_language_follow_the_cli_defaults(tmp_path: Path) -> None:
    paths = workspace_paths({"SERPSHIELD_WORKSPACE": str(tmp_path)})
    assert paths.database == tmp_path / DEFAULT_DB
    assert paths.database_is_default
    custom = workspace_paths({"SERPSHIELD_WORKSPACE": str(tmp_path), "SERPSHIELD_DB": "/x.db"})
    assert not custom.database_is_default
    assert default_lang({}) == "en"
    assert default_lang({"SERPSHIELD_LANG": "fr"}) == "fr"
    assert default_lang({"SERPSHIELD_LANG": "klingon"}) == "en"


def test_no_raw_html_anywhere_in_the_dashboard() -> None:
    """Scraped text must never be rendered as HTML: no escape hatch may appear in the source."""
    forbidden = ("unsafe_allow_html", "st.html", "components.html", "components.v1")
    for path in SOURCES:
        source = path.read_text(encoding="utf-8")
        for word in forbidden:
            assert word not in source, f"{path.name} uses {word}"


def test_entrypoint_and_pages_import_without_drawing() -> None:
    """The ``__main__`` guards keep imports (type checks, boundary tests) side-effect free."""
    import dashboard.app
    import dashboard.app_pages.workspace

    assert callable(dashboard.app.main)
    assert callable(dashboard.app_pages.workspace.render)
