"""Config diagnostics: what is wrong in `serpshield.toml`, and on which line.

pydantic reports errors by key path, not by line, and its messages quote the offending input. A
user fixing the file needs the line, and a secret pasted into the wrong key must never be echoed
to a terminal log: so every message here is written from an error's type and context, never from
its input, and the value checks raise errors whose text is ours. The line locator is best-effort
by design: it scans lines (no second TOML parser) and never raises, because it only decorates an
error that is already known. `serpshield.config` re-exports ConfigIssue and ConfigError.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

KeyPath = tuple[str | int, ...]
_T = TypeVar("_T")

ENV_NAMES_ONLY = (
    "secrets are never stored in the config: set api_key_env (or login_env/password_env) "
    "to the NAME of an environment variable"
)
_SECRET_WORDS = {"key", "apikey", "token", "password", "passwd", "pwd", "secret", "credentials"}
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_HOST = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")
_SYNTAX_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
ENV_PATTERN = r"^[A-Z][A-Z0-9_]*$"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
GL_PATTERN = r"^([a-z]{2})?$"
HL_PATTERN = r"^([a-z]{2,3}(-[a-z]{2,4})?)?$"
_PATTERN_MESSAGES = {  # what a value failing each pattern should have looked like
    ENV_PATTERN: "expected the NAME of an environment variable such as SERPAPI_API_KEY",
    SLUG_PATTERN: "expected a slug: a-z, 0-9 and '-', at most 63, not starting with '-'",
    GL_PATTERN: "expected a 2-letter lowercase country code such as fr",
    HL_PATTERN: "expected a lowercase language code such as fr or pt-br",
}
_BOUNDS = {"greater_than": (">", "gt"), "greater_than_equal": (">=", "ge")}
_BOUNDS |= {"less_than": ("<", "lt"), "less_than_equal": ("<=", "le")}
_PLAIN = {
    "missing": "required key is missing",
    "int_type": "expected an integer",
    "float_type": "expected a number",
    "bool_type": "expected true or false",
    "string_type": "expected a string",
    "list_type": "expected an array",
    "dict_type": "expected a table",
    "model_type": "expected a table",
    "model_attributes_type": "expected a table",
    "finite_number": "expected a finite number",
}


@dataclass(frozen=True)
class ConfigIssue:
    """One problem in a config file, located as precisely as we can (file, line, key)."""

    file: Path
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = str(self.file) if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class ConfigError(Exception):
    """The config cannot be used; carries every issue found so they can all be fixed in one go."""

    def __init__(self, issues: list[ConfigIssue]) -> None:
        super().__init__("\n".join(str(issue) for issue in issues))
        self.issues = issues


def fail(message: str) -> PydanticCustomError:
    """A validation error whose text is ours, so it cannot contain the input."""
    return PydanticCustomError("serpshield", message)


def raise_all(errors: list[tuple[KeyPath, str]]) -> None:
    """Raise several errors from one validator at once, each at its key (relative to the field)."""
    if errors:
        details = [InitErrorDetails(type=fail(m), loc=loc, input=None) for loc, m in errors]
        raise ValidationError.from_exception_data("serpshield", details)


def check_domain(value: str) -> str:
    """Lowercased host name. A URL is refused, not guessed at: which part would be meant?"""
    domain = value.lower().removesuffix(".")
    if any(c in domain for c in ":/?#@") or any(c.isspace() for c in domain):
        raise fail("expected a domain such as example.com, not a URL")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise fail("expected a domain such as example.com") from None
    if not _HOST.match(domain):
        raise fail("expected a domain such as example.com")
    return domain


def check_timezone(value: str) -> str:
    """An IANA zone name that this machine knows (days in reports are cut in it)."""
    if value == "UTC":  # the default must work even where no tz database is installed
        return value
    try:
        ZoneInfo(value)
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        raise fail("unknown time zone: expected an IANA name such as Europe/Paris") from None
    return value


def check_http_url(value: str) -> str:
    """An http(s) URL without user info: a password inside a URL is still a secret in the file."""
    try:
        parts = urlsplit(value)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        valid = False
    if not valid:
        raise fail("expected an http(s) URL such as http://127.0.0.1:8888")
    if parts.username or parts.password:
        raise fail(ENV_NAMES_ONLY)
    return value


def domain_conflicts(client: Mapping[str, Any]) -> list[tuple[KeyPath, str]]:
    """Domains of a raw client table listed under two categories (owned_domains, leak_domains,
    the domains table): one domain must mean one thing, or owned share and harm disagree."""
    places: list[tuple[KeyPath, Any, Any]] = []
    for field, category in (("owned_domains", "owned"), ("leak_domains", "leak_forum")):
        items = client.get(field)
        places += [((field, i), d, category) for i, d in enumerate(_list(items))]
    places += [(("domains", d), d, c) for d, c in _dict(client.get("domains")).items()]
    seen: dict[str, tuple[KeyPath, Any]] = {}
    errors: list[tuple[KeyPath, str]] = []
    for loc, domain, category in places:
        try:
            first = seen.setdefault(check_domain(domain), (loc, category))
        except (PydanticCustomError, AttributeError):
            continue  # not a domain: reported by the main validation
        if first[1] != category:
            where = f"{first[1]!r} in {format_key(first[0])} and {category!r} in {format_key(loc)}"
            errors.append((loc, f"domain listed with two categories: {where}"))
    return errors


def source_key_errors(
    sources: Any, requirements: Mapping[str, tuple[str, ...]], specific: tuple[str, ...]
) -> list[tuple[KeyPath, str]]:
    """Source-specific keys missing from, or useless in, the raw `[sources.*]` tables (read raw
    so that a mistake elsewhere in the table does not hide them)."""
    errors: list[tuple[KeyPath, str]] = []
    for name, table in _dict(sources).items():
        if name not in requirements or not isinstance(table, dict):
            continue  # an unknown source or a non-table is reported by the main validation
        for key in specific:
            needed = key in requirements[name]
            if needed != (key in table):
                verb = "required for" if needed else "not used by"
                errors.append((("sources", name, key), f"{verb} the {name} source"))
    return errors


def duplicate_queries(client: Mapping[str, Any], model: type[Any]) -> list[tuple[KeyPath, str]]:
    """Queries of a raw client table tracked twice (same text in any case, engine, gl, hl and
    device), which would count twice. Invalid queries are skipped: reported on their own."""
    seen: dict[tuple[Any, ...], int] = {}
    errors: list[tuple[KeyPath, str]] = []
    for j, item in enumerate(_list(client.get("queries"))):
        try:
            q = model.model_validate(item)
        except ValidationError:
            continue
        i = seen.setdefault((q.text.casefold(), q.engine, q.gl, q.hl, q.device), j)
        if i != j:
            message = f"duplicate of queries[{i}] (same text, engine, gl, hl and device)"
            errors.append((("queries", j), message))
    return errors


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def merge_errors(value: Any, handler: Callable[[Any], _T], extra: list[tuple[KeyPath, str]]) -> _T:
    """Validate with `handler` and raise its errors and `extra` (found on the raw input) at once:
    a cross-key problem must not hide behind a type error elsewhere in the same table."""
    try:
        result = handler(value)
    except ValidationError as exc:
        details = [_reraisable(error) for error in exc.errors()]
        details += [InitErrorDetails(type=fail(m), loc=loc, input=None) for loc, m in extra]
        raise ValidationError.from_exception_data(exc.title, details) from None
    raise_all(extra)
    return result


def _reraisable(error: ErrorDetails) -> InitErrorDetails:
    kind = fail(error["msg"]) if error["type"] == "serpshield" else error["type"]
    details = InitErrorDetails(type=kind, loc=error["loc"], input=error["input"])
    if "ctx" in error and error["type"] != "serpshield":
        details["ctx"] = error["ctx"]
    return details


def read_config_text(path: Path) -> str:
    """The file as text, or a ConfigError saying plainly why it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError([ConfigIssue(path, None, "", "file not found")]) from None
    except IsADirectoryError:
        raise ConfigError([ConfigIssue(path, None, "", "is a directory, not a file")]) from None
    except OSError as exc:
        message = f"cannot read the file ({exc.strerror or type(exc).__name__})"
        raise ConfigError([ConfigIssue(path, None, "", message)]) from None
    try:
        return data.decode("utf-8-sig")  # tolerate the BOM some Windows editors add
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError([ConfigIssue(path, line, "", "not valid UTF-8 text")]) from None


def parse_toml(path: Path, text: str) -> dict[str, Any]:
    """Parse TOML; tomllib (3.11) gives the position only as "(at line X, column Y)" text."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
    found = _SYNTAX_AT.search(message)
    reason = _SYNTAX_AT.sub("", message).replace(" (at end of document)", "")
    reason = reason[:1].lower() + reason[1:]
    if found is None:
        where, line = "at the end of the file", max(text.count("\n"), 1)
    else:
        where, line = f"at column {found.group(2)}", int(found.group(1))
    raise ConfigError([ConfigIssue(path, line, "", f"TOML syntax error {where}: {reason}")])


def validation_issues(
    path: Path,
    text: str,
    error: ValidationError,
    root: type[BaseModel],
) -> list[ConfigIssue]:
    """Every validation error as a located issue, sorted by line (unknown lines last)."""
    issues = []
    for details in error.errors(include_url=False, include_input=False):
        loc, message = describe_error(details, root)
        issues.append(ConfigIssue(path, locate_key(text, loc), format_key(loc), message))
    return sorted(issues, key=lambda issue: (issue.line is None, issue.line or 0))


def format_key(path: KeyPath) -> str:
    """Dotted key path as TOML writes it: `clients.x.domains."a.example"`, indexes in brackets."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = part if _BARE_KEY.fullmatch(part) else json.dumps(part, ensure_ascii=False)
            out += f".{name}" if out else name
    return out


def looks_secret(name: str) -> bool:
    """A key name that suggests a credential (api_key, apiKey, token, ...), not a variable name."""
    words = name.lower().replace("-", "_").split("_")
    return words[-1] != "env" and not _SECRET_WORDS.isdisjoint(words)


def describe_error(error: ErrorDetails, root: type[BaseModel]) -> tuple[KeyPath, str]:
    """Key path and message for one pydantic error, written without ever quoting its input.

    `root` is the top-level model, walked to list the allowed keys of the table at fault.
    """
    loc: KeyPath = tuple(error["loc"])
    is_key = bool(loc) and loc[-1] == "[key]"  # the key of a table, not a value, was wrong
    loc = loc[:-1] if is_key else loc
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "serpshield":  # raised by our own validators: the message is ours
        return loc, error["msg"]
    if kind == "extra_forbidden":
        if looks_secret(str(loc[-1])):
            return loc, ENV_NAMES_ONLY
        model = _model_at(root, loc[:-1])
        allowed = ", ".join(model.model_fields) if model else "see docs/configuration.md"
        return loc, f"unknown key (allowed: {allowed})"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("' or '", "', '")
        if is_key:
            return loc, f"unknown key (allowed: {expected.replace(chr(39), '')})"
        return loc, f"expected one of {expected}"
    if kind == "string_pattern_mismatch":
        return loc, _PATTERN_MESSAGES.get(str(ctx.get("pattern")), "not in the expected format")
    if kind in _BOUNDS:
        sign, name = _BOUNDS[kind]
        return loc, f"expected a number {sign} {_number(ctx.get(name))}"
    if kind in ("string_too_short", "too_short"):
        low = ctx.get("min_length", 1)
        unit = "character" if kind == "string_too_short" else "item"
        return loc, "must not be empty" if low == 1 else f"expected at least {low} {unit}s"
    if kind in ("string_too_long", "too_long"):
        unit = "characters" if kind == "string_too_long" else "items"
        return loc, f"expected at most {ctx.get('max_length')} {unit}"
    return loc, _PLAIN.get(kind, f"invalid value ({kind})")


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _model_at(root: type[BaseModel], path: KeyPath) -> type[BaseModel] | None:
    """The model validating the table at `path`, skipping dict keys and list indexes."""
    model, rest = root, list(path)
    while rest:
        field = model.model_fields.get(str(rest.pop(0)))
        if field is None:
            return None
        annotation: Any = field.annotation
        while get_origin(annotation) in (dict, list, Union, UnionType):
            if get_origin(annotation) in (Union, UnionType):
                annotation = next(a for a in get_args(annotation) if a is not type(None))
                continue
            if not rest:
                return None
            rest.pop(0)
            annotation = get_args(annotation)[-1]
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return None
        model = annotation
    return model


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
            match = _BARE_KEY.match(line, pos)
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
