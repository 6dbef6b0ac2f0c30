"""A pledge paid in instalments and a gift that comes every month, as a treasurer sets them up
and records them: each payment falls due on its date, those due are marked received in one
step, and those not come in show in what needs attention."""

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton
from test_dialog_contribution import choose

from cars_desktop.core.schedules import due_dates, instalments
from cars_desktop.store import maintenance, schedules
from cars_desktop.store.models import Contribution, Schedule
from cars_desktop.ui.schedules_window import DueDialog, ScheduleDialog, SchedulesWindow
from helpers import answer_message_boxes, menu_action, type_text
from letter_kit import give, org

TODAY = dt.date(2026, 11, 28)


def test_due_dates_keep_the_month_end_and_instalments_share_the_cents():
    assert due_dates(dt.date(2026, 1, 31), "monthly", 4, dt.date.max) == [
        dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31), dt.date(2026, 4, 30)]
    assert due_dates(dt.date(2026, 1, 15), "quarterly", 0, dt.date(2026, 9, 1)) == [
        dt.date(2026, 1, 15), dt.date(2026, 4, 15), dt.date(2026, 7, 15)]
    assert instalments(100_000, 3) == [33_333, 33_333, 33_334]


def test_a_pledge_in_instalments_set_up_paid_and_followed(qtbot, window):
    coop = org("Coop Évangéline")
    pledge = give(coop, status="pledged", amount="1200", payment_method="",
                  date=dt.date(2026, 6, 1), date_expected=dt.date(2026, 7, 1))
    shown = SchedulesWindow(window, TODAY)
    qtbot.addWidget(shown)

    def set_it_up():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ScheduleDialog)
        type_text(dialog.partner, "Coop Évangéline")
        dialog.partner.editingFinished.emit()  # leaving the field takes the one match
        assert dialog.pledge.count() == 1 and not dialog.amount.isVisible()
        choose(qtbot, dialog.frequency, "Monthly")
        dialog.first_due.setDate(dt.date(2026, 7, 1))
        dialog.count.setValue(12)
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    QTimer.singleShot(50, set_it_up)
    qtbot.mouseClick(shown.findChild(QPushButton, "newSchedule"), Qt.MouseButton.LeftButton)
    schedule = Schedule.get()
    assert (schedule.pledge_id, schedule.count, schedule.frequency) == (pledge, 12, "monthly")
    assert Contribution.get_by_id(pledge).date_expected == dt.date(2027, 6, 1)  # its last
    row = shown.list.topLevelItem(0)
    assert [row.text(column) for column in (3, 4, 5)] == ["0 / 12", "2026-12-01", "5"]

    # five are due by November 28: two came in late, three are overdue in the attention list
    late = [item.text for item in maintenance.attention(TODAY)["pledge"]]
    assert "Coop Évangéline: instalment of $100.00 due 2026-07-01 has not come in." in late

    def mark_two():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DueDialog) and dialog.list.topLevelItemCount() == 5
        for row in range(2, 5):
            dialog.list.topLevelItem(row).setCheckState(0, Qt.CheckState.Unchecked)
        answer_message_boxes([QApplication.instance() and "OK"], [])
        qtbot.mouseClick(dialog.mark, Qt.MouseButton.LeftButton)
    QTimer.singleShot(50, mark_two)
    qtbot.mouseClick(shown.findChild(QPushButton, "paymentsDue"), Qt.MouseButton.LeftButton)
    paid = list(Contribution.select().where(Contribution.schedule == schedule.id))
    assert sorted(gift.due_on for gift in paid) == [dt.date(2026, 7, 1), dt.date(2026, 8, 1)]
    assert all(gift.pledge_id == pledge and gift.amount_cents == 10_000 for gift in paid)
    assert Contribution.get_by_id(pledge).outstanding_cents == 100_000
    assert [payment.due_on for payment in schedules.due(TODAY)] == [
        dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)]
    assert shown.list.topLevelItem(0).text(3) == "2 / 12"


def test_a_monthly_gift_with_no_end_and_its_end(store):
    anne = org("Anne Leblanc", contact="", kind="person")
    made = schedules.save_schedule({"partner_id": anne, "amount": "25", "frequency": "monthly",
                                    "first_due": dt.date(2026, 9, 15), "count": 0,
                                    "payment_method": "card"})
    assert [(p.due_on, p.amount_cents) for p in schedules.due(TODAY)] == [
        (dt.date(2026, 9, 15), 2500), (dt.date(2026, 10, 15), 2500),
        (dt.date(2026, 11, 15), 2500)]
    assert schedules.due(TODAY)[0].said() == \
        "Anne Leblanc: monthly gift of $25.00 due 2026-09-15"
    schedules.mark_received(schedules.due(TODAY), TODAY)
    assert schedules.due(TODAY) == []
    assert Contribution.select().where(Contribution.payment_method == "card").count() == 3
    schedules.end(made, TODAY)
    assert schedules.due(dt.date(2027, 3, 1)) == []


def test_a_schedule_says_what_is_wrong(store):
    import pytest

    from cars_desktop.core.validation import ValidationError

    anne = org("Anne Leblanc", contact="", kind="person")
    with pytest.raises(ValidationError) as wrong:
        schedules.save_schedule({"partner_id": anne, "amount": "abc", "frequency": "weekly",
                                 "first_due": None, "count": 999})
    assert set(wrong.value.errors) == {"amount", "frequency", "first_due", "count"}


def test_the_schedule_windows_by_keyboard_and_screen_reader(qtbot, qapp, window):
    import accessibility_kit as kit

    from cars_desktop.ui import translations

    kept = []  # alive until the walked widgets are let go (see accessibility_kit)
    kept = []
    try:
        for lang in ("en", "fr"):
            translations.apply_language(qapp, lang)
            for make in (lambda: SchedulesWindow(None, TODAY),
                         lambda: ScheduleDialog(None, TODAY), lambda: DueDialog(None, TODAY)):
                made = make()
                kept.append(made)  # alive until forget_walked: PySide frees them in order
                kept.append(made)
                made.show()
                assert kit.problems(made) == [], (lang, type(made).__name__)
                made.close()
    finally:
        translations.apply_language(qapp, "en")
        kit.forget_walked()
        kept.clear()


def test_the_menu_opens_it(qtbot, window):
    menu_action(window, "Contribution › Instalments and monthly gifts…").trigger()
    shown = window.findChild(SchedulesWindow)
    qtbot.addWidget(shown)
    assert shown.isVisible()


def test_instalments_share_what_is_still_to_come_and_are_dated_when_due(store):
    coop = org("Clinique dentaire Brûlé")
    pledge = give(coop, status="pledged", amount="1051", payment_method="",
                  date=dt.date(2026, 6, 1), date_expected=dt.date(2026, 7, 1))
    give(coop, amount="525.50", pledge_id=pledge, date=dt.date(2026, 7, 1))  # half came in
    schedules.save_schedule({"pledge_id": pledge, "frequency": "monthly", "count": 3,
                             "first_due": dt.date(2026, 8, 31)})
    due = schedules.due(TODAY)
    assert [payment.amount_cents for payment in due] == [17516, 17516, 17518]
    schedules.mark_received(due[:1])  # a debit: dated on its due date
    gift = Contribution.get(Contribution.due_on == dt.date(2026, 8, 31))
    assert (gift.date, gift.kind, gift.pledge_id) == (dt.date(2026, 8, 31), "one_time", pledge)
    assert Contribution.get_by_id(pledge).outstanding_cents == 35034


def test_late_payments_come_first_in_what_needs_attention(store):
    anne = org("Anne Leblanc", contact="", kind="person")
    for number in range(55):  # more pledges overdue than the list shows
        give(anne, status="pledged", amount="10", payment_method="",
             date=dt.date(2025, 1, 1), date_expected=dt.date(2025, 2, 1) +
             dt.timedelta(days=number))
    schedules.save_schedule({"partner_id": anne, "amount": "25", "frequency": "monthly",
                             "first_due": dt.date(2026, 10, 1), "count": 0})
    shown = maintenance.attention(TODAY, limit=50)["pledge"]
    assert len(shown) == 51
    assert shown[0].text == "Anne Leblanc: monthly gift of $25.00 due 2026-10-01 has not come in."
