"""A privacy request: after erasing, the person is nowhere in the data file, not in a copy the
app made (an import's record, thanks' notes, a gift's reference, purpose and tribute, a
remembered bank sender), and not in notes elsewhere the volunteer chose to clear; the backups
that still hold them are named, and can be deleted."""

from __future__ import annotations

import datetime as dt

from cars_desktop.exchange.importer import commit, make_plan, open_file
from cars_desktop.store import backups, contributions, erasure, partners
from cars_desktop.store.import_writer import remember_sender, remembered_sender
from cars_desktop.store.location import DB_FILENAME
from cars_desktop.store.models import Acknowledgement, Contribution, Partner, db

NAME, EMAIL = "Jeanne Rousselle", "jeanne.rousselle@example.ca"


def the_person(store, tmp_path):
    pid = partners.save_partner({"kind": "person", "name": NAME, "sector": "community",
                                 "partnership_type": "casual", "status": "active",
                                 "language": "fr"}, [])
    # an import fills in her email and phone (the batch keeps what it filled)
    path = tmp_path / "gifts.csv"
    path.write_text(f"Name,Email,Phone,Date,Amount,Reference,For\n{NAME},{EMAIL},506-555-0199,"
                    f"2026-03-01,40,CH-{NAME},Souper de {NAME}\n", "utf-8")
    table, known, mapping = open_file(path)
    commit(make_plan(table, mapping, known, path.name))
    gift = Contribution.get(Contribution.partner == pid)
    Contribution.update(tribute=f"In memory of {NAME}'s mother").where(
        Contribution.id == gift.id).execute()
    Acknowledgement.create(contribution=gift, date=dt.date(2026, 3, 5), method="call",
                           note=f"Called {NAME} at home")
    remember_sender(NAME.upper(), pid)
    other = partners.save_partner({"kind": "organisation", "name": "Club Lions",
                                   "sector": "voluntary", "partnership_type": "formal",
                                   "status": "active", "language": "fr",
                                   "notes": f"Ask {NAME} about the supper; she knows Luc."}, [])
    return pid, other


def test_erasure_leaves_the_person_nowhere_in_the_file(store, tmp_path):
    pid, other = the_person(store, tmp_path)
    before = backups.make_backup(store.backup_dir, "chosen")
    found = erasure.mentions(pid)
    assert [(m.table, m.owner) for m in found] == [("partner", "Club Lions")]
    partners.erase_personal_information(pid, found)
    assert Partner.get_by_id(other).notes == "Ask […] about the supper; she knows Luc."
    gift = Contribution.get(Contribution.partner == pid)
    assert (gift.reference, gift.purpose, gift.tribute, gift.amount_cents) == ("", "", "", 4000)
    assert Acknowledgement.get().note == ""
    assert remembered_sender(NAME.upper()) == ""
    assert "rousselle" not in db.execute_sql("SELECT filled FROM import_batch").fetchone()[0]
    raw = (store.data_dir / DB_FILENAME).read_bytes().lower()
    for word in (b"rousselle", b"555-0199"):
        assert word not in raw
    # the backup made before still holds her: it is named, and can be deleted
    held = erasure.backups_holding(Partner.get_by_id(pid).uuid, store.backup_dir)
    assert [h.path for h in held] == [before] and held[0].kind == "chosen"
    assert erasure.delete_backups(held) == [] and not before.exists()


def test_notes_left_as_they_are_when_the_volunteer_says_so(store, tmp_path):
    pid, other = the_person(store, tmp_path)
    partners.erase_personal_information(pid)
    assert NAME in Partner.get_by_id(other).notes
    assert contributions  # the gift's amount stays in the accounts


def test_erasing_from_the_menu_clears_the_notes_and_deletes_the_backups(qtbot, window,
                                                                        tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from helpers import menu_action

    store = window.store
    pid, other = the_person(store, tmp_path)
    kept = backups.make_backup(store.backup_dir, "chosen")
    window.partners.refresh(select_id=pid)
    said = []
    answers = ["&Yes", "&Yes", "&Clear them too", "&Delete this backup"]

    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and answers:
            said.append(box.text())
            wanted = answers.pop(0)
            next(b for b in box.buttons() if b.text() in (wanted, wanted.replace("&", ""))
                 ).click()
        if answers:
            QTimer.singleShot(30, answer)

    QTimer.singleShot(30, answer)
    menu_action(window, "Partner › Erase personal information…").trigger()
    assert not answers, said
    assert "1 note about another partner names Jeanne Rousselle" in said[2]
    assert "1 backup made before today still holds the details of Jeanne Rousselle" in said[3]
    assert Partner.get_by_id(pid).erased_at is not None
    assert NAME not in Partner.get_by_id(other).notes
    assert not kept.exists()
