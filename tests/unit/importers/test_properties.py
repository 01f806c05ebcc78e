"""Whatever the bytes, an importer answers with records, RowErrors or ImportFileError."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from collectors.importers import (
    ImportFileError,
    parse_datetime,
    parse_gsc,
    parse_leaks,
    parse_notices,
)

PARSERS: list[Callable[[Path], object]] = [parse_notices, parse_leaks, parse_gsc]
HEADERS = [
    "client;contenu;url;détecté_le;notifié_le;canal;motif;retiré_le;référence",
    "client,item,url,found_at,kind,source",
    "Top queries,Clicks,Impressions,CTR,Position",
    "Date\tClics\tImpressions\tCTR\tPosition",
]
# cells made of the characters that matter: separators, quotes, line ends, digits, accents
CELL = st.text(alphabet=st.sampled_from([*',;\t"\r\n 0123456789/:-+%.Téhps', "\u202f"]),
               max_size=20)  # fmt: skip


def run_all(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.csv"
        path.write_bytes(data)
        for parse in PARSERS:
            with contextlib.suppress(ImportFileError):
                parse(path)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_raise_nothing_but_import_file_error(data: bytes) -> None:
    run_all(data)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(HEADERS), st.lists(st.lists(CELL, max_size=10), max_size=6),
       st.sampled_from([",", ";", "\t"]), st.sampled_from(["\n", "\r\n"]),
       st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))  # fmt: skip
def test_random_rows_under_a_real_header_never_raise_row_problems(
    header: str, rows: list[list[str]], sep: str, newline: str, encoding: str
) -> None:
    text = newline.join([header, *(sep.join(cells) for cells in rows)])
    run_all(text.encode(encoding, errors="replace"))


@given(st.text(max_size=40))
def test_parse_datetime_raises_only_value_error(text: str) -> None:
    try:
        result = parse_datetime(text)
    except ValueError:
        return
    assert result.tzinfo is UTC


@given(
    st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2999, 12, 31)),
    st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_iso_with_offset_round_trips_to_utc(moment: datetime, minutes: int) -> None:
    aware = moment.replace(microsecond=0, tzinfo=timezone(timedelta(minutes=minutes)))
    assert parse_datetime(aware.isoformat()) == aware.astimezone(UTC)
    assert parse_datetime(moment.strftime("%d/%m/%Y %H:%M:%S")) == moment.replace(
        microsecond=0, tzinfo=UTC
    )
