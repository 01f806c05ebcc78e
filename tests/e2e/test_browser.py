"""End to end in a real browser: the demo workspace, the real server, headless Chromium.

A demo is built with the real pipeline (``serpshield demo``), ``serpshield dashboard`` serves it
on a free loopback port exactly as a person starts it, and Chromium opens every page in both
languages: no page may show Streamlit's exception box or a traceback, each must draw its title,
and a screenshot of each is saved (``tests/e2e/screenshots/``, git-ignored) for people to look
at. The PDF report is rendered with pdftoppm and its first page must not be blank.

Needs Debian's ``chromium`` and ``poppler-utils`` (``.ci/system-packages`` installs them in
CI). Without them the tests skip and say why, except under ``SERPSHIELD_REQUIRE_BROWSER=1``
(CI), where a missing browser is a failure: CI must never pass by skipping.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageStat

CLI = [sys.executable, "-c", "from serpshield.cli import main; main()"]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parent / "screenshots"
#: (URL path, title in English, title in French) of every page; the default page (Portfolio)
#: is served at the root: Streamlit answers its own url_path with "Page not found".
PAGES = (
    ("", "Portfolio", "Portefeuille"),
    ("serp-health", "SERP health", "Santé des résultats"),
    ("leaks", "Leaks & takedowns", "Fuites et retraits"),
    ("plan", "Defensive plan", "Plan défensif"),
    ("review", "Review", "Revue"),
    ("reports", "Reports", "Rapports"),
    ("workspace", "Workspace", "Espace de travail"),
)
DEMO_DAYS = "60"


def _require(tool: str, found: bool) -> None:
    if found:
        return
    message = f"{tool} is not installed (CI installs it with .ci/system-packages)"
    if os.environ.get("SERPSHIELD_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env() -> dict[str, str]:
    return {**os.environ, "SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": ""}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo workspace built by the real pipeline (deterministic for its seed)."""
    workspace = tmp_path_factory.mktemp("e2e") / "demo"
    subprocess.run([*CLI, "demo", "--workspace", str(workspace), "--days", DEMO_DAYS],
                   check=True, env=_env(), capture_output=True, timeout=600)  # fmt: skip
    return workspace


@pytest.fixture(scope="module")
def server(demo: Path) -> Iterator[str]:
    """``serpshield dashboard`` on a free loopback port; yields its base URL."""
    port = _free_port()
    process = subprocess.Popen(
        [*CLI, "--workspace", str(demo), "dashboard", "--port", str(port)],
        env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                    if answer.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.3)
        else:
            output = process.stdout.read().decode() if process.stdout and process.poll() else ""
            pytest.fail(f"the dashboard did not answer its health check\n{output}")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    _require("chromium", Path(CHROMIUM).exists())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield instance
        instance.close()


_SCRIPT_STATE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const skeletons = document.querySelectorAll('[data-testid="stSkeleton"]').length;
    return app ? app.getAttribute("data-test-script-state") + ":" + skeletons : "none";
}"""


def _wait_until_drawn(page: object, timeout: float = 90.0) -> None:
    """Until the script has finished and no placeholder is left, twice in a row one second
    apart (a page may rerun once after its first pass, e.g. to write the URL)."""
    deadline, calm = time.monotonic() + timeout, 0
    while time.monotonic() < deadline:
        state = page.evaluate(_SCRIPT_STATE)  # type: ignore[attr-defined]
        calm = calm + 1 if state == "notRunning:0" else 0
        if calm >= 2:
            return
        time.sleep(1.0)
    pytest.fail(f"the page was still drawing after {timeout:.0f} s")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    ("path", "title_en", "title_fr"), PAGES, ids=[p[0] or "portfolio" for p in PAGES]
)
def test_every_page_renders_without_error(
    server: str, browser: object, path: str, title_en: str, title_fr: str, lang: str
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    try:
        page.goto(f"{server}/{path}?lang={lang}", wait_until="domcontentloaded")
        title = title_en if lang == "en" else title_fr
        page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
        _wait_until_drawn(page)
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{path or 'portfolio'}-{lang}.png"), full_page=True)
        assert page.locator("[data-testid='stException']").count() == 0, "an exception box"
        assert page.get_by_text("Page not found").count() == 0
        body = page.inner_text("body")
        assert "Traceback" not in body and "Error:" not in body.split("\n")[0]
    finally:
        page.close()


def test_pdf_report_first_page_is_not_blank(demo: Path, tmp_path: Path) -> None:
    _require("pdftoppm", shutil.which("pdftoppm") is not None)
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [*CLI, "--workspace", str(demo), "report", "--client", "maeva-fit", "--format", "pdf",
         "--out", str(pdf)],
        check=True, env=_env(), capture_output=True, timeout=300,
    )  # fmt: skip
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True, timeout=120)  # fmt: skip
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    stats = ImageStat.Stat(image)
    dark = sum(image.histogram()[:200]) / (image.width * image.height)
    assert stats.stddev[0] > 5 and dark > 0.005, "the first page of the PDF is blank"
