"""Leak reads (data.kpi_leaks, data.kpi_funnel): notices, recirculation, detection, funnel."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from data.kpi_funnel import load_funnel, load_funnel_exclusions
from data.kpi_leaks import load_detection_times, load_item_recirculation, load_notice_outcomes
from tests.unit.kpi.warehouse import DAY, T0, Warehouse, open_test_warehouse

AS_OF = T0 + 60 * DAY
HOUR = timedelta(hours=1)


@pytest.fixture
def wh(tmp_path: Path) -> Iterator[Warehouse]:
    with open_test_warehouse(tmp_path) as warehouse:
        yield warehouse


def _ts(value: Any) -> datetime | None:
    return None if pd.isna(value) else pd.Timestamp(value).to_pydatetime()


def test_a_notice_is_closed_by_a_removal_through_its_own_channel(wh: Warehouse) -> None:
    acme = wh.client()
    item = wh.item(acme)
    urls = [wh.leak(item, f"https://leaks.example/{n}", T0) for n in range(6)]
    t1, t2, t3 = T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY
    host = wh.event(urls[0], "notice_sent", t1, "host", "copyright")
    wh.event(urls[0], "delisted", t2, "google")  # a delisting does not answer the host
    wh.event(urls[0], "removed", t3)
    google = wh.event(urls[1], "notice_sent", t1, "google", "privacy_ncii")
    wh.event(urls[1], "delisted", t2, "bing")  # another engine: no
    wh.event(urls[1], "delisted", t3, "google")
    bing = wh.event(urls[2], "notice_sent", t1, "bing")
    wh.event(urls[2], "removed", t2)  # gone from the host: gone from search too
    late = wh.event(urls[3], "notice_sent", t2, "host")
    wh.event(urls[3], "removed", t1)  # already gone before the notice: does not close it
    pending = wh.event(urls[4], "notice_sent", t1, "host")
    wh.event(urls[4], "removed", AS_OF + HOUR)  # after as_of: not yet
    wh.event(urls[5], "notice_sent", AS_OF + HOUR, "host")  # not sent yet at as_of
    frame = load_notice_outcomes(wh.con, client_id=acme, as_of=AS_OF)
    assert list(frame.columns) == [
        "client_id", "notice_id", "leak_url_id", "item_id", "domain", "channel", "legal_route",
        "notice_at", "removed_at",
    ]  # fmt: skip
    outcome = {int(n): _ts(r) for n, r in zip(frame["notice_id"], frame["removed_at"], strict=True)}
    assert outcome == {host: t3, google: t3, bing: t2, late: None, pending: None}
    row = frame[frame["notice_id"] == google].iloc[0]
    assert (row["channel"], row["legal_route"], row["domain"]) == (
        "google", "privacy_ncii", "leaks.example",
    )  # fmt: skip
    assert row["item_id"] == item


def test_escalated_notices_each_get_their_removal(wh: Warehouse) -> None:
    acme, other = wh.client("acme"), wh.client("other")
    url = wh.leak(wh.item(acme), "https://leaks.example/a", T0)
    first = wh.event(url, "notice_sent", T0 + DAY, "host")
    second = wh.event(url, "notice_sent", T0 + 4 * DAY, "google")
    wh.event(url, "removed", T0 + 5 * DAY)
    theirs = wh.event(wh.leak(wh.item(other), "https://leaks.example/b", T0), "notice_sent",
                      T0 + DAY, "host")  # fmt: skip
    frame = load_notice_outcomes(wh.con, client_id=None, as_of=AS_OF)
    assert frame["notice_id"].tolist() == [first, second, theirs]
    assert frame["client_id"].tolist() == [acme, acme, other]
    assert [_ts(v) for v in frame["removed_at"]] == [T0 + 5 * DAY, T0 + 5 * DAY, None]


def test_recirculation_windows(wh: Warehouse) -> None:
    acme = wh.client()
    old, recent, quiet = wh.item(acme, "old"), wh.item(acme, "recent"), wh.item(acme, "quiet")
    removal = T0 + 10 * DAY
    first = wh.leak(old, "https://a.example/1", T0)
    other = wh.leak(old, "https://a.example/2", T0)
    wh.event(other, "removed", removal + DAY)  # a later removal: r_c is the first one
    wh.event(first, "delisted", removal, "google")
    wh.leak(old, "https://b.example/new", removal + 2 * DAY)  # new copy
    wh.leak(old, "https://b.example/edge", removal + 7 * DAY)  # last instant of the window
    wh.leak(old, "https://b.example/same-time", removal)  # not after r_c
    wh.leak(old, "https://c.example/missed", removal + 3 * DAY, published_at=removal - 5 * DAY)
    wh.leak(old, "https://c.example/republished", removal + 3 * DAY, published_at=removal + DAY)
    wh.leak(old, "https://d.example/too-late", removal + 8 * DAY)
    wh.event(first, "reinstated", removal + 4 * DAY)
    wh.event(first, "reinstated", removal + 9 * DAY)  # outside the window
    recent_at = AS_OF - 3 * DAY
    url = wh.leak(recent, "https://e.example/1", T0)
    wh.event(url, "removed", recent_at)
    wh.leak(recent, "https://e.example/2", AS_OF - DAY)
    wh.leak(recent, "https://e.example/3", AS_OF + HOUR)  # not known yet at as_of
    wh.leak(quiet, "https://f.example/1", T0)
    frame = load_item_recirculation(wh.con, client_id=acme, as_of=AS_OF)
    assert list(frame.columns) == [
        "client_id", "item_id", "first_removed_at", "new_copies", "missed_copies",
        "reinstatements",
    ]  # fmt: skip
    assert frame["item_id"].tolist() == [old, recent, quiet]
    assert [_ts(v) for v in frame["first_removed_at"]] == [removal, recent_at, None]
    assert frame["new_copies"].tolist() == [3, 1, 0]
    assert frame["missed_copies"].tolist() == [1, 0, 0]
    assert frame["reinstatements"].tolist() == [1, 0, 0]


def test_detection_times(wh: Warehouse) -> None:
    acme, other = wh.client("acme"), wh.client("other")
    item = wh.item(acme)
    a = wh.leak(item, "https://a.example/1", T0, published_at=T0 - DAY)
    wh.event(a, "detected", T0 + 2 * HOUR)
    wh.event(a, "detected", T0 + HOUR)  # the first detection counts
    b = wh.leak(item, "https://a.example/2", T0 + DAY)  # no event: first seen
    c = wh.leak(item, "https://a.example/3", T0 + DAY)
    wh.event(c, "detected", AS_OF + DAY)  # after as_of: falls back to first seen
    wh.leak(item, "https://a.example/4", AS_OF + DAY)  # not seen yet at as_of
    wh.leak(wh.item(other), "https://a.example/5", T0)
    frame = load_detection_times(wh.con, client_id=acme, as_of=AS_OF)
    assert list(frame.columns) == ["client_id", "leak_url_id", "detected_at", "published_at"]
    assert frame["leak_url_id"].tolist() == [a, b, c]
    assert [_ts(v) for v in frame["detected_at"]] == [T0 + HOUR, T0 + DAY, T0 + DAY]
    assert [_ts(v) for v in frame["published_at"]] == [T0 - DAY, None, None]
    assert len(load_detection_times(wh.con, client_id=None, as_of=AS_OF)) == 4


def test_funnel_counts_with_exclusions(wh: Warehouse) -> None:
    acme, idle = wh.client("acme"), wh.client("idle")
    one, two = wh.item(acme, "one"), wh.item(acme, "two")
    start = T0 + DAY

    def url(item: int, name: str, seen: datetime = T0 + 2 * DAY) -> int:
        leak = wh.leak(item, f"https://leaks.example/{name}", seen)
        wh.event(leak, "detected", seen)
        return leak

    removed = url(one, "removed")
    wh.event(removed, "notice_sent", T0 + 3 * DAY, "host")
    wh.event(removed, "removed", T0 + 4 * DAY)
    delisted = url(one, "delisted")
    wh.event(delisted, "notice_sent", T0 + 3 * DAY, "google")
    wh.event(delisted, "delisted", T0 + 4 * DAY, "google")
    wh.event(delisted, "reinstated", T0 + 6 * DAY)  # back after its removal: recirculated
    url(one, "not-noticed")
    late = url(one, "noticed-after-as-of")
    wh.event(late, "notice_sent", AS_OF + HOUR, "host")
    unindexed = url(one, "unindexed")
    wh.event(unindexed, "notice_sent", T0 + 3 * DAY, "google")
    wh.event(unindexed, "rejected", T0 + 4 * DAY, "google", reference="not_in_index")
    url(one, "copy-after-removal", T0 + 9 * DAY)  # item one recirculates
    duplicate = url(two, "removed")  # tracked for item one first
    wh.event(duplicate, "notice_sent", T0 + 3 * DAY, "host")
    noticed = url(two, "noticed")
    wh.event(noticed, "notice_sent", T0 + 3 * DAY, "host")
    url(two, "before-start", T0)  # detected before the period: not in the cohort

    funnel = load_funnel(wh.con, client_id=None, start=start, as_of=AS_OF)
    assert list(funnel.columns) == ["client_id", "stage", "urls", "items"]
    mine = funnel[funnel["client_id"] == acme]
    assert mine["stage"].tolist() == ["detected", "noticed", "removed", "delisted", "recirculated"]
    assert mine["urls"].tolist() == [6, 3, 1, 1, 1]
    assert mine["items"].tolist() == [2, 2, 1, 1, 1]
    assert funnel[funnel["client_id"] == idle]["urls"].tolist() == [0, 0, 0, 0, 0]
    excluded = load_funnel_exclusions(wh.con, client_id=acme, start=start, as_of=AS_OF)
    assert list(excluded.columns) == ["client_id", "not_in_index", "duplicates"]
    assert excluded[["not_in_index", "duplicates"]].values.tolist() == [[1, 1]]
    everything = load_funnel(wh.con, client_id=acme, start=None, as_of=AS_OF)
    assert everything["urls"].tolist()[0] == 7  # the URL detected before start is back
