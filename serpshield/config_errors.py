"""Config errors as the user sees them: located issues, with messages that never quote input.

pydantic reports errors by key path, not by line, and its messages quote the offending input. A
user fixing the file needs the line (found by `config_locate.py`), and a secret pasted into the
wrong key must never be echoed to a terminal log: so every message here is written from an error's
type and context, never from its input. `serpshield.config` re-exports ConfigIssue and
ConfigError, and is the module to import from.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from serpshield.config_locate import BARE_KEY, KeyPath, locate_key

ENV_NAMES_ONLY = (
    "secrets are never stored in the config: set api_key_env (or login_env/password_env) "
    "to the NAME of an environment variable"
)
_SECRET_WORDS = {"key", "apikey", "token", "password", "passwd", "pwd", "secret", "credentials"}
_SYNTAX_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
# The patterns of config.py's string fields, beside what a value failing each should look like.
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


def read_config_text(path: Path) -> str:
    """The file as text, or a ConfigError saying plainly why it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            [
                ConfigIssue(
                    path, None, "", "file not found (create a workspace with `serpshield init`)"
                )
            ]
        ) from None
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
            name = part if BARE_KEY.fullmatch(part) else json.dumps(part, ensure_ascii=False)
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
