"""Starting the window: the Qt application, opening the data folder with a plain message when
that is not possible, and the daily backup once the window is up."""

from __future__ import annotations

import datetime as dt
import functools
import os
import sqlite3
import sys
import traceback

import peewee as pw
from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from cars_desktop import APP_NAME, __version__
from cars_desktop.i18n import _
from cars_desktop.resource_files import resource_path
from cars_desktop.store import database
from cars_desktop.ui import messages, text_size, translations


def make_application(qt_args: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *(qt_args or [])])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("cars-desktop")
    app.setWindowIcon(QIcon(str(resource_path("cars-desktop.svg"))))
    translations.apply_language(app, translations.start_language())
    text_size.apply_saved_size()  # the system's font is the 100 % base
    return app


def open_window(data_dir: str | None, qt_args: list[str] | None = None):
    """The application and its shown main window over the opened data folder, or None after
    telling the volunteer, in a message box, why the data cannot be opened. A damaged file
    is never written to: the volunteer may restore a backup, or look at it read-only."""
    app = make_application(qt_args)
    folder = database.resolve_data_dir(data_dir)
    read_only, why = False, ""
    for _attempt in range(3):  # a restore, then opening what was restored
        try:
            store = database.open_store(folder, check_in_background=True, read_only=read_only)
        except database.DamagedFile as err:
            choice = offer_restore(folder, str(err))
            if choice == "quit":
                return None
            read_only, why = choice == "read_only", _("the data file is damaged.")
            continue
        except database.ReadOnlyData as err:
            if not offer_read_only(str(err)):
                return None
            read_only, why = True, str(err)
            continue
        except database.StoreError as err:
            messages.critical(
                None, _("{app_name} cannot open its data").format(app_name=APP_NAME), str(err)
            )
            return None
        except OSError as err:
            messages.critical(
                None,
                _("{app_name} cannot open its data").format(app_name=APP_NAME),
                _(
                    "The data folder {folder} cannot be used: {value}. Check "
                    "that the drive is connected and that you may write there."
                ).format(folder=folder, value=err.strerror or err),
            )
            return None
        from cars_desktop.store.migrations import LATEST_VERSION
        from cars_desktop.ui.main_window import MainWindow

        store.why_read_only = why
        if read_only and store.schema_version() < LATEST_VERSION:
            store.close()
            messages.critical(None, _("{app_name} cannot open its data").format(
                app_name=APP_NAME), _(
                "The data in {folder} was saved by an earlier version of {app_name}. It must be "
                "updated before it can be shown, which cannot be done where it can only be "
                "read. Copy the whole folder to this computer, then open the copy.").format(
                folder=folder, app_name=APP_NAME))
            return None
        try:
            window = MainWindow(store)
        except (pw.DatabaseError, sqlite3.DatabaseError) as err:
            # damage the quick check beside the window had not reported yet
            problem = database.damage_found() or str(err)
            store.close()
            if read_only:
                messages.critical(
                    None,
                    _("{app_name} cannot open its data").format(app_name=APP_NAME),
                    _(
                        "{problem}\n\nEven read-only, the data cannot be "
                        "shown. Start again and restore a backup; the file was "
                        "left as it was."
                    ).format(problem=problem),
                )
                return None
            if offer_restore(folder, problem, read_only_possible=False) == "quit":
                return None
            continue
        except BaseException:
            store.close()
            raise
        window.show()
        return app, window
    return None


def offer_read_only(problem: str) -> bool:
    """The data can be read but not changed: look at it read-only (True), or quit."""
    box = messages.box(
        QMessageBox.Icon.Warning,
        _("{app_name}: the data can only be read").format(app_name=APP_NAME),
        _("{problem}\n\nThat happens on a USB stick whose lock is on, on a CD, or in a folder "
          "shared without the right to change it. You can still look at everything, print "
          "letters and reports, export it and back it up to another folder. To work on it, "
          "copy it to this computer: File › Move the data to…").format(problem=problem))
    look = box.addButton(_("&Look at it, read-only"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("&Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(look)
    box.exec()
    return box.clickedButton() is look


def offer_restore(folder, problem: str, read_only_possible: bool = True) -> str:
    """The data cannot be opened as it is: "restored", "read_only" or "quit"."""
    from cars_desktop.store import backups

    box = messages.box(
        QMessageBox.Icon.Critical,
        _("{app_name}: the data file is damaged").format(app_name=APP_NAME),
        _("{problem}\n\nYou can go back to a backup (the damaged file is kept as it is)").format(
            problem=problem
        )
        + (_(", or look at the data read-only.") if read_only_possible else "."),
    )
    restore = box.addButton(_("&Restore a backup…"), QMessageBox.ButtonRole.AcceptRole)
    look = box.addButton(_("&Look at it, read-only"), QMessageBox.ButtonRole.ActionRole) \
        if read_only_possible else None
    box.addButton(_("&Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is look:
        return "read_only"
    if box.clickedButton() is not restore:
        return "quit"
    from cars_desktop.ui.restore_dialog import RestoreDialog

    def restore_file(path) -> bool:
        try:
            backups.restore_backup(folder, path)
        except (backups.BackupError, database.StoreError) as err:
            messages.critical(None, _("Not restored"), str(err))
            return False
        return True

    dialog = RestoreDialog(None, folder / "backups", restore_file,
                           _("Choose the copy to go back to. The damaged file is kept in the "
                           "backups folder as it is."))
    return "restored" if dialog.exec() else "quit"


def _write_crash_log(data_dir, kind, error, trace):
    """Where the code was when it failed, for whoever helps the group: the kinds of error and
    the lines of code, never their messages, which may hold a partner's name, email or an
    amount. Returns the log's path, or None when it cannot be written."""
    stack = traceback.TracebackException(kind, error, trace)
    lines = []
    for part in [stack, *_causes(stack)]:
        lines += part.stack.format()
        lines.append(f"{part.exc_type.__module__}.{part.exc_type.__qualname__}\n"
                     if part.exc_type else "")
    log = data_dir / "cars-desktop-errors.log"
    try:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S} {APP_NAME} {__version__}\n"
                    + "".join(lines) + "\n")
        os.chmod(log, 0o600)
    except OSError:
        return None
    return log


def _causes(stack: traceback.TracebackException):
    seen = stack.__cause__ or stack.__context__
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__


def _report_crash(data_dir, kind, error, trace) -> None:
    """The last resort: what went wrong goes to a log file in the data folder, and the
    volunteer is told in plain words instead of the window vanishing."""
    log = _write_crash_log(data_dir, kind, error, trace)
    sys.__excepthook__(kind, error, trace)
    messages.critical(
        None,
        _("{app_name}: something went wrong").format(app_name=APP_NAME),
        _("Something unexpected went wrong: {error}\n\nWhat you saved before is safe. ").format(
            error=error
        )
        + (
            _(
                "The details are in {log}; please send that file to whoever helps you with "
                "{app_name}."
            ).format(log=log, app_name=APP_NAME)
            if log
            else ""
        ),
    )


def run_app(data_dir: str | None, qt_args: list[str]) -> int:
    opened = open_window(data_dir, qt_args)
    if opened is None:
        return 1
    app, window = opened
    sys.excepthook = functools.partial(_report_crash, window.store.data_dir)
    QTimer.singleShot(300, window.after_start)
    try:
        return app.exec()
    finally:
        # the Language menu may have built the window again: the store is the same
        getattr(app, "main_window", window).wait_for_backup()
        getattr(app, "main_window", window).store.close()
