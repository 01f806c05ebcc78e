"""Values for the phrase banks' placeholders, drawn for one result of one subject."""

from __future__ import annotations

import random
import string

from data.reference.harm_common import (
    BRANDS,
    FIRST_EN_F,
    FIRST_FR_F,
    FIRST_FR_M,
    HOSTS,
    LAST_EN,
    LAST_FR,
)
from data.reference.harm_subjects import (
    BANDS,
    COUNTIES,
    NICHES,
    POOLS,
    PRODUCTS,
    PRONOUNS,
    USER_PARTS,
    Subject,
    ascii_slug,
)

RATINGS = {"complaint": (1.1, 2.9), "positive": (4.3, 4.9)}
SUBSCRIPTIONS = ("4.99", "7.99", "9.99", "12", "14.99", "19.99")


def _decimal(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def _user(rng: random.Random) -> str:
    tail = rng.choice(("", str(rng.randint(1, 99)), str(rng.randint(1980, 2006)), "_x"))
    return rng.choice(USER_PARTS) + tail


def _other(rng: random.Random, subject: Subject, lang: str) -> str:
    while True:
        if subject.kind == "brand":
            other = rng.choice(BRANDS)
        else:
            firsts = FIRST_FR_F + FIRST_FR_M if lang == "fr" else FIRST_EN_F
            other = f"{rng.choice(firsts)} {rng.choice(LAST_FR if lang == 'fr' else LAST_EN)}"
        if other != subject.name:
            return other


def placeholder_values(
    rng: random.Random, subject: Subject, lang: str, category: str
) -> dict[str, str]:
    """Every placeholder a template may use (``site`` and ``own`` are set by the caller)."""
    pool = POOLS[lang]
    fr = lang == "fr"
    e, elle, elle_cap, la, _, she, she_cap, her, her_cap, him = PRONOUNS[subject.gender]
    day, month, year = rng.randint(1, 28), rng.randrange(12), rng.randint(2021, 2025)
    month_name = pool["month"][month]
    date = f"{day} {month_name} {year}" if fr else f"{month_name[:3]} {day}, {year}"
    low, high = RATINGS.get(category, (3.4, 4.8))
    rating = rng.uniform(low, high)
    stars = round(rating)
    city = rng.choice(pool["city"])
    other = _other(rng, subject, lang)
    role = subject.role_text(lang)
    niche = NICHES[subject.niche][0 if fr else 1]
    band = rng.choice(BANDS)
    size = rng.uniform(0.4, 38.0)
    alphabet = string.ascii_letters + string.digits
    minutes, seconds = rng.randint(0, 48), rng.randint(0, 59)
    return {
        "name": subject.name,
        "first": subject.first,
        "last": subject.last,
        "handle": subject.handle,
        "slug": ascii_slug(subject.name),
        "flat": ascii_slug(subject.name, ""),
        "e": e,
        "elle": elle,
        "Elle": elle_cap,
        "la": la,
        "she": she,
        "She": she_cap,
        "her": her,
        "Her": her_cap,
        "him": him,
        "ee": rng.choice(("", "e")),
        "role": role,
        "role_cap": role[:1].upper() + role[1:],
        "niche": niche,
        "niche_slug": ascii_slug(niche),
        "product": PRODUCTS[subject.product][0 if fr else 1],
        "city": city,
        "city_slug": ascii_slug(city),
        "river": rng.choice(POOLS["fr"]["river"]),
        "river_en": rng.choice(POOLS["en"]["river"]),
        "county": rng.choice(COUNTIES),
        "band": band,
        "band_slug": ascii_slug(band),
        "other": other,
        "other_slug": ascii_slug(other),
        "user": _user(rng),
        "platform": rng.choice(pool["platform"]),
        "motto": rng.choice(pool["motto"]),
        "quote": rng.choice(pool["quote"]),
        "day": rng.choice(pool["day"]),
        "site2": rng.choice(HOSTS["social"])[1],
        "date": date,
        "month": month_name,
        "year": str(year),
        "oyear": str(rng.randint(2015, year - 2)),
        "byear": str(rng.randint(1986, 2003)),
        "mm": f"{month + 1:02d}",
        "dd": f"{day:02d}",
        "n": str(rng.randint(1000, 999_999)),
        "n2": str(rng.randint(100, 9999)),
        "k": str(rng.randint(12, 980)),
        "k2": str(rng.randint(2, 40)),
        "v": str(rng.randint(3, 240)),
        "pg": str(rng.randint(2, 48)),
        "id": "".join(rng.choice(alphabet) for _ in range(rng.randint(6, 10))),
        "gb": f"{_decimal(size, lang)} Go" if fr else f"{_decimal(size, lang)} GB",
        "pct": str(rng.randint(12, 88)),
        "pct2": _decimal(rng.uniform(0.8, 9.5), lang),
        "rating": _decimal(rating, lang),
        "stars": "★" * stars + "☆" * (5 - stars),
        "reviews": str(rng.randint(12, 4800)),
        "price": str(rng.choice((9, 15, 19, 29, 49, 79, 97, 149, 197, 297, 497))),
        "sub": rng.choice(SUBSCRIPTIONS).replace(".", "," if fr else "."),
        "age": str(rng.randint(19, 44)),
        "dur": f"{minutes}:{seconds:02d}",
    }
