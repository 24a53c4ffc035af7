"""Rendering an acknowledgement: an email reply, a PDF/A letter, a day's print file.

Everything that came in by email (subject, addresses, message ids) is hostile
input here: it ends up in headers of a message mailroom sends, so it is put on
one line, checked against the syntax it claims, and dropped when it does not fit.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import jinja2
import pikepdf
from PIL import ImageFile

from mailroom.core.errors import MailroomError

from .records import Acknowledgement, EmailReply, Municipality
from .templates import LetterTemplateError, Templates, one_line

log = logging.getLogger(__name__)

#: The archival profile of the letters; the same as the OCR stage's scans.
PDF_VARIANT = "pdf/a-2b"
#: Longest subject taken over from the sender's email (RFC 5322 advises lines under 78).
MAX_SUBJECT = 150
#: A msg-id as RFC 5322 writes it, without comments or folding: <left@right>.
_MSG_ID = re.compile(r"<[^<>\s@]+@[^<>\s@]+>")
#: The reply prefixes senders' mail programs stack, in the languages residents write in.
_REPLY_PREFIX = re.compile(r"^\s*(?:re|antw|aw|sv|vs)\s*(?:\[\d+\])?\s*:\s*", re.IGNORECASE)
#: An addr-spec we reply to: no quoting, comments or whitespace; a dotted domain.
_ADDR_SPEC = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


class PrintRunFailed(MailroomError):
    """A letter handed to the day's print run is not a readable PDF."""


class UnusableAddress(MailroomError):
    """The sender's email address cannot be replied to (malformed, or an injection attempt)."""

    def __init__(self, address: str) -> None:
        super().__init__(
            f"cannot reply to the sender's address {address!r}: "
            "send the acknowledgement as a paper letter, or correct the address"
        )


def render_email(
    ack: Acknowledgement,
    reply: EmailReply,
    municipality: Municipality,
    templates: Templates,
    *,
    now: datetime | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    """The acknowledgement as a reply to the sender's email, ready for :func:`smtp.send`.

    A threaded reply (``In-Reply-To``, ``References``) marked ``Auto-Submitted:
    auto-replied`` (RFC 3834) so that autoresponders do not answer it. ``now`` is
    the ``Date`` header (the current time when not given). ``message_id``
    (``<id@domain>``) lets an outbox that renders again on a retry keep one
    Message-ID, so a receiving server can recognise a duplicate; a fresh one
    otherwise. Raises :class:`UnusableAddress` when the sender's address cannot be
    replied to.
    """
    message = EmailMessage()
    message["From"] = Address(one_line(municipality.name), addr_spec=municipality.email_from)
    message["To"] = _recipient(reply.from_address)
    message["Subject"] = reply_subject(reply.subject, ack.case_number)
    message["Date"] = format_datetime(now or datetime.now(UTC))
    message["Message-ID"] = _own_msg_id(message_id, municipality.email_from)
    original = _msg_id(reply.message_id)
    if original:
        message["In-Reply-To"] = original
    references = _references(reply.references, original)
    if references:
        message["References"] = references
    # RFC 3834: vacation responders and list servers must not answer this message.
    message["Auto-Submitted"] = "auto-replied"
    # Exchange and Outlook ignore Auto-Submitted but honour this for their out-of-office replies.
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(_render(templates.email(ack.case_type), ack, municipality), charset="utf-8")
    return message


def reply_subject(subject: str | None, case_number: str) -> str:
    """``Re: <subject>`` with any stacked reply prefixes removed; one line, bounded.

    Without a usable subject: ``Ontvangstbevestiging zaak <case number>``.
    """
    text = one_line(subject or "")
    while (stripped := _REPLY_PREFIX.sub("", text, count=1)) != text:
        text = stripped
    if not text:
        return f"Ontvangstbevestiging zaak {case_number}"
    if len(text) > MAX_SUBJECT:
        text = text[: MAX_SUBJECT - 1].rstrip() + "…"
    return f"Re: {text}"


def _recipient(raw: str) -> Address:
    # A newline in the address is a header-injection attempt, never a typo: refuse
    # rather than guess which of the lines was meant.
    if "\r" in raw or "\n" in raw:
        raise UnusableAddress(one_line(raw)[:100])
    name, addr = _split_address(raw)
    if not _ADDR_SPEC.fullmatch(addr):
        raise UnusableAddress(raw[:100])
    username, domain = addr.rsplit("@", 1)
    return Address(display_name=name, username=username, domain=domain)


def _split_address(raw: str) -> tuple[str, str]:
    """``Name <addr>`` or a bare ``addr`` into (name, addr); the name on one line, unquoted."""
    match = re.fullmatch(r"\s*(.*?)\s*<([^<>]*)>\s*", raw)
    if match:
        return one_line(match.group(1).strip('"')), match.group(2).strip()
    return "", raw.strip()


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1]


def _own_msg_id(given: str | None, email_from: str) -> str:
    if given is None:
        return make_msgid(domain=_domain(email_from))
    if not _MSG_ID.fullmatch(given):
        raise ValueError(f"not a Message-ID (<id@domain>): {given!r}")
    return given


def _msg_id(raw: str | None) -> str | None:
    """The first well-formed msg-id in ``raw``; None when there is none."""
    match = _MSG_ID.search(raw or "")
    return match.group(0) if match else None


def _references(raw: str | None, original: str | None) -> str | None:
    """The thread's ids (RFC 5322 3.6.4): the original's References, then its Message-ID."""
    ids = _MSG_ID.findall(raw or "")
    if original and original not in ids:
        ids.append(original)
    # Long threads: keep the first id and the most recent ones, as mail programs do.
    if len(ids) > 20:
        ids = ids[:1] + ids[-19:]
    return " ".join(ids) or None


def _render(template: jinja2.Template, ack: Acknowledgement, municipality: Municipality) -> str:
    try:
        return template.render(ack=ack, municipality=municipality)
    except jinja2.TemplateError as e:
        raise LetterTemplateError(
            f"template {template.name} cannot be rendered: {e}; correct the template"
        ) from e


def render_pdf(ack: Acknowledgement, municipality: Municipality, templates: Templates) -> bytes:
    """The acknowledgement as a printable, archivable letter: A4, PDF/A-2b, fonts embedded."""
    # Imported here: WeasyPrint takes a third of a second to import and needs Pango,
    # which a command that only sends email should not pay for or depend on.
    import weasyprint

    # Importing WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES, after which
    # intake would take a truncated scan for a whole one: it stays off in mailroom.
    ImageFile.LOAD_TRUNCATED_IMAGES = False

    html = _render(templates.letter(ack.case_type), ack, municipality)
    # Only data: URLs (an inlined logo): nothing is fetched at run time, from the
    # network or the disk, whatever a template or an untrusted field says.
    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",))
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher)
    return bytes(document.write_pdf(pdf_variant=PDF_VARIANT))


def daily_print(pdfs: Sequence[bytes], *, duplex: bool = True) -> bytes:
    """One PDF of a day's letters for the printer, in the given order.

    With ``duplex`` (the default: municipal printers print both sides and the
    envelope inserter splits by sheet) a blank page follows a letter with an odd
    number of pages, so every letter starts on a fresh sheet, on its front.
    """
    combined = pikepdf.Pdf.new()
    # The letters stay open until the save: pages are copied from them lazily.
    with ExitStack() as letters:
        for number, data in enumerate(pdfs, 1):
            try:
                letter = letters.enter_context(pikepdf.Pdf.open(io.BytesIO(data)))
            except pikepdf.PdfError as e:
                raise PrintRunFailed(
                    f"letter {number} of the print run is not a readable PDF ({e}); render it again"
                ) from e
            combined.pages.extend(letter.pages)
            if duplex and len(combined.pages) % 2:
                x0, y0, x1, y1 = (float(v) for v in combined.pages[-1].mediabox)
                combined.add_blank_page(page_size=(x1 - x0, y1 - y0))
        out = io.BytesIO()
        combined.save(out)
    log.info("print run of %d letters, %d pages", len(pdfs), len(combined.pages))
    return out.getvalue()
