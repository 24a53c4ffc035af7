"""Deadlines and acknowledgements of receipt through the pipeline: due dates on cases, an
ingebrekestelling flagged, an objection and a complaint acknowledged once and an invoice
never, an email reply received by a real SMTP server (aiosmtpd) started here, the server
down and then up, and the paper letter as PDF/A in the day's print file."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pikepdf
import pypdf
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from mailroom.app import acknowledgements, api, corrections, deadlines, postroom, teams
from mailroom.app.context import Mailroom
from mailroom.cases.deadlines import due_date, penalty_start
from mailroom.core.db.models import Acknowledgement, Case, Document, Event
from mailroom.faces.cli import cli
from mailroom.letters.dates import dutch_date
from mailroom.testing.emails import email_bytes
from mailroom.testing.env import mailroom_env
from mailroom.testing.pdfs import text_pdf
from mailroom.testing.smtp import SmtpServer, acknowledging, free_port

OBJECTION = (
    "Geachte heer, mevrouw,\n\nHierbij maak ik bezwaar tegen uw besluit van 1 november 2026 "
    "waarin u mijn aanvraag voor bijzondere bijstand afwijst. Ik ben het niet eens met dit "
    "besluit. De gronden van mijn bezwaar stuur ik binnen twee weken na.\n\n"
    "Met vriendelijke groet,\nPetra Smit\nDorpsstraat 4\n1234 AB Ergens"
)
COMPLAINT = (
    "Geachte heer, mevrouw,\n\nIk wil een klacht indienen over de bejegening door een "
    "medewerker van het klantcontactcentrum. Ik ben drie keer niet teruggebeld en de "
    "medewerker was onvriendelijk aan de telefoon.\n\nMet vriendelijke groet,\nKees de Boer\n"
    "Lindelaan 12\n1234 AB Ergens"
)
STREET = (
    "Geachte heer, mevrouw,\n\nDe lantaarnpaal voor ons huis is al een week kapot en 's avonds "
    "is het aardedonker op de stoep. Wilt u de straatverlichting laten repareren?\n\n"
    "Met vriendelijke groet,\nJan Bakker\nKerkstraat 17\n8011 RK Zwolle"
)
INVOICE = (
    "FACTUUR\n\nFactuurnummer: F-2026-0042\nFactuurdatum: 1 december 2026\nOmschrijving: "
    "onderhoud groenvoorziening november\nBedrag excl. btw: EUR 1.200,00\nBTW 21%: EUR 252,00\n"
    "Totaal: EUR 1.452,00\nGraag betalen binnen 30 dagen op IBAN NL91ABNA0417164300 onder "
    "vermelding van het factuurnummer.\n\nGroenbedrijf De Linde B.V., KvK 12345678"
)


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


def _acknowledging(mr: Mailroom, port: int) -> Mailroom:
    mr.settings = mr.settings.model_copy(update=acknowledging(port))
    return mr


def _email(folder: Path, sender: str, subject: str, body: str, key: str) -> Path:
    path = folder / f"{key}.eml"
    path.write_bytes(email_bytes(sender, subject, body, f"<{key}@example.nl>"))
    return path


def _acks(mr: Mailroom) -> list[Acknowledgement]:
    with mr.sessions() as session:
        rows = list(session.scalars(select(Acknowledgement).order_by(Acknowledgement.id)))
        for row in rows:
            session.expunge(row)
    return rows


def test_an_objection_and_a_complaint_are_acknowledged_once_and_an_invoice_never(
    mr: Mailroom, smtp: SmtpServer, tmp_path: Path
) -> None:
    _acknowledging(mr, smtp.port)
    [objection] = api.ingest(
        mr, [_email(tmp_path, "Petra Smit <petra@example.nl>", "Bezwaar", OBJECTION, "bezw-1")]
    )
    assert objection.case_type == "bezwaar" and objection.state == "routed"
    [reply] = smtp.messages
    assert reply["To"] == "Petra Smit <petra@example.nl>"
    assert reply["In-Reply-To"] == "<bezw-1@example.nl>"
    assert reply["Auto-Submitted"] == "auto-replied"
    assert reply["Subject"] == "Re: Bezwaar"
    text = " ".join(reply.get_content().split())
    assert objection.case_number is not None and objection.case_number in text
    assert objection.due_date is not None
    assert dutch_date(date_of(objection.due_date)) in text  # "uiterlijk op ..."

    # A follow-up of the same case: the case was acknowledged, never twice.
    follow_up = (
        f"Beste gemeente,\n\nHierbij de gronden van mijn bezwaar, zaak {objection.case_number}."
    )
    [second] = api.ingest(
        mr, [_email(tmp_path, "Petra Smit <petra@example.nl>", "Gronden", follow_up, "bezw-2")]
    )
    assert second.case_number == objection.case_number
    [complaint] = api.ingest(
        mr, [_email(tmp_path, "Kees de Boer <kees@example.nl>", "Klacht", COMPLAINT, "klacht-1")]
    )
    assert complaint.case_type == "klacht"
    [invoice] = api.ingest(
        mr, [_email(tmp_path, "Groen <facturen@linde.nl>", "Factuur", INVOICE, "factuur-1")]
    )
    assert invoice.case_type == "factuur"

    assert len(smtp.messages) == 2  # objection and complaint; the invoice none
    assert smtp.messages[1]["In-Reply-To"] == "<klacht-1@example.nl>"
    acks = _acks(mr)
    assert [(a.channel, a.state) for a in acks] == [("email", "sent"), ("email", "sent")]
    trail = api.show_document(mr, objection.id).history
    assert [h["action"] for h in trail].count("acknowledged") == 1
    listed = CliRunner(env=mailroom_env(mr)).invoke(cli, ["acknowledgements", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    assert [a["state"] for a in json.loads(listed.output)] == ["sent", "sent"]


def date_of(iso: str) -> date:
    return date.fromisoformat(iso)


def test_a_mail_server_that_is_down_then_up_gets_the_acknowledgement_once(
    mr: Mailroom, tmp_path: Path
) -> None:
    server = SmtpServer()  # not started: connection refused
    _acknowledging(mr, server.port)
    [doc] = api.ingest(
        mr, [_email(tmp_path, "Kees de Boer <kees@example.nl>", "Klacht", COMPLAINT, "k-2")]
    )
    assert doc.state == "routed"  # the letter's work is done; the acknowledgement waits
    [ack] = _acks(mr)
    assert ack.state == "pending" and ack.attempts == 1 and ack.last_error
    assert ack.next_attempt_at is not None
    rows = postroom.status(mr)
    assert sum(r.acks_waiting for r in rows) == 1

    server.start()
    try:
        assert acknowledgements.send_due(mr).sent == 0  # not its time yet: a pause first
        later = mr.clock() + timedelta(hours=2)
        mr.clock = lambda: later
        assert acknowledgements.send_due(mr).sent == 1
        assert acknowledgements.send_due(mr).sent == 0  # sent once
    finally:
        server.stop()
    [message] = server.messages
    [ack] = _acks(mr)
    assert ack.state == "sent" and message["Message-ID"] == ack.message_id


def test_a_paper_objection_gets_a_pdf_a_letter_in_the_days_print_file(
    mr: Mailroom, tmp_path: Path
) -> None:
    _acknowledging(mr, free_port())
    scan = tmp_path / "bezwaar.pdf"
    scan.write_bytes(text_pdf([OBJECTION]))
    [doc] = api.ingest(mr, [scan])
    assert doc.case_type == "bezwaar" and doc.state == "routed"
    [ack] = _acks(mr)
    assert (ack.channel, ack.state) == ("paper", "sent"), ack.last_error
    assert ack.address == ["Dorpsstraat 4", "1234 AB Ergens"]
    letter = Path(str(ack.copy_path))
    with pikepdf.open(letter) as pdf, pdf.open_metadata() as xmp:
        assert xmp["pdfaid:part"] == "2" and xmp["pdfaid:conformance"] == "B"
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(letter).pages).split())
    assert doc.case_number is not None and doc.case_number in text
    assert doc.due_date is not None and dutch_date(date_of(doc.due_date)) in text
    assert "Dorpsstraat 4" in text and "Petra Smit" in text
    day = deadlines.today(mr).isoformat()
    printed = mr.settings.ack_dir / f"print-{day}.pdf"
    assert printed.is_file() and len(pypdf.PdfReader(io.BytesIO(printed.read_bytes())).pages) >= 1
    shown = CliRunner(env=mailroom_env(mr)).invoke(cli, ["acknowledgements", "print"])
    assert shown.output.strip() == str(printed)


def test_a_reminder_by_email_on_a_known_case_is_not_greeted_again(
    mr: Mailroom, tmp_path: Path
) -> None:
    _acknowledging(mr, free_port())
    scan = tmp_path / "melding.pdf"
    scan.write_bytes(text_pdf([STREET]))
    [first] = api.ingest(mr, [scan])
    assert first.case_type == "melding_openbare_ruimte" and _acks(mr) == []  # not required
    reminder = f"Beste gemeente,\n\nIk heb nog niets gehoord over zaak {first.case_number}."
    [second] = api.ingest(
        mr, [_email(tmp_path, "Jan Bakker <jan@example.nl>", "Herinnering", reminder, "h-1")]
    )
    assert second.case_number == first.case_number and _acks(mr) == []


def test_a_paper_letter_without_an_address_waits_for_a_person(mr: Mailroom, tmp_path: Path) -> None:
    _acknowledging(mr, free_port())
    scan = tmp_path / "klacht.pdf"
    scan.write_bytes(text_pdf([COMPLAINT.replace("Lindelaan 12\n1234 AB Ergens", "")]))
    [doc] = api.ingest(mr, [scan])
    assert doc.case_type == "klacht"
    [ack] = _acks(mr)
    assert ack.state == "failed" and ack.last_error == acknowledgements.NO_ADDRESS
    shown = CliRunner(env=mailroom_env(mr)).invoke(cli, ["status"])
    assert "paper acknowledgements a person must send: 1" in shown.output


def test_acknowledgements_wait_untried_until_the_settings_are_there(
    mr: Mailroom, tmp_path: Path
) -> None:
    [doc] = api.ingest(
        mr, [_email(tmp_path, "Kees de Boer <kees@example.nl>", "Klacht", COMPLAINT, "k-3")]
    )
    assert doc.state == "routed"
    [ack] = _acks(mr)
    assert (ack.state, ack.attempts) == ("pending", 0)
    shown = CliRunner(env=mailroom_env(mr)).invoke(cli, ["status"])
    assert "email acknowledgements waiting to be sent: 1 (acknowledgements wait: set " in (
        shown.output
    )


# --- due dates and the ingebrekestelling ----------------------------------------------------------


def test_a_new_case_gets_its_due_date_and_a_correction_computes_it_again(
    mr: Mailroom, tmp_path: Path
) -> None:
    [doc] = api.ingest(
        mr, [_email(tmp_path, "Kees de Boer <kees@example.nl>", "Klacht", COMPLAINT, "k-4")]
    )
    with mr.sessions() as session:
        row = session.get_one(Document, doc.id)
        received = deadlines.receipt_date(row.received_at)
    rule = mr.catalogue.case_type("klacht").deadline
    assert rule is not None and rule.article == "Awb 9:11"
    assert doc.due_date == due_date(rule, received).date.isoformat()

    corrections.correct(mr, doc.id, "anna", case_type="woo_verzoek", reason="is een Woo-verzoek")
    with mr.sessions() as session:
        case = session.get_one(Document, doc.id).case
        assert case is not None and case.case_type == "woo_verzoek"
        woo = mr.catalogue.case_type("woo_verzoek").deadline
        assert woo is not None
        assert case.due_date == due_date(woo, received).date
        assert case.due_rule == "Woo 4.4"


def test_an_ingebrekestelling_marks_its_case_urgent_with_the_penalty_date(
    mr: Mailroom, tmp_path: Path
) -> None:
    [objection] = api.ingest(
        mr, [_email(tmp_path, "Petra Smit <petra@example.nl>", "Bezwaar", OBJECTION, "b-5")]
    )
    [other] = api.ingest(
        mr, [_email(tmp_path, "Kees de Boer <kees@example.nl>", "Klacht", COMPLAINT, "k-5")]
    )
    notice = (
        f"Geachte heer, mevrouw,\n\nOp 3 november 2026 heb ik bezwaar gemaakt, zaak "
        f"{objection.case_number}. De beslistermijn is verstreken zonder dat u heeft beslist. "
        "Hierbij stel ik u in gebreke en verzoek ik u binnen twee weken alsnog te beslissen.\n\n"
        "Met vriendelijke groet,\nPetra Smit"
    )
    [doc] = api.ingest(
        mr, [_email(tmp_path, "Petra Smit <petra@example.nl>", "Ingebrekestelling", notice, "i-5")]
    )
    assert doc.case_number == objection.case_number, doc
    with mr.sessions() as session:
        row = session.get_one(Document, doc.id)
        received = deadlines.receipt_date(row.received_at)
        case = session.scalars(select(Case).where(Case.number == objection.case_number)).one()
        assert case.penalty_from == penalty_start(received)
        events = session.scalars(select(Event).where(Event.action == "default_notice")).all()
        assert len(events) == 1
    assert f"ingebrekestelling: penalty from {penalty_start(received).isoformat()}" in doc.reasons
    assert doc.state == "routed"  # to the team: its case is known

    listed = deadlines.deadlines(mr)
    assert listed[0].case_number == objection.case_number  # urgent first
    assert listed[0].urgent and other.case_number in [d.case_number for d in listed]
    shown = CliRunner(env=mailroom_env(mr)).invoke(cli, ["deadlines", "--team", "juridische_zaken"])
    assert shown.exit_code == 0, shown.output
    assert "URGENT: ingebrekestelling" in shown.output and other.case_number not in shown.output
    overdue = CliRunner(env=mailroom_env(mr)).invoke(cli, ["deadlines", "--overdue", "--json"])
    assert json.loads(overdue.output) == []
    # The team's work list: the urgent case's letters first.
    [first, *_] = teams.documents(mr, "juridische_zaken")
    assert first.penalty_from is not None


def test_deadlines_within_and_overdue(mr: Mailroom, tmp_path: Path) -> None:
    [doc] = api.ingest(
        mr, [_email(tmp_path, "Kees de Boer <kees@example.nl>", "Klacht", COMPLAINT, "k-6")]
    )
    assert doc.due_date is not None
    assert deadlines.deadlines(mr, within=7) == []
    assert [d.case_number for d in deadlines.deadlines(mr, within=90)] == [doc.case_number]
    later = mr.clock() + timedelta(days=80)
    mr.clock = lambda: later
    [late] = deadlines.deadlines(mr, overdue=True)
    assert late.overdue and late.days_left < 0
    shown = CliRunner(env=mailroom_env(mr)).invoke(cli, ["deadlines", "--team", "onbekend"])
    assert shown.exit_code != 0 and "unknown team 'onbekend'" in shown.output
