"""Labels of the shared frame (sidebar, language, reload) and of warehouse states."""

from __future__ import annotations

from dashboard.labels.types import Labels

LABELS: Labels = {
    # Menu
    "page_portfolio": {"en": "Portfolio", "fr": "Portefeuille"},
    "page_serp_health": {"en": "SERP health", "fr": "Santé des résultats"},
    "page_leaks": {"en": "Leaks & takedowns", "fr": "Fuites et retraits"},
    "page_plan": {"en": "Defensive plan", "fr": "Plan défensif"},
    "page_review": {"en": "Review", "fr": "Revue"},
    "page_reports": {"en": "Reports", "fr": "Rapports"},
    # Shared frame
    "sidebar_workspace": {"en": "Workspace folder", "fr": "Dossier de l’espace de travail"},
    "sidebar_language": {"en": "Language", "fr": "Langue"},
    "sidebar_reload": {"en": "Reload data", "fr": "Recharger les données"},
    "sidebar_reload_help": {
        "en": "Figures are cached for up to a minute; reload to read the database now.",
        "fr": "Les chiffres sont gardés en cache jusqu’à une minute\u202f; rechargez pour "
        "relire la base maintenant.",
    },
}
