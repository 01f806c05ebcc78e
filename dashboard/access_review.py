"""Data access of the Review page: cached reads, and the writes a reviewer triggers.

Reads go through the ``serpshield`` job functions that the command line uses (candidate queue,
the model's least certain results, audited quality), each opening a short read-only connection,
and are cached for a minute under plain keys. Writes (accept or dismiss a candidate, save a
label, retrain the model) also go through those job functions, which hold the database only for
one short write transaction and record every change in the audit log; each write then clears
the caches it made stale, so the next rerun shows its effect at once.

A write can meet a collection run holding the database: ``data.WarehouseLockedError`` reaches
the page, which says so; nothing is half-written (each job writes in one transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import access_leaks
from dashboard.data_access import CACHE_TTL_SECONDS
from data.dashboard_leaks import load_content_items
from data.store import open_warehouse
from models.harm_artifact import ArtifactError, read_sidecar
from serpshield import candidates as candidate_jobs
from serpshield import harm_jobs

#: Label key of each harm category (``models.harm.CATEGORIES``), shared by the Leaks page
#: (the queue's harm column) and the Review page (labels, audit tables).
CATEGORY_KEYS = {
    "leak": "harm_cat_leak",
    "ncii": "harm_cat_ncii",
    "defamation": "harm_cat_defamation",
    "complaint": "harm_cat_complaint",
    "impersonation": "harm_cat_impersonation",
    "neutral": "harm_cat_neutral",
    "owned": "harm_cat_owned",
    "positive": "harm_cat_positive",
}


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def candidates(db: str, threshold: float, client: str | None) -> pd.DataFrame:
    """Search results proposed as leaks, most harmful first (``load_candidates`` columns)."""
    return candidate_jobs.list_candidates(Path(db), threshold, client)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def content_items(db: str, client: str) -> pd.DataFrame:
    """The client's content items (``load_content_items`` columns), to accept a candidate
    into an existing one."""
    with open_warehouse(db, read_only=True) as con:
        return load_content_items(con, client=client)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def review_queue(workspace: str, db: str, client: str | None, limit: int) -> pd.DataFrame:
    """Unlabelled results the current model is least sure about (``load_review_queue``
    columns); ``harm_jobs.NoModelError`` when the workspace has no model yet."""
    return harm_jobs.review_queue(Path(workspace), Path(db), client, limit)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def audit(db: str, client: str | None) -> harm_jobs.AuditReport | None:
    """Precision and recall on the labelled results (None when nothing is audited yet)."""
    return harm_jobs.audit_quality(Path(db), client)


@dataclass(frozen=True)
class ModelInfo:
    """The current model as its sidecar describes it (None where the sidecar says nothing)."""

    version: str
    created_at: str
    examples: int | None
    false_positive_rate: float | None


def current_model_info(workspace: str) -> ModelInfo | None:
    """The current model's version and metrics, read from its sidecar JSON without loading
    (unpickling) the model itself; None when there is no model or the sidecar is unreadable."""
    folder = harm_jobs.artifacts_dir(Path(workspace))
    try:
        name = (folder / harm_jobs.CURRENT).read_text(encoding="utf-8").strip()
        sidecar = read_sidecar(folder / name)
    except (OSError, ArtifactError):
        return None
    metrics = sidecar.get("metrics")
    metrics = metrics if isinstance(metrics, dict) else {}
    examples, rate = metrics.get("examples"), metrics.get("false_positive_rate")
    return ModelInfo(
        version=str(sidecar.get("version", name)),
        created_at=str(sidecar.get("created_at", "")),
        examples=int(examples) if isinstance(examples, int) else None,
        false_positive_rate=float(rate) if isinstance(rate, int | float) else None,
    )


def accept(db: str, threshold: float, client: str, url: str, item: str, kind: str) -> None:
    """Make a candidate a detected leak URL of ``item`` (created with ``kind`` if new)."""
    candidate_jobs.accept_candidate(Path(db), threshold, client, url, item, kind)
    clear_cache()


def dismiss(db: str, threshold: float, client: str, url: str) -> None:
    """Keep a candidate out of the client's queue for good (a decision that can be revisited
    on the command line)."""
    candidate_jobs.dismiss_candidate(Path(db), threshold, client, url)
    clear_cache()


def save_label(db: str, result_id: int, category: str) -> None:
    """Store a person's label of one result; it counts at the next training."""
    harm_jobs.label_result(Path(db), result_id, category)
    clear_cache()


def retrain(workspace: str, db: str) -> harm_jobs.TrainReport:
    """Train a new model on the shipped examples plus every label, and make it current."""
    report = harm_jobs.train_model(Path(workspace), Path(db))
    clear_cache()
    return report


def clear_cache() -> None:
    """Forget the frames a review write can change, on this page and on the Leaks page (an
    accepted candidate is a new leak URL there)."""
    for cached in (candidates, content_items, review_queue, audit):
        cached.clear()
    access_leaks.clear_cache()
