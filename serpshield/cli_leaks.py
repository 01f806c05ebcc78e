"""Leak commands: ``leaks add``, ``leaks event``, ``leaks list``, ``leaks show``,
``leaks fingerprint``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import click
from rich.table import Table
from rich.text import Text

from data import open_warehouse
from data.leak_records import (
    CHANNELS,
    EVENT_KINDS,
    ITEM_KINDS,
    LEGAL_ROUTES,
    Channel,
    EventKind,
    EventRecord,
    ItemKind,
    LeakRecord,
    LegalRoute,
)
from data.leak_store import LeakWriteReport, write_fingerprints
from serpshield.candidates import accept_candidate, dismiss_candidate, list_candidates
from serpshield.cli_common import EXIT_INVALID, WHEN, as_utc, fail, out, pass_workspace
from serpshield.config import load_config
from serpshield.fingerprint import FingerprintError, fingerprint_file
from serpshield.leaks import list_leaks, record_leaks, records, url_timeline
from serpshield.workspace import Workspace

KIND = click.option(
    "--kind",
    type=click.Choice(ITEM_KINDS),
    default="other",
    show_default=True,
    help="What the item is, when it is created.",
)


def _http_url(url: str) -> str:
    if not url.lower().startswith(("http://", "https://")):
        fail(f"{url!r} is not an absolute http(s) URL", EXIT_INVALID)
    return url


@click.group()
def leaks() -> None:
    """Follow leaked URLs: add them, record notices and removals, list their states."""


@leaks.command("add")
@click.option("--client", "-c", required=True, help="Client slug, as in serpshield.toml.")
@click.option("--item", "-i", required=True, help="Title of the leaked item (created if new).")
@KIND
@click.option(
    "--found-at",
    type=WHEN,
    default=None,
    help="When the URL was found (UTC unless an offset is given). Default: now.",
)
@click.argument("url")
@pass_workspace
def leaks_add(ws: Workspace, client: str, item: str, kind: str, found_at: datetime | None,
              url: str) -> None:  # fmt: skip
    """Record a URL where a client's item leaked (a "detected" event; idempotent)."""
    at = as_utc(found_at)
    record = LeakRecord(client, item, _http_url(url), at, cast(ItemKind, kind))
    event = EventRecord(client, item, url, "detected", at, source="manual")
    report = _record(ws, [record], [event])
    out.print("Already known: no change." if not report.urls else "Leak URL recorded.")


@leaks.command("event")
@click.argument("event", type=click.Choice([e for e in EVENT_KINDS if e != "detected"]))
@click.argument("url")
@click.option("--client", "-c", required=True, help="Client slug.")
@click.option("--item", "-i", required=True, help="Title of the leaked item.")
@click.option(
    "--channel",
    type=click.Choice(CHANNELS[1:]),
    default=None,
    help="Where the notice went / who acted: host, google or bing.",
)
@click.option(
    "--route",
    type=click.Choice(LEGAL_ROUTES[1:]),
    default=None,
    help="Legal route of a notice: copyright, privacy_ncii or other.",
)
@click.option("--reference", default="", help="The notice's or ticket's reference.")
@click.option("--at", "at", type=WHEN, default=None, help="When it happened (UTC). Default: now.")
@pass_workspace
def leaks_event(ws: Workspace, event: str, url: str, client: str, item: str,
                channel: str | None, route: str | None, reference: str,
                at: datetime | None) -> None:  # fmt: skip
    """Record a lifecycle event of a leak URL: notice_sent, acknowledged, removed, delisted,
    reinstated or rejected. An event impossible in the URL's state is refused."""
    if event == "notice_sent" and (channel is None or route is None):
        fail("a notice needs --channel and --route", EXIT_INVALID)
    record = EventRecord(
        client, item, _http_url(url), cast(EventKind, event), as_utc(at),
        cast(Channel, channel or "none"), cast(LegalRoute, route or "none"), "manual", reference,
    )  # fmt: skip
    report = _record(ws, [], [record])
    out.print(f"{event} recorded." if report.events else "Already recorded: no change.")


def _record(
    ws: Workspace, leak_rows: list[LeakRecord], events: list[EventRecord]
) -> LeakWriteReport:
    """Write through the lifecycle check; an impossible transition or unknown client exits 2."""
    try:
        return record_leaks(ws.db, leak_rows, events)
    except ValueError as exc:  # TransitionError and UnknownClientError included
        fail(str(exc), EXIT_INVALID)


@leaks.command("list")
@click.option("--client", "-c", default=None, help="Only this client's URLs.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@pass_workspace
def leaks_list(ws: Workspace, client: str | None, as_json: bool) -> None:
    """Every leak URL with its current state (derived from its events)."""
    rows = list_leaks(ws.db, client)
    if as_json:
        items = [
            {"id": r.leak_url_id, "client": r.client, "item_id": r.item_id, "item": r.item_title,
             "url": r.url, "domain": r.domain, "state": r.state}
            for r in rows
        ]  # fmt: skip
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    table = Table("id", "client", "item (id)", "domain", "state", "last event (UTC)")
    for r in rows:
        when = f"{r.last_event_at:%Y-%m-%d %H:%M}" if r.last_event_at is not None else ""
        item = Text(f"{r.item_title} ({r.item_id})")
        table.add_row(str(r.leak_url_id), Text(r.client), item, Text(r.domain), r.state, when)
    out.print(table)


@leaks.command("show")
@click.argument("leak_url_id", type=int)
@pass_workspace
def leaks_show(ws: Workspace, leak_url_id: int) -> None:
    """The timeline of one leak URL: its events and checks."""
    events, checks = url_timeline(ws.db, leak_url_id)
    if events.empty and checks.empty:
        fail(f"no leak URL with id {leak_url_id}")
    table = Table("at (UTC)", "what", "channel", "route", "detail")
    rows = [(e["occurred_at"], str(e["event"]), str(e["channel"]), str(e["legal_route"]),
             str(e["reference"])) for e in records(events)]  # fmt: skip
    rows += [(c["checked_at"], f"check: {c['state']}", "", "",
              f"{c['http_status'] or ''} {c['reason']}") for c in records(checks)]  # fmt: skip
    for at, what, channel, route, detail in sorted(rows, key=lambda r: str(r[0])):
        table.add_row(f"{at:%Y-%m-%d %H:%M}", what, channel, route, Text(detail))
    out.print(table)


@leaks.command("fingerprint")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--client", "-c", default=None, help="With --item: attach the hashes to it.")
@click.option("--item", "-i", default=None, help="Title of the item the files belong to.")
@pass_workspace
def leaks_fingerprint(ws: Workspace, files: tuple[Path, ...], client: str | None,
                      item: str | None) -> None:  # fmt: skip
    """Hash a client's files locally (SHA-256 and perceptual hash). Only hashes are kept."""
    try:
        prints = [fingerprint_file(p) for p in files]
    except FingerprintError as exc:
        fail(str(exc), EXIT_INVALID)
    for p in prints:
        click.echo(json.dumps({"file": str(p.path), "sha256": p.sha256, "phash": p.phash,
                               "size_bytes": p.size_bytes}))  # fmt: skip
    if client and item:
        with open_warehouse(ws.db) as con:
            try:
                added = write_fingerprints(con, client, item, [(p.sha256, p.phash) for p in prints],
                                           datetime.now(UTC))  # fmt: skip
            except ValueError as exc:
                fail(str(exc), EXIT_INVALID)
        out.print(f"{added} new fingerprint(s) attached to {item!r}.")
    elif client or item:
        fail("give both --client and --item to attach the hashes", EXIT_INVALID)


@leaks.command("candidates")
@click.option("--client", "-c", default=None, help="Only this client's candidates.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@pass_workspace
def leaks_candidates(ws: Workspace, client: str | None, as_json: bool) -> None:
    """Search results that look like leaks (a leak domain, or a harm score over the
    candidate threshold), waiting for `leaks accept` or `leaks dismiss`."""
    threshold = load_config(ws.config_path).thresholds.candidate
    rows = records(list_candidates(ws.db, threshold, client))
    if as_json:
        keys = ("client", "url", "domain", "title", "best_position", "times_seen", "max_harm",
                "domain_category")  # fmt: skip
        click.echo(json.dumps([{k: r[k] for k in keys} for r in rows], ensure_ascii=False,
                              indent=2, default=str))  # fmt: skip
        return
    table = Table("client", "domain", "best pos.", "seen", "why", "title", "url")
    for r in rows:
        why = r["domain_category"] if isinstance(r["domain_category"], str) else "harm score"
        cells = (str(r["client"]), str(r["domain"]), str(r["best_position"]),
                 str(r["times_seen"]), why, str(r["title"]), str(r["url"]))  # fmt: skip
        table.add_row(*(Text(c) for c in cells))
    out.print(table)


@leaks.command("accept")
@click.argument("url")
@click.option("--client", "-c", required=True, help="Client slug.")
@click.option("--item", "-i", required=True, help="Leaked item the URL shows (created if new).")
@KIND
@pass_workspace
def leaks_accept(ws: Workspace, url: str, client: str, item: str, kind: str) -> None:
    """Accept a candidate: it becomes a leak URL, detected when search first showed it."""
    threshold = load_config(ws.config_path).thresholds.candidate
    try:
        accept_candidate(ws.db, threshold, client, url, item, kind)
    except ValueError as exc:
        fail(str(exc), EXIT_INVALID)
    out.print(f"Accepted into {item!r}.")


@leaks.command("dismiss")
@click.argument("url")
@click.option("--client", "-c", required=True, help="Client slug.")
@pass_workspace
def leaks_dismiss(ws: Workspace, url: str, client: str) -> None:
    """Dismiss a candidate: not a leak, and not proposed again for this client."""
    threshold = load_config(ws.config_path).thresholds.candidate
    try:
        dismiss_candidate(ws.db, threshold, client, url)
    except ValueError as exc:
        fail(str(exc), EXIT_INVALID)
    out.print("Dismissed.")
