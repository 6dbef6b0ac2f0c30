"""Writing a PDF so that it appears whole or not at all."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path

from cars_desktop.core import files


class Cancelled(Exception):
    """The volunteer pressed Cancel; nothing was written."""


def write_whole(path: str | os.PathLike, write: Callable[[str], int]) -> int:
    """`write(partial_path)` makes the file beside its target, which it then replaces in one
    step; on any failure (or Cancel) the partial file is removed and the target is untouched.
    ReportLab creates the partial file, so it gets the usual permissions. Returns what
    `write` returned (the page count)."""
    target = Path(path)
    partial = str(target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        result = write(partial)
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        files.replace(partial, target)
        return result
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
