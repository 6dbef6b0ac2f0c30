"""The main window's part in sharing changes between laptops and reading their history:
File › Share changes…, Changes to settle (and the notice when some wait), History."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from cars_desktop.i18n import _, ngettext
from cars_desktop.store import history


class Sharing:
    """Mixed into MainWindow, whose tabs, status bar and `reload_everything` it uses."""

    def make_settle_notice(self) -> None:
        self.settle_notice = QPushButton()
        self.settle_notice.setObjectName("settleNotice")
        self.settle_notice.clicked.connect(self.open_settle)
        self.statusBar().addPermanentWidget(self.settle_notice)
        self.update_settle_notice()

    def update_settle_notice(self) -> None:
        waiting = len(history.to_settle())
        self.settle_notice.setText(ngettext("{count} change to settle",
                                            "{count} changes to settle", waiting).format(
            count=waiting))
        self.settle_notice.setVisible(bool(waiting))

    def share_changes(self):
        from cars_desktop.ui.share_dialog import share_changes

        return share_changes(self)

    def _after_change(self) -> None:
        self.reload_everything()
        self.update_settle_notice()

    def open_settle(self):
        from cars_desktop.ui.settle_window import SettleWindow

        dialog = SettleWindow(self, self._after_change)
        dialog.open()
        return dialog

    def recent_changes(self):
        from cars_desktop.ui.history_window import recent_changes

        dialog = recent_changes(self, self._after_change)
        dialog.open()
        return dialog

    def partner_history(self):
        from cars_desktop.store.models import Partner
        from cars_desktop.ui.history_window import partner_history

        partner = Partner.get_or_none(Partner.id == self.partners.selected_id())
        if partner is None:
            self.statusBar().showMessage(_("Choose a partner in the list first."), 10_000)
            return None
        dialog = partner_history(self, partner.id, partner.name, self._after_change)
        dialog.open()
        return dialog

    def gift_history(self):
        from cars_desktop.ui.history_window import gift_history

        gift = self.contributions.view.selected_id()
        if gift is None:
            self.statusBar().showMessage(_("Choose a contribution in the list first."), 10_000)
            return None
        dialog = gift_history(self, gift, self._after_change)
        dialog.open()
        return dialog
