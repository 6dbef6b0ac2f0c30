"""Several laptops of one group in one test: each a data folder, opened one at a time (one
store per process), sharing a "stick" folder; and what their data is, compared as a
volunteer would (by what rows are, not by each laptop's own ids)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import random
from pathlib import Path

from cars_desktop.store import change_packs, contributions, database, history, partners
from cars_desktop.store.change_log import LOCAL_COLUMNS, SHARED_TABLES
from cars_desktop.store.change_merge import NATURAL_KEYS
from cars_desktop.store.change_rows import local_id
from cars_desktop.store.models import Partner, db

CITIES = ("Rimouski", "Matane", "Amqui", "Bouctouche", "Sussex", "Caraquet")
NAMES = ("Co-op Santé", "Club Lions", "Ferme Leblanc", "Caisse populaire", "École Sainte-Anne")


@contextlib.contextmanager
def opened(folder: Path, volunteer: str = ""):
    store = database.open_store(folder)
    try:
        if volunteer and history.volunteer() != volunteer:
            history.set_volunteer(volunteer)
        yield store
    finally:
        store.close()


def sync(folder: Path, stick: Path, volunteer: str = "") -> change_packs.SyncReport:
    with opened(folder, volunteer):
        return change_packs.sync(stick)


def _natural(table: str, row_id: int | None) -> str | None:
    """A row as every laptop names it: its UUID, or what it is for rows each laptop makes."""
    if row_id is None:
        return None
    if table in NATURAL_KEYS:
        names = NATURAL_KEYS[table] or ("'the one'",)
        found = db.execute_sql(f"SELECT {', '.join(names)} FROM {table} WHERE id = ?",
                               (row_id,)).fetchone()
        return json.dumps(found) if found else None
    found = db.execute_sql(f"SELECT uuid FROM {table} WHERE id = ?", (row_id,)).fetchone()
    return found[0] if found else None


def picture() -> dict:
    """Everything the group's data holds, as comparable across laptops."""
    whole = {}
    for table in SHARED_TABLES:
        links = {row[3]: row[2] for row in db.execute_sql(f"PRAGMA foreign_key_list({table})")}
        columns = [row[1] for row in db.execute_sql(f"PRAGMA table_info({table})")
                   if row[1] not in ("updated_at", "uuid", "created_at")
                   and row[1] not in LOCAL_COLUMNS.get(table, ())]
        rows = {}
        for values in db.execute_sql(f"SELECT {', '.join(columns)} FROM {table}").fetchall():
            row = dict(zip(columns, values, strict=True))
            name = _natural(table, row.pop("id"))
            rows[name] = {column: _natural(links[column], value) if column in links else value
                          for column, value in row.items()}
            if "search_text" in rows[name]:  # its parts, in whatever order each laptop has
                rows[name]["search_text"] = sorted((rows[name]["search_text"] or "").split(" | "))
        whole[table] = rows
    whole["to_settle"] = sorted(
        (_natural(table, local_id(table, row_uuid)) or row_uuid, column,
         json.dumps(sorted(json.dumps(c["value"]) for c in json.loads(choices))),
         settled is None)
        for table, row_uuid, column, choices, settled in db.execute_sql(
            "SELECT tbl, row_uuid, col, choices, settled_at FROM to_settle").fetchall())
    return whole


class Volunteer:
    """One laptop and what its volunteer does, at random (seeded)."""

    def __init__(self, folder: Path, name: str, rng: random.Random):
        self.folder, self.name, self.rng = folder, name, rng
        self.edits: list[tuple[str, str, str]] = []  # (partner uuid, field, value)

    def partner_ids(self) -> list[int]:
        return [p.id for p in Partner.select(Partner.id).where(Partner.erased_at.is_null())
                .order_by(Partner.uuid)]

    def import_gifts(self) -> None:
        """A bank's or a platform's file of gifts, some from partners already known."""
        from cars_desktop.exchange.importer import commit, make_plan, open_file

        rng = self.rng
        known = [p.name for p in Partner.select(Partner.name).where(
            Partner.erased_at.is_null()).order_by(Partner.uuid)]
        lines = ["Name,Email,Date,Amount,Reference"]
        for number in range(rng.randint(1, 4)):
            name = rng.choice(known) if known and rng.random() < 0.5 else (
                f"{rng.choice(NAMES)} {rng.randint(100, 199)}")
            lines.append(f"{name},{self.name.lower()}{number}@example.ca,"
                         f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)},"
                         f"{rng.randint(5, 300)},REF-{rng.randint(1, 10**6)}")
        path = self.folder.parent / f"import-{self.name}-{rng.randint(1, 10**9)}.csv"
        path.write_text("\n".join(lines) + "\n", "utf-8")
        table, found, mapping = open_file(path)
        commit(make_plan(table, mapping, found, path.name))

    def act(self) -> str:
        rng = self.rng
        ids = self.partner_ids()
        what = rng.choice(("add", "edit", "edit", "edit", "gift", "gift", "contact",
                           "archive", "delete_gift", "erase", "thank", "import"))
        if what == "import":
            self.import_gifts()
            return what
        if what == "add" or not ids:
            partners.save_partner({"kind": "organisation", "name": rng.choice(NAMES)
                                   + f" {rng.randint(1, 99)}", "sector": "community",
                                   "partnership_type": "formal", "status": "active",
                                   "language": "fr", "city": rng.choice(CITIES)}, [])
            return "add"
        pid = rng.choice(ids)
        values, contacts = partners.load_partner(pid)
        if what == "edit":
            field = rng.choice(("city", "phone", "notes", "email"))
            value = {"city": rng.choice(CITIES), "phone": f"506-555-{rng.randint(1000, 9999)}",
                     "notes": f"{self.name} called on day {rng.randint(1, 300)}",
                     "email": f"{self.name.lower()}{rng.randint(1, 99)}@example.ca"}[field]
            partners.save_partner({**values, field: value}, contacts, pid)
            saved = Partner.get_by_id(pid)  # as the app keeps it ("(506) 555-…")
            self.edits.append((saved.uuid, field, getattr(saved, field)))
        elif what == "gift":
            contributions.save_contribution({
                "partner_id": pid, "family": "cash", "kind": "one_time",
                "status": "received", "amount": str(rng.randint(5, 500)),
                "date": dt.date(2026, rng.randint(1, 10), rng.randint(1, 28)),
                "payment_method": "cheque", "purpose": "Food bank"})
        elif what == "contact":
            partners.save_partner(values, [*contacts, {"name": f"Contact {rng.randint(1, 99)}",
                                                       "role": "treasurer"}], pid)
        elif what == "archive":
            partners.archive_partner(pid)
        elif what == "delete_gift":
            gifts = [g[0] for g in db.execute_sql(
                "SELECT id FROM contribution WHERE id NOT IN (SELECT contribution_id FROM"
                " receipt_gift) ORDER BY uuid")]
            if gifts:
                contributions.delete_contribution(rng.choice(gifts))
        elif what == "thank":
            gifts = [g[0] for g in db.execute_sql("SELECT id FROM contribution ORDER BY uuid")]
            if gifts:
                contributions.mark_thanked([rng.choice(gifts)], dt.date(2026, 12, 1), "call",
                                           self.name)
        elif what == "erase" and rng.random() < 0.3:
            partners.erase_personal_information(pid)
        return what
