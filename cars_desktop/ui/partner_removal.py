"""The questions asked before a partner is taken away: a partner with history is archived,
never deleted; a partner entered by mistake may be deleted; erasing personal information, for
a privacy request, is asked twice. The Partners tab does what the answer says."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from cars_desktop.store.models import Partner

YES, NO, CANCEL = (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No,
                   QMessageBox.StandardButton.Cancel)


def ask_delete(parent: QWidget, partner: Partner, has_history: bool) -> str | None:
    """"archive", "delete", or None when nothing is to be done."""
    if has_history:
        if partner.status == "archived":
            QMessageBox.information(
                parent, "Kept for the records",
                f"{partner.name} has contributions, a communication log or reviews, so it "
                "is kept, archived, to keep your records complete.")
            return None
        answer = QMessageBox.question(
            parent, "Archive instead?",
            f"{partner.name} has contributions, a communication log or reviews. A partner "
            "with history is archived, never deleted, so your records stay complete.\n\n"
            "Archive this partner now?", YES | NO)
        return "archive" if answer == YES else None
    answer = QMessageBox.question(
        parent, "Delete partner?",
        f"Delete {partner.name} and its contact people? Use this only for a partner entered "
        "by mistake.", YES | NO, NO)
    return "delete" if answer == YES else None


def ask_erase(parent: QWidget, partner: Partner) -> bool:
    first = QMessageBox.warning(
        parent, "Erase personal information",
        f"This is for a privacy request from {partner.name}.\n\n"
        "It removes their name, address, phone, email, website, goal, strengths and notes, "
        "all their contact people, their communication log, and the notes of their "
        "contributions and reviews. The amounts and dates of their contributions stay, "
        "listed under “Erased partner”, because your accounts need them.\n\n"
        "Backups made before today still hold the old information until they are replaced "
        "(automatic ones after 10 days). Delete backups you copied elsewhere, such as on a "
        "USB stick, if the request asks for it.\n\nContinue?", YES | CANCEL, CANCEL)
    if first != YES:
        return False
    second = QMessageBox.warning(
        parent, "Erase for good?",
        f"Erasing cannot be undone. Erase the personal information of {partner.name} now?",
        YES | CANCEL, CANCEL)
    return second == YES
