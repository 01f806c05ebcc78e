"""Labels of the Workspace page."""

from __future__ import annotations

from dashboard.labels.types import Labels

LABELS: Labels = {
    # Workspace page
    "page_workspace": {"en": "Workspace", "fr": "Espace de travail"},
    "ws_intro": {
        "en": "What this workspace holds, and what to run next.",
        "fr": "Ce que contient cet espace de travail, et ce qu’il faut lancer ensuite.",
    },
    "ws_folder": {"en": "Workspace folder", "fr": "Dossier de l’espace de travail"},
    "ws_database": {"en": "Database", "fr": "Base de données"},
    "ws_schema": {
        "en": "Schema version {version}, applied {applied} UTC.",
        "fr": "Version du schéma\u00a0: {version}, appliquée le {applied} UTC.",
    },
    "metric_clients": {"en": "Clients", "fr": "Clients"},
    "metric_active_queries": {"en": "Active queries", "fr": "Requêtes actives"},
    "metric_serp_runs": {"en": "SERP runs", "fr": "Collectes de SERP"},
    "metric_leak_urls": {"en": "Leak URLs", "fr": "URL de fuite"},
    "ws_empty": {
        "en": "The database holds no client yet: declare clients, queries and domains in "
        "`serpshield.toml`, then run `serpshield config sync`.",
        "fr": "La base ne contient encore aucun client\u00a0: déclarez clients, requêtes et "
        "domaines dans `serpshield.toml`, puis lancez `serpshield config sync`.",
    },
    "section_clients": {"en": "Clients", "fr": "Clients"},
    "section_queries": {"en": "Tracked queries", "fr": "Requêtes suivies"},
    "section_domains": {"en": "Domain categories", "fr": "Catégories de domaines"},
    "section_all_domains": {"en": "All categorised domains", "fr": "Tous les domaines classés"},
    "section_table_counts": {"en": "Rows per table", "fr": "Lignes par table"},
    "section_next_steps": {"en": "Next steps", "fr": "Prochaines étapes"},
    "filter_engine": {"en": "Search engine", "fr": "Moteur de recherche"},
    "filter_all_engines": {"en": "All engines", "fr": "Tous les moteurs"},
    "queries_shown": {
        "en": "Queries shown: {shown} of {total}.",
        "fr": "Requêtes affichées\u00a0: {shown} sur {total}.",
    },
    "no_domains": {
        "en": "No domain has a category yet.",
        "fr": "Aucun domaine n’a encore de catégorie.",
    },
    # Column headers
    "col_slug": {"en": "Slug", "fr": "Identifiant"},
    "col_name": {"en": "Name", "fr": "Nom"},
    "col_language": {"en": "Language", "fr": "Langue"},
    "col_active_queries": {"en": "Active queries", "fr": "Requêtes actives"},
    "col_client_active": {"en": "Active", "fr": "Actif"},
    "col_query_active": {"en": "Active", "fr": "Active"},
    "col_client": {"en": "Client", "fr": "Client"},
    "col_query": {"en": "Query", "fr": "Requête"},
    "col_engine": {"en": "Engine", "fr": "Moteur"},
    "col_country": {"en": "Country (gl)", "fr": "Pays (gl)"},
    "col_ui_language": {"en": "Interface language (hl)", "fr": "Langue d’interface (hl)"},
    "col_location": {"en": "Location", "fr": "Localisation"},
    "col_device": {"en": "Device", "fr": "Appareil"},
    "col_volume": {"en": "Search volume", "fr": "Volume de recherche"},
    "col_tags": {"en": "Tags", "fr": "Étiquettes"},
    "col_category": {"en": "Category", "fr": "Catégorie"},
    "col_domains": {"en": "Domains", "fr": "Domaines"},
    "col_clients": {"en": "Clients", "fr": "Clients"},
    "col_domain": {"en": "Domain", "fr": "Domaine"},
    "col_source": {"en": "Set by", "fr": "Définie par"},
    "col_table": {"en": "Table", "fr": "Table"},
    "col_rows": {"en": "Rows", "fr": "Lignes"},
    # Next steps
    "next_check": {
        "en": "Check the workspace configuration: `serpshield config check`.",
        "fr": "Vérifier la configuration de l’espace de travail\u00a0: `serpshield config check`.",
    },
    "next_sync": {
        "en": "Load its clients, queries and domains into the database: `serpshield config sync`.",
        "fr": "Charger ses clients, requêtes et domaines dans la base\u00a0: "
        "`serpshield config sync`.",
    },
    "next_later": {
        "en": "Collection, leak monitoring, scoring and KPIs arrive with the next releases.",
        "fr": "La collecte, la surveillance des fuites, la notation et les indicateurs (KPI) "
        "arrivent avec les prochaines versions.",
    },
    "next_commands": {
        "en": "The same commands for this workspace:",
        "fr": "Les mêmes commandes pour cet espace de travail\u00a0:",
    },
    # Warehouse states
    "state_no_db": {
        "en": "There is no database here yet. Create the workspace with `serpshield init DIR`, "
        "then load its configuration with `serpshield config sync`:",
        "fr": "Il n’y a pas encore de base de données ici. Créez l’espace de travail avec "
        "`serpshield init DOSSIER`, puis chargez sa configuration avec "
        "`serpshield config sync`\u00a0:",
    },
    "state_locked": {
        "en": "The database is busy: another serpshield process is writing to it. "
        "Wait for it to finish, then retry.",
        "fr": "La base de données est occupée\u00a0: un autre processus serpshield y écrit. "
        "Attendez qu’il termine, puis réessayez.",
    },
    "state_schema": {
        "en": "This database cannot be read by this version of serpshield.",
        "fr": "Cette version de serpshield ne peut pas lire cette base de données.",
    },
    "state_error": {
        "en": "The database could not be opened.",
        "fr": "La base de données n’a pas pu être ouverte.",
    },
    "retry": {"en": "Retry", "fr": "Réessayer"},
}
