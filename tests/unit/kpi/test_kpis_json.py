"""The JSON rules of `serpshield kpi --json`: not reached is "not_reached", no data is null."""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pytest

from models.kpis import NOT_REACHED, TakedownDelay, json_number, json_ready


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (math.inf, "not_reached"),
        (None, None),
        (math.nan, None),
        (np.float64("nan"), None),
        (3, 3),
        (np.int64(7), 7),
        (0.0, 0.0),
        (1 / 3, 0.333333),
        (662.4000000000001, 662.4),
        (0.000123456789, 0.000123457),
        (1234567.89, 1234570.0),
        (-0.5, -0.5),
        (True, True),
    ],
)
def test_json_number(value: object, expected: object) -> None:
    result = json_number(value)
    assert result == expected
    assert type(result) is type(expected)


def test_minus_infinity_is_no_kpi() -> None:
    with pytest.raises(ValueError):
        json_number(-math.inf)


def test_json_ready_walks_nested_results() -> None:
    delay = TakedownDelay(
        median_hours=math.inf,
        median_ci_hours=(12.345678912, math.inf),
        p90_hours=math.inf,
        rmst30_hours=200.0000000001,
        n=3,
        removed=1,
        censored=2,
    )
    ready = json_ready({"takedown": dataclasses.asdict(delay), "sla": {"other": {"rate": None}}})
    assert ready == {
        "takedown": {
            "median_hours": NOT_REACHED,
            "median_ci_hours": [12.3457, NOT_REACHED],
            "p90_hours": NOT_REACHED,
            "rmst30_hours": 200.0,
            "n": 3,
            "removed": 1,
            "censored": 2,
        },
        "sla": {"other": {"rate": None}},
    }
    assert json.loads(json.dumps(ready)) == ready
