"""The dialogs of the Maintenance tab: a review of one partnership against the checklist,
an entry of the communication log, the checklist itself, and the attention settings."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core import vocab
from cars_desktop.core.validation import ValidationError
from cars_desktop.i18n import N_, _
from cars_desktop.store import maintenance, settings
from cars_desktop.store.errors import StoreError
from cars_desktop.store.models import Partner, Review
from cars_desktop.ui import messages
from cars_desktop.ui.date_field import DateField, refused_date
from cars_desktop.ui.widgets import ErrorLabel, fill_combo, fit_to_screen, muted, plain_label


def _date_edit(day: dt.date, latest: dt.date | None = None) -> DateField:
    edit = DateField(day)
    if latest:
        edit.setMaximumDate(latest)
    return edit


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.ActionRole)
    ok.setDefault(True)
    ok.clicked.connect(dialog.save)
    box.rejected.connect(dialog.reject)
    return box


class ReviewDialog(QDialog):
    """Reviewing one partnership: each practice done, needing attention or not applicable,
    with a short note. It starts from the latest review, and a review already made today is
    continued rather than doubled."""

    def __init__(self, parent: QWidget | None, partner_id: int,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.partner_id = partner_id
        self.today = today or dt.date.today()
        partner = Partner.get_by_id(partner_id)
        self.setWindowTitle(_("Review: {name}").format(name=partner.name))
        self.saved_id: int | None = None
        latest = maintenance.latest_reviews([partner_id])[partner_id]
        self.review_id = latest.review_id if latest.date == self.today else None

        last_review = Review.get_by_id(latest.review_id) if latest.review_id else None
        self.date = _date_edit(self.today, self.today)
        self.reviewer = QLineEdit(last_review.reviewer if last_review else "")
        self.reviewer.setPlaceholderText(_("Who took part"))
        interval = settings.get(settings.REVIEW_MONTHS)
        continuing = self.review_id is not None and last_review is not None
        self.next_due = _date_edit(last_review.next_due if continuing and last_review.next_due
                                   else maintenance.add_months(self.today, interval))
        head = QFormLayout()
        head.addRow(_("&Date"), self.date)
        head.addRow(_("&By"), self.reviewer)

        grid = QGridLayout()
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(4, 2)
        for column, title in enumerate((_("Practice"), _("Done"), _("Needs attention"),
                                        _("Not applicable"), _("Note"))):
            label = QLabel(f"<b>{escape(title)}</b>")
            grid.addWidget(label, 0, column)
        self.rows: dict[int, tuple[QButtonGroup, QLineEdit]] = {}
        for line, practice in enumerate(maintenance.practices(), start=1):
            text = plain_label(f"{line}. {practice.text}")
            text.setWordWrap(True)
            text.setToolTip(practice.text_fr)
            grid.addWidget(text, line, 0)
            group = QButtonGroup(self)
            previous = latest.marks.get(practice.id)
            for column, code in enumerate(("done", "attention", "na"), start=1):
                button = QRadioButton()
                button.setObjectName(f"mark_{practice.id}_{code}")
                button.setAccessibleName(f"{practice.text}: "
                                         f"{vocab.REVIEW_MARKS.label(code)}")
                button.setChecked(previous is not None and previous.mark == code)
                group.addButton(button)
                group.setId(button, column)
                grid.addWidget(button, line, column, Qt.AlignmentFlag.AlignCenter)
            note = QLineEdit(previous.note if previous else "")
            note.setObjectName(f"note_{practice.id}")
            grid.addWidget(note, line, 4)
            self.rows[practice.id] = (group, note)
        grid.setRowStretch(len(self.rows) + 1, 1)  # rows keep their height; space goes below
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)

        tail = QFormLayout()
        tail.addRow(_("&Next review"), self.next_due)
        self.notes = QPlainTextEdit(last_review.notes if continuing else "")
        self.notes.setFixedHeight(50)
        self.notes.setTabChangesFocus(True)
        tail.addRow(_("N&otes"), self.notes)
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        title = QLabel(
            _("<h3>Review of the partnership with {name}</h3>").format(
                name=escape(partner.name)
            )
        )
        title.setObjectName("reviewTitle")
        layout.addWidget(title)
        if latest.date:
            since = QLabel(_("Continuing today's review.") if continuing else
                           _("Starting from the review of {date:%Y-%m-%d}: change what is "
                             "different now.").format(date=latest.date))
            muted(since)
            layout.addWidget(since)
        hint = QLabel(_("Mark each practice; a practice left unmarked is not recorded."))
        muted(hint)
        layout.addLayout(head)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        layout.addLayout(tail)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, _("&Save review")))
        fit_to_screen(self, 860, 640)

    def marks(self) -> dict[int, maintenance.Mark]:
        codes = {1: "done", 2: "attention", 3: "na"}
        return {pid: maintenance.Mark(codes[group.checkedId()], note.text())
                for pid, (group, note) in self.rows.items() if group.checkedId() in codes}

    def save(self) -> None:
        if refused_date(self):
            return
        marks = self.marks()
        if not marks:
            self.error.show_message(_("Mark at least one practice."))
            return
        try:
            self.saved_id = maintenance.save_review(
                self.partner_id, self.date.date().toPython(), marks,
                self.next_due.date().toPython(), self.reviewer.text(), self.notes.toPlainText(),
                self.review_id)
        except ValidationError as err:
            self.error.show_message(" ".join(err.errors.values()))
            return
        except StoreError as err:
            messages.critical(self, _("Not saved"), str(err))
            return
        self.accept()


class LogContactDialog(QDialog):
    """One entry of the communication log: a meeting, call, email, visit, event or letter."""

    def __init__(self, parent: QWidget | None, partner_id: int) -> None:
        super().__init__(parent)
        self.partner_id = partner_id
        self.saved_id: int | None = None
        self.setWindowTitle(
            _("Log a contact: {name}").format(name=Partner.get_by_id(partner_id).name)
        )
        today = dt.date.today()
        form = QFormLayout(self)
        self.date = _date_edit(today, today)
        form.addRow(_("&Date"), self.date)
        self.kind = QComboBox()
        fill_combo(self.kind, vocab.INTERACTION_KINDS)
        form.addRow(_("&How"), self.kind)
        self.who = QLineEdit()
        self.who.setPlaceholderText(_("Who you spoke with"))
        form.addRow(_("&With"), self.who)
        self.summary = QPlainTextEdit()
        self.summary.setFixedHeight(70)
        self.summary.setTabChangesFocus(True)
        form.addRow(_("&About"), self.summary)
        self.summary_error = ErrorLabel()
        form.addRow("", self.summary_error)
        follow = QHBoxLayout()
        self.has_follow_up = QCheckBox(_("Follow up on"))
        self.follow_up = _date_edit(today + dt.timedelta(days=14))
        self.follow_up.setEnabled(False)
        self.has_follow_up.toggled.connect(self.follow_up.setEnabled)
        follow.addWidget(self.has_follow_up)
        follow.addWidget(self.follow_up, 1)
        form.addRow("", follow)
        self.error = ErrorLabel()
        form.addRow("", self.error)
        form.addRow(_buttons(self, _("&Save")))

    def save(self) -> None:
        if refused_date(self):
            return
        try:
            self.saved_id = maintenance.log_contact(
                self.partner_id, self.date.date().toPython(), self.kind.currentData(),
                self.who.text(), self.summary.toPlainText(),
                self.follow_up.date().toPython() if self.has_follow_up.isChecked() else None)
        except ValidationError as err:
            self.summary_error.show_message(err.errors.get("summary", ""))
            self.error.show_message(" ".join(m for f, m in err.errors.items()
                                             if f != "summary"))
            return
        except StoreError as err:
            messages.critical(self, _("Not saved"), str(err))
            return
        self.accept()


class ChecklistDialog(QDialog):
    """The group's own list of maintenance practices: reword, reorder, add, retire."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Maintenance checklist"))
        self.changed = False
        self.list = QListWidget()
        self.list.setObjectName("practices")
        self.english, self.french = QLineEdit(), QLineEdit()
        self.english.setPlaceholderText(_("The practice, in English"))
        self.french.setPlaceholderText(_("En français (optional)"))
        self.list.setAccessibleName(_("Practices"))
        self.list.setAccessibleDescription(_("The group's maintenance practices, in order"))
        self.english.setAccessibleName(_("The practice, in English"))
        self.french.setAccessibleName(_("The practice, in French"))
        self.error = ErrorLabel()
        buttons = QVBoxLayout()
        for text, slot in ((_("&Add"), self.add), (_("&Save wording"), self.reword),
                           (_("Move &up"), lambda: self.move(-1)),
                           (_("Move &down"), lambda: self.move(1)), (_("&Retire"), self.retire)):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        self.list.currentItemChanged.connect(self._show)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.english)
        left.addWidget(self.french)
        left.addWidget(self.error)
        hint = QLabel(_("A retired practice leaves the checklist; past reviews keep it."))
        muted(hint)
        left.addWidget(hint)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(buttons)
        fit_to_screen(self, 640, 460)
        self._load()

    def _load(self, select: int | None = None) -> None:
        self.list.clear()
        for number, practice in enumerate(maintenance.practices(), start=1):
            item = QListWidgetItem(f"{number}. {practice.text}")
            item.setData(Qt.ItemDataRole.UserRole, (practice.id, practice.text_en,
                                                    practice.text_fr))
            self.list.addItem(item)
            if practice.id == select:
                self.list.setCurrentItem(item)

    def _selected(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole)[0] if item else None

    def _show(self, item) -> None:
        if item is not None:
            _unused, english, french = item.data(Qt.ItemDataRole.UserRole)
            self.english.setText(english)
            self.french.setText(french)

    def _do(self, change) -> None:
        try:
            select = change()
        except ValidationError as err:
            self.error.show_message(" ".join(err.errors.values()))
            return
        except StoreError as err:
            messages.critical(self, _("Not changed"), str(err))
            return
        self.error.show_message("")
        self.changed = True
        self._load(select)

    def add(self) -> None:
        self._do(lambda: maintenance.save_practice(self.english.text(), self.french.text()))

    def reword(self) -> None:
        practice = self._selected()
        if practice is not None:
            self._do(lambda: maintenance.save_practice(self.english.text(), self.french.text(),
                                                       practice))

    def move(self, steps: int) -> None:
        practice = self._selected()
        if practice is not None:
            self._do(lambda: (maintenance.move_practice(practice, steps), practice)[1])

    def retire(self) -> None:
        practice = self._selected()
        if practice is None:
            return
        answer = messages.question(
            self,
            _("Retire this practice?"),
            _(
                "Take “{text}” off the checklist? Past reviews keep what was marked against it."
            ).format(text=self.list.currentItem().text()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._do(lambda: maintenance.retire_practice(practice))


class AttentionSettingsDialog(QDialog):
    """The numbers behind "what needs attention", and how often a partnership is reviewed."""

    FIELDS = (
        (settings.THANK_WITHIN_DAYS, N_("Thank within"), N_(" days"), 1, 365),
        (settings.CONTACT_EVERY_MONTHS, N_("Be in touch every"), N_(" months"), 1, 60),
        (settings.SUCCESS_DAYS, N_("Celebrate gifts of the last"), N_(" days"), 1, 365),
        (settings.REVIEW_MONTHS, N_("Review each partnership every (new reviews)"), N_(" months"),
         1, 60),
    )

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("What needs attention: settings"))
        form = QFormLayout(self)
        self.spins: dict[settings.Setting, QSpinBox] = {}
        for key, label, unit, low, high in self.FIELDS:
            spin = QSpinBox()
            spin.setRange(low, high)
            spin.setSuffix(_(unit))
            spin.setValue(settings.get(key))
            form.addRow(_(label), spin)
            self.spins[key] = spin
        self.large = QSpinBox()
        self.large.setRange(1, 1_000_000)
        self.large.setPrefix("$")
        self.large.setValue(settings.get(settings.LARGE_GIFT_CENTS) // 100)
        form.addRow(_("A large gift is from"), self.large)
        form.addRow(_buttons(self, _("&Save")))

    def save(self) -> None:
        values = {key: spin.value() for key, spin in self.spins.items()}
        values[settings.LARGE_GIFT_CENTS] = self.large.value() * 100
        try:
            settings.save(values)
        except StoreError as err:
            messages.critical(self, _("Not saved"), str(err))
            return
        self.accept()
