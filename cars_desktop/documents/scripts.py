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
from cars_desktop.resource_files import resource_path

# Tried in this order after the text's own font; each file is in resources/fonts
# (packaging/script_fonts.py makes them).
FALLBACKS = (
    ("NotoSansArabic", "NotoSansArabic-Regular.ttf"),  # DejaVu's italic has no Arabic
    *((f"NotoSans{script}", f"NotoSans{script}-Regular.ttf")
      for script in ("Devanagari", "Gurmukhi", "Gujarati", "Bengali", "Tamil", "Malayalam",
                     "Telugu", "Ethiopic", "Thai")),
    ("NanumGothicHangul", "NanumGothic-Hangul.ttf"),
    ("DroidSansFallback", "DroidSansFallbackFull.ttf"),
    ("SymbolaEmoji", "Symbola-Emoji.ttf"),
)
# Never drawn, so never missing: joiners, variation selectors, direction marks
_INVISIBLE = set("\u200b\u200c\u200d\u200e\u200f\u2060\ufe0e\ufe0f\ufeff")
_RIGHT_TO_LEFT = ("R", "AL")
_MIRRORED = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")
_TAG = re.compile(r"(<[^>]*>)")
_ENTITY = re.compile(r"&(amp|lt|gt|quot|apos|#\d+);")
_found = threading.local()


def _latin(text: str) -> bool:
    """Only Latin letters (French, Vietnamese' base letters and the like): DejaVu has them in
    all three styles, and none of them joins or runs right to left. Most text: the quick way."""
    return not text or max(text) < "\u0250"


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
    if _latin(word):
        return font
    needed = {ord(char) for char in word if char not in _INVISIBLE}
    for name in (font, *(fallback for fallback, _file in FALLBACKS)):
        if needed <= _covers(name):
            return name
    return None


def unprintable(text: str) -> str:
    """The characters of `text` that no bundled font has: they would print as boxes."""
    covered = _covers(REGULAR).union(*(_covers(name) for name, _file in FALLBACKS))
    return "".join(dict.fromkeys(char for char in text if ord(char) not in covered
                                 and char not in _INVISIBLE and not char.isspace()
                                 and unicodedata.category(char) != "Cc"))


@contextmanager
def noting_unprintable():
    """Within it, on this thread, the words written that hold characters no font has are
    gathered in the list it gives: a document's writer then tells the volunteer."""
    _found.words = []
    try:
        yield _found.words
    finally:
        del _found.words


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


def in_reading_order(text: str) -> str:
    """`text` with its right-to-left words put in the order they are shown on a page read
    left to right (python-bidi), each handed to HarfBuzz as it will lay it out: a word of
    right-to-left letters is laid out from its end, so it goes in back to front, its
    brackets turned (HarfBuzz turns them again); a word that mixes both directions keeps
    its right-to-left letters in the order they are written."""
    if _latin(text) or not any(unicodedata.bidirectional(char) in _RIGHT_TO_LEFT
                               for char in text):
        return text
    from bidi import get_display

    words = re.split(r"(\s+)", get_display(text, base_dir="L"))
    for index, word in enumerate(words):
        kinds = {unicodedata.bidirectional(char) for char in word}
        if not kinds & set(_RIGHT_TO_LEFT):
            continue
        if "L" not in kinds:
            words[index] = word[::-1].translate(_MIRRORED)
            continue
        run, kept = [], []
        for char in word:  # the display reversed each right-to-left run: undo it
            if unicodedata.bidirectional(char) in (*_RIGHT_TO_LEFT, "NSM"):
                run.append(char)
            else:
                kept += [*reversed(run), char]
                run = []
        words[index] = "".join(kept + run[::-1])
    return "".join(words)


def needs_shaping(text: str) -> bool:
    """Letters that join or move: Arabic, and the scripts of India and Thailand."""
    return not _latin(text) and any(
        unicodedata.bidirectional(char) in _RIGHT_TO_LEFT or "\u0900" <= char <= "\u0eff"
        for char in text)


def _fonted(segment: str, font: str, shaped: bool) -> str:
    """A run of paragraph text (XML-escaped, no tags), each word in a font that has it. A
    word no one font has goes in several; in a shaped paragraph as several words (HarfBuzz
    shapes a word in one font)."""
    plain = in_reading_order(_ENTITY.sub(lambda m: _unescape(m.group(0)), segment))
    parts = []
    pieces = re.split(r"(\s+)", plain)
    for index, word in enumerate(pieces):
        if not word or word.isspace():
            parts.append(word)
            continue
        chosen = font_for(word, font)
        if chosen is not None:
            parts.append(_in_font(word, chosen, font))
            continue
        runs: list[list[str]] = []  # [font, text]
        for char in word:
            here = font_for(char, font)
            if here is None:  # said with the words around it, to be found
                _note("".join(pieces[max(index - 2, 0):index + 3]).strip(" ,.;:!?"))
                here = font
            if runs and (here == runs[-1][0] or unicodedata.category(char).startswith("M")):
                runs[-1][1] += char
            else:
                runs.append([here, char])
        parts.append((" " if shaped else "").join(_in_font(text, name, font)
                                                  for name, text in runs))
    return "".join(parts)


def _in_font(text: str, name: str, font: str) -> str:
    return escape_xml(text) if name == font else f'<font face="{name}">{escape_xml(text)}</font>'


def _unescape(entity: str) -> str:
    import html

    return html.unescape(entity)


def fonted(markup: str, font: str = REGULAR) -> str:
    """Paragraph markup with every word in a font that has its letters. `font` is the
    paragraph's own; <b> and <i> in the markup are followed."""
    if _latin(markup):
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
    for word in re.split(r"(\s+)", in_reading_order(text)):
        if word:
            total += pdfmetrics.stringWidth(word, font_for(word, font) or font, size)
    return total


def draw_line(canvas, x: float, y: float, text: str, font: str, size: float,
              align: str = "left") -> None:
    """`text` on one line whose baseline is at `y`, starting at `x` (or ending there, or
    centred on it). Text in the font's own letters is drawn directly; other scripts go
    through a paragraph, which chooses the fonts and shapes."""
    if not needs_shaping(text) and font_for(text, font) == font:
        draw = {"left": canvas.drawString, "right": canvas.drawRightString,
                "centre": canvas.drawCentredString}[align]
        draw(x, y, text)
        return
    width = text_width(text, font, size) + size  # room for what shaping adds
    style = ParagraphStyle("line", fontName=font, fontSize=size, leading=size * 1.2,
                           alignment=_ALIGN[align], textColor=canvas._fillColorObj)
    line = Paragraph(escape_xml(text), style)
    line.wrap(width, size * 3)
    left = {"left": x, "right": x - width, "centre": x - width / 2}[align]
    line.drawOn(canvas, left, y - size * 0.2)  # the paragraph's baseline sits 0.2 em up


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
