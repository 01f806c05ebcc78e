"""Shared pieces of the harm training-data generator: the phrase-bank format and its parser.

A bank is plain text, one line per item, so that phrases read like search results:

    ## d=leak_forum*3 forum unknown | q=leak;fuite; | k=ch | hard
    t: a title template
    s: a snippet lead, which may go on
      on indented lines (joined with one space)
    e: a snippet ending, added after a lead now and then
    p: /a/url/path or //a-host.example/with/path

``d`` lists the domain categories a row of the family may carry (``*3`` weights one),
``q`` the words added to the subject's name to make the query ("" is the bare name), ``kinds``
``k`` the subject kinds the family fits (c creator, b brand, p public figure, h homonym mix; a
repeated letter weighs more), ``hard`` marks a family of deliberately hard cases and ``host``
takes hosts from another domain category than the one declared (a profile a workspace
declares as owned still lives on a social network). In a ``paired`` family the n-th title
goes with the n-th snippet (and the n-th path when there are as many paths), and an item may
offer alternatives separated by `` || ``. A path ``//own/...`` is on the client's own host,
``//@social/...`` on a host of that domain category (which the row then declares), and
``//some-host.example/...`` on that host. Templates use ``{placeholders}`` filled by
``build_harm_training``.
"""

from __future__ import annotations

from typing import NamedTuple

CATEGORIES = (
    "leak",
    "ncii",
    "defamation",
    "complaint",
    "impersonation",
    "neutral",
    "owned",
    "positive",
)
DOMAIN_CATEGORIES = (
    "owned",
    "partner",
    "news",
    "social",
    "review",
    "forum",
    "leak_forum",
    "file_host",
    "adult",
    "unknown",
)


class Family(NamedTuple):
    """Templates that belong together: any title goes with any snippet of the same family."""

    titles: tuple[str, ...]
    leads: tuple[str, ...]
    endings: tuple[str, ...]
    paths: tuple[str, ...]
    domains: tuple[str, ...]
    queries: tuple[str, ...]
    kinds: str
    hard: bool
    host: str
    paired: bool


Bank = dict[str, tuple[Family, ...]]


def _header(line: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for part in line[2:].split("|"):
        key, _, value = part.strip().partition("=")
        fields[key] = value
    return fields


def _weighted(spec: str) -> tuple[str, ...]:
    out: list[str] = []
    for word in spec.split():
        name, _, times = word.partition("*")
        if name not in DOMAIN_CATEGORIES:
            raise ValueError(f"unknown domain category {name!r}")
        out.extend([name] * int(times or "1"))
    return tuple(out)


def parse_bank(text: str) -> tuple[Family, ...]:
    """Families of a bank text (see the module docstring for the format)."""
    families: list[Family] = []
    header: dict[str, str] | None = None
    items: dict[str, list[str]] = {}

    def close() -> None:
        if header is None:
            return
        if not items.get("t") or not items.get("s") or not items.get("p"):
            raise ValueError(f"family without titles, snippets or paths: {header}")
        if "paired" in header and len(items["t"]) != len(items["s"]):
            raise ValueError(f"paired family with {len(items['t'])} titles: {items['t'][0]}")
        families.append(
            Family(
                titles=tuple(items["t"]),
                leads=tuple(items["s"]),
                endings=tuple(items.get("e", [])),
                paths=tuple(items["p"]),
                domains=_weighted(header["d"]),
                queries=tuple(header.get("q", "").split(";")),
                kinds=header.get("k", "cbph"),
                hard="hard" in header,
                host=header.get("host", ""),
                paired="paired" in header,
            )
        )

    last: list[str] | None = None
    for raw in text.splitlines():
        if not raw.strip():
            continue
        if raw.startswith("## "):
            close()
            header, items, last = _header(raw), {}, None
        elif raw.startswith("  ") and last is not None:
            last[-1] = f"{last[-1]} {raw.strip()}"
        else:
            key, sep, value = raw.partition(": ")
            if not sep or key not in {"t", "s", "e", "p"}:
                raise ValueError(f"bad bank line: {raw!r}")
            last = items.setdefault(key, [])
            last.append(value.strip())
    close()
    return tuple(families)


def words(text: str, sep: str | None = None) -> tuple[str, ...]:
    """The words of ``text`` (lists written as one string read better in a bank)."""
    return tuple(text.split(sep))


# Fictional people. Surnames are invented or rare; none is meant to point at anyone.
FIRST_FR_F = words(
    "Maëlys Inès Camille Léonie Anaïs Romane Océane Solène Clémence Lou Margaux Elsa Noémie "
    "Jade Lison Maëva Capucine Ambre Louna Apolline Héloïse Salomé Garance Albane Zélie Nina"
)
FIRST_FR_M = words(
    "Mathis Théo Bastien Hugo Nolan Killian Rayan Yanis Quentin Aurélien Loïc Gaspard"
)
FIRST_EN_F = words(
    "Kayla Brooke Madison Harper Skye Tessa Paige Delaney Riley Jenna Autumn Sienna Callie "
    "Imogen Freya Poppy Nadia Bianca Keira Darcy Willow Marley"
)
FIRST_EN_M = words("Maddox Tyler Ryder Declan Connor Jasper Owen Callum Reid Dorian")
LAST_FR = words(
    "Vardelain Morvillac Tessandier Carmouze Dubrenne Lescavel Fontravel Mirvaux Ravelleau "
    "Kerduff Aubrissac Solvignac Marteloux Peyrolle Vinsonnaz Gardanel Roumillac Trébéron "
    "Lavessière Maurignac Brévillard Dalbrecq Serrevaux Quintrel Vaudrecourt Ambrelin Cazarnou "
    "Pradoux Lhermeil Gorvennec Bazinville Courtelain Escarmel Jaubertin Morlanne Ricordel "
    "Sauvagnac Tilhaud Vernassal Quélonec"
)
LAST_EN = words(
    "Wrenfield Brackwell Quillmore Ravensley Tamsworth Vexley Yarrowby Dunmere Colgrave "
    "Pellworth Harrowby Quarendon Merriden Ostley Thistlewood Farrowdale Blackmere Lockridge "
    "Tillbrook Thornwick Calderby Vanstone Hollinsby Brereworth Stanwick Aldenmoor Birchcombe "
    "Corrowby Fennowick Gatherley Mossbury Pendleford Rookwell Sallowfield Wexcombe"
)
BRANDS = words(
    "Brivazo;Quenola;Ferlane;Olvéra;Tressaly;Vornique;Kipuru;Maison Aldric;Lunessa;Zentoria;"
    "Pommerelle;Okavé;Sablière;Nordvik Studio;Cendrelle;Brumont;Ivorel;Galvanie;Ondessa;Kerlio;"
    "Verdanne;Solvane;Orlanza;Tikka Moon;Palomé;Rivelle;Hazelwick;Bramblecrest;Quillo;Fenwyn;"
    "Astorel;Calypsa;Dovetree;Marlowood;Lynthe;Ombrette;Zephyrine;Atelier Brune;Kolvane;Velinor",
    ";",
)

# Hosts by domain category: (host, the name a result page shows). All are fictional.
HOSTS: dict[str, tuple[tuple[str, str], ...]] = {
    "news": (
        ("lequotidien-du-net.example", "Le Quotidien du Net"),
        ("actu-flash.test", "ActuFlash"),
        ("la-gazette-web.example", "La Gazette Web"),
        ("ouest-matin.example", "Ouest Matin"),
        ("pressenord.test", "Presse Nord"),
        ("lemag-eco.example", "Le Mag Éco"),
        ("dailyledger.example", "The Daily Ledger"),
        ("newsbeat24.test", "NewsBeat 24"),
        ("thecourierpost.example", "The Courier Post"),
        ("metro-buzz.test", "Metro Buzz"),
        ("creatoreconomy-weekly.example", "Creator Economy Weekly"),
    ),
    "social": (
        ("instaframe.example", "InstaFrame"),
        ("tiktak.test", "TikTak"),
        ("chirpr.example", "Chirpr"),
        ("facelink.test", "FaceLink"),
        ("youclip.example", "YouClip"),
        ("linkpro.test", "LinkPro"),
        ("threadsy.example", "Threadsy"),
        ("snapgram.test", "SnapGram"),
    ),
    "forum": (
        ("forum-papotage.example", "Forum Papotage"),
        ("discutons.test", "Discutons.test"),
        ("bigboards.example", "BigBoards"),
        ("reddot.example", "Reddot"),
        ("askaround.test", "AskAround"),
        ("jeuxforum.test", "JeuxForum"),
        ("le-comptoir-des-fans.example", "Le Comptoir des Fans"),
    ),
    "leak_forum": (
        ("leakzone.example", "LeakZone"),
        ("fansnap-archive.test", "FanSnap Archive"),
        ("leakbase-forum.example", "LeakBase Forum"),
        ("vipleaks-hub.test", "VIP Leaks Hub"),
        ("fuites-club.test", "Fuites Club"),
        ("exclu-partage.example", "Exclu Partage"),
    ),
    "file_host": (
        ("gofile-mirror.example", "GoFile Mirror"),
        ("megadrop.test", "MegaDrop"),
        ("filefolder.example", "FileFolder"),
        ("upl0ad-box.test", "Upl0ad Box"),
        ("drivelink-share.example", "DriveLink"),
        ("cloudstash.example", "CloudStash"),
    ),
    "adult": (
        ("tubexx.test", "TubeXX"),
        ("camarchive.example", "CamArchive"),
        ("hotclips-hub.example", "HotClips"),
        ("fanvault.example", "FanVault"),
    ),
    "review": (
        ("avis-clients.example", "Avis Clients"),
        ("trustscore.test", "TrustScore"),
        ("reviewhub.example", "ReviewHub"),
        ("notezles.test", "Notez-les"),
        ("annuaire-pro.example", "Annuaire Pro"),
        ("localrate.test", "LocalRate"),
    ),
    "partner": (
        ("agence-lumen.example", "Agence Lumen"),
        ("podcast-createurs.example", "Podcast Créateurs"),
        ("studio-partner.test", "Studio Partner"),
        ("marketplace-allies.example", "Allies Marketplace"),
        ("talentbridge.test", "TalentBridge"),
    ),
}
UNKNOWN_PLAIN = words(
    "blog tendances mode lifestyle journal infos coin maison petit grand web news daily "
    "life zone hub portail annuaire guide"
)
UNKNOWN_SPAM = words("free vip xclusive leaks hot full mega premium gratuit dl best 4k nsfw")
ALLOWED_SUFFIXES = (".example", ".test", ".invalid")
