"""Thank-you letter texts: the placeholders a template may use, checking a template before it
is saved, and filling it for one letter. Plain text in, plain text out; the PDF is drawn
elsewhere."""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass, field

from cars_desktop.core import vocab
from cars_desktop.core.kinds import EVERY_KIND, kind_of
from cars_desktop.core.money import format_money

ALL_KINDS = frozenset(vocab.LETTER_KINDS.codes())
GIFT_KINDS = frozenset({"cash", "in_kind", "pledge", "time"})
GIFT_LIST = "{gift_list}"  # a paragraph of its own in a year-end summary: the table of gifts


class _GiftTable(str):
    """Where a filled letter draws its table of gifts. Found by identity, never by its text:
    a template's "{{gift_list}}" prints those words, not a table."""


GIFT_TABLE = _GiftTable(GIFT_LIST)


@dataclass(frozen=True)
class Placeholder:
    name: str
    en: str  # what it becomes, shown beside the template editor
    fr: str
    kinds: frozenset[str] = ALL_KINDS

    def label(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


PLACEHOLDERS = (
    Placeholder("salutation", "The greeting: the contact's salutation, or “Dear” and their name",
                "La formule d'appel : celle du contact, ou « Bonjour » et son nom"),
    Placeholder("contact_name", "The contact person's name (or the partner's)",
                "Le nom de la personne-ressource (ou du partenaire)"),
    Placeholder("partner_name", "The partner's name", "Le nom du partenaire"),
    Placeholder("gift", "The gift in words: “your gift of $250.00”, “12 turkeys”…",
                "Le don en mots : « votre don de 250,00 $ », « 12 dindes »…", GIFT_KINDS),
    Placeholder("amount", "The amount, or the estimated value of a gift in kind",
                "Le montant, ou la valeur estimée d'un don en nature", GIFT_KINDS),
    Placeholder("hours", "The time given: “12 hours”", "Le temps donné : « 12 heures »",
                frozenset({"time", "in_kind"})),
    Placeholder("date", "The date it was given or promised, written out",
                "La date du don ou de la promesse, en toutes lettres", GIFT_KINDS),
    Placeholder("expected_date", "When a pledge is expected (empty if not known)",
                "La date prévue d'une promesse (vide si inconnue)", frozenset({"pledge"})),
    Placeholder("purpose", "What it was for: the project, event or campaign",
                "Sa destination : le projet, l'événement ou la campagne", GIFT_KINDS),
    Placeholder("for_purpose", "“ for our Food bank”, or nothing when no purpose was entered",
                "« pour notre Banque alimentaire », ou rien sans destination", GIFT_KINDS),
    Placeholder("period", "The period summarised: “in 2026” or “from … to …”",
                "La période : « en 2026 » ou « du … au … »", frozenset({"year_end"})),
    Placeholder("gift_list", "The table of the gifts (a paragraph of its own)",
                "Le tableau des dons (un paragraphe à lui seul)",
                frozenset({"year_end", "several"})),
    Placeholder("total", "The total of the gifts", "Le total des dons",
                frozenset({"year_end", "several"})),
    Placeholder("gift_count", "How many gifts", "Le nombre de dons",
                frozenset({"year_end", "several"})),
    Placeholder("group_name", "Your group's name", "Le nom de votre groupe"),
    Placeholder("signatory_name", "Who signs the letter", "Le signataire"),
    Placeholder("signatory_title", "The signatory's title", "Le titre du signataire"),
    Placeholder("today", "Today's date, written out", "La date du jour, en toutes lettres"),
)
_BY_NAME = {p.name: p for p in PLACEHOLDERS}


class TemplateError(ValueError):
    """A template that cannot be used; the message says why in plain words."""


def placeholders_for(kind: str) -> list[Placeholder]:
    return [p for p in PLACEHOLDERS if kind in p.kinds]


def check_template(text: str, kind: str) -> None:
    """Raise `TemplateError` for a template that would not print as meant."""
    if not text.strip():
        raise TemplateError("The letter is empty. Write its text, or reset it to the default.")
    try:
        fields = [(name, spec, conv) for _unused, name, spec, conv in string.Formatter().parse(text)
                  if name is not None]
    except ValueError:
        raise TemplateError("A “{” or “}” is not closed. Placeholders look like {partner_name};"
                            " to print a brace itself, type it twice: {{ or }}.") from None
    unknown, elsewhere = [], []
    for name, spec, conversion in fields:
        known = _BY_NAME.get(name)
        if known is None or spec or conversion:
            unknown.append("{" + name + (f"!{conversion}" if conversion else "")
                           + (f":{spec}" if spec else "") + "}")
        elif kind not in known.kinds:
            elsewhere.append("{" + name + "}")
    if unknown:
        raise TemplateError(f"Unknown placeholder {', '.join(dict.fromkeys(unknown))}. "
                            "Use one of those listed beside the text, spelled the same way.")
    if elsewhere:
        raise TemplateError(f"{', '.join(dict.fromkeys(elsewhere))} cannot be used in a "
                            f"{vocab.LETTER_KINDS.label(kind).lower()} letter.")
    if kind in ("year_end", "several") and GIFT_LIST not in paragraphs(text):
        raise TemplateError(f"A {vocab.LETTER_KINDS.label(kind).lower()} letter needs "
                            "{gift_list} on a line of its own, where the table of gifts goes.")


def paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; a single line break stays inside its paragraph."""
    text = text.replace("\r\n", "\n")
    text = re.sub(r"^[ \t]*\{gift_list\}[ \t]*$", "\n" + GIFT_LIST + "\n", text,
                  flags=re.MULTILINE)
    blocks = [block.strip() for block in re.split(r"\n[ \t]*\n", text)]
    return [block for block in blocks if block]


def fill(text: str, values: dict[str, str]) -> list[str]:
    """The letter's paragraphs with every placeholder replaced; `GIFT_TABLE` marks the
    paragraph. The template must have passed `check_template`."""
    filled = []
    for block in paragraphs(text):
        if block == GIFT_LIST:
            filled.append(GIFT_TABLE)
        else:
            filled.append(_one_stop(block, values).format_map(_Values(values)))
    return filled


_STOPPED = re.compile(r"\{(\w+)\}\.")


def _one_stop(block: str, values: dict[str, str]) -> str:
    """A value that ends a sentence itself ("… for Acme Ltd.") takes the place of the text's
    own full stop, instead of printing "Ltd..". """
    return _STOPPED.sub(lambda found: found[0][:-1] if str(values.get(found[1], "")).rstrip()
                        .endswith((".", "!", "?", "…")) else found[0], block)


class _Values(dict):
    def __missing__(self, key: str) -> str:  # a placeholder with nothing to say prints nothing
        return ""


MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
}


def written_date(day: dt.date | None, lang: str) -> str:
    """"November 22, 2026" in English; "22 novembre 2026" and "1er mai 2026" in French."""
    if day is None:
        return ""
    month = MONTHS["fr" if lang == "fr" else "en"][day.month - 1]
    # non-breaking spaces: a date never breaks across two lines
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day}\u00a0{month}\u00a0{day.year}"
    return f"{month}\u00a0{day.day}, {day.year}"


def written_period(start: dt.date, end: dt.date, lang: str) -> str:
    """"in 2026" for a whole calendar year, otherwise "from April 1, 2025 to March 31, 2026"."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"en {start.year}" if lang == "fr" else f"in {start.year}"
    if lang == "fr":
        return f"du {written_date(start, lang)} au {written_date(end, lang)}"
    return f"from {written_date(start, lang)} to {written_date(end, lang)}"


def written_hours(minutes: int, lang: str) -> str:
    """"12 hours", "2.5 hours", "1 hour"; "12 heures", "2,5 heures", "1 heure"."""
    hours = minutes / 60
    number = f"{hours:.2f}".rstrip("0").rstrip(".")
    if lang == "fr":
        return f"{number.replace('.', ',')}\u00a0heure{'s' if hours >= 2 else ''}"
    return f"{number} hour{'' if hours == 1 else 's'}"


_ORDINALS = {
    "en": ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
           "ninth", "tenth", "eleventh", "twelfth"),
    "fr": ("premier", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième",
           "huitième", "neuvième", "dixième", "onzième", "douzième"),
}


def ordinal(number: int, lang: str) -> str:
    """"second", "deuxième"; "21st", "21e" past twelve."""
    words = _ORDINALS["fr" if lang == "fr" else "en"]
    if number <= len(words):
        return words[number - 1]
    if lang == "fr":
        return f"{number}e"
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10, "th")
    return f"{number}{suffix}"


@dataclass(frozen=True)
class Gift:
    """What a letter says about one contribution."""
    kind: str  # vocab.CASH_KINDS or vocab.IN_KIND_KINDS code
    family: str  # "cash" or "in_kind"
    status: str
    amount_cents: int
    minutes: int
    date: dt.date
    description: str = ""
    purpose: str = ""
    expected: dt.date | None = None
    contribution_id: int | None = None
    # a payment received on a pledge: the pledge's amount, which payment this is (1 for
    # the first), and whether it completes the pledge
    pledge_cents: int = 0
    payment_number: int = 0
    final_payment: bool = False

    def letter_kind(self) -> str:
        if self.status == "pledged":
            return "pledge"
        if self.family == "in_kind" and self.minutes and kind_of(self.kind).is_time:
            return "time"
        return "cash" if self.family == "cash" else "in_kind"

    def is_payment(self) -> bool:
        return self.family == "cash" and self.status == "received" and \
            kind_of(self.kind).counts_as_support and self.payment_number > 0 and \
            self.pledge_cents > 0

    def _nth_payment(self, lang: str) -> str:
        """"second", "third and final", or nothing for a pledge paid in one payment."""
        if self.payment_number == 1 and self.final_payment:
            return ""
        nth = ordinal(self.payment_number, lang)
        if self.final_payment:
            nth += " et dernier" if lang == "fr" else " and final"
        return nth

    def in_words(self, lang: str) -> str:
        fr = lang == "fr"
        money = format_money(self.amount_cents, lang)
        hours = written_hours(self.minutes, lang) if self.minutes else ""
        if self.status == "pledged":
            if self.family == "cash":
                return f"votre promesse de don de {money}" if fr else f"your pledge of {money}"
            # a gift in kind is promised as what it is, never as a value
            if self.description:
                what = self.description
            elif hours:
                what = f"{hours} de votre temps" if fr else f"{hours} of your time"
            else:
                what = "un don en nature" if fr else "a gift in kind"
            return f"votre promesse de don ({what})" if fr else f"your pledge of {what}"
        if kind_of(self.kind).paid_back:
            return f"votre prêt de {money}" if fr else f"your loan of {money}"
        if self.is_payment():  # "your second payment of $500.00 on your pledge of $1,000.00"
            nth = self._nth_payment(lang)
            pledge = format_money(self.pledge_cents, lang)
            if fr:
                return f"votre {nth + ' ' if nth else ''}versement de {money} sur votre " \
                       f"promesse de don de {pledge}"
            return f"your {nth + ' ' if nth else ''}payment of {money} on your pledge of {pledge}"
        if self.family == "cash":
            return f"votre don de {money}" if fr else f"your gift of {money}"
        if self.letter_kind() == "time":
            given = f"{hours} de votre temps" if fr else f"{hours} of your time"
            return f"{given} ({self.description})" if self.description else given
        # a gift in kind says what it was, even with no description
        words = kind_of(self.kind).letter_words
        return self.description or (words if words[0] else (
            "your gift in kind", "votre don en nature"))[1 if fr else 0]

    def summary_words(self, lang: str) -> str:
        """One line of a table of gifts: the kind of gift, and what it was for."""
        fr = lang == "fr"
        if self.is_payment():
            nth = self._nth_payment(lang)
            pledge = format_money(self.pledge_cents, lang)
            what = (f"{nth + ' ' if nth else ''}versement sur une promesse de don de {pledge}"
                    if fr else f"{nth + ' ' if nth else ''}payment on a pledge of {pledge}")
            what = what[0].upper() + what[1:]
        elif self.family == "cash":
            what = EVERY_KIND.label(self.kind, lang)
        elif self.letter_kind() == "time":
            what = written_hours(self.minutes, lang)
            if self.description:
                what += f" ({self.description})"
        else:
            what = self.description or EVERY_KIND.label(self.kind, lang)
        return f"{what} — {self.purpose}" if self.purpose else what


_ARTICLES = ("the ", "our ", "your ", "a ", "le ", "la ", "les ", "l'", "l’", "notre ", "nos ",
             "votre ", "un ", "une ")


def for_purpose(purpose: str, lang: str) -> str:
    """" for our Food bank" / " pour notre Banque alimentaire", or nothing without a purpose."""
    if not purpose:
        return ""
    lead = "pour" if lang == "fr" else "for"
    if purpose.lower().startswith(_ARTICLES):
        return f" {lead} {purpose}"
    return f" {lead} {'notre' if lang == 'fr' else 'our'} {purpose}"


def default_salutation(contact_name: str, partner_name: str, is_person: bool, lang: str,
                       first_name: str = "") -> str:
    """The greeting when the contact person has none of their own: a person whose first name
    is known is greeted by it ("Dear Margaret", "Bonjour Margaret")."""
    name = (first_name if is_person else "") or contact_name or \
        (partner_name if is_person else "")
    if lang == "fr":
        # "Madame," or "Monsieur," needs to know which one the person is, and French usage
        # (the OQLF's Banque de dépannage linguistique) advises against adding the surname
        # ("Madame Roy,"). When that is not known, "Bonjour" and the person's full name is the
        # accepted greeting ("Bonjour Margaret" for a person whose first name is known);
        # "Madame, Monsieur," stays for a letter to no one by name.
        return f"Bonjour {name}" if name else "Madame, Monsieur"
    return f"Dear {name}" if name else "Dear friends"


def gift_values(gift: Gift, lang: str) -> dict[str, str]:
    return {
        "gift": gift.in_words(lang),
        "amount": format_money(gift.amount_cents, lang) if gift.amount_cents else "",
        "hours": written_hours(gift.minutes, lang) if gift.minutes else "",
        "date": written_date(gift.date, lang),
        "expected_date": written_date(gift.expected, lang),
        "purpose": gift.purpose,
        "for_purpose": for_purpose(gift.purpose, lang),
    }


NOT_A_RECEIPT = {
    "en": "This letter is not an official receipt for income tax purposes.",
    "fr": "Cette lettre n'est pas un reçu officiel aux fins de l'impôt sur le revenu.",
}
RECEIPT_ENCLOSED = {
    "en": "Your official receipt for income tax purposes ({serials}) is enclosed.",
    "fr": "Votre reçu officiel aux fins de l'impôt sur le revenu ({serials}) est joint.",
}
RECEIPT_FOLLOWS = {
    "en": "Your official receipt for income tax purposes will follow.",
    "fr": "Votre reçu officiel aux fins de l'impôt sur le revenu suivra.",
}
CONTINUED = {"en": "continued", "fr": "suite"}
GIFT_LIST_HEADINGS = {"en": ("Date", "Gift", "Amount"), "fr": ("Date", "Don", "Montant")}
TOTAL_LABEL = {"en": "Total", "fr": "Total"}


@dataclass
class Letter:
    """One letter, ready to draw: who it goes to and what it says."""
    language: str
    kind: str
    address: list[str]  # the recipient's lines, as for an envelope window
    paragraphs: list[str]  # the body, GIFT_TABLE marking where the table of gifts goes
    gifts: list[tuple[str, str, str]] = field(default_factory=list)  # date, gift, amount
    total: str = ""
    total_note: str = ""  # why the total leaves gifts in kind out, when it does
    receipt_note: str = ""  # the official receipt enclosed, or to follow
    contribution_ids: list[int] = field(default_factory=list)
    partner_name: str = ""


def gift_table(gifts: list[Gift], lang: str, show_value: bool
               ) -> tuple[list[tuple[str, str, str]], str, str]:
    """The table of a letter about several gifts: (date, gift, amount) lines, the total, and
    why the total leaves gifts in kind out when it does."""
    lines, total, left_out = [], 0, False
    for gift in gifts:
        counted = gift.family == "cash" or show_value
        amount = format_money(gift.amount_cents, lang) if counted and gift.amount_cents else ""
        if counted:
            total += gift.amount_cents
        else:
            left_out = True
        lines.append((written_date(gift.date, lang), gift.summary_words(lang), amount))
    note = ""
    if left_out:
        note = ("Le total compte les dons en argent; les dons en nature sont indiqués sans "
                "valeur." if lang == "fr" else "The total counts gifts of money; gifts in kind "
                "are listed without a value.")
    return lines, format_money(total, lang), note


def plain_text(letter: Letter) -> str:
    """A filled letter as plain text, its table drawn with spaces: for the editor's preview."""
    blocks = []
    for block in letter.paragraphs:
        if block is GIFT_TABLE:
            rows = [f"    {day:<20} {what:<40} {amount:>12}" for day, what, amount in letter.gifts]
            block = "\n".join([*rows, f"    {'Total':<61} {letter.total:>12}"])
        blocks.append(block)
    return "\n\n".join(blocks)
