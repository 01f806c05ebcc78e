"""``serpshield import notices FILE``: the takedown notices a team already sent, as events.

Teams arrive with a spreadsheet of the notices they sent by hand, often from French Excel. Each
row is one notice about one leaked URL and becomes, in lifecycle terms:

* a ``LeakRecord`` (first seen at ``detected_at``) and a ``detected`` event;
* a ``notice_sent`` event on the row's channel and legal route, with the optional reference;
* when ``removed_at`` is filled, ``removed`` for a host (the host took the page down) or
  ``delisted`` for Google or Bing (a search engine drops a result; the page may still exist).

Times are UTC unless written with an offset. Rows are checked on their own (absolute http(s)
URL, dates that parse, detected <= notice <= removal, a client slug, an item title); a row
identical to an earlier one after normalisation is a duplicate, reported but not an error.
"""

from __future__ import annotations

from pathlib import Path

from collectors.importers.batch import BatchBuilder, ImportBatch, import_event
from collectors.importers.fields import (
    RowCheck,
    choice,
    parse_client,
    parse_optional_datetime,
    parse_optional_text,
    parse_title,
    parse_url,
)
from collectors.importers.table import Column, parse_datetime, read_table
from collectors.normalize import normalize_url
from data.leak_records import Channel, EventKind, LeakRecord, LegalRoute

COLUMNS = (
    Column("client", ("client",)),
    Column("item", ("item", "contenu")),
    Column("url", ("url",)),
    Column("detected_at", ("detected_at", "détecté_le")),
    Column("notice_sent_at", ("notice_sent_at", "notifié_le")),
    Column("channel", ("channel", "canal")),
    Column("route", ("route", "motif")),
    Column("removed_at", ("removed_at", "retiré_le")),
    Column("reference", ("reference", "référence"), required=False),
)

CHANNELS: dict[str, Channel] = {"host": "host", "hébergeur": "host", "google": "google",
                                "bing": "bing"}  # fmt: skip
ROUTES: dict[str, LegalRoute] = {
    "copyright": "copyright", "droit_auteur": "copyright",
    "privacy_ncii": "privacy_ncii", "vie_privée": "privacy_ncii",
    "other": "other", "autre": "other",
}  # fmt: skip
# A host takes the page down; a search engine only drops it from its results.
REMOVAL_EVENT: dict[Channel, EventKind] = {
    "host": "removed", "google": "delisted", "bing": "delisted", "none": "removed"
}  # fmt: skip

_parse_channel = choice(CHANNELS, "channel")
_parse_route = choice(ROUTES, "route")


def parse_notices(path: Path) -> ImportBatch:
    """The leaks and events of a notices file, with every rejected row and duplicate.

    ``ImportFileError`` when the file cannot be read as a notices table at all.
    """
    table = read_table(path, COLUMNS)
    builder = BatchBuilder(table)
    for row in table.rows:
        check = RowCheck(table, row)
        client = check.take("client", parse_client)
        item = check.take("item", parse_title)
        url = check.take("url", parse_url)
        detected = check.take("detected_at", parse_datetime)
        sent = check.take("notice_sent_at", parse_datetime)
        channel = check.take("channel", _parse_channel)
        route = check.take("route", _parse_route)
        removed = check.take("removed_at", parse_optional_datetime)
        reference = check.take("reference", parse_optional_text) or ""
        if detected and sent and sent < detected:
            check.fail(
                f"{check.label('notice_sent_at')}: earlier than {check.label('detected_at')}"
            )
        if sent and removed and removed < sent:
            check.fail(f"{check.label('removed_at')}: earlier than {check.label('notice_sent_at')}")
        if (check.problems or client is None or item is None or url is None or detected is None
                or sent is None or channel is None or route is None):  # fmt: skip
            builder.reject(row.line, check.problems)
            continue
        key = (client, item, normalize_url(url), detected, sent, channel, route, removed,
               reference)  # fmt: skip
        if builder.is_duplicate(key, row.line):
            continue
        leak = LeakRecord(client, item, url, first_seen_at=detected)
        events = [import_event(leak, "notice_sent", sent, channel, route, reference)]
        if removed is not None:
            # no reference: two notices answered by one removal are one removal
            events.append(import_event(leak, REMOVAL_EVENT[channel], removed, channel, route))
        builder.add(leak, import_event(leak, "detected", detected), *events)
    return builder.build()
