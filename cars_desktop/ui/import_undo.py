"""Taking back an import: the volunteer picks one of the imports not yet undone."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from cars_desktop.core.text import format_count
from cars_desktop.exchange.importer import ImportProblem
from cars_desktop.i18n import _, ngettext
from cars_desktop.store.errors import StoreError
from cars_desktop.ui import messages
from cars_desktop.ui.widgets import choose_one


def _local(stamp: str) -> str:
    """A stored UTC time as the volunteer's clock shows it."""
    import datetime as dt

    return f"{dt.datetime.fromisoformat(stamp).astimezone():%Y-%m-%d %H:%M}"


def undo_an_import(parent: QWidget) -> bool:
    from cars_desktop.exchange.importer import batches, undo_batch

    found = batches()
    if not found:
        messages.information(parent, _("Undo an import"), _("There is no import to undo."))
        return False
    labels = ["{when} — {file}: {gifts}, {partners}".format(
        when=_local(batch.created_at), file=batch.file_name,
        gifts=ngettext("{n} gift", "{n} gifts", batch.contributions).format(
            n=format_count(batch.contributions)),
        partners=ngettext("{n} new partner", "{n} new partners", batch.partners).format(
            n=format_count(batch.partners)))
              for batch in found]
    picked = choose_one(parent, _("Undo an import"),
                        _("Take back everything this import added:"), labels)
    if picked is None:
        return False
    batch = found[picked]
    try:
        partners, gifts = undo_batch(batch.id)
    except (ImportProblem, StoreError) as err:
        messages.warning(parent, _("Not undone"), str(err))
        return False
    messages.information(parent, _("Import undone"),
                            _("{gifts} and {partners} from {file} were removed.").format(
                                gifts=ngettext("{n} gift", "{n} gifts", gifts).format(
                                    n=format_count(gifts)),
                                partners=ngettext("{n} partner", "{n} partners",
                                                  partners).format(n=format_count(partners)),
                                file=batch.file_name))
    return True
