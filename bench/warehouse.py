"""``python -m bench.warehouse [PATH] [--small]``: build the synthetic benchmark warehouse once,
then reuse it for as long as what it was built from stays the same.

The full warehouse (~48.5M results) takes minutes to build and gigabytes of disk, while the KPI
and dashboard benchmarks that read it run in seconds; so the file is cached. A sidecar
``PATH.json`` records what it was built from (``data.bench_warehouse.bench_fingerprint``: the
parameters, the generator's version, the checksum of every migration) and what was built (row
counts, build time, size). The file is rebuilt when the sidecar is missing or says otherwise,
when the file's size changed since (something wrote to it), or when a WAL is left over.

Only files this module built (those with a sidecar, even from a build that died half-way) are
ever deleted: a path holding anything else is refused rather than overwritten. The warehouse
never goes inside the repository (it would end up in git).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from data.bench_warehouse import (
    BenchSize,
    BenchWarehouse,
    Progress,
    bench_fingerprint,
    build_bench_warehouse,
)

FULL: BenchSize = {
    "clients": 50, "queries_per_client": 200, "depth": 20, "days": 250, "leak_urls": 200_000,
}  # fmt: skip
SMALL: BenchSize = {
    "clients": 5, "queries_per_client": 40, "depth": 20, "days": 60, "leak_urls": 10_000,
}  # fmt: skip
DEFAULT_PATH = Path("/tmp/serpshield-bench/bench.duckdb")
REPO = Path(__file__).resolve().parents[1]


class BenchPathError(ValueError):
    """A path the benchmark warehouse must not be built at."""


def sidecar_path(path: Path) -> Path:
    """Where the record of the warehouse at ``path`` lives: ``PATH.json``."""
    return path.with_name(path.name + ".json")


def ensure_bench_warehouse(
    path: Path = DEFAULT_PATH,
    *,
    small: bool = False,
    seed: int = 0,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> tuple[BenchWarehouse, bool]:
    """The benchmark warehouse at ``path``, built only when needed; returns it and whether it
    was built now. ``rebuild`` forces a new build of a file this module made."""
    path = path.resolve()
    if path.is_relative_to(REPO):
        raise BenchPathError(f"{path} is inside the repository: build the warehouse elsewhere")
    size = SMALL if small else FULL
    fingerprint = bench_fingerprint(**size, seed=seed)
    record = _read_sidecar(path)
    current = None if rebuild or record is None else _current(path, record, fingerprint)
    if current is not None:
        return current, False
    if path.exists() and record is None:
        raise BenchPathError(
            f"{path} exists and was not built by bench.warehouse (no {sidecar_path(path).name}):"
            " choose another path or delete it yourself"
        )
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Claim the path before building, so a build that dies half-way is still ours to delete.
    _write_sidecar(path, {"fingerprint": fingerprint, "complete": False})
    warehouse = build_bench_warehouse(path, **size, seed=seed, progress=progress)
    _write_sidecar(path, {"fingerprint": fingerprint, "complete": True,
                          "warehouse": _to_json(warehouse)})  # fmt: skip
    return warehouse, True


def _current(
    path: Path, record: dict[str, Any], fingerprint: dict[str, Any]
) -> BenchWarehouse | None:
    """The recorded warehouse if the file at ``path`` is still what the record says."""
    if record.get("complete") is not True or record.get("fingerprint") != fingerprint:
        return None
    try:
        warehouse = _from_json(record["warehouse"])
    except (KeyError, TypeError, ValueError):  # a record this version cannot read: stale
        return None
    wal = path.with_name(path.name + ".wal")
    if not path.is_file() or wal.exists() or path.stat().st_size != warehouse.file_bytes:
        return None
    return warehouse


def _read_sidecar(path: Path) -> dict[str, Any] | None:
    try:
        record = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _write_sidecar(path: Path, record: dict[str, Any]) -> None:
    sidecar_path(path).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def _to_json(warehouse: BenchWarehouse) -> dict[str, Any]:
    data = asdict(warehouse)
    data["first_slot_at"] = warehouse.first_slot_at.isoformat()
    data["as_of"] = warehouse.as_of.isoformat()
    return data


def _from_json(data: dict[str, Any]) -> BenchWarehouse:
    times = {k: datetime.fromisoformat(data[k]) for k in ("first_slot_at", "as_of")}
    return BenchWarehouse(**{**data, **times})


def _summary(warehouse: BenchWarehouse, built: bool) -> str:
    lines = [
        f"{'benchmark warehouse':<24} {warehouse.path}",
        f"{'status':<24} {'built now' if built else 'reused (parameters unchanged)'}",
        f"{'build time':<24} {warehouse.build_s:,.1f} s",
        f"{'file size':<24} {warehouse.file_bytes / 2**30:,.2f} GiB",
        f"{'period':<24} {warehouse.first_slot_at:%Y-%m-%d} .. {warehouse.as_of:%Y-%m-%d}",
    ]
    lines += [f"{name:<24} {count:>14,}" for name, count in warehouse.counts.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Build or reuse the warehouse, then print a summary and its JSON record."""
    parser = argparse.ArgumentParser(prog="python -m bench.warehouse", description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH,
                        help=f"the warehouse file (default {DEFAULT_PATH})")  # fmt: skip
    parser.add_argument(
        "--small", action="store_true", help="5 clients x 40 queries x 60 days, not 50 x 200 x 250"
    )
    parser.add_argument("--seed", type=int, default=0, help="the generator's seed (default 0)")
    parser.add_argument("--rebuild", action="store_true", help="build even if the file is current")
    args = parser.parse_args(argv)
    try:
        warehouse, built = ensure_bench_warehouse(
            args.path, small=args.small, seed=args.seed, rebuild=args.rebuild,
            progress=lambda line: print(line, flush=True),
        )  # fmt: skip
    except BenchPathError as exc:
        sys.exit(f"error: {exc}")
    print(_summary(warehouse, built))
    print(json.dumps(_to_json(warehouse), indent=2))


if __name__ == "__main__":
    main()
