"""Labels of the SERP health page, and the words both SERP pages use for KPI values.

Keys start with ``sh_`` (the page) or ``serp_`` (shared with the Portfolio page), so that they
never collide with another page's labels in ``merge_labels``.
"""

from __future__ import annotations

from dashboard.labels.types import Labels

LABELS: Labels = {
    # KPI values, on both SERP pages
    "serp_no_data": {"en": "no data", "fr": "pas de données"},
    "serp_not_reached": {"en": "not reached", "fr": "non atteinte"},
    "serp_hours": {"en": "{value} h", "fr": "{value}\u00a0h"},
    "serp_days": {"en": "{value} days", "fr": "{value}\u00a0jours"},
    "serp_kpi_serp_health": {"en": "SERP health", "fr": "Santé des résultats"},
    "serp_kpi_exposure": {"en": "Exposure", "fr": "Exposition"},
    "serp_kpi_owned_share": {"en": "Owned share", "fr": "Part maîtrisée"},
    "serp_kpi_reputational_mttr_median_days": {
        "en": "Reputational MTTR (median)",
        "fr": "Rétablissement réputationnel (médiane)",
    },
    "serp_kpi_open_incidents": {"en": "Open incidents", "fr": "Incidents ouverts"},
    # Harm categories of a result (models.harm.CATEGORIES)
    "serp_cat_leak": {"en": "leak", "fr": "fuite"},
    "serp_cat_ncii": {"en": "intimate images", "fr": "images intimes"},
    "serp_cat_defamation": {"en": "defamation", "fr": "diffamation"},
    "serp_cat_complaint": {"en": "complaint", "fr": "plainte"},
    "serp_cat_impersonation": {"en": "impersonation", "fr": "usurpation"},
    "serp_cat_neutral": {"en": "neutral", "fr": "neutre"},
    "serp_cat_owned": {"en": "owned", "fr": "maîtrisé"},
    "serp_cat_positive": {"en": "positive", "fr": "positif"},
    # Domain categories (the domains table)
    "serp_site_owned": {"en": "owned", "fr": "propre au client"},
    "serp_site_partner": {"en": "partner", "fr": "partenaire"},
    "serp_site_news": {"en": "news", "fr": "actualité"},
    "serp_site_social": {"en": "social network", "fr": "réseau social"},
    "serp_site_review": {"en": "reviews", "fr": "avis"},
    "serp_site_forum": {"en": "forum", "fr": "forum"},
    "serp_site_leak_forum": {"en": "leak forum", "fr": "forum de fuites"},
    "serp_site_file_host": {"en": "file host", "fr": "hébergeur de fichiers"},
    "serp_site_adult": {"en": "adult", "fr": "adulte"},
    "serp_site_unknown": {"en": "not categorised", "fr": "non catégorisé"},
    # SERP health page
    "sh_intro": {
        "en": "How much harm one client's tracked searches show, day by day, and what is in "
        "their top 10 now.",
        "fr": "Ce que les recherches suivies d’un client montrent de nuisible, jour après "
        "jour, et ce que contient leur top\u00a010 aujourd’hui.",
    },
    "sh_unscored": {
        "en": "{count} checks are left out of the figures: a result in their top 10 has no "
        "harm score yet (run `serpshield score`).",
        "fr": "{count}\u00a0relevés sont écartés des chiffres\u00a0: un résultat de leur "
        "top\u00a010 n’a pas encore de score de nocivité (lancez `serpshield score`).",
    },
    "sh_no_queries": {
        "en": "No active tracked query of this client matches these filters.",
        "fr": "Aucune requête suivie active de ce client ne correspond à ces filtres.",
    },
    "sh_no_observation": {
        "en": "No successful check in this period.",
        "fr": "Aucun relevé réussi sur cette période.",
    },
    "sh_section_trend": {"en": "SERP health over time", "fr": "Santé des résultats dans le temps"},
    "sh_trend_caption": {
        "en": "Average over the client's tracked searches checked that day; a day without a "
        "successful check is a gap, never a clean day.",
        "fr": "Moyenne sur les recherches suivies du client relevées ce jour-là\u202f; un jour "
        "sans relevé réussi est un trou, jamais un jour propre.",
    },
    "sh_section_queries": {"en": "Exposure per search", "fr": "Exposition par recherche"},
    "sh_section_ranks": {
        "en": "Where harmful results rank",
        "fr": "Où se classent les résultats nuisibles",
    },
    "sh_ranks_caption": {
        "en": "Each cell is one day of one search: the best position of a harmful result "
        "(harm score at least {theta}) in the top 10. Green: nothing harmful in the top 10. "
        "Blank: no successful check that day.",
        "fr": "Chaque case est un jour d’une recherche\u00a0: la meilleure position d’un "
        "résultat nuisible (score de nocivité d’au moins {theta}) dans le top\u00a010. "
        "Vert\u00a0: rien de nuisible dans le top\u00a010. Vide\u00a0: aucun relevé réussi "
        "ce jour-là.",
    },
    "sh_section_top": {"en": "Current top 10", "fr": "Top 10 actuel"},
    "sh_top_caption": {
        "en": "The latest successful check of each search; reasons say why a result got its "
        "harm score.",
        "fr": "Le dernier relevé réussi de chaque recherche\u202f; les raisons expliquent le "
        "score de nocivité de chaque résultat.",
    },
    "sh_section_new": {"en": "New in the top 10", "fr": "Nouveaux dans le top 10"},
    "sh_new_caption": {
        "en": "Results of the latest check that were not in the top 10 of the check before.",
        "fr": "Résultats du dernier relevé absents du top\u00a010 du relevé précédent.",
    },
    "sh_no_new": {
        "en": "Nothing new since the check before.",
        "fr": "Rien de nouveau depuis le relevé précédent.",
    },
    # Chart words
    "sh_axis_day": {"en": "Day", "fr": "Jour"},
    "sh_axis_health": {"en": "SERP health (0–100)", "fr": "Santé des résultats (0–100)"},
    "sh_axis_exposure": {"en": "Exposure", "fr": "Exposition"},
    "sh_ann_asset": {"en": "Asset published", "fr": "Contenu publié"},
    "sh_ann_notice": {"en": "Notices sent", "fr": "Demandes envoyées"},
    "sh_ann_launch": {"en": "Launch", "fr": "Lancement"},
    "sh_heat_clean": {"en": "none in top 10", "fr": "aucun dans le top 10"},
    "sh_heat_position": {"en": "Best harmful position", "fr": "Meilleure position nuisible"},
    "sh_heat_title": {"en": "Position", "fr": "Position"},
    # Table columns
    "sh_col_query": {"en": "Search", "fr": "Recherche"},
    "sh_col_position": {"en": "Position", "fr": "Position"},
    "sh_col_title": {"en": "Title", "fr": "Titre"},
    "sh_col_domain": {"en": "Domain", "fr": "Domaine"},
    "sh_col_site": {"en": "Site category", "fr": "Catégorie du site"},
    "sh_col_harm": {"en": "Harm score", "fr": "Score de nocivité"},
    "sh_col_category": {"en": "Category", "fr": "Catégorie"},
    "sh_col_reasons": {"en": "Why", "fr": "Pourquoi"},
    "sh_col_new": {"en": "New", "fr": "Nouveau"},
    "sh_col_link": {"en": "Page", "fr": "Page"},
    "sh_col_checked": {"en": "Checked (UTC)", "fr": "Relevé (UTC)"},
    "sh_labelled": {"en": "labelled by a person", "fr": "étiqueté par une personne"},
}
