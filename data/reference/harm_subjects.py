"""Fictional subjects (creators, brands, public figures, people with namesakes) and the value
pools that fill the phrase banks' placeholders. Everything here is invented."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from data.reference.harm_common import (
    BRANDS,
    FIRST_EN_F,
    FIRST_EN_M,
    FIRST_FR_F,
    FIRST_FR_M,
    LAST_EN,
    LAST_FR,
    words,
)

KIND_COUNTS = {"creator": 50, "brand": 35, "public_figure": 25, "homonym_mix": 20}
KIND_LETTER = {"creator": "c", "brand": "b", "public_figure": "p", "homonym_mix": "h"}

NICHES = (
    ("fitness", "fitness"),
    ("cosplay", "cosplay"),
    ("yoga", "yoga"),
    ("lingerie", "lingerie"),
    ("ASMR", "ASMR"),
    ("gaming", "gaming"),
    ("danse", "dance"),
    ("mode", "fashion"),
    ("beauté", "beauty"),
    ("voyage", "travel"),
    ("cuisine", "cooking"),
    ("humour", "comedy"),
)
PRODUCTS = (
    ("cosmétiques", "cosmetics"),
    ("sneakers", "sneakers"),
    ("bijoux", "jewellery"),
    ("maillots de bain", "swimwear"),
    ("presets photo", "photo presets"),
    ("compléments alimentaires", "supplements"),
    ("vêtements de sport", "activewear"),
    ("bougies parfumées", "scented candles"),
    ("sacs en cuir", "leather bags"),
    ("lingerie", "lingerie"),
    ("cafés de spécialité", "specialty coffees"),
    ("jouets en bois", "wooden toys"),
)
ROLES = (  # (French feminine, French masculine, English)
    ("présentatrice télé", "présentateur télé", "TV presenter"),
    ("joueuse de tennis", "joueur de tennis", "tennis player"),
    ("cheffe étoilée", "chef étoilé", "Michelin-starred chef"),
    ("chroniqueuse radio", "chroniqueur radio", "radio host"),
    ("chanteuse", "chanteur", "singer"),
    ("romancière", "romancier", "novelist"),
    ("footballeuse", "footballeur", "footballer"),
    ("maire", "maire", "mayor"),
    ("conseillère municipale", "conseiller municipal", "city councillor"),
    ("journaliste", "journaliste", "news anchor"),
)
PRONOUNS = {  # e, elle, Elle, la, crea | she, She, her, Her, him
    "f": ("e", "elle", "Elle", "la", "créatrice", "she", "She", "her", "Her", "her"),
    "m": ("", "il", "Il", "le", "créateur", "he", "He", "his", "His", "him"),
    "b": ("e", "elle", "Elle", "la", "marque", "it", "It", "its", "Its", "it"),
}
POOLS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "city": words(
            "Lyon Nantes Lille Bordeaux Rennes Montpellier Toulouse Grenoble Dijon Angers Tours "
            "Brest Bruxelles Genève Lausanne Liège Marseille Strasbourg Nancy Clermont-Ferrand"
        ),
        "month": words(
            "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
        ),
        "day": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "dimanche"),
        "platform": ("OnlyFans", "MYM", "Fansly", "FanVault", "onlyfans"),
        "motto": (
            "Sois ta meilleure version",
            "Vivre, créer, partager",
            "Un jour à la fois ☀️",
            "Ici on rigole et on transpire",
            "Fait main, fait avec amour",
            "Petits pas, grands rêves",
            "Toujours en mouvement",
        ),
        "quote": (
            "Tout a commencé dans ma chambre",
            "Je veux que ce métier soit pris au sérieux",
            "On m'a souvent dit que c'était impossible",
            "Mon public, c'est ma famille",
            "J'ai appris à dire non",
            "Je ne regrette rien",
        ),
        "river": ("Loire", "Vienne", "Dordogne", "Meuse", "Sarthe", "Charente", "Marne", "Creuse"),
    },
    "en": {
        "city": words(
            "Leeds Bristol Manchester Austin Denver Portland Dublin Toronto Melbourne Cardiff "
            "Glasgow Phoenix Brighton Seattle Nashville Vancouver Auckland Sheffield"
        ),
        "month": words(
            "January February March April May June July August September October November December"
        ),
        "day": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sunday"),
        "platform": ("OnlyFans", "Fansly", "FanVault", "Patreon", "OF"),
        "motto": (
            "Be your best self",
            "Live, create, share",
            "One day at a time ☀️",
            "Sweat, laugh, repeat",
            "Handmade with love",
            "Small steps, big dreams",
            "Always moving",
        ),
        "quote": (
            "It all started in my bedroom",
            "I want this job to be taken seriously",
            "People kept telling me it was impossible",
            "My audience is my family",
            "I learned to say no",
            "I don't regret a thing",
        ),
        "river": ("Wendle", "Ashbrook", "Tillwater", "Marrow", "Coldwell", "Hartsey"),
    },
}
COUNTIES = ("Yorkshire", "Vermont", "Ohio", "Devon", "Ontario", "Oregon", "Cumbria", "Maine")
BANDS = (
    "Les Étoiles Tièdes",
    "Kilomètre Zéro",
    "Nuit Blanche Collective",
    "The Paper Lanterns",
    "Velvet Harbour",
    "Saltwater Kids",
    "Orage Mécanique",
    "Northbound",
)
USER_PARTS = words(
    "lurker anon kev_du dark shadow nico titi jojo mr_x fan le_vrai zz bigbob "
    "kingcobra ghost toto nightowl"
)


def ascii_slug(text: str, sep: str = "-") -> str:
    """Lower-case ASCII words joined by ``sep`` ("Maëlys Dubrenne" -> "maelys-dubrenne")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in plain.lower()).split()
    return sep.join(words)


@dataclass(frozen=True)
class Subject:
    """One fictional person or brand and everything its rows say about it."""

    sid: str
    kind: str
    langs: tuple[str, ...]
    name: str
    first: str
    last: str
    gender: str
    handle: str
    own: str
    niche: int
    product: int
    role: int
    bases: tuple[str, ...]

    @property
    def letter(self) -> str:
        return KIND_LETTER[self.kind]

    def role_text(self, lang: str) -> str:
        """What the subject does, in ``lang`` and with the right agreement."""
        if self.kind == "brand":
            fr, en = PRODUCTS[self.product]
            return f"marque de {fr}" if lang == "fr" else f"{en} brand"
        if self.kind == "public_figure":
            fem, masc, en = ROLES[self.role]
            return en if lang == "en" else (fem if self.gender == "f" else masc)
        fr, en = NICHES[self.niche]
        crea = PRONOUNS[self.gender][4]
        return f"{crea} {fr}" if lang == "fr" else f"{en} creator"


def _handle(rng: random.Random, first: str, last: str) -> str:
    f, la = ascii_slug(first, ""), ascii_slug(last, "")
    forms = (f"{f}.{la}", f"{f}{la[:3]}", f"its{f}", f"{f}_{la}", f"{f}.off", f"the{f}{la[:4]}")
    return rng.choice(forms) + rng.choice(("", "", "", str(rng.randint(1, 99))))


def build_subjects(rng: random.Random) -> list[Subject]:
    """The fictional subjects, in id order; names never repeat."""
    kinds = [kind for kind, count in KIND_COUNTS.items() for _ in range(count)]
    rng.shuffle(kinds)
    brands = list(BRANDS)
    rng.shuffle(brands)
    both = len(kinds) // 7
    languages = [("fr", "en")] * both + [("fr",), ("en",)] * ((len(kinds) - both + 1) // 2)
    rng.shuffle(languages)
    used: dict[str, int] = {}
    subjects = []
    for number, kind in enumerate(kinds, start=1):
        langs = languages[number - 1]
        if kind == "brand":
            name = brands.pop()
            first = last = name
            gender, flat = "b", ascii_slug(name, "")
            handle = flat + rng.choice(("", "", "_officiel" if langs[0] == "fr" else "_official"))
            own = rng.choice((f"{flat}.example", f"www.{flat}.test", f"shop.{flat}.example"))
        else:
            gender = "f" if rng.random() < (0.5 if kind == "public_figure" else 0.75) else "m"
            fr = langs[0] == "fr"
            firsts = (FIRST_FR_F if gender == "f" else FIRST_FR_M) if fr else None
            firsts = firsts or (FIRST_EN_F if gender == "f" else FIRST_EN_M)
            for _ in range(10_000):
                first, last = rng.choice(firsts), rng.choice(LAST_FR if fr else LAST_EN)
                name = f"{first} {last}"
                if max(used.get(first, 0), used.get(last, 0)) < 2 and name not in used:
                    break
            else:
                raise RuntimeError("not enough fictional names")
            for word in (first, last, name):
                used[word] = used.get(word, 0) + 1
            handle = _handle(rng, first, last)
            flat = ascii_slug(name, "")
            own = rng.choice((f"{flat}.example", f"{ascii_slug(name)}.test", f"www.{flat}.example"))
        bases = [name if rng.random() < 0.5 else name.lower()]
        if kind != "brand" and rng.random() < 0.3:
            bases.append(handle)
        subjects.append(
            Subject(
                sid=f"s{number:03d}",
                kind=kind,
                langs=langs,
                name=name,
                first=first,
                last=last,
                gender=gender,
                handle=handle,
                own=own,
                niche=rng.randrange(len(NICHES)),
                product=rng.randrange(len(PRODUCTS)),
                role=rng.randrange(len(ROLES)),
                bases=tuple(bases),
            )
        )
    return subjects
