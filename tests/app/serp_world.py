"""A small warehouse telling one SERP story, for the Portfolio and SERP health page tests.

Client "nova" (Nova Ferris) tracks three searches: "nova ferris" on Google (tag brand) and on
Bing (tags brand, bing), and "nova ferris avis" on Google (tag reviews). Over the six days
before today (06:00 UTC each day), a defamatory article ``DEFAMATION_URL`` slides down the
Google results for "nova ferris": positions 2, 3, 5, 8, then a failed fetch (no observation:
a gap), then 12 (off the first page). On Bing it stays 2nd. On the last day ``NEW_URL`` enters
the Google top 10 at position 4 (it was not there the day before). One result has a hostile
title, so tests can check that warehouse text never reaches Markdown.

Beside the results: an FAQ asset published 3 days ago, a launch 2 days ago, two leak URLs (one
removed after its notice, one still open), two unacknowledged alerts and an acknowledged one
for nova, and one workspace-wide alert. Client "quiet" has one clean search and nothing else.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from collectors.normalize import normalize_url, registrable_domain
from data.harm_store import write_harm_scores
from data.leak_records import EventRecord, LeakRecord
from data.serp_store import SerpResultRecord, SerpRunRecord, write_serp_runs
from data.store import Connection, connect
from data.writes import ClientRecord, DomainRecord, QueryRecord, write_workspace_sync
from serpshield.leaks import record_leaks

NOW = datetime.now(UTC)
#: Today in the workspace's time zone, as the dashboard's "today" (``PageContext.today``).
TODAY = NOW.astimezone(ZoneInfo("Europe/Paris")).date()
DAYS = 6
CONFIG = '[workspace]\nname = "Test agency"\ntimezone = "Europe/Paris"\n'
OWNED_URL = "https://novaferris.example/"
DEFAMATION_URL = "https://tabloid.example/nova-ferris-scandal"
NEW_URL = "https://newcomer.example/nova-ferris-profile"
HOSTILE_TITLE = "<img src=x onerror=alert(1)> **Scandale** :red[x]"
DEFAMATION_TITLE = "Scandale : Nova Ferris accusée"
#: Position of the defamatory article on Google per day (oldest first; None = failed fetch).
SLIDE = (2, 3, 5, 8, None, 12)

CLIENTS = (
    ClientRecord("nova", "Nova Ferris", "fr", 2),
    ClientRecord("quiet", "Quiet Co", "en", 1),
)
QUERIES = (
    QueryRecord("nova", "nova ferris", "google", "fr", "fr", None, "desktop", 900, ("brand",)),
    QueryRecord("nova", "nova ferris", "bing", "fr", "fr", None, "desktop", 90,
                ("brand", "bing")),
    QueryRecord("nova", "nova ferris avis", "google", "fr", "fr", None, "desktop", 40,
                ("reviews",)),
    QueryRecord("quiet", "quiet co", "google", "us", "en", None, "desktop", 10, ()),
)  # fmt: skip
DOMAINS = (
    DomainRecord("nova", "novaferris.example", "owned"),
    DomainRecord("nova", "tabloid.example", "news"),
)


def day_at(days_ago: int, hour: int = 6) -> datetime:
    """``hour`` UTC on the day ``days_ago`` days before today."""
    moment = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time(), tzinfo=UTC)
    return moment + timedelta(hours=hour)


def first_day() -> date:
    """The first day with results."""
    return TODAY - timedelta(days=DAYS)


def build_world(workspace: Path, db: Path) -> None:
    """Write the config and the warehouse (see the module doc)."""
    (workspace / "serpshield.toml").write_text(CONFIG, encoding="utf-8")
    con = connect(db)
    try:
        write_workspace_sync(con, CLIENTS, QUERIES, DOMAINS, synced_at=day_at(30), actor="tests")
        _write_results(con)
        _write_plan_and_alerts(con)
    finally:
        con.close()
    _write_leaks(db)


def _result(position: int, url: str, title: str) -> SerpResultRecord:
    normalized = normalize_url(url)
    return SerpResultRecord(position, url, normalized, registrable_domain(normalized), title,
                            f"snippet {position}")  # fmt: skip


def _page(defamation_at: int | None, *, new_entry: bool) -> tuple[SerpResultRecord, ...]:
    """Ten results: the owned site first, the article at ``defamation_at`` (None = off the
    page), the newcomer at 4 when ``new_entry``, filler elsewhere."""
    fixed = {1: (OWNED_URL, "Nova Ferris – site officiel")}
    if defamation_at is not None and defamation_at <= 10:
        fixed[defamation_at] = (DEFAMATION_URL, DEFAMATION_TITLE)
    if new_entry:
        fixed[4] = (NEW_URL, "Nova Ferris profile")
    fixed.setdefault(9, ("https://odd.example/page", HOSTILE_TITLE))
    return tuple(
        _result(p, *fixed.get(p, (f"https://filler{p}.example/nova", f"Filler {p}")))
        for p in range(1, 11)
    )


def _run(query_id: int, at: datetime, results: tuple[SerpResultRecord, ...]) -> SerpRunRecord:
    status = "ok" if results else "failed"
    return SerpRunRecord(query_id, "serpapi", 1, at, at, at if results else None, status,
                         payload=b"{}" if results else None,
                         content_type="application/json" if results else None,
                         results=results)  # fmt: skip


def _write_results(con: Connection) -> None:
    ids = {(text, engine): int(query_id) for query_id, text, engine in con.execute(
        "SELECT query_id, text, engine FROM queries").fetchall()}  # fmt: skip
    runs = []
    for n, position in enumerate(SLIDE):
        at = day_at(DAYS - n)
        last = n == len(SLIDE) - 1
        google = () if position is None else _page(position, new_entry=last)
        runs.append(_run(ids[("nova ferris", "google")], at, google))
        runs.append(_run(ids[("nova ferris", "bing")], at, _page(2, new_entry=False)))
        runs.append(_run(ids[("nova ferris avis", "google")], at, _page(None, new_entry=False)))
        runs.append(_run(ids[("quiet co", "google")], at, _page(None, new_entry=False)))
    write_serp_runs(con, runs)
    rows = con.execute("SELECT result_id, url FROM serp_results ORDER BY result_id").fetchall()
    harmful = {DEFAMATION_URL}
    write_harm_scores(
        con,
        [int(r) for r, _ in rows],
        [0.96 if url in harmful else 0.02 for _, url in rows],
        ["defamation" if url in harmful else "neutral" for _, url in rows],
        [[{"key": "title_mentions", "params": {"text": "scandale"}, "weight": 1.5}]
         if url in harmful else [{"key": "no_strong_signal", "params": {}, "weight": 0.0}]
         for _, url in rows],
        version="test-v1",
        at=NOW,
    )  # fmt: skip


def _write_plan_and_alerts(con: Connection) -> None:
    nova = con.execute("SELECT client_id FROM clients WHERE slug = 'nova'").fetchall()[0][0]
    at = day_at(10)
    con.execute(
        "INSERT INTO content_assets (client_id, title, asset_type, status, url, published_on, "
        "created_at, updated_at) VALUES (?, 'FAQ <b>Nova</b>', 'faq', 'published', ?, ?, ?, ?)",
        [nova, OWNED_URL + "faq", TODAY - timedelta(days=3), at, at],
    )
    con.execute(
        "INSERT INTO launches (client_id, name, launch_on, updated_at) VALUES (?, ?, ?, ?)",
        [nova, "Spring book", TODAY - timedelta(days=2), at],
    )
    alerts = [
        (nova, "harmful_entry", "a", None),
        (nova, "sla_warning", "b", None),
        (nova, "harmful_entry", "c", at),
        (None, "source_failing", "d", None),
    ]
    for client_id, kind, key, acknowledged in alerts:
        con.execute(
            "INSERT INTO alerts (client_id, kind, subject_key, severity, message, raised_at, "
            "acknowledged_at) VALUES (?, ?, ?, 'warning', 'm', ?, ?)",
            [client_id, kind, key, at, acknowledged],
        )


def _write_leaks(db: Path) -> None:
    removed, still_open = "https://leaks.example/nova/1", "https://mirror.example/nova/1"
    seen = day_at(8)
    leaks = [LeakRecord("nova", "Set", url, seen, "photo_set") for url in (removed, still_open)]
    events = [EventRecord("nova", "Set", r.url, "detected", seen) for r in leaks]
    events += [
        EventRecord("nova", "Set", removed, "notice_sent", day_at(5), "host", "copyright"),
        EventRecord("nova", "Set", still_open, "notice_sent", day_at(5), "host", "copyright"),
        EventRecord("nova", "Set", removed, "removed", day_at(4), "host", source="monitor"),
    ]
    record_leaks(db, leaks, events, now=NOW)
