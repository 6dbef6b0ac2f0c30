"""Rows as change packs name them and as this laptop keeps them: a link's UUID and this
laptop's id for it, a value as a pack carries it, and what each laptop works out for itself
once changes are applied."""

from __future__ import annotations

import json
from typing import Any

import peewee as pw

from cars_desktop.core.text import sort_key
from cars_desktop.store.models import db


def links_of(table: str) -> dict[str, tuple[str, bool, str]]:
    """column -> (linked table, required, on delete)."""
    rows = db.execute_sql(f'PRAGMA foreign_key_list("{table}")').fetchall()
    required = {row[1]: bool(row[3]) for row in
                db.execute_sql(f'PRAGMA table_info("{table}")').fetchall()}
    return {row[3]: (row[2], required[row[3]], row[6]) for row in rows}



def columns_of(table: str) -> dict[str, str]:
    return {row[1]: (row[2] or "").upper()
            for row in db.execute_sql(f'PRAGMA table_info("{table}")').fetchall()}



def local_id(table: str, row_uuid: str | None) -> int | None:
    """The id here of the row a UUID names, following rows matched by what they are and
    partners merged into another."""
    if row_uuid is None:
        return None
    found = db.execute_sql(f'SELECT id FROM "{table}" WHERE uuid = ?', (row_uuid,)).fetchone()
    if found:
        return found[0]
    alias = db.execute_sql("SELECT value FROM sync_local WHERE key = ?",
                           (f"alias:{row_uuid}",)).fetchone()
    if alias:
        return local_id(table, alias[0])
    if table == "partner":
        kept = db.execute_sql("SELECT kept_id FROM partner_merge WHERE removed_uuid = ? AND"
                              " undone_at IS NULL", (row_uuid,)).fetchone()
        if kept:
            return kept[0]
    return None



def uuid_of(table: str, row_id: int | None) -> str | None:
    if row_id is None:
        return None
    found = db.execute_sql(f'SELECT uuid FROM "{table}" WHERE id = ?', (row_id,)).fetchone()
    return found[0] if found else None



def to_sql(value: Any, kind: str) -> Any:
    if kind == "BLOB" and isinstance(value, dict):
        return bytes.fromhex(value.get("hex", ""))
    return value



def from_sql(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"hex": value.hex().upper()}
    return value



def current_value(table: str, row_id: int, column: str, links: dict | None = None) -> Any:
    """A field's value as packs carry it: a link as the linked row's UUID."""
    links = links_of(table) if links is None else links
    value = db.execute_sql(f'SELECT "{column}" FROM "{table}" WHERE id = ?',
                           (row_id,)).fetchone()[0]
    if column in links:
        return uuid_of(links[column][0], value)
    return from_sql(value)



def is_link_refusal(err: BaseException) -> bool:
    """A foreign key that refuses the change: something still depends on the row."""
    return isinstance(err, pw.IntegrityError) and "FOREIGN KEY" in str(err).upper()



def refresh_derived(applied) -> None:
    # applied: a `change_merge.Applied`, what the changes touched
    """What each laptop works out for itself, made again for what the changes touched."""
    from cars_desktop.store.contributions import recompute_outstanding
    from cars_desktop.store.merge import refresh_partner

    gifts = json.dumps(sorted(applied.gifts))
    db.execute_sql("UPDATE contribution SET thanked_on = (SELECT min(date) FROM acknowledgement"
                   " a WHERE a.contribution_id = contribution.id) WHERE id IN (SELECT value"
                   " FROM json_each(?))", (gifts,))
    partners = set(applied.partners)
    pledges = set(applied.pledges)
    for partner_id, pledge_id, status, row_id in db.execute_sql(
            "SELECT partner_id, pledge_id, status, id FROM contribution WHERE id IN (SELECT"
            " value FROM json_each(?))", (gifts,)).fetchall():
        partners.add(partner_id)
        pledges |= {pledge_id} if pledge_id else set()
        pledges |= {row_id} if status == "pledged" else set()
    for partner_id in partners:
        if db.execute_sql("SELECT 1 FROM partner WHERE id = ?", (partner_id,)).fetchone():
            refresh_partner(partner_id)
            db.connection().executemany(
                "UPDATE contact_person SET sort_name = ? WHERE id = ?",
                [(sort_key(name), contact_id) for contact_id, name in db.execute_sql(
                    "SELECT id, name FROM contact_person WHERE partner_id = ?", (partner_id,))])
    recompute_outstanding(*sorted(pledges))
