"""Erasing a person from the history too: what a privacy request removes from the record of
changes, and how the erasure travels to the other laptops (as one "erase" change, which each
laptop carries out itself, so that no pack ever holds the details the erasure removed)."""

from __future__ import annotations

import json
from typing import Any

from cars_desktop.store import laptop
from cars_desktop.store.models import db

# what erasing a person leaves of the rows that stay, the partner's and its gifts' (their
# amounts and dates stay): each field as the erasure leaves it
_CLEARED = dict.fromkeys(("first_name", "last_name", "shared_goal", "strengths",
                          "address_line1", "address_line2", "city", "province", "postal_code",
                          "phone", "email", "website", "notes", "recognition_wording"), "")
ERASED_WORDS = {
    "partner": {**_CLEARED, "name": "Erased partner", "household_id": None,
                "partner_since": None, "status": "archived", "status_before_archive": "",
                "recognition": "name"},
    "contribution": dict.fromkeys(("notes", "valued_by", "advantage_description",
                                   "description", "reference", "purpose", "tribute",
                                   "platform_receipt"), ""),
    "acknowledgement": {"note": ""}}
ERASED, WORDS_ERASED = 1, 2  # row_gone.erased: the whole row; only its words
# what belongs to an erased person and goes with them, even from an older pack
ERASED_WITH_THEM = {"contact_person", "interaction", "review", "review_item"}

# the person's own rows: erased whole; the partner and its gifts stay, without their words
_OWN_ROWS = ("SELECT uuid FROM contact_person"
             " WHERE partner_id = :p UNION ALL SELECT uuid FROM interaction WHERE partner_id"
             " = :p UNION ALL SELECT uuid FROM review WHERE partner_id = :p UNION ALL SELECT"
             " i.uuid FROM review_item i JOIN review r ON r.id = i.review_id WHERE"
             " r.partner_id = :p")
_GIFTS = ("SELECT uuid FROM partner WHERE id = :p UNION ALL"
          " SELECT uuid FROM contribution WHERE partner_id = :p UNION ALL SELECT a.uuid FROM"
          " acknowledgement a JOIN contribution c ON c.id = a.contribution_id WHERE"
          " c.partner_id = :p")


def before_erasure(partner_id: int) -> dict[str, Any]:
    """What the erasure will touch, taken before it does (its rows are deleted after)."""
    def uuids(query: str) -> list[str]:
        return [row[0] for row in db.execute_sql(query, {"p": partner_id})]

    last = db.execute_sql("SELECT max(id) FROM change_log").fetchone()[0] or 0
    return {"rows": uuids(_OWN_ROWS), "gifts": uuids(_GIFTS), "after": last}


def after_erasure(partner_uuid: str, taken: dict[str, Any]) -> None:
    """The changes the erasure made stand as one "erase" change, without values; what the
    history held of the person is gone; the other laptops will do the same."""
    # what the erasure changed elsewhere (an import's record, a remembered sender) held
    # the person too, in the history of those fields
    removed, touched = list(taken["rows"]), []
    for table, row_uuid, op, changed in db.execute_sql(
            "SELECT tbl, row_uuid, op, fields FROM change_log WHERE id > ?", (taken["after"],)
            ).fetchall():
        if op == "delete":
            removed.append(row_uuid)
        elif row_uuid not in taken["gifts"]:
            # a note that named them, an import's record: what it is now travels as it is
            touched += [[table, row_uuid, column, pair[1]]
                        for column, pair in json.loads(changed).items()]
    db.execute_sql("UPDATE change_log SET op = 'erased', fields = '{}' WHERE id > ?",
                   (taken["after"],))
    marker = {"rows": sorted(set(removed)), "gifts": taken["gifts"], "touched": touched,
              "erased_at": db.execute_sql("SELECT erased_at FROM partner WHERE uuid = ?",
                                          (partner_uuid,)).fetchone()[0]}
    forget_rows(marker["rows"], marker["gifts"], "", touched)
    laptop.write_down("erase", "partner", partner_uuid, marker)


def forget_rows(rows: list[str], gifts: list[str], key: str, touched: list[list] = ()) -> None:
    """Whatever the history and the list to settle held of these rows, gone; the changes stay
    as "changed", without their values. A later pack cannot bring them back (`row_gone`)."""
    for row_uuid in rows:
        db.execute_sql("UPDATE change_log SET fields = '{}' WHERE row_uuid = ? AND op !="
                       " 'erase'", (row_uuid,))
        _mark(row_uuid, key, ERASED)
    for row_uuid in gifts:
        for entry_id, table, op, fields in db.execute_sql(
                "SELECT id, tbl, op, fields FROM change_log WHERE row_uuid = ? AND op IN"
                " ('insert', 'update', 'delete')", (row_uuid,)).fetchall():
            db.execute_sql("UPDATE change_log SET fields = ? WHERE id = ?", (json.dumps(
                words_erased(table, op, json.loads(fields)), ensure_ascii=False), entry_id))
        db.execute_sql("DELETE FROM to_settle WHERE row_uuid = ?", (row_uuid,))
        _mark(row_uuid, key, WORDS_ERASED)
    for _table, row_uuid, column, _value in touched:
        _forget_field(row_uuid, column)


def words_erased(table: str, op: str, fields: dict[str, list]) -> dict[str, list]:
    """A change's fields with the person's words as the erasure left them."""
    words = ERASED_WORDS.get(table, {})
    return {column: ([None if op == "insert" else words[column], words[column]]
                     if column in words else pair) for column, pair in fields.items()}


def _mark(row_uuid: str, key: str, how: int) -> None:
    if how == ERASED:
        db.execute_sql("DELETE FROM to_settle WHERE row_uuid = ?", (row_uuid,))
    db.execute_sql("INSERT OR REPLACE INTO row_gone (row_uuid, tbl, stamp, erased) VALUES"
                   " (?, '', ?, ?)", (row_uuid, key, how))


def _forget_field(row_uuid: str, column: str) -> None:
    db.execute_sql("UPDATE change_log SET fields = json_remove(fields, ?) WHERE row_uuid = ?"
                   " AND op != 'erase'", (f'$."{column}"', row_uuid))
    db.execute_sql("DELETE FROM to_settle WHERE row_uuid = ? AND col = ?", (row_uuid, column))
