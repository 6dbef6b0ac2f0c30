"""The group's letterhead, shared by letters and reports: the logo, the name, the address and
how to reach the group, over a rule."""

from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader

from cars_desktop.documents.fonts import BOLD, REGULAR

INCH = 72.0
MM = INCH / 25.4
NAVY = (0.08, 0.22, 0.36)
GREY = (0.35, 0.35, 0.38)


def load_logo(data: bytes | None, max_height: float = 0.85 * INCH,
              max_width: float = 1.7 * INCH):
    """(reader, width, height) to draw the logo at, or None; a logo that no longer reads
    must not stop a letter or a report."""
    if not data:
        return None
    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
    except Exception:  # Pillow raises many kinds for a file that is not a picture
        return None
    scale = min(max_height / height, max_width / width)
    return reader, width * scale, height * scale


def logo_problem(data: bytes) -> str | None:
    """Why this file cannot be a letterhead logo, or None when it can."""
    try:
        width, height = ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # Pillow raises many kinds for a file that is not a picture
        return "That file is not a picture CARS Desktop can read. Choose a PNG or JPEG image."
    if width < 16 or height < 16:
        return "That picture is too small to print clearly. Choose one at least 100 pixels wide."
    return None


def draw_letterhead(canvas, head, page_width: float, page_height: float, margin: float,
                    logo) -> float:
    """Draw it at the top of the page; returns the height of the rule under it."""
    top = page_height - 0.55 * INCH
    left = margin
    if logo:
        reader, width, height = logo
        canvas.drawImage(reader, left, top - height, width, height, mask="auto")
        left += width + 14
    canvas.setFillColorRGB(*NAVY)
    canvas.setFont(BOLD, 15)
    canvas.drawString(left, top - 14, head.name)
    canvas.setFillColorRGB(*GREY)
    canvas.setFont(REGULAR, 8.5)
    y = top - 29
    for line in [*head.address, head.contact_line]:
        if line:
            canvas.drawString(left, y, line)
            y -= 11
    rule = min(y + 3, top - (logo[2] if logo else 0)) - 8
    canvas.setStrokeColorRGB(*NAVY)
    canvas.setLineWidth(0.8)
    canvas.line(margin, rule, page_width - margin, rule)
    return rule
