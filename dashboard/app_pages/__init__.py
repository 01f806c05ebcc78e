"""One module per dashboard page, routed by ``dashboard/app.py`` through ``st.navigation``.

Named ``app_pages`` rather than ``pages`` on purpose: Streamlit treats a ``pages/`` folder next
to the entrypoint as the legacy multipage mechanism. Each module draws its page in ``render()``
and calls it only when Streamlit executes the file as ``__main__``, so imports draw nothing.
"""
