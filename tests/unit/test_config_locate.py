"""The best-effort line locator and key-path formatting used by config error messages."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from serpshield.config_errors import format_key, looks_secret
from serpshield.config_locate import locate_key

DOC = """\
# comment line
[workspace]
name = "Agency"   # trailing comment

[clients.lea-fit]
name = "Léa"
owned_domains = ["a.example", "b.example"]
profile.bio = "dotted"

[clients.lea-fit.domains]
"lemonde.fr" = "news"
'single.example' = "forum"

[[clients.lea-fit.queries]]
text = "one"

[[clients.lea-fit.queries]]
text = "two"
engine = "bing"

[clients."quoted slug"]
name = "Q"
"""


def test_plain_keys_and_table_headers() -> None:
    assert locate_key(DOC, ("workspace",)) == 2
    assert locate_key(DOC, ("workspace", "name")) == 3
    assert locate_key(DOC, ("clients", "lea-fit")) == 5
    assert locate_key(DOC, ("clients", "lea-fit", "name")) == 6


def test_dotted_and_quoted_keys() -> None:
    assert locate_key(DOC, ("clients", "lea-fit", "profile", "bio")) == 8
    assert locate_key(DOC, ("clients", "lea-fit", "domains", "lemonde.fr")) == 11
    assert locate_key(DOC, ("clients", "lea-fit", "domains", "single.example")) == 12
    assert locate_key(DOC, ("clients", "quoted slug", "name")) == 22


def test_array_of_tables_are_counted() -> None:
    assert locate_key(DOC, ("clients", "lea-fit", "queries", 0)) == 14
    assert locate_key(DOC, ("clients", "lea-fit", "queries", 0, "text")) == 15
    assert locate_key(DOC, ("clients", "lea-fit", "queries", 1)) == 17
    assert locate_key(DOC, ("clients", "lea-fit", "queries", 1, "engine")) == 19


def test_missing_key_falls_back_to_its_table_header() -> None:
    assert locate_key(DOC, ("workspace", "timezone")) == 2
    assert locate_key(DOC, ("clients", "lea-fit", "queries", 0, "engine")) == 14
    assert locate_key(DOC, ("clients", "lea-fit", "queries", 5, "engine")) == 14  # the array
    assert locate_key(DOC, ("thresholds", "harm")) is None
    assert locate_key(DOC, ()) is None


def test_item_of_an_inline_array_gives_the_array_line() -> None:
    assert locate_key(DOC, ("clients", "lea-fit", "owned_domains", 1)) == 7


def test_nested_arrays_of_tables_restart_their_count() -> None:
    text = "[[a]]\n[[a.b]]\nx = 1\n[[a.b]]\nx = 2\n[[a]]\n[[a.b]]\nx = 3\n"
    assert locate_key(text, ("a", 0, "b", 1, "x")) == 5
    assert locate_key(text, ("a", 1)) == 6
    assert locate_key(text, ("a", 1, "b", 0, "x")) == 8


def test_multiline_values_are_not_read_as_keys() -> None:
    text = (
        "[a]\n"
        'note = """\n'
        "fake = 1\n"
        "[fake]\n"
        '"""\n'
        "weights = [\n"
        "  1, 2,  # fake = 3\n"
        '  "]",\n'
        "]\n"
        "fake = 4\n"
        "lit = '''\n"
        "[b]\n"
        "'''\n"
    )
    assert locate_key(text, ("a", "fake")) == 10
    assert locate_key(text, ("a", "weights", 1)) == 6
    assert locate_key(text, ("fake",)) is None
    assert locate_key(text, ("b",)) is None


def test_explicit_header_wins_over_an_implied_parent() -> None:
    text = "[x.y]\nk = 1\n[x]\nz = 2\n"
    assert locate_key(text, ("x",)) == 3
    assert locate_key(text, ("x", "missing")) == 3


def test_lines_are_counted_as_toml_counts_them() -> None:
    text = '[a]\r\nx = "\u2028\x0c"\r\ny = 1\r\n'  # only \n ends a TOML line
    assert locate_key(text, ("a", "y")) == 3


def test_inline_tables_fall_back_to_their_key() -> None:
    text = '[c]\ndomains = { "a.example" = "news" }\n'
    assert locate_key(text, ("c", "domains", "a.example")) == 2


@given(st.text(), st.lists(st.one_of(st.text(), st.integers()), max_size=5))
def test_never_raises(text: str, path: list[str | int]) -> None:
    line = locate_key(text, tuple(path))
    assert line is None or 1 <= line <= text.count("\n") + 1


def test_format_key() -> None:
    assert format_key(("clients", "lea-fit", "queries", 0, "engine")) == (
        "clients.lea-fit.queries[0].engine"
    )
    assert format_key(("clients", "a", "domains", "lemonde.fr")) == 'clients.a.domains."lemonde.fr"'
    assert format_key(("clients", "Léa Fit")) == 'clients."Léa Fit"'
    assert format_key(("ctr", "weights", 3)) == "ctr.weights[3]"
    assert format_key(()) == ""


def test_looks_secret() -> None:
    for name in ("api_key", "key", "token", "password", "secret", "apiKey", "access-token"):
        assert looks_secret(name), name
    for name in ("api_key_env", "password_env", "engine_id", "colour", "keywords", "monkey"):
        assert not looks_secret(name), name
