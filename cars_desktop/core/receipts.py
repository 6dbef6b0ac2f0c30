"""Whether a contribution may ever appear on an official receipt for income tax purposes, with
the reason in plain words. Receipts themselves are issued later; this records what they need.

The rules follow the Canada Revenue Agency's guidance for registered charities: a gift is a
voluntary transfer of property; services, the use of property, sponsorship, loans and
unfulfilled pledges are not gifts; an advantage received reduces the eligible amount, and
none is receipted when the advantage passes 80% of the gift. Only a registered charity issues
official receipts at all."""

from __future__ import annotations

from dataclasses import dataclass

from cars_desktop.core.kinds import kind_of
from cars_desktop.core.money import format_money
from cars_desktop.i18n import N_, _

APPRAISAL_OVER_CENTS = 100_000  # an in-kind gift over $1,000 should be appraised independently

NOT_REGISTERED = (N_("Your group is not a registered charity, so it cannot give official tax "
                  "receipts for any gift. If it is one, tick “Registered charity” in "
                  "File › Group profile."))

@dataclass(frozen=True)
class ReceiptAdvice:
    eligible: bool
    eligible_cents: int
    explanation: str
    reduced: bool = False  # an advantage was taken off: the eligible amount is worth showing

    def sentence(self) -> str:
        """The advice as the contribution form shows it."""
        head = _("May go on a tax receipt") if self.eligible else _("Not for a tax receipt")
        if self.eligible and self.reduced:
            head += f" ({format_money(self.eligible_cents)})"
        return f"{head}: {self.explanation}"


def receipt_advice(kind: str, status: str, amount_cents: int, advantage_cents: int = 0,
                   appraised: bool = False, in_kind: bool = False,
                   registered: bool = True) -> ReceiptAdvice:
    """`registered`: whether the group is a registered charity; when it is not, no gift is
    receipted and the other rules do not matter."""
    if not registered:
        return ReceiptAdvice(False, 0, NOT_REGISTERED)
    if kind_of(kind).not_receiptable:
        return ReceiptAdvice(False, 0, _(kind_of(kind).not_receiptable))
    if status == "pledged":
        return ReceiptAdvice(False, 0, _("A pledge is receipted only once the gift is received."))
    if status == "cancelled":
        return ReceiptAdvice(False, 0, _("A cancelled contribution is never receipted."))
    if advantage_cents > amount_cents * 0.8:
        return ReceiptAdvice(False, 0, _("The partner received an advantage worth more than 80% "
                                       "of the gift, so it cannot be receipted."))
    eligible = amount_cents - advantage_cents
    notes = []
    if advantage_cents:
        notes.append(_("The advantage the partner received is taken off the amount."))
    if kind_of(kind).receipt_note:
        notes.append(_(kind_of(kind).receipt_note))
    if in_kind and amount_cents > APPRAISAL_OVER_CENTS and not appraised:
        notes.append(_("A gift in kind over $1,000 should have an independent appraisal "
                     "before it is receipted."))
    if in_kind:
        notes.insert(0, _("Products can be receipted at their fair market value."))
    return ReceiptAdvice(True, eligible, " ".join(notes) or _("Can be receipted."),
                         reduced=bool(advantage_cents))
