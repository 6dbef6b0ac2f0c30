"""What a privacy request needs beyond the partner's own record: every copy the app made of
the person's details (an import's record of what it filled in, thanks' notes, a gift's
reference, purpose and tribute, a remembered bank sender, a kept merge), the free-text notes
elsewhere that name them, to clear too, and the backups that still hold them."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cars_desktop.core.text import fold
from cars_desktop.i18n import _
from cars_desktop.store.backups import list_backups
from cars_desktop.store.models import Partner, db, utc_now

ERASED_WORDS = "[…]"  # what a mention becomes in a note that stays

# free text the volunteer wrote about others: (table, column, the partner it belongs to)
_OWNER = {"partner": "t.id", "contribution": "t.partner_id", "interaction": "t.partner_id",
          "review": "t.partner_id",
          "acknowledgement": "(SELECT partner_id FROM contribution c WHERE"
                             " c.id = t.contribution_id)"}
_NOTES = (("partner", "notes"), ("partner", "shared_goal"), ("partner", "strengths"),
          ("contribution", "notes"), ("contribution", "description"),
          ("contribution", "purpose"), ("interaction", "summary"), ("review", "notes"),
          ("acknowledgement", "note"))


@dataclass(frozen=True)
class Mention:
    """A note about someone else that names the person being erased."""
    table: str
    column: str
    row_id: int
    owner: str  # whose record it is in
    excerpt: str  # the words around the name


def _words(partner: Partner) -> list[str]:
    """What names the person: their name, email, phone, and their contact people's."""
    found = {partner.name, partner.email, partner.phone}
    for contact in partner.contacts:
        found |= {contact.name, contact.email, contact.phone}
    return sorted((w for w in found if w and len(w.strip()) >= 4), key=len, reverse=True)


def mentions(partner_id: int) -> list[Mention]:
    """Notes in other records (and this partner's own kept ones) that name the person."""
    partner = Partner.get_by_id(partner_id)
    words = _words(partner)
    if not words:
        return []
    folded = [fold(word) for word in words]
    found = []
    for table, column in _NOTES:
        # the person's own records are erased anyway: the others' only
        query = (f"SELECT t.id, t.{column}, p.name FROM {table} t JOIN partner p ON p.id ="
                 f" {_OWNER[table]} WHERE t.{column} != '' AND p.id != ?")
        for row_id, text, name in db.execute_sql(query, (partner_id,)):
            folded_text = fold(text)
            at = min((folded_text.find(w) for w in folded if w in folded_text), default=-1)
            if at >= 0:
                start = max(0, at - 30)
                found.append(Mention(table, column, row_id, name or "",
                                     ("…" if start else "") + text[start:at + 50]))
    return found


def clear_mentions(partner_id: int, found: list[Mention]) -> None:
    """Replace the person's name, email and phone with "[…]" in these notes (called inside
    the erasing transaction, before the partner's details are gone)."""
    words = _words(Partner.get_by_id(partner_id))
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    stamp = utc_now()
    for mention in found:
        text = db.execute_sql(f"SELECT {mention.column} FROM {mention.table} WHERE id = ?",
                              (mention.row_id,)).fetchone()
        if text:
            db.execute_sql(f"UPDATE {mention.table} SET {mention.column} = ?, updated_at = ?"
                           " WHERE id = ?", (pattern.sub(ERASED_WORDS, text[0]), stamp,
                                             mention.row_id))


def erase_copies(partner: Partner) -> None:
    """Every copy the app made of the partner's details, beyond its own record (called
    inside the erasing transaction)."""
    stamp = utc_now()
    gifts = "SELECT id FROM contribution WHERE partner_id = ?"
    db.execute_sql("UPDATE contribution SET reference = '', purpose = '', tribute = '',"
                   " platform_receipt = '', updated_at = ? WHERE partner_id = ?",
                   (stamp, partner.id))
    db.execute_sql(f"UPDATE acknowledgement SET note = '', updated_at = ? WHERE"
                   f" contribution_id IN ({gifts})", (stamp, partner.id))
    # an import's record of what it filled in on this partner: [partner id, field, value]
    for batch_id, filled in db.execute_sql("SELECT id, filled FROM import_batch"
                                           " WHERE filled != '[]'").fetchall():
        entries = json.loads(filled or "[]")
        kept = [entry for entry in entries if entry[0] != partner.id]
        if len(kept) != len(entries):
            db.execute_sql("UPDATE import_batch SET filled = ?, updated_at = ? WHERE id = ?",
                           (json.dumps(kept), stamp, batch_id))
    # a bank's sender remembered for them names them in the setting's key
    db.execute_sql("DELETE FROM setting WHERE key LIKE 'import.sender.%' AND value = ?",
                   (partner.uuid,))
    # any kept merge whose record holds their details
    db.execute_sql("DELETE FROM partner_merge WHERE kept_id = ? OR removed_uuid = ? OR"
                   " instr(record, ?) > 0", (partner.id, partner.uuid, partner.uuid))


@dataclass(frozen=True)
class HeldIn:
    """A backup that still holds the person's details."""
    path: Path
    kind: str
    pruned: bool  # an automatic copy, removed in time by itself


def backups_holding(partner_uuid: str, folder: Path) -> list[HeldIn]:
    """The backups in `folder` where this partner is not erased, read without changing them."""
    held = []
    for backup in list_backups(folder):
        try:
            connection = sqlite3.connect(f"{backup.path.resolve().as_uri()}?mode=ro&immutable=1",
                                         uri=True)
            try:
                found = connection.execute("SELECT 1 FROM partner WHERE uuid = ? AND"
                                           " erased_at IS NULL", (partner_uuid,)).fetchone()
            finally:
                connection.close()
        except sqlite3.DatabaseError:
            continue  # not a file that can be read: nothing to say of it here
        if found:
            held.append(HeldIn(backup.path, backup.kind, backup.kind == "automatic"))
    return held


def delete_backups(held: list[HeldIn]) -> list[str]:
    """Delete these backups; the problems, in plain words, of those that could not be."""
    problems = []
    for backup in held:
        try:
            backup.path.unlink(missing_ok=True)
            for side in ("-wal", "-shm"):
                Path(f"{backup.path}{side}").unlink(missing_ok=True)
        except OSError as err:
            problems.append(_("{name}: {reason}").format(name=backup.path.name,
                                                         reason=err.strerror or err))
    return problems
