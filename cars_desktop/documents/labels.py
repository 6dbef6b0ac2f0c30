"""Mailing labels on a sheet of Avery labels, or #10 envelopes, as one PDF: each partner's
address on its own label, in any script (each word in a bundled font that has it), a long line
made smaller or wrapped rather than running off its label. The sheets are
`core.label_sheets`; the addresses come from `store.labels`."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from cars_desktop.core.label_sheets import ENVELOPE, INCH, Sheet
from cars_desktop.documents.fonts import BOLD, REGULAR
from cars_desktop.documents.letterhead import fitted
from cars_desktop.documents.output import Cancelled, write_whole
from cars_desktop.documents.scripts import (
    draw_line,
    register_script_fonts,
    split_lines,
    text_width,
)

__all__ = ["Cancelled", "fit_address", "write_labels"]

PADDING_X = 0.11 * INCH  # inside the label's edges: sheets feed a little off true
PADDING_Y = 0.06 * INCH
SMALLEST = 6.0  # points: smaller does not read on an envelope
LEADING = 1.2
ASCENT = 0.8  # from a line's top to its baseline, in ems


def fit_address(lines: Sequence[str], width: float, height: float, size: float,
                font: str = REGULAR) -> tuple[list[str], float]:
    """The lines to print in a box `width` × `height` points, and their size. Each line
    stays whole, a little smaller if needed; a line that would then be too small is broken
    between words; at the smallest size a word wider than the box is cut with "…"."""
    def fits(shown: list[str], at: float) -> bool:
        return len(shown) * at * LEADING <= height and \
            all(text_width(line, font, at) <= width for line in shown)

    lines = [line for line in lines if line.strip()] or [""]
    at = size
    while at >= max(SMALLEST, size * 0.8):  # the same lines, somewhat smaller
        if fits(lines, at):
            return lines, at
        at -= 0.5
    at = size
    while at >= SMALLEST:  # long lines broken between words
        shown = [part for line in lines for part in (
            [line] if text_width(line, font, at) <= width  # its spaces as typed
            else split_lines(line, font, at, width) or [""])]
        if fits(shown, at):
            return shown, at
        at -= 0.5
    shown = [fitted(line, font, SMALLEST, width, SMALLEST)[0] for line in lines]
    room = max(1, int(height // (SMALLEST * LEADING)))
    if len(shown) > room:  # more lines than the label holds: the last one says the rest
        shown = shown[:room - 1] + [fitted(" ".join(shown[room - 1:]), font, SMALLEST, width,
                                           SMALLEST)[0]]
    return shown, SMALLEST


def _draw_block(canvas, lines: list[str], left: float, first_baseline: float, size: float,
                font: str = REGULAR) -> None:
    canvas.setFillColorRGB(0, 0, 0)
    baseline = first_baseline
    for line in lines:
        if line:
            draw_line(canvas, left, baseline, line, font, size)
        baseline -= size * LEADING


def _draw_label(canvas, sheet: Sheet, position: int, lines: Sequence[str]) -> None:
    """One address, centred top to bottom in its label, from its left edge."""
    left, bottom, width, height = sheet.where(position)
    inner_width, inner_height = width - 2 * PADDING_X, height - 2 * PADDING_Y
    shown, size = fit_address(lines, inner_width, inner_height, sheet.text_size)
    block = (len(shown) - 1) * size * LEADING + size
    top = bottom + height / 2 + block / 2
    _draw_block(canvas, shown, left + PADDING_X, top - size * ASCENT, size)


def _draw_envelope(canvas, sheet: Sheet, lines: Sequence[str], sender: Sequence[str]) -> None:
    page = ENVELOPE
    height = sheet.page_height
    if sender:
        room = page.to_top - page.return_top - 0.15 * INCH
        name, size = fitted(sender[0], BOLD, page.return_size, page.return_width, SMALLEST)
        rest, rest_size = fit_address(sender[1:], page.return_width,
                                      room - size * LEADING, page.return_size)
        baseline = height - page.return_top - size * ASCENT
        canvas.setFillColorRGB(0, 0, 0)
        draw_line(canvas, page.return_left, baseline, name, BOLD, size)
        _draw_block(canvas, rest, page.return_left, baseline - size * LEADING, rest_size)
    shown, size = fit_address(lines, page.to_width, height - page.to_top - page.to_bottom,
                              sheet.text_size)
    _draw_block(canvas, shown, page.to_left, height - page.to_top - size * ASCENT, size)


def write_labels(addresses: Sequence[Sequence[str]], sheet: Sheet, path: str | os.PathLike,
                 start: int = 1, sender: Sequence[str] = (), title: str = "",
                 author: str = "", progress: Callable[[int, int], bool] | None = None) -> int:
    """Print each address (its lines) on its own label of `sheet`, from label `start` of the
    first sheet, or each on its own envelope with the `sender`'s return address. The file
    appears whole or not at all; `progress(done, total)` may return False to stop (then
    `Cancelled` is raised). Returns the number of pages."""
    if not addresses:
        raise ValueError("There are no addresses to print.")
    first = 1 if sheet.is_envelope else start
    if not 1 <= first <= sheet.per_sheet:
        raise ValueError(f"label {start} is not on a sheet of {sheet.per_sheet}")
    register_script_fonts()

    def write(partial: str) -> int:
        from reportlab.pdfgen.canvas import Canvas

        canvas = Canvas(partial, pagesize=(sheet.page_width, sheet.page_height),
                        pageCompression=1)
        canvas.setTitle(title)
        canvas.setAuthor(author)
        canvas.setCreator("CARS Desktop")
        canvas.setSubject("")
        pages, position = 1, first
        for done, lines in enumerate(addresses, start=1):
            if position > sheet.per_sheet:
                canvas.showPage()
                pages, position = pages + 1, 1
            if sheet.is_envelope:
                _draw_envelope(canvas, sheet, lines, sender)
            else:
                _draw_label(canvas, sheet, position, lines)
            position += 1
            if progress and progress(done, len(addresses)) is False:
                raise Cancelled()
        canvas.showPage()
        canvas.save()
        return pages

    return write_whole(path, write)
