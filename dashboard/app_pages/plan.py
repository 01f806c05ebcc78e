"""The Defensive plan page: what to publish, when, and whether what was published works.

A brand manager or an agency planner comes here to see the calendar of defensive content
(published, planned, recommended, and the monitoring weeks before each launch), why each asset
is recommended, and for each published asset its rank in the search it targets and its
estimated effect on that search's exposure.

Layout only: the plan and the assets come from ``serpshield.plan_jobs`` through
``dashboard.access_plan`` (the same jobs as ``serpshield plan`` and ``plan assets``), figures
from ``dashboard.charts_plan``. Reasons exist in English and French; the interface language's
one is shown. Warehouse and config text (titles, searches, reasons, URLs) only reaches
``st.dataframe`` and plotly (escaped there), never Markdown.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from dashboard import access_plan as access
from dashboard.charts_plan import KIND_LABELS, calendar_chart, effect_chart, rank_chart
from dashboard.context import page_context
from dashboard.filters import CLIENT_PARAM, FROM_PARAM, Filters, render_filters
from dashboard.i18n import format_count, t
from data.errors import WarehouseError, WarehouseLockedError
from models.planner import records
from serpshield.config import CONFIG_FILENAME
from serpshield.plan_jobs import AssetReport
from serpshield.report.cards import asset_type_label, category_label, effect_text

WEEKS_PARAM = "weeks"
WEEK_CHOICES = (4, 8, 12, 16, 26)
DEFAULT_WEEKS = 8
_WEEKS_KEY = "plan_weeks"


def render() -> None:
    """Draw the page for the client, period and horizon the URL names."""
    ctx = page_context()
    if ctx is None:
        return
    lang = ctx.lang
    st.title(t("page_plan", lang))
    st.caption(t("plan_intro", lang))
    filters = render_filters(lang, clients=ctx.client_slugs, today=ctx.today,
                             client_required=True, show=(CLIENT_PARAM, FROM_PARAM))  # fmt: skip
    if filters.client is None:
        st.info(t("ws_empty", lang))
        return
    weeks = render_weeks(lang)
    config = ctx.paths.workspace / CONFIG_FILENAME
    key = (str(config), config.stat().st_mtime, ctx.db, filters.client)
    if filters.start > ctx.today:
        st.info(t("plan_future_period", lang))
        return
    as_of = access.view_as_of(filters.start, filters.end, ctx.cfg.workspace.timezone,
                              datetime.now(UTC))  # fmt: skip
    try:
        view = access.plan_view(*key, weeks, as_of)
        report = access.assets(*key, as_of)
    except WarehouseLockedError as exc:
        st.warning(t("state_locked", lang), icon=":material/lock_clock:")
        st.code(str(exc), language=None, wrap_lines=True)
        st.button(t("retry", lang), key="plan_retry", type="primary")
        return
    except WarehouseError as exc:
        st.error(t("state_error", lang), icon=":material/error:")
        st.code(str(exc), language=None, wrap_lines=True)
        return
    render_metrics(view, report.assets, lang)
    render_calendar(view, report.assets, filters, lang)
    render_recommendations(view, lang)
    render_assets(report.assets, lang)
    render_ranks(report, filters, lang)
    render_effects(report.assets, lang)


def render_weeks(lang: str) -> int:
    """The horizon selector, seeded from and written to the URL's ``weeks``."""
    raw = st.query_params.get(WEEKS_PARAM, "")
    weeks = int(raw) if raw.isdigit() and int(raw) in WEEK_CHOICES else DEFAULT_WEEKS
    if st.query_params.get(WEEKS_PARAM) != str(weeks):
        st.query_params[WEEKS_PARAM] = str(weeks)
    st.session_state[_WEEKS_KEY] = weeks
    st.segmented_control(t("plan_weeks", lang), WEEK_CHOICES, key=_WEEKS_KEY,
                         on_change=_store_weeks)  # fmt: skip
    return weeks


def _store_weeks() -> None:
    value = st.session_state.get(_WEEKS_KEY)
    st.query_params[WEEKS_PARAM] = str(value if value in WEEK_CHOICES else DEFAULT_WEEKS)


def render_metrics(view: access.PlanView, assets: pd.DataFrame, lang: str) -> None:
    """Four counts: new recommendations, planned, published, effects measured."""
    status = assets["status"]
    counts = (
        ("plan_metric_new", "plan_metric_new_help", len(view.recommendations)),
        ("plan_metric_planned", "plan_metric_planned_help", int((status == "planned").sum())),
        ("plan_metric_published", "plan_metric_published_help",
         int((status == "published").sum())),
        ("plan_metric_measured", "plan_metric_measured_help",
         int((assets["effect_status"] == "ok").sum())),
    )  # fmt: skip
    for column, (label, help_key, value) in zip(st.columns(4), counts, strict=True):
        column.metric(t(label, lang), format_count(value, lang), help=t(help_key, lang))


def render_calendar(
    view: access.PlanView, assets: pd.DataFrame, filters: Filters, lang: str
) -> None:
    """The calendar chart, what does not fit, and the calendar as a table."""
    st.subheader(t("plan_calendar", lang))
    start = view.start.strftime("%d/%m/%Y") if lang == "fr" else view.start.isoformat()
    st.caption(t("plan_calendar_caption", lang).format(weeks=view.weeks, start=start,
                                                       capacity=view.capacity))  # fmt: skip
    if view.capacity == 0 and view.unscheduled:
        st.warning(t("plan_zero_capacity", lang))
    elif view.unscheduled:
        st.warning(t("plan_unscheduled", lang).format(n=view.unscheduled, weeks=view.weeks))
    if view.overbooked:
        st.warning(t("plan_overbooked", lang).format(weeks=", ".join(map(str, view.overbooked))))
    published = assets[(assets["status"] == "published") & assets["published_on"].notna()]
    published = published[pd.to_datetime(published["published_on"]).dt.date >= filters.start]
    if view.calendar.empty and published.empty:
        st.info(t("plan_nothing", lang))
        return
    st.plotly_chart(calendar_chart(view.calendar, published, view.launches, lang),
                    key="plan_calendar_chart")  # fmt: skip
    if len(view.missed):
        st.warning(t("plan_missed", lang).format(n=len(view.missed)))
        st.dataframe(view.missed, hide_index=True, column_config={
            "title": st.column_config.TextColumn(t("plan_col_title", lang)),
            "launch": st.column_config.TextColumn(t("plan_launch", lang)),
            "launch_on": st.column_config.DateColumn(t("plan_col_launch_on", lang)),
            "week": st.column_config.NumberColumn(t("plan_col_week", lang)),
        })  # fmt: skip
    with st.expander(t("plan_calendar_table", lang)):
        table = view.calendar.assign(
            kind=view.calendar["kind"].map(lambda k: t(KIND_LABELS[k], lang)),
            asset_type=view.calendar["asset_type"].map(
                lambda a: asset_type_label(a, lang) if isinstance(a, str) else None),
        )  # fmt: skip
        st.dataframe(table, hide_index=True, column_order=(
            "week", "on", "kind", "title", "query", "asset_type", "priority", "launch"),
            column_config={
                "week": st.column_config.NumberColumn(t("plan_col_week", lang)),
                "on": st.column_config.DateColumn(t("plan_col_on", lang)),
                "kind": st.column_config.TextColumn(t("plan_col_kind", lang)),
                "title": st.column_config.TextColumn(t("plan_col_title", lang)),
                "query": st.column_config.TextColumn(t("col_query", lang)),
                "asset_type": st.column_config.TextColumn(t("plan_col_type", lang)),
                "priority": st.column_config.NumberColumn(t("plan_col_priority", lang),
                                                          format="%.1f"),
                "launch": st.column_config.TextColumn(t("plan_launch", lang)),
            })  # fmt: skip


def render_recommendations(view: access.PlanView, lang: str) -> None:
    """The new recommendations with priority, week and the reason in the interface language."""
    st.subheader(t("plan_recommendations", lang))
    recs = view.recommendations
    if recs.empty:
        st.caption(t("plan_no_recommendations", lang))
        return
    st.caption(t("plan_recommendations_caption", lang))
    table = recs.assign(
        asset_type=recs["asset_type"].map(lambda a: asset_type_label(a, lang)),
        category=recs["category"].map(lambda c: category_label(c, lang)),
        reason=recs[f"reason_{'fr' if lang == 'fr' else 'en'}"],
    )
    st.dataframe(table, hide_index=True, column_order=(
        "priority", "query", "asset_type", "category", "exposure", "search_volume", "week",
        "reason"), column_config={
            "priority": st.column_config.NumberColumn(t("plan_col_priority", lang), format="%.1f"),
            "query": st.column_config.TextColumn(t("col_query", lang)),
            "asset_type": st.column_config.TextColumn(t("plan_col_type", lang)),
            "category": st.column_config.TextColumn(t("col_category", lang)),
            "exposure": st.column_config.NumberColumn(t("plan_col_exposure", lang), format="%.3f"),
            "search_volume": st.column_config.NumberColumn(t("col_volume", lang)),
            "week": st.column_config.NumberColumn(t("plan_col_week", lang), format="%d"),
            "reason": st.column_config.TextColumn(t("plan_col_reason", lang), width="large"),
        })  # fmt: skip


def render_assets(assets: pd.DataFrame, lang: str) -> None:
    """Every saved or published asset with its rank and effect (words when no number)."""
    st.subheader(t("plan_assets", lang))
    if assets.empty:
        st.caption(t("plan_no_assets", lang))
        return
    statuses = {s: t(KIND_LABELS[s], lang) for s in ("planned", "published")}
    table = assets.assign(
        asset_type=assets["asset_type"].map(lambda a: asset_type_label(a, lang)),
        status=assets["status"].map(lambda s: statuses.get(s, s)),
        effect_text=[effect_text(r["effect_status"], r["effect"], r["ci_low"], r["ci_high"], lang)
                     for r in records(assets)],
        link=access.http_links(assets["url"]),
    )  # fmt: skip
    st.dataframe(table, hide_index=True, column_order=(
        "title", "asset_type", "status", "query", "planned_on", "published_on",
        "latest_position", "best_position", "first_top10_on", "effect_text", "link"),
        column_config={
            "title": st.column_config.TextColumn(t("plan_col_title", lang)),
            "asset_type": st.column_config.TextColumn(t("plan_col_type", lang)),
            "status": st.column_config.TextColumn(t("plan_col_status", lang)),
            "query": st.column_config.TextColumn(t("col_query", lang)),
            "planned_on": st.column_config.DateColumn(t("plan_col_planned_on", lang)),
            "published_on": st.column_config.DateColumn(t("plan_col_published_on", lang)),
            "latest_position": st.column_config.NumberColumn(t("plan_col_latest", lang)),
            "best_position": st.column_config.NumberColumn(t("plan_col_best", lang)),
            "first_top10_on": st.column_config.DateColumn(t("plan_col_top10", lang)),
            "effect_text": st.column_config.TextColumn(t("plan_col_effect", lang)),
            "link": st.column_config.LinkColumn(t("plan_col_link", lang)),
        })  # fmt: skip


def render_ranks(report: AssetReport, filters: Filters, lang: str) -> None:
    """The position of each published asset per day of the period (gaps as gaps)."""
    st.subheader(t("plan_ranks", lang))
    ranks = report.ranks
    days = pd.to_datetime(ranks["day"]).dt.date if len(ranks) else pd.Series(dtype=object)
    if not ((days >= filters.start) & (days <= filters.end)).any():
        st.caption(t("plan_no_ranks", lang))
        return
    st.caption(t("plan_ranks_caption", lang))
    titles = {int(a): str(n) for a, n in zip(report.assets["asset_id"], report.assets["title"],
                                              strict=True)}  # fmt: skip
    st.plotly_chart(rank_chart(ranks, titles, filters.start, filters.end, lang),
                    key="plan_rank_chart")  # fmt: skip


def render_effects(assets: pd.DataFrame, lang: str) -> None:
    """The measured effects with their 95% interval, and what "negative" means."""
    published = assets[assets["status"] == "published"] if len(assets) else assets
    if published.empty:
        return
    st.subheader(t("plan_effects", lang))
    if not (published["effect_status"] == "ok").any():
        st.info(t("plan_no_effects", lang))
        return
    st.caption(t("plan_effects_caption", lang))
    st.plotly_chart(effect_chart(published, lang), key="plan_effect_chart")


if __name__ == "__main__":
    render()
