"""The KPI catalogue: one table of every KPI id the `serpshield kpi` JSON contract uses.

Settings as data: each row names a KPI once (its stable snake_case id), its unit, whether a
higher value is good news, the ``compute_*`` function in ``models.kpis`` that produces it, and
a one-paragraph definition with its denominator in English and in French, written for a brand
manager rather than a statistician. The dashboard, the client report and the docs read their
labels from here, and tests check that every row is complete and that every producing function
documents its denominator, so the words shown to a client cannot drift from the maths.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["en", "fr"]
LANGUAGES: tuple[Lang, ...] = ("en", "fr")

#: Unit codes and their labels. "ratio" is a share from 0 to 1 (shown as a percentage).
UNIT_LABELS: dict[str, dict[Lang, str]] = {
    "ratio": {"en": "share (0 to 1)", "fr": "part (de 0 à 1)"},
    "score": {"en": "score out of 100", "fr": "note sur 100"},
    "hours": {"en": "hours", "fr": "heures"},
    "days": {"en": "days", "fr": "jours"},
    "count": {"en": "count", "fr": "nombre"},
}


@dataclass(frozen=True)
class KpiDefinition:
    """One KPI: id (also the JSON key and label key), unit code, direction and definitions."""

    id: str
    unit: str
    higher_is_better: bool
    computed_by: str
    en: str
    fr: str

    def definition(self, lang: Lang) -> str:
        """The definition paragraph in ``lang`` ("en" or "fr")."""
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}, expected one of {LANGUAGES}")
        return self.en if lang == "en" else self.fr


_EXPOSURE_DAYS_EN = (
    "The period value is the average over the days each tracked search was successfully "
    "checked; a day without a successful check is left out, never counted as a clean page."
)
_EXPOSURE_DAYS_FR = (
    "La valeur de la période est la moyenne sur les jours où chaque recherche suivie a été "
    "relevée avec succès ; un jour sans relevé réussi est écarté, jamais compté comme propre."
)
_TAKEDOWN_EN = (
    "Notices still unanswered count for the time they have been waiting, so ignored notices "
    "are never hidden. Denominator: every notice sent up to the reporting date, removed or not."
)
_TAKEDOWN_FR = (
    "Les demandes encore sans réponse comptent pour le temps déjà écoulé : une demande ignorée "
    "n'est jamais masquée. Dénominateur : toutes les demandes envoyées jusqu'à la date du "
    "rapport, retirées ou non."
)
_MTTR_EN = (
    "An incident opens when a harmful result appears in the top 10 of a tracked search and "
    "closes after two clean checks in a row; incidents still open count for the time they "
    "have lasted so far. Denominator: every incident opened, closed or still open."
)
_MTTR_FR = (
    "Un incident s'ouvre quand un résultat nuisible apparaît dans le top 10 d'une recherche "
    "suivie et se clôt après deux relevés propres consécutifs ; les incidents encore ouverts "
    "comptent pour leur durée à ce jour. Dénominateur : tous les incidents ouverts, clos ou "
    "non."
)

KPI_CATALOG: tuple[KpiDefinition, ...] = (
    KpiDefinition(
        "exposure", "ratio", False, "compute_exposure_summary",
        "Exposure: the share of searchers' attention on a results page that goes to harmful "
        "results. Each top-10 result counts by how often people click its position (position 1 "
        "far more than position 9) times how harmful it is; 0 means nothing harmful is seen. "
        "Denominator: the total click weight of the top 10 positions. " + _EXPOSURE_DAYS_EN,
        "Exposition : la part de l'attention des internautes qui se porte sur des résultats "
        "nuisibles dans une page de résultats. Chaque résultat du top 10 pèse selon la "
        "fréquence des clics à sa position (la 1re bien plus que la 9e), multipliée par sa "
        "nocivité ; 0 signifie qu'aucun contenu nuisible n'est visible. Dénominateur : le poids "
        "total des clics des 10 premières positions. " + _EXPOSURE_DAYS_FR,
    ),
    KpiDefinition(
        "serp_health", "score", True, "compute_exposure_summary",
        "SERP health: 100 minus 100 times the exposure, so 100 is a page with nothing harmful "
        "and 0 a page where every position people click is harmful. Denominator: the same as "
        "exposure, the total click weight of the top 10. " + _EXPOSURE_DAYS_EN,
        "Santé de la page de résultats : 100 moins 100 fois l'exposition ; 100 correspond à "
        "une page sans contenu nuisible, 0 à une page où toutes les positions cliquées sont "
        "nuisibles. Dénominateur : le même que l'exposition, le poids total des clics du top "
        "10. " + _EXPOSURE_DAYS_FR,
    ),
    KpiDefinition(
        "owned_share", "ratio", True, "compute_exposure_summary",
        "Owned share: the share of searchers' attention that goes to the client's own and "
        "defensive pages, weighting each top-10 position by how often it is clicked. "
        "Denominator: the total click weight of the top 10 positions. " + _EXPOSURE_DAYS_EN,
        "Part maîtrisée : la part de l'attention des internautes qui va aux pages du client et "
        "à ses contenus défensifs, chaque position du top 10 pesant selon sa fréquence de "
        "clic. Dénominateur : le poids total des clics des 10 premières positions. "
        + _EXPOSURE_DAYS_FR,
    ),
    KpiDefinition(
        "takedown_median_hours", "hours", False, "compute_takedown_delay",
        "Median takedown delay: the time by which half of the notices had their URL removed "
        "by the host or dropped by the search engine, estimated with the Kaplan-Meier method. "
        "If fewer than half have been removed so far it is shown as \"not reached\", never as a "
        "figure computed from the removed ones only. " + _TAKEDOWN_EN,
        "Délai médian de retrait : le temps au bout duquel la moitié des demandes ont obtenu le "
        "retrait de l'URL par l'hébergeur ou son déréférencement par le moteur, estimé par la "
        "méthode de Kaplan-Meier. Si moins de la moitié ont abouti, il est affiché « non "
        "atteint », jamais calculé sur les seules demandes abouties. " + _TAKEDOWN_FR,
    ),
    KpiDefinition(
        "takedown_median_ci_hours", "hours", False, "compute_takedown_delay",
        "95% confidence interval of the median takedown delay: the range of durations the "
        "true median very probably lies in, given how many notices there are. A wide range "
        "means few notices; an upper end \"not reached\" means the data cannot yet rule out a "
        "very long delay. " + _TAKEDOWN_EN,
        "Intervalle de confiance à 95 % du délai médian de retrait : la plage de durées où se "
        "situe très probablement la vraie médiane, compte tenu du nombre de demandes. Une plage "
        "large signale peu de demandes ; une borne haute « non atteinte » signifie que les "
        "données n'excluent pas encore un délai très long. " + _TAKEDOWN_FR,
    ),
    KpiDefinition(
        "takedown_p90_hours", "hours", False, "compute_takedown_delay",
        "90th percentile of the takedown delay: the time by which 90% of the notices had their "
        "URL removed or delisted (Kaplan-Meier estimate); \"not reached\" while more than 10% "
        "are still online. It shows the slow tail that a median hides. " + _TAKEDOWN_EN,
        "90e centile du délai de retrait : le temps au bout duquel 90 % des demandes ont obtenu "
        "le retrait ou le déréférencement de l'URL (estimation de Kaplan-Meier) ; « non "
        "atteint » tant que plus de 10 % restent en ligne. Il montre les cas lents que la "
        "médiane cache. " + _TAKEDOWN_FR,
    ),
    KpiDefinition(
        "takedown_rmst30_hours", "hours", False, "compute_takedown_delay",
        "Mean takedown delay over 30 days: the average time a URL stayed online after its "
        "notice, counting at most 30 days per notice (restricted mean survival time). A notice "
        "still unanswered counts for the time it has waited, up to 30 days; averaging only the "
        "removed URLs would hide every ignored notice. " + _TAKEDOWN_EN,
        "Délai moyen de retrait sur 30 jours : le temps moyen pendant lequel une URL est restée "
        "en ligne après la demande, plafonné à 30 jours par demande (durée moyenne de survie "
        "restreinte). Une demande sans réponse compte pour son attente, jusqu'à 30 jours ; une "
        "moyenne des seules URL retirées masquerait toutes les demandes ignorées. "
        + _TAKEDOWN_FR,
    ),
    KpiDefinition(
        "sla", "ratio", True, "compute_sla",
        "SLA compliance, per legal route (copyright, privacy and intimate images, other): the "
        "share of notices removed within the agreed deadline (by default 48 hours for privacy "
        "and intimate images, 72 hours otherwise). Denominator: notices sent at least one "
        "deadline ago, so each has had its full time; more recent ones are shown as pending. "
        "Notices without a legal route count under other.",
        "Respect des délais (SLA), par fondement juridique (droit d'auteur, vie privée et "
        "images intimes, autre) : la part des demandes retirées dans le délai convenu (par "
        "défaut 48 heures pour la vie privée et les images intimes, 72 heures sinon). "
        "Dénominateur : les demandes envoyées depuis au moins la durée du délai, afin que "
        "chacune ait eu tout son temps ; les plus récentes sont affichées « en attente ». Les "
        "demandes sans fondement juridique comptent dans « autre ».",
    ),
    KpiDefinition(
        "recirculation_d7", "ratio", False, "compute_recirculation",
        "Recirculation at D+7: the share of leaked contents (a photo set, a video, a document) "
        "that reappeared at a new address within 7 days of their first removal. Copies that "
        "already existed but were found later (missed copies) and the same address coming "
        "back online (reinstatements) are counted beside it, not in it. Denominator: contents "
        "whose first removal is at least 7 days old.",
        "Recirculation à J+7 : la part des contenus divulgués (une série de photos, une vidéo, "
        "un document) réapparus à une nouvelle adresse dans les 7 jours suivant leur premier "
        "retrait. Les copies qui existaient déjà mais trouvées plus tard (copies manquées) et "
        "la même adresse remise en ligne (rétablissements) sont comptées à part, pas dedans. "
        "Dénominateur : les contenus dont le premier retrait date d'au moins 7 jours.",
    ),
    KpiDefinition(
        "mttd_median_hours", "hours", False, "compute_detection_delay",
        "Median detection delay: the typical time between a leak's publication and the moment "
        "we found it, with the 90th percentile beside it for the slow cases. Denominator: "
        "leaks whose publication date is known (a result's date or an imported \"found on\" "
        "date); not shown when there are none.",
        "Délai médian de détection : le temps habituel entre la publication d'une fuite et le "
        "moment où nous l'avons trouvée, avec le 90e centile à côté pour les cas lents. "
        "Dénominateur : les fuites dont la date de publication est connue (date d'un résultat "
        "ou colonne « trouvé le » d'un import) ; non affiché s'il n'y en a aucune.",
    ),
    KpiDefinition(
        "reputational_mttr_median_days", "days", False, "compute_reputational_mttr",
        "Reputational MTTR (median): the typical number of days a tracked search keeps "
        "showing a harmful result before it is clean again, estimated with the Kaplan-Meier "
        "method; \"not reached\" while fewer than half of the incidents have closed. "
        + _MTTR_EN,
        "Délai médian de rétablissement réputationnel (MTTR) : le nombre de jours habituel "
        "pendant lequel une recherche suivie affiche un résultat nuisible avant de redevenir "
        "propre, estimé par la méthode de Kaplan-Meier ; « non atteint » tant que moins de la "
        "moitié des incidents sont clos. " + _MTTR_FR,
    ),
    KpiDefinition(
        "reputational_mttr_rmst90_days", "days", False, "compute_reputational_mttr",
        "Reputational MTTR (mean over 90 days): the average number of days a tracked search "
        "showed harm per incident, counting at most 90 days per incident (restricted mean "
        "survival time). " + _MTTR_EN,
        "Délai moyen de rétablissement réputationnel sur 90 jours : le nombre moyen de "
        "jours d'affichage d'un contenu nuisible par incident, plafonné à 90 jours par incident "
        "(durée moyenne de survie restreinte). " + _MTTR_FR,
    ),
    KpiDefinition(
        "open_incidents", "count", False, "compute_reputational_mttr",
        "Open incidents: the number of tracked searches whose latest checks still show a "
        "harmful result in the top 10 (incidents not yet closed by two clean checks in a row). "
        "Denominator: none, it is a count, shown beside the reputational MTTR of all incidents.",
        "Incidents ouverts : le nombre de recherches suivies dont les derniers relevés "
        "montrent encore un résultat nuisible dans le top 10 (incidents non clos par deux "
        "relevés propres consécutifs). Dénominateur : aucun, c'est un nombre, affiché à côté "
        "du délai de rétablissement de l'ensemble des incidents.",
    ),
    KpiDefinition(
        "funnel", "count", True, "compute_removal_rates",
        "Funnel: leaked URLs and contents detected, then sent a notice, then removed by the "
        "host or dropped by the search engine, then recirculated, over the period. The removal "
        "rate is removed / noticed and the delisting rate delisted / noticed. Denominator: "
        "noticed URLs, without URLs absent from the search index and duplicates, which are "
        "left out of both sides and shown on their own.",
        "Entonnoir : URL et contenus divulgués détectés, puis ayant reçu une demande, puis "
        "retirés par l'hébergeur ou déréférencés par le moteur, puis recirculés, sur la "
        "période. Le taux de retrait vaut retirées / signalées et le taux de déréférencement "
        "déréférencées / signalées. Dénominateur : les URL signalées, hors URL absentes de "
        "l'index et doublons, exclus des deux côtés et affichés à part.",
    ),
)  # fmt: skip

_BY_ID = {kpi.id: kpi for kpi in KPI_CATALOG}


def kpi_entry(kpi_id: str) -> KpiDefinition:
    """The catalogue row of ``kpi_id``; KeyError naming the id when it is unknown."""
    try:
        return _BY_ID[kpi_id]
    except KeyError:
        raise KeyError(f"unknown KPI id {kpi_id!r}") from None


def kpi_definition(kpi_id: str, lang: Lang = "en") -> str:
    """The definition paragraph of ``kpi_id`` in ``lang`` ("en" or "fr")."""
    return kpi_entry(kpi_id).definition(lang)


def unit_label(unit: str, lang: Lang = "en") -> str:
    """The human label of a unit code in ``lang``."""
    return UNIT_LABELS[unit][lang]
