"""The import policy: bad rows block unless skipped, unknown clients block unless created."""

from __future__ import annotations

from pathlib import Path

import pytest

from collectors.importers import UnknownClientError, parse_notices
from collectors.importers.batch import records_to_import
from collectors.importers.fields import SLUG_PATTERN, parse_client
from serpshield import config_errors

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"


def test_a_file_with_bad_rows_imports_nothing_unless_skip_invalid() -> None:
    batch = parse_notices(FIXTURES / "notices_bad_rows.csv")
    assert records_to_import(batch, {"alice-m"}) == ([], [], set())
    leaks, events, new = records_to_import(batch, {"alice-m"}, skip_invalid=True)
    assert (len(leaks), len(events), new) == (2, 5, set())


def test_unknown_clients_are_named_unless_created() -> None:
    batch = parse_notices(FIXTURES / "notices_fr_excel.csv")
    with pytest.raises(UnknownClientError) as caught:
        records_to_import(batch, {"carla"})
    assert caught.value.clients == ["alice-m", "bruno-k"]
    assert "unknown clients alice-m, bruno-k" in str(caught.value)
    assert "--create-clients" in str(caught.value)
    assert str(caught.value).startswith(str(FIXTURES / "notices_fr_excel.csv"))
    leaks, _, new = records_to_import(batch, {"alice-m"}, create_clients=True)
    assert new == {"bruno-k"} and len(leaks) == 3


def test_unknown_clients_are_reported_even_when_rows_are_bad() -> None:
    batch = parse_notices(FIXTURES / "notices_bad_rows.csv")
    with pytest.raises(UnknownClientError):
        records_to_import(batch, set())


def test_the_slug_rule_is_the_workspace_one() -> None:
    assert SLUG_PATTERN == config_errors.SLUG_PATTERN


@pytest.mark.parametrize("bad", ["-alice", "alice_m", "alice m", "a" * 64, "élise"])
def test_non_slugs_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="not a client slug"):
        parse_client(bad)
