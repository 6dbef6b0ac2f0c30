"""The questions asked before a partner is taken away: a partner with history is archived,
never deleted; a partner entered by mistake may be deleted; erasing personal information, for
a privacy request, is asked twice. The Partners tab does what the answer says."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from cars_desktop.i18n import _, ngettext
from cars_desktop.store.models import Partner
from cars_desktop.ui import messages

YES, NO, CANCEL = (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No,
                   QMessageBox.StandardButton.Cancel)


def ask_delete(parent: QWidget, partner: Partner, has_history: bool) -> str | None:
    """"archive", "delete", or None when nothing is to be done."""
    if has_history:
        if partner.status == "archived":
            messages.information(
                parent, _("Kept for the records"),
                _("{name} has contributions, a communication log or reviews, so it is kept, "
                  "archived, to keep your records complete.").format(name=partner.name))
            return None
        answer = messages.question(
            parent, _("Archive instead?"),
            _("{name} has contributions, a communication log or reviews. A partner with "
              "history is archived, never deleted, so your records stay complete.\n\nArchive "
              "this partner now?").format(name=partner.name), YES | NO)
        return "archive" if answer == YES else None
    answer = messages.question(
        parent, _("Delete partner?"),
        _("Delete {name} and its contact people? Use this only for a partner entered by "
          "mistake.").format(name=partner.name), YES | NO, NO)
    return "delete" if answer == YES else None


def ask_erase(parent: QWidget, partner: Partner) -> bool:
    receipted = partner.receipts.count()
    kept = ngettext(
        "\n\n{n} official receipt was issued to them. The Canada Revenue Agency asks the "
        "group to keep a copy of every receipt it issues, so that copy keeps their name and "
        "address as printed.",
        "\n\n{n} official receipts were issued to them. The Canada Revenue Agency asks the "
        "group to keep a copy of every receipt it issues, so those copies keep their name and "
        "address as printed.", receipted).format(n=receipted) if receipted else ""
    first = messages.warning(
        parent,
        _("Erase personal information"),
        _(
            "This is for a privacy request from {name}.\n\nIt removes their name, address, "
            "phone, email, website, goal, strengths and notes, all their contact people, their "
            "communication log, and the notes of their contributions and reviews. The amounts "
            "and dates of their contributions stay, listed under “Erased partner”, because your "
            "accounts need them.\n\nOnce erased, you are shown the backups that still hold "
            "them, to delete if the request asks for it; delete too the backups you copied "
            "elsewhere, such as on a USB stick.{kept}\n\nContinue?"
        ).format(name=partner.name, kept=kept),
        YES | CANCEL,
        CANCEL,
    )
    if first != YES:
        return False
    second = messages.warning(
        parent,
        _("Erase for good?"),
        _("Erasing cannot be undone. Erase the personal information of {name} now?").format(
            name=partner.name
        ),
        YES | CANCEL,
        CANCEL,
    )
    return second == YES


def ask_clear_mentions(parent: QWidget, name: str, found: list) -> list:
    """Notes elsewhere that name the person: the ones to clear of their name (all or none)."""
    if not found:
        return []
    listed = "\n".join(f"• {m.owner}: {m.excerpt}" for m in found[:15])
    more = len(found) - 15
    box = messages.box(QMessageBox.Icon.Question, _("Notes that name them"), ngettext(
        "{count} note about another partner names {name}. Take their name, email and phone "
        "out of it too? (The rest of the note stays.)",
        "{count} notes about other partners name {name}. Take their name, email and phone "
        "out of these notes too? (The rest of each note stays.)", len(found)).format(
        count=len(found), name=name))
    box.setDetailedText(listed + (_("\n…and {n} more").format(n=more) if more > 0 else ""))
    clear = box.addButton(_("&Clear them too"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("&Leave those notes"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return found if box.clickedButton() is clear else []


def offer_backup_deletion(parent: QWidget, name: str, held: list) -> None:
    """The backups that still hold the person, and deleting them if the volunteer says so."""
    from cars_desktop.store import erasure

    if not held:
        return
    listed = "\n".join(f"• {h.path.name}" + (_(" (automatic: replaced in time)") if h.pruned
                                               else _(" (kept until you delete it)"))
                       for h in held)
    box = messages.box(QMessageBox.Icon.Question, _("Backups that still hold them"), ngettext(
        "{count} backup made before today still holds the details of {name}. Automatic "
        "backups are replaced after ten more daily ones; the ones made by you, before "
        "imports, restores and updates are never removed by themselves. Delete it now?",
        "{count} backups made before today still hold the details of {name}. Automatic "
        "backups are replaced after ten more daily ones; the ones made by you, before "
        "imports, restores and updates are never removed by themselves. Delete them now?",
        len(held)).format(count=len(held), name=name))
    box.setDetailedText(listed)
    delete = box.addButton(ngettext("&Delete this backup", "&Delete these backups", len(held)),
                           QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("&Keep them"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not delete:
        return
    problems = erasure.delete_backups(held)
    if problems:
        messages.warning(parent, _("Some backups were not deleted"), "\n".join(problems))
