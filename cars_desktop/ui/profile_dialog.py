"""The group's own profile: what letters and reports print at the top and under the signature.
Asked once on first start (and it can be finished later), then from File › Group profile…"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core import vocab
from cars_desktop.core.letter_text import MONTHS
from cars_desktop.core.validation import ValidationError
from cars_desktop.i18n import _, current_language, pgettext
from cars_desktop.store.errors import StoreError
from cars_desktop.ui import messages
from cars_desktop.ui.widgets import ErrorLabel, fill_combo, set_combo, side_by_side


class GroupProfileDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, first_run: bool = False) -> None:
        super().__init__(parent)
        from cars_desktop.store.letters import letter_options
        from cars_desktop.store.profile import group_profile

        self.first_run = first_run
        self.setWindowTitle(_("Welcome to CARS Desktop") if first_run else _("Group profile"))
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.saved = False
        profile = group_profile()
        self._logo: bytes | None = profile.logo or None
        self._logo_changed = False

        intro = QLabel(
            _("Tell us about your group. Thank-you letters print this at the top and under the "
            "signature. You can skip it now and finish it later in File › Group profile; "
            "letters need at least the name and address.") if first_run else
            _("What letters print at the top and under the signature."))
        intro.setWordWrap(True)

        group = QGroupBox(_("Your group"))
        form = QFormLayout(group)
        self.name = self._row(form, "name", _("Group &name"), QLineEdit(profile.name))
        self.address1 = self._row(form, "address_line1", _("Street a&ddress"),
                                  QLineEdit(profile.address_line1))
        self.address2 = self._row(form, "address_line2", _("Address line &2"),
                                  QLineEdit(profile.address_line2))
        self.address2.setPlaceholderText(_("PO Box, suite… (optional)"))
        self.city = self._row(form, "city", pgettext("group profile", "&Town or city"),
                              QLineEdit(profile.city))
        self.province = QComboBox()
        self.province.setObjectName("province")
        self.province.setAccessibleName(_("Province or territory"))
        self.province.addItem("—", "")
        fill_combo(self.province, vocab.PROVINCES, clear=False)
        set_combo(self.province, profile.province)
        self.postal = QLineEdit(profile.postal_code)
        self.postal.setObjectName("postal_code")
        self.postal.setAccessibleName(_("Postal code"))
        self.postal.setPlaceholderText(_("A1A 1A1"))
        self.postal.setFixedWidth(90)
        self._row(form, "province", _("Pro&vince"), side_by_side(
            (self.province, 1), QLabel(_("Postal code")), self.postal), buddy=self.province)
        self.errors["postal_code"] = self.errors["province"]
        self.fields.update(province=self.province, postal_code=self.postal)
        self.phone = self._row(form, "phone", _("&Phone"), QLineEdit(profile.phone))
        self.email = self._row(form, "email", pgettext("group profile", "&Email"),
                               QLineEdit(profile.email))
        self.website = self._row(form, "website", _("&Website"), QLineEdit(profile.website))

        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setFixedSize(120, 60)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet("QLabel { border: 1px solid palette(mid); }")
        choose = QPushButton(_("Choose picture…"))
        choose.setObjectName("chooseLogo")
        choose.clicked.connect(self.choose_logo)
        self.remove_logo = QPushButton(_("Remove"))
        self.remove_logo.setObjectName("removeLogo")
        self.remove_logo.clicked.connect(self._drop_logo)
        logo = side_by_side(self.logo_preview, choose, self.remove_logo)
        logo.layout().addStretch()
        self._row(form, "logo", _("&Logo"), logo, buddy=choose)

        signing = QGroupBox(_("Letters and reports"))
        sign_form = QFormLayout(signing)
        self.signatory = self._row(sign_form, "signatory_name", _("Signed &by"),
                                   QLineEdit(profile.signatory_name))
        self.signatory.setPlaceholderText(_("The person who signs the letters"))
        self.title = self._row(sign_form, "signatory_title", _("Their t&itle"),
                               QLineEdit(profile.signatory_title))
        self.title.setPlaceholderText(_("Chair of the Board, Coordinator…"))
        from cars_desktop.store import settings

        self.title_fr = self._row(sign_form, "signatory_title_fr", _("Title in French"),
                                  QLineEdit(settings.get(settings.TITLE_FR)))
        self.title_fr.setPlaceholderText(_("Présidente du conseil… (for letters in French)"))
        self.language = self._row(sign_form, "language", _("Default lan&guage"), QComboBox())
        fill_combo(self.language, vocab.LANGUAGES)
        set_combo(self.language, profile.language or "en")
        self.language.setToolTip(_("Each letter uses its partner's language; this one is for "
                                 "the rest"))
        options = letter_options()
        self.paper = self._row(sign_form, "paper", _("Pape&r"), QComboBox())
        fill_combo(self.paper, vocab.PAPER_SIZES)
        set_combo(self.paper, options.paper)
        # short words beside the box, the whole sentence when the pointer rests on it
        self.not_a_receipt = self._row(sign_form, "not_a_receipt", "", QCheckBox(
            _("Not a ta&x receipt: say so")))
        self.not_a_receipt.setToolTip(_("Each letter says it is not an official receipt for "
                                        "income tax purposes"))
        self.not_a_receipt.setChecked(options.not_a_receipt)
        self.in_kind_values = self._row(sign_form, "in_kind_values", "", QCheckBox(
            _("Year-end: show val&ues in kind")))
        self.in_kind_values.setToolTip(_("Year-end summary letters state the estimated value "
                                         "of gifts in kind"))
        self.in_kind_values.setChecked(options.in_kind_values)

        self.registered = QCheckBox(_("Registered c&harity"))
        self.registered.setObjectName("registered_charity")
        self.registered.setChecked(bool(profile.charity_number))
        self.charity_number = QLineEdit(profile.charity_number)
        self.charity_number.setObjectName("charity_number")
        self.charity_number.setAccessibleName(_("Charity registration number"))
        self.charity_number.setPlaceholderText(_("123456789 RR 0001"))
        self.charity_number.setMinimumWidth(  # the whole number shows, in French too
            self.charity_number.fontMetrics().horizontalAdvance("123456789 RR 0001W"))
        self.registered.toggled.connect(self.charity_number.setEnabled)
        self.charity_number.setEnabled(self.registered.isChecked())
        from cars_desktop.store import settings

        self.issues_receipts = QCheckBox(_("Issues official receipts here"))
        self.issues_receipts.setObjectName("issues_receipts")
        self.issues_receipts.setToolTip(_("Official donation receipts for income tax purposes "
                                          "are issued and kept with CARS Desktop"))
        self.issues_receipts.setChecked(bool(profile.charity_number)
                                        and settings.get(settings.RECEIPTS_ON))
        self.registered.toggled.connect(self.issues_receipts.setEnabled)
        self.issues_receipts.setEnabled(self.registered.isChecked())
        self._row(form, "charity_number", _("Charity"),
                  side_by_side(self.registered, (self.charity_number, 1)), buddy=self.registered)
        self.fields["charity_number"] = self.charity_number
        form.addRow("", self.issues_receipts)  # a line of its own: the number keeps its room
        self.fiscal = self._row(sign_form, "fiscal_year_start_month", _("&Fiscal year starts in"),
                                QComboBox())
        for month, name in enumerate(MONTHS[current_language()], start=1):
            self.fiscal.addItem(name.capitalize(), month)
        set_combo(self.fiscal, profile.fiscal_year_start_month or 1)
        from cars_desktop.core.money import format_money
        from cars_desktop.store.reports import hourly_rate_cents

        self.hourly_rate = self._row(sign_form, "hourly_rate", _("Value of a volunteer h&our"),
                                     QLineEdit(format_money(hourly_rate_cents())))
        self.hourly_rate.setToolTip(_("What an hour of volunteer time is worth in reports, "
                                    "for time given no value of its own"))

        buttons = QDialogButtonBox()
        save = buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.ActionRole)
        save.setObjectName("saveProfile")
        save.clicked.connect(self.save)
        later = buttons.addButton(_("Finish l&ater") if first_run else _("Cancel"),
                                  QDialogButtonBox.ButtonRole.RejectRole)
        later.setObjectName("finishLater" if first_run else "cancelProfile")
        for button in (save, later):  # Enter in a field must not save a half-typed profile
            button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.general_error = ErrorLabel()

        columns = QHBoxLayout()
        columns.addWidget(group, 1)
        columns.addWidget(signing, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self._show_logo()
        self.name.setFocus()
        self._as_opened = self._state()

    def _row(self, form: QFormLayout, name: str, label: str, widget, buddy=None):
        widget.setObjectName(widget.objectName() or name)
        error = ErrorLabel()
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(buddy or widget)  # Alt and the underlined letter go to the field
        form.addRow(caption, column)
        self.fields[name] = widget
        self.errors[name] = error
        return widget

    # The logo

    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose your group's logo"), "",
                                              _("Pictures (*.png *.jpg *.jpeg)"))
        if path:
            self.set_logo_file(path)

    def set_logo_file(self, path: str) -> None:
        """The picture is kept as a small PNG: a phone photo of the logo works too."""
        from cars_desktop.documents.letterhead import prepare_logo

        most = 25_000_000
        try:
            with open(path, "rb") as file:
                data = file.read(most + 1)
        except OSError as err:
            self.errors["logo"].show_message(
                _("That file cannot be read: {strerror}.").format(strerror=err.strerror)
            )
            return
        try:
            if len(data) > most:
                raise ValueError(_("That file is over 25 MB: it is not a logo. Choose a PNG or "
                                 "JPEG image."))
            logo = prepare_logo(data)
        except ValueError as err:
            self.errors["logo"].show_message(str(err))
            return
        self.errors["logo"].show_message("")
        self._logo, self._logo_changed = logo, True
        self._show_logo()

    def _drop_logo(self) -> None:
        self._logo, self._logo_changed = None, True
        self._show_logo()

    def _show_logo(self) -> None:
        picture = QPixmap()
        if isinstance(self._logo, bytes) and picture.loadFromData(self._logo):
            self.logo_preview.setPixmap(picture.scaled(
                self.logo_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(_("No logo"))
        self.remove_logo.setEnabled(isinstance(self._logo, bytes))

    # Saving

    def values(self) -> dict[str, Any]:
        found = {name: widget.text() for name, widget in self.fields.items()
                 if isinstance(widget, QLineEdit)}
        found.update(province=self.province.currentData(), language=self.language.currentData(),
                     fiscal_year_start_month=self.fiscal.currentData(),
                     registered_charity=self.registered.isChecked())
        if self._logo_changed:
            found["logo"] = self._logo
        return found

    def _state(self) -> tuple:
        return (self.values(), self.paper.currentData(), self.not_a_receipt.isChecked(),
                self.in_kind_values.isChecked(), self.issues_receipts.isChecked())

    def reject(self) -> None:
        """"Finish later", Cancel or Esc: what was typed is kept if the volunteer says so."""
        if self._state() != self._as_opened and not self.saved:
            answer = messages.question(
                self, _("Keep what you typed?"), _("Save what you typed in the group's profile?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self.save()
                return  # saved and closed, or the problems are shown beside the fields
        super().reject()

    def save(self) -> None:
        from cars_desktop.store.letters import LetterOptions, save_letter_options
        from cars_desktop.store.profile import save_group_profile

        for error in self.errors.values():
            error.show_message("")
        self.general_error.show_message("")
        if self.first_run and not self.name.text().strip():  # Save must not mean "later"
            self.errors["name"].show_message(
                _("Your group's name is needed: letters and reports start with it. To fill this "
                "in another time, choose Finish later."))
            self.name.setFocus()
            return
        try:
            save_group_profile(self.values())
            save_letter_options(LetterOptions(self.paper.currentData(),
                                              self.not_a_receipt.isChecked(),
                                              self.in_kind_values.isChecked()))
            from cars_desktop.store import settings

            settings.save({settings.TITLE_FR: self.title_fr.text().strip() or None,
                           settings.RECEIPTS_ON: self.registered.isChecked()
                           and self.issues_receipts.isChecked()})
        except ValidationError as err:
            first = None
            for name, message in err.errors.items():
                label = self.errors.get(name, self.general_error)
                label.show_message(message if not label.isVisible() else
                                   f"{label.text()[2:]} {message}")
                first = first or self.fields.get(name)
            if first is not None:
                first.setFocus()
            self.adjustSize()  # room for the messages, nothing cut off
            return
        except StoreError as err:
            messages.critical(self, _("Not saved"), str(err))
            return
        self.saved = True
        self.accept()
