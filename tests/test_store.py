import datetime as dt
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from cars_desktop.store import backups, database, migrations, partners
from cars_desktop.store.models import ChecklistPractice, ContactPerson, Contribution, Partner, db


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def organisation(name="Caisse populaire de Bouctouche", **changes):
    values = {"kind": "organisation", "name": name, "sector": "corporate",
              "partnership_type": "formal", "status": "active", "language": "fr",
              "province": "NB", "postal_code": "E4S 3A1", "city": "Bouctouche"}
    values.update(changes)
    return values


def test_new_data_folder_is_set_up(store, data_dir):
    path = data_dir / database.DB_FILENAME
    assert db.execute_sql("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID
    assert store.schema_version() == migrations.LATEST_VERSION
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2
    assert ChecklistPractice.select().count() == 12
    assert ChecklistPractice.get(ChecklistPractice.position == 11).text_en == "Say thank you"
    if os.name == "posix":
        assert path.stat().st_mode & 0o077 == 0
        assert data_dir.stat().st_mode & 0o077 == 0


def test_data_dir_from_option_then_environment_then_platform(monkeypatch, tmp_path):
    monkeypatch.setenv(database.DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert database.resolve_data_dir(tmp_path / "chosen") == tmp_path / "chosen"
    assert database.resolve_data_dir(None) == tmp_path / "from-env"
    monkeypatch.delenv(database.DATA_DIR_ENV)
    assert database.resolve_data_dir(None) == database.default_data_dir()
    assert "CARS Desktop" in str(database.default_data_dir())


def test_a_file_that_is_not_ours_is_refused_untouched(data_dir):
    data_dir.mkdir()
    path = data_dir / database.DB_FILENAME
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.execute("INSERT INTO recipes VALUES ('bannock')")
    other.commit()
    other.close()
    before = digest(path)
    with pytest.raises(database.NotOurFile, match="not a CARS Desktop data file"):
        database.open_store(data_dir)
    assert digest(path) == before
    assert sorted(p.name for p in data_dir.iterdir()) == sorted([database.DB_FILENAME,
                                                                 database.LOCK_FILENAME])


def test_a_text_file_is_refused_untouched(data_dir):
    data_dir.mkdir()
    path = data_dir / database.DB_FILENAME
    path.write_text("name,amount\nLions,50\n")
    with pytest.raises(database.NotOurFile):
        database.open_store(data_dir)
    assert path.read_text() == "name,amount\nLions,50\n"


def test_a_file_from_a_newer_version_is_refused_untouched(data_dir):
    database.open_store(data_dir).close()
    path = data_dir / database.DB_FILENAME
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    raw.close()
    before = digest(path)
    with pytest.raises(database.NewerFile, match="newer version of CARS Desktop"):
        database.open_store(data_dir)
    assert digest(path) == before
    with pytest.raises(database.NewerFile):
        database.open_store(data_dir, read_only=True)
    assert digest(path) == before


def _rebuild_partner_table(database_):
    # The classic table rebuild: new table, copy, drop the old one, rename.
    create = database_.execute_sql(
        "SELECT sql FROM sqlite_master WHERE name = 'partner'").fetchone()[0]
    database_.execute_sql(create.replace('"partner"', "partner_new", 1))
    database_.execute_sql("INSERT INTO partner_new SELECT * FROM partner")
    database_.execute_sql("DROP TABLE partner")
    database_.execute_sql("ALTER TABLE partner_new RENAME TO partner")


NEXT = migrations.LATEST_VERSION + 1


def test_a_first_version_file_gains_gift_descriptions_after_a_backup(data_dir):
    with database.open_store(data_dir, migrations=migrations.MIGRATIONS[:1]):
        # as the first version wrote it: today's models know columns it did not have
        pid = db.execute_sql(
            "INSERT INTO partner (uuid, created_at, updated_at, kind, name, sort_name,"
            " search_text, sector, partnership_type, status, shared_goal, strengths,"
            " address_line1, address_line2, city, province, postal_code, country, phone,"
            " email, website, language, notes, status_before_archive) VALUES ('p', 'c', 'c',"
            " 'organisation', 'Coop', 'coop', '', 'corporate', 'formal', 'active', '', '',"
            " '', '', '', '', '', 'Canada', '', '', '', 'en', '', '')").lastrowid
        db.execute_sql(
            "INSERT INTO contribution (uuid, created_at, updated_at, partner_id, family, kind,"
            " status, amount_cents, outstanding_cents, valued_by, minutes, date, payment_method,"
            " reference, purpose, advantage_cents, advantage_description, appraised, notes,"
            " partner_sort, search_text) VALUES ('u', 'c', 'c', ?, 'in_kind', 'products',"
            " 'received', 5000, 0, '', 0, '2026-05-01', '', '', 'Food bank', 0, '', 0, '', '',"
            " '')", (pid,))
    with database.open_store(data_dir) as store:
        assert store.migrated_from == 1
        assert store.schema_version() == migrations.LATEST_VERSION
        gift = Contribution.get()
        assert (gift.purpose, gift.description) == ("Food bank", "")
        assert [b.kind for b in backups.list_backups(store.backup_dir)] == ["before-update-v1"]


def test_a_migration_that_rebuilds_a_parent_keeps_its_children(data_dir):
    with database.open_store(data_dir):
        pid = partners.save_partner(organisation(), [{"name": "Josée Léger"},
                                                     {"name": "René Cormier"}])
        Contribution.create(partner=pid, family="cash", kind="one_time", amount_cents=5000,
                            date=dt.date(2026, 5, 1))
    steps = [*migrations.MIGRATIONS, (NEXT, "rebuild partner", _rebuild_partner_table)]
    with database.open_store(data_dir, migrations=steps) as store:
        assert store.schema_version() == NEXT
        assert store.migrated_from == migrations.LATEST_VERSION
        assert ContactPerson.select().count() == 2  # a cascade would have deleted them
        assert Contribution.select().count() == 1
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        made = backups.list_backups(store.backup_dir)
        assert [b.kind for b in made] == [f"before-update-v{migrations.LATEST_VERSION}"]
        copy = sqlite3.connect(made[0].path)
        assert copy.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
        assert copy.execute("SELECT COUNT(*) FROM contact_person").fetchone()[0] == 2
        copy.close()


def test_a_failing_migration_leaves_the_old_schema_whole(data_dir):
    with database.open_store(data_dir):
        partners.save_partner(organisation(), [])

    def half_then_fail(database_):
        database_.execute_sql("CREATE TABLE grant_application (id INTEGER PRIMARY KEY)")
        raise RuntimeError("power cut")

    steps = [*migrations.MIGRATIONS, (NEXT, "grants", half_then_fail)]
    with pytest.raises(RuntimeError):
        database.open_store(data_dir, migrations=steps)
    with database.open_store(data_dir) as store:
        assert store.schema_version() == migrations.LATEST_VERSION
        tables = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master")}
        assert "grant_application" not in tables
        assert Partner.select().count() == 1


def test_a_migration_that_breaks_links_is_refused(data_dir):
    with database.open_store(data_dir):
        partners.save_partner(organisation(), [{"name": "Josée Léger"}])

    def orphan(database_):
        database_.execute_sql("DELETE FROM partner")

    steps = [*migrations.MIGRATIONS, (NEXT, "orphans", orphan)]
    with pytest.raises(database.DamagedFile, match="break links"):
        database.open_store(data_dir, migrations=steps)
    with database.open_store(data_dir):
        assert Partner.select().count() == 1 and ContactPerson.select().count() == 1


HOLD_LOCK = textwrap.dedent("""
    import sys, time
    from cars_desktop.store import database
    store = database.open_store(sys.argv[1])
    print("open", flush=True)
    time.sleep(60)
""")


def _start_holder(data_dir):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(data_dir)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "open"
    return holder


def test_a_second_running_copy_is_refused_without_writing(data_dir):
    database.open_store(data_dir).close()
    holder = _start_holder(data_dir)
    try:
        path = data_dir / database.DB_FILENAME
        before = (digest(path), sorted(p.name for p in data_dir.iterdir()))
        with pytest.raises(database.DataFolderInUse, match="already open"):
            database.open_store(data_dir)
        assert (digest(path), sorted(p.name for p in data_dir.iterdir())) == before
        assert db.is_closed()
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is how a crash looks on POSIX")
def test_a_copy_killed_mid_run_does_not_block_the_next_start(data_dir):
    holder = _start_holder(data_dir)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert (data_dir / database.LOCK_FILENAME).exists()  # the stale lock is still there
    with database.open_store(data_dir) as store:
        assert store.schema_version() == migrations.LATEST_VERSION


def _damage(data_dir):
    with database.open_store(data_dir):
        for number in range(300):
            partners.save_partner(organisation(f"Partner {number}", notes="x" * 500), [])
    path = data_dir / database.DB_FILENAME
    with open(path, "r+b") as f:  # scribble over pages in the middle of the file
        f.seek(4096 * 5)
        f.write(os.urandom(4096 * 3))
    return path


def test_a_damaged_file_is_refused_untouched(data_dir):
    path = _damage(data_dir)
    before = digest(path)
    with pytest.raises(database.DamagedFile, match="damaged"):
        database.open_store(data_dir)
    assert digest(path) == before


def test_a_damage_check_beside_the_window_still_blocks_every_write(data_dir):
    path = _damage(data_dir)
    before = digest(path)
    store = database.open_store(data_dir, check_in_background=True)
    try:
        assert "is damaged" in database.damage_found()
        with pytest.raises(database.DamagedFile, match="Nothing was saved"):
            partners.save_partner(organisation("One more"), [])
    finally:
        store.close()
    assert digest(path) == before


def test_a_sound_file_checked_beside_the_window_is_writable(data_dir):
    database.open_store(data_dir).close()
    with database.open_store(data_dir, check_in_background=True):
        partners.save_partner(organisation(), [])
        assert database.damage_found() is None
        assert Partner.select().count() == 1


def test_backups_are_verified_named_and_pruned(store):
    partners.save_partner(organisation(), [])
    start = dt.datetime(2026, 1, 1, 9, 0, 0)
    for day in range(14):
        backups.automatic_backup(store.backup_dir, now=start + dt.timedelta(days=day))
    # a second start on the same day makes no new copy
    assert backups.automatic_backup(store.backup_dir,
                                    now=start + dt.timedelta(days=13, hours=2)) is None
    chosen = backups.make_backup(store.backup_dir, "chosen", now=start)
    found = backups.list_backups(store.backup_dir)
    automatic = [b for b in found if b.kind == backups.AUTOMATIC]
    assert len(automatic) == backups.KEEP_AUTOMATIC
    assert automatic[0].made_at == start + dt.timedelta(days=13)
    assert chosen in [b.path for b in found]  # chosen copies are never pruned
    copy = sqlite3.connect(found[0].path)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert copy.execute("SELECT name FROM partner").fetchall() == [
        ("Caisse populaire de Bouctouche",)]
    copy.close()
    assert not list(store.backup_dir.glob("*.partial"))


def test_a_backup_to_an_unwritable_place_says_so(store, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(backups.BackupError, match="cannot be created"):
        backups.make_backup(blocker / "backups", "chosen")


def test_half_written_backups_are_never_listed(tmp_path):
    (tmp_path / "cars-desktop-automatic-2026-01-01_090000.sqlite3.partial").write_bytes(b"x")
    assert backups.list_backups(tmp_path) == []


def test_ids_go_to_sql_in_batches_it_accepts():
    from cars_desktop.store.batches import batches, placeholders

    assert [len(part) for part in batches(list(range(1201)))] == [500, 500, 201]
    assert list(batches([])) == [] and placeholders([7, 8, 9]) == "?,?,?"


def test_the_latest_schema_written_down_is_the_one_the_migrations_make():
    from cars_desktop.store import schema_check, schema_latest

    assert schema_latest.VERSION == migrations.LATEST_VERSION
    assert schema_latest.DIGESTS == schema_check.digests(schema_check.expected_shape(
        migrations.LATEST_VERSION)), "run: python -m cars_desktop.store.schema_check"
