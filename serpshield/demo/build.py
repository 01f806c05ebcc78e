"""Build a demo workspace by running the real pipeline, day by day, on a simulated clock.

Nothing here writes to the warehouse by itself: every step is a job a person or a cron entry
would run, called with the simulated moment. The agency's day: at 06:15 every collection
(``collect_serps_job`` through the simulated engine), then harm scoring of the new results
(``score_results``) and the alerts (``run_alerts``); at 07:30 the review of the candidate queue
(``accept_candidate`` for the copies the story knows are leaks, ``dismiss_candidate`` for
anything else), on the days new URLs were collected (on other days the queue is empty: every
URL stored before was already decided); at 08:00 the monitor (``monitor_urls`` against the
simulated hosts), daily while a copy is online, weekly once all are down; then the notices,
acknowledgements and delistings people record (``record_leaks``) at their times. The model is
trained once, first: it learns from the shipped examples, not from the demo. The plan, the
defensive assets and the KPIs come last (``pipeline``).
"""

from __future__ import annotations

import time as timer
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from collectors.normalize import normalize_url
from data import connect
from data.leak_records import EventRecord, LeakRecord
from serpshield.candidates import accept_candidate, dismiss_candidate, list_candidates
from serpshield.config import DEFAULT_DB, WorkspaceConfig, load_config
from serpshield.demo import folder
from serpshield.demo.engine import SearchEngine
from serpshield.demo.hosts import HostFarm
from serpshield.demo.pipeline import PipelineSteps, post_pipeline_steps, raise_alerts
from serpshield.demo.scenario import DEFAULT_DAYS, DEMO_ENV, Story, config_text, make_story
from serpshield.demo.world import END, Action, ClientStory, Copy, at, day_index
from serpshield.harm_jobs import score_results, train_model
from serpshield.leaks import record_leaks
from serpshield.monitor import monitor_urls
from serpshield.serp_jobs import collect_serps_job
from serpshield.workspace import sync_workspace

DEFAULT_SEED = 7
COLLECT_AT = (6, 15)  # each collection a few minutes after the previous one
ALERTS_AT = (6, 45)
REVIEW_AT = (7, 30)
MONITOR_AT = (8, 0)
MONITOR_WEEKLY_DAYS = 7
_GITIGNORE = "# The warehouse of a demo workspace: rebuilt by `serpshield demo --force`.\ndata/\n"

Progress = Callable[[str], None]


class DemoStoryError(Exception):
    """The story asks for something the pipeline refused (a bug in the story's data)."""


@dataclass
class DemoReport:
    """What a build did, for the command's summary and for tests."""

    root: Path
    db: Path
    seed: int
    days: int
    seconds: float = 0.0
    accepted: dict[str, int] = field(default_factory=dict)
    dismissed: int = 0
    recorded_events: int = 0
    checks: int = 0
    alerts: int = 0
    steps: PipelineSteps | None = None


@dataclass
class _Routine:
    """What the agency remembers from one day to the next: whether to monitor tomorrow."""

    monitor_daily: bool = False
    last_monitor_day: int | None = None


@dataclass(frozen=True)
class _World:
    """The build's fixed context: config, paths, and the simulated web."""

    root: Path
    db: Path
    cfg: WorkspaceConfig
    story: Story
    engine: SearchEngine
    farm: HostFarm
    copies: dict[str, tuple[ClientStory, Copy]]  # normalized URL -> its client and copy
    routine: _Routine


def build_demo(
    root: Path,
    *,
    seed: int = DEFAULT_SEED,
    days: int = DEFAULT_DAYS,
    force: bool = False,
    progress: Progress | None = None,
) -> DemoReport:
    """Build the demo workspace in ``root`` (see the module docstring); returns a report.

    ``folder.DemoFolderError`` when ``root`` holds anything but a demo (or a demo and not
    ``force``); ``DemoStoryError`` when the story contradicts what the pipeline recorded.
    """
    say = progress or (lambda message: None)
    started = timer.perf_counter()
    story = make_story(days)
    folder.prepare_folder(root, force=force)
    root.mkdir(parents=True, exist_ok=True)
    (root / folder.BUILDING).write_text("a demo build started here\n", encoding="utf-8")
    db = root / DEFAULT_DB
    db.parent.mkdir(exist_ok=True)
    (root / "serpshield.toml").write_text(config_text(story), encoding="utf-8")
    (root / ".gitignore").write_text(_GITIGNORE, encoding="utf-8")
    sync_workspace(root / "serpshield.toml", db)
    say("training the harm model")
    train_model(root, db)
    cfg = load_config(root / "serpshield.toml")
    engine, farm = SearchEngine(story, seed), HostFarm(story)
    world = _World(root, db, cfg, story, engine, farm, _copies(story), _Routine())
    report = DemoReport(root, db, seed, days)
    for day in story.days:
        if day % 10 == 0 or day == story.start:
            say(f"simulating {at(day):%Y-%m-%d} ({day - story.start + 1}/{days})")
        _simulate_day(world, day, report)
    say("KPIs, plan and defensive assets")
    report.steps = post_pipeline_steps(world.cfg, root, db, story, at(0, 23, 0))
    info = folder.DemoInfo(seed, days, END.isoformat())
    (root / folder.MARKER).write_text(info.to_json(), encoding="utf-8")
    (root / folder.BUILDING).unlink()
    report.seconds = timer.perf_counter() - started
    return report


def _copies(story: Story) -> dict[str, tuple[ClientStory, Copy]]:
    return {normalize_url(c.url): (client, c) for client in story.clients for c in client.copies}


def _simulate_day(world: _World, day: int, report: DemoReport) -> None:
    """One day of the agency's routine, each step at its simulated time."""
    with _warm(world.db):
        for n, (slug, source, depth) in enumerate(world.story.collections):
            moment = at(day, *COLLECT_AT) + timedelta(minutes=5 * n)
            collect_serps_job(
                world.cfg, world.db, client=slug, only_source=source, depth=depth, now=moment,
                env=DEMO_ENV, transport=world.engine.transport(moment), clock=_fixed(moment),
            )  # fmt: skip
        score_results(world.root, world.db)
        report.alerts += raise_alerts(world.cfg, world.db, at(day, *ALERTS_AT))
    dated = _review_candidates(world, day, report) if world.engine.new_urls(day) else []
    if report.accepted and _monitor_due(world.routine, day):
        _monitor(world, at(day, *MONITOR_AT), report)
    actions = sorted((a for c in world.story.clients for a in c.actions if day_index(a.at) == day),
                     key=lambda a: a.at)  # fmt: skip
    if dated or actions:
        with _warm(world.db):
            if dated:  # the review noted each post's date: one write for the day
                record_leaks(world.db, dated, [], now=at(day, *REVIEW_AT))
            for action in actions:
                _record(world, action, report)


def _fixed(moment: datetime) -> Callable[[], datetime]:
    """A clock stopped at ``moment``: every run of one collection is dated when it started."""
    return lambda: moment


@contextmanager
def _warm(db: Path) -> Iterator[None]:
    """Keep the warehouse's database open while a burst of writing jobs runs.

    Every job opens and closes the warehouse itself, as it must (a cron job must not hold the
    lock). In one process, DuckDB reuses the open database for each new connection while one
    connection stays open; otherwise each open starts the database anew and reads it cold,
    which costs a tenth of a second. Holding one connection around a burst of jobs keeps the
    build within its time budget. Only writing jobs run inside: DuckDB refuses a read-only
    connection to a database this process holds open for writing, so the steps that read
    read-only (candidate review, monitor) run outside.
    """
    keeper = connect(db)
    try:
        yield
    finally:
        keeper.close()


def _review_candidates(world: _World, day: int, report: DemoReport) -> list[LeakRecord]:
    """A person reviews the queue: the story's copies are accepted into their item, anything
    else is dismissed as not a leak. Returns the accepted copies with the publication date
    their page shows, to be recorded."""
    threshold = world.cfg.thresholds.candidate
    moment = at(day, *REVIEW_AT)
    dated: list[LeakRecord] = []
    for row in list_candidates(world.db, threshold).to_dict("records"):
        slug, url = str(row["client"]), str(row["url"])
        known = world.copies.get(str(row["normalized_url"]))
        if known is None or known[0].slug != slug:
            dismiss_candidate(world.db, threshold, slug, url)
            report.dismissed += 1
            continue
        copy = known[1]
        accept_candidate(world.db, threshold, slug, url, copy.item, copy.kind)
        seen = row["first_seen_at"].to_pydatetime().replace(tzinfo=moment.tzinfo)
        dated.append(LeakRecord(slug, copy.item, url, seen, copy.kind, copy.published))
        report.accepted[slug] = report.accepted.get(slug, 0) + 1
        world.routine.monitor_daily = True
    return dated


def _record(world: _World, action: Action, report: DemoReport) -> None:
    client, copy = world.copies[normalize_url(action.url)]
    event = EventRecord(client.slug, copy.item, copy.url, action.event, action.at, action.channel,
                        action.route, "manual", action.reference)  # fmt: skip
    try:
        added = record_leaks(world.db, [], [event], now=action.at)
    except ValueError as exc:  # TransitionError, or a URL not detected yet
        raise DemoStoryError(f"{action.at:%Y-%m-%d %H:%M} {action.event}: {exc}") from exc
    report.recorded_events += added.events


def _monitor_due(routine: _Routine, day: int) -> bool:
    """The agency's monitoring routine: every day while a copy is online (or a check could not
    tell), every week once every known copy is down (to catch reinstatements)."""
    last = routine.last_monitor_day
    return routine.monitor_daily or last is None or day - last >= MONITOR_WEEKLY_DAYS


def _monitor(world: _World, moment: datetime, report: DemoReport) -> None:
    result = monitor_urls(world.cfg, world.db, resolver=world.farm.resolver(),
                          transport=world.farm.transport(moment), now=moment)  # fmt: skip
    report.checks += result.checked
    world.routine.last_monitor_day = day_index(moment)
    pending = result.by_state.get("live", 0) + result.by_state.get("unknown", 0)
    world.routine.monitor_daily = pending > 0 or result.removals_confirmed > 0
