"""Importers for files a team already has: leaked URLs, sent notices, Search Console exports.

Pure parsing and validation: each ``parse_*`` reads one file and returns records plus every
rejected row with its line number; the CLI decides what to write (see ``batch``). Nothing here
touches the warehouse or the network.
"""

from __future__ import annotations

from collectors.importers.batch import DuplicateRow, ImportBatch, RowError, UnknownClientError
from collectors.importers.gsc import GscBatch, GscRow, parse_gsc
from collectors.importers.leaks import parse_leaks
from collectors.importers.notices import parse_notices
from collectors.importers.table import ImportFileError, Table, parse_datetime, read_table

__all__ = [
    "DuplicateRow",
    "GscBatch",
    "GscRow",
    "ImportBatch",
    "ImportFileError",
    "RowError",
    "Table",
    "UnknownClientError",
    "parse_datetime",
    "parse_gsc",
    "parse_leaks",
    "parse_notices",
    "read_table",
]
