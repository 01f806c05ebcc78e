"""The real thing: ``serpshield dashboard`` starts a Streamlit server that answers.

AppTest runs pages in-process; this test starts the server exactly as a person does, on a free
loopback port, waits for Streamlit's health endpoint and checks the page is served.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CLI = [sys.executable, "-c", "from serpshield.cli import main; main()"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=2) as response:
        return response.status, response.read().decode("utf-8", "replace")


def test_dashboard_command_serves_the_app_on_loopback(tmp_path: Path) -> None:
    if shutil.which("streamlit", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("streamlit is not installed beside this interpreter")
    env = {**os.environ, "SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": ""}
    subprocess.run([*CLI, "init", str(tmp_path)], check=True, env=env, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [*CLI, "--workspace", str(tmp_path), "dashboard", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        health = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                health = get(f"http://127.0.0.1:{port}/_stcore/health")
                break
            except OSError:
                time.sleep(0.3)
        assert health == (200, "ok"), "the server did not answer its health check"
        status, page = get(f"http://127.0.0.1:{port}/")
        assert status == 200
        assert "<title>" in page.lower() or "streamlit" in page.lower()
    finally:
        server.terminate()
        try:
            output, _ = server.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    text = output.decode("utf-8", "replace")
    assert "Traceback" not in text, text
