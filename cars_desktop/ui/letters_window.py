"""Making thank-you letters from the window: the PDF made beside the window with a progress
dialog, a preview, Print and Save as, then marking the contributions thanked (and undoing it)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core import vocab
from cars_desktop.core.periods import PERIOD_CHOICES, named_period
from cars_desktop.store.database import StoreError
from cars_desktop.ui.widgets import fill_combo


def letters_ready(parent: QWidget) -> bool:
    """Letters need the group's name and address; say so, and offer to fill them in."""
    from cars_desktop.store.profile import letters_missing

    missing = letters_missing()
    if missing is None:
        return True
    box = QMessageBox(QMessageBox.Icon.Information, "Your group's profile first",
                      missing.replace(" Fill them in File › Group profile…", ""),
                      QMessageBox.StandardButton.Cancel, parent)
    fill = box.addButton("Fill in the &profile…", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    if box.clickedButton() is not fill:
        return False
    from cars_desktop.ui.profile_dialog import GroupProfileDialog

    GroupProfileDialog(parent).exec()
    return letters_missing() is None


class _Job:
    """Writes the PDF on a thread of its own; the window keeps drawing meanwhile."""

    def __init__(self, letters, head, path: Path, today: dt.date) -> None:
        self.letters, self.head, self.path, self.today = letters, head, path, today
        self.done = 0
        self.cancelled = False
        self.finished = False
        self.error: BaseException | None = None
        self.pages = 0

    def run(self) -> None:
        from cars_desktop.documents.letters import Cancelled, write_letters

        try:
            self.pages = write_letters(self.letters, self.head, self.path, self.today,
                                       self._progress)
        except Cancelled:
            pass
        except Exception as err:  # shown to the volunteer; the thread must not die silently
            self.error = err
        finally:
            self.finished = True

    def _progress(self, done: int, total: int) -> bool:
        self.done = done
        return not self.cancelled


def unsaved_folder() -> Path:
    """Where a batch waits while it is previewed: beside the data, which is private to the
    volunteer (letters hold names and addresses), not in a shared temporary folder. What a
    crash left behind is removed the next time."""
    from cars_desktop.store.models import db

    folder = Path(db.database).parent / "unsaved-letters"
    folder.mkdir(mode=0o700, exist_ok=True)
    stale = time.time() - 12 * 3600
    for old in folder.glob("cars-letters-*"):
        if old.stat().st_mtime < stale:
            shutil.rmtree(old, ignore_errors=True)
    return folder


def file_name(title: str, today: dt.date) -> str:
    """A name any system accepts for the Save as suggestion: "Year-end summary A-B Ltd"."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", title).strip(" .-")[:80]
    return f"{cleaned or 'Letters'} {today:%Y-%m-%d}.pdf"


def make_letters(parent: QWidget, batch, title: str) -> LettersDialog | None:
    """Write `batch` (a `store.letters.Batch`) to a PDF and open its preview. Returns the
    preview, or None when there was nothing to show or the volunteer cancelled."""
    from cars_desktop.store.letters import letterhead

    if not batch.letters:
        reasons = "\n".join(batch.skipped[:10])
        QMessageBox.information(parent, "No letters to make",
                                "There is no one to thank in what was chosen."
                                + (f"\n\n{reasons}" if reasons else ""))
        return None
    window = parent.window()
    if getattr(window, "_making_letters", False):
        return None  # a second click while the first batch is being made
    today = dt.date.today()
    folder = Path(tempfile.mkdtemp(prefix="cars-letters-", dir=unsaved_folder()))
    path = folder / "letters.pdf"
    job = _Job(batch.letters, letterhead(), path, today)
    window._making_letters = True
    count = len(batch.letters)
    progress = QProgressDialog(f"Making {count} letter{'s' if count != 1 else ''}…", "Cancel",
                               0, count, parent)
    progress.setWindowTitle("Thank-you letters")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)  # a handful of letters takes less: no flicker
    progress.canceled.connect(lambda: setattr(job, "cancelled", True))
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(50)

    def check() -> None:
        if progress.wasCanceled():
            job.cancelled = True
        if not job.cancelled:
            progress.setValue(job.done)
        if job.finished:
            timer.stop()
            loop.quit()

    timer.timeout.connect(check)
    threading.Thread(target=job.run, name="letters", daemon=True).start()
    timer.start()
    try:
        loop.exec()
    finally:
        window._making_letters = False
        progress.reset()
        progress.deleteLater()
    if job.error is not None or job.cancelled:
        shutil.rmtree(folder, ignore_errors=True)
        if job.error is not None:
            QMessageBox.critical(parent, "The letters were not made",
                                 f"Something went wrong while writing the letters: "
                                 f"{job.error}\n\nNothing was marked as thanked.")
        return None
    return LettersDialog(parent, path, batch, job.pages, title)


class LettersDialog(QDialog):
    """The letters as they will print, with Print, Save as, and "the letters went out"."""

    thanked_changed = Signal()
    marked = Signal(object)  # the SentLetters, so that the marking can be undone later too

    def __init__(self, parent: QWidget | None, pdf: Path, batch, pages: int, title: str
                 ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.pdf, self.batch, self.sent = pdf, batch, None
        self.title = title
        self.went_out_done = False  # printed or saved, so probably sent
        count = len(batch.letters)
        self.document = QPdfDocument(self)
        self.document.load(str(pdf))

        summary = QLabel(f"<b>{count} letter{'s' if count != 1 else ''}</b> on {pages} "
                         f"page{'s' if pages != 1 else ''}, ready to print.")
        summary.setObjectName("lettersSummary")
        notes = []
        if batch.no_address:
            names = ", ".join(batch.no_address[:5]) + (" and others" if len(batch.no_address) > 5
                                                       else "")
            notes.append(f"No postal address for {names}: their letters show only the name. "
                         "Add the address to the partner and make the letters again.")
        if batch.skipped:
            notes.append(f"{len(batch.skipped)} chosen contribution"
                         f"{'s have' if len(batch.skipped) != 1 else ' has'} no letter: "
                         + "; ".join(batch.skipped[:3]) + ("…" if len(batch.skipped) > 3
                                                          else ""))
        self.notes = QLabel("\n".join(notes))
        self.notes.setObjectName("lettersNotes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #8a5a00;")
        self.notes.setVisible(bool(notes))

        self.view = QPdfView()
        self.view.setObjectName("letterPreview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        self.went_out = QFrame()
        self.went_out.setObjectName("wentOut")
        self.went_out.setFrameShape(QFrame.Shape.StyledPanel)
        bar = QHBoxLayout(self.went_out)
        self.went_out_label = QLabel()
        self.went_out_label.setWordWrap(True)
        self.mark_button = QPushButton("&Mark as thanked by letter")
        self.mark_button.setObjectName("markThanked")
        self.mark_button.setAutoDefault(False)  # Enter must never mark a whole batch
        self.mark_button.clicked.connect(self.mark_thanked)
        self.undo_button = QPushButton("&Undo")
        self.undo_button.setObjectName("undoThanked")
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo)
        bar.addWidget(self.went_out_label, 1)
        bar.addWidget(self.mark_button)
        bar.addWidget(self.undo_button)
        self._show_went_out()

        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton("&Print…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("printLetters")
        self.print_button.clicked.connect(self.print_letters)
        self.save_button = buttons.addButton("&Save as PDF…",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("saveLetters")
        self.save_button.clicked.connect(self.save_as)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeLetters")
        for button in (self.print_button, self.save_button):
            button.setAutoDefault(False)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_letters)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_as)
        zoom_in = QShortcut(QKeySequence.StandardKey.ZoomIn, self)
        zoom_in.activated.connect(lambda: self._zoom(1.25))
        zoom_out = QShortcut(QKeySequence.StandardKey.ZoomOut, self)
        zoom_out.activated.connect(lambda: self._zoom(0.8))

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.notes)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.went_out)
        layout.addWidget(buttons)
        self.resize(760, 860)

    def done(self, result: int) -> None:
        """Closing forgets the unsaved PDF: it lives in a temporary folder of its own."""
        if self.went_out_done and self.sent is None:
            answer = QMessageBox.question(
                self, "Mark the letters as thanked?",
                "These letters were printed or saved, but the contributions are not marked as "
                "thanked: they stay in the thank-you queue. Mark them now?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Yes:
                self.mark_thanked()
            self.went_out_done = False
        self.document.close()  # Windows cannot delete a file that is still open
        shutil.rmtree(self.pdf.parent, ignore_errors=True)
        super().done(result)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, self.view.zoomFactor() * factor)))

    # Print and save

    def print_letters(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the letters")
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self.print_to(printer):
            self._ask_went_out("The letters were sent to the printer.")

    def print_to(self, printer: QPrinter) -> bool:
        """Each page drawn at 300 dpi on white, on the whole sheet, so that the address stays
        where the envelope window is. Returns False when the volunteer cancelled."""
        printer.setResolution(300)
        printer.setFullPage(True)
        narrow = self.document.pagePointSize(0).width() < 600  # A4 is 595 points wide
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4 if narrow
                                      else QPageSize.PageSizeId.Letter))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        first, last = printer.fromPage(), printer.toPage()
        if first == 0:  # the whole document
            first, last = 1, self.document.pageCount()
        progress = QProgressDialog("Sending the letters to the printer…", "Cancel", first - 1,
                                   last, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        painter = QPainter(printer)
        try:
            for number in range(first - 1, last):
                if progress.wasCanceled():
                    printer.abort()
                    return False
                if number > first - 1:
                    printer.newPage()
                sheet = printer.pageLayout().fullRectPixels(printer.resolution())
                page = QImage(sheet.size(), QImage.Format.Format_RGB32)
                page.fill(Qt.GlobalColor.white)  # opaque: printers get no transparency mask
                on_page = QPainter(page)
                on_page.drawImage(0, 0, self.document.render(number, sheet.size()))
                on_page.end()
                painter.drawImage(QRect(QPoint(0, 0), sheet.size()), page)
                progress.setValue(number + 1)
        finally:
            painter.end()
            progress.reset()
        return True

    def save_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the letters", str(
            Path.home() / file_name(self.title, dt.date.today())), "PDF files (*.pdf)")
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> bool:
        target = Path(path if path.lower().endswith(".pdf") else f"{path}.pdf")
        partial = target.with_name(f".{target.name}.partial")
        try:  # a copy then a rename: a full USB stick never leaves half a PDF
            shutil.copyfile(self.pdf, partial)
            partial.replace(target)
        except OSError as err:
            partial.unlink(missing_ok=True)
            QMessageBox.critical(self, "Not saved", f"The letters could not be saved to "
                                                    f"{target}: {err.strerror or err}.")
            return False
        self._ask_went_out(f"Saved as {target}.")
        return True

    # The letters went out

    def _ask_went_out(self, done: str) -> None:
        self._last_done = done
        self.went_out_done = True
        self._show_went_out()

    def _show_went_out(self) -> None:
        done = getattr(self, "_last_done", "")
        if self.sent is not None:
            marked = len(self.sent.contribution_ids)
            text = (f"{marked} contribution{'s' if marked != 1 else ''} marked as thanked by "
                    f"letter on {self.sent.date:%Y-%m-%d}." if marked else
                    "They had all been thanked already: nothing was marked.")
        else:
            text = (f"{done} " if done else "") + ("Once the letters have gone out, mark the "
                                                   "contributions as thanked: they leave the "
                                                   "thank-you queue.")
        self.went_out_label.setText(text)
        self.mark_button.setVisible(self.sent is None)
        self.undo_button.setVisible(self.sent is not None and bool(self.sent.contribution_ids))

    def mark_thanked(self) -> None:
        from cars_desktop.store.letters import record_letters_sent

        try:
            self.sent = record_letters_sent(self.batch.contribution_ids(), dt.date.today())
        except StoreError as err:
            QMessageBox.critical(self, "Not marked", str(err))
            return
        self._show_went_out()
        self.thanked_changed.emit()
        self.marked.emit(self.sent)

    def undo(self) -> None:
        from cars_desktop.store.letters import undo_letters_sent

        if self.sent is None:
            return
        try:
            undo_letters_sent(self.sent)
        except StoreError as err:
            QMessageBox.critical(self, "Not undone", str(err))
            return
        self.sent = None
        self.marked.emit(None)
        self._last_done = "The marking was undone."
        self.went_out_done = False
        self._show_went_out()
        self.thanked_changed.emit()


class YearEndDialog(QDialog):
    """Which period a partner's year-end summary covers, and in which language."""

    def __init__(self, parent: QWidget, partner_name: str, fiscal_start: int) -> None:
        super().__init__(parent)
        self.setWindowTitle("Year-end summary letter")
        self.fiscal_start = fiscal_start
        form = QFormLayout(self)
        form.addRow(QLabel(f"Every gift received from <b>{_html(partner_name)}</b> in a "
                           "period, with the total, in one letter."))
        self.period = QComboBox()
        self.period.setObjectName("yearEndPeriod")
        for code, label in PERIOD_CHOICES:
            if code not in ("all", "this_quarter"):
                self.period.addItem(label, code)
        self.period.setCurrentIndex(max(0, self.period.findData(  # the last finished year
            "last_year" if fiscal_start == 1 else "last_fiscal")))
        form.addRow("&Period", self.period)
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit, name in ((self.start, "yearEndFrom"), (self.end, "yearEndTo")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            row.addWidget(edit)
        self.start.setAccessibleName("From")
        self.end.setAccessibleName("To")
        form.addRow("&Dates", dates)
        self.dates_row = dates
        self.language = QComboBox()
        self.language.setObjectName("yearEndLanguage")
        self.language.addItem("The partner's language", None)
        fill_combo(self.language, vocab.LANGUAGES, clear=False)
        form.addRow("&Language", self.language)
        buttons = QDialogButtonBox()
        make = buttons.addButton("&Make the letter", QDialogButtonBox.ButtonRole.AcceptRole)
        make.setObjectName("makeYearEnd")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.period.currentIndexChanged.connect(self._period_changed)
        self._period_changed()

    def _period_changed(self) -> None:
        code = self.period.currentData()
        custom = code == "custom"
        self.start.setEnabled(custom)
        self.end.setEnabled(custom)
        if not custom:
            chosen = named_period(code, dt.date.today(), self.fiscal_start)
            self.start.setDate(chosen.start)
            self.end.setDate(chosen.end)

    def chosen(self) -> tuple[dt.date, dt.date, str | None]:
        ends = sorted(edit.date().toPython() for edit in (self.start, self.end))
        return ends[0], ends[1], self.language.currentData()


def _html(text: str) -> str:
    from html import escape

    return escape(text)


def open_letters(parent: QWidget, collect: Callable[[], object], title: str,
                 on_thanked: Callable[[], None]) -> LettersDialog | None:
    """The whole errand: check the profile, gather the letters, make them, show them."""
    from cars_desktop.store.letters import LetterProblem

    if not letters_ready(parent):
        return None
    try:
        batch = collect()
    except LetterProblem as err:
        QMessageBox.information(parent, "No letter made", str(err))
        return None
    except StoreError as err:
        QMessageBox.critical(parent, "No letter made", str(err))
        return None
    dialog = make_letters(parent, batch, title)
    if dialog is not None:
        dialog.thanked_changed.connect(on_thanked)
        dialog.show()
    return dialog
