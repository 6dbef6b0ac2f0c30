"""Keeping the one data file safe: where it must not live, reminding about copies kept away
from the laptop, and moving the data to a safer folder."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path

from cars_desktop.core import files
from cars_desktop.i18n import _
from cars_desktop.store import settings
from cars_desktop.store.backups import BackupError, make_backup
from cars_desktop.store.header import read_header
from cars_desktop.store.location import DB_FILENAME, pointer_file
from cars_desktop.store.receipt_journal import NUMBERS_FILE

# Folders that sync files behind the app's back: they can copy a database half-written.
_SYNCED = (
    ("onedrive", "OneDrive"),
    ("dropbox", "Dropbox"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("icloud", "iCloud"),
    ("mobile documents", "iCloud"),
    ("box sync", "Box"),
    ("nextcloud", "Nextcloud"),
    ("owncloud", "ownCloud"),
)
_NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs",
                        "9p", "afpfs", "davfs", "fuse.rclone", "fuse.gvfsd-fuse"}


def drive_kind(folder: Path, mounts: str | None = None) -> tuple[str, str] | None:
    """What kind of place `folder` is when it is not this computer's own disk: ("synced",
    the service), ("network", "") or ("removable", ""); None for a folder on the laptop.
    `mounts` stands in for /proc/mounts in tests."""
    text = str(folder).lower().replace("\\", "/")
    for needle, service in _SYNCED:
        if needle in text:
            return "synced", service
    if str(folder).startswith("\\\\"):
        return "network", ""
    mount = _mount_of(folder, mounts)
    if mount is not None:
        point, kind = mount
        if kind in _NETWORK_FILESYSTEMS:
            return "network", ""
        if point.startswith(("/media/", "/run/media/", "/mnt/")) or \
                (sys.platform == "darwin" and point.startswith("/Volumes/")):
            return "removable", ""
    if sys.platform == "win32":
        kind = {2: "removable", 4: "network"}.get(windows_drive_type(folder))
        if kind:  # a USB stick, or a network share given a drive letter (Z:)
            return kind, ""
    return None


def risky_location(folder: Path, mounts: str | None = None) -> str | None:
    """Why `folder` is a risky home for the data file, or None."""
    kind = drive_kind(folder, mounts)
    if kind is None:
        return None
    if kind[0] == "synced":
        return (_("The data folder is inside {value}, which copies files while they are being "
                  "written and can damage the data file.").format(value=kind[1]))
    if kind[0] == "network":
        return _("The data folder is on a network drive; a dropped connection can damage it.")
    return (_("The data folder is on a removable drive; pulling it out while the app is "
            "open can damage the data file."))


def _mount_of(folder: Path, mounts: str | None) -> tuple[str, str] | None:
    """The mount point and file system type holding `folder` (Linux)."""
    target = str(folder)
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text()
        except OSError:
            return None
        target = str(folder.resolve())
    best: tuple[str, str] | None = None
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        if (target == point or target.startswith(point.rstrip("/") + "/")) and \
                (best is None or len(point) > len(best[0])):
            best = (point, parts[2])
    return best


def windows_drive_type(folder: Path) -> int:
    """What Windows says the folder's drive is: 2 removable, 3 fixed, 4 network..."""
    import ctypes

    drive = os.path.splitdrive(str(folder.resolve()))[0] + "\\"
    return ctypes.windll.kernel32.GetDriveTypeW(drive)


# Copies away from the laptop


def record_outside_backup(now: dt.datetime | None = None) -> None:
    """A copy was made to a folder the volunteer chose (a USB stick, another computer)."""
    when = (now or dt.datetime.now()).isoformat(timespec="seconds")
    settings.save({settings.LAST_OUTSIDE: when})


def outside_backup_overdue(now: dt.datetime | None = None) -> int | None:
    """Days since the last copy away from the laptop, when more than the group's setting;
    None when one is recent enough (or reminders are off: 0 days)."""
    now = now or dt.datetime.now()
    days = settings.get(settings.REMIND_DAYS)
    if days <= 0:
        return None
    since = settings.get(settings.LAST_OUTSIDE) or settings.get(settings.FIRST_SEEN)
    if not since:
        settings.save({settings.FIRST_SEEN: now.isoformat(timespec="seconds")})
        return None
    waited = (now - dt.datetime.fromisoformat(since)).days
    return waited if waited >= days else None


def set_remind_days(days: int) -> None:
    if not 0 <= days <= 365:
        raise ValueError(_("Remind after 0 (never) to 365 days."))
    settings.save({settings.REMIND_DAYS: days})


# Moving the data


def move_data(data_dir: Path, new_dir: Path) -> None:
    """Copy the data (verified, through SQLite) and its backups to `new_dir`, then remember
    that folder for the next starts. The store must be closed; the old folder is left as it
    was, as one more copy."""
    if new_dir.resolve() == data_dir.resolve():
        raise BackupError(_("That is where the data is already."))
    if read_header(new_dir / DB_FILENAME).exists:
        raise BackupError(_("{new_dir} already holds CARS Desktop data. Choose an empty "
                            "folder.").format(new_dir=new_dir))
    new_dir.mkdir(parents=True, exist_ok=True)
    copy = make_backup(new_dir, "moved", source=data_dir / DB_FILENAME)
    files.replace(copy, new_dir / DB_FILENAME)
    old_backups = data_dir / "backups"
    if old_backups.is_dir():
        # the copies are this user's own, private and writable, whatever the old folder was
        # (a CD, a folder made read-only): later backups go there too
        shutil.copytree(old_backups, new_dir / "backups", dirs_exist_ok=True,
                        copy_function=shutil.copyfile)
        for copied in [new_dir / "backups", *(new_dir / "backups").rglob("*")]:
            copied.chmod(0o700 if copied.is_dir() else 0o600)
    journal = data_dir / NUMBERS_FILE  # the receipt numbers given go with the data
    if journal.is_file():
        shutil.copyfile(journal, new_dir / NUMBERS_FILE)
    pointer = pointer_file()
    pointer.parent.mkdir(parents=True, exist_ok=True)
    partial = pointer.with_suffix(".partial")
    partial.write_text(str(new_dir.resolve()), encoding="utf-8")
    files.replace(partial, pointer)
