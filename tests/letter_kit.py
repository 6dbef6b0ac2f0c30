"""What the letter tests share: the group, partners and gifts of every kind, and making and
reading a batch of letters."""

import datetime as dt
import io

from PIL import Image
from pypdf import PdfReader

from cars_desktop.core import letter_text
from cars_desktop.documents.letters import write_letters
from cars_desktop.store import contributions, letters, partners, profile
from helpers import norm

TODAY = dt.date(2026, 11, 22)
KINDS = ("cash", "in_kind", "pledge", "time", "year_end")
LANGS = ("en", "fr")

GROUP = {
    "name": "Riverbend Community Food Centre", "address_line1": "412 Main Street",
    "address_line2": "PO Box 58", "city": "Riverbend", "province": "MB", "postal_code": "r0g1a0",
    "phone": "204 555 0142", "email": "hello@riverbendfood.ca", "website": "riverbendfood.ca",
    "signatory_name": "Anne Courchesne", "signatory_title": "Chair of the Board",
    "language": "en", "fiscal_year_start_month": 1, "registered_charity": True,
    "charity_number": "123456789rr0001",
}


# Helpers


def page_texts(path) -> list[str]:
    return [norm(page.extract_text()) for page in PdfReader(path).pages]


def set_group(**changes) -> None:
    profile.save_group_profile({**GROUP, **changes})


def org(name="Quincaillerie Lefèvre", contact="Jean Lefèvre", salutation="", language="en",
        **changes) -> int:
    values = {"kind": "organisation", "name": name, "sector": "corporate",
              "partnership_type": "formal", "status": "active", "language": language,
              "address_line1": "75 rue Principale", "city": "Bouctouche", "province": "NB",
              "postal_code": "E4S 3K2", **changes}
    contacts = [{"name": contact, "salutation": salutation}] if contact else []
    return partners.save_partner(values, contacts)


def person(name, language="en", **changes) -> int:
    values = {"kind": "person", "name": name, "sector": "community",
              "partnership_type": "casual", "status": "active", "language": language,
              "address_line1": "12 Elm Road", "city": "Sussex", "province": "NB",
              "postal_code": "E4E 1A1", **changes}
    return partners.save_partner(values, [])


def give(pid, **changes) -> int:
    values = {"partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
              "amount": "1234.56", "date": dt.date(2026, 5, 1), "payment_method": "cheque",
              "purpose": "Food bank", **changes}
    return contributions.save_contribution(values)


def give_kind(pid, kind: str, **changes) -> int:
    """One contribution whose letter is of this kind."""
    extra = {
        "cash": {},
        "in_kind": {"family": "in_kind", "kind": "products", "amount": "1234.56",
                    "description": "12 turkeys", "payment_method": ""},
        "pledge": {"status": "pledged", "payment_method": "",
                   "date_expected": dt.date(2026, 12, 15)},
        "time": {"family": "in_kind", "kind": "service", "amount": "", "hours": "12",
                 "payment_method": ""},
    }[kind]
    return give(pid, **{**extra, **changes})


def make_pdf(batch_letters, path, head=None, today=TODAY, progress=None) -> int:
    return write_letters(batch_letters, head or letters.letterhead(), path, today, progress)


def only(batch) -> letter_text.Letter:
    assert len(batch.letters) == 1, batch
    return batch.letters[0]


def png(width, height) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 60, 90)).save(out, "PNG")
    return out.getvalue()
