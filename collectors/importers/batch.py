"""What an import hands to the writer: records, rejected rows, duplicates, clients.

Parsing is pure and all-or-nothing is a policy, not a parse result: the batch keeps every valid
record *and* every rejected row, and ``records_to_import`` applies the contract (a file with bad
rows imports nothing unless ``--skip-invalid``; an unknown client is an error unless
``--create-clients``), so the CLI stays thin and the rule is tested once here.

A leaked URL is keyed by (client, item, normalised URL), the key the leak store and lifecycle
replay use. Several rows may name the same URL (a host notice, then a Google one): the batch
emits one ``LeakRecord`` and one ``detected`` event for it, at the earliest time seen, because
the lifecycle refuses a second ``detected``. Other events are emitted once each, in file order.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from collectors.importers.table import ImportFileError, Table
from collectors.normalize import normalize_url
from data.leak_records import Channel, EventKind, EventRecord, LeakRecord, LegalRoute

UrlKey = tuple[str, str, str]  # client slug, item title, normalised URL


@dataclass(frozen=True, order=True)
class RowError:
    """A rejected row: its physical line (header = 1) and every problem found in it."""

    line: int
    reason: str


@dataclass(frozen=True, order=True)
class DuplicateRow:
    """A row identical, after normalisation, to an earlier one; skipped, not an error."""

    line: int
    same_as: int

    @property
    def reason(self) -> str:
        return f"duplicate of line {self.same_as}"


@dataclass
class ImportBatch:
    """The parsed content of one notices or leaks file."""

    path: Path
    leaks: list[LeakRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    rejected: list[RowError] = field(default_factory=list)
    duplicates: list[DuplicateRow] = field(default_factory=list)
    clients: set[str] = field(default_factory=set)
    rows: int = 0
    encoding: str = ""
    separator: str = ""

    @property
    def ok(self) -> bool:
        """No rejected row: the file can be imported as it is."""
        return not self.rejected


class UnknownClientError(ImportFileError):
    """The file names clients the workspace does not know (and creating them was not asked)."""

    def __init__(self, path: Path, clients: Collection[str]) -> None:
        self.clients = sorted(clients)
        super().__init__(
            path,
            f"unknown client{'s' if len(self.clients) > 1 else ''} {', '.join(self.clients)} "
            "(add it to the workspace or pass --create-clients)",
        )


def records_to_import(
    batch: ImportBatch,
    known_clients: Collection[str],
    *,
    skip_invalid: bool = False,
    create_clients: bool = False,
) -> tuple[list[LeakRecord], list[EventRecord], set[str]]:
    """The leaks, events and clients to create that the contract allows to be written.

    ``UnknownClientError`` naming every unknown client unless ``create_clients``, in which case
    they are returned as the clients to create; checked first, so one run reports both kinds of
    problem. Then nothing when rows were rejected and ``skip_invalid`` is false (the caller
    reports ``batch.rejected`` in every case).
    """
    unknown = batch.clients - set(known_clients)
    if unknown and not create_clients:
        raise UnknownClientError(batch.path, unknown)
    if batch.rejected and not skip_invalid:
        return [], [], set()
    return list(batch.leaks), list(batch.events), unknown


class BatchBuilder:
    """Accumulates rows into an ``ImportBatch`` with the merging rules of the module docstring."""

    def __init__(self, table: Table) -> None:
        self._batch = ImportBatch(
            table.path, rows=len(table.rows), encoding=table.encoding, separator=table.separator
        )
        self._seen: dict[Hashable, int] = {}
        self._leaks: dict[UrlKey, LeakRecord] = {}
        self._detected: dict[UrlKey, EventRecord] = {}
        self._events: dict[tuple[UrlKey, str, datetime, str, str], EventRecord] = {}

    def reject(self, line: int, problems: list[str]) -> None:
        self._batch.rejected.append(RowError(line, "; ".join(problems)))

    def is_duplicate(self, key: Hashable, line: int) -> bool:
        """Record ``key`` for ``line``; true (and the duplicate noted) if an earlier row had it."""
        first = self._seen.setdefault(key, line)
        if first != line:
            self._batch.duplicates.append(DuplicateRow(line, first))
            return True
        return False

    def add(self, leak: LeakRecord, detected: EventRecord, *events: EventRecord) -> None:
        """One accepted row: its leak, its ``detected`` event and any later events."""
        key = url_key(leak.client_slug, leak.item_title, leak.url)
        known = self._leaks.get(key)
        if known is None or leak.first_seen_at < known.first_seen_at:
            kept = leak if known is None else replace(known, first_seen_at=leak.first_seen_at)
            self._leaks[key] = kept
        earlier = self._detected.get(key)
        if earlier is None or detected.occurred_at < earlier.occurred_at:
            self._detected[key] = detected
        for event in events:  # the identity the leak store deduplicates on
            identity = (key, event.event, event.occurred_at, event.channel, event.reference)
            self._events.setdefault(identity, event)
        self._batch.clients.add(leak.client_slug)

    def build(self) -> ImportBatch:
        batch = self._batch
        batch.leaks = list(self._leaks.values())
        batch.events = [*self._detected.values(), *self._events.values()]
        batch.rejected.sort()
        return batch


def url_key(client: str, item: str, url: str) -> UrlKey:
    """The identity of a leaked URL, as the leak store and the lifecycle replay see it."""
    return client, item, normalize_url(url)


def import_event(
    leak: LeakRecord,
    event: EventKind,
    at: datetime,
    channel: Channel = "none",
    route: LegalRoute = "none",
    reference: str = "",
) -> EventRecord:
    """An event of ``leak`` with source ``import``."""
    return EventRecord(leak.client_slug, leak.item_title, leak.url, event, at, channel, route,
                       "import", reference)  # fmt: skip
