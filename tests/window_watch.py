"""Watching the windows a menu opens: each one is checked to fit the screen with its buttons
in view, then answered the way a volunteer who changes their mind would (Cancel, Close, No)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)


def misfits(window: QWidget) -> list[str]:
    """What is wrong with how `window` sits on its screen: empty when it fits."""
    problems = []
    room = window.screen().availableGeometry()
    frame = window.frameGeometry()
    name = f"{type(window).__name__} “{window.windowTitle()}”"
    if frame.width() > room.width() or frame.height() > room.height():
        problems.append(f"{name} is {frame.width()}×{frame.height()}, larger than the "
                        f"screen's {room.width()}×{room.height()}")
    elif not room.contains(frame):
        problems.append(f"{name} at {frame} is not inside the screen {room}")
    inside = QRect(0, 0, window.width(), window.height())
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or _scrolled(button, window):
            continue
        place = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
        if not inside.contains(place):
            problems.append(f"{name}: the button “{button.text()}” is cut off or outside")
    return problems


def _scrolled(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


class WindowWatch:
    """Every 30 ms: any window other than the main one is checked, recorded and dismissed.
    `answers` maps a window's class name to a function that answers it instead."""

    def __init__(self, main: QMainWindow, answers: dict | None = None) -> None:
        self.main = main
        self.answers = answers or {}
        self.seen: list[str] = []
        self.problems: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def open_windows(self) -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets()
                if w.isVisible() and w is not self.main and not isinstance(w, QMenu)
                and w.windowType() not in (w.windowType().ToolTip, w.windowType().Popup)]

    def tick(self) -> None:
        for window in self.open_windows():
            kind = type(window).__name__
            self.seen.append(f"{kind}: {window.windowTitle()}")
            self.problems += misfits(window)
            answer = self.answers.get(kind)
            if answer is not None:
                answer(window)
            elif isinstance(window, QMessageBox):
                button = window.escapeButton() or window.defaultButton() \
                    or window.buttons()[-1]
                button.click()
            elif isinstance(window, (QDialog, QFileDialog)):
                window.reject()
            else:
                window.close()

    def settle(self, rounds: int = 40) -> None:
        """Wait until no window but the main one is open."""
        for _ in range(rounds):
            QApplication.processEvents()
            if not self.open_windows():
                return
            QTest_wait(30)

    def stop(self) -> None:
        self.timer.stop()


def QTest_wait(ms: int) -> None:  # noqa: N802 - as QTest.qWait
    from PySide6.QtTest import QTest

    QTest.qWait(ms)
