"""Merging two partners who are one: choosing the other partner, then the merge window with both
side by side, what moves, and a choice wherever their details differ. The merge itself is
`store.merge.merge_partners`."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core import vocab
from cars_desktop.core.text import format_count, listing
from cars_desktop.i18n import N_, _, ngettext
from cars_desktop.store import merge
from cars_desktop.store.errors import StoreError
from cars_desktop.store.models import Partner
from cars_desktop.ui import messages
from cars_desktop.ui.form_dialog import FormDialog
from cars_desktop.ui.partner_picker import PartnerPicker
from cars_desktop.ui.widgets import (
    ErrorLabel,
    ask,
    choose_one,
    fit_to_screen,
    muted,
    plain_label,
    plain_tip,
)

FIELD_LABELS = {
    "name": N_("Name"), "kind": N_("Kind"), "sector": N_("Sector"),
    "partnership_type": N_("Type"), "status": N_("Status"), "shared_goal": N_("Shared goal"),
    "strengths": N_("Strengths"), "address_line1": N_("Address"),
    "address_line2": N_("Address, second line"), "city": N_("Community"),
    "province": N_("Province"), "postal_code": N_("Postal code"), "country": N_("Country"),
    "phone": N_("Phone"), "email": N_("Email"), "website": N_("Website"),
    "language": N_("Language"), "notes": N_("Notes"), "partner_since": N_("Partner since"),
    "recognition": N_("Thanked in public"), "recognition_wording": N_("Wording"),
}
_VOCABULARIES = {"kind": vocab.PARTNER_KINDS, "sector": vocab.SECTORS,
                 "partnership_type": vocab.PARTNERSHIP_TYPES, "status": vocab.PARTNER_STATUSES,
                 "province": vocab.PROVINCES, "language": vocab.LANGUAGES,
                 "recognition": vocab.RECOGNITIONS}
_SHOWN = 40  # letters of a long text shown on its choice; the whole text in its tooltip


def shown_value(field: str, value) -> str:
    """A field's value as the volunteer reads it: a term's label, a date, "(empty)"."""
    if value is None or value == "":
        return _("(empty)")
    if field in _VOCABULARIES:
        return _VOCABULARIES[field].label(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _button_text(text: str) -> str:
    """On a radio button: one line, not too long, and an "&" in a name is not an Alt+letter."""
    line = " ".join(text.split())
    if len(line) > _SHOWN:
        line = line[:_SHOWN - 1].rstrip() + "…"
    return line.replace("&", "&&")


def what_it_has(counts: dict[str, int]) -> str:
    """ "4 gifts (1 thanked), 2 contact people, …" or "nothing recorded yet"."""
    gifts = counts["contributions"] + counts["credited"]
    parts = [text.format(n=format_count(number)) for number, text in (
        (gifts, ngettext("{n} gift", "{n} gifts", gifts)),
        (counts["contacts"], ngettext("{n} contact person", "{n} contact people",
                                      counts["contacts"])),
        (counts["interactions"], ngettext("{n} entry of the communication log",
                                          "{n} entries of the communication log",
                                          counts["interactions"])),
        (counts["reviews"], ngettext("{n} review", "{n} reviews", counts["reviews"])),
        (counts["acknowledgements"], ngettext("{n} thank-you recorded",
                                              "{n} thank-yous recorded",
                                              counts["acknowledgements"])),
    ) if number]
    return listing(parts) if parts else _("nothing recorded yet")


class MergeDialog(FormDialog):
    """Both partners side by side; the one on the left stays. "Keep the other one instead"
    swaps them. `merged_id` is the merge's id once done."""

    def __init__(self, parent: QWidget | None, kept_id: int, removed_id: int) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(_("Merge two partners"))
        self.merged_id: int | None = None
        self.groups: dict[str, QButtonGroup] = {}
        self.body = QWidget()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        buttons = QDialogButtonBox()
        self.merge_button = buttons.addButton(_("&Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("mergePartners")
        self.swap_button = buttons.addButton(_("&Keep the other one instead"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.swap_button.setObjectName("swapPartners")
        self.swap_button.setAutoDefault(False)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelMerge")
        self.merge_button.clicked.connect(self.save)
        self.swap_button.clicked.connect(self.swap)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(buttons)
        self.show_pair(kept_id, removed_id)
        fit_to_screen(self, 940, 660)

    # Building

    def show_pair(self, kept_id: int, removed_id: int) -> None:
        self.preview = merge.merge_preview(kept_id, removed_id)
        self.kept_has = merge.merge_preview(removed_id, kept_id).counts
        self.groups = {}
        body = QWidget()
        layout = QVBoxLayout(body)
        intro = plain_label(_("“{kept}” stays. Everything recorded for “{removed}” moves to it, "
                              "then “{removed}” is removed. Partner › Undo a merge… takes it "
                              "back.").format(kept=self.preview.kept_name,
                                              removed=self.preview.removed_name))
        intro.setWordWrap(True)
        intro.setObjectName("mergeIntro")
        layout.addWidget(intro)
        sides = QHBoxLayout()
        sides.addWidget(self._side(_("Stays"), self.preview.kept_id, self.kept_has))
        sides.addWidget(self._side(_("Merged into it, then removed"), self.preview.removed_id,
                                   self.preview.counts))
        layout.addLayout(sides)
        moves = plain_label(_("Moves to “{kept}”: {what}.").format(
            kept=self.preview.kept_name, what=what_it_has(self.preview.counts)))
        moves.setObjectName("mergeMoves")
        moves.setWordWrap(True)
        layout.addWidget(moves)
        layout.addWidget(self._choices(), 1)
        self.scroll.setWidget(body)  # the one shown before is deleted
        self.body = body
        self.remember_values()

    def _side(self, title: str, partner_id: int, counts: dict[str, int]) -> QGroupBox:
        partner = Partner.get_by_id(partner_id)
        box = QGroupBox(title)
        column = QVBoxLayout(box)
        name = plain_label(partner.name)
        name.setWordWrap(True)
        name.setStyleSheet("font-weight: bold;")
        column.addWidget(name)
        place = ", ".join(part for part in (partner.city, partner.province) if part)
        for text in (place, partner.email, partner.phone):
            if text:
                column.addWidget(plain_label(text))
        has = muted(plain_label(_("Has {what}.").format(what=what_it_has(counts))))
        has.setWordWrap(True)
        column.addWidget(has)
        column.addStretch(1)
        return box

    def _choices(self) -> QGroupBox:
        box = QGroupBox(_("Where the two differ, choose what the merged partner keeps"))
        grid = QGridLayout(box)
        differing = self.preview.differing()
        if not differing:
            grid.addWidget(muted(QLabel(_("Their details are the same: nothing to choose."))),
                           0, 0)
            return box
        for column, name in enumerate((self.preview.kept_name, self.preview.removed_name),
                                      start=1):
            header = plain_label(name)
            header.setWordWrap(True)
            header.setStyleSheet("font-weight: bold;")
            grid.addWidget(header, 0, column)
        defaults = self.preview.defaults()
        row = 0
        for values in differing:
            row += 1
            label = _(FIELD_LABELS[values.name])
            grid.addWidget(QLabel(label), row, 0, Qt.AlignmentFlag.AlignTop)
            group = QButtonGroup(box)
            options = [("kept", values.kept), ("removed", values.removed)]
            if values.name in merge.JOINABLE and values.kept and values.removed:
                options.append(("both", None))
            for number, (choice, value) in enumerate(options, start=1):
                if choice == "both":  # on a line of its own, under the two texts
                    text = _("Both, one after the other")
                    button = QRadioButton(text)
                    row += 1
                    grid.addWidget(button, row, 1, 1, 2, Qt.AlignmentFlag.AlignTop)
                else:
                    text = shown_value(values.name, value)
                    button = QRadioButton(_button_text(text))
                    grid.addWidget(button, row, number, Qt.AlignmentFlag.AlignTop)
                button.setObjectName(f"{values.name}_{choice}")
                button.setAccessibleName(_("{field}: {value}").format(field=label, value=text))
                if choice != "both" and (len(text) > _SHOWN or "\n" in text):
                    button.setToolTip(plain_tip(text))
                button.setChecked(choice == defaults[values.name])
                group.addButton(button)
            self.groups[values.name] = group
        for column in (1, 2):
            grid.setColumnStretch(column, 1)
        return box

    # Choosing and merging

    def values(self) -> dict[str, str]:
        """The choice of each differing field: "kept", "removed" or "both"."""
        return {name: group.checkedButton().objectName().rsplit("_", 1)[1]
                for name, group in self.groups.items()}

    def choose(self, field: str, choice: str) -> None:
        self.body.findChild(QRadioButton, f"{field}_{choice}").setChecked(True)

    def swap(self) -> None:
        self.show_pair(self.preview.removed_id, self.preview.kept_id)

    def save(self) -> None:
        try:
            self.merged_id = merge.merge_partners(self.preview.kept_id, self.preview.removed_id,
                                                  self.values())
        except (merge.MergeProblem, StoreError) as err:
            messages.warning(self, _("Not merged"), str(err))
            return
        self.accept()


class ChooseOtherDialog(QDialog):
    """Which partner is the same as this one: typed and picked as anywhere else."""

    def __init__(self, parent: QWidget | None, partner_id: int) -> None:
        super().__init__(parent)
        self.setObjectName("chooseOtherPartner")
        self.setWindowTitle(_("Merge with another partner"))
        self.partner = Partner.get_by_id(partner_id)
        self.other_id: int | None = None
        intro = plain_label(_("Which partner is the same one as “{name}”? The next window "
                              "shows the two side by side: you choose which one stays and "
                              "which details it keeps. Nothing changes until you merge.").format(
            name=self.partner.name))
        intro.setWordWrap(True)
        self.picker = PartnerPicker()
        self.picker.setObjectName("otherPartner")
        label = QLabel(_("The &other partner"))
        label.setBuddy(self.picker)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        self.next_button = buttons.addButton(_("&Continue…"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.next_button.setObjectName("continueMerge")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.next_button.clicked.connect(self.go_on)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.picker)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        fit_to_screen(self, 560, 240)

    def go_on(self) -> None:
        other = self.picker.partner_id
        problem = None
        if other is None:
            problem = _("Type part of its name, then pick it in the list.")
        else:
            try:
                merge.merge_preview(self.partner.id, other)
            except merge.MergeProblem as err:
                problem = str(err)
        self.error.show_message(problem or "")
        if problem is None:
            self.other_id = other
            self.accept()


def merge_with_another(parent: QWidget, partner_id: int) -> int | None:
    """From a partner: choose the other one, then merge. Returns the partner kept, or None."""
    chooser = ChooseOtherDialog(parent, partner_id)
    if not chooser.exec():
        return None
    return merge_pair(parent, partner_id, chooser.other_id)


def merge_pair(parent: QWidget, kept_id: int, removed_id: int) -> int | None:
    """The merge window for two partners. Returns the partner kept, or None."""
    try:
        dialog = MergeDialog(parent, kept_id, removed_id)
    except merge.MergeProblem as err:
        messages.warning(parent, _("Not merged"), str(err))
        return None
    if not dialog.exec():
        return None
    return dialog.preview.kept_id


def undo_a_merge(parent: QWidget) -> bool:
    """Partner › Undo a merge…: choose one of the merges not undone, confirm, undo it."""
    found = merge.merges()
    if not found:
        messages.information(parent, _("Undo a merge"), _("There is no merge to undo."))
        return False
    labels = [_("{when} — “{removed}” merged into “{kept}”").format(
        when=_local(done.created_at), removed=done.removed_name, kept=done.kept.name)
        for done in found]
    picked = choose_one(parent, _("Undo a merge"),
                        _("Bring back the partner this merge removed:"), labels)
    if picked is None:
        return False
    done = found[picked]
    if not ask(parent, _("Undo a merge"),
               _("Bring “{removed}” back as a partner of its own, with the contributions, "
                 "contact people and history that moved to “{kept}”? What was added to "
                 "“{kept}” since stays there.").format(removed=done.removed_name,
                                                       kept=done.kept.name),
               _("&Undo the merge"), _("&Keep it merged")):
        return False
    try:
        merge.undo_merge(done.id)
    except (merge.MergeProblem, StoreError) as err:
        messages.warning(parent, _("Not undone"), str(err))
        return False
    return True


def _local(stamp: str) -> str:
    """A stored UTC time as the laptop's clock shows it."""
    return f"{dt.datetime.fromisoformat(stamp).astimezone():%Y-%m-%d %H:%M}"
