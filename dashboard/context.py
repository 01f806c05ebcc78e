"""What every analytics page needs before it draws: language, paths, config, clients, "today".

Each page calls ``page_context()`` first. It returns None after drawing a helpful message when
the page cannot work (no database yet, database busy with a writer, unreadable schema, invalid
``serpshield.toml``), so no page ever shows a traceback for a state a person can fix, and every
page says the same thing for the same state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from dashboard import data_access
from dashboard.frame import WorkspacePaths, current_lang, workspace_paths
from dashboard.i18n import t
from data.errors import WarehouseError, WarehouseLockedError, WarehouseNotFoundError
from serpshield.config import CONFIG_FILENAME, ConfigError, WorkspaceConfig, load_config


@dataclass(frozen=True)
class PageContext:
    """The language, where the data is, the validated config, the active clients and the
    local date of "today" in the workspace's time zone."""

    lang: str
    paths: WorkspacePaths
    cfg: WorkspaceConfig
    clients: pd.DataFrame
    today: date

    @property
    def db(self) -> str:
        """The database path as the cache key the ``data_access`` functions take."""
        return str(self.paths.database)

    @property
    def client_slugs(self) -> list[str]:
        """Active clients' slugs, in the order the warehouse lists them."""
        active = self.clients[self.clients["active"].astype(bool)]
        return [str(s) for s in active["slug"]]

    def client_name(self, slug: str) -> str:
        """The display name of a client (its slug when unknown)."""
        match = self.clients[self.clients["slug"] == slug]
        return str(match["name"].iloc[0]) if len(match) else slug


@st.cache_data(ttl=data_access.CACHE_TTL_SECONDS, show_spinner=False)
def _config(path: str, mtime: float) -> WorkspaceConfig:
    """The validated config, re-read when the file changes (``mtime`` is the cache key)."""
    del mtime
    return load_config(Path(path))


def page_context() -> PageContext | None:
    """The context of this run, or None after explaining on the page why there is none."""
    lang = current_lang()
    paths = workspace_paths()
    config_path = paths.workspace / CONFIG_FILENAME
    try:
        cfg = _config(str(config_path), config_path.stat().st_mtime)
    except FileNotFoundError:
        st.info(t("ctx_no_config", lang))
        st.code(f"serpshield init {paths.workspace}", language="bash")
        return None
    except ConfigError as exc:
        st.error(t("ctx_bad_config", lang), icon=":material/error:")
        st.code(str(exc), language=None, wrap_lines=True)
        return None
    try:
        clients = data_access.clients(str(paths.database))
    except WarehouseNotFoundError:
        st.info(t("state_no_db", lang))
        st.code(f"serpshield --workspace {paths.workspace} config sync", language="bash")
        return None
    except WarehouseLockedError as exc:
        st.warning(t("state_locked", lang), icon=":material/lock_clock:")
        st.code(str(exc), language=None, wrap_lines=True)
        st.button(t("retry", lang), key="ctx_retry", type="primary")
        return None
    except WarehouseError as exc:
        st.error(t("state_error", lang), icon=":material/error:")
        st.code(str(exc), language=None, wrap_lines=True)
        return None
    today = datetime.now(UTC).astimezone(ZoneInfo(cfg.workspace.timezone)).date()
    if clients.empty:
        st.info(t("ws_empty", lang))
        return None
    return PageContext(lang, paths, cfg, clients, today)
