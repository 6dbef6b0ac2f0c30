"""The thank-you queue in words: from which day "letters for everyone not yet thanked" starts,
and what is said about the contributions it leaves for later. Plain Python; the rule for what
waits in the queue is `store.thanks_rule.awaiting_thanks_sql`."""

from __future__ import annotations

import datetime as dt

from cars_desktop.core.letter_text import written_date
from cars_desktop.core.periods import fiscal_year
from cars_desktop.core.text import format_count
from cars_desktop.i18n import _, current_language, ngettext


def default_since(today: dt.date, fiscal_start_month: int) -> dt.date:
    """The first day of the previous fiscal year: every gift of this fiscal year and the last
    one is thanked; a thank-you for anything older would read oddly, so the volunteer
    chooses an earlier day on purpose."""
    return fiscal_year(today, fiscal_start_month, years_back=1).start


def _older(gifts: int, pledges: int, since: dt.date) -> tuple[str, str]:
    """("12 older gifts and 1 pledge", "received or promised before April 1, 2025")."""
    day = written_date(since, current_language())
    older_gifts = ngettext("{n} older gift", "{n} older gifts", gifts).format(
        n=format_count(gifts))
    if gifts and pledges:
        return (_("{gifts} and {pledges}").format(
                    gifts=older_gifts, pledges=ngettext("{n} pledge", "{n} pledges",
                                                        pledges).format(n=format_count(pledges))),
                _("received or promised before {day}").format(day=day))
    if gifts:
        return older_gifts, _("received before {day}").format(day=day)
    return (ngettext("{n} older pledge", "{n} older pledges", pledges).format(
        n=format_count(pledges)), _("promised before {day}").format(day=day))


def left_out_note(older_gifts: int, older_pledges: int, since: dt.date) -> str:
    """Why contributions waiting for thanks are not in the letters, or "" when none is left
    out."""
    if not older_gifts and not older_pledges:
        return ""
    what, when = _older(older_gifts, older_pledges, since)
    return ngettext("{what} not included: {when}. It stays in the thank-you queue; choose an "
                    "earlier date to thank it too.",
                    "{what} not included: {when}. They stay in the thank-you queue; choose an "
                    "earlier date to thank them too.",
                    older_gifts + older_pledges).format(what=what, when=when)


def still_waiting_note(older_gifts: int, older_pledges: int, recent: int,
                       since: dt.date | None) -> str:
    """After a batch for the queue was marked: that the queue is empty, or why each
    contribution still in it was left (older than the batch's first day, or recorded since
    the letters were made)."""
    total = older_gifts + older_pledges + recent
    if not total:
        return _("The thank-you queue is now empty.")
    why = []
    if since and (older_gifts or older_pledges):
        what, when = _older(older_gifts, older_pledges, since)
        why.append(_("{what}, {when}, the “Received since” date").format(what=what, when=when))
    if recent:
        why.append(ngettext("{n} recorded or changed after these letters were made",
                            "{n} recorded or changed after these letters were made",
                            recent).format(n=format_count(recent)))
    waiting = ngettext("{n} contribution still waits in the thank-you queue: {why}.",
                       "{n} contributions still wait in the thank-you queue: {why}.",
                       total).format(n=format_count(total), why="; ".join(why))
    again = (ngettext("Make the letters again with an earlier date to thank it too.",
                      "Make the letters again with an earlier date to thank them too.", total)
             if since and (older_gifts or older_pledges) else
             ngettext("Make the letters again to thank it too.",
                      "Make the letters again to thank them too.", total))
    return f"{waiting} {again}"
