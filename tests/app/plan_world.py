"""A small workspace for the Defensive plan and Reports tests: a plan, assets, leaks, hostile text.

``serpshield init`` writes the example workspace (clients "lea-fit", in French, and "nordlys",
in English); its "Aurora headphones" launch is moved to 2026-03-16 so that it falls in the
8-week plan that starts on Monday 2026-02-16 (the period ends on ``END``). Nordlys' three
searches are checked every day from 2026-01-05 to 2026-02-10, except "nordlys aurora leak" on
``GAP_DAYS`` (a failed check: a gap, never a clean day). A leak sits at position 2 or 3 of
"nordlys aurora leak" until the FAQ published on 2026-01-20 ranks second from 2026-01-27 (the
leak falls to 6); its title is hostile (a spreadsheet formula wrapping a ``<script>``). A second
asset,
published 2026-02-05 for "nordlys", never ranks and its effect is still pending. Three leaked
URLs got a host notice on 2026-01-07; two were removed on 2026-01-09. Lea-fit has nothing:
every one of her figures is "pas de données".

The world is built once per test process (about two seconds) and copied for each test.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from collectors.normalize import normalize_url
from data import open_warehouse
from data.leak_records import EventRecord, LeakRecord
from data.leak_store import write_leaks
from data.serp_store import SerpResultRecord, SerpRunRecord, write_serp_runs
from serpshield.cli import cli
from serpshield.plan_jobs import publish_asset

START, END = date(2026, 1, 5), date(2026, 2, 11)
GAP_DAYS = (date(2026, 1, 30), date(2026, 1, 31))
FAQ_URL = "https://nordlys.example/aurora/faq"
FAQ_TITLE = "FAQ — Nordlys Aurora leak"
PENDING_TITLE = "Nordlys brand guide"
HOSTILE_TITLE = '=HYPERLINK("http://evil.example","<script>alert(1)</script>")'
LEAK_URLS = tuple(f"https://prelaunch-leaks.example/aurora/{n}" for n in range(3))
SCORES = {
    "prelaunch-leaks.example": (0.95, "leak"),
    "techtalk-forum.example": (0.8, "complaint"),
    "nordlys.example": (0.02, "owned"),
    "gadget-news.example": (0.1, "neutral"),
}
_BUILT: list[Path] = []


def _result(position: int, domain: str, path: str = "x", title: str = "t") -> SerpResultRecord:
    url = FAQ_URL if path == "faq" else f"https://{domain}/{path}"
    return SerpResultRecord(position, url, url, domain, title, "s")


def _snapshots(day: date) -> list[tuple[str, tuple[SerpResultRecord, ...] | None]]:
    ranked = day >= date(2026, 1, 27)
    leak_at = 6 if ranked else 2 + day.day % 2  # 2 or 3: the estimate has some spread
    leak = [_result(1, "nordlys.example"),
            _result(leak_at, "prelaunch-leaks.example", "aurora/0", HOSTILE_TITLE)]  # fmt: skip
    if ranked:
        leak.append(_result(2, "nordlys.example", "faq", FAQ_TITLE))
    return [
        ("nordlys aurora", (_result(1, "nordlys.example"), _result(2, "gadget-news.example"))),
        ("nordlys aurora leak", None if day in GAP_DAYS else tuple(sorted(leak, key=_pos))),
        ("nordlys", (_result(1, "nordlys.example"), _result(4, "techtalk-forum.example"))),
    ]


def _pos(r: SerpResultRecord) -> int:
    return r.position


def _build(root: Path) -> Path:
    env = {"SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": ""}
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(root)], env=env).exit_code == 0
    config = root / "serpshield.toml"
    config.write_text(config.read_text().replace("on = 2027-03-01", "on = 2026-03-16"))
    assert runner.invoke(cli, ["-w", str(root), "config", "sync"], env=env).exit_code == 0
    db = root / "data" / "serpshield.duckdb"
    with open_warehouse(db) as con:
        ids = dict(con.execute(
            "SELECT text, query_id FROM queries JOIN clients USING (client_id) "
            "WHERE slug = 'nordlys'").fetchall())  # fmt: skip
        runs = []
        for n in range((END - START).days):
            day = START + timedelta(days=n)
            slot = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
            for text, results in _snapshots(day):
                status = "failed" if results is None else "ok"
                runs.append(SerpRunRecord(ids[text], "serpapi", 1, slot, slot,
                                          None if results is None else slot, status,
                                          error="timeout" if results is None else None,
                                          payload=b"{}" if results else None,
                                          results=results or ()))  # fmt: skip
        write_serp_runs(con, runs)
        for domain, (score, category) in SCORES.items():
            con.execute(
                "INSERT INTO harm_scores (result_id, model_version, score, category, scored_at) "
                "SELECT result_id, 'v1', ?, ?, ? FROM serp_results WHERE domain = ?",
                [score, category, datetime(2026, 2, 11), domain],
            )
        _leaks(con)
    publish_asset(db, client="nordlys", title=FAQ_TITLE, url=FAQ_URL, on=date(2026, 1, 20),
                  query="nordlys aurora leak", asset_type="faq")  # fmt: skip
    publish_asset(db, client="nordlys", title=PENDING_TITLE, url="https://nordlys.example/guide",
                  on=date(2026, 2, 5), query="nordlys", asset_type="guide")  # fmt: skip
    return root


def _leaks(con: Any) -> None:
    found = datetime(2026, 1, 6, 10, tzinfo=UTC)
    leaks = [LeakRecord("nordlys", "Aurora renders", url, found, "photo_set") for url in LEAK_URLS]
    events = [EventRecord("nordlys", "Aurora renders", url, "notice_sent",
                          datetime(2026, 1, 7, 9, tzinfo=UTC), "host", "copyright")
              for url in LEAK_URLS]  # fmt: skip
    events += [EventRecord("nordlys", "Aurora renders", url, "removed",
                           datetime(2026, 1, 9, 9, tzinfo=UTC), "host", "copyright")
               for url in LEAK_URLS[:2]]  # fmt: skip
    normalize = {url: (normalize_url(url), "prelaunch-leaks.example") for url in LEAK_URLS}
    write_leaks(con, leaks, events, normalize=normalize, now=datetime(2026, 1, 10, tzinfo=UTC))


def world_template() -> Path:
    """The built world (once per process); copy it before writing to it."""
    if not _BUILT:
        _BUILT.append(_build(Path(tempfile.mkdtemp(prefix="plan-world-")) / "ws"))
    return _BUILT[0]


def make_world(tmp_path: Path) -> Path:
    """A fresh copy of the world in ``tmp_path``; returns the workspace folder."""
    return Path(shutil.copytree(world_template(), tmp_path / "ws"))


def use_world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the world, named by the environment as ``serpshield dashboard`` does."""
    ws = make_world(tmp_path)
    monkeypatch.setenv("SERPSHIELD_WORKSPACE", str(ws))
    monkeypatch.setenv("SERPSHIELD_DB", str(ws / "data" / "serpshield.duckdb"))
    monkeypatch.delenv("SERPSHIELD_LANG", raising=False)
    return ws


#: The URL of the tests' view: the whole simulated period.
PERIOD = {"from": START.isoformat(), "to": END.isoformat()}
