"""Changes to settle: a field two laptops changed without seeing each other's change. Both
values are kept, with who gave each and when; the later one is in place until a volunteer
chooses. Every laptop holds the same list, and a choice made on one settles it on all."""

from __future__ import annotations

import json
from typing import Any

from cars_desktop.store.models import db

SETTLED = "settled"  # `change_log.undoes` of the change a volunteer's choice made


def _open(row_uuid: str, column: str):
    return db.execute_sql("SELECT id, choices FROM to_settle WHERE row_uuid = ? AND col = ? AND"
                          " settled_at IS NULL", (row_uuid, column)).fetchone()


def follow(entry, row_uuid: str, column: str, incoming: Any, before: Any) -> None:
    """A change made from one of the values waiting: it takes that value's place (a change
    from a value is a choice made knowing it)."""
    found = _open(row_uuid, column)
    if found:
        _keep(found[0], json.loads(found[1]), entry, incoming, before)


def add(entry, row_uuid: str, column: str, current: Any, current_stamp: str,
        incoming: Any, before: Any) -> bool:
    """Both values of the field wait to be chosen between; True when it is new to the list."""
    found = _open(row_uuid, column)
    if found:
        _keep(found[0], json.loads(found[1]), entry, incoming, before)
        return False
    settle_id = db.execute_sql("INSERT INTO to_settle (tbl, row_uuid, col) VALUES (?, ?, ?)",
                               (entry.tbl, row_uuid, column)).lastrowid
    _keep(settle_id, [_choice(current, current_stamp)], entry, incoming, before)
    return True


def _keep(settle_id: int, had: list[dict], entry, incoming: Any, before: Any) -> None:
    """The values still to choose from, once this change is one: a value it was made from is
    no longer one. When one value is left, there is nothing to choose."""
    choices = [choice for choice in had
               if not (choice["value"] == before and choice["key"] < entry.key)]
    choices.append(_choice(incoming, entry.key, entry))
    choices = sorted({choice["key"]: choice for choice in choices}.values(),
                     key=lambda c: c["key"])
    settled = len({json.dumps(choice["value"]) for choice in choices}) == 1
    db.execute_sql("UPDATE to_settle SET choices = ?, settled_at = CASE WHEN ? THEN ? ELSE"
                   " settled_at END, settled_by = CASE WHEN ? THEN ? ELSE settled_by END"
                   " WHERE id = ?", (json.dumps(choices), settled, entry.stamp, settled,
                                     entry.volunteer, settle_id))


def close(row_uuid: str, column: str, entry) -> None:
    """A volunteer's choice, made seeing every value, settles it on every laptop."""
    db.execute_sql("UPDATE to_settle SET settled_at = ?, settled_by = ? WHERE row_uuid = ? AND"
                   " col = ? AND settled_at IS NULL", (entry.stamp, entry.volunteer, row_uuid,
                                                       column))


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



