"""The store's errors, each with a message for the volunteer in plain words, and the disk's
refusals told apart by SQLite's result code (never by the words of its message)."""

from __future__ import annotations

from cars_desktop.i18n import N_, _
from cars_desktop.store import sqlite_errors


class StoreError(Exception):
    """A problem with the data file; the message is for the volunteer, in plain words."""


class DataFolderInUse(StoreError):
    pass


class NotOurFile(StoreError):
    pass


class NewerFile(StoreError):
    pass


class DamagedFile(StoreError):
    pass


class WriteError(StoreError):
    """The disk refused a write; the transaction was rolled back, nothing half-written."""


_BUSY = (N_("Another program is using the data file, so nothing was saved. Wait a moment and "
         "try again; close any program that opened the file."))
DISK_PROBLEMS = {
    sqlite_errors.FULL: N_("The disk is full, so nothing was saved. Free some space (empty the "
                        "recycle bin, remove old downloads) and try again."),
    sqlite_errors.READONLY: N_("The data file cannot be written (it or its folder is read-only), "
                            "so nothing was saved. Check that the USB stick or folder is not "
                            "write-protected."),
    sqlite_errors.BUSY: _BUSY,
    sqlite_errors.LOCKED: _BUSY,
    sqlite_errors.IOERR: N_("The disk reported an error, so nothing was saved. Check that the "
                         "drive is still connected, then try again."),
}


def write_error(err: BaseException) -> WriteError:
    """The `WriteError` for a failed write, said by what the disk refused."""
    # After a failed write SQLite may have rolled back already: the rollback's own error
    # ("no transaction is active") then hides the disk's, which is further down the chain.
    seen: BaseException | None = err
    for _attempt in range(5):
        if seen is None:
            break
        message = DISK_PROBLEMS.get(sqlite_errors.result_code(seen))
        if message:
            return WriteError(message)
        seen = seen.__cause__ or seen.__context__
    return WriteError(
        _("The change could not be saved, and nothing was changed ({err}).").format(err=err)
    )


def altered(path, problem: str) -> str:
    """The message for a data file with something in it that CARS Desktop did not make."""
    return _(
        "The data file {path} was changed by something other than CARS Desktop ({problem}). "
        "It was not opened, and nothing in it was changed. Restore the newest backup, or ask "
        "for help before doing anything else with it."
    ).format(path=path, problem=problem)


def damaged(path, status: str) -> str:
    """The message for a data file SQLite found damaged."""
    return _(
        "The data file {path} is damaged ({status}). It was not changed. Restore the "
        "newest backup, or ask for help before doing anything else with it."
    ).format(path=path, status=status)


class ReadOnlyData(StoreError):
    """The data can be read but not written: a locked USB stick, a CD, a folder or file made
    read-only. It may still be looked at, exported, reported on and copied."""


def read_only_data(data_dir, reason: str) -> ReadOnlyData:
    return ReadOnlyData(
        _("The data in {data_dir} can be looked at but not changed: {reason}.").format(
            data_dir=data_dir, reason=reason))
