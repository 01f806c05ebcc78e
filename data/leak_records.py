"""The records the leak lifecycle hands to the warehouse: leaked URLs, lifecycle events, checks.

Importers, the URL monitor, detection from search results and manual commands all produce these
plain records; ``data.leak_store`` writes them idempotently. Items and URLs are named by the
client's slug, the item's title and the URL itself, so a record can be built without knowing
any database id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

ItemKind = Literal["photo_set", "video", "document", "product_visual", "other"]
EventKind = Literal[
    "detected", "notice_sent", "acknowledged", "removed", "delisted", "reinstated", "rejected"
]
Channel = Literal["none", "host", "google", "bing"]
LegalRoute = Literal["none", "copyright", "privacy_ncii", "other"]
EventSource = Literal["serp", "monitor", "import", "manual"]
CheckState = Literal["live", "removed", "unknown", "refused"]

ITEM_KINDS: tuple[ItemKind, ...] = ("photo_set", "video", "document", "product_visual", "other")
EVENT_KINDS: tuple[EventKind, ...] = (
    "detected", "notice_sent", "acknowledged", "removed", "delisted", "reinstated", "rejected"
)  # fmt: skip
CHANNELS: tuple[Channel, ...] = ("none", "host", "google", "bing")
LEGAL_ROUTES: tuple[LegalRoute, ...] = ("none", "copyright", "privacy_ncii", "other")


@dataclass(frozen=True)
class LeakRecord:
    """A URL where a client's leaked item was found."""

    client_slug: str
    item_title: str
    url: str
    first_seen_at: datetime
    item_kind: ItemKind = "other"
    #: When the copy was published, where the source tells it (a forum post's date): detection
    #: delay is measured from it, and a copy published before a removal is a "missed copy".
    published_at: datetime | None = None


@dataclass(frozen=True)
class EventRecord:
    """One lifecycle event of a leaked URL (append-only)."""

    client_slug: str
    item_title: str
    url: str
    event: EventKind
    occurred_at: datetime
    channel: Channel = "none"
    legal_route: LegalRoute = "none"
    source: EventSource = "manual"
    reference: str = ""


@dataclass(frozen=True)
class CheckRecord:
    """One HTTP look at a leaked URL. No page body: its hash and size only."""

    leak_url_id: int
    checked_at: datetime
    state: CheckState
    http_status: int | None
    final_url: str | None
    content_sha256: str | None
    size_bytes: int | None
    latency_ms: float | None
    reason: str
