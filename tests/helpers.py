"""What several test files need: typing like a person, answering message boxes, using the
menus and choosing files as a volunteer does."""

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QPushButton


def type_text(widget, text: str) -> None:
    """Type into `widget` one key event per character, as a keyboard does. (qtbot.keyClicks
    aborts the process on non-ASCII text with these Qt versions.)"""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, char))


def answer_message_boxes(answers: list, seen: list) -> None:
    """Click `answers` in order in the message boxes that open next (a standard button, or
    a button's text such as "&Quit"); `seen` collects their texts so a test can check what
    the volunteer was told."""
    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            wanted = answers.pop(0)
            (next(b for b in box.buttons() if b.text() == wanted) if isinstance(wanted, str)
             else box.button(wanted)).click()
        if answers:
            QTimer.singleShot(20, answer)
    QTimer.singleShot(20, answer)


# Menus and files


def every_action(window):
    """(menu title, action) for every action of every menu and submenu, in menu order."""
    found = []

    def walk(menu, title):
        menu.aboutToShow.emit()  # as when the volunteer opens it: a tab's menu fills then
        for action in menu.actions():
            if action.isSeparator():
                continue
            if action.menu() is not None:
                walk(action.menu(), f"{title} › {action.text()}")
            else:
                found.append((f"{title} › {action.text()}".replace("&", ""), action))
    for top in window.menuBar().actions():
        walk(top.menu(), top.text())
    return found


def menu_action(window, title: str):
    """The action a volunteer reaches as `title`, e.g. "File › Import from a spreadsheet…"."""
    return next(action for name, action in every_action(window) if name == title)


def choose_in_file_dialog(qtbot, button, path) -> None:
    """Click `button`, then pick `path` in the file dialog it opens, as a volunteer would."""
    def pick():
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, QFileDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, pick)
            return
        # the whole path in the file name field, then Open (typing it key by key makes Qt's
        # own completer step through each folder: Qt's behaviour, not what is tested here)
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(path))
        dialog.accept()
    QTimer.singleShot(20, pick)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def import_through_the_menu(qtbot, window, path):
    """File › Import from a spreadsheet…, then Choose a file… and `path` in the file dialog:
    the import window with the file's plan, as the volunteer sees it."""
    from cars_desktop.ui.import_dialog import ImportDialog

    before = set(window.findChildren(ImportDialog))
    menu_action(window, "File › Import from a spreadsheet…").trigger()
    dialog = next(d for d in window.findChildren(ImportDialog) if d not in before)
    qtbot.addWidget(dialog)
    # the file dialog is answered and the file read before the click returns
    choose_in_file_dialog(qtbot, dialog.findChild(QPushButton, "chooseImportFile"), path)
    return dialog


# Reading the PDFs the app makes


def norm(text: str) -> str:
    """Text as compared: non-breaking spaces and hyphens made plain, every run of white space
    one space (so a paragraph wrapped over two lines still reads as one phrase)."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2011", "-")
    return " ".join(text.split())


BASE14 = {"Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica",
          "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman",
          "Times-Bold", "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats"}


def all_fonts(reader) -> list:
    """Every font a PDF's pages use, in their own resources or in the forms they draw."""
    found, seen = [], set()

    def walk(resources) -> None:
        resources = resources.get_object() if resources is not None else None
        if not resources:
            return
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            if id(font) not in seen:
                seen.add(id(font))
                found.append(font)
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
                seen.add(id(xobject))
                walk(xobject.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def assert_fonts_embedded(path, families=("DejaVu",)) -> set[str]:
    """Every font is an embedded TrueType of `families`; no base-14 font is named anywhere.
    Returns the fonts' names."""
    from pypdf import PdfReader

    fonts = all_fonts(PdfReader(path))
    assert fonts, "no font found: the walk is broken"
    names = set()
    for font in fonts:
        base = str(font["/BaseFont"]).lstrip("/")
        names.add(base.split("+", 1)[-1])
        if font["/Subtype"] == "/Type0":
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        else:
            assert "/FontDescriptor" in font, f"{base} is named but not embedded"
            descriptor = font["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object(), f"{base} is not embedded TrueType"
    assert not names & BASE14, names
    assert all(any(family in name for family in families) for name in names), names
    raw = path.read_bytes()
    for name in BASE14:
        assert f"/{name}".encode() not in raw, f"{name} is referenced in the file"
    return names
