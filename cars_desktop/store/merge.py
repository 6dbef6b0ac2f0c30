"""Two partners who are the same one, made one: finding the likely pairs, showing what a merge
would move, merging in one transaction, and undoing a merge.

A merge keeps one partner (the kept) and removes the other once everything it had moved to the
kept one: its contributions (and those it is credited for), contact people, communication log
and reviews; acknowledgements go with their contributions. For each field the volunteer says
whose value stays (`choices`); a field not named takes `default_choice`: the kept partner's
value, unless it is blank and the other's is not; the earlier "partner since"; and for the
free texts (notes, strengths, shared goal) both texts joined when both have one and they
differ ("both"). The kept partner's primary contact stays the primary one.

A `PartnerMerge` row keeps what undoing needs: the removed partner's row as it was, the ids of
every record that moved, and the kept partner's fields before and after. A note in the kept
partner's communication log says what was merged.

Undoing brings the removed partner back with its id (when free) and uuid, moves back the
records that moved and still belong to the kept partner (one deleted since is skipped, one
given to yet another partner since stays there), gives the kept partner back each field the
merge changed, unless it was edited since, removes the note, gives back the bank senders
remembered for the removed partner, and makes sure each partner keeps a main contact. It is
refused when the kept partner was erased, when the kept partner was merged into another since
(undo that later merge first: the older one would put details back over the other's own), or
when records added or changed since would then point across the two partners (a payment on a
pledge that came with the merge, a gift naming a contact person who came with it)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from cars_desktop.core.names import NAME_PARTS
from cars_desktop.core.text import listing
from cars_desktop.i18n import _, ngettext
from cars_desktop.store import laptop
from cars_desktop.store.contributions import refresh_partner_text
from cars_desktop.store.database import transaction
from cars_desktop.store.models import Interaction, Partner, PartnerMerge, db, utc_now
from cars_desktop.store.partners import partner_row

# In the order the merge window shows them.
FIELDS = ("name", "kind", "sector", "partnership_type", "status", "shared_goal", "strengths",
          "address_line1", "address_line2", "city", "province", "postal_code", "country",
          "phone", "email", "website", "language", "notes", "partner_since", "recognition",
          "recognition_wording")
# how each is thanked in public, the most private first: a merge never names the one who
# asked not to be named
_PRIVATE_FIRST = ("not_listed", "anonymous", "wording", "name")
# Free text where both values may be kept, one after the other.
JOINABLE = ("shared_goal", "strengths", "notes")
CHOICES = ("kept", "removed", "both")
NOTE_KIND = "note"  # the communication log's kind for a note that is not a contact


class MergeProblem(ValueError):
    """A merge, or its undoing, cannot go ahead; the message says why in plain words."""


# What a merge would do


@dataclass(frozen=True)
class FieldValues:
    name: str  # the field
    kept: Any
    removed: Any

    @property
    def differs(self) -> bool:
        return (self.kept or "") != (self.removed or "")


@dataclass(frozen=True)
class MergePreview:
    kept_id: int
    removed_id: int
    kept_name: str
    removed_name: str
    # what moves from the removed partner: contributions (given; credited), contact people,
    # interactions (the communication log), reviews, acknowledgements (of those contributions)
    counts: dict[str, int] = field(default_factory=dict)
    fields: tuple[FieldValues, ...] = ()

    def differing(self) -> list[FieldValues]:
        return [values for values in self.fields if values.differs]

    def defaults(self) -> dict[str, str]:
        return {values.name: default_choice(values) for values in self.differing()}


def default_choice(values: FieldValues) -> str:
    """What stays when the volunteer does not say: see the module's description."""
    kept, removed = values.kept or "", values.removed or ""
    if not values.differs or not removed:
        return "kept"
    if not kept:
        return "removed"
    if values.name in JOINABLE:
        return "both"
    if values.name == "partner_since":
        return "removed" if removed < kept else "kept"
    if values.name == "recognition":
        rank = {code: place for place, code in enumerate(_PRIVATE_FIRST)}
        return "removed" if rank.get(removed, 9) < rank.get(kept, 9) else "kept"
    if values.name == "status" and kept == "archived":  # the merged partner is a live one
        return "removed"
    return "kept"


def _partner(partner_id: int, role: str) -> Partner:
    partner = Partner.get_or_none(Partner.id == partner_id)
    if partner is None:
        raise MergeProblem(_("That partner no longer exists: choose another.") if role == "kept"
                           else _("The partner to merge no longer exists: choose another."))
    if partner.erased_at:
        raise MergeProblem(_("The personal information of “{name}” was erased: it cannot be "
                             "merged.").format(name=partner.name))
    return partner


def _check_pair(kept_id: int, removed_id: int) -> tuple[Partner, Partner]:
    if kept_id == removed_id:
        raise MergeProblem(_("A partner cannot be merged with itself: choose another one."))
    return _partner(kept_id, "kept"), _partner(removed_id, "removed")


_COUNTS = {
    "contributions": "SELECT COUNT(*) FROM contribution WHERE partner_id = :removed",
    # a gift of the kept partner itself is no longer credited to anyone: it does not move
    "credited": "SELECT COUNT(*) FROM contribution WHERE credited_partner_id = :removed"
                " AND partner_id != :kept",
    "contacts": "SELECT COUNT(*) FROM contact_person WHERE partner_id = :removed",
    "interactions": "SELECT COUNT(*) FROM interaction WHERE partner_id = :removed",
    "reviews": "SELECT COUNT(*) FROM review WHERE partner_id = :removed",
    "acknowledgements": "SELECT COUNT(*) FROM acknowledgement a JOIN contribution c"
                        " ON c.id = a.contribution_id WHERE c.partner_id = :removed",
}


def merge_preview(kept_id: int, removed_id: int) -> MergePreview:
    """What `merge_partners` would move from the removed partner to the kept one, and both
    values of every field."""
    kept, removed = _check_pair(kept_id, removed_id)
    counts = {what: db.execute_sql(sql, {"removed": removed_id, "kept": kept_id}).fetchone()[0]
              for what, sql in _COUNTS.items()}
    return MergePreview(kept.id, removed.id, kept.name, removed.name, counts, tuple(
        FieldValues(name, getattr(kept, name), getattr(removed, name)) for name in FIELDS))


def merged_value(values: FieldValues, choice: str) -> Any:
    if choice == "removed":
        return values.removed
    if choice == "both" and values.name in JOINABLE and values.kept and values.removed:
        return f"{values.kept.rstrip()}\n\n{values.removed.strip()}"
    return values.kept


def moved_summary(removed_name: str, counts: dict[str, int]) -> str:
    """What the kept partner's communication log says about the merge."""
    gifts = counts.get("contributions", 0) + counts.get("credited", 0)
    parts = [text for number, text in (
        (gifts, ngettext("{n} gift", "{n} gifts", gifts)),
        (counts.get("contacts", 0), ngettext("{n} contact person", "{n} contact people",
                                             counts.get("contacts", 0))),
        (counts.get("interactions", 0), ngettext("{n} entry of the communication log",
                                                 "{n} entries of the communication log",
                                                 counts.get("interactions", 0))),
        (counts.get("reviews", 0), ngettext("{n} review", "{n} reviews",
                                            counts.get("reviews", 0))),
    ) if number for text in [text.format(n=number)]]
    if not parts:
        return _("Merged with “{name}”: it had nothing else to move here.").format(
            name=removed_name)
    return _("Merged with “{name}”: {moved} moved here.").format(name=removed_name,
                                                                 moved=listing(parts))


# Merging


def _ids(sql: str, *params) -> list[int]:
    return [row[0] for row in db.execute_sql(sql, params).fetchall()]


def _raw_row(table: str, row_id: int) -> dict[str, Any]:
    cursor = db.execute_sql(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    return dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))


def _as_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def refresh_partner(partner_id: int) -> None:
    """The partner's sort name and search text (with its contact people), and its
    contributions' partner name and search text, made again by the usual helpers."""
    partner = Partner.get_by_id(partner_id)
    contacts = [{"name": c.name, "email": c.email, "phone": c.phone} for c in partner.contacts]
    row = partner_row({name: getattr(partner, name) for name in (*FIELDS, *NAME_PARTS)},
                      contacts)
    db.execute_sql("UPDATE partner SET sort_name = ?, search_text = ? WHERE id = ?",
                   (row["sort_name"], row["search_text"], partner_id))
    refresh_partner_text(partner_id)


# What else follows the partner: table, the column naming it, the key in the merge's record
# (a merge into the removed partner, not undone, now names the kept one).
_FOLLOWERS = (("interaction", "partner_id", "interactions"), ("review", "partner_id", "reviews"),
              ("partner_merge", "kept_id", "merges"), ("receipt", "partner_id", "receipts"))


def merge_partners(kept_id: int, removed_id: int,
                   choices: dict[str, str] | None = None) -> int:
    """Make the two partners one, in one transaction: `choices` says per field whose value
    stays ("kept", "removed", or "both" for the free texts). Returns the `PartnerMerge` id."""
    choices = choices or {}
    wrong = {name: choice for name, choice in choices.items()
             if name not in FIELDS or choice not in CHOICES
             or (choice == "both" and name not in JOINABLE)}
    if wrong:
        raise MergeProblem(_("Unknown choice for {fields}.").format(fields=", ".join(wrong)))
    with transaction():
        preview = merge_preview(kept_id, removed_id)
        kept = Partner.get_by_id(kept_id)
        stamp = utc_now()
        conn = db.connection()
        before = {name: _as_json(getattr(kept, name)) for name in (*FIELDS, *NAME_PARTS)}
        before["status_before_archive"] = kept.status_before_archive
        for values in preview.fields:
            setattr(kept, values.name, merged_value(
                values, choices.get(values.name, default_choice(values))))
        if kept.name != before["name"]:  # the removed one's name: its first and last too
            removed = Partner.get_by_id(removed_id)
            kept.first_name, kept.last_name = removed.first_name, removed.last_name
        if kept.status != before["status"]:
            kept.status_before_archive = Partner.get_by_id(removed_id).status_before_archive
        kept.save()
        record: dict[str, Any] = {"removed": _raw_row("partner", removed_id), "before": before,
                                  "kept_uuid": kept.uuid, "kept_name": kept.name}
        record["after"] = {name: _as_json(getattr(kept, name))
                           for name in (*FIELDS, *NAME_PARTS)}

        # a gift of the kept partner credited to the removed one would credit its own giver
        record["uncredited"] = _ids("SELECT id FROM contribution WHERE partner_id = ? AND"
                                    " credited_partner_id = ?", kept_id, removed_id)
        record["credited_by_kept"] = _ids("SELECT id FROM contribution WHERE partner_id = ?"
                                          " AND credited_partner_id = ?", removed_id, kept_id)
        record["contributions"] = _ids("SELECT id FROM contribution WHERE partner_id = ?",
                                       removed_id)
        record["credited"] = _ids("SELECT id FROM contribution WHERE credited_partner_id = ?"
                                  " AND partner_id != ?", removed_id, kept_id)
        conn.execute("UPDATE contribution SET credited_partner_id = NULL, updated_at = ? WHERE"
                     " (partner_id = ? AND credited_partner_id = ?) OR (partner_id = ? AND"
                     " credited_partner_id = ?)", (stamp, kept_id, removed_id, removed_id,
                                                   kept_id))
        conn.execute("UPDATE contribution SET partner_id = ?, updated_at = ? WHERE"
                     " partner_id = ?", (kept_id, stamp, removed_id))
        conn.execute("UPDATE contribution SET credited_partner_id = ?, updated_at = ? WHERE"
                     " credited_partner_id = ?", (kept_id, stamp, removed_id))

        # contact people come after the kept partner's own; its primary one stays primary
        has_primary = conn.execute("SELECT COUNT(*) FROM contact_person WHERE partner_id = ?"
                                   " AND is_primary", (kept_id,)).fetchone()[0] > 0
        last = conn.execute("SELECT COALESCE(MAX(position) + 1, 0) FROM contact_person WHERE"
                            " partner_id = ?", (kept_id,)).fetchone()[0]
        record["contacts"] = [list(row) for row in conn.execute(
            "SELECT id, is_primary, position FROM contact_person WHERE partner_id = ?"
            " ORDER BY position, sort_name, uuid", (removed_id,)).fetchall()]
        conn.executemany("UPDATE contact_person SET partner_id = ?, position = ?, is_primary ="
                         " ?, updated_at = ? WHERE id = ?",
                         [(kept_id, last + number, 0 if has_primary else primary, stamp, cid)
                          for number, (cid, primary, _position) in enumerate(record["contacts"])])
        for table, column, key in _FOLLOWERS:
            record[key] = _ids(f"SELECT id FROM {table} WHERE {column} = ?", removed_id)
            conn.execute(f"UPDATE {table} SET {column} = ?, updated_at = ? WHERE {column} = ?",
                         (kept_id, stamp, removed_id))

        # a bank's e-Transfer sender remembered for the removed partner goes to the kept one
        removed_uuid = record["removed"]["uuid"]
        record["senders"] = [key for (key,) in conn.execute(
            "SELECT key FROM setting WHERE key LIKE 'import.sender.%' AND value = ?",
            (removed_uuid,)).fetchall()]
        conn.execute("UPDATE setting SET value = ?, updated_at = ? WHERE key LIKE"
                     " 'import.sender.%' AND value = ?", (kept.uuid, stamp, removed_uuid))

        note = Interaction.create(partner=kept_id, date=dt.date.today(), kind=NOTE_KIND,
                                  summary=moved_summary(preview.removed_name, preview.counts))
        record["note"] = note.id
        Partner.delete_by_id(removed_id)
        refresh_partner(kept_id)
        merge = PartnerMerge.create(kept=kept_id, removed_uuid=record["removed"]["uuid"],
                                    removed_name=preview.removed_name, record=json.dumps(record))
    return merge.id


# Undoing


def merges() -> list[PartnerMerge]:
    """The merges not undone, newest first, each with its kept partner."""
    return list(PartnerMerge.select(PartnerMerge, Partner).join(Partner)
                .where(PartnerMerge.undone_at.is_null())
                .order_by(PartnerMerge.created_at.desc(), PartnerMerge.id.desc()))


def _still(table: str, column: str, ids: list[int], partner_id: int) -> list[int]:
    """Those of `ids` that still belong to the partner (not deleted, not given to another)."""
    wanted = set(ids)
    return [row_id for row_id in _ids(f"SELECT id FROM {table} WHERE {column} = ?",
                                      partner_id) if row_id in wanted]


def _links_across(kept_id: int, gifts: set[int], contacts: set[int]) -> int:
    """The kept partner's gifts that would point across the two partners once split: a
    payment and its pledge, or a gift and its contact person, on different sides."""
    mine = {cid for cid in _ids("SELECT id FROM contact_person WHERE partner_id = ?", kept_id)}
    rows = db.execute_sql("SELECT id, pledge_id, contact_id FROM contribution WHERE"
                          " partner_id = ?", (kept_id,)).fetchall()
    own = {row[0] for row in rows}
    across = 0
    for gift, pledge, contact in rows:
        goes = gift in gifts
        if pledge in own and (pledge in gifts) != goes:
            across += 1
        elif contact in mine and (contact in contacts) != goes:
            across += 1
    return across


def _one_primary(conn, partner_id: int, stamp: str) -> None:
    """A partner with contact people has one main contact: the first, when none is."""
    if conn.execute("SELECT COUNT(*) FROM contact_person WHERE partner_id = ? AND is_primary",
                    (partner_id,)).fetchone()[0]:
        return
    conn.execute("UPDATE contact_person SET is_primary = 1, updated_at = ? WHERE id = (SELECT"
                 " id FROM contact_person WHERE partner_id = ?"
                 " ORDER BY position, sort_name, uuid LIMIT 1)",
                 (stamp, partner_id))


def undo_merge(merge_id: int) -> int:
    """Bring the removed partner back as it was, with what moved (see the module's
    description). Returns its id."""
    merge = PartnerMerge.get_or_none(PartnerMerge.id == merge_id)
    if merge is None:
        raise MergeProblem(_("That merge is no longer kept: it cannot be undone."))
    if merge.undone_at:
        raise MergeProblem(_("That merge was already undone."))
    elsewhere = laptop.made_elsewhere(merge.uuid)
    if elsewhere is not None:
        raise MergeProblem(_("That merge was made on another laptop ({name}): undo it there, "
                             "then share the changes.").format(
            name=elsewhere or _("a volunteer not named")))
    record = json.loads(merge.record)
    kept = Partner.get_by_id(merge.kept_id)
    if kept.erased_at:
        raise MergeProblem(_("The personal information of “{name}” was erased since the merge: "
                             "it cannot be undone.").format(name=kept.name))
    if Partner.select().where(Partner.uuid == merge.removed_uuid).exists():
        raise MergeProblem(_("“{name}” is already back.").format(name=merge.removed_name))
    if record.get("kept_uuid", kept.uuid) != kept.uuid:  # the kept one was merged again
        raise MergeProblem(_("“{name}” was merged into “{other}” since: undo that merge "
                             "first, then this one.").format(name=record["kept_name"],
                                                             other=kept.name))
    with transaction():
        conn = db.connection()
        gifts = _still("contribution", "partner_id", record["contributions"], kept.id)
        contacts = _still("contact_person", "partner_id", [c[0] for c in record["contacts"]],
                          kept.id)
        across = _links_across(kept.id, set(gifts), set(contacts))
        if across:
            raise MergeProblem(ngettext(
                "This merge cannot be undone: {n} gift recorded or changed since it links the "
                "records of the two partners (a payment on a pledge, or a contact person, "
                "that came with the merge). Change it first, or keep the merge.",
                "This merge cannot be undone: {n} gifts recorded or changed since it link the "
                "records of the two partners (a payment on a pledge, or a contact person, "
                "that came with the merge). Change them first, or keep the merge.",
                across).format(n=across))
        row = dict(record["removed"])
        if Partner.select().where(Partner.id == row["id"]).exists():
            del row["id"]  # taken by a partner added since: it comes back with a new one
        if row.get("import_batch_id") and not conn.execute(
                "SELECT 1 FROM import_batch WHERE id = ?", (row["import_batch_id"],)).fetchone():
            row["import_batch_id"] = None
        removed_id = conn.execute(
            f"INSERT INTO partner ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            tuple(row.values())).lastrowid
        stamp = utc_now()

        def move_back(table: str, column: str, ids: list[int], value: int | None = removed_id,
                      where: str = "") -> None:
            conn.executemany(f"UPDATE {table} SET {column} = ?, updated_at = ? WHERE id = ?"
                             f"{where}", [(value, stamp, row_id) for row_id in ids])

        move_back("contribution", "partner_id", gifts)
        move_back("contribution", "credited_partner_id",
                  _still("contribution", "credited_partner_id", record["credited"], kept.id))
        move_back("contribution", "credited_partner_id", record["uncredited"],
                  where=f" AND partner_id = {kept.id} AND credited_partner_id IS NULL")
        move_back("contribution", "credited_partner_id",
                  [gift for gift in record["credited_by_kept"] if gift in set(gifts)],
                  value=kept.id, where=" AND credited_partner_id IS NULL")
        for table, column, key in _FOLLOWERS:
            move_back(table, column, _still(table, column, record[key], kept.id))
        back = set(contacts)
        conn.executemany("UPDATE contact_person SET partner_id = ?, is_primary = ?, position = ?,"
                         " updated_at = ? WHERE id = ?",
                         [(removed_id, primary, position, stamp, cid)
                          for cid, primary, position in record["contacts"] if cid in back])

        # the kept partner's fields the merge changed, unless they were edited since
        for name in (*FIELDS, *NAME_PARTS):  # a merge older than names has none of them
            after, value = record["after"].get(name), record["before"].get(name)
            if name in record["after"] and _as_json(getattr(kept, name)) == after != value:
                if name == "partner_since" and value:
                    value = dt.date.fromisoformat(value)
                setattr(kept, name, value)
                if name == "status":
                    kept.status_before_archive = record["before"]["status_before_archive"]
        kept.save()
        Interaction.delete().where((Interaction.id == record["note"])
                                   & (Interaction.partner == kept.id)).execute()
        for key in record.get("senders", []):  # remembered senders go back, unless changed
            conn.execute("UPDATE setting SET value = ?, updated_at = ? WHERE key = ? AND"
                         " value = ?", (merge.removed_uuid, stamp, key, kept.uuid))
        for partner_id in (kept.id, removed_id):  # each keeps a main contact, if it has any
            _one_primary(conn, partner_id, stamp)
        refresh_partner(kept.id)
        refresh_partner(removed_id)
        merge.undone_at = utc_now()
        merge.save()
    return removed_id
