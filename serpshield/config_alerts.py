"""Settings of alerts and their webhook (``[alerts]``), and of a client's declared launches.

Kept apart from ``config.py`` so each module stays about one concern; the models follow the
same rules (strict, frozen, unknown keys refused, every field documented). The webhook address
often embeds a secret token (Slack and Teams URLs do), so the file names the environment
variable holding it, never the address itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from serpshield.config_errors import ENV_PATTERN
from serpshield.config_monitor import Network

EnvName = Annotated[str, StringConstraints(pattern=ENV_PATTERN)]


class AlertSettings(BaseModel):
    """When alerts fire beyond the thresholds, and where they are sent."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
    webhook_url_env: EnvName | None = Field(
        default=None,
        description="NAME of the environment variable holding the webhook address (alerts are "
        'POSTed as JSON with a Slack-compatible "text" field); unset = alerts are only stored '
        "and printed.",
    )
    webhook_timeout_seconds: float = Field(
        default=5.0, gt=0, le=30,
        description="Time allowed for one delivery attempt; a collection never waits longer "
        "than three attempts.",
    )  # fmt: skip
    allow_addresses: list[Network] = Field(
        default_factory=list,
        description="Non-public addresses the webhook may reach (e.g. a receiver on "
        "127.0.0.1). Empty by default: private, loopback and metadata addresses are refused.",
    )
    sla_warning_share: float = Field(
        default=0.75, gt=0, lt=1,
        description="A notice not yet acted on raises an alert once this share of its SLA "
        "window has passed.",
    )  # fmt: skip
    source_failure_share: float = Field(
        default=0.5, gt=0, lt=1,
        description="A source raises an alert when more than this share of its runs in the "
        "window failed, were blocked or came back empty.",
    )  # fmt: skip
    source_window_hours: int = Field(
        default=24, ge=1, le=24 * 31, description="Hours of runs looked at for a failing source."
    )
    source_min_runs: int = Field(
        default=3, ge=1, description="Runs a source needs in the window before it can alert."
    )


class LaunchConfig(BaseModel):
    """A date the client releases something that may leak (a product, a new set)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] = Field(
        description="What is launched, e.g. a product or a collection."
    )
    on: dt.date = Field(
        description="Launch day (a TOML date such as 2027-03-01): monitoring starts 14 days "
        "before and defensive assets are planned to be live before it."
    )
