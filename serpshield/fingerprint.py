"""Fingerprints of a client's own files: SHA-256 and a perceptual hash, computed locally.

serpshield never stores media: a client hands us a file only so that we can keep its hashes.
The SHA-256 finds exact copies; the perceptual hash (imagehash's pHash) survives re-encoding,
resizing and light edits, which is how leaked sets usually travel.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import imagehash
from PIL import Image, UnidentifiedImageError

CHUNK = 1 << 20


@dataclass(frozen=True)
class Fingerprint:
    """The hashes of one file; ``phash`` is None for a file that is not an image."""

    path: Path
    sha256: str
    phash: str | None
    size_bytes: int


class FingerprintError(Exception):
    """The file cannot be read."""


def fingerprint_file(path: Path) -> Fingerprint:
    """Hash ``path`` in chunks (large videos too); add a pHash when it is an image."""
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except OSError as exc:
        raise FingerprintError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    return Fingerprint(path, digest.hexdigest(), _phash(path), size)


def _phash(path: Path) -> str | None:
    try:
        with Image.open(path) as image:
            return str(imagehash.phash(image))
    except (UnidentifiedImageError, OSError, ValueError):
        return None
