"""What a screen-reader or keyboard-only volunteer meets in a window: every focusable control
named through Qt's accessibility interface, no Alt+letter used twice, a tab order that reaches
every control, and no style sheet that hides the focus."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

CONTROLS = (QLineEdit, QComboBox, QAbstractButton, QAbstractSpinBox, QTextEdit,
            QPlainTextEdit, QAbstractItemView, QAbstractSlider)
_MNEMONIC = re.compile(r"&([^&\s])")
_FOCUS_HIDDEN = re.compile(r":focus[^{]*\{[^}]*(outline\s*:\s*(none|0)|border\s*:\s*(none|0))",
                           re.IGNORECASE)


def title(window: QWidget) -> str:
    return f"{type(window).__name__} “{window.windowTitle()}”"


def controls(window: QWidget) -> list[QWidget]:
    """The visible controls that take the keyboard focus, in creation order."""
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(window):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isEnabled():
            continue
        if isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue  # the line edit inside an editable combo or a spin box
        found.append(widget)
    return found


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader reads, by Qt's own rule (QAccessibleWidget): the accessible
    name set on the widget, else a button's own text, else the text of the label whose buddy
    it is (or whose buddy holds it: a date field's line edit). Worked out here rather than
    asked of QAccessible: the interfaces PySide hands back crash the process later on."""
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return widget.text().replace("&", "").strip()
    window = widget.window()
    for label in window.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and (buddy is widget or buddy.isAncestorOf(widget)):
            if label.text().replace("&", "").strip():
                return label.text().replace("&", "").strip()
    holder = widget.parentWidget()
    if holder is not None and holder is not window and holder.accessibleName().strip():
        return holder.accessibleName().strip()
    return ""


def unnamed(window: QWidget) -> list[str]:
    problems = []
    for widget in controls(window):
        if not accessible_name(widget):
            what = widget.objectName() or getattr(widget, "placeholderText", lambda: "")()
            problems.append(f"{title(window)}: a {type(widget).__name__} "
                            f"“{what}” has no accessible name")
    return problems


def _mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def shared_mnemonics(window: QWidget) -> list[str]:
    """Alt+letters used by two visible labels or buttons of one window (a tab bar counts)."""
    users = defaultdict(list)
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts = [widget.text()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(i) for i in range(widget.count())]
        else:
            continue
        for text in texts:
            letter = _mnemonic(text or "")
            if letter:
                users[letter].append(text.replace("&", ""))
    return [f"{title(window)}: Alt+{letter.upper()} is shared by " + ", ".join(
        f"“{text}”" for text in texts) for letter, texts in users.items() if len(texts) > 1]


def shared_menu_mnemonics(menu: QMenu, name: str) -> list[str]:
    users = defaultdict(list)
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        letter = _mnemonic(action.text())
        if letter:
            users[letter].append(action.text().replace("&", ""))
    problems = [f"menu {name}: Alt+{letter.upper()} is shared by " + ", ".join(
        f"“{text}”" for text in texts) for letter, texts in users.items() if len(texts) > 1]
    for action in menu.actions():
        if action.menu() is not None:
            problems += shared_menu_mnemonics(action.menu(),
                                              f"{name} › {action.text().replace('&', '')}")
    return problems


# Every widget met along a focus chain stays referenced: PySide 6.11 crashes later, creating
# another widget, once the wrapper of a widget Qt made itself (a scroll bar, a spin box's
# line edit) met on the way has been collected.
_WALKED: list[QWidget] = []


def forget_walked() -> None:
    """Let go of those widgets while the application still runs (not at the process' end)."""
    import gc

    _WALKED.clear()
    gc.collect()


def unreachable(window: QWidget) -> list[str]:
    """Controls the Tab key never reaches, walking the focus chain once around."""
    wanted = [w for w in controls(window) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    if not wanted:
        return []
    reached = set()
    widget = wanted[0]
    for _step in range(5000):
        reached.add(id(widget))
        _WALKED.append(widget)
        widget = widget.nextInFocusChain()
        if widget is wanted[0]:
            break
    return [f"{title(window)}: Tab never reaches the {type(w).__name__} "
            f"“{accessible_name(w) or w.objectName()}”" for w in wanted if id(w) not in reached]


def focus_hidden(window: QWidget) -> list[str]:
    problems = []
    for widget in [window, *window.findChildren(QWidget)]:
        sheet = widget.styleSheet()
        if sheet and _FOCUS_HIDDEN.search(sheet):
            problems.append(f"{title(window)}: a style sheet on {type(widget).__name__} "
                            f"“{widget.objectName()}” hides the focus")
    return problems


def unnamed_views(window: QWidget) -> list[str]:
    return [f"{title(window)}: the list {view.objectName() or type(view).__name__} has no "
            f"accessible description" for view in window.findChildren(QAbstractItemView)
            if view.isVisibleTo(window) and not view.accessibleDescription().strip()]


def problems(window: QWidget) -> list[str]:
    return (unnamed(window) + shared_mnemonics(window) + unreachable(window)
            + focus_hidden(window))
