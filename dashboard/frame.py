"""The shared frame around every page: where the data is, which language, the sidebar.

``serpshield dashboard`` starts Streamlit with the workspace, database and default language in
environment variables; a person may also run ``streamlit run dashboard/app.py`` by hand, so the
same defaults as the CLI apply (current folder, ``WORKSPACE/data/serpshield.duckdb``).

The language lives in the URL (``?lang=fr``) so a copied link reopens in the same language. The
sidebar switch writes the URL in its callback, and the URL seeds the switch on every run, so the
two can never disagree (the URL wins, e.g. when a test or a person edits it).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from dashboard import data_access
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, resolve_lang, t

PRODUCT_NAME = "serpshield"
ENV_WORKSPACE = "SERPSHIELD_WORKSPACE"
ENV_DB = "SERPSHIELD_DB"
ENV_LANG = "SERPSHIELD_LANG"
LANG_PARAM = "lang"
# Mirrors serpshield.workspace's default; the dashboard does not import the CLI package.
DEFAULT_DB = Path("data") / "serpshield.duckdb"

_LANG_WIDGET = "frame_lang"


@dataclass(frozen=True)
class WorkspacePaths:
    """The workspace folder and the database file the dashboard reads."""

    workspace: Path
    database: Path

    @property
    def database_is_default(self) -> bool:
        """True when the database is the workspace's default one (no ``--db`` needed)."""
        return self.database == self.workspace / DEFAULT_DB


def workspace_paths(environ: Mapping[str, str] | None = None) -> WorkspacePaths:
    """The paths from the environment, with the CLI's defaults for the missing ones."""
    env = os.environ if environ is None else environ
    workspace = Path(env.get(ENV_WORKSPACE) or Path.cwd())
    database = Path(env.get(ENV_DB) or workspace / DEFAULT_DB)
    return WorkspacePaths(workspace=workspace, database=database)


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """The language the CLI chose (``SERPSHIELD_LANG``), else English."""
    env = os.environ if environ is None else environ
    return resolve_lang(env.get(ENV_LANG), DEFAULT_LANGUAGE)


def current_lang() -> str:
    """The language of this run: the URL's ``lang``, else this session's last choice (a page
    switch may drop query parameters), else the default. Invalid values fall through."""
    session_choice = st.session_state.get(_LANG_WIDGET)
    fallback = resolve_lang(
        session_choice if isinstance(session_choice, str) else None, default_lang()
    )
    return resolve_lang(st.query_params.get(LANG_PARAM), fallback)


def render_frame() -> str:
    """Draw the sidebar, make the URL name the language, and return that language."""
    lang = current_lang()
    if st.query_params.get(LANG_PARAM) != lang:
        st.query_params[LANG_PARAM] = lang
    paths = workspace_paths()
    with st.sidebar:
        st.title(PRODUCT_NAME)
        st.caption(t("sidebar_workspace", lang))
        # st.code: a path is shown verbatim (no Markdown), and can be copied.
        st.code(str(paths.workspace), language=None, wrap_lines=True)
        # Seed the switch from the URL before it is drawn; no index argument, so Streamlit
        # does not warn about a widget set both ways.
        st.session_state[_LANG_WIDGET] = lang
        st.radio(
            t("sidebar_language", lang),
            LANGUAGES,
            format_func=_language_name,
            key=_LANG_WIDGET,
            horizontal=True,
            on_change=_store_lang_in_url,
        )
        st.button(
            t("sidebar_reload", lang),
            help=t("sidebar_reload_help", lang),
            on_click=data_access.clear_cache,
            key="frame_reload",
        )
    return lang


def _language_name(code: str) -> str:
    return LANGUAGE_NAMES[code]


def _store_lang_in_url() -> None:
    """Radio callback: runs before the rerun, so the page reads the new language from the URL."""
    st.query_params[LANG_PARAM] = resolve_lang(st.session_state.get(_LANG_WIDGET), DEFAULT_LANGUAGE)
