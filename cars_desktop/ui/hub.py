"""The signal hub: how the tabs and dialogs of one window tell each other that the data
changed. Whoever changes something announces it here; whoever shows it listens here and reads
it again. No tab needs to know the others."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Hub(QObject):
    # a partner was added, edited, archived or erased, or given a gift or a contact from the
    # Partners tab
    partners_changed = Signal()
    contributions_changed = Signal()  # a contribution was added, edited, thanked or deleted
    maintenance_changed = Signal()  # a review saved or a contact logged in the Maintenance tab
    checklist_changed = Signal()  # the maintenance practices were edited
    profile_changed = Signal()  # the group's profile: "this fiscal year" may have moved
    # the whole data file changed under the window (an import, an undone import, a restore,
    # a move): every tab reads everything again
    data_replaced = Signal()
