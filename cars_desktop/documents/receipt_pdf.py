"""An official donation receipt as a one-page PDF: the charity's letterhead, the title, every
element the Canada Revenue Agency asks for in a table, the signature, and the CRA's name and
web address. A reprint is that very PDF, as kept, marked DUPLICATE on every page."""

from __future__ import annotations

import io
from types import SimpleNamespace
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Image, KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from cars_desktop.core.receipt_text import ReceiptDoc, cra_line, day, lines, money, said
from cars_desktop.documents.fonts import BOLD, ITALIC, REGULAR
from cars_desktop.documents.letterhead import GREY, INCH, NAVY, draw_letterhead, load_logo
from cars_desktop.documents.scripts import Paragraph, draw_line, register_script_fonts

MARGIN = 0.8 * INCH


def receipt_pdf(doc: ReceiptDoc, paper: str = "letter") -> bytes:
    """The receipt's PDF, in memory (it is kept inside the data file as it is)."""
    register_script_fonts()
    size = A4 if paper == "a4" else LETTER
    head = SimpleNamespace(name=doc.charity_name, address=doc.charity_address,
                           contact_line="")
    logo = load_logo(doc.logo)
    lang = doc.language
    out = io.BytesIO()

    def page(canvas, _template) -> None:
        canvas.saveState()
        draw_letterhead(canvas, head, size[0], size[1], MARGIN, logo)
        canvas.setFont(REGULAR, 8)
        canvas.setFillColorRGB(*GREY)
        draw_line(canvas, size[0] / 2, 0.55 * INCH, cra_line(lang), REGULAR, 8, "centre")
        if canvas.getPageNumber() > 1:  # a long year's list: every page says whose it is
            draw_line(canvas, size[0] - MARGIN, 0.55 * INCH + 11, f"{said('serial', lang)} "
                      f"{doc.serial} · {canvas.getPageNumber()}", REGULAR, 8, "right")
        canvas.restoreState()

    template = SimpleDocTemplate(
        out, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=1.75 * INCH,
        bottomMargin=0.8 * INCH, title=f"{said('title', 'en')} {doc.serial}",
        author=doc.charity_name, subject=doc.serial)
    template.build(_story(doc, size[0] - 2 * MARGIN), onFirstPage=page,
                   onLaterPages=page)
    return out.getvalue()


def mark_duplicate(pdf: bytes, language: str) -> bytes:
    """The receipt exactly as issued, with DUPLICATE across each page, light and under the
    text, and in the top corner: a reprint is never taken for a second original."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen.canvas import Canvas

    mark = said("duplicate", language)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        under, corner = io.BytesIO(), io.BytesIO()
        canvas = Canvas(under, pagesize=(width, height))
        across = 0.85 * (width ** 2 + height ** 2) ** 0.5
        canvas.setFillColorRGB(0.84, 0.84, 0.88)
        canvas.setFont(BOLD, min(64, 64 * across / canvas.stringWidth(mark, BOLD, 64)))
        canvas.translate(width / 2, height / 2)
        canvas.rotate(52)
        canvas.drawCentredString(0, 0, mark)
        canvas.save()
        canvas = Canvas(corner, pagesize=(width, height))
        canvas.setFillColorRGB(0.7, 0.1, 0.1)
        canvas.setFont(BOLD, 12)
        canvas.drawRightString(width - MARGIN, height - 0.45 * INCH, mark)
        canvas.save()
        page.merge_page(PdfReader(under).pages[0], over=False)
        page.merge_page(PdfReader(corner).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _story(doc: ReceiptDoc, width: float) -> list:
    lang = doc.language
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13.5)
    label = ParagraphStyle("label", parent=body, fontSize=9, textColor=colors.Color(*GREY))
    strong = ParagraphStyle("strong", parent=body, fontName=BOLD)
    title = ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=15, leading=19,
                           alignment=TA_CENTER, textColor=colors.Color(*NAVY))
    story = [Paragraph(escape(said("title", lang)), title), Spacer(1, 10)]
    if doc.replaces:
        story += [Paragraph(f"<b>{escape(said('replaces', lang).format(serial=doc.replaces))}"
                            "</b>", body), Spacer(1, 8)]
    rows = [[Paragraph(escape(said("donor", lang)), label),
             Paragraph("<br/>".join(escape(line) for line in doc.donor), strong)]]
    for name, value in lines(doc):
        shown = strong if name in (said("serial", lang), said("eligible", lang)) else body
        rows.append([Paragraph(escape(name), label), Paragraph(escape(value), shown)])
    table = Table(rows, colWidths=[width * 0.38, width * 0.62])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, colors.Color(0.8, 0.8, 0.84)),
        ("BOX", (0, 0), (-1, -1), 0.8, colors.Color(*NAVY)),
        ("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.93, 0.95, 0.98)),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 7), ("RIGHTPADDING", (0, 0), (-1, -1), 7),
    ]))
    story.append(table)
    if doc.gifts:
        story += [Spacer(1, 10), Paragraph(escape(said("gifts", lang)), label)]
        # a long year's list in columns, so that the signature stays on the page with it
        columns = 1 if len(doc.gifts) <= 10 else 2 if len(doc.gifts) <= 30 else 3
        per = -(-len(doc.gifts) // columns)
        cells = [[Paragraph(escape(day(when, lang) if columns == 1 else when), body),
                  Paragraph(escape(money(cents, lang)), body)] for when, cents in doc.gifts]
        rows = [sum((cells[column * per + row] if column * per + row < len(cells)
                     else ["", ""] for column in range(columns)), [])
                for row in range(per)]
        share = 0.8 if columns == 1 else 1.0
        gifts = Table(rows, colWidths=[width * share / columns * part
                                       for _column in range(columns) for part in (0.6, 0.4)],
                      hAlign="LEFT")
        gifts.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 1),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 7)]))
        story.append(gifts)
    story += [Spacer(1, 16), KeepTogether(_signature(doc, body, label, width))]
    story += [Spacer(1, 8), Paragraph(escape(said("keep", lang)),
                                       ParagraphStyle("keep", parent=body, fontName=ITALIC,
                                                      fontSize=8.5))]
    return story


def _signature(doc: ReceiptDoc, body, label, width: float) -> list:
    """The signature (the scanned one when the profile has it) over the signatory's name."""
    parts = []
    picture = load_logo(doc.signature, max_height=0.6 * INCH, max_width=2.4 * INCH)
    if picture:
        _reader, picture_width, picture_height = picture
        image = Image(io.BytesIO(doc.signature), picture_width, picture_height)
        image.hAlign = "LEFT"
        parts.append(image)
    else:
        parts.append(Spacer(1, 0.5 * INCH))  # room to sign by hand
    rule = Table([[""]], colWidths=[min(2.8 * INCH, width)], rowHeights=[2], hAlign="LEFT")
    rule.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, -1), 0.6, colors.black)]))
    parts.append(rule)
    who = ", ".join(part for part in (doc.signatory, doc.signatory_title) if part)
    if who:
        parts.append(Paragraph(escape(who), body))
    parts.append(Paragraph(escape(said("signature", doc.language)), label))
    return parts
