"""The data file's header: what its first 100 bytes say, read without letting SQLite touch the
file, and whether this version of the app may open it."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from cars_desktop.i18n import _
from cars_desktop.store.errors import NewerFile, NotOurFile
from cars_desktop.store.migrations import APPLICATION_ID, LATEST_VERSION


@dataclass
class FileHeader:
    """What the first 100 bytes of a file say."""
    exists: bool
    is_sqlite: bool = False
    page_count: int = 0
    user_version: int = 0
    application_id: int = 0

    @property
    def is_blank(self) -> bool:
        """Nothing in it yet: a new file we may set up."""
        return not self.exists or (self.is_sqlite and self.application_id == 0
                                   and self.user_version == 0 and self.page_count <= 1)

    @property
    def is_ours(self) -> bool:
        """A file of this app's (perhaps of a newer version)."""
        return self.is_sqlite and self.application_id == APPLICATION_ID


def read_header(path: Path) -> FileHeader:
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except FileNotFoundError:
        return FileHeader(exists=False)
    except IsADirectoryError:
        raise NotOurFile(_("{path} is a folder, not a CARS Desktop data file: nothing was "
                           "opened or changed. Move that folder away, or choose another data "
                           "folder.").format(path=path)) from None
    if not head:
        return FileHeader(exists=False)
    if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
        return FileHeader(exists=True)
    page_count, = struct.unpack(">I", head[28:32])
    user_version, = struct.unpack(">i", head[60:64])
    application_id, = struct.unpack(">i", head[68:72])
    return FileHeader(True, True, page_count, user_version, application_id)


def refuse_if_not_usable(path: Path, header: FileHeader) -> None:
    if header.is_blank:
        return
    if not header.is_ours:
        raise NotOurFile(
            _(
                "The file {path} is not a CARS Desktop data file, so it was not opened and "
                "nothing in it was changed. Choose another data folder, or move that file away."
            ).format(path=path)
        )
    if header.user_version > LATEST_VERSION:
        raise NewerFile(
            _(
                "The data in {parent} was saved by a newer version of CARS Desktop (data "
                "version {user_version}; this version reads up to {latest_version}). It was not "
                "opened and nothing in it was changed. Install the newer version of CARS "
                "Desktop to open it."
            ).format(
                parent=path.parent, user_version=header.user_version, latest_version=LATEST_VERSION
            )
        )
