"""The whole domain as Peewee models. The table definitions themselves live in the migrations
(`migrations.py`): these classes are how the code reads and writes them.

Every row carries a stable UUID and created/updated timestamps (UTC, ISO text) so that data
can later be merged between laptops. Money is integer cents."""

from __future__ import annotations

import datetime as dt
import uuid

import peewee as pw

from cars_desktop.core.names import partner_sort_name
from cars_desktop.core.text import fold, sort_key
from cars_desktop.i18n import current_language

# Initialised by `database.open_store`; one open data folder per process.
db = pw.SqliteDatabase(None)


def utc_now() -> str:
    # to the microsecond: an edit made in the same second as an import still shows as one
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def new_uuid() -> str:
    return str(uuid.uuid4())


class BaseModel(pw.Model):
    uuid = pw.CharField(unique=True, default=new_uuid)
    created_at = pw.CharField(default=utc_now)
    updated_at = pw.CharField(default=utc_now)

    class Meta:
        database = db
        legacy_table_names = False

    def save(self, *args, **kwargs):
        self.updated_at = utc_now()
        return super().save(*args, **kwargs)


class ImportBatch(BaseModel):
    """One import of a file: what it brought in, so that it can be undone."""
    file_name = pw.CharField()
    file_format = pw.CharField()
    partners = pw.IntegerField(default=0)
    contributions = pw.IntegerField(default=0)
    duplicates = pw.IntegerField(default=0)
    errors = pw.IntegerField(default=0)
    # what the import filled in on partners already known: [partner id, field, value]
    filled = pw.TextField(default="[]")
    # gifts already there the import reversed (refunded, voided): [id, status, cents, when]
    reversed = pw.TextField(default="[]")
    undone_at = pw.CharField(null=True)


class Partner(BaseModel):
    kind = pw.CharField(default="organisation")  # vocab.PARTNER_KINDS
    name = pw.CharField()  # a person's is made from their first and last names
    first_name = pw.TextField(default="")  # a person's; empty for an organisation
    last_name = pw.TextField(default="")
    # what the list sorts by (core.names.partner_sort_name: a person by "last first");
    # search_text adds contacts, city, email
    sort_name = pw.CharField(index=True)
    search_text = pw.TextField(default="")
    sector = pw.CharField()  # vocab.SECTORS
    partnership_type = pw.CharField()  # vocab.PARTNERSHIP_TYPES
    status = pw.CharField(default="active")  # vocab.PARTNER_STATUSES
    shared_goal = pw.TextField(default="")
    strengths = pw.TextField(default="")
    address_line1 = pw.CharField(default="")
    address_line2 = pw.CharField(default="")
    city = pw.CharField(default="")
    province = pw.CharField(default="")
    postal_code = pw.CharField(default="")
    country = pw.CharField(default="Canada")
    phone = pw.CharField(default="")
    email = pw.CharField(default="")
    website = pw.CharField(default="")
    language = pw.CharField(default="en")
    notes = pw.TextField(default="")
    partner_since = pw.DateField(null=True)
    erased_at = pw.CharField(null=True)
    status_before_archive = pw.CharField(default="")  # what "Bring back" returns it to
    import_batch = pw.ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")
    # how it is thanked in public (vocab.RECOGNITIONS), and its own wording for "wording"
    recognition = pw.CharField(default="name")
    recognition_wording = pw.CharField(default="")
    # a person's household (a partner of the kind "household"): letters go to it
    household = pw.ForeignKeyField("self", null=True, on_delete="SET NULL", backref="members")

    def refresh_search_text(self, contacts: list[str]) -> None:
        """`contacts`: the names, emails and phones of its contact people."""
        self.sort_name = partner_sort_name(self.kind, self.name, self.first_name,
                                           self.last_name)
        self.search_text = search_text(self.name, self.city, self.email, self.phone, *contacts)


def search_text(*parts: str) -> str:
    """What search-as-you-type looks in: every part folded, so "lefevre" finds "Lefèvre"."""
    return " | ".join(fold(p) for p in parts if p)


class ContactPerson(BaseModel):
    partner = pw.ForeignKeyField(Partner, backref="contacts", on_delete="CASCADE")
    name = pw.CharField()
    sort_name = pw.CharField(default="")  # core.text.sort_key(name)
    role = pw.CharField(default="")
    phone = pw.CharField(default="")
    email = pw.CharField(default="")
    salutation = pw.CharField(default="")
    is_primary = pw.BooleanField(default=False)
    position = pw.IntegerField(default=0)

    @classmethod
    def in_order(cls) -> tuple:
        """Primary first, then as placed; two laptops may each add one at the same place: the
        name, then the row's uuid, decide alike on every laptop (store.kept_values too)."""
        return cls.is_primary.desc(), cls.position, cls.sort_name, cls.uuid

    @staticmethod
    def order_sql(alias: str) -> str:
        """`in_order` in SQL, for the contact_person table named `alias`."""
        return f"{alias}.is_primary DESC, {alias}.position, {alias}.sort_name, {alias}.uuid"

    def save(self, *args, **kwargs):
        self.sort_name = sort_key(self.name)
        return super().save(*args, **kwargs)


class Fund(BaseModel):
    """A fund or campaign gifts go to ("Hall roof 2026"), with its goal, if any."""
    name = pw.CharField(unique=True)
    goal_cents = pw.IntegerField(default=0)  # 0: no goal
    ends_on = pw.DateField(null=True)  # a campaign's last day
    closed = pw.BooleanField(default=False)  # no longer offered for new gifts
    notes = pw.TextField(default="")


class Deposit(BaseModel):
    """The cheques and cash taken to the bank together, on one deposit slip."""
    date = pw.DateField()
    account = pw.CharField(default="")  # which account, when the group has several
    slip_cents = pw.IntegerField(default=0)  # the slip's total, as written on it
    notes = pw.TextField(default="")


class Contribution(BaseModel):
    partner = pw.ForeignKeyField(Partner, backref="contributions", on_delete="RESTRICT")
    contact = pw.ForeignKeyField(ContactPerson, null=True, on_delete="SET NULL")
    # for employee and matching gifts: the employer who matched, the employee who gave
    credited_partner = pw.ForeignKeyField(Partner, null=True, on_delete="SET NULL",
                                          backref="credited_contributions")
    family = pw.CharField()  # vocab.CONTRIBUTION_FAMILIES
    kind = pw.CharField()  # vocab.CASH_KINDS or vocab.IN_KIND_KINDS
    status = pw.CharField(default="received")  # vocab.CONTRIBUTION_STATUSES
    # a received contribution that fulfils (part of) a pledge points to it
    pledge = pw.ForeignKeyField("self", null=True, on_delete="SET NULL", backref="fulfilments")
    amount_cents = pw.IntegerField(default=0)  # cash amount, or in-kind estimated value
    # a pledge's amount not yet received; kept by contributions.save_contribution
    outstanding_cents = pw.IntegerField(default=0)
    valued_by = pw.CharField(default="")
    description = pw.CharField(default="")  # what a gift in kind was, in the letter's words
    minutes = pw.IntegerField(default=0)  # time given, for labour and volunteer programs
    date = pw.DateField()  # when received; for a pledge, when promised
    date_expected = pw.DateField(null=True)  # for a pledge
    payment_method = pw.CharField(default="")  # vocab.PAYMENT_METHODS
    reference = pw.CharField(default="", index=True)
    purpose = pw.CharField(default="")
    advantage_cents = pw.IntegerField(default=0)
    advantage_description = pw.CharField(default="")
    appraised = pw.BooleanField(default=False)
    notes = pw.TextField(default="")
    thanked_on = pw.DateField(null=True)  # the first acknowledgement's date, for the lists
    partner_sort = pw.CharField(default="")  # its partner's sort_name, for sorting the list
    search_text = pw.TextField(default="")
    import_batch = pw.ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")
    # what a platform tells about the gift: its fee, the amount in the currency it was
    # given in (amount_cents is the Canadian dollars received), a tribute ("In memory of
    # …"), the platform's own receipt number
    fee_cents = pw.IntegerField(default=0)
    original_currency = pw.CharField(default="")
    original_cents = pw.IntegerField(default=0)
    tribute = pw.CharField(default="")
    platform_receipt = pw.CharField(default="")
    appraiser = pw.CharField(default="")  # who appraised a gift in kind: name and address
    fund = pw.ForeignKeyField(Fund, null=True, on_delete="SET NULL", backref="gifts")
    deposit = pw.ForeignKeyField(Deposit, null=True, on_delete="SET NULL", backref="gifts")
    # a payment of a schedule, and the due date it paid
    schedule = pw.DeferredForeignKey("Schedule", null=True, on_delete="SET NULL")
    due_on = pw.DateField(null=True)


class Schedule(BaseModel):
    """A pledge paid in instalments (`pledge`), or a gift that comes again and again (none):
    `amount_cents` falls due from `first_due` at `frequency`, `count` times (0: until ended)."""
    partner = pw.ForeignKeyField(Partner, backref="schedules", on_delete="CASCADE")
    pledge = pw.ForeignKeyField(Contribution, null=True, on_delete="CASCADE",
                                backref="schedules")
    frequency = pw.CharField()  # core.schedules.FREQUENCIES
    amount_cents = pw.IntegerField()
    first_due = pw.DateField()
    count = pw.IntegerField(default=0)
    payment_method = pw.CharField(default="")
    ended_on = pw.DateField(null=True)


class Acknowledgement(BaseModel):
    contribution = pw.ForeignKeyField(Contribution, backref="acknowledgements",
                                      on_delete="CASCADE")
    date = pw.DateField()
    method = pw.CharField()  # vocab.ACKNOWLEDGEMENT_METHODS
    by = pw.CharField(default="")
    note = pw.TextField(default="")


class ChecklistPractice(BaseModel):
    text_en = pw.CharField()
    text_fr = pw.CharField(default="")
    position = pw.IntegerField(default=0)
    retired_at = pw.CharField(null=True)

    @property
    def text(self) -> str:
        """The wording in the window's language (French when the group gave one)."""
        return self.text_fr if current_language() == "fr" and self.text_fr else self.text_en


class Review(BaseModel):
    partner = pw.ForeignKeyField(Partner, backref="reviews", on_delete="CASCADE")
    date = pw.DateField()
    next_due = pw.DateField(null=True)
    reviewer = pw.CharField(default="")
    notes = pw.TextField(default="")


class ReviewItem(BaseModel):
    review = pw.ForeignKeyField(Review, backref="items", on_delete="CASCADE")
    practice = pw.ForeignKeyField(ChecklistPractice, on_delete="RESTRICT")
    mark = pw.CharField()  # vocab.REVIEW_MARKS
    note = pw.TextField(default="")


class Interaction(BaseModel):
    """One entry of the communication log."""
    partner = pw.ForeignKeyField(Partner, backref="interactions", on_delete="CASCADE")
    date = pw.DateField()
    kind = pw.CharField()  # vocab.INTERACTION_KINDS
    who = pw.CharField(default="")
    summary = pw.TextField(default="")
    follow_up = pw.DateField(null=True)


class GroupProfile(BaseModel):
    """The group itself: one row, used for letterheads and signatures."""
    name = pw.CharField(default="")
    address_line1 = pw.CharField(default="")
    address_line2 = pw.CharField(default="")
    city = pw.CharField(default="")
    province = pw.CharField(default="")
    postal_code = pw.CharField(default="")
    phone = pw.CharField(default="")
    email = pw.CharField(default="")
    website = pw.CharField(default="")
    logo = pw.BlobField(null=True)
    signatory_name = pw.CharField(default="")
    signatory_title = pw.CharField(default="")
    language = pw.CharField(default="en")
    charity_number = pw.CharField(default="")
    fiscal_year_start_month = pw.IntegerField(default=1)
    signature = pw.BlobField(null=True)  # a scanned signature, for official receipts


class PartnerMerge(BaseModel):
    """Two partners made one: `kept` stayed, the other was removed after its records moved.
    `record` (JSON) keeps what is needed to undo it: the removed partner's row and the ids
    of what moved, and the kept partner's fields before the merge."""
    kept = pw.ForeignKeyField(Partner, backref="merges", on_delete="CASCADE")
    removed_uuid = pw.CharField()
    removed_name = pw.CharField()
    record = pw.TextField(default="{}")
    undone_at = pw.CharField(null=True)


class Receipt(BaseModel):
    """An official donation receipt as issued: its PDF and that PDF's SHA-256 are kept, and
    nothing of it changes after (the data file's triggers refuse it). Cancelling one marks
    it cancelled; a replacement points to the receipt it replaces."""
    serial = pw.CharField(unique=True)  # "2026-0001"
    year = pw.IntegerField()
    number = pw.IntegerField()
    kind = pw.CharField()  # "gift", "year" (the year's gifts together), "in_kind"
    partner = pw.ForeignKeyField(Partner, backref="receipts", on_delete="RESTRICT")
    donor = pw.TextField()  # the name and address printed, as printed
    issued_on = pw.DateField()
    received = pw.CharField()  # the day (YYYY-MM-DD) or the year (YYYY) the gifts came
    language = pw.CharField()  # "en", "fr", or "both"
    amount_cents = pw.IntegerField()
    advantage_cents = pw.IntegerField()
    eligible_cents = pw.IntegerField()
    replaces = pw.ForeignKeyField("self", null=True, on_delete="RESTRICT",
                                  backref="replaced_by")
    pdf = pw.BlobField()
    sha256 = pw.CharField()
    duplicate_pdf = pw.BlobField()  # empty: a reprint marks `pdf` (kept by the first version)
    cancelled_on = pw.DateField(null=True)
    cancel_reason = pw.TextField(default="")


class ReceiptGift(BaseModel):
    """One gift on a receipt, with what the receipt counted of it."""
    receipt = pw.ForeignKeyField(Receipt, backref="gifts", on_delete="RESTRICT")
    contribution = pw.ForeignKeyField(Contribution, backref="receipt_gifts",
                                      on_delete="RESTRICT")
    amount_cents = pw.IntegerField()
    advantage_cents = pw.IntegerField()
    eligible_cents = pw.IntegerField()


class Setting(BaseModel):
    key = pw.CharField(unique=True)
    value = pw.TextField(default="")


ALL_MODELS = (ImportBatch, Partner, ContactPerson, Fund, Deposit, Contribution,
              Acknowledgement, ChecklistPractice, Review, ReviewItem, Interaction, GroupProfile,
              PartnerMerge, Receipt, ReceiptGift, Schedule, Setting)
