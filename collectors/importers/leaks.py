"""``serpshield import leaks FILE``: leaked URLs a team already knows, before any notice.

Each row is a leaked URL of a client's item, found at ``found_at``: it becomes a ``LeakRecord``
and a ``detected`` event (source ``import``). The optional ``published_at`` (when the copy went
online, e.g. the forum post's date) is what detection delay is measured from. The optional
``kind`` says what the item is; the optional ``source`` (where the team found the URL: "forum
watch", "client tip") has no column of its own in the lifecycle, so it travels as the
``detected`` event's reference.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from collectors.importers.batch import BatchBuilder, ImportBatch, import_event
from collectors.importers.fields import (
    RowCheck,
    choice,
    parse_client,
    parse_optional_text,
    parse_title,
    parse_url,
)
from collectors.importers.table import Column, parse_datetime, read_table
from collectors.normalize import normalize_url
from data.leak_records import ItemKind, LeakRecord

COLUMNS = (
    Column("client", ("client",)),
    Column("item", ("item", "contenu")),
    Column("url", ("url",)),
    Column("found_at", ("found_at", "trouvé_le")),
    Column("kind", ("kind", "type"), required=False),
    Column("source", ("source",), required=False),
    Column("published_at", ("published_at", "publié_le"), required=False),
)

KINDS: dict[str, ItemKind] = {
    "photo_set": "photo_set", "série_photos": "photo_set",
    "video": "video", "vidéo": "video",
    "document": "document",
    "product_visual": "product_visual", "visuel_produit": "product_visual",
    "other": "other", "autre": "other",
}  # fmt: skip

_parse_kind = choice(KINDS, "kind", default="other")


def _parse_optional_datetime(text: str) -> datetime | None:
    """An empty cell is an unknown publication time; anything else must be a valid time."""
    return parse_datetime(text) if text.strip() else None


def parse_leaks(path: Path) -> ImportBatch:
    """The leaks and ``detected`` events of a leaks file, with rejected rows and duplicates.

    ``ImportFileError`` when the file cannot be read as a leaks table at all.
    """
    table = read_table(path, COLUMNS)
    builder = BatchBuilder(table)
    for row in table.rows:
        check = RowCheck(table, row)
        client = check.take("client", parse_client)
        item = check.take("item", parse_title)
        url = check.take("url", parse_url)
        found = check.take("found_at", parse_datetime)
        kind = check.take("kind", _parse_kind)
        source = check.take("source", parse_optional_text) or ""
        published = check.take("published_at", _parse_optional_datetime)
        if published is not None and found is not None and published > found:
            check.fail(
                f"{check.label('published_at')}: after found_at (a copy is found once online)"
            )
        if (check.problems or client is None or item is None or url is None or found is None
                or kind is None):  # fmt: skip
            builder.reject(row.line, check.problems)
            continue
        key = (client, item, normalize_url(url), found, kind, source, published)
        if builder.is_duplicate(key, row.line):
            continue
        leak = LeakRecord(client, item, url, first_seen_at=found, item_kind=kind,
                          published_at=published)  # fmt: skip
        builder.add(leak, import_event(leak, "detected", found, reference=source))
    return builder.build()
