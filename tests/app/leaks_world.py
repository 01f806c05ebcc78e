"""A small warehouse telling one takedown story, for the Leaks and Review page tests.

Client "lea-fit" had the set "Set 1" leak ten days ago:

- ``OPEN_URL`` (leakzone.example, a declared leak forum) ranks 2nd for "lea fit"; notices went
  to its host and to Google (copyright) eight days ago and nobody answered: censored, overdue;
- ``NCII_URL`` (mirror.example) was taken down by its host 30 h after a privacy/NCII notice;
- ``QUIET_URL`` (cdn.example) was found but no notice was sent yet;
- the video ``VIDEO_URL`` (tube.example, item "Video") was delisted by Google 50 h after a
  copyright notice.

So the takedown delays are 30 h and 50 h (removed) and twice 192 h (censored): the Kaplan-Meier
median is 50 h, the 90th percentile is not reached, SLA privacy/NCII 1/1, copyright 1/3.
Its search results also show ``CANDIDATE_URL`` on a file host: a leak candidate. Client
"nordlys" has one leak URL of its own (never on lea-fit's page) and client "quiet" nothing.

The review tests need a harm model: ``install_stub_model`` writes an unfitted ``HarmModel``
carrying a version as the workspace's current model (the review queue only needs its version;
fitting a real one takes seconds), and the results are scored under that version.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from streamlit.testing.v1 import AppTest

from collectors.normalize import normalize_url, registrable_domain
from data.leak_records import CheckRecord, EventRecord, LeakRecord
from data.leak_store import write_checks
from data.serp_store import SerpResultRecord, SerpRunRecord, write_serp_runs
from data.store import Connection, connect
from data.writes import ClientRecord, DomainRecord, QueryRecord, write_workspace_sync
from models.harm import HarmModel
from models.harm_artifact import save_model
from serpshield.harm_jobs import CURRENT, artifacts_dir
from serpshield.leaks import record_leaks

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
NOW = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
T0 = NOW - timedelta(days=10)
MODEL_VERSION = "harm-stub-test"
OPEN_URL = "https://leakzone.example/lea/set-1"
NCII_URL = "https://mirror.example/set-1"
QUIET_URL = "https://cdn.example/x/set-1.jpg"
VIDEO_URL = "https://tube.example/v/lea"
CANDIDATE_URL = "https://dump.example/lea-set"
NEWS_URL = "https://news.example/lea-fit-interview"
NORDLYS_URL = "https://leakzone.example/nordlys/pack"
CONFIG = '[workspace]\nname = "Test agency"\ntimezone = "Europe/Paris"\n'

CLIENTS = (
    ClientRecord("lea-fit", "Léa Fit", "fr", 2),
    ClientRecord("nordlys", "Nordlys", "en", 1),
    ClientRecord("quiet", "Quiet Co", "en", 1),
)
QUERIES = (
    QueryRecord("lea-fit", "lea fit", "google", "fr", "fr", None, "desktop", 500, ("brand",)),
    QueryRecord("nordlys", "nordlys", "google", "us", "en", None, "desktop", 50, ()),
)
DOMAINS = (
    DomainRecord("lea-fit", "leafit.example", "owned"),
    DomainRecord("lea-fit", "leakzone.example", "leak_forum"),
    DomainRecord("lea-fit", "dump.example", "file_host"),
)
#: (position, URL, harm score, category) of lea-fit's results, every day.
RESULTS = (
    (1, "https://leafit.example/", 0.01, "owned"),
    (2, OPEN_URL, 0.95, "leak"),
    (3, CANDIDATE_URL, 0.62, "leak"),
    (4, NEWS_URL, 0.48, "neutral"),
)


def build_world(workspace: Path, db: Path, *, audited: bool = False) -> None:
    """Write the config and the warehouse (see the module doc); ``audited`` adds a person's
    label, given after the model scored, so the audit has something to measure."""
    (workspace / "serpshield.toml").write_text(CONFIG, encoding="utf-8")
    con = connect(db)
    try:
        write_workspace_sync(con, CLIENTS, QUERIES, DOMAINS, synced_at=T0, actor="tests")
        _write_results(con)
    finally:
        con.close()
    _write_leaks(db)
    if audited:
        con = connect(db)
        try:
            con.execute(
                "INSERT INTO labels (result_id, category, labelled_by, labelled_at) "
                "SELECT result_id, 'defamation', 'tests', ? FROM serp_results WHERE url = ?",
                [NOW - timedelta(hours=1), NEWS_URL],
            )
        finally:
            con.close()


def _write_results(con: Connection) -> None:
    query = con.execute("SELECT query_id FROM queries WHERE text = 'lea fit'").fetchall()[0][0]
    runs = []
    for day in range(3):
        at = T0 + timedelta(days=day * 4)
        results = tuple(
            SerpResultRecord(pos, url, normalize_url(url), registrable_domain(normalize_url(url)),
                             f"title {pos}", f"snippet {pos}")
            for pos, url, _, _ in RESULTS
        )  # fmt: skip
        runs.append(SerpRunRecord(query, "serpapi", 1, at, at, at, "ok", payload=b'{"day": 1}',
                                  content_type="application/json", results=results))  # fmt: skip
    write_serp_runs(con, runs)
    for _, url, score, category in RESULTS:
        con.execute(
            "INSERT INTO harm_scores (result_id, model_version, score, category, scored_at) "
            "SELECT result_id, ?, ?, ?, ? FROM serp_results WHERE url = ?",
            [MODEL_VERSION, score, category, T0, url],
        )


def _write_leaks(db: Path) -> None:
    hours = timedelta(hours=1)
    notice = T0 + 2 * 24 * hours
    leaks = [
        LeakRecord("lea-fit", "Set 1", OPEN_URL, T0, "photo_set"),
        LeakRecord("lea-fit", "Set 1", NCII_URL, T0, "photo_set"),
        LeakRecord("lea-fit", "Set 1", QUIET_URL, T0 + 24 * hours, "photo_set"),
        LeakRecord("lea-fit", "Video", VIDEO_URL, T0, "video"),
        LeakRecord("nordlys", "Pack", NORDLYS_URL, T0, "document"),
    ]
    events = [EventRecord(r.client_slug, r.item_title, r.url, "detected", r.first_seen_at)
              for r in leaks]  # fmt: skip
    events += [
        EventRecord("lea-fit", "Set 1", OPEN_URL, "notice_sent", notice, "host", "copyright",
                    reference="N-1"),
        EventRecord("lea-fit", "Set 1", OPEN_URL, "notice_sent", notice + hours / 4, "google",
                    "copyright", reference="G-1"),
        EventRecord("lea-fit", "Set 1", NCII_URL, "notice_sent", notice, "host", "privacy_ncii",
                    reference="N-2"),
        EventRecord("lea-fit", "Set 1", NCII_URL, "removed", notice + 30 * hours, "host",
                    source="monitor"),
        EventRecord("lea-fit", "Video", VIDEO_URL, "notice_sent", notice, "google", "copyright",
                    reference="G-2"),
        EventRecord("lea-fit", "Video", VIDEO_URL, "delisted", notice + 50 * hours, "google",
                    "copyright"),
    ]  # fmt: skip
    record_leaks(db, leaks, events, now=T0)
    con = connect(db)
    try:
        open_id = con.execute(
            "SELECT leak_url_id FROM leak_urls WHERE url = ?", [OPEN_URL]
        ).fetchall()[0][0]
        checks = [CheckRecord(open_id, T0 + day * 24 * hours, "live", 200, OPEN_URL, None, 10,
                              5.0, "HTTP 200") for day in range(1, 4)]  # fmt: skip
        write_checks(con, checks)
    finally:
        con.close()


def leak_url_id(db: Path, url: str) -> int:
    """The id of a stored leak URL."""
    con = connect(db)
    try:
        rows = con.execute("SELECT leak_url_id FROM leak_urls WHERE url = ?", [url]).fetchall()
        return int(rows[0][0])
    finally:
        con.close()


def install_stub_model(workspace: Path) -> None:
    """Make an unfitted ``HarmModel`` named ``MODEL_VERSION`` the workspace's current model."""
    model = HarmModel()
    model.version_ = MODEL_VERSION
    model.training_sha256_ = "0" * 64
    model.n_training_rows_ = 0
    folder = artifacts_dir(workspace)
    path = save_model(model, folder, {"examples": 1632, "false_positive_rate": 0.0125})
    (folder / CURRENT).write_text(path.name + "\n", encoding="utf-8")


def open_page(page: str, lang: str | None = None, **params: str) -> AppTest:
    """Run the entrypoint on ``page`` with ``params`` (and ``lang``) in the URL. The page is
    chosen before the first run, so the default page is not drawn first (faster)."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for name, value in {**params, **({"lang": lang} if lang else {})}.items():
        at.query_params[name] = value
    return at.switch_page(f"app_pages/{page}.py").run()


def copy_world(template: Path, workspace: Path, db: Path) -> None:
    """Put a world built once (``build_world`` in ``template``) into ``workspace``: copying
    the files is much faster than migrating and filling a new database for every test."""
    shutil.copy(template / "serpshield.toml", workspace / "serpshield.toml")
    shutil.copy(template / "data" / "serpshield.duckdb", db)


def texts(at: AppTest) -> str:
    """Every visible text element of a run, one string."""
    kinds = ("title", "subheader", "caption", "markdown", "info", "warning", "error", "success",
             "code", "text")  # fmt: skip
    return "\n".join(str(element.value) for kind in kinds for element in getattr(at, kind))
