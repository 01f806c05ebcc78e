"""Dashboard entrypoint: draws the shared frame, then routes to the chosen page.

``serpshield dashboard`` runs ``streamlit run dashboard/app.py``. Streamlit executes this file
on every rerun; with ``st.navigation`` it acts as a router, so the frame (sidebar, language) is
written once here and each page in ``app_pages/`` only draws its own content. Pages are files,
not functions, so ``AppTest.switch_page("app_pages/<page>.py")`` can reach each of them.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.frame import PRODUCT_NAME, render_frame
from dashboard.i18n import t

PAGES_DIR = Path(__file__).resolve().parent / "app_pages"
#: (file stem, label key, icon, URL path), in menu order; the first one opens by default.
PAGES = (
    ("portfolio", "page_portfolio", ":material/dashboard:", "portfolio"),
    ("serp_health", "page_serp_health", ":material/monitor_heart:", "serp-health"),
    ("leaks", "page_leaks", ":material/gpp_maybe:", "leaks"),
    ("plan", "page_plan", ":material/event_note:", "plan"),
    ("review", "page_review", ":material/rule:", "review"),
    ("reports", "page_reports", ":material/summarize:", "reports"),
    ("workspace", "page_workspace", ":material/folder_open:", "workspace"),
)


def main() -> None:
    """Configure the page, draw the frame and run the selected page."""
    st.set_page_config(page_title=PRODUCT_NAME, layout="wide")
    lang = render_frame()
    pages = [
        st.Page(
            PAGES_DIR / f"{stem}.py",
            title=t(label, lang),
            icon=icon,
            url_path=url,
            default=index == 0,
        )
        for index, (stem, label, icon, url) in enumerate(PAGES)
    ]
    st.navigation(pages).run()


# Streamlit runs the entrypoint as ``__main__``; importing it (type checks, import-boundary
# tests) must not draw anything.
if __name__ == "__main__":
    main()
