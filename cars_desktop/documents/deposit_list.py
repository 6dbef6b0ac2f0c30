"""A bank deposit's list, to keep with the deposit slip: each cheque and cash gift with its
partner and cheque number, the totals by way of payment, and the slip's own total."""

from __future__ import annotations

import datetime as dt
import os
from xml.sax.saxutils import escape

from reportlab.platypus import Spacer, Table

from cars_desktop.core import vocab
from cars_desktop.core.report_text import format_number, short_date
from cars_desktop.documents.report_kit import ReportMaker, build_pdf
from cars_desktop.documents.scripts import Paragraph, register_script_fonts

WORDS = {
    "en": {"title": "Bank deposit", "of": "Deposit of {date}", "gifts": "Gifts",
           "total": "Total", "slip": "Deposit slip", "partner": "Partner", "way": "Paid by",
           "cheque": "Cheque no.", "amount": "Amount", "number": "No.",
           "by_way": "By way of payment", "differs": "The deposit slip says {slip}: "
           "{gap} apart from the gifts listed.", "account": "Account: {account}",
           "prepared": "Prepared by: ____________________",
           "verified": "Verified by: ____________________"},
    "fr": {"title": "Dépôt bancaire", "of": "Dépôt du {date}", "gifts": "Dons",
           "total": "Total", "slip": "Bordereau de dépôt", "partner": "Partenaire",
           "way": "Payé par", "cheque": "Chèque nº", "amount": "Montant", "number": "Nº",
           "by_way": "Par mode de paiement", "differs": "Le bordereau indique {slip} : "
           "{gap} d'écart avec les dons de la liste.", "account": "Compte : {account}",
           "prepared": "Préparé par : ____________________",
           "verified": "Vérifié par : ____________________"},
}


def write_deposit_list(summary, gifts, head, lang: str, path: str | os.PathLike,
                       today: dt.date) -> int:
    """The list of deposit `summary` (store.deposits.DepositSummary) and its `gifts`, whole
    or not at all; returns the page count."""
    register_script_fonts()
    said = WORDS["fr" if lang == "fr" else "en"]
    maker = ReportMaker(said["title"], head, lang, today)
    money = maker.money
    subtitle = said["of"].format(date=short_date(summary.date, lang))
    if summary.account:
        subtitle += " · " + said["account"].format(account=summary.account)
    story = maker.opening(subtitle)
    figures = [(said["gifts"], format_number(summary.gifts, lang)),
               (said["total"], money(summary.total_cents))]
    if summary.slip_cents:
        figures.append((said["slip"], money(summary.slip_cents)))
    story += [maker.kpis(figures, columns=3), Spacer(1, 8)]
    if not summary.matches:
        story.append(Paragraph(escape(said["differs"].format(
            slip=money(summary.slip_cents),
            gap=money(abs(summary.slip_cents - summary.total_cents)))), maker.body))
    rows = [[format_number(number, lang), gift.partner.name,
             maker.label(vocab.PAYMENT_METHODS, gift.payment_method)
             if gift.payment_method else "—", gift.reference, money(gift.amount_cents)]
            for number, gift in enumerate(gifts, start=1)]
    rows.append(["", said["total"], "", "", money(summary.total_cents)])
    story.append(maker.table([said["number"], said["partner"], said["way"], said["cheque"],
                              said["amount"]], rows,
                             [maker.width * f for f in (0.07, 0.43, 0.18, 0.16, 0.16)],
                             right={0, 4}, total=True))
    by_way: dict[str, list[int]] = {}
    for gift in gifts:
        by_way.setdefault(gift.payment_method, []).append(gift.amount_cents)
    story += maker.section(said["by_way"], maker.table(
        [said["way"], said["gifts"], said["amount"]],
        [[maker.label(vocab.PAYMENT_METHODS, way) if way else "—",
          format_number(len(amounts), lang), money(sum(amounts))]
         for way, amounts in sorted(by_way.items())],
        [maker.width * f for f in (0.4, 0.2, 0.2)], right={1, 2}), whole=True)
    signing = Table([[Paragraph(escape(said["prepared"]), maker.body),
                      Paragraph(escape(said["verified"]), maker.body)]],
                    colWidths=[maker.width / 2] * 2)  # lines to sign, no rules of a table
    story += [Spacer(1, 30), signing]
    return build_pdf(maker, story, path)
