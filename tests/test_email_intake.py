"""Email through the whole intake: one intake item per email, enclosures linked, Message-ID once."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from mailroom.app import api
from mailroom.app.context import Mailroom
from mailroom.testing.pdfs import text_pdf

BODY = (
    "Geachte heer, mevrouw,\n\nHierbij stuur ik u mijn aanvraag voor een omgevingsvergunning "
    "voor het plaatsen van een dakkapel op de achterzijde van mijn woning aan de Molenweg 12. "
    "De bouwtekening en de constructieberekening zitten in de bijlage, samen met foto's van de "
    "huidige situatie. Ik hoor graag wanneer ik een besluit kan verwachten.\n\n"
    "Met vriendelijke groet,\nF. Postma"
)


def email_with_enclosure(message_id: str, received: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "F. Postma <f.postma@example.nl>"
    msg["To"] = "info@gemeente.example.nl"
    msg["Subject"] = "Aanvraag dakkapel Molenweg 12"
    msg["Date"] = "Mon, 09 Nov 2026 10:15:00 +0100"
    msg["Message-ID"] = message_id
    msg["Received"] = received
    msg.set_content(BODY)
    drawing = text_pdf(["Bouwtekening dakkapel Molenweg 12, schaal 1:50"])
    msg.add_attachment(drawing, maintype="application", subtype="pdf", filename="tekening.pdf")
    return bytes(msg)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "email"
    folder.mkdir()
    return folder


def test_an_email_is_one_intake_item_with_its_enclosures(mr: Mailroom, inbox: Path) -> None:
    path = inbox / "aanvraag.eml"
    path.write_bytes(email_with_enclosure("<abc-123@example.nl>", "by mx1; Mon, 9 Nov 2026"))
    drawing, body = api.ingest(mr, [path])

    assert (drawing.part, body.part) == ("tekening.pdf", "body")
    assert drawing.file == body.file == str(path)
    view = api.show_document(mr, body.id)
    assert [s["id"] for s in view.siblings] == [drawing.id]
    assert view.email is not None
    assert view.email["message_id"] == "abc-123@example.nl"
    assert view.email["subject"] == "Aanvraag dakkapel Molenweg 12"
    # 10:15 in Amsterdam (+01:00), kept as the same instant in UTC on every database
    assert datetime.fromisoformat(view.email["date"]) == datetime(2026, 11, 9, 9, 15, tzinfo=UTC)
    assert "Onderwerp: Aanvraag dakkapel Molenweg 12" in api.document_text(mr, body.id)


def test_the_same_message_id_again_is_a_duplicate(mr: Mailroom, inbox: Path) -> None:
    first = inbox / "1.eml"
    first.write_bytes(email_with_enclosure("<same@example.nl>", "by mx1"))
    again = inbox / "2.eml"  # delivered twice: other Received header, other bytes
    again.write_bytes(email_with_enclosure("<same@example.nl>", "by mx2"))
    results = api.ingest(mr, [first, again])
    assert [r.state for r in results][-1] == "duplicate"
    assert len(results) == 3
    assert "already received" in (results[-1].error or "")
