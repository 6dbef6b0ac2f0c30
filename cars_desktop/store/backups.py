"""Copies of the data file, made with SQLite's backup API (a file copy of a live database can
catch it half-written), verified before they are given their final name."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cars_desktop.core import files
from cars_desktop.i18n import N_, _
from cars_desktop.store import sqlite_errors
from cars_desktop.store.errors import DataFolderInUse, read_only_data
from cars_desktop.store.header import read_header
from cars_desktop.store.location import DB_FILENAME, LOCK_FILENAME
from cars_desktop.store.migrations import APPLICATION_ID, LATEST_VERSION
from cars_desktop.store.models import db
from cars_desktop.store.reading import discard_copy, reading_uri, why_not_writable
from cars_desktop.store.schema_check import schema_problems

AUTOMATIC = "automatic"
KINDS = {"automatic": N_("Daily, automatic"), "chosen": N_("Made by you"),
         "before-restore": N_("Your data before a restore"), "damaged": N_("A damaged file, kept")}
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
            if not match or not path.is_file():
                continue  # someone else's file, or a folder: not ours to list
            try:
                made = dt.datetime.strptime(match["stamp"], "%Y-%m-%d_%H%M%S")
            except ValueError:
                continue  # a name like ours with an impossible date (2026-13-45) is not ours
            found.append(BackupFile(path, match["kind"], made))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def make_backup(folder: Path, kind: str, now: dt.datetime | None = None,
                source: Path | None = None) -> Path:
    """Copy the open database (or the file `source`, read on a connection of this thread's
    own) into `folder` as a verified, self-contained file."""
    now = now or dt.datetime.now()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as err:
        raise BackupError(
            _("The backup folder {folder} cannot be created: {strerror}.").format(
                folder=folder, strerror=err.strerror
            )
        ) from err
    final = _free_name(folder, kind, now)
    partial = final.with_name(final.name + ".partial")
    copy = None
    try:
        uri, copy = reading_uri(source) if source else (None, None)
        target = sqlite3.connect(partial)
        reader = sqlite3.connect(uri, uri=True) if uri else None
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
            raise BackupError(_("The backup copy did not check out ({checked}); it was "
                                "discarded.").format(checked=checked))
        _fsync(partial)
        try:
            partial.chmod(0o600)
        except OSError:
            pass
        files.replace(partial, final)
    except sqlite3.DatabaseError as err:
        if sqlite_errors.is_damage(err):
            raise BackupError(
                _(
                    "The data file itself is damaged, so no good backup can be made "
                    "of it. Run “cars-desktop check” and restore the newest backup."
                )
            ) from err
        raise BackupError(
            _("The backup to {folder} could not be written: {err}.").format(folder=folder, err=err)
        ) from err
    except OSError as err:
        raise BackupError(
            _("The backup to {folder} could not be written: {value}.").format(
                folder=folder, value=err.strerror or err
            )
        ) from err
    finally:
        partial.unlink(missing_ok=True)
        discard_copy(copy)
    return final


def automatic_backup(folder: Path, keep: int = KEEP_AUTOMATIC, min_hours: float = 20.0,
                     now: dt.datetime | None = None, source: Path | None = None
                     ) -> Path | None:
    """The daily copy taken when the app opens: none if one was made in the last `min_hours`;
    older automatic copies beyond the newest `keep` good ones are removed. Only files that
    are this app's own backups are ever removed: a file of the volunteer's with a similar
    name stays, and a damaged backup never counts among the ones kept."""
    now = now or dt.datetime.now()
    made = None
    remove_partials(folder)
    existing = [b for b in list_backups(folder) if b.kind == AUTOMATIC]
    if not existing or now - existing[0].made_at >= dt.timedelta(hours=min_hours):
        made = make_backup(folder, AUTOMATIC, now, source)
    ours = [b for b in list_backups(folder) if b.kind == AUTOMATIC and _is_ours(b.path)]
    good = [b for b in ours if describe_backup(b.path).problem is None]
    keep_paths = {b.path for b in good[:keep]}
    for old in ours:
        if old.path not in keep_paths and (old in good or len(good) >= keep):
            old.path.unlink(missing_ok=True)
    return made


def remove_partials(folder: Path) -> None:
    """Half-written copies left by a backup that was cut off (a crash, a pulled plug)."""
    if folder.is_dir():
        for leftover in folder.glob("cars-desktop-*.sqlite3.partial"):
            leftover.unlink(missing_ok=True)


def _is_ours(path: Path) -> bool:
    return read_header(path).is_ours


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, for choosing one to restore."""
    path: Path
    version: int | None = None
    partners: int | None = None
    contributions: int | None = None
    last_change: dt.datetime | None = None
    problem: str | None = None  # why it cannot be restored, in plain words


def describe_backup(path: Path) -> BackupInfo:
    """Read a backup without changing it (not even a journal beside it)."""
    header = read_header(path)
    if not header.exists:
        return BackupInfo(path, problem=_("The file is empty or missing."))
    if not header.is_ours:
        return BackupInfo(path, problem=_("This is not a CARS Desktop backup."))
    if header.user_version > LATEST_VERSION:
        return BackupInfo(path, header.user_version,
                          problem=_("It was made by a newer version of CARS Desktop."))
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1",
                                     uri=True)
        try:
            status = connection.execute("PRAGMA quick_check").fetchone()[0]
            if status != "ok":
                return BackupInfo(
                    path,
                    header.user_version,
                    problem=_("The copy is damaged ({status}).").format(status=status),
                )
            altered = schema_problems(connection)
            if altered:  # something of its own inside: its hidden SQL would run later
                return BackupInfo(path, header.user_version, problem=_(
                    "It was changed by something other than CARS Desktop ({problem}).").format(
                    problem=altered[0]))
            partners = connection.execute(
                "SELECT COUNT(*) FROM partner WHERE erased_at IS NULL").fetchone()[0]
            contributions = connection.execute("SELECT COUNT(*) FROM contribution").fetchone()[0]
            last = connection.execute(
                "SELECT MAX(updated_at) FROM (SELECT updated_at FROM partner UNION ALL"
                " SELECT updated_at FROM contribution)").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.DatabaseError as err:
        return BackupInfo(
            path, header.user_version, problem=_("The copy is damaged ({err}).").format(err=err)
        )
    changed = None
    if last:
        changed = dt.datetime.fromisoformat(last).astimezone().replace(tzinfo=None)
    return BackupInfo(path, header.user_version, partners, contributions, changed)


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


def restore_backup(data_dir: Path, backup: Path, now: dt.datetime | None = None) -> Path | None:
    """Put `backup` in place of the data in `data_dir`, which must not be open. The data as
    it was is kept first in the backups folder (a verified copy, or the damaged file's own
    bytes), so that a restore can itself be undone; returns that copy. A backup that is
    damaged, not ours or newer is refused before anything changes."""
    import filelock

    info = describe_backup(backup)
    if info.problem:
        raise BackupError(_("That backup cannot be restored: {problem} Your data was not "
                            "changed.").format(problem=info.problem))
    reason = why_not_writable(data_dir)
    if reason:
        raise read_only_data(data_dir, reason)
    now = now or dt.datetime.now()
    lock = filelock.FileLock(data_dir / LOCK_FILENAME, timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise DataFolderInUse(_("CARS Desktop is open with this data in another window. Close "
                              "it there first; nothing was changed.")) from None
    try:
        current = data_dir / DB_FILENAME
        kept = _keep_current(current, data_dir / "backups", now) if current.exists() else None
        partial = data_dir / f".{DB_FILENAME}.restore.partial"
        try:
            reader = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro&immutable=1",
                                     uri=True)
            target = sqlite3.connect(partial)
            try:
                reader.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
                if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupError(_("The copy of that backup did not check out. Your data "
                                      "was not changed."))
                _signs_anew(target)
            finally:
                target.close()
                reader.close()
            _fsync(partial)
            try:
                partial.chmod(0o600)
            except OSError:
                pass
            # The old log must go before the new file arrives: SQLite would replay it onto
            # the restored data. Its content is in the copy kept above.
            for side in ("-wal", "-shm"):
                Path(f"{current}{side}").unlink(missing_ok=True)
            files.replace(partial, current)
        except OSError as err:
            raise BackupError(_("The backup could not be restored: {value}. Your data was not "
                                "changed.").format(value=err.strerror or err)) from err
        finally:
            partial.unlink(missing_ok=True)
        return kept
    finally:
        lock.release()


def _signs_anew(target: sqlite3.Connection) -> None:
    """Restored data takes a new laptop id when next opened (`history.this_computer`): the
    changes made since the backup may already be in a pack under the old one."""
    if target.execute("SELECT 1 FROM sqlite_master WHERE name = 'sync_local'").fetchone():
        target.execute("UPDATE sync_local SET value = 'restored:' || value WHERE key ="
                       " 'computer'")
        target.commit()


def _keep_current(current: Path, folder: Path, now: dt.datetime) -> Path:
    """A copy of the data about to be replaced: verified when the file is sound, else its
    bytes as they are (with its log), so that nothing the volunteer had is ever lost."""
    try:
        return make_backup(folder, "before-restore", now, source=current)
    except BackupError:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        final = _free_name(folder, "damaged", now)
        for side in ("", "-wal"):
            source = Path(f"{current}{side}")
            if source.exists():
                target = Path(f"{final}{side}")
                with open(source, "rb") as src, open(target, "wb") as out:
                    while chunk := src.read(1 << 20):
                        out.write(chunk)
                    out.flush()
                    os.fsync(out.fileno())
        return final
