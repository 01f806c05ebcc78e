"""Harm scoring throughput: results scored per second on one core, against 20,000/s.

Trains ``HarmModel`` on the shipped labelled data (``data/reference/harm_training.csv``), or on
a synthetic set when that file is absent, then scores ``n`` results drawn from the training rows,
each given a made-up word and URL id so every batch brings unseen tokens (features, prediction,
rules and reasons: everything ``score`` returns), in batches of ``batch`` rows, the size the
scoring job reads from the warehouse. The figure is
the best of ``repeat`` timed passes after one warm-up pass; ``ratio`` is that figure divided by
the target, measured in the same run so a slow machine shows as a low ratio, not a flaky test.

Thread pools (BLAS through threadpoolctl, Arrow) are held to one thread for the timed passes,
so the figure is per core.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

TARGET_PER_S = 20_000.0
SHIPPED = Path(__file__).resolve().parents[1] / "data" / "reference" / "harm_training.csv"
_FAMILIES = {
    "leak": (
        ["leak_forum", "file_host", "unknown", "forum"],
        ["{n} onlyfans leak full pack", "{n} leaked photos mega link", "{n} fuite pack complet",
         "{n} leaks videos download free", "{n} mym leak telegram"],
        ["Download the full {n} pack, mega and gofile links.", "Tout le contenu de {n} en "
         "accès libre, lien mega.", "New {n} leaks every day, premium content for free."],
        ["/threads/{s}-leak", "/file/{s}-pack", "/{s}-leaks-mega"],
    ),
    "ncii": (
        ["adult", "unknown", "forum"],
        ["{n} private video shared", "{n} sextape intime", "{n} nude photos ex boyfriend",
         "{n} revenge video", "vidéo intime de {n} diffusée"],
        ["Private intimate video of {n} posted without consent.", "Photos intimes de {n} "
         "publiées par son ex.", "Her ex shared the private tape of {n}."],
        ["/video/{s}-private", "/{s}-intime", "/watch/{s}-tape"],
    ),
    "defamation": (
        ["news", "unknown", "forum", "social"],
        ["{n} is a fraud and a liar", "{n} escroc condamné", "the truth about {n} scandal",
         "{n} accused of stealing", "{n} arnaqueuse démasquée"],
        ["{n} lied to everyone and stole money from clients, says a blog.", "{n} aurait "
         "volé ses clients, selon des rumeurs.", "Everything {n} hides: drugs, fraud, lies."],
        ["/{s}-fraud", "/blog/verite-sur-{s}", "/{s}-scandal-exposed"],
    ),
    "complaint": (
        ["review", "forum", "unknown"],
        ["{n} avis négatif remboursement", "{n} complaint refund never received",
         "{n} reviews 1 star", "problème avec {n} service client", "{n} customer service awful"],
        ["I paid {n} and never got a refund, avoid.", "Service client de {n} injoignable, "
         "toujours pas remboursé.", "Terrible experience with {n}, one star."],
        ["/review/{s}", "/avis/{s}", "/t/{s}-complaint"],
    ),
    "impersonation": (
        ["social", "unknown"],
        ["{n} (@{s}_officiel_vrai) instagram", "{n} official backup account", "{n} faux compte",
         "{n} (@real_{s}2) tiktok", "{n} second account giveaway"],
        ["Follow my new account, the old one was hacked. Send gift cards.", "Mon nouveau "
         "compte officiel, participez au concours.", "Backup page of {n}, DM for promo."],
        ["/{s}_officiel_vrai", "/real_{s}2", "/{s}.backup"],
    ),
    "neutral": (
        ["news", "unknown", "partner", "social"],
        ["{n} - Wikipedia", "{n} interview with the press", "who is {n}? biography",
         "{n} sur LinkedIn", "{n} actualités"],
        ["{n} is known for coaching and online programmes.", "{n} a donné une interview "
         "sur son parcours.", "Profile of {n}, career and projects."],
        ["/wiki/{s}", "/people/{s}", "/interview-{s}"],
    ),
    "owned": (
        ["owned"],
        ["{n} | Official site", "{n} - programmes et boutique", "{n} blog officiel",
         "contact {n}", "{n} shop"],
        ["Welcome to the official site of {n}.", "Bienvenue sur le site officiel de {n}.",
         "Programmes, shop and contact of {n}."],
        ["/", "/blog", "/contact", "/shop"],
    ),
    "positive": (
        ["news", "partner", "review"],
        ["{n} wins award", "{n} élue meilleure coach", "{n} 5 star reviews",
         "how {n} helped thousands", "{n} récompensée"],
        ["{n} received the best coach award this year.", "Les clients de {n} sont ravis, "
         "5 étoiles.", "An inspiring story: {n} helps people every day."],
        ["/awards/{s}", "/{s}-recompense", "/stories/{s}"],
    ),
}  # fmt: skip
_SYLLABLES = ["la", "mi", "ro", "ka", "te", "lu", "so", "na", "vi", "dor", "bel", "zan", "qui"]


def synthetic_results(n_subjects: int = 60, per_subject: int = 16, seed: int = 0) -> pd.DataFrame:
    """Labelled fictional results with the header of ``harm_training.csv``: every subject gets
    ``per_subject`` results, cycling the eight categories."""
    rng = random.Random(seed)
    rows = []
    categories = list(_FAMILIES)
    for k in range(n_subjects):
        first = "".join(rng.choice(_SYLLABLES) for _ in range(2)).title()
        last = "".join(rng.choice(_SYLLABLES) for _ in range(3)).title()
        name, slug = f"{first} {last}", f"{first}-{last}".lower()
        for i in range(per_subject):
            category = categories[(i + k) % len(categories)]
            domains, titles, snippets, paths = _FAMILIES[category]
            domain = rng.choice(domains)
            host = f"{slug}.example" if domain == "owned" else f"{domain}{rng.randint(1, 9)}.test"
            rows.append(
                {
                    "subject": name,
                    "subject_kind": "creator",
                    "lang": rng.choice(["en", "fr"]),
                    "query": name.lower(),
                    "position": rng.randint(1, 20),
                    "url": f"https://{host}" + rng.choice(paths).format(s=slug),
                    "domain_category": domain,
                    "title": rng.choice(titles).format(n=name, s=slug),
                    "snippet": rng.choice(snippets).format(n=name),
                    "category": category,
                }
            )
    return pd.DataFrame(rows)


@dataclass
class HarmBench:
    """Scoring throughput of the harm model."""

    training_data: str
    training_rows: int
    fit_s: float
    results: int
    batch: int
    per_s: float
    ratio: float

    @property
    def passed(self) -> bool:
        return self.ratio >= 1.0


def _pool(frame: pd.DataFrame, size: int, seed: int) -> pd.DataFrame:
    """``size`` rows cycled from ``frame``, each with a made-up word in its title and snippet and
    an id in its URL, so every batch brings words the model never saw, as real batches do."""
    rng = random.Random(seed)
    rows = frame.sample(size, replace=size > len(frame), random_state=seed).reset_index(drop=True)
    words = ["".join(rng.choice(_SYLLABLES) for _ in range(3)) for _ in range(size)]
    ids = [f"{rng.getrandbits(40):x}" for _ in range(size)]
    return rows.assign(
        title=rows["title"] + " " + pd.Series(words),
        snippet=rows["snippet"] + " " + pd.Series(words[::-1]),
        url=rows["url"] + "?id=" + pd.Series(ids),
    )


def run_harm_bench(n: int = 100_000, batch: int = 5_000, repeat: int = 3) -> HarmBench:
    """Train, then time scoring ``n`` results in batches of ``batch``; see the module doc."""
    import pyarrow as pa
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    from models.harm import HarmModel
    from models.harm_eval import load_training_data

    if SHIPPED.exists():
        frame, categories, groups = load_training_data(SHIPPED)
        source = str(SHIPPED.relative_to(SHIPPED.parents[2]))
    else:
        data = synthetic_results()
        frame = data.assign(owned=data["domain_category"] == "owned")
        categories, groups, source = list(data["category"]), list(data["subject"]), "synthetic"
    started = time.perf_counter()
    model = HarmModel().fit(frame, categories, groups)
    fit_s = time.perf_counter() - started
    batches = max(1, n // batch)
    pools = [_pool(frame, batch, seed) for seed in range(batches)]
    threads = pa.cpu_count()
    pa.set_cpu_count(1)
    try:
        with threadpool_limits(limits=1):
            model.score(pools[0])  # warm-up
            best = float("inf")
            for _ in range(repeat):
                started = time.perf_counter()
                for pool in pools:
                    model.score(pool)
                best = min(best, time.perf_counter() - started)
    finally:
        pa.set_cpu_count(threads)
    per_s = batches * batch / best
    return HarmBench(
        source, len(frame), round(fit_s, 2), batches * batch, batch, round(per_s),
        round(per_s / TARGET_PER_S, 3),
    )  # fmt: skip
