"""Dates typed with the keyboard over the date shown: the whole typed date counts, in every
date field of the app."""

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QToolTip

from cars_desktop.store import partners
from cars_desktop.store.models import Contribution, Partner
from cars_desktop.ui.contribution_dialog import ContributionDialog
from cars_desktop.ui.date_field import DateField, parse_typed_date
from cars_desktop.ui.partner_dialog import PartnerDialog


def retype(qtbot, field: DateField, text: str) -> None:
    """What a volunteer does: click in, select everything, type, leave with Tab."""
    field.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.edit, text)
    field.edit.editingFinished.emit()  # leaving the field, as Tab or a click does


@pytest.mark.parametrize(("shown", "typed", "wanted"), [
    ((2026, 11, 28), "2025-12-30", (2025, 12, 30)),
    ((2025, 3, 31), "2027-03-31", (2027, 3, 31)),
    ((2025, 3, 31), "20270331", (2027, 3, 31)),
    ((2025, 3, 31), "2024-02-29", (2024, 2, 29)),
    ((2025, 1, 31), "2025-02-28", (2025, 2, 28)),
    ((2025, 1, 5), "2025-1-7", (2025, 1, 7)),
    ((2025, 1, 5), "2025/12/07", (2025, 12, 7)),
    ((2025, 1, 5), "2025.12.07", (2025, 12, 7)),
    ((2026, 11, 28), "15/03/2026", (2026, 3, 15)),  # day first: 15 cannot be a month
    ((2026, 11, 28), "12/30/2025", (2025, 12, 30)),  # month first: 30 cannot be a month
])
def test_a_typed_date_is_the_whole_date(qtbot, shown, typed, wanted):
    field = DateField(QDate(*shown))
    qtbot.addWidget(field)
    field.show()
    with qtbot.waitSignal(field.dateChanged):
        retype(qtbot, field, typed)
    assert field.date() == QDate(*wanted)
    assert field.text() == QDate(*wanted).toString("yyyy-MM-dd")


@pytest.mark.parametrize("typed", ["2025-13-07", "2025-02-30", "2025-12", "03/04/2026", "25"])
def test_what_is_not_a_date_goes_back_and_says_why(qtbot, typed):
    field = DateField(QDate(2026, 11, 28))
    qtbot.addWidget(field)
    field.show()
    changes = []
    field.dateChanged.connect(changes.append)
    retype(qtbot, field, typed)
    assert field.date() == QDate(2026, 11, 28) and field.text() == "2026-11-28"
    assert not changes or changes[-1] == QDate(2026, 11, 28)  # a list shows it again
    assert "back to 2026-11-28" in QToolTip.text()
    assert field.refused and field.message.isVisible()  # said under the field, and it stays
    retype(qtbot, field, "2026-11-27")
    assert not field.refused and not field.message.isVisible()


def test_letters_and_spaces_cannot_be_typed_in(qtbot):
    field = DateField(QDate(2026, 11, 28))
    qtbot.addWidget(field)
    field.show()
    retype(qtbot, field, "abc2025-12-30")
    assert field.date() == QDate(2025, 12, 30)


def test_a_date_outside_the_allowed_range_is_refused(qtbot):
    field = DateField(QDate(2026, 11, 28))
    field.setMaximumDate(QDate(2026, 11, 28))
    qtbot.addWidget(field)
    field.show()
    retype(qtbot, field, "2027-01-01")
    assert field.date() == QDate(2026, 11, 28)
    assert "cannot be after 2026-11-28" in QToolTip.text()


def test_arrow_keys_move_a_day_and_page_keys_a_month(qtbot):
    field = DateField(QDate(2025, 1, 31))
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_Up)
    assert field.date() == QDate(2025, 2, 1)
    qtbot.keyClick(field.edit, Qt.Key.Key_PageDown)
    assert field.date() == QDate(2025, 1, 1)
    qtbot.keyClick(field.edit, Qt.Key.Key_Down)
    assert field.date() == QDate(2024, 12, 31)


def test_the_calendar_picks_a_date(qtbot):
    field = DateField(QDate(2025, 1, 31))
    qtbot.addWidget(field)
    field.show()
    field.calendarWidget().clicked.emit(QDate(2025, 6, 2))  # a click on a day
    assert field.date() == QDate(2025, 6, 2) and field.text() == "2025-06-02"


def test_parse_typed_date():
    assert parse_typed_date(" 2025-12-30 ") == dt.date(2025, 12, 30)
    assert parse_typed_date("2025-12-3") == dt.date(2025, 12, 3)
    assert parse_typed_date("30-12-2025") == dt.date(2025, 12, 30)  # 30 is the day
    assert parse_typed_date("03-04-2026") is None  # March or April: not guessed
    assert parse_typed_date("") is None


def test_a_gift_typed_for_last_year_is_saved_in_last_year(qtbot, window):
    pid = partners.save_partner({"kind": "organisation", "name": "Caisse Desjardins",
                                 "sector": "corporate", "partnership_type": "formal",
                                 "status": "active", "language": "fr"}, [])
    dialog = ContributionDialog(window, partner_id=pid)
    dialog.show()
    qtbot.keyClicks(dialog.amount, "250")
    retype(qtbot, dialog.date, "2025-12-30")
    qtbot.mouseClick(dialog.save_close, Qt.MouseButton.LeftButton)
    saved = Contribution.get()
    assert saved.date == dt.date(2025, 12, 30)


def test_partner_since_typed_over_not_known(qtbot, window):
    dialog = PartnerDialog(window)
    dialog.show()
    since = dialog.fields["partner_since"]
    assert since.text() == "" and since.edit.placeholderText() == "Not known"
    qtbot.keyClicks(dialog.fields["name"], "Legion Branch 42")
    for field, code in (("sector", "voluntary"), ("partnership_type", "casual")):
        dialog.fields[field].setCurrentIndex(dialog.fields[field].findData(code))
    retype(qtbot, since, "2019-05-01")
    assert since.text() == "2019-05-01"
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert Partner.get(Partner.name == "Legion Branch 42").partner_since == dt.date(2019, 5, 1)
    # and cleared again: "Not known"
    dialog = PartnerDialog(window, Partner.get().id)
    dialog.show()
    since = dialog.fields["partner_since"]
    qtbot.mouseClick(dialog.clear_since, Qt.MouseButton.LeftButton)
    assert since.text() == "" and dialog.values()["partner_since"] is None


def test_every_date_field_in_the_window_takes_a_typed_date(qtbot, window):
    """The period dates of the Contributions tab too."""
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)
    tab.period.setCurrentIndex(tab.period.findData("custom"))
    QApplication.processEvents()
    retype(qtbot, tab.start, "2025-01-01")
    retype(qtbot, tab.end, "2025-12-31")
    assert (tab.start.date(), tab.end.date()) == (QDate(2025, 1, 1), QDate(2025, 12, 31))


@pytest.mark.parametrize("typed", ["2026-02-30", "03/04/2026"])
def test_a_gift_is_not_saved_with_a_date_that_was_refused(qtbot, window, typed):
    pid = partners.save_partner({"kind": "organisation", "name": "Caisse Desjardins",
                                 "sector": "corporate", "partnership_type": "formal",
                                 "status": "active", "language": "fr"}, [])
    dialog = ContributionDialog(window, partner_id=pid)
    dialog.show()
    qtbot.keyClicks(dialog.amount, "250")
    retype(qtbot, dialog.date, typed)
    qtbot.mouseClick(dialog.save_next, Qt.MouseButton.LeftButton)
    assert Contribution.select().count() == 0  # not saved on the date it went back to
    assert dialog.date.message.isVisible() and typed in dialog.date.message.text()
    retype(qtbot, dialog.date, "2026-03-04")
    qtbot.mouseClick(dialog.save_next, Qt.MouseButton.LeftButton)
    assert Contribution.get().date == dt.date(2026, 3, 4)
    dialog.reject()
