"""A date field that takes a whole typed date as typed.

QDateEdit types into one section at a time: a date typed over a selected one can keep the old
year, and a gift lands in the wrong tax year without a word. Here the text is the volunteer's
until it is a date: "2025-12-30", "2025/12/30", "2025-1-7" and "20251230" all count, and
anything else is put back to the last good date with a word under the pointer. It keeps the
parts of QDateEdit's interface the app uses, a calendar button, and the arrow keys."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from cars_desktop.i18n import _

_FORMAT = "yyyy-MM-dd"
_SEPARATED = re.compile(r"\s*(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*")
_RUN = re.compile(r"\s*(\d{4})(\d{2})(\d{2})\s*")
_YEAR_LAST = re.compile(r"\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})\s*")


def parse_typed_date(text: str) -> dt.date | None:
    """The date a volunteer typed, or None when it is not a whole date. Year first; or year
    last when the day cannot be taken for the month (15/03/2026, 03/15/2026): 03/04/2026 is
    March or April depending on who typed it, so it is not guessed."""
    try:
        found = _SEPARATED.fullmatch(text) or _RUN.fullmatch(text)
        if found:
            return dt.date(*(int(part) for part in found.groups()))
        found = _YEAR_LAST.fullmatch(text)
        if found:
            first, second, year = (int(part) for part in found.groups())
            if first > 12 >= second:
                return dt.date(year, second, first)
            if second > 12 >= first:
                return dt.date(year, first, second)
    except ValueError:
        pass
    return None


def refused_date(form: QWidget) -> DateField | None:
    """The first date field of `form` whose typed date was refused and not typed again: a
    form must not save the date it went back to as if it were the one typed."""
    for field in form.findChildren(DateField):
        if field.refused and field.isVisibleTo(form):
            field.setFocus()
            return field
    return None


class DateField(QWidget):
    dateChanged = Signal(QDate)

    def __init__(self, date: QDate | dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._minimum, self._maximum = QDate(1752, 9, 14), QDate(7999, 12, 31)
        self._special = ""  # shown, as a hint, for the minimum date: "Not known"
        self.edit = QLineEdit()
        self.edit.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[0-9 ./-]{0,12}"), self.edit))
        self.edit.setPlaceholderText(_("YYYY-MM-DD"))
        self.button = QToolButton()
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip(_("Choose on a calendar (Alt+Down)"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.button.setFixedHeight(self.edit.sizeHint().height())
        self._calendar = QCalendarWidget()
        self._calendar.setGridVisible(True)
        menu = QMenu(self.button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self._calendar)
        menu.addAction(holder)
        self._menu = menu
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu.aboutToShow.connect(self._calendar_on_date)
        self._calendar.clicked.connect(self._picked)
        self._calendar.activated.connect(self._picked)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        # what was wrong with a typed date stays in view until a good one is typed
        self.message = QLabel()
        self.message.setObjectName("dateRefused")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        self.refused = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.edit.installEventFilter(self)
        self._date = QDate.currentDate()
        self._before_typing: QDate | None = None  # what a bad typed date goes back to
        self.setDate(QDate(date) if date is not None else QDate.currentDate())

    # QDateEdit's interface, as far as the app uses it

    def date(self) -> QDate:
        return QDate(self._date)

    def setDate(self, date: QDate | dt.date) -> None:
        date = QDate(date)
        if not date.isValid():
            return
        date = max(self._minimum, min(self._maximum, date))
        changed = date != self._date
        self._date = date
        self._refuse("")
        self._show()
        if changed:
            self.dateChanged.emit(QDate(date))

    def minimumDate(self) -> QDate:
        return QDate(self._minimum)

    def setMinimumDate(self, date: QDate) -> None:
        self._minimum = QDate(date)
        self._calendar.setMinimumDate(self._minimum)
        if self._date < self._minimum:
            self.setDate(self._minimum)

    def maximumDate(self) -> QDate:
        return QDate(self._maximum)

    def setMaximumDate(self, date: QDate) -> None:
        self._maximum = QDate(date)
        self._calendar.setMaximumDate(self._maximum)
        if self._date > self._maximum:
            self.setDate(self._maximum)

    def setSpecialValueText(self, text: str) -> None:
        self._special = text
        self.edit.setPlaceholderText(text or _("YYYY-MM-DD"))
        self._show()

    def calendarWidget(self) -> QCalendarWidget:
        return self._calendar

    def text(self) -> str:
        return self.edit.text()

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    # Typing

    def _show(self) -> None:
        self._before_typing = None
        blank = bool(self._special) and self._date == self._minimum
        self.edit.setText("" if blank else self._date.toString(_FORMAT))

    def _typed(self, text: str) -> None:
        """A whole date counts as soon as it is typed, as in any date field."""
        if self._before_typing is None:
            self._before_typing = QDate(self._date)
        day = parse_typed_date(text)
        if day is not None and self._minimum <= QDate(day) <= self._maximum:
            self._refuse("")
            if QDate(day) != self._date:
                self._date = QDate(day)
                self.dateChanged.emit(QDate(day))

    def _finished(self) -> None:
        text = self.edit.text()
        if not text.strip() and self._special:
            self.setDate(self._minimum)
            return
        day = parse_typed_date(text)
        if day is None or not self._minimum <= QDate(day) <= self._maximum:
            before = self._before_typing or self._date
            self.setDate(before)
            self._complain(text, day, before)
            return
        self._refuse("")
        self._show()

    def _refuse(self, why: str) -> None:
        """Say under the field why a typed date was not taken ("" once it is put right)."""
        self.refused = why
        self.message.setText(why)
        self.message.setVisible(bool(why))

    def _complain(self, text: str, day: dt.date | None, before: QDate) -> None:
        if day is None:
            why = _(
                "“{text}” is not a date. Type the year, month and day, for example {date}."
            ).format(text=text, date=QDate.currentDate().toString(_FORMAT))
            if _YEAR_LAST.fullmatch(text):
                why = _(
                    "“{text}” could be two different dates. Type the year first: "
                    "{date} is year, month, day."
                ).format(text=text, date=QDate.currentDate().toString(_FORMAT))
        elif QDate(day) > self._maximum:
            why = _("The date cannot be after {date}.").format(
                date=self._maximum.toString(_FORMAT)
            )
        else:
            why = _("The date cannot be before {date}.").format(
                date=self._minimum.toString(_FORMAT)
            )
        why += _(" It is back to {date}.").format(date=before.toString(_FORMAT))
        self._refuse(why)
        QToolTip.showText(self.edit.mapToGlobal(self.edit.rect().bottomLeft()), why, self.edit)

    def eventFilter(self, watched, event) -> bool:
        # getattr: a closed dialog's field can outlive its Python side and still hear
        # events (a change of language), through a wrapper that never ran __init__
        if watched is getattr(self, "edit", None) and event.type() == event.Type.KeyPress \
                and self._key(event):
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:  # keys sent to the field itself
        if not self._key(event):
            self.edit.event(event)

    def _key(self, event) -> bool:
        """The arrow and calendar keys; False for a key the text takes."""
        key, mods = event.key(), event.modifiers()
        alt = mods & Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
            self.button.showMenu()
            return True
        steps = {Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0),
                 Qt.Key.Key_PageUp: (0, 1), Qt.Key.Key_PageDown: (0, -1)}
        if key in steps and not alt:
            self._finished()
            days, months = steps[key]
            start = QDate.currentDate() if self.edit.text() == "" else self._date
            self.setDate(start.addDays(days).addMonths(months))
            self.edit.selectAll()
            return True
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.edit.selectAll()
            return True
        return False

    # The calendar

    def _calendar_on_date(self) -> None:
        shown = QDate.currentDate() if self.edit.text() == "" else self._date
        self._calendar.setSelectedDate(shown)
        self._calendar.setCurrentPage(shown.year(), shown.month())

    def _picked(self, date: QDate) -> None:
        self._menu.close()
        self.setDate(date)
        self.edit.setFocus()
