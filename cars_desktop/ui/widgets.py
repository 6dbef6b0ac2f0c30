"""Small widgets and helpers shared by the forms."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)

from cars_desktop.core.vocab import Vocabulary
from cars_desktop.i18n import _
from cars_desktop.ui import messages


class ErrorLabel(QLabel):
    """The message under a field that is wrong: red, and marked with a sign so that it reads
    without colour too. Hidden when there is nothing to say."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # it may quote what was typed
        self.setStyleSheet("color: #b00020;")
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(f"⚠ {message}" if message else "")
        self.setVisible(bool(message))


def later(parent: QObject, milliseconds: int, slot) -> QTimer:
    """A timer that calls `slot` once, `milliseconds` after its last start: a burst of
    keystrokes is answered once."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(milliseconds)
    timer.timeout.connect(slot)
    return timer


def fill_combo(combo: QComboBox, vocabulary: Vocabulary, *, clear: bool = True,
               lang: str | None = None) -> None:
    """Choices from a vocabulary: the label shown, the code kept as item data."""
    if clear:
        combo.clear()
    for term in vocabulary:
        combo.addItem(term.label(lang), term.code)


def named_combo(object_name: str, accessible_name: str) -> QComboBox:
    """A list to choose from whose purpose a screen reader says, not only its choice."""
    combo = QComboBox()
    combo.setObjectName(object_name)
    combo.setAccessibleName(accessible_name)
    return combo


def set_combo(combo: QComboBox, code: object) -> None:
    index = combo.findData(code)
    combo.setCurrentIndex(index if index >= 0 else 0)


def shrinkable(combo: QComboBox, letters: int = 10) -> QComboBox:
    """A filter that gives up width on a small screen instead of widening the window; its
    list still opens at full width."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(letters)
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 30)
    return combo


def make_action(parent: QWidget, text: str, slot, shortcut: str = "", tip: str = "") -> QAction:
    """An action for a menu, a button and a right-click menu at once: one shortcut, one place."""
    made = QAction(text, parent)
    if shortcut:
        made.setShortcut(QKeySequence(shortcut))
    made.setToolTip(tip or text.replace("&", "").rstrip("…"))
    # triggered(bool) would hand False to the slot's first parameter: call it with none
    made.triggered.connect(lambda _checked=False: slot())
    return made


def action_button(action: QAction, name: str) -> QPushButton:
    """A button that triggers `action` and follows its text and whether it is enabled."""
    button = QPushButton(action.text())
    button.setObjectName(name)
    button.setToolTip(action.toolTip())
    button.clicked.connect(action.trigger)
    action.changed.connect(lambda: (button.setEnabled(action.isEnabled()),
                                    button.setText(action.text())))
    return button


# Room kept for the title bar and the window's frame, which the available area does not count.
_FRAME = QSize(16, 48)


def _window_settings(widget: QWidget) -> QSettings | None:
    """The main window's remembered layout, which dialogs share."""
    parent = widget.parentWidget()
    while parent is not None:
        settings = getattr(parent, "settings", None)
        if isinstance(settings, QSettings):
            return settings
        parent = parent.parentWidget()
    return None


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open `window` at the size the volunteer last gave it, or at `width` × `height`, but
    never past the screen's available area: a 1366×768 laptop at 125 % has 1093×614 to give,
    and buttons below the edge cannot be clicked. A dialog's size is remembered when it
    closes."""
    key = f"size/{window.objectName() or type(window).__name__}"
    settings = _window_settings(window)
    remembered = settings.value(key) if settings is not None else None
    wanted = remembered if isinstance(remembered, QSize) else QSize(width, height)
    screen = (window.parentWidget() or window).screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size() - _FRAME
    window.resize(wanted.boundedTo(room).expandedTo(window.minimumSizeHint().boundedTo(room)))
    if settings is not None and isinstance(window, QDialog):
        window.finished.connect(lambda _result: settings.setValue(key, window.size()))


def button_row(specs) -> tuple[QHBoxLayout, dict[str, QPushButton]]:
    """A row of buttons from (text, object name, slot), left-aligned; Enter in a list
    above them never presses one (no auto-default). Returns the row and the buttons by name."""
    row, found = QHBoxLayout(), {}
    for text, name, slot in specs:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        row.addWidget(button)
        found[name] = button
    row.addStretch()
    return row, found


def side_by_side(*parts: QWidget | tuple[QWidget, int]) -> QWidget:
    """Widgets on one line of a form, with no margin of their own; a part given as
    `(widget, stretch)` takes that share of the room left."""
    line = QWidget()
    row = QHBoxLayout(line)
    row.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        widget, stretch = part if isinstance(part, tuple) else (part, 0)
        row.addWidget(widget, stretch)
    return line


def filter_chip(name: str, tip: str, clear) -> QToolButton:
    """A button that names what a list is narrowed to ("Partner: Coop ✕"), hidden until
    then; clicking it clears that filter."""
    chip = QToolButton()
    chip.setObjectName(name)
    chip.setToolTip(tip)
    chip.clicked.connect(clear)
    chip.hide()
    return chip


def muted(label: QLabel) -> QLabel:
    """A hint or a note, in the quieter colour of the theme: one place to change its look."""
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def plain_label(text: str = "") -> QLabel:
    """A label for a volunteer's or a file's text: `Bob <b>Smith</b> <!--` shows as typed."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_tip(text: str) -> str:
    """A tooltip that shows a name or a file's cell as it is, never as markup or a picture."""
    if "<" not in text:
        return text  # Qt only reads markup where it finds a tag
    return f"<p style='white-space:pre-wrap'>{escape(text)}</p>"


def choose_one(parent, title: str, question: str, labels: list[str]) -> int | None:
    """Which of `labels` the volunteer picks in a list (None: Cancel). Two alike (the same
    file imported twice in a minute) are told apart by a number, so each is its own."""
    shown, seen = [], {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        shown.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    picked, chosen = QInputDialog.getItem(parent, title, question, shown, 0, False)
    return shown.index(picked) if chosen else None


def ask(parent: QWidget, title: str, text: str, yes: str, no: str,
        yes_button=QMessageBox.StandardButton.Yes) -> bool:
    """A question in plain text with its two answers named ("&Discard", "&Keep editing"), each
    with its Alt+letter; the safe answer, `no`, is the default and what Escape gives. The
    answers stay standard buttons (`yes_button` and Cancel), as other message boxes."""
    cancel = QMessageBox.StandardButton.Cancel
    box = messages.box(QMessageBox.Icon.Question, title, text, yes_button | cancel, parent)
    box.button(yes_button).setText(yes)
    box.button(cancel).setText(no)
    box.setDefaultButton(cancel)
    return box.exec() == yes_button


def confirm_discard(parent: QWidget) -> bool:
    """Before a form with unsaved changes closes: True when they may be thrown away."""
    return ask(
        parent,
        _("Discard changes?"),
        _("You have changes that are not saved. Discard them?"),
        _("&Discard"),
        _("&Keep editing"),
        QMessageBox.StandardButton.Discard,
    )


def undone(parent: QWidget, sent) -> bool:
    """Marked letters (or emails) put back in the thank-you queue; what went wrong said."""
    from cars_desktop.store.errors import StoreError
    from cars_desktop.store.letters import undo_letters_sent

    try:
        undo_letters_sent(sent)
    except StoreError as err:
        messages.critical(parent, _("Not undone"), str(err))
        return False
    return True
