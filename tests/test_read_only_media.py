"""Data that can only be read (a locked USB stick, a CD, a folder or a file made read-only)
opens read-only, says so, and can still be looked at, exported, reported on and copied; it
is never called damaged, never changed, and its folder is never made writable again.

Root ignores permissions, so a test run as root proves nothing here: when the tests run as
root, the last test runs the others again as the user "nobody" (uid 65534), whose only
privilege is to read any file, so that Python can be reached where it is installed."""

import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from cars_desktop import cli
from cars_desktop.store import backups, database, sample
from helpers import answer_message_boxes, menu_action
from letter_kit import org, set_group

AS_ROOT = getattr(os, "geteuid", lambda: 1)() == 0
NOBODY = 65534
as_a_user = pytest.mark.skipif(
    AS_ROOT, reason="root ignores permissions: run as nobody by the last test of this file")
LOOK = "&Look at it, read-only"


def a_group(folder: Path) -> Path:
    """A small group with its profile, then closed as the app leaves it."""
    with database.open_store(folder):
        set_group()
        sample.fill_sample(20, 60, seed=3)
    return folder


def lock(folder: Path) -> None:
    folder.chmod(0o500)  # as a locked stick or a CD: read and enter, never write


def snapshot(folder: Path) -> dict:
    """Every file's bytes and every mode in `folder`: what must not change."""
    return {path.relative_to(folder): (stat.S_IMODE(path.stat().st_mode),
                                       path.read_bytes() if path.is_file() else None)
            for path in [folder, *folder.rglob("*")]}


def run(capsys, *args) -> tuple[int, str]:
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


@as_a_user
def test_the_command_line_reads_exports_and_copies_read_only_data(tmp_path, capsys):
    data = a_group(tmp_path / "data")
    out = tmp_path / "out"
    out.mkdir()
    lock(data)
    before = snapshot(data)
    where = ["--data-dir", str(data)]

    code, said = run(capsys, "check", *where)
    assert code == 0 and "is sound" in said and "DAMAGED" not in said
    assert "can only be read here (its folder is read-only)" in said
    assert run(capsys, "export", "contributions", str(out / "gifts.csv"), *where)[0] == 0
    assert len((out / "gifts.csv").read_text(encoding="utf-8").splitlines()) == 61
    code, said = run(capsys, "report", "directory", "-o", str(out / "directory.pdf"), *where)
    assert code == 0 and (out / "directory.pdf").read_bytes().startswith(b"%PDF")
    code, said = run(capsys, "letters", "--unthanked", "--since", "2000-01-01",
                     "-o", str(out / "letters.pdf"), *where)
    assert code == 0 and (out / "letters.pdf").is_file(), said
    code, said = run(capsys, "backup", "--to", str(out), *where)
    assert code == 0, said
    copy = next(out.glob("cars-desktop-chosen-*.sqlite3"))
    assert sqlite3.connect(copy).execute("SELECT COUNT(*) FROM partner").fetchone()[0] == 20

    # what would change it is refused in plain words, with no traceback
    code, said = run(capsys, "backup", *where)
    assert code == 2 and "make the copy somewhere else with --to FOLDER" in said
    for command in (["import", str(out / "gifts.csv")], ["sample-data"],
                    ["letters", "--unthanked", "-o", str(out / "l2.pdf"), "--mark-thanked"]):
        code, said = run(capsys, *command, *where)
        assert code == 2, command
        assert "can be looked at but not changed: its folder is read-only" in said, command
        assert "Traceback" not in said
    code, said = run(capsys, "restore", str(copy), *where)
    assert code == 1 and "can be looked at but not changed" in said
    assert snapshot(data) == before


@as_a_user
def test_a_read_only_data_file_in_a_folder_that_may_be_written(tmp_path, capsys):
    data = a_group(tmp_path / "data")
    (data / database.DB_FILENAME).chmod(0o400)
    before = (data / database.DB_FILENAME).read_bytes()
    code, said = run(capsys, "check", "--data-dir", str(data))
    assert code == 0 and "the data file is read-only" in said, said
    code, said = run(capsys, "import", str(tmp_path / "x.csv"), "--data-dir", str(data))
    assert code == 2 and "can be looked at but not changed: the data file is read-only" in said
    with pytest.raises(database.ReadOnlyData):
        database.open_store(data)
    assert (data / database.DB_FILENAME).read_bytes() == before


@as_a_user
def test_changes_still_waiting_in_the_log_are_read_from_a_private_copy(tmp_path, capsys):
    """A copy taken while the app was open holds its newest changes in a log beside the
    file, which SQLite reads only through a file it makes beside it: a locked folder can't
    hold one, so the file and its log are read from a private copy, removed afterwards."""
    data = tmp_path / "data"
    copied = tmp_path / "copied"
    copied.mkdir()
    with database.open_store(data):
        org("Added Last")
        for name in (database.DB_FILENAME, database.DB_FILENAME + "-wal"):
            shutil.copy2(data / name, copied / name)
    assert (copied / (database.DB_FILENAME + "-wal")).stat().st_size > 0
    lock(copied)
    before = snapshot(copied)
    temporary = set(Path(tempfile.gettempdir()).glob("cars-desktop-reading-*"))
    code, said = run(capsys, "check", "--data-dir", str(copied))
    assert code == 0 and "is sound" in said, said
    out = tmp_path / "partners.csv"
    assert run(capsys, "export", "partners", str(out), "--data-dir", str(copied))[0] == 0
    assert "Added Last" in out.read_text(encoding="utf-8")  # the change in the log is there
    assert snapshot(copied) == before
    assert set(Path(tempfile.gettempdir()).glob("cars-desktop-reading-*")) == temporary


@as_a_user
def test_a_read_only_session_leaves_nothing_beside_the_data(tmp_path, capsys):
    """Looked at while only the file is read-only, the data gains no file beside it that
    would later stop it being saved once the file may be written again."""
    data = a_group(tmp_path / "data")
    path = data / database.DB_FILENAME
    path.chmod(0o400)
    before = sorted(p.name for p in data.iterdir())
    assert run(capsys, "report", "directory", "-o", str(tmp_path / "d.pdf"),
               "--data-dir", str(data))[0] == 0
    assert sorted(p.name for p in data.iterdir()) == before
    path.chmod(0o600)
    with database.open_store(data):
        org("Saved Again")  # nothing left behind refuses it


@as_a_user
def test_the_window_shows_read_only_data_and_offers_only_what_reads(qtbot, tmp_path,
                                                                   monkeypatch):
    from cars_desktop.ui.app import open_window
    from cars_desktop.ui.letters_window import LettersDialog
    from cars_desktop.ui.reports_dialog import ReportsDialog

    data = a_group(tmp_path / "data")
    with database.open_store(data) as store:
        backups.make_backup(store.backup_dir, "chosen")
    out = tmp_path / "out"
    out.mkdir()
    (data / "backups").chmod(0o500)  # as on a CD: its backups cannot be written either
    lock(data)
    before = snapshot(data)
    seen = []
    answer_message_boxes([LOOK], seen)
    opened = open_window(str(data))
    assert opened is not None, seen
    window = opened[1]
    qtbot.addWidget(window)
    try:
        assert "can be looked at but not changed: its folder is read-only" in seen[0]
        assert "File › Move the data to…" in seen[0]
        assert window.windowTitle() == "CARS Desktop (read-only)"
        note = window.read_only_note
        assert note.isVisible() and note.text().startswith("Read-only: The data in")
        assert window.partners.model.rowCount() == 20
        window.after_start()  # no daily backup, no questions: nothing can be written
        window.partners.select_row(0)
        shown = []

        def look_and_close():
            dialog = QApplication.activeModalWidget()
            shown.append((dialog.windowTitle(), dialog.fields["name"].isReadOnly(),
                          [b.text() for b in dialog.buttons.buttons() if b.isVisible()]))
            dialog.reject()

        QTimer.singleShot(50, look_and_close)
        menu_action(window, "Partner › Edit partner…").trigger()  # opens it to look at
        assert shown[0][0].endswith("(read-only)") and shown[0][1] and shown[0][2] == ["Close"]
        for title in ("Partner › New partner…",
                      "Contribution › New contribution…", "File › Import from a spreadsheet…",
                      "File › Restore from backup…", "Maintenance › Log a contact…"):
            assert not menu_action(window, title).isEnabled(), title
        assert not window.partners.new_button.isEnabled()
        assert not window.partners.history.new_button.isEnabled()
        for title in ("File › Back up to…", "Reports › Make a report…",
                      "Partner › Find partner", "File › Move the data to…"):
            assert menu_action(window, title).isEnabled(), title

        # exported, reported on, printed, copied
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            lambda *a, **k: (str(out / "partners.csv"), ""))
        menu_action(window, "Reports › Export all partners (CSV)…").trigger()
        assert len((out / "partners.csv").read_text(encoding="utf-8-sig").splitlines()) == 21
        menu_action(window, "Reports › Make a report…").trigger()
        reports = window.findChild(ReportsDialog)
        reports.report.setCurrentIndex(reports.report.findData("directory"))
        preview = reports.make()
        qtbot.addWidget(preview)
        assert preview.save_to(str(out / "directory.pdf"))
        window.tabs.setCurrentWidget(window.contributions)
        window.contributions.view.table.selectRow(0)
        menu_action(window, "Contribution › Thank-you letters…").trigger()
        letters = window.findChild(LettersDialog)
        qtbot.addWidget(letters)
        letters.after_output("Saved.")
        assert not letters.mark_button.isVisible()
        assert "cannot be marked as thanked here" in letters.went_out_label.text()
        letters.done(0)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
        menu_action(window, "File › Back up to…").trigger()
        assert list(out.glob("cars-desktop-chosen-*.sqlite3"))
        assert snapshot(data) == before  # nothing written, the folder still read-only

        # moved to a folder on this computer, it can be worked on again
        moved = tmp_path / "moved"
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(moved))
        answer_message_boxes([QMessageBox.StandardButton.Ok], seen)
        menu_action(window, "File › Move the data to…").trigger()
        assert window.store.data_dir == moved and not window.store.read_only
        assert window.windowTitle() == "CARS Desktop" and not note.isVisible()
        assert menu_action(window, "Partner › Edit partner…").isEnabled()
        assert window.partners.model.rowCount() == 20
        answer_message_boxes([QMessageBox.StandardButton.Ok], seen)
        menu_action(window, "File › Back up now").trigger()  # the copied backups folder is ours
        assert len(backups.list_backups(moved / "backups")) == 2, seen[-1]
    finally:
        window.store.close()
    assert snapshot(data) == before


@as_a_user
def test_quitting_instead_of_looking_changes_nothing(qtbot, tmp_path):
    from cars_desktop.ui.app import open_window

    data = a_group(tmp_path / "data")
    lock(data)
    before = snapshot(data)
    seen = []
    answer_message_boxes(["&Quit"], seen)
    assert open_window(str(data)) is None
    assert "can be looked at but not changed" in seen[0]
    assert snapshot(data) == before


def test_a_damaged_file_looked_at_read_only_says_why_and_still_reports(qtbot, tmp_path):
    """Read-only for another reason: a file altered outside the app. The same window."""
    from cars_desktop.ui.app import open_window
    from cars_desktop.ui.reports_dialog import ReportsDialog

    data = a_group(tmp_path / "data")
    altered = sqlite3.connect(data / database.DB_FILENAME)
    altered.execute("CREATE TRIGGER tenth AFTER INSERT ON contribution BEGIN "
                    "UPDATE contribution SET amount_cents = amount_cents / 10; END")
    altered.commit()
    altered.close()
    before = (data / database.DB_FILENAME).read_bytes()
    seen = []
    answer_message_boxes([LOOK], seen)
    window = open_window(str(data))[1]
    qtbot.addWidget(window)
    try:
        assert "changed by something other than CARS Desktop" in seen[0]
        assert window.windowTitle() == "CARS Desktop (read-only)"
        assert "Read-only: the data file is damaged." in window.read_only_note.text()
        assert not menu_action(window, "Contribution › New contribution…").isEnabled()
        menu_action(window, "Reports › Make a report…").trigger()
        reports = window.findChild(ReportsDialog)
        reports.report.setCurrentIndex(reports.report.findData("directory"))
        preview = reports.make()
        qtbot.addWidget(preview)
        assert preview.save_to(str(tmp_path / "directory.pdf"))
    finally:
        window.store.close()
    assert (data / database.DB_FILENAME).read_bytes() == before  # looked at, not changed


@as_a_user
def test_a_read_only_stick_says_so_and_keeps_what_it_brought(tmp_path):
    """Sharing changes with a folder this user may read but not write: the other laptop's
    changes are applied, this laptop's wait, and the message says why in plain words."""
    from cars_desktop.store import change_packs
    from cars_desktop.store.models import Partner

    stick = tmp_path / "stick"
    stick.mkdir()
    with database.open_store(tmp_path / "A"):
        org("Co-op Santé")
        change_packs.sync(stick)
    folder = stick / change_packs.FOLDER_NAME
    for path in [folder, *folder.iterdir()]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        with database.open_store(tmp_path / "B"):
            org("Club Lions")
            with pytest.raises(change_packs.PackError, match="could not be written: "
                               "Permission denied"):
                change_packs.sync(stick)
            assert Partner.select().count() == 2 and database.integrity_report() == []
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(not AS_ROOT, reason="not root: the tests above ran as they are")
def test_these_tests_pass_as_a_user_who_is_not_root(tmp_path):
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) runs the tests as another user"
    home = tmp_path / "home"
    runtime = home / "runtime"
    runtime.mkdir(parents=True, mode=0o700)
    for folder in (tmp_path, home, runtime):
        os.chown(folder, NOBODY, NOBODY)
    tmp_path.chmod(0o755)
    env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime),
           "TMPDIR": str(home), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
         "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search",
         sys.executable, "-m", "pytest", __file__, "-q", "-p", "no:cacheprovider",
         "-k", "not who_is_not_root"],
        cwd=Path(__file__).parent.parent, env=env, capture_output=True, text=True,
        timeout=900)
    said = result.stdout[-4000:] + result.stderr[-2000:]
    assert result.returncode == 0, said
    tests = [name for name in globals() if name.startswith("test_")]
    assert re.search(rf"\b{len(tests) - 1} passed\b", result.stdout), said
    assert "skipped" not in result.stdout, said
