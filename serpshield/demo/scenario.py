"""The demo world as a whole: which days it spans, its three clients, and its workspace config.

``make_story`` assembles the three client stories for a demo of ``days`` days ending on
``world.END``; chapters that start before the first day are left out whole, never cut in the
middle, so a short demo tells the main stories and a long one adds older episodes. The
config written for the demo is rendered from the same data, so the clients, queries and
domains the pipeline syncs are exactly those the simulated web knows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from serpshield.demo import story_brand, story_fitness, story_public
from serpshield.demo.world import ClientStory, QuerySpec, SourceName, day_of

DEFAULT_DAYS = 120
MIN_DAYS = 40  # the main stories need the last 35 days, plus a few calm days before them
MAX_DAYS = 365
#: Environment the demo's collection runs with: the variable the config names, set to a
#: placeholder the simulated provider accepts. Never a real key.
SERPAPI_KEY_ENV = "SERPAPI_API_KEY"
DEMO_ENV = {SERPAPI_KEY_ENV: "demo-key-not-a-secret"}
SEARXNG_URL = "https://searx.northbridge-vidal.example"
#: The agency's daily collections, in order: (client or None for all, source, depth). SerpApi
#: collects the top 10 of every tracked query; the agency's own SearXNG instance also reads the
#: first two pages of the public figure's searches, where defensive content fights for rank.
COLLECTIONS: tuple[tuple[str | None, SourceName, int], ...] = (
    (None, "serpapi", 10),
    (story_public.SLUG, "searxng", 20),
)


@dataclass(frozen=True)
class Story:
    """The simulated world of one demo: its first day (days count back from ``END``, day 0)
    and its clients."""

    start: int
    clients: tuple[ClientStory, ...]
    collections: tuple[tuple[str | None, SourceName, int], ...] = COLLECTIONS

    @property
    def days(self) -> range:
        """Every simulated day, oldest first."""
        return range(self.start, 1)

    def client(self, slug: str) -> ClientStory:
        """The client with this slug (``KeyError`` if the story has none)."""
        for client in self.clients:
            if client.slug == slug:
                return client
        raise KeyError(slug)


def make_story(days: int = DEFAULT_DAYS) -> Story:
    """The demo world for ``days`` days ending on ``END``."""
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise ValueError(f"days must be between {MIN_DAYS} and {MAX_DAYS}, got {days}")
    start = 1 - days
    clients = (story_fitness.story(start), story_brand.story(start), story_public.story(start))
    return Story(start, clients)


def _s(value: str) -> str:
    """A TOML basic string (JSON's escapes are valid TOML ones)."""
    return json.dumps(value, ensure_ascii=False)


def _list(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(_s(v) for v in values) + "]"


def _query_lines(slug: str, q: QuerySpec) -> list[str]:
    lines = [f"[[clients.{slug}.queries]]", f"text = {_s(q.text)}", f"engine = {_s(q.engine)}",
             f"gl = {_s(q.gl)}", f"hl = {_s(q.hl)}"]  # fmt: skip
    if q.location:
        lines.append(f"location = {_s(q.location)}")
    lines.append(f"device = {_s(q.device)}")
    if q.volume is not None:
        lines.append(f"search_volume = {q.volume}")
    lines += [f"tags = {_list(q.tags)}", ""]
    return lines


def _client_lines(c: ClientStory) -> list[str]:
    lines = [
        f"[clients.{c.slug}]",
        f"name = {_s(c.name)}",
        f"language = {_s(c.language)}",
        f"owned_domains = {_list(c.owned_domains)}",
        f"leak_domains = {_list(c.leak_domains)}",
        f"capacity_per_week = {c.capacity_per_week}",
        "",
        f"[clients.{c.slug}.domains]",
        *(f"{_s(domain)} = {_s(category)}" for domain, category in sorted(c.domains.items())),
        "",
    ]
    for q in c.queries:
        lines += _query_lines(c.slug, q)
    for name, day in c.launches:
        lines += [f"[[clients.{c.slug}.launches]]", f"name = {_s(name)}",
                  f"on = {day_of(day).isoformat()}", ""]  # fmt: skip
    return lines


HEADER = f"""\
# serpshield DEMO workspace: built by `serpshield demo`, rebuilt by `serpshield demo --force`.
# Everything here is fictional (every domain ends in .example). The search results were
# collected by the real collectors from a simulated search engine that answers in SerpApi's
# and SearXNG's formats; the leak URLs were checked by the real monitor against simulated
# hosts. No network was used and no real key exists: the demo set {SERPAPI_KEY_ENV} to a
# placeholder for its own runs only.

[workspace]
name = "Northbridge & Vidal – reputation defence (demo)"
timezone = "Europe/Paris"
language = "en"

[thresholds]
harm = 0.5
candidate = 0.7
alert_top_n = 10
removal_confirm_minutes = 60

# The demo's providers are simulated in-process, so it collects without waiting between
# requests; for a real source, use the rate its provider documents.
[sources.serpapi]
enabled = true
api_key_env = "{SERPAPI_KEY_ENV}"
rate_per_second = 200.0
concurrency = 4
monthly_budget = 1000

[sources.searxng]
enabled = true
base_url = "{SEARXNG_URL}"
rate_per_second = 200.0
concurrency = 2

# The simulated hosts answer at once; a real monitor keeps the default pause per site.
[monitor]
per_host_delay_seconds = 0.0

"""


def config_text(story: Story) -> str:
    """The demo's ``serpshield.toml``."""
    lines: list[str] = []
    for client in story.clients:
        lines += _client_lines(client)
    return HEADER + "\n".join(lines)
