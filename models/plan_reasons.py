"""The bilingual (English / French) reason each planner recommendation carries.

Why this module exists: the reason sentences are a large block of hand-written text in two
languages (what each harm is called, why each asset type answers it, how exposure, volume and
priority are stated). Kept apart from ``models.planner``, which decides *what* to recommend,
the wording can be edited without touching the rules, and the rules read without the prose.

A reason names the query, its harmful results (category, position, domain: never a URL), its
latest exposure, its monthly search volume (or the assumed one) and the priority they give,
then why the asset type helps against the category that called for it.
"""

from __future__ import annotations

from typing import Any, cast

import pandas as pd

_CATEGORY_WORDS: dict[str, dict[str, str]] = {
    "en": {"leak": "leaked content", "ncii": "non-consensual intimate images",
           "defamation": "defamatory content", "complaint": "a complaint",
           "impersonation": "an impersonation"},
    "fr": {"leak": "un contenu divulgué", "ncii": "des images intimes non consenties",
           "defamation": "un contenu diffamatoire", "complaint": "une plainte",
           "impersonation": "une usurpation d'identité"},
}  # fmt: skip
# Why each asset type helps, by the category that called for it ("launch": proactive).
_WHY: dict[tuple[str, str], tuple[str, str]] = {
    ("legal", "leak"): (
        "A legal notice page stating the rights over the content and how to report copies "
        "gives search engines an official page to rank for this query.",
        "Une page de mentions légales rappelant les droits sur le contenu et la façon de "
        "signaler les copies donne aux moteurs une page officielle à classer sur cette requête."),
    ("faq", "leak"): (
        "An FAQ saying what to do and where the official content is answers the search "
        "without the leak.",
        "Une FAQ qui dit quoi faire et où se trouve le contenu officiel répond à la recherche "
        "sans la fuite."),
    ("official_profile", "leak"): (
        "Official profiles on high-authority platforms fill the top results with pages the "
        "client controls.",
        "Des profils officiels sur des plateformes à forte autorité occupent les premiers "
        "résultats avec des pages que le client contrôle."),
    ("interview", "defamation"): (
        "An interview in which the client answers in person gives the story a credible "
        "first-hand source.",
        "Une interview où le client répond lui-même donne à l'histoire une source directe et "
        "crédible."),
    ("authority_placement", "defamation"): (
        "A placement on an authoritative site (press, partners) ranks quickly and carries the "
        "client's version.",
        "Une publication sur un site qui fait autorité (presse, partenaires) se classe vite et "
        "porte la version du client."),
    ("faq", "defamation"): (
        "A clarifying FAQ sets out the facts in the client's own words.",
        "Une FAQ de clarification expose les faits avec les mots du client."),
    ("official_profile", "impersonation"): (
        "Verified official profiles on the major platforms tell the real accounts from the "
        "fake ones.",
        "Des profils officiels vérifiés sur les grandes plateformes distinguent les vrais "
        "comptes des faux."),
    ("legal", "impersonation"): (
        "A notice page listing the official accounts and disowning the others answers the "
        "search with the client's own word.",
        "Une page d'avertissement qui liste les comptes officiels et désavoue les autres répond "
        "à la recherche avec la parole du client."),
    ("faq", "complaint"): (
        "An FAQ answering the recurring complaints shows they are heard and handled.",
        "Une FAQ qui répond aux plaintes récurrentes montre qu'elles sont entendues et "
        "traitées."),
    ("guide", "complaint"): (
        "A practical guide solves the problem behind the complaints and earns links of its own.",
        "Un guide pratique règle le problème à l'origine des plaintes et gagne ses propres "
        "liens."),
    ("faq", "launch"): (
        "Live before the launch, an FAQ pointing to the official content takes the place a "
        "leak would otherwise take.",
        "En ligne avant le lancement, une FAQ qui renvoie au contenu officiel prend la place "
        "qu'une fuite prendrait sinon."),
    ("official_profile", "launch"): (
        "Official profiles live before the launch hold the top results when searches peak.",
        "Des profils officiels en ligne avant le lancement tiennent les premiers résultats au "
        "pic des recherches."),
}  # fmt: skip
_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "harm": 'The search "{query}" shows harmful results in its latest top 10: {found}.',
        "found": "{what} at position {position} ({domain})",
        "more": "{n} more",
        "launch": 'The search "{query}" is tied to the launch "{launch}" on {on} and shows no '
        "harmful result yet.",
        "exposure": "Its latest exposure is {exposure} ({on})",
        "unmeasured": "Its exposure is not measured yet (0)",
        "volume": " and it has {volume} monthly searches, so priority = {sums}.",
        "median": "; its search volume is unknown, so the client's median volume ({volume}) is "
        "assumed: priority = {sums}.",
        "default": "; its search volume is unknown, as for every query of the client, so 1 is "
        "assumed: priority = {sums}.",
    },
    "fr": {
        "harm": "La recherche « {query} » affiche des résultats nuisibles dans son dernier "
        "top 10 : {found}.",
        "found": "{what} en position {position} ({domain})",
        "more": "{n} autre(s)",
        "launch": "La recherche « {query} » est liée au lancement « {launch} » du {on} et "
        "n'affiche pas encore de résultat nuisible.",
        "exposure": "Son exposition la plus récente est de {exposure} ({on})",
        "unmeasured": "Son exposition n'est pas encore mesurée (0)",
        "volume": " et elle compte {volume} recherches par mois, d'où une priorité de {sums}.",
        "median": " ; son volume de recherche est inconnu : le volume médian des requêtes du "
        "client ({volume}) est retenu, d'où une priorité de {sums}.",
        "default": " ; son volume de recherche est inconnu, comme pour toutes les requêtes du "
        "client : 1 est retenu, d'où une priorité de {sums}.",
    },
}


def reason(q: dict[str, Any], harms: pd.DataFrame, asset_type: str, driver: str, lang: str) -> str:
    """A full sentence naming the query, its harmful results (category, position, domain: never
    a URL), its exposure, its volume and the priority they give, then why this asset type."""
    text = _TEXT[lang]
    found = [
        text["found"].format(what=_CATEGORY_WORDS[lang][h["category"]],
                             position=int(h["position"]), domain=h["domain"])
        for h in cast(list[dict[str, Any]], harms.head(5).to_dict("records"))
    ]  # fmt: skip
    if len(harms) > len(found):
        found.append(text["more"].format(n=len(harms) - len(found)))
    if found:
        head = text["harm"].format(query=q["text"], found=", ".join(found))
    else:
        head = text["launch"].format(query=q["text"], launch=q["launch"],
                                     on=_date(q["launch_on"], lang))  # fmt: skip
    exposure = _num(or_zero(q["exposure"]), lang, 3)
    if or_zero(q["exposure"]) > 0 or not pd.isna(q["exposure_on"]):
        seen = text["exposure"].format(exposure=exposure, on=_date(q["exposure_on"], lang))
    else:
        seen = text["unmeasured"]
    volume = _num(q["volume"], lang, 0)
    sums = f"{exposure} × {volume} = {_num(q['priority'], lang, 1)}"
    why = _WHY[(asset_type, _alias(driver))][1 if lang == "fr" else 0]
    key = ("default" if q["no_median"] else "median") if q["volume_assumed"] else "volume"
    tail = text[key].format(volume=volume, sums=sums)
    return f"{head} {seen}{tail} {why}"


def _alias(category: str) -> str:
    return "leak" if category == "ncii" else category


def or_zero(value: Any) -> float:
    """``value`` as a float, a missing one (None, NaN, NA) as 0."""
    return 0.0 if value is None or pd.isna(value) else float(value)


def _num(value: float, lang: str, digits: int) -> str:
    """1,234.5 in English; 1 234,5 in French (narrow no-break space, decimal comma)."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text


def _date(value: Any, lang: str) -> str:
    day = pd.Timestamp(value).date()
    return day.strftime("%d/%m/%Y") if lang == "fr" else day.isoformat()
