"""The thank-you queue in words: from which day "letters for everyone not yet thanked" starts,
and what is said about the contributions it leaves for later. Plain Python; the rule for what
waits in the queue is `store.contributions.awaiting_thanks_sql`."""

from __future__ import annotations

import datetime as dt

from cars_desktop.core.letter_text import written_date
from cars_desktop.core.periods import fiscal_year


def default_since(today: dt.date, fiscal_start_month: int) -> dt.date:
    """The first day of the previous fiscal year: every gift of this fiscal year and the last
    one is thanked; a thank-you for anything older would read oddly, so the volunteer
    chooses an earlier day on purpose."""
    return fiscal_year(today, fiscal_start_month, years_back=1).start


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def _older(gifts: int, pledges: int, since: dt.date) -> tuple[str, str]:
    """("12 older gifts and 1 pledge", "received or promised before April 1, 2025")."""
    day = written_date(since, "en")
    if gifts and pledges:
        return (f"{_count(gifts, 'older gift', 'older gifts')} and "
                f"{_count(pledges, 'pledge', 'pledges')}",
                f"received or promised before {day}")
    if gifts:
        return _count(gifts, "older gift", "older gifts"), f"received before {day}"
    return _count(pledges, "older pledge", "older pledges"), f"promised before {day}"


def left_out_note(older_gifts: int, older_pledges: int, since: dt.date) -> str:
    """Why contributions waiting for thanks are not in the letters, or "" when none is left
    out."""
    if not older_gifts and not older_pledges:
        return ""
    what, when = _older(older_gifts, older_pledges, since)
    one = older_gifts + older_pledges == 1
    return (f"{what} not included: {when}. {'It stays' if one else 'They stay'} in the "
            f"thank-you queue; choose an earlier date to thank {'it' if one else 'them'} too.")


def still_waiting_note(older_gifts: int, older_pledges: int, recent: int,
                       since: dt.date | None) -> str:
    """After a batch for the queue was marked: that the queue is empty, or why each
    contribution still in it was left (older than the batch's first day, or recorded since
    the letters were made)."""
    total = older_gifts + older_pledges + recent
    if not total:
        return "The thank-you queue is now empty."
    why, how = [], ""
    if since and (older_gifts or older_pledges):
        what, when = _older(older_gifts, older_pledges, since)
        why.append(f"{what}, {when}, the “Received since” date")
        how = " with an earlier date"
    if recent:
        why.append(f"{recent:,} recorded or changed after these letters were made")
    one = total == 1
    return (f"{_count(total, 'contribution', 'contributions')} still "
            f"wait{'s' if one else ''} in the thank-you queue: {'; '.join(why)}. Make the "
            f"letters again{how} to thank {'it' if one else 'them'} too.")
