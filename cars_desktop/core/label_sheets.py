"""The sheets of mailing labels and the envelope the app prints on, as data: where each label of
a sheet is, in points (1/72 inch) from the sheet's top-left corner. Plain Python.

Where the numbers come from. Avery publishes each label's size and count on the box; the
margins and pitches are those of Avery's own templates, checked against other published copies
of them (the manufacturer's pages themselves were not at hand):

- 5160: top 1/2″, side 3/16″ (0.1875″), pitch 2.75″ across and 1″ down: a template module
  measured from Avery's PDF template; the same in an Avery dimensions table (gist
  armadsen/5084458: top 0.5, left 0.188, gap 0.125) and in gLabels' template list of 2013.
  gLabels-qt since 2018 has 0.15625″ and 2.78125″ (0.8 mm apart at the third column).
- 5161: top 1/2″, side 5/32″ (0.15625″), pitch 4.1875″ across and 1″ down: gLabels-qt
  (templates/avery-us-templates.xml) and the same table (left 0.156, gap 0.188).
- 5163: top 1/2″, side 0.15625″, pitch 4.1875″ across and 2″ down: gLabels-qt (it has 0.1625″
  for the side, which leaves 0.15″ on the right; 0.15625″ centres the sheet, as 5161).
- L7160: top 15.15 mm, pitch 66.04 mm across and 38.1 mm down, centred (side 7.21 mm): the
  template module above, measured from Avery's Word and PDF templates; a code comment quoting
  the manufacturer's figures gives top 15.09 mm and side 7.2 mm.
- L7163: top 15.15 mm, pitch 101.6 mm across and 38.1 mm down, centred (side 4.65 mm): the
  same module; another preset table has top 15.1 mm, side 4.6 mm and a 2.5 mm gap.
- Each sheet's numbers add up to its paper exactly: margins, labels and gaps, across and down.
"""

from __future__ import annotations

from dataclasses import dataclass

from cars_desktop.i18n import N_, _

INCH = 72.0
MM = INCH / 25.4
LETTER = (8.5 * INCH, 11 * INCH)
A4 = (210 * MM, 297 * MM)


@dataclass(frozen=True)
class Sheet:
    """A sheet of labels, or an envelope (one "label" the size of the page)."""
    code: str  # what the command line takes: "5160", "L7160", "envelope10"
    name: str  # N_(): as printed on the box
    page_width: float
    page_height: float
    columns: int
    rows: int
    label_width: float
    label_height: float
    left: float  # from the sheet's left edge to the first column's
    top: float  # from the sheet's top edge to the first row's
    pitch_x: float  # from one column's left edge to the next one's
    pitch_y: float  # from one row's top edge to the next one's
    text_size: float = 10.0  # the address's size in points, before a long one shrinks

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def is_envelope(self) -> bool:
        return self.code.startswith("envelope")

    def label_name(self) -> str:
        return _(self.name)

    def where(self, position: int) -> tuple[float, float, float, float]:
        """Label `position` (1 = top-left, counting across then down) as (left, bottom, width,
        height) in PDF coordinates, whose origin is the page's bottom-left corner."""
        if not 1 <= position <= self.per_sheet:
            raise ValueError(f"position {position} is not on a sheet of {self.per_sheet}")
        row, column = divmod(position - 1, self.columns)
        left = self.left + column * self.pitch_x
        top = self.top + row * self.pitch_y
        return left, self.page_height - top - self.label_height, self.label_width, \
            self.label_height


def _labels(code, name, page, columns, rows, size, left, top, pitch, text_size) -> Sheet:
    return Sheet(code, name, page[0], page[1], columns, rows, size[0], size[1], left, top,
                 pitch[0], pitch[1], text_size)


SHEETS: dict[str, Sheet] = {sheet.code: sheet for sheet in (
    _labels("5160", N_("Avery 5160: 30 address labels, 1″ × 2⅝″ (Letter)"), LETTER, 3, 10,
            (2.625 * INCH, 1 * INCH), 0.1875 * INCH, 0.5 * INCH, (2.75 * INCH, 1 * INCH), 9.5),
    _labels("5161", N_("Avery 5161: 20 address labels, 1″ × 4″ (Letter)"), LETTER, 2, 10,
            (4 * INCH, 1 * INCH), 0.15625 * INCH, 0.5 * INCH, (4.1875 * INCH, 1 * INCH), 10),
    _labels("5163", N_("Avery 5163: 10 shipping labels, 2″ × 4″ (Letter)"), LETTER, 2, 5,
            (4 * INCH, 2 * INCH), 0.15625 * INCH, 0.5 * INCH, (4.1875 * INCH, 2 * INCH), 12),
    _labels("L7160", N_("Avery L7160: 21 address labels, 63.5 × 38.1 mm (A4)"), A4, 3, 7,
            (63.5 * MM, 38.1 * MM), (210 - 2 * 66.04 - 63.5) / 2 * MM, 15.15 * MM,
            (66.04 * MM, 38.1 * MM), 9.5),
    _labels("L7163", N_("Avery L7163: 14 address labels, 99.1 × 38.1 mm (A4)"), A4, 2, 7,
            (99.1 * MM, 38.1 * MM), (210 - 101.6 - 99.1) / 2 * MM, 15.15 * MM,
            (101.6 * MM, 38.1 * MM), 11),
    # a #10 envelope fed flat: the page is the envelope, the one "label" is all of it
    _labels("envelope10", N_("#10 envelopes, 4⅛″ × 9½″, one per page"), (9.5 * INCH, 4.125 * INCH),
            1, 1, (9.5 * INCH, 4.125 * INCH), 0, 0, (9.5 * INCH, 4.125 * INCH), 11),
)}

DEFAULT = "5160"


@dataclass(frozen=True)
class EnvelopeLayout:
    """Where the two addresses go on an envelope, from its top-left corner: the group's in the
    top-left corner, the partner's a little right of the middle and below it, where Canada
    Post's machines read it (clear of the stamp, top right, and of the bottom 5/8″, which
    takes the sorting bar code)."""
    return_left: float = 0.375 * INCH
    return_top: float = 0.375 * INCH
    return_size: float = 9.0
    return_width: float = 3.4 * INCH
    to_left: float = 3.9 * INCH
    to_top: float = 1.85 * INCH
    to_width: float = 5.0 * INCH  # to 0.6″ from the right edge
    to_bottom: float = 0.625 * INCH  # the lowest a line may sit, from the bottom edge


ENVELOPE = EnvelopeLayout()


def sheet_for(code: str) -> Sheet | None:
    """The sheet a command line names, in any case ("l7160"); None for none of ours."""
    return next((sheet for key, sheet in SHEETS.items() if key.lower() == code.strip().lower()),
                None)


def start_problem(sheet: Sheet, start: int) -> str | None:
    """Why labels cannot start at `start` on this sheet, in plain words; None when they can."""
    if sheet.is_envelope:
        return None if start == 1 else _(
            "Envelopes print one per page: a starting position is for a sheet of labels.")
    if 1 <= start <= sheet.per_sheet:
        return None
    return _("An Avery {code} sheet has {n} labels: start at a position from 1 (top left) to "
             "{n}, counting across then down.").format(code=sheet.code, n=sheet.per_sheet)


def pages_needed(sheet: Sheet, count: int, start: int = 1) -> int:
    """The sheets (or envelopes) `count` addresses take from position `start` of the first."""
    return 0 if count <= 0 else (start - 1 + count + sheet.per_sheet - 1) // sheet.per_sheet
