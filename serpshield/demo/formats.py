"""Results pages rendered the way the real providers answer: SerpApi JSON and SearXNG JSON.

The demo's collectors parse these bodies with the real parsers, so the shapes follow the
providers' documented responses and the recorded fixtures in ``tests/fixtures/serp``:
SerpApi's ``search_metadata`` / ``search_parameters`` / ``search_information`` envelope
around ``organic_results`` (Google items carry ``redirect_link`` and ``source``; Bing and
DuckDuckGo items are leaner), and SearXNG's ``results`` list with ``engines``, ``positions``,
``score`` and ``parsed_url``, plus ``unresponsive_engines`` when an engine refused (a CAPTCHA
page is what makes a run ``blocked``). Every value comes from the arguments: same inputs, same
bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote_plus, urlsplit

from serpshield.demo.world import Page, QuerySpec

GOOGLE_DOMAINS = {"fr": "google.fr", "gb": "google.co.uk", "us": "google.com"}


@dataclass(frozen=True)
class PageRequest:
    """One results page asked of a simulated provider, with what the answer should hold."""

    query: QuerySpec
    page: int
    pages: Sequence[Page]  # this page's results, in order
    first_position: int
    total_results: int
    moment: datetime
    token: str  # a stable id for this answer (search ids and the like)
    seconds: float  # how long the provider says it took


def _dumps(document: Mapping[str, object]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _displayed(url: str, engine: str) -> str:
    parts = urlsplit(url)
    crumbs = [p for p in parts.path.split("/") if p]
    if engine == "google":
        return " › ".join([f"https://{parts.hostname}", *crumbs[:2]])
    return f"https://{parts.hostname}{parts.path}"


def _highlighted(text: str, page: Page) -> list[str]:
    words = {w for w in text.lower().split() if len(w) > 2}
    found = [w for w in page.snippet.replace(",", " ").split() if w.lower() in words]
    return list(dict.fromkeys(found))[:3]


def _organic(req: PageRequest) -> list[dict[str, object]]:
    q, items = req.query, []
    for offset, page in enumerate(req.pages):
        item: dict[str, object] = {"position": req.first_position + offset, "title": page.title,
                                   "link": page.url}  # fmt: skip
        if q.engine == "google":
            item["redirect_link"] = (
                "https://www.google.com/url?sa=t&source=web&rct=j&url="
                f"{quote_plus(page.url)}&ved=2ahUKEw{req.token[:10]}"
            )
        item["displayed_link"] = _displayed(page.url, q.engine)
        if page.date and q.engine == "google":
            item["date"] = page.date
        item["snippet"] = page.snippet
        if q.engine == "google":
            item["snippet_highlighted_words"] = _highlighted(q.text, page)
            item["source"] = page.site or (urlsplit(page.url).hostname or "")
        items.append(item)
    return items


def serpapi_body(req: PageRequest) -> bytes:
    """A SerpApi ``search.json`` answer for one page of Google, Bing or DuckDuckGo results."""
    q = req.query
    search_id = req.token[:24]
    created = req.moment.strftime("%Y-%m-%d %H:%M:%S UTC")
    metadata: dict[str, object] = {
        "id": search_id,
        "status": "Success",
        "json_endpoint": f"https://serpapi.com/searches/{req.token[24:40]}/{search_id}.json",
        "created_at": created,
        "processed_at": created,
        "total_time_taken": req.seconds,
        "raw_html_file": f"https://serpapi.com/searches/{req.token[24:40]}/{search_id}.html",
    }
    params: dict[str, object] = {"engine": q.engine, "q": q.text}
    start = req.first_position - 1
    if q.engine == "google":
        domain = GOOGLE_DOMAINS.get(q.gl, "google.com")
        metadata["google_url"] = (
            f"https://www.{domain}/search?q={quote_plus(q.text)}&oq={quote_plus(q.text)}"
            f"&gl={q.gl}&hl={q.hl}&num=10&start={start}&sourceid=chrome&ie=UTF-8"
        )
        params.update(google_domain=domain, gl=q.gl, hl=q.hl, device=q.device, num="10")
        if q.location:
            params.update(location_requested=q.location, location_used=q.location)
        params["start"] = start
    elif q.engine == "bing":
        metadata["bing_url"] = f"https://www.bing.com/search?q={quote_plus(q.text)}&first={start}"
        params.update(mkt=f"{q.hl}-{q.gl.upper()}", device=q.device, first=start + 1)
    else:
        metadata["duckduckgo_url"] = f"https://duckduckgo.com/?q={quote_plus(q.text)}"
        params.update(kl=f"{'uk' if q.gl == 'gb' else q.gl}-{q.hl}", start=start)
    document: dict[str, object] = {
        "search_metadata": metadata,
        "search_parameters": params,
        "search_information": {
            "organic_results_state": "Results for exact spelling",
            "query_displayed": q.text,
            "total_results": req.total_results,
            "time_taken_displayed": round(req.seconds / 4, 2),
        },
        "organic_results": _organic(req),
    }
    if q.engine == "google" and req.page == 1:
        document["related_searches"] = [
            {
                "query": f"{q.text} {extra}",
                "link": f"https://www.google.com/search?q={quote_plus(q.text + ' ' + extra)}",
            }
            for extra in (("avis", "instagram") if q.hl == "fr" else ("review", "instagram"))
        ]
    return _dumps(document)


def serpapi_error_body(message: str, moment: datetime, token: str) -> bytes:
    """SerpApi's error envelope (what it sends with a non-success status)."""
    created = moment.strftime("%Y-%m-%d %H:%M:%S UTC")
    return _dumps(
        {
            "search_metadata": {"id": token[:24], "status": "Error", "created_at": created},
            "error": message,
        }
    )


def searxng_body(req: PageRequest, unresponsive: Sequence[tuple[str, str]] = ()) -> bytes:
    """A SearXNG ``/search?format=json`` answer restricted to the query's engine."""
    q = req.query
    results = []
    for offset, page in enumerate(req.pages):
        parts = urlsplit(page.url)
        results.append({
            "template": "default.html",
            "url": page.url,
            "title": page.title,
            "content": page.snippet,
            "publishedDate": None,
            "engine": q.engine,
            "parsed_url": [parts.scheme, parts.netloc, parts.path, "", parts.query, ""],
            "img_src": "",
            "thumbnail": "",
            "priority": "",
            "engines": [q.engine],
            "positions": [req.first_position + offset],
            "score": round(1.0 / (req.first_position + offset), 4),
            "category": "general",
        })  # fmt: skip
    document = {
        "query": q.text,
        "number_of_results": 0,
        "results": results,
        "answers": [],
        "corrections": [],
        "infoboxes": [],
        "suggestions": [f"{q.text} {'interview' if q.hl == 'en' else 'entretien'}"],
        "unresponsive_engines": [list(pair) for pair in unresponsive],
    }
    return _dumps(document)


def token_for(*parts: object) -> str:
    """A stable hex token (64 characters) for ids in a simulated answer."""
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()
