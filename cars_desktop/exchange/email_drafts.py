"""Thank-you letters as email drafts for the volunteer's own mail program: one message per
partner, with its letter attached as the same PDF that prints, written as `.eml` files that
Outlook and Thunderbird open ready to send (the `X-Unsent: 1` header). Nothing is sent from
here and no password is kept: the volunteer reads each message, changes it if they like, and
presses Send, the day the laptop is online.

Who gets a message: the partner's own email address, or else a contact person's (the one the
letter names first, then the primary contact). Partners with neither are left out and named."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from cars_desktop.core import email_text
from cars_desktop.core.letter_text import Letter, default_salutation
from cars_desktop.core.validation import FieldError
from cars_desktop.core.validation import email as checked_email
from cars_desktop.i18n import _
from cars_desktop.store.batches import batches
from cars_desktop.store.contributions import acknowledge
from cars_desktop.store.letters import Letterhead, SentLetters
from cars_desktop.store.models import ContactPerson, Contribution, Partner

METHOD = "email"  # how a thank-you sent by email is written down


# write_pdf(letters, path): the letters drawn into one PDF at path
PdfWriter = Callable[[list[Letter], Path], object]


class DraftProblem(ValueError):
    """The drafts could not be written, said plainly; nothing was left half-written."""


@dataclass
class Draft:
    """One partner's message: to whom, in which language, and what it carries."""
    partner_name: str
    to_name: str
    to_address: str  # as a header holds it: the domain in its ASCII (IDNA) form
    language: str
    salutation: str
    letters: list[Letter]
    receipts: list[tuple[str, bytes]] = field(default_factory=list)  # serial, the kept PDF
    file_stem: str = ""  # the message's file name, unique in the folder

    def contribution_ids(self) -> list[int]:
        return [number for letter in self.letters for number in letter.contribution_ids]


@dataclass
class DraftPlan:
    drafts: list[Draft] = field(default_factory=list)
    not_emailed: list[str] = field(default_factory=list)  # partners, and why when it is not plain

    def contribution_ids(self) -> list[int]:
        return [number for draft in self.drafts for number in draft.contribution_ids()]


# Who gets what


def usable_address(text: str) -> str | None:
    """The address as a message header can carry it, or None: an address that looks
    incomplete, or whose part before the @ has letters that only newer mail servers take."""
    try:
        text = checked_email(text)
    except FieldError:
        return None
    if not text:
        return None
    local, _at, domain = text.rpartition("@")
    if not local.isascii():
        return None
    try:
        domain = domain.encode("idna").decode("ascii")  # "exémple.ca" → "xn--exmple-cva.ca"
        Address(addr_spec=f"{local}@{domain}")
    except (UnicodeError, HeaderParseError, ValueError, IndexError):
        return None
    return f"{local}@{domain}"


def plan_drafts(letters: list[Letter]) -> DraftPlan:
    """One draft per partner for these letters (a partner with several letters gets them
    all in one PDF), in the letters' order; the partners with no usable address are named."""
    ids = [number for letter in letters for number in letter.contribution_ids]
    owners: dict[int, tuple[int, int | None]] = {}
    for part in batches(ids):
        for number, partner_id, contact_id in (
                Contribution.select(Contribution.id, Contribution.partner, Contribution.contact)
                .where(Contribution.id.in_(part)).tuples()):
            owners[number] = (partner_id, contact_id)
    grouped: dict[int, list[Letter]] = {}
    for letter in letters:
        owner = next((owners[n] for n in letter.contribution_ids if n in owners), None)
        if owner is not None:
            grouped.setdefault(owner[0], []).append(letter)
    partner_ids = list(grouped)
    partners = {p.id: p for part in batches(partner_ids)
                for p in Partner.select().where(Partner.id.in_(part))}
    contacts: dict[int, list[ContactPerson]] = {}
    for part in batches(partner_ids):
        for contact in ContactPerson.select().where(ContactPerson.partner.in_(part)):
            contacts.setdefault(contact.partner_id, []).append(contact)
    plan, stems = DraftPlan(), set()
    for partner_id, found in grouped.items():
        partner = partners[partner_id]
        first = found[0]
        # a letter for one gift may name the gift's contact person, as the printed one does
        named = owners.get(first.contribution_ids[0], (0, None))[1] \
            if len(first.contribution_ids) == 1 else None
        draft = _draft(partner, contacts.get(partner_id, []), named, found)
        if isinstance(draft, str):
            plan.not_emailed.append(draft)
            continue
        draft.receipts = _receipts(found)
        draft.file_stem = _unique(email_text.safe_file_name(partner.name), stems)
        plan.drafts.append(draft)
    return plan


def _draft(partner: Partner, contacts: list[ContactPerson], named: int | None,
           letters: list[Letter]) -> Draft | str:
    """The draft, or what the window says of a partner that gets none."""
    lang = letters[0].language
    ordered = sorted(contacts, key=lambda c: (not c.is_primary, c.position, c.sort_name, c.uuid))
    letter_contact = next((c for c in ordered if c.id == named), None) or \
        (ordered[0] if ordered else None)
    to_name, greeted = partner.name, letter_contact
    address = usable_address(partner.email)
    if address is None:
        for contact in dict.fromkeys([c for c in (letter_contact, *ordered) if c]):
            address = usable_address(contact.email)
            if address:
                to_name, greeted = contact.name, contact
                break
    if address is None:
        typed = [text.strip() for text in (partner.email, *(c.email for c in ordered))
                 if text.strip()]
        if typed:
            return _("{name} (the email address “{address}” cannot be used)").format(
                name=partner.name, address=typed[0])
        return partner.name
    # the contact's own greeting is in the partner's language, as in the letters
    own = greeted.salutation if greeted is not None and lang == partner.language else ""
    salutation = own or default_salutation(greeted.name if greeted else "", partner.name,
                                           partner.kind == "person", lang, partner.first_name)
    return Draft(partner.name, to_name, address, lang, salutation, letters)


def _receipts(letters: list[Letter]) -> list[tuple[str, bytes]]:
    """The official receipts the letters say are enclosed, as they were issued."""
    from cars_desktop.store.models import Receipt
    from cars_desktop.store.receipts import on_active_receipt

    found: dict[str, bytes] = {}
    for letter in letters:
        if not letter.receipt_note:
            continue
        for number in letter.contribution_ids:
            receipt = on_active_receipt(number)
            if receipt is not None and receipt.serial not in found:
                found[receipt.serial] = bytes(Receipt.select(Receipt.pdf).where(
                    Receipt.id == receipt.id).scalar())  # lists leave the PDF unread
    return sorted(found.items())


def _unique(stem: str, taken: set[str]) -> str:
    """Two partners of the same name get "Club Lions" and "Club Lions (2)"; case does not
    tell files apart on Windows or a Mac."""
    candidate, number = stem, 2
    while candidate.casefold() in taken:
        candidate = f"{stem} ({number})"
        number += 1
    taken.add(candidate.casefold())
    return candidate


# The message


def message(draft: Draft, head: Letterhead, letter_pdf: bytes) -> EmailMessage:
    """The draft as a message: no sender and no date, which the mail program adds when the
    volunteer sends it from their own account."""
    msg = EmailMessage()
    msg["To"] = Address(display_name=" ".join(draft.to_name.split()),
                        addr_spec=draft.to_address)
    summary = all(letter.kind == "year_end" for letter in draft.letters)
    msg["Subject"] = email_text.subject(draft.language, head.name, summary)
    msg["X-Unsent"] = "1"  # Outlook and Thunderbird open it to edit and send, not as received
    msg.set_content(email_text.body(draft.language, draft.salutation, head.name,
                                    head.signatory_name, head.title_in(draft.language),
                                    len(draft.letters), len(draft.receipts), summary),
                    cte="quoted-printable")
    _attach(msg, letter_pdf, email_text.letter_file(draft.language, head.name))
    for serial, pdf in draft.receipts:
        _attach(msg, pdf, email_text.receipt_file(draft.language, serial))
    return msg


def _attach(msg: EmailMessage, pdf: bytes, name: str) -> None:
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=name)
    # some versions of Outlook name an attachment after its type's "name" only
    msg.get_payload()[-1].set_param("name", name)


# The folder


def default_folder(today: dt.date, documents: Path | None = None) -> Path:
    """A new folder "Thank-you emails 2026-11-22" in the volunteer's Documents (their home
    folder when there is none); " (2)" and on when that one exists."""
    if documents is None:
        import platformdirs

        documents = platformdirs.user_documents_path()
        if not documents.is_dir():
            documents = Path.home()
    name = email_text.safe_file_name(_("Thank-you emails {date}").format(
        date=today.isoformat()))
    folder, number = documents / name, 2
    while folder.exists():
        folder, number = documents / f"{name} ({number})", number + 1
    return folder


def folder_problem(folder: Path) -> str | None:
    """Why the messages cannot go in `folder`, or None. It must be new (or empty), in a folder
    that exists, so that nothing already there is mixed with them or replaced."""
    text = str(folder).strip()
    if not text or text == ".":
        return _("Choose a folder for the messages.")
    if not folder.is_absolute():
        return _("Give the folder's whole path, such as {example}.").format(
            example=Path.home() / folder)
    if not folder.parent.is_dir():
        return _("The folder {parent} does not exist. Choose a place that exists for the new "
                 "folder.").format(parent=folder.parent)
    if folder.exists() and not folder.is_dir():
        return _("There is already a file named {name} there. Choose another name for the "
                 "folder.").format(name=folder.name)
    if folder.is_dir() and any(folder.iterdir()):
        return _("The folder {folder} already has files in it. Choose a new folder, so that "
                 "these messages are not mixed with others.").format(folder=folder)
    return None


def pdf_folder_name() -> str:
    return email_text.safe_file_name(_("Letters (PDF)"))


def write_drafts(plan: DraftPlan, head: Letterhead, folder: Path, write_pdf: PdfWriter,
                 progress: Callable[[int, int], bool] | None = None) -> Path | None:
    """Write each draft as "<partner>.eml" in `folder`, and its letter as a PDF in the
    folder's "Letters (PDF)" (to attach by hand in a webmail); `write_pdf(letters, path)`
    draws the letters as they print (`documents.letters`). All of it is written in a hidden
    folder beside `folder`, which then takes its name in one step: the folder appears whole
    or not at all. `progress(done, total)` may return False to stop: then nothing is left
    and None is returned. Raises `DraftProblem` with what went wrong."""
    if not plan.drafts:
        raise DraftProblem(_("No partner has an email address: there is no message to write."))
    problem = folder_problem(folder)
    if problem:
        raise DraftProblem(problem)
    try:
        temp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".partial",
                                     dir=folder.parent))
    except OSError as err:
        raise DraftProblem(_("Nothing can be written in {parent}: {error}").format(
            parent=folder.parent, error=err.strerror or err)) from err
    try:
        letters_dir = temp / pdf_folder_name()
        letters_dir.mkdir()
        total = len(plan.drafts)
        for done, draft in enumerate(plan.drafts):
            if progress is not None and not progress(done, total):
                shutil.rmtree(temp, ignore_errors=True)
                return None
            pdf = letters_dir / f"{draft.file_stem}.pdf"
            write_pdf(draft.letters, pdf)
            data = message(draft, head, pdf.read_bytes()).as_bytes(policy=policy.SMTP)
            with open(temp / f"{draft.file_stem}.eml", "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        if progress is not None:
            progress(total, total)
        if folder.is_dir():
            folder.rmdir()  # empty (checked above): the finished folder takes its place
        os.rename(temp, folder)
    except OSError as err:
        shutil.rmtree(temp, ignore_errors=True)
        raise DraftProblem(_("The messages could not be written in {folder}: {error}. "
                             "Nothing was left there.").format(
            folder=folder, error=err.strerror or err)) from err
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return folder


# Marking them thanked


def record_emails_sent(contribution_ids: list[int], date: dt.date) -> SentLetters:
    """Mark these contributions thanked by the one rule of `store.contributions.acknowledge`,
    as the printed letters are; `store.letters.undo_letters_sent` takes it back."""
    acks, marked = acknowledge(contribution_ids, date, METHOD, "", "")
    return SentLetters(date, tuple(acks), tuple(marked))
