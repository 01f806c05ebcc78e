"""Client reports: one period of one client as HTML, PDF and CSV files.

``content`` gathers the numbers (the same ``client_kpis`` as ``serpshield kpi``), ``charts``
draws them as static images, and ``html``, ``pdf`` and ``csv_export`` write the files. The
CLI (``serpshield report``) and the dashboard's Reports page call the same functions, so a
downloaded report and a generated one are identical.
"""
