"""Several volunteers, one group's data: three laptops edit, give, archive, delete, erase and
change the same fields at random, and share their changes through a folder in random orders.
Every laptop ends with the same data, every edit is there or waiting to be settled, packs
applied twice change nothing, and the data stays sound. A pack cut off or altered is refused
whole; a sync killed at any moment leaves the data as before or as after."""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from laptops_kit import Volunteer, opened, picture, sync

from cars_desktop.store import change_packs, database, history
from cars_desktop.store.models import ContactPerson, Partner, db
from letter_kit import org

ROOT = Path(__file__).resolve().parent.parent


def _converge(laptops, stick):
    """Every laptop syncs until none has anything new: twice round is enough."""
    for _round in range(2):
        for folder, name in laptops:
            sync(folder, stick, name)


@pytest.mark.parametrize("seed", range(6))
def test_three_laptops_editing_at_random_end_with_the_same_data(tmp_path, seed):
    rng = random.Random(seed)
    stick = tmp_path / "stick"
    stick.mkdir()
    laptops = [(tmp_path / name, name) for name in ("Anne", "Bruno", "Chantal")]
    volunteers = {name: Volunteer(folder, name, rng) for folder, name in laptops}
    # the first laptop has the group's data; the others join from an empty folder
    with opened(laptops[0][0], "Anne"):
        for _step in range(4):
            volunteers["Anne"].act()
    for _turn in range(14):
        folder, name = rng.choice(laptops)
        with opened(folder, name):
            for _step in range(rng.randint(1, 5)):
                volunteers[name].act()
            if rng.random() < 0.6:
                change_packs.sync(stick)
    _converge(laptops, stick)
    pictures = []
    for folder, name in laptops:
        with opened(folder, name):
            pictures.append(picture())
            assert database.integrity_report() == []
            current = {(p.uuid, f): getattr(p, f) for p in Partner.select()
                       for f in ("city", "phone", "notes", "email")}
            waiting = {(u, c): {choice["value"] for choice in json.loads(choices)}
                       for u, c, choices in db.execute_sql(
                           "SELECT row_uuid, col, choices FROM to_settle")}
            erased = {p.uuid for p in Partner.select().where(Partner.erased_at.is_null(False))}
            for who in volunteers.values():
                for row_uuid, field, value in who.edits:
                    if row_uuid in erased:
                        continue
                    assert (current[(row_uuid, field)] == value
                            or value in waiting.get((row_uuid, field), set())
                            or any(value == later for u, f, later in who.edits[
                                who.edits.index((row_uuid, field, value)) + 1:]
                                if (u, f) == (row_uuid, field))
                            or _replaced_knowingly(row_uuid, field, value)), (
                        who.name, field, value)
    assert pictures[0] == pictures[1] == pictures[2]
    assert pictures[0]["partner"], "the laptops shared something"
    # applying every pack again changes nothing
    for folder, name in laptops:
        with opened(folder, name):
            before = picture()
            report = change_packs.sync(stick)
            assert report.applied == 0 and picture() == before


def _replaced_knowingly(row_uuid, field, value) -> bool:
    """An edit a later change replaced after seeing it (not a lost edit): the history shows
    the value, then a change from it."""
    return any(json.loads(fields).get(field, [None])[0] == value for (fields,) in
               db.execute_sql("SELECT fields FROM change_log WHERE row_uuid = ?", (row_uuid,)))


def test_the_same_field_changed_on_two_laptops_keeps_both_until_chosen(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    a, b = tmp_path / "A", tmp_path / "B"
    with opened(a, "Anne"):
        org("Co-op Santé", city="Rimouski")
        change_packs.sync(stick)
    sync(b, stick, "Bruno")
    for folder, city in ((a, "Amqui"), (b, "Matane")):
        with opened(folder):
            partner = Partner.get(Partner.name == "Co-op Santé")
            partner.city = city
            partner.save()
    assert sync(a, stick).to_settle == 0  # B's change is not there yet
    assert sync(b, stick).to_settle == 1
    sync(a, stick)
    for folder in (a, b):
        with opened(folder):
            [item] = history.to_settle()
            assert {c["value"] for c in item.choices} == {"Amqui", "Matane"}
            assert {c["volunteer"] for c in item.choices} == {"Anne", "Bruno"}
            assert Partner.get().city == "Matane"  # the later change, until someone chooses
    with opened(a):
        [item] = history.to_settle()
        history.settle(item, [c["value"] for c in item.choices].index("Amqui"))
        assert Partner.get().city == "Amqui" and history.to_settle() == []
    sync(a, stick)
    sync(b, stick)
    with opened(b):
        assert Partner.get().city == "Amqui" and history.to_settle() == []


def test_an_erased_person_is_not_brought_back_by_an_older_pack(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    a, b = tmp_path / "A", tmp_path / "B"
    with opened(a, "Anne"):
        org("Rousselle Aline", contact="Aline Rousselle", city="Rimouski")
        change_packs.sync(stick)
    sync(b, stick, "Bruno")
    with opened(b):  # B, not yet told, adds her phone and a second contact
        pid = Partner.get().id
        values, contacts = __import__("cars_desktop.store.partners", fromlist=["x"]
                                      ).load_partner(pid)
        from cars_desktop.store import partners

        partners.save_partner({**values, "phone": "506-555-0199"},
                              [*contacts, {"name": "Luc Rousselle"}], pid)
    with opened(a):
        from cars_desktop.store import partners

        partners.erase_personal_information(Partner.get().id)
        change_packs.sync(stick)
    sync(b, stick)
    sync(a, stick)
    for folder in (a, b):
        with opened(folder):
            partner = Partner.get()
            assert partner.erased_at and partner.phone == "" and partner.city == ""
            assert ContactPerson.select().count() == 0
            assert history.to_settle() == []
            raw = json.dumps(db.execute_sql("SELECT * FROM change_log").fetchall())
            assert "Rousselle" not in raw and "555-0199" not in raw  # (0199 may be in a UUID)
    for pack in (stick / change_packs.FOLDER_NAME).glob("*.carspack"):
        # the packs still in the folder: B's, written before it heard of the erasure
        assert pack.name.startswith(_laptop(b))


def _laptop(folder) -> str:
    with opened(folder):
        return history.laptop_id()


def test_a_new_laptop_joins_from_an_empty_folder_with_sync(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    a = tmp_path / "A"
    with opened(a, "Anne"):
        for number in range(5):
            org(f"Partner {number}")
        change_packs.sync(stick)
    with opened(tmp_path / "B", "Bruno"):
        change_packs.sync(stick)  # B applies A's pack: every laptop has it, it is removed
    assert not list((stick / change_packs.FOLDER_NAME).glob(f"{_laptop(a)}-*.carspack"))
    first = _laptop(a)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "cars_desktop", "sync", str(stick),
                           "--data-dir", str(tmp_path / "C"), "--volunteer", "Chantal"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "starts from the group's data" in done.stdout
    with opened(tmp_path / "C"):
        assert Partner.select().count() == 5
        assert history.laptop_id() != first  # its own id, not the copy's
        assert history.volunteer() == "Chantal"


def _one_pack(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    with opened(tmp_path / "A", "Anne"):
        org("Co-op Santé")
        change_packs.sync(stick)
    [pack] = (stick / change_packs.FOLDER_NAME).glob("*.carspack")
    for name in (change_packs.SNAPSHOT, change_packs.SNAPSHOT_NOTE):  # the pack alone
        (stick / change_packs.FOLDER_NAME / name).unlink()
    return stick, pack


def test_a_pack_cut_off_or_altered_is_refused_whole(tmp_path):
    stick, pack = _one_pack(tmp_path)
    whole = pack.read_bytes()
    body = json.loads(gzip.decompress(whole))
    body["changes"][-1][6]["name"][1] = "Someone else"
    for damaged, says in ((whole[: len(whole) // 2], "cut off"),
                          (gzip.compress(json.dumps(body).encode()), "altered")):
        pack.write_bytes(damaged)
        report = sync(tmp_path / "B", stick)
        assert report.applied == 0 and says in " ".join(report.problems)
        with opened(tmp_path / "B"):
            assert Partner.select().count() == 0


def test_a_pack_from_a_newer_version_asks_for_an_update(tmp_path):
    stick, pack = _one_pack(tmp_path)
    body = json.loads(gzip.decompress(pack.read_bytes()))
    body["header"]["data_version"] = 999
    pack.write_bytes(gzip.compress(json.dumps(body).encode()))
    report = sync(tmp_path / "B", stick)
    assert report.applied == 0 and "Update CARS Desktop" in " ".join(report.problems)


def test_another_groups_folder_is_refused(tmp_path):
    stick, _pack = _one_pack(tmp_path)
    other = tmp_path / "other-stick"
    other.mkdir()
    with opened(tmp_path / "B", "Bruno"):
        org("Their partner")
        change_packs.sync(other)
        with pytest.raises(change_packs.PackError, match="another group"):
            change_packs.sync(stick)


KILLER = """
    import sys
    from pathlib import Path
    from cars_desktop.store import change_packs, database
    with database.open_store(Path(sys.argv[1])):
        print("open", flush=True)
        change_packs.sync(Path(sys.argv[2]))
    print("done", flush=True)
"""


@pytest.mark.parametrize("delay", (0.05, 0.15, 0.3, 0.5))
def test_a_sync_killed_at_any_moment_leaves_nothing_half_applied(tmp_path, delay):
    import signal
    import time

    stick = tmp_path / "stick"
    stick.mkdir()
    with opened(tmp_path / "A", "Anne"):
        for number in range(300):
            org(f"Partner {number}", contact=f"Contact {number}")
        change_packs.sync(stick)
    b = tmp_path / "B"
    with opened(b, "Bruno"):
        org("Bruno's own", contact="")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", textwrap.dedent(KILLER), str(b),
                                str(stick)], stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout.readline().strip() == "open"
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with opened(b):
        assert database.integrity_report() == []
        count = Partner.select().count()
        assert count in (1, 301)  # before, or after: never half
        assert ContactPerson.select().count() == (300 if count == 301 else 0)
    report = sync(b, stick)  # and the next sync finishes the work
    with opened(b):
        assert Partner.select().count() == 301
    assert report.problems == []
    assert not list((stick / change_packs.FOLDER_NAME).glob(".*.partial"))


def test_a_stick_pulled_out_while_the_pack_is_written(tmp_path, monkeypatch):
    import errno

    stick, _pack = _one_pack(tmp_path)
    b = tmp_path / "B"
    with opened(b, "Bruno"):
        org("Bruno's own", contact="")
        real_replace = os.replace

        def pulled(source, target):
            if str(target).endswith(".carspack"):
                raise OSError(errno.EIO, "Input/output error")
            return real_replace(source, target)

        monkeypatch.setattr(change_packs.os, "replace", pulled)
        with pytest.raises(change_packs.PackError) as said:
            change_packs.sync(stick)
        assert "could not be written: Input/output error" in str(said.value)
        assert "sync again when the folder (or stick) is back" in str(said.value)
        monkeypatch.undo()
        assert database.integrity_report() == []
        assert Partner.select().count() == 2  # A's partner, applied before the stick went
    folder = stick / change_packs.FOLDER_NAME
    assert not list(folder.glob(".*.partial")) and len(list(folder.glob("*.carspack"))) == 1
    report = sync(b, stick)  # the stick is back: B's changes go out
    assert report.written > 0 and report.problems == []


def test_an_import_made_on_another_laptop_is_undone_where_it_was_made(tmp_path):
    from cars_desktop.exchange.importer import commit, make_plan, open_file
    from cars_desktop.store import import_writer

    stick = tmp_path / "stick"
    stick.mkdir()
    path = tmp_path / "gifts.csv"
    path.write_text("Name,Date,Amount\nFerme Leblanc,2026-03-01,40\n", "utf-8")
    with opened(tmp_path / "A", "Anne"):
        table, known, mapping = open_file(path)
        commit(make_plan(table, mapping, known, path.name))
        change_packs.sync(stick)
    with opened(tmp_path / "B", "Bruno"):
        change_packs.sync(stick)
        batch = db.execute_sql("SELECT id FROM import_batch").fetchone()[0]
        with pytest.raises(import_writer.ImportProblem, match="made on another laptop .Anne."):
            import_writer.undo_batch(batch)


def test_the_history_survives_a_backup_and_its_restore(tmp_path):
    from cars_desktop.store import backups

    a = tmp_path / "A"
    with opened(a, "Anne") as store:
        pid = org("Co-op Santé", city="Rimouski")
        partner = Partner.get_by_id(pid)
        partner.city = "Matane"
        partner.save()
        copy = backups.make_backup(store.backup_dir, "chosen")
    backups.restore_backup(a, copy)
    with opened(a):
        [changed] = [c for c in history.for_partner(pid) if c.op == "update"]
        assert changed.fields["city"] == ["Rimouski", "Matane"]
        assert changed.volunteer == "Anne" and changed.here  # still this laptop's own


def test_a_crafted_pack_naming_other_tables_is_refused_whole(tmp_path):
    """A pack's names go into SQL: one whose checksum was made again to hide a table or a
    kind of change of its own is refused, and nothing of it runs."""
    stick, pack = _one_pack(tmp_path)
    body = json.loads(gzip.decompress(pack.read_bytes()))
    body["changes"][-1][3] = 'partner" WHERE 1; DROP TABLE contribution; --'
    body["header"]["sha256"] = change_packs._digest(body["changes"])
    pack.write_bytes(gzip.compress(json.dumps(body).encode()))
    report = sync(tmp_path / "B", stick)
    assert report.applied == 0 and "is not a CARS Desktop change pack" in report.problems[0]
    with opened(tmp_path / "B"):
        assert database.integrity_report() == []
        assert db.execute_sql("SELECT count(*) FROM contribution").fetchone() == (0,)


def test_each_laptops_own_settings_stay_on_it(tmp_path):
    """When a laptop last saw a backup leave it is its own: never shared, never a clash;
    the group's settings (a receipt's place) travel."""
    from cars_desktop.store import settings

    stick = tmp_path / "stick"
    stick.mkdir()
    for folder, day in ((tmp_path / "A", "2026-11-01"), (tmp_path / "B", "2026-11-20")):
        with opened(folder, folder.name):
            settings.save({settings.FIRST_SEEN: day, settings.LAST_OUTSIDE: day})
            change_packs.sync(stick)
    with opened(tmp_path / "A"):
        settings.save({settings.RECEIPT_PLACE: "Bouctouche"})
        change_packs.sync(stick)
    sync(tmp_path / "B", stick)
    sync(tmp_path / "A", stick)
    for folder, day in ((tmp_path / "A", "2026-11-01"), (tmp_path / "B", "2026-11-20")):
        with opened(folder):
            assert settings.get(settings.FIRST_SEEN) == day and history.to_settle() == []
            assert settings.get(settings.RECEIPT_PLACE) == "Bouctouche"
