"""The group's letterhead, shared by letters and reports: the logo, the name, the address and
how to reach the group, over a rule."""

from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader

from cars_desktop.documents.fonts import BOLD, REGULAR
from cars_desktop.documents.scripts import draw_line, text_width

INCH = 72.0
MM = INCH / 25.4
NAVY = (0.08, 0.22, 0.36)
GREY = (0.35, 0.35, 0.38)


LOGO_PIXELS = 600  # a logo prints under 2 inches wide: more pixels only slow every letter


def _decoded(data: bytes):
    """The whole picture decoded (a file cut short fails here, not halfway through a batch)."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = 50_000_000  # refuse a "decompression bomb" rather than freeze
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def prepare_logo(data: bytes) -> bytes:
    """The picture as a PNG at most LOGO_PIXELS on its longer side, ready to store; raises
    ValueError with a plain message for a file that cannot be a logo."""
    try:
        image = _decoded(data)
    except Exception:  # Pillow raises many kinds for a file that is not a picture
        raise ValueError("That file is not a picture CARS Desktop can read, or it is cut "
                         "short. Choose a PNG or JPEG image.") from None
    if min(image.size) < 16:
        raise ValueError("That picture is too small to print clearly. Choose one at least "
                         "100 pixels wide.")
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    image.thumbnail((LOGO_PIXELS, LOGO_PIXELS))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def logo_problem(data: bytes) -> str | None:
    """Why this file cannot be a letterhead logo, or None when it can."""
    try:
        prepare_logo(data)
    except ValueError as err:
        return str(err)
    return None


def load_logo(data: bytes | None, max_height: float = 0.85 * INCH,
              max_width: float = 1.7 * INCH):
    """(reader, width, height) to draw the logo at, or None: a logo that no longer reads
    must not stop a letter or a report."""
    if not data:
        return None
    try:
        image = _decoded(data)
        image.thumbnail((LOGO_PIXELS, LOGO_PIXELS))
        reader = ImageReader(image)
        width, height = reader.getSize()
    except Exception:  # Pillow raises many kinds for a file that is not a picture
        return None
    scale = min(max_height / height, max_width / width)
    return reader, width * scale, height * scale


def fitted(text: str, font: str, size: float, width: float, smallest: float) -> tuple[str, float]:
    """The size (down to `smallest`) at which `text` fits `width`; cut with "…" if even
    that is too wide."""
    while size > smallest and text_width(text, font, size) > width:
        size -= 0.5
    if text_width(text, font, size) <= width:
        return text, size
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…", size


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
    name, size = fitted(head.name, BOLD, 15, page_width - margin - left, 10)
    canvas.setFont(BOLD, size)
    draw_line(canvas, left, top - 14, name, BOLD, size)
    canvas.setFillColorRGB(*GREY)
    canvas.setFont(REGULAR, 8.5)
    y = top - 29
    for line in [*head.address, head.contact_line]:
        if line:
            draw_line(canvas, left, y, fitted(line, REGULAR, 8.5, page_width - margin - left,
                                              8.5)[0], REGULAR, 8.5)
            y -= 11
    rule = min(y + 3, top - (logo[2] if logo else 0)) - 8
    canvas.setStrokeColorRGB(*NAVY)
    canvas.setLineWidth(0.8)
    canvas.line(margin, rule, page_width - margin, rule)
    return rule
