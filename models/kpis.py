"""Every KPI of KPIS.md, each a documented ``compute_*`` function: the one import callers need.

The definitions are split by concern so no module grows past a few hundred lines:

- ``kpis_serp``: exposure, SERP health, owned share (section 1), reputational MTTR (6);
- ``kpis_takedown``: takedown delay and its breakdowns (2), SLA compliance (3);
- ``kpis_leaks``: recirculation at D+7 (4), detection delay (5), funnel and rates (7);
- ``kpis_common``: input checks and the JSON rules shared by the CLI and the reports.

JSON rules (``json_number``/``json_ready``): a median that is not reached (``math.inf``) is the
string "not_reached"; a KPI with no data (None or nan) is null. Every ``compute_*`` returns
plain Python numbers, None for "no data" and inf for "not reached", so both states survive
until the moment they are rendered.
"""

from __future__ import annotations

from models.kpis_common import NOT_REACHED, json_number, json_ready
from models.kpis_leaks import (
    FUNNEL_STAGES,
    DetectionDelay,
    FunnelStage,
    Recirculation,
    RemovalRates,
    compute_detection_delay,
    compute_recirculation,
    compute_removal_rates,
)
from models.kpis_serp import (
    DEFAULT_CTR_CURVE,
    ExposureSummary,
    ReputationalMttr,
    compute_exposure_summary,
    compute_reputational_mttr,
    compute_serp_health,
    compute_snapshot_exposure,
)
from models.kpis_takedown import (
    BREAKDOWN_COLUMNS,
    SLA_ROUTES,
    SlaRoute,
    TakedownDelay,
    compute_sla,
    compute_takedown_breakdowns,
    compute_takedown_delay,
)

__all__ = [
    "BREAKDOWN_COLUMNS",
    "DEFAULT_CTR_CURVE",
    "FUNNEL_STAGES",
    "NOT_REACHED",
    "SLA_ROUTES",
    "DetectionDelay",
    "ExposureSummary",
    "FunnelStage",
    "Recirculation",
    "RemovalRates",
    "ReputationalMttr",
    "SlaRoute",
    "TakedownDelay",
    "compute_detection_delay",
    "compute_exposure_summary",
    "compute_recirculation",
    "compute_removal_rates",
    "compute_reputational_mttr",
    "compute_serp_health",
    "compute_sla",
    "compute_snapshot_exposure",
    "compute_takedown_breakdowns",
    "compute_takedown_delay",
    "json_number",
    "json_ready",
]
