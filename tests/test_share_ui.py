"""Sharing changes, settling and reading the history through the window, as a volunteer
does: the menus, the name typed once, the folder, the Share button; the same field changed on
two laptops settled by choosing a value; a change undone from the History window."""

from __future__ import annotations

from laptops_kit import opened, sync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from cars_desktop.store import change_packs, database, history
from cars_desktop.store.models import Partner
from cars_desktop.ui.history_window import HistoryWindow
from cars_desktop.ui.main_window import MainWindow
from cars_desktop.ui.settle_window import SettleWindow
from cars_desktop.ui.share_dialog import ShareDialog
from helpers import answer_message_boxes, choose_in_file_dialog, menu_action
from letter_kit import org


def _window(qtbot, store) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    return window


def _share(qtbot, window, folder, name: str | None = None) -> ShareDialog:
    menu_action(window, "File › Share changes…").trigger()
    dialog = window.findChildren(ShareDialog)[-1]
    if name is not None:
        dialog.name.clear()
        qtbot.keyClicks(dialog.name, name)
    dialog.folder.clear()
    qtbot.keyClicks(dialog.folder, str(folder))
    qtbot.mouseClick(dialog.share_button, Qt.MouseButton.LeftButton)
    return dialog


def test_two_laptops_share_through_the_window_and_settle_a_clash(qtbot, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    with opened(tmp_path / "A", "Anne"):
        org("Co-op Santé", city="Rimouski")
        change_packs.sync(stick)
    store = database.open_store(tmp_path / "B")
    try:
        window = _window(qtbot, store)
        dialog = _share(qtbot, window, stick)
        assert "Give your name first" in dialog.result.toPlainText()  # asked the first time
        qtbot.keyClicks(dialog.name, "Bruno")
        seen = []  # an empty laptop starts from the group's copy in the folder
        answer_message_boxes(["&Start from it", QMessageBox.StandardButton.Ok], seen)
        qtbot.mouseClick(dialog.share_button, Qt.MouseButton.LeftButton)
        assert "the folder holds the group's data" in seen[0]
        assert seen[1].startswith("This laptop now holds your group's data")
        store = window.store
        assert history.volunteer() == "Bruno"
        assert "changes of other laptops applied here" in dialog.result.toPlainText()
        assert window.partners.model.rowCount() == 1  # the list shows what came
        dialog.close()
        again = _share(qtbot, window, stick)
        assert again.name.text() == "Bruno"  # asked once, kept
        partner = Partner.get()
        partner.city = "Matane"
        partner.save()
        again.close()
    finally:
        store.close()
    with opened(tmp_path / "A"):
        partner = Partner.get()
        partner.city = "Amqui"
        partner.save()
        change_packs.sync(stick)
    store = database.open_store(tmp_path / "B")
    try:
        window = _window(qtbot, store)
        dialog = _share(qtbot, window, stick)
        assert "both values wait in Changes to settle" in dialog.result.toPlainText()
        assert window.settle_notice.isVisible()
        assert window.settle_notice.text() == "1 change to settle"
        dialog.close()
        menu_action(window, "File › Changes to settle…").trigger()
        settle = window.findChild(SettleWindow)
        top = settle.list.topLevelItem(0)
        assert top.text(0) == "partner Co-op Santé: city"
        values = {top.child(i).text(1): top.child(i) for i in range(top.childCount())}
        assert set(values) == {"Amqui", "Matane"}
        assert values["Amqui"].text(4) == "in place" and values["Matane"].text(4) == ""
        assert {top.child(i).text(2) for i in range(2)} == {"Anne", "Bruno"}
        settle.list.setCurrentItem(values["Matane"])
        qtbot.mouseClick(settle.buttons["keepValue"], Qt.MouseButton.LeftButton)
        assert settle.list.topLevelItemCount() == 0 and not window.settle_notice.isVisible()
        assert Partner.get().city == "Matane"
        _share(qtbot, window, stick).close()
    finally:
        window.store.close()
    sync(tmp_path / "A", stick)
    with opened(tmp_path / "A"):
        assert Partner.get().city == "Matane" and history.to_settle() == []


def test_a_folder_that_cannot_be_written_is_said_plainly(qtbot, store, tmp_path, monkeypatch):
    window = _window(qtbot, store)
    not_a_folder = tmp_path / "a-file.txt"
    not_a_folder.write_text("x")
    dialog = _share(qtbot, window, not_a_folder, "Anne")
    assert "Choose a folder that exists" in dialog.result.toPlainText()
    stick = tmp_path / "stick"
    stick.mkdir()

    def refused(*_args, **_kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(change_packs, "_write", refused)
    dialog = _share(qtbot, window, stick, "Anne")
    said = dialog.result.toPlainText()
    assert "could not be written: Read-only file system" in said and "sync again" in said


def test_the_folder_is_chosen_with_the_choose_button(qtbot, store, tmp_path):
    window = _window(qtbot, store)
    stick = tmp_path / "stick"
    stick.mkdir()
    menu_action(window, "File › Share changes…").trigger()
    dialog = window.findChild(ShareDialog)
    choose = next(b for b in dialog.findChildren(type(dialog.share_button))
                  if b.objectName() == "chooseShareFolder")
    choose_in_file_dialog(qtbot, choose, stick)
    assert dialog.folder.text() == str(stick)


def test_a_partners_history_shows_the_change_and_undoes_it(qtbot, store):
    window = _window(qtbot, store)
    history.set_volunteer("Anne")
    pid = org("Co-op Santé", city="Rimouski", contact="")
    from cars_desktop.store import partners

    values, contacts = partners.load_partner(pid)
    partners.save_partner({**values, "city": "Matane"}, contacts, pid)
    window.partners.refresh()
    window.partners.select_row(0)
    menu_action(window, "Partner › History of this partner…").trigger()
    shown = window.findChild(HistoryWindow)
    first = shown.list.topLevelItem(0)
    assert first.text(3) == "city: Rimouski → Matane"
    assert first.text(1) == "Anne (this laptop)" and first.text(2).startswith("changed partner")
    assert shown.buttons["undoChange"].isEnabled()
    seen = []
    answer_message_boxes(["&Undo it"], seen)
    qtbot.mouseClick(shown.buttons["undoChange"], Qt.MouseButton.LeftButton)
    assert "city: Rimouski → Matane" in seen[0]
    assert Partner.get_by_id(pid).city == "Rimouski"
    assert shown.list.topLevelItem(0).text(2).endswith("(an undo)")
    # the change undone was changed again since: its undo is refused, and says why
    shown.list.setCurrentItem(shown.list.topLevelItem(1))
    assert not shown.buttons["undoChange"].isEnabled()
    assert "changed again since" in shown.reason.text()
    shown.close()


def test_recent_changes_of_two_volunteers_filtered_by_one(qtbot, store):
    window = _window(qtbot, store)
    history.set_volunteer("Anne")
    org("<b>Club</b> Lions", contact="")
    history.set_volunteer("Bruno")
    org("Ferme Leblanc", contact="")
    menu_action(window, "View › Recent changes…").trigger()
    shown = window.findChild(HistoryWindow)
    rows = [shown.list.topLevelItem(i) for i in range(shown.list.topLevelItemCount())]
    assert {row.text(1) for row in rows} >= {"Anne (this laptop)", "Bruno (this laptop)"}
    assert any(row.text(2) == "added partner <b>Club</b> Lions" for row in rows)  # as typed
    shown.who.setCurrentIndex(shown.who.findData("Bruno"))
    rows = [shown.list.topLevelItem(i) for i in range(shown.list.topLevelItemCount())]
    assert rows and {row.text(1) for row in rows} == {"Bruno (this laptop)"}
    shown.close()
