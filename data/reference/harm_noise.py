"""The roughness of real result pages: truncation, dates, breadcrumbs, typos, missing accents,
spam prefixes and empty snippets. Every function draws from the generator's one ``rng``."""

from __future__ import annotations

import random
import unicodedata

SPAM_PREFIXES = ("🔥 ", "✅ ", "[NEW] ", "(MAJ) ", "💦 ", "👉 ", "[HD] ", "⭐ ")
DATED_DOMAINS = ("news", "forum", "leak_forum", "social", "review", "unknown")
INFORMAL_DOMAINS = ("forum", "leak_forum", "social", "unknown", "file_host")


def _truncate(rng: random.Random, text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return text[:cut].rstrip(" ,;:–-|·") + rng.choice((" ...", "…", " …"))


def _typo(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    spots = [i for i, word in enumerate(words) if len(word) >= 5 and word.isalpha()]
    if not spots:
        return text
    i = rng.choice(spots)
    j = rng.randrange(1, len(words[i]) - 2)
    word = words[i]
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)


def _no_accents(text: str) -> str:
    kept = (c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", "".join(kept))


def snippet_text(
    rng: random.Random, lead: str, endings: tuple[str, ...], lang: str, domain: str
) -> str:
    """A snippet template: the lead, maybe an ending, a date, a breadcrumb or a cut start."""
    text = lead
    if endings and rng.random() < 0.45:
        text = f"{text} {rng.choice(endings)}"
    if domain in DATED_DOMAINS:
        if rng.random() < 0.3:
            ago = rng.randint(2, 23)
            fresh = f"il y a {ago} jours" if lang == "fr" else f"{ago} days ago"
            text = f"{rng.choice(('{date}', '{date}', fresh))} — {text}"
        if rng.random() < 0.06:
            crumb = ("Accueil", "Forum") if lang == "fr" else ("Home", "Community")
            text = f"{{site}} › {crumb[rng.randrange(2)]} › {text}"
    if rng.random() < 0.07:
        text = f"... {text}"
    return text


def noisy_snippet(rng: random.Random, text: str, lang: str, domain: str) -> str:
    informal = domain in INFORMAL_DOMAINS
    if lang == "fr" and informal and rng.random() < 0.15:
        text = _no_accents(text)
    if rng.random() < 0.06:
        text = _typo(rng, text)
    if len(text) > 150 and rng.random() < 0.6:
        text = _truncate(rng, text, rng.randint(140, 158))
    return "" if rng.random() < 0.04 else text


def noisy_title(rng: random.Random, title: str, site: str, template: str, category: str) -> str:
    if category in ("leak", "impersonation", "ncii") and rng.random() < 0.12:
        title = rng.choice(SPAM_PREFIXES) + title
    if "{site}" not in template and site not in title and rng.random() < 0.35:
        title = f"{title}{rng.choice((' | ', ' - ', ' – ', ' · '))}{site}"
    if rng.random() < 0.03:
        title = _typo(rng, title)
    if len(title) > 62 and rng.random() < 0.6:
        title = _truncate(rng, title, rng.randint(54, 62))
    return title
