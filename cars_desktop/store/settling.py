"""Changes to settle: a field two laptops changed without seeing each other's change. Both
values are kept, with who gave each and when; the later one is in place until a volunteer
chooses. Every laptop holds the same list, and a choice made on one settles it on all."""

from __future__ import annotations

import json

from cars_desktop.store.models import db

SETTLED = "settled"  # `change_log.undoes` of the change a volunteer's choice made


def recompute(table: str, row_uuid: str, column: str) -> bool:
    """What waits to be settled for a field, worked out from its whole history, so that every
    laptop holding the same changes holds the same list whatever order they came in: the
    values no later change was made from (since the last choice a volunteer made), when they
    are more than one. True when the field newly waits."""
    rows = db.execute_sql(
        "SELECT stamp || ' ' || laptop || ' ' || printf('%010d', seq) AS k, stamp, laptop,"
        " volunteer, fields, undoes FROM change_log WHERE (row_uuid = :u OR row_uuid IN"
        " (SELECT substr(key, 7) FROM sync_local WHERE key LIKE 'alias:%' AND value = :u))"
        " AND op IN ('insert', 'update') ORDER BY k", {"u": row_uuid}).fetchall()
    changes = []
    for key, stamp, laptop, volunteer, fields, undoes in rows:
        pair = json.loads(fields or "{}").get(column)
        if pair is None:
            continue
        if undoes == SETTLED:
            changes = []  # a volunteer chose, seeing every value: what came before is done
        changes.append({"key": key, "before": pair[0], "value": pair[1], "stamp": stamp,
                        "laptop": laptop, "volunteer": volunteer})
    heads = [change for change in changes if not any(
        later["key"] > change["key"] and later["before"] == change["value"]
        for later in changes)]
    found = db.execute_sql("SELECT id FROM to_settle WHERE row_uuid = ? AND col = ? AND"
                           " settled_at IS NULL", (row_uuid, column)).fetchone()
    if len({json.dumps(head["value"]) for head in heads}) < 2:
        if found:
            last = changes[-1] if changes else {"stamp": "", "volunteer": ""}
            db.execute_sql("UPDATE to_settle SET settled_at = ?, settled_by = ? WHERE id = ?",
                           (last["stamp"], last["volunteer"], found[0]))
        return False
    choices = json.dumps([{name: head[name] for name in
                           ("value", "key", "volunteer", "laptop", "stamp")} for head in heads])
    if found:
        db.execute_sql("UPDATE to_settle SET choices = ? WHERE id = ?", (choices, found[0]))
        return False
    db.execute_sql("INSERT INTO to_settle (tbl, row_uuid, col, choices) VALUES (?, ?, ?, ?)",
                   (table, row_uuid, column, choices))
    return True
