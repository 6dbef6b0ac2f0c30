"""What every letter is made of: the group's templates and letter options, the letterhead,
the recipient's address and greeting, and what the letters say about each gift. Thank-you letters
(`store.letters`) and year-end summaries (`store.year_end`) are gathered from these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cars_desktop.core import vocab
from cars_desktop.core.address import town_line
from cars_desktop.core.letter_text import (
    Gift,
    Letter,
    check_template,
    default_salutation,
    written_date,
)
from cars_desktop.resource_files import resource_path
from cars_desktop.store import households, settings
from cars_desktop.store.batches import batches, placeholders
from cars_desktop.store.models import ContactPerson, Contribution, Partner, db
from cars_desktop.store.profile import group_profile

# Templates


def _template(kind: str, lang: str) -> settings.Setting:
    return settings.TEMPLATE.of(kind, lang)


def default_template(kind: str, lang: str) -> str:
    if kind not in vocab.LETTER_KINDS or lang not in vocab.LANGUAGES:
        raise ValueError(f"no letter template {kind}.{lang}")
    return resource_path(f"letters/{kind}.{lang}.txt").read_text(encoding="utf-8")


def template_text(kind: str, lang: str) -> str:
    """The group's own text for this letter, or the default."""
    return settings.get(_template(kind, lang)) or default_template(kind, lang)


def is_changed(kind: str, lang: str) -> bool:
    return bool(settings.get(_template(kind, lang)))


def save_template(kind: str, lang: str, text: str) -> None:
    """Raises `TemplateError` (nothing saved) for a text that would not print as meant."""
    check_template(text, kind)
    same = text.strip() == default_template(kind, lang).strip()
    settings.save({_template(kind, lang): None if same else text})


def reset_template(kind: str, lang: str) -> None:
    settings.save({_template(kind, lang): None})


# Options



@dataclass(frozen=True)
class LetterOptions:
    paper: str = "letter"  # vocab.PAPER_SIZES
    not_a_receipt: bool = False  # print "not an official receipt for income tax purposes"
    in_kind_values: bool = False  # state the estimated value of gifts in kind in summaries


def letter_options() -> LetterOptions:
    paper = settings.get(settings.PAPER)
    return LetterOptions(paper=paper if paper in vocab.PAPER_SIZES else "letter",
                         not_a_receipt=settings.get(settings.NOT_A_RECEIPT),
                         in_kind_values=settings.get(settings.IN_KIND_VALUES))


def save_letter_options(options: LetterOptions) -> None:
    if options.paper not in vocab.PAPER_SIZES:
        raise ValueError(f"unknown paper size {options.paper!r}")
    settings.save({settings.PAPER: options.paper,
                   settings.NOT_A_RECEIPT: options.not_a_receipt,
                   settings.IN_KIND_VALUES: options.in_kind_values})


@dataclass(frozen=True)
class Letterhead:
    """What every letter of a batch shares."""
    name: str
    address: list[str]
    contact_line: str
    logo: bytes | None
    charity_number: str
    signatory_name: str
    signatory_title: str
    options: LetterOptions
    signatory_title_fr: str = ""  # for letters in French, when it differs

    def title_in(self, lang: str) -> str:
        return self.signatory_title_fr if lang == "fr" and self.signatory_title_fr \
            else self.signatory_title


def letterhead() -> Letterhead:
    profile = group_profile()
    town = town_line(profile.city, profile.province, profile.postal_code)
    address = [line for line in (profile.address_line1, profile.address_line2, town) if line]
    contact = " · ".join(part for part in (profile.phone, profile.email, profile.website) if part)
    return Letterhead(profile.name, address, contact, profile.logo or None,
                      profile.charity_number, profile.signatory_name, profile.signatory_title,
                      letter_options(), settings.get(settings.TITLE_FR))


# What each letter says


class LetterProblem(ValueError):
    """Letters that cannot be made, said plainly."""


@dataclass
class Batch:
    letters: list[Letter] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why some contributions have no letter
    no_address: list[str] = field(default_factory=list)  # partners printed without an address
    left_out: list[str] = field(default_factory=list)  # why some of the queue is not here
    from_queue: bool = False  # everyone not yet thanked (since `since`)
    since: dt.date | None = None

    def contribution_ids(self) -> list[int]:
        return [number for letter in self.letters for number in letter.contribution_ids]


def recipient(partner: Partner, contact_id: int | None, lang: str
              ) -> tuple[list[str], str, str]:
    """The envelope lines, the salutation and the contact's name."""
    contact = ContactPerson.get_or_none(ContactPerson.id == contact_id) if contact_id else None
    if contact is None:
        contact = (ContactPerson.select().where(ContactPerson.partner == partner.id)
                   .order_by(*ContactPerson.in_order()).first())
    contact_name = contact.name if contact else ""
    # a household is written to as its people are: by its name, "Dear Bob and Mary"
    is_person = partner.kind in ("person", "household")
    first_name = households.greeting_names(partner, lang) if partner.kind == "household" \
        else partner.first_name
    lines = [partner.name] if is_person or not contact_name else [contact_name, partner.name]
    town = town_line(partner.city, partner.province, partner.postal_code)
    lines += [line for line in (partner.address_line1, partner.address_line2, town) if line]
    if partner.country and partner.country.strip().lower() not in ("canada", ""):
        lines.append(partner.country.upper())
    # the contact's own greeting is in the partner's language; a letter in the other one
    # greets in its own words
    own = contact.salutation if contact and lang == partner.language else ""
    salutation = own or default_salutation(contact_name, partner.name, is_person, lang,
                                           first_name)
    return lines, salutation, contact_name or partner.name


def letter_language(partner: Partner, chosen: str | None) -> str:
    if chosen in vocab.LANGUAGES:
        return chosen
    return partner.language if partner.language in vocab.LANGUAGES else \
        (group_profile().language or "en")


def common_values(partner: Partner, head: Letterhead, salutation: str, contact_name: str,
                  today: dt.date, lang: str) -> dict[str, str]:
    return {"salutation": salutation, "contact_name": contact_name,
            "partner_name": partner.name, "group_name": head.name,
            "signatory_name": head.signatory_name, "signatory_title": head.title_in(lang),
            "today": written_date(today, lang)}


def gifts_of(rows: list[Contribution]) -> dict[int, Gift]:
    """What the letters say about these contributions; a payment on a pledge knows the
    pledge, which payment it is, and takes the pledge's purpose when it has none."""
    pledges = {row.id: row for row in contributions_by_id(
        list({row.pledge_id for row in rows if row.pledge_id and row.status == "received"}))}
    paid: dict[int, list[tuple[int, int]]] = {}
    ids = list(pledges)
    for part in batches(ids):
        for number, pledge, amount in db.execute_sql(
                f"SELECT id, pledge_id, amount_cents FROM contribution WHERE pledge_id IN"
                f" ({placeholders(part)}) AND status = 'received' ORDER BY date, id",
                part):
            paid.setdefault(pledge, []).append((number, amount))
    found = {}
    for row in rows:
        pledge = pledges.get(row.pledge_id) if row.status == "received" else None
        extra = {}
        if pledge is not None:
            payments = paid.get(pledge.id, [])
            place = next((i for i, (number, _unused) in enumerate(payments) if number == row.id), 0)
            so_far = sum(amount for _unused, amount in payments[:place + 1])
            extra = dict(pledge_cents=pledge.amount_cents, payment_number=place + 1,
                         final_payment=so_far >= pledge.amount_cents)
        found[row.id] = Gift(
            kind=row.kind, family=row.family, status=row.status, amount_cents=row.amount_cents,
            minutes=row.minutes, date=row.date, description=row.description,
            purpose=row.purpose or (pledge.purpose if pledge is not None else ""),
            expected=row.date_expected, contribution_id=row.id, **extra)
    return found


def has_address(partner: Partner) -> bool:
    return bool(partner.address_line1 and partner.city)


def contributions_by_id(ids: list[int]) -> list[Contribution]:
    found: list[Contribution] = []
    for part in batches(ids):
        found += list(Contribution.select().where(Contribution.id.in_(part)))
    return found
