"""Applying other laptops' changes to this laptop's data, field by field.

The rules, the same on every laptop so that every laptop ends with the same data whatever
order the packs come in:
- changes are applied in the group's order (`change_log.order_key`), each once;
- a change to a field nobody else changed since is simply applied;
- when two laptops changed the same field without seeing each other's change, the later one
  is kept and both values wait in "Changes to settle" for a volunteer to choose;
- a deleted row stays deleted (a change to it is set aside), except that a gift recorded for
  a partner deleted elsewhere brings the partner back (the gift must not be lost);
- an erased person stays erased: nothing an older pack holds about them comes back, and their
  details leave the history too."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import peewee as pw

from cars_desktop.store import settling
from cars_desktop.store.change_log import (
    DERIVED,
    KEPT_BY_TRIGGERS,
    SHARED_TABLES,
    order_key,
)
from cars_desktop.store.change_rows import (
    columns_of,
    current_value,
    links_of,
    local_id,
    refresh_derived,
    to_sql,
    uuid_of,
)
from cars_desktop.store.history_erasure import (
    ERASED,
    ERASED_WITH_THEM,
    ERASED_WORDS,
    WORDS_ERASED,
    words_erased,
)
from cars_desktop.store.models import db, utc_now
from cars_desktop.store.settling import SETTLED

# rows a laptop makes for itself on its first day, matched by what they are, not their UUID
NATURAL_KEYS = {"setting": ("key",), "fund": ("name",), "checklist_practice": ("text_en",),
                "group_profile": ()}


@dataclasses.dataclass
class Entry:
    """One change, as a pack carries it."""
    laptop: str
    seq: int
    stamp: str
    volunteer: str
    tbl: str
    row_uuid: str
    op: str  # insert, update, delete, erase
    fields: dict[str, list[Any]]
    undoes: str = ""

    @property
    def key(self) -> str:
        return order_key(self.stamp, self.laptop, self.seq)


@dataclasses.dataclass
class Applied:
    """What applying a set of changes did."""
    changes: int = 0
    to_settle: int = 0
    set_aside: list[str] = dataclasses.field(default_factory=list)
    partners: set[int] = dataclasses.field(default_factory=set)
    pledges: set[int] = dataclasses.field(default_factory=set)
    gifts: set[int] = dataclasses.field(default_factory=set)


def _gone(row_uuid: str) -> tuple[str, int] | None:
    found = db.execute_sql("SELECT stamp, erased FROM row_gone WHERE row_uuid = ?",
                           (row_uuid,)).fetchone()
    return (found[0], found[1]) if found else None


def field_stamp(row_uuid: str, column: str) -> str:
    """When the field's value here was set: its last change, or the row's making."""
    found = db.execute_sql("SELECT stamp FROM field_clock WHERE row_uuid = ? AND col = ?",
                           (row_uuid, column)).fetchone()
    if found:
        return found[0]
    made = db.execute_sql("SELECT stamp, laptop, seq FROM change_log WHERE row_uuid = ? AND"
                          " op = 'insert' ORDER BY stamp DESC LIMIT 1", (row_uuid,)).fetchone()
    return order_key(*made) if made else ""


class Merger:
    """Applies entries, inside the caller's transaction, with writing-down switched off (the
    entries themselves are kept as they came)."""

    def __init__(self) -> None:
        self.applied = Applied()
        # links to rows that come later in the same packs: (table, row uuid, column, uuid)
        self.pending: list[tuple[str, str, str, str]] = []
        self.fields: set[tuple[str, str, str]] = set()  # (table, row uuid, column) changed

    def apply(self, entries: list[Entry]) -> Applied:
        latest = dict(db.execute_sql("SELECT laptop, max(seq) FROM change_log GROUP BY laptop"
                                     ).fetchall())
        for entry in sorted(entries, key=lambda e: e.key):
            if entry.seq <= latest.get(entry.laptop, 0):
                continue  # applied before: applying a pack twice changes nothing
            if not well_formed(entry):
                raise ValueError(f"not a change of this group's data: {entry.tbl!r}")
            latest[entry.laptop] = entry.seq
            self._one(entry)
            self.applied.changes += 1
        for table, row_uuid, column, linked_uuid in self.pending:
            linked = links_of(table)[column][0]
            db.execute_sql(f'UPDATE "{table}" SET "{column}" = ? WHERE uuid = ? AND'
                           f' "{column}" IS NULL', (local_id(linked, linked_uuid), row_uuid))
        refresh_derived(self.applied)
        for table, row_uuid, column in sorted(self.fields):
            if not _gone(row_uuid) or _gone(row_uuid)[1] == WORDS_ERASED:
                self.applied.to_settle += settling.recompute(table, row_uuid, column)
        return self.applied

    def _one(self, entry: Entry) -> None:
        gone = _gone(entry.row_uuid)
        kept = entry
        if entry.op == "erase":
            self._erase(entry)
        elif entry.op == "erased":
            pass  # a change the erasure itself stands for: the erase change does it
        elif gone and gone[1] == ERASED:
            kept = dataclasses.replace(entry, fields={})  # an erased person stays erased
        elif entry.op == "delete":
            self._delete(entry)
        else:
            if gone and gone[1] == WORDS_ERASED:
                kept = entry = dataclasses.replace(entry, fields=words_erased(
                    entry.tbl, entry.op, entry.fields))
                gone = None
            try:
                with db.atomic():
                    self._insert_or_update(entry, gone)
                    if entry.tbl == "partner":
                        _erased_day(entry.row_uuid)
            except pw.IntegrityError as err:
                self.applied.set_aside.append(f"{entry.tbl} {entry.row_uuid}: {err}")
        db.execute_sql(
            "INSERT INTO change_log (laptop, seq, stamp, volunteer, tbl, row_uuid, op, fields,"
            " undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (kept.laptop, kept.seq, kept.stamp, kept.volunteer, kept.tbl, kept.row_uuid,
             kept.op, json.dumps(kept.fields, ensure_ascii=False), kept.undoes))
        self._advance_clock(entry.stamp)

    @staticmethod
    def _advance_clock(stamp: str) -> None:
        # a change made here after this one must sort after it, even if this clock is behind
        try:
            after = (dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ")
                     + dt.timedelta(milliseconds=1)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        except ValueError:
            return
        db.execute_sql("UPDATE sync_local SET value = max(value, ?) WHERE key = 'clock'",
                       (after,))

    # --- rows made, changed and removed -------------------------------------------------
    def _insert_or_update(self, entry: Entry, gone: tuple[str, bool] | None) -> None:
        row_id = local_id(entry.tbl, entry.row_uuid)
        if entry.op == "insert" and row_id is None:
            if gone and gone[0] > entry.key:
                return  # made again by an undo older than its deletion: the deletion holds
            row_id = self._match(entry)
            if row_id is None:
                self._insert(entry)
                return
            db.execute_sql("INSERT OR REPLACE INTO sync_local (key, value) VALUES (?, ?)",
                           (f"alias:{entry.row_uuid}", uuid_of(entry.tbl, row_id)))
        if row_id is None:
            if not gone:
                self.applied.set_aside.append(f"{entry.tbl} {entry.row_uuid}: not here")
            return  # changed elsewhere, deleted here: the deletion holds
        self._update(entry, row_id)

    def _match(self, entry: Entry) -> int | None:
        if entry.tbl not in NATURAL_KEYS:
            return None
        names = NATURAL_KEYS[entry.tbl]
        where = " AND ".join(f'"{name}" = ?' for name in names) or "1"
        found = db.execute_sql(f'SELECT id FROM "{entry.tbl}" WHERE {where} LIMIT 1',
                               [entry.fields.get(name, [None, None])[1] for name in names]
                               ).fetchone()
        return found[0] if found else None

    def _value_here(self, table: str, column: str, value: Any, links: dict) -> tuple[bool, Any]:
        """(usable, the value as this laptop stores it): a link becomes this laptop's id."""
        if column not in links or value is None:
            return True, to_sql(value, columns_of(table).get(column, ""))
        linked, required, on_delete = links[column]
        row_id = local_id(linked, value)
        if row_id is None and linked == "partner" and on_delete == "RESTRICT":
            row_id = self._bring_back(linked, value)
        if row_id is None:
            return (not required), None
        return True, row_id

    def _insert(self, entry: Entry, erased_words: bool = False) -> None:
        links, columns = links_of(entry.tbl), columns_of(entry.tbl)
        values: dict[str, Any] = {}
        for column, (_before, after) in entry.fields.items():
            if column not in columns:
                continue  # a column this version does not have
            if column in links and after is not None and (_gone(after) or ("", 0))[1]:
                if entry.tbl in ERASED_WITH_THEM:
                    return  # it belongs to a person erased here: it stays out
                if entry.tbl in ERASED_WORDS and not erased_words:  # a gift to them: no words
                    return self._insert(dataclasses.replace(entry, fields=words_erased(
                        entry.tbl, entry.op, entry.fields)), erased_words=True)
            usable, value = self._value_here(entry.tbl, column, after, links)
            if not usable:
                return  # what it belongs to is gone here (and went with it there)
            if value is None and after is not None:
                self.pending.append((entry.tbl, entry.row_uuid, column, after))
            values[column] = value
        # made again after the changes
        for column in DERIVED.get(entry.tbl, set()) - KEPT_BY_TRIGGERS.get(entry.tbl, set()):
            values.setdefault(column, {"DATE": None, "INTEGER": 0}.get(columns[column], ""))
        values["uuid"], values["updated_at"] = entry.row_uuid, entry.stamp
        names = ", ".join(f'"{name}"' for name in values)
        marks = ", ".join("?" for _value in values)
        db.execute_sql(f'INSERT INTO "{entry.tbl}" ({names}) VALUES ({marks})',
                       list(values.values()))
        db.execute_sql("DELETE FROM row_gone WHERE row_uuid = ?", (entry.row_uuid,))
        if erased_words:
            db.execute_sql("INSERT INTO row_gone (row_uuid, tbl, stamp, erased) VALUES"
                           " (?, ?, ?, ?)", (entry.row_uuid, entry.tbl, entry.key, WORDS_ERASED))
        self._touched(entry.tbl, local_id(entry.tbl, entry.row_uuid))

    def _bring_back(self, table: str, row_uuid: str) -> int | None:
        """A partner deleted here that another laptop gave a gift to: made again from what
        its deletion kept, so that the gift is not lost."""
        gone = _gone(row_uuid)
        last = db.execute_sql("SELECT fields FROM change_log WHERE row_uuid = ? AND op ="
                              " 'delete' ORDER BY stamp DESC LIMIT 1", (row_uuid,)).fetchone()
        if not gone or gone[1] or not last:
            return None
        fields = {column: [None, pair[0]] for column, pair in json.loads(last[0]).items()}
        self._insert(Entry("", 0, gone[0], "", table, row_uuid, "insert", fields))
        return local_id(table, row_uuid)

    def _update(self, entry: Entry, row_id: int) -> None:
        links, columns = links_of(entry.tbl), columns_of(entry.tbl)
        here_uuid = uuid_of(entry.tbl, row_id)
        changes: dict[str, Any] = {}
        for column, (before, after) in entry.fields.items():
            if column not in columns or column in DERIVED.get(entry.tbl, ()) or column in (
                    "uuid", "created_at"):
                continue
            current = self._current(entry.tbl, row_id, column, links)
            stamp = field_stamp(here_uuid, column)
            if entry.op == "insert" and after in (None, "", 0):
                continue  # a row made on two laptops: an empty field takes the other's value
            self.fields.add((entry.tbl, here_uuid, column))  # what waits is worked out after
            if entry.undoes == SETTLED:  # a volunteer chose, seeing every value
                winner = entry.key > stamp or current == before
            elif current == after:
                winner = True  # the same value already: nothing to choose between
            else:
                winner = entry.key > stamp
            if winner and current != after:
                usable, value = self._value_here(entry.tbl, column, after, links)
                if usable:
                    changes[column] = value
            if winner:
                db.execute_sql("INSERT OR REPLACE INTO field_clock (row_uuid, col, stamp)"
                               " VALUES (?, ?, ?)", (here_uuid, column, max(stamp, entry.key)))
        if changes:
            sets = ", ".join(f'"{name}" = ?' for name in changes)
            db.execute_sql(f'UPDATE "{entry.tbl}" SET {sets}, updated_at = max(updated_at, ?)'
                           " WHERE id = ?", [*changes.values(), entry.stamp, row_id])
            self._touched(entry.tbl, row_id)

    @staticmethod
    def _current(table: str, row_id: int, column: str, links: dict) -> Any:
        return current_value(table, row_id, column, links)

    def _delete(self, entry: Entry) -> None:
        row_id = local_id(entry.tbl, entry.row_uuid)
        if row_id is not None:
            try:
                with db.atomic():
                    self._touched_before_delete(entry.tbl, row_id)
                    db.execute_sql(f'DELETE FROM "{entry.tbl}" WHERE id = ?', (row_id,))
            except pw.IntegrityError:
                # something recorded here still needs it (a gift): it stays
                self.applied.set_aside.append(f"{entry.tbl} {entry.row_uuid}: still needed")
                return
        db.execute_sql("INSERT OR REPLACE INTO row_gone (row_uuid, tbl, stamp, erased)"
                       " VALUES (?, ?, ?, 0)", (entry.row_uuid, entry.tbl, entry.key))
        db.execute_sql("DELETE FROM to_settle WHERE row_uuid = ?", (entry.row_uuid,))

    def _erase(self, entry: Entry) -> None:
        """A person another laptop erased: erased here the same way, and gone from this
        history and the list to settle too."""
        from cars_desktop.store import history_erasure, partners

        partner_id = local_id("partner", entry.row_uuid)
        gifts = list(entry.fields.get("gifts", []))
        rows = list(entry.fields.get("rows", []))
        touched = entry.fields.get("touched", [])
        if partner_id is not None and not db.execute_sql(
                "SELECT erased_at FROM partner WHERE id = ?", (partner_id,)).fetchone()[0]:
            # what was given or added here that the other laptop did not know of goes too
            here = history_erasure.before_erasure(partner_id)
            gifts += here["gifts"]
            rows += here["rows"]
            partners.erase_personal_information(partner_id, writing_down=False)
        for table, row_uuid, column, value in touched:  # notes that named them, as there
            if table not in SHARED_TABLES or column not in columns_of(table):
                continue
            row_id = local_id(table, row_uuid)
            if row_id is not None:
                self.put(Entry("", 0, "", "", table, row_uuid, "update",
                               {column: [None, value]}), row_id)
        # erased on two laptops: the first erasure's day, on both
        db.execute_sql("UPDATE partner SET erased_at = CASE WHEN ? < erased_at AND ? != ''"
                       " THEN ? ELSE erased_at END WHERE id = ?",
                       (entry.fields.get("erased_at") or "",) * 3 + (partner_id,))
        history_erasure.forget_rows(sorted(set(rows)), sorted(set(gifts)), entry.key, touched)

    def put(self, entry: Entry, row_id: int | None) -> None:
        """An entry's values made a change of this laptop's (an undo): written down by the
        triggers like any other."""
        if entry.op == "insert":
            self._insert(entry)
            db.execute_sql(f'UPDATE "{entry.tbl}" SET updated_at = ? WHERE uuid = ?',
                           (utc_now(), entry.row_uuid))
            return
        links, changes, columns = links_of(entry.tbl), {}, columns_of(entry.tbl)
        for column, (_before, after) in entry.fields.items():
            if column not in columns or column in ("id", "uuid"):
                continue
            usable, value = self._value_here(entry.tbl, column, after, links)
            if usable:
                changes[column] = value
        if changes:
            sets = ", ".join(f'"{name}" = ?' for name in changes)
            db.execute_sql(f'UPDATE "{entry.tbl}" SET {sets}, updated_at = ? WHERE id = ?',
                           [*changes.values(), utc_now(), row_id])
        self._touched(entry.tbl, row_id)

    # --- what depends on what changed ------------------------------------------------------
    def _touched(self, table: str, row_id: int | None) -> None:
        if row_id is None:
            return
        if table == "partner":
            self.applied.partners.add(row_id)
        elif table == "contribution":
            self.applied.gifts.add(row_id)
        elif table == "acknowledgement":
            found = db.execute_sql("SELECT contribution_id FROM acknowledgement WHERE id = ?",
                                   (row_id,)).fetchone()
            if found:
                self.applied.gifts.add(found[0])
        elif table == "contact_person":
            found = db.execute_sql("SELECT partner_id FROM contact_person WHERE id = ?",
                                   (row_id,)).fetchone()
            if found:
                self.applied.partners.add(found[0])

    def _touched_before_delete(self, table: str, row_id: int) -> None:
        self._touched(table, row_id)
        if table == "contribution":
            found = db.execute_sql("SELECT pledge_id FROM contribution WHERE id = ?",
                                   (row_id,)).fetchone()
            if found and found[0]:
                self.applied.pledges.add(found[0])
            self.applied.gifts.discard(row_id)
        elif table == "partner":
            self.applied.partners.discard(row_id)


OPS = ("insert", "update", "delete", "erase", "erased")


def well_formed(entry: Entry) -> bool:
    """A change that names one of the group's tables and a known kind of change, with its
    fields as pairs: anything else in a pack is not applied (its names go into SQL)."""
    return (entry.tbl in SHARED_TABLES and entry.op in OPS and isinstance(entry.fields, dict)
            and isinstance(entry.seq, int) and isinstance(entry.undoes, str)
            and isinstance(entry.row_uuid, str) and isinstance(entry.stamp, str)
            and (entry.op == "erase" or all(
                isinstance(pair, list) and len(pair) == 2 for pair in entry.fields.values())))


def _erased_day(row_uuid: str) -> None:
    """A partner erased elsewhere before it came here: erased on the erasure's day."""
    db.execute_sql("UPDATE partner SET erased_at = (SELECT json_extract(fields, '$.erased_at')"
                   " FROM change_log WHERE op = 'erase' AND row_uuid = ?) WHERE uuid = ? AND"
                   " erased_at IS NULL AND EXISTS (SELECT 1 FROM row_gone WHERE row_uuid = ?"
                   " AND erased > 0)", (row_uuid, row_uuid, row_uuid))

