"""The main window's size, the tab it was on and each list's column widths and sort order,
remembered between sessions in `window.ini` beside the data."""

from __future__ import annotations

from PySide6.QtCore import QSettings


def _tables(window, names=None):
    """(name, table) of the window's lists, or of those `names` (a tab made later)."""
    def table(name: str):
        return {"partners": lambda: window.partners.table,
                "contributions": lambda: window.contributions.table,
                "partner_contributions": lambda: window.partners.history.view.table,
                "review_grid": lambda: window.maintenance.table}[name]()

    return [(name, table(name)) for name in names or (
        "partners", "contributions", "partner_contributions", "review_grid")]


def restore_headers(window, settings: QSettings, names) -> None:
    """The column widths and sort order of the lists `names`, as they were left."""
    for name, table in _tables(window, names):
        state = settings.value(f"{name}/header")
        if state is not None:
            table.horizontalHeader().restoreState(state)


def restore_layout(window, settings: QSettings) -> None:
    """The window's size, its Partners tab's lists, and the tab it was on (the other tabs'
    lists when they are made)."""
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    restore_headers(window, settings, ("partners", "partner_contributions"))
    tab = settings.value("window/tab")
    if tab is not None:
        window.tabs.setCurrentIndex(int(tab))


def save_layout(window, settings: QSettings) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    for name, table in _tables(window):
        settings.setValue(f"{name}/header", table.horizontalHeader().saveState())
    settings.setValue("window/tab", window.tabs.currentIndex())
    settings.sync()
