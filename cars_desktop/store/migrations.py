"""The schema's history: ordered steps, each run in one transaction with its version bump.

A step is a function of the open Peewee database. Never edit a released step: add a new one.
Foreign keys are switched off around the steps (see `database._migrate`), because rebuilding a
table that has ON DELETE CASCADE children would otherwise silently delete the children."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import peewee as pw

from cars_desktop.core.vocab import DEFAULT_PRACTICES
from cars_desktop.store import kept_values
from cars_desktop.store.schema_v1 import SCHEMA_V1

APPLICATION_ID = 0x43415253  # "CARS": marks a SQLite file as ours

def run_script(database: pw.SqliteDatabase, script: str) -> None:
    # One statement at a time: sqlite3's executescript() would commit behind our back. A
    # trigger holds ";" of its own: a statement ends where SQLite says it is complete.
    statement = ""
    for part in script.split(";"):
        statement += part + ";"
        if sqlite3.complete_statement(statement):
            if statement.strip(" \n;"):
                database.execute_sql(statement)
            statement = ""


def _v1_initial_schema(database: pw.SqliteDatabase) -> None:
    from cars_desktop.store.models import ChecklistPractice

    run_script(database, SCHEMA_V1)
    database.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    for position, (text_en, text_fr) in enumerate(DEFAULT_PRACTICES):
        ChecklistPractice.create(text_en=text_en, text_fr=text_fr, position=position)


def _v2_gift_description(database: pw.SqliteDatabase) -> None:
    # what a gift in kind was ("12 turkeys for the community dinner"), for thank-you letters
    database.execute_sql(
        "ALTER TABLE \"contribution\" ADD COLUMN \"description\" TEXT NOT NULL DEFAULT ''")


def _v3_import_batches(database: pw.SqliteDatabase) -> None:
    # each import is a batch: its records point to it, so that it can be undone
    run_script(database, """
        CREATE TABLE "import_batch" (
            "id" INTEGER NOT NULL PRIMARY KEY,
            "uuid" VARCHAR(255) NOT NULL UNIQUE,
            "created_at" VARCHAR(255) NOT NULL,
            "updated_at" VARCHAR(255) NOT NULL,
            "file_name" VARCHAR(255) NOT NULL,
            "file_format" VARCHAR(255) NOT NULL,
            "partners" INTEGER NOT NULL,
            "contributions" INTEGER NOT NULL,
            "duplicates" INTEGER NOT NULL,
            "errors" INTEGER NOT NULL,
            "filled" TEXT NOT NULL DEFAULT '[]',
            "undone_at" VARCHAR(255));
        ALTER TABLE "partner" ADD COLUMN "import_batch_id" INTEGER
            REFERENCES "import_batch" ("id") ON DELETE SET NULL;
        ALTER TABLE "contribution" ADD COLUMN "import_batch_id" INTEGER
            REFERENCES "import_batch" ("id") ON DELETE SET NULL;
        CREATE INDEX "contribution_import_batch" ON "contribution" ("import_batch_id");
        CREATE INDEX "partner_import_batch" ON "partner" ("import_batch_id");
        CREATE INDEX "partner_email" ON "partner" ("email");
    """)


def _v4_platform_gifts_and_merges(database: pw.SqliteDatabase) -> None:
    # what the platforms tell about a gift (its fee, its currency before conversion, a
    # tribute, the platform's own receipt), the gifts an import reversed (a refund, a voided
    # receipt) so that undoing it brings them back, and partners merged, so that a merge can
    # be undone and the history can say what was merged
    run_script(database, """
        ALTER TABLE "contribution" ADD COLUMN "fee_cents" INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE "contribution" ADD COLUMN "original_currency" TEXT NOT NULL DEFAULT '';
        ALTER TABLE "contribution" ADD COLUMN "original_cents" INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE "contribution" ADD COLUMN "tribute" TEXT NOT NULL DEFAULT '';
        ALTER TABLE "contribution" ADD COLUMN "platform_receipt" TEXT NOT NULL DEFAULT '';
        ALTER TABLE "import_batch" ADD COLUMN "reversed" TEXT NOT NULL DEFAULT '[]';
        CREATE TABLE "partner_merge" (
            "id" INTEGER NOT NULL PRIMARY KEY,
            "uuid" VARCHAR(255) NOT NULL UNIQUE,
            "created_at" VARCHAR(255) NOT NULL,
            "updated_at" VARCHAR(255) NOT NULL,
            "kept_id" INTEGER NOT NULL REFERENCES "partner" ("id") ON DELETE CASCADE,
            "removed_uuid" VARCHAR(255) NOT NULL,
            "removed_name" VARCHAR(255) NOT NULL,
            "record" TEXT NOT NULL DEFAULT '{}',
            "undone_at" VARCHAR(255));
        CREATE INDEX "partner_merge_kept" ON "partner_merge" ("kept_id");
    """)


def _v5_receipts_and_recognition(database: pw.SqliteDatabase) -> None:
    # official donation receipts: each kept as issued, its PDF and that PDF's checksum
    # inside the file, never deleted nor changed (the triggers refuse it; cancelling one
    # only marks it, and a merge may move it to the partner kept); the gifts each covers;
    # the scanned signature they bear; who appraised a gift in kind; how each partner
    # wishes to be thanked in public
    run_script(database, """
        ALTER TABLE "group_profile" ADD COLUMN "signature" BLOB;
        ALTER TABLE "contribution" ADD COLUMN "appraiser" TEXT NOT NULL DEFAULT '';
        ALTER TABLE "partner" ADD COLUMN "recognition" TEXT NOT NULL DEFAULT 'name';
        ALTER TABLE "partner" ADD COLUMN "recognition_wording" TEXT NOT NULL DEFAULT '';
        CREATE TABLE "receipt" (
            "id" INTEGER NOT NULL PRIMARY KEY,
            "uuid" VARCHAR(255) NOT NULL UNIQUE,
            "created_at" VARCHAR(255) NOT NULL,
            "updated_at" VARCHAR(255) NOT NULL,
            "serial" VARCHAR(255) NOT NULL UNIQUE,
            "year" INTEGER NOT NULL,
            "number" INTEGER NOT NULL,
            "kind" VARCHAR(255) NOT NULL,
            "partner_id" INTEGER NOT NULL REFERENCES "partner" ("id") ON DELETE RESTRICT,
            "donor" TEXT NOT NULL,
            "issued_on" DATE NOT NULL,
            "received" VARCHAR(255) NOT NULL,
            "language" VARCHAR(255) NOT NULL,
            "amount_cents" INTEGER NOT NULL,
            "advantage_cents" INTEGER NOT NULL,
            "eligible_cents" INTEGER NOT NULL,
            "replaces_id" INTEGER REFERENCES "receipt" ("id") ON DELETE RESTRICT,
            "pdf" BLOB NOT NULL,
            "sha256" VARCHAR(255) NOT NULL,
            "duplicate_pdf" BLOB NOT NULL,
            "cancelled_on" DATE,
            "cancel_reason" TEXT NOT NULL DEFAULT '');
        CREATE UNIQUE INDEX "receipt_year_number" ON "receipt" ("year", "number");
        CREATE INDEX "receipt_partner" ON "receipt" ("partner_id");
        CREATE TABLE "receipt_gift" (
            "id" INTEGER NOT NULL PRIMARY KEY,
            "uuid" VARCHAR(255) NOT NULL UNIQUE,
            "created_at" VARCHAR(255) NOT NULL,
            "updated_at" VARCHAR(255) NOT NULL,
            "receipt_id" INTEGER NOT NULL REFERENCES "receipt" ("id") ON DELETE RESTRICT,
            "contribution_id" INTEGER NOT NULL
                REFERENCES "contribution" ("id") ON DELETE RESTRICT,
            "amount_cents" INTEGER NOT NULL,
            "advantage_cents" INTEGER NOT NULL,
            "eligible_cents" INTEGER NOT NULL);
        CREATE INDEX "receipt_gift_receipt" ON "receipt_gift" ("receipt_id");
        CREATE INDEX "receipt_gift_contribution" ON "receipt_gift" ("contribution_id");
        CREATE TRIGGER "receipt_never_deleted" BEFORE DELETE ON "receipt"
        BEGIN SELECT RAISE(ABORT, 'an issued receipt is never deleted'); END;
        CREATE TRIGGER "receipt_never_changed" BEFORE UPDATE OF "serial", "year", "number",
            "kind", "donor", "issued_on", "received", "language",
            "amount_cents", "advantage_cents", "eligible_cents", "replaces_id", "pdf",
            "sha256", "duplicate_pdf" ON "receipt"
        BEGIN SELECT RAISE(ABORT, 'an issued receipt is never changed'); END;
        CREATE TRIGGER "receipt_cancelled_for_good" BEFORE UPDATE OF "cancelled_on",
            "cancel_reason" ON "receipt"
            WHEN OLD."cancelled_on" IS NOT NULL AND (NEW."cancelled_on" IS NOT
                OLD."cancelled_on" OR (OLD."cancel_reason" != '' AND NEW."cancel_reason" IS NOT
                OLD."cancel_reason"))
        BEGIN SELECT RAISE(ABORT, 'a cancelled receipt is never changed'); END;
        CREATE TRIGGER "receipt_gift_never_deleted" BEFORE DELETE ON "receipt_gift"
        BEGIN SELECT RAISE(ABORT, 'an issued receipt is never deleted'); END;
        CREATE TRIGGER "receipt_gift_never_changed" BEFORE UPDATE OF "receipt_id",
            "contribution_id", "amount_cents", "advantage_cents", "eligible_cents"
            ON "receipt_gift"
        BEGIN SELECT RAISE(ABORT, 'an issued receipt is never changed'); END;
    """)


def _v6_funds(database: pw.SqliteDatabase) -> None:
    # funds and campaigns ("Hall roof 2026", goal $25,000): a gift may belong to one
    run_script(database, """
        CREATE TABLE "fund" (
            "id" INTEGER NOT NULL PRIMARY KEY,
            "uuid" VARCHAR(255) NOT NULL UNIQUE,
            "created_at" VARCHAR(255) NOT NULL,
            "updated_at" VARCHAR(255) NOT NULL,
            "name" VARCHAR(255) NOT NULL UNIQUE,
            "goal_cents" INTEGER NOT NULL DEFAULT 0,
            "ends_on" DATE,
            "closed" INTEGER NOT NULL DEFAULT 0,
            "notes" TEXT NOT NULL DEFAULT '');
        ALTER TABLE "contribution" ADD COLUMN "fund_id" INTEGER
            REFERENCES "fund" ("id") ON DELETE SET NULL;
        CREATE INDEX "contribution_fund" ON "contribution" ("fund_id");
    """)


def _v7_deposits(database: pw.SqliteDatabase) -> None:
    # a bank deposit: the cheques and cash taken to the bank together, checked against the
    # deposit slip's total, and its gifts found by it
    run_script(database, """
        CREATE TABLE "deposit" (
            "id" INTEGER NOT NULL PRIMARY KEY,
            "uuid" VARCHAR(255) NOT NULL UNIQUE,
            "created_at" VARCHAR(255) NOT NULL,
            "updated_at" VARCHAR(255) NOT NULL,
            "date" DATE NOT NULL,
            "account" VARCHAR(255) NOT NULL DEFAULT '',
            "slip_cents" INTEGER NOT NULL DEFAULT 0,
            "notes" TEXT NOT NULL DEFAULT '');
        ALTER TABLE "contribution" ADD COLUMN "deposit_id" INTEGER
            REFERENCES "deposit" ("id") ON DELETE SET NULL;
        CREATE INDEX "contribution_deposit" ON "contribution" ("deposit_id");
    """)


def _v8_schedules(database: pw.SqliteDatabase) -> None:
    # a pledge paid in instalments, or a gift that comes every month: its payments fall due
    # on their dates, and each received one says which due date it paid
    run_script(database, """
        CREATE TABLE "schedule" (
            "id" INTEGER NOT NULL PRIMARY KEY,
            "uuid" VARCHAR(255) NOT NULL UNIQUE,
            "created_at" VARCHAR(255) NOT NULL,
            "updated_at" VARCHAR(255) NOT NULL,
            "partner_id" INTEGER NOT NULL REFERENCES "partner" ("id") ON DELETE CASCADE,
            "pledge_id" INTEGER REFERENCES "contribution" ("id") ON DELETE CASCADE,
            "frequency" VARCHAR(255) NOT NULL,
            "amount_cents" INTEGER NOT NULL,
            "first_due" DATE NOT NULL,
            "count" INTEGER NOT NULL DEFAULT 0,
            "payment_method" VARCHAR(255) NOT NULL DEFAULT '',
            "ended_on" DATE);
        CREATE INDEX "schedule_partner" ON "schedule" ("partner_id");
        ALTER TABLE "contribution" ADD COLUMN "schedule_id" INTEGER
            REFERENCES "schedule" ("id") ON DELETE SET NULL;
        ALTER TABLE "contribution" ADD COLUMN "due_on" DATE;
        CREATE INDEX "contribution_schedule" ON "contribution" ("schedule_id");
    """)


def _v9_people_names(database: pw.SqliteDatabase) -> None:
    # a person partner's first and last names: lists sort by the last, letters greet by the
    # first; empty for an organisation, and for a person until the volunteer gives them. And
    # the household a person belongs to (a partner of the kind "household")
    run_script(database, """
        ALTER TABLE "partner" ADD COLUMN "first_name" TEXT NOT NULL DEFAULT '';
        ALTER TABLE "partner" ADD COLUMN "last_name" TEXT NOT NULL DEFAULT '';
        ALTER TABLE "partner" ADD COLUMN "household_id" INTEGER
            REFERENCES "partner" ("id") ON DELETE SET NULL;
        CREATE INDEX "partner_household" ON "partner" ("household_id");
    """)


def _v10_history(database: pw.SqliteDatabase) -> None:
    # every change written down by the file itself (who, when, on which laptop, which fields
    # from what to what), for the History panels and the change packs between laptops
    from cars_desktop.store import change_log

    run_script(database, change_log.SCHEMA)
    change_log.first_rows(database)
    change_log.log_existing_rows(database)
    change_log.make_triggers(database)


def run_step(database: pw.SqliteDatabase, step: Callable[[pw.SqliteDatabase], None]) -> None:
    """One step, with the triggers that write changes down and those that keep a partner's
    contacts taken off while it runs (a step that rebuilds a table would trip on them) and
    made again after, for its columns."""
    from cars_desktop.store import change_log

    history = database.execute_sql(
        "SELECT 1 FROM sqlite_master WHERE name = 'change_log'").fetchone()
    if history:
        change_log.drop_triggers(database)
    kept_values.drop_triggers(database)
    step(database)
    if history:
        change_log.make_triggers(database)
    kept_values.make_triggers(database)


Migration = tuple[int, str, Callable[[pw.SqliteDatabase], None]]

MIGRATIONS: list[Migration] = [
    (1, "initial schema with the default maintenance checklist", _v1_initial_schema),
    (2, "what a gift in kind was, for thank-you letters", _v2_gift_description),
    (3, "imports kept as batches that can be undone", _v3_import_batches),
    (4, "platform details of gifts, reversed gifts, merged partners",
     _v4_platform_gifts_and_merges),
    (5, "official donation receipts, and how partners are thanked in public",
     _v5_receipts_and_recognition),
    (6, "funds and campaigns with goals", _v6_funds),
    (7, "bank deposits", _v7_deposits),
    (8, "pledges in instalments and gifts that come every month", _v8_schedules),
    (9, "first and last names for people, and households", _v9_people_names),
    (10, "a history of every change, shared between laptops", _v10_history),
    (11, "each partner's last contact, primary contact, latest review and yearly giving, "
     "for sorting and reminders", kept_values.v11_kept_values),
    (12, "a partner's primary contact chosen alike on every laptop",
     kept_values.v12_first_contact_alike),
]

LATEST_VERSION = MIGRATIONS[-1][0]
