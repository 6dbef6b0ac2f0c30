"""The totals line under the Contributions and Partners lists."""

from __future__ import annotations

from cars_desktop.core import counting
from cars_desktop.core.money import format_money
from cars_desktop.store.contributions import Totals


def totals_text(totals: Totals) -> str:
    """The totals line, counted by the one rule of `core.counting`: loans apart, never inside
    cash received, and gifts in kind given no value said as such rather than as $0.00."""
    parts = [f"Cash received <b>{format_money(totals.cash_received_cents)}</b>"]
    if totals.loans_cents:
        parts.append(f"Loans <b>{format_money(totals.loans_cents)}</b> (to be paid back)")
    unvalued = totals.unvalued_gifts
    if totals.in_kind_cents or not unvalued:
        parts.append(f"In kind <b>{format_money(totals.in_kind_cents)}</b>" + (
            f" and {counting.gift_count(unvalued)} not valued" if unvalued else ""))
    else:
        parts.append(f"<b>{counting.unvalued_words(unvalued).capitalize()}</b>")
    parts += [f"Volunteer time <b>{totals.minutes / 60:,.1f} h</b>",
              f"Pledged, still to come <b>{format_money(totals.pledged_outstanding_cents)}</b>",
              f"Not yet thanked <b>{totals.not_thanked:,}</b>"]
    # each figure stays whole, with its label: the line wraps between figures only
    return " &nbsp;·&nbsp; ".join(part.replace(" ", "&nbsp;") for part in parts)
