"""Interface labels, one module per page; ``dashboard.i18n`` merges them and looks them up."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.labels.types import Labels


def merge_labels(*tables: Labels) -> dict[str, Mapping[str, str]]:
    """One table from several; ``ValueError`` naming a key that two tables define."""
    merged: dict[str, Mapping[str, str]] = {}
    for table in tables:
        for key, texts in table.items():
            if key in merged:
                raise ValueError(f"label {key!r} is defined twice")
            merged[key] = texts
    return merged
