"""The contribution dialog as a volunteer treasurer met it on a first try: receipt advice for a
group that is not a registered charity, payments on a pledge, the date of a new gift, a form
that stays still, a gift entered twice, and the keyboard. Driven through its controls."""

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cars_desktop.core.receipts import receipt_advice
from cars_desktop.store import contributions, partners, profile
from cars_desktop.store.models import Contribution
from cars_desktop.ui.contribution_dialog import ContributionDialog

TODAY = dt.date.today()
Save, Cancel = QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Cancel
Discard = QMessageBox.StandardButton.Discard


def partner(name, **changes):
    values = {"kind": "organisation", "name": name, "sector": "corporate",
              "partnership_type": "formal", "status": "active", "language": "en", **changes}
    return partners.save_partner(values, [])


def registered(yes: bool) -> None:
    profile.save_group_profile({"name": "Riverbend Food Centre", "language": "en",
                                "fiscal_year_start_month": 1, "registered_charity": yes,
                                "charity_number": "123456789 RR 0001" if yes else ""})


def opened(qtbot, window, **where) -> ContributionDialog:
    dialog = ContributionDialog(window, **where)  # goes with the window, unasked
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose(qtbot, combo, text: str) -> None:
    """Pick the item of a list that starts with `text` with the keyboard: Home, then Down."""
    items = [combo.itemText(i) for i in range(combo.count())]
    index = next(i for i, item in enumerate(items) if item.startswith(text))
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(index):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentIndex() == index, items


def answer_next_box(qtbot, button, seen: list) -> None:
    """Click `button` in the next message box, noting its text and whether it was plain."""
    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append((box.text(), box.textFormat()))
        click(qtbot, box.button(button))
    QTimer.singleShot(20, answer)


# 4. Receipts only from a registered charity


@pytest.mark.parametrize("kind", ["one_time", "loan", "products"])
def test_a_group_that_is_not_a_registered_charity_is_told_it_gives_no_receipts(kind):
    advice = receipt_advice(kind, "received", 10000, in_kind=kind == "products",
                            registered=False)
    assert not advice.eligible and advice.eligible_cents == 0
    assert advice.sentence().startswith("Not for a tax receipt: Your group is not a registered "
                                        "charity, so it cannot give official tax receipts")


def test_receipt_advice_follows_the_registered_charity_setting(qtbot, window):
    registered(False)
    dialog = opened(qtbot, window, partner_id=partner("Young Hardware"))
    qtbot.keyClicks(dialog.amount, "250")
    assert "not a registered charity" in dialog.advice.text()
    assert "May go on a tax receipt" not in dialog.advice.text()
    click(qtbot, dialog.family_buttons["in_kind"])  # whatever the kind, the same answer
    assert "not a registered charity" in dialog.advice.text()

    registered(True)
    dialog = opened(qtbot, window, partner_id=partner("Kenora Co-op"))
    qtbot.keyClicks(dialog.amount, "250")
    assert dialog.advice.text() == "May go on a tax receipt: Can be receipted."
    choose(qtbot, dialog.kind, "Loan")
    assert dialog.advice.text().startswith("Not for a tax receipt: A loan is paid back")
    assert dialog.advice.textFormat() == Qt.TextFormat.PlainText


# 8. A payment on a pledge


def test_choosing_a_partner_with_an_open_pledge_proposes_it_with_its_purpose(qtbot, window):
    pid = partner("Caisse populaire de Bouctouche")
    pledge = contributions.save_contribution({
        "partner_id": pid, "family": "cash", "kind": "annual", "status": "pledged",
        "amount": "1000", "date": TODAY - dt.timedelta(days=60),
        "date_expected": TODAY + dt.timedelta(days=30), "purpose": "Breakfast program"})
    dialog = opened(qtbot, window)
    qtbot.keyClicks(dialog.partner, "Caisse populaire de Bouctouche")
    assert dialog.partner.partner_id == pid
    assert dialog.form.isRowVisible(dialog.pledge) and dialog.pledge.currentData() == pledge
    assert "Breakfast program" in dialog.pledge.currentText()
    assert dialog.purpose.text() == "Breakfast program"  # carried over from the pledge

    choose(qtbot, dialog.pledge, "No")  # not a payment after all: its purpose goes with it
    assert dialog.purpose.text() == ""
    qtbot.keyClicks(dialog.purpose, "Spring supper")
    choose(qtbot, dialog.pledge, "20")  # the pledge again: what was typed stays
    assert dialog.purpose.text() == "Spring supper"
    dialog.purpose.clear()
    choose(qtbot, dialog.pledge, "No")
    choose(qtbot, dialog.pledge, "20")
    assert dialog.purpose.text() == "Breakfast program"

    qtbot.keyClicks(dialog.amount, "400")
    click(qtbot, dialog.save_close)
    payment = Contribution.get(Contribution.status == "received")
    assert (payment.pledge_id, payment.purpose) == (pledge, "Breakfast program")
    assert Contribution.get_by_id(pledge).outstanding_cents == 60000


def test_a_new_pledge_is_not_taken_for_a_payment(qtbot, window):
    pid = partner("Hearst Co-op")
    contributions.save_contribution({
        "partner_id": pid, "family": "cash", "kind": "one_time", "status": "pledged",
        "amount": "300", "date": TODAY, "date_expected": TODAY + dt.timedelta(days=30),
        "purpose": "Roof"})
    dialog = opened(qtbot, window, partner_id=pid)
    assert dialog.pledge.currentIndex() == 1 and dialog.purpose.text() == "Roof"
    choose(qtbot, dialog.status, "Pledged")  # a second promise: nothing of the first is kept
    assert not dialog.form.isRowVisible(dialog.pledge) and dialog.purpose.text() == ""


def test_editing_a_gift_keeps_its_own_pledge_and_purpose(qtbot, window):
    pid = partner("Amqui Radio")
    pledge = contributions.save_contribution({
        "partner_id": pid, "family": "cash", "kind": "one_time", "status": "pledged",
        "amount": "300", "date": TODAY, "date_expected": TODAY + dt.timedelta(days=30),
        "purpose": "Roof"})
    own = contributions.save_contribution({"partner_id": pid, "family": "cash",
                                           "kind": "one_time", "status": "received",
                                           "amount": "50", "date": TODAY})
    dialog = opened(qtbot, window, contribution_id=own)
    assert dialog.pledge.currentData() is None and dialog.purpose.text() == ""
    click(qtbot, dialog.save_close)
    assert Contribution.get_by_id(own).pledge_id is None
    assert Contribution.get_by_id(pledge).outstanding_cents == 30000


# 12. The date of a new gift


def test_a_new_gift_starts_on_today_and_only_save_and_add_next_keeps_a_date(qtbot, window):
    pid = partner("Souris Lions Club")
    dialog = opened(qtbot, window, partner_id=pid)
    choose(qtbot, dialog.status, "Pledged")
    dialog.date.setFocus()
    qtbot.keyClick(dialog.date, Qt.Key.Key_Down)  # a day back: a pledge made yesterday
    promised = dialog.date.date().toPython()
    assert promised < TODAY
    qtbot.keyClicks(dialog.amount, "900")
    assert not dialog.form.isRowVisible(dialog.date_note)
    click(qtbot, dialog.save_next)
    assert Contribution.get().date == promised
    # the next one in the same sitting keeps the date, and says so beside it
    assert dialog.date.date().toPython() == promised
    assert dialog.form.isRowVisible(dialog.date_note) and dialog.date_note.isVisible()
    assert dialog.date_note.text() == "Date kept from the last gift you saved."
    dialog.date.setFocus()
    qtbot.keyClick(dialog.date, Qt.Key.Key_Up)  # changing the date: the note has done its work
    assert not dialog.date_note.isVisible()
    seen = []
    answer_next_box(qtbot, Discard, seen)  # the changed date is not kept
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))
    assert seen and not dialog.isVisible()

    fresh = opened(qtbot, window, partner_id=pid)  # a new gift later: today, with no note
    assert fresh.date.date().toPython() == TODAY
    assert not fresh.date_note.isVisible()


def test_saving_next_on_today_needs_no_note(qtbot, window):
    dialog = opened(qtbot, window, partner_id=partner("Bonavista Rotary Club"))
    qtbot.keyClicks(dialog.amount, "20")
    click(qtbot, dialog.save_next)
    assert "Saved: Bonavista Rotary Club" in dialog.saved_label.text()
    assert dialog.date.date().toPython() == TODAY and not dialog.date_note.isVisible()


def test_an_advantage_worth_the_whole_gift_is_said_under_its_row(qtbot, window):
    dialog = opened(qtbot, window, partner_id=partner("Gander Curling Club"))
    qtbot.keyClicks(dialog.amount, "100")
    qtbot.keyClicks(dialog.advantage, "100")
    qtbot.keyClicks(dialog.advantage_text, "A dinner for two")
    click(qtbot, dialog.save_next)
    assert Contribution.select().count() == 0
    line = dialog.errors["advantage_cents"]
    assert line.isVisible() and "worth less than the gift" in line.text()


# 17. Nothing jumps


def where(dialog, widget) -> tuple:
    return widget.mapTo(dialog, QPoint(0, 0)).toTuple(), widget.size().toTuple()


def test_switching_family_kind_and_status_moves_nothing_under_the_pointer(qtbot, window):
    pid = partner("Gravelbourg Legion")
    contributions.save_contribution({  # a pledge: its row shows for received gifts
        "partner_id": pid, "family": "cash", "kind": "one_time", "status": "pledged",
        "amount": "300", "date": TODAY, "date_expected": TODAY + dt.timedelta(days=30)})
    dialog = opened(qtbot, window, partner_id=pid)
    steady = [dialog.family_buttons["cash"], dialog.family_buttons["in_kind"], dialog.kind,
              dialog.status, dialog.amount, dialog.save_next, dialog.save_close]

    def layout():
        QApplication.processEvents()
        return [where(dialog, w) for w in steady], dialog.size().toTuple()

    before = layout()
    seen_rows = set()
    for family, kinds in (("in_kind", ["Service", "Products", "Facilities"]),
                          ("cash", ["Matching", "Loan", "One-time"])):
        click(qtbot, dialog.family_buttons[family])
        assert layout() == before, family
        for kind in kinds:
            choose(qtbot, dialog.kind, kind)
            assert layout() == before, kind
            for status in ("Pledged", "Cancelled", "Received"):
                choose(qtbot, dialog.status, status)
                assert layout() == before, (family, kind, status)
                seen_rows.add(sum(dialog.form.isRowVisible(dialog.fields[f])
                                  for f in ("date_expected", "pledge_id", "payment_method",
                                            "reference", "minutes", "valued_by",
                                            "description", "appraised",
                                            "credited_partner_id")))
    assert len(seen_rows) > 2  # rows did come and go
    # and a kept date's note after "Save and add next" moves nothing either
    qtbot.keyClicks(dialog.amount, "25")
    dialog.date.setFocus()
    qtbot.keyClick(dialog.date, Qt.Key.Key_Down)
    choose(qtbot, dialog.pledge, "No")
    click(qtbot, dialog.save_next)
    assert dialog.date_note.isVisible()
    assert layout() == before


# 18. A gift entered twice


def test_a_gift_entered_twice_is_questioned_before_it_is_saved(qtbot, window):
    pid = partner("Bob <b>Smith</b> <!--", kind="person", sector="community")
    contributions.save_contribution({"partner_id": pid, "family": "cash", "kind": "one_time",
                                     "status": "received", "amount": "125.50", "date": TODAY})
    dialog = opened(qtbot, window, partner_id=pid)
    qtbot.keyClicks(dialog.amount, "125.50")
    seen = []
    answer_next_box(qtbot, Cancel, seen)  # "Go back"
    click(qtbot, dialog.save_close)
    qtbot.waitUntil(lambda: bool(seen))
    text, form = seen[0]
    assert text == (f"This looks like a gift already recorded: Bob <b>Smith</b> <!--, "
                    f"{TODAY:%Y-%m-%d}, One-time gift, $125.50. Save it anyway?")
    assert form == Qt.TextFormat.PlainText
    assert Contribution.select().count() == 1 and dialog.isVisible()
    assert dialog.amount.text() == "$125.50"  # everything typed is still there

    answer_next_box(qtbot, Save, seen)  # "Save anyway"
    click(qtbot, dialog.save_close)
    assert Contribution.select().count() == 2 and not dialog.isVisible()


def test_the_question_names_its_answers_and_different_gifts_pass_without_it(qtbot, window):
    pid = partner("Kenora Co-op")
    first = contributions.save_contribution({"partner_id": pid, "family": "cash",
                                             "kind": "one_time", "status": "received",
                                             "amount": "40", "date": TODAY})
    dialog = opened(qtbot, window, partner_id=pid)
    qtbot.keyClicks(dialog.amount, "40")
    names = []

    def look():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isActiveWindow():
            QTimer.singleShot(20, look)
            return
        names.extend(b.text() for b in box.buttons())
        assert box.defaultButton() is box.button(Cancel)
        qtbot.keyClick(box, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # Alt+G: go back
    QTimer.singleShot(20, look)
    click(qtbot, dialog.save_next)
    assert sorted(names) == ["&Go back", "&Save anyway"]
    assert Contribution.select().count() == 1

    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "41")  # another amount: no question
    click(qtbot, dialog.save_next)
    assert Contribution.select().count() == 2
    # correcting the first gift's note is not entering it twice
    editing = opened(qtbot, window, contribution_id=first)
    qtbot.keyClicks(editing.purpose, "Fall supper")
    click(qtbot, editing.save_close)
    assert Contribution.get_by_id(first).purpose == "Fall supper"


# Keyboard


def test_alt_c_and_alt_i_choose_cash_or_a_gift_in_kind(qtbot, window):
    dialog = opened(qtbot, window, partner_id=partner("Amqui Radio"))
    qtbot.keyClick(dialog.amount, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.family_buttons["in_kind"].isChecked)  # a click, shown as one
    assert dialog.kind.currentData() == "products"
    qtbot.keyClick(dialog.amount, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.family_buttons["cash"].isChecked)


def test_alt_d_discards_changes_when_closing(qtbot, window):
    dialog = opened(qtbot, window, partner_id=partner("Perth Lions Club"))
    qtbot.keyClicks(dialog.amount, "75")
    texts = []

    def discard():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isActiveWindow():
            QTimer.singleShot(20, discard)
            return
        texts.append((box.text(), [b.text() for b in box.buttons()]))
        qtbot.keyClick(box, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    QTimer.singleShot(20, discard)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Escape)
    assert texts[0][0] == "You have changes that are not saved. Discard them?"
    assert sorted(texts[0][1]) == ["&Discard", "&Keep editing"]
    assert not dialog.isVisible() and Contribution.select().count() == 0
