"""The tables of the first version of the data file, as created then. Never edited: every
change since is a step of its own in `migrations`."""

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
