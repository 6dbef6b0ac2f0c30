"""Partnership health: the latest checklist review of each formal partner."""

from __future__ import annotations

from xml.sax.saxutils import escape

from cars_desktop.core.letter_text import written_date
from cars_desktop.core.report_text import format_number, short_date
from cars_desktop.documents.scripts import Paragraph


def layout(maker, data) -> list:
    w = maker.w
    story = maker.opening(written_date(maker.today, maker.lang))
    if not data.rows:
        return [*story, Paragraph(escape(w["no_formal"]), maker.body)]
    story.append(Paragraph(escape(w["health_intro"].format(
        count=len(data.rows), overdue=data.overdue)), maker.body))
    rows = []
    for row in data.rows:
        reviewed = row.last_review is not None
        due = short_date(row.next_due, maker.lang)
        if row.overdue and reviewed:
            due = f"{due} ({w['overdue']})".strip()
        if row.overdue:  # in red: a review to do
            due = Paragraph(f'<font color="#b00020">{escape(due or w["never"])}</font>',
                            maker.cell)
        rows.append([row.name, short_date(row.last_review, maker.lang) if reviewed
                     else "", due,
                     *(format_number(count, maker.lang) if reviewed else ""
                       for count in (row.done, row.attention, row.not_applicable))])
    story.append(maker.table([w["partner"], w["last_review"], w["next_due"], w["done"],
                             w["attention"], w["na"]], rows,
                            [maker.width * f for f in (0.3, 0.17, 0.21, 0.09, 0.14, 0.09)],
                            right={3, 4, 5}))
    if data.needing_attention:
        practice_rows = [[text_fr if maker.lang == "fr" else text_en, partner, note]
                         for text_en, text_fr, partner, note in data.needing_attention]
        story += maker.section(w["practices"], maker.table(
            [w["practice"], w["partner"], w["note"]], practice_rows,
            [maker.width * 0.4, maker.width * 0.28, maker.width * 0.32]))
    else:
        story += maker.section(w["practices"],
                              Paragraph(escape(w["no_attention"]), maker.body))
    return story
