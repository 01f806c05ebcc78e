"""The vocabulary the demo's stories are written in: days, rank paths, pages, leaked copies.

A story is plain data, so it can be read like a script and tested like one. Time is counted in
days from the demo's last day (``END``, day 0; day -1 is the day before), never from today:
the same seed must give the same warehouse whenever it is built. Everything here is pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Literal

from data.leak_records import Channel, EventKind, ItemKind, LegalRoute

#: The demo's last simulated day. Fixed, so a build does not depend on the day it runs.
END = date(2026, 11, 20)
#: Days after which a page the host took down drops out of the search index.
INDEX_LAG_DAYS = 2

Engine = Literal["google", "bing", "duckduckgo"]
SourceName = Literal["serpapi", "searxng"]
HostState = Literal["live", "gone_404", "gone_410", "soft_404", "home_redirect", "error_503"]
#: (day, rank) keyframes: the page enters the index on the first day; ranks are interpolated
#: between keyframes and held after the last one. A rank is the position the page would have
#: among the other pages of the same query, before the daily jitter.
RankPath = tuple[tuple[int, float], ...]
ALWAYS = -10_000  # a day before any demo: "already indexed when the demo starts"


def day_of(day: int) -> date:
    """The calendar date of a story day."""
    return END + timedelta(days=day)


def at(day: int, hour: int = 0, minute: int = 0) -> datetime:
    """The UTC instant ``hour:minute`` on story day ``day``."""
    return datetime.combine(day_of(day), time(hour, minute), tzinfo=UTC)


def day_index(moment: datetime) -> int:
    """The story day an instant falls on (UTC)."""
    return (moment.astimezone(UTC).date() - END).days


def rank_on(path: RankPath, day: int) -> float | None:
    """The interpolated rank on ``day``, or ``None`` before the page is indexed."""
    if not path or day < path[0][0]:
        return None
    for (d0, r0), (d1, r1) in pairwise(path):
        if d0 <= day < d1:
            return r0 + (r1 - r0) * (day - d0) / (d1 - d0)
    return path[-1][1]


@dataclass(frozen=True)
class QuerySpec:
    """A tracked search, and which rank group orders its pages."""

    text: str
    engine: Engine
    gl: str
    hl: str
    group: str
    device: Literal["desktop", "mobile"] = "desktop"
    location: str | None = None
    volume: int | None = None
    tags: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """A stable id for seeds and lookups."""
        return f"{self.text}|{self.engine}|{self.gl}|{self.hl}|{self.device}"


@dataclass(frozen=True)
class Page:
    """A web page some tracked searches show, with its rank path per query group.

    ``windows`` are the days it is in the index ([start, end), end None = still there); by
    default from the first keyframe on. ``google_gone`` is the day Google delisted it after a
    notice: Bing and DuckDuckGo keep showing it.
    """

    url: str
    title: str
    snippet: str
    ranks: Mapping[str, RankPath]
    site: str = ""
    date: str | None = None
    windows: tuple[tuple[int, int | None], ...] | None = None
    google_gone: int | None = None

    def shown(self, day: int, engine: Engine) -> bool:
        """Whether the engine's index holds the page on ``day``."""
        if engine == "google" and self.google_gone is not None and day >= self.google_gone:
            return False
        if self.windows is None:
            return True
        return any(s <= day and (e is None or day < e) for s, e in self.windows)


@dataclass(frozen=True)
class Copy:
    """One leaked copy: where it is, when it was posted, and what its host answers over time.

    ``host`` lists state changes in time order, starting ``live`` at publication. ``page`` is
    how search engines show it; its index windows follow the host (see ``copy_page``).
    """

    item: str
    kind: ItemKind
    url: str
    published: datetime
    host: tuple[tuple[datetime, HostState], ...]
    page: Page

    def state_at(self, moment: datetime) -> HostState | None:
        """What the host answers at ``moment`` (``None`` before publication: no such page)."""
        current: HostState | None = None
        for when, state in self.host:
            if when <= moment:
                current = state
        return current


@dataclass(frozen=True)
class Action:
    """A step a person takes and records: a notice, an acknowledgement, a delisting."""

    at: datetime
    url: str
    event: EventKind
    channel: Channel = "none"
    route: LegalRoute = "none"
    reference: str = ""


@dataclass(frozen=True)
class Asset:
    """Defensive content the client publishes to push harmful results down."""

    title: str
    asset_type: Literal["faq", "guide", "interview", "legal", "official_profile", "other"]
    url: str
    published_on: int  # story day
    target_query: str


@dataclass(frozen=True)
class ClientStory:
    """Everything the demo knows about one client: config, the web it lives in, its story."""

    slug: str
    name: str
    language: Literal["en", "fr"]
    capacity_per_week: int
    owned_domains: tuple[str, ...]
    leak_domains: tuple[str, ...]
    domains: Mapping[str, str]
    queries: tuple[QuerySpec, ...]
    pages: tuple[Page, ...]
    copies: tuple[Copy, ...] = ()
    actions: tuple[Action, ...] = ()
    assets: tuple[Asset, ...] = ()
    launches: tuple[tuple[str, int], ...] = ()  # (name, story day)
    quiet_days: frozenset[int] = field(default_factory=frozenset)

    def all_pages(self) -> tuple[Page, ...]:
        """Ordinary pages and the search listings of leaked copies."""
        return self.pages + tuple(c.page for c in self.copies)


def steady(ranks: str) -> dict[str, RankPath]:
    """Rank paths of a page indexed before the demo starts: ``"brand=1 leak=3.5"``."""
    pairs = (item.split("=") for item in ranks.split())
    return {group: ((ALWAYS, float(rank)),) for group, rank in pairs}


def page(
    url: str, site: str, ranks: str, title: str, snippet: str, date: str | None = None
) -> Page:
    """A page indexed before the demo starts, at steady ranks (see ``steady``)."""
    return Page(url, title, snippet, steady(ranks), site, date)


def copy_page(
    url: str,
    title: str,
    snippet: str,
    ranks: Mapping[str, RankPath],
    host: tuple[tuple[datetime, HostState], ...],
    *,
    site: str = "",
    date: str | None = None,
    google_gone: int | None = None,
) -> Page:
    """The search listing of a leaked copy: indexed from its first keyframe, dropped
    ``INDEX_LAG_DAYS`` after the host takes it down, back the day after a reinstatement."""
    start = min(path[0][0] for path in ranks.values())
    windows: list[tuple[int, int | None]] = []
    open_from: int | None = start
    for when, state in host:
        day = day_index(when)
        if state in ("live", "error_503"):
            if open_from is None:
                open_from = day + 1
        elif open_from is not None:
            windows.append((open_from, max(open_from, day + INDEX_LAG_DAYS)))
            open_from = None
    if open_from is not None:
        windows.append((open_from, None))
    return Page(url, title, snippet, ranks, site, date, tuple(windows), google_gone)
