"""Maëva Fit, a French fitness creator whose premium photo set leaks (the demo's first client).

The story: the « Bord de mer » set is posted on a leak forum, then copied to a mirror, a file
host and an archive that ignores notices. The agency accepts each copy from the candidate
queue, sends host (copyright) and Google notices; the forum, the mirror and the file host take
them down within days (the monitor confirms each removal with two failing checks), the file
host restores the archive once (a reinstatement) until a second notice, and two new mirrors
appear within a week of the first removal (recirculation). A copy posted before the first
removal but only found after it is a missed copy. Longer demos also replay two earlier leaks.
All names, sites and people are fictional.
"""

from __future__ import annotations

from serpshield.demo.world import (
    Action,
    ClientStory,
    Copy,
    HostState,
    QuerySpec,
    RankPath,
    at,
    copy_page,
    page,
)

SLUG = "maeva-fit"
SET = "Set « Bord de mer »"
HIIT = "Programme HIIT 8 semaines"
GUIDE = "Guide nutrition (PDF)"


QUERIES = (
    QuerySpec("maeva fit", "google", "fr", "fr", "brand", location="Paris, France",
              volume=2900, tags=("brand",)),
    QuerySpec("maeva fit", "google", "fr", "fr", "brand", device="mobile",
              volume=2900, tags=("brand", "mobile")),
    QuerySpec("maeva fit fuite", "google", "fr", "fr", "leak", volume=320,
              tags=("leak",)),
    QuerySpec("maeva fit programme", "google", "fr", "fr", "product", volume=590,
              tags=("product",)),
    QuerySpec("maeva fit", "bing", "fr", "fr", "brand", volume=400, tags=("brand",)),
)  # fmt: skip

PAGES = (
    page("https://maevafit.example/", "Maëva Fit", "brand=1 leak=3.2 product=2",
         "Maëva Fit – Coaching fitness en ligne, programmes et recettes",
         "Rejoins plus de 800 000 personnes qui s'entraînent avec Maëva : séances de 20 minutes, "
         "programmes progressifs et recettes simples."),
    page("https://instaphoto.example/maevafit", "InstaPhoto", "brand=2 leak=4.4 product=9.6",
         "Maëva Fit (@maevafit) • Photos et vidéos",
         "812 k abonnés, 1 204 publications – Coach fitness. Séances, motivation et coulisses."),
    page("https://tubevid.example/@maevafit", "TubeVid", "brand=3 leak=6.8 product=5",
         "Maëva Fit - TubeVid",
         "Séances HIIT de 20 minutes, abdos et mobilité. Nouvelle vidéo chaque mardi et vendredi."),
    page("https://boutique.maevafit.example/programmes", "Maëva Fit", "brand=4 product=1",
         "Programmes Maëva Fit – Boutique officielle",
         "Programme HIIT 8 semaines, Renfo maison, Guide nutrition : paiement sécurisé."),
    page("https://actu-forme.example/portrait/maeva-fit-coach-reseaux", "Actu Forme",
         "brand=5 leak=8 product=6",
         "Qui est Maëva Fit, la coach qui fait bouger 800 000 abonnés ?",
         "Ancienne gymnaste, Maëva a lancé ses séances en ligne en 2020. Rencontre avec une coach "
         "qui mise sur la régularité.", date="3 sept. 2026"),
    page("https://avis-coachs.example/maeva-fit", "Avis Coachs", "brand=6 leak=5 product=3",
         "Avis Maëva Fit : que valent ses programmes ?",
         "Note moyenne 4,6/5 sur 1 310 avis. Les abonnés saluent la progressivité des séances."),
    page("https://maeva-fitness-club.example/", "Maeva Fitness Club", "brand=7",
         "Maeva Fitness Club Papeete – Salle de sport à Tahiti",
         "Musculation, cardio et cours collectifs à Papeete. Ouvert 7j/7 de 5h à 22h."),
    page("https://podcast-sante.example/episodes/maeva-fit-nutrition", "Podcast Santé",
         "brand=8 product=8", "Épisode 112 : Maëva Fit, nutrition et régularité",
         "Maëva Fit raconte comment elle construit ses programmes et ses menus de la semaine."),
    page("https://clicstream.example/maevafit", "Clicstream", "brand=9 leak=7.6",
         "maevafit - Clicstream",
         "Défis abdos, routines du matin et réponses aux questions des abonnés."),
    page("https://annuaire-coachs.example/coach/maeva-fit", "Annuaire des coachs",
         "brand=10 leak=10 product=9", "Maëva Fit – Coach sportive diplômée",
         "BPJEPS AF, spécialité renforcement et HIIT. Coaching en ligne uniquement."),
    page("https://encyclopedie-web.example/wiki/Maeva_(prénom)", "Encyclopédie", "brand=11",
         "Maeva (prénom) — Encyclopédie",
         "Maeva est un prénom féminin d'origine tahitienne qui signifie « bienvenue »."),
    page("https://recettes-fit.example/auteurs/maeva", "Recettes Fit", "brand=12 product=7",
         "Les recettes protéinées de Maëva",
         "Pancakes à l'avoine, bowls et en-cas : les recettes publiées par Maëva Fit."),
    page("https://sante-femmes.example/fuite-urinaire-sport", "Santé Femmes", "leak=1",
         "Fuite urinaire à l'effort : les exercices qui aident",
         "Périnée et sport : les mouvements à privilégier, conseils d'une kinésithérapeute."),
    page("https://forum-muscu.example/t/programme-maeva-fit-avis.221", "Forum Muscu",
         "leak=2 product=4", "Programme Maëva Fit, vos avis ? - Forum Muscu",
         "Je commence le HIIT 8 semaines lundi, quelqu'un l'a terminé ? Résultats, difficulté…"),
    page("https://plomberie-conseils.example/fuite-eau-que-faire", "Plomberie Conseils",
         "leak=9", "Fuite d'eau : que faire ?",
         "Couper l'arrivée, repérer la fuite, appeler un plombier : le guide pas à pas."),
)  # fmt: skip


def _copy(item: str, kind: str, url: str, published: tuple[int, int, int], title: str,
          snippet: str, ranks: dict[str, RankPath], changes: tuple[tuple[int, int, int,
          HostState], ...] = (), google_gone: int | None = None) -> Copy:  # fmt: skip
    posted = at(*published)
    host = ((posted, "live"), *((at(d, h, m), s) for d, h, m, s in changes))
    page = copy_page(url, title, snippet, ranks, host, google_gone=google_gone)
    return Copy(item, kind, url, posted, host, page)  # type: ignore[arg-type]


def _notices(url: str, day: int, hour: int, ref: str, google: bool = True) -> tuple[Action, ...]:
    """A copyright notice to the host, then (15 minutes later) a delisting request to Google."""
    host = Action(at(day, hour), url, "notice_sent", "host", "copyright", ref)
    if not google:
        return (host,)
    return host, Action(at(day, hour, 15), url, "notice_sent", "google", "copyright", f"G-{ref}")


FORUM = "https://forum.fuitesclub.example/t/maeva-fit-set-bord-de-mer-complet.48213"
MIRROR = "https://mirrorzone.example/maeva-fit/bord-de-mer"
FILE = "https://partagefichiers.example/f/8KQ2M7"
ARCHIVE = "https://archive-createurs.example/maevafit/pack-bord-de-mer"
MISSED = "https://imgdump.example/a/Zx81Qm"
RECIRC_1 = "https://leakhub-fr.example/createurs/maeva-fit-bord-de-mer"
RECIRC_2 = "https://telechargement-gratuit.example/maeva-fit-pack-bord-de-mer-zip"


def _main_leak() -> tuple[tuple[Copy, ...], tuple[Action, ...]]:
    copies = (
        _copy(SET, "photo_set", FORUM, (-34, 20, 40),
              "Maëva Fit – set « Bord de mer » complet (fuite) - FuitesClub",
              "Le set premium Bord de mer de Maëva Fit en entier, 64 photos HD. Lien de "
              "téléchargement dans le premier message, dépêchez-vous avant suppression.",
              {"leak": ((-33, 2.2), (-32, 1.4)), "brand": ((-33, 9.5), (-32, 6.5), (-31, 4.5))},
              ((-31, 3, 0, "gone_404"),), google_gone=-31),
        _copy(SET, "photo_set", MIRROR, (-33, 2, 10),
              "Maeva Fit Bord de mer leak – 64 photos | MirrorZone",
              "Maeva Fit premium set leaked, full pack mirror. Free download, no signup.",
              {"leak": ((-32, 3.2),), "brand": ((-32, 11.0), (-31, 8.5))},
              ((-29, 22, 0, "home_redirect"),), google_gone=-29),
        _copy(SET, "photo_set", FILE, (-33, 10, 30),
              "maeva_fit_bord_de_mer_HD.zip – PartageFichiers",
              "Fichier : maeva_fit_bord_de_mer_HD.zip (412 Mo). Téléchargement gratuit et "
              "illimité, lien direct.", {"leak": ((-32, 4.4),), "brand": ((-32, 12.5),)},
              ((-30, 1, 0, "gone_410"), (-26, 14, 0, "live"), (-24, 5, 0, "soft_404")),
              google_gone=-30),
        _copy(SET, "photo_set", ARCHIVE, (-32, 15, 0),
              "Maëva Fit pack Bord de mer – archive complète gratuite",
              "Tous les sets premium de Maëva Fit en accès libre : Bord de mer, 64 photos, "
              "téléchargement direct sans abonnement.",
              {"leak": ((-31, 2.6),), "brand": ((-31, 9.8),)},
              ((-27, 7, 30, "error_503"), (-27, 9, 0, "live")), google_gone=-27),
        _copy(SET, "photo_set", MISSED, (-33, 23, 0),
              "Album « maeva fit bord de mer » – ImgDump",
              "64 images · maeva fit bord de mer leak pack complet · ajouté par anonyme",
              {"leak": ((-26, 3.5),)}, ((-23, 4, 0, "gone_404"),)),
        _copy(SET, "photo_set", RECIRC_1, (-28, 9, 0),
              "Maëva Fit Bord de mer : le pack complet est de retour (leak)",
              "Le pack supprimé partout est de nouveau dispo : 64 photos HD de Maëva Fit, "
              "lien mega dans le post.",
              {"leak": ((-27, 2.0),), "brand": ((-27, 10.5), (-26, 7.5))},
              ((-24, 2, 0, "gone_404"),), google_gone=-24),
        _copy(SET, "photo_set", RECIRC_2, (-26, 18, 0),
              "Télécharger Maëva Fit pack Bord de mer (zip) gratuit",
              "maeva fit bord de mer zip leak – téléchargement gratuit, 412 Mo, sans inscription.",
              {"leak": ((-25, 3.0),)}, ((-21, 6, 30, "home_redirect"),)),
    )  # fmt: skip
    actions = (
        *_notices(FORUM, -33, 10, "NT-2026-0917"),
        Action(at(-33, 16, 40), FORUM, "acknowledged", "host", "copyright", "NT-2026-0917"),
        Action(at(-31, 7), FORUM, "delisted", "google", "copyright", "G-NT-2026-0917"),
        *_notices(MIRROR, -32, 9, "NT-2026-0921"),
        Action(at(-30, 14), MIRROR, "delisted", "google", "copyright", "G-NT-2026-0921"),
        *_notices(FILE, -32, 10, "NT-2026-0922"),
        Action(at(-32, 15, 10), FILE, "acknowledged", "host", "copyright", "NT-2026-0922"),
        Action(at(-31, 12), FILE, "delisted", "google", "copyright", "G-NT-2026-0922"),
        Action(at(-25, 9, 30), FILE, "notice_sent", "host", "copyright", "NT-2026-0941"),
        *_notices(ARCHIVE, -31, 10, "NT-2026-0925"),
        Action(at(-28, 11), ARCHIVE, "delisted", "google", "copyright", "G-NT-2026-0925"),
        Action(at(-26, 10), ARCHIVE, "notice_sent", "host", "copyright", "NT-2026-0933"),
        *_notices(RECIRC_1, -27, 9, "NT-2026-0930"),
        Action(at(-25, 15), RECIRC_1, "delisted", "google", "copyright", "G-NT-2026-0930"),
        *_notices(RECIRC_2, -25, 10, "NT-2026-0936", google=False),
        *_notices(MISSED, -26, 10, "NT-2026-0950", google=False),
    )
    return copies, actions


def _earlier_leaks(start: int) -> tuple[tuple[Copy, ...], tuple[Action, ...]]:
    """Two older leaks, removed quickly, replayed only when the demo reaches back to them."""
    copies: list[Copy] = []
    actions: list[Action] = []
    if start <= -96:
        forum = "https://forum.fuitesclub.example/t/maeva-fit-programme-hiit-8-semaines.41877"
        files = "https://partagefichiers.example/f/3HT9WQ"
        copies += [
            _copy(HIIT, "video", forum, (-96, 18, 0),
                  "Maëva Fit – Programme HIIT 8 semaines (vidéos complètes) - FuitesClub",
                  "Les 48 vidéos du programme payant HIIT 8 semaines de Maëva Fit, lien dans le "
                  "post.", {"leak": ((-95, 2.5),), "product": ((-95, 5.5),)},
                  ((-92, 9, 0, "gone_404"),)),
            _copy(HIIT, "video", files, (-95, 8, 0),
                  "maeva_fit_hiit_8_semaines.mp4 – PartageFichiers",
                  "Fichier : maeva_fit_hiit_8_semaines.mp4 (2,1 Go). Téléchargement gratuit.",
                  {"leak": ((-94, 4.0),), "product": ((-94, 8.0),)}, ((-93, 4, 0, "soft_404"),)),
        ]  # fmt: skip
        actions += [
            *_notices(forum, -95, 10, "NT-2026-0611"),
            Action(at(-94, 9), forum, "acknowledged", "host", "copyright", "NT-2026-0611"),
            *_notices(files, -94, 10, "NT-2026-0614", google=False),
        ]
    if start <= -63:
        pdf = "https://telechargement-gratuit.example/maeva-fit-guide-nutrition-pdf"
        copies.append(
            _copy(
                GUIDE,
                "document",
                pdf,
                (-63, 12, 0),
                "Maëva Fit guide nutrition PDF gratuit – téléchargement",
                "Le guide nutrition payant de Maëva Fit en PDF, gratuit, leak complet 96 pages.",
                {"leak": ((-62, 3.0),), "product": ((-62, 7.5),)},
                ((-57, 15, 0, "gone_410"),),
                google_gone=-58,
            )
        )
        actions += [
            *_notices(pdf, -62, 10, "NT-2026-0702"),
            Action(at(-59, 10), pdf, "delisted", "google", "copyright", "G-NT-2026-0702"),
        ]
    return tuple(copies), tuple(actions)


def story(start: int) -> ClientStory:
    """Maëva Fit's story for a demo whose first day is ``start``."""
    main_copies, main_actions = _main_leak()
    old_copies, old_actions = _earlier_leaks(start)
    return ClientStory(
        slug=SLUG,
        name="Maëva Fit",
        language="fr",
        capacity_per_week=2,
        owned_domains=("maevafit.example",),
        leak_domains=("fuitesclub.example", "mirrorzone.example"),
        domains={
            "partagefichiers.example": "file_host",
            "imgdump.example": "file_host",
            "actu-forme.example": "news",
            "avis-coachs.example": "review",
            "instaphoto.example": "social",
            "tubevid.example": "social",
            "clicstream.example": "social",
            "forum-muscu.example": "forum",
        },
        queries=QUERIES,
        pages=PAGES,
        copies=old_copies + main_copies,
        actions=old_actions + main_actions,
        launches=(("Programme Été 2027", 45),),
    )
