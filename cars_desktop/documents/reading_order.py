"""Text made ready to print left to right with right-to-left names in it (Arabic, Persian,
Hebrew): marks that are never drawn taken out, each run of right-to-left words kept in one
piece (a line never splits a name), and handed to HarfBuzz as it lays such a run out.

ReportLab lays the words of a line left to right, in the order they come; HarfBuzz shapes
each of them and lays a right-to-left one out from its end. So a run of right-to-left words
goes in as one word (its spaces made no-break), in the order python-bidi shows it, read back
to front: HarfBuzz turns it again, brackets included. A run longer than a line is cut in
pieces of whole words, each right; such a run may read in the wrong order across two lines
(ReportLab's own line-by-line order needs the rlbidi package, which PyPI does not carry)."""

from __future__ import annotations

import re
import unicodedata

RIGHT_TO_LEFT = frozenset({"R", "AL"})  # bidi classes of Hebrew and Arabic letters
_NEUTRAL = frozenset({"EN", "ES", "ET", "AN", "CS", "NSM", "BN", "ON", "WS", "B", "S"})
_MIRRORED = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")
_OPENING, _CLOSING = "([{<«‹", ")]}>»›"
_JOINERS = "\u200c\u200d"  # kept between letters: they change how Arabic and Indic join
SPACES = re.compile(r"([^\S\u00a0]+)")  # white space, but not the no-break space
LONGEST_RUN = 60  # characters of right-to-left text kept on one line at most


def _drawn(text: str) -> str:
    """Without what is never drawn: direction marks and isolates (apps add them around a
    copied name), zero-width spaces, variation selectors and emoji joiners; the joiners
    between two letters stay."""
    kept = []
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if char in _JOINERS:
            before = text[index - 1] if index else ""
            after = text[index + 1] if index + 1 < len(text) else ""
            if before[:1].isalpha() or unicodedata.category(before or " ")[0] == "M":
                if after.isalpha():
                    kept.append(char)
            continue
        if category == "Cf" or "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= \
                "\U000e01ef":
            continue
        kept.append(char)
    return "".join(kept)


def _directions(word: str) -> set[str]:
    return {unicodedata.bidirectional(char) for char in word}


def _split_mixed(word: str) -> list[str]:
    """A word with letters of both directions ("علي/Ali"), in parts of one direction each:
    HarfBuzz lays out a word in one direction."""
    parts, current, rtl = [], "", None
    for char in word:
        kind = unicodedata.bidirectional(char)
        here = True if kind in RIGHT_TO_LEFT else False if kind == "L" else rtl
        if current and rtl is not None and here is not None and here != rtl:
            parts.append(current)
            current = ""
        current += char
        rtl = here if here is not None else rtl
    return [*parts, current] if current else parts


def _last_strong(text: str) -> str:
    return next((kind for kind in map(unicodedata.bidirectional, reversed(text))
                 if kind in ("L", "R", "AL")), "")


def _for_harfbuzz(run: str) -> str:
    """A run of right-to-left words (its spaces no-break) as HarfBuzz is to get it: what is
    around its letters (a bracket, a comma) stays where the line puts it; numbers after
    Arabic letters belong to them, as the Unicode bidi rules say."""
    from bidi import get_display

    strong = [index for index, char in enumerate(run)
              if unicodedata.bidirectional(char) in RIGHT_TO_LEFT]
    first, last = strong[0], strong[-1]
    if unicodedata.bidirectional(run[last]) == "AL":
        last = max([last, *(index for index, char in enumerate(run)
                            if index > last and unicodedata.bidirectional(char) in ("EN", "AN"))])
    while last + 1 < len(run) and unicodedata.category(run[last + 1])[0] == "M":
        last += 1
    opened = sum(run[first:last + 1].count(char) for char in _OPENING) - \
        sum(run[first:last + 1].count(char) for char in _CLOSING)
    while opened > 0 and last + 1 < len(run) and run[last + 1] in _CLOSING:
        last, opened = last + 1, opened - 1  # a bracket opened among the letters closes there
    before, letters, after = run[:first], run[first:last + 1], run[last + 1:]
    # HarfBuzz reverses it all and turns every bracket: what is outside the letters is
    # turned beforehand, what is inside is turned by it (python-bidi orders, never turns)
    return (after[::-1].translate(_MIRRORED) + get_display(letters, base_dir="R")[::-1]
            + before[::-1].translate(_MIRRORED))


def latin_only(text: str) -> bool:
    """Only Latin letters (French, Vietnamese's base letters and the like): DejaVu has them in
    all three styles, and none of them joins or runs right to left. Most text: the quick way."""
    return not text or max(text) < "\u0250"


def prepared(text: str) -> str:
    """`text` ready for ReportLab's lines and HarfBuzz's shaping (see the module)."""
    if latin_only(text):
        return text
    text = _drawn(text)
    if not any(unicodedata.bidirectional(char) in RIGHT_TO_LEFT for char in text):
        return text
    lead = text[:len(text) - len(text.lstrip())]  # a paragraph's pieces between tags
    trail = text[len(text.rstrip()):]  # keep their spaces
    words: list[str] = []
    for piece in SPACES.split(text.strip()):
        if not piece or piece.isspace():
            continue
        kinds = _directions(piece)
        words += _split_mixed(piece) if kinds & RIGHT_TO_LEFT and "L" in kinds else [piece]
    out: list[str] = []
    run: list[str] = []
    tail: list[str] = []

    def end_run() -> None:
        arabic = _last_strong(" ".join(run)) == "AL"
        while run and not _directions(run[-1]) & RIGHT_TO_LEFT and not (
                arabic and _directions(run[-1]) & {"EN", "AN"}):
            tail.insert(0, run.pop())  # what follows the names, in the line's order
        chunks, chunk = [], ""
        for word in run:
            if chunk and len(chunk) + 1 + len(word) > LONGEST_RUN:
                chunks.append(chunk)
                chunk = word
            else:
                chunk = f"{chunk}\u00a0{word}" if chunk else word
        if chunk:
            chunks.append(chunk)
        out.extend(_for_harfbuzz(piece) for piece in reversed(chunks))
        out.extend(tail)
        run.clear()
        tail.clear()

    for word in words:
        kinds = _directions(word)
        if kinds & RIGHT_TO_LEFT:
            run.append(word)
        elif run and kinds <= _NEUTRAL:
            run.append(word)  # "محمد - علي": the dash is in the run
        else:
            if run:
                end_run()
            out.append(word)
    if run:
        end_run()
    return lead + " ".join(out) + trail
