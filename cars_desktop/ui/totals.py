"""The totals line under the Contributions and Partners lists."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from cars_desktop.core import counting
from cars_desktop.core.money import format_money
from cars_desktop.core.report_text import format_number
from cars_desktop.core.text import format_count
from cars_desktop.i18n import _, current_language
from cars_desktop.store.contributions import Totals


def totals_text(totals: Totals) -> str:
    """The totals line, counted by the one rule of `core.counting`: loans apart, never inside
    cash received, and gifts in kind given no value said as such rather than as $0.00."""
    parts = [_("Cash received <b>{amount}</b>").format(
        amount=format_money(totals.cash_received_cents))]
    if totals.loans_cents:
        parts.append(_("Loans <b>{amount}</b> (to be paid back)").format(
            amount=format_money(totals.loans_cents)))
    unvalued = totals.unvalued_gifts
    if totals.in_kind_cents or not unvalued:
        in_kind = format_money(totals.in_kind_cents)
        parts.append(_("In kind <b>{amount}</b> and {gifts} not valued").format(
            amount=in_kind, gifts=counting.gift_count(unvalued)) if unvalued else
            _("In kind <b>{amount}</b>").format(amount=in_kind))
    else:
        parts.append(f"<b>{counting.unvalued_words(unvalued).capitalize()}</b>")
    parts += [
        _("Volunteer time <b>{hours} h</b>").format(
            hours=format_number(totals.minutes / 60, current_language(), 1)),
        _("Pledged, still to come <b>{amount}</b>").format(
            amount=format_money(totals.pledged_outstanding_cents)),
        _("Not yet thanked <b>{n}</b>").format(n=format_count(totals.not_thanked)),
    ]
    # each figure stays whole, with its label: the line wraps between figures only
    return " &nbsp;·&nbsp; ".join(part.replace(" ", "&nbsp;") for part in parts)


def totals_label() -> QLabel:
    """The line under a list that says what it adds up to (our own markup: amounts, bold)."""
    label = QLabel()
    label.setObjectName("totals")
    label.setWordWrap(True)
    label.setStyleSheet("QLabel { padding: 6px; background: palette(alternate-base);"
                        " border: 1px solid palette(mid); border-radius: 3px; }")
    return label
