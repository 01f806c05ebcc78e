"""Planner commands: ``plan`` (recommendations and calendar), ``plan assets``, ``plan publish``.

Each command parses its options, calls one job of ``serpshield.plan_jobs`` and hands the result
to ``serpshield.plan_render``, which prints the tables or the JSON (``--json``; the shapes are
documented there and in the README).
"""

from __future__ import annotations

from datetime import datetime

import click
from rich.text import Text

from models.planner import TYPE_LABELS
from serpshield.cli_common import EXIT_INVALID, WHEN, as_utc, fail, out, pass_workspace
from serpshield.config import load_config
from serpshield.plan_jobs import (
    UnknownClientError,
    asset_report,
    build_plan,
    publish_asset,
    save_plan,
)
from serpshield.plan_render import show_assets, show_plan
from serpshield.workspace import Workspace

ASSET_TYPES = tuple(TYPE_LABELS["en"])
LANG = click.option("--lang", type=click.Choice(["en", "fr"]), default=None,
                    help="Language of reasons and messages (default: workspace's).")  # fmt: skip
CLIENT = click.option("--client", "-c", default=None, help="Only this client (its slug).")
AS_OF = click.option(
    "--as-of",
    type=WHEN,
    default=None,
    help="As of this time (UTC unless offset given); default now.",
)
AS_JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
DAY = click.DateTime(["%Y-%m-%d"])


@click.group(invoke_without_command=True)
@CLIENT
@click.option("--weeks", type=click.IntRange(1, 52), default=8, show_default=True,
              help="Number of weeks in the calendar.")  # fmt: skip
@click.option("--start", type=DAY, default=None,
              help="First day of the calendar (default: next Monday, local time).")  # fmt: skip
@AS_OF
@LANG
@click.option("--save", is_flag=True,
              help="Save new scheduled assets as planned (re-running adds nothing).")  # fmt: skip
@AS_JSON
@pass_workspace
def plan(ws: Workspace, client: str | None, weeks: int, start: datetime | None,
         as_of: datetime | None, lang: str | None, save: bool, as_json: bool) -> None:  # fmt: skip
    """Recommend defensive content for every query with exposure, and schedule it.

    Each recommendation names an asset type matched to the harm (FAQ, guide, interview, legal
    notice, authority placement, official profiles), a priority (exposure x monthly searches)
    and its reason in English and French. The calendar respects the client's capacity per
    week, puts launch assets live before each declared launch and monitors from D-14.
    """
    if click.get_current_context().invoked_subcommand is not None:
        return
    language = lang or load_config(ws.config_path).workspace.language
    try:
        report = build_plan(ws.config_path, ws.db, client=client, weeks=weeks,
                            start=start.date() if start else None, as_of=as_utc(as_of))  # fmt: skip
    except UnknownClientError as exc:
        fail(str(exc), EXIT_INVALID)
    saved = save_plan(ws.db, report) if save else None
    show_plan(report, saved, language, as_json=as_json)


@plan.command("assets")
@CLIENT
@AS_OF
@AS_JSON
@pass_workspace
def plan_assets(ws: Workspace, client: str | None, as_of: datetime | None, as_json: bool) -> None:
    """List content assets with their status, rank in the target query and measured effect.

    The effect is a difference in differences of exposure (days 7-21 after publication minus
    the 14 days before, minus the same change on the client's untreated queries) with a 95%
    bootstrap interval. A negative effect is good: exposure fell more than elsewhere.
    """
    try:
        report = asset_report(ws.config_path, ws.db, client=client, as_of=as_utc(as_of))
    except UnknownClientError as exc:
        fail(str(exc), EXIT_INVALID)
    show_assets(report, as_json=as_json)


@plan.command("publish")
@click.option("--client", "-c", required=True, help="Client slug, as in serpshield.toml.")
@click.argument("title")
@click.option("--url", required=True, help="Where the asset is live (absolute http(s) URL).")
@click.option("--on", "on", type=DAY, required=True, help="Publication day (YYYY-MM-DD).")
@click.option("--query", default=None,
              help="Target query's text (or its id when several share the text).")  # fmt: skip
@click.option("--type", "asset_type", type=click.Choice(ASSET_TYPES), default=None,
              help="Asset type, for a new asset (default: other) or to correct it.")  # fmt: skip
@pass_workspace
def plan_publish(ws: Workspace, client: str, title: str, url: str, on: datetime,
                 query: str | None, asset_type: str | None) -> None:  # fmt: skip
    """Record that the asset TITLE went live; it is created if it was not planned."""
    if not url.lower().startswith(("http://", "https://")):
        fail(f"{url!r} is not an absolute http(s) URL", EXIT_INVALID)
    try:
        asset_id, outcome, target = publish_asset(ws.db, client=client, title=title, url=url,
                                                  on=on.date(), query=query,
                                                  asset_type=asset_type)  # fmt: skip
    except ValueError as exc:  # UnknownClientError included
        fail(str(exc), EXIT_INVALID)
    if outcome == "unchanged":
        out.print("Already recorded: no change.")
    else:
        out.print(Text(f"Asset {asset_id} {outcome}: {title!r} live on {on.date()}."))
    if target is None:
        out.print("No target query: its rank and effect are not tracked (pass --query).")
