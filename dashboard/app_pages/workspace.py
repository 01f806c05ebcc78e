"""The Workspace page: what the warehouse holds, and which command to run next.

It is the landing page, so it has to make sense on a fresh install: each warehouse state (no
database yet, locked by a writer, unreadable schema) gets a sentence and the command that fixes
it, never a traceback. Warehouse text is shown only through ``st.dataframe`` and ``st.code``,
which render it verbatim; Markdown is used for our own translated sentences only.
"""

from __future__ import annotations

import shlex

import pandas as pd
import streamlit as st

from dashboard import data_access
from dashboard.frame import WorkspacePaths, current_lang, workspace_paths
from dashboard.i18n import format_count, t
from data.errors import (
    SchemaVersionError,
    WarehouseError,
    WarehouseLockedError,
    WarehouseNotFoundError,
)

ALL_ENGINES = ""
# The columns of the query table, in reading order (ids stay hidden).
QUERY_COLUMNS = (
    "client",
    "text",
    "engine",
    "gl",
    "hl",
    "location",
    "device",
    "search_volume",
    "tags",
    "active",
)


def render() -> None:
    """Draw the page for the current language and warehouse state."""
    lang = current_lang()
    paths = workspace_paths()
    st.title(t("page_workspace", lang))
    st.caption(t("ws_intro", lang))
    render_locations(paths, lang)
    db = str(paths.database)
    try:
        schema = data_access.schema_status(db)
        counts = data_access.table_counts(db)
        clients = data_access.clients(db)
        queries = data_access.tracked_queries(db)
        domains = data_access.domains(db)
    except WarehouseNotFoundError:
        st.info(t("state_no_db", lang))
        st.code(_init_commands(paths), language="bash")
        return
    except WarehouseLockedError as exc:
        st.warning(t("state_locked", lang), icon=":material/lock_clock:")
        st.code(str(exc), language=None, wrap_lines=True)
        # A click reruns the script, which reads again; exceptions are never cached.
        st.button(t("retry", lang), key="workspace_retry", type="primary")
        return
    except SchemaVersionError as exc:
        _render_error(t("state_schema", lang), exc)
        return
    except WarehouseError as exc:
        _render_error(t("state_error", lang), exc)
        return
    render_schema(schema, lang)
    render_metrics(clients, queries, counts, lang)
    if clients.empty:
        st.info(t("ws_empty", lang))
    else:
        render_clients(clients, lang)
        render_queries(queries, lang)
        render_domains(domains, lang)
    with st.expander(t("section_table_counts", lang)):
        st.dataframe(
            counts,
            hide_index=True,
            column_config={
                "table_name": st.column_config.TextColumn(t("col_table", lang)),
                "row_count": st.column_config.NumberColumn(t("col_rows", lang)),
            },
        )
    render_next_steps(paths, lang)


def render_locations(paths: WorkspacePaths, lang: str) -> None:
    """The workspace folder and the database path, verbatim and copyable."""
    left, right = st.columns(2)
    with left:
        st.caption(t("ws_folder", lang))
        st.code(str(paths.workspace), language=None, wrap_lines=True)
    with right:
        st.caption(t("ws_database", lang))
        st.code(str(paths.database), language=None, wrap_lines=True)


def render_schema(schema: pd.DataFrame, lang: str) -> None:
    """The newest applied migration; only numbers and a date we format go into the text."""
    if schema.empty:
        return
    latest = schema.sort_values("version").iloc[-1]
    applied = pd.Timestamp(latest["applied_at"]).strftime("%Y-%m-%d %H:%M")
    st.caption(t("ws_schema", lang).format(version=int(latest["version"]), applied=applied))


def render_metrics(
    clients: pd.DataFrame, queries: pd.DataFrame, counts: pd.DataFrame, lang: str
) -> None:
    """Four cards: active clients, active queries, SERP runs and leak URLs."""
    rows = dict(zip(counts["table_name"], counts["row_count"], strict=True))
    values = {
        "metric_clients": int(clients["active"].sum()),
        "metric_active_queries": int(queries["active"].sum()),
        "metric_serp_runs": int(rows.get("serp_runs", 0)),
        "metric_leak_urls": int(rows.get("leak_urls", 0)),
    }
    for column, (key, value) in zip(st.columns(len(values)), values.items(), strict=True):
        column.metric(t(key, lang), format_count(value, lang))


def render_clients(clients: pd.DataFrame, lang: str) -> None:
    """One row per client, active ones first."""
    st.subheader(t("section_clients", lang))
    st.dataframe(
        clients,
        hide_index=True,
        column_order=("slug", "name", "language", "active_queries", "active"),
        column_config={
            "slug": st.column_config.TextColumn(t("col_slug", lang)),
            "name": st.column_config.TextColumn(t("col_name", lang)),
            "language": st.column_config.TextColumn(t("col_language", lang)),
            "active_queries": st.column_config.NumberColumn(t("col_active_queries", lang)),
            "active": st.column_config.CheckboxColumn(t("col_client_active", lang)),
        },
    )


def render_queries(queries: pd.DataFrame, lang: str) -> None:
    """The tracked queries, filtered by search engine."""
    st.subheader(t("section_queries", lang))
    engines = (ALL_ENGINES, *sorted(queries["engine"].unique()))
    engine = st.selectbox(
        t("filter_engine", lang),
        engines,
        format_func=lambda e: t("filter_all_engines", lang) if e == ALL_ENGINES else e,
        key="workspace_engine",
    )
    shown = queries if engine == ALL_ENGINES else queries[queries["engine"] == engine]
    # Tags are lists; joined text displays the same everywhere and keeps Arrow typing simple.
    shown = shown.assign(tags=shown["tags"].map(lambda tags: ", ".join(tags)))
    st.dataframe(
        shown,
        hide_index=True,
        column_order=QUERY_COLUMNS,
        column_config={
            "client": st.column_config.TextColumn(t("col_client", lang)),
            "text": st.column_config.TextColumn(t("col_query", lang)),
            "engine": st.column_config.TextColumn(t("col_engine", lang)),
            "gl": st.column_config.TextColumn(t("col_country", lang)),
            "hl": st.column_config.TextColumn(t("col_ui_language", lang)),
            "location": st.column_config.TextColumn(t("col_location", lang)),
            "device": st.column_config.TextColumn(t("col_device", lang)),
            "search_volume": st.column_config.NumberColumn(t("col_volume", lang)),
            "tags": st.column_config.TextColumn(t("col_tags", lang)),
            "active": st.column_config.CheckboxColumn(t("col_query_active", lang)),
        },
    )
    st.caption(
        t("queries_shown", lang).format(
            shown=format_count(len(shown), lang), total=format_count(len(queries), lang)
        )
    )


def render_domains(domains: pd.DataFrame, lang: str) -> None:
    """How many domains (and clients) each category has, then the full list on demand."""
    st.subheader(t("section_domains", lang))
    if domains.empty:
        st.caption(t("no_domains", lang))
        return
    summary = (
        domains.groupby("category")
        .agg(domains=("domain", "size"), clients=("client", "nunique"))
        .reset_index()
        .sort_values(["domains", "category"], ascending=[False, True])
    )
    st.dataframe(
        summary,
        hide_index=True,
        column_config={
            "category": st.column_config.TextColumn(t("col_category", lang)),
            "domains": st.column_config.NumberColumn(t("col_domains", lang)),
            "clients": st.column_config.NumberColumn(t("col_clients", lang)),
        },
    )
    with st.expander(t("section_all_domains", lang)):
        st.dataframe(
            domains,
            hide_index=True,
            column_config={
                "client": st.column_config.TextColumn(t("col_client", lang)),
                "domain": st.column_config.TextColumn(t("col_domain", lang)),
                "category": st.column_config.TextColumn(t("col_category", lang)),
                "source": st.column_config.TextColumn(t("col_source", lang)),
            },
        )


def render_next_steps(paths: WorkspacePaths, lang: str) -> None:
    """What to run now, in words, then as commands for this very workspace."""
    st.subheader(t("section_next_steps", lang))
    steps = (t("next_check", lang), t("next_sync", lang), t("next_later", lang))
    st.markdown("\n".join(f"{number}. {step}" for number, step in enumerate(steps, start=1)))
    st.caption(t("next_commands", lang))
    base = _cli_prefix(paths)
    st.code(f"{base} config check\n{base} config sync", language="bash")


def _render_error(headline: str, exc: WarehouseError) -> None:
    st.error(headline, icon=":material/error:")
    st.code(str(exc), language=None, wrap_lines=True)


def _cli_prefix(paths: WorkspacePaths) -> str:
    """``serpshield --workspace WS [--db DB]``, quoted for a POSIX shell."""
    words = ["serpshield", "--workspace", str(paths.workspace)]
    if not paths.database_is_default:
        words += ["--db", str(paths.database)]
    return shlex.join(words)


def _init_commands(paths: WorkspacePaths) -> str:
    """The two commands that create this workspace's database and fill it."""
    words = ["serpshield"]
    if not paths.database_is_default:
        words += ["--db", str(paths.database)]
    init = shlex.join([*words, "init", str(paths.workspace)])
    return f"{init}\n{_cli_prefix(paths)} config sync"


# Streamlit runs a page file as ``__main__``; importing the module must not draw anything.
if __name__ == "__main__":
    render()
