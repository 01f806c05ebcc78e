"""Notices files: each fixture gives exactly these records, rejected rows and duplicates."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from collectors.importers import DuplicateRow, ImportFileError, RowError, parse_notices
from collectors.normalize import normalize_url
from data.leak_records import Channel, EventKind, EventRecord, LeakRecord, LegalRoute
from models.lifecycle import Event, replay

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"


def at(day: int, month: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=UTC)


def ev(leak: LeakRecord, event: EventKind, when: datetime, channel: Channel = "none",
       route: LegalRoute = "none", reference: str = "") -> EventRecord:  # fmt: skip
    return EventRecord(leak.client_slug, leak.item_title, leak.url, event, when, channel, route,
                       "import", reference)  # fmt: skip


def test_french_excel_export() -> None:
    batch = parse_notices(FIXTURES / "notices_fr_excel.csv")
    assert (batch.encoding, batch.separator, batch.rows) == ("cp1252", ";", 5)
    forum = LeakRecord(
        "alice-m", "Série plage été 2025", "https://forum.example/t/1234", at(24, 11, 14, 5)
    )
    # the quoted item held a ";" and a line break; spaces and the break collapse to one space
    video = LeakRecord("alice-m", "Vidéo « vacances »; montage version longue",
                       "https://tube.example/v/abc", at(25, 11))  # fmt: skip
    shop = LeakRecord("bruno-k", "Visuel produit", "https://shop.example/p?id=42&utm_source=x",
                      at(1, 12, 8))  # fmt: skip
    assert batch.leaks == [forum, video, shop]
    assert batch.events == [
        ev(forum, "detected", at(24, 11, 14, 5)),
        ev(video, "detected", at(25, 11)),
        ev(shop, "detected", at(1, 12, 8)),
        ev(forum, "notice_sent", at(24, 11, 16, 30), "host", "copyright", "DMCA-001"),
        ev(forum, "removed", at(26, 11, 9), "host", "copyright"),
        ev(video, "notice_sent", at(25, 11, 10), "google", "privacy_ncii", "G-12345"),
        ev(forum, "notice_sent", at(27, 11, 8, 15), "google", "copyright", "G-77"),
        ev(forum, "delisted", at(28, 11, 17, 45, 30), "google", "copyright"),
        ev(shop, "notice_sent", at(2, 12, 9, 30), "bing", "other"),
        ev(shop, "delisted", at(3, 12), "bing", "other"),
    ]
    assert batch.rejected == []
    # line 8 repeats line 2 with another URL spelling, "HÉBERGEUR" and "Droit_Auteur"
    assert batch.duplicates == [DuplicateRow(8, 2)]
    assert batch.duplicates[0].reason == "duplicate of line 2"
    assert batch.clients == {"alice-m", "bruno-k"}  # "Bruno-K" folded to its slug


def test_utf8_bom_english_export_respects_offsets() -> None:
    batch = parse_notices(FIXTURES / "notices_en_bom.csv")
    assert (batch.encoding, batch.separator, batch.rows) == ("utf-8-sig", ",", 3)
    beach = LeakRecord("alice-m", "Beach set", "https://forum.example/t/1", at(24, 11, 13, 5))
    clip = LeakRecord("alice-m", "Clip, part 2", "https://tube.example/v/9", at(24, 11))
    shots = LeakRecord("carla", "Product shots", "https://img.example/a.jpg", at(20, 11, 15))
    assert batch.leaks == [beach, clip, shots]
    assert batch.events == [
        ev(beach, "detected", at(24, 11, 13, 5)),  # 14:05+01:00
        ev(clip, "detected", at(24, 11)),
        ev(shots, "detected", at(20, 11, 15)),  # 10:00-05:00
        ev(beach, "notice_sent", at(24, 11, 15), "host", "copyright", "DMCA-9"),
        ev(beach, "removed", at(25, 11, 8), "host", "copyright"),
        ev(clip, "notice_sent", at(24, 11, 18), "bing", "privacy_ncii"),
        ev(shots, "notice_sent", at(21, 11, 9), "google", "other", 'REF "42"'),
        ev(shots, "delisted", at(23, 11, 11), "google", "other"),  # 12:00+01:00
    ]
    assert batch.rejected == [] and batch.duplicates == []


def test_tab_separated_with_french_values_and_any_column_order() -> None:
    batch = parse_notices(FIXTURES / "notices_tab.tsv")
    assert (batch.encoding, batch.separator, batch.rows) == ("utf-8", "\t", 2)
    a = LeakRecord("alice-m", "Set, part 1; extra", "https://a.example/x", at(24, 11, 14, 5))
    b = LeakRecord("alice-m", "Set, part 1; extra", "https://b.example/y", at(24, 11))
    assert batch.leaks == [a, b]
    assert batch.events == [
        ev(a, "detected", at(24, 11, 14, 5)),
        ev(b, "detected", at(24, 11)),
        ev(a, "notice_sent", at(24, 11, 14, 5), "host", "privacy_ncii"),  # same minute is fine
        ev(b, "notice_sent", at(25, 11, 8), "bing", "other"),
        ev(b, "delisted", at(26, 11, 8), "bing", "other"),
    ]


def test_bad_rows_are_reported_with_their_physical_line() -> None:
    batch = parse_notices(FIXTURES / "notices_bad_rows.csv")
    assert batch.rows == 10
    assert not batch.ok
    # line 3-4 is one row whose item spans two lines: later line numbers are not shifted
    assert [leak.url for leak in batch.leaks] == ["https://a.example/1", "https://a.example/2"]
    assert batch.leaks[1].item_title == "Set B second line"
    assert batch.rejected == [
        RowError(5, "detected_at: '2026-13-01' is not a valid date or time "
                    "(month must be in 1..12)"),
        RowError(6, "detected_at: '11/24/2026': month 24 does not exist "
                    "(looks like a US date: dates are read day first)"),
        RowError(7, "channel: unknown channel 'fax' (accepted: host, hébergeur, google, bing)"),
        RowError(8, "url: not an absolute URL: a full http:// or https:// address is expected"),
        RowError(9, "removed_at: earlier than notice_sent_at"),
        RowError(10, "client: empty"),
        RowError(11, "channel: unknown channel 'hebergeur' (accepted: host, hébergeur, google, "
                     "bing); notice_sent_at: earlier than detected_at"),
        RowError(12, "detected_at: '31/02/2026' is not a valid date or time "
                     "(day is out of range for month)"),
    ]  # fmt: skip


def test_messages_use_the_column_names_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "fr.csv"
    path.write_text(
        "client;contenu;url;détecté_le;notifié_le;canal;motif;retiré_le\n"
        "a;b;https://x.example/;02/01/2026;01/01/2026;bing;privacy;\n",
        encoding="utf-8",
    )
    assert parse_notices(path).rejected == [
        RowError(2, "motif: unknown route 'privacy' (accepted: copyright, droit_auteur, "
                    "privacy_ncii, vie_privée, other, autre); notifié_le: earlier than détecté_le"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://x.example/a", "url: scheme 'ftp' is not http or https"),
        ("www.x.example/a", "url: not an absolute URL"),
        ("https:///a", "url: no host name"),
        ("http://[::1", "url: not a valid URL"),
        ("javascript:alert(1)", "url: scheme 'javascript' is not http or https"),
    ],
)
def test_urls_must_be_absolute_http(tmp_path: Path, url: str, reason: str) -> None:
    path = tmp_path / "n.csv"
    path.write_text(
        "client,item,url,detected_at,notice_sent_at,channel,route,removed_at\n"
        f"a,b,{url},2026-01-01,2026-01-02,host,other,\n",
        encoding="utf-8",
    )
    (error,) = parse_notices(path).rejected
    assert error.line == 2 and error.reason.startswith(reason)
    assert "x.example" not in error.reason  # a leak URL is never echoed


def test_rows_of_one_url_give_one_leak_and_one_detected_event_at_the_earliest(
    tmp_path: Path,
) -> None:
    path = tmp_path / "n.csv"
    path.write_text(
        "client,item,url,detected_at,notice_sent_at,channel,route,removed_at\n"
        "a,b,https://x.example/p,2026-01-05,2026-01-06,host,other,2026-01-07\n"
        "a,b,https://X.example/p?utm_source=t,2026-01-03,2026-01-08,google,other,2026-01-09\n",
        encoding="utf-8",
    )
    batch = parse_notices(path)
    assert [(x.url, x.first_seen_at) for x in batch.leaks] == [("https://x.example/p", at(3, 1))]
    assert [(e.event, e.occurred_at) for e in batch.events] == [
        ("detected", at(3, 1)), ("notice_sent", at(6, 1)), ("removed", at(7, 1)),
        ("notice_sent", at(8, 1)), ("delisted", at(9, 1)),
    ]  # fmt: skip


def test_reimporting_the_same_file_gives_the_same_batch() -> None:
    for name in ("notices_fr_excel.csv", "notices_en_bom.csv", "notices_tab.tsv"):
        assert parse_notices(FIXTURES / name) == parse_notices(FIXTURES / name)


@pytest.mark.parametrize(
    "name",
    ["notices_fr_excel.csv", "notices_en_bom.csv", "notices_tab.tsv", "notices_bad_rows.csv"],
)
def test_fixture_events_follow_the_lifecycle(name: str) -> None:
    """What the importer produces is accepted by the lifecycle replay the writer runs."""
    batch = parse_notices(FIXTURES / name)
    by_url: dict[tuple[str, str, str], list[Event]] = {}
    for e in batch.events:
        by_url.setdefault((e.client_slug, e.item_title, normalize_url(e.url)), []).append(
            Event(e.event, e.occurred_at)
        )
    for key, events in by_url.items():
        assert replay(events, str(key)) in {"noticed", "removed", "delisted"}


def test_a_leaks_file_is_not_a_notices_file() -> None:
    with pytest.raises(ImportFileError) as caught:
        parse_notices(FIXTURES / "leaks.csv")
    message = str(caught.value)
    assert "unknown column 'trouvé_le', 'type', 'source'" in message
    assert "missing column detected_at (détecté_le), notice_sent_at (notifié_le)" in message
    assert "optional: reference (référence)" in message
