"""The SERP health page: one client's search results over time, and their top 10 now.

A brand manager comes here to see whether defensive work moves the harmful results down: the
health curve with what was published, sent and launched on it, the exposure of each search,
a heatmap of the best position of a harmful result (a row that fades from dark red to green
is a harmful article being pushed off the first page), then the current top 10 with why each
result got its harm score and what is new since the check before.

Layout only: KPIs come from ``serpshield.kpi_jobs``, exposure from ``data.kpi_exposure``,
figures from ``dashboard.charts_serp``. Warehouse text (titles, domains, query words) is shown
through ``st.dataframe`` and plotly (escaped there), never through Markdown.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import streamlit as st

from dashboard import access_serp as access
from dashboard import data_access
from dashboard.charts_serp import health_chart, query_exposure_chart, rank_heatmap_chart
from dashboard.context import PageContext, page_context
from dashboard.filters import Filters, parse_filters, render_filters
from dashboard.i18n import format_count, t

#: The KPI cards: (KPI id of models.kpi_catalog, label key), in reading order.
CARDS = (
    ("serp_health", "serp_kpi_serp_health"),
    ("exposure", "serp_kpi_exposure"),
    ("owned_share", "serp_kpi_owned_share"),
    ("reputational_mttr_median_days", "serp_kpi_reputational_mttr_median_days"),
    ("open_incidents", "serp_kpi_open_incidents"),
)
DEPTH = 10  # the top 10 of KPIS.md section 1


def render() -> None:
    """Draw the page for the client, period, tags and engine the URL names."""
    ctx = page_context()
    if ctx is None:
        return
    lang = ctx.lang
    st.title(t("page_serp_health", lang))
    st.caption(t("sh_intro", lang))
    slugs = ctx.client_slugs
    queries = data_access.tracked_queries(ctx.db)
    # The engine and tag choices are the client's own: read which client the URL names first.
    named = parse_filters(st.query_params, clients=slugs, today=ctx.today).client
    mine = queries[queries["client"] == (named or (slugs[0] if slugs else None))]
    tags = sorted({tag for row in mine["tags"] for tag in row})
    filters = render_filters(lang, clients=slugs, today=ctx.today, client_required=True,
                             engines=sorted(set(mine["engine"])), tags=tags)  # fmt: skip
    if filters.client is None:
        st.info(t("ws_empty", lang))
        return
    period = access.view_period(filters.start, filters.end, ctx.today, ctx.cfg.workspace.timezone)
    render_cards(ctx, filters.client, filters.start, period.as_of)
    view = access.serp_view(
        ctx.db, _client_id(ctx, filters.client), period.start, period.as_of, filters.start,
        filters.end, tuple(ctx.cfg.ctr_weights()), ctx.cfg.workspace.timezone,
        ctx.cfg.thresholds.harm,
    )  # fmt: skip
    render_trend(view, filters, lang)
    shown = access.select_queries(queries, filters.client, filters.tags, filters.engine)
    if shown.empty:
        st.info(t("sh_no_queries", lang))
        return
    names = access.query_names(shown)
    render_queries(view, filters, names, ctx.cfg.thresholds.harm, lang)
    render_top(view["top"], names, lang)


def _client_id(ctx: PageContext, slug: str) -> int:
    return int(ctx.clients.loc[ctx.clients["slug"] == slug, "client_id"].iloc[0])


def render_cards(ctx: PageContext, client: str, start: date, as_of: datetime) -> None:
    """The client's SERP KPIs over the period, each with its definition as help."""
    values = access.client_kpi_values(ctx.db, ctx.cfg.model_dump_json(), ctx.cfg, client, start,
                                      as_of)  # fmt: skip
    for column, (kpi_id, label) in zip(st.columns(len(CARDS)), CARDS, strict=True):
        text = access.kpi_text(values.get(kpi_id), access.kpi_unit(kpi_id), ctx.lang)
        column.metric(t(label, ctx.lang), text, help=access.kpi_help(kpi_id, ctx.lang))
    unscored = int(values.get("unscored_snapshots") or 0)
    if unscored:
        st.caption(t("sh_unscored", ctx.lang).format(count=format_count(unscored, ctx.lang)))


def render_trend(view: dict[str, pd.DataFrame], filters: Filters, lang: str) -> None:
    """The client's daily SERP health with assets, notices and launches above it."""
    st.subheader(t("sh_section_trend", lang))
    if view["days"].empty:
        st.info(t("sh_no_observation", lang))
    figure = health_chart(view["days"], view["events"], first=filters.start, last=filters.end,
                          lang=lang)  # fmt: skip
    st.plotly_chart(figure, key="sh_trend")
    st.caption(t("sh_trend_caption", lang))


def render_queries(
    view: dict[str, pd.DataFrame], filters: Filters, names: dict[int, str], theta: float,
    lang: str,
) -> None:  # fmt: skip
    """Exposure per query, then the heatmap of where harmful results rank."""
    first, last = filters.start, filters.end
    st.subheader(t("sh_section_queries", lang))
    st.plotly_chart(
        query_exposure_chart(view["query_days"], names, first=first, last=last, lang=lang),
        key="sh_queries",
    )
    st.subheader(t("sh_section_ranks", lang))
    grid = view["grid"]
    words = [access.category_text(c, access.CATEGORY_KEYS, lang) for c in grid["category"]]
    grid = grid.assign(category=pd.Series(words, index=grid.index, dtype=object))
    heatmap = rank_heatmap_chart(grid, names, first=first, last=last, depth=DEPTH, lang=lang)
    st.plotly_chart(heatmap, key="sh_ranks")
    theta_text = access.format_number(theta, 2, lang)
    st.caption(t("sh_ranks_caption", lang).format(theta=theta_text))


def top_table(top: pd.DataFrame, names: dict[int, str], lang: str) -> pd.DataFrame:
    """The latest top 10 of the queries of ``names`` as the table shows it (words, not codes)."""
    rows = top[top["query_id"].isin(list(names))]
    labelled = t("sh_labelled", lang)
    return pd.DataFrame({
        "query": [names[int(q)] for q in rows["query_id"]],
        "position": rows["position"].astype(int).to_list(),
        "title": rows["title"].to_list(),
        "domain": rows["domain"].to_list(),
        "site": [access.category_text(c if isinstance(c, str) else "unknown",
                                      access.SITE_KEYS, lang) for c in rows["domain_category"]],
        "harm": rows["harm"].to_list(),
        "category": [None if (text := access.category_text(c, access.CATEGORY_KEYS, lang)) is None
                     else f"{text} ({labelled})" if bool(flag) else text
                     for c, flag in zip(rows["category"], rows["labelled"], strict=True)],
        "reasons": [access.reason_words(r, lang) for r in rows["reasons"]],
        "new": [None if pd.isna(n) else bool(n) for n in rows["is_new"]],
        "link": [access.http_link(u) for u in rows["url"]],
        "checked": rows["snapshot_at"].to_list(),
    })  # fmt: skip


def render_top(top: pd.DataFrame, names: dict[int, str], lang: str) -> None:
    """The current top 10 of every shown query, then only what entered it."""
    table = top_table(top, names, lang)
    st.subheader(t("sh_section_top", lang))
    st.caption(t("sh_top_caption", lang))
    text, number = st.column_config.TextColumn, st.column_config.NumberColumn
    # Reading order: which result, how harmful and why first; where it lives after.
    config = {
        "query": text(t("sh_col_query", lang), width="medium"),
        "position": number(t("sh_col_position", lang), format="%d", width="small"),
        "title": text(t("sh_col_title", lang), width="medium"),
        "harm": st.column_config.ProgressColumn(t("sh_col_harm", lang), min_value=0.0,
                                                max_value=1.0, format="%.2f", width="small"),
        "category": text(t("sh_col_category", lang), width="small"),
        "reasons": text(t("sh_col_reasons", lang), width="large"),
        "domain": text(t("sh_col_domain", lang)),
        "site": text(t("sh_col_site", lang), width="small"),
        "new": st.column_config.CheckboxColumn(t("sh_col_new", lang), width="small"),
        "link": st.column_config.LinkColumn(t("sh_col_link", lang), display_text="↗",
                                            width="small"),
        "checked": st.column_config.DatetimeColumn(t("sh_col_checked", lang),
                                                   format="YYYY-MM-DD HH:mm"),
    }  # fmt: skip
    if table.empty:
        st.info(t("sh_no_observation", lang))
    else:
        st.dataframe(table, hide_index=True, column_config=config, column_order=list(config),
                     key="sh_top", placeholder=t("serp_no_data", lang))  # fmt: skip
    st.subheader(t("sh_section_new", lang))
    st.caption(t("sh_new_caption", lang))
    entrants = table[table["new"].eq(True)] if not table.empty else table
    if entrants.empty:
        st.caption(t("sh_no_new", lang))
        return
    order = [column for column in config if column != "new"]
    st.dataframe(entrants, hide_index=True, column_config=config, column_order=order,
                 key="sh_new", placeholder=t("serp_no_data", lang))  # fmt: skip


# Streamlit runs a page file as ``__main__``; importing the module must not draw anything.
if __name__ == "__main__":
    render()
