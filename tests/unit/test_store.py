"""Opening the warehouse: path checks, lock conflicts, read-only use."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from data import (
    WarehouseLockedError,
    WarehouseNotFoundError,
    WarehousePathError,
    connect,
    open_warehouse,
    transaction,
)


def test_connect_creates_a_migrated_database_in_utc(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        assert con.execute("SELECT current_setting('TimeZone')").fetchone() == ("UTC",)
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] >= 1
    assert db_path.exists()


def test_missing_folder_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "warehouse.duckdb"
    with pytest.raises(WarehousePathError, match=r"folder .*nowhere does not exist"):
        connect(target)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_a_database_path(tmp_path: Path) -> None:
    with pytest.raises(WarehousePathError, match="is a folder"):
        connect(tmp_path)


def test_read_only_open_of_missing_database_says_how_to_create_it(db_path: Path) -> None:
    with pytest.raises(WarehouseNotFoundError, match="serpshield init"):
        connect(db_path, read_only=True)
    assert not db_path.exists()


def test_read_only_connection_cannot_write(db_path: Path) -> None:
    connect(db_path).close()
    with open_warehouse(db_path, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM clients").fetchone() == (0,)
        with pytest.raises(Exception, match="read-only"):
            con.execute("CREATE TABLE x (a INTEGER)")


def test_transaction_rolls_back_every_write_on_error(db_path: Path) -> None:
    with open_warehouse(db_path) as con:
        with pytest.raises(RuntimeError), transaction(con):
            con.execute(
                "INSERT INTO audit_log (logged_at, actor, action, subject) "
                "VALUES (now(), 'a', 'b', 'c')"
            )
            raise RuntimeError("boom")
        assert con.execute("SELECT count(*) FROM audit_log").fetchone() == (0,)


def _hold_lock(db_path: Path, seconds: float) -> subprocess.Popen[bytes]:
    """Another process that opens the database for writing and keeps it for ``seconds``."""
    script = textwrap.dedent(
        f"""
        import sys, time, duckdb
        con = duckdb.connect({str(db_path)!r})
        print("locked", flush=True)
        time.sleep({seconds})
        con.close()
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"locked"
    return proc


def test_lock_conflict_names_the_other_process_after_retrying(db_path: Path) -> None:
    connect(db_path).close()
    proc = _hold_lock(db_path, 30)
    try:
        sleeps: list[float] = []
        with pytest.raises(WarehouseLockedError) as caught:
            connect(db_path, lock_timeout=0.4, sleep=lambda s: (sleeps.append(s), time.sleep(s)))
        message = str(caught.value)
        assert f"process {proc.pid}" in message
        assert "one writing process" in message
        assert len(sleeps) >= 2 and sleeps[1] > sleeps[0], "backoff grows between attempts"
        with pytest.raises(WarehouseLockedError):
            connect(db_path, read_only=True, lock_timeout=0.2)
    finally:
        proc.kill()
        proc.wait()


def test_lock_released_during_backoff_is_taken(db_path: Path) -> None:
    connect(db_path).close()
    proc = _hold_lock(db_path, 0.5)
    try:
        with open_warehouse(db_path, lock_timeout=5.0) as con:
            assert con.execute("SELECT count(*) FROM clients").fetchone() == (0,)
    finally:
        proc.wait()


_PROBE = """
import sys
from data import connect, WarehousePathError
try:
    connect(sys.argv[1])
except WarehousePathError as exc:
    print(exc)
    sys.exit(7)
"""


def _read_only_folder_command(folder: Path) -> list[str]:
    """A command that tries to create a database in ``folder`` while it is read-only.

    Root writes through permission bits, so as root the folder becomes a read-only tmpfs in a
    private mount namespace (seen by that one process only); otherwise chmod is enough.
    """
    probe = [sys.executable, "-P", "-c", _PROBE, str(folder / "w.duckdb")]
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return probe
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("running as root without unshare to make a read-only mount")
    mount = f'mount -t tmpfs -o ro,size=64k tmpfs {folder} && exec "$@"'
    return [unshare, "--mount", "--propagation", "private", "sh", "-c", mount, "sh", *probe]


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_read_only_folder_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    try:
        result = subprocess.run(
            _read_only_folder_command(folder), capture_output=True, text=True, cwd=tmp_path
        )
    finally:
        folder.chmod(0o755)
    if result.returncode not in (0, 7) and "mount" in result.stderr:
        pytest.skip(f"cannot mount a read-only folder here: {result.stderr.strip()}")
    assert result.returncode == 7, result.stderr
    assert f"the folder {folder} is read-only" in result.stdout
    assert list(folder.iterdir()) == []
