"""The shape of a label table: key -> language -> text."""

from __future__ import annotations

from collections.abc import Mapping

Labels = Mapping[str, Mapping[str, str]]
