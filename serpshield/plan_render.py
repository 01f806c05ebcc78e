"""Rendering of the planner's results: rich tables for people, JSON documents for tools.

Why this module exists: the ``plan`` commands in ``serpshield.cli_plan`` only parse options
and call a job; turning a ``PlanReport`` or an ``AssetReport`` into tables, notices and JSON
(in English or French) is a concern of its own and would otherwise swell the command module.

JSON shapes (``--json``), documented here and in the README:

``plan``: {"as_of", "start", "weeks", "saved" (with --save, else null), "clients": [{"client",
"name", "capacity_per_week", "recommendations": [{"title", "query_id", "query", "asset_type",
"category", "priority", "exposure", "exposure_on", "search_volume", "volume_assumed", "launch",
"launch_on", "reason_en", "reason_fr", "week", "week_start"}], "calendar": [{"week", "start",
"end", "entries": [{"kind": "new"|"planned"|"monitoring", "on", "title", "query_id", "query",
"asset_type", "priority", "launch", "launch_on"}]}], "launches": [{"name", "launch_on",
"monitoring_from"}], "missed_launches": [{"title", "launch", "launch_on", "week"}],
"unscheduled": [title], "overbooked_weeks": [week]}]}. Weeks are numbered from 1; a null week
means "not scheduled".

``plan assets``: [{"asset_id", "client", "title", "asset_type", "status", "query_id", "query",
"url", "planned_on", "published_on", "rank": null | {"observed_days", "latest_on",
"latest_position", "best_position", "first_top10_on", "days_in_top10", "daily": [{"day",
"position"}]}, "effect": null | {"status": "ok"|"pending"|"insufficient_data", "estimate",
"ci_low", "ci_high", "treated_before_days", "treated_after_days", "control_queries",
"control_before_days", "control_after_days"}}]. A null position: observed, not ranked.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta
from typing import Any, cast

import click
import pandas as pd
from rich.table import Table
from rich.text import Text

from models.asset_effect import EFFECT_COLUMNS, RANK_COLUMNS
from models.plan_schedule import week_start
from models.planner import TYPE_LABELS, records
from serpshield.cli_common import out
from serpshield.plan_jobs import AssetReport, ClientPlan, PlanReport

_MESSAGES: dict[str, dict[str, Any]] = {
    "en": {
        "header": "{name} ({slug}): {cap} asset(s) a week, {weeks} weeks from {start}",
        "zero": "Capacity is 0 assets a week: nothing is scheduled (set capacity_per_week for "
        "this client in serpshield.toml).",
        "missed": '"{title}" will not be live before the launch "{launch}" on {on}: {where}.',
        "missed_week": "it is scheduled in week {week}",
        "missed_none": "it is not scheduled in the horizon",
        "unscheduled": "{n} recommended asset(s) do not fit in the {weeks}-week horizon.",
        "overbooked": "Week {week} already holds more planned assets than the capacity.",
        "nothing": "No query shows harmful results and no launch is coming: nothing to plan.",
        "monitoring": 'Monitoring before the launch "{launch}"',
        "columns": ("priority", "query", "asset", "reason"),
        "calendar": ("week", "from", "what", "priority", "launch"),
        "new": "new",
        "planned": "planned",
        "saved": "{n} asset(s) saved as planned.",
    },
    "fr": {
        "header": "{name} ({slug}) : {cap} contenu(s) par semaine, {weeks} semaines à partir "
        "du {start}",
        "zero": "La capacité est de 0 contenu par semaine : rien n'est planifié (réglez "
        "capacity_per_week pour ce client dans serpshield.toml).",
        "missed": "« {title} » ne sera pas en ligne avant le lancement « {launch} » du {on} : "
        "{where}.",
        "missed_week": "il est planifié en semaine {week}",
        "missed_none": "il n'est pas planifié dans l'horizon",
        "unscheduled": "{n} contenu(s) recommandé(s) ne tiennent pas dans l'horizon de {weeks} "
        "semaines.",
        "overbooked": "La semaine {week} compte déjà plus de contenus planifiés que la capacité.",
        "nothing": "Aucune requête n'affiche de résultat nuisible et aucun lancement n'approche : "
        "rien à planifier.",
        "monitoring": "Surveillance avant le lancement « {launch} »",
        "columns": ("priorité", "requête", "contenu", "raison"),
        "calendar": ("semaine", "du", "quoi", "priorité", "lancement"),
        "new": "nouveau",
        "planned": "planifié",
        "saved": "{n} contenu(s) enregistré(s) comme planifiés.",
    },
}


def show_plan(report: PlanReport, saved: int | None, lang: str, *, as_json: bool) -> None:
    """Print ``report`` as JSON (``plan_json``) or, per client, its tables and notices in
    ``lang``; ``saved`` is how many assets ``--save`` stored (None without it)."""
    if as_json:
        click.echo(json.dumps(plan_json(report, saved), ensure_ascii=False, indent=2))
        return
    for client_plan in report.clients:
        _print_plan(client_plan, lang)
    if saved is not None:
        out.print(_MESSAGES[lang]["saved"].format(n=saved))


def plan_json(report: PlanReport, saved: int | None) -> dict[str, Any]:
    """The ``plan --json`` document (shape in this module's docstring)."""
    clients = []
    for p in report.clients:
        s = p.schedule
        placed = {slot.title: slot for slot in s.slots if slot.kind == "new"}
        recs = [r | {"week": placed[r["title"]].week + 1 if r["title"] in placed else None,
                     "week_start": placed[r["title"]].on if r["title"] in placed else None}
                for r in records(p.recommendations.drop(columns=["client_id"]))]  # fmt: skip
        calendar = [{"week": w + 1, "start": week_start(s.start, w),
                     "end": week_start(s.start, w) + timedelta(days=6),
                     "entries": [_clean(vars(x), drop=("week",)) for x in s.slots if x.week == w]}
                    for w in range(s.weeks)]  # fmt: skip
        clients.append({
            "client": p.slug, "name": p.name, "capacity_per_week": s.capacity_per_week,
            "recommendations": recs, "calendar": calendar,
            "launches": [{"name": n, "launch_on": d, "monitoring_from": d - timedelta(days=14)}
                         for n, d in s.launches],
            "missed_launches": [{"title": m.title, "launch": m.launch, "launch_on": m.launch_on,
                                 "week": m.week + 1 if m.week >= 0 else None} for m in s.missed],
            "unscheduled": [u.title for u in s.unscheduled],
            "overbooked_weeks": [w + 1 for w in s.overbooked],
        })  # fmt: skip
    doc = {"as_of": report.as_of, "start": report.start, "weeks": report.weeks, "saved": saved,
           "clients": clients}  # fmt: skip
    return cast(dict[str, Any], _clean(doc))


def _print_plan(p: ClientPlan, lang: str) -> None:
    msg, s = _MESSAGES[lang], p.schedule
    start = s.start.strftime("%d/%m/%Y") if lang == "fr" else s.start.isoformat()
    header = msg["header"].format(name=p.name, slug=p.slug, cap=s.capacity_per_week,
                                  weeks=s.weeks, start=start)  # fmt: skip
    out.print(Text(header, style="bold"))
    if p.recommendations.empty and not s.slots:
        out.print(msg["nothing"])
        return
    table = Table(*msg["columns"])
    for r in records(p.recommendations):
        label, reason = TYPE_LABELS[lang][r["asset_type"]], Text(str(r[f"reason_{lang}"]))
        table.add_row(f"{r['priority']:.1f}", Text(str(r["query"])), label, reason)
    out.print(table)
    calendar = Table(*msg["calendar"])
    for x in s.slots:
        monitoring = x.kind == "monitoring"
        what = (
            msg["monitoring"].format(launch=x.title) if monitoring else f"[{msg[x.kind]}] {x.title}"
        )
        calendar.add_row(str(x.week + 1), str(x.on), Text(what),
                         "" if x.priority is None else f"{x.priority:.1f}",
                         Text(f"{x.launch} ({x.launch_on})" if x.launch else ""))  # fmt: skip
    out.print(calendar)
    for line in _notices(p, lang):
        out.print(Text(line, style="yellow"))


def _notices(p: ClientPlan, lang: str) -> list[str]:
    msg, s = _MESSAGES[lang], p.schedule
    lines = [msg["zero"]] if s.capacity_per_week == 0 and s.unscheduled else []
    for m in s.missed:
        where = msg["missed_week"].format(week=m.week + 1) if m.week >= 0 else msg["missed_none"]
        lines.append(msg["missed"].format(title=m.title, launch=m.launch, on=m.launch_on,
                                          where=where))  # fmt: skip
    if s.unscheduled and s.capacity_per_week > 0:
        lines.append(msg["unscheduled"].format(n=len(s.unscheduled), weeks=s.weeks))
    return lines + [msg["overbooked"].format(week=w + 1) for w in s.overbooked]


def show_assets(report: AssetReport, *, as_json: bool) -> None:
    """Print the assets with their status, rank and effect, as JSON or as a table."""
    rows = [_asset_json(r, report.ranks) for r in records(report.assets)]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table("id", "client", "title", "type", "status", "rank (latest / best)",
                  "effect [95% CI]")  # fmt: skip
    for r in rows:
        status = f"{r['status']} {r['published_on'] or r['planned_on'] or ''}".strip()
        table.add_row(str(r["asset_id"]), r["client"], Text(r["title"]), r["asset_type"], status,
                      _rank_text(r["rank"]), _effect_text(r["effect"]))  # fmt: skip
    out.print(table)
    out.print("Effect < 0: exposure fell more on the asset's query than on untreated ones (good).")


def _asset_json(r: dict[str, Any], ranks: pd.DataFrame) -> dict[str, Any]:
    keys = ("asset_id", "client", "title", "asset_type", "status", "query", "url", "planned_on",
            "published_on")  # fmt: skip
    row: dict[str, Any] = {k: r[k] for k in keys} | {"query_id": r["target_query_id"]}
    tracked = r["status"] == "published" and isinstance(r.get("effect_status"), str)
    daily = [{"day": d["day"], "position": d["position"]}
             for d in records(ranks[ranks["asset_id"] == r["asset_id"]])]  # fmt: skip
    row["rank"] = ({k: r[k] for k in RANK_COLUMNS[1:]} | {"daily": daily}
                   if tracked and not pd.isna(r["observed_days"]) else None)  # fmt: skip
    row["effect"] = ({"status": r["effect_status"], "estimate": r["effect"]}
                     | {k: r[k] for k in EFFECT_COLUMNS[3:]} if tracked else None)  # fmt: skip
    return cast(dict[str, Any], _clean(row))


def _rank_text(rank: dict[str, Any] | None) -> str:
    if rank is None:
        return ""
    latest = rank["latest_position"] if rank["latest_position"] is not None else "not ranked"
    best = rank["best_position"] if rank["best_position"] is not None else "-"
    top = f", top 10 from {rank['first_top10_on']}" if rank["first_top10_on"] else ""
    return f"{latest} / {best}{top} ({rank['observed_days']} days observed)"


def _effect_text(effect: dict[str, Any] | None) -> str:
    if effect is None:
        return ""
    if effect["status"] != "ok":
        return str(effect["status"]).replace("_", " ")
    return f"{effect['estimate']:+.3f} [{effect['ci_low']:+.3f}, {effect['ci_high']:+.3f}]"


def _clean(value: Any, drop: tuple[str, ...] = ()) -> Any:
    """JSON-ready: dates as ISO text, NaN/NaT as null, numpy numbers as Python ones."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if k not in drop}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return int(value) if isinstance(value, float) and value.is_integer() else value
