"""Labels of the Reports page (the report's own words come from ``serpshield.report.texts``)."""

from __future__ import annotations

from dashboard.labels.types import Labels

LABELS: Labels = {
    "rep_intro": {
        "en": "A client report for the chosen period: the same figures as this dashboard, as an "
        "HTML page, a PDF and CSV tables to download.",
        "fr": "Un rapport client pour la période choisie\u00a0: les mêmes chiffres que ce tableau "
        "de bord, en page HTML, en PDF et en tableaux CSV à télécharger.",
    },
    "rep_language": {"en": "Language of the report", "fr": "Langue du rapport"},
    "rep_language_help": {
        "en": "By default the client’s language (clients.language in serpshield.toml).",
        "fr": "Par défaut la langue du client (clients.language dans serpshield.toml).",
    },
    "rep_downloads": {"en": "Download", "fr": "Télécharger"},
    "rep_download_html": {"en": "HTML report", "fr": "Rapport HTML"},
    "rep_download_pdf": {"en": "PDF report", "fr": "Rapport PDF"},
    "rep_download_csv": {"en": "All tables (CSV, zip)", "fr": "Tous les tableaux (CSV, zip)"},
    "rep_download_help": {
        "en": "Generated when you click; the same file as `serpshield report` writes.",
        "fr": "Généré au clic\u202f; le même fichier que celui écrit par `serpshield report`.",
    },
    "rep_csv_help": {
        "en": "Cells a spreadsheet would run as formulas (starting with = + - @) are prefixed "
        "with a quote.",
        "fr": "Les cellules qu’un tableur exécuterait comme formules (commençant par = + - @) "
        "sont précédées d’une apostrophe.",
    },
    "rep_preview": {"en": "Preview", "fr": "Aperçu"},
    "rep_preview_caption": {
        "en": "The report as the client will read it, in {language}. Generated {generated}.",
        "fr": "Le rapport tel que le client le lira, en {language}. Généré le {generated}.",
    },
    "rep_cards": {"en": "Key figures", "fr": "Chiffres clés"},
    "rep_charts": {"en": "Charts", "fr": "Graphiques"},
    "rep_no_chart": {
        "en": "No chart: nothing was observed in this period.",
        "fr": "Aucun graphique\u00a0: rien n’a été relevé sur cette période.",
    },
    "rep_harmful": {"en": "Harmful results now", "fr": "Résultats nuisibles actuels"},
    "rep_assets": {"en": "Defensive content published", "fr": "Contenus défensifs publiés"},
    "rep_definitions": {"en": "Definitions", "fr": "Définitions"},
    "rep_none": {
        "en": "Nothing to show for this period.",
        "fr": "Rien à afficher sur cette période.",
    },
    "rep_unscored": {
        "en": "{n} snapshots have results not scored yet and are left out of exposure: run "
        "`serpshield score`.",
        "fr": "{n} relevés ont des résultats pas encore évalués et sont exclus de l’exposition"
        "\u00a0: lancez `serpshield score`.",
    },
}
