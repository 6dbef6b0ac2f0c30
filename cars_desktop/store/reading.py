"""Reading a data file without writing a byte, even where nothing may be written: a locked
USB stick, a CD, a folder or a file made read-only."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from cars_desktop.i18n import _
from cars_desktop.store import sqlite_errors
from cars_desktop.store.errors import StoreError
from cars_desktop.store.location import DB_FILENAME

_REFUSED = (errno.EACCES, errno.EPERM, errno.EROFS)


def why_not_writable(data_dir: Path) -> str | None:
    """Why the data in `data_dir` can only be read, or None when it can be changed (or
    there is no data there yet: then making it says what is wrong)."""
    return _why_not_writable(data_dir / DB_FILENAME)


def _why_not_writable(path: Path) -> str | None:
    if not path.is_file():
        return None
    try:
        os.close(os.open(path, os.O_RDWR))
    except OSError as err:
        if err.errno in _REFUSED:
            return _("the data file is read-only")
        return None  # opening it tells what is wrong
    own_ids = os.access in os.supports_effective_ids
    if not os.access(path.parent, os.W_OK, effective_ids=own_ids):
        return _("its folder is read-only")
    return None


def reading_uri(path: Path) -> str:
    """The address SQLite reads `path` by, changing nothing. Where the file or its folder
    cannot be written, no one is writing it: it is read as a file that cannot change, which
    needs no shared-memory file beside it (a read-only folder could not hold one). Changes
    still waiting in its log are read the usual way, when SQLite can."""
    plain = f"{path.resolve().as_uri()}?mode=ro"
    if not _why_not_writable(path):
        return plain
    log = path.with_name(path.name + "-wal")
    if not (log.is_file() and log.stat().st_size > 0):
        return plain + "&immutable=1"
    try:
        probe = sqlite3.connect(plain, uri=True)
        try:
            probe.execute("SELECT COUNT(*) FROM sqlite_master")
        finally:
            probe.close()
        return plain
    except sqlite3.DatabaseError as err:
        if sqlite_errors.result_code(err) not in (sqlite_errors.READONLY,
                                                  sqlite_errors.CANTOPEN):
            return plain  # its own error shows, in plain words, when the file is opened
    raise StoreError(_(
        "The newest changes to the data are still in {log}, which can only be read where "
        "files may be written. Copy the whole folder {folder} to this computer and open "
        "the copy (--data-dir).").format(log=log, folder=path.parent))
