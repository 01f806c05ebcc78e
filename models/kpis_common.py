"""Shared plumbing of the KPI modules: input checks, durations, quantiles, JSON numbers.

Every KPI input is a DataFrame produced by SQL in ``data/``; its columns are a contract, so a
missing column fails loudly here instead of surfacing as a NaN in a client report. Timestamps
are naive UTC ``datetime64`` columns (ns or us) with NaT for "unknown" or "not yet".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from models.survival import TOLERANCE

#: The string a median that is not reached becomes in JSON (KPIS.md section 2).
NOT_REACHED = "not_reached"
#: Significant digits kept by ``json_number``: finer than any KPI is meaningful, and stable
#: across platforms (no 0.30000000000000004 in a client report).
JSON_DIGITS = 6

JsonNumber = float | int | str | None


def require_columns(frame: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    """Raise ValueError naming every missing column of the ``name`` input frame."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} frame lacks column(s): {', '.join(missing)}")


def as_timestamp(value: datetime | pd.Timestamp | str) -> pd.Timestamp:
    """``as_of`` as a naive UTC Timestamp (an aware one is converted to UTC, then made naive)."""
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return stamp


def timestamps(frame: pd.DataFrame, column: str) -> pd.Series:
    """A timestamp column as naive datetime64 (accepts ns or us precision, NaT kept)."""
    return pd.to_datetime(frame[column])


def hours(delta: pd.Series) -> npt.NDArray[np.float64]:
    """Timedeltas as float hours, clipped at 0 (an end before its start counts as no delay)."""
    values = delta.dt.total_seconds().to_numpy(dtype=np.float64) / 3600.0
    return np.asarray(np.clip(values, 0.0, None), dtype=np.float64)


def empirical_quantile(values: npt.NDArray[np.float64], q: float) -> float | None:
    """Inverted-CDF quantile (Hyndman and Fan type 1), the Kaplan-Meier convention uncensored.

    The smallest observed value v such that a share >= q of the values are <= v, with the same
    1e-9 tolerance as the survival quantiles; so with no censoring, this equals the
    Kaplan-Meier median. Always an observed value, never an interpolation. None when empty.
    """
    if values.size == 0:
        return None
    ordered = np.sort(values)
    rank = max(1, math.ceil(q * ordered.size - TOLERANCE * ordered.size))
    return float(ordered[min(rank, ordered.size) - 1])


def optional_float(value: float) -> float | None:
    """nan (no data) becomes None; inf ("not reached") and finite values are kept."""
    return None if math.isnan(value) else float(value)


def json_number(value: Any, digits: int = JSON_DIGITS) -> JsonNumber:
    """A KPI value ready for JSON: inf -> "not_reached", None/NaN -> None (null).

    Finite floats are rounded to ``digits`` significant digits; ints (and numpy ints) stay ints;
    bools stay bools. -inf is no KPI value and raises ValueError.
    """
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    number = float(value)
    if math.isnan(number):
        return None
    if number == math.inf:
        return NOT_REACHED
    if number == -math.inf:
        raise ValueError("-inf is not a KPI value")
    if number == 0.0:
        return 0.0
    return round(number, digits - 1 - math.floor(math.log10(abs(number))))


def json_ready(value: Any, digits: int = JSON_DIGITS) -> Any:
    """``json_number`` applied through dicts, lists, tuples (as lists) and dataclass dicts."""
    if isinstance(value, Mapping):
        return {str(k): json_ready(v, digits) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v, digits) for v in value]
    if isinstance(value, str):
        return value
    return json_number(value, digits)
