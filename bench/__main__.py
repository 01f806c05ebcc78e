"""``make bench`` entry point: ``python -m bench`` runs every benchmark in full, ``--quick`` a
smaller version for a fast check, ``--only`` some of them. Prints tables and writes
``bench/results.json``.

The KPI benchmark reads a synthetic warehouse (``bench.warehouse``): by default the full one at
``DEFAULT_PATH`` (or, with ``--quick``, the small one at ``QUICK_PATH``), built first when it is
missing or stale; ``--warehouse PATH`` reads the warehouse at PATH as it is, never building it.
A run with ``--only`` keeps the previous results of the benchmarks it skipped in
``results.json`` (each section records when and in which mode it was measured), so that
``--only kpi`` does not erase the collection figures."""

from __future__ import annotations

import argparse
import json
import platform
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.collect import (
    FULL_QUERIES,
    QUICK_QUERIES,
    TARGET_PEAK_MB,
    TARGET_RATIO,
    CollectBench,
    run_collect_bench,
)
from bench.harm import TARGET_PER_S, HarmBench, run_harm_bench
from bench.kpi import (
    TARGET_CLIENT_S,
    TARGET_PORTFOLIO_S,
    KpiBench,
    kpi_report,
    run_kpi_bench,
)
from bench.kpi import TARGET_RATIO as KPI_TARGET_RATIO
from bench.parse import ParseBench, run_parse_bench
from bench.warehouse import DEFAULT_PATH, BenchPathError, ensure_bench_warehouse

RESULTS = Path(__file__).resolve().parent / "results.json"
BENCHMARKS = ("collect", "parse", "harm", "kpi")
QUICK_PATH = DEFAULT_PATH.with_name("bench-small.duckdb")


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


def _kpi_table(result: KpiBench) -> str:
    ratio = f"<= {KPI_TARGET_RATIO}"
    lines = [
        f"kpi: {result.results:,} results, {result.clients} clients, client {result.client},"
        f" as of {result.as_of[:10]}, best of {result.repeat} after a warm-up",
        f"{'aggregate':<14} {'scope':<9} {'load s':>8} {'compute s':>9} {'engine s':>9}"
        f" {'SQL s':>8} {'ratio':>7} {'rows':>8} {'runs':>4}  verdict ({ratio})",
        "-" * 100,
    ]
    for a in result.aggregates:
        lines.append(
            f"{a.name:<14} {a.scope:<9} {a.load_s:>8.3f} {a.compute_s:>9.3f} {a.engine_s:>9.3f}"
            f" {a.baseline_s:>8.3f} {a.ratio:>7.2f} {a.rows:>8,} {a.runs:>4}"
            f"  {'PASS' if a.passed else 'FAIL'}"
        )
    totals = [
        ("client_kpis", result.client_s, result.client_baseline_s, result.client_ratio,
         TARGET_CLIENT_S, result.client_passed),
        ("portfolio_kpis", result.portfolio_s, result.portfolio_baseline_s,
         result.portfolio_ratio, TARGET_PORTFOLIO_S, result.portfolio_passed),
    ]  # fmt: skip
    lines += ["-" * 100, f"{'entry point':<24} {'seconds':>9} {'SQL s':>8} {'ratio':>7}  target"]
    for name, seconds, sql_s, r, target, passed in totals:
        lines.append(
            f"{name:<24} {seconds:>9.3f} {sql_s:>8.3f} {r:>7.2f}  < {target} s, ratio {ratio}:"
            f" {'PASS' if passed else 'FAIL'}"
        )
    load = ", ".join(f"{x:.2f}" for x in result.load_average)
    lines.append(f"{'max RSS':<24} {result.maxrss_mb:>9.1f} MiB   load average (1/5/15 min, "
                 f"before, after): {load}")  # fmt: skip
    lines.append(f"{'verdict':<24} {'PASS' if result.passed else 'FAIL':>9}")
    return "\n".join(lines)


def _selected(only: list[str] | None) -> list[str]:
    """The benchmarks named by ``--only`` (comma-separated or repeated), all by default."""
    names = [n.strip() for value in only or [] for n in value.split(",") if n.strip()]
    unknown = sorted(set(names) - set(BENCHMARKS))
    if unknown:
        raise SystemExit(f"--only: unknown benchmark(s) {', '.join(unknown)};"
                         f" choose among {', '.join(BENCHMARKS)}")  # fmt: skip
    return [n for n in BENCHMARKS if n in names] if names else list(BENCHMARKS)


def _kpi_warehouse(warehouse: Path | None, quick: bool) -> Path:
    """The warehouse the KPI benchmark reads: ``warehouse`` as it is, else the generated one
    (small with ``quick``), built now if missing or stale."""
    if warehouse is not None:
        if not warehouse.is_file():
            raise SystemExit(f"--warehouse: no warehouse at {warehouse}")
        return warehouse
    path = QUICK_PATH if quick else DEFAULT_PATH
    try:
        ensure_bench_warehouse(path, small=quick, progress=lambda line: print(line, flush=True))
    except BenchPathError as exc:
        raise SystemExit(f"error: {exc}") from exc
    return path


def _previous_report() -> dict[str, Any]:
    try:
        report = json.loads(RESULTS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return report if isinstance(report, dict) else {}


def main(argv: list[str] | None = None) -> None:
    """Run the benchmarks, print their tables and JSON, and write ``bench/results.json``."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smaller runs: 1,000 queries instead of 10,000, the small warehouse",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAMES",
        help=f"run only these benchmarks, comma-separated: {', '.join(BENCHMARKS)} (default: all)",
    )
    parser.add_argument("--warehouse", type=Path, default=None, metavar="PATH",
                        help=f"the warehouse the KPI benchmark reads (default {DEFAULT_PATH},"
                        f" with --quick {QUICK_PATH}, built if missing)")  # fmt: skip
    args = parser.parse_args(argv)
    selected = _selected(args.only)
    mode = "quick" if args.quick else "full"
    run_at = datetime.now(UTC).isoformat(timespec="seconds")
    sections: dict[str, Any] = {}
    tables: list[str] = []
    if "collect" in selected:
        collect = run_collect_bench(QUICK_QUERIES if args.quick else FULL_QUERIES)
        tables.append(_collect_table(collect))
        sections["collect"] = {**asdict(collect), "passed": collect.passed}
    if "parse" in selected:
        parse_rows, parse_problem = run_parse_bench(*((5, 0.5) if args.quick else (50, 2.0)))
        tables.append(_parse_table(parse_rows, parse_problem))
        sections["parse"] = [asdict(r) for r in parse_rows]
        sections["parse_skipped"] = parse_problem
    if "harm" in selected:
        harm = run_harm_bench(*((20_000, 5_000, 2) if args.quick else (200_000, 5_000, 3)))
        tables.append(_harm_table(harm))
        sections["harm"] = {**asdict(harm), "passed": harm.passed}
    if "kpi" in selected:
        path = _kpi_warehouse(args.warehouse, args.quick)
        kpi = run_kpi_bench(path, repeat=3 if args.quick else 5)
        tables.append(_kpi_table(kpi))
        sections["kpi"] = kpi_report(kpi)
    print("\n\n".join(tables))
    previous = _previous_report()
    kept = {k: v for k, v in previous.items() if k.split("_")[0] in BENCHMARKS}
    measured = previous.get("measured")
    measured = dict(measured) if isinstance(measured, dict) else {}
    for name in {k.split("_")[0] for k in kept} - measured.keys():  # from before "measured"
        measured[name] = {"run_at": previous.get("run_at"), "mode": previous.get("mode")}
    measured.update({name: {"run_at": run_at, "mode": mode} for name in selected})
    report = {
        **kept,
        "run_at": run_at,
        "mode": mode,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "measured": measured,
        **sections,
    }
    text = json.dumps(report, indent=2)
    print()
    print(text)
    RESULTS.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
