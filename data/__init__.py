"""The warehouse: the only package that imports duckdb and holds SQL text.

``connect`` opens a database (creating and migrating it when writable), ``transaction`` wraps
writes, ``queries`` holds named reads and ``writes`` named bulk writes.
"""

from data.errors import (
    SchemaVersionError,
    WarehouseError,
    WarehouseLockedError,
    WarehouseNotFoundError,
    WarehousePathError,
)
from data.store import Connection, check_db_path, connect, open_warehouse, transaction

__all__ = [
    "Connection",
    "SchemaVersionError",
    "WarehouseError",
    "WarehouseLockedError",
    "WarehouseNotFoundError",
    "WarehousePathError",
    "check_db_path",
    "connect",
    "open_warehouse",
    "transaction",
]
