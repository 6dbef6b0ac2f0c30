"""Starting the window: the Qt application, opening the data folder with a plain message when
that is not possible, and the daily backup once the window is up."""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
import sys
import traceback

import peewee as pw
from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from cars_desktop import APP_NAME, __version__
from cars_desktop.resource_files import resource_path
from cars_desktop.store import database


def make_application(qt_args: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *(qt_args or [])])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("cars-desktop")
    app.setWindowIcon(QIcon(str(resource_path("cars-desktop.svg"))))
    return app


def open_window(data_dir: str | None, qt_args: list[str] | None = None):
    """The application and its shown main window over the opened data folder, or None after
    telling the volunteer, in a message box, why the data cannot be opened."""
    app = make_application(qt_args)
    folder = database.resolve_data_dir(data_dir)
    try:
        store = database.open_store(folder, check_in_background=True)
    except database.StoreError as err:
        QMessageBox.critical(None, f"{APP_NAME} cannot open its data", str(err))
        return None
    except OSError as err:
        QMessageBox.critical(None, f"{APP_NAME} cannot open its data",
                             f"The data folder {folder} cannot be used: {err.strerror or err}. "
                             "Check that the drive is connected and that you may write there.")
        return None
    from cars_desktop.ui.main_window import MainWindow

    try:
        window = MainWindow(store)
    except (pw.DatabaseError, sqlite3.DatabaseError) as err:
        # damage the quick check beside the window had not reported yet
        problem = database.damage_found() or str(err)
        store.close()
        QMessageBox.critical(None, f"{APP_NAME} cannot open its data",
                             f"{problem}\n\nYour data cannot be shown. Restore the newest "
                             "backup (see the README) or ask for help; the file was left as "
                             "it was.")
        return None
    except BaseException:
        store.close()
        raise
    window.show()
    return app, window


def _report_crash(data_dir, kind, error, trace) -> None:
    """The last resort: what went wrong goes to a log file in the data folder, and the
    volunteer is told in plain words instead of the window vanishing."""
    text = "".join(traceback.format_exception(kind, error, trace))
    log = data_dir / "cars-desktop-errors.log"
    try:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S}\n{text}\n")
    except OSError:
        log = None
    sys.__excepthook__(kind, error, trace)
    QMessageBox.critical(
        None, f"{APP_NAME}: something went wrong",
        f"Something unexpected went wrong: {error}\n\nWhat you saved before is safe. "
        + (f"The details are in {log}; please send that file to whoever helps you with "
           f"{APP_NAME}." if log else ""))


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
        window.store.close()
