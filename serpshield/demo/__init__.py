"""``serpshield demo``: a workspace built by running the real pipeline on a simulated world.

``scenario`` (with ``story_*`` and ``world``) is the story as data, ``engine`` and ``formats``
the simulated search engine, ``hosts`` the simulated leak hosts, ``build`` the day-by-day
orchestration on a simulated clock, ``pipeline`` the alerts, plan and KPIs, ``folder`` the
guard that keeps a rebuild from ever touching a real workspace.
"""
