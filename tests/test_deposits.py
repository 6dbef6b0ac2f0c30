"""A bank deposit as a treasurer enters it, by keyboard: the slip's total, each cheque and the
cash (Enter adds it), the running total against the slip, then its list to keep with the slip
and its gifts found by it."""

import datetime as dt

from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from test_dialog_contribution import choose

from cars_desktop.store import deposits
from cars_desktop.store.models import Contribution, Deposit
from cars_desktop.ui.deposit_dialog import DepositDialog
from cars_desktop.ui.deposits_window import DepositsWindow
from helpers import menu_action, norm, type_text
from letter_kit import give, org, set_group


def open_deposits(qtbot, window) -> DepositsWindow:
    menu_action(window, "Contribution › Bank deposits…").trigger()
    shown = window.findChild(DepositsWindow)
    qtbot.addWidget(shown)
    return shown


def add_gift(qtbot, dialog, partner: str, amount: str, way: str = "", cheque: str = ""):
    dialog.partner.setFocus()
    type_text(dialog.partner, partner)
    if way:
        choose(qtbot, dialog.method, way)
    dialog.reference.setFocus()
    qtbot.keyClicks(dialog.reference, cheque)
    dialog.amount.setFocus()
    qtbot.keyClicks(dialog.amount, amount)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)


def test_a_deposit_entered_checked_against_its_slip_printed_and_found(qtbot, window):
    set_group()
    coop, anne = org("Coop Évangéline"), org("Anne Leblanc", contact="", kind="person")
    shown = open_deposits(qtbot, window)
    seen = {}

    def enter_it():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DepositDialog)
        qtbot.keyClicks(dialog.slip, "160")
        add_gift(qtbot, dialog, "Coop Évangéline", "100", cheque="1042")
        add_gift(qtbot, dialog, "Anne Leblanc", "50", way="Cash")
        add_gift(qtbot, dialog, "", "abc")  # no partner, no amount a bank would take
        seen["error"] = dialog.line_error.text()
        dialog.amount.clear()
        seen["short"] = dialog.total.text()
        dialog.slip.clear()
        qtbot.keyClicks(dialog.slip, "150")
        seen["same"] = dialog.total.text()
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveDeposit"), Qt.MouseButton.LeftButton)
    QTimer.singleShot(50, enter_it)
    qtbot.mouseClick(shown.findChild(QPushButton, "newDeposit"), Qt.MouseButton.LeftButton)
    assert "Choose the partner who gave it." in seen["error"]
    assert seen["short"] == "Total $150.00: $10.00 less than the deposit slip's $160.00"
    assert seen["same"] == "Total $150.00: the same as the deposit slip ✓"

    deposit = Deposit.get()
    assert deposit.slip_cents == 15000 and deposit.date == dt.date.today()
    gifts = list(Contribution.select().where(Contribution.deposit == deposit)
                 .order_by(Contribution.id))
    assert [(g.partner_id, g.amount_cents, g.payment_method, g.reference, g.status)
            for g in gifts] == [(coop, 10000, "cheque", "1042", "received"),
                                (anne, 5000, "cash", "", "received")]
    # its list opened at once, to print and keep with the slip
    assert shown.preview is not None
    qtbot.addWidget(shown.preview)
    text = norm(" ".join(page.extract_text() for page in PdfReader(shown.preview.pdf).pages))
    for said in ("Bank deposit", "Coop Évangéline", "1042", "Anne Leblanc", "$100.00",
                 "$50.00", "Total $150.00", "Deposit slip $150.00", "Cheque", "Cash"):
        assert said in text, said
    assert shown.list.topLevelItem(0).text(5) == "✓"

    qtbot.mouseClick(shown.findChild(QPushButton, "depositGifts"), Qt.MouseButton.LeftButton)
    tab = window.contributions
    assert window.tabs.currentWidget() is tab
    assert tab.chips["deposit"].isVisible() and tab.model.rowCount() == 2


def test_a_deposit_with_a_gift_typed_but_not_added_is_not_saved(qtbot, window):
    org("Coop Évangéline")
    dialog = DepositDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.partner, "Coop Évangéline")
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveDeposit"), Qt.MouseButton.LeftButton)
    assert "typed but not added" in dialog.line_error.text()
    dialog.partner.clear()
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveDeposit"), Qt.MouseButton.LeftButton)
    assert "Add the cheques and cash" in dialog.total_error.text()
    assert Deposit.select().count() == 0


def test_a_cancelled_gift_leaves_the_deposits_total(store):
    coop = org("Coop")
    line = deposits.check_line({"partner_id": coop, "amount": "80", "payment_method": "cheque",
                                "reference": "7"}, dt.date.today())
    made = deposits.save_deposit(dt.date.today(), [line, line], slip=16000)
    assert deposits.deposit_summary(made).matches
    first = deposits.gifts_of(made)[0]
    Contribution.update(status="cancelled").where(Contribution.id == first.id).execute()
    summary = deposits.deposit_summary(made)
    assert (summary.gifts, summary.total_cents, summary.matches) == (1, 8000, False)


def test_the_deposit_windows_by_keyboard_and_screen_reader(qtbot, qapp, window):
    import accessibility_kit as kit

    from cars_desktop.ui import translations

    kept = []
    try:
        for lang in ("en", "fr"):
            translations.apply_language(qapp, lang)
            for make in (lambda: DepositsWindow(window), lambda: DepositDialog(window)):
                made = make()
                kept.append(made)  # alive until forget_walked: PySide frees them in order
                qtbot.addWidget(made)
                made.show()
                assert kit.problems(made) == [], (lang, type(made).__name__)
                made.close()
    finally:
        translations.apply_language(qapp, "en")
        kit.forget_walked()


def test_a_deposited_gift_says_so_in_its_window(qtbot, window):
    from test_dialog_contribution import opened

    line = deposits.check_line({"partner_id": org("Coop"), "amount": "80",
                                "payment_method": "cheque", "reference": "7"},
                               dt.date(2026, 11, 2))
    made = deposits.save_deposit(dt.date(2026, 11, 2), [line])
    dialog = opened(qtbot, window, contribution_id=deposits.gifts_of(made)[0].id)
    qtbot.addWidget(dialog)
    assert "In the bank deposit of 2026-11-02." in dialog.thanked.text()


def test_a_cheque_of_the_deposit_pays_toward_a_pledge_and_goes_to_a_fund(qtbot, window):
    from cars_desktop.store import funds

    roof = funds.save_fund({"name": "Hall roof", "goal": "5000"})
    coop = org("Coop Évangéline")
    pledge = give(coop, status="pledged", amount="300", payment_method="",
                  date_expected=dt.date.today() + dt.timedelta(days=30))
    dialog = DepositDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.partner, "Coop Évangéline")
    dialog.partner.editingFinished.emit()  # leaving the field takes the one match
    assert dialog.pledge.count() == 2  # no pledge, or its open one
    choose(qtbot, dialog.pledge, dialog.pledge.itemText(1))
    choose(qtbot, dialog.fund, "Hall roof")
    add_gift(qtbot, dialog, "", "100", cheque="55")
    assert dialog.list.topLevelItemCount() == 1, dialog.line_error.text()
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveDeposit"), Qt.MouseButton.LeftButton)
    gift = Contribution.get(Contribution.reference == "55")
    assert (gift.pledge_id, gift.fund_id) == (pledge, roof)
    assert Contribution.get_by_id(pledge).outstanding_cents == 20000
