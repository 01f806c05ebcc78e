"""The Streamlit dashboard: the only package that imports streamlit.

``app.py`` is the entrypoint and router, ``app_pages/`` holds one file per page,
``data_access.py`` is the only way pages read the warehouse, ``i18n.py`` holds every label in
English and French, and ``charts.py`` builds figures without touching Streamlit.
"""
