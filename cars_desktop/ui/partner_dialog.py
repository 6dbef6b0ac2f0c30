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

from cars_desktop.core import names as names_of
from cars_desktop.core import validation, vocab
from cars_desktop.i18n import N_, _
from cars_desktop.store import partners
from cars_desktop.store.errors import StoreError
from cars_desktop.ui import messages
from cars_desktop.ui.date_field import DateField
from cars_desktop.ui.form_dialog import FormDialog
from cars_desktop.ui.household_members import MembersBox
from cars_desktop.ui.partner_contacts import ContactRow, ContactsBox
from cars_desktop.ui.widgets import ask, fill_combo, fit_to_screen, muted, plain_tip, set_combo

_NO_DATE = QDate(1900, 1, 1)  # shown as "Not known"
# Alt+O, Alt+P; from either, the arrow keys reach Household
KIND_BUTTONS = {"organisation": N_("&Organisation"), "person": N_("&Person"),
                "household": N_("Household")}


class OptionalDateEdit(DateField):
    """A date that may be unknown: "Not known" until one is typed or chosen."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumDate(_NO_DATE)
        self.setSpecialValueText(_("Not known"))
        self.setMaximumDate(QDate.currentDate())
        self.setDate(_NO_DATE)


class PartnerDialog(FormDialog):
    """New partner when `partner_id` is None, else edit that partner."""

    def __init__(self, parent: QWidget | None = None, partner_id: int | None = None) -> None:
        super().__init__(parent)
        self.partner_id = partner_id
        self.saved_id: int | None = None
        self.setWindowTitle(_("New partner") if partner_id is None else _("Edit partner"))
        self.setMinimumWidth(860)
        self.hints: dict[QWidget, QLabel] = {}

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
        # editing a partner entered twice: merging it with the other is one click away
        self.merge_with: int | None = None
        self._similar_id: int | None = None
        self.merge_button = QPushButton(_("&Merge the two…"))
        self.merge_button.setObjectName("mergeWithSimilar")
        self.merge_button.setAutoDefault(False)
        self.merge_button.clicked.connect(self._merge_with_similar)
        self.merge_button.hide()
        warning = QHBoxLayout()
        warning.addWidget(self.similar_label, 1)
        warning.addWidget(self.merge_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(warning)
        layout.addLayout(columns)
        self.contacts_box = ContactsBox(self._chain_focus)
        # the contact lines, their Add button and the line for what is wrong, by their names
        self.contact_rows = self.contacts_box.rows
        self.add_contact = self.contacts_box.add_button
        self.contacts_error = self.contacts_box.error
        layout.addWidget(self.contacts_box)
        self.members_box = MembersBox()
        self.members_box.load(partner_id)
        layout.addWidget(self.members_box)
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
                              "country": _("Canada"), "recognition": "name"}, [])
        else:
            self._set_values(*partners.load_partner(partner_id))
        self.remember_values()
        self.name_label.buddy().setFocus()
        self._chain_focus()
        fit_to_screen(self, 1040, 700)  # room for each contact's whole email

    # Building the form

    def _add(self, form: QFormLayout, field: str, label: str, widget: QWidget,
             hint: str = "", beside: QWidget | None = None) -> QWidget:
        if isinstance(widget, QLineEdit) and hint:
            widget.setPlaceholderText(hint)
        under = [self.hints[widget]] if widget in self.hints else []
        return self.add_row(form, field, label, widget, beside, under)

    def _combo_with_hint(self, vocabulary: vocab.Vocabulary, choose: bool = True) -> QComboBox:
        """A choice with, under it, what the chosen term means (from the CARS texts);
        `choose`: it starts on "Choose…", for the volunteer to decide."""
        combo = QComboBox()
        if choose:
            combo.addItem(_("Choose…"), None)
        fill_combo(combo, vocabulary, clear=False)
        hint = QLabel()
        muted(hint)
        hint.setWordWrap(True)

        def show_hint() -> None:
            code = combo.currentData()
            hint.setText(vocabulary.term(code).hint() if code in vocabulary else "")
        combo.currentIndexChanged.connect(show_hint)
        show_hint()
        self.hints[combo] = hint
        return combo

    def _partner_box(self) -> QGroupBox:
        box = QGroupBox(_("Partner"))
        form = QFormLayout(box)
        kinds = QWidget()
        row = QHBoxLayout(kinds)
        row.setContentsMargins(0, 0, 0, 0)
        self.kind_buttons = {}
        self.kind_group = QButtonGroup(self)
        for term in vocab.PARTNER_KINDS:
            button = QRadioButton(_(KIND_BUTTONS[term.code]))
            button.setObjectName(f"kind_{term.code}")
            self.kind_group.addButton(button)
            self.kind_buttons[term.code] = button
            row.addWidget(button)
        row.addStretch()
        form.addRow(_("Kind"), kinds)
        self._name_row(form)
        self._add(form, "sector", _("&Sector"), self._combo_with_hint(vocab.SECTORS))
        self._add(form, "partnership_type", _("T&ype"),
                  self._combo_with_hint(vocab.PARTNERSHIP_TYPES))
        status = self._add(form, "status", _("Stat&us"), QComboBox())
        fill_combo(status, vocab.PARTNER_STATUSES)
        language = self._add(form, "language", _("&Language"), QComboBox())
        language.setToolTip(_("Letters to this partner are written in this language"))
        fill_combo(language, vocab.LANGUAGES)
        since = OptionalDateEdit()
        since.setAccessibleName(_("Partner since"))
        self.clear_since = QToolButton()
        self.clear_since.setText(_("Not known"))
        self.clear_since.setToolTip(_("Clear the date: it is not known"))
        self.clear_since.clicked.connect(lambda: since.setDate(_NO_DATE))
        self._add(form, "partner_since", _("Partner s&ince"), since, beside=self.clear_since)
        recognition = self._add(form, "recognition", _("Than&ked in public"),
                                self._combo_with_hint(vocab.RECOGNITIONS, choose=False))
        recognition.setToolTip(_("How this partner is named on recognition lists, posters "
                                 "and in the newsletter"))
        recognition.currentIndexChanged.connect(self._recognition_changed)
        wording = self._add(form, "recognition_wording", _("Wording"), QLineEdit(),
                            _("The words to print, e.g. The Leblanc family"))
        wording.setAccessibleName(_("Wording to print"))
        self.partner_form = form
        return box

    def _name_row(self, form: QFormLayout) -> None:
        """An organisation's one name, or a person's first and last names side by side, each
        said under it (a filled field shows no placeholder)."""
        name = QLineEdit()
        name.setObjectName("name")
        name.setPlaceholderText(_("Organisation, or a person's full name"))
        names = QWidget()
        names.setObjectName("names")
        grid = QGridLayout(names)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(0)
        grid.addWidget(name, 0, 0, 1, 2)
        self.name_captions = []
        for column, (field, text) in enumerate((("first_name", _("First name")),
                                                ("last_name", _("Last name")))):
            edit = QLineEdit()
            edit.setObjectName(field)
            edit.setPlaceholderText(text)
            edit.setAccessibleName(text)
            caption = muted(QLabel(text))
            caption.setBuddy(edit)
            grid.addWidget(edit, 0, column)
            grid.addWidget(caption, 1, column)
            self.name_captions.append(caption)
            self.fields[field] = edit
            edit.editingFinished.connect(self.check_similar)
        self.add_row(form, "name", _("&Name"), names)
        self.fields["name"] = name
        for field in ("first_name", "last_name"):  # one line for the row's problems
            self.errors[field] = self.errors["name"]
        self.name_label = form.labelForField(names)
        name.editingFinished.connect(self.check_similar)
        for button in self.kind_buttons.values():
            button.toggled.connect(self._kind_changed)

    def is_person(self) -> bool:
        return self.kind_buttons["person"].isChecked()

    def _kind_changed(self, checked: bool = True) -> None:
        """A person's names are proposed from the name typed (last word as last name), and
        an organisation's name from a person's names, so nothing typed is lost."""
        if not checked:
            return  # the other button's signal follows
        name, first, last = (self.fields[f] for f in ("name", "first_name", "last_name"))
        person = self.is_person()
        if person and not (first.text().strip() or last.text().strip()):
            proposed = names_of.proposed_names(name.text())
            first.setText(proposed[0])
            last.setText(proposed[1])
        elif not person and (first.text().strip() or last.text().strip()):
            name.setText(names_of.person_name(first.text(), last.text()))
        name.setVisible(not person)
        self.members_box.setVisible(self.kind_buttons["household"].isChecked())
        for widget in (first, last, *self.name_captions):
            widget.setVisible(person)
        self.name_label.setBuddy(first if person else name)

    def _recognition_changed(self) -> None:
        """The wording is asked only when it is what gets printed."""
        own = self.fields["recognition"].currentData() == "wording"
        self.partner_form.setRowVisible(self.fields["recognition_wording"], own)
        if not own:
            self.errors["recognition_wording"].show_message("")

    def _address_box(self) -> QGroupBox:
        box = QGroupBox(_("Address and how to reach them"))
        form = QFormLayout(box)
        self._add(
            form, "address_line1", _("Add&ress"), QLineEdit(), _("Street and number, or PO Box")
        )
        line2 = QLineEdit()
        line2.setAccessibleName(_("Address, second line"))
        self._add(form, "address_line2", "", line2, _("Unit, RR, site (optional)"))
        self._add(form, "city", _("&Community"), QLineEdit(), _("Town, village or city"))
        province = self._add(form, "province", _("Pro&vince"), QComboBox())
        province.addItem("—", "")
        fill_combo(province, vocab.PROVINCES, clear=False)
        self._add(form, "postal_code", _("Postal co&de"), QLineEdit(), _("A1A 1A1"))
        self._add(form, "country", _("Country"), QLineEdit())
        self._add(form, "phone", _("P&hone"), QLineEdit(), "506 555-0123")
        self._add(form, "email", _("&Email"), QLineEdit(), _("name@example.ca"))
        self._add(form, "website", _("&Website"), QLineEdit(), _("example.ca"))
        return box

    def _notes_box(self) -> QGroupBox:
        box = QGroupBox(_("Goal, strengths and notes"))
        row = QHBoxLayout(box)
        for field, title, hint in (
                ("shared_goal", _("Shared &goal"), _("What you are working toward together")),
                ("strengths", _("Strengths and gi&fts they bring"), _("Skills, resources, reach")),
                ("notes", _("No&tes"), _("Anything else worth remembering"))):
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
        return self.contacts_box.add_row(values)

    def _remove_contact_row(self, row: ContactRow) -> None:
        self.contacts_box.remove_row(row)

    def _chain_focus(self) -> None:
        """Tab goes down the left column, then the right one, through each contact person's
        fields in turn, the notes, and last Save and Cancel (rows added later would
        otherwise come after the buttons)."""
        chain: list[QWidget] = [*self.kind_buttons.values()]
        chain += [self.fields[f] for f in (
            "name", "first_name", "last_name", "sector", "partnership_type", "status", "language",
            "partner_since")]
        chain.append(self.clear_since)
        chain += [self.fields["recognition"], self.fields["recognition_wording"]]
        chain += [self.fields[f] for f in (
            "address_line1", "address_line2", "city", "province", "postal_code", "country",
            "phone", "email", "website")]
        chain += self.contacts_box.focus_order() + self.members_box.focus_order()
        chain += [self.fields[f] for f in ("shared_goal", "strengths", "notes")]
        chain += self.buttons.buttons()
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # Values in and out

    def _set_values(self, values: dict[str, Any], contacts: list[dict[str, Any]]) -> None:
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
        # a person recorded before names were kept apart gets them proposed from the name
        self.kind_buttons.get(values.get("kind") or "organisation").setChecked(True)
        self._kind_changed()
        self._recognition_changed()

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
        if found["kind"] == "person":  # the name is made from the first and last names
            found["name"] = names_of.person_name(found["first_name"], found["last_name"])
        else:
            found["first_name"] = found["last_name"] = ""
        return found

    def contacts(self) -> list[dict[str, Any]]:
        return self.contacts_box.values()

    def snapshot(self) -> tuple:
        return repr(self.values()), repr(self.contacts()), self.members_box.member_ids()

    # Checking and saving

    def check_similar(self) -> list[partners.SimilarPartner]:
        name = self.values()["name"]
        similar = partners.similar_partners(name, exclude_id=self.partner_id)
        if similar:
            listed = "; ".join(f"{s.name} ({vocab.PARTNER_STATUSES.label(s.status)})"
                               for s in similar)
            self.similar_label.setText(_("⚠ A partner with a very similar name already "
                                         "exists: {listed}. Check that this is not the same "
                                         "partner.").format(listed=listed))
        self.similar_label.setVisible(bool(similar))
        self._similar_id = similar[0].id if similar else None
        self.merge_button.setVisible(bool(similar) and self.partner_id is not None)
        if similar:
            self.merge_button.setToolTip(plain_tip(_(
                "Make “{name}” and this partner one: the next window shows both side by "
                "side").format(name=similar[0].name)))
        return similar

    def _merge_with_similar(self) -> None:
        """Close, then the Partners tab opens the merge window for the two."""
        if self.may_close():
            self.merge_with = self._similar_id
            self.done(QDialog.DialogCode.Rejected)

    def mark_problems(self) -> bool:
        """Mark every wrong field; returns True when all is right."""
        errors: dict[str, str] = {}
        try:
            validation.validate_partner(self.values())
        except validation.ValidationError as err:
            errors = err.errors
        first = self.show_errors(errors)
        wrong_contact, contacts_wrong = self.contacts_box.show_errors()
        first = first or wrong_contact
        if first is not None:
            first.setFocus()
        return not errors and not contacts_wrong

    def save(self) -> None:
        if not self.ready_to_save() or not self.mark_problems():
            return
        if self.partner_id is None and self.check_similar():
            if not ask(self, _("Similar partner"),
                       self.similar_label.text().lstrip("⚠ ") + "\n\n"
                       + _("Save this as a new partner anyway?"),
                       _("&Save as a new partner"), _("&Go back"),
                       QMessageBox.StandardButton.Save):
                return
        try:
            household = self.kind_buttons["household"].isChecked()
            members = self.members_box.member_ids() if household else None
            self.saved_id = partners.save_partner(self.values(), self.contacts(),
                                                  self.partner_id, members)
        except validation.ValidationError as err:  # checked above; kept as a last guard
            self.contacts_error.show_message(" ".join(err.errors.values()))
            return
        except StoreError as err:  # the disk said no: keep everything typed, say what happened
            messages.critical(self, _("Not saved"),
                                 _("The partner could not be saved, and nothing was "
                                   "changed.\n\n{err}\n\nWhat you typed is still here: try "
                                   "again, or copy it somewhere safe.").format(err=err))
            return
        self.accept()

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Save):
            self.save()
            return
        super().keyPressEvent(event)  # Escape: the unsaved-changes prompt
