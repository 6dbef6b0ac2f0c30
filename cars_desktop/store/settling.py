"""Changes to settle: a field two laptops changed without seeing each other's change. Both
values are kept, with who gave each and when; the later one is in place until a volunteer
chooses. Every laptop holds the same list, and a choice made on one settles it on all."""

from __future__ import annotations

import json
from typing import Any

from cars_desktop.store.models import db


def add(entry, row_uuid: str, column: str, current: Any, current_stamp: str,
        incoming: Any) -> bool:
    """Both values of the field wait to be chosen between; True when it is new to the list."""
    choices = [_choice(current, current_stamp), _choice(incoming, entry.key, entry)]
    found = db.execute_sql("SELECT id, choices FROM to_settle WHERE row_uuid = ? AND"
                           " col = ? AND settled_at IS NULL", (row_uuid, column)).fetchone()
    if found:
        had = json.loads(found[1])
        keys = {choice["key"] for choice in had}
        had += [choice for choice in choices if choice["key"] not in keys]
        db.execute_sql("UPDATE to_settle SET choices = ? WHERE id = ?",
                       (json.dumps(sorted(had, key=lambda c: c["key"])), found[0]))
        return False
    db.execute_sql("INSERT INTO to_settle (tbl, row_uuid, col, choices) VALUES (?, ?, ?, ?)",
                   (entry.tbl, row_uuid, column,
                    json.dumps(sorted(choices, key=lambda c: c["key"]))))
    return True


def close(row_uuid: str, column: str, entry) -> None:
    """A change made after seeing every value settles the choice, on every laptop."""
    for settle_id, choices in db.execute_sql(
            "SELECT id, choices FROM to_settle WHERE row_uuid = ? AND col = ? AND"
            " settled_at IS NULL", (row_uuid, column)).fetchall():
        if all(entry.key > choice["key"] for choice in json.loads(choices)):
            db.execute_sql("UPDATE to_settle SET settled_at = ?, settled_by = ? WHERE id = ?",
                           (entry.stamp, entry.volunteer, settle_id))


def _choice(value: Any, key: str, entry=None) -> dict[str, Any]:
    """One value a field was given, with who gave it and when."""
    if entry is None:
        parts = key.split(" ")
        found = db.execute_sql(
            "SELECT volunteer, laptop, stamp FROM change_log WHERE laptop = ? AND seq = ?",
            (parts[1], int(parts[2]))).fetchone() if len(parts) == 3 else None
        volunteer, laptop, stamp = found or ("", "", "")
    else:
        volunteer, laptop, stamp = entry.volunteer, entry.laptop, entry.stamp
    return {"value": value, "key": key, "volunteer": volunteer, "laptop": laptop,
            "stamp": stamp}



