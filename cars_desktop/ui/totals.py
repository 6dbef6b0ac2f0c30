"""The totals line under the Contributions and Partners lists."""

from __future__ import annotations

from cars_desktop.core import counting
from cars_desktop.core.money import format_money
from cars_desktop.i18n import _
from cars_desktop.store.contributions import Totals


def totals_text(totals: Totals) -> str:
    """The totals line, counted by the one rule of `core.counting`: loans apart, never inside
    cash received, and gifts in kind given no value said as such rather than as $0.00."""
    parts = [
        _("Cash received <b>{format_money}</b>").format(
            format_money=format_money(totals.cash_received_cents)
        )
    ]
    if totals.loans_cents:
        parts.append(
            _("Loans <b>{format_money}</b> (to be paid back)").format(
                format_money=format_money(totals.loans_cents)
            )
        )
    unvalued = totals.unvalued_gifts
    if totals.in_kind_cents or not unvalued:
        parts.append(
            _("In kind <b>{format_money}</b>").format(
                format_money=format_money(totals.in_kind_cents)
            )
            + (
                _(" and {gift_count} not valued").format(gift_count=counting.gift_count(unvalued))
                if unvalued
                else ""
            )
        )
    else:
        parts.append(f"<b>{counting.unvalued_words(unvalued).capitalize()}</b>")
    parts += [
        _("Volunteer time <b>{value:,.1f} h</b>").format(value=totals.minutes / 60),
        _("Pledged, still to come <b>{format_money}</b>").format(
            format_money=format_money(totals.pledged_outstanding_cents)
        ),
        _("Not yet thanked <b>{not_thanked:,}</b>").format(not_thanked=totals.not_thanked),
    ]
    # each figure stays whole, with its label: the line wraps between figures only
    return " &nbsp;·&nbsp; ".join(part.replace(" ", "&nbsp;") for part in parts)
