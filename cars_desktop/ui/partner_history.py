"""Under the partners list: what the selected partner gave and promised, with the totals, and
its communication log."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from cars_desktop.i18n import _
from cars_desktop.store import database
from cars_desktop.store.lists import ContactLog, ContributionList
from cars_desktop.store.models import Partner
from cars_desktop.ui.record_view import RecordView


class PartnerContributions(QWidget):
    """Under the list: what the selected partner gave and promised, with the totals."""

    def __init__(self) -> None:
        super().__init__()
        self.records = ContributionList()
        self.records.partner_id = -1  # nobody until a partner is selected
        self.view = RecordView(self.records, "partnerContributions", stretch_column=6)
        self.view.table.setColumnHidden(1, True)  # the partner's name: it is in the title
        self.title = QLabel()
        self.title.setObjectName("partnerContributionsTitle")
        self.totals = QLabel()
        self.totals.setObjectName("partnerTotals")
        self.totals.setWordWrap(True)
        self.title.setWordWrap(True)
        self.new_button = QPushButton(_("New contribution from this partner…"))
        self.new_button.setObjectName("newFromPartner")
        self.all_button = QPushButton(_("Open in the Contributions tab"))
        self.all_button.setObjectName("openInContributions")
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.new_button)
        head.addWidget(self.all_button)
        gifts = QWidget()
        gifts_layout = QVBoxLayout(gifts)
        gifts_layout.setContentsMargins(0, 0, 0, 0)
        gifts_layout.addLayout(head)
        gifts_layout.addWidget(self.view, 1)
        gifts_layout.addWidget(self.totals)

        self.log = ContactLog()
        self.log_view = RecordView(self.log, "contactLog", stretch_column=3)
        self.log_button = QPushButton(_("Log a contact…"))
        self.log_button.setObjectName("logContactFromPartner")
        log_head = QHBoxLayout()
        self.log_title = QLabel()
        log_head.addWidget(self.log_title, 1)
        log_head.addWidget(self.log_button)
        log_page = QWidget()
        log_layout = QVBoxLayout(log_page)
        log_layout.setContentsMargins(0, 0, 0, 0)
        log_layout.addLayout(log_head)
        log_layout.addWidget(self.log_view, 1)

        self.pages = QTabWidget()
        self.pages.setObjectName("partnerPages")
        self.pages.addTab(gifts, _("Contributions"))
        self.pages.addTab(log_page, _("Communication log"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.pages)
        self.show_partner(None)

    def show_partner(self, partner: Partner | None) -> None:
        self.records.partner_id = partner.id if partner else -1
        self.log.partner_id = partner.id if partner else -1
        can_add = partner is not None and partner.erased_at is None \
            and not database.opened_read_only()
        self.new_button.setEnabled(can_add)
        self.log_button.setEnabled(can_add)
        self.all_button.setEnabled(partner is not None)
        self.log_title.setText(_("<b>Communication log of {name}</b>").format(
            name=escape(partner.name)) if partner else
            _("<b>Communication log</b>: select a partner."))
        self.log_view.refresh(_("<p>No contact logged with this partner yet.</p>")
                              if partner else "")
        if partner is None:
            self.title.setText(_("<b>Contributions</b>: select a partner to see what they gave."))
            self.totals.setText("")
            self.view.refresh("")
            return
        self.title.setText(_("<b>Contributions from {name}</b>").format(
            name=escape(partner.name)))
        shown = self.view.refresh(
            _("<p>Nothing recorded from this partner yet.</p>"
            "<p><a href='new'>Record a contribution</a></p>"))
        from cars_desktop.ui.totals import totals_text  # the rules of counting: once one is shown

        self.totals.setText(totals_text(self.records.totals()) if shown else "")
