"""Saving partners, contact people or contributions as a CSV file for a spreadsheet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from cars_desktop.core.text import format_count
from cars_desktop.i18n import N_, _, current_language
from cars_desktop.store.errors import StoreError
from cars_desktop.ui import messages

# The file's name, the dialog's title, and the message once written.
WHAT = {
    "partners": (
        N_("Partners"),
        N_("Export the partners"),
        N_("{count} partners exported to {target}."),
    ),
    "contacts": (
        N_("Contact people"),
        N_("Export the contact people"),
        N_("{count} contact people exported to {target}."),
    ),
    "contributions": (
        N_("Contributions"),
        N_("Export the contributions"),
        N_("{count} contributions exported to {target}."),
    ),
}


def export_to(parent: QWidget, what: str, ids: list[int] | None = None) -> int | None:
    """Ask where, then write the file. `ids`: only these rows (a filtered list), in order."""
    name, title = (_(text) for text in WHAT[what][:2])
    standard = _("CSV files, for Excel or LibreOffice (*.csv)")
    french = _("CSV files for Excel in French: semicolons, decimal commas (*.csv)")
    # a French window most often sits beside an Excel in French
    first = french if current_language() == "fr" else standard
    path, chosen = QFileDialog.getSaveFileName(
        parent, title, str(Path.home() / f"{name} {dt.date.today()}.csv"),
        ";;".join([first, french if first == standard else standard]))
    flavour = "excel_fr" if chosen == french else "standard"
    return export_file(parent, what, path, ids, flavour) if path else None


def export_file(parent: QWidget, what: str, path: str, ids: list[int] | None = None,
                flavour: str = "standard") -> int | None:
    from cars_desktop.exchange.export import export_csv

    target = Path(path if path.lower().endswith(".csv") else f"{path}.csv")
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        count = export_csv(what, target, ids, flavour)
    except OSError as err:
        messages.critical(parent, _("Not exported"), _(
            "The file could not be written to {target}: {reason}.").format(
            target=target, reason=err.strerror or err))
        return None
    except StoreError as err:
        messages.critical(parent, _("Not exported"), str(err))
        return None
    finally:
        QApplication.restoreOverrideCursor()
    window = parent.window()
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(_(WHAT[what][2]).format(
            count=format_count(count), target=target), 15_000)
    return count
