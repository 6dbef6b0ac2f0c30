"""What a total counts: the one rule behind the Contributions tab's totals line, the partner
panel, every report and every export.

Each contribution counts in one place only:

- **cash received**: received cash gifts, loans apart;
- **in kind**: received gifts in kind, at their estimated value, with their hours as
  volunteer time; a gift given no value and no hours is counted as a gift "not valued",
  never as $0.00;
- **loans**: received loans, shown apart ("Loans $X"), never inside cash received or total
  support: they are paid back;
- **pledged**: promises, apart: a pledge counts as support as its payments come in; a loan
  promised is not support promised;
- **cancelled**: nowhere.

`counted_as` says it in Python, `where` in SQL; a test checks that both agree."""

from __future__ import annotations

from cars_desktop.core.kinds import Kind, kind_in, kind_of
from cars_desktop.core.report_text import format_hours
from cars_desktop.core.terms import Term, Vocabulary
from cars_desktop.core.text import format_count
from cars_desktop.i18n import _, current_language, ngettext

COUNTED_AS = Vocabulary(
    Term("cash", "Cash received", "Argent reçu"),
    Term("in_kind", "Gift in kind", "Don en nature"),
    Term("loan", "Loan (apart: to be paid back)", "Prêt (à part : à rembourser)"),
    Term("pledged", "Pledge (apart: not yet received)", "Promesse (à part : pas encore reçue)"),
    Term("loan_pledged", "Loan promised (not counted)", "Prêt promis (non compté)"),
    Term("cancelled", "Cancelled (not counted)", "Annulé (non compté)"),
)


def counted_as(status: str, family: str, kind: str) -> str:
    """Where one contribution counts: a code of `COUNTED_AS`."""
    if status == "cancelled":
        return "cancelled"
    if kind_of(kind).paid_back:
        return "loan" if status == "received" else "loan_pledged"
    if status == "pledged":
        return "pledged"
    return "cash" if family == "cash" else "in_kind"




# {loans} and {not_loans}: the kinds paid back (or not), listed from their trait when asked,
# so that no kind's name is written here and a kind added in `kinds` is counted right
_WHERE = {
    "cash": "{c}.status = 'received' AND {c}.family = 'cash' AND {not_loans}",
    "in_kind": "{c}.status = 'received' AND {c}.family = 'in_kind' AND {not_loans}",
    "loan": "{c}.status = 'received' AND {loans}",
    "pledged": "{c}.status = 'pledged' AND {not_loans}",
    "loan_pledged": "{c}.status = 'pledged' AND {loans}",
    "cancelled": "{c}.status = 'cancelled'",
    # cash received and gifts in kind together: what the community gave
    "support": "{c}.status = 'received' AND {not_loans}",
}
# a gift in kind that says nothing of its worth: neither a value nor hours
_UNVALUED = "{c}.family = 'in_kind' AND {c}.amount_cents = 0 AND {c}.minutes = 0"


def where(place: str, alias: str = "c") -> str:
    """The SQL condition for the contributions counted in `place` (a code of `COUNTED_AS`,
    or "support": cash received and gifts in kind)."""
    return "(" + _WHERE[place].format(c=alias, loans=kind_in(_paid_back, alias),
                                      not_loans=kind_in(_paid_back, alias, negate=True)) + ")"


def _paid_back(kind: Kind) -> bool:
    return kind.paid_back


def unvalued(alias: str = "c") -> str:
    """The SQL condition for a gift in kind given neither a value nor hours."""
    return "(" + _UNVALUED.format(c=alias) + ")"


def is_unvalued(family: str, amount_cents: int, minutes: int) -> bool:
    return family == "in_kind" and not amount_cents and not minutes


# Saying what was given when no value was

def gift_count(count: int) -> str:
    """"1 gift", "2 gifts"."""
    return ngettext("{n} gift", "{n} gifts", count).format(n=format_count(count))


def unvalued_words(count: int, kind: str | None = None) -> str:
    """"1 gift of facilities, not valued", "2 gifts in kind, not valued"."""
    if kind:
        return ngettext("{n} gift of {what}, not valued", "{n} gifts of {what}, not valued",
                        count).format(n=format_count(count), what=_(kind_of(kind).noun or kind))
    return ngettext("{n} gift in kind, not valued", "{n} gifts in kind, not valued",
                    count).format(n=format_count(count))


def hours_words(minutes: int) -> str:
    """"1 hour", "12 hours", "2.3 hours"."""
    hours = format_hours(minutes, current_language())
    return ngettext("{n} hour", "{n} hours", 1 if minutes == 60 else 2).format(n=hours)


def gift_words(family: str, kind: str, amount_cents: int, minutes: int) -> str:
    """One contribution in a few words, saying what was given when no value was: "$500.00",
    "products worth $300.00", "12 hours of labour", "a gift of facilities (not valued)"."""
    from cars_desktop.core.money import format_money

    if kind_of(kind).paid_back:
        return _("a loan of {amount}").format(amount=format_money(amount_cents))
    if family == "cash":
        return format_money(amount_cents)
    noun = _(kind_of(kind).noun or kind)
    if amount_cents:
        worth = _("{what} worth {amount}").format(what=noun, amount=format_money(amount_cents))
        return f"{worth} ({hours_words(minutes)})" if minutes else worth
    if minutes:
        return _("{hours} of {what}").format(hours=hours_words(minutes),
                                             what=_(kind_of(kind).time_noun))
    return _("a gift of {noun} (not valued)").format(noun=noun)
