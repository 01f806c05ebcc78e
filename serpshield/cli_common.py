"""What every command shares: the consoles, the failure helper and the workspace decorator.

Exit codes: 1 = the operation could not be carried out, 2 = invalid input (config, arguments,
unreadable file), 3 = the search engine blocked the page (captcha).
"""

from __future__ import annotations

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
