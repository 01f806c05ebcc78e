"""Reading files: encodings, separators, quoting, physical line numbers, headers, dates."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from collectors.errors import CollectorError
from collectors.importers.table import Column, ImportFileError, parse_datetime, read_table

COLUMNS = (
    Column("client", ("client",)),
    Column("item", ("item", "contenu")),
    Column("detected_at", ("detected_at", "détecté_le")),
    Column("reference", ("reference", "référence"), required=False),
)


def write(tmp_path: Path, data: bytes, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_with_bom_is_stripped_and_named(tmp_path: Path) -> None:
    table = read_table(
        write(tmp_path, "\ufeffclient,contenu,détecté_le\na,é,x\n".encode()), COLUMNS
    )
    assert table.encoding == "utf-8-sig"
    assert table.headers == {"client": "client", "item": "contenu", "detected_at": "détecté_le"}
    assert table.rows[0].values == {"client": "a", "item": "é", "detected_at": "x"}


def test_utf8_without_bom(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "client;item;detected_at\na;é;x\n".encode()), COLUMNS)
    assert (table.encoding, table.separator) == ("utf-8", ";")
    assert table.rows[0].get("item") == "é"


def test_cp1252_e_acute_comes_from_byte_0xe9(tmp_path: Path) -> None:
    data = b"client;contenu;d\xe9tect\xe9_le\r\nalice;S\xe9rie \xab \xe9t\xe9 \xbb;x\r\n"
    table = read_table(write(tmp_path, data), COLUMNS)
    assert table.encoding == "cp1252"
    assert table.headers["detected_at"] == "détecté_le"
    assert table.rows[0].get("item") == "Série « été »"


def test_bytes_neither_utf8_nor_cp1252_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"neither UTF-8 nor Windows-1252.*0x81"):
        read_table(write(tmp_path, b"client\n\x81\xe9\n"), COLUMNS)


def test_utf16_is_refused_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"UTF-16.*CSV UTF-8"):
        read_table(write(tmp_path, "client\tcontenu\n".encode("utf-16")), COLUMNS)


@pytest.mark.parametrize(
    ("header", "separator"),
    [
        ("client,item,detected_at", ","),
        ("client;item;detected_at", ";"),
        ("client\titem\tdetected_at", "\t"),
        ('"a,b,c";item;detected_at', ";"),  # quoted commas do not count
    ],
)
def test_the_separator_is_sniffed_from_the_header(header: str, separator: str) -> None:
    from collectors.importers.table import _sniff

    assert _sniff(Path("f.csv"), header, 1) == separator


def test_a_separator_tie_asks_for_comma_or_semicolon(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as caught:
        read_table(write(tmp_path, b"client;item,detected_at\n"), COLUMNS)
    assert "1 comma, 1 semicolon" in str(caught.value)
    assert "save the file with , or ; as separator" in str(caught.value)
    assert caught.value.line == 1


def test_excel_sep_line_sets_the_separator_and_keeps_line_numbers(tmp_path: Path) -> None:
    # without the hint the header would be a tie (one "," and one ";")
    data = b"sep=,\nclient,contenu;x,detected_at\na,b,c\n"
    columns = (Column("client", ("client",)), Column("item", ("contenu;x",)), COLUMNS[2])
    table = read_table(write(tmp_path, data), columns)
    assert table.separator == ","
    assert table.rows[0].line == 3
    assert table.rows[0].values == {"client": "a", "item": "b", "detected_at": "c"}


def test_quoted_multiline_field_keeps_later_physical_lines(tmp_path: Path) -> None:
    data = (
        b"client;item;detected_at\r\n"
        b'a;"one; two\nthree\r\nfour";x\r\n'
        b"\r\n"
        b"b;plain;y\r\n"
        b";;\r\n"
        b'c;"say ""hi""";z'
    )
    table = read_table(write(tmp_path, data), COLUMNS)
    assert [r.line for r in table.rows] == [2, 6, 8]
    assert table.rows[0].get("item") == "one; two\nthree\r\nfour"
    assert table.rows[2].get("item") == 'say "hi"'


def test_a_lone_cr_counts_as_a_line_end(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, b"client,item,detected_at\ra,b,c\rd,e,f"), COLUMNS)
    assert [r.line for r in table.rows] == [2, 3]


def test_an_unclosed_quote_is_a_file_error_at_its_line(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as caught:
        read_table(write(tmp_path, b'client,item,detected_at\na,b,c\nd,"e,f\ng,h,i\n'), COLUMNS)
    assert caught.value.line == 3
    assert "badly quoted" in caught.value.reason


def test_extra_values_are_a_row_problem_but_trailing_empty_cells_are_not(tmp_path: Path) -> None:
    data = b"client;item;detected_at\na;b;c;;\nd;e;f;oops\ng;h\n"
    table = read_table(write(tmp_path, data), COLUMNS)
    assert [r.problem for r in table.rows] == [
        "",
        "4 values for 3 columns (an unquoted separator?)",
        "",
    ]
    assert table.rows[2].get("detected_at") == ""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf\r\n  \n", "the file is empty"),
        (b"alice,Set,2026-01-01\n", "no header line (no known column name)"),
        (b"client,item,detected_at,colour\n", "unknown column 'colour'"),
        (b"client,item\n", "missing column detected_at (détecté_le)"),
        (b"client,item,contenu,detected_at\n", "duplicate column 'item' and 'contenu'"),
        (b"client,client,item,detected_at\n", "duplicate column client"),
    ],
)
def test_file_errors_name_the_file_and_the_expected_columns(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = write(tmp_path, data, "notices.csv")
    with pytest.raises(ImportFileError) as caught:
        read_table(path, COLUMNS)
    assert isinstance(caught.value, CollectorError)
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)
    if b"," in data:
        expected = "expected columns: client, item (contenu), detected_at (détecté_le); "
        assert expected + "optional: reference (référence)" in str(caught.value)


def test_a_missing_file_is_an_import_file_error(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="cannot read the file"):
        read_table(tmp_path / "nope.csv", COLUMNS)


def test_headers_are_normalised_but_accents_are_kept(tmp_path: Path) -> None:
    data = " Client ; CONTENU;Détecté_Le \na;b;c\n".encode()
    table = read_table(write(tmp_path, data), COLUMNS)
    assert table.rows[0].values == {"client": "a", "item": "b", "detected_at": "c"}
    # messages name the columns as the file spells them
    assert table.headers == {"client": "Client", "item": "CONTENU", "detected_at": "Détecté_Le"}
    decomposed = "client;contenu;de\u0301tecte\u0301_le\n".encode()  # macOS-style accents
    assert read_table(write(tmp_path, decomposed), COLUMNS).headers["detected_at"]
    with pytest.raises(ImportFileError, match="unknown column 'detecte_le'"):
        read_table(write(tmp_path, b"client;contenu;detecte_le\n"), COLUMNS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-24T14:05:00Z", datetime(2026, 11, 24, 14, 5, tzinfo=UTC)),
        ("2026-11-24T14:05:00+01:00", datetime(2026, 11, 24, 13, 5, tzinfo=UTC)),
        ("2026-11-24T14:05:00-05:30", datetime(2026, 11, 24, 19, 35, tzinfo=UTC)),
        ("2026-11-24t14:05z", datetime(2026, 11, 24, 14, 5, tzinfo=UTC)),
        ("2026-11-24 14:05", datetime(2026, 11, 24, 14, 5, tzinfo=UTC)),
        ("2026-11-24 14:05:33.250", datetime(2026, 11, 24, 14, 5, 33, 250000, tzinfo=UTC)),
        ("2026-11-24", datetime(2026, 11, 24, tzinfo=UTC)),
        ("24/11/2026 14:05", datetime(2026, 11, 24, 14, 5, tzinfo=UTC)),
        ("24/11/2026 14:05:33", datetime(2026, 11, 24, 14, 5, 33, tzinfo=UTC)),
        ("24/11/2026", datetime(2026, 11, 24, tzinfo=UTC)),
        ("24-11-2026", datetime(2026, 11, 24, tzinfo=UTC)),
        (" 3/4/2026 9:05 ", datetime(2026, 4, 3, 9, 5, tzinfo=UTC)),  # day first, always
    ],
)
def test_parse_datetime_accepts_iso_and_french(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("11/24/2026", "'11/24/2026': month 24 does not exist (looks like a US date"),
        ("01/13/2026", "month 13 does not exist (looks like a US date"),
        ("40/13/2026", "month 13 does not exist"),
        ("31/02/2026", "is not a valid date or time"),
        ("2026-13-01", "is not a valid date or time"),
        ("2026-11-24+01:00", "is not a date"),  # an offset needs a time
        ("24/11/26", "is not a date"),
        ("24.11.2026", "is not a date"),
        ("yesterday", "is not a date"),
        ("", "empty"),
        ("0001-01-01T00:00:00+01:00", "out of range"),
    ],
)
def test_parse_datetime_refuses_with_a_message(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_datetime(text)
    assert message in str(caught.value)
    if "US" in message:
        assert "day first" in str(caught.value)


def test_a_value_under_a_nameless_column_is_a_row_problem(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, b"client;;item;detected_at\na;;b;c\nd;zz;e;f\n"), COLUMNS)
    assert [r.problem for r in table.rows] == ["", "a value in column 2, which has no header"]
    assert table.rows[1].values == {"client": "d", "item": "e", "detected_at": "f"}
