"""Plotly figures for the dashboard pages.

Every function here is named ``*_chart``, takes DataFrames and returns a plotly figure; none
calls ``st.*``. Keeping Streamlit out makes figures testable as plain objects and reusable in
reports, and keeps each page file about layout only. No chart is needed yet: the Workspace page
shows tables and counts; the first charts arrive with the collection and KPI pages.
"""

from __future__ import annotations
