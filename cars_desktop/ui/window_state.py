"""The main window's size, the tab it was on and each list's column widths and sort order,
remembered between sessions in `window.ini` beside the data."""

from __future__ import annotations

from PySide6.QtCore import QSettings


def _tables(window):
    return (("partners", window.partners.table),
            ("contributions", window.contributions.table),
            ("partner_contributions", window.partners.history.view.table),
            ("review_grid", window.maintenance.table))


def restore_layout(window, settings: QSettings) -> None:
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    for name, table in _tables(window):
        state = settings.value(f"{name}/header")
        if state is not None:
            table.horizontalHeader().restoreState(state)
    tab = settings.value("window/tab")
    if tab is not None:
        window.tabs.setCurrentIndex(int(tab))


def save_layout(window, settings: QSettings) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    for name, table in _tables(window):
        settings.setValue(f"{name}/header", table.horizontalHeader().saveState())
    settings.setValue("window/tab", window.tabs.currentIndex())
    settings.sync()
