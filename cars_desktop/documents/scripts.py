"""Text in every script Canadians write, printed as typed. DejaVu Sans has Latin, Greek,
Cyrillic, Arabic, Hebrew, Armenian and the syllabics; the fonts below add the scripts of
India, Ethiopia and Thailand, Chinese and Japanese, Korean, and emoji. Each word goes in
the first font that has all of its letters. Right-to-left words are put in the order they
are read (python-bidi), and the letters that join (Arabic) or change place and shape (the
scripts of India) are shaped by HarfBuzz, through ReportLab."""

from __future__ import annotations

import re
import threading
import unicodedata
from contextlib import contextmanager
from functools import cache
from xml.sax.saxutils import escape as escape_xml

from reportlab import platypus
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from cars_desktop.documents.fonts import BOLD, ITALIC, REGULAR, register_fonts
from cars_desktop.documents.reading_order import RIGHT_TO_LEFT, SPACES, latin_only, prepared
from cars_desktop.resource_files import resource_path

# Tried in this order after the text's own font; each file is in resources/fonts
# (packaging/script_fonts.py makes them).
FALLBACKS = (
    ("NotoSansArabic", "NotoSansArabic-Regular.ttf"),  # DejaVu's italic has no Arabic
    *((f"NotoSans{script}", f"NotoSans{script}-Regular.ttf")
      for script in ("Devanagari", "Gurmukhi", "Gujarati", "Bengali", "Tamil", "Malayalam",
                     "Telugu", "Sinhala", "Ethiopic", "Thai", "Lao", "Khmer", "Myanmar")),
    ("NanumGothicHangul", "NanumGothic-Hangul.ttf"),
    ("DroidSansFallback", "DroidSansFallbackFull.ttf"),
    ("SymbolaEmoji", "Symbola-Emoji.ttf"),
)
_TAG = re.compile(r"(<[^>]*>)")
_ENTITY = re.compile(r"&(#x?[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
_found = threading.local()


@cache
def _covers(font: str) -> frozenset[int]:
    register_script_fonts()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def register_script_fonts() -> None:
    """Once per process, with the DejaVu fonts; each falls back on itself for bold and
    italic (these fonts come in one weight)."""
    register_fonts()
    if FALLBACKS[-1][0] in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in FALLBACKS:
        pdfmetrics.registerFont(TTFont(name, str(resource_path(f"fonts/{file}"))))
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name,
                                      boldItalic=name)


def font_for(word: str, font: str = REGULAR) -> str | None:
    """The first font that has every letter of `word`: `font` itself, else a fallback; None
    when none has them all."""
    if latin_only(word):
        return font
    needed = {ord(char) for char in word if not _invisible(char)}
    for name in (font, *(fallback for fallback, _file in FALLBACKS)):
        if needed <= _covers(name):
            return name
    return None


def unprintable(text: str) -> str:
    """The characters of `text` that no bundled font has: they would print as boxes."""
    covered = _covers(REGULAR).union(*(_covers(name) for name, _file in FALLBACKS))
    return "".join(dict.fromkeys(char for char in text if ord(char) not in covered
                                 and not _invisible(char) and not char.isspace()
                                 and unicodedata.category(char) != "Cc"))


def _invisible(char: str) -> bool:
    """Never drawn, so never missing: joiners, direction marks, variation selectors."""
    return unicodedata.category(char) == "Cf" or "\ufe00" <= char <= "\ufe0f" or \
        "\U000e0100" <= char <= "\U000e01ef"


@contextmanager
def noting_unprintable():
    """Within it, on this thread, the words written that hold characters no font has are
    gathered in the list it gives: a document's writer then tells the volunteer."""
    outer = getattr(_found, "words", None)
    _found.words = []
    try:
        yield _found.words
    finally:
        if outer is not None:  # one within another: the outer one hears of it too
            outer.extend(word for word in _found.words if word not in outer)
        _found.words = outer


def where_unprintable(found: list[str], most: int = 5) -> str:
    """The words `noting_unprintable` gathered, as a volunteer can find them: each with the
    numbers of its unprintable characters (U+132F9), which their own screen may not show."""
    shown = [f"“{words}” ({' '.join(f'U+{ord(char):04X}' for char in unprintable(words))})"
             for words in found[:most]]
    return ", ".join(shown) + (" …" if len(found) > most else "")


def _note(word: str) -> None:
    words = getattr(_found, "words", None)
    if words is not None and word not in words:
        words.append(word)


def needs_shaping(text: str) -> bool:
    """Letters that join or move: Arabic and Hebrew, and the scripts of South and Southeast
    Asia (India, Sri Lanka, Thailand, Laos, Myanmar, Cambodia)."""
    return not latin_only(text) and any(
        unicodedata.bidirectional(char) in RIGHT_TO_LEFT or "\u0900" <= char <= "\u0eff"
        or "\u1000" <= char <= "\u109f" or "\u1780" <= char <= "\u17ff" for char in text)


def _runs(text: str, font: str, shaped: bool) -> list[tuple[str, str]]:
    """`text` (already `prepared`) as (font, text) runs: each word in the first font that has
    all its letters. A word no one font has goes in several; in a shaped paragraph as
    several words (HarfBuzz shapes a word in one font). What no font has is noted."""
    runs: list[tuple[str, str]] = []

    def add(name: str, piece: str) -> None:
        if runs and (runs[-1][0] == name or not piece.strip()):
            runs[-1] = (runs[-1][0], runs[-1][1] + piece)
        else:
            runs.append((name, piece))

    pieces = SPACES.split(text)
    for index, word in enumerate(pieces):
        chosen = font_for(word, font) if word and not word.isspace() else font
        if chosen is not None:
            add(chosen, word)
            continue
        parts: list[list[str]] = []  # [font, text]
        for char in word:
            here = font_for(char, font)
            if here is None:  # said with the words around it, to be found
                _note("".join(pieces[max(index - 2, 0):index + 3]).strip(" ,.;:!?"))
                here = font
            if parts and (here == parts[-1][0] or unicodedata.category(char).startswith("M")):
                parts[-1][1] += char
            else:
                parts.append([here, char])
        for number, (name, piece) in enumerate(parts):
            add(name, (" " if shaped and number else "") + piece)
    return runs


def _fonted(segment: str, font: str, shaped: bool) -> str:
    """A piece of paragraph markup between tags (XML-escaped), each word in its font."""
    plain = prepared(_ENTITY.sub(lambda m: _unescape(m.group(0)), segment))
    return "".join(_in_font(piece, name, font) for name, piece in _runs(plain, font, shaped))


def _in_font(text: str, name: str, font: str) -> str:
    return escape_xml(text) if name == font else f'<font face="{name}">{escape_xml(text)}</font>'


def _unescape(entity: str) -> str:
    import html

    return html.unescape(entity)


def fonted(markup: str, font: str = REGULAR) -> str:
    """Paragraph markup with every word in a font that has its letters. `font` is the
    paragraph's own; <b> and <i> in the markup are followed."""
    if latin_only(markup):
        return markup
    shaped = needs_shaping(markup)
    bold = italic = 0
    out = []
    for piece in _TAG.split(markup):
        if piece.startswith("<"):
            tag = piece.strip("</>").split()[0].lower() if piece.strip("</>") else ""
            step = -1 if piece.startswith("</") else 1
            bold += step if tag == "b" else 0
            italic += step if tag == "i" else 0
            out.append(piece)
        elif piece:
            here = BOLD if bold > 0 or font == BOLD else ITALIC if italic > 0 or \
                font == ITALIC else REGULAR
            out.append(_fonted(piece, here, shaped))
    return "".join(out)


@cache
def _shaped(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)


class Paragraph(platypus.Paragraph):
    """ReportLab's paragraph, for text in any script: each word in a font that has it, and
    shaped by HarfBuzz when it holds letters that join or move (only then: shaping every
    paragraph would slow long reports)."""

    def __init__(self, text: str | None, style: ParagraphStyle, *args, **kwargs) -> None:
        if text is not None:  # None: a part of a split paragraph, its words made already
            text = fonted(text, style.fontName)
            if needs_shaping(text):
                style = _shaped(style)
        super().__init__(text, style, *args, **kwargs)


_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "centre": TA_CENTER}


def text_width(text: str, font: str, size: float) -> float:
    """The width of `text` as printed, each word in the font that has it."""
    if font_for(text, font) == font:
        return pdfmetrics.stringWidth(text, font, size)
    total = 0.0
    for word in SPACES.split(prepared(text)):
        if word:
            total += pdfmetrics.stringWidth(word, font_for(word, font) or font, size)
    return total


def draw_line(canvas, x: float, y: float, text: str, font: str, size: float,
              align: str = "left") -> None:
    """`text` on one line whose baseline is at `y`, starting at `x` (or ending there, or
    centred on it), in the canvas's fill colour. Letters that need no shaping are drawn
    directly, font by font; the others through a paragraph, which shapes them."""
    if not needs_shaping(text):
        runs = _runs(prepared(text), font, shaped=False)
        widths = [pdfmetrics.stringWidth(piece, name, size) for name, piece in runs]
        left = {"left": x, "right": x - sum(widths), "centre": x - sum(widths) / 2}[align]
        for (name, piece), width in zip(runs, widths, strict=True):
            canvas.setFont(name, size)
            canvas.drawString(left, y, piece)
            left += width
        canvas.setFont(font, size)
        return
    width = text_width(text, font, size) + size  # room for what shaping adds
    colour = canvas._fillColorObj  # ReportLab keeps it there; the line takes it on
    rgb = tuple(colour.rgb() if hasattr(colour, "rgb") else colour)
    line = Paragraph(escape_xml(text), _line_style(font, size, align, rgb))
    line.wrap(width, size * 3)
    left = {"left": x, "right": x - width, "centre": x - width / 2}[align]
    line.drawOn(canvas, left, y - size * 0.2)  # the paragraph's baseline sits 0.2 em up


@cache
def _line_style(font: str, size: float, align: str, rgb: tuple) -> ParagraphStyle:
    from reportlab.lib.colors import Color

    return ParagraphStyle(f"line-{font}-{size}-{align}-{rgb}", fontName=font, fontSize=size,
                          leading=size * 1.2, alignment=_ALIGN[align], textColor=Color(*rgb))


def split_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` broken into lines no wider than `width`, between words."""
    if font_for(text, font) == font:
        from reportlab.lib.utils import simpleSplit

        return simpleSplit(text, font, size, width)
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current] if current else lines
