"""The one "period" choice of the app: this year, last fiscal year, a quarter, … or between two
dates typed or picked. The Contributions tab filters with it, the reports and the year-end
letter are made for it.

`PeriodField` is the list of periods; its two dates live in `field.dates`, a widget of its own,
so that a form can give them a row ("Dates") and a filter bar can put them beside the list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from cars_desktop.core.periods import PERIOD_CHOICES, Period, named_period
from cars_desktop.i18n import _
from cars_desktop.ui.date_field import DateField


def last_finished_year(fiscal_start: int) -> str:
    """The year a report or a year-end letter is usually about: the last one that is over."""
    return "last_year" if fiscal_start == 1 else "last_fiscal"


class PeriodField(QComboBox):
    """A period chosen from `core.periods.PERIOD_CHOICES`, less those in `leave_out`.

    Two ways to show the dates, as the places that use it need:
    - `dates_follow=False` (a filter): the dates show only for "Between dates…"; they start
      on the month to today and keep what was typed when another period is chosen.
    - `dates_follow=True` (a form): the dates always show, filled in with the chosen period
      and open to typing only for "Between dates…" ("All dates" has none: leave it out).
      With `to_date`, a period still running ends today, never with empty months to come.

    `fiscal_start` is asked each time, so a fiscal year changed in the profile counts at once.
    `changed` is emitted when the choice or a date changes."""

    changed = Signal()

    def __init__(self, fiscal_start: Callable[[], int], *, default: str, leave_out:
                 Iterable[str] = (), dates_follow: bool = False, to_date: bool = False,
                 names: tuple[str, str, str] = ("period", "periodStart", "periodEnd"),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Period"))
        self.fiscal_start = fiscal_start
        self.dates_follow, self.to_date = dates_follow, to_date
        self._quiet = self._filling = False
        left_out = set(leave_out)
        for code, label in PERIOD_CHOICES:
            if code not in left_out:
                self.addItem(_(label), code)
        self.start, self.end = DateField(), DateField()
        self.dates = QWidget()
        row = QHBoxLayout(self.dates)
        row.setContentsMargins(0, 0, 0, 0)
        for edit, name, label in ((self.start, names[1], _("From")), (self.end, names[2], _("To"))):
            edit.setObjectName(name)
            edit.setAccessibleName(label)
            row.addWidget(edit)
            edit.dateChanged.connect(self._date_changed)
        self.setObjectName(names[0])
        self.setCurrentIndex(max(0, self.findData(default)))
        self.currentIndexChanged.connect(self._choice_changed)
        if dates_follow:
            self._show_dates()
        else:
            self.start.setDate(QDate.currentDate().addMonths(-1))
            if self.code() != "custom":  # never shown here: without a parent, a window
                self.dates.hide()

    def code(self) -> str:
        return self.currentData()

    def set_period(self, code: str, notify: bool = True) -> None:
        """Choose `code` as if by hand; with `notify` False, without emitting `changed`."""
        self._quiet = not notify
        try:
            self.setCurrentIndex(max(0, self.findData(code)))
            self._show_dates()  # also when `code` was already chosen
        finally:
            self._quiet = False

    def chosen(self) -> Period:
        """The period shown: its first and last day (None for "All dates") and its name."""
        code = self.code()
        if code != "custom" and not self.dates_follow:
            return named_period(code, dt.date.today(), self.fiscal_start())
        # either order means the same
        first, last = sorted(edit.date().toPython() for edit in (self.start, self.end))
        label = (f"{first:%Y-%m-%d} to {last:%Y-%m-%d}" if code == "custom" else
                 named_period(code, dt.date.today(), self.fiscal_start()).label)
        return Period(first, last, label)

    def first_and_last(self) -> tuple[dt.date, dt.date]:
        """The first and last day of a period shown with its dates (`dates_follow`)."""
        period = self.chosen()
        return period.start, period.end

    def _choice_changed(self) -> None:
        self._show_dates()
        self._emit()

    def _date_changed(self) -> None:
        if not self._filling:
            self._emit()

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit()

    def _show_dates(self) -> None:
        custom = self.code() == "custom"
        if not self.dates_follow:
            self.dates.setVisible(custom)
            return
        for edit in (self.start, self.end):
            edit.setEnabled(custom)
        if custom:
            return
        today = dt.date.today()
        period = named_period(self.code(), today, self.fiscal_start())
        self._filling = True  # one `changed` for the choice, not one more for each date
        try:
            self.start.setDate(QDate(period.start))
            self.end.setDate(QDate(min(period.end, today) if self.to_date else period.end))
        finally:
            self._filling = False
