"""What every command shares: the consoles, the failure helper and the workspace decorator.

Exit codes: 1 = the operation could not be carried out, 2 = invalid input (config, arguments,
unreadable file), 3 = the search engine blocked the page (captcha).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NoReturn

import click
from rich.console import Console
from rich.markup import escape

from serpshield.workspace import Workspace

EXIT_FAILED = 1
EXIT_INVALID = 2
EXIT_BLOCKED = 3

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    """Print ``message`` on stderr (markup-escaped: it may quote user input) and exit."""
    err.print(f"[bold red]error:[/] {escape(message)}")
    raise SystemExit(code)


pass_workspace = click.make_pass_decorator(Workspace)

# Times people type: ISO 8601 with or without an offset, or a plain date.
WHEN = click.DateTime(
    ["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M",
     "%Y-%m-%d %H:%M", "%Y-%m-%d"]
)  # fmt: skip


def as_utc(value: datetime | None) -> datetime:
    """A typed time in UTC: naive means UTC, an offset is honoured; None means now."""
    if value is None:
        return datetime.now(UTC).replace(microsecond=0)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
