"""Filters round-trip through the URL's query parameters, and bad values fall back."""

from __future__ import annotations

from datetime import date

from dashboard.filters import DEFAULT_DAYS, Filters, filter_params, parse_filters

TODAY = date(2026, 11, 20)
KNOWN = {"clients": ["lea-fit", "nordlys"], "engines": ["google", "bing"],
         "tags": ["brand", "leak"], "today": TODAY}  # fmt: skip


def test_a_view_reopens_from_its_own_parameters() -> None:
    view = Filters("nordlys", date(2026, 9, 1), date(2026, 10, 31), ("leak", "brand"), "bing")
    assert parse_filters(filter_params(view), **KNOWN) == view


def test_defaults_are_all_clients_over_the_last_days() -> None:
    view = parse_filters({}, **KNOWN)
    assert view.client is None and view.engine is None and view.tags == ()
    assert view.end == TODAY and (view.end - view.start).days == DEFAULT_DAYS - 1


def test_hand_edited_nonsense_falls_back_instead_of_breaking() -> None:
    params = {"client": "<script>", "from": "yesterday", "to": "2026-02-30",
              "tags": "brand,unknown", "engine": "altavista"}  # fmt: skip
    view = parse_filters(params, **KNOWN)
    assert view.client is None and view.engine is None and view.tags == ("brand",)
    assert view.end == TODAY


def test_a_reversed_period_is_put_back_in_order() -> None:
    view = parse_filters({"from": "2026-10-31", "to": "2026-09-01"}, **KNOWN)
    assert (view.start, view.end) == (date(2026, 9, 1), date(2026, 10, 31))
