"""Year-end summary letters from the window: one partner's, or one for everyone who gave in a
period, previewed with Print, Save as and "the letters went out" as thank-you letters are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from cars_desktop.i18n import _
from cars_desktop.ui.letters_window import LettersDialog, YearEndDialog, letters_ready, open_letters


def _period(parent: QWidget, partner_name: str | None):
    """The period and language chosen, the group's last fiscal year to start with; None when
    the volunteer cancelled."""
    from cars_desktop.store.profile import fiscal_year_start_month

    if not letters_ready(parent):
        return None
    dialog = YearEndDialog(parent, partner_name, fiscal_year_start_month())
    return dialog.chosen() if dialog.exec() else None


def summary_for_partner(parent: QWidget, partner, on_thanked: Callable[[], None]
                        ) -> LettersDialog | None:
    """The summary of a partner's gifts in a period, previewed, ready to print."""
    from cars_desktop.store.year_end import year_end_letter

    chosen = _period(parent, partner.name)
    if chosen is None:
        return None
    start, end, lang = chosen
    return open_letters(
        parent, lambda: year_end_letter(partner.id, start, end, dt.date.today(), lang),
        _("Year-end summary {name}").format(name=partner.name), on_thanked)


def summaries_for_everyone(parent: QWidget, on_thanked: Callable[[], None]
                           ) -> LettersDialog | None:
    """A summary for every partner who gave in a period, in one PDF, sorted by name."""
    from cars_desktop.store.year_end import year_end_letters

    chosen = _period(parent, None)
    if chosen is None:
        return None
    start, end, lang = chosen
    return open_letters(
        parent, lambda: year_end_letters(start, end, dt.date.today(), lang),
        _("Year-end summaries {start} to {end}").format(start=start.isoformat(),
                                                        end=end.isoformat()), on_thanked)
