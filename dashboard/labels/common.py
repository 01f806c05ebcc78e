"""Labels shared by several pages: the view filters."""

from __future__ import annotations

from dashboard.labels.types import Labels

LABELS: Labels = {
    "filter_client": {"en": "Client", "fr": "Client"},
    "filter_all_clients": {"en": "All clients", "fr": "Tous les clients"},
    "filter_period": {"en": "Period", "fr": "Période"},
    "filter_tags": {"en": "Query tags", "fr": "Étiquettes de requête"},
    "filter_all_tags": {"en": "All tags", "fr": "Toutes les étiquettes"},
    "ctx_no_config": {
        "en": "This folder is not a serpshield workspace yet (no serpshield.toml). Create one:",
        "fr": "Ce dossier n’est pas encore un espace de travail serpshield (pas de "
        "serpshield.toml). Créez-en un\u00a0:",
    },
    "ctx_bad_config": {
        "en": "The workspace configuration (serpshield.toml) is invalid:",
        "fr": "La configuration de l’espace de travail (serpshield.toml) est invalide\u00a0:",
    },
}
