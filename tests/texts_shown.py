"""Every text a window shows a volunteer: titles, labels, buttons, tips, placeholders, tab
names, list headings and the first rows of each list, menus, the status bar, and what a screen
reader says. Used to prove that a window speaks the chosen language everywhere."""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

_TAG = re.compile(r"<[^>]+>")
_ROWS = 15  # enough rows of each list to see every kind of cell


def plain(text: str) -> str:
    """A label's words without its rich-text tags and entities."""
    text = _TAG.sub(" ", text)
    return (text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<")
            .replace("&gt;", ">").replace("&quot;", '"'))


def _menu_texts(menu: QMenu, where: str) -> list[tuple[str, str]]:
    found = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        found += [(f"{where} › menu", action.text()), (f"{where} › tip", action.toolTip()),
                  (f"{where} › status tip", action.statusTip())]
        if action.menu() is not None:
            found += _menu_texts(action.menu(), f"{where} › {action.text()}")
    return found


def texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text `window` shows, empty ones left out."""
    found: list[tuple[str, str]] = [("window title", window.windowTitle())]
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisibleTo(window) and widget is not window:
            continue
        name = type(widget).__name__
        found += [(f"{name} tooltip", widget.toolTip()),
                  (f"{name} accessible name", widget.accessibleName()),
                  (f"{name} accessible description", widget.accessibleDescription()),
                  (f"{name} what's this", widget.whatsThis())]
        if isinstance(widget, (QLabel, QAbstractButton)):
            found.append((f"{name} text", widget.text()))
        if isinstance(widget, QLineEdit):
            found.append((f"{name} placeholder", widget.placeholderText()))
        if isinstance(widget, QPlainTextEdit):
            found.append((f"{name} placeholder", widget.placeholderText()))
        if isinstance(widget, QGroupBox):
            found.append((f"{name} title", widget.title()))
        if isinstance(widget, QTabWidget):
            found += [(f"{name} tab", widget.tabText(i)) for i in range(widget.count())]
            found += [(f"{name} tab tip", widget.tabToolTip(i)) for i in range(widget.count())]
        if isinstance(widget, QComboBox):
            found += [(f"{name} item", widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found += _view_texts(widget)
    if isinstance(window, QMainWindow):
        for top in window.menuBar().actions():
            found.append(("menu bar", top.text()))
            if top.menu() is not None:
                found += _menu_texts(top.menu(), top.text())
        found.append(("status bar", window.statusBar().currentMessage()))
    return [(where, plain(text).strip()) for where, text in found if text and text.strip()]


def _view_texts(view: QAbstractItemView) -> list[tuple[str, str]]:
    model = view.model()
    found = []
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
    for column in range(columns):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(column, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                found.append(("list heading", value))
    for row in range(min(model.rowCount(QModelIndex()), _ROWS)):
        for column in range(columns):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.index(row, column).data(role)
                if isinstance(value, str):
                    found.append(("list cell", value))
    return found
