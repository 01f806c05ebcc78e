"""The client report as one self-contained HTML file (no script, no external resource).

Why this module exists: an agency emails the report or drops it in a client portal, where it
must open offline and be safe to open. The page is rendered by Jinja2 with autoescape ON, so
every piece of warehouse text (a scraped title holding ``<script>``, a client name with ``&``)
is escaped; the only markup not escaped is the charts' SVG, which matplotlib writes itself and
escapes in turn. There is no JavaScript at all, and the styles are inline.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from jinja2 import Environment
from markupsafe import Markup

from models.kpi_catalog import kpi_definition
from serpshield.report.cards import build_cards, catalog_lang
from serpshield.report.charts import build_figures, svg_text
from serpshield.report.content import ReportContent
from serpshield.report.tables import (
    assets_table,
    definitions_table,
    generated_text,
    harmful_table,
    period_text,
)
from serpshield.report.texts import text

_TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{{ title }} – {{ name }}</title>
<style>
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #1c2833; margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; line-height: 1.45; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #d5d8dc; }
.meta { color: #566573; margin: .1rem 0; }
.notice { background: #fef5e7; border-left: 4px solid #d68910; padding: .5rem .8rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .7rem; }
.card { border: 1px solid #d5d8dc; border-radius: 6px; padding: .6rem .8rem; }
.card .label { font-size: .85rem; color: #566573; }
.card .value { font-size: 1.45rem; font-weight: bold; }
.card .value.missing { font-size: 1.05rem; font-weight: normal; color: #566573; }
.definition { font-size: .85rem; margin: .5rem 0; }
.card .note { font-size: .75rem; color: #566573; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
figcaption, .caption { font-size: .85rem; color: #566573; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { border-bottom: 1px solid #e5e8e8; padding: .3rem .4rem; text-align: left;
         vertical-align: top; overflow-wrap: anywhere; }
th { background: #f4f6f6; }
footer { margin-top: 2rem; font-size: .8rem; color: #566573; }
</style>
</head>
<body>
<header>
<h1>{{ title }}</h1>
<p class="meta"><strong>{{ name }}</strong></p>
<p class="meta">{{ period }}</p>
<p class="meta">{{ generated }}</p>
</header>
{% if unscored %}<p class="notice">{{ unscored }}</p>{% endif %}
<section>
<h2>{{ t.kpis }}</h2>
<div class="cards">
{% for card in cards %}<div class="card" title="{{ card.help }}">
<div class="label">{{ card.label }}</div>
<div class="value{% if card.missing %} missing{% endif %}">{{ card.value }}</div>
{% if card.note %}<div class="note">{{ card.note }}</div>{% endif %}
</div>
{% endfor %}</div>
</section>
<section>
<h2>{{ t.health_chart }}</h2>
{% if charts.health %}<figure>{{ charts.health }}
<figcaption>{{ t.health_note }}</figcaption></figure>
{% else %}<p class="caption">{{ t.none_days }}</p>{% endif %}
</section>
<section>
<h2>{{ t.takedown_chart }}</h2>
{% if charts.takedown %}<figure>{{ charts.takedown }}
<figcaption>{{ t.takedown_note }}</figcaption></figure>
{% else %}<p class="caption">{{ t.none_notices }}</p>{% endif %}
{% if charts.funnel %}<h2>{{ t.funnel_chart }}</h2><figure>{{ charts.funnel }}</figure>{% endif %}
</section>
<section>
<h2>{{ t.harmful_now }}</h2>
<p class="caption">{{ t.harmful_note }}</p>
{% if harmful.rows %}{{ table(harmful) }}{% else %}<p>{{ t.none_harmful }}</p>{% endif %}
</section>
<section>
<h2>{{ t.assets }}</h2>
{% if assets.rows %}{{ table(assets) }}
{% if charts.effect %}<figure>{{ charts.effect }}</figure>{% endif %}
<p class="caption">{{ t.effect_note }}</p>
{% else %}<p>{{ t.none_assets }}</p>{% endif %}
</section>
<section>
<h2>{{ t.definitions }}</h2>
{% for kpi, unit, definition in definitions.rows %}<p class="definition">{{ definition }}
<span class="caption">({{ kpi }}, {{ unit }})</span></p>
{% endfor %}
</section>
<footer>{{ t.footer }}</footer>
</body>
</html>
"""
_TABLE = """{% macro table(data) %}<table>
<thead><tr>{% for c in data.columns %}<th>{{ c }}</th>{% endfor %}</tr></thead>
<tbody>{% for row in data.rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>
{% endfor %}</tbody>
</table>{% endmacro %}"""
_SECTION_KEYS = (
    "kpis", "health_chart", "health_note", "takedown_chart", "takedown_note", "funnel_chart",
    "harmful_now", "harmful_note", "assets", "effect_note", "definitions", "none_harmful",
    "none_assets", "none_notices", "none_days", "footer",
)  # fmt: skip
_ENV = Environment(autoescape=True, keep_trailing_newline=True)
_PAGE = _ENV.from_string(_TABLE + _TEMPLATE)


def render_html(content: ReportContent) -> str:
    """The report of ``content`` as a complete HTML document."""
    lang = content.lang
    language = catalog_lang(lang)
    figures = build_figures(content)
    charts = {name: Markup(svg_text(fig)) for name, fig in figures.items()}  # noqa: S704
    unscored = int(content.kpis.get("unscored_snapshots") or 0)
    cards = [
        {"label": c.label, "value": c.value, "note": c.note, "missing": c.missing,
         "help": kpi_definition(c.kpi_id, language)}
        for c in build_cards(content.kpis, lang)
    ]  # fmt: skip
    return _PAGE.render(
        lang=lang,
        title=text("title", lang),
        name=content.name,
        period=period_text(content),
        generated=generated_text(content),
        unscored=text("unscored", lang, n=unscored) if unscored else "",
        t={key: text(key, lang) for key in _SECTION_KEYS},
        cards=cards,
        charts=charts,
        harmful=_rows(harmful_table(content)),
        assets=_rows(assets_table(content)),
        definitions=_rows(definitions_table(content)),
    )


def _rows(frame: pd.DataFrame) -> dict[str, list[Any]]:
    return {"columns": [str(c) for c in frame.columns], "rows": frame.values.tolist()}
