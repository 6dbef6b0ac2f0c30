"""Backups and restores from the window, as a volunteer meets them: Back up to a USB stick,
Restore from backup (and undo it), a damaged file on start, a risky data folder, and the
reminder on the way out."""

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cars_desktop.store import backups, database, partners, safety
from cars_desktop.store.models import Partner
from cars_desktop.ui.app import open_window
from cars_desktop.ui.restore_dialog import RestoreDialog
from helpers import answer_message_boxes


def organisation(name):
    return {"kind": "organisation", "name": name, "sector": "community",
            "partnership_type": "formal", "status": "active", "language": "en"}


def restore_dialog(qtbot, window) -> RestoreDialog:
    dialog = window.open_restore()
    qtbot.addWidget(dialog)
    return dialog


def test_back_up_to_a_stick_then_restore_it_and_undo_the_restore(qtbot, window, tmp_path):
    partners.save_partner(organisation("Before the backup"), [])
    stick = tmp_path / "USB-STICK"
    stick.mkdir()
    copy = window.back_up_to(str(stick))
    assert copy.parent == stick and backups.describe_backup(copy).partners == 1
    assert safety.outside_backup_overdue() is None  # a copy left the laptop just now
    partners.save_partner(organisation("Entered after"), [])
    window.partners.refresh()

    dialog = restore_dialog(qtbot, window)
    assert dialog.view.model.rowCount() == 0  # none in the data folder yet
    assert "no backup" in dialog.view.empty.text()
    dialog.add_file(copy)
    model = dialog.view.model
    assert model.rowCount() == 1
    cells = [model.data(model.index(0, column)) for column in range(7)]
    assert cells[1] == "Made by you" and cells[3] == "1"  # its name says what it is
    assert cells[2].startswith("Other folder: ")  # not the copy on the laptop
    assert cells[6] == "Yes: it checks out" and dialog.restore_button.isEnabled()
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Ok], seen)
    assert dialog.restore_selected()
    assert "(1 partner, 0 contributions)" in seen[0] and "kept as a backup first" in seen[0]
    assert "to undo, restore that copy" in seen[1]
    assert [p.name for p in Partner.select()] == ["Before the backup"]
    assert window.partners.model.rowCount() == 1  # the window shows the restored data

    # the data as it was before the restore is offered, and restoring it undoes the restore
    dialog = restore_dialog(qtbot, window)
    kinds = [dialog.view.model.data(dialog.view.model.index(row, 1))
             for row in range(dialog.view.model.rowCount())]
    assert "Your data before a restore" in kinds
    dialog.view.select_row(kinds.index("Your data before a restore"))
    answer_message_boxes([QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Ok], [])
    assert dialog.restore_selected()
    assert sorted(p.name for p in Partner.select()) == ["Before the backup", "Entered after"]


def test_a_damaged_backup_cannot_be_chosen(qtbot, window, tmp_path):
    partners.save_partner(organisation("Kept"), [])
    good = backups.make_backup(window.store.backup_dir, "chosen")
    bad = tmp_path / "cars-desktop-chosen-2026-01-01_000000.sqlite3"
    raw = bytearray(good.read_bytes())
    raw[100:400] = bytes(300)
    bad.write_bytes(raw)
    dialog = restore_dialog(qtbot, window)
    dialog.add_file(bad)
    model = dialog.view.model
    row = model.row_of(dialog.view.selected_id())  # the file just added is selected
    assert model.data(model.index(row, 0)) == "2026-01-01 00:00"
    state = model.data(model.index(row, 6))
    assert "damaged" in state and not dialog.restore_button.isEnabled()
    seen = []  # the button is off; Enter on the row says why
    answer_message_boxes([QMessageBox.StandardButton.Ok], seen)
    assert dialog.restore_selected() is False
    assert "damaged" in seen[0]
    assert [p.name for p in Partner.select()] == ["Kept"]


def restore_when_offered(seen: list, backups_listed: int | None = None) -> None:
    """Answer the start's offer with Restore a backup…, then restore the backup listed;
    `seen` keeps what the volunteer was told."""
    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            next(b for b in box.buttons() if b.text() == "&Restore a backup…").click()
        elif isinstance(box, RestoreDialog):
            assert backups_listed is None or box.view.model.rowCount() == backups_listed
            answer_message_boxes([QMessageBox.StandardButton.Yes], seen)
            box.restore_selected()
            return
        QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)


def test_a_file_damaged_on_start_offers_a_restore_and_keeps_the_damaged_bytes(qtbot, data_dir):
    with database.open_store(data_dir) as store:
        for number in range(50):
            partners.save_partner(organisation(f"Partner {number}"), [])
        good = backups.make_backup(store.backup_dir, "chosen")
        path = store.db_path
    raw = bytearray(path.read_bytes())
    raw[100:400] = bytes(300)
    path.write_bytes(raw)
    seen = []
    restore_when_offered(seen, backups_listed=1)
    opened = open_window(str(data_dir))
    assert opened is not None
    app, window = opened
    qtbot.addWidget(window)
    try:
        assert "damaged" in seen[0]
        assert Partner.select().count() == 50
        damaged = [b for b in backups.list_backups(data_dir / "backups") if b.kind == "damaged"]
        assert len(damaged) == 1 and damaged[0].path.read_bytes() == raw
        assert good.exists()
    finally:
        window.store.close()


def test_a_synced_folder_is_named_and_the_data_can_be_moved(qtbot, tmp_path):
    risky = tmp_path / "OneDrive" / "CARS"
    store = database.open_store(risky)
    partners.save_partner(organisation("Moved along"), [])
    from cars_desktop.ui.main_window import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    assert "OneDrive" in safety.risky_location(risky)
    assert safety.risky_location(tmp_path / "Documents") is None
    assert safety.risky_location(
        tmp_path, "tmpfs /tmp tmpfs rw 0 0\nserver:/x /mnt/share nfs4 rw 0 0\n") is None
    assert "network" in safety.risky_location(
        Path("/mnt/share/cars"),
        "server:/x /mnt/share nfs4 rw 0 0\n")
    assert "removable" in safety.risky_location(
        Path("/media/anne/STICK/cars"),
        "/dev/sdb1 /media/anne/STICK vfat rw 0 0\n")
    answer_message_boxes([QMessageBox.StandardButton.Ok], [])
    safe = tmp_path / "safe-place"
    assert window.move_data_to(safe)
    assert window.store.data_dir == safe
    assert [p.name for p in Partner.select()] == ["Moved along"]
    assert database.resolve_data_dir(None) == safe.resolve()  # remembered for next time
    assert (risky / database.DB_FILENAME).exists()  # the old folder left as one more copy
    window.store.close()
    safety.pointer_file().unlink()


def test_the_way_out_reminds_about_a_copy_away_from_the_laptop(qtbot, window):
    now = dt.datetime.now()
    assert safety.outside_backup_overdue(now) is None  # the first time: the clock starts
    assert safety.outside_backup_overdue(now + dt.timedelta(days=31)) == 31
    safety.record_outside_backup(now - dt.timedelta(days=40))
    seen = []

    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(QMessageBox.StandardButton.Cancel).click()
            return
        QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)
    window.close()
    assert "40 days" in seen[0]
    assert window.isVisible()  # Cancel: the volunteer stays
    safety.set_remind_days(0)  # reminders off
    assert safety.outside_backup_overdue() is None
    window.close()
    assert not window.isVisible()


def test_back_up_to_a_missing_stick_says_so(qtbot, window, tmp_path):
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Ok], seen)
    target = tmp_path / "unplugged"
    target.write_text("not a folder")
    assert window.back_up_to(str(target)) is None
    assert "cannot be created" in seen[0] or "could not be written" in seen[0]


def test_a_data_file_altered_outside_the_app_offers_a_restore_on_start(qtbot, data_dir):
    import sqlite3

    with database.open_store(data_dir) as store:
        partners.save_partner(organisation("Partner kept"), [])
        backups.make_backup(store.backup_dir, "chosen")
        path = store.db_path
    altered = sqlite3.connect(path)
    altered.execute("CREATE TRIGGER tenth AFTER INSERT ON contribution BEGIN UPDATE "
                    "contribution SET amount_cents = amount_cents / 10 WHERE id = new.id; END")
    altered.commit()
    altered.close()
    seen = []
    restore_when_offered(seen)
    opened = open_window(str(data_dir))
    assert opened is not None
    app, window = opened
    qtbot.addWidget(window)
    try:
        assert "changed by something other than CARS Desktop" in seen[0]
        assert "trigger “tenth”" in seen[0]
        assert database.integrity_report() == []  # the restored file holds no trigger
    finally:
        window.store.close()
