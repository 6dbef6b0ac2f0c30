"""Each kind of contribution, declared once with its label and its traits. Every rule about
kinds asks a trait (`kind_of(code).counts_as_support`); the SQL that counts them is built from
the traits too (`codes_with`, `kind_in`). Adding a kind is one line below."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cars_desktop.core.terms import Term, Vocabulary
from cars_desktop.i18n import N_

CASH, IN_KIND = "cash", "in_kind"  # the two families


@dataclass(frozen=True)
class Kind:
    term: Term  # its code and labels
    family: str  # CASH or IN_KIND
    # False for a loan: it is paid back, so it is counted apart, never inside support, gets
    # its own letter and is never a payment on a pledge
    counts_as_support: bool = True
    is_time: bool = False  # a gift of time: its hours are kept, and it gets the time letter
    credits_partner: bool = False  # another partner may be credited (employer, matcher)
    matches_gifts: bool = False  # a company matching others' gifts: impact counts it apart
    can_be_appraised: bool = False  # property whose value an appraisal may state
    not_receiptable: str = ""  # why it can never go on a tax receipt; "" when it can
    receipt_note: str = ""  # what to know when it is receipted
    noun: str = ""  # a gift in kind of … ("a gift of facilities, not valued")
    time_noun: str = "time given"  # 12 hours of …
    letter_words: tuple[str, str] = ("", "")  # what a letter calls it, English and French,
    # when no description says what it was

    @property
    def code(self) -> str:
        return self.term.code

    @property
    def paid_back(self) -> bool:
        return not self.counts_as_support



KINDS: tuple[Kind, ...] = (
    Kind(Term("one_time", "One-time gift", "Don ponctuel"), CASH),
    Kind(Term("annual", "Annual renewable gift", "Don annuel renouvelable"), CASH),
    Kind(
        Term("employee", "Employee donations", "Dons des employés"),
        CASH,
        credits_partner=True,
        receipt_note=N_("Each employee is receipted for their own part, not the employer."),
    ),
    Kind(
        Term("matching", "Matching gift", "Don jumelé"),
        CASH,
        credits_partner=True,
        matches_gifts=True,
        receipt_note=N_("The company that matched is receipted for its own gift."),
    ),
    Kind(
        Term("loan", "Loan", "Prêt"),
        CASH,
        counts_as_support=False,
        not_receiptable=N_("A loan is paid back, so it is not a gift."),
    ),
    Kind(
        Term("sponsorship", "Event sponsorship", "Commandite d'événement"),
        CASH,
        not_receiptable=N_("Sponsorship buys the sponsor advertising, so it is not a gift."),
    ),
    Kind(
        Term("cause_marketing", "Cause-related marketing", "Marketing social"),
        CASH,
        not_receiptable=N_(
            "Cause-related marketing is a business expense of the partner, not a gift."
        ),
    ),
    Kind(
        Term("products", "Products", "Produits"),
        IN_KIND,
        can_be_appraised=True,
        noun=N_("products"),
        letter_words=("your gift of products", "votre don de produits"),
    ),
    Kind(
        Term("service", "Service / labour", "Services / main-d'œuvre"),
        IN_KIND,
        is_time=True,
        noun=N_("service"),
        time_noun=N_("labour"),
        not_receiptable=N_(
            "Services and labour are not property, so they cannot be receipted "
            "(the giver can be paid and give the money back instead)."
        ),
        letter_words=("your work", "votre travail"),
    ),
    Kind(
        Term("facilities", "Facilities", "Locaux"),
        IN_KIND,
        noun=N_("facilities"),
        not_receiptable=N_("The use of a space is a service, so it cannot be receipted."),
        letter_words=("the use of your facilities", "le prêt de vos locaux"),
    ),
    Kind(
        Term(
            "volunteer_program", "Employee volunteer program", "Programme de bénévolat d'employés"
        ),
        IN_KIND,
        is_time=True,
        noun=N_("employee volunteering"),
        time_noun=N_("employee volunteering"),
        not_receiptable=N_("Volunteer time is a service, so it cannot be receipted."),
        letter_words=("your employees' volunteer time", "le bénévolat de vos employés"),
    ),
    Kind(
        Term("advice", "Advice / counsel", "Conseils"),
        IN_KIND,
        noun=N_("advice"),
        time_noun=N_("advice"),
        not_receiptable=N_("Advice is a service, so it cannot be receipted."),
        letter_words=("your advice", "vos conseils"),
    ),
    Kind(
        Term("bulk_ordering", "Bulk ordering", "Achats groupés"),
        IN_KIND,
        noun=N_("bulk ordering"),
        not_receiptable=N_("A discount on purchases is not a gift of property."),
        letter_words=("your help with bulk ordering", "votre aide pour nos achats groupés"),
    ),
    Kind(
        Term("name_use", "Use of the partner's name", "Utilisation du nom du partenaire"),
        IN_KIND,
        noun=N_("the use of their name"),
        not_receiptable=N_("The use of a name is not a gift of property."),
        letter_words=("the use of your name", "l'utilisation de votre nom"),
    ),
)

_BY_CODE = {kind.code: kind for kind in KINDS}
# a code the data holds but no longer declared: counted as support, no special rule
_UNKNOWN_CASH = Kind(Term("", "", ""), CASH)

CASH_KINDS = Vocabulary(*(kind.term for kind in KINDS if kind.family == CASH))
IN_KIND_KINDS = Vocabulary(*(kind.term for kind in KINDS if kind.family == IN_KIND))
EVERY_KIND = Vocabulary(*(kind.term for kind in KINDS))  # labels, whatever the family


def of_family(family: str | None) -> Vocabulary:
    """The kinds a contribution of this family may be: cash kinds or gifts in kind."""
    return CASH_KINDS if family == CASH else IN_KIND_KINDS


def kind_of(code: str | None) -> Kind:
    """The kind with this code (an unknown code has no special trait)."""
    return _BY_CODE.get(code or "", _UNKNOWN_CASH)


def codes_with(trait: Callable[[Kind], bool]) -> list[str]:
    """The codes of the kinds that have a trait: `codes_with(lambda k: k.paid_back)`."""
    return [kind.code for kind in KINDS if trait(kind)]


def kind_in(trait: Callable[[Kind], bool], alias: str = "c", negate: bool = False) -> str:
    """An SQL condition on the contribution `alias`: its kind has the trait (or, with `negate`,
    has it not: a code no longer declared counts as not having it)."""
    codes = codes_with(trait)
    if len(codes) == 1:  # as plain as the condition written by hand, for the query planner
        return f"{alias}.kind {'!=' if negate else '='} '{codes[0]}'"
    listed = ", ".join(f"'{code}'" for code in codes)
    return f"{alias}.kind {'NOT IN' if negate else 'IN'} ({listed})"
