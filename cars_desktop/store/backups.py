"""Copies of the data file, made with SQLite's backup API (a file copy of a live database can
catch it half-written), verified before they are given their final name."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cars_desktop.store.models import db

AUTOMATIC = "automatic"
KEEP_AUTOMATIC = 10  # automatic copies kept; chosen and pre-update copies are never pruned
_NAME = re.compile(r"cars-desktop-(?P<kind>[a-z0-9-]+)-(?P<stamp>\d{4}-\d\d-\d\d_\d{6})\.sqlite3$")


class BackupError(Exception):
    """A backup could not be made or verified; the message is for the volunteer."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: str
    made_at: dt.datetime


def list_backups(folder: Path) -> list[BackupFile]:
    """Finished backups in `folder`, newest first (half-written `.partial` files never show)."""
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match:
                made = dt.datetime.strptime(match["stamp"], "%Y-%m-%d_%H%M%S")
                found.append(BackupFile(path, match["kind"], made))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def make_backup(folder: Path, kind: str, now: dt.datetime | None = None,
                source: Path | None = None) -> Path:
    """Copy the open database (or the file `source`, read on a connection of this thread's
    own) into `folder` as a verified, self-contained file."""
    from cars_desktop.store.migrations import APPLICATION_ID

    now = now or dt.datetime.now()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as err:
        raise BackupError(f"The backup folder {folder} cannot be created: {err.strerror}.") from err
    final = _free_name(folder, kind, now)
    partial = final.with_name(final.name + ".partial")
    try:
        target = sqlite3.connect(partial)
        reader = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True) \
            if source else None
        try:
            (reader or db.connection()).backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
            checked = target.execute("PRAGMA integrity_check").fetchone()[0]
            app_id = target.execute("PRAGMA application_id").fetchone()[0]
        finally:
            target.close()
            if reader:
                reader.close()
        if checked != "ok" or app_id != APPLICATION_ID:
            raise BackupError(f"The backup copy did not check out ({checked}); it was discarded.")
        _fsync(partial)
        try:
            partial.chmod(0o600)
        except OSError:
            pass
        os.replace(partial, final)
    except sqlite3.DatabaseError as err:
        if "malformed" in str(err) or "not a database" in str(err):
            raise BackupError("The data file itself is damaged, so no good backup can be made "
                              "of it. Run “cars-desktop check” and restore the newest backup."
                              ) from err
        raise BackupError(f"The backup to {folder} could not be written: {err}.") from err
    except OSError as err:
        raise BackupError(f"The backup to {folder} could not be written: "
                          f"{err.strerror or err}.") from err
    finally:
        partial.unlink(missing_ok=True)
    return final


def automatic_backup(folder: Path, keep: int = KEEP_AUTOMATIC, min_hours: float = 20.0,
                     now: dt.datetime | None = None, source: Path | None = None
                     ) -> Path | None:
    """The daily copy taken when the app opens: none if one was made in the last `min_hours`;
    older automatic copies beyond the newest `keep` are removed."""
    now = now or dt.datetime.now()
    made = None
    existing = [b for b in list_backups(folder) if b.kind == AUTOMATIC]
    if not existing or now - existing[0].made_at >= dt.timedelta(hours=min_hours):
        made = make_backup(folder, AUTOMATIC, now, source)
    for old in [b for b in list_backups(folder) if b.kind == AUTOMATIC][keep:]:
        old.path.unlink(missing_ok=True)
    return made


def _free_name(folder: Path, kind: str, now: dt.datetime) -> Path:
    stamp = now
    while True:
        path = folder / f"cars-desktop-{kind}-{stamp:%Y-%m-%d_%H%M%S}.sqlite3"
        if not path.exists():
            return path
        stamp += dt.timedelta(seconds=1)


def _fsync(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())
