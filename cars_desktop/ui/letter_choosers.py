"""The dialogs that choose which letters to make: everyone not yet thanked since a day, and the
period of year-end summaries (one partner's, or everyone's who gave)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from cars_desktop.core import vocab
from cars_desktop.core.text import format_count
from cars_desktop.i18n import _, ngettext
from cars_desktop.ui.date_field import DateField
from cars_desktop.ui.period_field import PeriodField, last_finished_year
from cars_desktop.ui.widgets import fill_combo


class QueueLettersDialog(QDialog):
    """Letters for everyone not yet thanked: from which day, and what that leaves for later."""

    def __init__(self, parent: QWidget, since: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Letters for everyone not yet thanked"))
        form = QFormLayout(self)
        intro = QLabel(_("A thank-you letter for every gift and pledge not yet thanked. A partner "
                       "who gave several gifts gets one letter listing them; loans and pledges "
                       "get letters of their own."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.since = DateField(since)
        self.since.setObjectName("queueSince")
        self.since.setAccessibleName(_("Received since"))
        form.addRow(_("Received &since"), self.since)
        self.count = QLabel()
        self.count.setObjectName("queueCount")
        self.count.setWordWrap(True)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.count)
        buttons = QDialogButtonBox()
        self.make = buttons.addButton(
            _("&Make the letters"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.make.setObjectName("makeQueueLetters")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(460)
        self.since.dateChanged.connect(self._count)
        self._count()

    def chosen(self) -> dt.date:
        return self.since.date().toPython()

    def _count(self) -> None:
        from cars_desktop.store.contributions import queue_count

        since = self.chosen()
        found = queue_count(since)
        if found.included:
            lines = [ngettext("{n} contribution from {partners} will be thanked.",
                              "{n} contributions from {partners} will be thanked.",
                              found.included).format(
                n=format_count(found.included),
                partners=ngettext("{n} partner", "{n} partners", found.partners).format(
                    n=format_count(found.partners)))]
        else:
            lines = [_("Nothing received or promised since then waits for thanks.")]
        note = found.note(since)
        if note:
            lines.append(note)
        self.count.setText("\n\n".join(lines))
        self.make.setEnabled(bool(found.included))


class YearEndDialog(QDialog):
    """Which period year-end summaries cover, and in which language: one partner's
    (`partner_name`), or, with None, everyone's who gave in the period."""

    def __init__(self, parent: QWidget, partner_name: str | None, fiscal_start: int) -> None:
        super().__init__(parent)
        everyone = partner_name is None
        self.setWindowTitle(_("Year-end summaries for everyone") if everyone
                            else _("Year-end summary letter"))
        form = QFormLayout(self)
        intro = QLabel(_("A letter for every partner who gave in a period, listing each gift "
                         "received from them with the total, in the partner's language.")
                       if everyone else
                       _("Every gift received from <b>{html}</b> in a period, with the "
                         "total, in one letter.").format(html=_html(partner_name)))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.period = PeriodField(lambda: fiscal_start, default=last_finished_year(fiscal_start),
                                  leave_out=("all", "this_quarter"), dates_follow=True,
                                  names=("yearEndPeriod", "yearEndFrom", "yearEndTo"))
        form.addRow(_("&Period"), self.period)
        form.addRow(_("&Dates"), self.period.dates)
        self.start, self.end = self.period.start, self.period.end
        self.language = QComboBox()
        self.language.setObjectName("yearEndLanguage")
        self.language.addItem(_("The partner's language"), None)
        fill_combo(self.language, vocab.LANGUAGES, clear=False)
        form.addRow(_("&Language"), self.language)
        self.count = QLabel()
        self.count.setObjectName("yearEndCount")
        self.count.setWordWrap(True)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        if everyone:
            form.addRow(self.count)
        buttons = QDialogButtonBox()
        self.make = buttons.addButton(_("&Make the letters") if everyone
                                      else _("&Make the letter"),
                                      QDialogButtonBox.ButtonRole.AcceptRole)
        self.make.setObjectName("makeYearEnd")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if everyone:
            self.setMinimumWidth(480)
            self.period.changed.connect(self._count)
            self._count()

    def chosen(self) -> tuple[dt.date, dt.date, str | None]:
        return (*self.period.first_and_last(), self.language.currentData())

    def _count(self) -> None:
        """Who gave in the period chosen, before the letters are made."""
        from cars_desktop.store.year_end import gave_count

        found = gave_count(*self.period.first_and_last())
        if not found.partners:
            text = _("No gift was received in this period: there is no summary to make.")
        else:
            text = ngettext("{n} partner gave in this period: {n} letter.",
                            "{n} partners gave in this period: {n} letters.",
                            found.partners).format(n=format_count(found.partners))
            if found.no_address:
                text += " " + ngettext(
                    "{n} of them has no postal address: the letter shows only the name.",
                    "{n} of them have no postal address: their letters show only the name.",
                    found.no_address).format(n=format_count(found.no_address))
        self.count.setText(text)
        self.make.setEnabled(bool(found.partners))


def _html(text: str) -> str:
    from html import escape

    return escape(text)
