"""The demo's folder: recognise a demo workspace, refuse anything else, clear it for a rebuild.

A demo is rebuilt by deleting what the previous build wrote, so the one thing that must never
happen is deleting someone's real workspace. A demo workspace is therefore marked: the build
writes ``BUILDING`` before its first write and replaces it with ``MARKER`` (the seed, the days
and the end date, as JSON) when it finishes. Only a folder holding one of them is cleared, and
only of the files a build creates; any other non-empty folder is refused.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from serpshield.config import CONFIG_FILENAME, DEFAULT_DB

MARKER = ".serpshield-demo.json"
BUILDING = ".serpshield-demo-building"
#: What a build writes, relative to the workspace folder (folders are removed whole).
BUILT_FILES = (CONFIG_FILENAME, ".gitignore", MARKER, BUILDING)
BUILT_FOLDERS = (DEFAULT_DB.parent.as_posix(), "artifacts")


class DemoFolderError(Exception):
    """The folder cannot hold a demo as asked (not a demo workspace, or already built)."""


@dataclass(frozen=True)
class DemoInfo:
    """What a finished build records about itself."""

    seed: int
    days: int
    end: str

    def to_json(self) -> str:
        return json.dumps({"seed": self.seed, "days": self.days, "end": self.end}) + "\n"


def is_demo_workspace(root: Path) -> bool:
    """Whether ``root`` was made by ``serpshield demo`` (finished or not)."""
    return (root / MARKER).is_file() or (root / BUILDING).is_file()


def read_info(root: Path) -> DemoInfo | None:
    """The finished build's record, or ``None`` (no build, unfinished, or unreadable)."""
    try:
        data = json.loads((root / MARKER).read_text(encoding="utf-8"))
        return DemoInfo(int(data["seed"]), int(data["days"]), str(data["end"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def prepare_folder(root: Path, *, force: bool) -> None:
    """Make ``root`` ready for a build, or raise ``DemoFolderError`` saying why not.

    A missing or empty folder is used as is. A finished demo is rebuilt only with ``force``;
    an unfinished one (a build that was interrupted) also needs ``force``, since its content
    is incomplete. Anything else is never touched.
    """
    if root.exists() and not root.is_dir():
        raise DemoFolderError(f"{root} is a file, not a folder")
    if not root.exists() or not any(root.iterdir()):
        return
    if not is_demo_workspace(root):
        raise DemoFolderError(
            f"{root} is not empty and is not a demo workspace: refusing to write there "
            "(choose another --workspace, or an empty folder)"
        )
    if not force:
        state = "an unfinished demo build" if read_info(root) is None else "a demo workspace"
        raise DemoFolderError(f"{root} already holds {state}: pass --force to rebuild it")
    clear_demo(root)


def clear_demo(root: Path) -> None:
    """Delete what a demo build wrote in ``root`` (a demo workspace), nothing else."""
    if not is_demo_workspace(root):
        raise DemoFolderError(f"{root} is not a demo workspace: nothing deleted")
    for name in BUILT_FOLDERS:
        folder = root / name
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder)
    for name in BUILT_FILES:
        (root / name).unlink(missing_ok=True)
