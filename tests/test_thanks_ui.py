"""The thank-you queue from the window, through its menus and buttons: letters for everyone
with a "received since" day, nothing left in the queue without a word, pledges thanked from
the queue, payments naming their pledge, and the salutation field's hint."""

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit
from test_letters_ui import answer_queue_dialog, shown_letters

from cars_desktop.core.letter_text import written_date
from cars_desktop.core.thanks import default_since
from cars_desktop.store import contributions, letters, partners, profile
from cars_desktop.store.models import Acknowledgement, Contribution
from cars_desktop.ui.contributions_tab import ThankDialog
from cars_desktop.ui.letters_window import LettersDialog
from helpers import norm

TODAY = dt.date.today()


def fill_profile():
    profile.save_group_profile({
        "name": "Riverbend Food Centre", "address_line1": "412 Main Street",
        "city": "Riverbend", "province": "MB", "postal_code": "R0G 1A0", "language": "en",
        "fiscal_year_start_month": 4, "signatory_name": "Anne Courchesne"})


def org(name, contact="Bob MacDonald", language="en") -> int:
    return partners.save_partner(
        {"kind": "organisation", "name": name, "sector": "voluntary",
         "partnership_type": "formal", "status": "active", "language": language,
         "address_line1": "75 Main Street", "city": "Sussex", "province": "NB",
         "postal_code": "E4E 1A1"}, [{"name": contact}])


def give(pid, **changes) -> int:
    return contributions.save_contribution(
        {"partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
         "amount": "100", "date": TODAY, "payment_method": "cheque", **changes})


def queue_rows(window) -> list[str]:
    """The partners in the Contributions tab's thank-you queue, as shown."""
    tab = window.contributions
    tab.queue_action.trigger()
    model = tab.model
    return sorted(model.data(model.index(row, 1)) for row in range(model.rowCount()))


def test_letters_for_everyone_keep_loans_and_pledges_and_say_what_stays(qtbot, window):
    fill_profile()
    kinsmen = org("Kinsmen Club")
    give(kinsmen, amount="100")
    give(kinsmen, amount="50")
    loan = give(kinsmen, kind="loan", amount="5000")
    pledge = give(kinsmen, status="pledged", amount="1000", payment_method="",
                  date_expected=TODAY + dt.timedelta(days=60))
    since = default_since(TODAY, 4)
    department = org("Department of Health", contact="Mary Smith")
    old = give(department, date=since - dt.timedelta(days=700))
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)

    seen = []
    answer_queue_dialog(qtbot, seen)
    tab.queue_letters_action.trigger()
    dialog = shown_letters(qtbot, tab)
    day = norm(written_date(since, "en"))
    shown_since, count = seen[0]
    assert shown_since == since  # the start of the last fiscal year, shown and changeable
    assert norm(count) == ("4 contributions from 1 partner will be thanked. 1 older gift not "
                           f"included: received before {day}. It stays in the thank-you queue; "
                           "choose an earlier date to thank it too.")
    kinds = [(letter.kind, letter.contribution_ids) for letter in dialog.batch.letters]
    assert kinds[1:] == [("cash", [loan]), ("pledge", [pledge])] and kinds[0][0] == "several"
    assert f"1 older gift not included: received before {day}" in norm(dialog.notes.text())

    dialog.mark_button.click()
    said = norm(dialog.went_out_label.text())
    assert "4 contributions marked as thanked by letter" in said
    assert said.endswith(f"1 contribution still waits in the thank-you queue: 1 older gift, "
                         f"received before {day}, the “Received since” date. Make the letters "
                         "again with an earlier date to thank it too.")
    assert letters.unthanked_ids() == [old]
    assert queue_rows(window) == ["Department of Health"]
    dialog.close()

    answer_queue_dialog(qtbot, seen, years_back=3)  # the volunteer chooses an earlier day
    tab.queue_letters_action.trigger()
    again = [d for d in tab.findChildren(LettersDialog) if d is not dialog][-1]
    qtbot.addWidget(again)
    assert seen[-1][0].year == since.year - 3 and "not included" not in seen[-1][1]
    assert again.batch.contribution_ids() == [old] and not again.notes.isVisible()
    again.mark_button.click()
    assert "The thank-you queue is now empty." in again.went_out_label.text()
    assert letters.unthanked_ids() == [] and queue_rows(window) == []


def test_cancel_makes_no_letters(qtbot, window):
    fill_profile()
    give(org("Kinsmen Club"))
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)
    seen = []
    answer_queue_dialog(qtbot, seen, make=False)
    tab.queue_letters_action.trigger()
    assert seen and tab.findChild(LettersDialog) is None
    assert "1 contribution from 1 partner will be thanked." in seen[0][1]


def test_a_new_pledge_is_in_the_queue_and_marked_thanked_like_a_gift(qtbot, window):
    pid = org("Kinsmen Club")
    pledge = give(pid, status="pledged", amount="1000", payment_method="")
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)
    assert queue_rows(window) == ["Kinsmen Club"]
    tab.view.select_row(0)

    def answer():
        thank = QApplication.activeModalWidget()
        assert isinstance(thank, ThankDialog)
        thank.method.setCurrentIndex(thank.method.findData("call"))
        thank.accept()

    QTimer.singleShot(0, answer)
    tab.thank_action.trigger()
    assert Contribution.get_by_id(pledge).thanked_on == TODAY
    assert Acknowledgement.get().method == "call"
    assert window.statusBar().currentMessage() == "1 contribution marked as thanked."
    assert queue_rows(window) == []
    payment = give(pid, amount="400", pledge_id=pledge)  # the money comes in: thanked again
    assert queue_rows(window) == ["Kinsmen Club"]
    tab.view.select_row(0)
    assert tab.view.selected_ids() == [payment]


def test_the_letter_for_a_payment_names_the_pledge(qtbot, window):
    fill_profile()
    pid = org("Kinsmen Club")
    pledge = give(pid, status="pledged", amount="1000", payment_method="",
                  date=TODAY - dt.timedelta(days=30))
    give(pid, amount="500", pledge_id=pledge, date=TODAY - dt.timedelta(days=20))
    second = give(pid, amount="500", pledge_id=pledge)
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)
    tab.refresh()
    tab.view.select_row(tab.model.row_of(second))
    tab.letters_action.trigger()
    dialog = shown_letters(qtbot, tab)
    letter, = dialog.batch.letters
    assert "thank you for your second and final payment of $500.00 on your pledge of " \
           "$1,000.00, received on" in norm(" ".join(letter.paragraphs))


def test_the_salutation_hint_is_readable(qtbot, window):
    tab = window.partners
    window.tabs.setCurrentWidget(tab)

    def answer():
        from cars_desktop.ui.partner_dialog import PartnerDialog

        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PartnerDialog)
        qtbot.mouseClick(dialog.add_contact, Qt.MouseButton.LeftButton)
        QApplication.processEvents()
        edit = dialog.findChild(QLineEdit, "contact_salutation")
        hint = edit.placeholderText()
        room = edit.contentsRect().width() - 2 * edit.style().pixelMetric(
            edit.style().PixelMetric.PM_DefaultFrameWidth) - 4
        found.append((hint, edit.fontMetrics().horizontalAdvance(hint), room, edit.toolTip()))
        dialog.reject()

    found = []
    QTimer.singleShot(0, answer)
    tab.new_action.trigger()
    hint, needed, room, tip = found[0]
    assert hint == "e.g. Dear Ann" and needed <= room, (needed, room)
    assert "Bonjour" in tip  # the rest of the story, a hover away
