"""The synthetic benchmark warehouse: tens of millions of realistic rows in the real schema.

The KPI and dashboard benchmarks need a warehouse big enough that a slow query shows (50
clients x 200 queries x top 20 x 250 days = 2.5M runs and ~48.5M results, 200k leak URLs),
built in minutes and identical for a seed. Every row is made by set-based ``INSERT ... SELECT
... FROM range(n)`` statements with ``hash()``-derived draws, never by Python loops or pandas:
50M rows through Python would take longer than the benchmarks themselves.

The warehouse is opened through ``data.store.open_warehouse``, so the real migrations create the
schema and every CHECK, key and foreign key holds for the synthetic rows too. Ids are explicit
(consistent with the foreign keys) and each id sequence is advanced past them at the end, so a
later ``nextval`` never collides. Scratch state (the run plan, candidate pages, leak timelines)
lives in an attached in-memory database and TEMP macros: nothing but the real tables is left in
the file. The same seed gives the same rows with the same DuckDB release (``hash()`` is not
promised stable across releases, so the DuckDB version is part of ``bench_fingerprint``).

What makes the KPI queries do real work (KPIS.md):

- one run per query and day at 06:00 UTC; ~3% failed, blocked or empty (unobserved: no results,
  no payload hash), so daily series have gaps;
- results drawn per query from a fixed list of candidate pages (client-owned, third-party and
  one harmful page), the top 3 stable and the rest sliding one place every 4 days;
- harm persists: 15% of queries carry a harmful page that enters the top 10 for episodes of 1 to
  12 days inside 14-day blocks and is parked below position 10 in between, so incidents open
  and close (reputational MTTR) and exposure moves in steps, not as iid noise;
- leak URLs grouped 10 to 50 per content item, some found days or weeks after the first ones
  (recirculation, missed copies); notices on host/google/bing with legal routes, removals after
  a heavy-tailed delay, ignored and rejected notices (censoring), escalations to a second
  channel, a few reinstatements. Every URL's events follow ``models.lifecycle``, and nothing
  happens after ``as_of``.

Rows are written in time order (run ids grow with the day, as a real collection appends them),
so one client's rows are spread over the whole table, as they are in production.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypedDict

import duckdb

from data.errors import WarehouseError
from data.migrate import load_migrations
from data.store import open_warehouse

#: Bump when the generator's output changes, so cached benchmark warehouses are rebuilt.
GENERATOR_VERSION = 1
MODEL_VERSION = "bench-v1"
#: Day 0 of every benchmark warehouse (a Monday): a fixed date keeps builds reproducible.
START_AT = datetime(2025, 1, 6, tzinfo=UTC)
#: Candidate pages per query beyond the depth: the ranking slides through them.
EXTRA_CANDIDATES = 8
HARMFUL_QUERY_PCT = 15
#: Results per label: ~4,000 labels on the full warehouse, at least 10 on any.
RESULTS_PER_LABEL = 12_000
_DAYS_PER_CHUNK = 25  # ~5M results per statement: bounded memory, progress every few seconds
_PARAM = re.compile(r"\$([a-z_]+)")

Progress = Callable[[str], None]


class BenchSize(TypedDict):
    """The size parameters of ``build_bench_warehouse``, as one value callers can keep."""

    clients: int
    queries_per_client: int
    depth: int
    days: int
    leak_urls: int


@dataclass(frozen=True)
class BenchWarehouse:
    """What was built: the parameters, the row count of each table, the time window, the build
    time and the file size. ``as_of`` (the end of the last day) is the "now" at which KPIs of
    this warehouse are asked; ``first_slot_at`` is the first run's slot."""

    path: str
    clients: int
    queries_per_client: int
    depth: int
    days: int
    leak_urls: int
    seed: int
    counts: dict[str, int]
    first_slot_at: datetime
    as_of: datetime
    build_s: float
    file_bytes: int


def bench_fingerprint(
    *, clients: int, queries_per_client: int, depth: int, days: int, leak_urls: int, seed: int
) -> dict[str, Any]:
    """What a cached warehouse must match to be reused: its parameters, this generator's
    version, the DuckDB release (its ``hash()`` draws the rows) and the schema (each migration's
    checksum), so that a new migration, release or generator makes the cache stale."""
    return {
        "clients": clients,
        "queries_per_client": queries_per_client,
        "depth": depth,
        "days": days,
        "leak_urls": leak_urls,
        "seed": seed,
        "generator_version": GENERATOR_VERSION,
        "duckdb": duckdb.__version__,
        "schema": [f"{m.label}:{m.checksum}" for m in load_migrations()],
    }


# Draws: hash(a, b, seed, salt) reduced to [0, n) as BIGINT (hash() is UBIGINT, whose
# subtraction overflows) or to a uniform in [0, 1). TEMP: they vanish with the session.
_SESSION = (
    "SET preserve_insertion_order = false",
    "SET enable_progress_bar = false",
    # Automatic checkpoints would re-serialize the growing key indexes again and again; one
    # CHECKPOINT at the end writes them once.
    "SET checkpoint_threshold = '1TB'",
    "CREATE OR REPLACE TEMP MACRO bench_draw(n, a, b, seed, salt) AS "
    "CAST(hash(a, b, seed, salt) % CAST(n AS UBIGINT) AS BIGINT)",
    "CREATE OR REPLACE TEMP MACRO bench_unit(a, b, seed, salt) AS "
    "CAST(hash(a, b, seed, salt) % 1000000 AS DOUBLE) / 1e6",
)
# Scratch tables (the run plan, candidate pages, leak timelines) live in an in-memory database
# that every connection of this process sees and that is never written to the warehouse file.
_ATTACH_SCRATCH = "ATTACH ':memory:' AS bench_scratch"
_DETACH_SCRATCH = "DETACH bench_scratch"

_CLIENTS = """
INSERT INTO clients (client_id, slug, name, language, capacity_per_week, active, created_at,
                     updated_at)
SELECT c + 1, printf('client-%03d', c + 1), printf('Bench client %03d', c + 1),
       CASE WHEN bench_draw(5, c, 0, $seed, 'language') = 0 THEN 'fr' ELSE 'en' END,
       1 + bench_draw(4, c, 0, $seed, 'capacity'), TRUE, $created_at, $created_at
FROM range($clients) AS t(c)
"""
_QUERIES = """
INSERT INTO queries (query_id, client_id, text, engine, gl, hl, device, search_volume, tags,
                     active, created_at, updated_at)
SELECT n + 1, n // $per_client + 1,
       printf('client %03d %s %d', n // $per_client + 1,
              ['brand', 'reviews', 'leak', 'scam', 'lawsuit', 'photos', 'complaints',
               'official site', 'news', 'video'][n % $per_client % 10 + 1],
              n % $per_client // 10),
       CASE WHEN bench_draw(10, n, 0, $seed, 'engine') = 0 THEN 'bing' ELSE 'google' END,
       'us', 'en',
       CASE WHEN bench_draw(5, n, 0, $seed, 'device') = 0 THEN 'mobile' ELSE 'desktop' END,
       10 * (1 + bench_draw(5000, n, 0, $seed, 'volume')), ['bench'], TRUE, $created_at,
       $created_at
FROM range($queries) AS t(n)
"""
# Each client sees 60 domains: 3 owned, 8 leak venues (from 60 shared ones), 49 third-party
# sites (from 400 shared ones). Slot ranges are consecutive modulo the pool, so never repeat.
_POOL = """
CREATE OR REPLACE TABLE bench_scratch.pool AS
SELECT c + 1 AS client_id, j AS slot,
       CASE WHEN j < 3 THEN printf('client-%03d%s.example', c + 1, ['', '-shop', '-news'][j + 1])
            WHEN j < 11 THEN printf('leakhost-%03d.example', (c * 3 + j) % 60)
            ELSE printf('site-%03d.example', (c * 7 + j) % 400) END AS domain,
       CASE WHEN j < 3 THEN 'owned'
            WHEN j < 11 THEN ['leak_forum', 'file_host', 'adult', 'forum'][(c * 3 + j) % 4 + 1]
            ELSE ['news', 'news', 'news', 'social', 'social', 'review', 'review', 'forum',
                  'partner', 'unknown'][(c * 7 + j) % 400 % 10 + 1] END AS category
FROM range($clients) AS a(c), range(60) AS b(j)
"""
_DOMAINS = """
INSERT INTO domains (client_id, domain, category, source, updated_at)
SELECT client_id, domain, category, CASE category WHEN 'owned' THEN 'config' ELSE 'reference' END,
       $created_at
FROM bench_scratch.pool WHERE category <> 'unknown'
"""
# Candidate 0 is the query's harmful page (used only by harmful queries); the others are owned
# pages (18%) or third-party pages, each with the harm a model would give it.
_CANDIDATES = """
CREATE OR REPLACE TABLE bench_scratch.candidates AS
WITH picks AS (
    SELECT q.query_id, q.client_id, q.text, k AS cand,
           CASE WHEN k = 0 THEN 3 + bench_draw(8, q.query_id, k, $seed, 'leak_slot')
                WHEN bench_draw(100, q.query_id, k, $seed, 'owned') < 18
                    THEN bench_draw(3, q.query_id, k, $seed, 'owned_slot')
                ELSE 11 + bench_draw(49, q.query_id, k, $seed, 'site_slot') END AS slot,
           bench_unit(q.query_id, k, $seed, 'harm') AS u
    FROM queries q, range($candidates) AS t(k)
)
SELECT p.query_id, p.cand, d.domain,
       CASE WHEN d.category = 'owned' THEN printf('https://%s/page-%d', d.domain, p.cand)
            ELSE printf('https://%s/%s/%d-%d', d.domain, CASE WHEN p.cand = 0 THEN 't' ELSE 'a' END,
                        p.query_id, p.cand) END AS url,
       printf('%s | %s', p.text, d.domain) AS title,
       CASE WHEN p.cand = 0 THEN 0.55 + 0.44 * p.u
            WHEN d.category IN ('owned', 'partner') THEN 0.05 * p.u
            WHEN d.category = 'review' THEN 0.05 + 0.4 * p.u * p.u * p.u
            ELSE 0.15 * p.u * p.u END AS harm,
       CASE WHEN p.cand = 0 THEN CASE d.category WHEN 'adult' THEN 'ncii'
                                                 WHEN 'forum' THEN 'defamation' ELSE 'leak' END
            WHEN d.category = 'owned' THEN 'owned'
            WHEN d.category = 'partner' THEN 'positive'
            ELSE 'neutral' END AS category
FROM picks p JOIN bench_scratch.pool d ON d.client_id = p.client_id AND d.slot = p.slot
"""
# One row per run. hpos: where the harmful page sits (NULL: absent). Inside an episode it is in
# the top 10; between episodes it is parked below 10 (or absent when depth <= 10).
_RUN_STATE = """
CREATE OR REPLACE TABLE bench_scratch.runs AS
WITH base AS (
    SELECT d * $queries + q + 1 AS run_id, q + 1 AS query_id, d AS day, d // 14 AS block,
           d % 14 AS day_in_block,
           bench_draw(1000, d * $queries + q + 1, 0, $seed, 'status') AS s,
           bench_draw(100, q + 1, 0, $seed, 'harmful_query') < $harmful_pct AS harmful
    FROM range($days) AS a(d), range($queries) AS b(q)
), episodes AS (
    SELECT *, bench_draw(100, query_id, block, $seed, 'episode') < 45 AS has_episode,
           bench_draw(7, query_id, block, $seed, 'episode_start') AS episode_start,
           1 + bench_draw(12, query_id, block, $seed, 'episode_days') AS episode_days
    FROM base
)
SELECT run_id, query_id, day,
       CASE WHEN s < 15 THEN 'failed' WHEN s < 24 THEN 'blocked' WHEN s < 30 THEN 'empty'
            ELSE 'ok' END AS status,
       CASE WHEN NOT harmful THEN NULL
            WHEN has_episode AND day_in_block >= episode_start
                 AND day_in_block < episode_start + episode_days
                THEN 1 + bench_draw(least(10, $depth), query_id, block, $seed, 'position')
            WHEN $depth > 10
                THEN 11 + bench_draw(greatest($depth - 10, 1), query_id, day // 3, $seed, 'park')
            END AS hpos,
       (day // 4 + bench_draw(1000, query_id, 0, $seed, 'shift')) % ($candidates - 4) AS shift,
       $start + day * INTERVAL 1 DAY + INTERVAL 6 HOUR AS slot_at
FROM episodes
"""
_RUNS = """
INSERT INTO serp_runs (run_id, query_id, source, page, slot_at, requested_at, fetched_at, status,
                       error, http_status, attempts, cost_units, payload_sha256, content_type)
SELECT run_id, query_id, 'serpapi', 1, slot_at, requested_at,
       CASE WHEN status <> 'failed'
            THEN requested_at + to_seconds(20 + bench_draw(300, run_id, 0, $seed, 'latency')) END,
       status,
       CASE status WHEN 'failed' THEN 'timeout after 3 attempts'
                   WHEN 'blocked' THEN 'HTTP 429: rate limited' END,
       CASE status WHEN 'failed' THEN NULL WHEN 'blocked' THEN 429 ELSE 200 END,
       CASE status WHEN 'failed' THEN 3 WHEN 'blocked' THEN 2 ELSE 1 END,
       CASE WHEN status IN ('ok', 'empty') THEN 1.0 ELSE 0.0 END,
       CASE WHEN status = 'ok' THEN sha256(printf('bench:%d:%d', $seed, run_id)) END,
       CASE WHEN status IN ('ok', 'empty') THEN 'application/json' END
FROM (SELECT *, slot_at + to_seconds(bench_draw(240, run_id, 0, $seed, 'jitter')) AS requested_at
      FROM bench_scratch.runs)
"""
# The results of the ok runs of days [$first_day, $end_day): position -> candidate. The harmful
# page takes position hpos; the others fill the rest in rank order, ranks 1-3 fixed and the
# following ones sliding through the remaining candidates (never the same one twice a run).
_CHUNK = """
WITH slots AS (
    SELECT r.run_id, r.query_id, r.slot_at, r.hpos, r.shift, p AS position,
           CASE WHEN r.hpos IS NOT NULL AND p > r.hpos THEN p - 1 ELSE p END AS rank
    FROM bench_scratch.runs r, range(1, $depth + 1) AS t(p)
    WHERE r.status = 'ok' AND r.day >= $first_day AND r.day < $end_day
), placed AS (
    SELECT *, CASE WHEN position = hpos THEN 0 WHEN rank <= 3 THEN rank
                   ELSE 4 + (rank - 4 + shift) % ($candidates - 4) END AS cand
    FROM slots
)
SELECT (p.run_id - 1) * $depth + p.position AS result_id, p.run_id, p.position, p.slot_at,
       c.url, c.domain, c.title, c.harm, c.category
FROM placed p JOIN bench_scratch.candidates c USING (query_id, cand)
"""
_RESULTS = f"""
INSERT INTO serp_results (result_id, run_id, position, url, normalized_url, domain, title,
                          result_type)
SELECT result_id, run_id, position, url, url, domain, title, 'organic' FROM ({_CHUNK})
"""  # noqa: S608 (constant text)
_HARM = f"""
INSERT INTO harm_scores (result_id, model_version, score, category, scored_at)
SELECT result_id, $model_version, harm, category, slot_at + INTERVAL 1 HOUR FROM ({_CHUNK})
"""  # noqa: S608 (constant text)
# A reviewer corrects one label in ten; labels come after the score they could see.
_LABELS = """
INSERT INTO labels (label_id, result_id, category, labelled_by, labelled_at)
WITH picks AS (
    SELECT (run_id - 1) * $depth + 1 + bench_draw($depth, run_id, 0, $seed, 'label_position')
               AS result_id, slot_at
    FROM bench_scratch.runs WHERE status = 'ok'
    ORDER BY hash(run_id, $seed, 'label'), run_id LIMIT $labels
)
SELECT row_number() OVER (ORDER BY p.result_id), p.result_id,
       CASE WHEN bench_draw(10, p.result_id, 0, $seed, 'flip') > 0 THEN h.category
            WHEN h.score >= 0.5 THEN 'neutral' ELSE 'complaint' END,
       printf('reviewer-%d', 1 + bench_draw(5, p.result_id, 0, $seed, 'reviewer')),
       p.slot_at + INTERVAL 3 HOUR + to_minutes(bench_draw(2000, p.result_id, 0, $seed, 'lag'))
FROM picks p JOIN harm_scores h USING (result_id)
"""
# Defensive content: 6 assets per client (3 published, 2 planned, 1 dropped), 2 launches.
_ASSETS = """
INSERT INTO content_assets (asset_id, client_id, title, asset_type, status, target_query_id,
                            url, planned_on, published_on, created_at, updated_at)
SELECT c * 6 + a + 1, c + 1, printf('Defensive asset %d', a + 1),
       ['faq', 'guide', 'interview', 'legal', 'official_profile', 'other'][a + 1],
       ['published', 'published', 'published', 'planned', 'planned', 'dropped'][a + 1],
       c * $per_client + 1 + bench_draw($per_client, c, a, $seed, 'target'),
       CASE WHEN a < 3 THEN printf('https://client-%03d.example/asset-%d', c + 1, a + 1) END,
       planned_on, CASE WHEN a < 3 THEN planned_on + 7 END, $created_at, $created_at
FROM (SELECT c, a, CAST($start AS DATE)
             + CAST(bench_draw($days, c, a, $seed, 'planned') AS INTEGER) AS planned_on
      FROM range($clients) AS t(c), range(6) AS u(a))
"""
_LAUNCHES = """
INSERT INTO launches (client_id, name, launch_on, updated_at)
SELECT c + 1, printf('Launch %d', l + 1),
       CAST($start AS DATE) + CAST(bench_draw($days + 30, c, l, $seed, 'launch') AS INTEGER),
       $created_at
FROM range($clients) AS t(c), range(2) AS u(l)
"""

# Leak side. Items take 10 to 50 URLs each until $leak_urls are placed; item i belongs to
# client i mod clients and leaked at a uniform moment of the period.
_ITEMS = """
CREATE OR REPLACE TABLE bench_scratch.items AS
WITH sized AS (
    SELECT i, 10 + bench_draw(41, i, 0, $seed, 'item_size') AS size
    FROM range($leak_urls // 10 + 1) AS t(i)
), placed AS (
    SELECT i, size, CAST(sum(size) OVER (ORDER BY i) AS BIGINT) - size AS first_url FROM sized
)
SELECT i + 1 AS item_id, i % $clients + 1 AS client_id, first_url,
       least(size, $leak_urls - first_url) AS size,
       ['photo_set', 'photo_set', 'photo_set', 'video', 'video', 'video', 'document',
        'document', 'product_visual', 'other'][bench_draw(10, i, 0, $seed, 'kind') + 1] AS kind,
       $start + to_seconds(bench_draw($days * 86400, i, 0, $seed, 'leaked')) AS leaked_at
FROM placed WHERE first_url < $leak_urls
"""
_CONTENT_ITEMS = """
INSERT INTO content_items (item_id, client_id, title, kind, created_at)
SELECT item_id, client_id, printf('Leaked set %05d', item_id), kind, leaked_at
FROM bench_scratch.items
"""
_FINGERPRINTS = """
INSERT INTO content_fingerprints (item_id, sha256, phash, added_at)
SELECT item_id, sha256(printf('bench-item:%d:%d', $seed, item_id)), NULL, leaked_at
FROM bench_scratch.items
"""
# One row per leak URL with every moment of its life (NULL: never happens). 60% of an item's
# URLs are found within 2 days of the leak, the rest up to 120 days later (recirculation).
# Delays: notice 1-72 h after detection; removal 2 h x 300^u (median ~35 h, half that for
# privacy/NCII); rejection 24-70 h; acknowledgement 1-12 h; escalation to a second channel 72 h
# after a first notice still unanswered; reinstatement 2-60 days after the first removal.
_LEAK_STATE = """
CREATE OR REPLACE TABLE bench_scratch.leaks AS
WITH urls AS (
    SELECT n + 1 AS leak_url_id, i.item_id, i.client_id, i.kind, i.leaked_at, n - i.first_url AS k,
           i.size, greatest(CAST(epoch($as_of - i.leaked_at) AS BIGINT) - 3600, 1) AS room_s
    FROM range($leak_urls) AS t(n) ASOF JOIN bench_scratch.items i ON t.n >= i.first_url
), drawn AS (
    SELECT *,
           leaked_at + to_seconds((CASE WHEN k < ceil(size * 0.6)
                    THEN bench_draw(172800, leak_url_id, 0, $seed, 'found')
                    ELSE 172800 + bench_draw(10368000, leak_url_id, 0, $seed, 'found') END)
                % room_s) AS first_seen_at,
           printf('leakhost-%03d.example',
                  CASE WHEN bench_draw(100, leak_url_id, 0, $seed, 'venue') < 60
                       THEN ((client_id - 1) * 3 + 3 + bench_draw(8, leak_url_id, 0, $seed, 'slot'))
                            % 60
                       ELSE bench_draw(60, leak_url_id, 0, $seed, 'host') END) AS domain,
           bench_draw(100, leak_url_id, 0, $seed, 'noticed') < 88 AS noticed,
           ['host', 'host', 'host', 'host', 'host', 'host', 'google', 'google', 'google',
            'bing'][bench_draw(10, leak_url_id, 0, $seed, 'channel') + 1] AS channel,
           bench_draw(10, leak_url_id, 0, $seed, 'route') AS route_draw,
           bench_draw(100, leak_url_id, 1, $seed, 'outcome') AS outcome,
           bench_unit(leak_url_id, 1, $seed, 'delay') AS u1,
           bench_unit(leak_url_id, 2, $seed, 'delay') AS u2
    FROM urls
), routed AS (
    SELECT *,
           CASE WHEN kind IN ('photo_set', 'video')
                    THEN CASE WHEN route_draw < 7 THEN 'privacy_ncii' ELSE 'copyright' END
                WHEN kind = 'document'
                    THEN CASE WHEN route_draw < 5 THEN 'other' ELSE 'copyright' END
                WHEN kind = 'product_visual' THEN 'copyright'
                ELSE CASE WHEN route_draw < 6 THEN 'other' ELSE 'copyright' END END AS route,
           CASE WHEN noticed THEN first_seen_at
                + to_seconds(3600 + bench_draw(255600, leak_url_id, 0, $seed, 'notice')) END
               AS notice_at
    FROM drawn
), answered AS (
    SELECT *,
           CASE WHEN outcome < 78 THEN notice_at + to_seconds(CAST(7200 * power(300, u1)
                * CASE route WHEN 'privacy_ncii' THEN 0.5 ELSE 1 END AS BIGINT)) END AS removal_at,
           CASE WHEN outcome >= 78 AND outcome < 84 THEN notice_at
                + to_seconds(86400 + bench_draw(165600, leak_url_id, 1, $seed, 'reject')) END
               AS rejected_at
    FROM routed
), escalated AS (
    SELECT *,
           CASE WHEN bench_draw(100, leak_url_id, 2, $seed, 'escalate') < 25
                     AND (removal_at IS NULL OR removal_at > notice_at + INTERVAL 72 HOUR)
                THEN notice_at + INTERVAL 72 HOUR END AS notice2_at,
           CASE channel WHEN 'host' THEN 'google' ELSE 'host' END AS channel2
    FROM answered
), finished AS (
    SELECT *,
           CASE WHEN bench_draw(100, leak_url_id, 2, $seed, 'outcome') < 70
                THEN notice2_at + to_seconds(CAST(7200 * power(300, u2)
                     * CASE route WHEN 'privacy_ncii' THEN 0.5 ELSE 1 END AS BIGINT)) END
               AS removal2_at
    FROM escalated
)
SELECT leak_url_id, item_id, domain, kind, first_seen_at, notice_at, channel, route, removal_at,
       rejected_at, notice2_at, channel2, removal2_at,
       printf('https://%s/%s/%d-%d', domain,
              CASE kind WHEN 'video' THEN 'v' WHEN 'document' THEN 'd' ELSE 'p' END, item_id, k)
           AS url,
       CASE WHEN bench_draw(100, leak_url_id, 3, $seed, 'published') < 30 THEN first_seen_at
            - to_seconds(3600 + bench_draw(864000, leak_url_id, 3, $seed, 'age')) END
           AS published_at,
       ['monitor', 'monitor', 'monitor', 'monitor', 'monitor', 'serp', 'serp', 'serp', 'import',
        'import'][bench_draw(10, leak_url_id, 3, $seed, 'source') + 1] AS detected_by,
       CASE WHEN bench_draw(100, leak_url_id, 1, $seed, 'acked') < 40
                 AND notice_at + to_seconds(3600 + bench_draw(39600, leak_url_id, 1, $seed, 'ack'))
                     < coalesce(removal_at, notice_at + INTERVAL 1 YEAR)
            THEN notice_at + to_seconds(3600 + bench_draw(39600, leak_url_id, 1, $seed, 'ack'))
            END AS ack_at,
       CASE WHEN bench_draw(100, leak_url_id, 3, $seed, 'reinstated') < 5
            THEN least(removal_at, removal2_at)
                 + to_seconds(172800 + bench_draw(5011200, leak_url_id, 3, $seed, 'back')) END
           AS reinstated_at
FROM finished
"""
_LEAK_URLS = """
INSERT INTO leak_urls (leak_url_id, item_id, url, normalized_url, url_sha256, domain,
                       first_seen_at, published_at)
SELECT leak_url_id, item_id, url, url, sha256(url), domain, first_seen_at, published_at
FROM bench_scratch.leaks
"""
# The events of each URL in time order; a removal is "removed" on the host channel and
# "delisted" on a search engine's, as the importer records them.
_EVENTS = """
INSERT INTO url_events (event_id, leak_url_id, event, occurred_at, channel, legal_route, source,
                        reference, recorded_at)
SELECT row_number() OVER (ORDER BY leak_url_id, occurred_at, step), leak_url_id, event,
       occurred_at, channel, legal_route, source, reference, occurred_at + INTERVAL 5 MINUTE
FROM (
    SELECT leak_url_id, 0 AS step, 'detected' AS event, first_seen_at AS occurred_at,
           'none' AS channel, 'none' AS legal_route, detected_by AS source, '' AS reference
    FROM bench_scratch.leaks
    UNION ALL
    SELECT leak_url_id, 1, 'notice_sent', notice_at, channel, route, 'manual',
           printf('N-%d-1', leak_url_id)
    FROM bench_scratch.leaks WHERE notice_at IS NOT NULL
    UNION ALL
    SELECT leak_url_id, 2, 'acknowledged', ack_at, channel, route, 'manual', ''
    FROM bench_scratch.leaks WHERE ack_at IS NOT NULL
    UNION ALL
    SELECT leak_url_id, 3, 'rejected', rejected_at, channel, route, 'manual', ''
    FROM bench_scratch.leaks WHERE rejected_at IS NOT NULL
    UNION ALL
    SELECT leak_url_id, 4, CASE channel WHEN 'host' THEN 'removed' ELSE 'delisted' END,
           removal_at, channel, route, 'monitor', ''
    FROM bench_scratch.leaks WHERE removal_at IS NOT NULL
    UNION ALL
    SELECT leak_url_id, 5, 'notice_sent', notice2_at, channel2, route, 'manual',
           printf('N-%d-2', leak_url_id)
    FROM bench_scratch.leaks WHERE notice2_at IS NOT NULL
    UNION ALL
    SELECT leak_url_id, 6, CASE channel2 WHEN 'host' THEN 'removed' ELSE 'delisted' END,
           removal2_at, channel2, route, 'monitor', ''
    FROM bench_scratch.leaks WHERE removal2_at IS NOT NULL
    UNION ALL
    SELECT leak_url_id, 7, 'reinstated', reinstated_at, 'none', 'none', 'monitor', ''
    FROM bench_scratch.leaks WHERE reinstated_at IS NOT NULL
) AS e
WHERE occurred_at <= $as_of
"""
# Light monitoring: a live check 30 min after the first notice, and for a host removal the
# check that found the page gone plus the confirming one 6 h later.
_CHECKS = """
INSERT INTO url_checks (check_id, leak_url_id, checked_at, state, http_status, content_sha256,
                        size_bytes, latency_ms, reason)
SELECT row_number() OVER (ORDER BY leak_url_id, checked_at), leak_url_id, checked_at, state,
       CASE state WHEN 'live' THEN 200 ELSE 404 END,
       CASE state WHEN 'live' THEN sha256(printf('bench-page:%d', leak_url_id)) END,
       CASE state WHEN 'live' THEN 20000 + bench_draw(500000, leak_url_id, 0, $seed, 'size')
                  ELSE 512 END,
       50.0 + bench_draw(900, leak_url_id, checked_at, $seed, 'latency'),
       CASE state WHEN 'removed' THEN 'HTTP 404' END
FROM (
    SELECT leak_url_id, notice_at + INTERVAL 30 MINUTE AS checked_at, 'live' AS state
    FROM bench_scratch.leaks WHERE notice_at IS NOT NULL
    UNION ALL
    SELECT leak_url_id, unnest([gone_at, gone_at + INTERVAL 6 HOUR]), 'removed'
    FROM (SELECT leak_url_id, CASE WHEN channel = 'host' THEN removal_at ELSE removal2_at END
                              AS gone_at FROM bench_scratch.leaks)
    WHERE gone_at IS NOT NULL
) AS c
WHERE checked_at <= $as_of
"""

_SEQUENCES = {
    "clients_id_seq": "SELECT coalesce(max(client_id), 0) FROM clients",
    "queries_id_seq": "SELECT coalesce(max(query_id), 0) FROM queries",
    "serp_runs_id_seq": "SELECT coalesce(max(run_id), 0) FROM serp_runs",
    "serp_results_id_seq": "SELECT coalesce(max(result_id), 0) FROM serp_results",
    "labels_id_seq": "SELECT coalesce(max(label_id), 0) FROM labels",
    "content_assets_id_seq": "SELECT coalesce(max(asset_id), 0) FROM content_assets",
    "content_items_id_seq": "SELECT coalesce(max(item_id), 0) FROM content_items",
    "leak_urls_id_seq": "SELECT coalesce(max(leak_url_id), 0) FROM leak_urls",
    "url_events_id_seq": "SELECT coalesce(max(event_id), 0) FROM url_events",
    "url_checks_id_seq": "SELECT coalesce(max(check_id), 0) FROM url_checks",
}
# Draw n values from the fresh sequence: its next value is then n + 1. (setval is not in every
# DuckDB release the project supports; this is, and costs about 1 s per 20M ids.)
_ADVANCE = {
    name: f"SELECT count(nextval('{name}')) FROM range($n)"  # noqa: S608 (constant names)
    for name in _SEQUENCES
}
#: The tables whose row count ``BenchWarehouse.counts`` reports ("ok_runs": runs with status ok).
COUNTED = (
    "clients", "queries", "domains", "serp_runs", "ok_runs", "serp_results", "harm_scores",
    "labels", "content_assets", "launches", "content_items", "content_fingerprints", "leak_urls",
    "url_events", "url_checks",
)  # fmt: skip
_COUNTS = """
SELECT (SELECT count(*) FROM clients), (SELECT count(*) FROM queries),
       (SELECT count(*) FROM domains), (SELECT count(*) FROM serp_runs),
       (SELECT count(*) FROM serp_runs WHERE status = 'ok'), (SELECT count(*) FROM serp_results),
       (SELECT count(*) FROM harm_scores), (SELECT count(*) FROM labels),
       (SELECT count(*) FROM content_assets), (SELECT count(*) FROM launches),
       (SELECT count(*) FROM content_items), (SELECT count(*) FROM content_fingerprints),
       (SELECT count(*) FROM leak_urls), (SELECT count(*) FROM url_events),
       (SELECT count(*) FROM url_checks)
"""


def build_bench_warehouse(
    path: str | Path,
    *,
    clients: int = 50,
    queries_per_client: int = 200,
    depth: int = 20,
    days: int = 250,
    leak_urls: int = 200_000,
    seed: int = 0,
    progress: Progress | None = None,
) -> BenchWarehouse:
    """Build the benchmark warehouse at ``path`` (a new file, or a warehouse with no clients).

    ``progress`` receives one line per step (what was written and how long it took).
    ``WarehouseError`` when the warehouse already holds clients: the generator never mixes its
    rows with other ones; a rebuild starts from a deleted file.
    """
    if min(clients, queries_per_client, depth, days) < 1 or leak_urls < 0:
        raise ValueError("clients, queries_per_client, depth and days must be >= 1")
    say = progress or (lambda _line: None)
    started = time.perf_counter()
    first = START_AT.replace(tzinfo=None)  # TIMESTAMP columns hold naive UTC
    params: dict[str, Any] = {
        "seed": seed, "clients": clients, "per_client": queries_per_client,
        "queries": clients * queries_per_client, "depth": depth, "days": days,
        "candidates": depth + EXTRA_CANDIDATES, "harmful_pct": HARMFUL_QUERY_PCT,
        "model_version": MODEL_VERSION, "leak_urls": leak_urls, "start": first,
        "as_of": first + timedelta(days=days), "created_at": first - timedelta(days=30),
    }  # fmt: skip
    with open_warehouse(path) as con:
        if con.execute("SELECT count(*) FROM clients").fetchall()[0][0]:
            raise WarehouseError(f"{path} already holds clients: build into a new file")
        con.execute(_ATTACH_SCRATCH)
        try:
            _fill(con, _Runner(params, say), days)
        finally:
            con.execute(_DETACH_SCRATCH)
        with _timed(say, "sequences, checkpoint"):
            for name, max_sql in _SEQUENCES.items():
                top = int(con.execute(max_sql).fetchall()[0][0])
                if top:
                    con.execute(_ADVANCE[name], {"n": top})
            con.execute("CHECKPOINT")
        row = con.execute(_COUNTS).fetchall()[0]
    return BenchWarehouse(
        path=str(path), clients=clients, queries_per_client=queries_per_client, depth=depth,
        days=days, leak_urls=leak_urls, seed=seed,
        counts=dict(zip(COUNTED, (int(v) for v in row), strict=True)),
        first_slot_at=START_AT + timedelta(hours=6), as_of=START_AT + timedelta(days=days),
        build_s=time.perf_counter() - started, file_bytes=Path(path).stat().st_size,
    )  # fmt: skip


def _fill(con: duckdb.DuckDBPyConnection, run: _Runner, days: int) -> None:
    """Every INSERT, in foreign-key order.

    Results and their scores are written in chunks of days through two connections: while one
    writes the results of a chunk, the other writes the scores of the previous one. Keeping
    the key indexes up to date is mostly single-threaded work, so the overlap uses the second
    core; the scores' foreign key only ever sees results already committed.
    """
    run.session(con)
    with _timed(run.say, "clients, queries, domains, run plan"):
        run(con, _CLIENTS, _QUERIES, _POOL, _DOMAINS, _CANDIDATES, _RUN_STATE)
    with _timed(run.say, "serp_runs"):
        run(con, _RUNS)
    scores = con.cursor()
    run.session(scores)
    with scores, ThreadPoolExecutor(max_workers=1) as pool, _timed(run.say, "results, scores"):
        pending: Future[None] | None = None
        for first_day in range(0, days, _DAYS_PER_CHUNK):
            end_day = min(days, first_day + _DAYS_PER_CHUNK)
            chunk = {"first_day": first_day, "end_day": end_day}
            with _timed(run.say, f"  serp_results, days {first_day}-{end_day - 1}"):
                run(con, _RESULTS, **chunk)
            if pending is not None:
                pending.result()
            pending = pool.submit(run, scores, _HARM, **chunk)
        if pending is not None:
            pending.result()
    with _timed(run.say, "labels, content_assets, launches"):
        results = int(con.execute("SELECT count(*) FROM serp_results").fetchall()[0][0])
        run(con, _LABELS, labels=min(results, max(10, results // RESULTS_PER_LABEL)))
        run(con, _ASSETS, _LAUNCHES)
    with _timed(run.say, "content_items, leak_urls, url_events, url_checks"):
        run(con, _ITEMS, _CONTENT_ITEMS, _FINGERPRINTS, _LEAK_STATE, _LEAK_URLS, _EVENTS, _CHECKS)


class _Runner:
    """Executes statements with the build's parameters, each binding only the ``$names`` it
    uses (DuckDB refuses extra ones)."""

    def __init__(self, params: dict[str, Any], say: Progress) -> None:
        self.params = params
        self.say = say

    def session(self, con: duckdb.DuckDBPyConnection) -> None:
        """Settings and TEMP macros are per connection: each connection gets its own."""
        for statement in _SESSION:
            con.execute(statement)

    def __call__(self, con: duckdb.DuckDBPyConnection, *statements: str, **extra: Any) -> None:
        params = {**self.params, **extra}
        for sql in statements:
            con.execute(sql, {name: params[name] for name in set(_PARAM.findall(sql))})


@contextmanager
def _timed(say: Progress, label: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    say(f"{label}: {time.perf_counter() - started:.1f} s")
