"""Reading a data file without writing a byte, even where nothing may be written: a locked
USB stick, a CD, a folder or a file made read-only."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from cars_desktop.i18n import _
from cars_desktop.store.location import DB_FILENAME

# what the system answers when a file or folder may not be written
REFUSED = (errno.EACCES, errno.EPERM, errno.EROFS)
_BESIDE = ("-wal", "-shm")  # SQLite's files beside the data file


def _may_write(path: Path) -> bool:
    """Whether this user may write `path`, a file or a folder, asked without opening it: on
    Linux and macOS, closing any handle to the open data file would drop SQLite's locks."""
    if os.name == "nt" and path.is_dir():  # Windows says yes for every folder: try it
        try:
            tempfile.TemporaryFile(dir=path).close()
        except OSError:
            return False
        return True
    own_ids = os.access in os.supports_effective_ids
    return os.access(path, os.W_OK, effective_ids=own_ids)  # a read-only disk says no too


def why_not_writable(data_dir: Path) -> str | None:
    """Why the data in `data_dir` can only be read, or None when it can be changed (or
    there is no data there yet: then making it says what is wrong)."""
    path = data_dir / DB_FILENAME
    if not path.is_file():
        return None
    if not _may_write(path):
        return _("the data file is read-only")
    if not _may_write(data_dir):
        return _("its folder is read-only")
    for ending in _BESIDE:
        beside = path.with_name(path.name + ending)
        if beside.exists() and not _may_write(beside):
            return _("the file {name} beside it is read-only").format(name=beside.name)
    return None


def reading_uri(path: Path) -> tuple[str, Path | None]:
    """The address SQLite reads `path` by, changing nothing beside it, and the private
    folder of a copy made to read it (to remove when done), or None.

    Where the data can be written, it is read as usual, beside whoever writes it. Where it
    cannot, it is read as a file that does not change, which needs no file made beside it;
    unless changes still wait in its log: SQLite reads those only through a file it makes
    beside them, so the file and its log are copied to a private folder and read there."""
    plain = f"{path.resolve().as_uri()}?mode=ro"
    if not path.is_file() or not why_not_writable(path.parent):
        return plain, None
    log = path.with_name(path.name + "-wal")
    if not (log.is_file() and log.stat().st_size > 0):
        return plain + "&immutable=1", None
    copy = Path(tempfile.mkdtemp(prefix="cars-desktop-reading-"))  # only this user's
    try:
        shutil.copyfile(path, copy / path.name)
        shutil.copyfile(log, copy / log.name)
    except OSError:
        shutil.rmtree(copy, ignore_errors=True)
        raise
    return f"{(copy / path.name).as_uri()}?mode=ro", copy


def discard_copy(copy: Path | None) -> None:
    if copy is not None:
        shutil.rmtree(copy, ignore_errors=True)
