"""What a thank-you email says, in the partner's language (English or French): its subject, a
short body written as the group's letters are, and the names of the files it carries. The letter
itself is the attached PDF; the message only introduces it. Plain text in, plain text out."""

from __future__ import annotations

import re

# the group first, so that the partner sees at a glance who writes; plain ASCII punctuation,
# so that an English subject needs no encoding
SUBJECT = {"en": "{group}: thank you for your support", "fr": "{group} : merci de votre appui"}
# a year-end summary is a record of the year's gifts, said so
SUMMARY_SUBJECT = {"en": "{group}: a summary of your gifts",
                   "fr": "{group} : le sommaire de vos dons"}
_SUMMARY = {"en": "please find attached the summary of your gifts",
            "fr": "vous trouverez ci-joint le sommaire de vos dons"}

# one letter or several, with a receipt or without
_ATTACHED = {
    "en": ("please find attached our letter of thanks", "please find attached our letters of "
           "thanks"),
    "fr": ("vous trouverez ci-joint notre lettre de remerciement", "vous trouverez ci-joint nos "
           "lettres de remerciement"),
}
_RECEIPTS = {
    "en": (", with your official receipt for income tax purposes",
           ", with your official receipts for income tax purposes"),
    "fr": (", ainsi que votre reçu officiel aux fins de l'impôt sur le revenu",
           ", ainsi que vos reçus officiels aux fins de l'impôt sur le revenu"),
}
_BODY = {
    "en": ("{salutation},\n\n"
           "On behalf of everyone at {group}, {attached}{receipts}.\n\n"
           "Your support means a great deal to our community, and we are proud to count you "
           "among our partners.\n\n"
           "With our warmest thanks,\n\n"
           "{signature}\n"),
    "fr": ("{salutation},\n\n"
           "Au nom de toute l'équipe de {group}, {attached}{receipts}.\n\n"
           "Votre appui compte beaucoup pour notre communauté, et nous sommes fiers de vous "
           "compter parmi nos partenaires.\n\n"
           "Avec nos plus sincères remerciements,\n\n"
           "{signature}\n"),
}
LETTER_FILE = {"en": "Thank you - {group}.pdf", "fr": "Merci - {group}.pdf"}
RECEIPT_FILE = {"en": "Official receipt {serial}.pdf", "fr": "Reçu officiel {serial}.pdf"}


def _lang(lang: str) -> str:
    return "fr" if lang == "fr" else "en"


def _one_line(text: str) -> str:
    """A name as a header or a file name can hold it: no line breaks, no runs of spaces."""
    return " ".join(text.split())


def subject(lang: str, group: str, summary: bool = False) -> str:
    return (SUMMARY_SUBJECT if summary else SUBJECT)[_lang(lang)].format(
        group=_one_line(group))


def body(lang: str, salutation: str, group: str, signatory: str, title: str,
         letters: int = 1, receipts: int = 0, summary: bool = False) -> str:
    """The message: the greeting of the letter, one sentence saying what is attached, one of
    thanks, and the signature (who signs, their title, the group)."""
    lang = _lang(lang)
    attached = _SUMMARY[lang] if summary else _ATTACHED[lang][letters > 1]
    signature = "\n".join(line for line in (_one_line(signatory), _one_line(title),
                                            _one_line(group)) if line)
    return _BODY[lang].format(
        salutation=_one_line(salutation), group=_one_line(group),
        attached=attached, receipts=_RECEIPTS[lang][receipts > 1] if receipts else "",
        signature=signature)


def safe_file_name(name: str, limit: int = 80) -> str:
    """A file name every system accepts, as close to `name` as it can be: characters that
    Windows refuses become "-", and a name Windows keeps for a device gets a "_"."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "-", _one_line(name)).strip(" .-")
    cleaned = cleaned[:limit].rstrip(" .-")
    if not cleaned:
        return "_"
    if re.fullmatch(r"(?i)(con|prn|aux|nul|com\d|lpt\d)(\..*)?", cleaned):
        return f"_{cleaned}"
    return cleaned


def letter_file(lang: str, group: str) -> str:
    """"Thank you - Riverbend Community Food Centre.pdf": what the partner sees attached."""
    name = LETTER_FILE[_lang(lang)].format(group=group)
    return safe_file_name(name[:-4], 120) + ".pdf"


def receipt_file(lang: str, serial: str) -> str:
    return safe_file_name(RECEIPT_FILE[_lang(lang)].format(serial=serial)[:-4]) + ".pdf"
