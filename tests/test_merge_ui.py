"""Merging two partners in the window, as a volunteer does it: from the Partner menu or the
possible duplicates, choosing the other partner and what to keep, then undoing the merge; on
the 1366×768 screen, every tab shown again after."""

import datetime as dt

import accessibility_kit as kit
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QMessageBox, QRadioButton

from cars_desktop.store import contributions, maintenance, partners
from cars_desktop.store.models import ContactPerson, Contribution, Partner, PartnerMerge
from cars_desktop.ui.duplicates_window import DuplicatesWindow
from cars_desktop.ui.merge_dialog import ChooseOtherDialog, MergeDialog
from helpers import menu_action, type_text
from window_watch import misfits

DAY = dt.date.today()
LEFT = Qt.MouseButton.LeftButton


def partner(name, contacts=(), **changes):
    values = {"kind": "organisation", "name": name, "sector": "voluntary",
              "partnership_type": "casual", "status": "active", "language": "en", **changes}
    return partners.save_partner(values, [{"name": c} for c in contacts])


def gift(pid, amount):
    return contributions.save_contribution({
        "partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
        "amount": amount, "date": DAY, "payment_method": "cheque"})


def when_open(kind, then, seen):
    """Call `then(window)` once a modal window of class `kind` is up; `seen` keeps the
    problems of how it sits on the screen."""
    def look():
        shown = QApplication.activeModalWidget()
        if isinstance(shown, kind):
            seen.extend(misfits(shown))
            then(shown)
        else:
            QTimer.singleShot(20, look)
    QTimer.singleShot(20, look)


def two_lions(window):
    kept = partner("Lions Club of Shediac", ["Marc Cormier"], city="Shediac",
                   notes="Meets on Tuesdays.")
    removed = partner("Lions Club Shediac Inc", ["Anne Leger", "Paul Roy"],
                      email="lions@example.ca", sector="community", notes="Treasurer in June.")
    gift(kept, "250.00")
    gift(removed, "400.00")
    gift(removed, "75.00")
    maintenance.log_contact(removed, DAY, "call", "Anne", "Breakfast program")
    tab = window.partners
    tab.refresh(select_id=kept)
    return kept, removed


def radio(dialog, name):
    return dialog.findChild(QRadioButton, name)


def click_radio(qtbot, button):
    """On its round mark, where a click always lands (the button may be wider than its text)."""
    qtbot.mouseClick(button, LEFT, pos=QPoint(8, button.height() // 2))


def test_merging_from_the_partner_menu_then_undoing_it(qtbot, window):
    kept, removed = two_lions(window)
    tab = window.partners
    window.tabs.setCurrentWidget(window.contributions)  # read once shown, then kept up
    assert window.contributions.model.rowCount() == 3
    window.tabs.setCurrentWidget(tab)
    problems, said = [], []

    def choose_other(dialog: ChooseOtherDialog):
        type_text(dialog.picker, "Lions Club of Shediac")  # itself first: refused
        qtbot.mouseClick(dialog.next_button, LEFT)
        said.append(dialog.error.text())
        dialog.picker.clear()
        type_text(dialog.picker, "Lions Club Shediac Inc")
        assert dialog.picker.partner_id == removed
        when_open(MergeDialog, decide, problems)
        qtbot.mouseClick(dialog.next_button, LEFT)

    def decide(dialog: MergeDialog):
        texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
        said.append(texts)
        assert radio(dialog, "sector_kept").isChecked()
        assert radio(dialog, "email_removed").isChecked()  # the kept one had none
        assert radio(dialog, "notes_both").isChecked()
        click_radio(qtbot, radio(dialog, "sector_removed"))
        click_radio(qtbot, radio(dialog, "notes_kept"))
        assert dialog.values()["sector"] == "removed"
        qtbot.mouseClick(dialog.merge_button, LEFT)

    when_open(ChooseOtherDialog, choose_other, problems)
    menu_action(window, "Partner › Merge with another partner…").trigger()
    assert "cannot be merged with itself" in said[0]
    assert "Moves to “Lions Club of Shediac”: 2 gifts, 2 contact people and 1 entry of the " \
           "communication log." in said[1]
    assert not problems, problems

    row = Partner.get_by_id(kept)
    assert (row.sector, row.email, row.notes) == ("community", "lions@example.ca",
                                                  "Meets on Tuesdays.")
    assert not Partner.select().where(Partner.id == removed).exists()
    # every tab shows it at once: one partner, its three gifts, the note in its log
    assert tab.model.rowCount() == 1 and tab.selected_id() == kept
    assert tab.history.records.partner_id == kept
    assert tab.history.view.model.rowCount() == 3
    assert tab.history.log.total() == 2
    contributions_tab = window.contributions
    names = {contributions_tab.model.data(contributions_tab.model.index(r, 1))
             for r in range(contributions_tab.model.rowCount())}
    assert names == {"Lions Club of Shediac"}
    assert "Merged" in window.statusBar().currentMessage()

    # Partner › Undo a merge…: picked in the list, then confirmed
    def pick(dialog: QInputDialog):
        assert "“Lions Club Shediac Inc” merged into “Lions Club of Shediac”" in \
            dialog.comboBoxItems()[0]
        when_open(QMessageBox, confirm, problems)
        dialog.accept()

    def confirm(box: QMessageBox):
        said.append(box.text())
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), LEFT)

    when_open(QInputDialog, pick, problems)
    menu_action(window, "Partner › Undo a merge…").trigger()
    assert "Bring “Lions Club Shediac Inc” back" in said[2]
    assert PartnerMerge.get().undone_at
    assert Partner.get_by_id(removed).sector == "community"
    assert Partner.get_by_id(kept).sector == "voluntary"
    assert sorted(c.partner_id for c in Contribution.select()) == [kept, removed, removed]
    assert tab.model.rowCount() == 2
    assert len({contributions_tab.model.data(contributions_tab.model.index(r, 1))
                for r in range(contributions_tab.model.rowCount())}) == 2
    assert not problems, problems


def test_keeping_the_other_one_instead(qtbot, window):
    kept, removed = two_lions(window)
    problems = []

    def decide(dialog: MergeDialog):
        qtbot.mouseClick(dialog.swap_button, LEFT)
        assert dialog.preview.kept_id == removed
        assert radio(dialog, "name_kept").text() == "Lions Club Shediac Inc"
        qtbot.mouseClick(dialog.merge_button, LEFT)

    when_open(MergeDialog, decide, problems)
    from cars_desktop.ui.merge_dialog import merge_pair

    assert merge_pair(window.partners, kept, removed) == removed
    assert not Partner.select().where(Partner.id == kept).exists()
    assert [c.name for c in ContactPerson.select().where(ContactPerson.partner == removed)
            .order_by(ContactPerson.position)] == ["Anne Leger", "Paul Roy", "Marc Cormier"]
    assert not problems, problems


def test_possible_duplicates_window_merges_the_pair_chosen(qtbot, window):
    lions, lions_again = two_lions(window)
    caisse = partner("Caisse Beausejour", email="info@caisse.ca")
    partner("Caisse populaire Beausejour", email="INFO@caisse.ca")
    menu_action(window, "Partner › Possible duplicates…").trigger()
    dupes = next(w for w in window.findChildren(DuplicatesWindow) if w.isVisible())
    assert not misfits(dupes)
    model = dupes.view.model
    assert model.rowCount() == 1
    assert [model.data(model.index(0, c)) for c in (0, 2, 4)] == [
        "Caisse Beausejour", "Caisse populaire Beausejour", "same email"]
    assert dupes.count.text() == "1 pair of partners may be the same one."
    problems = []

    def decide(dialog: MergeDialog):
        assert dialog.preview.kept_id == caisse
        qtbot.mouseClick(dialog.merge_button, LEFT)

    when_open(MergeDialog, decide, problems)
    dupes.view.select_row(0)
    qtbot.mouseClick(dupes.merge_button, LEFT)
    assert model.rowCount() == 0 and not dupes.merge_button.isEnabled()
    assert "No partners look alike" in dupes.view.empty.text()
    assert window.partners.model.rowCount() == 3  # the list behind shows it already
    assert window.partners.selected_id() == caisse
    qtbot.mouseClick(dupes.findChild(type(dupes.merge_button), "closeDuplicates"), LEFT)
    assert not dupes.isVisible() and not problems
    assert lions and lions_again


def test_the_merge_window_fits_a_small_screen_with_long_texts(qtbot, window):
    kept = partner("A" * 90 + " & Sons", notes="Long notes. " * 80, strengths="x" * 300)
    removed = partner("B" * 90, notes="Other notes. " * 80, strengths="y" * 300,
                      shared_goal="A shared goal", city="Shediac", email="b@example.ca",
                      phone="506 555 0142", website="https://example.ca")
    dialog = MergeDialog(window, kept, removed)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not misfits(dialog)
    try:  # every choice named for a screen reader, reached by Tab, no Alt+letter twice
        assert kit.problems(dialog) == []
    finally:
        kit.forget_walked()
    name = radio(dialog, "name_kept")
    assert name.text().endswith("…") and "&&" not in name.text()[:90]
    assert "Long notes." in name.window().findChild(QRadioButton, "notes_kept").toolTip()
    assert radio(dialog, "notes_both").isChecked()
    assert dialog.values()["website"] == "removed"
    dialog.choose("website", "kept")
    assert dialog.values()["website"] == "kept"
    said = []  # a choice made is not lost without a word
    when_open(QMessageBox, lambda box: (said.append(box.text()), box.button(
        QMessageBox.StandardButton.Discard).click()), said)
    dialog.close()
    assert said == ["You have changes that are not saved. Discard them?"]
    assert Partner.select().count() == 2


def test_undo_a_merge_with_nothing_to_undo(qtbot, window):
    said, problems = [], []
    when_open(QMessageBox, lambda box: (said.append(box.text()), box.accept()), problems)
    menu_action(window, "Partner › Undo a merge…").trigger()
    assert said == ["There is no merge to undo."]


def test_merging_from_the_similar_name_warning_while_editing(qtbot, window):
    from cars_desktop.ui.partner_dialog import PartnerDialog

    kept = partner("Club Lions de Shediac", city="Shediac")
    other = partner("Club Lion de Shediac", email="lions@example.ca")
    gift(other, "60.00")
    window.partners.refresh(select_id=kept)
    problems = []

    def edit(dialog: PartnerDialog):
        dialog.check_similar()  # what leaving the name field does
        assert dialog.merge_button.isVisible()
        assert "Club Lion de Shediac" in dialog.similar_label.text()
        when_open(MergeDialog, lambda merging: qtbot.mouseClick(merging.merge_button, LEFT),
                  problems)
        qtbot.mouseClick(dialog.merge_button, LEFT)

    when_open(PartnerDialog, edit, problems)
    window.partners.edit_action.trigger()
    assert Partner.get_or_none(Partner.id == other) is None
    assert [c.amount_cents for c in Contribution.select().where(
        Contribution.partner == kept)] == [6000]
    assert window.partners.selected_id() == kept and not problems
