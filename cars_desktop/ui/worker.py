"""The one way to do work beside the window. A `Job` runs a function on a thread of its own
pool, says how far it got and how it ended by signals (always on the window's thread), and can
be cancelled; the window keeps drawing meanwhile. `run_with_progress` waits for a job behind a
progress dialog, for work whose result the volunteer waits for (a PDF, an import, a backup
they asked for); `Job.start` alone lets it run on (the daily backup)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from functools import cache
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from cars_desktop.documents.output import Cancelled
from cars_desktop.i18n import _

# work(progress) -> result; progress(done, total) returns False once the job is cancelled,
# and the work then stops by raising Cancelled
Work = Callable[[Callable[[int, int], bool]], Any]

_running: set[Job] = set()  # a job is kept until it ended: never garbage-collected midway


@cache
def _pool() -> QThreadPool:
    pool = QThreadPool()
    pool.setMaxThreadCount(2)  # the daily backup and one job the volunteer waits for
    return pool


@cache
def _reading_pool() -> QThreadPool:
    pool = QThreadPool()
    pool.setMaxThreadCount(1)  # a long list's count and totals, one after the other
    return pool


class Job(QObject):
    progress = Signal(int, int)  # done, total (0: not known)
    succeeded = Signal(object)  # what the work returned
    failed = Signal(object)  # the exception it raised
    ended = Signal()  # last, however it ended (cancelled too)
    _moved = Signal(int, int)  # from the job's thread
    _over = Signal()  # from the job's thread

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.result: Any = None
        self.error: Exception | None = None
        self.cancelled = False
        self.finished = False  # its end was reported
        self._done = threading.Event()
        # queued: the signals anyone connects to are emitted on the window's thread
        self._moved.connect(self.progress, Qt.ConnectionType.QueuedConnection)
        self._over.connect(self._report_end, Qt.ConnectionType.QueuedConnection)

    def start(self, pool: QThreadPool | None = None) -> Job:
        _running.add(self)
        (pool or _pool()).start(self._run)
        return self

    def cancel(self) -> None:
        self.cancelled = True

    def wait(self) -> None:
        """Block until the work is over and report its end now: before the data file
        closes, say, a backup must be whole."""
        self._done.wait()
        self._report_end()

    def outcome(self) -> Any:
        """What the work returned, or the exception it raised, raised again here."""
        if self.error is not None:
            raise self.error
        return self.result

    def _progress(self, done: int, total: int) -> bool:
        self._moved.emit(done, total)
        return not self.cancelled

    def _run(self) -> None:
        from cars_desktop.store.models import db

        try:
            self.result = self.work(self._progress)
        except Cancelled:
            self.cancelled = True
        except Exception as err:  # told to the volunteer; the thread must not die silently
            self.error = err
        finally:
            if not db.is_closed():  # Peewee keeps a connection per thread: not left open
                db.close()
            self._done.set()
            self._over.emit()

    def _report_end(self) -> None:
        if self.finished:
            return
        self.finished = True
        _running.discard(self)
        if self.error is not None:
            self.failed.emit(self.error)
        elif not self.cancelled:
            self.succeeded.emit(self.result)
        self.ended.emit()


def run_with_progress(parent: QWidget, job: Job, label: str, title: str, total: int = 0,
                      can_cancel: bool = True) -> Job:
    """Start `job` and wait for its end. A progress dialog (with Cancel, if the work can stop)
    shows only when the work takes a while; meanwhile the window keeps drawing and the
    dialog's own window waits. `total` 0: the job tells its count, or there is none."""
    progress = QProgressDialog(label, _("Cancel"), 0, total, parent)
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)  # quick work shows no dialog at all: no flicker
    if can_cancel:
        progress.canceled.connect(job.cancel)
    else:
        progress.setCancelButton(None)

    def moved(done: int, count: int) -> None:
        if job.cancelled or not (total or count):
            return
        if progress.maximum() != (total or count):
            progress.setMaximum(total or count)
        progress.setValue(min(done, progress.maximum()))

    job.progress.connect(moved)
    loop = QEventLoop()
    job.ended.connect(loop.quit)
    job.start()
    try:
        loop.exec()
    finally:
        progress.reset()
        progress.deleteLater()
    return job


def read_beside(read: Callable[[sqlite3.Connection], Any], done: Callable[[Any], None]) -> Job:
    """Read on a connection of its own, beside the window: a long list's count or totals never
    hold up the next keystroke. `done` gets the answer on the window's thread; a job cancelled
    before its turn reads nothing, and a cancelled one's answer is never given."""
    from cars_desktop.store import database

    def work(progress: Callable[[int, int], bool]) -> Any:
        if not progress(0, 0):
            raise Cancelled
        connection = database.reading_connection()
        try:
            return read(connection)
        finally:
            connection.close()

    job = Job(work)
    job.succeeded.connect(done)
    return job.start(_reading_pool())


def finish_reading() -> None:
    """Wait for the reading beside the window: before the data file closes or is replaced."""
    _reading_pool().waitForDone()
