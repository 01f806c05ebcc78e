"""Labels of the Review page (keys start with ``rv_``) and of the harm categories
(``harm_cat_``), which the Leaks page shows too."""

from __future__ import annotations

from dashboard.labels.types import Labels

LABELS: Labels = {
    "rv_intro": {
        "en": "The machine proposes, people decide: leak candidates, labels, the model’s "
        "audited quality, retraining.",
        "fr": "La machine propose, les personnes décident\u00a0: candidats de fuite, "
        "étiquettes, qualité auditée du modèle, réentraînement.",
    },
    "rv_tab_candidates": {"en": "Leak candidates", "fr": "Candidats de fuite"},
    "rv_tab_labels": {"en": "Label results", "fr": "Étiqueter des résultats"},
    "rv_tab_quality": {"en": "Audited quality", "fr": "Qualité auditée"},
    "rv_tab_model": {"en": "Model", "fr": "Modèle"},
    # Write outcomes
    "rv_accepted": {
        "en": "Accepted: the URL is now a detected leak of the chosen content item.",
        "fr": "Accepté\u00a0: l’URL est désormais une fuite détectée du contenu choisi.",
    },
    "rv_dismissed": {
        "en": "Dismissed: this URL will not be proposed again for this client.",
        "fr": "Écarté\u00a0: cette URL ne sera plus proposée pour ce client.",
    },
    "rv_label_saved": {
        "en": "Label saved: it counts at the next training.",
        "fr": "Étiquette enregistrée\u00a0: elle comptera au prochain entraînement.",
    },
    "rv_need_item": {
        "en": "Choose a content item, or type the title of a new one.",
        "fr": "Choisissez un contenu, ou saisissez le titre d’un nouveau contenu.",
    },
    "rv_write_failed": {
        "en": "Nothing was changed:",
        "fr": "Rien n’a été modifié\u00a0:",
    },
    # Candidates
    "rv_candidates_help": {
        "en": "Search results on a leak forum or file host, or scored harmful above the "
        "candidate threshold. Accepting one makes it a detected leak URL of a content item; "
        "dismissing it keeps it out of this queue for good.",
        "fr": "Résultats de recherche sur un forum de fuites ou un hébergeur de fichiers, ou "
        "jugés nuisibles au-delà du seuil de candidature. Accepter en fait une URL de fuite "
        "détectée d’un contenu\u202f; écarter la retire définitivement de cette file.",
    },
    "rv_no_candidates": {
        "en": "No candidate is waiting for a decision.",
        "fr": "Aucun candidat n’attend de décision.",
    },
    "rv_pick_candidate": {"en": "Candidate", "fr": "Candidat"},
    "rv_item_mode": {"en": "Content item", "fr": "Contenu"},
    "rv_mode_existing": {"en": "An existing item", "fr": "Un contenu existant"},
    "rv_mode_new": {"en": "A new item", "fr": "Un nouveau contenu"},
    "rv_item": {"en": "Item", "fr": "Contenu"},
    "rv_new_title": {"en": "Title of the new item", "fr": "Titre du nouveau contenu"},
    "rv_kind": {"en": "Kind", "fr": "Type"},
    "rv_kind_photo_set": {"en": "photo set", "fr": "série de photos"},
    "rv_kind_video": {"en": "video", "fr": "vidéo"},
    "rv_kind_document": {"en": "document", "fr": "document"},
    "rv_kind_product_visual": {"en": "product visual", "fr": "visuel produit"},
    "rv_kind_other": {"en": "other", "fr": "autre"},
    "rv_accept": {"en": "Accept as a leak", "fr": "Accepter comme fuite"},
    "rv_dismiss": {"en": "Dismiss", "fr": "Écarter"},
    # Columns
    "rv_col_client": {"en": "Client", "fr": "Client"},
    "rv_col_title": {"en": "Title", "fr": "Titre"},
    "rv_col_url": {"en": "URL", "fr": "URL"},
    "rv_col_link": {"en": "Link", "fr": "Lien"},
    "rv_open": {"en": "open", "fr": "ouvrir"},
    "rv_col_domain": {"en": "Domain", "fr": "Domaine"},
    "rv_col_domain_category": {"en": "Domain category", "fr": "Catégorie du domaine"},
    "rv_col_position": {"en": "Position", "fr": "Position"},
    "rv_col_times_seen": {"en": "Times seen", "fr": "Vu (fois)"},
    "rv_col_harm": {"en": "Harm score", "fr": "Score de préjudice"},
    "rv_col_last_seen": {"en": "Last seen (UTC)", "fr": "Vu en dernier (UTC)"},
    "rv_col_queries": {"en": "Queries", "fr": "Requêtes"},
    "rv_col_result": {"en": "Result", "fr": "Résultat"},
    "rv_col_query": {"en": "Query", "fr": "Requête"},
    "rv_col_model_says": {"en": "Model’s category", "fr": "Catégorie du modèle"},
    "rv_col_category": {"en": "Category", "fr": "Catégorie"},
    "rv_col_precision": {"en": "Precision", "fr": "Précision"},
    "rv_col_recall": {"en": "Recall", "fr": "Rappel"},
    "rv_col_ci_low": {"en": "95% low", "fr": "Borne basse 95\u202f%"},
    "rv_col_ci_high": {"en": "95% high", "fr": "Borne haute 95\u202f%"},
    "rv_col_support": {"en": "Labelled results", "fr": "Résultats étiquetés"},
    # Labelling
    "rv_labels_help": {
        "en": "Results the current model is least sure about (scores nearest 0.5). A label "
        "you save wins over the model at once and trains the next model.",
        "fr": "Les résultats sur lesquels le modèle actuel hésite le plus (scores proches de "
        "0,5). Une étiquette enregistrée l’emporte aussitôt sur le modèle et entraîne le "
        "prochain.",
    },
    "rv_no_model": {
        "en": "No model is trained in this workspace yet: train one in the Model tab.",
        "fr": "Aucun modèle n’est encore entraîné dans cet espace\u00a0: entraînez-en un "
        "dans l’onglet Modèle.",
    },
    "rv_nothing_to_label": {
        "en": "Nothing to label: every result scored by the current model has a label.",
        "fr": "Rien à étiqueter\u00a0: chaque résultat noté par le modèle actuel a une étiquette.",
    },
    "rv_pick_result": {"en": "Result to label", "fr": "Résultat à étiqueter"},
    "rv_category": {"en": "Its category", "fr": "Sa catégorie"},
    "rv_save_label": {"en": "Save label", "fr": "Enregistrer l’étiquette"},
    # Quality
    "rv_quality_help": {
        "en": "How the model did on the results people labelled, judged on what it said "
        "before they looked. Intervals are 95% bootstrap intervals.",
        "fr": "La performance du modèle sur les résultats étiquetés, jugée sur ce qu’il disait "
        "avant la relecture. Intervalles de confiance à 95\u202f% (bootstrap).",
    },
    "rv_nothing_audited": {
        "en": "Nothing is audited yet: label results the model has scored, and their "
        "precision and recall will appear here.",
        "fr": "Rien n’est encore audité\u00a0: étiquetez des résultats notés par le modèle, "
        "leur précision et leur rappel apparaîtront ici.",
    },
    "rv_audited": {"en": "Audited labels", "fr": "Étiquettes auditées"},
    "rv_unaudited": {
        "en": "Labels without an earlier score",
        "fr": "Étiquettes sans note antérieure",
    },
    "rv_confusion": {"en": "Confusion matrix", "fr": "Matrice de confusion"},
    "rv_confusion_corner": {"en": "person ↓ · model →", "fr": "personne ↓ · modèle →"},
    "rv_undefined": {"en": "undefined", "fr": "non définie"},
    "rv_confusion_help": {
        "en": "Rows: the category people chose; columns: the model’s category.",
        "fr": "Lignes\u00a0: la catégorie choisie par les personnes\u202f; colonnes\u00a0: "
        "celle du modèle.",
    },
    # Model
    "rv_model_help": {
        "en": "Retraining uses the shipped examples plus every label of this workspace, then "
        "makes the new model current.",
        "fr": "Le réentraînement utilise les exemples fournis et toutes les étiquettes de cet "
        "espace, puis rend le nouveau modèle courant.",
    },
    "rv_current_model": {"en": "Current model", "fr": "Modèle courant"},
    "rv_fpr": {"en": "False-positive rate", "fr": "Taux de faux positifs"},
    "rv_fpr_help": {
        "en": "Share of real, unrelated search results the model calls harmful (measured on "
        "the reference results shipped with serpshield).",
        "fr": "Part de vrais résultats de recherche sans rapport que le modèle juge nuisibles "
        "(mesurée sur les résultats de référence fournis avec serpshield).",
    },
    "rv_examples": {"en": "Training examples", "fr": "Exemples d’entraînement"},
    "rv_percent": {"en": "{value}%", "fr": "{value}\u202f%"},
    "rv_retrain": {"en": "Retrain the model", "fr": "Réentraîner le modèle"},
    "rv_training": {
        "en": "Training (about a minute)…",
        "fr": "Entraînement en cours (environ une minute)…",
    },
    "rv_trained": {
        "en": "New model trained with {labels} workspace labels; false-positive rate {fpr}.",
        "fr": "Nouveau modèle entraîné avec {labels} étiquettes de l’espace\u202f; taux de "
        "faux positifs {fpr}.",
    },
    "rv_score_next": {
        "en": "Score the stored results with it (`serpshield score`) to refresh the queue.",
        "fr": "Notez les résultats enregistrés avec lui (`serpshield score`) pour rafraîchir "
        "la file.",
    },
    # Harm categories (models.harm.CATEGORIES)
    "harm_cat_leak": {"en": "leak", "fr": "fuite"},
    "harm_cat_ncii": {"en": "NCII", "fr": "NCII"},
    "harm_cat_defamation": {"en": "defamation", "fr": "diffamation"},
    "harm_cat_complaint": {"en": "complaint", "fr": "plainte"},
    "harm_cat_impersonation": {"en": "impersonation", "fr": "usurpation d’identité"},
    "harm_cat_neutral": {"en": "neutral", "fr": "neutre"},
    "harm_cat_owned": {"en": "owned", "fr": "propriété du client"},
    "harm_cat_positive": {"en": "positive", "fr": "positif"},
}
