"""Screenshots of the main windows for the README and for reviewing the look.

Run under a real X server the size of a common laptop screen, for example:
    xvfb-run -a -s "-screen 0 1366x768x24" python docs/make_screenshots.py docs/
The letters and report previews are also taken as the whole screen shows them.
It fills a temporary data folder with the sample data, opens each window, and saves PNGs."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cars_desktop.i18n import _
from cars_desktop.store import database, sample
from cars_desktop.ui.app import make_application, offer_restore
from cars_desktop.ui.contribution_dialog import ContributionDialog
from cars_desktop.ui.letters_window import YearEndDialog
from cars_desktop.ui.main_window import MainWindow
from cars_desktop.ui.maintenance_dialogs import ReviewDialog
from cars_desktop.ui.partner_dialog import PartnerDialog
from cars_desktop.ui.profile_dialog import GroupProfileDialog
from cars_desktop.ui.reports_dialog import ReportsDialog
from cars_desktop.ui.templates_dialog import TemplatesDialog


def settle(app: QApplication, ms: int = 300) -> None:
    """Let the windows paint: a local event loop (quitting the application would close them)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


sample_day = dt.date(2026, 5, 1)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    with tempfile.TemporaryDirectory() as folder:
        empty_store = database.open_store(Path(folder) / "empty")
        window = MainWindow(empty_store)
        window.show()
        settle(app)
        window.grab().save(str(out / "partners-empty.png"))
        setup = window.first_run_setup()
        settle(app)
        setup.grab().save(str(out / "group-profile-first-run.png"))
        setup.done(0)
        window.close()
        empty_store.close()

        store = database.open_store(Path(folder) / "sample")
        sample.fill_sample(partners=300, contributions=3000, seed=7)
        window = MainWindow(store)
        window.show()
        settle(app)
        window.grab().save(str(out / "partners-tab.png"))
        window.partners.search.setText("lefevre")
        settle(app)
        window.grab().save(str(out / "partners-search.png"))
        window.partners.select_row(0)
        dialog = PartnerDialog(window, window.partners.selected_id())
        dialog.show()
        settle(app)
        dialog.grab().save(str(out / "partner-dialog.png"))
        dialog.fields["email"].setText("info@")
        dialog.fields["postal_code"].setText("K0H 1A0")
        dialog.fields["name"].setText("")
        dialog.save()
        settle(app)
        dialog.grab().save(str(out / "partner-dialog-errors.png"))
        dialog.done(0)
        new = PartnerDialog(window)
        new.show()
        settle(app)
        new.grab().save(str(out / "partner-dialog-new.png"))
        new.done(0)
        window.partners.search.setText("")
        window.partners.select_row(2)
        settle(app)
        window.grab().save(str(out / "partners-with-contributions.png"))
        window.tabs.setCurrentWidget(window.contributions)
        settle(app)
        window.grab().save(str(out / "contributions-tab.png"))
        window.contributions.show_thank_you_queue()
        settle(app)
        window.grab().save(str(out / "contributions-thank-you-queue.png"))
        gift = ContributionDialog(window, partner_id=window.partners.selected_id())
        gift.show()
        settle(app)
        gift.grab().save(str(out / "contribution-dialog.png"))
        gift.status.setCurrentIndex(gift.status.findData("pledged"))
        gift.amount.setText("1.234")
        gift.save(next_one=True)
        settle(app)
        gift.grab().save(str(out / "contribution-dialog-errors.png"))
        gift.family_buttons["in_kind"].setChecked(True)
        gift.kind.setCurrentIndex(gift.kind.findData("service"))
        gift.status.setCurrentIndex(gift.status.findData("received"))
        settle(app)
        gift.grab().save(str(out / "contribution-dialog-in-kind.png"))
        gift.kind.setCurrentIndex(gift.kind.findData("products"))
        gift.amount.setText("2 400")
        gift.appraiser.setText("Hilltop Appraisals, 12 Mill Road, Sackville NB")
        gift.appraised.setChecked(True)
        settle(app)
        gift.grab().save(str(out / "contribution-dialog-appraised.png"))
        gift.done(0)
        window.tabs.setCurrentWidget(window.maintenance)
        settle(app)
        window.grab().save(str(out / "maintenance-tab.png"))
        window.maintenance.view.select_row(0)
        review = ReviewDialog(window, window.maintenance.view.selected_id())
        review.show()
        settle(app)
        review.grab().save(str(out / "review-dialog.png"))
        review.done(0)

        profile = GroupProfileDialog(window)
        profile.show()
        settle(app)
        profile.grab().save(str(out / "group-profile.png"))
        profile.done(0)
        texts = TemplatesDialog(window, "in_kind", "fr")
        texts.show()
        settle(app, 600)
        texts.grab().save(str(out / "letter-texts.png"))
        texts.editor.setPlainText(texts.editor.toPlainText().replace("{gift}", "{gfit}"))
        texts.update_preview()
        settle(app)
        texts.grab().save(str(out / "letter-texts-error.png"))
        texts.editor.setPlainText(texts._loaded_text)
        texts.done(0)
        window.tabs.setCurrentWidget(window.contributions)
        window.contributions.show_thank_you_queue()
        settle(app)
        window.contributions.table.selectRow(0)
        window.contributions.table.selectRow(1)
        def choose_since():
            chooser = QApplication.activeModalWidget()
            if chooser is None:
                QTimer.singleShot(50, choose_since)
                return
            chooser.grab().save(str(out / "letters-queue-since.png"))
            chooser.make.click()

        QTimer.singleShot(300, choose_since)
        letters = window.contributions.letters_for_queue()
        settle(app, 800)
        letters.grab().save(str(out / "letters-preview.png"))
        app.primaryScreen().grabWindow(0).save(str(out / "letters-preview-screen.png"))
        letters.mark_thanked()
        settle(app)
        letters.grab().save(str(out / "letters-marked.png"))
        letters.undo()
        letters.done(0)
        window.tabs.setCurrentWidget(window.partners)
        window.partners.select_row(2)
        chooser = YearEndDialog(window, "Coopérative Évangéline", 4)
        chooser.show()
        settle(app)
        chooser.grab().save(str(out / "year-end-dialog.png"))
        chooser.done(0)
        reports = ReportsDialog(window, "summary")
        reports.show()
        settle(app)
        reports.grab().save(str(out / "reports-dialog.png"))
        preview = reports.make()
        settle(app, 800)
        preview.grab().save(str(out / "report-preview.png"))
        app.primaryScreen().grabWindow(0).save(str(out / "report-preview-screen.png"))
        preview.done(0)
        reports.done(0)

        from cars_desktop.store import backups

        backups.make_backup(store.backup_dir, "automatic")
        backups.make_backup(store.backup_dir, "chosen")
        restore = window.open_restore()
        settle(app)
        restore.grab().save(str(out / "restore-dialog.png"))
        restore.done(0)

        def grab_modal(name: str) -> None:
            box = QApplication.activeModalWidget()
            if box is None:
                QTimer.singleShot(50, lambda: grab_modal(name))
                return
            box.grab().save(str(out / name))
            box.reject()

        donors = Path(folder) / "donations-2026.csv"
        donors.write_bytes(
            "Nom;Courriel;Date;Montant;Fonds\r\n"
            "Coop de Gravelbourg;;15/03/2026;1 234,56;Banque alimentaire\r\n"
            "Marie-Hélène Brûlé;mh@example.ca;16/03/2026;50,00 $;\r\n"
            "Quincaillerie Bélangerr;;17/03/2026;75;Gala\r\n"
            "Sans date;;;12,00;\r\n"
            "Nouveau Donateur;nd@example.ca;18/03/2026;20;\r\n".encode("cp1252"))
        importing = window.import_file(str(donors))
        settle(app, 500)
        importing.grab().save(str(out / "import-dialog.png"))
        importing.reject()
        samples = Path(__file__).resolve().parent.parent / "tests" / "import_samples"
        for name, shot in (("paypal_activity_41_columns.csv", "import-paypal.png"),
                           ("rbc_account.csv", "import-bank.png"),
                           ("benevity_legacy_report.csv", "import-benevity.png")):
            importing = window.import_file(str(samples / name))
            settle(app, 500)
            importing.grab().save(str(out / shot))
            importing.reject()

        from cars_desktop.store import partners as partner_store
        from cars_desktop.ui.duplicates_window import DuplicatesWindow
        from cars_desktop.ui.merge_dialog import MergeDialog

        twins = [partner_store.save_partner(
            {"name": name, "kind": "organisation", "sector": sector, "partnership_type": "formal",
             "status": "active", "language": "fr", "city": city, "email": email,
             "notes": notes}, [{"name": contact}])
            for name, sector, city, email, notes, contact in (
                ("Club Lions de Shediac", "voluntary", "Shediac", "", "Se réunit le mardi.",
                 "Paul Cormier"),
                ("Lion's Club Shédiac", "community", "", "lions@example.ca",
                 "Trésorier changé en juin.", "Anne Léger"))]
        merging = MergeDialog(window, *twins)
        merging.show()
        settle(app, 300)
        merging.grab().save(str(out / "merge-dialog.png"))
        merging.reject()
        duplicates = DuplicatesWindow(window, lambda _merged: None)
        duplicates.show()
        settle(app, 300)
        duplicates.grab().save(str(out / "possible-duplicates.png"))
        duplicates.reject()

        QTimer.singleShot(300, lambda: grab_modal("damaged-file.png"))
        offer_restore(Path(folder) / "sample", "The data file /home/anne/.local/share/CARS "
                      "Desktop/cars-desktop.sqlite3 is damaged (database disk image is "
                      "malformed). It was not changed.")

        # names in other scripts, in a letter; one with a character no font has
        from cars_desktop.store import contributions
        from cars_desktop.ui.letters_window import make_letters

        gifts = [contributions.save_contribution({
            "partner_id": partner_store.save_partner(
                {"name": name, "kind": "person", "sector": "community",
                 "partnership_type": "casual", "status": "active", "language": "fr",
                 "address_line1": "12 rue Principale", "city": "Moncton", "province": "NB",
                 "postal_code": "E1C 1A1"}, []),
            "family": "cash", "kind": "one_time", "status": "received", "amount": "50",
            "date": sample_day, "payment_method": "cash"})
            for name in ("محمد علي", "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ", "王小明", "김민준", "Ankh 𓋹 Society")]
        from cars_desktop.store import letters as letter_store

        scripts_letters = make_letters(window, letter_store.letters_for(gifts, sample_day),
                                       "Thank-you letters")
        scripts_letters.show()
        settle(app, 800)
        scripts_letters.grab().save(str(out / "letters-scripts.png"))
        scripts_letters.done(0)

        # official receipts: the year's gifts to receipt, then one issued
        receipts_window = window.open_receipts()
        settle(app, 400)
        receipts_window.grab().save(str(out / "receipts-window.png"))
        questions, tries = [], []

        def say_yes():  # issue the year's receipts; those not appraised say so
            box = QApplication.activeModalWidget()
            tries.append(1)
            if isinstance(box, QMessageBox):
                questions.append(box.text())
                box.button(QMessageBox.StandardButton.Yes).click()
            if len(questions) < 2 and len(tries) < 40:
                QTimer.singleShot(100, say_yes)

        QTimer.singleShot(200, say_yes)
        receipts_window.issue_all.click()
        settle(app, 800)
        if receipts_window.preview is not None:
            receipts_window.preview.grab().save(str(out / "receipt-preview.png"))
            receipts_window.preview.done(0)
        receipts_window.pages.setCurrentIndex(1)
        settle(app, 300)
        receipts_window.grab().save(str(out / "receipts-register.png"))
        receipts_window.done(0)

        # funds and campaigns, and a bank deposit being entered, then its list
        funds_window = window.open_funds()
        settle(app, 300)
        funds_window.grab().save(str(out / "funds-window.png"))
        funds_window.done(0)
        from cars_desktop.store.models import Partner
        from cars_desktop.ui.deposit_dialog import DepositDialog

        deposit = DepositDialog(window)
        deposit.show()
        deposit.slip.setText("1 285,00")
        for partner, way, cheque, amount in ((0, "cheque", "1042", "250"),
                                             (1, "cheque", "388", "1 000"),
                                             (2, "cash", "", "25")):
            deposit.partner.set_partner(Partner.select().order_by(Partner.id)[partner].id)
            deposit.method.setCurrentIndex(deposit.method.findData(way))
            deposit.reference.setText(cheque)
            deposit.amount.setText(amount)
            deposit.add_line()
        settle(app, 300)
        deposit.grab().save(str(out / "deposit-dialog.png"))
        deposit.slip.setText("1 275,00")
        deposit.save()
        deposits_window = window.open_deposits()
        deposits_window.print_list()
        settle(app, 800)
        deposits_window.preview.grab().save(str(out / "deposit-list.png"))
        deposits_window.preview.done(0)
        deposits_window.done(0)
        from cars_desktop.store import schedules as schedule_store
        from cars_desktop.ui.schedules_window import SchedulesWindow

        schedule_store.save_schedule({
            "partner_id": Partner.select().order_by(Partner.id)[3].id, "amount": "25",
            "frequency": "monthly", "first_due": dt.date.today().replace(day=1), "count": 0,
            "payment_method": "card"})
        schedules_window = SchedulesWindow(window)
        schedules_window.show()
        settle(app, 300)
        schedules_window.grab().save(str(out / "schedules-window.png"))
        schedules_window.done(0)

        # the same data where it can only be read
        from cars_desktop.store.errors import read_only_data
        from cars_desktop.ui.app import offer_read_only

        window.close()
        store.close()
        why = str(read_only_data(Path("/media/anne/CLE-USB/CARS Desktop"),
                                 _("its folder is read-only")))
        QTimer.singleShot(300, lambda: grab_modal("read-only-offer.png"))
        offer_read_only(why)
        store = database.open_store(Path(folder) / "sample", read_only=True)
        store.why_read_only = why
        window = MainWindow(store)
        window.show()
        settle(app)
        window.grab().save(str(out / "read-only-window.png"))
        window.close()
        store.close()

        from sharing_shots import shoot  # two laptops sharing their changes

        shoot(app, settle, out, Path(folder) / "sharing")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
