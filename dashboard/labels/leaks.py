"""Labels of the Leaks & takedowns page (keys start with ``lk_``)."""

from __future__ import annotations

from dashboard.labels.types import Labels

LABELS: Labels = {
    "lk_intro": {
        "en": "How fast notices get leaked copies taken down, and which URL to chase next.",
        "fr": "La vitesse à laquelle les demandes font retirer les copies, et l’URL à "
        "traiter en priorité.",
    },
    "lk_as_of": {
        "en": "Figures as of {as_of} UTC: every notice sent up to then counts, answered or not.",
        "fr": "Chiffres arrêtés au {as_of} UTC\u00a0: toutes les demandes envoyées jusque-là "
        "comptent, qu’elles aient abouti ou non.",
    },
    "lk_no_active_client": {
        "en": "No client is active: activate one in `serpshield.toml`, then run "
        "`serpshield config sync`.",
        "fr": "Aucun client n’est actif\u00a0: activez-en un dans `serpshield.toml`, puis "
        "lancez `serpshield config sync`.",
    },
    # Values
    "lk_not_reached": {"en": "not reached", "fr": "non atteinte"},
    "lk_no_data": {"en": "no data", "fr": "pas de données"},
    "lk_hours": {"en": "{value} h", "fr": "{value}\u00a0h"},
    "lk_days": {"en": "{value} d", "fr": "{value}\u00a0j"},
    "lk_percent": {"en": "{value}%", "fr": "{value}\u202f%"},
    # KPI cards
    "lk_section_kpis": {"en": "Takedowns", "fr": "Retraits"},
    "lk_card_median": {"en": "Median time to removal", "fr": "Délai médian de retrait"},
    "lk_card_median_ci": {"en": "Median, 95% interval", "fr": "Médiane, intervalle à 95\u202f%"},
    "lk_card_p90": {"en": "90th percentile", "fr": "90e centile"},
    "lk_card_rmst30": {"en": "Mean delay (30-day RMST)", "fr": "Délai moyen (RMST 30 jours)"},
    "lk_card_mttd": {"en": "Median detection delay", "fr": "Délai médian de détection"},
    "lk_card_sla": {"en": "SLA {route} ({hours} h)", "fr": "SLA {route} ({hours}\u00a0h)"},
    "lk_sla_detail": {
        "en": "Notices due: {n} · still in their window: {pending}",
        "fr": "Demandes échues\u00a0: {n} · encore dans le délai\u00a0: {pending}",
    },
    "lk_card_recirculation": {"en": "Recirculation at D+7", "fr": "Recirculation à J+7"},
    "lk_recirculation_detail": {
        "en": "Items removed 7+ days ago: {items} · missed copies: {missed} · reinstatements: "
        "{reinstated}",
        "fr": "Contenus retirés depuis 7 jours ou plus\u00a0: {items} · copies manquées\u00a0: "
        "{missed} · remises en ligne\u00a0: {reinstated}",
    },
    "lk_route_privacy_ncii": {"en": "privacy/NCII", "fr": "vie privée/NCII"},
    "lk_route_copyright": {"en": "copyright", "fr": "droit d’auteur"},
    "lk_route_other": {"en": "other", "fr": "autre"},
    # Funnel
    "lk_section_funnel": {"en": "Funnel of the period", "fr": "Entonnoir de la période"},
    "lk_card_removal_rate": {"en": "Removal rate (host)", "fr": "Taux de retrait (hébergeur)"},
    "lk_card_delisting_rate": {
        "en": "Delisting rate (search)",
        "fr": "Taux de déréférencement (moteur)",
    },
    "lk_funnel_excluded": {
        "en": "Kept out of both rates: {not_in_index} URLs not in the index, {duplicates} "
        "duplicates.",
        "fr": "Exclues des deux taux\u00a0: {not_in_index} URL absentes de l’index, "
        "{duplicates} doublons.",
    },
    "lk_funnel_empty": {
        "en": "No leak URL was detected in this period.",
        "fr": "Aucune URL de fuite détectée sur cette période.",
    },
    "lk_urls": {"en": "URLs", "fr": "URL"},
    "lk_items": {"en": "Content items", "fr": "Contenus"},
    "lk_stage_detected": {"en": "Detected", "fr": "Détectées"},
    "lk_stage_noticed": {"en": "Notice sent", "fr": "Demande envoyée"},
    "lk_stage_removed": {"en": "Removed (host)", "fr": "Retirées (hébergeur)"},
    "lk_stage_delisted": {"en": "Delisted (search)", "fr": "Déréférencées (moteur)"},
    "lk_stage_recirculated": {"en": "Recirculated", "fr": "Recirculées"},
    # Curves
    "lk_section_curves": {"en": "Time to removal", "fr": "Délai de retrait"},
    "lk_group_by": {"en": "Compare by", "fr": "Comparer par"},
    "lk_group_channel": {"en": "Channel", "fr": "Canal"},
    "lk_group_host": {"en": "Host (top 6)", "fr": "Hébergeur (6 premiers)"},
    "lk_group_route": {"en": "Legal route", "fr": "Fondement juridique"},
    "lk_channel_host": {"en": "host", "fr": "hébergeur"},
    "lk_channel_google": {"en": "Google", "fr": "Google"},
    "lk_channel_bing": {"en": "Bing", "fr": "Bing"},
    "lk_channel_none": {"en": "no channel", "fr": "sans canal"},
    "lk_axis_days": {"en": "Days since the notice", "fr": "Jours depuis la demande"},
    "lk_axis_waiting": {"en": "Still online", "fr": "Toujours en ligne"},
    "lk_median_line": {"en": "median", "fr": "médiane"},
    "lk_waiting": {"en": "notices still waiting", "fr": "demandes en attente"},
    "lk_band": {"en": "95% band", "fr": "bande à 95\u202f%"},
    "lk_curves_help": {
        "en": "Share of notices whose URL is still reachable through that channel, by days "
        "since the notice (Kaplan-Meier). Ticks mark notices still waiting today; the shaded "
        "band is the 95% confidence band. A curve that stays above the dotted line has not "
        "reached its median.",
        "fr": "Part des demandes dont l’URL reste accessible par ce canal, selon les jours "
        "écoulés depuis la demande (Kaplan-Meier). Les traits marquent les demandes encore "
        "en attente\u202f; la bande ombrée est l’intervalle de confiance à 95\u202f%. Une "
        "courbe qui reste au-dessus du pointillé n’a pas atteint sa médiane.",
    },
    "lk_curves_empty": {
        "en": "No notice has been sent for this client yet.",
        "fr": "Aucune demande n’a encore été envoyée pour ce client.",
    },
    "lk_hosts_left_out": {
        "en": "Hosts with fewer notices, not drawn: {count}.",
        "fr": "Hébergeurs ayant reçu moins de demandes, non tracés\u00a0: {count}.",
    },
    # Queue
    "lk_section_queue": {"en": "Takedown queue", "fr": "File des retraits"},
    "lk_queue_help": {
        "en": "Leak URLs still online (not removed or delisted), ranked by their weight in the "
        "client’s current search results, then by severity (NCII first), then by age.",
        "fr": "URL de fuite encore en ligne (ni retirées ni déréférencées), classées selon "
        "leur poids dans les résultats actuels du client, puis leur gravité (NCII d’abord), "
        "puis leur ancienneté.",
    },
    "lk_queue_empty": {
        "en": "Nothing to chase: every known leak URL is removed or delisted.",
        "fr": "Rien à relancer\u00a0: toutes les URL de fuite connues sont retirées ou "
        "déréférencées.",
    },
    "lk_col_url": {"en": "URL", "fr": "URL"},
    "lk_col_link": {"en": "Link", "fr": "Lien"},
    "lk_open": {"en": "open", "fr": "ouvrir"},
    "lk_col_domain": {"en": "Domain", "fr": "Domaine"},
    "lk_col_item": {"en": "Content item", "fr": "Contenu"},
    "lk_col_state": {"en": "State", "fr": "État"},
    "lk_col_category": {"en": "Harm", "fr": "Préjudice"},
    "lk_col_exposure": {"en": "Exposure", "fr": "Exposition"},
    "lk_col_position": {"en": "Best position", "fr": "Meilleure position"},
    "lk_col_age": {"en": "Age (days)", "fr": "Ancienneté (jours)"},
    "lk_col_notices": {"en": "Notices", "fr": "Demandes"},
    "lk_col_sla": {"en": "SLA", "fr": "SLA"},
    "lk_col_sla_hours": {"en": "Hours left in SLA", "fr": "Heures restantes (SLA)"},
    "lk_sla_overdue": {"en": "overdue", "fr": "dépassé"},
    "lk_sla_in_window": {"en": "within SLA", "fr": "dans le délai"},
    "lk_sla_no_notice": {"en": "no notice yet", "fr": "aucune demande"},
    "lk_state_detected": {"en": "detected", "fr": "détectée"},
    "lk_state_noticed": {"en": "notice sent", "fr": "demande envoyée"},
    "lk_state_acknowledged": {"en": "acknowledged", "fr": "accusé de réception"},
    "lk_state_rejected": {"en": "rejected", "fr": "refusée"},
    "lk_state_removed": {"en": "removed", "fr": "retirée"},
    "lk_state_delisted": {"en": "delisted", "fr": "déréférencée"},
    "lk_state_reinstated": {"en": "back online", "fr": "remise en ligne"},
    "lk_state_unknown": {"en": "no event yet", "fr": "aucun événement"},
    # Timeline
    "lk_section_timeline": {"en": "URL timeline", "fr": "Historique d’une URL"},
    "lk_pick_url": {"en": "Leak URL", "fr": "URL de fuite"},
    "lk_no_urls": {
        "en": "No leak URL is known for this client yet.",
        "fr": "Aucune URL de fuite n’est encore connue pour ce client.",
    },
    "lk_axis_time": {"en": "Time (UTC)", "fr": "Heure (UTC)"},
    "lk_col_channel": {"en": "Channel", "fr": "Canal"},
    "lk_col_time": {"en": "Time (UTC)", "fr": "Heure (UTC)"},
    "lk_col_event": {"en": "Event", "fr": "Événement"},
    "lk_col_source": {"en": "Recorded by", "fr": "Enregistré par"},
    "lk_col_reference": {"en": "Reference", "fr": "Référence"},
    "lk_col_reason": {"en": "Detail", "fr": "Détail"},
    "lk_col_final_url": {"en": "Final URL", "fr": "URL finale"},
    "lk_col_route": {"en": "Legal route", "fr": "Fondement"},
    "lk_col_check_state": {"en": "Check", "fr": "Vérification"},
    "lk_col_http": {"en": "HTTP status", "fr": "Statut HTTP"},
    "lk_event_detected": {"en": "Detected", "fr": "Détection"},
    "lk_event_notice_sent": {"en": "Notice sent", "fr": "Demande envoyée"},
    "lk_event_acknowledged": {"en": "Acknowledged", "fr": "Accusé de réception"},
    "lk_event_rejected": {"en": "Rejected", "fr": "Refus"},
    "lk_event_removed": {"en": "Removed", "fr": "Retrait"},
    "lk_event_delisted": {"en": "Delisted", "fr": "Déréférencement"},
    "lk_event_reinstated": {"en": "Back online", "fr": "Remise en ligne"},
    "lk_lane_checks": {"en": "Checks", "fr": "Vérifications"},
    "lk_check_live": {"en": "online", "fr": "en ligne"},
    "lk_check_removed": {"en": "gone", "fr": "disparue"},
    "lk_check_unknown": {"en": "unclear", "fr": "incertaine"},
    "lk_check_refused": {"en": "not checked (refused)", "fr": "non vérifiée (refus)"},
    "lk_checks": {"en": "Checks ({count})", "fr": "Vérifications ({count})"},
    # Evidence pack
    "lk_evidence": {"en": "Evidence pack", "fr": "Dossier de preuves"},
    "lk_evidence_help": {
        "en": "One zip for the whole content item below: its URLs, every event and check, the "
        "search results that showed them with the raw pages, and SHA-256 sums. Each export is "
        "recorded in the audit log.",
        "fr": "Un zip pour tout le contenu ci-dessous\u00a0: ses URL, chaque événement et "
        "vérification, les résultats de recherche qui les montraient avec les pages brutes, "
        "et les sommes SHA-256. Chaque export est consigné dans le journal d’audit.",
    },
    "lk_build_pack": {"en": "Build the evidence pack", "fr": "Constituer le dossier de preuves"},
    "lk_pack_ready": {
        "en": "Pack ready: {urls} URLs, {events} events, {checks} checks, {appearances} search "
        "appearances. Its SHA-256, recorded in the audit log:",
        "fr": "Dossier prêt\u00a0: {urls} URL, {events} événements, {checks} vérifications, "
        "{appearances} apparitions dans les résultats. Son SHA-256, consigné dans le journal "
        "d’audit\u00a0:",
    },
    "lk_download_pack": {"en": "Download the pack (.zip)", "fr": "Télécharger le dossier (.zip)"},
    "lk_pack_failed": {
        "en": "The evidence pack could not be built:",
        "fr": "Le dossier de preuves n’a pas pu être constitué\u00a0:",
    },
}
