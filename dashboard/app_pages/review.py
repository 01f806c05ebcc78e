"""The Review page: where people decide what the machine only proposes.

Four tasks, one tab each: accept or dismiss leak candidates found in search results (an
accepted one becomes a detected leak URL of a content item); label the results the harm model
is least sure about; read how good the model is on what people labelled (precision and recall
with 95% intervals, the confusion matrix); retrain the model on those labels. Every write goes
through the ``serpshield`` job functions (short write transactions, audited), then the caches
are cleared and a confirmation is shown. Writes run in button callbacks, before the rerun, so
the page that follows already shows their effect. Scraped titles and URLs are shown only
through ``st.dataframe``, ``st.text`` and plain selectbox options, never as Markdown.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import access_review as access
from dashboard.access_leaks import link_column, table_config
from dashboard.context import PageContext, page_context
from dashboard.filters import CLIENT_PARAM, render_filters
from dashboard.i18n import format_count, t
from data.errors import WarehouseError, WarehouseLockedError
from data.leak_records import ITEM_KINDS
from models.harm import CATEGORIES
from models.lifecycle import TransitionError
from serpshield.candidates import NotACandidateError
from serpshield.harm_jobs import NoModelError

QUEUE_LIMIT = 25
_FLASH = "rv_flash"
_CANDIDATE, _MODE, _ITEM, _TITLE, _KIND = (
    "rv_candidate", "rv_mode", "rv_item", "rv_new_title", "rv_kind"
)  # fmt: skip
_RESULT, _CATEGORY = "rv_result", "rv_category"
KIND_KEYS = {"photo_set": "rv_kind_photo_set", "video": "rv_kind_video",
             "document": "rv_kind_document", "product_visual": "rv_kind_product_visual",
             "other": "rv_kind_other"}  # fmt: skip
MODE_KEYS = {"existing": "rv_mode_existing", "new": "rv_mode_new"}
#: Tables (``access_leaks.table_config`` columns).
CANDIDATE_COLUMNS = (
    ("client", "rv_col_client", None), ("title", "rv_col_title", None),
    ("url", "rv_col_url", None), ("link", "rv_col_link", "link"),
    ("domain", "rv_col_domain", None), ("domain_category", "rv_col_domain_category", None),
    ("best_position", "rv_col_position", "%d"), ("times_seen", "rv_col_times_seen", "%d"),
    ("max_harm", "rv_col_harm", "progress"), ("last_seen_at", "rv_col_last_seen", "datetime"),
    ("queries", "rv_col_queries", None),
)  # fmt: skip
RESULT_COLUMNS = (
    ("result_id", "rv_col_result", "%d"), ("client", "rv_col_client", None),
    ("query", "rv_col_query", None), ("position", "rv_col_position", "%d"),
    ("title", "rv_col_title", None), ("url", "rv_col_url", None),
    ("score", "rv_col_harm", "progress"), ("category", "rv_col_model_says", None),
)  # fmt: skip
QUALITY_COLUMNS = (
    ("category", "rv_col_category", None), ("precision", "rv_col_precision", "percent"),
    ("precision_ci_low", "rv_col_ci_low", "percent"),
    ("precision_ci_high", "rv_col_ci_high", "percent"),
    ("recall", "rv_col_recall", "percent"), ("recall_ci_low", "rv_col_ci_low", "percent"),
    ("recall_ci_high", "rv_col_ci_high", "percent"), ("support", "rv_col_support", "%d"),
)  # fmt: skip
#: What a failed write may raise: the message is shown to the person, never a traceback.
WRITE_ERRORS = (WarehouseError, NotACandidateError, TransitionError, ValueError, OSError)


def render() -> None:
    """Draw the page: the client filter, the last write's confirmation, then the four tabs."""
    ctx = page_context()
    if ctx is None:
        return
    lang = ctx.lang
    st.title(t("page_review", lang))
    st.caption(t("rv_intro", lang))
    filters = render_filters(lang, clients=ctx.client_slugs, today=ctx.today, show=(CLIENT_PARAM,))
    render_flash(lang)
    names = ("rv_tab_candidates", "rv_tab_labels", "rv_tab_quality", "rv_tab_model")
    tabs = st.tabs([t(name, lang) for name in names])
    try:
        with tabs[0]:
            render_candidates(ctx, filters.client, lang)
        with tabs[1]:
            render_labelling(ctx, filters.client, lang)
        with tabs[2]:
            render_quality(ctx, filters.client, lang)
    except WarehouseLockedError as exc:
        st.warning(t("state_locked", lang), icon=":material/lock_clock:")
        st.code(str(exc), language=None, wrap_lines=True)
        st.button(t("retry", lang), key="rv_retry", type="primary")
    except WarehouseError as exc:
        st.error(t("state_error", lang), icon=":material/error:")
        st.code(str(exc), language=None, wrap_lines=True)
    with tabs[3]:
        render_model(ctx, lang)


def _write(action: Callable[[], object], success_key: str) -> None:
    """Run one write of a button callback and keep its outcome for the next run to show."""
    try:
        action()
    except WRITE_ERRORS as exc:
        st.session_state[_FLASH] = ("error", "rv_write_failed", str(exc))
        return
    st.session_state[_FLASH] = ("success", success_key, "")


def render_flash(lang: str) -> None:
    """The confirmation (or error) of the write made by the last click, shown once."""
    flash = st.session_state.pop(_FLASH, None)
    if not flash:
        return
    kind, key, detail = flash
    if kind == "success":
        st.success(t(key, lang), icon=":material/check_circle:")
        st.toast(t(key, lang))
    else:
        st.error(t(key, lang), icon=":material/error:")
        if detail:
            st.code(detail, language=None, wrap_lines=True)


def _candidate_rows(db: str, threshold: float, client: str | None) -> dict[str, pd.Series]:
    """The candidates keyed by client and normalized URL (stable across reruns and writes)."""
    frame = access.candidates(db, threshold, client)
    return {f"{row['client']}\n{row['normalized_url']}": row for _, row in frame.iterrows()}


def _accept(db: str, threshold: float, client: str | None) -> None:
    """Button callback: values are read from the session, where the widgets left them."""
    row = _candidate_rows(db, threshold, client)[str(st.session_state[_CANDIDATE])]
    if st.session_state.get(_MODE) == "new":
        title = str(st.session_state.get(_TITLE) or "").strip()
    else:
        items = access.content_items(db, str(row["client"]))
        match = items.loc[items["item_id"] == st.session_state.get(_ITEM), "title"]
        title = str(match.iloc[0]) if len(match) else ""
    if not title:
        st.session_state[_FLASH] = ("error", "rv_need_item", "")
        return
    kind = str(st.session_state.get(_KIND) or "other")
    _write(lambda: access.accept(db, threshold, str(row["client"]), str(row["url"]), title, kind),
           "rv_accepted")  # fmt: skip


def _dismiss(db: str, threshold: float, client: str | None) -> None:
    row = _candidate_rows(db, threshold, client)[str(st.session_state[_CANDIDATE])]
    _write(lambda: access.dismiss(db, threshold, str(row["client"]), str(row["url"])),
           "rv_dismissed")  # fmt: skip


def render_candidates(ctx: PageContext, client: str | None, lang: str) -> None:
    """The candidate queue, then the decision on the chosen candidate."""
    threshold = ctx.cfg.thresholds.candidate
    frame = access.candidates(ctx.db, threshold, client)
    st.caption(t("rv_candidates_help", lang))
    if frame.empty:
        st.info(t("rv_no_candidates", lang))
        return
    config = table_config(CANDIDATE_COLUMNS, lang, t("rv_open", lang))
    st.dataframe(frame.assign(link=link_column(frame["url"])), hide_index=True,
                 key="rv_candidates_table", column_order=[c for c, _, _ in CANDIDATE_COLUMNS],
                 column_config=config)  # fmt: skip
    rows = _candidate_rows(ctx.db, threshold, client)
    if st.session_state.get(_CANDIDATE) not in rows:
        st.session_state[_CANDIDATE] = next(iter(rows))

    def describe(key: str) -> str:
        row = rows[key]
        return f"{row['domain']!s} · {row['client']!s} · #{row['best_position']!s}"

    st.selectbox(t("rv_pick_candidate", lang), list(rows), key=_CANDIDATE, format_func=describe)
    chosen = rows[str(st.session_state[_CANDIDATE])]
    st.text(str(chosen["url"]))
    items = access.content_items(ctx.db, str(chosen["client"]))
    modes = ["existing", "new"] if len(items) else ["new"]
    if st.session_state.get(_MODE) not in modes:
        st.session_state[_MODE] = modes[0]
    mode = st.radio(t("rv_item_mode", lang), modes, key=_MODE, horizontal=True,
                    format_func=lambda m: t(MODE_KEYS[m], lang))  # fmt: skip
    if mode == "existing":
        titles = dict(zip(items["item_id"].astype(int), items["title"].astype(str), strict=True))
        if st.session_state.get(_ITEM) not in titles:
            st.session_state[_ITEM] = next(iter(titles))
        st.selectbox(t("rv_item", lang), list(titles), key=_ITEM, format_func=titles.__getitem__)
    else:
        st.text_input(t("rv_new_title", lang), key=_TITLE, max_chars=200)
        st.selectbox(t("rv_kind", lang), ITEM_KINDS, key=_KIND,
                     format_func=lambda k: t(KIND_KEYS[k], lang))  # fmt: skip
    left, right = st.columns(2)
    args = (ctx.db, threshold, client)
    left.button(t("rv_accept", lang), key="rv_accept", type="primary", on_click=_accept, args=args)
    right.button(t("rv_dismiss", lang), key="rv_dismiss", on_click=_dismiss, args=args)


def _save_label(db: str) -> None:
    result, category = int(st.session_state[_RESULT]), str(st.session_state[_CATEGORY])
    _write(lambda: access.save_label(db, result, category), "rv_label_saved")


def _category(code: object, lang: str) -> str:
    return t(access.CATEGORY_KEYS[str(code)], lang) if code in access.CATEGORY_KEYS else str(code)


def render_labelling(ctx: PageContext, client: str | None, lang: str) -> None:
    """The results the model is least sure about, and the form that labels one of them."""
    st.caption(t("rv_labels_help", lang))
    try:
        queue = access.review_queue(str(ctx.paths.workspace), ctx.db, client, QUEUE_LIMIT)
    except NoModelError:
        st.info(t("rv_no_model", lang))
        return
    if queue.empty:
        st.info(t("rv_nothing_to_label", lang))
        return
    st.dataframe(queue.assign(category=queue["category"].map(lambda c: _category(c, lang))),
                 hide_index=True, key="rv_queue_table",
                 column_order=[c for c, _, _ in RESULT_COLUMNS],
                 column_config=table_config(RESULT_COLUMNS, lang))  # fmt: skip
    rows = {int(row["result_id"]): row for _, row in queue.iterrows()}
    if st.session_state.get(_RESULT) not in rows:
        first = next(iter(rows))
        st.session_state[_RESULT] = first
        st.session_state[_CATEGORY] = str(rows[first]["category"])

    def describe(result_id: int) -> str:
        row = rows[result_id]
        return f"#{result_id} · {row['query']!s} · #{row['position']!s}"

    st.selectbox(t("rv_pick_result", lang), list(rows), key=_RESULT, format_func=describe)
    st.selectbox(t("rv_category", lang), CATEGORIES, key=_CATEGORY,
                 format_func=lambda c: _category(c, lang))  # fmt: skip
    st.button(t("rv_save_label", lang), key="rv_save_label", type="primary",
              on_click=_save_label, args=(ctx.db,))  # fmt: skip


def render_quality(ctx: PageContext, client: str | None, lang: str) -> None:
    """Precision and recall per category with 95% intervals, and the confusion matrix."""
    report = access.audit(ctx.db, client)
    st.caption(t("rv_quality_help", lang))
    if report is None:
        st.info(t("rv_nothing_audited", lang))
        return
    left, right = st.columns(2)
    left.metric(t("rv_audited", lang), format_count(report.audited, lang))
    right.metric(t("rv_unaudited", lang), format_count(report.unaudited, lang))
    quality = report.quality.reset_index()
    quality["category"] = quality["category"].map(lambda c: _category(c, lang))
    st.dataframe(quality, hide_index=True, key="rv_quality_table",
                 column_order=[c for c, _, _ in QUALITY_COLUMNS],
                 column_config=table_config(QUALITY_COLUMNS, lang),
                 placeholder=t("rv_undefined", lang))  # fmt: skip
    st.markdown(f"**{t('rv_confusion', lang)}**")
    name = {c: _category(c, lang) for c in {*report.confusion.index, *report.confusion.columns}}
    confusion = report.confusion.rename(index=name, columns=name)
    confusion.index.name = t("rv_confusion_corner", lang)
    st.dataframe(confusion, key="rv_confusion_table")
    st.caption(t("rv_confusion_help", lang))


def _percent(value: float, lang: str) -> str:
    text = f"{100 * value:.1f}"
    return t("rv_percent", lang).format(value=text.replace(".", ",") if lang == "fr" else text)


def render_model(ctx: PageContext, lang: str) -> None:
    """The current model and the retrain button (a spinner while it trains)."""
    st.caption(t("rv_model_help", lang))
    info = access.current_model_info(str(ctx.paths.workspace))
    if info is None:
        st.info(t("rv_no_model", lang))
    else:
        st.caption(t("rv_current_model", lang))
        st.code(info.version, language=None)
        rate, examples = info.false_positive_rate, info.examples
        left, right = st.columns(2)
        left.metric(t("rv_fpr", lang), "-" if rate is None else _percent(rate, lang),
                    help=t("rv_fpr_help", lang))  # fmt: skip
        right.metric(
            t("rv_examples", lang), "-" if examples is None else format_count(examples, lang)
        )
    if not st.button(t("rv_retrain", lang), key="rv_retrain", type="primary"):
        return
    try:
        with st.spinner(t("rv_training", lang)):
            report = access.retrain(str(ctx.paths.workspace), ctx.db)
    except WRITE_ERRORS as exc:
        st.error(t("rv_write_failed", lang), icon=":material/error:")
        st.code(str(exc), language=None, wrap_lines=True)
        return
    fpr = _percent(report.false_positive_rate, lang)
    message = t("rv_trained", lang).format(labels=format_count(report.labels, lang), fpr=fpr)
    st.success(message, icon=":material/check_circle:")
    st.toast(message)
    st.code(report.version, language=None)
    st.caption(t("rv_score_next", lang))


if __name__ == "__main__":
    render()
