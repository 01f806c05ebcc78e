"""Models: pure computation on DataFrames (harm scores, KPIs, survival statistics, planning).

No duckdb, no streamlit, no httpx here: a model never knows where its data came from.
"""
