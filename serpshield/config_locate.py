"""The config line locator: on which line of `serpshield.toml` a key path is defined.

pydantic reports errors by key path, not by line, and a user fixing the file needs the line. The
locator is best-effort by design: it scans lines (no second TOML parser) and never raises, because
it only decorates an error that is already known (see `config_errors.py`).
"""

from __future__ import annotations

import json
import re

KeyPath = tuple[str | int, ...]
BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")  # a TOML bare key; also used to write key paths


def locate_key(text: str, key_path: KeyPath) -> int | None:
    """Best-effort 1-based line of `key_path` in TOML `text`, or None; never raises.

    A key that is absent falls back to its closest present parent (the header of its table), and
    an item of an inline array to the line of the array's key.
    """
    try:
        lines = _index_lines(text)
    except Exception:  # a locator bug must never hide the configuration error it decorates
        return None
    for end in range(len(key_path), 0, -1):
        line = lines.get(tuple(key_path[:end]))
        if line is not None:
            return line
    return None


def _index_lines(text: str) -> dict[KeyPath, int]:
    """First line of every key path that a header or a `key = value` line defines."""
    explicit: dict[KeyPath, int] = {}
    implicit: dict[KeyPath, int] = {}  # parents implied by a header or a dotted key
    counts: dict[KeyPath, int] = {}  # array-of-tables path -> elements seen so far
    table: KeyPath = ()
    open_string: str | None = None
    depth = 0
    for number, raw in enumerate(text.split("\n"), start=1):  # TOML lines, as tomllib counts
        if open_string or depth:  # continuation of a multi-line string or array
            open_string, depth = _scan_value(raw, open_string, depth)
            continue
        line = raw.strip()
        is_header = line.startswith("[")
        is_array = line.startswith("[[")
        parsed = _parse_key(line, 2 if is_array else int(is_header))
        if parsed is None:
            continue
        names, end = parsed
        if is_header:
            table = _resolve(names, counts, is_array)
            path = table
        else:
            value = line[end:].lstrip()
            if not value.startswith("="):
                continue
            path = table + tuple(names)
            open_string, depth = _scan_value(value[1:], None, 0)
        explicit.setdefault(path, number)
        for size in range(1, len(path)):
            implicit.setdefault(path[:size], number)
    return implicit | explicit


def _resolve(names: list[str], counts: dict[KeyPath, int], is_array: bool) -> KeyPath:
    """Header names to a key path with indexes: the latest element of each array of tables."""
    path: KeyPath = ()
    for position, name in enumerate(names):
        path += (name,)
        if is_array and position == len(names) - 1:
            counts[path] = counts.get(path, 0) + 1
            path += (counts[path] - 1,)
        elif path in counts:
            path += (counts[path] - 1,)
    return path


def _parse_key(line: str, pos: int) -> tuple[list[str], int] | None:
    """A dotted key (bare, "basic" or 'literal' parts) starting at `pos`, and where it ends."""
    names: list[str] = []
    while True:
        while pos < len(line) and line[pos] in " \t":
            pos += 1
        if line.startswith('"', pos):
            end = pos + 1
            while end < len(line) and line[end] != '"':
                end += 2 if line[end] == "\\" else 1
            try:
                names.append(json.loads(line[pos : end + 1]))
            except ValueError:
                names.append(line[pos + 1 : end])
            pos = end + 1
        elif line.startswith("'", pos):
            end = line.find("'", pos + 1)
            if end < 0:
                return None
            names.append(line[pos + 1 : end])
            pos = end + 1
        else:
            match = BARE_KEY.match(line, pos)
            if match is None:
                return None
            names.append(match.group())
            pos = match.end()
        while pos < len(line) and line[pos] in " \t":
            pos += 1
        if not line.startswith(".", pos):
            return names, pos
        pos += 1


def _scan_value(text: str, open_string: str | None, depth: int) -> tuple[str | None, int]:
    """Carry multi-line string and bracket state across lines, ignoring strings and comments."""
    pos = 0
    while pos < len(text):
        if open_string:
            end = text.find(open_string, pos)
            if end < 0:
                return open_string, depth
            pos, open_string = end + 3, None
            continue
        char = text[pos]
        if char == "#":
            break
        if text.startswith(('"""', "'''"), pos):
            open_string, pos = text[pos : pos + 3], pos + 3
            continue
        if char in "\"'":
            end = pos + 1
            while end < len(text) and text[end] != char:
                end += 2 if char == '"' and text[end] == "\\" else 1
            pos = end
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(depth - 1, 0)
        pos += 1
    return open_string, depth
