"""The view's filters (client, period, query tags, engine), kept in the URL's query parameters.

A brand manager copies a link to a colleague or into a report and it must reopen the same view,
so every filter lives in ``st.query_params`` (``?client=lea-fit&from=2026-08-01&to=2026-11-20
&tags=brand,leak&engine=google``). As for the language (see ``frame.py``), each widget is seeded
from the URL before it is drawn and writes the URL back in its callback, so the two never
disagree and a hand-edited URL wins. Invalid values (an unknown client, a malformed date) fall
back to the default instead of breaking the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import streamlit as st

from dashboard.i18n import t

CLIENT_PARAM, FROM_PARAM, TO_PARAM, TAGS_PARAM, ENGINE_PARAM = (
    "client", "from", "to", "tags", "engine"
)  # fmt: skip
DEFAULT_DAYS = 90
_KEYS = {name: f"filter_{name}" for name in (CLIENT_PARAM, FROM_PARAM, TO_PARAM, TAGS_PARAM,
                                             ENGINE_PARAM)}  # fmt: skip


@dataclass(frozen=True)
class Filters:
    """What the current view shows: one client (None = all), a period of local days (both ends
    included), the query tags (empty = all) and one engine (None = all)."""

    client: str | None
    start: date
    end: date
    tags: tuple[str, ...] = field(default_factory=tuple)
    engine: str | None = None


def parse_filters(
    params: Mapping[str, str],
    *,
    clients: Sequence[str],
    today: date,
    engines: Sequence[str] = (),
    tags: Sequence[str] = (),
) -> Filters:
    """The filters a URL names, each checked against what exists (pure, for tests)."""
    client = params.get(CLIENT_PARAM) or None
    if client not in clients:
        client = None
    end = _date(params.get(TO_PARAM)) or today
    start = _date(params.get(FROM_PARAM)) or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        start, end = end, start
    wanted = [x for x in (params.get(TAGS_PARAM) or "").split(",") if x]
    chosen = tuple(x for x in wanted if x in tags)
    engine = params.get(ENGINE_PARAM) or None
    return Filters(client, start, end, chosen, engine if engine in engines else None)


def filter_params(filters: Filters) -> dict[str, str]:
    """The query parameters that reopen ``filters`` (defaults left out)."""
    params = {FROM_PARAM: filters.start.isoformat(), TO_PARAM: filters.end.isoformat()}
    if filters.client:
        params[CLIENT_PARAM] = filters.client
    if filters.tags:
        params[TAGS_PARAM] = ",".join(filters.tags)
    if filters.engine:
        params[ENGINE_PARAM] = filters.engine
    return params


def render_filters(
    lang: str,
    *,
    clients: Sequence[str],
    today: date,
    engines: Sequence[str] = (),
    tags: Sequence[str] = (),
    client_required: bool = False,
    show: Sequence[str] = (CLIENT_PARAM, FROM_PARAM, TAGS_PARAM, ENGINE_PARAM),
) -> Filters:
    """Draw the filter widgets named in ``show`` and return the filters of this run.

    With ``client_required`` the first client is chosen when the URL names none (pages about
    one client). The URL is rewritten to name every filter, so the address bar is always a
    link to this exact view.
    """
    filters = parse_filters(st.query_params, clients=clients, today=today, engines=engines,
                            tags=tags)  # fmt: skip
    if client_required and filters.client is None and clients:
        filters = Filters(clients[0], filters.start, filters.end, filters.tags, filters.engine)
    _write_url(filters)
    columns = st.columns(len(show)) if show else []
    for column, name in zip(columns, show, strict=True):
        with column:
            _widget(name, lang, filters, clients, engines, tags, client_required)
    return filters


def _widget(
    name: str,
    lang: str,
    filters: Filters,
    clients: Sequence[str],
    engines: Sequence[str],
    tags: Sequence[str],
    client_required: bool,
) -> None:
    key = _KEYS[name]
    if name == CLIENT_PARAM:
        options = list(clients) if client_required else ["", *clients]
        st.session_state[key] = filters.client or ""
        st.selectbox(t("filter_client", lang), options, key=key, on_change=_store, args=(name,),
                     format_func=lambda v: v or t("filter_all_clients", lang))  # fmt: skip
    elif name == FROM_PARAM:
        st.session_state[key] = (filters.start, filters.end)
        st.date_input(t("filter_period", lang), key=key, on_change=_store, args=(name,),
                      format="YYYY-MM-DD")  # fmt: skip
    elif name == TAGS_PARAM:
        st.session_state[key] = list(filters.tags)
        st.multiselect(t("filter_tags", lang), list(tags), key=key, on_change=_store,
                       args=(name,), placeholder=t("filter_all_tags", lang))  # fmt: skip
    elif name == ENGINE_PARAM:
        st.session_state[key] = filters.engine or ""
        st.selectbox(
            t("filter_engine", lang), ["", *engines], key=key, on_change=_store, args=(name,),
            format_func=lambda v: v or t("filter_all_engines", lang),
        )  # fmt: skip


def _store(name: str) -> None:
    """Widget callback: write the widget's new value into the URL before the rerun."""
    value = st.session_state.get(_KEYS[name])
    if name == FROM_PARAM:
        if isinstance(value, list | tuple) and len(value) == 2:  # a range being picked has 1
            st.query_params[FROM_PARAM] = value[0].isoformat()
            st.query_params[TO_PARAM] = value[1].isoformat()
        return
    param = {CLIENT_PARAM: CLIENT_PARAM, TAGS_PARAM: TAGS_PARAM, ENGINE_PARAM: ENGINE_PARAM}[name]
    text = ",".join(value) if isinstance(value, list) else (value or "")
    if text:
        st.query_params[param] = text
    elif param in st.query_params:
        del st.query_params[param]


def _write_url(filters: Filters) -> None:
    wanted = filter_params(filters)
    for name in (CLIENT_PARAM, FROM_PARAM, TO_PARAM, TAGS_PARAM, ENGINE_PARAM):
        if name in wanted:
            if st.query_params.get(name) != wanted[name]:
                st.query_params[name] = wanted[name]
        elif name in st.query_params:
            del st.query_params[name]


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
