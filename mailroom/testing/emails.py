"""Plain-text emails for tests: a letter as a resident would mail it."""

from __future__ import annotations

import hashlib
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


def email_file(folder: Path, name: str, body: str, subject: str = "Bericht") -> Path:
    """Write an .eml from ``name`` with ``body`` into ``folder``; its Message-ID and file
    name follow from the content, so the same letter twice is a duplicate."""
    key = hashlib.sha256(f"{name}\n{subject}\n{body}".encode()).hexdigest()[:16]
    msg = EmailMessage()
    msg["From"] = f"{name} <{name.split()[0].lower()}@example.nl>"
    msg["To"] = "info@gemeente.nl"
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{key}@example.nl>"
    msg.set_content(body)
    path = folder / f"{key}.eml"
    path.write_bytes(bytes(msg))
    return path
