"""Every change, written down by the data file itself: SQLite triggers on each shared table
add a row to `change_log` in the same transaction as the change (whatever code made it), with
the laptop, the volunteer, a stamp, the row's UUID and, for each field that changed, its value
before and after. Links are written as the linked row's UUID, which is the same on every
laptop (the integer ids are not). Change packs (`change_packs`) are these rows; the History
panels read them.

A stamp is the UTC time, never earlier than any stamp this laptop has seen (`clock`), so that a
change made after applying another laptop's sorts after it even when the clocks disagree;
(stamp, laptop, seq) orders every change of the group the same way on every laptop."""

from __future__ import annotations

import uuid

import peewee as pw

# Tables whose rows are the group's data, shared between laptops; the order is the order a
# new laptop needs them in (what a row links to comes first).
SHARED_TABLES = ("import_batch", "partner", "contact_person", "fund", "deposit", "contribution",
                 "schedule", "acknowledgement", "checklist_practice", "review", "review_item",
                 "interaction", "group_profile", "partner_merge", "receipt", "receipt_gift",
                 "setting")

# Columns each laptop works out for itself from the others (what the lists sort and search
# by, a pledge's balance, the first thanks' date): never compared, made again after a pack.
# kept on the partner by the file's own triggers (store.kept_values): a partner a pack
# brings starts with the table's defaults, and its contacts and reviews set them
KEPT_BY_TRIGGERS = {"partner": {"last_contact_on", "contact_sort", "latest_review_id",
                                "review_due"}}
DERIVED = {"partner": {"sort_name", "search_text", *KEPT_BY_TRIGGERS["partner"]},
           "contact_person": {"sort_name"},
           "contribution": {"partner_sort", "search_text", "outstanding_cents", "thanked_on"}}
NOT_LOGGED = {"id", "uuid", "updated_at"}
# what keeps this laptop's own ids, to undo an import or a merge here (and only here): not
# shared, and not the history's
LOCAL_COLUMNS = {"import_batch": {"filled", "reversed"}, "partner_merge": {"record"}}
# rows of a shared table that are each laptop's own: its backups' dates and reminder
LOCAL_ROWS = {"setting": """{row}."key" NOT LIKE 'backup.%'"""}

SCHEMA = """
    CREATE TABLE "change_log" (
        "id" INTEGER NOT NULL PRIMARY KEY,
        "laptop" TEXT NOT NULL,
        "seq" INTEGER NOT NULL,
        "stamp" TEXT NOT NULL,
        "volunteer" TEXT NOT NULL DEFAULT '',
        "tbl" TEXT NOT NULL,
        "row_uuid" TEXT NOT NULL,
        "op" TEXT NOT NULL,
        "fields" TEXT NOT NULL DEFAULT '{}',
        "undoes" TEXT NOT NULL DEFAULT '');
    CREATE UNIQUE INDEX "change_log_laptop_seq" ON "change_log" ("laptop", "seq");
    CREATE INDEX "change_log_row" ON "change_log" ("row_uuid", "stamp");
    CREATE TABLE "field_clock" (
        "row_uuid" TEXT NOT NULL,
        "col" TEXT NOT NULL,
        "stamp" TEXT NOT NULL,
        PRIMARY KEY ("row_uuid", "col")) WITHOUT ROWID;
    CREATE TABLE "sync_local" (
        "key" TEXT NOT NULL PRIMARY KEY,
        "value" TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE "row_gone" (
        "row_uuid" TEXT NOT NULL PRIMARY KEY,
        "tbl" TEXT NOT NULL,
        "stamp" TEXT NOT NULL,
        "erased" INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
    CREATE TABLE "to_settle" (
        "id" INTEGER NOT NULL PRIMARY KEY,
        "tbl" TEXT NOT NULL,
        "row_uuid" TEXT NOT NULL,
        "col" TEXT NOT NULL,
        "choices" TEXT NOT NULL DEFAULT '[]',
        "settled_at" TEXT,
        "settled_by" TEXT NOT NULL DEFAULT '');
    CREATE INDEX "to_settle_row" ON "to_settle" ("row_uuid", "col");
"""


def order_key(stamp: str, laptop: str, seq: int) -> str:
    """One text that sorts every change of the group in the same order on every laptop."""
    return f"{stamp} {laptop} {seq:010d}"


ORDER_KEY_SQL = "{p}stamp || ' ' || {p}laptop || ' ' || printf('%010d', {p}seq)"


def _columns(database: pw.SqliteDatabase, table: str) -> list[tuple[str, str]]:
    return [(row[1], (row[2] or "").upper())
            for row in database.execute_sql(f'PRAGMA table_info("{table}")').fetchall()]


def _defaults(database: pw.SqliteDatabase, table: str) -> dict[str, str]:
    """column -> its default as SQL ("NULL" for a column that may be empty without one);
    a new row's field left at it is not written down (the table gives it again)."""
    return {row[1]: row[4] if row[4] is not None else "NULL"
            for row in database.execute_sql(f'PRAGMA table_info("{table}")').fetchall()
            if row[4] is not None or not row[3]}


def _links(database: pw.SqliteDatabase, table: str) -> dict[str, str]:
    """column -> the table it links to."""
    return {row[3]: row[2]
            for row in database.execute_sql(f'PRAGMA foreign_key_list("{table}")').fetchall()}


def _value(side: str, column: str, kind: str, links: dict[str, str]) -> str:
    ref = f'{side}."{column}"'
    if column in links:
        return f'(SELECT "uuid" FROM "{links[column]}" WHERE "id" = {ref})'
    if kind == "BLOB":  # JSON has no bytes: a {"hex": …} object instead
        return (f"json(CASE WHEN {ref} IS NULL THEN 'null' ELSE '{{\"hex\":\"' || hex({ref})"
                f" || '\"}}' END)")
    return ref


def _logged(database: pw.SqliteDatabase, table: str) -> list[tuple[str, str]]:
    return [(name, kind) for name, kind in _columns(database, table)
            if name not in NOT_LOGGED and name not in DERIVED.get(table, ())
            and name not in LOCAL_COLUMNS.get(table, ())]


def _insert_fields(database: pw.SqliteDatabase, table: str, side: str) -> str:
    """The SQL of a new row's fields as JSON: each [null, value], but those left at their
    default (the table gives them again)."""
    links, defaults = _links(database, table), _defaults(database, table)
    parts = []
    for name, kind in _logged(database, table):
        pair = f"""',"{name}":' || json_array(NULL, {_value(side, name, kind, links)})"""
        if name in defaults:
            pair = f'CASE WHEN {side}."{name}" IS {defaults[name]} THEN \'\' ELSE {pair} END'
        parts.append(pair)
    return "'{' || substr(" + " || ".join(parts) + ", 2) || '}'"


def _trigger(database: pw.SqliteDatabase, table: str, op: str) -> str:
    links = _links(database, table)
    logged = _logged(database, table)
    parts = []
    for name, kind in logged:
        before = _value("OLD", name, kind, links)
        after = "NULL" if op == "delete" else _value("NEW", name, kind, links)
        pair = f"""',"{name}":' || json_array({before}, {after})"""
        if op == "update":
            pair = f'CASE WHEN OLD."{name}" IS NOT NEW."{name}" THEN {pair} ELSE \'\' END'
        parts.append(pair)
    fields = ("'{' || substr(" + " || ".join(parts) + ", 2) || '}'" if op != "insert"
              else _insert_fields(database, table, "NEW"))
    row = "OLD" if op == "delete" else "NEW"
    when = "(SELECT \"value\" FROM \"sync_local\" WHERE \"key\" = 'applying') = '0'"
    if op == "update":
        changed = " OR ".join(f'OLD."{name}" IS NOT NEW."{name}"' for name, _kind in logged)
        when += f" AND ({changed})"
    if table in LOCAL_ROWS:
        when += " AND " + LOCAL_ROWS[table].format(row=row)
    event = {"insert": "INSERT", "update": "UPDATE", "delete": "DELETE"}[op]
    clock_keys = ORDER_KEY_SQL.format(p="c.")
    field_clock = "" if op == "insert" else f"""
            INSERT OR REPLACE INTO "field_clock" ("row_uuid", "col", "stamp")
            SELECT c."row_uuid", j.key, {clock_keys}
            FROM "change_log" c, json_each(c."fields") j
            WHERE c."id" = (SELECT max("id") FROM "change_log");"""
    if op == "delete":  # a later change to it, from a pack, finds it deleted, not unknown
        field_clock += f"""
            INSERT OR REPLACE INTO "row_gone" ("row_uuid", "tbl", "stamp", "erased")
            SELECT c."row_uuid", c."tbl", {clock_keys}, 0 FROM "change_log" c
            WHERE c."id" = (SELECT max("id") FROM "change_log");"""
    elif op == "insert":  # an undone deletion
        field_clock = """
            DELETE FROM "row_gone" WHERE "row_uuid" = NEW."uuid";"""
    return f"""
        CREATE TRIGGER "log_{op}_{table}" AFTER {event} ON "{table}" WHEN {when}
        BEGIN
            INSERT INTO "change_log" ("laptop", "seq", "stamp", "volunteer", "tbl",
                                      "row_uuid", "op", "fields")
            SELECT l."value", coalesce((SELECT max("seq") FROM "change_log"
                                        WHERE "laptop" = l."value"), 0) + 1,
                   max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), c."value"), v."value",
                   '{table}', {row}."uuid", '{op}', {fields}
            FROM "sync_local" l, "sync_local" c, "sync_local" v
            WHERE l."key" = 'laptop' AND c."key" = 'clock' AND v."key" = 'volunteer';
            UPDATE "sync_local" SET "value" = (SELECT "stamp" FROM "change_log"
                                               WHERE "id" = (SELECT max("id") FROM "change_log"))
            WHERE "key" = 'clock';{field_clock}
        END;"""


def drop_triggers(database: pw.SqliteDatabase) -> None:
    for table in SHARED_TABLES:
        for op in ("insert", "update", "delete"):
            database.execute_sql(f'DROP TRIGGER IF EXISTS "log_{op}_{table}"')


def make_triggers(database: pw.SqliteDatabase) -> None:
    """(Re)make the triggers that write every change down, for the tables' columns as they
    are now (`migrations.run_step` does it after every step)."""
    drop_triggers(database)
    for table in SHARED_TABLES:
        for op in ("insert", "update", "delete"):
            database.execute_sql(_trigger(database, table, op))


def log_existing_rows(database: pw.SqliteDatabase) -> None:
    """Rows made before changes were written down: each written down as made (all at the
    same moment, in the order of what links to what), so that a pack can carry them to a
    laptop that joins."""
    for table in SHARED_TABLES:
        fields = _insert_fields(database, table, "t")
        base = database.execute_sql('SELECT coalesce(max("seq"), 0) FROM "change_log"'
                                    ).fetchone()[0]
        database.execute_sql(f"""
            INSERT INTO "change_log" ("laptop", "seq", "stamp", "volunteer", "tbl", "row_uuid",
                                      "op", "fields")
            SELECT l."value", ? + row_number() OVER (ORDER BY t."id"),
                   strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), '', '{table}', t."uuid",
                   'insert', {fields}
            FROM "{table}" t, "sync_local" l WHERE l."key" = 'laptop'
            AND {LOCAL_ROWS.get(table, "1").format(row="t")} """, (base,))


def first_rows(database: pw.SqliteDatabase) -> None:
    """This laptop's own settings: a new laptop id, no volunteer named yet, writing down on."""
    database.execute_sql(
        "INSERT INTO sync_local (key, value) VALUES ('laptop', ?), ('clock', ''),"
        " ('volunteer', ''), ('applying', '0'), ('computer', '')", (str(uuid.uuid4()),))
