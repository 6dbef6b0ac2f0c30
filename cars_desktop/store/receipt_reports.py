"""The numbers of the receipt reports: the receipts issued in a period (with those cancelled
and what replaced them), and the gifts received in a period that have no receipt, with why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cars_desktop.i18n import _
from cars_desktop.store import receipt_journal
from cars_desktop.store.models import Contribution, Partner, Receipt
from cars_desktop.store.receipts import WITHOUT_PDF, on_active_receipt, serials_by_id, why_not


@dataclass
class ReceiptsIssued:
    start: dt.date
    end: dt.date
    # serial, issued on, donor, cancelled on (or None), eligible cents, what it replaces
    rows: list[tuple] = field(default_factory=list)
    eligible_cents: int = 0  # of those still standing
    issued: int = 0
    cancelled: int = 0


def receipts_issued(start: dt.date, end: dt.date) -> ReceiptsIssued:
    found, serials = ReceiptsIssued(start, end), serials_by_id()
    for receipt in (Receipt.select(*WITHOUT_PDF).where(Receipt.issued_on.between(start, end))
                    .order_by(Receipt.year, Receipt.number)):
        replaced = serials.get(receipt.replaces_id, "")
        found.rows.append((receipt.serial, receipt.issued_on, receipt.donor.split("\n")[0],
                           receipt.cancelled_on, receipt.eligible_cents, replaced))
        found.issued += 1
        if receipt.cancelled_on is None:
            found.eligible_cents += receipt.eligible_cents
        else:
            found.cancelled += 1
    return found


@dataclass
class NotReceipted:
    start: dt.date
    end: dt.date
    rows: list[tuple] = field(default_factory=list)  # day, donor, amount cents, why
    amount_cents: int = 0


def gifts_not_receipted(start: dt.date, end: dt.date) -> NotReceipted:
    """Gifts received in the period with no receipt standing: those still to receipt, and
    those that get none, each with its reason."""
    found = NotReceipted(start, end)
    gifts = (Contribution.select().join(Partner, on=(Contribution.partner == Partner.id))
             .where(Contribution.date.between(start, end) & (Contribution.status == "received")
                    & Partner.erased_at.is_null())
             .order_by(Contribution.date, Partner.sort_name))
    lost = receipt_journal.lost_gifts()  # read once
    for gift in gifts:
        if on_active_receipt(gift.id) is not None:
            continue
        reason = why_not(gift, lost=lost) or _("Not receipted yet.")
        found.rows.append((gift.date, gift.partner.name, gift.amount_cents, reason))
        found.amount_cents += gift.amount_cents
    return found
