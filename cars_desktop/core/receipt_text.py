"""What an official donation receipt says, in English, in French or in both: every element
section 3501 of the Income Tax Regulations asks for, as the Canada Revenue Agency lists them
("What information must be on an official donation receipt"). Plain data in, plain text
out; the PDF is drawn elsewhere."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cars_desktop.core.letter_text import written_date
from cars_desktop.core.money import format_money

CRA_NAME = {"en": "Canada Revenue Agency", "fr": "Agence du revenu du Canada"}
CRA_WEBSITE = {"en": "canada.ca/charities-giving", "fr": "canada.ca/organismes-bienfaisance-dons"}

WORDS = {
    "title": ("Official receipt for income tax purposes",
              "Reçu officiel aux fins de l'impôt sur le revenu"),
    "serial": ("Receipt No.", "Reçu nº"),
    "registration": ("Charity registration number",
                     "Numéro d'enregistrement de l'organisme de bienfaisance"),
    "issued": ("Date issued", "Date de délivrance"),
    "place": ("Place issued", "Lieu de délivrance"),
    "received_on": ("Date the gift was received", "Date de réception du don"),
    "received_in": ("Year the gifts were received", "Année de réception des dons"),
    "donor": ("Donor", "Donateur"),
    "amount": ("Amount of the gift", "Montant du don"),
    "value": ("Fair market value of the gift", "Juste valeur marchande du don"),
    "advantage": ("Value of the advantage received", "Valeur de l'avantage reçu"),
    "advantage_what": ("Advantage", "Avantage"),
    "eligible": ("Eligible amount of the gift for tax purposes",
                 "Montant admissible du don aux fins de l'impôt"),
    "description": ("Description of the gift", "Description du don"),
    "appraiser": ("Appraised by", "Évalué par"),
    "not_appraised": ("Not appraised independently", "Non évalué par un évaluateur indépendant"),
    "gifts": ("Gifts included", "Dons inclus"),
    "signature": ("Authorized signature", "Signature autorisée"),
    "replaces": ("This receipt cancels and replaces receipt No. {serial}.",
                 "Ce reçu annule et remplace le reçu nº {serial}."),
    "duplicate": ("DUPLICATE", "DUPLICATA"),
    "cra": ("{name}: {website}", "{name} : {website}"),
    "keep": ("Keep this receipt for your income tax return.",
             "Conservez ce reçu pour votre déclaration de revenus."),
}


def said(key: str, lang: str) -> str:
    """The words of `key` in "en" or "fr"; for "both", English then French."""
    english, french = WORDS[key]
    return {"en": english, "fr": french}.get(lang, f"{english} / {french}")


@dataclass(frozen=True)
class ReceiptDoc:
    """Everything one receipt prints."""
    serial: str
    kind: str  # "gift", "year" or "in_kind"
    language: str  # "en", "fr" or "both"
    charity_name: str
    charity_address: list[str]
    registration: str
    place: str
    issued_on: dt.date
    received: str  # "2026-05-01" for one gift, "2026" for a year's gifts
    donor: list[str]  # the donor's name, then the address lines
    amount_cents: int
    advantage_cents: int
    eligible_cents: int
    advantage_description: str = ""
    description: str = ""  # a gift in kind
    appraiser: str = ""  # a gift in kind appraised: its appraiser's name and address
    gifts: list[tuple[str, int]] = field(default_factory=list)  # (day, cents) of a year's
    replaces: str = ""  # the serial this one cancels and replaces
    signatory: str = ""
    signatory_title: str = ""
    signature: bytes | None = None
    logo: bytes | None = None


def money(cents: int, lang: str) -> str:
    if lang == "both":
        return f"{format_money(cents, 'en')} / {format_money(cents, 'fr')}"
    return format_money(cents, lang)


def day(text: str, lang: str) -> str:
    """A received date ("2026-05-01") or year ("2026") as the receipt writes it."""
    if len(text) == 4:
        return text
    date = dt.date.fromisoformat(text)
    if lang == "both":
        return f"{written_date(date, 'en')} / {written_date(date, 'fr')}"
    return written_date(date, lang)


def lines(doc: ReceiptDoc) -> list[tuple[str, str]]:
    """(label, value) for every line of the receipt's table, in order."""
    lang = doc.language
    in_kind = doc.kind == "in_kind"
    rows = [(said("serial", lang), doc.serial),
            (said("registration", lang), doc.registration),
            (said("issued", lang), day(doc.issued_on.isoformat(), lang)),
            (said("place", lang), doc.place),
            (said("received_in" if len(doc.received) == 4 else "received_on", lang),
             day(doc.received, lang)),
            (said("value" if in_kind else "amount", lang), money(doc.amount_cents, lang))]
    if in_kind:
        rows.append((said("description", lang), doc.description))
        rows.append((said("appraiser", lang), doc.appraiser) if doc.appraiser else
                    (said("appraiser", lang), said("not_appraised", lang)))
    if doc.advantage_cents:
        rows.append((said("advantage", lang), money(doc.advantage_cents, lang)))
        if doc.advantage_description:
            rows.append((said("advantage_what", lang), doc.advantage_description))
    rows.append((said("eligible", lang), money(doc.eligible_cents, lang)))
    return rows


def cra_line(lang: str) -> str:
    if lang == "both":
        return " · ".join(cra_line(one) for one in ("en", "fr"))
    return WORDS["cra"][lang == "fr"].format(name=CRA_NAME[lang], website=CRA_WEBSITE[lang])
