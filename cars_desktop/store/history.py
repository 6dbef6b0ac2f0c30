"""The history of every change (`change_log`), read for the volunteer: who changed what, when,
on which laptop, from what to what; and undoing one change when nothing later depends on it.
The laptop's volunteer's name is given here (`laptop` keeps it)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from cars_desktop.i18n import N_, _, pgettext
from cars_desktop.store import laptop
from cars_desktop.store.change_log import ORDER_KEY_SQL, order_key
from cars_desktop.store.laptop import laptop_id, volunteer  # noqa: F401 (what the window asks)
from cars_desktop.store.models import db
from cars_desktop.store.settling import SETTLED


def set_volunteer(name: str) -> None:
    from cars_desktop.store.database import transaction

    with transaction():
        laptop.set_local("volunteer", " ".join(name.split())[:80])



# --- reading it ----------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Change:
    id: int
    laptop: str
    seq: int
    stamp: str
    volunteer: str
    table: str
    row_uuid: str
    op: str
    fields: dict[str, list[Any]]
    undoes: str
    row_name: str = ""  # what the row is, in a few words ("Co-op Santé", "$50.00 gift")

    @property
    def here(self) -> bool:
        return laptop.is_mine(self.laptop)

    @property
    def name(self) -> str:
        """Its name in the group: the laptop and its number there."""
        return f"{self.laptop}:{self.seq}"


_COLUMNS = "id, laptop, seq, stamp, volunteer, tbl, row_uuid, op, fields, undoes"


def _changes(where: str, params: tuple, limit: int, order: str = "stamp DESC, id DESC"
             ) -> list[Change]:
    rows = db.execute_sql(f"SELECT {_COLUMNS} FROM change_log WHERE {where} AND op NOT IN"
                          f" ('erased') ORDER BY {order} LIMIT ?", (*params, limit)).fetchall()
    return [Change(*row[:8], json.loads(row[8] or "{}"), row[9], _row_name(row[5], row[6]))
            for row in rows]


def _row_name(table: str, row_uuid: str) -> str:
    if table == "partner":
        found = db.execute_sql("SELECT name FROM partner WHERE uuid = ?", (row_uuid,))
    elif table == "contribution":
        found = db.execute_sql("SELECT p.name || ', ' || c.date FROM contribution c JOIN"
                               " partner p ON p.id = c.partner_id WHERE c.uuid = ?", (row_uuid,))
    elif table in ("contact_person", "fund"):
        found = db.execute_sql(f"SELECT name FROM {table} WHERE uuid = ?", (row_uuid,))
    else:
        return ""
    row = found.fetchone()
    return row[0] if row else ""


def for_partner(partner_id: int, limit: int = 500) -> list[Change]:
    """The partner's changes, and those of its contact people, log, reviews and gifts."""
    uuids = [row[0] for row in db.execute_sql(
        "SELECT uuid FROM partner WHERE id = :p UNION ALL SELECT uuid FROM contact_person"
        " WHERE partner_id = :p UNION ALL SELECT uuid FROM interaction WHERE partner_id = :p"
        " UNION ALL SELECT uuid FROM review WHERE partner_id = :p UNION ALL SELECT uuid FROM"
        " contribution WHERE partner_id = :p", {"p": partner_id})]
    # rows removed since (a contact person deleted) were linked to it in their own change
    partner_uuid = uuids[0] if uuids else ""
    return _changes("(row_uuid IN (SELECT value FROM json_each(?)) OR (op = 'delete' AND"
                    " fields LIKE ?))", (json.dumps(uuids), f'%"{partner_uuid}"%'), limit)


def for_gift(contribution_id: int, limit: int = 500) -> list[Change]:
    """A contribution's changes, with its thanks."""
    uuids = [row[0] for row in db.execute_sql(
        "SELECT uuid FROM contribution WHERE id = :c UNION ALL SELECT uuid FROM"
        " acknowledgement WHERE contribution_id = :c", {"c": contribution_id})]
    return _changes("row_uuid IN (SELECT value FROM json_each(?))", (json.dumps(uuids),), limit)


def recent(limit: int = 500, volunteer_name: str | None = None) -> list[Change]:
    """The whole group's latest changes, newest first."""
    # newest written down here first: what a pack just brought comes first too
    if volunteer_name is None:
        return _changes("1", (), limit, "id DESC")
    return _changes("volunteer = ?", (volunteer_name,), limit, "id DESC")


def volunteers() -> list[str]:
    """Everyone who has changed something, for the filter."""
    return [row[0] for row in db.execute_sql(
        "SELECT DISTINCT volunteer FROM change_log WHERE volunteer != '' ORDER BY volunteer")]


# what each kind of record and each field is called, for the History panels
TABLES = {"partner": N_("partner"), "contact_person": N_("contact person"),
          "contribution": N_("contribution"), "acknowledgement": N_("thanks"),
          "interaction": N_("log entry"), "review": N_("review"),
          "review_item": N_("review item"), "fund": N_("fund"), "deposit": N_("deposit"),
          "schedule": N_("schedule"), "checklist_practice": N_("checklist practice"),
          "group_profile": N_("group profile"), "receipt": N_("receipt"),
          "receipt_gift": N_("gift on a receipt"), "setting": N_("setting"),
          "import_batch": N_("import"), "partner_merge": N_("merge")}
OPS = {"insert": N_("added"), "update": N_("changed"), "delete": N_("deleted"),
       "erase": N_("erased (privacy request)")}


FIELDS = {"name": N_("name"), "first_name": N_("first name"), "last_name": N_("last name"),
          "city": N_("city"), "province": N_("province"), "postal_code": N_("postal code"),
          "address_line1": N_("address"), "address_line2": N_("address (line 2)"),
          "phone": N_("phone"), "email": N_("email"), "website": N_("website"),
          "notes": N_("notes"), "status": N_("status"), "sector": N_("sector"),
          "kind": N_("kind"), "language": N_("language"), "role": N_("role"),
          "salutation": N_("salutation"), "partner_id": N_("partner"),
          "amount_cents": N_("amount"), "date": N_("date"), "purpose": N_("purpose"),
          "description": N_("description"), "reference": N_("reference"),
          "payment_method": N_("paid by"), "fund_id": N_("fund"), "method": N_("how"),
          "summary": N_("summary"), "partnership_type": N_("partnership type"),
          "shared_goal": N_("shared goal"), "strengths": N_("strengths"),
          "goal_cents": N_("goal"), "household_id": N_("household"), "by": N_("by"),
          "note": N_("note"), "family": N_("cash or in kind"), "account": N_("account"),
          "advantage_cents": N_("advantage"), "advantage_description": N_("advantage given"),
          "appraised": N_("appraised"), "appraiser": N_("appraiser"),
          "cancel_reason": N_("why cancelled"), "cancelled_on": N_("cancelled on"),
          "charity_number": N_("charity number"), "closed": N_("closed"),
          "contact_id": N_("contact person"), "contribution_id": N_("contribution"),
          "country": N_("country"), "credited_partner_id": N_("credited to"),
          "date_expected": N_("expected on"), "deposit_id": N_("deposit"),
          "due_on": N_("due on"), "ended_on": N_("ended on"), "ends_on": N_("ends on"),
          "fee_cents": N_("fee"), "first_due": N_("first due"), "follow_up": N_("follow up"),
          "frequency": N_("how often"), "is_primary": N_("main contact"),
          "minutes": N_("time given"), "next_due": N_("next review"),
          "partner_since": N_("partner since"), "pledge_id": N_("pledge"),
          "platform_receipt": N_("platform's receipt"), "recognition": N_("recognition"),
          "recognition_wording": N_("recognition wording"), "reviewer": N_("reviewer"),
          "signatory_name": N_("signatory"), "signatory_title": N_("signatory's title"),
          "slip_cents": N_("slip total"), "text_en": N_("wording (English)"),
          "text_fr": N_("wording (French)"), "tribute": N_("tribute"),
          "valued_by": N_("valued by"), "who": N_("who"), "mark": N_("mark"),
          "serial": N_("receipt number"), "count": N_("how many times"),
          "value": N_("value"), "key": N_("setting"), "file_name": N_("file")}


def field_label(column: str) -> str:
    """A field's name in words, in the window's language."""
    alone = {"name": pgettext("field", "name"), "province": pgettext("field", "province"),
             "postal_code": pgettext("field", "postal code")}  # not as in a sentence
    if column in alone:
        return alone[column]
    return _(FIELDS[column]) if column in FIELDS else column


def shown_value(change: Change, column: str, value: Any) -> str:
    """A field's value as the volunteer reads it: money as money, a link as what it links to,
    yes or no, a date as written; "—" for nothing."""
    from cars_desktop.core.money import format_money
    from cars_desktop.store.change_rows import links_of

    if value is None or value == "":
        return "—"
    if column.endswith("_cents") and isinstance(value, int):
        return format_money(value)
    links = links_of(change.table)
    if column in links:
        linked = links[column][0]
        return _row_name(linked, value) or _(TABLES.get(linked, linked))
    if isinstance(value, dict):
        return _("(a file)")
    if isinstance(value, int) and column in ("is_primary", "closed", "appraised"):
        return _("yes") if value else _("no")
    words = _vocabulary(change.table, column)
    if words is not None and value in words:
        return words.label(value)
    return " ".join(str(value).split())


def _vocabulary(table: str, column: str):
    """The words a coded field's value stands for ("one_time" -> "One-time gift")."""
    from cars_desktop.core import kinds, vocab

    found = {("partner", "kind"): vocab.PARTNER_KINDS, ("partner", "sector"): vocab.SECTORS,
             ("partner", "partnership_type"): vocab.PARTNERSHIP_TYPES,
             ("partner", "status"): vocab.PARTNER_STATUSES,
             ("partner", "recognition"): vocab.RECOGNITIONS,
             ("contribution", "family"): vocab.CONTRIBUTION_FAMILIES,
             ("contribution", "status"): vocab.CONTRIBUTION_STATUSES,
             ("acknowledgement", "method"): vocab.ACKNOWLEDGEMENT_METHODS,
             ("interaction", "kind"): vocab.INTERACTION_KINDS,
             ("review_item", "mark"): vocab.REVIEW_MARKS}.get((table, column))
    if column == "language":
        return vocab.LANGUAGES
    if column == "payment_method":
        return vocab.PAYMENT_METHODS
    if (table, column) == ("contribution", "kind"):
        return _Both(kinds.CASH_KINDS, kinds.IN_KIND_KINDS)
    return found


class _Both:
    """A gift's kind: a cash kind or an in-kind one."""

    def __init__(self, *vocabularies) -> None:
        self.vocabularies = vocabularies

    def __contains__(self, code: object) -> bool:
        return any(code in words for words in self.vocabularies)

    def label(self, code: str) -> str:
        return next(words.label(code) for words in self.vocabularies if code in words)


def shown_fields(change: Change) -> list[tuple[str, Any, Any]]:
    """(field, before, after) a volunteer reads: not the app's own bookkeeping (the order of
    contact people, what an archived partner returns to), not the stored PDFs."""
    return [(column, pair[0], pair[1]) for column, pair in change.fields.items()
            if column in FIELDS and not (change.op == "insert" and pair[1] in (None, "", 0))]


# --- undoing one change --------------------------------------------------------------------
class CannotUndo(Exception):
    """Why a change cannot be undone, in plain words."""


def why_not_undo(change: Change) -> str:
    """"" when the change can be undone: it set what is there now (nothing changed the same
    fields, or the row, after it in the group's order)."""
    from cars_desktop.store.change_merge import field_stamp

    if change.op not in ("insert", "update", "delete"):
        return _("This change cannot be undone.")
    if not change.fields:
        return _("This change's details were erased.")
    key = order_key(change.stamp, change.laptop, change.seq)
    if change.op == "update":
        if any(field_stamp(change.row_uuid, column) > key for column in change.fields):
            return _("It was changed again since: undo the later change first.")
        return ""
    later = db.execute_sql(f"SELECT 1 FROM change_log WHERE row_uuid = ? AND op != 'erased'"
                           f" AND {ORDER_KEY_SQL.format(p='')} > ?",
                           (change.row_uuid, key)).fetchone()
    return _("It was changed again since: undo the later change first.") if later else ""


def undo(change: Change) -> None:
    """Put back what the change replaced, as a new change (which names the one it undoes)."""
    from cars_desktop.store.change_rows import local_id
    from cars_desktop.store.database import transaction

    reason = why_not_undo(change)
    if reason:
        raise CannotUndo(reason)
    before = db.execute_sql("SELECT max(id) FROM change_log").fetchone()[0] or 0
    try:
        with transaction():
            row_id = local_id(change.table, change.row_uuid)
            if change.op == "insert":
                if row_id is None:
                    raise CannotUndo(_("It is no longer there."))
                db.execute_sql(f'DELETE FROM "{change.table}" WHERE id = ?', (row_id,))
            else:
                _put_back(change, row_id)
            db.execute_sql("UPDATE change_log SET undoes = ? WHERE id > ?", (change.name, before))
    except CannotUndo:
        raise
    except Exception as err:  # a link that refuses: something else depends on it
        from cars_desktop.store.change_rows import is_link_refusal

        if is_link_refusal(err):
            raise CannotUndo(_("Other records depend on it now, so it cannot be undone."
                               )) from None
        raise


def _put_back(change: Change, row_id: int | None) -> None:
    from cars_desktop.store.change_merge import Entry, Merger

    values = {column: pair[0] for column, pair in change.fields.items()}
    if change.op == "delete":
        if row_id is not None:
            raise CannotUndo(_("It is already there."))
        entry = Entry("", 0, "", "", change.table, change.row_uuid, "insert",
                      {column: [None, value] for column, value in values.items()})
    else:
        if row_id is None:
            raise CannotUndo(_("It is no longer there."))
        entry = Entry("", 0, "", "", change.table, change.row_uuid, "update",
                      {column: [pair[1], pair[0]] for column, pair in change.fields.items()})
    Merger().put(entry, row_id)


# --- changes to settle ---------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class ToSettle:
    """A field two laptops changed: its values, each with who gave it and when."""
    id: int
    table: str
    row_uuid: str
    column: str
    choices: list[dict[str, Any]]
    row_name: str
    current: Any = None  # the value in place now


def to_settle() -> list[ToSettle]:
    """The fields waiting for a volunteer to choose, oldest first."""
    from cars_desktop.store.change_rows import current_value, local_id

    found = []
    for settle_id, table, row_uuid, column, choices in db.execute_sql(
            "SELECT id, tbl, row_uuid, col, choices FROM to_settle WHERE settled_at IS NULL"
            " ORDER BY id").fetchall():
        row_id = local_id(table, row_uuid)
        current = current_value(table, row_id, column) if row_id is not None else None
        found.append(ToSettle(settle_id, table, row_uuid, column, json.loads(choices),
                              _row_name(table, row_uuid), current))
    return found


def settle(item: ToSettle, chosen: int) -> None:
    """Keep the chosen value: written down as this laptop's change (made after seeing every
    value), so that the choice settles it on the other laptops too."""
    from cars_desktop.store.change_merge import Entry, Merger
    from cars_desktop.store.change_rows import current_value, local_id
    from cars_desktop.store.database import transaction

    value = item.choices[chosen]["value"]
    before = db.execute_sql("SELECT max(id) FROM change_log").fetchone()[0] or 0
    with transaction():
        row_id = local_id(item.table, item.row_uuid)
        if row_id is not None:
            current = current_value(item.table, row_id, item.column)
            if current != value:
                Merger().put(Entry("", 0, "", "", item.table, item.row_uuid, "update",
                                   {item.column: [current, value]}), row_id)
            else:  # already in place: the choice still has to reach the others
                laptop.write_down("update", item.table, item.row_uuid,
                                  {item.column: [value, value]})
                db.execute_sql(
                    "INSERT OR REPLACE INTO field_clock (row_uuid, col, stamp) SELECT row_uuid,"
                    " ?, stamp || ' ' || laptop || ' ' || printf('%010d', seq) FROM change_log"
                    " WHERE id = (SELECT max(id) FROM change_log)", (item.column,))
        db.execute_sql("UPDATE change_log SET undoes = ? WHERE id > ?", (SETTLED, before))
        db.execute_sql("UPDATE to_settle SET settled_at = strftime('%Y-%m-%dT%H:%M:%fZ',"
                       " 'now'), settled_by = ? WHERE id = ?", (volunteer(), item.id))
