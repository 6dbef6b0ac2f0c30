"""The schema's history: ordered steps, each run in one transaction with its version bump.

A step is a function of the open Peewee database. Never edit a released step: add a new one.
Foreign keys are switched off around the steps (see `database._migrate`), because rebuilding a
table that has ON DELETE CASCADE children would otherwise silently delete the children."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import peewee as pw

from cars_desktop.core.vocab import DEFAULT_PRACTICES

APPLICATION_ID = 0x43415253  # "CARS": marks a SQLite file as ours

SCHEMA_V1 = """
CREATE TABLE "partner" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "uuid" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sort_name" TEXT NOT NULL,
    "search_text" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "partnership_type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "shared_goal" TEXT NOT NULL,
    "strengths" TEXT NOT NULL,
    "address_line1" TEXT NOT NULL,
    "address_line2" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "province" TEXT NOT NULL,
    "postal_code" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "website" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "notes" TEXT NOT NULL,
    "partner_since" DATE,
    "erased_at" TEXT,
    "status_before_archive" TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX "partner_uuid" ON "partner" ("uuid");
CREATE INDEX "partner_sort_name" ON "partner" ("sort_name");
CREATE TABLE "contact_person" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "uuid" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "partner_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "sort_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "salutation" TEXT NOT NULL,
    "is_primary" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    FOREIGN KEY ("partner_id") REFERENCES "partner" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "contact_person_uuid" ON "contact_person" ("uuid");
CREATE INDEX "contact_person_partner_id" ON "contact_person" ("partner_id");
CREATE TABLE "contribution" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "uuid" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "partner_id" INTEGER NOT NULL,
    "contact_id" INTEGER,
    "credited_partner_id" INTEGER,
    "family" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "pledge_id" INTEGER,
    "amount_cents" INTEGER NOT NULL,
    "outstanding_cents" INTEGER NOT NULL,
    "valued_by" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "date_expected" DATE,
    "payment_method" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "advantage_cents" INTEGER NOT NULL,
    "advantage_description" TEXT NOT NULL,
    "appraised" INTEGER NOT NULL,
    "notes" TEXT NOT NULL,
    "thanked_on" DATE,
    "partner_sort" TEXT NOT NULL,
    "search_text" TEXT NOT NULL,
    FOREIGN KEY ("partner_id") REFERENCES "partner" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("contact_id") REFERENCES "contact_person" ("id") ON DELETE SET NULL,
    FOREIGN KEY ("credited_partner_id") REFERENCES "partner" ("id") ON DELETE SET NULL,
    FOREIGN KEY ("pledge_id") REFERENCES "contribution" ("id") ON DELETE SET NULL
);
CREATE UNIQUE INDEX "contribution_uuid" ON "contribution" ("uuid");
CREATE INDEX "contribution_contact_id" ON "contribution" ("contact_id");
CREATE INDEX "contribution_credited_partner_id" ON "contribution" ("credited_partner_id");
CREATE INDEX "contribution_pledge_id" ON "contribution" ("pledge_id");
CREATE INDEX "contribution_reference" ON "contribution" ("reference");
-- One index per column the list sorts by, each ending in the date (the tie-break), so that
-- sorting 100,000 rows reads an index in order instead of sorting.
CREATE INDEX "contribution_date" ON "contribution" ("date");
CREATE INDEX "contribution_partner_sort" ON "contribution" ("partner_sort", "date");
CREATE INDEX "contribution_family_date" ON "contribution" ("family", "date");
CREATE INDEX "contribution_kind_date" ON "contribution" ("kind", "date");
CREATE INDEX "contribution_status_date" ON "contribution" ("status", "date");
CREATE INDEX "contribution_amount_date" ON "contribution" ("amount_cents", "date");
CREATE INDEX "contribution_purpose_date" ON "contribution" ("purpose" COLLATE NOCASE, "date");
CREATE INDEX "contribution_thanked_date" ON "contribution" ("thanked_on", "date");
CREATE INDEX "contribution_not_thanked" ON "contribution" ("status", "thanked_on", "date");
CREATE INDEX "contribution_open_pledges" ON "contribution" ("date_expected")
    WHERE "status" = 'pledged' AND "outstanding_cents" > 0;
-- Search reads this narrow index instead of the wide table.
CREATE INDEX "contribution_search" ON "contribution" ("date", "search_text");
CREATE TABLE "acknowledgement" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "uuid" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "contribution_id" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "method" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    FOREIGN KEY ("contribution_id") REFERENCES "contribution" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "acknowledgement_uuid" ON "acknowledgement" ("uuid");
CREATE INDEX "acknowledgement_contribution_id" ON "acknowledgement" ("contribution_id");
CREATE TABLE "checklist_practice" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "uuid" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "text_en" TEXT NOT NULL,
    "text_fr" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "retired_at" TEXT
);
CREATE UNIQUE INDEX "checklist_practice_uuid" ON "checklist_practice" ("uuid");
CREATE TABLE "group_profile" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "uuid" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address_line1" TEXT NOT NULL,
    "address_line2" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "province" TEXT NOT NULL,
    "postal_code" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "website" TEXT NOT NULL,
    "logo" BLOB,
    "signatory_name" TEXT NOT NULL,
    "signatory_title" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "charity_number" TEXT NOT NULL,
    "fiscal_year_start_month" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "group_profile_uuid" ON "group_profile" ("uuid");
CREATE TABLE "interaction" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "uuid" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "partner_id" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "who" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "follow_up" DATE,
    FOREIGN KEY ("partner_id") REFERENCES "partner" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "interaction_uuid" ON "interaction" ("uuid");
CREATE INDEX "interaction_partner_id" ON "interaction" ("partner_id");
CREATE TABLE "review" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "uuid" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "partner_id" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "next_due" DATE,
    "reviewer" TEXT NOT NULL,
    "notes" TEXT NOT NULL,
    FOREIGN KEY ("partner_id") REFERENCES "partner" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "review_uuid" ON "review" ("uuid");
CREATE INDEX "review_partner_id" ON "review" ("partner_id");
CREATE INDEX "review_partner_date" ON "review" ("partner_id", "date");
CREATE TABLE "review_item" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "uuid" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "review_id" INTEGER NOT NULL,
    "practice_id" INTEGER NOT NULL,
    "mark" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    FOREIGN KEY ("review_id") REFERENCES "review" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("practice_id") REFERENCES "checklist_practice" ("id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "review_item_uuid" ON "review_item" ("uuid");
CREATE UNIQUE INDEX "review_item_review_practice" ON "review_item" ("review_id", "practice_id");
CREATE INDEX "review_item_practice_id" ON "review_item" ("practice_id");
CREATE TABLE "setting" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "uuid" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL
);
CREATE UNIQUE INDEX "setting_uuid" ON "setting" ("uuid");
CREATE UNIQUE INDEX "setting_key" ON "setting" ("key");
CREATE INDEX "partner_status_sort_name" ON "partner" ("status", "sort_name");
CREATE INDEX "contact_person_partner_primary"
    ON "contact_person" ("partner_id", "is_primary" DESC, "position");
CREATE INDEX "contribution_partner_totals"
    ON "contribution" ("partner_id", "status", "date", "amount_cents");
CREATE INDEX "interaction_partner_date" ON "interaction" ("partner_id", "date");
"""


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
]

LATEST_VERSION = MIGRATIONS[-1][0]
