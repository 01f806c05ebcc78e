"""Reading a spreadsheet export into rows that remember their physical line.

Why the stdlib ``csv`` module and not pandas: every rejected row must be reported with the line
a person sees in their editor, and a quoted value may span several lines (Excel writes Alt+Enter
as a bare newline inside quotes). ``csv.reader.line_num`` counts physical lines consumed, so the
line where each record starts is exact; pandas numbers records, not lines, and its type guessing
("01/02" as a date, "007" as 7) would have to be undone. The files are small (a few thousand
rows), so speed is not a reason to reach for pandas.

What is accepted, and why:

* Encoding: UTF-8 (a BOM is stripped), else Windows-1252, which is what French Excel writes with
  "CSV (séparateur: point-virgule)". UTF-16 ("Texte Unicode") is refused with a hint rather than
  decoded into garbage. ``Table.encoding`` says which was used, so the CLI can show it.
* Separator: ``,``, ``;`` or tab, whichever the header line holds most of outside quotes; a tie
  is refused instead of guessed. Excel's ``sep=;`` first line is honoured.
* Quoting is strict: a stray quote makes the whole file unreadable (``ImportFileError`` with the
  line) because after it no later row can be trusted to be split right.
* Header names are normalised (NFC, BOM, surrounding and repeated spaces, lower case; accents are
  kept) and matched exactly against the accepted English or French names: a near miss is an
  error naming the expected columns, never a silent guess.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from collectors.errors import CollectorError

SEPARATORS = (",", ";", "\t")
_SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_PHYSICAL_LINES = re.compile(r"\r\n|\r|\n")
_SEP_LINE = re.compile(r'^"?sep=(.)"?$', re.IGNORECASE)


class ImportFileError(CollectorError):
    """The file as a whole cannot be imported: unreadable, empty, wrong columns, bad quoting.

    Row problems are not exceptions: they are ``RowError`` values in the batch.
    """

    def __init__(self, path: Path, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}, line {line}" if line is not None else str(path)
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class Column:
    """One expected column: its key in code, the header spellings accepted, whether required."""

    key: str
    names: tuple[str, ...]
    required: bool = True

    def describe(self) -> str:
        """``detected_at (détecté_le)``: the English name and its French spelling if different."""
        others = [n for n in self.names[1:] if n != self.names[0]]
        return f"{self.names[0]} ({' / '.join(others)})" if others else self.names[0]


@dataclass(frozen=True)
class Row:
    """One data record: the physical line where it starts and its values by column key.

    ``problem`` is set when the record itself is malformed (more values than columns).
    """

    line: int
    values: Mapping[str, str]
    problem: str = ""

    def get(self, key: str) -> str:
        """The raw value of ``key``, ``""`` when the column is absent or the cell is short."""
        return self.values.get(key, "")


@dataclass(frozen=True)
class Table:
    """A decoded, split file. ``headers`` maps each column key to its name as found in the file."""

    path: Path
    encoding: str
    separator: str
    headers: Mapping[str, str]
    rows: tuple[Row, ...]


def normalize_header(name: str) -> str:
    """The comparable form of a header cell (accents kept: ``détecté_le`` is not ``detecte_le``)."""
    return " ".join(unicodedata.normalize("NFC", name).replace("\ufeff", "").split()).lower()


def read_table(path: Path, columns: Sequence[Column] | None = None) -> Table:
    """Decode, sniff and split ``path``; with ``columns``, check and map the header onto them.

    Without ``columns`` every header is kept under its normalised name (used for inspection).
    Raises ``ImportFileError`` for anything that concerns the whole file.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    text, encoding = _decode(path, data)
    lines = _PHYSICAL_LINES.split(text)  # the line ends csv counts, not str.splitlines()'s
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise ImportFileError(path, "the file is empty")
    header_index = first
    hinted = _SEP_LINE.match(lines[first].strip())
    if hinted and hinted.group(1) in SEPARATORS:
        header_index = next((i for i in range(first + 1, len(lines)) if lines[i].strip()), -1)
        if header_index < 0:
            raise ImportFileError(path, "no header line after the sep= line")
        separator = hinted.group(1)
    else:
        separator = _sniff(path, lines[first], first + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for record in reader:
            records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError(path, f"badly quoted value ({exc})", line=start) from exc
    body = [(n, r) for n, r in records if n > header_index + 1 and any(v.strip() for v in r)]
    header = next((r for n, r in records if n == header_index + 1), None)
    if header is None:
        raise ImportFileError(path, "no header line", line=header_index + 1)
    keys, headers = _map_header(path, header, header_index + 1, columns)
    rows = tuple(_row(line, record, keys) for line, record in body)
    return Table(path, encoding, separator, headers, rows)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """The text and the encoding name: UTF-8 (BOM stripped) first, then Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(path, "UTF-16 text is not supported: save it as CSV UTF-8")
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            bad = data[exc.start]
            raise ImportFileError(
                path, f"neither UTF-8 nor Windows-1252 text (byte 0x{bad:02X} at {exc.start})"
            ) from exc
    if "\x00" in text:
        raise ImportFileError(path, "contains NUL bytes: not a text export (save it as CSV)")
    return text, encoding


def _sniff(path: Path, header_line: str, line: int) -> str:
    """The separator the header line holds most of outside quotes; a tie is an error."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts.values())
    winners = [s for s, n in counts.items() if n == best]
    if best == 0 or len(winners) > 1:
        found = ", ".join(f"{n} {_SEPARATOR_NAMES[s]}" for s, n in counts.items() if n)
        raise ImportFileError(
            path,
            f"cannot tell the separator from the header line ({found or 'no separator'}): "
            "save the file with , or ; as separator",
            line=line,
        )
    return winners[0]


def _map_header(
    path: Path, header: list[str], line: int, columns: Sequence[Column] | None
) -> tuple[list[str | None], dict[str, str]]:
    """Column key per position (``None`` for a nameless column) and key -> header as written."""
    names = [normalize_header(h) for h in header]
    shown = [" ".join(h.replace("\ufeff", "").split()) for h in header]  # for messages
    if columns is None:
        return [n or None for n in names], {n: n for n in names if n}
    by_name = {n: c.key for c in columns for n in c.names}
    keys: list[str | None] = [by_name.get(n) if n else None for n in names]
    found: dict[str, str] = {}
    duplicates: list[str] = []
    for name, key in zip(shown, keys, strict=True):
        if key is not None:
            if key in found:
                duplicates.append(f"{found[key]!r} and {name!r}" if found[key] != name else name)
            found.setdefault(key, name)
    unknown = [s for s, n, k in zip(shown, names, keys, strict=True) if n and k is None]
    missing = [c.describe() for c in columns if c.required and c.key not in found]
    expected = ", ".join(c.describe() for c in columns if c.required)
    optional = ", ".join(c.describe() for c in columns if not c.required)
    listing = f"expected columns: {expected}" + (f"; optional: {optional}" if optional else "")
    if not found:
        raise ImportFileError(path, f"no header line (no known column name); {listing}", line)
    problems = []
    if duplicates:
        problems.append("duplicate column " + ", ".join(duplicates))
    if unknown:
        problems.append("unknown column " + ", ".join(repr(n) for n in unknown))
    if missing:
        problems.append("missing column " + ", ".join(missing))
    if problems:
        raise ImportFileError(path, "; ".join(problems) + f" ({listing})", line)
    return keys, found


def _row(line: int, record: list[str], keys: list[str | None]) -> Row:
    """Values by key; short records are padded, extra empty cells (trailing ``;``) ignored."""
    values: dict[str, str] = {}
    problems: list[str] = []
    for index, value in enumerate(record):
        key = keys[index] if index < len(keys) else None
        if key is not None:
            values[key] = value
        elif value.strip():
            problems.append(f"a value in column {index + 1}, which has no header")
    if len(record) > len(keys) and problems:
        problems = [f"{len(record)} values for {len(keys)} columns (an unquoted separator?)"]
    return Row(line, values, "; ".join(problems))


_ISO = re.compile(
    # an offset only after a time: 3.11's fromisoformat reads "2026-11-24+01:00" as 01:00
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
    re.IGNORECASE,
)
_FRENCH = re.compile(
    r"(\d{1,2})([/-])(\d{1,2})\2(\d{4})(?:[ T](\d{1,2})[:h](\d{2})(?::(\d{2}))?)?", re.IGNORECASE
)
_FORMATS = "YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM] or DD/MM/YYYY [HH:MM[:SS]]"


def parse_datetime(text: str) -> datetime:
    """A UTC-aware datetime from ISO 8601 or a French day-first date; naive times are UTC.

    Day-first is never second-guessed: ``03/04/2026`` is 3 April, and ``11/24/2026`` is refused
    (month 24) rather than read as a US date. Raises ``ValueError`` with a message for a person.
    """
    value = text.strip()
    if not value:
        raise ValueError("empty")
    try:
        if _ISO.fullmatch(value):
            parsed = datetime.fromisoformat(value.upper())
        elif match := _FRENCH.fullmatch(value):
            day, _, month, year, hour, minute, second = match.groups()
            if int(month) > 12:
                us = " (looks like a US date: dates are read day first)" if int(day) <= 12 else ""
                raise ValueError(f"{value!r}: month {int(month)} does not exist{us}")
            parsed = datetime(
                int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
            )
        else:
            raise ValueError(f"{value!r} is not a date ({_FORMATS})")
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    except OverflowError as exc:
        raise ValueError(f"{value!r} is out of range") from exc
    except ValueError as exc:
        if str(exc).startswith(repr(value)):
            raise
        raise ValueError(f"{value!r} is not a valid date or time ({exc})") from exc
