"""Interface labels in English and French, looked up by key.

Every visible label of the dashboard goes through ``t`` so a page can never be half-translated,
and an unknown key raises ``KeyError`` so a typo fails the tests instead of showing a raw key to
a client. French follows French typography: ’ for the apostrophe, a no-break space (U+00A0)
before ``:`` and a narrow no-break space (U+202F) before ``;``, ``!`` and ``?``; written as escapes
because invisible characters are easy to lose in an editor.

Placeholders use ``str.format`` names (``{version}``); callers fill them only with values they
formatted themselves (numbers, dates), never with warehouse text, because the result may be
rendered as Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.labels import (
    common,
    frame,
    leaks,
    merge_labels,
    plan,
    portfolio,
    reports,
    review,
    serp,
    workspace,
)

LANGUAGES: tuple[str, ...] = ("en", "fr")
DEFAULT_LANGUAGE = "en"

# Endonyms: a language is offered under its own name, whatever the current language.
LANGUAGE_NAMES: Mapping[str, str] = {"en": "English", "fr": "Français"}

#: Every label, merged from one module per page (``dashboard/labels/``) so pages can grow their
#: labels without touching each other's; a key defined twice is an import-time error.
LABELS: Mapping[str, Mapping[str, str]] = merge_labels(
    frame.LABELS,
    common.LABELS,
    workspace.LABELS,
    portfolio.LABELS,
    serp.LABELS,
    leaks.LABELS,
    review.LABELS,
    plan.LABELS,
    reports.LABELS,
)


def t(key: str, lang: str) -> str:
    """The label ``key`` in ``lang``; ``KeyError`` for an unknown key or language."""
    return LABELS[key][lang]


def resolve_lang(requested: str | None, default: str) -> str:
    """``requested`` if it names a supported language (any case, spaces ignored), else
    ``default``: a hand-edited ``?lang=`` in a link must not break the page."""
    if requested is not None:
        candidate = requested.strip().lower()
        if candidate in LANGUAGES:
            return candidate
    return default


def format_count(value: int, lang: str) -> str:
    """A whole number with the thousands separator of ``lang`` (1,234 / 1 234)."""
    grouped = f"{value:,}"
    return grouped.replace(",", "\u202f") if lang == "fr" else grouped
