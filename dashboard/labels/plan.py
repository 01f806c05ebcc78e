"""Labels of the Defensive plan page (calendar, recommendations, assets, rank and effect)."""

from __future__ import annotations

from dashboard.labels.types import Labels

LABELS: Labels = {
    "plan_intro": {
        "en": "What to publish for which search, and when; then whether what was published "
        "climbs its search and pushes exposure down.",
        "fr": "Quoi publier pour quelle recherche, et quand\u202f; puis si ce qui a été publié "
        "monte dans sa recherche et fait baisser l’exposition.",
    },
    "plan_weeks": {"en": "Weeks planned", "fr": "Semaines planifiées"},
    "plan_future_period": {
        "en": "The period starts after today: choose days up to today.",
        "fr": "La période commence après aujourd’hui\u00a0: choisissez des jours jusqu’à "
        "aujourd’hui.",
    },
    "plan_metric_new": {"en": "New recommendations", "fr": "Nouvelles recommandations"},
    "plan_metric_new_help": {
        "en": "Assets the planner proposes that are not saved yet (`serpshield plan --save`).",
        "fr": "Contenus proposés par le planificateur et pas encore enregistrés "
        "(`serpshield plan --save`).",
    },
    "plan_metric_planned": {"en": "Planned", "fr": "Planifiés"},
    "plan_metric_planned_help": {
        "en": "Assets saved as planned, not published yet.",
        "fr": "Contenus enregistrés comme planifiés, pas encore publiés.",
    },
    "plan_metric_published": {"en": "Published", "fr": "Publiés"},
    "plan_metric_published_help": {
        "en": "Assets recorded as live (`serpshield plan publish`).",
        "fr": "Contenus enregistrés comme en ligne (`serpshield plan publish`).",
    },
    "plan_metric_measured": {"en": "Effects measured", "fr": "Effets mesurés"},
    "plan_metric_measured_help": {
        "en": "Published assets whose 21 days after publication are over and whose searches "
        "were observed enough to estimate an effect.",
        "fr": "Contenus publiés dont les 21 jours suivant la publication sont écoulés et dont "
        "les recherches ont été assez relevées pour estimer un effet.",
    },
    "plan_calendar": {"en": "Calendar", "fr": "Calendrier"},
    "plan_calendar_caption": {
        "en": "{weeks} weeks from {start}, at most {capacity} assets a week. Shaded: the 14 "
        "days of monitoring before each launch.",
        "fr": "{weeks} semaines à partir du {start}, au plus {capacity} contenus par semaine. "
        "En grisé\u00a0: les 14 jours de surveillance avant chaque lancement.",
    },
    "plan_zero_capacity": {
        "en": "Capacity is 0 assets a week: nothing is scheduled. Set capacity_per_week for "
        "this client in serpshield.toml.",
        "fr": "La capacité est de 0 contenu par semaine\u00a0: rien n’est planifié. Réglez "
        "capacity_per_week pour ce client dans serpshield.toml.",
    },
    "plan_missed": {
        "en": "{n} asset(s) will not be live before their launch (listed below).",
        "fr": "{n} contenu(s) ne seront pas en ligne avant leur lancement (liste ci-dessous).",
    },
    "plan_unscheduled": {
        "en": "{n} recommended asset(s) do not fit in the {weeks}-week horizon.",
        "fr": "{n} contenu(s) recommandé(s) ne tiennent pas dans l’horizon de {weeks} semaines.",
    },
    "plan_overbooked": {
        "en": "Weeks holding more planned assets than the capacity: {weeks}.",
        "fr": "Semaines avec plus de contenus planifiés que la capacité\u00a0: {weeks}.",
    },
    "plan_nothing": {
        "en": "No search shows harmful results and no launch is coming: nothing to plan.",
        "fr": "Aucune recherche n’affiche de résultat nuisible et aucun lancement n’approche\u00a0"
        ": rien à planifier.",
    },
    "plan_calendar_table": {"en": "Calendar as a table", "fr": "Calendrier sous forme de tableau"},
    "plan_kind_new": {"en": "recommended", "fr": "recommandé"},
    "plan_kind_planned": {"en": "planned", "fr": "planifié"},
    "plan_kind_published": {"en": "published", "fr": "publié"},
    "plan_kind_monitoring": {"en": "monitoring", "fr": "surveillance"},
    "plan_launch": {"en": "launch", "fr": "lancement"},
    "plan_launch_named": {"en": "launch: {name}", "fr": "lancement\u00a0: {name}"},
    "plan_recommendations": {"en": "Recommendations", "fr": "Recommandations"},
    "plan_recommendations_caption": {
        "en": "Priority = latest exposure x monthly searches. The reason names the harmful "
        "results (category, position, site) behind each recommendation.",
        "fr": "Priorité = dernière exposition x recherches mensuelles. La raison nomme les "
        "résultats nuisibles (catégorie, position, site) à l’origine de chaque recommandation.",
    },
    "plan_no_recommendations": {
        "en": "No new recommendation: every harmful search already has its assets planned.",
        "fr": "Aucune nouvelle recommandation\u00a0: chaque recherche nuisible a déjà ses "
        "contenus planifiés.",
    },
    "plan_assets": {"en": "Assets", "fr": "Contenus"},
    "plan_no_assets": {
        "en": "No asset is saved or published yet for this client.",
        "fr": "Aucun contenu n’est encore enregistré ou publié pour ce client.",
    },
    "plan_ranks": {"en": "Rank of each published asset", "fr": "Position de chaque contenu publié"},
    "plan_ranks_caption": {
        "en": "Position in the asset’s target search on each day it was checked (1 = top). "
        "A break in a line is a day without a check; a cross at the bottom is a day the asset "
        "was not in the results.",
        "fr": "Position dans la recherche visée par le contenu, chaque jour relevé (1 = en "
        "haut). Une coupure est un jour sans relevé\u202f; une croix en bas est un jour où le "
        "contenu n’était pas dans les résultats.",
    },
    "plan_no_ranks": {
        "en": "No published asset with a target search was observed in this period.",
        "fr": "Aucun contenu publié avec une recherche visée n’a été relevé sur cette période.",
    },
    "plan_effects": {"en": "Effect on exposure", "fr": "Effet sur l’exposition"},
    "plan_effects_caption": {
        "en": "Change in the search’s exposure from the 14 days before publication to days 7 "
        "to 21 after, minus the same change on the client’s other searches, with its 95% "
        "interval. Negative = exposure went down = good. An interval crossing 0 is not "
        "conclusive.",
        "fr": "Variation de l’exposition de la recherche entre les 14 jours avant la publication "
        "et les jours 7 à 21 après, moins la même variation sur les autres recherches du "
        "client, avec son intervalle à 95\u202f%. Négatif = exposition en baisse = bien. Un "
        "intervalle qui contient 0 ne permet pas de conclure.",
    },
    "plan_no_effects": {
        "en": "No effect can be estimated yet: see the Effect column (pending = the 21 days "
        "are not over; insufficient data = too few checks).",
        "fr": "Aucun effet ne peut encore être estimé\u00a0: voir la colonne Effet (en attente "
        "= les 21 jours ne sont pas écoulés\u202f; données insuffisantes = trop peu de relevés).",
    },
    "plan_effect_good": {"en": "exposure went down (good)", "fr": "exposition en baisse (bien)"},
    "plan_not_ranked": {"en": "not in the results", "fr": "absent des résultats"},
    "plan_axis_position": {"en": "Position (1 = top)", "fr": "Position (1 = en haut)"},
    "plan_axis_effect": {"en": "Effect on exposure", "fr": "Effet sur l’exposition"},
    "plan_axis_week": {"en": "Week", "fr": "Semaine"},
    # Columns
    "plan_col_priority": {"en": "Priority", "fr": "Priorité"},
    "plan_col_type": {"en": "Asset", "fr": "Contenu"},
    "plan_col_exposure": {"en": "Exposure", "fr": "Exposition"},
    "plan_col_week": {"en": "Week", "fr": "Semaine"},
    "plan_col_reason": {"en": "Reason", "fr": "Raison"},
    "plan_col_kind": {"en": "What", "fr": "Quoi"},
    "plan_col_on": {"en": "From", "fr": "Du"},
    "plan_col_title": {"en": "Title", "fr": "Titre"},
    "plan_col_status": {"en": "Status", "fr": "Statut"},
    "plan_col_planned_on": {"en": "Planned for", "fr": "Prévu pour"},
    "plan_col_published_on": {"en": "Published on", "fr": "Publié le"},
    "plan_col_latest": {"en": "Latest position", "fr": "Dernière position"},
    "plan_col_best": {"en": "Best position", "fr": "Meilleure position"},
    "plan_col_top10": {"en": "Top 10 since", "fr": "Top 10 depuis"},
    "plan_col_effect": {"en": "Effect [95% CI]", "fr": "Effet [IC 95\u202f%]"},
    "plan_col_link": {"en": "Page", "fr": "Page"},
    "plan_col_launch_on": {"en": "Launch day", "fr": "Jour du lancement"},
}
