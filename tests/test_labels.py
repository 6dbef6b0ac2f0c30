"""Mailing labels and #10 envelopes: each address lands on its label where Avery's templates put
it, from any label of a part-used sheet; the addresses are the letters' own; names in any script
print in embedded fonts; from the Partner menu on a laptop screen, and from the command line."""

from __future__ import annotations

import datetime as dt
import subprocess
import unicodedata

import accessibility_kit as kit
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QPushButton, QRadioButton

from cars_desktop import cli
from cars_desktop.core.label_sheets import INCH, MM, SHEETS, pages_needed, start_problem
from cars_desktop.documents.labels import PADDING_X, fit_address, write_labels
from cars_desktop.store import labels, letters, partners
from cars_desktop.store.models import Partner
from helpers import assert_fonts_embedded, menu_action
from letter_kit import GROUP, TODAY, give, org, person, set_group
from window_watch import misfits

# Each sheet's first and last label, (left, top, width, height) from the sheet's top-left
# corner, as the templates give them (core/label_sheets.py says where each number is from).
TEMPLATES = {
    "5160": ((0.1875, 0.5, 2.625, 1), (0.1875 + 2 * 2.75, 0.5 + 9, 2.625, 1), INCH),
    "5161": ((0.15625, 0.5, 4, 1), (0.15625 + 4.1875, 0.5 + 9, 4, 1), INCH),
    "5163": ((0.15625, 0.5, 4, 2), (0.15625 + 4.1875, 0.5 + 4 * 2, 4, 2), INCH),
    "L7160": ((7.21, 15.15, 63.5, 38.1), (7.21 + 2 * 66.04, 15.15 + 6 * 38.1, 63.5, 38.1), MM),
    "L7163": ((4.65, 15.15, 99.1, 38.1), (4.65 + 101.6, 15.15 + 6 * 38.1, 99.1, 38.1), MM),
}
PAPER = {"5160": (612, 792), "5161": (612, 792), "5163": (612, 792), "L7160": (595.28, 841.89),
         "L7163": (595.28, 841.89), "envelope10": (684, 297)}
COUNTS = {"5160": 30, "5161": 20, "5163": 10, "L7160": 21, "L7163": 14, "envelope10": 1}


def placed(path, page: int = 0) -> dict[str, tuple[float, float]]:
    """Where each line of text starts on a page: {text: (x, y)}, y up from the bottom."""
    found = {}

    def seen(text, cm, tm, _font, _size):
        if text.strip():
            found[text.strip()] = (tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5])
    PdfReader(str(path)).pages[page].extract_text(visitor_text=seen)
    return found


def raw_text(path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return unicodedata.normalize("NFKC", out).replace("\u202b", "").replace("\u202c", "")


def inside(point, box, page_height) -> bool:
    """`box`: (left, top, width, height) from the top-left corner, in points."""
    x, y = point
    left, top, width, height = box
    return left <= x <= left + width and page_height - top - height <= y <= page_height - top


# The sheets


@pytest.mark.parametrize("code", list(TEMPLATES))
def test_the_first_and_last_label_are_where_the_template_puts_them(code, tmp_path):
    sheet = SHEETS[code]
    first, last, unit = TEMPLATES[code]
    assert sheet.per_sheet == COUNTS[code]
    assert (round(sheet.page_width, 2), round(sheet.page_height, 2)) == PAPER[code]
    for position, (left, top, width, height) in ((1, first), (sheet.per_sheet, last)):
        x, bottom, w, h = sheet.where(position)
        assert (x, sheet.page_height - bottom - h, w, h) == pytest.approx(
            (left * unit, top * unit, width * unit, height * unit), abs=0.01)
    # the margins are alike on both sides and top and bottom: the grid fills its paper
    x, bottom, w, h = sheet.where(sheet.per_sheet)
    assert sheet.page_width - (x + w) == pytest.approx(sheet.where(1)[0], abs=0.01)
    assert bottom == pytest.approx(sheet.page_height - sheet.where(1)[1] - h, abs=0.01)
    # and in the PDF, the text of the first and last label starts inside them
    path = tmp_path / f"{code}.pdf"
    names = [[f"Label {n}", f"{n} Main Street", "Riverbend MB  R0G 1A0"]
             for n in range(1, sheet.per_sheet + 1)]
    assert write_labels(names, sheet, path) == 1
    where = placed(path)
    for position, box in ((1, first), (sheet.per_sheet, last)):
        box = tuple(value * unit for value in box)
        point = where[f"Label {position}"]
        assert point[0] == pytest.approx(box[0] + PADDING_X, abs=0.01)
        assert inside(point, box, sheet.page_height)
        assert inside(where["Riverbend MB  R0G 1A0"] if position == sheet.per_sheet else
                      where[f"{position} Main Street"], box, sheet.page_height)
    page = PdfReader(str(path)).pages[0]
    assert (round(float(page.mediabox.width), 2),
            round(float(page.mediabox.height), 2)) == PAPER[code]


def test_a_part_used_sheet_starts_at_the_label_given(tmp_path):
    sheet = SHEETS["5160"]
    path = tmp_path / "part-used.pdf"
    names = [[f"Partner {n}", "1 Rue Principale"] for n in range(1, 5)]
    assert write_labels(names, sheet, path, start=28) == 2
    assert pages_needed(sheet, 4, 28) == 2
    first_page, second_page = placed(path, 0), placed(path, 1)
    for number, position in ((1, 28), (2, 29), (3, 30)):  # the last row of the first sheet
        assert inside(first_page[f"Partner {number}"],
                      _box(sheet, position), sheet.page_height)
    assert "Partner 4" not in first_page
    assert inside(second_page["Partner 4"], _box(sheet, 1), sheet.page_height)
    assert [key for key in first_page if key.startswith("Partner")] == \
        ["Partner 1", "Partner 2", "Partner 3"]  # nothing printed on labels 1 to 27
    assert start_problem(sheet, 30) is None
    assert "from 1 (top left) to 30" in start_problem(sheet, 31)
    assert start_problem(sheet, 0)
    with pytest.raises(ValueError):
        write_labels(names, sheet, tmp_path / "no.pdf", start=31)
    assert not (tmp_path / "no.pdf").exists()


def _box(sheet, position):
    x, bottom, w, h = sheet.where(position)
    return x, sheet.page_height - bottom - h, w, h


def test_an_envelope_has_the_return_address_top_left_and_the_partner_where_mail_is_read(
        group, tmp_path):
    sheet = SHEETS["envelope10"]
    path = tmp_path / "envelopes.pdf"
    sender = labels.sender_lines()
    assert sender == [GROUP["name"], "412 Main Street", "PO Box 58", "Riverbend MB  R0G 1A0"]
    to = [["Jean Lefèvre", "Quincaillerie Lefèvre", "75 rue Principale",
           "Bouctouche NB  E4S 3K2"], ["Marie Roy", "12 Elm Road", "Sussex NB  E4E 1A1"]]
    assert write_labels(to, sheet, path, sender=sender) == 2
    reader = PdfReader(str(path))
    assert len(reader.pages) == 2
    page = reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (684, 297)  # 9½ × 4⅛
    where = placed(path)
    x, y = where[GROUP["name"]]
    assert x == pytest.approx(0.375 * INCH) and y > 297 - 0.7 * INCH  # top left
    x, y = where["Jean Lefèvre"]
    assert 3.5 * INCH < x < 4.5 * INCH and 1.5 * INCH < y < 2.5 * INCH  # middle, right
    assert where["Bouctouche NB  E4S 3K2"][1] > 0.625 * INCH  # above the bar code's strip
    assert "Marie Roy" in placed(path, 1) and GROUP["name"] in placed(path, 1)
    assert start_problem(sheet, 1) is None and start_problem(sheet, 2)


def test_a_long_line_gets_smaller_and_a_name_never_leaves_its_label(tmp_path):
    width, height = 2.625 * INCH - 2 * PADDING_X, 1 * INCH - 0.12 * INCH
    lines, size = fit_address(["Marie Roy", "12 Elm Road", "Sussex NB  E4E 1A1"], width,
                              height, 9.5)
    assert size == 9.5 and lines == ["Marie Roy", "12 Elm Road", "Sussex NB  E4E 1A1"]
    lines, size = fit_address(["Jean Lefèvre", "Quincaillerie Lefèvre et Fils du Nouveau",
                               "75 rue Principale", "Bouctouche NB  E4S 3K2"], width, height, 9.5)
    assert 7.5 <= size < 9.5 and len(lines) == 4  # a little smaller, still one line each
    long_name = "The Very Long Name of a Regional Agricultural Cooperative Association Limited"
    lines, size = fit_address(["Marie-Ève Thibodeau", long_name, "75 rue Principale",
                               "Suite 200", "Bouctouche NB  E4S 3K2"], width, height, 9.5)
    assert " ".join(lines[1:-3]) == long_name  # broken between words, none lost
    assert "Bouctouche NB  E4S 3K2" in lines and len(lines) * size * 1.2 <= height
    sheet = SHEETS["5160"]
    path = tmp_path / "long.pdf"
    write_labels([["Short Name", "1 Main St"], ["Marie-Ève Thibodeau", long_name,
                  "75 rue Principale", "Suite 200", "Bouctouche NB  E4S 3K2"]], sheet, path)
    where = placed(path)
    for text in lines:
        assert inside(where[text], _box(sheet, 2), sheet.page_height), text
    assert "…" not in raw_text(path)


# Whom, and what each label says


def test_labels_say_what_the_letters_say_and_partners_without_an_address_are_named(group):
    lions = org("Lions Club", contact="Lise Roy")
    abroad = person("Marie Roy", address_line1="5 Elm St", city="Calais", province="",
                    postal_code="04619", country="United States")
    nowhere = person("Sam Nowhere", address_line1="", city="", postal_code="", province="")
    lapsed = person("Old Friend", status="lapsed")
    gone = org("Gone Partner", contact="Someone")
    partners.erase_personal_information(gone)
    kiwanis = partners.save_partner(
        {"kind": "organisation", "name": "Kiwanis", "sector": "voluntary",
         "partnership_type": "formal", "status": "active", "language": "en",
         "address_line1": "1 Queen St", "city": "Sussex", "province": "NB"},
        [{"name": "Primary Person", "is_primary": True}, {"name": "Second Person"}])
    second = partners.load_partner(kiwanis)[1][1]["id"]
    through_second = give(kiwanis, contact_id=second, date=TODAY - dt.timedelta(days=3))
    for_lions = give(lions, date=TODAY - dt.timedelta(days=5))
    give(nowhere, date=TODAY - dt.timedelta(days=4))

    everyone = labels.gather(labels.ACTIVE)
    assert [a.name for a in everyone.addressees] == ["Kiwanis", "Lions Club", "Marie Roy"]
    assert everyone.no_address == ["Sam Nowhere"]  # lapsed and erased partners get none
    assert everyone.no_address_note() == \
        "1 partner has no postal address and is left out: Sam Nowhere."
    by_name = {a.name: a.lines for a in everyone.addressees}
    assert by_name["Lions Club"] == ("Lise Roy", "Lions Club", "75 rue Principale",
                                     "Bouctouche NB  E4S 3K2")
    assert by_name["Marie Roy"] == ("Marie Roy", "5 Elm St", "Calais  04619", "UNITED STATES")
    # the letters' own address blocks, line for line
    batch = letters.letters_for([through_second, for_lions], TODAY)  # by name
    queue = labels.gather(labels.QUEUE, today=TODAY)
    assert [a.lines for a in queue.addressees] == [tuple(letter.address)
                                                   for letter in batch.letters]
    assert queue.addressees[0].lines[0] == "Second Person"  # the gift came through them
    assert queue.no_address == ["Sam Nowhere"]
    assert labels.counts(TODAY) == {labels.QUEUE: 3, labels.ACTIVE: 4}
    chosen = labels.gather(labels.SELECTED, [abroad, lapsed, nowhere, gone, abroad])
    assert [a.name for a in chosen.addressees] == ["Marie Roy", "Old Friend"]
    assert chosen.no_address == ["Sam Nowhere"]
    many = labels.Mailing(no_address=[f"P{n}" for n in range(13)])
    assert many.no_address_note().endswith("P8, P9 and 3 others.")


NAMES = {"Chinese": ("王小明", "DroidSansFallback"), "Arabic": ("محمد علي", "DejaVuSans"),
         "Punjabi": ("ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ", "NotoSansGurmukhi")}


@pytest.mark.parametrize("code", ["5160", "envelope10"])
def test_chinese_arabic_and_punjabi_names_print_in_embedded_fonts(group, tmp_path, code):
    ids = [person(name, address_line1=f"{n} Elm Road") for n, (name, _f) in
           enumerate(NAMES.values(), start=1)]
    mailing = labels.gather(labels.SELECTED, ids)
    path = tmp_path / "scripts.pdf"
    from cars_desktop.documents.scripts import noting_unprintable

    with noting_unprintable() as unprintable:
        write_labels([a.lines for a in mailing.addressees], SHEETS[code], path,
                     sender=labels.sender_lines())
    assert unprintable == []
    assert_fonts_embedded(path, ("DejaVu", "Noto", "Droid"))
    listed = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                            check=True).stdout
    for _name, font in NAMES.values():
        assert font in listed
    text = raw_text(path)
    assert "王小明" in text
    assert "علي محمد" in text  # read left to right, the last word first
    assert any(unicodedata.name(char, "").startswith("GURMUKHI") for char in text)
    assert "1 Elm Road" in text and "3 Elm Road" in text


# From the window


def open_dialog(qtbot, window):
    from cars_desktop.ui.labels_window import LabelsDialog

    menu_action(window, "Partner › Mailing labels and envelopes…").trigger()
    dialog = window.findChild(LabelsDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_window_makes_labels_for_the_partners_selected_from_a_part_used_sheet(
        qtbot, window, tmp_path):
    set_group()
    for name in ("Ferme Lebel", "Caisse Desjardins", "Coop Évangéline", "王小明"):
        org(name, contact="")
    person("Sam Nowhere", address_line1="", city="")
    give(Partner.get(Partner.name == "Ferme Lebel").id, date=TODAY)
    window.partners.refresh()
    window.tabs.setCurrentWidget(window.partners)
    table = window.partners.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(table.model().index(0, 0)).center())
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ShiftModifier,
                     table.visualRect(table.model().index(2, 0)).center())
    assert len(window.partners.view.selected_ids()) == 3
    dialog = open_dialog(qtbot, window)
    assert not misfits(dialog)
    problems = kit.unnamed(dialog) + kit.shared_mnemonics(dialog) + kit.unreachable(dialog)
    kit.forget_walked()
    assert not problems, problems
    selected = dialog.findChild(QRadioButton, "labelsSelected")
    assert selected.isChecked() and "(3)" in selected.text()
    assert "(5)" in dialog.findChild(QRadioButton, "labelsActive").text()
    queue = dialog.findChild(QRadioButton, "labelsQueue")
    assert "(1)" in queue.text()
    assert dialog.sheet.currentData() == "5160" and dialog.start.isEnabled()
    # a part-used sheet: start at label 29, typed
    dialog.start.setFocus()
    qtbot.keyClick(dialog.start, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.start, "29")
    assert dialog.start.value() == 29
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    preview = dialog.preview
    assert preview is not None and preview.isVisible()
    assert preview.document.pageCount() == 2
    assert "3 labels" in preview.summary.text() and "label 29" in preview.summary.text()
    saved = tmp_path / "labels.pdf"
    assert preview.save_to(str(saved))
    sheet = SHEETS["5160"]
    names = [window.partners.model.index(row, 0).data() for row in range(3)]
    assert inside(placed(saved, 0)[names[0]], _box(sheet, 29), sheet.page_height)
    assert inside(placed(saved, 1)[names[2]], _box(sheet, 1), sheet.page_height)
    preview.findChild(QPushButton, "closePreview").click()
    # every active partner: the one without an address is named in the preview
    active = dialog.findChild(QRadioButton, "labelsActive")
    qtbot.mouseClick(active, Qt.MouseButton.LeftButton, pos=QPoint(8, active.height() // 2))
    assert active.isChecked()
    dialog.sheet.setFocus()
    qtbot.keyClick(dialog.sheet, Qt.Key.Key_End)
    assert dialog.sheet.currentData() == "envelope10"
    assert not dialog.start.isEnabled() and dialog.make_button.text() == "&Make the envelopes"
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    preview = dialog.preview
    assert preview.document.pageCount() == 4
    assert "Sam Nowhere" in preview.notes.text() and preview.notes.isVisible()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert preview.print_to(printer)
    pages = PdfReader(str(printed)).pages
    assert len(pages) == 4
    assert (round(float(pages[0].mediabox.width)), round(float(pages[0].mediabox.height))) \
        == (684, 297)  # on #10 envelopes, lying
    preview.findChild(QPushButton, "closePreview").click()
    dialog.findChild(QPushButton, "closeLabels").click()
    QApplication.processEvents()


def test_envelopes_need_the_return_address_and_nobody_to_print_for_is_said(qtbot, window):
    person("Sam Nowhere", address_line1="", city="")
    window.partners.refresh()
    dialog = open_dialog(qtbot, window)
    assert not dialog.findChild(QRadioButton, "labelsQueue").isEnabled()
    dialog.sheet.setCurrentIndex(dialog.sheet.findData("envelope10"))
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert "return address" in dialog.error.text() and dialog.preview is None
    dialog.sheet.setCurrentIndex(dialog.sheet.findData("L7163"))
    assert dialog.start.maximum() == 14 and dialog.error.text() == ""
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert "No one to print for" in dialog.error.text()
    assert "Sam Nowhere" in dialog.error.text() and dialog.preview is None
    dialog.reject()


# From the command line


def run(capsys, data_dir, *words):
    code = cli.main(["labels", "--data-dir", str(data_dir), *words])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line(capsys, data_dir, out):
    from cars_desktop.store import database

    with database.open_store(data_dir):
        set_group()
        lions = org("Lions Club", contact="Lise Roy")
        org("Ferme Lebel", contact="")
        person("Sam Nowhere", address_line1="", city="")
        give(lions, date=dt.date.today())
    path = out / "labels.pdf"
    code, said, err = run(capsys, data_dir, "-o", str(path))
    assert code == 0 and said.strip() == \
        f"2 labels on 1 sheet (Avery 5160) written to {path}."
    assert "Sam Nowhere" in err
    assert placed(path)["Ferme Lebel"][0] == pytest.approx(0.1875 * INCH + PADDING_X)
    code, said, err = run(capsys, data_dir, "--unthanked", "--sheet", "l7163", "--start", "14",
                          "-o", str(path))
    assert code == 0 and "1 label on 1 sheet (Avery L7163)" in said and err == ""
    sheet = SHEETS["L7163"]
    assert inside(placed(path)["Lise Roy"], _box(sheet, 14), sheet.page_height)
    code, said, err = run(capsys, data_dir, "--partner", "ferme lebel", str(lions), "--sheet",
                          "envelope10", "-o", str(path))
    assert code == 0 and "2 envelopes" in said
    assert "Riverbend Community Food Centre" in raw_text(path)
    assert len(PdfReader(str(path)).pages) == 2
    before = path.read_bytes()
    for words, message in (
            (["--sheet", "5162"], "There is no sheet “5162”. Choose one of: 5160, 5161, 5163, "
                                  "L7160, L7163, envelope10."),
            (["--start", "31"], "An Avery 5160 sheet has 30 labels"),
            (["--sheet", "L7160", "--start", "0"], "from 1 (top left) to 21"),
            (["--sheet", "envelope10", "--start", "2"], "Envelopes print one per page"),
            (["--partner", "Nobody"], "No partner is named “Nobody”."),
            (["--partner", "999"], "No partner has the number 999.")):
        code, said, err = run(capsys, data_dir, *words, "-o", str(path))
        assert code == 2 and message in err and said == "", (words, err)
    assert path.read_bytes() == before  # nothing written over by a refused command
    for target, message in ((out / "missing" / "l.pdf", "does not exist"),
                            (out, "is a folder. Give a file name, such as"),
                            ("/proc/labels.pdf", "could not be written to /proc/labels.pdf")):
        code, said, err = run(capsys, data_dir, "-o", str(target))
        assert code == 2 and message in err, err
    assert "labels.pdf" in run(capsys, data_dir, "-o", str(out))[2]
    assert not list(out.glob(".*partial"))
    with pytest.raises(SystemExit):
        cli.main(["labels", "--data-dir", str(data_dir), "--all", "--unthanked", "-o", "x.pdf"])
