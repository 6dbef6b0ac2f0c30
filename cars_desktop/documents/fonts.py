"""The TrueType fonts shipped in resources/fonts, embedded in every PDF, so that French accents,
Canadian Aboriginal syllabics and names such as "Nguyễn" print as typed."""

from __future__ import annotations

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from cars_desktop.resource_files import resource_path

REGULAR, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"


def register_fonts() -> None:
    """Once per process: reading the three font files takes about 0.1 s."""
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf"),
                       (ITALIC, "DejaVuSans-Oblique.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(resource_path(f"fonts/{file}"))))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                  boldItalic=BOLD)
    # without these every page (and every chart) would also name Helvetica, a font that is
    # not embedded
    rl_config.canvas_basefontname = REGULAR
    # pictures (logo, signature) kept as binary, not as ASCII text: a quarter smaller, and
    # writing them as text was a quarter of the time a receipt takes
    rl_config.useA85 = 0
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = REGULAR
