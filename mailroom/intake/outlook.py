"""Outlook and Exchange mail: .msg files, winmail.dat (TNEF) and S/MIME wrappers.

A .msg is read with extract-msg and rebuilt as a standard ``EmailMessage`` (its
envelope, body and attachments, attached .msg files as attached messages), so it
goes through the same walk as an .eml and nothing about email is decided twice.
A ``winmail.dat`` is unpacked with tnefparse into its attachments and, when the
email has no body of its own, the letter it carries (HTML or RTF).

S/MIME: a detached signature (``smime.p7s``, ``multipart/signed``) carries no
content and is passed over, so the signed letter is processed as any other. An
opaque-signed message (``application/pkcs7-mime; smime-type=signed-data``) would
need a CMS parser that mailroom does not have (cryptography does not take the
content out of signed data), and an encrypted one (enveloped-data) cannot be read
without the recipient's key: both are quarantined with their reason.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

import extract_msg
import tnefparse
from extract_msg.enums import AttachmentType, ErrorBehavior

from mailroom.core.errors import CorruptInput
from mailroom.intake.limits import IntakeLimits

log = logging.getLogger(__name__)

#: The first bytes of a TNEF stream (0x223E9F78, little-endian).
TNEF_SIGNATURE = b"\x78\x9f\x3e\x22"
TNEF_MEDIA_TYPE = "application/ms-tnef"
TNEF_TYPES = frozenset({"application/ms-tnef", "application/vnd.ms-tnef"})
SMIME_TYPES = frozenset({"application/pkcs7-mime", "application/x-pkcs7-mime"})
SIGNATURE_TYPES = frozenset({"application/pkcs7-signature", "application/x-pkcs7-signature"})

# DER of the CMS content-type identifiers, as they appear near the start of a .p7m.
_SIGNED_DATA_OID = bytes.fromhex("06092a864886f70d010702")
_ENVELOPED_OIDS = (
    bytes.fromhex("06092a864886f70d010703"),  # enveloped-data
    bytes.fromhex("060b2a864886f70d0109100117"),  # authEnveloped-data
)
# Read what can be read: a broken attachment, malformed RTF or a small breach of the format
# is logged (and the attachment skipped), not a reason to refuse the whole message; the
# .msg itself is kept as the intake's original either way.
_TOLERANT = (
    ErrorBehavior.ATTACH_SUPPRESS_ALL
    | ErrorBehavior.RTFDE
    | ErrorBehavior.STANDARDS_VIOLATION
    | ErrorBehavior.NAMED_NAME_STREAM
)
ENCRYPTED_REASON = "encrypted email (S/MIME); mailroom cannot read it without the recipient's key"
OPAQUE_SIGNED_REASON = (
    "signed email in the opaque S/MIME form (signed-data); mailroom cannot take the letter "
    "out of it: open it in a mail client and forward the letter, or ask the sender to sign "
    "with a detached signature"
)


@dataclass(frozen=True)
class TnefAttachment:
    """A file carried in a winmail.dat: its display name and bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class TnefContents:
    """What a winmail.dat holds: its attachments and the letter's text as HTML, RTF or text."""

    attachments: tuple[TnefAttachment, ...]
    body_html: str | None = None
    body_rtf: bytes | None = None
    body_text: str | None = None


def is_tnef(data: bytes, content_type: str = "", filename: str | None = None) -> bool:
    """Whether a part is a winmail.dat, by its bytes, its media type or its name."""
    # A part labelled TNEF whose bytes are not is read anyway: tnefparse says it is damaged.
    named = content_type in TNEF_TYPES or (filename or "").lower() == "winmail.dat"
    return data.startswith(TNEF_SIGNATURE) or named


def is_signature(content_type: str, filename: str | None) -> bool:
    """Whether a part is a detached S/MIME signature (it carries no document)."""
    return content_type in SIGNATURE_TYPES or (filename or "").lower().endswith(".p7s")


def is_smime_envelope(content_type: str, filename: str | None) -> bool:
    """Whether a part is an S/MIME message body (.p7m): opaque-signed or encrypted."""
    return content_type in SMIME_TYPES or (filename or "").lower().endswith(".p7m")


def smime_problem(smime_type: str | None, data: bytes) -> str | None:
    """Why an S/MIME envelope cannot be read; None for a certificates-only part (no content)."""
    kind = (smime_type or "").lower()
    head = data[:64]
    if kind in ("enveloped-data", "authenveloped-data") or any(o in head for o in _ENVELOPED_OIDS):
        return ENCRYPTED_REASON
    if kind == "certs-only":
        return None
    if kind == "signed-data" or _SIGNED_DATA_OID in head:
        return OPAQUE_SIGNED_REASON
    return "an S/MIME part mailroom cannot read"


def read_tnef(data: bytes) -> TnefContents:
    """The attachments and letter of a winmail.dat; raises CorruptInput when it is damaged."""
    try:
        # No checksum test: a wrong checksum changes nothing mailroom could do with the file.
        tnef = tnefparse.TNEF(data, do_checksum=False)
        attachments = tuple(
            TnefAttachment(_tnef_name(a, index), bytes(a.data))
            for index, a in enumerate(tnef.attachments, 1)
            if isinstance(a.data, (bytes, bytearray)) and a.data
        )
        rtf = tnef.rtfbody
    except Exception as e:  # tnefparse raises what its parsing meets (struct.error, ...)
        raise CorruptInput(f"the winmail.dat (Outlook TNEF) is damaged ({e})") from e
    contents = TnefContents(
        attachments,
        body_html=_text(tnef.htmlbody),
        body_rtf=bytes(rtf) if isinstance(rtf, (bytes, bytearray)) and rtf else None,
        body_text=_text(tnef.body),
    )
    if not (attachments or contents.body_html or contents.body_rtf or contents.body_text):
        # tnefparse reads garbage without complaint; what it found nothing in is kept.
        raise CorruptInput(
            "the winmail.dat (Outlook TNEF) is damaged or empty: no attachment or letter in it"
        )
    return contents


def _tnef_name(attachment: Any, index: int) -> str:
    try:
        name = attachment.long_filename()
    except (UnicodeError, AttributeError, TypeError):
        name = None
    if isinstance(name, bytes):
        name = name.decode("cp1252", "replace")
    return str(name).strip("\x00 ") if name else f"attachment-{index}"


def _text(value: object) -> str | None:
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8", "replace")
    return value.strip("\x00").strip() or None if isinstance(value, str) else None


def msg_to_email(data: bytes, limits: IntakeLimits) -> EmailMessage:
    """An Outlook .msg rebuilt as an email: envelope, body and attachments.

    Raises :class:`CorruptInput` when extract-msg cannot read it.
    """
    try:
        msg = extract_msg.openMsg(data, delayAttachments=False, errorBehavior=_TOLERANT)
    except Exception as e:  # extract-msg raises many kinds on damaged files
        raise CorruptInput(f"the Outlook message (.msg) is damaged or not a message ({e})") from e
    try:
        email = _rebuild(msg, 0, limits)
        if not (email["From"] or email["To"] or email["Subject"]):
            raise CorruptInput(
                "the Outlook message (.msg) has no sender, recipient or subject: it is damaged "
                "or not a message"
            )
        return email
    except CorruptInput:
        raise
    except Exception as e:
        raise CorruptInput(f"the Outlook message (.msg) cannot be read ({e})") from e
    finally:
        msg.close()


def _rebuild(msg: Any, depth: int, limits: IntakeLimits) -> EmailMessage:
    if depth > limits.mime_max_depth:
        raise CorruptInput(f"the Outlook message is nested more than {limits.mime_max_depth} deep")
    email = EmailMessage(policy=policy.default)
    _set_envelope(email, msg)
    body = _property(msg, "body")
    html = _property(msg, "htmlBody")
    email.set_content(body if isinstance(body, str) and body.strip() else "")
    if isinstance(html, bytes) and html.strip():
        email.add_alternative(html.decode("utf-8", "replace"), subtype="html")
    for index, attachment in enumerate(_property(msg, "attachments") or [], 1):
        try:
            _attach(email, attachment, index, depth, limits)
        except CorruptInput:
            raise
        except Exception as e:  # one broken attachment; the others and the letter go on
            log.warning("Outlook message: attachment %s cannot be read (%s)", index, e)
    return email


def _property(msg: Any, name: str) -> Any:
    """A property of an extract-msg message, or None when reading it fails.

    extract-msg computes properties on access (an HTML body from RTF, a date from the
    headers) and raises what its parsers meet; one unreadable field does not lose the rest.
    """
    try:
        return getattr(msg, name, None)
    except Exception as e:
        log.debug("Outlook message: %s not readable (%s: %s)", name, type(e).__name__, e)
        return None


def _set_envelope(email: EmailMessage, msg: Any) -> None:
    date = _property(msg, "date")
    fields = {
        "From": _property(msg, "sender"),
        "To": _property(msg, "to"),
        "Cc": _property(msg, "cc"),
        "Subject": _property(msg, "subject"),
        "Message-ID": _property(msg, "messageId"),
        "Date": format_datetime(date if date.tzinfo else date.replace(tzinfo=UTC))
        if isinstance(date, datetime)
        else None,
    }
    for name, value in fields.items():
        if value:
            try:
                email[name] = " ".join(str(value).split())
            except (ValueError, TypeError, IndexError) as e:
                # A malformed address or id from Outlook: the rest of the envelope still counts.
                log.debug("Outlook message: header %s not taken (%s)", name, e)


def _attach(
    email: EmailMessage, attachment: Any, index: int, depth: int, limits: IntakeLimits
) -> None:
    kind = getattr(attachment, "type", None)
    data = getattr(attachment, "data", None)
    name = getattr(attachment, "longFilename", None) or getattr(attachment, "shortFilename", None)
    if kind in (AttachmentType.MSG, AttachmentType.SIGNED_EMBEDDED) and data is not None:
        email.add_attachment(_rebuild(data, depth + 1, limits))
    elif isinstance(data, bytes) and data:
        maintype, _, subtype = (getattr(attachment, "mimetype", None) or "").partition("/")
        if not subtype:
            maintype, subtype = "application", "octet-stream"
        # Outlook marks pictures of the HTML body (a logo in the signature) hidden: no name,
        # so the walk treats them as inline images and passes over the small ones.
        hidden = bool(getattr(attachment, "hidden", False))
        email.add_attachment(
            data,
            maintype=maintype,
            subtype=subtype,
            filename=None if hidden else (name or f"attachment-{index}"),
            disposition="inline" if hidden else "attachment",
        )
    else:
        log.warning("Outlook message: attachment %s (%s) has no content; skipped", index, kind)
