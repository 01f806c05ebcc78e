"""Kestrel Lane, an English-language e-commerce bag brand whose launch visuals leak (client 2).

The story: ten days before the declared launch of the Atlas bag, the whole lookbook is posted
on a fashion forum and pinned on a social board. Both are accepted from the candidate queue
(the model flags them: neither site is a declared leak site), noticed to the hosts and to
Google, and removed within days. The launch-tagged searches fill with the official page, the
press release and reviews after the launch; a second launch is still ahead, for the planner.
Longer demos also replay an older lookbook leak. All names, sites and people are fictional.
"""

from __future__ import annotations

from datetime import datetime

from serpshield.demo.world import (
    Action,
    ClientStory,
    Copy,
    HostState,
    Page,
    QuerySpec,
    RankPath,
    at,
    copy_page,
    page,
)

SLUG = "kestrel-lane"
ATLAS = "Atlas bag launch visuals"
LOOKBOOK = "Autumn lookbook 2026"
LAUNCH_DAY = -6
LEAK_DAY = LAUNCH_DAY - 10

QUERIES = (
    QuerySpec("kestrel lane", "google", "us", "en", "brand", volume=5400,
              tags=("brand",)),
    QuerySpec("kestrel lane atlas", "google", "us", "en", "launch", volume=1300,
              tags=("launch", "product")),
    QuerySpec("kestrel lane atlas leak", "google", "gb", "en", "leak",
              location="London, England, United Kingdom", volume=140, tags=("launch", "leak")),
    QuerySpec("kestrel lane", "duckduckgo", "us", "en", "brand", tags=("brand",)),
)  # fmt: skip

PAGES = (
    page("https://kestrellane.example/", "Kestrel Lane", "brand=1 launch=3 leak=4",
         "Kestrel Lane | Everyday bags and leather goods",
         "Bags built to carry a decade. Free returns, repairs for life, carbon-neutral shipping."),
    page("https://kestrellane.example/collections/bags", "Kestrel Lane", "brand=2 launch=5",
         "Bags – Kestrel Lane", "Totes, crossbodies and weekenders in full-grain leather."),
    page("https://instaphoto.example/kestrellane", "InstaPhoto", "brand=3 leak=6 launch=7",
         "Kestrel Lane (@kestrellane) • Photos and videos",
         "214K followers · 1,870 posts · Bags for the long haul. Atlas is coming."),
    page("https://stylewire.example/brands/kestrel-lane", "StyleWire", "brand=4 launch=4 leak=5",
         "Kestrel Lane: the bag brand that sells out in hours",
         "How a two-person workshop in Leeds became the most waitlisted bag label of 2026.",
         date="Jul 2, 2026"),
    page("https://gearreview.example/reviews/kestrel-lane-tote", "GearReview",
         "brand=5 launch=6 leak=7", "Kestrel Lane Tote: our top pick for an everyday bag",
         "Beautiful full-grain leather, sturdy stitching, lifetime repairs. Rated 8.7/10."),
    page("https://propertyfinder.example/street/kestrel-lane-bristol", "PropertyFinder",
         "brand=6", "Kestrel Lane, Bristol BS16 – homes for sale and sold prices",
         "3 properties for sale on Kestrel Lane. Average sold price £412,000 over the last year."),
    page("https://corporate-registry.example/company/11834522/kestrel-lane-ltd",
         "Company Registry", "brand=7 launch=9", "KESTREL LANE LTD – company profile",
         "Private limited company, incorporated 2019. Nature of business: leather goods."),
    page("https://maps-directory.example/uk/kestrel-lane-hemel-hempstead", "Maps Directory",
         "brand=8", "Kestrel Lane, Hemel Hempstead HP2 — street map",
         "Map, postcodes and nearby schools for Kestrel Lane, Hemel Hempstead."),
    page("https://pinboard.example/kestrellane", "Pinboard", "brand=9 leak=8 launch=8",
         "Kestrel Lane (kestrellane) on Pinboard", "Official boards: Workshop, Colours, Travel."),
    page("https://careers-board.example/companies/kestrel-lane", "Careers Board",
         "brand=10 leak=9 launch=10", "Kestrel Lane careers – 6 open roles",
         "Leather craftsperson, e-commerce lead, customer care (Leeds, hybrid)."),
    page("https://kestrel-lane-kennels.example/", "Kestrel Lane Kennels", "brand=11",
         "Kestrel Lane Kennels – boarding for dogs and cats, Devon",
         "Family-run boarding kennels and cattery near Exeter since 1987."),
    page("https://securitynews.example/2026/kestrel-systems-data-breach", "Security News",
         "leak=2", "Kestrel Systems confirms data leak affecting 40,000 users",
         "The logistics software firm says names and e-mail addresses were exposed.",
         date="Aug 19, 2026"),
    page("https://industrial-tools.example/atlas-leak-detector-ld300", "Industrial Tools",
         "leak=3", "Atlas LD-300 leak detector – datasheet",
         "Ultrasonic leak detection for compressed air systems. Range 0.1–10 l/min."),
    page("https://atlas-outdoor.example/bags", "Atlas Outdoor", "launch=1",
         "Atlas Outdoor — hiking backpacks and duffels",
         "Technical packs from 18 to 65 litres. Lifetime warranty."),
    page("https://mapstore.example/atlas-world-2027", "MapStore", "launch=2",
         "World Atlas 2027 edition – hardback", "The 2027 edition with 180 updated maps."),
)  # fmt: skip

# Pages the launch brings: the official Atlas page and press, then reviews after launch day.
LAUNCH_PAGES = (
    Page("https://kestrellane.example/atlas", "Atlas – Kestrel Lane",
         "Meet Atlas: a 24-litre bag that opens flat. Join the list for launch day.",
         {"launch": ((LAUNCH_DAY - 14, 9.0), (LAUNCH_DAY - 8, 2.5), (LAUNCH_DAY, 1.0)),
          "brand": ((LAUNCH_DAY - 14, 12.0), (LAUNCH_DAY, 3.5))}, "Kestrel Lane"),
    Page("https://stylewire.example/news/kestrel-lane-atlas-leak-ahead-of-launch",
         "Kestrel Lane's Atlas bag leaks ahead of launch",
         "Product shots of the unreleased bag circulated on a forum this weekend; the brand says "
         "the images were taken without permission.",
         {"leak": ((LEAK_DAY + 2, 1.2),), "launch": ((LEAK_DAY + 2, 4.2), (LAUNCH_DAY, 6.5))},
         "StyleWire", date="Nov 6, 2026"),
    Page("https://press.kestrellane.example/atlas-launch", "Atlas launches today – Kestrel Lane",
         "Press release: Atlas, our first travel bag, is available worldwide from today.",
         {"launch": ((LAUNCH_DAY, 4.0), (LAUNCH_DAY + 2, 2.0)),
          "brand": ((LAUNCH_DAY, 9.0), (LAUNCH_DAY + 3, 5.5))}, "Kestrel Lane"),
    Page("https://gearreview.example/reviews/kestrel-lane-atlas",
         "Kestrel Lane Atlas: the best carry-on we tested this year",
         "Beautiful leather, clamshell opening, sturdy zips. Rated 9.1/10 by our testers.",
         {"launch": ((LAUNCH_DAY + 2, 5.0), (LAUNCH_DAY + 4, 3.0)),
          "leak": ((LAUNCH_DAY + 3, 6.5),)}, "GearReview", date="Nov 17, 2026"),
)  # fmt: skip


def _copy(url: str, published: tuple[int, int, int], title: str, snippet: str,
          ranks: dict[str, RankPath], gone: tuple[int, int, int, HostState],
          item: str = ATLAS, google_gone: int | None = None) -> Copy:  # fmt: skip
    posted = at(*published)
    host: tuple[tuple[datetime, HostState], ...] = ((posted, "live"), (at(*gone[:3]), gone[3]))
    page = copy_page(url, title, snippet, ranks, host, google_gone=google_gone)
    return Copy(item, "product_visual", url, posted, host, page)


FORUM = "https://stylechat-forum.example/threads/kestrel-lane-atlas-first-look-leaked.77120"
PIN = "https://pinboard.example/pin/6612098"


def _launch_leak() -> tuple[tuple[Copy, ...], tuple[Action, ...]]:
    d = LEAK_DAY
    copies = (
        _copy(FORUM, (d, 19, 20), "Kestrel Lane Atlas – first look LEAKED (full lookbook, 18 pics)",
              "Someone from the factory leaked the whole Atlas lookbook before launch. All "
              "colourways inside, download link in post #1.",
              {"leak": ((d + 1, 1.5),), "launch": ((d + 1, 3.5), (d + 2, 2.2)),
               "brand": ((d + 1, 8.8),)}, (d + 4, 3, 0, "soft_404"), google_gone=d + 4),
        _copy(PIN, (d, 22, 5), "Kestrel Lane Atlas LEAKED full lookbook | Pinboard",
              "Everything from the unreleased Atlas lookbook in one board, before the launch. "
              "Full pack, download link in comments.", {"leak": ((d + 1, 2.8),),
              "launch": ((d + 1, 5.5),)}, (d + 2, 13, 0, "gone_404")),
    )  # fmt: skip
    actions = (
        Action(at(d + 1, 10), FORUM, "notice_sent", "host", "copyright", "KL-TD-118"),
        Action(at(d + 1, 10, 15), FORUM, "notice_sent", "google", "copyright", "KL-G-118"),
        Action(at(d + 1, 10, 30), PIN, "notice_sent", "host", "copyright", "KL-TD-119"),
        Action(at(d + 1, 18), FORUM, "acknowledged", "host", "copyright", "KL-TD-118"),
        Action(at(d + 3, 14), FORUM, "delisted", "google", "copyright", "KL-G-118"),
    )
    return copies, actions


def _old_lookbook(start: int) -> tuple[tuple[Copy, ...], tuple[Action, ...]]:
    """An older leak, pinned and taken down in a day, for demos that reach back to it."""
    if start > -76:
        return (), ()
    url = "https://pinboard.example/pin/5120447"
    copy = _copy(url, (-76, 16, 0), "Kestrel Lane autumn lookbook LEAKED (full pack) | Pinboard",
                 "All 12 unreleased bags from the internal lookbook in one board. Full pack, "
                 "download link in comments.",
                 {"leak": ((-75, 2.5),), "brand": ((-75, 10.5),)}, (-74, 9, 0, "gone_404"),
                 item=LOOKBOOK)  # fmt: skip
    notice = Action(at(-75, 11), url, "notice_sent", "host", "copyright", "KL-TD-087")
    return (copy,), (notice,)


def story(start: int) -> ClientStory:
    """Kestrel Lane's story for a demo whose first day is ``start``."""
    launch_copies, launch_actions = _launch_leak()
    old_copies, old_actions = _old_lookbook(start)
    return ClientStory(
        slug=SLUG,
        name="Kestrel Lane",
        language="en",
        capacity_per_week=3,
        owned_domains=("kestrellane.example",),
        leak_domains=(),
        domains={
            "stylewire.example": "news",
            "gearreview.example": "review",
            "pinboard.example": "social",
            "instaphoto.example": "social",
            "stylechat-forum.example": "forum",
        },
        queries=QUERIES,
        pages=PAGES + LAUNCH_PAGES,
        copies=old_copies + launch_copies,
        actions=old_actions + launch_actions,
        launches=(("Atlas bag", LAUNCH_DAY), ("Atlas Mini", 24)),
    )
