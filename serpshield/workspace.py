"""Workspace jobs: create a workspace, and sync its config into the warehouse.

A workspace is a folder with ``serpshield.toml`` and, by default, its database in
``data/serpshield.duckdb``. These functions are what the CLI commands call; they validate
everything before writing anything, so a bad config or path leaves no partial workspace.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from data import check_db_path, open_warehouse
from data.writes import (
    ClientRecord,
    DomainRecord,
    LaunchRecord,
    QueryRecord,
    SyncReport,
    write_workspace_sync,
)
from serpshield.config import CONFIG_FILENAME, DEFAULT_DB, WorkspaceConfig, load_config

_GITIGNORE = """\
# The warehouse holds URLs tied to real people: never commit it.
data/
"""


@dataclass(frozen=True)
class Workspace:
    """Where a command works: the workspace folder, its config and its database."""

    root: Path
    db: Path

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_FILENAME


class WorkspaceExistsError(Exception):
    """``init`` refuses to overwrite an existing workspace config."""


@dataclass(frozen=True)
class InitReport:
    """What ``init_workspace`` created."""

    config_path: Path
    db_path: Path
    sync: SyncReport


def template_text() -> str:
    """The commented example config shipped with serpshield."""
    return (resources.files("serpshield") / "templates" / CONFIG_FILENAME).read_text(
        encoding="utf-8"
    )


def init_workspace(root: Path, db_path: Path) -> InitReport:
    """Create ``root`` with the example config, a ``.gitignore`` and a synced database.

    The default ``data/`` folder is created for a database inside it; any other database path
    must already be usable. Everything is checked before the first write, and an existing
    config is never clobbered.
    """
    config_path = root / CONFIG_FILENAME
    if config_path.exists():
        raise WorkspaceExistsError(
            f"{config_path} already exists: edit it, then run `serpshield config sync`"
        )
    default_folder = root / DEFAULT_DB.parent
    if db_path.parent != default_folder:
        check_db_path(db_path)
    root.mkdir(parents=True, exist_ok=True)
    if db_path.parent == default_folder:
        default_folder.mkdir(exist_ok=True)
    config_path.write_text(template_text(), encoding="utf-8")
    gitignore = root / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text(_GITIGNORE, encoding="utf-8")
    report = sync_workspace(config_path, db_path)
    return InitReport(config_path, db_path, report)


def sync_workspace(config_path: Path, db_path: Path) -> SyncReport:
    """Validate the config, then make the warehouse's clients, queries and domains match it."""
    cfg = load_config(config_path)
    clients, queries, domains = config_records(cfg)
    launches = launch_records(cfg)
    with open_warehouse(db_path) as con:
        return write_workspace_sync(
            con, clients, queries, domains, launches,
            synced_at=datetime.now(UTC), actor=current_actor(),
        )  # fmt: skip


def config_records(
    cfg: WorkspaceConfig,
) -> tuple[list[ClientRecord], list[QueryRecord], list[DomainRecord]]:
    """Flatten the validated config into the warehouse's input records."""
    clients: list[ClientRecord] = []
    queries: list[QueryRecord] = []
    domains: list[DomainRecord] = []
    for slug, client in cfg.clients.items():
        clients.append(ClientRecord(slug, client.name, client.language, client.capacity_per_week))
        queries.extend(
            QueryRecord(
                slug,
                q.text,
                q.engine,
                q.gl,
                q.hl,
                q.location,
                q.device,
                q.search_volume,
                tuple(q.tags),
            )
            for q in client.queries
        )
        categories = {d: "owned" for d in client.owned_domains}
        categories.update({d: "leak_forum" for d in client.leak_domains})
        categories.update(client.domains)
        domains.extend(DomainRecord(slug, d, c) for d, c in sorted(categories.items()))
    return clients, queries, domains


def launch_records(cfg: WorkspaceConfig) -> list[LaunchRecord]:
    """Every client's declared launches, for the warehouse."""
    return [
        LaunchRecord(slug, launch.name, launch.on)
        for slug, client in cfg.clients.items()
        for launch in client.launches
    ]


def current_actor() -> str:
    """Who runs the command, for the audit log (the OS user name)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
