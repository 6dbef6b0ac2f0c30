"""How the group's receipts are made (Official receipts › Settings…): where they are issued,
what begins their numbers, English and French together, and the scanned signature they
bear, with the Canada Revenue Agency's conditions for a signature that is not handwritten."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.i18n import N_, _
from cars_desktop.store import settings
from cars_desktop.store.database import transaction
from cars_desktop.store.errors import StoreError
from cars_desktop.store.profile import group_profile
from cars_desktop.ui.widgets import ErrorLabel, fit_to_screen, plain_label

_PREFIX = re.compile(r"[A-Za-z0-9{}\-/ ]{0,20}")

# the conditions, from the CRA's page "Computer-generated receipts"
FACSIMILE = N_(
    "The Canada Revenue Agency accepts receipts made by a computer when they hold all the "
    "required information, are clear and easy to read, and their data cannot be altered and "
    "is protected from unauthorized access: a password on this computer, backups kept "
    "elsewhere. A facsimile (scanned) signature is accepted on receipts distinctively "
    "imprinted with the charity's name, address and registration number and serially "
    "numbered, as CARS Desktop prints and numbers them. Keep the scanned signature where only "
    "the people who issue receipts can reach it.")


class ReceiptSettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Receipt settings"))
        self.saved = False
        profile = group_profile()
        self._signature = bytes(profile.signature) if profile.signature else None
        form = QFormLayout()
        self.place = QLineEdit(settings.get(settings.RECEIPT_PLACE))
        self.place.setObjectName("receiptPlace")
        self.place.setPlaceholderText(", ".join(p for p in (profile.city, profile.province)
                                                if p))
        form.addRow(_("&Place issued"), self.place)
        self.prefix = QLineEdit(settings.get(settings.RECEIPT_PREFIX))
        self.prefix.setObjectName("receiptPrefix")
        self.prefix.setToolTip(_("What begins each receipt number; {year} is the year it is "
                                 "issued: {year}- gives 2027-0001"))
        form.addRow(_("Numbers &begin with"), self.prefix)
        self.prefix_error = ErrorLabel()
        form.addRow("", self.prefix_error)
        self.both = QCheckBox(_("Every receipt in &English and French"))
        self.both.setObjectName("receiptBothLanguages")
        self.both.setToolTip(_("Quebec's usage; otherwise each receipt is in its donor's "
                               "language"))
        self.both.setChecked(settings.get(settings.RECEIPT_BOTH))
        form.addRow("", self.both)
        self.picture = QLabel()
        self.picture.setObjectName("signaturePicture")
        self.picture.setFixedSize(260, 70)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        choose = QPushButton(_("&Choose the scanned signature…"))
        choose.setObjectName("chooseSignature")
        choose.clicked.connect(self.choose_signature)
        self.remove = QPushButton(_("&Remove"))
        self.remove.setObjectName("removeSignature")
        self.remove.clicked.connect(lambda: self._show_signature(None))
        row = QHBoxLayout()
        row.addWidget(self.picture)
        row.addWidget(choose)
        row.addWidget(self.remove)
        row.addStretch()
        form.addRow(_("Signature"), row)
        self.signature_error = ErrorLabel()
        form.addRow("", self.signature_error)
        rules = plain_label(_(FACSIMILE))
        rules.setWordWrap(True)
        rules.setObjectName("facsimileRules")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(rules)
        layout.addWidget(buttons)
        self._show_signature(self._signature)
        fit_to_screen(self, 640, 420)

    def choose_signature(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self, _("The scanned signature"), "", _("Pictures (*.png *.jpg *.jpeg)"))
        if path:
            self.set_signature_file(path)

    def set_signature_file(self, path: str) -> None:
        from cars_desktop.documents.letterhead import prepare_logo

        try:
            with open(path, "rb") as file:
                data = file.read(25_000_001)
            if len(data) > 25_000_000:
                raise ValueError(_("That file is over 25 MB: choose a PNG or JPEG image."))
            self._show_signature(prepare_logo(data))
        except OSError as err:
            self.signature_error.show_message(_("That file cannot be read: {strerror}.").format(
                strerror=err.strerror))
        except ValueError as err:
            self.signature_error.show_message(str(err))

    def _show_signature(self, data: bytes | None) -> None:
        self._signature = data
        self.signature_error.show_message("")
        picture = QPixmap()
        if data and picture.loadFromData(data):
            self.picture.setPixmap(picture.scaled(self.picture.size(),
                                                  Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))
        else:
            self.picture.setPixmap(QPixmap())
            self.picture.setText(_("No signature: receipts are signed by hand"))
        self.remove.setEnabled(data is not None)

    def save(self) -> None:
        prefix = self.prefix.text().strip()
        if not _PREFIX.fullmatch(prefix):
            self.prefix_error.show_message(_("Use letters, digits, dashes, slashes and {year} "
                                             "only, up to 20 characters."))
            return
        try:
            with transaction():
                settings.save({settings.RECEIPT_PLACE: self.place.text().strip() or None,
                               settings.RECEIPT_PREFIX: prefix or None,
                               settings.RECEIPT_BOTH: self.both.isChecked()})
                profile = group_profile()
                profile.signature = self._signature
                profile.save()
        except StoreError as err:
            self.signature_error.show_message(str(err))
            return
        self.saved = True
        self.accept()
