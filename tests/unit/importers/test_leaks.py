"""Leaks files: leaked URLs with a detected event each."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from collectors.importers import DuplicateRow, RowError, parse_leaks
from data.leak_records import EventRecord, LeakRecord

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"


def detected(leak: LeakRecord, reference: str = "") -> EventRecord:
    return EventRecord(leak.client_slug, leak.item_title, leak.url, "detected",
                       leak.first_seen_at, source="import", reference=reference)  # fmt: skip


def test_leaks_fixture() -> None:
    batch = parse_leaks(FIXTURES / "leaks.csv")
    assert (batch.encoding, batch.separator, batch.rows) == ("utf-8", ";", 6)
    forum = LeakRecord("alice-m", "Série plage été 2025", "https://forum.example/t/1234",
                       datetime(2026, 11, 24, 14, 5, tzinfo=UTC), "photo_set")  # fmt: skip
    clip = LeakRecord(
        "alice-m",
        "Clip",
        "https://tube.example/v/abc",
        datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
        "video",
    )  # "Vidéo", +01:00
    sheet = LeakRecord(
        "bruno-k", "Fiche", "https://docs.example/f.pdf", datetime(2026, 12, 1, tzinfo=UTC), "other"
    )  # empty type -> other
    visual = LeakRecord("carla", "Visuel", "https://shop.example/p/1",
                        datetime(2026, 12, 2, tzinfo=UTC), "product_visual")  # fmt: skip
    assert batch.leaks == [forum, clip, sheet, visual]
    assert batch.events == [
        detected(forum, "veille forum"),
        detected(clip),
        detected(sheet, "signalement client"),
        detected(visual),
    ]
    # line 5 is line 4 with a tracking parameter: the same URL once normalised
    assert batch.duplicates == [DuplicateRow(5, 4)]
    assert batch.rejected == [RowError(6, "url: scheme 'ftp' is not http or https")]
    assert batch.clients == {"alice-m", "bruno-k", "carla"}


def test_unknown_kind_lists_the_accepted_spellings(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_text(
        "client,item,url,found_at,kind\na,b,https://x.example/,2026-01-01,serie_photos\n",
        encoding="utf-8",
    )
    (error,) = parse_leaks(path).rejected
    assert error == RowError(
        2,
        "kind: unknown kind 'serie_photos' (accepted: photo_set, série_photos, video, vidéo, "
        "document, product_visual, visuel_produit, other, autre)",
    )


def test_optional_columns_may_be_absent(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_text("client,item,url,found_at\na,b,https://x.example/,2026-01-01\n", "utf-8")
    batch = parse_leaks(path)
    assert [leak.item_kind for leak in batch.leaks] == ["other"]
    assert batch.events[0].reference == ""
