"""The synthetic benchmark warehouse, built tiny: exact row counts, valid keys and ranges in the
real schema, realistic structure (gaps, persistent harm, valid leak lifecycles), determinism,
and the cache of ``bench.warehouse`` that rebuilds only a stale file it made itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import bench.warehouse as bench_warehouse
from data.bench_warehouse import MODEL_VERSION, BenchSize, BenchWarehouse, build_bench_warehouse
from data.errors import WarehouseError
from data.migrate import load_migrations, schema_version
from data.queries import TABLES
from data.store import open_warehouse
from models.lifecycle import compute_states

TINY: BenchSize = {
    "clients": 2, "queries_per_client": 3, "depth": 5, "days": 4, "leak_urls": 20,
}  # fmt: skip
# Big enough for the statistics (80 queries x 56 days; 3,000 leak URLs), still ~2 s to build.
REALISTIC: BenchSize = {
    "clients": 2, "queries_per_client": 40, "depth": 20, "days": 56, "leak_urls": 3000,
}  # fmt: skip

# child table, column, parent table, parent column
FOREIGN_KEYS = [
    ("queries", "client_id", "clients", "client_id"),
    ("domains", "client_id", "clients", "client_id"),
    ("serp_runs", "query_id", "queries", "query_id"),
    ("serp_results", "run_id", "serp_runs", "run_id"),
    ("harm_scores", "result_id", "serp_results", "result_id"),
    ("labels", "result_id", "serp_results", "result_id"),
    ("content_items", "client_id", "clients", "client_id"),
    ("content_fingerprints", "item_id", "content_items", "item_id"),
    ("leak_urls", "item_id", "content_items", "item_id"),
    ("url_events", "leak_url_id", "leak_urls", "leak_url_id"),
    ("url_checks", "leak_url_id", "leak_urls", "leak_url_id"),
    ("content_assets", "client_id", "clients", "client_id"),
    ("content_assets", "target_query_id", "queries", "query_id"),
    ("launches", "client_id", "clients", "client_id"),
]
UNIQUE_KEYS = [
    ("clients", "client_id"), ("clients", "slug"), ("queries", "query_id"),
    ("queries", "client_id, text, engine, gl, hl, device"), ("domains", "client_id, domain"),
    ("serp_runs", "run_id"), ("serp_runs", "query_id, source, page, slot_at"),
    ("serp_results", "result_id"), ("serp_results", "run_id, result_type, position"),
    ("serp_results", "run_id, normalized_url"), ("harm_scores", "result_id, model_version"),
    ("labels", "label_id"), ("labels", "result_id, labelled_at"),
    ("content_items", "item_id"), ("content_items", "client_id, title"),
    ("leak_urls", "leak_url_id"), ("leak_urls", "item_id, normalized_url"),
    ("url_events", "event_id"),
    ("url_events", "leak_url_id, event, occurred_at, channel, reference"),
    ("url_checks", "check_id"), ("url_checks", "leak_url_id, checked_at"),
    ("content_assets", "asset_id"), ("content_assets", "client_id, title"),
    ("launches", "client_id, name"),
]  # fmt: skip
SEQUENCES = [
    ("clients", "client_id"), ("queries", "query_id"), ("serp_runs", "run_id"),
    ("serp_results", "result_id"), ("labels", "label_id"), ("content_items", "item_id"),
    ("leak_urls", "leak_url_id"), ("url_events", "event_id"), ("url_checks", "check_id"),
    ("content_assets", "asset_id"),
]  # fmt: skip


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> BenchWarehouse:
    return build_bench_warehouse(tmp_path_factory.mktemp("tiny") / "b.duckdb", **TINY, seed=7)


@pytest.fixture(scope="module")
def realistic(tmp_path_factory: pytest.TempPathFactory) -> BenchWarehouse:
    return build_bench_warehouse(tmp_path_factory.mktemp("real") / "b.duckdb", **REALISTIC)


def scalar(warehouse: BenchWarehouse, sql: str) -> Any:
    with open_warehouse(warehouse.path, read_only=True) as con:
        return con.execute(sql).fetchall()[0][0]


def frame(warehouse: BenchWarehouse, sql: str) -> pd.DataFrame:
    with open_warehouse(warehouse.path, read_only=True) as con:
        return con.execute(sql).df()


def test_row_counts_are_exactly_as_parameterised(tiny: BenchWarehouse) -> None:
    counts = tiny.counts
    assert counts["clients"] == 2
    assert counts["queries"] == 2 * 3
    assert counts["serp_runs"] == 2 * 3 * 4
    assert counts["serp_results"] == counts["ok_runs"] * 5 == counts["harm_scores"]
    assert counts["leak_urls"] == 20
    assert counts["labels"] == 10
    assert counts["content_fingerprints"] == counts["content_items"] >= 1
    assert (counts["content_assets"], counts["launches"]) == (2 * 6, 2 * 2)
    per_run = frame(
        tiny,
        "SELECT r.status, count(s.result_id) AS n FROM serp_runs r "
        "LEFT JOIN serp_results s USING (run_id) GROUP BY r.run_id, r.status",
    )
    assert set(per_run.loc[per_run.status == "ok", "n"]) == {5}
    assert set(per_run.loc[per_run.status != "ok", "n"]) <= {0}
    with open_warehouse(tiny.path, read_only=True) as con:
        for table in counts.keys() & set(TABLES):
            assert con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] == counts[table]


def test_the_schema_is_current_and_nothing_else_is_left(tiny: BenchWarehouse) -> None:
    with open_warehouse(tiny.path, read_only=True) as con:  # a reader checks the schema
        assert schema_version(con) == len(load_migrations())
        tables = {
            row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        macros = con.execute(
            "SELECT count(*) FROM duckdb_functions() WHERE function_name LIKE 'bench%'"
        ).fetchall()[0][0]
    assert tables == {*TABLES, "schema_migrations"}
    assert macros == 0


@pytest.mark.parametrize(("child", "column", "parent", "key"), FOREIGN_KEYS)
def test_every_foreign_key_holds(
    tiny: BenchWarehouse, child: str, column: str, parent: str, key: str
) -> None:
    orphans = scalar(
        tiny,
        f"SELECT count(*) FROM {child} c WHERE c.{column} IS NOT NULL "
        f"AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.{key} = c.{column})",
    )
    assert orphans == 0
    assert scalar(tiny, f"SELECT count({column}) FROM {child}") > 0


@pytest.mark.parametrize(("table", "key"), UNIQUE_KEYS)
def test_unique_keys_hold(tiny: BenchWarehouse, table: str, key: str) -> None:
    assert scalar(tiny, f"SELECT count(*) - count(DISTINCT ({key})) FROM {table}") == 0


def test_runs_results_and_scores_are_in_range(tiny: BenchWarehouse) -> None:
    runs = frame(tiny, "SELECT * FROM serp_runs")
    assert set(runs.status) <= {"ok", "failed", "blocked", "empty"}
    ok = runs.status == "ok"
    assert runs.loc[ok, "payload_sha256"].str.fullmatch(r"[0-9a-f]{64}").all()
    assert runs.loc[~ok, "payload_sha256"].isna().all()
    assert runs.payload.isna().all()
    assert ((runs.slot_at.dt.hour == 6) & (runs.slot_at.dt.minute == 0)).all()
    assert (runs.requested_at >= runs.slot_at).all()
    fetched = runs.fetched_at.notna()
    assert (runs.fetched_at[fetched] > runs.requested_at[fetched]).all()
    assert runs.groupby("query_id").slot_at.nunique().eq(TINY["days"]).all()  # one run a day
    results = frame(tiny, "SELECT s.*, h.score, h.model_version FROM serp_results s "
                          "JOIN harm_scores h USING (result_id)")  # fmt: skip
    assert results.position.between(1, TINY["depth"]).all()
    assert (results.result_type == "organic").all()
    assert results.url.str.startswith("https://").all()
    assert results.apply(lambda r: r.domain in r.url, axis=1).all()
    assert results.score.between(0, 1).all()
    assert set(results.model_version) == {MODEL_VERSION}


def test_leak_side_is_in_range(tiny: BenchWarehouse) -> None:
    as_of = pd.Timestamp(tiny.as_of).tz_localize(None)
    urls = frame(tiny, "SELECT * FROM leak_urls")
    assert (urls.first_seen_at < as_of).all()
    published = urls.published_at.notna()
    assert (urls.published_at[published] < urls.first_seen_at[published]).all()
    assert urls.url_sha256.str.fullmatch(r"[0-9a-f]{64}").all()
    assert scalar(tiny, "SELECT max(occurred_at) FROM url_events") <= as_of
    assert scalar(tiny, "SELECT count(*) FROM url_events WHERE event = 'detected'") == 20


def test_sequences_continue_after_the_generated_ids(tmp_path: Path) -> None:
    warehouse = build_bench_warehouse(tmp_path / "b.duckdb", **TINY)
    with open_warehouse(warehouse.path) as con:
        for table, column in SEQUENCES:
            top = con.execute(f"SELECT max({column}) FROM {table}").fetchall()[0][0]
            following = con.execute(f"SELECT nextval('{table}_id_seq')").fetchall()[0][0]
            assert following == top + 1, table


def test_a_seed_gives_the_same_warehouse(tiny: BenchWarehouse, tmp_path: Path) -> None:
    again = build_bench_warehouse(tmp_path / "again.duckdb", **TINY, seed=7)
    other = build_bench_warehouse(tmp_path / "other.duckdb", **TINY, seed=8)
    assert again.counts == tiny.counts
    for table in TABLES:
        ordered = f"SELECT * FROM {table} ORDER BY ALL"
        assert frame(again, ordered).equals(frame(tiny, ordered)), table
    scores = "SELECT result_id, score FROM harm_scores ORDER BY ALL"
    assert not frame(other, scores).equals(frame(tiny, scores))


def test_a_warehouse_with_clients_is_refused(tiny: BenchWarehouse) -> None:
    with pytest.raises(WarehouseError, match="already holds clients"):
        build_bench_warehouse(tiny.path, **TINY)


def test_harm_comes_in_incidents_that_open_and_close(realistic: BenchWarehouse) -> None:
    snapshots = frame(
        realistic,
        "SELECT r.query_id, r.slot_at, max(h.score) FILTER (WHERE s.position <= 10) >= 0.5 "
        "AS harmful FROM serp_runs r JOIN serp_results s USING (run_id) "
        "JOIN harm_scores h USING (result_id) GROUP BY ALL ORDER BY ALL",
    )
    queries = snapshots.groupby("query_id").harmful.any()
    assert 0.05 <= queries.mean() <= 0.35  # ~15% of queries show harm in the top 10
    previous = snapshots.groupby("query_id").harmful.shift()
    persistent = snapshots.harmful[previous.eq(True)].mean()
    assert persistent > 0.5 > snapshots.harmful.mean()  # harm persists, it is not iid noise
    assert (snapshots.harmful & previous.eq(False)).sum() >= 3  # incidents open...
    assert (~snapshots.harmful & previous.eq(True)).sum() >= 3  # ...and close
    not_ok = scalar(realistic, "SELECT avg((status <> 'ok')::INT) FROM serp_runs")
    assert 0.01 <= not_ok <= 0.06  # ~3% unobserved runs: gaps
    owned = scalar(realistic, "SELECT count(*) FROM serp_results s JOIN domains d "
                              "ON d.domain = s.domain AND d.category = 'owned'")  # fmt: skip
    assert owned > 0


def test_leak_lifecycles_are_valid_and_varied(realistic: BenchWarehouse) -> None:
    events = frame(realistic, "SELECT leak_url_id, event, occurred_at, channel, legal_route "
                              "FROM url_events")  # fmt: skip
    states = compute_states(events)  # raises on an impossible transition
    assert len(states) == REALISTIC["leak_urls"]
    assert {"noticed", "removed", "delisted", "reinstated", "rejected"} <= set(states.state)
    notices = events[events.event == "notice_sent"]
    assert set(notices.channel) == {"host", "google", "bing"}
    assert set(notices.legal_route) == {"copyright", "privacy_ncii", "other"}
    assert 0.8 <= notices.leak_url_id.nunique() / REALISTIC["leak_urls"] <= 0.95
    sizes = frame(
        realistic, "SELECT count(*) AS n FROM leak_urls GROUP BY item_id ORDER BY item_id"
    ).n
    assert sizes.iloc[:-1].between(10, 50).all() if len(sizes) > 1 else True
    known = scalar(realistic, "SELECT avg((published_at IS NOT NULL)::INT) FROM leak_urls")
    assert 0.2 <= known <= 0.4
    later = scalar(
        realistic,
        "SELECT count(*) FROM leak_urls u JOIN (SELECT item_id, min(first_seen_at) AS first "
        "FROM leak_urls GROUP BY 1) i USING (item_id) "
        "WHERE u.first_seen_at > i.first + INTERVAL 7 DAY",
    )
    assert later > 0  # copies found long after the first ones: recirculation to measure


def test_the_cache_reuses_a_current_file_and_rebuilds_a_stale_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench_warehouse, "SMALL", TINY)
    path = tmp_path / "bench.duckdb"
    first, built = bench_warehouse.ensure_bench_warehouse(path, small=True)
    assert built and bench_warehouse.sidecar_path(path).exists()
    again, built = bench_warehouse.ensure_bench_warehouse(path, small=True)
    assert not built and again == first
    _, built = bench_warehouse.ensure_bench_warehouse(path, small=True, seed=1)
    assert built  # other parameters: stale
    monkeypatch.setattr(bench_warehouse, "SMALL", {**TINY, "days": 5})
    rebuilt, built = bench_warehouse.ensure_bench_warehouse(path, small=True, seed=1)
    assert built and rebuilt.counts["serp_runs"] == 2 * 3 * 5


def test_a_build_that_died_half_way_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench_warehouse, "SMALL", TINY)
    path = tmp_path / "bench.duckdb"
    path.write_bytes(b"half a warehouse")
    bench_warehouse.sidecar_path(path).write_text('{"complete": false}', encoding="utf-8")
    warehouse, built = bench_warehouse.ensure_bench_warehouse(path, small=True)
    assert built and warehouse.counts["clients"] == 2


def test_the_cache_never_deletes_a_file_it_did_not_build(tmp_path: Path) -> None:
    path = tmp_path / "warehouse.duckdb"
    path.write_bytes(b"someone's data")
    with pytest.raises(bench_warehouse.BenchPathError, match="not built by"):
        bench_warehouse.ensure_bench_warehouse(path, small=True)
    assert path.read_bytes() == b"someone's data"
    inside = bench_warehouse.REPO / "bench" / "bench.duckdb"
    with pytest.raises(bench_warehouse.BenchPathError, match="inside the repository"):
        bench_warehouse.ensure_bench_warehouse(inside, small=True)
    assert not inside.exists()
