"""The simulated hosts of leaked copies, answering the real URL monitor.

The monitor is the real one, SSRF guard included: it resolves each host name, refuses any
address that is not public, and connects to the address it vetted with the real name in
``Host``. So the demo hands it a resolver that gives every simulated host its own address in
192.88.99.0/24, the former 6to4 relay anycast block (RFC 7526, deprecated): public in the
guard's eyes, yet announced by nobody, and no packet is ever sent, because the transport
answers in-process. Each copy's page answers what its host timeline says at the check's
moment: the page while live, 404 or 410, a "deleted" page with status 200 (a soft 404), a
redirect to the home page, or a passing 503 the monitor must not take for a removal.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import datetime
from urllib.parse import urlsplit

from collectors.http import Transport
from collectors.simulate import SimulatedResponse, simulated_transport
from serpshield.demo.scenario import Story
from serpshield.demo.world import Copy

ADDRESS_BLOCK = "192.88.99."
HTML = {"Content-Type": "text/html; charset=utf-8"}
SOFT_404 = {
    "fr": ("Fichier introuvable", "Le fichier a été supprimé par son auteur ou à la suite d'un "
           "signalement."),
    "en": ("This post has been deleted", "The content you are looking for was removed after a "
           "report."),
}  # fmt: skip


class DemoResolver:
    """Resolves the story's host names to their simulated addresses; any other name fails
    like a DNS miss (the monitor records such a check as ``unknown``)."""

    def __init__(self, addresses: Mapping[str, str]) -> None:
        self._addresses = dict(addresses)

    async def resolve(self, host: str) -> list[str]:
        """The host's one address, or ``OSError`` as a failed lookup raises."""
        address = self._addresses.get(host.lower())
        if address is None:
            raise OSError(f"no such host: {host}")
        return [address]


def _document(title: str, body: str, lang: str) -> bytes:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body><main><h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(body)}</p></main></body></html>"
    ).encode()


class HostFarm:
    """Every host of the story's leaked copies, and what each page answers over time."""

    def __init__(self, story: Story) -> None:
        self._copies: dict[tuple[str, str], tuple[Copy, str]] = {}
        hosts: set[str] = set()
        for client in story.clients:
            for copy in client.copies:
                parts = urlsplit(copy.url)
                host = (parts.hostname or "").lower()
                hosts.add(host)
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                self._copies[(host, target)] = (copy, client.language)
        self.addresses = {h: f"{ADDRESS_BLOCK}{n}" for n, h in enumerate(sorted(hosts), start=10)}
        self._hosts = {address: host for host, address in self.addresses.items()}

    def resolver(self) -> DemoResolver:
        """The resolver the monitor must be given for these hosts."""
        return DemoResolver(self.addresses)

    def transport(self, moment: datetime) -> Transport:
        """A transport answering as the hosts would at ``moment``."""

        async def respond(method: str, url: str) -> SimulatedResponse:
            return self.answer(url, moment)

        return simulated_transport(respond)

    def answer(self, url: str, moment: datetime) -> SimulatedResponse:
        """What the host behind the vetted address in ``url`` answers at ``moment``."""
        parts = urlsplit(url)
        host = self._hosts.get(parts.hostname or "")
        if host is None:
            return SimulatedResponse(502, b"Bad gateway", HTML)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if target == "/":
            return SimulatedResponse(200, _document(host, "Accueil / Home", "en"), HTML)
        found = self._copies.get((host, target))
        state = found[0].state_at(moment) if found else None
        if found is None or state is None:
            return SimulatedResponse(404, _document("404 Not Found", host, "en"), HTML)
        copy, lang = found
        if state == "live":
            detail = f"{copy.page.snippet} — {copy.published:%d/%m/%Y %H:%M}"
            return SimulatedResponse(200, _document(copy.page.title, detail, lang), HTML)
        if state == "gone_404":
            return SimulatedResponse(404, _document("404 Not Found", host, lang), HTML)
        if state == "gone_410":
            return SimulatedResponse(410, _document("410 Gone", host, lang), HTML)
        if state == "soft_404":
            return SimulatedResponse(200, _document(*SOFT_404[lang], lang), HTML)
        if state == "home_redirect":
            return SimulatedResponse(302, b"", {**HTML, "Location": f"https://{host}/"})
        return SimulatedResponse(503, _document("503 Service Unavailable", host, lang), HTML)
