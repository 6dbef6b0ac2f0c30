"""Who this laptop is in the group: its id (which signs its changes) and its volunteer's
name; and writing down a change the triggers cannot see."""

from __future__ import annotations

import json
import socket
import uuid
from typing import Any

from cars_desktop.store.models import db


def local(key: str) -> str:
    found = db.execute_sql("SELECT value FROM sync_local WHERE key = ?", (key,)).fetchone()
    return found[0] if found else ""


def set_local(key: str, value: str) -> None:
    db.execute_sql("INSERT OR REPLACE INTO sync_local (key, value) VALUES (?, ?)", (key, value))


def laptop_id() -> str:
    return local("laptop")


def volunteer() -> str:
    """The name this laptop's changes are signed with ("" until the volunteer gives it)."""
    return local("volunteer")


def this_computer(data_file: str) -> None:
    """Called on opening: data copied to another computer or folder (or a backup restored)
    gets a laptop id of its own, so that two laptops never sign changes with the same one;
    on another computer, its changes are no longer signed with the first one's volunteer."""
    here = f"{socket.gethostname()}|{data_file}"
    before = local("computer")
    if before == here:
        return
    with db.atomic():
        if before:
            if before.removeprefix("restored:").split("|")[0] != socket.gethostname():
                set_local("volunteer", "")  # another computer: another laptop altogether
            else:  # this laptop again (a restore, a move): what it made is still its own
                set_local("former", json.dumps([*json.loads(local("former") or "[]"),
                                                laptop_id()]))
            set_local("laptop", str(uuid.uuid4()))
        set_local("computer", here)


def write_down(op: str, table: str, row_uuid: str, fields: dict[str, Any],
               undoes: str = "") -> None:
    """A change the triggers cannot see (an erasure), written down as they would."""
    db.execute_sql(
        "INSERT INTO change_log (laptop, seq, stamp, volunteer, tbl, row_uuid, op, fields,"
        " undoes) SELECT l.value, coalesce((SELECT max(seq) FROM change_log WHERE laptop ="
        " l.value), 0) + 1, max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), c.value), v.value,"
        " ?, ?, ?, ?, ? FROM sync_local l, sync_local c, sync_local v WHERE l.key = 'laptop'"
        " AND c.key = 'clock' AND v.key = 'volunteer'",
        (table, row_uuid, op, json.dumps(fields, ensure_ascii=False), undoes))


def made_elsewhere(row_uuid: str) -> str | None:
    """Who made the row on another laptop ("" when unnamed), or None when made here: what
    keeps this laptop's own ids (an import, a merge) can only be undone where it was made."""
    found = db.execute_sql("SELECT laptop, volunteer FROM change_log WHERE row_uuid = ? AND"
                           " op = 'insert' ORDER BY id LIMIT 1", (row_uuid,)).fetchone()
    if found is None or is_mine(found[0]):
        return None
    return found[1]


def is_mine(laptop: str) -> bool:
    """This laptop's id, or one it had before a restore."""
    return laptop in (laptop_id(), *json.loads(local("former") or "[]"))
