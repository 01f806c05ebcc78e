"""The only place dashboard pages get warehouse data from.

Each function opens a short-lived read-only connection, runs one named read from
``data.queries`` and closes it before returning, so the dashboard never holds the DuckDB file
while a collection run wants to write (DuckDB allows one writer *or* several readers). Results
are DataFrames cached for a minute per database path: a rerun of a page (every widget click)
then costs no database round trip, and the cache holds data, never a connection.

Warehouse errors (no database yet, locked, wrong schema) propagate to the page, which turns
each into a message; ``st.cache_data`` does not cache exceptions, so the next rerun tries again.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data import queries as reads
from data.store import open_warehouse

CACHE_TTL_SECONDS = 60


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def schema_status(db_path: str) -> pd.DataFrame:
    """Applied migrations: ``version``, ``name``, ``applied_at`` (UTC)."""
    with open_warehouse(db_path, read_only=True) as con:
        return reads.load_schema_status(con)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def table_counts(db_path: str) -> pd.DataFrame:
    """Rows per warehouse table: ``table_name``, ``row_count``."""
    with open_warehouse(db_path, read_only=True) as con:
        return reads.load_table_counts(con)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def clients(db_path: str) -> pd.DataFrame:
    """Clients with their query and domain counts (columns of ``load_clients``)."""
    with open_warehouse(db_path, read_only=True) as con:
        return reads.load_clients(con)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def tracked_queries(db_path: str, client: str | None = None) -> pd.DataFrame:
    """Tracked queries, active and inactive (columns of ``load_queries``)."""
    with open_warehouse(db_path, read_only=True) as con:
        return reads.load_queries(con, client)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def domains(db_path: str, client: str | None = None) -> pd.DataFrame:
    """Categorised domains per client (columns of ``load_domains``)."""
    with open_warehouse(db_path, read_only=True) as con:
        return reads.load_domains(con, client)


def clear_cache() -> None:
    """Forget every cached frame of every page, so the next read sees what a sync or a run
    just wrote (pages keep their own cached reads; all of them are ``st.cache_data``)."""
    st.cache_data.clear()
