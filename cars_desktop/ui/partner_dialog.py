"""Adding or editing a partner and its contact people, with the problems shown next to the
field they are about. Nothing is written until every field is right."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core import validation, vocab
from cars_desktop.store import partners
from cars_desktop.store.database import StoreError
from cars_desktop.ui.date_field import DateField, refused_date
from cars_desktop.ui.widgets import (
    ErrorLabel,
    ask,
    confirm_discard,
    fill_combo,
    fit_to_screen,
    set_combo,
)

_NO_DATE = QDate(1900, 1, 1)  # shown as "Not known"
KIND_BUTTONS = {"organisation": "&Organisation", "person": "&Person"}  # Alt+O, Alt+P


class OptionalDateEdit(DateField):
    """A date that may be unknown: "Not known" until one is typed or chosen."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumDate(_NO_DATE)
        self.setSpecialValueText("Not known")
        self.setMaximumDate(QDate.currentDate())
        self.setDate(_NO_DATE)


class ContactRow:
    """One contact person: its fields on a line of the dialog's contact grid, with one line
    under them for what is wrong."""

    FIELDS = (("name", "Name", 130, 3), ("role", "Role", 90, 2), ("phone", "Phone", 110, 2),
              ("email", "Email", 140, 3), ("salutation", "e.g. Dear Ann", 110, 2))
    LABELS = {"name": "Name", "role": "Role", "phone": "Phone", "email": "Email",
              "salutation": "Salutation"}

    def __init__(self, grid: QGridLayout, line: int, values: dict[str, Any] | None,
                 primary_group: QButtonGroup, on_remove) -> None:
        values = values or {}
        self.contact_id = values.get("id")
        self.edits: dict[str, QLineEdit] = {}
        for column, (field, hint, width, _) in enumerate(self.FIELDS):
            edit = QLineEdit(values.get(field) or "")
            edit.setCursorPosition(0)  # a long name or email shows its start, not its end
            edit.setPlaceholderText(hint if field == "salutation" else "")
            if field == "salutation":  # the whole story, where the field has no room for it
                edit.setToolTip("How letters greet this person, e.g. “Dear Ann” or “Chère "
                                "Madame Roy”. Left empty, letters say “Dear” and the name, or "
                                "“Bonjour” and the name in French.")
            edit.setAccessibleName(f"Contact {self.LABELS[field].lower()}")
            edit.setMinimumWidth(width)
            edit.setObjectName(f"contact_{field}")
            grid.addWidget(edit, line, column)
            self.edits[field] = edit
        self.primary = QRadioButton("Primary")
        self.primary.setToolTip("Letters go to the primary contact person")
        self.primary.setChecked(bool(values.get("is_primary")))
        primary_group.addButton(self.primary)
        grid.addWidget(self.primary, line, len(self.FIELDS))
        self.remove = QToolButton()
        self.remove.setText("Remove")
        self.remove.setToolTip("Remove this contact person")
        self.remove.clicked.connect(lambda: on_remove(self))
        grid.addWidget(self.remove, line, len(self.FIELDS) + 1)
        self.error = ErrorLabel()
        grid.addWidget(self.error, line + 1, 0, 1, len(self.FIELDS) + 2)
        self.widgets: list[QWidget] = [*self.edits.values(), self.primary, self.remove,
                                       self.error]

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {f: e.text() for f, e in self.edits.items()}
        found["is_primary"] = self.primary.isChecked()
        if self.contact_id:
            found["id"] = self.contact_id
        return found

    def is_blank(self) -> bool:
        return not any(e.text().strip() for e in self.edits.values())

    def show_errors(self, errors: dict[str, str]) -> QWidget | None:
        """Shows what is wrong; returns the first wrong field."""
        self.error.show_message("  ".join(f"{self.LABELS[f]}: {m}" for f, m in errors.items()))
        return next((self.edits[f] for f, *_ in self.FIELDS if f in errors), None)

    def focus_order(self) -> list[QWidget]:
        return [*self.edits.values(), self.primary, self.remove]

    def delete(self) -> None:
        for widget in self.widgets:
            widget.deleteLater()


class PartnerDialog(QDialog):
    """New partner when `partner_id` is None, else edit that partner."""

    def __init__(self, parent: QWidget | None = None, partner_id: int | None = None) -> None:
        super().__init__(parent)
        self.partner_id = partner_id
        self.saved_id: int | None = None
        self.setWindowTitle("New partner" if partner_id is None else "Edit partner")
        self.setMinimumWidth(860)
        self.errors: dict[str, ErrorLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.hints: dict[QWidget, QLabel] = {}
        self.contact_rows: list[ContactRow] = []
        self._contact_lines = 0
        self.primary_group = QButtonGroup(self)

        body = QWidget()
        columns = QHBoxLayout()
        columns.addWidget(self._partner_box(), 1, Qt.AlignmentFlag.AlignTop)
        columns.addWidget(self._address_box(), 1, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(body)
        self.similar_label = QLabel()
        self.similar_label.setObjectName("similarWarning")
        self.similar_label.setWordWrap(True)
        self.similar_label.setTextFormat(Qt.TextFormat.PlainText)  # it names partners
        self.similar_label.setStyleSheet(
            "QLabel { background: #fff4ce; border: 1px solid #e0b400; border-radius: 3px;"
            " padding: 6px; color: #4d3b00; }")
        self.similar_label.hide()
        layout.addWidget(self.similar_label)
        layout.addLayout(columns)
        layout.addWidget(self._contacts_box())
        layout.addWidget(self._notes_box())
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll)
        outer.addWidget(self.buttons)

        if partner_id is None:
            self._set_values({"kind": "organisation", "status": "active", "language": "en",
                              "country": "Canada"}, [])
        else:
            self._set_values(*partners.load_partner(partner_id))
        self._loaded = self._snapshot()
        self.fields["name"].setFocus()
        self._chain_focus()
        fit_to_screen(self, 1040, 700)  # room for each contact's whole email

    # Building the form

    def _add(self, form: QFormLayout, field: str, label: str, widget: QWidget,
             hint: str = "", beside: QWidget | None = None) -> QWidget:
        widget.setObjectName(field)
        if isinstance(widget, QLineEdit) and hint:
            widget.setPlaceholderText(hint)
        if beside is None:
            form.addRow(label, widget)
        else:
            pair = QHBoxLayout()
            pair.addWidget(widget, 1)
            pair.addWidget(beside)
            form.addRow(label, pair)
            form.labelForField(pair).setBuddy(widget)
        # Hint and error get rows of their own, under the field: QFormLayout gives word-wrapped
        # labels the height they need, and a hidden one takes no room.
        extras = [self.hints[widget]] if widget in self.hints else []
        error = ErrorLabel()
        for extra in (*extras, error):
            form.setWidget(form.rowCount(), QFormLayout.ItemRole.FieldRole, extra)
        self.fields[field], self.errors[field] = widget, error
        return widget

    def _combo_with_hint(self, vocabulary: vocab.Vocabulary) -> QComboBox:
        """A choice with, under it, what the chosen term means (from the CARS texts)."""
        combo = QComboBox()
        combo.addItem("Choose…", None)  # nothing chosen for the volunteer: they decide
        fill_combo(combo, vocabulary, clear=False)
        hint = QLabel()
        hint.setStyleSheet("color: palette(placeholder-text);")
        hint.setWordWrap(True)

        def show_hint() -> None:
            code = combo.currentData()
            hint.setText(vocabulary.term(code).hint_en if code in vocabulary else "")
        combo.currentIndexChanged.connect(show_hint)
        show_hint()
        self.hints[combo] = hint
        return combo

    def _partner_box(self) -> QGroupBox:
        box = QGroupBox("Partner")
        form = QFormLayout(box)
        kinds = QWidget()
        row = QHBoxLayout(kinds)
        row.setContentsMargins(0, 0, 0, 0)
        self.kind_buttons = {}
        self.kind_group = QButtonGroup(self)
        for term in vocab.PARTNER_KINDS:
            button = QRadioButton(KIND_BUTTONS[term.code])
            button.setObjectName(f"kind_{term.code}")
            self.kind_group.addButton(button)
            self.kind_buttons[term.code] = button
            row.addWidget(button)
        row.addStretch()
        form.addRow("Kind", kinds)
        name = self._add(form, "name", "&Name", QLineEdit(),
                         "Organisation, or a person's full name")
        name.editingFinished.connect(self.check_similar)
        self._add(form, "sector", "&Sector", self._combo_with_hint(vocab.SECTORS))
        self._add(form, "partnership_type", "T&ype",
                  self._combo_with_hint(vocab.PARTNERSHIP_TYPES))
        status = self._add(form, "status", "Stat&us", QComboBox())
        fill_combo(status, vocab.PARTNER_STATUSES)
        language = self._add(form, "language", "&Language", QComboBox())
        language.setToolTip("Letters to this partner are written in this language")
        fill_combo(language, vocab.LANGUAGES)
        since = OptionalDateEdit()
        self.clear_since = QToolButton()
        self.clear_since.setText("Not known")
        self.clear_since.setToolTip("Clear the date: it is not known")
        self.clear_since.clicked.connect(lambda: since.setDate(_NO_DATE))
        self._add(form, "partner_since", "Partner s&ince", since, beside=self.clear_since)
        return box

    def _address_box(self) -> QGroupBox:
        box = QGroupBox("Address and how to reach them")
        form = QFormLayout(box)
        self._add(form, "address_line1", "Add&ress", QLineEdit(), "Street and number, or PO Box")
        self._add(form, "address_line2", "", QLineEdit(), "Unit, RR, site (optional)")
        self._add(form, "city", "&Community", QLineEdit(), "Town, village or city")
        province = self._add(form, "province", "Pro&vince", QComboBox())
        province.addItem("—", "")
        fill_combo(province, vocab.PROVINCES, clear=False)
        self._add(form, "postal_code", "Postal co&de", QLineEdit(), "A1A 1A1")
        self._add(form, "country", "Country", QLineEdit())
        self._add(form, "phone", "P&hone", QLineEdit(), "506 555-0123")
        self._add(form, "email", "&Email", QLineEdit(), "name@example.ca")
        self._add(form, "website", "&Website", QLineEdit(), "example.ca")
        return box

    def _contacts_box(self) -> QGroupBox:
        box = QGroupBox("Contact people")
        layout = QVBoxLayout(box)
        hint = QLabel("Partnerships are made by people: add the people you deal with. "
                      "Letters go to the primary contact person.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(hint)
        self.contacts_error = ErrorLabel()
        layout.addWidget(self.contacts_error)
        self.contacts_grid = QGridLayout()
        self.contacts_grid.setVerticalSpacing(2)
        self.contacts_header = []
        for column, (field, _, _, stretch) in enumerate(ContactRow.FIELDS):
            self.contacts_grid.setColumnStretch(column, stretch)
            label = QLabel(ContactRow.LABELS[field])
            self.contacts_grid.addWidget(label, 0, column)
            self.contacts_header.append(label)
        layout.addLayout(self.contacts_grid)
        self.add_contact = QPushButton("&Add contact person")
        self.add_contact.setObjectName("addContact")
        self.add_contact.setAutoDefault(False)
        self.add_contact.clicked.connect(
            lambda: self.add_contact_row(None).edits["name"].setFocus())
        row = QHBoxLayout()
        row.addWidget(self.add_contact)
        row.addStretch()
        layout.addLayout(row)
        return box

    def _notes_box(self) -> QGroupBox:
        box = QGroupBox("Goal, strengths and notes")
        row = QHBoxLayout(box)
        for field, title, hint in (
                ("shared_goal", "Shared &goal", "What you are working toward together"),
                ("strengths", "Strengths and gi&fts they bring", "Skills, resources, reach"),
                ("notes", "No&tes", "Anything else worth remembering")):
            edit = QPlainTextEdit()
            edit.setObjectName(field)
            edit.setPlaceholderText(hint)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(70)
            label = QLabel(title)
            label.setBuddy(edit)
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(edit)
            row.addLayout(column)
            self.fields[field] = edit
        return box

    def add_contact_row(self, values: dict[str, Any] | None) -> ContactRow:
        self._contact_lines += 2
        row = ContactRow(self.contacts_grid, self._contact_lines, values, self.primary_group,
                         self._remove_contact_row)
        self.contact_rows.append(row)
        if not any(r.primary.isChecked() for r in self.contact_rows):
            row.primary.setChecked(True)
        self._show_contact_header()
        self._chain_focus()
        return row

    def _remove_contact_row(self, row: ContactRow) -> None:
        was_primary = row.primary.isChecked()
        self.primary_group.removeButton(row.primary)
        self.contact_rows.remove(row)
        row.delete()
        if was_primary and self.contact_rows:
            self.contact_rows[0].primary.setChecked(True)
        self._show_contact_header()
        self._chain_focus()

    def _show_contact_header(self) -> None:
        for label in self.contacts_header:
            label.setVisible(bool(self.contact_rows))

    def _chain_focus(self) -> None:
        """Tab goes down the left column, then the right one, through each contact person's
        fields in turn, the notes, and last Save and Cancel (rows added later would
        otherwise come after the buttons)."""
        chain: list[QWidget] = [*self.kind_buttons.values()]
        chain += [self.fields[f] for f in (
            "name", "sector", "partnership_type", "status", "language", "partner_since")]
        chain.append(self.clear_since)
        chain += [self.fields[f] for f in (
            "address_line1", "address_line2", "city", "province", "postal_code", "country",
            "phone", "email", "website")]
        for row in self.contact_rows:
            chain += row.focus_order()
        chain.append(self.add_contact)
        chain += [self.fields[f] for f in ("shared_goal", "strengths", "notes")]
        chain += self.buttons.buttons()
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # Values in and out

    def _set_values(self, values: dict[str, Any], contacts: list[dict[str, Any]]) -> None:
        self.kind_buttons.get(values.get("kind") or "organisation").setChecked(True)
        for field, widget in self.fields.items():
            value = values.get(field)
            if isinstance(widget, QComboBox):
                set_combo(widget, value)
            elif isinstance(widget, DateField):
                widget.setDate(value or _NO_DATE)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value or "")
            else:
                widget.setText(value or "")
        for contact in contacts:
            self.add_contact_row(contact)

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {"kind": next(code for code, b in self.kind_buttons.items()
                                              if b.isChecked())}
        for field, widget in self.fields.items():
            if isinstance(widget, QComboBox):
                found[field] = widget.currentData()
            elif isinstance(widget, DateField):
                date = widget.date()
                found[field] = None if date == _NO_DATE else date.toPython()
            elif isinstance(widget, QPlainTextEdit):
                found[field] = widget.toPlainText()
            else:
                found[field] = widget.text()
        return found

    def contacts(self) -> list[dict[str, Any]]:
        return [row.values() for row in self.contact_rows if not row.is_blank()]

    def _snapshot(self) -> tuple:
        return repr(self.values()), repr(self.contacts())

    def has_changes(self) -> bool:
        return self._snapshot() != self._loaded

    # Checking and saving

    def check_similar(self) -> list[partners.SimilarPartner]:
        name = self.fields["name"].text()
        similar = partners.similar_partners(name, exclude_id=self.partner_id)
        if similar:
            listed = "; ".join(f"{s.name} ({vocab.PARTNER_STATUSES.label(s.status)})"
                               for s in similar)
            self.similar_label.setText(f"⚠ A partner with a very similar name already exists: "
                                       f"{listed}. Check that this is not the same partner.")
        self.similar_label.setVisible(bool(similar))
        return similar

    def show_errors(self) -> bool:
        """Mark every wrong field; returns True when all is right."""
        errors: dict[str, str] = {}
        try:
            validation.validate_partner(self.values())
        except validation.ValidationError as err:
            errors = err.errors
        first: QWidget | None = None
        for field, label in self.errors.items():
            label.show_message(errors.get(field, ""))
            if field in errors and first is None:
                first = self.fields[field]
        has_errors = bool(errors)
        for row in self.contact_rows:
            row_errors: dict[str, str] = {}
            if not row.is_blank():
                try:
                    validation.validate_contact(row.values())
                except validation.ValidationError as err:
                    row_errors = err.errors
            wrong_field = row.show_errors(row_errors)
            first = first or wrong_field
            has_errors = has_errors or bool(row_errors)
        if first is not None:
            first.setFocus()
        return not has_errors

    def save(self) -> None:
        if refused_date(self) or not self.show_errors():
            return
        if self.partner_id is None and self.check_similar():
            if not ask(self, "Similar partner",
                       f"{self.similar_label.text().lstrip('⚠ ')}\n\nSave this as a new "
                       "partner anyway?", "&Save as a new partner", "&Go back",
                       QMessageBox.StandardButton.Save):
                return
        try:
            self.saved_id = partners.save_partner(self.values(), self.contacts(),
                                                  self.partner_id)
        except validation.ValidationError as err:  # checked above; kept as a last guard
            self.contacts_error.show_message(" ".join(err.errors.values()))
            return
        except StoreError as err:  # the disk said no: keep everything typed, say what happened
            QMessageBox.critical(self, "Not saved",
                                 f"The partner could not be saved, and nothing was changed.\n\n"
                                 f"{err}\n\nWhat you typed is still here: try again, or copy "
                                 "it somewhere safe.")
            return
        self.accept()

    def reject(self) -> None:
        if self.has_changes() and not confirm_discard(self):
            return
        super().reject()

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Save):
            self.save()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)
