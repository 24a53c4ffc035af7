"""Turn an email (.eml or Outlook .msg) into documents: its PDF, image and Office
attachments (also inside zips, winmail.dat files and attached messages) and, when it
carries the message, its body.

Parsed with the standard ``email`` package (``policy.default``). Attachment
names are kept only as labels for people to read; they never decide where a
file is written. An attachment that cannot be taken (an executable, a Word
file that does not convert, an encrypted PDF or S/MIME email) becomes a quarantined
document with its reason, so nothing in the email is silently dropped while the rest
goes through. Outlook's formats and S/MIME are read in :mod:`mailroom.intake.outlook`,
Office documents converted in :mod:`mailroom.intake.office`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage, Message, MIMEPart
from email.parser import BytesParser
from email.utils import parseaddr
from pathlib import Path

from mailroom.core.errors import CorruptInput, InputRejected
from mailroom.intake import office, outlook
from mailroom.intake.archives import ZIP_SIGNATURE, unpack_zip
from mailroom.intake.detect import DOCUMENT_TYPES, PDF, TEXT, is_executable, sniff
from mailroom.intake.html import html_to_text
from mailroom.intake.inspect import image_side, to_safe_pdf
from mailroom.intake.limits import IntakeLimits
from mailroom.intake.outlook import TnefContents
from mailroom.intake.records import Channel, EmailMeta, InputContents, IntakePart

#: A body with fewer words than this next to attachments is a covering note.
COVERING_NOTE_WORDS = 40
#: Parts that carry no content of their own: signatures, calendar and contact cards.
IGNORED_TYPES = frozenset(
    {
        "application/pkcs7-signature",
        "application/x-pkcs7-signature",
        "application/pgp-signature",
        "application/pgp-keys",
        "text/calendar",
        "text/vcard",
        "text/x-vcard",
    }
)


def display_name(filename: str | None, index: int) -> str:
    """A safe label for an attachment: its base name without control characters."""
    if not filename:
        return f"attachment-{index}"
    base = re.split(r"[\\/]", filename)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip(" .")
    return base[:200] or f"attachment-{index}"


def part_text(part: MIMEPart) -> str:
    """The text of a text part, surviving unknown or lying charsets."""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError):
        raw = part.get_payload(decode=True) or b""
        assert isinstance(raw, bytes)
        try:
            content = raw.decode("utf-8")
        except UnicodeDecodeError:
            content = raw.decode("cp1252", errors="replace")
    if not isinstance(content, str):
        return ""
    if part.get_content_type() == "text/html":
        return html_to_text(content)
    return content.strip()


def _header(msg: EmailMessage, name: str) -> str | None:
    try:
        value = msg[name]
    except (ValueError, IndexError, TypeError):
        value = None
    return " ".join(str(value).split())[:998] if value else None


def envelope(msg: EmailMessage) -> EmailMeta:
    """Sender, recipient, subject, date and Message-ID of a message."""
    sent_at = None
    try:
        date = msg["Date"]
        sent_at = getattr(date, "datetime", None)
    except (ValueError, TypeError, IndexError):
        sent_at = None
    if isinstance(sent_at, datetime):
        # Stored in UTC: SQLite would silently drop the sender's zone.
        sent_at = sent_at.astimezone(UTC) if sent_at.tzinfo else sent_at.replace(tzinfo=UTC)
    message_id = _header(msg, "Message-ID")
    return EmailMeta(
        sender=_header(msg, "From"),
        recipient=_header(msg, "To"),
        subject=_header(msg, "Subject"),
        sent_at=sent_at,
        message_id=message_id.strip("<> ") if message_id else None,
    )


def _header_block(meta: EmailMeta) -> str:
    fields = (("Van", meta.sender), ("Aan", meta.recipient), ("Onderwerp", meta.subject))
    lines = [f"{label}: {value}" for label, value in fields if value]
    if meta.sent_at:
        lines.insert(2, f"Datum: {meta.sent_at:%d-%m-%Y %H:%M}")
    return "\n".join(lines)


def _message_words(text: str) -> int:
    """Words the writer wrote: quoted replies and the signature do not count."""
    own: list[str] = []
    for line in text.splitlines():
        if line.strip() == "--":
            break
        if not line.lstrip().startswith(">"):
            own.append(line)
    return len(" ".join(own).split())


def _leaves(part: EmailMessage, depth: int, limits: IntakeLimits) -> Iterator[EmailMessage]:
    if depth > limits.mime_max_depth:
        raise CorruptInput(f"the email is nested more than {limits.mime_max_depth} levels deep")
    if part.get_content_type() != "message/rfc822" and part.is_multipart():
        for sub in part.iter_parts():
            yield from _leaves(sub, depth + 1, limits)  # type: ignore[arg-type]
    else:
        yield part


def _is_body_text(part: EmailMessage) -> bool:
    return (
        part.get_content_type() in ("text/plain", "text/html")
        and part.get_filename() is None
        and part.get_content_disposition() != "attachment"
    )


class _Collector:
    """Walks one message (and the messages attached to it) into intake parts."""

    def __init__(self, source: Path, limits: IntakeLimits) -> None:
        self.source = source
        self.limits = limits
        self.parts: list[IntakePart] = []
        self.index = 0
        #: Letters found in winmail.dat files of the message being walked.
        self.tnef_letters: list[TnefContents] = []

    def message(self, msg: EmailMessage, depth: int, label: str) -> None:
        documents_before = len(self.parts)
        outer_letters, self.tnef_letters = self.tnef_letters, []
        body = msg.get_body(preferencelist=("plain", "html"))
        for leaf in _leaves(msg, depth, self.limits):
            if leaf.get_content_type() == "message/rfc822":
                inner = leaf.get_content()
                if isinstance(inner, EmailMessage):
                    self.attached_message(inner, depth, label)
            elif leaf is not body and not _is_body_text(leaf):
                self.attachment(leaf, label, depth)
        text = part_text(body) if body is not None else ""
        if not text.strip() and self.tnef_letters:
            # Outlook sent the letter only inside its winmail.dat.
            text = self.tnef_letter(self.tnef_letters[0], label)
        self.tnef_letters = outer_letters
        has_documents = len(self.parts) > documents_before
        if not has_documents or _message_words(text) >= COVERING_NOTE_WORDS:
            meta = envelope(msg)
            document = f"{_header_block(meta)}\n\n{text}".strip()
            self.add(TEXT, document.encode("utf-8"), f"{label}body")

    def attached_message(self, inner: EmailMessage, depth: int, label: str) -> None:
        subject = _header(inner, "Subject") or "attached message"
        self.message(inner, depth + 1, f"{label}{display_name(subject, 0)}: ")

    def attachment(self, leaf: EmailMessage, label: str, depth: int = 0) -> None:
        content_type = leaf.get_content_type()
        filename = leaf.get_filename()
        if content_type in IGNORED_TYPES or outlook.is_signature(content_type, filename):
            return
        self.index += 1
        name = f"{label}{display_name(filename, self.index)}"
        payload = leaf.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload:
            return
        if outlook.is_smime_envelope(content_type, filename):
            smime_type = leaf.get_param("smime-type")
            problem = outlook.smime_problem(
                smime_type if isinstance(smime_type, str) else None, payload
            )
            if problem is not None:
                self.add(content_type, payload, name, problem)
            return
        if outlook.is_tnef(payload, content_type, filename):
            self.tnef(name, payload, label, depth)
            return
        inline = leaf.get_content_disposition() != "attachment" and filename is None
        self.content(name, payload, inline, depth)

    def tnef(self, name: str, payload: bytes, label: str, depth: int) -> None:
        """A winmail.dat: its attachments become parts; its letter is kept for the body."""
        try:
            contents = outlook.read_tnef(payload)
        except InputRejected as e:
            self.add(outlook.TNEF_MEDIA_TYPE, payload, name, e.message)
            return
        for attachment in contents.attachments:
            self.content(f"{label}{display_name(attachment.name, 0)}", attachment.data, depth=depth)
        if contents.body_html or contents.body_rtf or contents.body_text:
            self.tnef_letters.append(contents)

    def tnef_letter(self, contents: TnefContents, label: str) -> str:
        """The text of a letter sent only inside a winmail.dat; an RTF one becomes a document."""
        if contents.body_html:
            return html_to_text(contents.body_html)
        if contents.body_rtf and not contents.body_text:
            self.office(f"{label}body.rtf", contents.body_rtf, office.RTF)
            return ""
        return contents.body_text or ""

    def content(self, name: str, payload: bytes, inline: bool = False, depth: int = 0) -> None:
        head = payload[:4096]
        try:
            kind = office.office_type(payload)
        except InputRejected as e:  # a password-protected or damaged Office file
            self.add("application/octet-stream", payload, name, e.message)
            return
        if kind == office.MSG:
            self.outlook_message(name, payload, depth)
        elif kind == office.OTHER_PACKAGE:
            self.add(
                "application/zip",
                payload,
                name,
                f"{name} is a document format mailroom cannot read (not Word, OpenDocument, "
                "a spreadsheet or a presentation)",
            )
        elif kind is not None:
            self.office(name, payload, kind)
        elif head.startswith(ZIP_SIGNATURE):
            self.archive(name, payload)
        else:
            self.scan_or_other(name, payload, head, inline)

    def outlook_message(self, name: str, payload: bytes, depth: int) -> None:
        """An attached Outlook .msg, walked as an attached email."""
        try:
            inner = outlook.msg_to_email(payload, self.limits)
        except InputRejected as e:
            self.add(office.MSG, payload, name, e.message)
            return
        self.message(inner, depth + 1, f"{name}: ")

    def office(self, name: str, payload: bytes, kind: str) -> None:
        """A Word, OpenDocument, RTF file, spreadsheet or presentation, made a PDF."""
        try:
            self.add(PDF, office.to_pdf(payload, kind, self.limits), name)
        except InputRejected as e:
            self.add(kind, payload, name, e.message)

    def archive(self, name: str, payload: bytes) -> None:
        try:
            for member in unpack_zip(payload, self.limits):
                self.content(f"{name}/{display_name(member.name, 0)}", member.data)
        except InputRejected as e:
            self.add("application/zip", payload, name, e.message)

    def scan_or_other(self, name: str, payload: bytes, head: bytes, inline: bool) -> None:
        media_type = sniff(head)
        if media_type in DOCUMENT_TYPES:
            side = image_side(payload) if media_type != PDF else None
            if side is not None and (side < self.limits.min_image_side or (inline and side < 800)):
                return  # a logo or an icon in the signature, not a document
            try:
                self.add(PDF, to_safe_pdf(payload, media_type, self.limits), name)
            except InputRejected as e:
                self.add(media_type, payload, name, e.message)
        elif is_executable(head):
            self.add(
                "application/octet-stream",
                payload,
                name,
                f"{name} is an executable program; it is not opened",
            )
        else:
            self.add(
                "application/octet-stream",
                payload,
                name,
                f"{name} is not a PDF, image, Office document or email; mailroom cannot read it",
            )

    def add(self, media_type: str, data: bytes, name: str, problem: str | None = None) -> None:
        self.parts.append(IntakePart(self.source, Channel.email, media_type, data, name, problem))


def _check_headers(msg: Message, limits: IntakeLimits) -> None:
    """Refuse huge headers before any is parsed: the parser slows down more than linearly."""
    stack = [msg]
    while stack:  # not recursive: the nesting depth is checked later, with a clear message
        part = stack.pop()
        for name, value in part.raw_items():
            if len(value) > limits.max_header_chars:
                raise CorruptInput(
                    f"the email has a {name[:40]} header of {len(value) // 1024} KB; at most "
                    f"{limits.max_header_chars // 1024} KB is taken (a damaged or hostile email)"
                )
        payload = part.get_payload()
        if isinstance(payload, list):
            stack.extend(p for p in payload if isinstance(p, Message))


def parse_email(source: Path, data: bytes, limits: IntakeLimits | None = None) -> InputContents:
    """The documents in one email (.eml, or an Outlook .msg): attachments in message order,
    then the body."""
    limits = limits or IntakeLimits()
    if data.startswith(office.OLE_SIGNATURE):
        msg: Message = outlook.msg_to_email(data, limits)
    else:
        try:
            msg = BytesParser(policy=policy.default).parsebytes(data)
        except RecursionError as e:
            raise CorruptInput("the email is nested too deeply to read") from e
        _check_headers(msg, limits)
    if not isinstance(msg, EmailMessage) or not (msg["From"] or msg["Subject"] or msg["To"]):
        raise CorruptInput("this is not an email: it has no From, To or Subject header")
    collector = _Collector(source, limits)
    try:
        collector.message(msg, 0, "")
    except RecursionError as e:
        raise CorruptInput("the email is nested too deeply to read") from e
    return InputContents(Channel.email, collector.parts, envelope(msg))


def sender_address(meta: EmailMeta) -> str | None:
    """The bare address of the sender, lower-cased."""
    address = parseaddr(meta.sender or "")[1]
    return address.lower() or None
