"""A gift entered twice: before a contribution is saved, the same partner, day, kind, status,
amount, description and hours already recorded are shown, and the volunteer decides."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from cars_desktop.core.kinds import of_family
from cars_desktop.core.money import format_money
from cars_desktop.i18n import _
from cars_desktop.store import contributions
from cars_desktop.ui.widgets import ask

# What makes two contributions look like one gift entered twice (see contributions.find_twin)
TWIN = ("partner_id", "date", "kind", "status", "amount_cents", "description", "minutes")


def twin_key(values: dict[str, Any]) -> tuple:
    """What is compared: a contribution edited without changing these is not asked about."""
    return tuple(values[name] for name in TWIN)


def save_anyway(parent: QWidget, cleaned: dict[str, Any], leaving_out: int | None) -> bool:
    """False when the volunteer goes back because the same gift is already recorded."""
    twin = contributions.find_twin(cleaned, leaving_out=leaving_out)
    if twin is None:
        return True
    kinds = of_family(twin.family)
    amount = format_money(twin.amount_cents) if twin.amount_cents else _("not valued")
    what = "pledge" if twin.status == "pledged" else "gift"
    return ask(
        parent,
        _("Entered twice?"),
        _(
            "This looks like a {what} already recorded: {name}, {date:%Y-%m-%d}, "
            "{label}, {amount}. Save it anyway?"
        ).format(
            what=what,
            name=twin.partner.name,
            date=twin.date,
            label=kinds.label(twin.kind),
            amount=amount,
        ),
        _("&Save anyway"),
        _("&Go back"),
        QMessageBox.StandardButton.Save,
    )
