"""Settings of the leak-URL monitor and of data retention (``[monitor]``, ``[privacy]``).

Kept apart from ``config.py`` so each module stays about one concern; the models follow the
same rules (strict, frozen, unknown keys refused, every field documented).
"""

from __future__ import annotations

import ipaddress
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from serpshield.config_checks import fail


def _network(value: str) -> str:
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        raise fail("expected an IP address or network such as 127.0.0.1 or 10.0.0.0/8") from None
    return value


Network = Annotated[str, AfterValidator(_network)]


class MonitorSettings(BaseModel):
    """How leak URLs are checked: politely, within limits, and never inside your own network."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
    per_host_concurrency: int = Field(
        default=2, ge=1, le=8, description="Checks in flight at once on one site."
    )
    per_host_delay_seconds: float = Field(
        default=1.0, ge=0, le=60, description="Pause between two checks on one site."
    )
    max_redirects: int = Field(default=5, ge=0, le=10, description="Redirect hops followed.")
    max_bytes: int = Field(
        default=2 * 1024 * 1024, ge=1024, le=50 * 1024 * 1024,
        description="Bytes of a page read at most (the rest is not downloaded).",
    )  # fmt: skip
    deadline_seconds: float = Field(
        default=20.0, gt=0, le=120, description="Time allowed for one whole check."
    )
    allowed_ports: list[Annotated[int, Field(ge=1, le=65535)]] = Field(
        default_factory=lambda: [80, 443], min_length=1,
        description="Ports a leak URL may use; others are refused.",
    )  # fmt: skip
    allow_addresses: list[Network] = Field(
        default_factory=list,
        description="Non-public addresses the monitor may reach (e.g. a test server on "
        "127.0.0.1). Empty by default: private, loopback and metadata addresses are refused.",
    )


class PrivacySettings(BaseModel):
    """How long monitoring history is kept."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
    checks_retention_days: int | None = Field(
        default=None, ge=1,
        description="URL checks older than this many days are dropped by `serpshield purge "
        "--retention` (run it from cron); unset = kept. Events are never dropped.",
    )  # fmt: skip
