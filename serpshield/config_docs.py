"""Render docs/configuration.md from the config models, so the reference cannot drift.

Every table, key, type, default, allowed value and description comes from the pydantic models in
`serpshield.config` (field descriptions and their JSON schema); nothing here is written by hand
except the introduction. A test compares the committed file with this output. Regenerate with:

    python -m serpshield.config_docs > docs/configuration.md
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from serpshield.config import SISTRIX_2020, SOURCE_REQUIREMENTS, WorkspaceConfig

REGENERATE = "python -m serpshield.config_docs > docs/configuration.md"

_INTRO = f"""\
<!-- Generated from the settings models in serpshield/config.py: do not edit by hand.
     Regenerate with: {REGENERATE} -->

# Configuration reference

A serpshield **workspace** is a folder holding a `serpshield.toml` file (`serpshield init`
creates one from the commented example `serpshield/templates/serpshield.toml`). This page lists
every setting it accepts, generated from the code that validates it.

- **Unknown keys are errors**, so a typo never silently falls back to a default.
- **Types are strict**: `alert_top_n = "10"` is refused, write `alert_top_n = 10`.
- **Secrets never go in the file.** Keys ending in `_env` hold the NAME of an environment
  variable (`api_key_env = "SERPAPI_API_KEY"`); set the variable itself in your shell or service
  manager. A key such as `api_key`, `token` or `password` is refused, and error messages never
  repeat a value you typed.
- Every problem is reported at once, with its line and key, for example:

  ```text
  serpshield.toml:14: clients.lea-fit.queries[0].device: expected one of 'desktop', 'mobile'
  ```

- Domains are host names such as `example.com` (lowercased; not URLs), and a domain has one
  category per client.
- Table names in angle brackets are yours to choose within the allowed values: `<source>` is
  one of the supported sources and `<client>` is a client slug.
"""

_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}


def render_config_docs() -> str:
    """The Markdown reference of every setting, ending with a newline."""
    parts = [_INTRO]
    for path, kind, model, info in _tables(WorkspaceConfig, ""):
        header = f"[[{path}]]" if kind == "array" else f"[{path}]"
        parts.append(f"\n## `{header}`\n\n{info}\n\n")
        parts.append(_notes(path))
        parts.append(_rows(model))
    return "".join(parts)


def _tables(model: type[BaseModel], prefix: str) -> Iterator[tuple[str, str, type[BaseModel], str]]:
    """(table path, "table" or "array", model, description) for each table, parents first."""
    schema = model.model_json_schema()["properties"]
    for name, field in model.model_fields.items():
        annotation = field.annotation
        origin, args = get_origin(annotation), get_args(annotation)
        path = f"{prefix}.{name}" if prefix else name
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield path, "table", annotation, _describe(field)
            yield from _tables(annotation, path)
        elif origin is dict and _is_model(args[1]):
            keys = _allowed_keys(schema[name])
            placeholder = f"<{name.removesuffix('s')}>"
            info = f"{_describe(field)}\n\n`{placeholder}`: {keys}."
            yield f"{path}.{placeholder}", "table", args[1], info
            yield from _tables(args[1], f"{path}.{placeholder}")
        elif origin is list and _is_model(args[0]):
            info = f"{_describe(field)} Repeat the `[[{path}]]` block once per item."
            yield path, "array", args[0], info
            yield from _tables(args[0], path)


def _rows(model: type[BaseModel]) -> str:
    """The table of the scalar keys (values, arrays of values, tables of values) of a model."""
    schema = model.model_json_schema()["properties"]
    lines = ["| Key | Type | Default | Allowed values | Description |", "|---|---|---|---|---|"]
    for name, field in model.model_fields.items():
        if any(_is_model(t) for t in (field.annotation, *get_args(field.annotation))):
            continue  # a sub-table: documented in its own section
        prop = _non_null(schema[name])
        lines.append(
            f"| `{name}` | {_type(prop)} | {_default(field)} | {_allowed(prop)} | "
            f"{_describe(field)} |"
        )
    return "\n".join(lines) + "\n"


def _notes(path: str) -> str:
    """Reference data that lives next to the models: source requirements, the default curve."""
    if path == "sources.<source>":
        rows = [f"| `{name}` | {', '.join(f'`{k}`' for k in keys)} |" for name, keys in
                SOURCE_REQUIREMENTS.items()]  # fmt: skip
        head = "Each source requires these keys (the other credential keys must stay unset):\n\n"
        return head + "| Source | Requires |\n|---|---|\n" + "\n".join(rows) + "\n\n"
    if path == "ctr":
        curve = ", ".join(f"{p}: {v:g}" for p, v in enumerate(SISTRIX_2020, start=1))
        return f"The `sistrix_2020` curve (percent by position): {curve}.\n\n"
    return ""


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _describe(field: FieldInfo) -> str:
    return (field.description or "").replace("|", "\\|")


def _non_null(prop: dict[str, Any]) -> dict[str, Any]:
    """The non-null branch of an optional value's schema."""
    branches = [b for b in prop.get("anyOf", [prop]) if b.get("type") != "null"]
    return branches[0] if branches else prop


def _type(prop: dict[str, Any]) -> str:
    if prop.get("type") == "array":
        return f"array of {_type(prop.get('items', {}))}s"
    if prop.get("type") == "object":
        return f"table of {_type(prop.get('additionalProperties', {}))}s"
    return _TYPES.get(str(prop.get("type")), "value")


def _allowed(prop: dict[str, Any]) -> str:
    """Allowed values and constraints, from the JSON schema of a key."""
    notes = []
    if "enum" in prop:
        notes.append(", ".join(f"`{_toml(v)}`" for v in prop["enum"]))
    for key, sign in (("minimum", ">="), ("exclusiveMinimum", ">"), ("maximum", "<=")):
        if key in prop:
            notes.append(f"{sign} {prop[key]:g}")
    if prop.get("minLength") == 1:
        notes.append("not empty")
    if "pattern" in prop:
        notes.append(f"matches `{prop['pattern']}`")
    if "minItems" in prop or "maxItems" in prop:
        notes.append(f"{prop.get('minItems', 0)} to {prop.get('maxItems', 'any number of')} items")
    for inner in ("items", "additionalProperties"):
        if isinstance(prop.get(inner), dict) and (sub := _allowed(prop[inner])) != "":
            notes.append(f"each {sub}" if inner == "items" else f"values: {sub}")
    return "; ".join(notes)


def _default(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    value = field.get_default(call_default_factory=True, validated_data={})
    return "not set" if value is None else f"`{_toml(value)}`"


def _toml(value: Any) -> str:
    """A value as it would be written in TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{}" if not value else json.dumps(value)
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def _allowed_keys(prop: dict[str, Any]) -> str:
    """What the key of a table of tables may be: a fixed list or a pattern."""
    names = prop.get("propertyNames", {}).get("enum")
    if names:
        return "one of " + ", ".join(f"`{n}`" for n in names)
    patterns = list(prop.get("patternProperties", {}))
    return f"a name matching `{patterns[0]}`" if patterns else "any name"


if __name__ == "__main__":
    print(render_config_docs(), end="")
