"""The questions asked before a partner is taken away: a partner with history is archived,
never deleted; a partner entered by mistake may be deleted; erasing personal information, for
a privacy request, is asked twice. The Partners tab does what the answer says."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from cars_desktop.i18n import _
from cars_desktop.store.models import Partner

YES, NO, CANCEL = (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No,
                   QMessageBox.StandardButton.Cancel)


def ask_delete(parent: QWidget, partner: Partner, has_history: bool) -> str | None:
    """"archive", "delete", or None when nothing is to be done."""
    if has_history:
        if partner.status == "archived":
            QMessageBox.information(
                parent, _("Kept for the records"),
                _("{name} has contributions, a communication log or reviews, so it is kept, "
                  "archived, to keep your records complete.").format(name=partner.name))
            return None
        answer = QMessageBox.question(
            parent, _("Archive instead?"),
            _("{name} has contributions, a communication log or reviews. A partner with "
              "history is archived, never deleted, so your records stay complete.\n\nArchive "
              "this partner now?").format(name=partner.name), YES | NO)
        return "archive" if answer == YES else None
    answer = QMessageBox.question(
        parent, _("Delete partner?"),
        _("Delete {name} and its contact people? Use this only for a partner entered by "
          "mistake.").format(name=partner.name), YES | NO, NO)
    return "delete" if answer == YES else None


def ask_erase(parent: QWidget, partner: Partner) -> bool:
    first = QMessageBox.warning(
        parent,
        _("Erase personal information"),
        _(
            "This is for a privacy request from {name}.\n\nIt removes their name, address, "
            "phone, email, website, goal, strengths and notes, all their contact people, their "
            "communication log, and the notes of their contributions and reviews. The amounts "
            "and dates of their contributions stay, listed under “Erased partner”, because your "
            "accounts need them.\n\nBackups made before today still hold the old information "
            "until they are replaced (automatic ones after 10 days). Delete backups you copied "
            "elsewhere, such as on a USB stick, if the request asks for it.\n\nContinue?"
        ).format(name=partner.name),
        YES | CANCEL,
        CANCEL,
    )
    if first != YES:
        return False
    second = QMessageBox.warning(
        parent,
        _("Erase for good?"),
        _("Erasing cannot be undone. Erase the personal information of {name} now?").format(
            name=partner.name
        ),
        YES | CANCEL,
        CANCEL,
    )
    return second == YES
