"""Making a PDF beside the window (with a progress dialog and Cancel), and previewing it in the
app with Print and Save as. Letters and reports both use it."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from cars_desktop import APP_NAME
from cars_desktop.i18n import _
from cars_desktop.ui import messages
from cars_desktop.ui.widgets import fit_to_screen
from cars_desktop.ui.worker import Job, run_with_progress

# write(path, progress) -> pages; progress(done, total) returns False to stop
Writer = Callable[[Path, Callable[[int, int], bool]], int]


def unsaved_folder() -> Path:
    """Where a PDF waits while it is previewed: beside the data, which is private to the
    volunteer (letters hold names and addresses), not in a shared temporary folder; for data
    that can only be read, in the volunteer's own cache folder. What a crash left behind is
    removed the next time."""
    import platformdirs

    from cars_desktop import APP_NAME
    from cars_desktop.store import database

    data_dir = database.opened_folder()
    folder = (platformdirs.user_cache_path(APP_NAME, appauthor=False)
              if database.opened_read_only() or data_dir is None else data_dir) \
        / "unsaved-letters"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stale = time.time() - 12 * 3600
    for old in folder.glob("cars-letters-*"):
        if old.stat().st_mtime < stale:
            shutil.rmtree(old, ignore_errors=True)
    return folder


def file_name(title: str, today: dt.date) -> str:
    """A name any system accepts for the Save as suggestion: "Year-end summary A-B Ltd"."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", title).strip(" .-")[:80]
    return f"{cleaned or _('Document')} {today:%Y-%m-%d}.pdf"


def make_pdf(parent: QWidget, write: Writer, total: int, label: str, what: str
             ) -> tuple[Path, int, list[str]] | None:
    """Run `write` into a private temporary file with a progress dialog (`total` 0: no
    count to show). Returns the file, its page count and the words in it that hold
    characters no font has, or None when cancelled or failed (the volunteer was told why)."""
    from cars_desktop.documents.scripts import noting_unprintable

    window = parent.window()
    if getattr(window, "_making_pdf", False):
        return None  # a second click while the first one is being made
    folder = Path(tempfile.mkdtemp(prefix="cars-letters-", dir=unsaved_folder()))
    path = folder / "document.pdf"
    # the writer gets plain data only: the database is read before, on the window's thread

    def work(progress):
        with noting_unprintable() as found:
            return write(path, progress), found

    job = Job(work)
    window._making_pdf = True
    try:
        run_with_progress(parent, job, label, what, total)
    finally:
        window._making_pdf = False
    if job.error is not None or job.cancelled:
        shutil.rmtree(folder, ignore_errors=True)
        if job.error is not None:
            messages.critical(
                parent,
                _("{what}: not made").format(what=what),
                _("Something went wrong while writing the PDF: {error}").format(error=job.error),
            )
        return None
    pages, found = job.result
    return path, pages, found


def unprintable_notes(words: list[str]) -> list[str]:
    """The warning for words that hold characters no font here has (they print as boxes)."""
    if not words:
        return []
    from cars_desktop.documents.scripts import where_unprintable

    shown = where_unprintable(words)
    return [_("⚠ Some characters cannot be printed with the fonts of {app_name} and show as "
              "empty boxes, in: {words}. Check how they were typed, or write them in another "
              "alphabet.").format(app_name=APP_NAME, words=shown)]


class PdfPreview(QDialog):
    """A PDF as it will print, with Print and Save as. Closing forgets the unsaved file."""

    def __init__(self, parent: QWidget | None, pdf: Path, title: str, summary: str) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.pdf, self.title = pdf, title
        self.document = QPdfDocument(self)
        self.document.load(str(pdf))
        self.summary = QLabel(summary)
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setObjectName("previewNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)  # notes may name partners
        self.notes.setStyleSheet("color: #8a5a00;")
        self.notes.hide()

        self.view = QPdfView()
        self.view.setObjectName("pdfPreview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        self.buttons = QDialogButtonBox()
        self.print_button = self.buttons.addButton(_("&Print…"),
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("printPdf")
        self.print_button.clicked.connect(self.print_pdf)
        self.save_button = self.buttons.addButton(_("&Save as PDF…"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("savePdf")
        self.save_button.clicked.connect(self.save_as)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closePreview")
        for button in (self.print_button, self.save_button):
            button.setAutoDefault(False)
        close.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_pdf)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_as)
        zoom_in = QShortcut(QKeySequence.StandardKey.ZoomIn, self)
        zoom_in.activated.connect(lambda: self._zoom(1.25))
        zoom_out = QShortcut(QKeySequence.StandardKey.ZoomOut, self)
        zoom_out.activated.connect(lambda: self._zoom(0.8))

        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.summary)
        self.layout_.addWidget(self.notes)
        self.layout_.addWidget(self.view, 1)
        self.layout_.addWidget(self.buttons)
        fit_to_screen(self, 800, 900)

    def show_notes(self, notes: list[str]) -> None:
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))

    def done(self, result: int) -> None:
        self.document.close()  # Windows cannot delete a file that is still open
        shutil.rmtree(self.pdf.parent, ignore_errors=True)
        super().done(result)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, self.view.zoomFactor() * factor)))

    def after_output(self, done: str) -> None:
        """Printed or saved: a subclass may want to know."""

    # Print and save

    def print_pdf(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print: {title}").format(title=self.title))
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self.print_to(printer):
            self.after_output(_("Sent to the printer."))

    def page_setup(self, printer: QPrinter) -> None:
        """The paper the pages go on: Letter or A4, as they were made, upright."""
        narrow = self.document.pagePointSize(0).width() < 600  # A4 is 595 points wide
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4 if narrow
                                      else QPageSize.PageSizeId.Letter))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)

    def print_to(self, printer: QPrinter) -> bool:
        """Each page drawn at 300 dpi on white, on the whole sheet, so that a letter's address
        stays where the envelope window is. Returns False when the volunteer cancelled."""
        printer.setResolution(300)
        printer.setFullPage(True)
        self.page_setup(printer)
        first, last = printer.fromPage(), printer.toPage()
        if first == 0:  # the whole document
            first, last = 1, self.document.pageCount()
        progress = QProgressDialog(_("Sending the pages to the printer…"), _("Cancel"), first - 1,
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
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save: {title}").format(title=self.title),
            str(Path.home() / file_name(self.title, dt.date.today())),
            _("PDF files (*.pdf)"),
        )
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> bool:
        from cars_desktop.documents.output import write_whole

        target = Path(path if path.lower().endswith(".pdf") else f"{path}.pdf")
        try:  # whole or not at all: a full USB stick never leaves half a PDF
            write_whole(target, lambda partial: shutil.copyfile(self.pdf, partial))
        except OSError as err:
            messages.critical(
                self,
                _("Not saved"),
                _("The PDF could not be saved to {target}: {value}.").format(
                    target=target, value=err.strerror or err
                ),
            )
            return False
        self.after_output(_("Saved as {target}.").format(target=target))
        return True
