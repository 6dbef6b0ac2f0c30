"""Values the data file keeps up to date itself, by triggers, whatever writes the rows they come
from (a form, an import, a merge, a change pack from another laptop): a partner's last contact,
primary contact and latest review, and what each partner gave each year. The Partners list
sorts by them and "what needs attention" reads them without going through every partner's log
and every gift. They are each laptop's own (never in the history or a change pack), and not in
the Peewee models: a partner saved from a form never writes them."""

from __future__ import annotations

import peewee as pw

LAST_CONTACT = """(SELECT max("date") FROM "interaction" WHERE "partner_id" = {partner}
    AND "kind" != 'note')"""  # a note for the record (a merge) is not a contact
# Two laptops may each add a contact at the same place: the name, then the row's own uuid,
# decide alike on every laptop (the ids differ from one laptop to another). Data version 11
# left the tie to the id; its triggers stay as they were until the file is updated (an
# older file's schema is checked against what its version made).
FIRST_CONTACT = """coalesce((SELECT "sort_name" FROM "contact_person" WHERE "partner_id" = {partner}
    ORDER BY "is_primary" DESC, "position", "sort_name", "uuid" LIMIT 1), '')"""
FIRST_CONTACT_V11 = """coalesce((SELECT "sort_name" FROM "contact_person"
    WHERE "partner_id" = {partner} ORDER BY "is_primary" DESC, "position" LIMIT 1), '')"""
# made by version 12: what its triggers and the Partners list walk to find the first contact
CONTACT_ORDER_INDEX = """CREATE INDEX "contact_person_first" ON "contact_person"
    ("partner_id", "is_primary" DESC, "position", "sort_name", "uuid")"""
LATEST_REVIEW = """(SELECT "{field}" FROM "review" WHERE "partner_id" = {{partner}}
    ORDER BY "date" DESC, "id" DESC LIMIT 1)"""
# (table whose rows it comes from, partner column, its type, its value for {partner})
ON_PARTNER = (("interaction", "last_contact_on", "DATE", LAST_CONTACT),
              ("contact_person", "contact_sort", "TEXT NOT NULL DEFAULT ''", FIRST_CONTACT),
              ("review", "latest_review_id", "INTEGER", LATEST_REVIEW.format(field="id")),
              ("review", "review_due", "DATE", LATEST_REVIEW.format(field="next_due")))
EVENTS = {"INSERT": ["NEW"], "DELETE": ["OLD"], "UPDATE": ["OLD", "NEW"]}
EVERY_PARTNER = '"partner"."id"'  # filling them in, once

# A year's giving by the rule of "support" (core.counting: cash received and gifts in kind,
# loans apart), written here as it was when this data version was made: a test checks it
# is still the rule. No row for a year a partner gave nothing.
SUPPORT = "\"status\" = 'received' AND \"kind\" != 'loan'"
GIVEN_IN_YEAR = """
    DELETE FROM "partner_year" WHERE "partner_id" = {row}."partner_id"
        AND "year" = substr({row}."date", 1, 4);
    INSERT INTO "partner_year" ("partner_id", "year", "given_cents")
        SELECT {row}."partner_id", substr({row}."date", 1, 4), sum("amount_cents")
        FROM "contribution" WHERE "partner_id" = {row}."partner_id" AND {support}
        AND "date" BETWEEN substr({row}."date", 1, 4) || '-01-01'
        AND substr({row}."date", 1, 4) || '-12-31'
        HAVING sum("amount_cents") != 0;"""

SCHEMA = [
    """CREATE TABLE "partner_year" ("partner_id" INTEGER NOT NULL, "year" TEXT NOT NULL,
        "given_cents" INTEGER NOT NULL, PRIMARY KEY ("partner_id", "year")) WITHOUT ROWID""",
    'CREATE INDEX "partner_year_given" ON "partner_year" ("year", "given_cents")',
    'CREATE INDEX "partner_last_contact" ON "partner" ("last_contact_on", "sort_name")',
    """CREATE INDEX "partner_quiet" ON "partner"
        ("status", "last_contact_on", "sort_name", "partner_since", "created_at")""",
    'CREATE INDEX "partner_contact_sort" ON "partner" ("contact_sort", "sort_name")',
    """CREATE INDEX "partner_review_due" ON "partner"
        ("partnership_type", "review_due", "sort_name", "status")""",
    'CREATE INDEX "partner_latest_review" ON "partner" ("latest_review_id")',
    """CREATE INDEX "partner_formal" ON "partner"
        ("partnership_type", "status", "latest_review_id", "sort_name")""",
    'CREATE INDEX "review_date" ON "review" ("date")',
    # what "what needs attention" looks for among a million rows: the few follow-ups, and
    # the partners erased (whose gifts are never to be thanked)
    """CREATE INDEX "interaction_follow_up" ON "interaction" ("follow_up")
        WHERE "follow_up" IS NOT NULL""",
    """CREATE INDEX "partner_erased" ON "partner" ("erased_at")
        WHERE "erased_at" IS NOT NULL""",
    # the pledges still to come, by date: the Contributions tab's "overdue" filter
    """CREATE INDEX "contribution_open_by_date" ON "contribution" ("date", "date_expected")
        WHERE "status" = 'pledged' AND "outstanding_cents" > 0""",
]


def _triggers(alike: bool = True) -> dict[str, str]:
    """Each trigger's name and SQL; `alike`: the first contact as version 12 chooses it."""
    made = {}
    for table, column, _kind, value in ON_PARTNER:
        if value is FIRST_CONTACT and not alike:
            value = FIRST_CONTACT_V11
        for event, rows in EVENTS.items():
            updates = "".join(f"""
                UPDATE "partner" SET "{column}" = {value.format(partner=f'{row}."partner_id"')}
                WHERE "id" = {row}."partner_id";""" for row in rows)
            made[f"partner_{column}_{event.lower()}"] = \
                f'AFTER {event} ON "{table}" BEGIN {updates} END'
    for event, rows in EVENTS.items():
        steps = "".join(GIVEN_IN_YEAR.format(row=row, support=SUPPORT) for row in rows)
        made[f"partner_year_{event.lower()}"] = \
            f'AFTER {event} ON "contribution" BEGIN {steps} END'
    return made


def drop_triggers(database: pw.SqliteDatabase) -> None:
    """Taken off around every migration step (a step that rebuilds a table would trip on
    them), like the history's."""
    for name in _triggers():
        database.execute_sql(f'DROP TRIGGER IF EXISTS "{name}"')


def make_triggers(database: pw.SqliteDatabase) -> None:
    """Made again after every step, once the file keeps these values (data version 11), as
    the file's version made them."""
    def made(name: str) -> bool:
        return database.execute_sql(
            "SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None

    if made("partner_year"):
        for name, sql in _triggers(alike=made("contact_person_first")).items():
            database.execute_sql(f'CREATE TRIGGER "{name}" {sql}')


def v11_kept_values(database: pw.SqliteDatabase) -> None:
    for _table, column, kind, _value in ON_PARTNER:
        database.execute_sql(f'ALTER TABLE "partner" ADD COLUMN "{column}" {kind}')
    database.execute_sql('UPDATE "partner" SET ' + ", ".join(
        f'"{column}" = {value.format(partner=EVERY_PARTNER)}'
        for _table, column, _kind, value in ON_PARTNER))
    for sql in SCHEMA:
        database.execute_sql(sql)
    database.execute_sql(f"""
        INSERT INTO "partner_year" ("partner_id", "year", "given_cents")
        SELECT "partner_id", substr("date", 1, 4), sum("amount_cents") FROM "contribution"
        WHERE {SUPPORT} GROUP BY "partner_id", substr("date", 1, 4)
        HAVING sum("amount_cents") != 0""")


def v12_first_contact_alike(database: pw.SqliteDatabase) -> None:
    # the triggers are made again after the step, with the new order (migrations.run_step)
    database.execute_sql(CONTACT_ORDER_INDEX)
    database.execute_sql('UPDATE "partner" SET "contact_sort" = '
                         + FIRST_CONTACT.format(partner=EVERY_PARTNER))
