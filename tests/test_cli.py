"""The `cars-desktop` command without a window, run as a volunteer or a script would."""

import os
import sqlite3
import subprocess
import sys

import pytest

from cars_desktop import __version__
from cars_desktop.store import database


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "cars_desktop", *map(str, args)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def test_version():
    done = run("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"CARS Desktop {__version__}"


def test_sample_data_check_and_backup(tmp_path):
    data = tmp_path / "data"
    done = run("sample-data", "--partners", 40, "--contributions", 200, "--seed", 3,
               "--data-dir", data)
    assert done.returncode == 0, done.stderr
    db = sqlite3.connect(data / database.DB_FILENAME)
    sectors = {row[0] for row in db.execute("SELECT DISTINCT sector FROM partner")}
    languages = {row[0] for row in db.execute("SELECT DISTINCT language FROM partner")}
    counts = db.execute("SELECT (SELECT COUNT(*) FROM partner),"
                        " (SELECT COUNT(*) FROM contribution)").fetchone()
    accented = db.execute("SELECT COUNT(*) FROM contact_person WHERE name GLOB '*[éèêëçâîôûÉ]*'"
                          ).fetchone()[0]
    db.close()
    assert sectors == {"voluntary", "government", "corporate", "community", "public"}
    assert languages == {"en", "fr"} and counts == (40, 200) and accented > 0

    again = run("sample-data", "--data-dir", data)
    assert again.returncode == 2 and "already has partners" in again.stderr

    check = run("check", "--data-dir", data)
    assert check.returncode == 0 and "is sound" in check.stdout

    usb = tmp_path / "usb stick"
    unplugged = run("backup", "--to", usb, env={database.DATA_DIR_ENV: str(data)})
    assert unplugged.returncode == 2 and "check that it is plugged in" in unplugged.stderr
    assert not usb.exists()  # nothing written to the laptop in the stick's place
    usb.mkdir()
    backup = run("backup", "--to", usb, env={database.DATA_DIR_ENV: str(data)})
    assert backup.returncode == 0, backup.stderr
    copies = list(usb.glob("cars-desktop-chosen-*.sqlite3"))
    assert len(copies) == 1 and str(copies[0]) in backup.stdout
    copy = sqlite3.connect(copies[0])
    assert copy.execute("SELECT COUNT(*) FROM partner").fetchone()[0] == 40
    copy.close()


def test_check_reports_damage_with_exit_1(tmp_path):
    data = tmp_path / "data"
    assert run("sample-data", "--partners", 300, "--contributions", 3000,
               "--data-dir", data).returncode == 0
    with open(data / database.DB_FILENAME, "r+b") as f:
        f.seek(4096 * 20)
        f.write(b"\x00\xff" * 4096 * 4)
    done = run("check", "--data-dir", data)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "DAMAGED" in done.stdout


def test_check_on_a_folder_without_data(tmp_path):
    done = run("check", "--data-dir", tmp_path / "nothing here")
    assert done.returncode == 2 and "There is no CARS Desktop data" in done.stderr


def test_backup_while_the_app_is_open_works(tmp_path, store):
    # `store` holds the data folder as the running window would; a backup only reads.
    done = run("backup", "--data-dir", store.data_dir)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("args, message", [
    (["sample-data", "--partners", "-3"], "cannot be negative"),
    (["sample-data", "--partners", "many"], "not a whole number"),
    (["sample-data", "--seed", "x"], "not a whole number"),
    (["frobnicate"], "invalid choice"),
    (["--bogus"], "unrecognised arguments: --bogus"),
])
def test_bad_arguments_are_explained(tmp_path, args, message):
    done = run(*args, "--data-dir", tmp_path)
    assert done.returncode == 2 and message in done.stderr


def test_a_read_only_command_on_data_from_an_earlier_version_says_how_to_update(tmp_path):
    from cars_desktop.store import database, migrations

    data = tmp_path / "older"
    database.open_store(data, migrations=migrations.MIGRATIONS[:1]).close()
    done = subprocess.run([sys.executable, "-m", "cars_desktop", "export", "partners",
                           str(tmp_path / "p.csv"), "--data-dir", str(data)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "earlier version" in done.stderr and "start CARS Desktop once" in done.stderr
    assert not (tmp_path / "p.csv").exists()
