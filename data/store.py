"""Opening the warehouse: path checks, lock-conflict retries, migrations, transactions.

DuckDB allows one writing process or several read-only ones, never both. A collection run and
the dashboard therefore meet on the file lock; instead of failing on the first conflict we retry
with a short exponential backoff (a few seconds at most) and then say which process holds the
database. Writers keep connections only for short transactions.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from data.errors import (
    WarehouseError,
    WarehouseLockedError,
    WarehouseNotFoundError,
    WarehousePathError,
)
from data.migrate import apply_migrations, check_schema

#: The connection type, for code outside ``data/`` that passes a connection between named reads
#: without importing duckdb itself.
Connection = duckdb.DuckDBPyConnection
MEMORY = ":memory:"
DEFAULT_LOCK_TIMEOUT = 3.0
_FIRST_BACKOFF = 0.05
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<exe>.+?) \(PID (?P<pid>\d+)\)")


def connect(
    path: str | Path,
    read_only: bool = False,
    *,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    sleep: Callable[[float], None] = time.sleep,
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse at ``path`` and return a connection whose session time zone is UTC.

    Writable: the folder must exist and be writable; the file is created if needed and pending
    migrations are applied. Read-only: the file must exist and be fully migrated (a reader never
    upgrades a schema behind a writer's back). A database written by a newer schema is refused
    either way. ``lock_timeout`` bounds the total time spent waiting for another process.
    """
    target = path if str(path) == MEMORY else Path(path)
    if isinstance(target, Path):
        check_db_path(target, read_only)
    con = _open_with_retry(target, read_only, lock_timeout, sleep)
    try:
        con.execute("SET TimeZone = 'UTC'")
        if read_only:
            check_schema(con, str(target))
        else:
            apply_migrations(con)
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def open_warehouse(
    path: str | Path, read_only: bool = False, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT
) -> Iterator[duckdb.DuckDBPyConnection]:
    """``connect`` as a context manager that always closes, so no caller keeps the lock."""
    con = connect(path, read_only, lock_timeout=lock_timeout)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Run the block in one transaction: all of its writes land, or none do."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def check_db_path(path: Path, read_only: bool = False) -> None:
    """Refuse an unusable database path with a message, before anything is created.

    Commands that write other files too (``init``) call it first, so a bad path writes nothing.
    """
    if path.is_dir():
        raise WarehousePathError(f"{path} is a folder; the database path must name a file")
    if read_only:
        if not path.exists():
            raise WarehouseNotFoundError(
                f"no warehouse at {path}: create it with `serpshield init` or "
                "`serpshield config sync` first"
            )
        return
    folder = path.parent
    if not folder.is_dir():
        raise WarehousePathError(
            f"cannot create the database {path}: the folder {folder} does not exist"
        )
    if not os.access(folder, os.W_OK) or _on_read_only_fs(folder):
        raise WarehousePathError(
            f"cannot write the database {path}: the folder {folder} is read-only"
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise WarehousePathError(f"cannot write the database {path}: the file is read-only")


def _on_read_only_fs(folder: Path) -> bool:
    return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)


def _open_with_retry(
    target: str | Path,
    read_only: bool,
    lock_timeout: float,
    sleep: Callable[[float], None],
) -> duckdb.DuckDBPyConnection:
    """Connect, retrying lock conflicts with exponential backoff until ``lock_timeout``."""
    deadline = time.monotonic() + lock_timeout
    delay = _FIRST_BACKOFF
    while True:
        try:
            return duckdb.connect(str(target), read_only=read_only)
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" not in message.lower():
                raise WarehouseError(f"cannot open the database {target}: {message}") from exc
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WarehouseLockedError(_lock_message(target, message, lock_timeout)) from exc
            sleep(min(delay, remaining))
            delay *= 2
        except duckdb.Error as exc:
            raise WarehouseError(f"cannot open the database {target}: {exc}") from exc


def _lock_message(target: str | Path, message: str, waited: float) -> str:
    found = _LOCK_HOLDER.search(message)
    holder = f"process {found['pid']} ({Path(found['exe']).name})" if found else "another process"
    return (
        f"the database {target} is in use by {holder} and was not released within "
        f"{waited:.0f} s. DuckDB allows one writing process or several readers at a time: "
        "wait for the other run (a collection, a monitor run, the dashboard) to finish, "
        "or stop it, then try again."
    )
