"""The review page (being built: replaced by its owner in this change)."""

from __future__ import annotations

import streamlit as st

from dashboard.context import page_context
from dashboard.i18n import t


def render() -> None:
    """Draw the page."""
    ctx = page_context()
    if ctx is None:
        return
    st.title(t("page_review", ctx.lang))


if __name__ == "__main__":
    render()
