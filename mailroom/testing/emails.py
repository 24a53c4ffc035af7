"""Emails for tests and benchmarks: a letter as a resident would mail it."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from email.message import EmailMessage
from pathlib import Path

STREET_LIGHT = (
    "Geachte heer, mevrouw,\n\nDe lantaarnpaal voor ons huis aan de Dorpsstraat 12 is al twee "
    "weken kapot. Het is 's avonds erg donker op straat. Wilt u hem laten repareren?\n\n"
    "Met vriendelijke groet,\nPetra Smit"
)
PARKING = (
    "Beste gemeente,\n\nIk ben verhuisd naar de Lindelaan 4 en wil mijn bewonersvergunning "
    "voor parkeren overzetten naar mijn nieuwe adres. Mijn kenteken is GX-123-B.\n\n"
    "Groet,\nKees de Boer"
)
MUNICIPALITY = "info@gemeente.nl"


def email_message(
    sender: str,
    subject: str,
    body: str,
    message_id: str,
    attachments: Sequence[tuple[str, bytes, str]] = (),
    to: str = MUNICIPALITY,
) -> EmailMessage:
    """An email to the municipality's general address with ``attachments`` as
    ``(name, data, media type)``."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    msg.set_content(body)
    for filename, data, media_type in attachments:
        maintype, subtype = media_type.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg


def email_bytes(
    sender: str,
    subject: str,
    body: str,
    message_id: str,
    pdfs: Sequence[tuple[str, bytes]] = (),
) -> bytes:
    """An email to the municipality's general address, with PDF attachments ``(name, data)``."""
    attachments = [(name, data, "application/pdf") for name, data in pdfs]
    return bytes(email_message(sender, subject, body, message_id, attachments))


def email_file(folder: Path, name: str, body: str, subject: str = "Bericht") -> Path:
    """Write an .eml from ``name`` with ``body`` into ``folder``; its Message-ID and file
    name follow from the content, so the same letter twice is a duplicate."""
    key = hashlib.sha256(f"{name}\n{subject}\n{body}".encode()).hexdigest()[:16]
    sender = f"{name} <{name.split()[0].lower()}@example.nl>"
    path = folder / f"{key}.eml"
    path.write_bytes(email_bytes(sender, subject, body, f"<{key}@example.nl>"))
    return path
