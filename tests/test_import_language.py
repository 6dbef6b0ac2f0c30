"""A French group's own spreadsheet: the language of each giver and how they paid come in
with the gifts, so that their letters are in French and the books say how money came."""

from PySide6.QtWidgets import QComboBox, QMessageBox, QPushButton

from cars_desktop.store.models import Contribution, Partner
from helpers import answer_message_boxes, import_through_the_menu

# As a treasurer's LibreOffice sheet saves it: semicolons, comma decimals, French headers.
FILE = ("Prénom;Nom;Courriel;Langue;Date;Montant;Mode de paiement\r\n"
        "Josée;Thériault;jt@example.ca;Français;2026-03-01;50,00;Chèque\r\n"
        "Bob;MacDonald;bob@example.ca;Anglais;2026-03-02;25,00;Comptant\r\n"
        "Line;Cormier;;F;2026-03-03;100,00;Interac\r\n"
        "Rémi;Doiron;;Klingon;2026-03-04;10,00;Chèque\r\n"
        "Anne;Roy;;;2026-03-05;15,00;Bitcoin\r\n")


def test_language_and_payment_method_come_in_from_a_french_sheet(qtbot, window, tmp_path):
    path = tmp_path / "dons-2026.csv"
    path.write_bytes(FILE.encode("utf-8"))
    dialog = import_through_the_menu(qtbot, window, path)
    combos = {combo.objectName(): combo.currentData() for combo in
              dialog.findChildren(QComboBox) if combo.objectName().startswith("column")}
    assert combos["column3"] == "language" and combos["column6"] == "payment_method"
    rows = {row.line: row for row in dialog.plan.rows}
    # a word it does not know loses nothing but that word: the gift still counts
    assert [row.action for row in dialog.plan.rows].count("error") == 0
    assert "“Klingon” is not a language it knows: letters in the group's language" in \
        rows[5].why
    assert "“Bitcoin” is not a payment method it knows" in rows[6].why
    answer_message_boxes([QMessageBox.StandardButton.Ok], [])
    dialog.findChild(QPushButton, "doImport").click()
    languages = {p.name: p.language for p in Partner.select()}
    # Rémi's unknown language leaves him in the group's own language
    assert languages == {"Josée Thériault": "fr", "Bob MacDonald": "en", "Line Cormier": "fr",
                         "Rémi Doiron": languages["Anne Roy"], "Anne Roy": languages["Anne Roy"]}
    methods = sorted(c.payment_method for c in Contribution.select())
    assert methods == ["", "cash", "cheque", "cheque", "etransfer"]
