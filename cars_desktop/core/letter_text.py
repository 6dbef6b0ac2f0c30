"""Thank-you letter texts: the placeholders a template may use, checking a template before it
is saved, and filling it for one letter. Plain text in, plain text out; the PDF is drawn
elsewhere."""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass, field

from cars_desktop.core import vocab
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
        fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text)
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
            filled.append(block.format_map(_Values(values)))
    return filled


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

    def letter_kind(self) -> str:
        if self.status == "pledged":
            return "pledge"
        if self.family == "in_kind" and self.minutes and (
                self.kind == "volunteer_program" or not self.description):
            return "time"
        return "cash" if self.family == "cash" else "in_kind"

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
        if self.kind == "loan":
            return f"votre prêt de {money}" if fr else f"your loan of {money}"
        if self.family == "cash":
            return f"votre don de {money}" if fr else f"your gift of {money}"
        if self.letter_kind() == "time" and hours:
            given = f"{hours} de votre temps" if fr else f"{hours} of your time"
            return f"{given} ({self.description})" if self.description else given
        if self.description:
            return self.description
        return "votre don en nature" if fr else "your gift in kind"


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


def default_salutation(contact_name: str, partner_name: str, is_person: bool, lang: str) -> str:
    """The greeting when the contact person has none of their own."""
    name = contact_name or (partner_name if is_person else "")
    if lang == "fr":  # the formal French greeting, when none was entered for the person
        return "Madame, Monsieur"
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
    contribution_ids: list[int] = field(default_factory=list)
    partner_name: str = ""
