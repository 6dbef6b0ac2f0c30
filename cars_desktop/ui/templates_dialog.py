"""Editing the group's thank-you letter texts: one per kind of letter and language, with the
placeholders listed beside the text and a preview filled for a real partner."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core import vocab
from cars_desktop.core.letter_text import TemplateError, placeholders_for
from cars_desktop.i18n import _, current_language
from cars_desktop.store.errors import StoreError
from cars_desktop.ui import messages
from cars_desktop.ui.widgets import (
    ErrorLabel,
    fill_combo,
    fit_to_screen,
    later,
    muted,
    set_combo,
)


class TemplatesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, kind: str = "cash",
                 lang: str = "en") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Letter texts"))
        self._loaded_text = ""
        self.kind = QComboBox()
        self.kind.setObjectName("templateKind")
        fill_combo(self.kind, vocab.LETTER_KINDS)
        set_combo(self.kind, kind)
        self.language = QComboBox()
        self.language.setObjectName("templateLanguage")
        fill_combo(self.language, vocab.LANGUAGES)
        set_combo(self.language, lang)
        self.state = QLabel()
        self.state.setObjectName("templateState")
        choose = QHBoxLayout()
        for label, combo in ((_("&Letter"), self.kind), (_("L&anguage"), self.language)):
            text = QLabel(label)
            text.setBuddy(combo)
            choose.addWidget(text)
            choose.addWidget(combo)
        choose.addWidget(self.state, 1)

        self.editor = QPlainTextEdit()
        self.editor.setObjectName("templateText")
        self.editor.setAccessibleName(_("Letter text"))
        self.editor.setTabChangesFocus(True)
        self.error = ErrorLabel()
        self.error.setObjectName("templateError")
        hint = QLabel(_("A blank line starts a new paragraph. The signature, the letterhead and "
                      "the address are added for you."))
        hint.setWordWrap(True)
        muted(hint)
        editing = QWidget()
        edit_column = QVBoxLayout(editing)
        edit_column.setContentsMargins(0, 0, 0, 0)
        edit_column.addWidget(self.editor, 1)
        edit_column.addWidget(hint)
        edit_column.addWidget(self.error)

        self.placeholders = QListWidget()
        self.placeholders.setObjectName("placeholderList")
        self.placeholders.setWordWrap(True)
        self.placeholders.setAlternatingRowColors(True)
        self.placeholders.setSpacing(2)
        self.placeholders.setToolTip(_("Double-click or press Enter to put one in the text"))
        self.placeholders.itemActivated.connect(self._insert)
        listing = QWidget()
        list_column = QVBoxLayout(listing)
        list_column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(_("&Placeholders"))
        heading.setBuddy(self.placeholders)
        list_column.addWidget(heading)
        list_column.addWidget(self.placeholders, 1)

        self.preview = QPlainTextEdit()
        self.preview.setObjectName("templatePreview")
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(_("Preview"))
        self.preview.setFont(QFont(self.editor.font()))
        self.preview_who = QLabel()
        self.preview_who.setObjectName("previewWho")
        previewing = QWidget()
        preview_column = QVBoxLayout(previewing)
        preview_column.setContentsMargins(0, 0, 0, 0)
        preview_column.addWidget(QLabel(_("Preview")))
        preview_column.addWidget(self.preview_who)
        preview_column.addWidget(self.preview, 1)

        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(editing)
        upper.addWidget(listing)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        whole = QSplitter(Qt.Orientation.Vertical)
        whole.addWidget(upper)
        whole.addWidget(previewing)

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("saveTemplate")
        self.save_button.clicked.connect(self.save)
        self.reset_button = buttons.addButton(_("&Reset to the default"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.reset_button.setObjectName("resetTemplate")
        self.reset_button.clicked.connect(self.reset)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeTemplates")
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(whole, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 940, 720)

        # after a pause in typing, not on every key
        self._preview_timer = later(self, 300, self.update_preview)
        self.editor.textChanged.connect(self._preview_timer.start)
        self.editor.textChanged.connect(self._update_state)
        self._shown = (self.kind.currentData(), self.language.currentData())
        self.kind.currentIndexChanged.connect(self._choice_changed)
        self.language.currentIndexChanged.connect(self._choice_changed)
        self._load()

    # Which template

    def _choice_changed(self) -> None:
        chosen = (self.kind.currentData(), self.language.currentData())
        if chosen == self._shown:
            return
        if self.is_modified() and not self._may_leave():
            for combo, code in ((self.kind, self._shown[0]), (self.language, self._shown[1])):
                combo.blockSignals(True)
                set_combo(combo, code)
                combo.blockSignals(False)
            return
        self._shown = chosen
        self._load()

    def _load(self) -> None:
        from cars_desktop.store.letters import template_text

        kind, lang = self._shown
        self._loaded_text = template_text(kind, lang)
        self.editor.setPlainText(self._loaded_text)
        self.placeholders.clear()
        for placeholder in placeholders_for(kind):
            # described in the window's language, whatever the letter's
            said = placeholder.label(current_language())
            item = QListWidgetItem(f"{{{placeholder.name}}}\n{said}")
            item.setToolTip(said)
            item.setData(Qt.ItemDataRole.UserRole, placeholder.name)
            self.placeholders.addItem(item)
        self.error.show_message("")
        self._update_state()
        self.update_preview()

    def is_modified(self) -> bool:
        return self.editor.toPlainText() != self._loaded_text

    def _update_state(self) -> None:
        from cars_desktop.store.letters import is_changed

        kind, lang = self._shown
        changed = is_changed(kind, lang)
        self.state.setText(_("Unsaved changes") if self.is_modified() else
                            _("Your group's own text") if changed else _("The default text"))
        self.save_button.setEnabled(self.is_modified())
        self.reset_button.setEnabled(changed or self.is_modified())

    def _may_leave(self) -> bool:
        answer = messages.question(
            self, _("Unsaved changes"), _("This letter's text has changes that are not saved. "
            "Save them?"), QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # Editing

    def _insert(self, item: QListWidgetItem) -> None:
        self.editor.insertPlainText("{" + item.data(Qt.ItemDataRole.UserRole) + "}")
        self.editor.setFocus()

    def update_preview(self) -> None:
        from cars_desktop.store.letters import preview

        kind, lang = self._shown
        try:
            who, text = preview(kind, lang, self.editor.toPlainText(), dt.date.today())
        except TemplateError as err:
            self.error.show_message(str(err))
            return
        self.error.show_message("")
        self.preview_who.setText(who)
        self.preview.setPlainText(text)

    def save(self) -> bool:
        from cars_desktop.store.letters import save_template

        kind, lang = self._shown
        text = self.editor.toPlainText()
        try:
            save_template(kind, lang, text)
        except TemplateError as err:
            self.error.show_message(str(err))
            self.editor.setFocus()
            return False
        except StoreError as err:
            messages.critical(self, _("Not saved"), str(err))
            return False
        self._loaded_text = text
        self.error.show_message("")
        self._update_state()
        return True

    def reset(self) -> None:
        from cars_desktop.store.letters import default_template, is_changed, reset_template

        kind, lang = self._shown
        lost = _("Your group's own text for it is lost.") if is_changed(kind, lang) else \
            _("The changes typed here are lost.")
        answer = messages.question(
            self,
            _("Reset to the default?"),
            _("Put back the default text of this letter? {lost}").format(lost=lost),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            reset_template(kind, lang)
        except StoreError as err:
            messages.critical(self, _("Not reset"), str(err))
            return
        self._loaded_text = default_template(kind, lang)
        self.editor.setPlainText(self._loaded_text)
        self._update_state()

    def reject(self) -> None:
        if self.is_modified() and not self._may_leave():
            return
        super().reject()

