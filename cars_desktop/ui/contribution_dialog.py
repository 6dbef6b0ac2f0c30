"""Recording a contribution, built for speed: type part of the partner's name, the amount as
people write it, Enter saves and starts the next one with the same date (and says so) and
payment method. What does not apply to the family, kind or status is hidden, in room kept for
it: switching them moves neither them nor the buttons."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core import validation, vocab
from cars_desktop.core.kinds import of_family
from cars_desktop.core.money import MoneyError, format_money, parse_money
from cars_desktop.core.receipts import receipt_advice
from cars_desktop.core.text import end_sentence, format_count
from cars_desktop.i18n import N_, _, ngettext
from cars_desktop.store import contributions, funds
from cars_desktop.store.errors import StoreError
from cars_desktop.store.models import ContactPerson
from cars_desktop.store.profile import group_profile
from cars_desktop.ui import messages
from cars_desktop.ui.date_field import DateField
from cars_desktop.ui.entered_twice import save_anyway, twin_key
from cars_desktop.ui.form_dialog import FormDialog
from cars_desktop.ui.partner_picker import PartnerPicker
from cars_desktop.ui.widgets import fill_combo, muted, set_combo, side_by_side

# What the last contribution entered used, for the next one (this session only). Not its date:
# a new gift starts on today, and only "Save and add next" keeps a date, saying so.
_REMEMBERED: dict[str, Any] = {}
FAMILY_BUTTONS = {"cash": N_("&Cash"), "in_kind": N_("Gift &in kind")}  # Alt+C, Alt+I
DETAILS = validation.CONTRIBUTION_DETAILS  # the rows only some contributions show


class ContributionDialog(FormDialog):
    """A new contribution (from `partner_id` when given) or, with `contribution_id`, an
    existing one. `saved_ids` lists what was saved while the dialog was open."""

    def __init__(self, parent: QWidget | None = None, contribution_id: int | None = None,
                 partner_id: int | None = None) -> None:
        super().__init__(parent)
        self.contribution_id = contribution_id
        self.saved_ids: list[int] = []
        self.registered = bool(group_profile().charity_number)  # a registered charity
        self._pledges: dict[int, contributions.OpenPledge] = {}
        self._carried_purpose = ""  # the purpose last copied from a pledge
        self.setWindowTitle(_("New contribution") if contribution_id is None
                            else _("Edit contribution"))
        self.setMinimumWidth(620)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

        self.partner = PartnerPicker()
        self.partner.setObjectName("partner")
        self.partner.chosen.connect(self._partner_changed)
        new_partner = QPushButton(_("New partner…"))
        new_partner.setAutoDefault(False)
        new_partner.clicked.connect(self._new_partner)
        self._row("partner_id", _("&Partner"), self.partner, beside=new_partner)
        self.contact = self._row("contact_id", _("Through"), QComboBox())
        self.contact.setToolTip(_("The contact person it came through"))

        families = QWidget()
        family_row = QHBoxLayout(families)
        family_row.setContentsMargins(0, 0, 0, 0)
        self.family_group = QButtonGroup(self)
        self.family_buttons = {}
        for term in vocab.CONTRIBUTION_FAMILIES:
            button = QRadioButton(_(FAMILY_BUTTONS[term.code]))
            button.setObjectName(f"family_{term.code}")
            self.family_group.addButton(button)
            self.family_buttons[term.code] = button
            family_row.addWidget(button)
            button.toggled.connect(self._family_changed)
        family_row.addStretch()
        self._row("family", _("Family"), families)
        self.kind = self._row("kind", _("&Kind"), QComboBox())
        self.kind.currentIndexChanged.connect(self._update)
        self.status = self._row("status", _("&Status"), QComboBox())
        fill_combo(self.status, vocab.CONTRIBUTION_STATUSES)
        self.status.currentIndexChanged.connect(self._update)
        self.amount = self._row("amount_cents", _("&Amount"), QLineEdit())
        self.amount.setPlaceholderText(_("for example 125.50 or 1 234,56"))
        self.amount.editingFinished.connect(self._tidy_amount)
        self.amount.textChanged.connect(self._update_advice)
        self.description = self._row("description", _("&What was given"), QLineEdit())
        self.description.setPlaceholderText(_("In the words of a thank-you letter: 12 turkeys, "
                                            "snow clearing…"))
        self.date = self._row("date", _("&Date received"), DateField())
        self.expected = self._row("date_expected", _("E&xpected by"), DateField())
        self.date.setAccessibleName(_("Date received"))
        self.expected.setAccessibleName(_("Expected by"))
        self.pledge = self._row("pledge_id", _("F&ulfils pledge"), QComboBox())
        self.pledge.setToolTip(_("A payment on one of the partner's open pledges"))
        self.pledge.currentIndexChanged.connect(self._carry_purpose)
        self.status.currentIndexChanged.connect(self._carry_purpose)
        self.method = self._row("payment_method", _("Pa&yment"), QComboBox())
        self.method.addItem("—", "")
        fill_combo(self.method, vocab.PAYMENT_METHODS, clear=False)
        self.reference = self._row("reference", _("&Reference"), QLineEdit())
        self.reference.setPlaceholderText(_("Cheque or transaction number"))
        self.hours = self._row("minutes", _("&Hours given"), QLineEdit())
        self.hours.setPlaceholderText(_("for example 3, 2.5 or 1:30"))
        self.valued_by = self._row("valued_by", _("&Valued by"), QLineEdit())
        self.valued_by.setPlaceholderText(_("Who estimated the value (a quote, the partner, …)"))
        # the receipt of an appraised gift in kind names its appraiser: both on one line
        self.appraised = QCheckBox(_("Appraised independently &by"))
        self.appraiser = QLineEdit()
        self.appraiser.setObjectName("appraiser")
        self.appraiser.setPlaceholderText(_("The appraiser's name and address"))
        self.appraiser.setAccessibleName(_("Appraiser's name and address"))
        self.appraiser.textEdited.connect(lambda text: text and self.appraised.setChecked(True))
        self.appraiser.textChanged.connect(self._update_advice)
        self.appraised.toggled.connect(self._update_advice)
        self._row("appraised", "", side_by_side(self.appraised, (self.appraiser, 1)))
        self.fields["appraiser"] = self.appraiser
        self.errors["appraiser"] = self.errors["appraised"]
        self.credited = PartnerPicker()
        self.credited.setPlaceholderText(_("The employee who gave, or the employer who matched"))
        self._row("credited_partner_id", _("Credited &to"), self.credited)
        self.purpose = QLineEdit()
        self.purpose.setPlaceholderText(_("Project, event or campaign"))
        self.fund = QComboBox()  # beside what it was for: one more row would not fit
        self.fund.setObjectName("fund_id")
        self.fund.setAccessibleName(_("Fund or campaign"))
        self._row("purpose", _("F&or"), self.purpose, beside=self.fund)
        self.fields["fund_id"], self.errors["fund_id"] = self.fund, self.errors["purpose"]
        self.advantage = QLineEdit()
        self.advantage.setObjectName("advantage_cents")
        self.advantage.setPlaceholderText(_("Value, if any"))
        self.advantage.textChanged.connect(self._update_advice)
        self.advantage_text = QLineEdit()
        self.advantage_text.setObjectName("advantage_description")
        self.advantage_text.setPlaceholderText(_("What they received (a dinner ticket…)"))
        self.advantage.setAccessibleName(_("Advantage received: value"))
        self.advantage_text.setAccessibleName(_("Advantage received: what they received"))
        self._row("advantage_cents", _("Advanta&ge received"),
                  side_by_side((self.advantage, 1), (self.advantage_text, 2)))
        self.fields["advantage_description"] = self.advantage_text
        self.errors["advantage_description"] = self.errors["advantage_cents"]
        self.notes = self._row("notes", _("Not&es"), QPlainTextEdit())
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(54)
        self.date_note = QLabel(_("Date kept from the last gift you saved."))
        self.date_note.setObjectName("dateKept")
        muted(self.date_note)
        date_row, _column = self.form.getWidgetPosition(self.date)
        self.form.insertRow(date_row + 2, "", self.date_note)  # under the date and its error
        self.form.setRowVisible(self.date_note, False)
        self.date.dateChanged.connect(lambda: self.form.setRowVisible(self.date_note, False))

        self.advice = QLabel()
        self.advice.setObjectName("receiptAdvice")
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.PlainText)
        muted(self.advice)
        # two lines kept for it, so that a longer piece of advice does not push the buttons
        self.advice.setMinimumHeight(2 * self.advice.fontMetrics().lineSpacing())
        self.thanked = QLabel()
        self.thanked.setObjectName("thankedState")
        self.thanked.setTextFormat(Qt.TextFormat.PlainText)  # may hold a file's tribute
        self.thanked.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.save_next = self.buttons.addButton(_("Save and add &next"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.save_close = self.buttons.addButton(_("Save and c&lose"),
                                                 QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_next.setDefault(True)
        self.save_next.clicked.connect(lambda: self.save(next_one=True))
        self.save_close.clicked.connect(lambda: self.save(next_one=False))
        self.buttons.rejected.connect(self.reject)
        if contribution_id is not None:
            self.save_next.hide()
            self.save_close.setText(_("Save"))  # Enter; its letters are all taken
            self.save_close.setDefault(True)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedMessage")
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)  # it names the partner
        self.saved_label.setMinimumHeight(self.saved_label.fontMetrics().lineSpacing())

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)  # room for rows to come: the rows above it never spread out
        layout.addWidget(self.advice)
        layout.addWidget(self.thanked)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.buttons)

        if contribution_id is None:
            self._set_values({"partner_id": partner_id, "family": "cash", "kind": "one_time",
                              "status": "received", "date": dt.date.today(),
                              "payment_method": _REMEMBERED.get("payment_method", "")})
            self._loaded_twin: tuple = ()
        else:
            loaded = contributions.load_contribution(contribution_id)
            self._set_values(loaded)
            self._loaded_twin = twin_key(loaded)
        self.remember_values()
        self._keep_room()
        (self.amount if partner_id or contribution_id else self.partner).setFocus()

    # Building

    def _row(self, field: str, label: str, widget: QWidget, beside: QWidget | None = None):
        return self.add_row(self.form, field, label, widget, beside)

    def _keep_room(self) -> None:
        """Make the dialog as tall as the most rows any family, kind and status shows, and the
        kept date's note, so that switching them never resizes it or moves its buttons."""
        shown = sum(self.form.isRowVisible(self.fields[f]) for f in DETAILS)
        row = max(0, self.form.verticalSpacing()) + max(
            self.fields[f].sizeHint().height() for f in DETAILS)  # fields outgrow their labels
        room = (validation.MOST_CONTRIBUTION_DETAILS + 1 - shown) * row
        self.setMinimumHeight(self.sizeHint().height() + room)

    def _show_row(self, field: str, shown: bool) -> None:
        row, _column = self.form.getWidgetPosition(self.fields[field])
        self.form.setRowVisible(row, shown)
        if not shown:
            self.errors[field].show_message("")

    # Values in and out

    def _set_values(self, values: dict[str, Any]) -> None:
        self._carried_purpose = ""
        self.purpose.setText(values.get("purpose") or "")  # before a pledge proposes its own
        self.family_buttons[values.get("family") or "cash"].setChecked(True)
        self._fill_kinds()
        set_combo(self.kind, values.get("kind"))
        set_combo(self.status, values.get("status"))
        self.partner.set_partner(values.get("partner_id"))
        self._partner_changed(values.get("partner_id"), keep_pledge=values.get("pledge_id"))
        if values.get("contact_id"):  # otherwise the partner's primary contact stays chosen
            set_combo(self.contact, values.get("contact_id"))
        if self.contribution_id is not None:  # as saved, its purpose unchanged
            with QSignalBlocker(self.pledge):
                set_combo(self.pledge, values.get("pledge_id"))
        cents = values.get("amount_cents")
        self.amount.setText(format_money(cents) if cents else "")
        self.date.setDate(values.get("date") or dt.date.today())
        expected = values.get("date_expected") or dt.date.today() + dt.timedelta(days=30)
        self.expected.setDate(expected)
        set_combo(self.method, values.get("payment_method") or "")
        self.reference.setText(values.get("reference") or "")
        minutes = values.get("minutes") or 0
        self.hours.setText(f"{minutes // 60}:{minutes % 60:02d}" if minutes else "")
        self.valued_by.setText(values.get("valued_by") or "")
        self.description.setText(values.get("description") or "")
        self.appraised.setChecked(bool(values.get("appraised")))
        self.appraiser.setText(values.get("appraiser") or "")
        self.credited.set_partner(values.get("credited_partner_id"))
        advantage = values.get("advantage_cents") or 0
        self.advantage.setText(format_money(advantage) if advantage else "")
        self.advantage_text.setText(values.get("advantage_description") or "")
        self.notes.setPlainText(values.get("notes") or "")
        self.thanked.setText(contributions.thanks_note(values))
        self.fund.clear()
        self.fund.addItem(_("No fund or campaign"), None)
        for fund_id, name in funds.fund_choices(keep=values.get("fund_id")):
            self.fund.addItem(name, fund_id)
        set_combo(self.fund, values.get("fund_id"))
        self._update()

    def values(self) -> dict[str, Any]:
        return {
            "partner_id": self.partner.partner_id,
            "contact_id": self.contact.currentData(),
            "family": next(c for c, b in self.family_buttons.items() if b.isChecked()),
            "kind": self.kind.currentData(),
            "status": self.status.currentData(),
            "amount": self.amount.text(),
            "date": self.date.date().toPython(),
            "date_expected": self.expected.date().toPython(),
            "pledge_id": self.pledge.currentData(),
            "payment_method": self.method.currentData(),
            "reference": self.reference.text(),
            "hours": self.hours.text(),
            "valued_by": self.valued_by.text(),
            "description": self.description.text(),
            "appraised": self.appraised.isChecked(),
            "appraiser": self.appraiser.text(),
            "credited_partner_id": self.credited.partner_id,
            "purpose": self.purpose.text(),
            "fund_id": self.fund.currentData(),
            "advantage": self.advantage.text(),
            "advantage_description": self.advantage_text.text(),
            "notes": self.notes.toPlainText(),
        }

    # Reacting to choices

    def _partner_changed(self, partner_id: int | None, keep_pledge: int | None = None) -> None:
        self.contact.clear()
        self.contact.addItem("—", None)
        self.pledge.clear()
        self.pledge.addItem(_("No: a gift on its own"), None)
        self._pledges = {}
        if partner_id:
            for person in ContactPerson.select().where(ContactPerson.partner == partner_id) \
                    .order_by(*ContactPerson.in_order()):
                self.contact.addItem(person.name, person.id)
            if self.contact.count() > 1:
                self.contact.setCurrentIndex(1)  # the primary contact
            for pledge in contributions.open_pledges(partner_id, keep=keep_pledge):
                self.pledge.addItem(pledge.label(), pledge.id)
                self._pledges[pledge.id] = pledge
        if self.contribution_id is None and self.status.currentData() == "received" and \
                self.pledge.count() > 1:
            self.pledge.setCurrentIndex(1)  # a payment on the oldest open pledge, proposed
        self._update()

    def _carry_purpose(self) -> None:
        """A payment on a pledge is for what the pledge was for, unless something else was
        typed; choosing no pledge takes back what was carried."""
        pledge = self._pledges.get(self.pledge.currentData()) \
            if self.status.currentData() == "received" else None
        if self.purpose.text() in ("", self._carried_purpose):
            self._carried_purpose = pledge.purpose if pledge else ""
            self.purpose.setText(self._carried_purpose)

    def _fill_kinds(self) -> None:
        family = next((c for c, b in self.family_buttons.items() if b.isChecked()), "cash")
        kinds = of_family(family)
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        fill_combo(self.kind, kinds)
        set_combo(self.kind, current)
        self.kind.blockSignals(False)

    def _family_changed(self, checked: bool) -> None:
        if checked:
            self._fill_kinds()
            self._update()

    def _update(self) -> None:
        """Show what applies to this family, kind and status; name the fields for it."""
        in_kind = self.family_buttons["in_kind"].isChecked()
        kind, status = self.kind.currentData(), self.status.currentData()
        pledged, received = status == "pledged", status == "received"
        label = self.form.labelForField
        label(self.amount).setText(_("Estimated v&alue") if in_kind else _("&Amount"))
        label(self.date).setText(_("&Date promised") if pledged else _("&Date received")
                                 if received else _("&Date"))
        applies = validation.contribution_fields("in_kind" if in_kind else "cash", kind, status)
        for field in DETAILS:
            self._show_row(field, field in applies and (field != "pledge_id"
                                                        or self.pledge.count() > 1))
        self._update_advice()

    def _update_advice(self) -> None:
        try:
            amount = parse_money(self.amount.text()) if self.amount.text().strip() else 0
            advantage = parse_money(self.advantage.text()) \
                if self.advantage.text().strip() else 0
        except MoneyError:
            self.advice.setText("")
            return
        advice = receipt_advice(self.kind.currentData() or "", self.status.currentData() or "",
                                amount, advantage, self.appraised.isChecked(),
                                in_kind=self.family_buttons["in_kind"].isChecked(),
                                registered=self.registered, appraiser=self.appraiser.text())
        self.advice.setText(advice.sentence())

    def _tidy_amount(self) -> None:
        """Show the amount as it will be kept ("1 234,5" → "$1,234.50"), or say what is wrong."""
        text = self.amount.text()
        if not text.strip():
            return
        try:
            self.amount.setText(format_money(parse_money(text)))
            self.errors["amount_cents"].show_message("")
        except MoneyError as err:
            self.errors["amount_cents"].show_message(str(err))

    def _new_partner(self) -> None:
        if self.partner.add_new(self):
            self.amount.setFocus()

    # Saving

    def save(self, next_one: bool) -> None:
        if not self.ready_to_save():
            return  # the date said under its field was not what was typed
        values = self.values()
        try:
            cleaned = validation.validate_contribution(values)
            if twin_key(cleaned) != self._loaded_twin and \
                    not save_anyway(self, cleaned, self.contribution_id):
                return
            cleaned_id = contributions.save_contribution(values, self.contribution_id)
        except validation.ValidationError as err:
            self._show_errors(err.errors)
            return
        except StoreError as err:  # the disk said no: everything typed stays in the form
            messages.critical(self, _("Not saved"),
                                 _("The contribution could not be saved, and nothing was "
                                   "changed.\n\n{err}").format(err=err))
            return
        self.saved_ids.append(cleaned_id)
        if self.contribution_id is None:  # an old gift corrected says nothing of the next one
            _REMEMBERED.update(payment_method=values["payment_method"])
        if not next_one:
            self.accept()
            return
        partner_name = self.partner.text()
        self._show_errors({})
        self._set_values({"family": values["family"], "kind": values["kind"],
                          "status": "received", "date": values["date"],
                          "payment_method": values["payment_method"]})
        self.form.setRowVisible(self.date_note, values["date"] != dt.date.today())
        self.remember_values()  # the next one starts unchanged
        count = len(self.saved_ids)
        self.saved_label.setText(ngettext("✓ Saved: {partner} {n} contribution recorded this time.",
                     "✓ Saved: {partner} {n} contributions recorded this time.", count).format(
                partner=end_sentence(partner_name), n=format_count(count)))
        self.partner.setFocus()

    def _show_errors(self, errors: dict[str, str]) -> None:
        shown = dict(errors)
        if "advantage_description" in errors:  # the advantage's two fields share one line
            shown["advantage_cents"] = " ".join(filter(None, (
                errors.get("advantage_cents", ""), errors["advantage_description"])))
        first = self.show_errors(shown)
        if first is not None:
            first.setFocus()

    def reject(self) -> None:
        if not self.saved_ids:
            super().reject()  # after the unsaved-changes prompt
        elif self.may_close():
            self.accept()  # what was saved with "Save and add next" is kept: the list refreshes
