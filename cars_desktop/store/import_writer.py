"""Writing an import that was planned and confirmed (`exchange.importer` plans it): one
transaction, kept as a batch that can be undone. Partner and contribution rows are built by the
same code as the partner and contribution dialogs' saves, so their sort and search text agree.

Gifts are written with one executemany: a file of 10,000 rows is written in about a second."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from cars_desktop.core.text import fold, sort_key
from cars_desktop.i18n import _, ngettext
from cars_desktop.store import laptop, settings
from cars_desktop.store.contributions import contribution_row
from cars_desktop.store.database import transaction
from cars_desktop.store.merge import refresh_partner
from cars_desktop.store.models import ImportBatch, db, new_uuid, utc_now
from cars_desktop.store.partners import partner_row


class ImportProblem(ValueError):
    """The import cannot go ahead (or be undone); the message says why."""


# what an import may fill in on a partner already known, when the app has nothing there
FILLABLE = ("email", "phone", "address_line1", "address_line2", "city", "postal_code",
            "province")
_ADDRESS = ("address_line1", "address_line2", "city", "postal_code", "province")

# a new partner's columns that the file does not give
_NEW_PARTNER = {"partnership_type": "casual", "status": "active", "shared_goal": "",
                "strengths": "", "website": "", "notes": "", "status_before_archive": ""}
# a gift's columns that the file does not give
_NEW_GIFT = {"status": "received", "outstanding_cents": 0, "valued_by": "",
             "advantage_cents": 0, "advantage_description": "", "appraised": 0}
_GIFT_COLUMNS = ("uuid", "created_at", "updated_at", "partner_id", "family", "kind", "status",
                 "amount_cents", "outstanding_cents", "valued_by", "description", "minutes",
                 "date", "payment_method", "reference", "purpose", "advantage_cents",
                 "advantage_description", "appraised", "notes", "partner_sort", "search_text",
                 "import_batch_id", "fee_cents", "original_currency", "original_cents",
                 "tribute", "platform_receipt", "credited_partner_id", "contact_id",
                 "thanked_on")


@dataclass
class GiftToWrite:
    """One planned row, as the store writes it."""
    gift: dict  # the contribution's columns from the file (family, kind, amount_cents, ...)
    partner_name: str  # as the file names the giver
    partner_id: int | None = None  # a known partner; None: a new one, by `new_key`
    new_key: str = ""  # rows with the same key make one new partner
    partner: dict = field(default_factory=dict)  # the partner's columns from the file
    contact: str = ""  # a new organisation's contact person, named in the file
    credit_index: int = -1  # a matching gift: the row (index) whose giver it matched
    reverses: int | None = None  # a refund: the contribution already there it cancels…
    lessens: int = 0  # …or, refunded in part, lessens by this many cents
    sender: str = ""  # a bank's e-Transfer sender, remembered with this partner
    contact_name: str = ""  # the contact person the gift came through, by name


@dataclass(frozen=True)
class Written:
    batch_id: int
    partners: int
    contributions: int
    cancelled: int = 0


def write_import(batch: dict, rows: list[GiftToWrite]) -> Written:
    """Write the rows in one transaction, as one batch (`batch`: its file_name, file_format,
    duplicates and errors). A known partner only gets blanks filled, never an overwrite."""
    stamp = utc_now()
    with transaction():
        made = ImportBatch.create(**batch)
        conn = db.connection()
        new_partners: dict[str, int] = {}
        gifts = []
        filled: list[list] = []
        reversed_gifts: list[list] = []
        pids: list[int] = []
        for row in rows:
            if row.reverses is not None:  # a refund or a voided receipt: its gift is cancelled
                found = conn.execute("SELECT status, amount_cents FROM contribution WHERE"
                                     " id = ?", (row.reverses,)).fetchone()
                if found and found[0] != "cancelled":
                    if 0 < row.lessens < found[1]:  # refunded in part: it counts for less
                        conn.execute("UPDATE contribution SET amount_cents = ?, updated_at = ?"
                                     " WHERE id = ?",
                                     (found[1] - row.lessens, stamp, row.reverses))
                    else:
                        conn.execute("UPDATE contribution SET status = 'cancelled',"
                                     " updated_at = ? WHERE id = ?", (stamp, row.reverses))
                    reversed_gifts.append([row.reverses, found[0], found[1], stamp])
                pids.append(0)
                continue
            pid = row.partner_id
            if pid is None:
                pid = new_partners.get(row.new_key)
                if pid is None:
                    pid = _new_partner(conn, row, made.id, stamp)
                    new_partners[row.new_key] = pid
            else:
                filled += _fill_blanks(conn, pid, row.partner, stamp)
            pids.append(pid)
            if row.sender:
                remember_sender(row.sender, pid)
            values = contribution_row(row.gift, row.partner_name)
            credited = pids[row.credit_index] if 0 <= row.credit_index < len(pids) else None
            contact = conn.execute(
                "SELECT id FROM contact_person WHERE partner_id = ? AND name = ?",
                (pid, row.contact_name)).fetchone() if row.contact_name else None
            values.update(_NEW_GIFT, uuid=row.gift.get("uuid") or new_uuid(), created_at=stamp,
                          updated_at=stamp, partner_id=pid, import_batch_id=made.id,
                          credited_partner_id=credited or None,
                          contact_id=contact[0] if contact else None)
            gifts.append(tuple(values.get(name) for name in _GIFT_COLUMNS))
        conn.executemany(f"INSERT INTO contribution ({', '.join(_GIFT_COLUMNS)}) VALUES"
                         f" ({', '.join('?' * len(_GIFT_COLUMNS))})", gifts)
        # a known partner's gifts sort by its name as the app spells it, not as the file does
        conn.execute("UPDATE contribution SET partner_sort = (SELECT sort_name FROM partner p"
                     " WHERE p.id = contribution.partner_id) WHERE import_batch_id = ?",
                     (made.id,))
        made.partners, made.contributions = len(new_partners), len(gifts)
        thanked = conn.execute(
            "SELECT id, thanked_on FROM contribution WHERE import_batch_id = ? AND thanked_on"
            " IS NOT NULL", (made.id,)).fetchall()
        for cid, day in thanked:  # the file says it was thanked: the thanks are kept too
            _insert(conn, "acknowledgement", {
                "uuid": new_uuid(), "created_at": stamp, "updated_at": stamp,
                "contribution_id": cid, "date": day, "method": "letter", "by": "",
                "note": _("Thanked before it was imported")})
        made.filled = json.dumps(filled)
        for pid in sorted({entry[0] for entry in filled}):
            refresh_partner(pid)  # an email or phone filled in is searched for too
        made.reversed = json.dumps(reversed_gifts)
        made.save()
    return Written(made.id, len(new_partners), len(gifts), len(reversed_gifts))


def remember_sender(sender: str, partner_id: int) -> None:
    """A bank's e-Transfer sender goes to this partner next time too."""
    uuid = db.execute_sql("SELECT uuid FROM partner WHERE id = ?", (partner_id,)).fetchone()
    if uuid:
        settings.save({settings.IMPORT_SENDER.of(fold(sender)[:120]): uuid[0]})


def remembered_sender(sender: str) -> str:
    """The ID of the partner this sender was given to before, or ""."""
    return settings.get(settings.IMPORT_SENDER.of(fold(sender)[:120])) if sender else ""


def _insert(conn, table: str, values: dict) -> int:
    names = ", ".join(values)
    return conn.execute(f"INSERT INTO {table} ({names}) VALUES"
                        f" ({', '.join('?' * len(values))})", tuple(values.values())).lastrowid


def _new_partner(conn, row: GiftToWrite, batch_id: int, stamp: str) -> int:
    # the contact person counts in the search text, as when the partner dialog saves it
    contacts = [{"name": row.contact, "email": row.partner["email"],
                 "phone": row.partner["phone"]}] if row.contact else []
    values = partner_row(row.partner, contacts)
    values.update(_NEW_PARTNER, uuid=row.partner.get("uuid") or new_uuid(), created_at=stamp,
                  updated_at=stamp, import_batch_id=batch_id)
    pid = _insert(conn, "partner", values)
    if row.contact:
        _insert(conn, "contact_person", {
            "uuid": new_uuid(), "created_at": stamp, "updated_at": stamp, "partner_id": pid,
            "name": row.contact, "sort_name": sort_key(row.contact), "role": "",
            "phone": row.partner["phone"], "email": row.partner["email"], "salutation": "",
            "is_primary": 1, "position": 0})
    return pid


def _fill_blanks(conn, pid: int, found: dict, stamp: str) -> list[list]:
    """A known partner gets what the file knows and the app did not: never an overwrite."""
    current = dict(zip(FILLABLE, conn.execute(
        f"SELECT {', '.join(FILLABLE)} FROM partner WHERE id = ?", (pid,)).fetchone(),
        strict=True))
    found = {name: found.get(name, "") for name in FILLABLE}
    if current["address_line1"] or current["city"]:  # an address comes whole, or not at all
        for name in _ADDRESS:
            found.pop(name, None)
    blanks = {name: value for name, value in found.items() if value and not current[name]}
    if blanks:
        conn.execute(f"UPDATE partner SET {', '.join(f'{n} = ?' for n in blanks)},"
                     " updated_at = ? WHERE id = ?", (*blanks.values(), stamp, pid))
    return [[pid, name, value] for name, value in blanks.items()]


# Undoing a batch


def batches() -> list[ImportBatch]:
    return list(ImportBatch.select().where(ImportBatch.undone_at.is_null())
                .order_by(ImportBatch.created_at.desc()))


def undo_batch(batch_id: int) -> tuple[int, int]:
    """Remove what the batch added, as long as none of it was changed or built on since.
    Returns how many partners and contributions were removed."""
    batch = ImportBatch.get_or_none(ImportBatch.id == batch_id)
    if batch is None or batch.undone_at:
        raise ImportProblem(_("That import was already undone."))
    elsewhere = laptop.made_elsewhere(batch.uuid)
    if elsewhere is not None:
        raise ImportProblem(_("That import was made on another laptop ({name}): undo it "
                              "there, then share the changes.").format(
            name=elsewhere or _("a volunteer not named")))
    conn = db.connection()
    changed = conn.execute(
        "SELECT COUNT(*) FROM contribution c WHERE import_batch_id = ? AND (updated_at != "
        "created_at OR EXISTS (SELECT 1 FROM acknowledgement a WHERE a.contribution_id = c.id"
        " AND a.created_at != c.created_at))", (batch_id,)).fetchone()[0]
    changed += conn.execute(
        "SELECT COUNT(*) FROM partner WHERE import_batch_id = ? AND updated_at != created_at",
        (batch_id,)).fetchone()[0]
    built_on = conn.execute(
        "SELECT COUNT(*) FROM contribution c JOIN partner p ON p.id = c.partner_id WHERE"
        " p.import_batch_id = ? AND (c.import_batch_id IS NULL OR c.import_batch_id != ?)",
        (batch_id, batch_id)).fetchone()[0]
    receipted = conn.execute(
        "SELECT COUNT(*) FROM receipt_gift r JOIN contribution c ON c.id = r.contribution_id"
        " WHERE c.import_batch_id = ?", (batch_id,)).fetchone()[0]
    if receipted:
        raise ImportProblem(ngettext(
            "This import cannot be undone: {n} of its gifts is on an official receipt, which "
            "is kept with its gifts.",
            "This import cannot be undone: {n} of its gifts are on official receipts, which "
            "are kept with their gifts.", receipted).format(n=receipted))
    reversed_gifts = json.loads(batch.reversed or "[]")
    for cid, _status, _cents, stamp in reversed_gifts:  # a cancelled gift edited since
        changed += conn.execute("SELECT COUNT(*) FROM contribution WHERE id = ? AND"
                                " updated_at != ?", (cid, stamp)).fetchone()[0]
    if changed or built_on:
        raise ImportProblem(
            _("This import cannot be undone: {value} of its records were changed or added to "
              "since (a gift thanked or edited, a new gift for an imported partner). Restore "
              "the backup made before the import instead.").format(value=changed + built_on))
    with transaction():
        conn.execute("DELETE FROM acknowledgement WHERE contribution_id IN (SELECT id FROM"
                     " contribution WHERE import_batch_id = ?)", (batch_id,))
        for cid, status, cents, _stamp in reversed_gifts:  # what refunds did, undone
            conn.execute("UPDATE contribution SET status = ?, amount_cents = ?, updated_at = ?"
                         " WHERE id = ?", (status, cents, utc_now(), cid))
        gifts = conn.execute("DELETE FROM contribution WHERE import_batch_id = ?",
                             (batch_id,)).rowcount
        conn.execute("DELETE FROM contact_person WHERE partner_id IN (SELECT id FROM partner"
                     " WHERE import_batch_id = ?)", (batch_id,))
        partners = conn.execute("DELETE FROM partner WHERE import_batch_id = ?",
                                (batch_id,)).rowcount
        # what it filled in on known partners goes, unless someone has changed it since
        for pid, name, value in json.loads(batch.filled or "[]"):
            if name in FILLABLE:
                conn.execute(f"UPDATE partner SET {name} = '', updated_at = ? WHERE id = ?"
                             f" AND {name} = ?", (utc_now(), pid, value))
        batch.undone_at = utc_now()
        batch.save()
    return partners, gifts
