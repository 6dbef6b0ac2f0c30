"""Screenshots of sharing changes between two laptops: the Share changes window after a sync,
Changes to settle, a partner's history and the group's recent changes. Called by
make_screenshots.py; alone:
    xvfb-run -a -s "-screen 0 1366x768x24" python docs/sharing_shots.py OUT/"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from cars_desktop import cli  # noqa: E402
from cars_desktop.store import change_packs, contributions, database, history, partners  # noqa: E402
from cars_desktop.store.models import Partner  # noqa: E402
from cars_desktop.ui.history_window import partner_history, recent_changes  # noqa: E402
from cars_desktop.ui.main_window import MainWindow  # noqa: E402
from cars_desktop.ui.settle_window import SettleWindow  # noqa: E402
from cars_desktop.ui.share_dialog import ShareDialog  # noqa: E402


def _edit(name: str, **changes) -> None:
    pid = Partner.get(Partner.name == name).id
    values, contacts = partners.load_partner(pid)
    partners.save_partner({**values, **changes}, contacts, pid)


def two_laptops(folder: Path) -> tuple[Path, Path]:
    """Anne (treasurer) and Bruno (secretary) each changed the same partner's city."""
    from letter_kit import org, person

    stick, anne, bruno = folder / "stick", folder / "anne", folder / "bruno"
    stick.mkdir(parents=True)
    with database.open_store(anne):
        history.set_volunteer("Anne Leblanc")
        org("Coopérative de santé Rimouski", contact="Lise Gagnon", city="Rimouski",
            language="fr")
        person("Aline Rousselle", city="Matane")
        contributions.save_contribution({
            "partner_id": Partner.get(Partner.name == "Aline Rousselle").id, "family": "cash",
            "kind": "one_time", "status": "received", "amount": "150",
            "date": dt.date(2026, 11, 2), "payment_method": "cheque", "purpose": "Food bank"})
        change_packs.sync(stick)
    cli.main(["sync", str(stick), "--data-dir", str(bruno), "--volunteer", "Bruno Cormier"])
    with database.open_store(bruno):
        _edit("Coopérative de santé Rimouski", city="Mont-Joli", phone="418 555-0142")
        _edit("Aline Rousselle", email="aline.rousselle@example.ca")
        change_packs.sync(stick)
    with database.open_store(anne):
        _edit("Coopérative de santé Rimouski", city="Sainte-Flavie",
              notes="Met their board on 12 November: they will lend the hall in spring.")
    return anne, stick


def shoot(app, settle, out: Path, folder: Path) -> None:
    anne, stick = two_laptops(folder)
    store = database.open_store(anne)
    window = MainWindow(store)
    window.show()
    settle(app)
    dialog = ShareDialog(window)
    dialog.folder.setText(str(stick))
    dialog.show()
    dialog.share()
    settle(app)
    dialog.grab().save(str(out / "share-dialog.png"))
    dialog.done(0)
    settle(app)
    window.grab().save(str(out / "settle-notice.png"))
    waiting = SettleWindow(window)
    waiting.show()
    settle(app)
    waiting.grab().save(str(out / "settle-window.png"))
    waiting.done(0)
    coop = Partner.get(Partner.name == "Coopérative de santé Rimouski")
    shown = partner_history(window, coop.id, coop.name)
    shown.show()
    settle(app)
    shown.grab().save(str(out / "partner-history.png"))
    shown.done(0)
    shown = recent_changes(window)
    shown.show()
    settle(app)
    shown.grab().save(str(out / "recent-changes.png"))
    shown.done(0)
    window.close()
    store.close()


if __name__ == "__main__":
    import tempfile

    from make_screenshots import settle as wait
    from cars_desktop.ui.app import make_application

    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    application = make_application()
    with tempfile.TemporaryDirectory() as scratch:
        shoot(application, wait, target, Path(scratch))
