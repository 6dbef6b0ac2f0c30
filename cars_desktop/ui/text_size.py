"""The size of the text: the system's own font size is the base (100 %), and the volunteer may
make every word larger (125, 150 or 200 %). The choice is remembered per laptop, beside the
language choice, in `text-size.txt`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from cars_desktop.i18n import _

SIZES = (100, 125, 150, 200)
_base: QFont | None = None  # the application's font before any scaling: the system's


def _size_file():
    from cars_desktop.i18n import _choice_file

    return _choice_file().with_name("text-size.txt")


def saved_size() -> int:
    """The size chosen on this laptop, 100 when none was or the file cannot be read."""
    try:
        value = int(_size_file().read_text(encoding="utf-8").strip())
    except (OSError, UnicodeError, ValueError):
        return 100
    return value if value in SIZES else 100


def save_size(percent: int) -> None:
    if percent not in SIZES:
        raise ValueError(percent)
    path = _size_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{percent}\n", encoding="utf-8")


def base_font() -> QFont:
    """The application's font as the system gave it, kept the first time it is asked."""
    global _base
    if _base is None:
        _base = QFont(QApplication.font())
    return QFont(_base)


def current_size() -> int:
    base = base_font()
    now = QApplication.font()
    if base.pointSizeF() > 0 and now.pointSizeF() > 0:
        ratio = now.pointSizeF() / base.pointSizeF()
    elif base.pixelSize() > 0 and now.pixelSize() > 0:
        ratio = now.pixelSize() / base.pixelSize()
    else:
        return 100
    return min(SIZES, key=lambda size: abs(size - ratio * 100))


def apply_size(percent: int) -> None:
    """Scale the application font from the system's by `percent`; open windows follow."""
    font = base_font()
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * percent / 100)
    elif font.pixelSize() > 0:
        font.setPixelSize(round(font.pixelSize() * percent / 100))
    QApplication.setFont(font)
    # Qt hands the new font to every widget that was not given one of its own; their sizes
    # are then worked out again so that open windows grow with their text.
    QApplication.processEvents()  # Qt posts the change to each widget
    for widget in QApplication.allWidgets():
        widget.updateGeometry()
    for window in QApplication.topLevelWidgets():
        if window.isVisible() and window.layout() is not None:
            window.layout().activate()


def apply_saved_size() -> int:
    """At start: the size remembered on this laptop. Call after the QApplication exists."""
    size = saved_size()
    base_font()
    if size != 100:
        apply_size(size)
    return size


def choose_size(percent: int) -> None:
    apply_size(percent)
    save_size(percent)


def add_text_size_menu(menu: QMenu, window: QWidget | None = None) -> QMenu:
    """A "Text size" submenu of `menu`: 100 / 125 / 150 / 200 %, one checked, with the zoom
    keys (Ctrl++, Ctrl+-, Ctrl+0) on the larger, smaller and normal sizes."""
    sub = menu.addMenu(_("&Text size"))
    group = QActionGroup(sub)
    group.setExclusive(True)
    now = current_size()
    actions: dict[int, QAction] = {}
    for percent in SIZES:
        action = QAction(_("{percent}%").format(percent=percent), sub)
        action.setCheckable(True)
        action.setChecked(percent == now)
        action.setData(percent)
        action.triggered.connect(lambda _checked=False, size=percent: choose_size(size))
        group.addAction(action)
        sub.addAction(action)
        actions[percent] = action
    actions[100].setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_0))
    sub.addSeparator()
    larger = sub.addAction(_("&Larger text"))
    larger.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomIn))
    smaller = sub.addAction(_("&Smaller text"))
    smaller.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomOut))

    def step(by: int) -> None:
        index = SIZES.index(current_size()) + by
        if 0 <= index < len(SIZES):
            actions[SIZES[index]].trigger()

    larger.triggered.connect(lambda _checked=False: step(1))
    smaller.triggered.connect(lambda _checked=False: step(-1))
    if window is not None:  # shortcuts work while the menu is closed
        for action in (*actions.values(), larger, smaller):
            action.setShortcutContext(action.shortcutContext().WindowShortcut)
    return sub
