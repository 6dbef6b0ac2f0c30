"""Work beside the window: a job tells its progress, stops on Cancel, reports its failure, and
an import's commit, started with the dialog's button, runs off the window's thread while the
window sees the data whole."""

import threading
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from cars_desktop.documents.output import Cancelled
from cars_desktop.exchange import importer
from cars_desktop.store import import_writer
from cars_desktop.store.errors import WriteError
from cars_desktop.store.models import Contribution, ImportBatch, Partner
from cars_desktop.ui.worker import Job, run_with_progress
from helpers import answer_message_boxes, import_through_the_menu

FILE = ("Name,Email,Date,Amount\r\n"
        "Ferme Leblanc,fl@example.ca,2026-03-01,50.00\r\n"
        "Garage Thériault,,2026-03-02,75\r\n"
        "Ferme Leblanc,fl@example.ca,2026-03-03,25\r\n")


def test_a_job_tells_its_progress_and_its_result_on_the_window_thread(qtbot):
    threads, seen = [], []

    def work(progress):
        threads.append(threading.current_thread())
        for done in range(1, 4):
            progress(done, 3)
        return "made"

    job = Job(work)
    job.progress.connect(lambda done, total: seen.append(
        (done, total, threading.current_thread())))
    got = []
    job.succeeded.connect(got.append)
    with qtbot.waitSignal(job.ended, timeout=5000):
        job.start()
    assert threads[0] is not threading.main_thread()
    assert [(done, total) for done, total, _ in seen] == [(1, 3), (2, 3), (3, 3)]
    assert all(thread is threading.main_thread() for *_, thread in seen)
    assert got == ["made"] and job.outcome() == "made"


def test_cancel_in_the_progress_dialog_stops_the_job(qtbot):
    parent = QPushButton("parent")
    qtbot.addWidget(parent)
    parent.show()
    steps = []

    def work(progress):
        for done in range(1, 10_000):
            time.sleep(0.01)
            steps.append(done)
            if not progress(done, 10_000):
                raise Cancelled
        return "whole"

    def press_cancel():
        progress = parent.findChild(QProgressDialog)
        if progress is None or not progress.isVisible():
            QTimer.singleShot(20, press_cancel)
            return
        progress.findChild(QPushButton).click()

    ended = []
    job = Job(work)
    job.succeeded.connect(ended.append)
    job.failed.connect(ended.append)
    QTimer.singleShot(20, press_cancel)
    run_with_progress(parent, job, "Counting…", "Count", 10_000)
    assert job.cancelled and job.finished
    assert ended == [] and job.error is None
    assert 0 < len(steps) < 9_999


def test_a_failing_job_reports_its_error(qtbot):
    def work(progress):
        raise OSError("the USB stick was pulled out")

    job = Job(work)
    failed = []
    job.failed.connect(failed.append)
    with qtbot.waitSignal(job.ended, timeout=5000):
        job.start()
    assert str(failed[0]) == "the USB stick was pulled out"
    assert not job.cancelled


def test_an_import_that_fails_in_its_job_tells_the_volunteer_plainly(qtbot, window, tmp_path,
                                                                    monkeypatch):
    path = tmp_path / "gifts.csv"
    path.write_text(FILE, encoding="utf-8")
    dialog = import_through_the_menu(qtbot, window, path)

    def full_disk(*args, **kwargs):
        raise WriteError("The disk is full: nothing was saved. Free some space and try again.")

    monkeypatch.setattr("cars_desktop.ui.import_dialog.commit", full_disk)
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Ok], seen)
    dialog.findChild(QPushButton, "doImport").click()
    assert seen == ["The disk is full: nothing was saved. Free some space and try again."]
    assert dialog.result is None and dialog.isVisible()
    assert Contribution.select().count() == 0


def test_the_import_commits_off_the_window_thread_and_the_window_never_sees_half(
        qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "gifts.csv"
    path.write_text(FILE, encoding="utf-8")
    dialog = import_through_the_menu(qtbot, window, path)
    partners_before = Partner.select().count()

    threads, written = [], threading.Event()
    real_new_partner = import_writer._new_partner

    def slow_new_partner(*args):
        threads.append(threading.current_thread())
        made = real_new_partner(*args)
        written.set()
        time.sleep(0.3)  # inside the transaction: the window looks meanwhile
        return made

    committed = threading.Event()

    def commit(*args):
        result = importer.commit(*args)
        committed.set()
        return result

    monkeypatch.setattr(import_writer, "_new_partner", slow_new_partner)
    monkeypatch.setattr("cars_desktop.ui.import_dialog.commit", commit)
    looked = []  # (rows written but not committed yet, partners the window sees, its gifts)

    def look():
        was_written = written.is_set()
        seen = Partner.select().count(), Contribution.select().count()
        looked.append((was_written and not committed.is_set(), *seen))
        if dialog.result is None:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    answer_message_boxes([QMessageBox.StandardButton.Ok], [])
    dialog.findChild(QPushButton, "doImport").click()

    assert threads and all(t is not threading.main_thread() for t in threads)
    assert dialog.result.contributions == 3 and dialog.result.partners == 2
    assert Contribution.select().count() == 3 and ImportBatch.select().count() == 1
    # while the worker had rows written but not committed, the window saw none of them
    assert any(halfway for halfway, *_ in looked)
    assert all((seen_partners, gifts) == (partners_before, 0)
               for halfway, seen_partners, gifts in looked if halfway)
    assert window.contributions.records.total() == 3  # and every tab reads the import
    assert len(list(window.store.backup_dir.glob("*before-import*"))) == 1
