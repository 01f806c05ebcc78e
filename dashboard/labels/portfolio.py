"""Labels of the Portfolio page (keys start with ``pf_``)."""

from __future__ import annotations

from dashboard.labels.types import Labels

LABELS: Labels = {
    "pf_intro": {
        "en": "Every client at a glance: select a row to open its SERP health.",
        "fr": "Tous les clients d’un coup d’œil\u00a0: sélectionnez une ligne pour ouvrir la "
        "santé de ses résultats.",
    },
    "pf_metric_clients": {"en": "Active clients", "fr": "Clients actifs"},
    "pf_metric_clients_help": {
        "en": "Clients declared in serpshield.toml and synced to the warehouse.",
        "fr": "Clients déclarés dans serpshield.toml et synchronisés dans la base.",
    },
    "pf_metric_open_leaks": {"en": "Open leak URLs", "fr": "URL de fuite ouvertes"},
    "pf_metric_open_leaks_help": {
        "en": "Leak URLs known so far that are neither removed by their host nor delisted by "
        "a search engine (a reinstated URL counts again).",
        "fr": "URL de fuite connues à ce jour ni retirées par l’hébergeur ni déréférencées "
        "par un moteur (une URL remise en ligne compte de nouveau).",
    },
    "pf_metric_open_alerts": {"en": "Open alerts", "fr": "Alertes ouvertes"},
    "pf_metric_open_alerts_help": {
        "en": "Alerts nobody has acknowledged yet (`serpshield alerts ack`), workspace-wide "
        "ones included.",
        "fr": "Alertes que personne n’a encore prises en compte (`serpshield alerts ack`), y "
        "compris celles de tout l’espace de travail.",
    },
    "pf_sort": {"en": "Sort by", "fr": "Trier par"},
    "pf_sort_health": {"en": "SERP health, worst first", "fr": "Santé, la plus basse d’abord"},
    "pf_sort_leaks": {"en": "Open leaks, most first", "fr": "Fuites ouvertes, d’abord les plus"},
    "pf_sort_takedown": {
        "en": "Takedown median, slowest first",
        "fr": "Délai médian de retrait, le plus lent d’abord",
    },
    "pf_sort_sla": {"en": "SLA compliance, lowest first", "fr": "Respect des délais, le plus bas"},
    "pf_sort_mttr": {
        "en": "Reputational MTTR, longest first",
        "fr": "Rétablissement réputationnel, le plus long d’abord",
    },
    "pf_sort_alerts": {"en": "Open alerts, most first", "fr": "Alertes ouvertes, d’abord les plus"},
    "pf_sort_name": {"en": "Client name", "fr": "Nom du client"},
    "pf_col_client": {"en": "Client", "fr": "Client"},
    "pf_col_health": {"en": "SERP health", "fr": "Santé des résultats"},
    "pf_col_trend": {"en": "Exposure, day by day", "fr": "Exposition, jour par jour"},
    "pf_col_trend_help": {
        "en": "Daily exposure over the period (higher is worse); a day without a successful "
        "check is left empty.",
        "fr": "Exposition quotidienne sur la période (plus haut = pire)\u202f; un jour sans "
        "relevé réussi reste vide.",
    },
    "pf_col_open_leaks": {"en": "Open leaks", "fr": "Fuites ouvertes"},
    "pf_col_takedown": {"en": "Takedown median", "fr": "Délai médian de retrait"},
    "pf_col_sla": {"en": "SLA compliance", "fr": "Respect des délais"},
    "pf_col_mttr": {"en": "Reputational MTTR", "fr": "Rétablissement réputationnel"},
    "pf_col_incidents": {"en": "Open incidents", "fr": "Incidents ouverts"},
    "pf_col_alerts": {"en": "Open alerts", "fr": "Alertes ouvertes"},
    "pf_col_open": {"en": "Open", "fr": "Ouvrir"},
    "pf_open_text": {"en": "SERP health", "fr": "Santé des résultats"},
    "pf_workspace_alerts": {
        "en": "{count} open alerts concern the whole workspace (a failing search source).",
        "fr": "{count}\u00a0alertes ouvertes concernent tout l’espace de travail (une source "
        "de recherche en échec).",
    },
    "pf_unscored": {
        "en": "{count} checks are left out of SERP health: a result in their top 10 has no "
        "harm score yet (run `serpshield score`).",
        "fr": "{count}\u00a0relevés sont écartés de la santé des résultats\u00a0: un résultat "
        "de leur top\u00a010 n’a pas encore de score de nocivité (lancez `serpshield score`).",
    },
}
