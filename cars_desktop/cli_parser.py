"""The command line's words: its subcommands, their options and help, read by `cli.main`.
Built after the language is chosen, so that the help is in the volunteer's language."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from cars_desktop import APP_NAME, __version__, cli_labels
from cars_desktop.documents.reports import REPORT_KINDS
from cars_desktop.i18n import N_, _

# argparse's own texts a volunteer can meet, so that they are in our catalog.
ARGPARSE_TEXTS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("expected one argument"),
    N_("argument %(argument_name)s: %(message)s"), N_("%(prog)s: error: %(message)s\n"),
    N_("not allowed with argument %s"), N_("one of the arguments %s is required"),
    N_("invalid %(type)s value: %(value)r"),
)


def parser() -> argparse.ArgumentParser:
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                          help=_("folder holding the data (default: $CARS_DESKTOP_DATA_DIR, "
                               "else your user data folder)"))
    parser = argparse.ArgumentParser(
        prog="cars-desktop",
        parents=[data_dir],
        description=_(
            "{app_name}: community partners, their contributions and thank-you "
            "letters, offline. With no command, opens the window."
        ).format(app_name=APP_NAME),
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    self_test = commands.add_parser(
        "self-test", help=_("check that this installation works (in a temporary folder)"))
    self_test.add_argument("--no-window", action="store_true",
                           help=_("leave out opening the main window"))
    commands.add_parser("check", parents=[data_dir],
                        help=_("check the data file for damage (exit 1 when damaged)"))
    backup = commands.add_parser("backup", parents=[data_dir], help=_("make a verified backup"))
    backup.add_argument("--to", metavar="DIR", type=Path,
                        help=_("folder to write it to, e.g. a USB stick (default: the data "
                             "folder's backups)"))
    restore = commands.add_parser(
        "restore", parents=[data_dir], help=_("put a backup in place of the data"),
        description=_("Put a backup in place of the data, as File › Restore from backup… "
                      "does: the data as it is is kept as a backup first. A backup that is "
                      "damaged, changed by something other than CARS Desktop, not ours or "
                      "from a newer version is refused (exit status 1)."))
    restore.add_argument("file", type=Path, metavar=_("BACKUP"))
    sample = commands.add_parser("sample-data", parents=[data_dir],
                                 help=_("fill an empty data folder with a realistic sample"))
    sample.add_argument("--partners", type=_count, default=200, metavar="N")
    sample.add_argument("--contributions", type=_count, default=1000, metavar="M")
    sample.add_argument("--seed", type=_whole, default=1, metavar="S")
    letters = commands.add_parser(
        "letters", parents=[data_dir], help=_("make thank-you letters as one PDF"),
        description=_("Make thank-you letters as one PDF, one letter per page, each in its "
                    "partner's language."))
    which = letters.add_mutually_exclusive_group(required=True)
    which.add_argument("--unthanked", action="store_true",
                       help=_("every gift and pledge not yet thanked, received since --since"))
    which.add_argument("--contribution", type=_count, nargs="+", metavar="ID",
                       help=_("these contributions, by number"))
    which.add_argument("--year-end", metavar="PARTNER",
                       help=_("a summary of a partner's gifts (its number or exact name) "
                            "between --from and --to") + "; " + _("all: one for everyone who "
                                                                  "gave in that period"))
    letters.add_argument("--from", dest="start", type=_date, metavar=_("YYYY-MM-DD"))
    letters.add_argument("--to", dest="end", type=_date, metavar=_("YYYY-MM-DD"))
    letters.add_argument("--lang", choices=["en", "fr"],
                         help=_("write every letter in this language (default: each partner's)"))
    letters.add_argument("--paper", choices=["letter", "a4"],
                         help=_("paper size (default: the one chosen in the app)"))
    letters.add_argument("-o", "--output", type=Path, required=True, metavar=_("FILE.pdf"))
    letters.add_argument("--mark-thanked", action="store_true",
                         help=_("record the contributions as thanked by letter today"))
    letters.add_argument("--one-per-gift", action="store_true",
                         help=_("with --unthanked: a letter for each gift, not one per partner"))
    letters.add_argument("--since", type=_date, metavar=_("YYYY-MM-DD"),
                         help=_("with --unthanked: only what was received or promised on that day "
                              "or later (default: the first day of the last fiscal year); older "
                              "ones stay in the thank-you queue"))
    cli_labels.add_command(commands, data_dir)
    report = commands.add_parser(
        "report", parents=[data_dir], help=_("make a report as a PDF"),
        description=_("Make a report as a PDF on the group's letterhead."))
    report.add_argument("name", choices=list(REPORT_KINDS),
                        help="; ".join(f"{code}: {kind.help}"
                                       for code, kind in REPORT_KINDS.items()))
    report.add_argument("--from", dest="start", type=_date, metavar=_("YYYY-MM-DD"))
    report.add_argument("--to", dest="end", type=_date, metavar=_("YYYY-MM-DD"))
    report.add_argument("--partner", metavar="PARTNER",
                        help=_("for a statement: the partner's number or exact name"))
    report.add_argument("--by", choices=list(dict.fromkeys(
                            code for kind in REPORT_KINDS.values() if kind.groupings
                            for code in kind.groupings.codes())),
                        help=_("for a recognition list: the partners grouped by sector, or by "
                               "the kind of support they gave (default: sector)") + "; " +
                        _("for a gift list: the gifts by date, or under each partner or each "
                          "fund or campaign with its subtotal (default: date)"))
    report.add_argument("--lang", choices=["en", "fr"],
                        help=_("the report's language (default: the group's)"))
    report.add_argument("--paper", choices=["letter", "a4"])
    report.add_argument("-o", "--output", type=Path, required=True, metavar=_("FILE.pdf"))
    export = commands.add_parser(
        "export", parents=[data_dir], help=_("save partners, contacts or contributions as CSV"),
        description=_("Save every partner, contact person or contribution as a CSV file that "
                    "opens in Excel or LibreOffice (UTF-8, money as plain numbers, dates as "
                    "YYYY-MM-DD)."))
    export.add_argument("what", choices=["partners", "contacts", "contributions"])
    export.add_argument("file", type=Path, metavar=_("FILE.csv"))
    export.add_argument("--excel-fr", action="store_true",
                        help=_("for Excel in French: semicolons between cells and decimal "
                               "commas (1234,56)"))
    imports = commands.add_parser(
        "import", parents=[data_dir], help=_("import partners and gifts from a spreadsheet"),
        description=_("Import partners and gifts from a CSV or Excel file: your own, a "
                      "donation platform's (CanadaHelps, PayPal, PayPal Giving Fund, Benevity, "
                      "Stripe, Zeffy) or a bank's download. Prints what happens to the rows; "
                      "with --dry-run nothing is written."))
    imports.add_argument("file", type=Path, metavar="FILE")
    imports.add_argument(
        "--dry-run", action="store_true", help=_("show the summary, write nothing")
    )
    imports.add_argument("--dates", choices=["ymd", "dmy", "mdy"],
                         help=_("how dates like 03/04/2026 are written: dmy (day first) or mdy"))
    imports.add_argument("--encoding", help=_("the file's text encoding, e.g. windows-1252"))
    imports.add_argument("--sheet", help=_("a workbook's sheet (default: the first)"))
    imports.add_argument("--header-row", type=int, metavar="N",
                         help=_("the row that names the columns, counted from 1 (0: the file "
                                "has none); by default it is found by itself"))
    share = commands.add_parser(
        "sync", parents=[data_dir], help=_("share changes with the group's other laptops"),
        description=_("Apply the other laptops' changes found in FOLDER (a USB stick, or a "
                      "folder a sync tool shares), then write this laptop's changes there. "
                      "With no data yet, this laptop starts from the group's data in it."))
    share.add_argument("folder", type=Path, metavar=_("FOLDER"))
    share.add_argument("--volunteer", metavar=_("NAME"), default="",
                       help=_("the name this laptop's changes are signed with"))
    changes = commands.add_parser("history", parents=[data_dir],
                                  help=_("list the latest changes: who, when, what"))
    changes.add_argument("--last", type=_count, default=50, metavar="N")
    receipts = commands.add_parser(
        "receipts", parents=[data_dir], help=_("issue, cancel and replace official receipts"),
        description=_("Official donation receipts, for a registered charity that issues them: "
                      "issue them for a year's gifts or for chosen gifts (each kept inside the "
                      "data as issued), cancel or replace one, reprint a duplicate, or save the "
                      "register."))
    doing = receipts.add_mutually_exclusive_group(required=True)
    doing.add_argument("--year", type=_whole, metavar="YYYY",
                       help=_("every gift of that year not yet receipted: a donor's cash gifts "
                              "on one receipt, each gift in kind on its own"))
    doing.add_argument("--contribution", type=_whole, nargs="+", metavar="ID",
                       help=_("these contributions, each on its own receipt"))
    doing.add_argument("--cancel", metavar="SERIAL", help=_("cancel this receipt (--reason)"))
    doing.add_argument("--replace", metavar="SERIAL",
                       help=_("cancel this receipt and issue one in its place"))
    doing.add_argument("--duplicate", metavar="SERIAL",
                       help=_("reprint this receipt, marked DUPLICATE"))
    doing.add_argument("--register", action="store_true",
                       help=_("save every receipt issued or cancelled as CSV (-o FILE.csv)"))
    doing.add_argument("--copies", type=_whole, metavar="YYYY",
                       help=_("save every receipt numbered in that year, exactly as kept, "
                              "with that year's register, for an auditor (-o FILE.zip)"))
    receipts.add_argument("--reason", default="", help=_("why a receipt is cancelled"))
    receipts.add_argument("--not-appraised", type=_whole, nargs="+", default=[], metavar="ID",
                          help=_("gifts in kind over $1,000 that were not appraised "
                                 "independently"))
    receipts.add_argument("-o", "--output", type=Path, metavar=_("FILE"),
                          help=_("where the receipts (PDF), the register (CSV) or the "
                                 "copies (ZIP) go"))
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a date written YYYY-MM-DD").format(text=text)
        ) from None


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a whole number").format(text=text)
        ) from None


def _count(text: str) -> int:
    value = _whole(text)
    if value < 0:
        raise argparse.ArgumentTypeError(_("the number cannot be negative"))
    return value
