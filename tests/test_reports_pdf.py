"""Every report drawn as a PDF in English and French and read back with pypdf: the hand-made
group's numbers as printed, the seeded samples, empty periods, writing whole or not at all."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from pypdf import PdfReader

from cars_desktop.core import vocab
from cars_desktop.documents.reports import write_report
from cars_desktop.store import letters, partners, profile, reports, settings
from cars_desktop.store.reports import (
    Totals,
    previous_period,
)
from helpers import assert_fonts_embedded
from report_books import (
    GROUP,
    LANGS,
    NOTHING,
    PERIODS,
    TITLES,
    TODAY,
    YEAR,
    Book,
    change,
    give,
    hours,
    money,
    number,
    render,
    save_org,
)

# PDFs: the hand-made group in both languages


@pytest.mark.parametrize("lang", LANGS)
def test_summary_pdf(world, tmp_path, lang):
    text = " ".join(render("summary", reports.contributions_summary(*YEAR), lang,
                           tmp_path / "summary.pdf"))
    m = lambda cents: money(cents, lang)  # noqa: E731
    if lang == "en":
        expected = [
            "January 1, 2025 – December 31, 2025",
            f"Cash received {m(367156)}", f"Gifts in kind (value) {m(70000)}",
            "Volunteer hours 17.3", f"Value of volunteer time {m(26517)}",
            f"Total community support {m(463673)}", f"Pledged {m(260000)}",
            f"Still to come {m(185000)}", "Partners who gave 6",
            "Compared with the period before (January 1, 2024 – December 31, 2024)",
            f"Cash received {m(367156)} {m(104200)} +252%",
            f"Gifts in kind (value) {m(70000)} {m(20000)} +250%",
            f"Value of volunteer time {m(26517)} {m(0)} new",
            f"Total community support {m(463673)} {m(124200)} +273%",
            "Volunteer hours 17.3 0 new", "Gifts 11 3 +267%", "Partners who gave 6 2 +200%",
            "The period before starts before the first contribution recorded (June 1, "
            "2024): its figures may be incomplete.",
            f"One-time gift 3 {m(207156)}", f"Annual renewable gift 2 {m(125000)}",
            f"Matching gift 1 {m(25000)}", f"Event sponsorship 1 {m(10000)}",
            f"Subtotal: cash 7 {m(367156)}", f"Service / labour 2 {m(40000)} 15",
            f"Products 1 {m(30000)}",
            "Employee volunteer program 1 valued as time 2.3",  # never "$0.00"
            f"Subtotal: in kind 4 {m(70000)} 17.3",
            f"Loans (not counted as support) 1 {m(500000)}",
            f"Corporate {m(233456)} {m(0)} {m(5017)} {m(238473)}",
            f"Government {m(50000)} {m(0)} {m(21500)} {m(71500)}",
            f"Voluntary {m(0)} {m(70000)} {m(0)} {m(70000)}",
            f"Total {m(367156)} {m(70000)} {m(26517)} {m(463673)}",
            f"Quincaillerie Lefèvre Corporate {m(223456)} {m(0)} {m(5017)}",
            f"Volunteer time is valued at {m(2150)} an hour",
            f"Loans received ({m(500000)}) are listed but not counted as support",
            "Registered charity 123456789 RR 0001",
        ]
    else:
        expected = [
            "1er janvier 2025 – 31 décembre 2025",
            f"Argent reçu {m(367156)}", f"Dons en nature (valeur) {m(70000)}",
            "Heures de bénévolat 17,3", f"Valeur du temps donné {m(26517)}",
            f"Appui communautaire total {m(463673)}", f"Promis {m(260000)}",
            f"À venir {m(185000)}", "Partenaires donateurs 6",
            "Comparaison avec la période précédente (1er janvier 2024 – 31 décembre 2024)",
            f"Argent reçu {m(367156)} {m(104200)} +252 %",
            f"Valeur du temps donné {m(26517)} {m(0)} nouveau",
            "Dons 11 3 +267 %", f"Don ponctuel 3 {m(207156)}",
            f"argent 7 {m(367156)}", f"Services / main-d'œuvre 2 {m(40000)} 15",
            "Programme de bénévolat d'employés 1 évalué en temps 2,3",
            f"en nature 4 {m(70000)} 17,3",
            f"Prêts (hors appui) 1 {m(500000)}",
            f"Entreprise {m(233456)} {m(0)} {m(5017)} {m(238473)}",
            f"Total {m(367156)} {m(70000)} {m(26517)} {m(463673)}",
            f"Le temps bénévole est évalué à {m(2150)} l'heure",
            f"Les prêts reçus ({m(500000)})",
            "Organisme de bienfaisance enregistré 123456789 RR 0001",
        ]
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, (missing, text)
    if lang == "en":  # no amount written the French way, nor the other way round
        assert not re.search(r"\d,\d\d \$", text)
    else:
        assert not re.search(r"\$\d", text)


@pytest.mark.parametrize("lang", LANGS)
def test_impact_pdf(world, tmp_path, lang):
    text = " ".join(render("impact", reports.impact_report(*YEAR), lang, tmp_path / "i.pdf"))
    m = lambda cents: money(cents, lang)  # noqa: E731
    if lang == "en":
        expected = [
            "January 1, 2025 – December 31, 2025",
            f"Total community support {m(463673)}", f"Cash received {m(367156)}",
            "For every dollar of cash, partners gave $0.26 more in kind and in time.",
            f"Voluntary {m(0)} {m(70000)} {m(0)} {m(70000)} 1",
            f"Government {m(50000)} {m(0)} {m(21500)} {m(71500)} 1",
            f"Corporate {m(233456)} {m(0)} {m(5017)} {m(238473)} 2",
            f"Community {m(6000)} {m(0)} {m(0)} {m(6000)} 1",
            f"Public {m(77700)} {m(0)} {m(0)} {m(77700)} 1",
            f"Total {m(367156)} {m(70000)} {m(26517)} {m(463673)} 6",
            "One matching gift from an employer, worth $250.00.",
            "Under 1 year 3", "1 to 2 years 1", "3 to 4 years 0", "5 to 9 years 2",
            "10 years or more 0", "2 new partners (Community 1, Government 1).",
            "Town of Sussex Government Feb 1, 2025", "Emily Wilson Community Feb 14, 2025",
        ]
    else:
        expected = [
            "1er janvier 2025 – 31 décembre 2025",
            f"Appui communautaire total {m(463673)}",
            "Pour chaque dollar reçu en argent, les partenaires ont donné 0,26 $ de plus en "
            "nature et en temps.",
            f"Entreprise {m(233456)} {m(0)} {m(5017)} {m(238473)} 2",
            f"Total {m(367156)} {m(70000)} {m(26517)} {m(463673)} 6",
            "Un don jumelé par un employeur, d'une valeur de 250,00 $.",
            "Moins d'un an 3", "10 ans ou plus 0",
            "2 nouveaux partenaires (Communauté 1, Gouvernement 1).",
            "Town of Sussex Gouvernement 1er févr. 2025",
            "Emily Wilson Communauté 14 févr. 2025",
        ]
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, (missing, text)


@pytest.mark.parametrize("lang", LANGS)
def test_statement_pdf(world, tmp_path, lang):
    data = reports.partner_statement(world.ids["lefevre"], *YEAR)
    text = " ".join(render("statement", data, lang, tmp_path / "s.pdf"))
    m = lambda cents: money(cents, lang)  # noqa: E731
    if lang == "en":
        expected = [
            "January 1, 2025 – December 31, 2025",
            "Quincaillerie Lefèvre 75 rue Principale Bouctouche NB E4S 3K2",
            f"Feb 1, 2025 Annual renewable gift Summer day camp Pledged (still to come "
            f"{m(125000)}) {m(200000)}",
            f"Mar 10, 2025 One-time gift Food bank Received {m(123456)}",
            f"Jun 15, 2025 Matching gift Employee match Received {m(25000)}",
            "Sep 9, 2025 Employee volunteer program Staff at the food drive Received 2.3",
            f"Oct 1, 2025 Annual renewable gift Summer day camp Received {m(75000)}",
            f"Cash received {m(223456)}", f"Gifts in kind (value) {m(0)}",
            f"Value of volunteer time {m(5017)}", f"Total community support {m(228473)}",
            "Volunteer hours 2.3", f"Pledged {m(200000)}", f"Still to come {m(125000)}",
            "Gifts 4", f"Volunteer time is valued at {m(2150)} an hour",
        ]
    else:
        expected = [
            "1er janvier 2025 – 31 décembre 2025",
            f"1er févr. 2025 Don annuel renouvelable Summer day camp Promis (à venir "
            f"{m(125000)}) {m(200000)}",
            f"10 mars 2025 Don ponctuel Food bank Reçu {m(123456)}",
            f"Argent reçu {m(223456)}", "Heures de bénévolat 2,3", f"À venir {m(125000)}",
            f"Valeur du temps donné {m(5017)}", f"Appui communautaire total {m(228473)}",
        ]
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, (missing, text)
    assert "Cancelled" not in text and "Annulé" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_directory_pdf(world, tmp_path, lang):
    text = " ".join(render("directory", reports.partner_directory(), lang, tmp_path / "d.pdf"))
    assert ("November 22, 2026" if lang == "en" else "22 novembre 2026") in text
    order = ["Bibliothèque de Caraquet", "Caisse Roy", "Quincaillerie Lefèvre",
             "St. Andrew's Church", "Town of Sussex", "Youth Council of Sussex"]
    where = [text.index(name) for name in order]
    assert where == sorted(where)
    # the partner with its own phone and email, then its people, primary first, each with
    # the number that reaches them
    sector = "Corporate · Formal" if lang == "en" else "Entreprise · Formel"
    assert (f"Quincaillerie Lefèvre — Bouctouche NB {sector} (506) 555-0100 info@lefevre.ca "
            "Marie Lefèvre (Manager) (506) 555-0102 marie@lefevre.ca "
            "Jean Lefèvre (Owner) (506) 555-0101 jean@lefevre.ca") in text
    assert "St. Andrew's Church — Antigonish NS" in text
    for absent in ("Emily Wilson", "Wilson & Sons", "Zeta", "Pharmacie", "Brûlé",
                   partners.ERASED_NAME):
        assert absent not in text


@pytest.mark.parametrize("lang", LANGS)
def test_health_pdf(world, tmp_path, lang):
    text = " ".join(render("health", reports.partnership_health(TODAY), lang,
                           tmp_path / "h.pdf"))
    steps = world.practices
    if lang == "en":
        expected = [
            "4 active formal partners; 2 of them have a review due or never had one.",
            "Caisse Roy Never reviewed Quincaillerie",
            "Quincaillerie Lefèvre Jun 1, 2026 Dec 1, 2026 9 1 1",
            "Town of Sussex Jan 10, 2026 Jul 10, 2026 (overdue) 9 2 0",
            "Youth Council of Sussex Nov 1, 2026 Nov 22, 2026 11 0 0",
            f"{steps[2].text_en} Quincaillerie Lefèvre Slow to return calls",
            f"{steps[2].text_en} Town of Sussex Decisions made without them",
            f"{steps[5].text_en} Town of Sussex",
        ]
    else:
        expected = [
            "4 partenaires formels actifs; 2 d'entre eux ont une revue à faire ou n'en ont "
            "jamais eu.",
            "Caisse Roy Jamais revu Quincaillerie",
            "Town of Sussex 10 janv. 2026 10 juil. 2026 (en retard) 9 2 0",
            f"{steps[2].text_fr} Quincaillerie Lefèvre Slow to return calls",
        ]
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, (missing, text)
    assert "Wilson & Sons" not in text and "archived" not in text and "old" not in text
    assert "Zeta" not in text and "prospect" not in text
    assert "On a practice retired since" not in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(TITLES))
def test_fonts_are_embedded_and_no_base14_font_is_named(world, tmp_path, name, lang):
    """Every font in every report is the embedded DejaVu: the summary and the impact have
    charts, drawn by ReportLab's graphics, which must not name Helvetica either."""
    data = {"summary": lambda: reports.contributions_summary(*YEAR),
            "impact": lambda: reports.impact_report(*YEAR),
            "statement": lambda: reports.partner_statement(world.ids["lefevre"], *YEAR),
            "directory": reports.partner_directory,
            "health": lambda: reports.partnership_health(TODAY),
            "recognition": lambda: reports.recognition_list(*YEAR, "support")}[name]()
    path = tmp_path / f"{name}.pdf"
    render(name, data, lang, path)
    assert_fonts_embedded(path)


def test_french_subtotals_put_a_space_before_the_colon(world, tmp_path):
    """French puts a (non-breaking) space before a colon, as the report's other French
    sentences do ("ils sont remboursés\u00a0: …")."""
    text = " ".join(render("summary", reports.contributions_summary(*YEAR), "fr",
                           tmp_path / "fr.pdf"))
    assert "dans l'appui : ils sont remboursés" in text
    assert "Sous-total : argent 7 3 671,56 $" in text
    assert "Sous-total : en nature 4 700,00 $ 17,3" in text


def test_user_text_is_printed_as_typed_not_as_markup(store, tmp_path):
    profile.save_group_profile({**GROUP, "name": "Groupe « Les Étoiles » & <Co>"})
    pid = save_org("Bob <b>Bold</b> & Sons", "corporate", partner_since=dt.date(2025, 3, 1),
                   contacts=[{"name": "Nguyễn Thị <Minh>", "role": "A & B"}])
    give(pid, dt.date(2025, 3, 2), 12345, purpose="<i>Camp</i> & more")
    for name, data in (("summary", reports.contributions_summary(*YEAR)),
                       ("statement", reports.partner_statement(pid, *YEAR)),
                       ("directory", reports.partner_directory()),
                       ("impact", reports.impact_report(*YEAR)),
                       ("recognition", reports.recognition_list(*YEAR))):
        path = tmp_path / f"{name}.pdf"
        text = " ".join(render(name, data, "en", path))
        assert "Bob <b>Bold</b> & Sons" in text, name
        if name == "recognition":  # the group's name, in the thanks
            assert "Groupe « Les Étoiles » & <Co> thanks the partner who gave" in text
        if name == "statement":
            assert "<i>Camp</i> & more" in text
        if name == "directory":
            assert "Nguyễn Thị <Minh> (A & B)" in text


def test_a4_paper_and_logo(world, tmp_path):
    head = letters.letterhead()
    head = dataclasses.replace(head, options=dataclasses.replace(head.options, paper="a4"))
    path = tmp_path / "a4.pdf"
    render("summary", reports.contributions_summary(*YEAR), "en", path, head=head)
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


# PDFs: the seeded samples in both languages


@pytest.mark.parametrize("lang", LANGS)
def test_seeded_summary_and_impact_pdfs_show_the_books(seeded, tmp_path, lang):
    start, end = PERIODS["across the fiscal year end"]
    book = Book()
    now = book.totals(start, end, 1737)
    before = book.totals(*previous_period(start, end), 1737)
    m = lambda cents: money(cents, lang)  # noqa: E731
    support = now.cash_cents + now.in_kind_cents + now.volunteer_value_cents
    old_support = before.cash_cents + before.in_kind_cents + before.volunteer_value_cents

    text = " ".join(render("summary", reports.contributions_summary(start, end), lang,
                           tmp_path / "summary.pdf"))
    w = {"en": ("Cash received", "Value of volunteer time", "Total community support",
                "Volunteer hours", "Still to come", "Partners who gave", "Gifts"),
         "fr": ("Argent reçu", "Valeur du temps donné", "Appui communautaire total",
                "Heures de bénévolat", "À venir", "Partenaires donateurs", "Dons")}[lang]
    expected = [
        f"{w[0]} {m(now.cash_cents)}", f"{w[1]} {m(now.volunteer_value_cents)}",
        f"{w[2]} {m(support)}", f"{w[3]} {hours(now.minutes, lang)}",
        f"{w[4]} {m(now.outstanding_cents)}", f"{w[5]} {number(now.givers, lang)}",
        f"{w[0]} {m(now.cash_cents)} {m(before.cash_cents)} "
        f"{change(now.cash_cents, before.cash_cents, lang)}",
        f"{w[2]} {m(support)} {m(old_support)} {change(support, old_support, lang)}",
        f"{w[6]} {number(now.gifts, lang)} {number(before.gifts, lang)} "
        f"{change(now.gifts, before.gifts, lang)}",
        f"Total {m(now.cash_cents)} {m(now.in_kind_cents)} {m(now.volunteer_value_cents)} "
        f"{m(support)}",
    ]
    if lang == "en":
        expected += ["October 1, 2025 – March 31, 2026", "Oct 2025", "Jan 2026",
                     "(April 1, 2025 – September 30, 2025)"]
    else:
        expected += ["1er octobre 2025 – 31 mars 2026", "oct. 2025", "janv. 2026"]
    if now.loans_cents:
        expected.append(m(now.loans_cents))
    for sector, (cash, kind, time) in book.by_sector(start, end, 1737).items():
        label = vocab.SECTORS.label(sector, lang)
        expected.append(f"{label} {m(cash)} {m(kind)} {m(time)} {m(cash + kind + time)}")
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, (missing, text)

    text = " ".join(render("impact", reports.impact_report(start, end), lang,
                           tmp_path / "impact.pdf"))
    rows = book.impact_by_sector(start, end, 1737)
    expected = [f"{w[2]} {m(support)}",
                f"Total {m(now.cash_cents)} {m(now.in_kind_cents)} "
                f"{m(now.volunteer_value_cents)} {m(support)} {number(now.givers, lang)}"]
    for sector, cash, kind, time, active in rows:
        expected.append(f"{vocab.SECTORS.label(sector, lang)} {m(cash)} {m(kind)} {m(time)} "
                        f"{m(cash + kind + time)} {number(active, lang)}")
    lever = round((now.in_kind_cents + now.volunteer_value_cents) * 100 / now.cash_cents)
    expected.append(m(lever))
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, (missing, text)


@pytest.mark.parametrize("lang", LANGS)
def test_seeded_statement_directory_and_health_pdfs(seeded, tmp_path, lang):
    book = Book()
    start, end = PERIODS["six years"]
    pid = max(book.partners, key=lambda p: sum(g.partner_id == p for g in book.gifts))
    totals = book.totals(start, end, 1737, pid)
    text = " ".join(render("statement", reports.partner_statement(pid, start, end), lang,
                           tmp_path / "statement.pdf"))
    m = lambda cents: money(cents, lang)  # noqa: E731
    cash, to_come = ("Cash received", "Still to come") if lang == "en" else \
        ("Argent reçu", "À venir")
    assert f"{cash} {m(totals.cash_cents)}" in text
    assert f"{to_come} {m(totals.outstanding_cents)}" in text
    assert book.partners[pid].name in text

    entries = reports.partner_directory()
    pages = render("directory", entries, lang, tmp_path / "directory.pdf")
    assert len(pages) > 1  # long enough to go over pages, each with its footer
    text = " ".join(pages)
    assert all(entry.name in text for entry in entries)

    health = reports.partnership_health(TODAY)
    text = " ".join(render("health", health, lang, tmp_path / "health.pdf"))
    intro = (f"{len(health.rows)} active formal partners; {health.overdue} of them" if
             lang == "en" else
             f"{len(health.rows)} partenaires formels actifs; {health.overdue} d'entre eux")
    assert intro in text


# Empty periods and empty groups: a short, sound PDF that says so


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_period_says_nothing_was_recorded(world, tmp_path, lang):
    empty = (dt.date(2010, 1, 1), dt.date(2010, 12, 31))
    summary = reports.contributions_summary(*empty)
    assert summary.totals == Totals() and summary.top_partners == [] and summary.by_kind == []
    assert [row[1:] for row in summary.by_month] == [(0, 0)] * 12
    for name, data in (("summary", summary), ("impact", reports.impact_report(*empty)),
                       ("statement", reports.partner_statement(world.ids["lefevre"], *empty))):
        path = tmp_path / f"{name}.pdf"
        pages = render(name, data, lang, path)
        assert NOTHING[lang] in pages[0], (name, pages[0])
        assert ("1er janvier 2010" if lang == "fr" else "January 1, 2010") in pages[0]
        assert len(pages) == 1, name  # a short page, no table of zeros
        assert "$" not in pages[0], pages[0]


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_group_gives_sound_reports(store, tmp_path, lang):
    profile.save_group_profile(GROUP)
    texts = {}
    for name, data in (("summary", reports.contributions_summary(*YEAR)),
                       ("impact", reports.impact_report(*YEAR)),
                       ("directory", reports.partner_directory()),
                       ("health", reports.partnership_health(TODAY)),
                       ("recognition", reports.recognition_list(*YEAR))):
        path = tmp_path / f"{name}.pdf"
        texts[name] = render(name, data, lang, path)
        assert len(texts[name]) == 1
    assert NOTHING[lang] in texts["summary"][0]
    assert NOTHING[lang] in texts["impact"][0]
    assert ("There are no active partners yet." if lang == "en" else
            "Il n'y a pas encore de partenaire actif.") in texts["directory"][0]
    assert ("There are no formal partners yet." if lang == "en" else
            "Il n'y a pas encore de partenaire formel.") in texts["health"][0]
    assert ("No partner to thank in public for this period." if lang == "en" else
            "Aucun partenaire à remercier publiquement pour cette période.") in \
        texts["recognition"][0]


def test_pledges_alone_are_reported(store, tmp_path):
    profile.save_group_profile(GROUP)
    pid = save_org("Lions Club", "voluntary")
    give(pid, dt.date(2025, 6, 1), 50000, status="pledged")
    report = reports.contributions_summary(*YEAR)
    assert report.totals == Totals(pledged_cents=50000, outstanding_cents=50000)
    text = " ".join(render("summary", report, "en", tmp_path / "p.pdf"))
    assert NOTHING["en"] not in text
    assert "Pledged $500.00" in text and "Still to come $500.00" in text


def test_a_period_with_only_a_loan_still_reports_the_loan(store, tmp_path):
    """A loan is "listed by kind, and its total is given apart": a period whose only entry
    is a loan must not claim that nothing was recorded."""
    profile.save_group_profile(GROUP)
    pid = save_org("Credit Union of Sussex", "corporate")
    give(pid, dt.date(2025, 6, 1), 500000, kind="loan")
    report = reports.contributions_summary(*YEAR)
    assert report.totals == Totals(loans_cents=500000)
    assert report.by_kind == [("cash", "loan", 1, 500000, 0)]
    text = " ".join(render("summary", report, "en", tmp_path / "loan.pdf"))
    assert "Loans received ($5,000.00) are listed but not counted as support" in text
    assert "Loans (not counted as support) 1 $5,000.00" in text
    assert NOTHING["en"] not in text


@pytest.mark.parametrize("lang", LANGS)
def test_gifts_given_no_value_are_said_never_shown_as_zero(store, tmp_path, lang):
    """A lent basement and a use of the name, given no value: "1 gift, not valued", in every
    report, in both languages; never "$0.00" where a value would be."""
    profile.save_group_profile(GROUP)
    church = save_org("St. Andrew's Church", "voluntary", ptype="casual")
    lions = save_org("Lions Club", "voluntary")
    give(church, dt.date(2025, 3, 1), 0, family="in_kind", kind="facilities",
         description="The church basement")
    give(church, dt.date(2025, 4, 1), 0, family="in_kind", kind="name_use",
         description="Our name on the poster")
    give(lions, dt.date(2025, 5, 1), 25000, family="in_kind", kind="products",
         description="Hams")
    give(lions, dt.date(2025, 6, 1), 0, family="in_kind", kind="products",
         description="Buns")
    summary = reports.contributions_summary(*YEAR)
    assert summary.totals.unvalued_gifts == 3
    assert summary.unvalued_by_kind == {"facilities": 1, "name_use": 1, "products": 1}
    assert summary.unvalued_by_sector == {"voluntary": 3}
    assert list(zip([row[0] for row in summary.top_partners], summary.top_unvalued,
                    strict=True)) == [("Lions Club", 1), ("St. Andrew's Church", 2)]
    m = lambda cents: money(cents, lang)  # noqa: E731
    text = " ".join(render("summary", summary, lang, tmp_path / "s.pdf"))
    statement = " ".join(render("statement", reports.partner_statement(church, *YEAR), lang,
                                tmp_path / "st.pdf"))
    impact = " ".join(render("impact", reports.impact_report(*YEAR), lang,
                             tmp_path / "i.pdf"))
    if lang == "en":
        assert "Facilities 1 1 gift, not valued" in text
        assert f"Products 2 {m(25000)} + 1 not valued" in text
        assert f"St. Andrew's Church Voluntary {m(0)} 2 gifts, not valued {m(0)}" in text
        assert f"Gifts in kind (value) {m(25000)} + 3 not valued" in text
        assert "The church basement Received not valued" in statement
        assert "Gifts in kind (value) 2 gifts, not valued" in statement
        assert f"Voluntary {m(0)} {m(25000)} + 3 not valued" in impact
    else:
        assert "Locaux 1 1 don, non évalué" in text
        assert f"Produits 2 {m(25000)} + 1 non évalué" in text
        assert f"St. Andrew's Church Bénévole {m(0)} 2 dons, non évalués {m(0)}" in text
        assert "The church basement Reçu non évalué" in statement
        assert "Dons en nature (valeur) 2 dons, non évalués" in statement
    assert f"Facilities 1 {m(0)}" not in text and f"Locaux 1 {m(0)}" not in text


def test_a_chart_with_nothing_to_draw_does_not_repeat_zero_on_its_axis(world, tmp_path):
    """A year with pledges only still draws the summary's month chart: its axis must not
    read "$0 $0 $0 $0 $0 $0"."""
    pid = save_org("Lions Club", "voluntary")
    give(pid, dt.date(2010, 6, 1), 50000, status="pledged")
    empty = (dt.date(2010, 1, 1), dt.date(2010, 12, 31))
    for name, data in (("summary", reports.contributions_summary(*empty)),
                       ("impact", reports.impact_report(*empty))):
        text = " ".join(render(name, data, "en", tmp_path / f"{name}.pdf"))
        assert "$0 $0 $0" not in text, (name, text)


# Periods across the fiscal year's end


@pytest.mark.parametrize("start, end, before", [
    ((2025, 10, 1), (2026, 3, 31), ((2025, 4, 1), (2025, 9, 30))),
    ((2026, 1, 1), (2026, 6, 30), ((2025, 7, 1), (2025, 12, 31))),
])
def test_periods_across_the_fiscal_year_end(store, start, end, before):
    profile.save_group_profile({**GROUP, "fiscal_year_start_month": 4})
    settings.save({settings.HOURLY_RATE: 2000})
    assert profile.fiscal_year_start_month() == 4
    pid = save_org("Lions Club", "voluntary")
    other = save_org("Town of Sussex", "government")
    amounts = {}
    day = dt.date(2025, 3, 15)
    n = 0
    while day <= dt.date(2026, 7, 15):  # one gift on the 15th and one on the last day
        n += 1
        give(pid, day, 1000 * n)
        last = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(1)
        give(other, last, 0, family="in_kind", kind="service", hours="1:30")
        amounts[day.replace(day=1)] = 1000 * n
        day = (last + dt.timedelta(days=1)).replace(day=15)
    start, end = dt.date(*start), dt.date(*end)
    report = reports.contributions_summary(start, end)
    months = [m for m in amounts if start <= m <= end]
    assert len(months) == 6
    assert report.by_month == [(m, amounts[m], 0) for m in months]
    assert report.totals == Totals(cash_cents=sum(amounts[m] for m in months), minutes=540,
                                   volunteer_value_cents=18000, gifts=12, givers=2)
    before = dt.date(*before[0]), dt.date(*before[1])
    assert (report.previous_start, report.previous_end) == before
    assert report.previous.cash_cents == sum(a for m, a in amounts.items()
                                             if before[0] <= m <= before[1])
    assert report.previous == Book().totals(*before, 2000)
    assert {s: tuple(v) for s, *v in report.by_sector} == {
        "voluntary": (report.totals.cash_cents, 0, 0), "government": (0, 0, 18000)}


# Writing whole or not at all


def test_a_report_into_a_missing_folder_leaves_nothing(world, tmp_path):
    target = tmp_path / "missing" / "summary.pdf"
    with pytest.raises(OSError):
        write_report("summary", reports.contributions_summary(*YEAR), letters.letterhead(),
                     "en", target, TODAY)
    assert not target.parent.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_report_over_a_folder_fails_and_leaves_no_partial_file(world, tmp_path):
    target = tmp_path / "out" / "report.pdf"
    target.mkdir(parents=True)
    (target / "keep.txt").write_text("mine")
    with pytest.raises(OSError):
        write_report("directory", reports.partner_directory(), letters.letterhead(), "en",
                     target, TODAY)
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.pdf"]
    assert (target / "keep.txt").read_text() == "mine"


def test_a_report_replaces_an_older_file_whole(world, tmp_path):
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"an older report")
    pages = write_report("summary", reports.contributions_summary(*YEAR), letters.letterhead(),
                         "en", target, TODAY)
    assert len(PdfReader(target).pages) == pages
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "summary.pdf"]
