"""Is a data file only what this app made? A file can be a real data file with something of
its own added: a trigger that changes every new gift, a hidden table that keeps an erased
person's details, a view, a column of another type. Such a file is refused before it is
opened, restored or called sound: its schema must be exactly the one this version's
migrations make for its data version, its links whole and its money in whole cents."""

from __future__ import annotations

import functools
import hashlib
import re
import sqlite3
from pathlib import Path

from cars_desktop.i18n import N_, _, ngettext
from cars_desktop.store.migrations import (
    APPLICATION_ID,
    LATEST_VERSION,
    MIGRATIONS,
    SCHEMA_V1,
    run_script,
    run_step,
)

# what SQLite calls the parts of a schema, as the volunteer reads them
KINDS = {"table": N_("table"), "index": N_("index"), "trigger": N_("trigger"),
         "view": N_("view")}
# money is a whole number of cents: (table, column)
MONEY = (("contribution", "amount_cents"), ("contribution", "outstanding_cents"),
         ("contribution", "advantage_cents"), ("contribution", "fee_cents"),
         ("contribution", "original_cents"), ("receipt", "amount_cents"),
         ("receipt", "advantage_cents"), ("receipt", "eligible_cents"),
         ("receipt_gift", "amount_cents"), ("receipt_gift", "advantage_cents"),
         ("receipt_gift", "eligible_cents"))


def _shape(connection: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(kind, name) -> its SQL, spaces made single, for everything but SQLite's own."""
    rows = connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    return {(kind, name): re.sub(r"\s+", " ", sql or "").strip() for kind, name, sql in rows}


@functools.cache
def expected_shape(version: int) -> dict[tuple[str, str], str]:
    """The schema this version's migrations make for a file of data version `version`."""
    import peewee as pw

    memory = pw.SqliteDatabase(":memory:")
    for number, _description, step in MIGRATIONS:
        if number > version:
            break
        if number == 1:  # its tables only: its rows (the checklist) need the models' database
            run_script(memory, SCHEMA_V1)
        else:
            run_step(memory, step)
    shape = _shape(memory.connection())
    memory.close()
    return shape


def digests(shape: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """Each part's SQL as a short digest: what `schema_latest` keeps of this version's schema."""
    return {key: hashlib.sha256(sql.encode()).hexdigest()[:20] for key, sql in shape.items()}


def latest_digests() -> dict[tuple[str, str], str]:
    """The latest data version's schema, as its migrations make it: written down in
    `schema_latest` (opening a file does not wait for the migrations to be run in memory;
    a test checks that it is the migrations' own)."""
    from cars_desktop.store.schema_latest import DIGESTS, VERSION

    return DIGESTS if VERSION == LATEST_VERSION else digests(expected_shape(LATEST_VERSION))


def write_latest() -> None:
    """Write `schema_latest.py` again, after a migration is added."""
    lines = "".join(f"    {key!r}: {value!r},\n"
                    for key, value in sorted(digests(expected_shape(LATEST_VERSION)).items()))
    Path(__file__).with_name("schema_latest.py").write_text(
        '"""The latest data version\'s schema, as a digest of each part\'s SQL. Written by\n'
        '`python -m cars_desktop.store.schema_check`; a test checks it."""\n\n'
        f"VERSION = {LATEST_VERSION}\nDIGESTS = {{\n{lines}}}\n", encoding="utf-8")


def schema_problems(connection: sqlite3.Connection, deep: bool = True) -> list[str]:
    """What makes the open file not one of ours as this version knows it; [] when it is.
    Without `deep`, only its schema (what opening the file can afford to wait for); with it,
    its links and its money too, which read every row."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    app_id = connection.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        return [_("it is not a CARS Desktop data file")]
    if not 1 <= version <= LATEST_VERSION:
        return [_("its data version, {version}, is not one CARS Desktop writes (1 to "
                  "{latest})").format(version=version, latest=LATEST_VERSION)]
    found = digests(_shape(connection))
    expected = latest_digests() if version == LATEST_VERSION else digests(
        expected_shape(version))
    problems = []
    def kind(code: str) -> str:
        return _(KINDS[code]) if code in KINDS else code

    for code, name in sorted(set(found) - set(expected)):
        problems.append(_("it holds something CARS Desktop did not make: {kind} “{name}”"
                          ).format(kind=kind(code), name=name[:60]))
    for code, name in sorted(set(expected) - set(found)):
        problems.append(_("something CARS Desktop made is missing: {kind} “{name}”").format(
            kind=kind(code), name=name))
    for key in sorted(set(found) & set(expected)):
        if found[key] != expected[key]:
            problems.append(_("something was changed since CARS Desktop made it: {kind} "
                              "“{name}”").format(kind=kind(key[0]), name=key[1]))
    if problems or not deep:
        return problems
    for table, rowid, parent, _key in connection.execute("PRAGMA foreign_key_check"):
        problems.append(_("{table} row {rowid} points to a missing {parent}").format(
            table=table, rowid=rowid, parent=parent))
        if len(problems) >= 5:
            break
    for table, column in MONEY:
        if column in {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}:
            odd = connection.execute(f"SELECT COUNT(*) FROM {table} WHERE typeof({column})"
                                     " != 'integer'").fetchone()[0]
            if odd:
                problems.append(ngettext(
                    "{n} amount in {table}.{column} is not whole cents",
                    "{n} amounts in {table}.{column} are not whole cents", odd).format(
                    n=odd, table=table, column=column))
    return problems


if __name__ == "__main__":
    write_latest()
