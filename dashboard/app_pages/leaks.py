"""The Leaks & takedowns page: how fast notices work, and which leak URL to chase next.

A brand manager reads it top down: the KPI cards (takedown delay, SLA, recirculation, funnel
rates, all from ``serpshield.kpi_jobs.client_kpis``, the numbers of ``serpshield kpi``), the
funnel, the time-to-removal curves by channel, host or legal route (``models.km_curves``), the
queue of open leak URLs ranked by exposure and severity, and one URL's timeline with the
evidence pack of its content item. Full leak URLs appear only in the queue and the timeline
tables, where a person needs them to act; figures name a URL by its domain. Warehouse text
goes through ``st.dataframe``/``st.text`` only; Markdown carries our own translated words.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, cast

import pandas as pd
import streamlit as st

from dashboard import access_leaks as access
from dashboard import charts_leaks as charts
from dashboard.access_review import CATEGORY_KEYS
from dashboard.context import PageContext, page_context
from dashboard.filters import CLIENT_PARAM, FROM_PARAM, render_filters
from dashboard.i18n import format_count, t
from data.errors import WarehouseError, WarehouseLockedError
from data.evidence import ItemNotFoundError
from models.km_curves import GROUPINGS, Grouping, KmCurves
from models.kpi_catalog import Lang, kpi_definition
from serpshield.evidence import EvidenceError

GROUP_PARAM, LEAK_PARAM = "group", "leak"
_GROUP_KEY, _LEAK_KEY, _PACK_KEY = "lk_group", "lk_leak", "lk_pack"
#: The queue table (``access.table_config`` columns).
QUEUE_COLUMNS = (
    ("url", "lk_col_url", None), ("link", "lk_col_link", "link"),
    ("domain", "lk_col_domain", None), ("item_title", "lk_col_item", None),
    ("state", "lk_col_state", None), ("harm_category", "lk_col_category", None),
    ("exposure", "lk_col_exposure", "percent"), ("best_position", "lk_col_position", "%d"),
    ("age_days", "lk_col_age", "%.1f"), ("notices", "lk_col_notices", "%d"),
    ("sla_status", "lk_col_sla", None), ("sla_hours", "lk_col_sla_hours", "%.0f"),
)  # fmt: skip
EVENT_COLUMNS = (
    ("occurred_at", "lk_col_time", "datetime"), ("event", "lk_col_event", None),
    ("channel", "lk_col_channel", None), ("legal_route", "lk_col_route", None),
    ("source", "lk_col_source", None), ("reference", "lk_col_reference", None),
)  # fmt: skip
CHECK_COLUMNS = (
    ("checked_at", "lk_col_time", "datetime"), ("state", "lk_col_check_state", None),
    ("http_status", "lk_col_http", "%d"), ("reason", "lk_col_reason", None),
    ("final_url", "lk_col_final_url", None),
)  # fmt: skip
#: The delay cards: (label key, KPI id, which also names its value in ``client_kpis``).
DELAY_CARDS = (
    ("lk_card_median", "takedown_median_hours"), ("lk_card_median_ci", "takedown_median_ci_hours"),
    ("lk_card_p90", "takedown_p90_hours"), ("lk_card_rmst30", "takedown_rmst30_hours"),
    ("lk_card_mttd", "mttd_median_hours"),
)  # fmt: skip


def render() -> None:
    """Draw the page for the chosen client and period."""
    ctx = page_context()
    if ctx is None:
        return
    lang = ctx.lang
    st.title(t("page_leaks", lang))
    st.caption(t("lk_intro", lang))
    filters = render_filters(lang, clients=ctx.client_slugs, today=ctx.today,
                             client_required=True, show=(CLIENT_PARAM, FROM_PARAM))  # fmt: skip
    if filters.client is None:  # every client is inactive
        st.info(t("lk_no_active_client", lang))
        return
    try:
        render_client(ctx, filters.client, filters.start, filters.end)
    except WarehouseLockedError as exc:  # a collection run is writing: say so, offer a retry
        st.warning(t("state_locked", lang), icon=":material/lock_clock:")
        st.code(str(exc), language=None, wrap_lines=True)
        st.button(t("retry", lang), key="lk_retry", type="primary")
    except WarehouseError as exc:
        st.error(t("state_error", lang), icon=":material/error:")
        st.code(str(exc), language=None, wrap_lines=True)


def render_client(ctx: PageContext, client: str, start: date, end: date) -> None:
    """Every section for one client over [start, end] (local days), "as of" the period end."""
    lang, windows = ctx.lang, access.sla_windows(ctx.cfg)
    as_of = access.as_of_for(end, ctx.today, ctx.cfg.workspace.timezone)
    key = access.config_key(ctx.cfg)
    kpis = access.client_kpis(ctx.db, key, ctx.cfg, client, start, as_of)
    urls = access.leak_urls(ctx.db, client, as_of, ctx.cfg.ctr_weights())
    curves = access.km_curves(ctx.db, client, as_of, _grouping())
    st.caption(t("lk_as_of", lang).format(as_of=f"{as_of:%Y-%m-%d %H:%M}"))
    render_cards(kpis, windows, lang)
    render_funnel(kpis, lang)
    render_curves(curves, lang)
    queue = access.build_queue(urls, windows, as_of)
    render_queue(queue, lang)
    render_timeline(ctx, client, urls, queue, as_of)


def _metric(label: str, value: str, kpi_id: str, lang: str) -> None:
    st.metric(label, value, help=kpi_definition(kpi_id, cast(Lang, lang)))


def _counted(key: str, lang: str, **counts: Any) -> str:
    """Label ``key`` with its count placeholders filled with ``counts`` (our numbers only)."""
    return t(key, lang).format(**{name: format_count(int(n), lang) for name, n in counts.items()})


def render_cards(kpis: Mapping[str, Any], windows: Mapping[str, float], lang: str) -> None:
    """The KPI cards, three a row (wide enough for "not reached" in French): takedown delay,
    detection delay and recirculation at D+7, then SLA compliance per legal route."""
    st.subheader(t("lk_section_kpis", lang))
    cards = []
    for key, kpi_id in DELAY_CARDS:
        value = kpis[kpi_id]
        if kpi_id == "takedown_median_ci_hours" and value is not None:
            cards.append((t(key, lang), " – ".join(access.hours_text(v, lang) for v in value)))
        else:
            cards.append((t(key, lang), access.hours_text(value, lang)))
    recirculation = kpis["recirculation_d7"]
    cards.append((t("lk_card_recirculation", lang), access.share_text(recirculation["rate"], lang)))
    ids = [kpi_id for _, kpi_id in DELAY_CARDS] + ["recirculation_d7"]
    for row in (0, 3):
        for column, (label, text), kpi_id in zip(st.columns(3), cards[row : row + 3],
                                                 ids[row : row + 3], strict=True):  # fmt: skip
            with column:
                _metric(label, text, kpi_id, lang)
    with column:  # under the recirculation card, the last one: what its rate leaves out
        st.caption(_counted("lk_recirculation_detail", lang, items=recirculation["items"],
                            missed=recirculation["missed_copies"],
                            reinstated=recirculation["reinstatements"]))  # fmt: skip
    for column, (route, figures) in zip(st.columns(3), kpis["sla"].items(), strict=True):
        route_name = t(access.ROUTE_KEYS[route], lang)
        label = t("lk_card_sla", lang).format(route=route_name, hours=f"{windows[route]:g}")
        with column:
            _metric(label, access.share_text(figures["rate"], lang), "sla", lang)
            st.caption(_counted("lk_sla_detail", lang, n=figures["n"], pending=figures["pending"]))


def render_funnel(kpis: Mapping[str, Any], lang: str) -> None:
    """The funnel of the period, its two rates, and the URLs kept out of them."""
    funnel = kpis["funnel"]
    st.subheader(t("lk_section_funnel", lang))
    left, right = st.columns([2, 1])
    with right:
        for key, rate in (("lk_card_removal_rate", funnel["removal_rate"]),
                          ("lk_card_delisting_rate", funnel["delisting_rate"])):  # fmt: skip
            _metric(t(key, lang), access.share_text(rate, lang), "funnel", lang)
        st.caption(_counted("lk_funnel_excluded", lang, **funnel["excluded"]))
    stages = pd.DataFrame(funnel["stages"])
    with left:
        if stages.empty or int(stages["urls"].sum()) == 0:
            st.info(t("lk_funnel_empty", lang))
            return
        stages["label"] = [t(access.STAGE_KEYS[str(s)], lang) for s in stages["stage"]]
        texts = {"urls": t("lk_urls", lang), "items": t("lk_items", lang)}
        st.plotly_chart(charts.funnel_chart(stages, texts), key="lk_funnel_chart")


def _grouping() -> Grouping:
    """The curves' grouping named in the URL (``?group=``), channel by default."""
    value = st.query_params.get(GROUP_PARAM)
    return next((g for g in GROUPINGS if g == value), "channel")


def _store_grouping() -> None:
    st.query_params[GROUP_PARAM] = str(st.session_state[_GROUP_KEY])


def render_curves(curves: KmCurves, lang: str) -> None:
    """Time to removal by channel, host or legal route, the grouping kept in the URL."""
    st.subheader(t("lk_section_curves", lang))
    grouping = _grouping()
    st.query_params[GROUP_PARAM] = grouping
    st.session_state[_GROUP_KEY] = grouping
    st.radio(t("lk_group_by", lang), GROUPINGS, key=_GROUP_KEY, horizontal=True,
             on_change=_store_grouping,
             format_func=lambda g: t(access.GROUP_KEYS[g], lang))  # fmt: skip
    if curves.curves.empty:
        st.info(t("lk_curves_empty", lang))
        return
    codes = {**access.ROUTE_KEYS, **access.CHANNEL_KEYS}
    names = {value: t(key, lang) for value, key in codes.items()}
    texts = {"x": t("lk_axis_days", lang), "y": t("lk_axis_waiting", lang),
             "median": t("lk_median_line", lang), "waiting": t("lk_waiting", lang),
             "band": t("lk_band", lang)}  # fmt: skip
    shown = None if grouping == "host" else names  # a host is named by its domain
    st.plotly_chart(charts.km_chart(curves.curves, curves.censored, texts, shown),
                    key="lk_km_chart")  # fmt: skip
    st.caption(t("lk_curves_help", lang))
    if curves.groups_left_out:
        st.caption(_counted("lk_hosts_left_out", lang, count=curves.groups_left_out))


def render_queue(queue: pd.DataFrame, lang: str) -> None:
    """Open leak URLs ranked by exposure, severity and age, with their SLA status."""
    st.subheader(t("lk_section_queue", lang))
    st.caption(t("lk_queue_help", lang))
    if queue.empty:
        st.success(t("lk_queue_empty", lang))
        return
    shown = queue.assign(
        link=access.link_column(queue["url"]),
        state=queue["state"].map(lambda s: _state(s, lang)),
        harm_category=queue["harm_category"].map(lambda c: t(CATEGORY_KEYS[c], lang)),
        sla_status=queue["sla_status"].map(lambda s: t(access.SLA_KEYS[s], lang)),
    )
    config = access.table_config(QUEUE_COLUMNS, lang, t("lk_open", lang))
    st.dataframe(shown, hide_index=True, key="lk_queue_table", column_config=config,
                 column_order=[name for name, _, _ in QUEUE_COLUMNS])  # fmt: skip


def _state(code: object, lang: str) -> str:
    return t(access.STATE_KEYS.get(str(code), "lk_state_unknown"), lang)


def _store_leak() -> None:
    st.query_params[LEAK_PARAM] = str(st.session_state[_LEAK_KEY])


def render_timeline(
    ctx: PageContext, client: str, urls: pd.DataFrame, queue: pd.DataFrame, as_of: datetime
) -> None:
    """One URL's events and checks up to ``as_of``, chart and tables, and its item's pack."""
    lang = ctx.lang
    st.subheader(t("lk_section_timeline", lang))
    if urls.empty:
        st.info(t("lk_no_urls", lang))
        return
    closed = urls[~urls["leak_url_id"].isin(queue["leak_url_id"])]
    order = [int(i) for i in (*queue["leak_url_id"], *closed["leak_url_id"])]
    wanted = st.query_params.get(LEAK_PARAM, "")
    chosen = int(wanted) if wanted.isdigit() and int(wanted) in order else order[0]
    st.query_params[LEAK_PARAM] = str(chosen)
    st.session_state[_LEAK_KEY] = chosen
    rows = urls.set_index("leak_url_id")

    def describe(leak_url_id: int) -> str:
        return f"#{leak_url_id} · {rows.at[leak_url_id, 'domain']!s} · " + _state(
            rows.at[leak_url_id, "state"], lang
        )

    st.selectbox(t("lk_pick_url", lang), order, key=_LEAK_KEY, on_change=_store_leak,
                 format_func=describe)  # fmt: skip
    row = {name: rows.at[chosen, name] for name in ("url", "domain", "item_id", "item_title")}
    events, checks = access.url_timeline(ctx.db, client, chosen, as_of)
    st.text(str(row["url"]))
    lanes = {kind: t(key, lang) for kind, key in access.LANE_KEYS.items()}
    texts = {"title": str(row["domain"]), "time": t("lk_axis_time", lang),
             "channel": t("lk_col_channel", lang), "route": t("lk_col_route", lang),
             "state": t("lk_col_check_state", lang), "status": t("lk_col_http", lang),
             **{state: t(key, lang) for state, key in access.CHECK_KEYS.items()}}  # fmt: skip
    st.plotly_chart(charts.timeline_chart(events, checks, texts, lanes), key="lk_timeline_chart")
    events = events.assign(event=events["event"].map(lambda e: lanes.get(e, e)))
    st.dataframe(events, hide_index=True, key="lk_events_table",
                 column_order=[c for c, _, _ in EVENT_COLUMNS],
                 column_config=access.table_config(EVENT_COLUMNS, lang))  # fmt: skip
    checks = checks.assign(state=checks["state"].map(lambda s: texts.get(s, s)))
    with st.expander(_counted("lk_checks", lang, count=len(checks))):
        st.dataframe(checks, hide_index=True, key="lk_checks_table",
                     column_order=[c for c, _, _ in CHECK_COLUMNS],
                     column_config=access.table_config(CHECK_COLUMNS, lang))  # fmt: skip
    render_evidence(ctx, int(str(row["item_id"])), str(row["item_title"]), lang)


def _build_pack(db: str, item_id: int) -> None:
    """Button callback: build the pack once, on the click (it writes an audit entry)."""
    try:
        st.session_state[_PACK_KEY] = access.build_evidence_pack(db, item_id)
    except (WarehouseError, EvidenceError, ItemNotFoundError, OSError) as exc:
        st.session_state[_PACK_KEY] = str(exc)  # shown by render_evidence, no traceback


def render_evidence(ctx: PageContext, item_id: int, item_title: str, lang: str) -> None:
    """Build, then download, the evidence pack of the selected URL's content item."""
    st.markdown(f"**{t('lk_evidence', lang)}**")
    st.caption(t("lk_evidence_help", lang))
    st.text(item_title)
    st.button(t("lk_build_pack", lang), key="lk_build_pack", on_click=_build_pack,
              args=(ctx.db, item_id))  # fmt: skip
    pack = st.session_state.get(_PACK_KEY)
    if isinstance(pack, str):
        st.error(t("lk_pack_failed", lang), icon=":material/error:")
        st.code(pack, language=None, wrap_lines=True)
    elif isinstance(pack, access.EvidencePack) and pack.item_id == item_id:
        st.success(_counted("lk_pack_ready", lang, urls=pack.urls, events=pack.events,
                            checks=pack.checks, appearances=pack.appearances))  # fmt: skip
        st.code(pack.sha256, language=None)
        st.download_button(t("lk_download_pack", lang), pack.data, file_name=pack.file_name,
                           mime="application/zip", key="lk_download", type="primary")  # fmt: skip


if __name__ == "__main__":
    render()
