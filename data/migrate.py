"""Named, numbered migrations recorded in ``schema_migrations``.

Migrations are SQL files ``NNNN_name.sql`` in ``data/migrations/``; they are appended, never
edited once released. Each applies in its own transaction together with its record, so a
failure leaves the database at the previous version. The checksum of every applied file is
kept: an edited released migration, or a database written by a newer serpshield, is refused
with a message instead of being silently mixed with this code's idea of the schema.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

import duckdb

from data.errors import SchemaVersionError

_FILE_NAME = re.compile(r"^(?P<version>\d{4})_(?P<name>[a-z0-9_]+)\.sql$")

_CREATE_LEDGER = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    checksum   VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
)
"""
_LEDGER_EXISTS = """
SELECT count(*) FROM information_schema.tables
WHERE table_name = 'schema_migrations' AND table_schema = current_schema()
"""
_APPLIED = "SELECT version, name, checksum FROM schema_migrations ORDER BY version"
_RECORD = "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)"


@dataclass(frozen=True)
class Migration:
    """One migration file: its number, name, SQL text and SHA-256 of that text."""

    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()

    @property
    def label(self) -> str:
        return f"{self.version:04d}_{self.name}"


def load_migrations() -> list[Migration]:
    """The bundled migrations in version order; a gap or a bad file name is a packaging bug."""
    found: list[Migration] = []
    for entry in resources.files("data.migrations").iterdir():
        match = _FILE_NAME.match(entry.name)
        if match:
            found.append(
                Migration(int(match["version"]), match["name"], entry.read_text(encoding="utf-8"))
            )
        elif entry.name.endswith(".sql"):
            raise SchemaVersionError(f"migration file {entry.name} is not named NNNN_name.sql")
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise SchemaVersionError(
                f"migration {expected:04d} is missing before {migration.label}"
            )
    return found


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply every pending migration; return the labels applied (empty when up to date)."""
    con.execute(_CREATE_LEDGER)
    migrations = load_migrations()
    applied = _verify(con, migrations, "this database")
    done: list[str] = []
    for migration in migrations[len(applied) :]:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            con.execute(
                _RECORD,
                [migration.version, migration.name, migration.checksum, datetime.now(UTC)],
            )
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise SchemaVersionError(f"migration {migration.label} failed: {exc}") from exc
        con.execute("COMMIT")
        done.append(migration.label)
    return done


def check_schema(con: duckdb.DuckDBPyConnection, where: str) -> None:
    """For read-only use: the schema must be exactly the one this code knows."""
    migrations = load_migrations()
    if not con.execute(_LEDGER_EXISTS).fetchall()[0][0]:
        raise SchemaVersionError(
            f"{where} is not a serpshield warehouse (no schema_migrations table)"
        )
    applied = _verify(con, migrations, where)
    if len(applied) < len(migrations):
        pending = ", ".join(m.label for m in migrations[len(applied) :])
        raise SchemaVersionError(
            f"{where} needs migrations {pending}: run a writing command such as "
            "`serpshield config sync` to upgrade it"
        )


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest applied migration number (0 for an empty database)."""
    if not con.execute(_LEDGER_EXISTS).fetchall()[0][0]:
        return 0
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchall()
    return int(row[0][0])


def _verify(
    con: duckdb.DuckDBPyConnection, migrations: list[Migration], where: str
) -> list[tuple[int, str, str]]:
    """Return the applied rows after checking they are a prefix of the bundled migrations."""
    applied: list[tuple[int, str, str]] = con.execute(_APPLIED).fetchall()
    known = {m.version: m for m in migrations}
    newest = migrations[-1].label if migrations else "none"
    for version, name, checksum in applied:
        migration = known.get(version)
        if migration is None:
            raise SchemaVersionError(
                f"{where} was written by a newer serpshield (it has migration "
                f"{version:04d}_{name}; this version knows up to {newest}). "
                "Upgrade serpshield to open it."
            )
        if migration.name != name or migration.checksum != checksum:
            raise SchemaVersionError(
                f"{where} recorded migration {version:04d}_{name} with different contents than "
                f"this version's {migration.label}: released migrations must never be edited"
            )
    return applied
