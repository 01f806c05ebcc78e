"""The three stories, as the warehouse of a 40-day demo tells them.

Every assertion reads what the real pipeline stored: collection runs, results and scores,
leak URLs and their events, URL checks, alerts and assets. Nothing is read from the story's
own data except the URLs and dates it is about.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from serpshield.config import load_config
from serpshield.demo import story_brand, story_fitness, story_public
from serpshield.demo.world import END, at
from serpshield.kpi_jobs import Period, client_kpis
from tests.unit.demo.helpers import rows


def naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


def test_the_demo_ends_on_the_fixed_day_and_collects_every_day(demo_db: Path) -> None:
    days = rows(
        demo_db, "SELECT min(slot_at), max(slot_at), count(DISTINCT slot_at) FROM serp_runs"
    )
    assert days == [(datetime(2026, 10, 12), datetime(2026, 11, 20), 40)]
    assert END.isoformat() == "2026-11-20"
    sources = rows(demo_db, "SELECT DISTINCT source FROM serp_runs ORDER BY 1")
    assert sources == [("searxng",), ("serpapi",)]


def test_failed_and_blocked_fetches_are_stored_as_such_with_no_results(demo_db: Path) -> None:
    statuses = dict(rows(demo_db, "SELECT status, count(*) FROM serp_runs GROUP BY 1"))
    assert statuses["failed"] >= 3 and statuses["blocked"] >= 1 and statuses["ok"] > 600
    without_ok = rows(
        demo_db,
        "SELECT count(*) FROM serp_results s JOIN serp_runs r USING (run_id) "
        "WHERE r.status <> 'ok'",
    )
    assert without_ok == [(0,)]
    reasons = rows(demo_db, "SELECT error FROM serp_runs WHERE status <> 'ok' AND page = 1")
    assert all(reason for (reason,) in reasons)
    assert any("HTTP 503" in r or "invalid JSON" in r for (r,) in reasons)
    assert any("CAPTCHA" in r for (r,) in reasons)


def test_every_result_has_a_harm_score_from_the_current_model(demo_root: Path) -> None:
    db = demo_root / "data" / "serpshield.duckdb"
    version = (demo_root / "artifacts" / "models" / "CURRENT").read_text().strip()
    assert version.removesuffix(".pkl").startswith("harm-")
    scored = rows(
        db,
        "SELECT count(*), count(h.result_id), count(DISTINCT h.model_version) "
        "FROM serp_results s LEFT JOIN harm_scores h USING (result_id)",
    )
    total, with_score, versions = scored[0]
    assert total > 6000 and with_score == total and versions == 1
    harmful = rows(db, "SELECT DISTINCT category FROM harm_scores WHERE score >= 0.5")
    assert {"leak", "defamation"} <= {c for (c,) in harmful}


def test_leaks_come_from_the_candidate_queue_and_other_candidates_are_dismissed(
    demo_db: Path,
) -> None:
    detected = rows(
        demo_db, "SELECT source, count(*) FROM url_events WHERE event = 'detected' GROUP BY 1"
    )
    leak_urls = rows(demo_db, "SELECT count(*) FROM leak_urls")[0][0]
    assert detected == [("serp", leak_urls)] and leak_urls == 9
    decisions = dict(rows(demo_db, "SELECT decision, count(*) FROM candidate_decisions GROUP BY 1"))
    assert decisions["accepted"] == leak_urls
    assert decisions["dismissed"] >= 1  # the defamatory article is not a leak to take down


def url_events(db: Path, url: str) -> list[tuple[str, str, datetime]]:
    return rows(
        db,
        "SELECT e.event, e.channel, e.occurred_at FROM url_events e JOIN leak_urls u "
        "USING (leak_url_id) WHERE u.url = ? ORDER BY e.occurred_at, e.event_id",
        url,
    )


def test_a_copy_removed_then_reinstated_then_removed_again(demo_db: Path) -> None:
    events = [e for e, _, _ in url_events(demo_db, story_fitness.FILE)]
    assert events[0] == "detected"
    tail = events[events.index("removed") :]
    assert tail[:4] == ["removed", "reinstated", "notice_sent", "removed"]
    # a removal is dated at the first of two failing checks
    removed_at = [t for e, _, t in url_events(demo_db, story_fitness.FILE) if e == "removed"]
    for moment in removed_at:
        checks = rows(
            demo_db,
            "SELECT state FROM url_checks c JOIN leak_urls u USING (leak_url_id) "
            "WHERE u.url = ? AND c.checked_at >= ? ORDER BY c.checked_at LIMIT 2",
            story_fitness.FILE,
            moment,
        )
        assert checks == [("removed",), ("removed",)]


def test_notices_go_to_hosts_and_google_and_one_host_ignores_them(demo_db: Path) -> None:
    notices = rows(
        demo_db,
        "SELECT channel, legal_route, count(*) FROM url_events WHERE event = 'notice_sent' "
        "GROUP BY ALL ORDER BY 1",
    )
    assert [(c, r) for c, r, _ in notices] == [("google", "copyright"), ("host", "copyright")]
    archive = [e for e, _, _ in url_events(demo_db, story_fitness.ARCHIVE)]
    assert archive.count("notice_sent") == 3 and "removed" not in archive  # censored
    assert "delisted" in archive
    unknown = rows(
        demo_db,
        "SELECT count(*) FROM url_checks c JOIN leak_urls u USING (leak_url_id) "
        "WHERE u.url = ? AND c.state = 'unknown'",
        story_fitness.ARCHIVE,
    )
    assert unknown == [(1,)], "a passing 503 is unknown, never a removal"


def test_recirculation_within_seven_days_and_a_missed_copy(demo_db: Path) -> None:
    first_removal = rows(
        demo_db,
        "SELECT min(e.occurred_at) FROM url_events e JOIN leak_urls u USING (leak_url_id) "
        "JOIN content_items i USING (item_id) WHERE i.title = ? "
        "AND e.event IN ('removed', 'delisted')",
        story_fitness.SET,
    )[0][0]
    seen = dict(
        rows(demo_db, "SELECT url, first_seen_at FROM leak_urls")  # type: ignore[arg-type]
    )
    for url in (story_fitness.RECIRC_1, story_fitness.RECIRC_2):
        assert first_removal < seen[url] <= first_removal + timedelta(days=7)
    published, first_seen = rows(
        demo_db, "SELECT published_at, first_seen_at FROM leak_urls WHERE url = ?",
        story_fitness.MISSED,
    )[0]  # fmt: skip
    assert published < first_removal < first_seen <= first_removal + timedelta(days=7)
    reinstated = [t for e, _, t in url_events(demo_db, story_fitness.FILE) if e == "reinstated"]
    assert first_removal < reinstated[0] <= first_removal + timedelta(days=7)


def test_the_kpis_tell_the_story(demo_root: Path) -> None:
    cfg = load_config(demo_root / "serpshield.toml")
    db, as_of = demo_root / "data" / "serpshield.duckdb", at(0, 23)
    fitness = client_kpis(cfg, db, story_fitness.SLUG, Period(None, as_of))
    assert fitness["recirculation_d7"] == {
        "rate": 1.0, "items": 1, "missed_copies": 1, "reinstatements": 1
    }  # fmt: skip
    assert fitness["takedown_median_hours"] is not None
    public = client_kpis(cfg, db, story_public.SLUG, Period(None, as_of))
    assert public["reputational_mttr_median_days"] is not None
    assert public["open_incidents"] >= 1  # Bing has not moved yet


def positions(db: Path, url: str, text: str, gl: str) -> dict[datetime, int]:
    found = rows(
        db,
        "SELECT r.slot_at, min(s.position) FROM serp_results s JOIN serp_runs r USING (run_id) "
        "JOIN queries q USING (query_id) WHERE s.url = ? AND q.text = ? AND q.gl = ? "
        "AND r.source = 'searxng' GROUP BY 1",
        url,
        text,
        gl,
    )
    return dict(found)  # type: ignore[arg-type]


def test_the_defamatory_article_enters_the_top_3_then_is_pushed_to_page_2(demo_db: Path) -> None:
    ranks = positions(demo_db, story_public.DEFAMATION, "camille arnaud-ferris", "fr")
    assert min(ranks.values()) <= 3
    last_week = [p for day, p in ranks.items() if day >= naive(at(-6))]
    assert last_week and all(10 < p <= 20 for p in last_week)
    assets = rows(
        demo_db,
        "SELECT count(*) FROM content_assets a JOIN clients c USING (client_id) "
        "WHERE c.slug = ? AND a.status = 'published'",
        story_public.SLUG,
    )
    assert assets == [(len(story_public.ASSETS),)]


def test_the_launch_visuals_leak_ten_days_before_the_launch(demo_db: Path) -> None:
    launch = rows(demo_db, "SELECT launch_on FROM launches WHERE name = 'Atlas bag'")[0][0]
    leaked = rows(
        demo_db,
        "SELECT min(u.published_at) FROM leak_urls u JOIN content_items i USING (item_id) "
        "WHERE i.title = ?",
        story_brand.ATLAS,
    )[0][0]
    assert (launch - leaked.date()).days == 10
    tagged = rows(
        demo_db,
        "SELECT count(*) FROM queries q JOIN clients c USING (client_id) "
        "WHERE c.slug = ? AND list_contains(q.tags, 'launch')",
        story_brand.SLUG,
    )
    assert tagged == [(2,)]
    for url in (story_brand.FORUM, story_brand.PIN):
        assert "removed" in [e for e, _, _ in url_events(demo_db, url)]


def test_alerts_are_raised_on_the_days_their_conditions_arose(demo_db: Path) -> None:
    kinds = dict(rows(demo_db, "SELECT kind, min(raised_at) FROM alerts GROUP BY 1"))
    assert {"harmful_entry", "sla_warning", "recirculation"} <= set(kinds)
    assert all(naive(at(-39)) <= when <= naive(at(1)) for when in kinds.values())
