"""Choosing a report, its period and language, then previewing it with Print and Save as."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from cars_desktop.core import vocab
from cars_desktop.documents.reports import REPORT_KINDS, REPORTS
from cars_desktop.i18n import _, ngettext
from cars_desktop.store.errors import StoreError
from cars_desktop.ui import messages
from cars_desktop.ui.partner_picker import PartnerPicker
from cars_desktop.ui.pdf_preview import PdfPreview, make_pdf, unprintable_notes
from cars_desktop.ui.period_field import PeriodField, last_finished_year
from cars_desktop.ui.widgets import ErrorLabel, fill_combo, muted, set_combo


class ReportsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, report: str = "summary",
                 partner_id: int | None = None) -> None:
        super().__init__(parent)
        from cars_desktop.store.profile import fiscal_year_start_month, group_profile

        self.setWindowTitle(_("Reports"))
        self.setMinimumWidth(500)
        self.fiscal_start = fiscal_year_start_month()
        form = QFormLayout(self)
        self.report = QComboBox()
        self.report.setObjectName("reportChoice")
        fill_combo(self.report, REPORTS)
        set_combo(self.report, report)
        form.addRow(_("&Report"), self.report)
        self.hint = QLabel()
        self.hint.setObjectName("reportHint")
        self.hint.setWordWrap(True)
        # room for the longest description (French), so that choosing one never clips it
        self.hint.setMinimumHeight(4 * self.hint.fontMetrics().lineSpacing())
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        muted(self.hint)
        form.addRow("", self.hint)

        self.period = PeriodField(lambda: self.fiscal_start,
                                  default=last_finished_year(self.fiscal_start),
                                  leave_out=("all",), dates_follow=True, to_date=True,
                                  names=("reportPeriod", "reportFrom", "reportTo"))
        form.addRow(_("&Period"), self.period)
        form.addRow(_("&Dates"), self.period.dates)
        self.start, self.end = self.period.start, self.period.end
        self.partner = PartnerPicker()
        self.partner.setObjectName("reportPartner")
        self.partner.setPlaceholderText(_("Type a few letters of the partner's name"))
        if partner_id:
            self.partner.set_partner(partner_id)
        self.partner.chosen.connect(self._partner_chosen)
        form.addRow(_("P&artner"), self.partner)
        self.grouping = QComboBox()
        self.grouping.setObjectName("reportGrouping")
        form.addRow(_("&Group names"), self.grouping)
        self.language = QComboBox()
        self.language.setObjectName("reportLanguage")
        fill_combo(self.language, vocab.LANGUAGES)
        set_combo(self.language, group_profile().language or "en")
        form.addRow(_("&Language"), self.language)
        self.error = ErrorLabel()
        form.addRow(self.error)

        buttons = QDialogButtonBox()
        self.make_button = buttons.addButton(_("&Make the report"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.make_button.setObjectName("makeReport")
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.make)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeReports")
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.form = form

        self.report.currentIndexChanged.connect(self._report_changed)
        self._report_changed()
        self.preview: PdfPreview | None = None

    def _report_changed(self) -> None:
        code = self.report.currentData()
        self.hint.setText(REPORTS.term(code).hint())
        for widget in (self.period, self.period.dates):
            self.form.setRowVisible(widget, REPORT_KINDS[code].needs_period)
        self.form.setRowVisible(self.partner, REPORT_KINDS[code].needs_partner)
        groupings = REPORT_KINDS[code].groupings
        chosen = self.grouping.currentData()
        self.grouping.clear()
        if groupings is not None:
            fill_combo(self.grouping, groupings)
            set_combo(self.grouping, chosen)
        self.form.setRowVisible(self.grouping, groupings is not None)
        label = self.form.labelForField(self.grouping)
        label.setText(_(REPORT_KINDS[code].grouping_label))
        self.error.show_message("")

    def set_dates(self, start: dt.date, end: dt.date) -> None:
        """Show the report for these two dates, as if typed under "Between dates…"."""
        self.period.set_period("custom")
        self.start.setDate(QDate(start))
        self.end.setDate(QDate(end))

    def _partner_chosen(self, partner_id: int | None) -> None:
        """A statement goes to the partner: in their language, unless changed after."""
        from cars_desktop.store.models import Partner

        partner = Partner.get_or_none(Partner.id == partner_id) if partner_id else None
        if partner is not None:
            set_combo(self.language, partner.language)

    def dates(self) -> tuple[dt.date, dt.date]:
        return self.period.first_and_last()

    def make(self) -> PdfPreview | None:
        """Compute the report (quick: sums in SQL), write it beside the window, preview it."""
        from cars_desktop.documents.reports import gather_report, write_report
        from cars_desktop.store.letters import letterhead

        code = self.report.currentData()
        lang = self.language.currentData()
        start, end = self.dates()
        today = dt.date.today()
        kind = REPORT_KINDS[code]
        if kind.needs_partner and not self.partner.partner_id:
            self.error.show_message(_("Choose the partner: type a few letters of its name and "
                                    "pick it from the list."))
            self.partner.setFocus()
            return None
        self.error.show_message("")
        try:
            data = gather_report(code, start, end, self.partner.partner_id, today,
                                 self.grouping.currentData())
        except LookupError as err:
            self.error.show_message(str(err))
            return None
        except StoreError as err:
            messages.critical(self, _("No report made"), str(err))
            return None
        head = letterhead()
        title = REPORTS.label(code, lang)
        made = make_pdf(
            self,
            lambda path, progress: write_report(code, data, head, lang, path, today, progress),
            0,
            _("Making the {lower}…").format(lower=REPORTS.label(code).lower()),
            _("Reports"),
        )
        if made is None:
            return None
        path, pages, unprintable = made
        subject = self.partner.text() if kind.needs_partner else ""
        self.preview = PdfPreview(self, path, f"{title} {subject}".strip(),
                                  ngettext("<b>{title}</b>, {pages} page, ready to print.",
                                           "<b>{title}</b>, {pages} pages, ready to print.",
                                           pages).format(title=title, pages=pages))
        self.preview.show_notes(unprintable_notes(unprintable))
        self.preview.show()
        return self.preview
