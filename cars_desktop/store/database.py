"""Opening the group's data folder: who may write it, the checks before use, the migrations
that bring an older file up to date, and the transactions every write goes through. Where the
data lives is `store.location`; the file's header `store.header`; the errors `store.errors`."""

from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import filelock
import peewee as pw

from cars_desktop.i18n import _
from cars_desktop.store import sqlite_errors
from cars_desktop.store.errors import (  # noqa: F401 (the store's errors, importable from here)
    DamagedFile,
    DataFolderInUse,
    NewerFile,
    NotOurFile,
    ReadOnlyData,
    StoreError,
    WriteError,
    altered,
    damaged,
    read_only_data,
    write_error,
)
from cars_desktop.store.header import FileHeader, read_header, refuse_if_not_usable
from cars_desktop.store.location import (  # noqa: F401 (where the data lives, from here too)
    DATA_DIR_ENV,
    DB_FILENAME,
    LOCK_FILENAME,
    default_data_dir,
    resolve_data_dir,
)
from cars_desktop.store.migrations import MIGRATIONS, Migration, run_step
from cars_desktop.store.models import db
from cars_desktop.store.reading import REFUSED, discard_copy, reading_uri, why_not_writable
from cars_desktop.store.schema_check import schema_problems

# Pragmas every connection gets; none of them writes to the file.
_PRAGMAS = {
    "foreign_keys": 1,
    "synchronous": 2,  # FULL: a saved gift survives a power cut
    "busy_timeout": 5000,
    "secure_delete": 1,  # deleted text is zeroed, not left readable in free pages
}


@contextmanager
def transaction():
    """`db.atomic()`, with the disk's refusals turned into a `WriteError` a volunteer can read.
    Waits for the damage check of the open file: a damaged file is never written to."""
    if _opened_read_only:
        raise ReadOnlyData(_("The data is open read-only, so nothing was saved."))
    problem = damage_found()
    if problem:
        raise DamagedFile(_("{problem} Nothing was saved.").format(problem=problem))
    try:
        with db.atomic():
            yield
    except (pw.OperationalError, sqlite3.OperationalError) as err:
        raise write_error(err) from err


_check_thread: threading.Thread | None = None
_check_problem: str | None = None
_opened_read_only = False
_opened_folder: Path | None = None


def opened_read_only() -> bool:
    """Whether the open data may only be looked at: nothing can be saved."""
    return _opened_read_only


def opened_folder() -> Path | None:
    """The data folder last opened."""
    return _opened_folder


def _quick_check(connection: sqlite3.Connection) -> str | None:
    """What SQLite's quick check finds wrong, then broken links or money that is not whole
    cents; None when the file is sound."""
    try:
        status = connection.execute("PRAGMA quick_check").fetchone()[0]
        if status == "ok":
            status = next(iter(schema_problems(connection)), "ok")
    except sqlite3.DatabaseError as err:
        status = str(err)
    return None if status == "ok" else status


def _check_beside(path: Path) -> None:
    """Run the quick check on a connection of its own, beside the starting window (it reads
    the whole file: ~70 ms for a large group). Writes wait for it in `transaction()`."""
    global _check_thread, _check_problem

    def work() -> None:
        global _check_problem
        connection = sqlite3.connect(reading_uri(path)[0], uri=True)  # the folder is writable
        try:
            status = _quick_check(connection)
        finally:
            connection.close()
        if status:
            _check_problem = damaged(path, status)

    _check_problem = None
    _check_thread = threading.Thread(target=work, name="quick-check", daemon=True)
    _check_thread.start()


def reading_connection() -> sqlite3.Connection:
    """A connection of its own to the open data file, which never writes: for reading beside
    the window (a long list's count and totals)."""
    connection = sqlite3.connect(db.database, uri=bool(db.connect_params.get("uri")))
    connection.execute("PRAGMA query_only = 1")
    return connection


def damage_found() -> str | None:
    """The message when the check made on opening found damage, else None (waits for it)."""
    if _check_thread is not None:
        _check_thread.join()
    return _check_problem


@dataclass
class Store:
    """An open data folder. Close it to release the folder for another copy of the app."""
    data_dir: Path
    read_only: bool = False
    why_read_only: str = ""  # said in the window: a read-only medium, or damage
    reading_copy: Path | None = None  # a private copy read instead (store.reading)
    lock: filelock.BaseFileLock | None = None
    migrated_from: int | None = None

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    def schema_version(self) -> int:
        return db.execute_sql("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        try:
            if not db.is_closed():
                if not self.read_only and not damage_found():
                    try:
                        db.execute_sql("PRAGMA optimize")  # fresh statistics for the planner
                        # Fold the write-ahead log back in: the file alone is a complete copy.
                        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                    except (pw.OperationalError, sqlite3.OperationalError):
                        pass  # a full disk: what was saved is safe in the log, read next time
                db.close()
        finally:
            discard_copy(self.reading_copy)
            self.reading_copy = None
            if self.lock is not None:
                self.lock.release()
                self.lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _make_private_dir(path: Path) -> None:
    """The data folder, made if need be, closed to other users of the computer. Its owner's
    own rights stay as they are: a folder made read-only on purpose is never made writable."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        path.chmod(path.stat().st_mode & 0o700)
    except OSError:  # a FAT USB stick has no permissions to set
        pass


def open_store(data_dir: str | os.PathLike, *, read_only: bool = False,
               migrations: list[Migration] | None = None,
               check_in_background: bool = False) -> Store:
    """Open (creating if needed) the data folder. Raises a `StoreError` subclass, with a message
    for the volunteer, when the folder is in use, the file is not ours, newer, or damaged.
    With `check_in_background` the damage check runs beside the caller (the window starts
    sooner); writes wait for it, and `damage_found()` tells its result."""
    global _opened_read_only, _opened_folder, _check_thread, _check_problem
    migrations = MIGRATIONS if migrations is None else migrations
    store = Store(Path(data_dir), read_only=read_only)
    path = store.db_path
    if read_only:
        header = read_header(path)
        if not header.exists:
            raise StoreError(
                _("There is no CARS Desktop data in {data_dir}.").format(data_dir=store.data_dir)
            )
        refuse_if_not_usable(path, header)
        # read-only, a file with something of its own may be looked at (the volunteer was
        # warned): nothing it hides runs without a write; `check` reports it
        uri, store.reading_copy = reading_uri(path)
        db.init(uri, uri=True, pragmas={"busy_timeout": 5000})
        try:
            _connect(path)
        except BaseException:
            discard_copy(store.reading_copy)
            raise
        _check_thread, _check_problem = None, None  # `check` looks at it on demand
        _opened_read_only, _opened_folder = True, store.data_dir
        return store

    reason = why_not_writable(store.data_dir)
    if reason:
        raise read_only_data(store.data_dir, reason)
    _make_private_dir(store.data_dir)
    store.lock = filelock.FileLock(store.data_dir / LOCK_FILENAME, timeout=0)
    try:
        store.lock.acquire()
    except filelock.Timeout:
        store.lock = None
        raise DataFolderInUse(
            _("CARS Desktop is already open with the data in {data_dir}, perhaps in another "
              "window or by another person on this computer. Close it there first; only one "
              "copy may change the data at a time.").format(data_dir=store.data_dir)) from None
    except OSError as err:  # the folder refuses the lock file: a read-only medium
        store.lock = None
        if path.is_file() and err.errno in REFUSED:
            raise read_only_data(store.data_dir, _("its folder is read-only")) from None
        raise
    try:
        _open_for_writing(store, migrations, check_in_background)
        _opened_read_only, _opened_folder = False, store.data_dir
    except BaseException:
        if not db.is_closed():
            db.close()
        store.lock.release()
        store.lock = None
        raise
    return store


def _connect(path: Path) -> None:
    """Connect; a file too damaged even to set up a connection on is refused as damaged, one
    that cannot be reached at all (a path too long, a folder gone) says so."""
    try:
        db.connect()
        db.execute_sql("PRAGMA schema_version")  # the file is only opened when first read
    except (pw.DatabaseError, sqlite3.DatabaseError) as err:
        if not db.is_closed():
            db.close()
        if sqlite_errors.result_code(err) == sqlite_errors.READONLY:
            raise read_only_data(path.parent, _("its folder is read-only")) from None
        if sqlite_errors.result_code(err) == sqlite_errors.CANTOPEN:
            raise StoreError(_(
                "The data file {path} cannot be opened: the folder cannot be reached, or its "
                "path is too long for this computer. Nothing was changed. Choose a shorter "
                "data folder (--data-dir).").format(path=path)) from None
        raise DamagedFile(damaged(path, str(err))) from None


def _refuse_if_altered(path: Path) -> None:
    """A file with a trigger, a table or a column of its own is not opened (its hidden SQL
    would run on every save); nor one whose version no CARS Desktop writes."""
    try:
        problems = schema_problems(db.connection(), deep=False)
    except (pw.DatabaseError, sqlite3.DatabaseError) as err:
        raise DamagedFile(damaged(path, str(err))) from None
    if problems:
        raise DamagedFile(altered(path, problems[0]))


def _open_for_writing(store: Store, migrations: list[Migration], check_in_background: bool
                      ) -> None:
    global _check_thread, _check_problem
    _check_thread, _check_problem = None, None
    path = store.db_path
    header = read_header(path)
    refuse_if_not_usable(path, header)
    created = not path.exists()
    db.init(str(path), pragmas=_PRAGMAS)
    _connect(path)
    if created:
        try:
            path.chmod(0o600)
        except OSError:
            pass
    target = migrations[-1][0] if migrations else 0
    if not header.is_blank:
        try:
            # Asked through SQLite too: a committed change may still sit in the write-ahead log.
            version = store.schema_version()
            app_id = db.execute_sql("PRAGMA application_id").fetchone()[0]
        except (pw.DatabaseError, sqlite3.DatabaseError) as err:
            raise DamagedFile(damaged(path, str(err))) from None
        refuse_if_not_usable(path, FileHeader(True, True, header.page_count, version, app_id))
        _refuse_if_altered(path)
        if check_in_background and version >= target:
            _check_beside(path)
        else:
            status = _quick_check(db.connection())
            if status:
                raise DamagedFile(damaged(path, status))
    db.execute_sql("PRAGMA journal_mode = WAL")
    version = store.schema_version()
    if version < target:
        if version > 0:
            from cars_desktop.store import backups  # only before an update: not at every start

            backups.make_backup(store.backup_dir, f"before-update-v{version}")
        _migrate(version, migrations)
        store.migrated_from = version
    if target >= 10:
        from cars_desktop.store import laptop

        laptop.this_computer(str(path.resolve()))


def _migrate(version: int, migrations: list[Migration]) -> None:
    # Foreign keys must be off before the transaction starts (SQLite ignores the pragma inside
    # one); otherwise a step that rebuilds a parent table cascades deletes onto its children.
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        for number, description, step in migrations:
            if number <= version:
                continue
            with db.atomic():
                run_step(db, step)
                problems = db.execute_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise DamagedFile(
                        _(
                            "Updating the data to version {number} ({description}) would break "
                            "links between records ({len} found). Nothing was changed."
                        ).format(number=number, description=description, len=len(problems))
                    )
                db.execute_sql(f"PRAGMA user_version = {int(number)}")
            # each step rewrites the schema into the log: folded in at once, a new folder
            # holds 0.6 MB, not 1.8 (a nearly full stick)
            try:
                db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            except (pw.OperationalError, sqlite3.OperationalError):
                pass  # a full disk: the step is safe in the log
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")


def integrity_report() -> list[str]:
    """Every problem found in the open file: parts CARS Desktop did not make, SQLite's full
    check, broken links; [] when sound."""
    try:
        problems = schema_problems(db.connection())
        problems += [row[0] for row in db.execute_sql("PRAGMA integrity_check").fetchall()
                     if row[0] != "ok"]
        for table, rowid, parent, _unused in db.execute_sql("PRAGMA foreign_key_check").fetchall():
            problems.append(
                _("{table} row {rowid} points to a missing {parent}").format(
                    table=table, rowid=rowid, parent=parent
                )
            )
    except (pw.DatabaseError, sqlite3.DatabaseError) as err:  # too damaged even to check
        problems = [str(err)]
    return problems
