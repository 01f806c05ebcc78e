"""The warehouse's exception tree.

Every failure to open or upgrade the warehouse is a ``WarehouseError`` whose message says what
happened and what to do, so the CLI can print it instead of a traceback::

    WarehouseError
     ├── WarehousePathError     the database path is unusable (missing or read-only folder)
     ├── WarehouseNotFoundError a read-only open of a database that does not exist yet
     ├── WarehouseLockedError   another process holds the database
     └── SchemaVersionError     the schema is newer than this code, or a migration changed
"""

from __future__ import annotations


class WarehouseError(Exception):
    """Base class: the warehouse could not be opened, read or written."""


class WarehousePathError(WarehouseError):
    """The database path cannot be used (missing folder, read-only folder, not a file)."""


class WarehouseNotFoundError(WarehouseError):
    """A read-only open of a database that has not been created yet."""


class WarehouseLockedError(WarehouseError):
    """Another process holds the database and did not release it in time."""


class SchemaVersionError(WarehouseError):
    """The database's schema cannot be used by this version of serpshield."""
