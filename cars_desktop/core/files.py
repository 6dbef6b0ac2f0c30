"""Putting a finished file in place of another in one step, the way every file the app writes
arrives whole (a PDF, an export, a pack, the data itself).

On Windows a file another program holds open cannot be replaced: a PDF reader showing last
month's letters, a spreadsheet showing the export, or for a moment an antivirus or the search
indexer reading the new file. The moment passes, so it is tried again briefly; a program that
keeps it open gets a message that says so, instead of "Access is denied"."""

from __future__ import annotations

import errno
import os
import time

from cars_desktop.i18n import _

TRIES, PAUSE = 10, 0.1  # about a second in all
# what Windows says when another program holds the file (access denied, sharing violation,
# lock violation)
_HELD = {5, 32, 33}


class HeldOpen(PermissionError):
    """The target is open in another program; `strerror` says so in plain words."""


def replace(partial: str | os.PathLike, target: str | os.PathLike) -> None:
    """`os.replace(partial, target)`, tried again while another program holds `target`."""
    for attempt in range(TRIES):
        try:
            os.replace(partial, target)
            return
        except PermissionError as err:
            if getattr(err, "winerror", None) not in _HELD or attempt == TRIES - 1:
                if getattr(err, "winerror", None) in _HELD:
                    raise HeldOpen(errno.EACCES, _(
                        "the file is open in another program (a PDF reader or a "
                        "spreadsheet?): close it there and try again, or choose another "
                        "name"), str(target)) from err
                raise
            time.sleep(PAUSE)
