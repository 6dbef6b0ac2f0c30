"""Every report in one place: what it gathers, how it lays it out and what it asks for.
The command line and the reports window both read `REPORT_KINDS`.

Adding a report: a gatherer in `store/reports.py`, a layout in `report_layouts/`, and one
line in `REPORT_KINDS` below."""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass

from cars_desktop.core.vocab import RECOGNITION_GROUPINGS, Term, Vocabulary
from cars_desktop.i18n import N_

# How the gift list is laid out; each code has its SQL in `store.gift_list.GROUPINGS`
GIFT_GROUPINGS = Vocabulary(
    Term("date", "By date", "Par date"),
    Term("partner", "By partner", "Par partenaire"),
    Term("fund", "By fund or campaign", "Par fonds ou campagne"),
)


@dataclass(frozen=True)
class ReportKind:
    term: Term  # its code, English and French titles, and the hint shown in the window
    # (store.reports module, start, end, partner id, today, grouping) -> the report's numbers
    gather: Callable
    # its module in report_layouts/, whose layout(maker, numbers) gives the story to print;
    # imported only when a report is written, so the command line starts quickly
    layout: str
    help: str  # for the command line's --help
    needs_period: bool = False
    needs_partner: bool = False
    # a statement goes to its partner: in their language unless one is chosen
    partners_language: bool = False
    # the ways it can be grouped, the first the usual one; None: a report of one shape
    groupings: Vocabulary | None = None
    grouping_label: str = N_("&Group names")  # the window's label for the choice


_KINDS = (
    ReportKind(Term("summary", "Contributions summary", "Sommaire des contributions",
                    N_("Cash, gifts in kind and volunteer time in a period, by kind, sector and "
                    "month, with the top partners and the period before")),
               lambda r, start, end, partner, today, by: r.contributions_summary(start, end),
               "summary", N_("contributions summary"), needs_period=True),
    ReportKind(Term("impact", "Community impact", "Impact communautaire",
                    N_("For grant applications: all the support partners gave, by sector, and "
                    "how long partnerships last")),
               lambda r, start, end, partner, today, by: r.impact_report(start, end),
               "impact", N_("community impact"), needs_period=True),
    ReportKind(Term("statement", "Partner statement", "Relevé du partenaire",
                    N_("Every contribution of one partner in a period, with the totals")),
               lambda r, start, end, partner, today, by: r.partner_statement(partner, start, end),
               "statement", N_("one partner's contributions (--partner)"), needs_period=True,
               needs_partner=True, partners_language=True),
    ReportKind(Term("directory", "Partner directory", "Répertoire des partenaires",
                    N_("Active partners with their contact people, phone and email")),
               lambda r, start, end, partner, today, by: r.partner_directory(),
               "directory", N_("active partners and contacts")),
    ReportKind(Term("health", "Partnership health", "Santé des partenariats",
                    N_("The latest checklist review of each formal partner, and what needs "
                    "attention")),
               lambda r, start, end, partner, today, by: r.partnership_health(today),
               "health", N_("partnership health")),
    ReportKind(Term("recognition", "Recognition list", "Liste de reconnaissance",
                    N_("Every partner who gave in a period, named as each chose, by sector or by "
                    "kind of support, without amounts: for a newsletter, the annual general "
                    "meeting or a poster")),
               lambda r, start, end, partner, today, by: r.recognition_list(start, end, by),
               "recognition", N_("partners thanked in public (--by sector or support)"),
               needs_period=True, groupings=RECOGNITION_GROUPINGS),
    ReportKind(Term("receipts", "Receipts issued", "Reçus délivrés",
                    N_("The official receipts issued in a period, those cancelled and what "
                    "replaced them, with the eligible amounts")),
               lambda r, start, end, partner, today, by: r.receipts_issued(start, end),
               "receipts_issued", N_("official receipts issued"), needs_period=True),
    ReportKind(Term("unreceipted", "Gifts not receipted", "Dons sans reçu",
                    N_("The gifts received in a period that have no official receipt, and "
                    "why")),
               lambda r, start, end, partner, today, by: r.gifts_not_receipted(start, end),
               "not_receipted", N_("gifts without an official receipt"), needs_period=True),
    ReportKind(Term("gifts", "Gift list", "Liste des dons",
                    N_("For the treasurer and the board: every gift received in a period, one "
                    "line each, by date, by partner or by fund or campaign, with the totals "
                    "by kind")),
               lambda r, start, end, partner, today, by: r.gift_list(start, end, by),
               "gift_list", N_("every gift received, for the board (--by date, partner or fund)"),
               needs_period=True, groupings=GIFT_GROUPINGS, grouping_label=N_("Li&st gifts")),
)
REPORT_KINDS = {kind.term.code: kind for kind in _KINDS}
REPORTS = Vocabulary(*(kind.term for kind in _KINDS))  # titles, for lists and the PDF's title


def gather_report(name: str, start: dt.date | None, end: dt.date | None,
                  partner_id: int | None, today: dt.date, by: str | None = None):
    """The numbers of report `name`, computed by `store.reports` (the database must be open);
    `by`: one of its `groupings`, by default the first."""
    from cars_desktop.store import reports  # the store is opened by the caller

    kind = REPORT_KINDS[name]
    if kind.groupings is not None and by not in kind.groupings:
        by = kind.groupings.codes()[0]
    return kind.gather(reports, start, end, partner_id, today, by)


def write_report(name: str, data, head, lang: str, path: str | os.PathLike,
                 today: dt.date, progress: Callable[[int, int], bool] | None = None) -> int:
    """Write report `name` (a code of `REPORT_KINDS`) for `data` (what `gather_report` gave)
    to `path`, whole or not at all. `progress(done, total)` is told as the pieces are laid
    out, and may return False to stop (`Cancelled`). Returns the page count."""
    from cars_desktop.documents.report_kit import ReportMaker, build_pdf
    from cars_desktop.documents.scripts import register_script_fonts

    register_script_fonts()
    maker = ReportMaker(REPORTS.label(name, lang), head, lang, today)
    layout = importlib.import_module(
        f"cars_desktop.documents.report_layouts.{REPORT_KINDS[name].layout}").layout
    return build_pdf(maker, layout(maker, data), path, progress)
