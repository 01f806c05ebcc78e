"""``make bench`` entry point: ``python -m bench`` runs every benchmark in full, ``--quick`` a
smaller version for a fast check. Prints tables and writes ``bench/results.json``."""

from __future__ import annotations

import argparse
import json
import platform
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from bench.collect import (
    FULL_QUERIES,
    QUICK_QUERIES,
    TARGET_PEAK_MB,
    TARGET_RATIO,
    CollectBench,
    run_collect_bench,
)
from bench.harm import TARGET_PER_S, HarmBench, run_harm_bench
from bench.parse import ParseBench, run_parse_bench

RESULTS = Path(__file__).resolve().parent / "results.json"


def _collect_table(result: CollectBench) -> str:
    memory = f"< {TARGET_PEAK_MB:.0f}"
    rows = [
        ("queries (1 page each)", f"{result.queries:,}", ""),
        ("wall time", f"{result.wall_s:.2f} s", ""),
        ("latency-bound ceiling", f"{result.ceiling_s:.2f} s", ""),
        ("wall / ceiling", f"{result.ratio:.3f}", f"<= {TARGET_RATIO}"),
        ("ok runs", f"{result.ok_runs:,}", f"= {result.queries:,}"),
        ("results stored", f"{result.results:,}", ""),
        ("rate-limit violations", str(result.rate_violations), "0"),
        ("most requests in 1 s", str(result.peak_requests_per_s), ""),
        ("tracemalloc peak (pass 2)", f"{result.tracemalloc_peak_mb:.1f} MiB", memory),
        ("max RSS (timed pass)", f"{result.maxrss_mb:.1f} MiB", memory),
    ]
    lines = [f"{'collect':<26} {'measured':>12}  target", "-" * 48]
    lines += [f"{name:<26} {value:>12}  {target}" for name, value, target in rows]
    lines.append(f"{'verdict':<26} {'PASS' if result.passed else 'FAIL':>12}")
    return "\n".join(lines)


def _parse_table(rows: list[ParseBench], problem: str | None) -> str:
    if problem:
        return f"parse: skipped: {problem}"
    lines = [f"{'parse':<12} {'fixture':<58} {'KiB':>7} {'pages/s':>9} {'organic':>7}", "-" * 97]
    for r in rows:
        rate = f"{r.pages_per_s:,.0f}" if r.pages_per_s is not None else (r.error or "-")
        organic = "" if r.organic is None else str(r.organic)
        lines.append(f"{r.source:<12} {r.fixture[:58]:<58} {r.kib:>7} {rate:>9} {organic:>7}")
    return "\n".join(lines)


def _harm_table(result: HarmBench) -> str:
    rows = [
        ("training data", Path(result.training_data).name, ""),
        ("training rows", f"{result.training_rows:,}", ""),
        ("fit time", f"{result.fit_s:.2f} s", ""),
        ("results scored", f"{result.results:,}", f"batches of {result.batch:,}"),
        ("results/s (1 core)", f"{result.per_s:,.0f}", f">= {TARGET_PER_S:,.0f}"),
        ("ratio to target", f"{result.ratio:.3f}", ">= 1"),
    ]
    lines = [f"{'harm scoring':<26} {'measured':>12}  target", "-" * 48]
    lines += [f"{name:<26} {value:>12}  {target}" for name, value, target in rows]
    lines.append(f"{'verdict':<26} {'PASS' if result.passed else 'FAIL':>12}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmarks, print their tables and JSON, and write ``bench/results.json``."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1,000 queries instead of 10,000")
    args = parser.parse_args(argv)
    collect = run_collect_bench(QUICK_QUERIES if args.quick else FULL_QUERIES)
    parse_rows, parse_problem = run_parse_bench(*((5, 0.5) if args.quick else (50, 2.0)))
    harm = run_harm_bench(*((20_000, 5_000, 2) if args.quick else (200_000, 5_000, 3)))
    print(_collect_table(collect))
    print()
    print(_parse_table(parse_rows, parse_problem))
    print()
    print(_harm_table(harm))
    report = {
        "run_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": "quick" if args.quick else "full",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "collect": {**asdict(collect), "passed": collect.passed},
        "parse": [asdict(r) for r in parse_rows],
        "parse_skipped": parse_problem,
        "harm": {**asdict(harm), "passed": harm.passed},
    }
    text = json.dumps(report, indent=2)
    print()
    print(text)
    RESULTS.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
