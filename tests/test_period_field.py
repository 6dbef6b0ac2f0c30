"""The one period chooser (Contributions filter, reports, year-end letter), through its keys."""

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFormLayout, QWidget

from cars_desktop.ui.date_field import refused_date
from cars_desktop.ui.period_field import PeriodField, last_finished_year

TODAY = dt.date.today()


def placed(qtbot, field: PeriodField) -> QWidget:
    """The field in a form, as the dialogs have it: the list on one row, its dates under."""
    host = QWidget()
    form = QFormLayout(host)
    form.addRow("&Period", field)
    form.addRow("&Dates", field.dates)
    qtbot.addWidget(host)
    host.show()
    return host


def choose(qtbot, field: PeriodField, key: Qt.Key, times: int = 1) -> None:
    field.setFocus()
    for _ in range(times):
        qtbot.keyClick(field, key)


def retype(qtbot, edit, text: str) -> None:
    """Click in, select everything, type, leave (as Tab does)."""
    edit.setFocus()
    qtbot.keyClick(edit.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit.edit, text)
    edit.edit.editingFinished.emit()


def test_as_a_filter_the_dates_show_only_between_dates(qtbot):
    field = PeriodField(lambda: 1, default="this_year")
    _form = placed(qtbot, field)  # held: the form owns the field
    assert field.currentText() == "This year" and not field.dates.isVisible()
    assert field.chosen().start == dt.date(TODAY.year, 1, 1)
    assert field.start.date() == QDate.currentDate().addMonths(-1)  # the month to today
    with qtbot.waitSignal(field.changed):
        choose(qtbot, field, Qt.Key.Key_End)
    assert field.currentText() == "Between dates…" and field.dates.isVisible()
    with qtbot.waitSignal(field.changed):
        retype(qtbot, field.end, "2025-01-01")
    retype(qtbot, field.start, "2025-12-31")  # either order means the same
    chosen = field.chosen()
    assert (chosen.start, chosen.end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert chosen.label == "2025-01-01 to 2025-12-31"
    choose(qtbot, field, Qt.Key.Key_Home)
    assert field.currentText() == "All dates" and not field.dates.isVisible()
    assert field.chosen().start is None and field.chosen().end is None
    choose(qtbot, field, Qt.Key.Key_End)  # what was typed is still there
    assert field.chosen().start == dt.date(2025, 1, 1)


def test_in_a_form_the_dates_follow_the_choice(qtbot):
    field = PeriodField(lambda: 1, default=last_finished_year(1), leave_out=("all",),
                        dates_follow=True, to_date=True)
    _form = placed(qtbot, field)  # held: the form owns the field
    assert field.findData("all") == -1 and field.currentText() == "Last year"
    last = TODAY.year - 1
    assert field.first_and_last() == (dt.date(last, 1, 1), dt.date(last, 12, 31))
    assert field.dates.isVisible() and not field.start.isEnabled()
    choose(qtbot, field, Qt.Key.Key_Up)  # "This year", which is still running
    assert field.currentText() == "This year"
    assert field.first_and_last() == (dt.date(TODAY.year, 1, 1), TODAY)  # to date
    choose(qtbot, field, Qt.Key.Key_End)
    assert field.start.isEnabled() and field.end.isEnabled()
    retype(qtbot, field.start, "2024-06-30")
    retype(qtbot, field.end, "2024-01-01")
    assert field.first_and_last() == (dt.date(2024, 1, 1), dt.date(2024, 6, 30))


def test_a_fiscal_year_follows_the_profile_and_is_the_last_finished_one(qtbot):
    month = {"start": 4}
    field = PeriodField(lambda: month["start"], default=last_finished_year(4),
                        leave_out=("all", "this_quarter"), dates_follow=True)
    _form = placed(qtbot, field)  # held: the form owns the field
    assert field.currentText() == "Last fiscal year" and field.findData("this_quarter") == -1
    assert field.first_and_last()[0].month == 4
    filter_ = PeriodField(lambda: month["start"], default="this_fiscal")
    _other = placed(qtbot, filter_)
    month["start"] = 7  # changed in the profile while the app is open
    assert filter_.chosen().start.month == 7


def test_a_refused_date_blocks_and_a_good_one_frees(qtbot):
    field = PeriodField(lambda: 1, default="this_year")
    host = placed(qtbot, field)
    choose(qtbot, field, Qt.Key.Key_End)
    retype(qtbot, field.start, "2025-01-01")
    retype(qtbot, field.end, "2025-13-45")
    assert refused_date(host) is field.end
    assert field.end.message.isVisible() and field.end.date() == QDate.currentDate()
    retype(qtbot, field.end, "2025-03-31")
    assert refused_date(host) is None
    assert field.chosen().end == dt.date(2025, 3, 31)


def test_a_period_set_quietly_says_nothing(qtbot):
    field = PeriodField(lambda: 1, default="custom")
    _form = placed(qtbot, field)  # held: the form owns the field
    assert field.dates.isVisible()
    with qtbot.assertNotEmitted(field.changed):
        field.set_period("all", notify=False)
    assert field.currentText() == "All dates" and not field.dates.isVisible()
