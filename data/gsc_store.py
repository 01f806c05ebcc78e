"""Search Console performance rows, keyed by the file they came from and their line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import duckdb
import pyarrow as pa

from data.store import transaction

_ROWS = pa.schema(
    [
        ("line", pa.int32()),
        ("on_date", pa.date32()),
        ("query", pa.string()),
        ("page", pa.string()),
        ("clicks", pa.int32()),
        ("impressions", pa.int32()),
        ("ctr", pa.float64()),
        ("position", pa.float64()),
    ]
)
_INSERT = """
INSERT INTO gsc_rows (client_id, file_sha256, line, on_date, query, page, clicks, impressions,
                      ctr, position, imported_at)
SELECT c.client_id, $sha, i.line, i.on_date, i.query, i.page, i.clicks, i.impressions, i.ctr,
       i.position, $now
FROM incoming_gsc i CROSS JOIN clients c
WHERE c.slug = $client
ON CONFLICT (client_id, file_sha256, line) DO NOTHING
"""


def write_gsc_rows(
    con: duckdb.DuckDBPyConnection,
    client: str,
    file_sha256: str,
    rows: Sequence[tuple[int, date | None, str | None, str | None, int, int, float, float | None]],
    now: datetime,
) -> int:
    """Store (line, date, query, page, clicks, impressions, ctr, position) rows of one file;
    the same file again adds nothing. Returns the rows added."""
    frame = pa.Table.from_pylist([dict(zip(_ROWS.names, r, strict=True)) for r in rows],
                                 schema=_ROWS)  # fmt: skip
    con.register("incoming_gsc", frame)
    try:
        with transaction(con):
            row = con.execute(
                _INSERT, {"sha": file_sha256, "client": client, "now": now}
            ).fetchone()
    finally:
        con.unregister("incoming_gsc")
    return int(row[0]) if row else 0
