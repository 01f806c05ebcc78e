"""The audit log as a hash chain: who changed what, when, and proof that nobody rewrote it.

Each row stores ``prev_hash`` (the previous row's ``row_hash``; 64 zeros for the first row)
and ``row_hash``, the SHA-256 of one canonical text::

    audit_id|logged_at|actor|action|subject|details|prev_hash

with ``logged_at`` as ``2026-11-24T06:00:00.000000Z`` (UTC, six fractional digits) and, in the
four text fields, ``\\`` written ``\\\\`` and ``|`` written ``\\|`` so that two different rows
never share a text. That definition exists once, as the SQL macro ``audit_row_hash`` created by
migration 0002: the backfill of older rows, ``write_audit`` and ``verify_audit_chain`` all call
it, so the writer and the checker cannot drift apart.

Ids are ``max(audit_id) + 1`` computed in the same statement as the insert, not the sequence:
a sequence value is consumed even when its transaction rolls back, and the gap it leaves would
look like a deleted row. Two writers racing for the same id make one of them fail instead of
forking the chain. The chain cannot show that the newest rows were cut off (nothing follows
them): ``verify_audit_chain`` returns the head hash so that it can be noted elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import duckdb

GENESIS_HASH = "0" * 64

_APPEND = """
INSERT INTO audit_log (audit_id, logged_at, actor, action, subject, details, prev_hash, row_hash)
SELECT head.audit_id, CAST($at AS TIMESTAMP), $actor, $action, $subject, $details,
       head.prev_hash,
       audit_row_hash(head.audit_id, CAST($at AS TIMESTAMP), $actor, $action, $subject,
                      $details, head.prev_hash)
FROM (
    SELECT coalesce(max(audit_id), 0) + 1 AS audit_id,
           coalesce(arg_max(row_hash, audit_id), $genesis) AS prev_hash
    FROM audit_log
) AS head
RETURNING audit_id
"""
# Keeps the column default (nextval) ahead of max(audit_id), so that an INSERT which forgets to
# come through here fails verification (no hash) rather than on a duplicate key.
_ADVANCE_SEQUENCE = "SELECT nextval('audit_log_id_seq')"
_CHAIN = """
SELECT audit_id, prev_hash, row_hash,
       audit_row_hash(audit_id, logged_at, actor, action, subject, details, prev_hash)
FROM audit_log
ORDER BY audit_id
"""
_EXPORT_RECORDS = """
SELECT audit_id, logged_at FROM audit_log
WHERE action = $action AND contains(details, $needle)
ORDER BY audit_id
"""


@dataclass(frozen=True)
class AuditVerification:
    """The outcome of ``verify_audit_chain``: ``problems`` name rows, never their contents."""

    ok: bool
    rows: int
    problems: list[str] = field(default_factory=list)
    head_hash: str = GENESIS_HASH


def write_audit(
    con: duckdb.DuckDBPyConnection,
    at: datetime,
    actor: str,
    action: str,
    subject: str,
    details: str = "",
) -> int:
    """Append one chained audit entry and return its id.

    One statement reads the chain's head and inserts the new row, so it is atomic whether or
    not the caller holds a transaction (callers usually do, to tie the entry to its change).
    Callers pass hashes and counts, never full leak URLs, as ``subject`` and ``details``.
    """
    params = {
        "at": at,
        "actor": actor,
        "action": action,
        "subject": subject,
        "details": details,
        "genesis": GENESIS_HASH,
    }
    (audit_id,) = con.execute(_APPEND, params).fetchall()[0]
    con.execute(_ADVANCE_SEQUENCE).fetchall()
    return int(audit_id)


def verify_audit_chain(con: duckdb.DuckDBPyConnection) -> AuditVerification:
    """Recompute every row's hash and follow the links; name each break in the chain.

    * a row whose stored hash differs from its recomputed one: "audit row 17 was edited";
    * a row that no longer links to the row before it, with ids missing in between:
      "a row between 16 and 18 was deleted"; without missing ids, the row before it was
      rewritten together with its hash ("audit row 16 was edited and re-hashed");
    * a first row that is not row 1 or does not start the chain: rows before it were deleted;
    * a row without a hash: written by an INSERT that bypassed ``write_audit``.
    """
    rows: list[tuple[int, str | None, str | None, str | None]] = con.execute(_CHAIN).fetchall()
    problems: list[str] = []
    prev_id: int | None = None
    prev_hashes = {GENESIS_HASH}
    for audit_id, prev_hash, row_hash, expected in rows:
        if row_hash is None:
            problems.append(f"audit row {audit_id} has no hash (written outside write_audit)")
        elif row_hash != expected:
            problems.append(f"audit row {audit_id} was edited")
        intact = row_hash is not None and row_hash == expected
        broken_link = intact and prev_hash not in prev_hashes
        if prev_id is None and (audit_id != 1 or broken_link):
            problems.append(f"rows before audit row {audit_id} were deleted")
        elif prev_id is not None and audit_id != prev_id + 1:
            gone = audit_id - prev_id - 1
            between = f"between {prev_id} and {audit_id}"
            problems.append(
                f"a row {between} was deleted"
                if gone == 1
                else f"{gone} rows {between} were deleted"
            )
        elif broken_link:
            problems.append(f"audit row {prev_id} was edited and re-hashed")
        # The next row may link to either hash of this one: an edit is then reported once.
        prev_hashes = {h for h in (row_hash, expected) if h is not None}
        prev_id = audit_id
    head = rows[-1][2] if rows and rows[-1][2] is not None else GENESIS_HASH
    return AuditVerification(not problems, len(rows), problems, head)


def load_export_records(
    con: duckdb.DuckDBPyConnection, zip_sha256: str
) -> list[tuple[int, datetime]]:
    """(audit_id, logged_at) of the evidence exports whose details name this zip's SHA-256."""
    params = {"action": "evidence_export", "needle": f"zip_sha256={zip_sha256}"}
    rows = con.execute(_EXPORT_RECORDS, params).fetchall()
    return [(int(a), t) for a, t in rows]
