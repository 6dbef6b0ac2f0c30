"""Whether a contribution may go on an official receipt for income tax purposes, and for how
much, with the reason in plain words.

The rules follow the Canada Revenue Agency's pages for registered charities ("What is a
gift?", "Split-receipting", "What information must be on an official donation receipt"):
a gift is a voluntary transfer of property; services, the use of property, sponsorship,
loans and unfulfilled pledges are not gifts; a gift with no value is not receipted; an
advantage received reduces the eligible amount, unless it is no more than $75 or 10% of the
gift, whichever is less (the de minimis threshold), and no receipt is issued when it passes
80% of the gift. Only a registered charity issues official receipts at all, and a gift a
platform (CanadaHelps, PayPal Giving Fund…) already receipted is not receipted twice."""

from __future__ import annotations

from dataclasses import dataclass

from cars_desktop.core.kinds import kind_of
from cars_desktop.core.money import format_money
from cars_desktop.i18n import N_, _

APPRAISAL_OVER_CENTS = 100_000  # an in-kind gift over $1,000 should be appraised independently
DE_MINIMIS_CENTS = 7_500  # an advantage up to $75 (and 10% of the gift) is not taken off


def advantage_counted(amount_cents: int, advantage_cents: int) -> int:
    """What is taken off the gift for the advantage its giver received: nothing when it is
    no more than $75 or 10% of the gift, whichever is less (the CRA's de minimis rule)."""
    if advantage_cents <= DE_MINIMIS_CENTS and advantage_cents * 10 <= amount_cents:
        return 0
    return advantage_cents

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
        return _("{head}: {explanation}").format(head=head, explanation=self.explanation)


def receipt_advice(kind: str, status: str, amount_cents: int, advantage_cents: int = 0,
                   appraised: bool = False, in_kind: bool = False,
                   registered: bool = True, platform_receipt: str = "",
                   appraiser: str | None = None) -> ReceiptAdvice:
    """`registered`: whether the group is a registered charity; when it is not, no gift is
    receipted and the other rules do not matter. `platform_receipt`: the number of the
    receipt a giving platform already issued for it."""
    if not registered:
        return ReceiptAdvice(False, 0, NOT_REGISTERED)
    if platform_receipt:
        return ReceiptAdvice(False, 0, _("The giving platform already issued its official "
                                       "receipt ({number}): it is not receipted twice.").format(
                                           number=platform_receipt))
    if kind_of(kind).not_receiptable:
        return ReceiptAdvice(False, 0, _(kind_of(kind).not_receiptable))
    if status == "pledged":
        return ReceiptAdvice(False, 0, _("A pledge is receipted only once the gift is received."))
    if status == "cancelled":
        return ReceiptAdvice(False, 0, _("A cancelled contribution is never receipted."))
    if amount_cents <= 0:
        return ReceiptAdvice(False, 0, _("A gift with no value cannot be receipted: give the "
                                       "fair market value of what was given."))
    if advantage_cents * 10 > amount_cents * 8:
        return ReceiptAdvice(False, 0, _("The partner received an advantage worth more than 80% "
                                       "of the gift, so it cannot be receipted."))
    counted = advantage_counted(amount_cents, advantage_cents)
    eligible = amount_cents - counted
    notes = []
    if counted:
        notes.append(_("The advantage the partner received is taken off the amount."))
    elif advantage_cents:
        notes.append(_("The advantage is small enough (no more than $75 and 10% of the gift) "
                     "not to be taken off."))
    if kind_of(kind).receipt_note:
        notes.append(_(kind_of(kind).receipt_note))
    if in_kind and amount_cents > APPRAISAL_OVER_CENTS and not appraised:
        notes.append(_("A gift in kind over $1,000 should have an independent appraisal "
                     "before it is receipted."))
    if in_kind and appraised and appraiser is not None and not appraiser.strip():
        notes.append(_("Name the appraiser, with their address: the receipt gives them."))
    if in_kind:
        notes.insert(0, _("Products can be receipted at their fair market value."))
    return ReceiptAdvice(True, eligible, " ".join(notes) or _("Can be receipted."),
                         reduced=bool(counted))
