"""The Partners tab and the partner dialog, driven like a volunteer would, on a real file."""

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cars_desktop.store import partners
from cars_desktop.store.models import ContactPerson, Contribution, Partner
from cars_desktop.ui.main_window import MainWindow
from cars_desktop.ui.partner_dialog import PartnerDialog
from helpers import answer_message_boxes, type_text

Yes, Cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel


def add(name, contacts=(), gift_cents=None, **changes):
    """A partner saved through the store, with a received gift when `gift_cents` is given."""
    values = {"kind": "organisation", "name": name, "sector": "voluntary",
              "partnership_type": "casual", "status": "active", "language": "en", **changes}
    pid = partners.save_partner(values, list(contacts))
    if gift_cents is not None:
        Contribution.create(partner=pid, family="cash", kind="one_time",
                            amount_cents=gift_cents, date=dt.date(2026, 1, 5))
    return pid


def first_row_selected(window):
    tab = window.partners
    tab.refresh()
    tab.select_row(0)
    return tab


def choose(dialog, sector="voluntary", partnership_type="casual"):
    for field, code in (("sector", sector), ("partnership_type", partnership_type)):
        combo = dialog.fields[field]
        combo.setCurrentIndex(combo.findData(code))


def shown_names(tab):
    model = tab.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_first_start_explains_what_to_do(window):
    tab = window.partners
    assert tab.view.currentWidget() is tab.view.empty
    assert "No partners yet" in tab.view.empty.text()
    assert not tab.edit_button.isEnabled()


def test_adding_a_partner_with_the_keyboard(qtbot, window):
    tab = window.partners

    def fill_dialog():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PartnerDialog)
        type_text(dialog.fields["name"], "Caisse populaire de Bouctouche")
        choose(dialog, "corporate", "formal")
        dialog.fields["language"].setCurrentIndex(dialog.fields["language"].findData("fr"))
        type_text(dialog.fields["city"], "Bouctouche")
        dialog.fields["province"].setCurrentIndex(dialog.fields["province"].findData("NB"))
        type_text(dialog.fields["postal_code"], "e4s3a1")
        type_text(dialog.fields["phone"], "506 555 0142")
        qtbot.mouseClick(dialog.findChild(type(tab.new_button), "addContact"),
                         Qt.MouseButton.LeftButton)
        row = dialog.contact_rows[0]
        type_text(row.edits["name"], "Marie-Hélène Brûlé")
        type_text(row.edits["email"], "mh.brule@caisse.ca")
        qtbot.keyClick(dialog.fields["name"], Qt.Key.Key_Return)  # Enter saves

    QTimer.singleShot(0, fill_dialog)
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    saved = Partner.get()
    assert (saved.name, saved.sector, saved.language, saved.postal_code, saved.phone) == \
        ("Caisse populaire de Bouctouche", "corporate", "fr", "E4S 3A1", "(506) 555-0142")
    assert ContactPerson.get().name == "Marie-Hélène Brûlé" and ContactPerson.get().is_primary
    assert shown_names(tab) == ["Caisse populaire de Bouctouche"]
    assert tab.selected_id() == saved.id
    assert tab.model.data(tab.model.index(0, 4)) == "Marie-Hélène Brûlé"


def test_bad_input_is_shown_next_to_each_field_and_nothing_is_saved(qtbot, window):
    dialog = PartnerDialog(window)
    dialog.show()
    type_text(dialog.fields["email"], "info@lions")
    type_text(dialog.fields["phone"], "555 01")
    dialog.fields["province"].setCurrentIndex(dialog.fields["province"].findData("ON"))
    type_text(dialog.fields["postal_code"], "E1A 1A1")
    dialog.add_contact_row(None)
    type_text(dialog.contact_rows[0].edits["email"], "nobody@")
    dialog.save()
    assert dialog.isVisible() and dialog.saved_id is None
    assert dialog.errors["name"].text() == "⚠ A name is needed."
    assert "looks incomplete" in dialog.errors["email"].text()
    assert "10 digits" in dialog.errors["phone"].text()
    assert "Ontario start with K, L, M, N or P" in dialog.errors["postal_code"].text()
    assert dialog.errors["sector"].text() == "⚠ Choose a sector."  # nothing chosen for them
    assert dialog.errors["name"].isVisible()
    contact_error = dialog.contact_rows[0].error
    assert contact_error.isVisible()
    assert "Name: A name is needed." in contact_error.text()
    assert "Email: This email address looks incomplete" in contact_error.text()
    assert dialog.focusWidget() is dialog.fields["name"]  # the first wrong field
    assert Partner.select().count() == 0
    # what was typed is all still there, and fixing it saves
    assert dialog.fields["email"].text() == "info@lions"
    type_text(dialog.fields["name"], "Perth Lions Club")
    choose(dialog)
    dialog.fields["email"].setText("info@perthlions.ca")
    dialog.fields["phone"].setText("613 555 0100")
    dialog.fields["postal_code"].setText("K7H 1A1")
    dialog.contact_rows[0].edits["name"].setText("Angus Sinclair")
    dialog.contact_rows[0].edits["email"].setText("angus@perthlions.ca")
    dialog.save()
    assert dialog.saved_id is not None
    assert not dialog.errors["name"].isVisible()
    assert not dialog.contact_rows[0].error.isVisible()
    assert Partner.get().email == "info@perthlions.ca"


def test_editing_a_partner_and_its_contacts(qtbot, window):
    pid = add("Town of Sussex", contacts=[{"name": "Mary Fraser"}, {"name": "Ian Reid"}])
    dialog = PartnerDialog(window, first_row_selected(window).selected_id())
    assert dialog.fields["name"].text() == "Town of Sussex"
    assert [r.edits["name"].text() for r in dialog.contact_rows] == ["Mary Fraser", "Ian Reid"]
    dialog.contact_rows[1].primary.setChecked(True)
    dialog._remove_contact_row(dialog.contact_rows[0])
    dialog.fields["name"].setText("Town of Sussex Recreation")
    dialog.save()
    assert Partner.get_by_id(pid).name == "Town of Sussex Recreation"
    assert [(c.name, c.is_primary) for c in ContactPerson.select()] == [("Ian Reid", True)]


def test_cancelling_with_changes_asks_before_losing_them(qtbot, window):
    dialog = PartnerDialog(window)
    dialog.show()
    type_text(dialog.fields["name"], "Half-typed partner")
    seen = []
    answer_message_boxes([Cancel], seen)
    dialog.reject()
    assert dialog.isVisible() and "not saved" in seen[0]
    assert dialog.fields["name"].text() == "Half-typed partner"


def test_a_similar_name_warns_before_a_duplicate_is_made(qtbot, window):
    add("Marie-Hélène Brûlé", kind="person")
    dialog = PartnerDialog(window)
    dialog.show()
    type_text(dialog.fields["name"], "marie helene brule")
    choose(dialog)
    dialog.fields["name"].editingFinished.emit()
    assert dialog.similar_label.isVisible()
    assert "Marie-Hélène Brûlé" in dialog.similar_label.text()
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Cancel], seen)
    dialog.save()
    assert "Save this as a new partner anyway?" in seen[0]
    assert Partner.select().count() == 1


def test_search_as_you_type_ignores_accents(qtbot, window):
    for name in ("Pharmacie Lefèvre", "Perth Lions Club", "Bibliothèque de Hearst"):
        add(name)
    add("Kenora Co-op", contacts=[{"name": "Émile Côté"}])
    tab = window.partners
    tab.refresh()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is tab.search
    type_text(tab.search, "lefevre")
    assert shown_names(tab) == ["Pharmacie Lefèvre"]
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)  # Enter: on to the first partner found
    assert window.focusWidget() is tab.table and tab.edit_button.isEnabled()
    assert tab.model.data(tab.model.index(tab.table.currentIndex().row(), 0)) == \
        "Pharmacie Lefèvre"
    tab.search.clear()
    type_text(tab.search, "COTE")
    assert shown_names(tab) == ["Kenora Co-op"]
    type_text(tab.search, "zzz")
    assert tab.view.currentWidget() is tab.view.empty
    assert "No partner matches" in tab.view.empty.text()
    tab.view.empty.linkActivated.emit("clear")
    assert tab.search.text() == "" and len(shown_names(tab)) == 4
    assert tab.count_label.text() == "4 partners"
    partners.archive_partner(Partner.get(Partner.name == "Perth Lions Club").id)
    tab.refresh()
    assert tab.count_label.text() == "3 partners (1 archived not shown)"


def test_filters_and_sorting_by_a_column(qtbot, window):
    add("Drumheller Hospital", sector="public", partnership_type="formal")
    add("Gimli Legion", sector="voluntary")
    add("Nelson Co-op", sector="corporate")
    tab = window.partners
    tab.refresh()
    tab.sector.setCurrentIndex(tab.sector.findData("voluntary"))
    assert shown_names(tab) == ["Gimli Legion"]
    assert tab.count_label.text() == "1 of 3 partners shown"
    tab.sector.setCurrentIndex(0)
    tab.ptype.setCurrentIndex(tab.ptype.findData("formal"))
    assert shown_names(tab) == ["Drumheller Hospital"]
    tab.ptype.setCurrentIndex(0)
    tab.table.horizontalHeader().sectionClicked.emit(0)  # as a click on "Name" does
    tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert shown_names(tab) == ["Nelson Co-op", "Gimli Legion", "Drumheller Hospital"]


def test_archive_hides_and_bring_back(qtbot, window):
    pid = add("Old Mill Society", contacts=[{"name": "Brian Walsh"}], gift_cents=1000,
              status="prospect")
    tab = first_row_selected(window)
    assert tab.archive_button.text() == "Archi&ve"
    qtbot.mouseClick(tab.archive_button, Qt.MouseButton.LeftButton)
    assert Partner.get_by_id(pid).status == "archived"
    assert shown_names(tab) == []
    assert "is archived" in window.statusBar().currentMessage()
    tab.status.setCurrentIndex(tab.status.findData("all"))
    assert shown_names(tab) == ["Old Mill Society"]
    tab.select_row(0)
    assert tab.archive_button.text() == "Bring &back"
    assert tab.archive_action.text() == "Bring &back"  # the menu says the same
    qtbot.mouseClick(tab.archive_button, Qt.MouseButton.LeftButton)
    assert Partner.get_by_id(pid).status == "prospect"


def test_actions_follow_the_selection(qtbot, window):
    add("Nelson Rotary")
    tab = window.partners
    tab.refresh()
    assert not tab.edit_action.isEnabled() and not tab.edit_button.isEnabled()
    tab.select_row(0)
    assert tab.edit_action.isEnabled() and tab.edit_button.isEnabled()
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Pa&rtner")
    assert tab.edit_action in menu.actions() and tab.erase_action in menu.actions()
    assert tab.edit_action in tab.table.actions()  # right-click menu


def test_shortcuts_work_in_an_active_window(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    tab = window.partners
    add("Nelson Rotary")
    tab.refresh()
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is tab.search
    opened = []

    def close_dialog():
        dialog = QApplication.activeModalWidget()
        opened.append(type(dialog).__name__)
        dialog.done(0)

    QTimer.singleShot(0, close_dialog)
    qtbot.keyClick(tab.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["PartnerDialog"]


def test_delete_of_a_partner_with_history_offers_archive(qtbot, window):
    pid = add("Nelson Rotary", gift_cents=1000)
    tab = first_row_selected(window)
    seen = []
    answer_message_boxes([Yes], seen)
    tab.delete_action.trigger()
    assert "archived, never deleted" in seen[0]
    assert Partner.get_by_id(pid).status == "archived"


def test_erase_asks_twice_and_removes_personal_information(qtbot, window):
    pid = add("Geneviève Thériault", kind="person", email="gen@bell.ca",
              contacts=[{"name": "Geneviève Thériault"}], gift_cents=25000)
    tab = first_row_selected(window)
    seen = []
    answer_message_boxes([Yes, Cancel], seen)  # changes their mind at the second question
    tab.erase_action.trigger()
    assert len(seen) == 2 and "cannot be undone" in seen[1]
    assert Partner.get_by_id(pid).name == "Geneviève Thériault"
    seen.clear()
    answer_message_boxes([Yes, Yes], seen)
    tab.erase_action.trigger()
    erased = Partner.get_by_id(pid)
    assert erased.name == partners.ERASED_NAME and erased.email == ""
    assert Contribution.get().amount_cents == 25000
    assert shown_names(tab) == []  # erased partners are archived


def test_window_layout_is_remembered(qtbot, store):
    first = MainWindow(store)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 500)  # the offscreen screen is 800 x 600
    first.partners.table.setColumnWidth(1, 177)
    first.partners.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    first.close()
    second = MainWindow(store)
    qtbot.addWidget(second)
    second.show()
    assert (second.size().width(), second.size().height()) == (760, 500)
    assert second.partners.table.columnWidth(1) == 177
    assert (second.partners.records.sort_key, second.partners.records.descending) == \
        ("status", True)


def test_back_up_now(qtbot, window, store):
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Ok], seen)
    window.back_up_now()
    assert "saved as" in seen[0]
    assert len(list(store.backup_dir.glob("cars-desktop-chosen-*.sqlite3"))) == 1
    assert window.backup_label.text().startswith("Last backup:")


def test_lists_start_in_their_natural_order(qtbot, window):
    for name in ("Bonavista Co-op", "Amqui Radio", "Caraquet Lions"):
        add(name)
    window.partners.refresh()
    assert shown_names(window.partners) == ["Amqui Radio", "Bonavista Co-op", "Caraquet Lions"]
    header = window.partners.table.horizontalHeader()
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert window.contributions.records.descending  # newest contributions first
