"""The Portfolio page: the agency's view of every client, worst first, one click from detail.

One row per active client: SERP health and an exposure sparkline over the period, open leak
URLs, the takedown median, SLA compliance, the reputational MTTR, open incidents and open
alerts. Selecting a row opens the client's SERP health page with the same period and language
in the URL, so the link a person copies from there reopens the same view.

Layout only: the KPI columns are ``serpshield.kpi_jobs.portfolio_kpis``; open leaks, alerts and
the daily exposure are named reads (``data.dashboard_serp``, ``data.alert_store``,
``data.kpi_exposure``) through ``dashboard.access_serp``. A KPI without data shows "no data"
and a median not reached "not reached", never 0. Client names are warehouse text: they are
shown in the table only.
"""

from __future__ import annotations

import math
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard import access_serp as access
from dashboard.charts_serp import sparkline_image
from dashboard.context import PageContext, page_context
from dashboard.filters import FROM_PARAM, TO_PARAM, Filters, render_filters
from dashboard.frame import LANG_PARAM
from dashboard.i18n import format_count, t

SORT_PARAM = "sort"
_SORT_KEY = "portfolio_sort"
TABLE_KEY = "portfolio_table"
SERP_HEALTH_PAGE = "app_pages/serp_health.py"
#: Sort choices: id -> (label key, column, ascending); missing values always sort last and a
#: median not reached counts as the longest.
SORTS = {
    "health": ("pf_sort_health", "serp_health", True),
    "leaks": ("pf_sort_leaks", "open_leaks", False),
    "takedown": ("pf_sort_takedown", "takedown_median_hours", False),
    "sla": ("pf_sort_sla", "sla_rate", True),
    "mttr": ("pf_sort_mttr", "reputational_mttr_median_days", False),
    "alerts": ("pf_sort_alerts", "open_alerts", False),
    "name": ("pf_sort_name", "name", True),
}


def render() -> None:
    """Draw the portfolio for the period the URL names."""
    ctx = page_context()
    if ctx is None:
        return
    lang = ctx.lang
    st.title(t("page_portfolio", lang))
    st.caption(t("pf_intro", lang))
    filters = render_filters(lang, clients=ctx.client_slugs, today=ctx.today, show=(FROM_PARAM,))
    table, workspace_alerts = portfolio_table(ctx, filters)
    render_cards(table, workspace_alerts, lang)
    sort = render_sort(lang)
    selected = render_table(sort_table(table, sort), lang, filters)
    if selected is not None:
        st.switch_page(SERP_HEALTH_PAGE, query_params={
            "client": selected, LANG_PARAM: lang,
            FROM_PARAM: filters.start.isoformat(), TO_PARAM: filters.end.isoformat(),
        })  # fmt: skip


def portfolio_table(ctx: PageContext, filters: Filters) -> tuple[pd.DataFrame, int]:
    """One row per active client (the KPI frame plus open leaks, open alerts and the exposure
    sparkline), and the open alerts that concern no client."""
    tz = ctx.cfg.workspace.timezone
    period = access.view_period(filters.start, filters.end, ctx.today, tz)
    kpis = access.portfolio(ctx.db, ctx.cfg.model_dump_json(), ctx.cfg, filters.start,
                            period.as_of)  # fmt: skip
    extras = access.portfolio_extras(ctx.db, period.start, period.as_of,
                                     tuple(ctx.cfg.ctr_weights()), tz)  # fmt: skip
    leaks, alerts, days = extras["leaks"], extras["alerts"], extras["days"]
    trends = access.exposure_trends(days, ctx.clients, filters.start, filters.end)
    per_client = alerts["client"].value_counts()
    open_leaks = dict(zip(leaks["slug"], leaks["open_leaks"], strict=True))
    table = kpis.assign(
        trend=pd.Series(
            [trends.get(s, []) for s in kpis["client"]], index=kpis.index, dtype=object
        ),
        open_leaks=[int(open_leaks.get(slug, 0)) for slug in kpis["client"]],
        open_alerts=[int(per_client.get(slug, 0)) for slug in kpis["client"]],
    )
    return table, int(alerts["client"].isna().sum())


def sort_table(table: pd.DataFrame, sort: str) -> pd.DataFrame:
    """The rows in the order of ``SORTS[sort]``, rows without a value last."""
    _, column, ascending = SORTS[sort]
    if column == "name":
        return table.sort_values("name", key=lambda names: names.str.casefold())

    def rank(value: object) -> float:
        if value == "not_reached":
            return math.inf
        return float(value) if isinstance(value, int | float) else math.nan

    keys = table[column].map(rank)
    return (
        table.assign(_key=keys)
        .sort_values("_key", ascending=ascending, na_position="last", kind="stable")
        .drop(columns="_key")
    )


def render_cards(table: pd.DataFrame, workspace_alerts: int, lang: str) -> None:
    """Counts over the whole portfolio: clients, open leak URLs, open alerts."""
    cards = (
        ("pf_metric_clients", len(table), "pf_metric_clients_help"),
        ("pf_metric_open_leaks", int(table["open_leaks"].sum()), "pf_metric_open_leaks_help"),
        ("pf_metric_open_alerts", int(table["open_alerts"].sum()) + workspace_alerts,
         "pf_metric_open_alerts_help"),
    )  # fmt: skip
    for column, (label, value, help_key) in zip(st.columns(len(cards)), cards, strict=True):
        column.metric(t(label, lang), format_count(value, lang), help=t(help_key, lang))
    if workspace_alerts:
        st.caption(t("pf_workspace_alerts", lang).format(count=format_count(workspace_alerts,
                                                                            lang)))  # fmt: skip
    unscored = int(table["unscored_snapshots"].fillna(0).sum())
    if unscored:
        st.caption(t("pf_unscored", lang).format(count=format_count(unscored, lang)))


def render_sort(lang: str) -> str:
    """The sort choice, seeded from and written back to the URL's ``sort`` parameter."""
    wanted = st.query_params.get(SORT_PARAM)
    sort = wanted if wanted in SORTS else "health"
    st.session_state[_SORT_KEY] = sort
    st.selectbox(t("pf_sort", lang), list(SORTS), key=_SORT_KEY, on_change=_store_sort,
                 format_func=lambda s: t(SORTS[s][0], lang))  # fmt: skip
    if st.query_params.get(SORT_PARAM) != sort:
        st.query_params[SORT_PARAM] = sort
    return sort


def _store_sort() -> None:
    st.query_params[SORT_PARAM] = str(st.session_state.get(_SORT_KEY) or "health")


def client_link(slug: str, lang: str, filters: Filters) -> str:
    """A relative link to the client's SERP health page for the same period and language."""
    params = {"client": slug, LANG_PARAM: lang, FROM_PARAM: filters.start.isoformat(),
              TO_PARAM: filters.end.isoformat()}  # fmt: skip
    return f"serp-health?{urlencode(params)}"


def render_table(table: pd.DataFrame, lang: str, filters: Filters) -> str | None:
    """The client table; returns the slug of the row a person just selected, if any."""
    shown = table.assign(
        link=[client_link(str(slug), lang, filters) for slug in table["client"]],
        takedown=[access.kpi_text(v, "hours", lang) for v in table["takedown_median_hours"]],
        mttr=[access.kpi_text(v, "days", lang) for v in table["reputational_mttr_median_days"]],
    )
    peak = max((v for row in table["trend"] for v in row if v is not None), default=0.0)
    shown["trend"] = [sparkline_image(row, peak) for row in table["trend"]]
    shown["sla_rate"] = 100 * shown["sla_rate"].astype(float)  # the column shows a percentage
    number, text = st.column_config.NumberColumn, st.column_config.TextColumn

    def kpi(kpi_id: str) -> str:
        return access.kpi_help(kpi_id, lang)

    config = {
        "name": text(t("pf_col_client", lang), pinned=True),
        "serp_health": number(t("pf_col_health", lang), width="small", format="%.1f",
                              help=kpi("serp_health")),
        "trend": st.column_config.ImageColumn(t("pf_col_trend", lang), width="medium",
                                              help=t("pf_col_trend_help", lang)),
        "open_leaks": number(t("pf_col_open_leaks", lang), width="small",
                             help=t("pf_metric_open_leaks_help", lang)),
        "takedown": text(t("pf_col_takedown", lang), width="small",
                         help=kpi("takedown_median_hours")),
        "sla_rate": number(t("pf_col_sla", lang), width="small", format="%.0f%%",
                           help=kpi("sla")),
        "mttr": text(t("pf_col_mttr", lang), width="small",
                     help=kpi("reputational_mttr_median_days")),
        "open_incidents": number(t("pf_col_incidents", lang), width="small",
                                 help=kpi("open_incidents")),
        "open_alerts": number(t("pf_col_alerts", lang), width="small",
                              help=t("pf_metric_open_alerts_help", lang)),
        "link": st.column_config.LinkColumn(t("pf_col_open", lang),
                                            display_text=t("pf_open_text", lang)),
    }  # fmt: skip
    event = st.dataframe(
        shown, hide_index=True, column_order=list(config), column_config=config,
        key=TABLE_KEY, on_select="rerun", selection_mode="single-row",
        placeholder=t("serp_no_data", lang),
    )  # fmt: skip
    rows = list(event.selection.rows) if hasattr(event, "selection") else []
    return str(shown["client"].iloc[rows[0]]) if rows and rows[0] < len(shown) else None


# Streamlit runs a page file as ``__main__``; importing the module must not draw anything.
if __name__ == "__main__":
    render()
