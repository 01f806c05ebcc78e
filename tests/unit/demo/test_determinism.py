"""Same seed, same warehouse; another seed, another world.

The second build runs through ``serpshield demo --force`` on a copy of the session's demo, so
it also proves that a rebuild starts from scratch (a rebuild that kept rows would differ).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from serpshield.demo.engine import SearchEngine
from serpshield.demo.scenario import make_story
from serpshield.demo.world import at
from tests.unit.demo.conftest import DAYS, SEED, build_with_cli
from tests.unit.demo.helpers import rows, table_hashes


def test_the_same_seed_rebuilds_the_same_warehouse(demo_root: Path, tmp_path: Path) -> None:
    copy = tmp_path / "again"
    shutil.copytree(demo_root, copy)
    build_with_cli(copy, "--seed", str(SEED), "--days", str(DAYS), "--force")
    db = copy / "data" / "serpshield.duckdb"
    assert table_hashes(db) == table_hashes(demo_root / "data" / "serpshield.duckdb")
    assert rows(db, "SELECT count(*) FROM serp_runs") == rows(
        demo_root / "data" / "serpshield.duckdb", "SELECT count(*) FROM serp_runs"
    )


def test_another_seed_gives_other_results_in_the_same_story() -> None:
    story = make_story(DAYS)
    one, other = SearchEngine(story, SEED), SearchEngine(story, SEED + 1)
    client = story.clients[0]
    query = client.queries[0]
    days = range(-20, 0)
    assert [one.ranking(client, query, d) for d in days] != [
        other.ranking(client, query, d) for d in days
    ]
    url = "https://serpapi.com/search.json?engine=google&q=maeva+fit&gl=fr&hl=fr&device=desktop"
    url += "&start=0&num=10&api_key=demo-key-not-a-secret"
    assert one.answer("GET", url, at(-5, 6)).body != other.answer("GET", url, at(-5, 6)).body
    # the story itself does not move: the same copies leak on the same days
    assert [c.published for c in story.clients[0].copies] == [
        c.published for c in make_story(DAYS).clients[0].copies
    ]
