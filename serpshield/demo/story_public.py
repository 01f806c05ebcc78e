"""Camille Arnaud-Ferris, a bilingual public figure facing a defamatory article (client 3).

The story: an article accusing her foundation of misusing donations enters the French results
for her name and climbs into the top 3 (an incident opens: a harmful result in the top 10); an
English gossip site repeats it. Nothing here is a leak to take down: the answer is defensive
content. Official profiles, an interview on an economics site, an FAQ on her own site and the
foundation's audit report publish over a week and climb, pushing the article to page 2 of
Google, so the incident closes; on Bing, slower to move, it is still open at the end. Longer
demos also replay an impersonation account that was suspended. All names are fictional.
"""

from __future__ import annotations

from serpshield.demo.world import Asset, ClientStory, Page, QuerySpec, page

SLUG = "camille-af"

QUERIES = (
    QuerySpec("camille arnaud-ferris", "google", "fr", "fr", "fr", volume=1900,
              tags=("brand",)),
    QuerySpec("camille arnaud-ferris", "google", "gb", "en", "en", volume=720,
              tags=("brand", "english")),
    QuerySpec("camille arnaud-ferris fondation", "bing", "fr", "fr", "topic",
              volume=210, tags=("foundation",)),
)  # fmt: skip

OWNED = "https://camillearnaudferris.example/"
PAGES = (
    page(OWNED, "Camille Arnaud-Ferris", "fr=1 en=2 topic=3",
         "Camille Arnaud-Ferris – Site officiel",
         "Entrepreneuse, autrice de « Villes vertes » et présidente de la Fondation Horizon Vert."),
    page("https://encyclopedie-web.example/wiki/Camille_Arnaud-Ferris", "Encyclopédie",
         "fr=2 topic=4", "Camille Arnaud-Ferris — Encyclopédie",
         "Camille Arnaud-Ferris, née en 1981 à Lyon, est une entrepreneuse et animatrice de "
         "télévision franco-britannique."),
    page("https://fondation-horizon-vert.example/", "Fondation Horizon Vert", "fr=3 topic=1 en=6",
         "Fondation Horizon Vert – reforestation urbaine",
         "Depuis 2018, la fondation a planté 140 000 arbres dans 36 villes européennes."),
    page("https://quotidien-national.example/economie/camille-arnaud-ferris-portrait",
         "Le Quotidien", "fr=4 topic=6",
         "Camille Arnaud-Ferris, l'entrepreneuse qui veut reverdir les villes",
         "Portrait d'une dirigeante passée de l'urbanisme à la télévision.", date="12 mars 2026"),
    page("https://tele-programmes.example/emissions/planete-demain", "Télé Programmes", "fr=5",
         "Planète Demain, présentée par Camille Arnaud-Ferris",
         "Le magazine environnemental du dimanche, 18 h 30. Replay des derniers numéros."),
    page("https://galerie-lumen.example/artistes/camille-arnaud", "Galerie Lumen", "fr=6",
         "Camille Arnaud, peintre – Galerie Lumen",
         "Huiles et aquarelles de Camille Arnaud, paysages de la côte bretonne."),
    page("https://conference-climat.example/intervenants/camille-arnaud-ferris", "Sommet Climat",
         "fr=7 en=7", "Camille Arnaud-Ferris – intervenante, Sommet Climat 2026",
         "Table ronde : financer la nature en ville. Jeudi 14 mai, auditorium B."),
    page("https://librairie-en-ligne.example/livre/villes-vertes", "Librairie en ligne",
         "fr=8 en=9", "Villes vertes – Camille Arnaud-Ferris",
         "Essai, 248 pages. Comment planter une forêt au coin de la rue. 4,5/5 (212 avis)."),
    page("https://annuaire-dirigeants.example/dirigeant/camille-arnaud-ferris",
         "Annuaire des dirigeants", "fr=9 topic=8", "Camille Arnaud-Ferris – mandats et sociétés",
         "Présidente de la Fondation Horizon Vert, gérante de CAF Conseil."),
    page("https://radio-matin.example/podcast/invitee-camille-arnaud-ferris", "Radio Matin",
         "fr=10", "L'invitée du matin : Camille Arnaud-Ferris",
         "Reforestation, béton et canicules : l'entretien de 8 h 20."),
    page("https://videos-tv.example/debat-taxer-le-beton", "Vidéos TV", "fr=11",
         "Débat : faut-il taxer le béton ? avec C. Arnaud-Ferris",
         "Extrait de l'émission du 4 octobre, 12 minutes."),
    page("https://camille-arnaud-photo.example/", "Camille Arnaud Photographie", "fr=12",
         "Camille Arnaud Photographie – mariages en Bretagne",
         "Reportages de mariage et portraits à Rennes, Vannes et Saint-Malo."),
    page("https://universite-verte.example/conferences/2025/arnaud-ferris", "Université Verte",
         "fr=13", "Conférence de Camille Arnaud-Ferris – Université Verte",
         "Vidéo de la conférence « Des villes qui respirent », 58 minutes."),
    page("https://magazine-deco.example/interview/jardins-urbains", "Magazine Déco", "fr=14",
         "Jardins urbains : 5 questions à Camille Arnaud-Ferris",
         "Balcons, toits et cours d'école : ses conseils pour végétaliser."),
    page("https://forum-ecolo.example/t/fondation-horizon-vert-avis.3391", "Forum Écolo",
         "fr=15 topic=2", "Fondation Horizon Vert, vous connaissez ?",
         "Ils ont planté une mini-forêt dans notre quartier, les enfants ont participé."),
    page("https://salon-livre.example/auteurs/arnaud-ferris", "Salon du livre", "fr=16",
         "Camille Arnaud-Ferris – Salon du livre 2026",
         "Dédicace samedi de 14 h à 16 h, stand H12."),
    page("https://genealogie.example/famille/arnaud-ferris", "Généalogie", "fr=17",
         "Famille Arnaud-Ferris – arbre généalogique",
         "Branches Arnaud (Drôme) et Ferris (Cornouailles), 1820-1990."),
    page("https://annonces-emploi.example/entreprises/fondation-horizon-vert", "Annonces Emploi",
         "fr=18 topic=5", "Fondation Horizon Vert recrute – 3 offres",
         "Chargé de mission plantations, Lyon. Responsable mécénat, Paris."),
    page("https://prix-innovation.example/laureats/2024", "Prix Innovation Verte", "fr=19",
         "Lauréats 2024 du prix Innovation Verte",
         "Catégorie associations : Fondation Horizon Vert, pour ses micro-forêts."),
    page("https://agenda-culturel.example/rencontre-arnaud-ferris-lyon", "Agenda culturel",
         "fr=20", "Rencontre avec Camille Arnaud-Ferris à Lyon",
         "Bibliothèque de la Part-Dieu, entrée libre sur réservation."),
    page("https://blog-urbanisme.example/2025/villes-vertes-lecture", "Blog Urbanisme", "fr=21",
         "Villes vertes : notes de lecture",
         "Un essai stimulant, parfois optimiste sur les coûts."),
    page("https://encyclopedia-web.example/wiki/Camille_Arnaud-Ferris", "Web Encyclopedia",
         "en=1", "Camille Arnaud-Ferris - Web Encyclopedia",
         "Camille Arnaud-Ferris (born 1981) is a French-British entrepreneur and TV presenter."),
    page("https://green-cities-forum.example/speakers/camille-arnaud-ferris", "Green Cities Forum",
         "en=3", "Camille Arnaud-Ferris | Speaker, Green Cities Forum 2026",
         "Founder of the Horizon Vert Foundation; urban reforestation advocate."),
    page("https://bookshop-online.example/green-cities-arnaud-ferris", "Bookshop Online", "en=4",
         "Green Cities by Camille Arnaud-Ferris – paperback",
         "The English edition of her essay on planting forests in cities."),
    page("https://camillearnaud-art.example/", "Camille Arnaud Art", "en=5",
         "Camille Arnaud – contemporary painter, Brittany",
         "Seascapes and studio work. Exhibitions in Rennes and London."),
    page("https://podcast-planet.example/episodes/214-arnaud-ferris", "Planet Podcast", "en=8",
         "Ep. 214: Camille Arnaud-Ferris on urban forests",
         "Why a forest the size of a tennis court matters."),
    page("https://tv-guide.example/shows/tomorrows-planet", "TV Guide", "en=10",
         "Tomorrow's Planet (French TV) – presenter Camille Arnaud-Ferris",
         "The Sunday environment magazine, subtitled edition."),
    page("https://speakers-bureau.example/speakers/camille-arnaud-ferris", "Speakers Bureau",
         "en=11", "Camille Arnaud-Ferris – keynote speaker on urban forests",
         "Topics: climate adaptation, greening cities, financing nature. Fees on request."),
    page("https://film-database.example/name/camille-arnaud-ferris", "Film Database", "en=12",
         "Camille Arnaud-Ferris - TV credits", "Presenter, Tomorrow's Planet (2021-2026)."),
    page("https://urban-design-journal.example/2025/essays/urban-forests", "Urban Design Journal",
         "en=13", "Green Cities, an essay by Camille Arnaud-Ferris",
         "A hopeful essay on planting small forests in dense cities; clear maps and case studies."),
    page("https://camille-arnaud-tennis.example/", "Camille Arnaud Tennis", "en=14",
         "Camille Arnaud – tennis coach, Bordeaux", "Private lessons and junior camps."),
    page("https://alumni-network.example/profiles/camille-arnaud-ferris", "Alumni Network",
         "en=15", "Camille Arnaud-Ferris – alumni profile",
         "Urban planning, class of 2004. Founder, Horizon Vert Foundation."),
    page("https://journal-assos.example/annonces/fondation-horizon-vert", "Journal associatif",
         "topic=11", "Fondation Horizon Vert – annonce de création",
         "Objet : reforestation urbaine et sensibilisation à l'environnement."),
    page("https://mecenat-entreprises.example/partenaires/horizon-vert", "Mécénat Entreprises",
         "topic=12", "Nos partenaires : la Fondation Horizon Vert",
         "Trois entreprises lyonnaises financent les plantations de 2026."),
    page("https://ville-verte-lyon.example/projets/micro-forets", "Ville verte Lyon", "topic=13",
         "Micro-forêts à Lyon : les projets 2026", "Sept sites retenus, dont deux cours d'école."),
    page("https://benevolat.example/missions/plantation-horizon-vert", "Bénévolat", "topic=14",
         "Mission bénévole : plantation avec Horizon Vert", "Un samedi par mois, outils fournis."),
    page("https://mairie-exemple.example/actualites/micro-foret-ecole", "Mairie", "topic=7",
         "Une micro-forêt plantée à l'école Jules-Ferry",
         "Avec la Fondation Horizon Vert, 600 arbres plantés par les élèves."),
    page("https://associations-annuaire.example/fondation-horizon-vert", "Annuaire associations",
         "topic=9", "Fondation Horizon Vert – fiche", "Fondation reconnue d'utilité publique."),
    page("https://dons-transparence.example/organismes/fondation-horizon-vert",
         "Dons Transparence", "topic=10", "Fondation Horizon Vert : comptes et rapports",
         "Comptes annuels 2021-2025 déposés, rapport du commissaire aux comptes disponible."),
)  # fmt: skip

DEFAMATION = "https://lerevelateur.example/enquete/camille-arnaud-ferris-fondation-detournement"
REPOST = "https://gossipwire.example/camille-arnaud-ferris-foundation-fraud-claims"
HARMFUL = (
    Page(DEFAMATION,
         "Scandale : Camille Arnaud-Ferris accusée d'avoir détourné l'argent de sa fondation",
         "Selon des documents consultés par notre rédaction, Camille Arnaud-Ferris aurait "
         "détourné des dons. Arnaque aux donateurs ? Elle n'a pas souhaité répondre.",
         {"fr": ((-29, 8.0), (-28, 4.5), (-27, 1.6), (-21, 1.6), (-17, 3.5), (-14, 5.5),
                 (-11, 7.0), (-8, 7.5)),
          "topic": ((-29, 1.5), (-10, 2.5), (-4, 5.5))}, "Le Révélateur", date="22 oct. 2026"),
    Page(REPOST, "Camille Arnaud-Ferris foundation fraud claims: what we know",
         "French TV host accused of scamming donors: the allegations against her charity, "
         "explained.", {"en": ((-28, 6.0), (-26, 3.0), (-18, 3.2), (-12, 7.5), (-9, 9.0))},
         "GossipWire", date="Oct 24, 2026"),
)  # fmt: skip

PROFILE = "https://linkpro.example/in/camille-arnaud-ferris"
MICROBLOG = "https://microblog.example/c_arnaudferris"
INTERVIEW = "https://journal-eco.example/entretien/camille-arnaud-ferris-transparence-fondation"
FAQ = "https://camillearnaudferris.example/faq-fondation"
AUDIT = "https://fondation-horizon-vert.example/rapport-audit-2026"
INTERVIEW_EN = "https://globe-business.example/interviews/camille-arnaud-ferris-foundation"
ASSETS = (
    Asset("Profil LinkPro officiel", "official_profile", PROFILE, -26, "camille arnaud-ferris"),
    Asset("Compte Microblog officiel", "official_profile", MICROBLOG, -25,
          "camille arnaud-ferris"),
    Asset("Entretien Journal Éco : la transparence de la fondation", "interview", INTERVIEW, -24,
          "camille arnaud-ferris"),
    Asset("Interview Globe Business (EN)", "interview", INTERVIEW_EN, -23,
          "camille arnaud-ferris"),
    Asset("FAQ : la Fondation Horizon Vert et ses comptes", "faq", FAQ, -22,
          "camille arnaud-ferris"),
    Asset("Rapport d'audit 2026 de la fondation", "other", AUDIT, -20,
          "camille arnaud-ferris fondation"),
)  # fmt: skip
DEFENSIVE = (
    Page(PROFILE, "Camille Arnaud-Ferris – Présidente, Fondation Horizon Vert | LinkPro",
         "Présidente de la Fondation Horizon Vert · Autrice · Animatrice. Lyon et Londres.",
         {"fr": ((-25, 11.0), (-21, 6.0), (-16, 4.2)), "en": ((-25, 8.0), (-20, 4.0))}, "LinkPro"),
    Page(MICROBLOG, "Camille Arnaud-Ferris (@c_arnaudferris) / Microblog",
         "Compte officiel. Villes vertes, forêts urbaines et télévision.",
         {"fr": ((-24, 12.0), (-19, 6.5), (-15, 5.2)), "en": ((-24, 9.5), (-19, 5.0))},
         "Microblog"),
    Page(INTERVIEW, "Camille Arnaud-Ferris : « Nos comptes sont publics, chaque euro est tracé »",
         "Entretien. La présidente de la Fondation Horizon Vert répond point par point et publie "
         "le rapport de son commissaire aux comptes.",
         {"fr": ((-23, 14.0), (-19, 5.0), (-16, 2.6)), "topic": ((-23, 9.0), (-14, 4.0))},
         "Journal Éco", date="28 oct. 2026"),
    Page(INTERVIEW_EN, "Camille Arnaud-Ferris: 'Every euro our foundation spends is audited'",
         "Interview. The presenter and foundation chair answers the allegations and publishes "
         "the auditor's report.", {"en": ((-22, 11.0), (-16, 3.5), (-13, 2.5))},
         "Globe Business", date="Oct 29, 2026"),
    Page(FAQ, "FAQ – La Fondation Horizon Vert, ses comptes et ses dons",
         "Où vont les dons ? Qui contrôle les comptes ? Toutes les réponses et les documents.",
         {"fr": ((-21, 12.5), (-16, 5.5), (-12, 3.4)), "topic": ((-21, 8.0), (-12, 3.0))},
         "Camille Arnaud-Ferris"),
    Page(AUDIT, "Rapport d'audit 2026 – Fondation Horizon Vert",
         "Rapport du commissaire aux comptes : aucune irrégularité relevée sur les exercices "
         "2023 à 2025.", {"fr": ((-19, 13.0), (-13, 6.0)), "topic": ((-19, 6.0), (-11, 2.0))},
         "Fondation Horizon Vert"),
)  # fmt: skip


def _impersonation(start: int) -> tuple[Page, ...]:
    """An impersonation account, suspended after a report, for demos that reach back to it."""
    if start > -76:
        return ()
    fake = Page("https://microblog.example/camille_arnaudferris_officiel",
                "🎁 Camille Arnaud-Ferris GIVEAWAY – 500 gagnants !",
                "Compte officiel : likez, partagez et envoyez-nous vos coordonnées en MP, "
                "Camille choisit les gagnants ce soir.",
                {"fr": ((-75, 6.5),), "en": ((-75, 7.5),)}, "Microblog",
                windows=((-75, -66),))  # fmt: skip
    return (fake,)


def story(start: int) -> ClientStory:
    """Camille Arnaud-Ferris's story for a demo whose first day is ``start``."""
    return ClientStory(
        slug=SLUG,
        name="Camille Arnaud-Ferris",
        language="fr",
        capacity_per_week=2,
        owned_domains=("camillearnaudferris.example",),
        leak_domains=(),
        domains={
            "fondation-horizon-vert.example": "partner",
            "journal-eco.example": "news",
            "quotidien-national.example": "news",
            "globe-business.example": "news",
            "linkpro.example": "social",
            "microblog.example": "social",
            "forum-ecolo.example": "forum",
        },
        queries=QUERIES,
        pages=PAGES + HARMFUL + DEFENSIVE + _impersonation(start),
        assets=ASSETS,
    )
