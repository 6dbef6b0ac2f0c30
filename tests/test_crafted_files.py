"""A data file or a backup crafted to do harm: a real data file with a trigger, a hidden table,
a view or a column of its own, money that is not whole cents, broken links, an impossible
data version. Each is refused, at restore, at opening and by `check`, with a plain message,
and left byte for byte as it was; a restore killed halfway leaves the old data or the new."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cars_desktop import cli
from cars_desktop.store import backups, contributions, database, partners
from cars_desktop.store.location import DB_FILENAME
from cars_desktop.store.models import Contribution


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def a_group(folder: Path, gifts: int = 3) -> Path:
    """A sound data folder with a partner and gifts, closed; its file's path."""
    with database.open_store(folder):
        pid = partners.save_partner({"kind": "person", "name": "Léa Roy", "sector": "community",
                                     "partnership_type": "casual", "status": "active",
                                     "language": "fr", "email": "lea@example.ca"}, [])
        for number in range(gifts):
            contributions.save_contribution({
                "partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
                "amount": f"{100 + number}", "date": dt.date(2026, 3, 1)})
    return folder / DB_FILENAME


def crafted(tmp_path: Path, *statements: str, version: int | None = None) -> Path:
    """A copy of a real data file with `statements` run on it, as an attacker would."""
    source = a_group(tmp_path / "source")
    path = tmp_path / "cars-desktop-manual-2026-03-01_120000.sqlite3"
    path.write_bytes(source.read_bytes())
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = DELETE")
    for statement in statements:
        connection.execute(statement)
    if version is not None:
        connection.execute(f"PRAGMA user_version = {version}")
    connection.commit()
    connection.close()
    return path


ATTACKS = {
    "a trigger that divides every new gift by ten": (
        "CREATE TRIGGER tenth AFTER INSERT ON contribution BEGIN UPDATE contribution SET "
        "amount_cents = amount_cents / 10 WHERE id = new.id; END",),
    "a hidden table fed by a trigger that keeps erased details": (
        "CREATE TABLE kept (name TEXT, email TEXT)",
        "CREATE TRIGGER keep BEFORE UPDATE OF name ON partner BEGIN INSERT INTO kept "
        "VALUES (old.name, old.email); END"),
    "a view": ("CREATE VIEW everyone AS SELECT name, email FROM partner",),
    "an index of its own": ("CREATE INDEX odd ON partner (email)",),
    "a trigger that loops for ever": (
        "CREATE TRIGGER loop AFTER UPDATE ON partner BEGIN UPDATE partner SET notes = notes "
        "WHERE id = new.id; END",),
    "a column of its own": ("ALTER TABLE partner ADD COLUMN secret TEXT",),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_backup_with_something_of_its_own_is_refused_everywhere(tmp_path, attack):
    bad = crafted(tmp_path, *ATTACKS[attack])
    before = digest(bad)
    info = backups.describe_backup(bad)
    assert info.problem and "changed by something other than CARS Desktop" in info.problem
    data = tmp_path / "data"
    current = a_group(data)
    kept = digest(current)
    with pytest.raises(backups.BackupError, match="cannot be restored"):
        backups.restore_backup(data, bad)
    assert cli.main(["restore", str(bad), "--data-dir", str(data)]) == 1
    assert digest(current) == kept and digest(bad) == before
    # the same file as the data itself: never opened, never called sound
    other = tmp_path / "other"
    other.mkdir()
    (other / DB_FILENAME).write_bytes(bad.read_bytes())
    with pytest.raises(database.DamagedFile, match="changed by something other than"):
        database.open_store(other)
    assert cli.main(["check", "--data-dir", str(other)]) == 1
    assert digest(other / DB_FILENAME) == before


@pytest.mark.parametrize("statements, words", [
    (("UPDATE contribution SET amount_cents = 12.5 WHERE id = 1",), "not whole cents"),
    (("PRAGMA foreign_keys = OFF", "UPDATE contribution SET partner_id = 999 WHERE id = 1"),
     "points to a missing partner"),
])
def test_wrong_money_and_broken_links_are_refused(tmp_path, statements, words):
    bad = crafted(tmp_path, *statements)
    assert words in backups.describe_backup(bad).problem
    other = tmp_path / "other"
    other.mkdir()
    (other / DB_FILENAME).write_bytes(bad.read_bytes())
    assert cli.main(["check", "--data-dir", str(other)]) == 1


@pytest.mark.parametrize("version", [-7, 0])
def test_a_data_version_no_cars_desktop_writes_is_refused_plainly(tmp_path, version, capsys):
    bad = crafted(tmp_path, version=version)
    assert "is not one CARS Desktop writes" in backups.describe_backup(bad).problem
    other = tmp_path / "other"
    other.mkdir()
    (other / DB_FILENAME).write_bytes(bad.read_bytes())
    before = digest(other / DB_FILENAME)
    with pytest.raises(database.DamagedFile, match="not one CARS Desktop writes"):
        database.open_store(other)
    assert cli.main(["check", "--data-dir", str(other)]) == 1
    assert digest(other / DB_FILENAME) == before  # the app still starts: it can offer restore


def test_a_sound_backup_restores_from_the_command_line(tmp_path, capsys):
    source = a_group(tmp_path / "source", gifts=5)
    backup = backups.make_backup(tmp_path / "source" / "backups", "manual", source=source)
    data = tmp_path / "data"
    a_group(data, gifts=1)
    assert cli.main(["restore", str(backup), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "before-restore" in out
    with database.open_store(data):
        assert Contribution.select().count() == 5


def test_a_restore_killed_halfway_leaves_the_old_data_or_the_new(tmp_path):
    source = tmp_path / "big"
    subprocess.run([sys.executable, "-m", "cars_desktop", "sample-data", "--partners", "3000",
                    "--contributions", "30000", "--data-dir", str(source)], check=True,
                   capture_output=True)
    backup = backups.make_backup(source / "backups", "manual", source=source / DB_FILENAME)
    data = tmp_path / "data"
    a_group(data, gifts=2)
    outcomes = set()
    for delay in (0.05, 0.15, 0.3, 0.5, 0.8):
        process = subprocess.Popen([sys.executable, "-m", "cars_desktop", "restore",
                                    str(backup), "--data-dir", str(data)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        with database.open_store(data):
            assert database.integrity_report() == []
            outcomes.add(Contribution.select().count())
    assert outcomes <= {2, 30000}


def test_odd_names_in_the_backups_folder_are_left_alone(store):
    folder = store.backup_dir
    folder.mkdir(parents=True, exist_ok=True)
    odd = [folder / "cars-desktop-automatic-2026-13-45_250000.sqlite3",
           folder / "cars-desktop-chosen-2026-02-30_120000.sqlite3",
           folder / "notes.txt"]
    for path in odd:
        path.write_text("not a backup", "utf-8")
    (folder / "cars-desktop-automatic-2026-01-01_120000.sqlite3").mkdir()
    made = backups.automatic_backup(folder)
    assert made is not None and made.exists()
    assert [b.path for b in backups.list_backups(folder)] == [made]
    assert all(path.exists() for path in odd)


def test_odd_data_folders_get_plain_words_on_the_command_line(tmp_path, capsys):
    # the data file replaced by a folder
    folder = tmp_path / "folder-in-place"
    (folder / DB_FILENAME).mkdir(parents=True)
    assert cli.main(["check", "--data-dir", str(folder)]) == 2
    assert "is a folder, not a CARS Desktop data file" in capsys.readouterr().err
    # the backups folder is a file: an import, which backs up first, says so
    data = tmp_path / "data"
    a_group(data)
    (data / "backups").write_text("in the way", "utf-8")
    gifts = tmp_path / "gifts.csv"
    gifts.write_text("Name,Date,Amount\nAnn Roy,2026-03-01,10\n", "utf-8")
    assert cli.main(["import", str(gifts), "--data-dir", str(data)]) == 2
    said = capsys.readouterr().err
    assert said.startswith("cars-desktop: ") and "Traceback" not in said
    # a data path longer than SQLite allows: said so, not called damaged
    deep = tmp_path
    for _number in range(6):
        deep = deep / ("d" * 100)
    with pytest.raises(database.StoreError, match="path is too long") as refused:
        database.open_store(deep)
    assert not isinstance(refused.value, database.DamagedFile)


def test_a_folder_made_read_only_on_purpose_is_never_made_writable(tmp_path):
    folder = tmp_path / "data"
    a_group(folder)
    folder.chmod(0o555)
    try:
        try:
            database.open_store(folder).close()
        except (database.StoreError, OSError):
            pass  # as root the folder may still be written; as anyone else it cannot be
        assert folder.stat().st_mode & 0o777 == 0o500  # others shut out, the owner unchanged
    finally:
        folder.chmod(0o700)
