"""The whole leak workflow against a real local server: import a notice, monitor the URL until
its removal is confirmed, export the evidence pack and verify it, then check the audit chain.

The server runs on 127.0.0.1, which the SSRF guard refuses unless the workspace allows it;
the test allows exactly that address and port.
"""

from __future__ import annotations

import json
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from data import open_warehouse
from serpshield.cli import cli

STATE = {"alive": True}


class Host(BaseHTTPRequestHandler):
    """A file host: the leak page is online until the test takes it down."""

    def do_GET(self) -> None:
        if STATE["alive"]:
            body = b"<html><body><h1>Full pack</h1><p>download</p></body></html>"
            self.send_response(200)
        else:
            body = "<html><body>Ce contenu a été supprimé.</body></html>".encode()
            self.send_response(200)  # a soft 404: "removed" although the status is 200
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[int]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Host)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    STATE["alive"] = True
    yield int(httpd.server_address[1])
    httpd.shutdown()
    httpd.server_close()


def run(ws: Path, *args: str) -> Result:
    env = {"SERPSHIELD_DB": "", "SERPSHIELD_WORKSPACE": ""}
    return CliRunner().invoke(cli, ["-w", str(ws), *args], env=env, catch_exceptions=False)


def test_import_monitor_confirm_export_verify(tmp_path: Path, server: int) -> None:
    assert (
        CliRunner().invoke(cli, ["init", str(tmp_path)], env={"SERPSHIELD_DB": ""}).exit_code == 0
    )
    config = tmp_path / "serpshield.toml"
    config.write_text(
        config.read_text()
        + f'\n[monitor]\nallow_addresses = ["127.0.0.1/32"]\nallowed_ports = [80, 443, {server}]\n'
        + "per_host_delay_seconds = 0.0\n"
    )
    url = f"http://127.0.0.1:{server}/f/lea-fit-pack"
    notices = tmp_path / "notices.csv"
    notices.write_text(
        "client;contenu;url;détecté_le;notifié_le;canal;motif;retiré_le\n"
        f"lea-fit;Set de mars;{url};01/11/2026 08:00;01/11/2026 10:00;hébergeur;vie_privée;\n",
        encoding="cp1252",
    )
    assert run(tmp_path, "import", "notices", str(notices)).exit_code == 0

    live = json.loads(run(tmp_path, "monitor", "check", url).stdout)
    assert live["state"] == "live" and live["http_status"] == 200
    assert run(tmp_path, "monitor", "urls").exit_code == 0

    STATE["alive"] = False
    db = tmp_path / "data/serpshield.duckdb"
    assert run(tmp_path, "monitor", "urls").exit_code == 0
    with open_warehouse(db) as con:  # as if those checks were made two hours ago
        con.execute("UPDATE url_checks SET checked_at = checked_at - INTERVAL 2 HOUR")
    assert run(tmp_path, "monitor", "urls").exit_code == 0
    listed = json.loads(run(tmp_path, "leaks", "list", "--json").stdout)
    assert listed[0]["state"] == "removed"

    pack = tmp_path / "evidence.zip"
    exported = run(tmp_path, "evidence", "export", "--item", str(listed[0]["item_id"]), str(pack))
    assert exported.exit_code == 0, exported.output
    assert run(tmp_path, "evidence", "verify", str(pack)).exit_code == 0
    with zipfile.ZipFile(pack) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert len(manifest["checks"]) == 3
    assert [e["event"] for e in manifest["events"]] == ["detected", "notice_sent", "removed"]

    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(pack) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "manifest.json":
                data = data.replace(b'"removed"', b'"rejected"', 1)
            dst.writestr(info, data)
    refused = run(tmp_path, "evidence", "verify", str(tampered))
    assert refused.exit_code == 1 and "manifest.json" in refused.output + refused.stderr
    assert run(tmp_path, "audit", "verify").exit_code == 0
