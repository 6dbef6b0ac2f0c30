"""The words and number formats of the reports, in English and French."""

from __future__ import annotations

import datetime as dt

from cars_desktop.core.letter_text import written_date

WORDS = {
    "en": {
        "page": "Page {n} of {total}", "prepared": "Prepared on {date}",
        "nothing": "Nothing was recorded in this period.",
        "cash": "Cash received", "in_kind": "Gifts in kind (value)", "hours": "Volunteer hours",
        "time_value": "Value of volunteer time", "pledged": "Pledged", "to_come": "Still to come",
        "support": "Total community support", "gifts": "Gifts", "givers": "Partners who gave",
        "compared": "Compared with the period before ({period})", "this": "This period",
        "before": "Period before", "change": "Change", "by_kind": "By kind of contribution",
        "kind": "Kind", "value": "Value", "by_sector": "By sector", "sector": "Sector",
        "by_fund": "Funds and campaigns", "fund": "Fund or campaign",
        "in_period": "In the period", "goal": "Goal", "toward_goal": "Received toward it",
        "cash_short": "Cash", "in_kind_short": "In kind", "time_short": "Time",
        "total": "Total", "by_month": "By month", "top": "Top partners",
        "partner": "Partner", "rate_note": "Volunteer time is valued at {rate} an hour, only "
        "where no value was estimated for it; time already given a value counts as a gift in "
        "kind.",
        "loans_note": "Loans received ({amount}) are listed but not counted as support: "
                      "they are paid back.",
        "loans": "Loans (not counted as support)", "subtotal": "Subtotal: {what}",
        "not_valued": "not valued", "as_time": "valued as time",
        "before_records": "The period before starts before the first contribution recorded "
                          "({date}): its figures may be incomplete.",
        "givers_short": "Gave",
        "leverage": "For every dollar of cash, partners gave {amount} more in kind and in time.",
        "no_cash": "No cash was received in this period: all the support came in kind and in "
                   "time.",
        "support_by_sector": "Support by sector", "active": "Partners who gave",
        "matching": "Matching gifts",
        "matching_text": "{count} matching gifts from employers, worth {amount}.",
        "matching_one": "One matching gift from an employer, worth {amount}.",
        "no_matching": "No matching gift was received in this period.",
        "lengths": "How long the partners who gave had been partners", "partners": "Partners",
        "new": "New partners in this period", "since": "Since",
        "no_new": "No new partner joined in this period.",
        "new_count": "{count} new partners ({sectors}).",
        "new_count_one": "One new partner ({sectors}).",
        "new_more": "The {shown} most recent are listed.",
        "date": "Date", "gift": "Gift", "status": "Status", "amount": "Amount",
        "hours_short": "Hours", "statement_for": "Contributions of {name}",
        "contacts": "Contact people", "phone": "Phone", "email": "Email", "type": "Type",
        "no_partners": "There are no active partners yet.",
        "health_intro": "{count} active formal partners; {overdue} of them have a review "
                        "due or never had one.",
        "last_review": "Last review", "next_due": "Next due", "done": "Done",
        "attention": "Needs attention", "na": "N/A", "never": "Never reviewed",
        "overdue": "overdue", "practices": "Practices needing attention",
        "practice": "Practice", "note": "Note", "no_formal": "There are no formal partners yet.",
        "no_attention": "No practice needs attention in the latest reviews.",
        "under_1": "Under 1 year", "1_to_2": "1 to 2 years", "3_to_4": "3 to 4 years",
        "5_to_9": "5 to 9 years", "10_plus": "10 years or more",
        "thanks": "Thank you to our partners",
        "thanks_intro": "{group} thanks the {count} partners who gave money, goods or time "
                        "from {start} to {end}.",
        "thanks_intro_one": "{group} thanks the partner who gave money, goods or time from "
                            "{start} to {end}.",
        "anonymous_more": "… and {count} anonymous partners.",
        "anonymous_more_one": "… and one anonymous partner.",
        "anonymous_all": "{count} partners, who wish to remain anonymous.",
        "anonymous_all_one": "One partner, who wishes to remain anonymous.",
        "closing": "Thank you for being part of the solution.",
        "receipt": "Receipt", "issued_on": "Issued", "donor": "Donor",
        "eligible": "Eligible amount", "receipt_note": "Note",
        "cancelled_on": "cancelled on {date}", "replaces": "replaces {serial}",
        "receipts_figures": "Receipts issued", "receipts_cancelled": "Cancelled",
        "receipts_total": "Eligible amount of the receipts standing",
        "no_receipts": "No official receipt was issued in this period.",
        "why": "Why", "not_receipted_total": "Gifts without a receipt",
        "all_receipted": "Every gift received in this period has its official receipt.",
        "no_one": "No partner to thank in public for this period.",
    },
    "fr": {
        "page": "Page {n} de {total}", "prepared": "Préparé le {date}",
        "nothing": "Rien n'a été inscrit pendant cette période.",
        "cash": "Argent reçu", "in_kind": "Dons en nature (valeur)",
        "hours": "Heures de bénévolat", "time_value": "Valeur du temps donné",
        "pledged": "Promis", "to_come": "À venir", "support": "Appui communautaire total",
        "gifts": "Dons", "givers": "Partenaires donateurs",
        "compared": "Comparaison avec la période précédente ({period})",
        "this": "Cette période", "before": "Période précédente", "change": "Écart",
        "by_kind": "Par type de contribution", "kind": "Type", "value": "Valeur",
        "by_sector": "Par secteur", "sector": "Secteur", "cash_short": "Argent",
        "by_fund": "Fonds et campagnes", "fund": "Fonds ou campagne",
        "in_period": "Dans la période", "goal": "Objectif", "toward_goal": "Reçu en tout",
        "in_kind_short": "En nature", "time_short": "Temps", "total": "Total",
        "by_month": "Par mois", "top": "Principaux partenaires", "partner": "Partenaire",
        "rate_note": "Le temps bénévole est évalué à {rate} l'heure, seulement lorsqu'aucune "
                     "valeur n'a été estimée; le temps déjà évalué compte comme don en nature.",
        "loans_note": "Les prêts reçus ({amount}) figurent au relevé, mais ne comptent pas "
                      "dans l'appui\u00a0: ils sont remboursés.",
        "loans": "Prêts (hors appui)", "subtotal": "Sous-total\u00a0: {what}",
        "not_valued": "non évalué", "as_time": "évalué en temps",
        "before_records": "La période précédente commence avant la première contribution "
                          "inscrite ({date})\u00a0: ses chiffres peuvent être incomplets.",
        "givers_short": "Donateurs",
        "leverage": "Pour chaque dollar reçu en argent, les partenaires ont donné {amount} de "
                    "plus en nature et en temps.",
        "no_cash": "Aucun don en argent pendant cette période\u00a0: tout l'appui est venu "
                   "en nature et en temps.",
        "support_by_sector": "Appui par secteur", "active": "Partenaires donateurs",
        "matching": "Dons jumelés",
        "matching_text": "{count} dons jumelés par des employeurs, d'une valeur de {amount}.",
        "matching_one": "Un don jumelé par un employeur, d'une valeur de {amount}.",
        "no_matching": "Aucun don jumelé pendant cette période.",
        "lengths": "Depuis combien de temps les donateurs sont partenaires",
        "partners": "Partenaires",
        "new": "Nouveaux partenaires pendant cette période", "since": "Depuis",
        "no_new": "Aucun nouveau partenaire pendant cette période.",
        "new_count": "{count} nouveaux partenaires ({sectors}).",
        "new_count_one": "Un nouveau partenaire ({sectors}).",
        "new_more": "Les {shown} plus récents sont nommés.",
        "date": "Date", "gift": "Don", "status": "Statut", "amount": "Montant",
        "hours_short": "Heures", "statement_for": "Contributions de {name}",
        "contacts": "Personnes-ressources", "phone": "Téléphone", "email": "Courriel",
        "type": "Type", "no_partners": "Il n'y a pas encore de partenaire actif.",
        "health_intro": "{count} partenaires formels actifs; {overdue} d'entre eux ont une "
                        "revue à faire ou n'en ont jamais eu.",
        "last_review": "Dernière revue", "next_due": "Prochaine", "done": "Fait",
        "attention": "À surveiller", "na": "S. O.", "never": "Jamais revu",
        "overdue": "en retard", "practices": "Pratiques à surveiller", "practice": "Pratique",
        "note": "Note", "no_formal": "Il n'y a pas encore de partenaire formel.",
        "no_attention": "Aucune pratique n'est à surveiller dans les dernières revues.",
        "under_1": "Moins d'un an", "1_to_2": "1 à 2 ans", "3_to_4": "3 à 4 ans",
        "5_to_9": "5 à 9 ans", "10_plus": "10 ans ou plus",
        "thanks": "Merci à nos partenaires",
        "thanks_intro": "{group} remercie les {count} partenaires qui ont donné de l'argent, "
                        "des biens ou de leur temps du {start} au {end}.",
        "thanks_intro_one": "{group} remercie le partenaire qui a donné de l'argent, des biens "
                            "ou de son temps du {start} au {end}.",
        "anonymous_more": "… et {count} partenaires anonymes.",
        "anonymous_more_one": "… et un partenaire anonyme.",
        "anonymous_all": "{count} partenaires, qui souhaitent garder l'anonymat.",
        "anonymous_all_one": "Un partenaire, qui souhaite garder l'anonymat.",
        "closing": "Merci de faire partie de la solution.",
        "receipt": "Reçu", "issued_on": "Délivré le", "donor": "Donateur",
        "eligible": "Montant admissible", "receipt_note": "Note",
        "cancelled_on": "annulé le {date}", "replaces": "remplace {serial}",
        "receipts_figures": "Reçus délivrés", "receipts_cancelled": "Annulés",
        "receipts_total": "Montant admissible des reçus en vigueur",
        "no_receipts": "Aucun reçu officiel délivré pendant cette période.",
        "why": "Pourquoi", "not_receipted_total": "Dons sans reçu",
        "all_receipted": "Chaque don reçu pendant cette période a son reçu officiel.",
        "no_one": "Aucun partenaire à remercier publiquement pour cette période.",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS["fr" if lang == "fr" else "en"]


def period_title(start: dt.date, end: dt.date, lang: str) -> str:
    """"January 1, 2026 – December 31, 2026"; "1er janvier 2026 – 31 décembre 2026"."""
    if start == end:
        return written_date(start, lang)
    return f"{written_date(start, lang)} – {written_date(end, lang)}"


SHORT_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."),
}


def month_label(day: dt.date, lang: str) -> str:
    """A chart's month: "Jan" or "janv."."""
    return SHORT_MONTHS["fr" if lang == "fr" else "en"][day.month - 1]


def short_date(day: dt.date | None, lang: str) -> str:
    """A date in a table's narrow column: "Sep 12, 2026" or "12 sept. 2026"."""
    if day is None:
        return ""
    month = month_label(day, lang)
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day}\u00a0{month}\u00a0{day.year}"
    return f"{month}\u00a0{day.day}, {day.year}"


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """"1,234.5" in English, "1 234,5" in French."""
    text = f"{value:,.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def format_hours(minutes: int, lang: str) -> str:
    return format_number(minutes / 60, lang, 1 if minutes % 60 else 0)


def unvalued_text(count: int, lang: str, beside_amount: bool = False) -> str:
    """Gifts in kind given neither a value nor hours, said rather than shown as $0.00:
    "2 gifts, not valued"; beside an amount, "+ 2 not valued"."""
    number = format_number(count, lang)
    if lang == "fr":
        valued = "non évalué" if count == 1 else "non évalués"
        gifts = "don" if count == 1 else "dons"
    else:
        valued, gifts = "not valued", "gift" if count == 1 else "gifts"
    return f"+ {number} {valued}" if beside_amount else f"{number} {gifts}, {valued}"


def format_change(now: int, before: int, lang: str) -> str:
    """"+12%", "−5%", or "new" when there was nothing before."""
    if before == 0:
        return "—" if now == 0 else ("nouveau" if lang == "fr" else "new")
    percent = round((now - before) * 100 / before)
    sign = "+" if percent > 0 else "−" if percent < 0 else ""
    return f"{sign}{format_number(abs(percent), lang)}\u00a0%" if lang == "fr" else \
        f"{sign}{abs(percent):,}%"
