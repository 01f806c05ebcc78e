"""Labels shared by several pages: the view filters."""

from __future__ import annotations

from dashboard.labels.types import Labels

LABELS: Labels = {
    "filter_client": {"en": "Client", "fr": "Client"},
    "filter_all_clients": {"en": "All clients", "fr": "Tous les clients"},
    "filter_period": {"en": "Period", "fr": "Période"},
    "filter_tags": {"en": "Query tags", "fr": "Étiquettes de requête"},
    "filter_all_tags": {"en": "All tags", "fr": "Toutes les étiquettes"},
}
