"""Saving partners, contact people or contributions as a CSV file for a spreadsheet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from cars_desktop.store.errors import StoreError

WHAT = {"partners": "partners", "contacts": "contact people", "contributions": "contributions"}


def export_to(parent: QWidget, what: str, ids: list[int] | None = None) -> int | None:
    """Ask where, then write the file. `ids`: only these rows (a filtered list), in order."""
    title = WHAT[what].capitalize()
    path, _filter = QFileDialog.getSaveFileName(
        parent, f"Export {WHAT[what]}", str(Path.home() / f"{title} {dt.date.today()}.csv"),
        "CSV files, for Excel or LibreOffice (*.csv)")
    return export_file(parent, what, path, ids) if path else None


def export_file(parent: QWidget, what: str, path: str, ids: list[int] | None = None
                ) -> int | None:
    from cars_desktop.exchange.export import export_csv

    target = Path(path if path.lower().endswith(".csv") else f"{path}.csv")
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        count = export_csv(what, target, ids)
    except OSError as err:
        QMessageBox.critical(parent, "Not exported", f"The file could not be written to "
                                                     f"{target}: {err.strerror or err}.")
        return None
    except StoreError as err:
        QMessageBox.critical(parent, "Not exported", str(err))
        return None
    finally:
        QApplication.restoreOverrideCursor()
    window = parent.window()
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(f"{count:,} {WHAT[what]} exported to {target}.", 15_000)
    return count
