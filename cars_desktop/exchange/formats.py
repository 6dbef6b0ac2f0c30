"""What the columns of a file mean: the donation platforms' own exports are recognised by their
headers; any other file gets a mapping guessed from its header names (English or French),
which the volunteer can correct."""

from __future__ import annotations

import re

from cars_desktop.core.text import fold
from cars_desktop.exchange.platforms import HEADERLESS, Format, recognise
from cars_desktop.i18n import N_

# What a column can be imported as, with the words shown to the volunteer.
FIELDS = {
    "": N_("— not imported —"),
    "partner_name": N_("Partner (organisation or person)"),
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "company": N_("Company or organisation"),
    "email": N_("Email"),
    "phone": N_("Phone"),
    "address_line1": N_("Address"),
    "address_line2": N_("Address, second line"),
    "city": N_("Town or city"),
    "province": N_("Province"),
    "postal_code": N_("Postal code"),
    "country": N_("Country"),
    "date": N_("Date"),
    "amount": N_("Amount"),
    "reference": N_("Reference (transaction or cheque number)"),
    "purpose": N_("For (project, fund or campaign)"),
    "kind": N_("Kind of contribution"),
    "description": N_("What was given (gift in kind)"),
    "notes": N_("Notes or message"),
    "currency": N_("Currency"),
    "status": N_("Status (only completed rows are imported)"),
    "partner_uuid": N_("Partner ID (from CARS Desktop)"),
    "uuid": N_("Contribution ID (from CARS Desktop)"),
    "family": N_("Cash or gift in kind"),
    "language": N_("Language for letters (English or French)"),
    "payment_method": N_("Payment method"),
    "fee": N_("Platform fee"),
    "receipt": N_("Receipt number given by the platform"),
    "in_honour_of": N_("In honour of"),
    "in_memory_of": N_("In memory of"),
    "hours": N_("Hours given"),
    "thanked_on": N_("Thanked on (date)"),
    "contact": N_("Contact person"),
}

# What a platform's or a bank's own columns say, read by `exchange.meaning`: offered for a
# recognised file's columns only
PLATFORM_FIELDS = {
    "transaction_type": N_("Type of line (payment, refund, conversion…)"),
    "refers_to": N_("The transaction it refers to"),
    "net": N_("Net amount, after fees"),
    "balance_impact": N_("Credit or debit"),
    "voided": N_("Receipt voided"),
    "voided_on": N_("Date the receipt was voided"),
    "voided_why": N_("Why the receipt was voided"),
    "source": N_("Where the gift came from"),
    "match": N_("The company's matching amount"),
    "fee_more": N_("Another fee"),
    "reason": N_("Reason (donation, match, volunteer reward)"),
    "refunded": N_("Amount refunded"),
    "converted": N_("Amount in Canadian dollars"),
    "converted_currency": N_("Currency it was converted to"),
    "converted_refunded": N_("Amount refunded, in Canadian dollars"),
    "card_name": N_("Name on the card"),
    "eligible": N_("Amount eligible for a receipt"),
    "bank_text": N_("The bank's description"),
    "sender": N_("Sender"),
    "withdrawal": N_("Money out"),
    "balance": N_("Balance"),
    "tribute": N_("Tribute (in honour or in memory of)"),
    "original_amount": N_("Amount in the currency it was given in"),
}


# header words (folded, English and French) -> field, for any other file
_GUESSES = (
    (("first name", "firstname", "prenom", "given name"), "first_name"),
    (("last name", "lastname", "surname", "nom de famille", "family name"), "last_name"),
    (("company", "organisation", "organization", "organisme", "entreprise", "employer",
      "employeur"), "company"),
    (("partner", "partenaire", "donor", "donateur", "donatrice", "name", "nom"),
     "partner_name"),
    (("email", "e mail", "courriel", "adresse courriel", "adresse e mail"), "email"),
    (("phone", "telephone", "tel"), "phone"),
    (("postal", "code postal", "zip"), "postal_code"),
    (("address", "adresse", "street", "rue"), "address_line1"),
    (("city", "town", "ville", "municipalite"), "city"),
    (("province", "state", "prov"), "province"),
    (("country", "pays"), "country"),
    (("date",), "date"),
    (("amount", "amt", "montant", "total", "somme", "value", "valeur", "gift amount"),
     "amount"),
    (("reference", "ref", "transaction", "cheque", "receipt", "recu", "numero"),
     "reference"),
    (("fund", "fonds", "purpose", "campaign", "campagne", "project", "projet", "for",
      "pour", "destination"), "purpose"),
    (("description", "what was given", "item", "article"), "description"),
    (("note", "notes", "memo", "message", "comment", "commentaire", "remarque"), "notes"),
    (("hours", "heures", "hours given", "heures donnees"), "hours"),
    (("thanked on", "remercie le", "date of thanks"), "thanked_on"),
    (("contact person", "personne contact", "personne-ressource", "contact"), "contact"),
    (("fee", "frais", "commission"), "fee"),
    (("currency", "devise", "monnaie"), "currency"),
    (("language", "langue", "lang", "preferred language", "langue preferee",
      "langue de correspondance"), "language"),
    (("payment method", "method", "payment", "payment type", "mode de paiement",
      "moyen de paiement", "paiement", "type de paiement", "mode de versement"),
     "payment_method"),
    (("kind", "type", "genre"), "kind"),
)

# What a file may write for a language or a way of paying, beside the app's own words
_LANGUAGE_WORDS = {"en": ("en", "e", "eng", "english", "anglais", "a", "ang"),
                   "fr": ("fr", "f", "fra", "fre", "french", "francais", "franc")}
_PAYMENT_WORDS = {
    "cash": ("cash", "comptant", "argent comptant", "especes", "argent"),
    "cheque": ("cheque", "check", "chq", "ch"),
    "etransfer": ("e transfer", "etransfer", "interac", "interac e transfer", "virement",
                  "virement interac", "virement electronique", "e-transfer"),
    "card": ("card", "carte", "credit card", "carte de credit", "debit", "debit card",
             "carte de debit", "visa", "mastercard", "amex", "credit"),
    "online": ("online", "en ligne", "paypal", "canadahelps", "benevity", "website",
               "site web", "online platform", "plateforme en ligne"),
}


def _term_of(text: str, words: dict[str, tuple[str, ...]], vocabulary) -> str | None:
    folded = fold(text).replace("-", " ").replace(".", "").strip()
    for term in vocabulary:
        if folded in (fold(term.en), fold(term.fr), term.code):
            return term.code
    for code, spellings in words.items():
        if folded in spellings:
            return code
    return None


def language_of(text: str) -> str | None:
    """"Français", "F", "French", "fr" → "fr"; None when it says no language we know."""
    from cars_desktop.core.vocab import LANGUAGES

    return _term_of(text, _LANGUAGE_WORDS, LANGUAGES)


def payment_method_of(text: str) -> str | None:
    """"Chèque", "Interac", "Visa", "Comptant" → the app's code; None when unknown."""
    from cars_desktop.core.vocab import PAYMENT_METHODS

    return _term_of(text, _PAYMENT_WORDS, PAYMENT_METHODS)


def mapping_for(headers: list[str], known: Format | None = None) -> list[str]:
    """For each column, the field it is imported as ("" for none)."""
    if known is not None and known.headerless:
        return [known.headerless[n] if n < len(known.headerless) else ""
                for n in range(len(headers))]
    if known is not None:
        return [known.columns.get(fold(header), "") for header in headers]
    taken: set[str] = set()
    found = []
    for header in headers:
        guess = _guess(fold(header))
        if guess in taken:  # one column per field: the first one wins
            guess = ""
        if guess:
            taken.add(guess)
        found.append(guess)
    # beside a first-name column, "Nom" or "Name" is the family name, not the whole name
    if "first_name" in taken and "last_name" not in taken and "partner_name" in found:
        found[found.index("partner_name")] = "last_name"
    return found


def _guess(header: str) -> str:
    if not header:
        return ""
    words = header.replace("_", " ").replace("-", " ").strip()
    for needles, target in _GUESSES:  # a whole header first ("Nom" is a name, not "nom de…")
        if words in needles:
            return target
    for needles, target in _GUESSES:
        if any(needle in words for needle in needles if len(needle) > 3):
            return target
    if "mail" in words:  # "E-mail", "Adresse e-mail"
        return "email"
    return ""


def find_header(rows: list[list[str]]) -> int | None:
    """The header row: a known platform's (after any report title lines), else the first
    row with two or more cells; none for a bank's file of rows only."""
    if headerless_format(rows) is not None:
        from cars_desktop.exchange.reader import NO_HEADER

        return NO_HEADER
    for number, row in enumerate(rows[:60]):
        if recognise([cell.strip() for cell in row]) is not None:
            return number
    for number, row in enumerate(rows[:60]):
        if sum(1 for cell in row if cell.strip()) >= 2:
            return number
    return None


_DATE = re.compile(r"^(\d{1,2}/\d{1,2}/\d{4}|\d{4}[/-]\d{2}[/-]\d{2})$")
_AMOUNT = re.compile(r"^-?\d+([.,]\d{1,2})?$")


def headerless_format(rows: list[list[str]]) -> Format | None:
    """A bank's download with no header row, told by the shape of its first rows: TD's
    date, text, debit, credit, balance; Scotiabank's date, signed amount, "-", type, text;
    Desjardins' account columns with the date fourth."""
    sample = [[cell.strip() for cell in row] for row in rows[:10] if any(c.strip() for c in row)]
    if not sample:
        return None

    def every(test) -> bool:
        return all(test(row) for row in sample)

    def amount(cell: str) -> bool:
        return not cell or bool(_AMOUNT.match(cell))

    shapes = {
        "td": lambda r: len(r) == 5 and _DATE.match(r[0]) and amount(r[2]) and
        amount(r[3]) and bool(r[2] or r[3]) and bool(_AMOUNT.match(r[4] or "x")),
        "scotiabank": lambda r: len(r) == 5 and _DATE.match(r[0]) and
        bool(_AMOUNT.match(r[1])) and r[2] == "-",
        "desjardins": lambda r: len(r) >= 12 and bool(_DATE.match(r[3])) and
        amount(r[10]) and amount(r[11]),
    }
    for known in HEADERLESS:
        if every(shapes[known.code]):
            return known
    return None
