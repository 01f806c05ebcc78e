"""Alert jobs: evaluate the four conditions, store new alerts, deliver them to the webhook.

``run_alerts`` is what a collection or monitor run calls when it has stored its observations.
It holds the warehouse only for two short transactions (evaluate and store; record the
delivery) and never during the HTTP request, since a chat service that is slow to answer must
not keep the dashboard off the database. Delivery problems never raise: they come back as
warnings (the run still exits as it would have) and stay on the alert rows, and every alert
not yet delivered is sent again at the next run, oldest first.

Evaluation is ``now``-parameterised and limited to active clients and queries. See
``data.alert_store`` for the conditions and ``serpshield.alert_messages`` for what is said.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from ipaddress import ip_network
from pathlib import Path

import pandas as pd

from collectors.http import Transport
from collectors.ssrf import Resolver
from collectors.webhook import WebhookDelivery, WebhookPolicy, send_webhook, webhook_host
from data import open_warehouse
from data.alert_store import (
    load_alerts,
    load_harmful_entry_candidates,
    load_recirculation_candidates,
    load_sla_warning_candidates,
    load_source_failure_candidates,
    write_acknowledgements,
    write_alerts,
    write_delivery,
)
from serpshield import alert_messages as msg
from serpshield.alert_messages import Alert, AlertDraft
from serpshield.config import WorkspaceConfig
from serpshield.leaks import records

#: Alerts sent in one POST at most (a chat message has a size limit); the rest go next run.
BATCH_SIZE = 50
#: Backoff before the first retry, doubled for the second (tests set it to 0).
RETRY_BASE_DELAY = 0.5
#: Longest wait between two attempts, Retry-After included (a run must not wait on a chat).
RETRY_MAX_DELAY = 5.0

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class DeliveryReport:
    """One delivery round: which alerts were in the POST and how it went."""

    alert_ids: list[int]
    result: WebhookDelivery
    pending_left: int  # undelivered alerts beyond this batch, sent at a later run


@dataclass(frozen=True)
class AlertRun:
    """What ``run_alerts`` did: alerts raised (new or escalated), delivery, warnings to print."""

    raised: list[Alert]
    delivery: DeliveryReport | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AckReport:
    """``acknowledge``: ids acknowledged now, already acknowledged, and unknown."""

    acknowledged: list[int]
    already: list[int]
    unknown: list[int]


def _drafts(cfg: WorkspaceConfig, now: datetime, *frames: pd.DataFrame) -> list[AlertDraft]:
    """The drafts of the four candidate frames, one per (kind, subject_key)."""
    entries, notices, copies, sources = (records(f) for f in frames)
    hours = cfg.alerts.source_window_hours
    found = [
        *msg.harmful_entries(entries, cfg.thresholds.alert_top_n),
        *msg.sla_warnings(notices),
        *msg.recirculations(copies),
        *msg.source_failures(sources, now, hours),
    ]
    unique: dict[tuple[str, str], AlertDraft] = {}
    for draft in found:  # two sources seeing one entry in one slot: the first one speaks
        unique.setdefault((draft.kind, draft.subject_key), draft)
    return list(unique.values())


def evaluate_alerts(cfg: WorkspaceConfig, db_path: Path, now: datetime) -> list[Alert]:
    """Evaluate every condition at ``now`` and store the alerts; returns those raised now (new,
    or escalated to a higher severity), oldest first. Evaluating twice raises nothing new."""
    a, t, sla = cfg.alerts, cfg.thresholds, cfg.sla
    windows = {"privacy_ncii": sla.privacy_ncii, "copyright": sla.copyright, "other": sla.other}
    with open_warehouse(db_path) as con:
        drafts = _drafts(
            cfg, now,
            load_harmful_entry_candidates(con, now, t.harm, t.alert_top_n),
            load_sla_warning_candidates(con, now, a.sla_warning_share, windows),
            load_recirculation_candidates(con, now),
            load_source_failure_candidates(con, now, a.source_window_hours, a.source_min_runs,
                                           a.source_failure_share),
        )  # fmt: skip
        ids = write_alerts(con, [d.row() for d in drafts], now)
        raised = load_alerts(con, include_acknowledged=True, ids=ids) if ids else None
    alerts = [] if raised is None else [Alert.from_record(r) for r in records(raised)]
    return sorted(alerts, key=lambda x: (x.raised_at, x.alert_id))


def webhook_policy(cfg: WorkspaceConfig) -> WebhookPolicy:
    """The collectors' delivery limits from the workspace's ``[alerts]`` settings."""
    return WebhookPolicy(
        timeout=cfg.alerts.webhook_timeout_seconds,
        base_delay=RETRY_BASE_DELAY,
        max_delay=RETRY_MAX_DELAY,
        allowed_addresses=frozenset(
            ip_network(x, strict=False) for x in cfg.alerts.allow_addresses
        ),
    )


def deliver_pending(
    cfg: WorkspaceConfig,
    db_path: Path,
    now: datetime,
    *,
    env: Mapping[str, str] | None = None,
    resolver: Resolver | None = None,
    transport: Transport | None = None,
    sleep: Sleep | None = None,
) -> tuple[DeliveryReport | None, list[str]]:
    """Send the open alerts not yet delivered (oldest first, ``BATCH_SIZE`` at most) in one POST
    and record the outcome on their rows. Returns (the round, or None when there was nothing
    to send or no webhook, warnings). The webhook address is read here, used, and dropped."""
    name = cfg.alerts.webhook_url_env
    if name is None:
        return None, []
    url = (os.environ if env is None else env).get(name, "").strip()
    if not url:
        return None, [f"alerts.webhook_url_env: environment variable {name} is not set: "
                      "alerts are stored but not sent"]  # fmt: skip
    with open_warehouse(db_path) as con:
        frame = load_alerts(con, undelivered_only=True)
    pending = sorted((Alert.from_record(r) for r in records(frame)),
                     key=lambda x: (x.raised_at, x.alert_id))  # fmt: skip
    if not pending:
        return None, []
    batch = pending[:BATCH_SIZE]
    result = send_webhook(url, msg.webhook_payload(batch), webhook_policy(cfg),
                          resolver=resolver, transport=transport,
                          sleep=sleep or asyncio.sleep)  # fmt: skip
    ids = [x.alert_id for x in batch]
    with open_warehouse(db_path) as con:
        write_delivery(con, ids, now, None if result.delivered else result.error or "failed")
    warnings = []
    if not result.delivered:
        warnings.append(f"alerts: webhook delivery to {webhook_host(url)} failed "
                        f"({result.error}); {len(pending)} alert(s) kept, sent again at the "
                        "next run")  # fmt: skip
    return DeliveryReport(ids, result, len(pending) - len(batch)), warnings


def run_alerts(
    cfg: WorkspaceConfig,
    db_path: Path,
    *,
    now: datetime | None = None,
    env: Mapping[str, str] | None = None,
    resolver: Resolver | None = None,
    transport: Transport | None = None,
    sleep: Sleep | None = None,
) -> AlertRun:
    """Evaluate, store, then deliver everything undelivered (this run's and earlier ones')."""
    moment = now or datetime.now(UTC)
    raised = evaluate_alerts(cfg, db_path, moment)
    delivery, warnings = deliver_pending(cfg, db_path, moment, env=env, resolver=resolver,
                                         transport=transport, sleep=sleep)  # fmt: skip
    return AlertRun(raised, delivery, warnings)


def list_alerts(
    db_path: Path, client: str | None = None, include_acknowledged: bool = False
) -> list[Alert]:
    """Stored alerts, newest first; open ones only unless ``include_acknowledged``."""
    with open_warehouse(db_path, read_only=True) as con:
        frame = load_alerts(con, client=client, include_acknowledged=include_acknowledged)
    return [Alert.from_record(r) for r in records(frame)]


def acknowledge(db_path: Path, ids: Sequence[int], actor: str, now: datetime) -> AckReport:
    """Acknowledge alerts (an audit entry each); any unknown id acknowledges nothing."""
    with open_warehouse(db_path) as con:
        done, unknown = write_acknowledgements(con, ids, now, actor)
    already = [] if unknown else sorted({int(i) for i in ids} - set(done))
    return AckReport(done, already, unknown)
