"""Acknowledgements of receipt (mailroom.letters): the email over a real SMTP server, the PDF/A.

The SMTP server is aiosmtpd on a free local port, with a handler that collects
what it receives or answers what a test tells it to; the PDFs are checked with
pikepdf (XMP, fonts) and pypdf (text).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import email.policy
import io
import logging
import socket
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pikepdf
import pypdf
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from mailroom.core.errors import ConfigError, MailroomError
from mailroom.letters.dates import dutch_date
from mailroom.letters.records import (
    Acknowledgement,
    EmailReply,
    Municipality,
    SmtpConfig,
    SmtpSecurity,
)
from mailroom.letters.render import (
    PrintRunFailed,
    UnusableAddress,
    daily_print,
    render_email,
    render_pdf,
    reply_subject,
)
from mailroom.letters.smtp import MailRejected, MailServerUnavailable, MailSettingsWrong, send
from mailroom.letters.templates import LetterTemplateError, Templates

CASE = "ZAAK-2026-0000000042"


# --- factories ---------------------------------------------------------------------------


def make_ack(**changes: Any) -> Acknowledgement:
    """An objection acknowledged the day after it came in; fields changed by keyword."""
    ack = Acknowledgement(
        case_number=CASE,
        case_type="bezwaar",
        case_type_name="Bezwaarschrift tegen een besluit",
        received=date(2026, 12, 3),
        due_date=date(2027, 1, 14),
        extended_due_date=None,
        article="Awb 7:10",
        team_name="Juridische Zaken",
        team_email="juridisch@voorbeeld.nl",
        team_phone="14 0123",
        recipient_name="J. de Vries",
        recipient_address=("Dorpsstraat 1", "1234 AB  VOORBEELD"),
        subject="Bezwaar tegen aanslag 2026",
        sent_on=date(2026, 12, 4),
    )
    return dataclasses.replace(ack, **changes)


MUNICIPALITY = Municipality(
    name="Gemeente Voorbeeld",
    address=("Postbus 1", "1000 AA  VOORBEELD"),
    phone="14 0123",
    website="www.voorbeeld.nl",
    email_from="post@voorbeeld.nl",
)


def make_reply(**changes: Any) -> EmailReply:
    reply = EmailReply(
        message_id="<original-1@mail.example.org>",
        references="<start@mail.example.org>",
        from_address="Jan de Vries <jan@example.org>",
        subject="Bezwaar tegen aanslag 2026",
    )
    return dataclasses.replace(reply, **changes)


@pytest.fixture(scope="module")
def templates() -> Templates:
    return Templates()


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    # Layout line breaks and the letter's double spaces do not matter to these checks.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def body(message: EmailMessage) -> str:
    return " ".join(message.get_content().split())


# --- a real SMTP server --------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Collector:
    """An aiosmtpd handler: keeps what it accepts, or answers what the test sets."""

    received: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    rcpt_answer: str | None = None
    data_answer: str | None = None

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if self.rcpt_answer:
            return self.rcpt_answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.data_answer:
            return self.data_answer
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def message(self) -> EmailMessage:
        """The one message received, parsed as a mail program would."""
        assert len(self.received) == 1
        parsed = email.message_from_bytes(self.received[0][2], policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class SmtpServer:
    handler: Collector
    config: SmtpConfig


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A plain SMTP server on a free local port (like a relay on localhost)."""
    handler = Collector()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer(handler, SmtpConfig("127.0.0.1", port, security="none", timeout=5))
    finally:
        controller.stop()


# --- the email -----------------------------------------------------------------------------


def test_the_reply_arrives_threaded_and_marked_auto_replied(
    smtp_server: SmtpServer, templates: Templates
) -> None:
    message = render_email(make_ack(), make_reply(), MUNICIPALITY, templates)
    send(message, smtp_server.config)

    mail_from, rcpt_tos, _ = smtp_server.handler.received[0]
    assert mail_from == "post@voorbeeld.nl"
    assert rcpt_tos == ["jan@example.org"]
    got = smtp_server.handler.message()
    assert got["To"] == "Jan de Vries <jan@example.org>"
    assert got["From"] == "Gemeente Voorbeeld <post@voorbeeld.nl>"
    assert got["Subject"] == "Re: Bezwaar tegen aanslag 2026"
    assert got["In-Reply-To"] == "<original-1@mail.example.org>"
    assert got["References"] == "<start@mail.example.org> <original-1@mail.example.org>"
    assert got["Auto-Submitted"] == "auto-replied"
    assert got["Message-ID"].endswith("@voorbeeld.nl>")
    assert got["Message-ID"] != "<original-1@mail.example.org>"
    assert got["Date"]
    assert got.get_content_type() == "text/plain"
    assert got.get_content_charset() == "utf-8"
    text = body(got)
    assert CASE in text
    assert "ontvangen op 3 december 2026" in text
    assert "uiterlijk op 14 januari 2027" in text
    assert "hoorzitting" in text
    assert "Noem bij contact altijd uw zaaknummer" in text


def test_non_ascii_names_and_subjects_arrive_intact(
    smtp_server: SmtpServer, templates: Templates
) -> None:
    reply = make_reply(
        from_address="Zoë Çelik <zoe@example.org>", subject="Klacht over café ’t Hoekje"
    )
    send(render_email(make_ack(), reply, MUNICIPALITY, templates), smtp_server.config)
    got = smtp_server.handler.message()
    assert got["Subject"] == "Re: Klacht over café ’t Hoekje"
    assert got["To"] == "Zoë Çelik <zoe@example.org>"


def test_the_date_header_is_the_given_time(templates: Templates) -> None:
    now = dt.datetime(2026, 12, 4, 9, 30, tzinfo=dt.UTC)
    message = render_email(make_ack(), make_reply(), MUNICIPALITY, templates, now=now)
    assert message["Date"] == "Fri, 04 Dec 2026 09:30:00 +0000"


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Re: RE: Antw: bezwaar", "Re: bezwaar"),
        ("AW: Re[2]: klacht", "Re: klacht"),
        ("  Vraag\tover   de   aanslag ", "Re: Vraag over de aanslag"),
        (None, f"Ontvangstbevestiging zaak {CASE}"),
        ("Re: ", f"Ontvangstbevestiging zaak {CASE}"),
        ("", f"Ontvangstbevestiging zaak {CASE}"),
    ],
)
def test_reply_subjects_do_not_stack(subject: str | None, expected: str) -> None:
    assert reply_subject(subject, CASE) == expected


def test_a_long_subject_is_shortened() -> None:
    subject = reply_subject("bezwaar " * 100, CASE)
    assert len(subject) <= 160
    assert subject.endswith("…")


def test_an_outbox_keeps_one_message_id_across_retries(templates: Templates) -> None:
    kept = "<ack-outbox-17@voorbeeld.nl>"
    first, again = (
        render_email(make_ack(), make_reply(), MUNICIPALITY, templates, message_id=kept)
        for _ in range(2)
    )
    assert first["Message-ID"] == again["Message-ID"] == kept
    with pytest.raises(ValueError, match="not a Message-ID"):
        render_email(make_ack(), make_reply(), MUNICIPALITY, templates, message_id="x\nBcc: y")


def test_without_a_message_id_there_is_nothing_to_reply_to(templates: Templates) -> None:
    message = render_email(
        make_ack(), make_reply(message_id=None, references=None), MUNICIPALITY, templates
    )
    assert message["In-Reply-To"] is None
    assert message["References"] is None


def test_header_injection_through_the_subject_and_ids_is_neutralised(
    smtp_server: SmtpServer, templates: Templates
) -> None:
    reply = make_reply(
        subject="bezwaar\r\nBcc: victim@example.net\r\n\r\nhallo",
        message_id="<original-1@mail.example.org>\r\nBcc: victim@example.net",
        references="nonsense\nCc: victim@example.net <start@mail.example.org>",
    )
    send(render_email(make_ack(), reply, MUNICIPALITY, templates), smtp_server.config)

    _, rcpt_tos, raw = smtp_server.handler.received[0]
    assert rcpt_tos == ["jan@example.org"]
    got = smtp_server.handler.message()
    assert got["Bcc"] is None and got["Cc"] is None
    head = raw.split(b"\r\n\r\n", 1)[0].decode()
    names = {line.split(":", 1)[0] for line in head.split("\r\n") if not line[:1].isspace()}
    assert names == {
        "From", "To", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
        "Auto-Submitted", "X-Auto-Response-Suppress", "Content-Type",
        "Content-Transfer-Encoding", "MIME-Version",
    }  # fmt: skip
    assert got["Subject"] == "Re: bezwaar Bcc: victim@example.net hallo"
    assert got["In-Reply-To"] == "<original-1@mail.example.org>"
    assert got["References"] == "<start@mail.example.org> <original-1@mail.example.org>"


@pytest.mark.parametrize(
    "address",
    [
        "jan@example.org\r\nBcc: victim@example.net",
        "Jan\n <jan@example.org>",
        "not an address",
        "jan@localhost",
        "Jan <jan@example.org>, victim@example.net",
    ],
)
def test_a_sender_address_that_cannot_be_replied_to_is_refused(
    address: str, templates: Templates
) -> None:
    with pytest.raises(UnusableAddress, match="paper letter") as caught:
        render_email(make_ack(), make_reply(from_address=address), MUNICIPALITY, templates)
    assert not caught.value.transient


def test_a_hostile_display_name_stays_one_quoted_name(templates: Templates) -> None:
    reply = make_reply(from_address='"Jan, victim@example.net" <jan@example.org>')
    message = render_email(make_ack(), reply, MUNICIPALITY, templates)
    assert [a.addr_spec for a in message["To"].addresses] == ["jan@example.org"]


# --- sending: the server's answers as our errors --------------------------------------------


def test_a_server_that_is_down_is_transient(templates: Templates) -> None:
    config = SmtpConfig("127.0.0.1", _free_port(), security="none", timeout=2)
    with pytest.raises(MailServerUnavailable, match="cannot be reached") as caught:
        send(render_email(make_ack(), make_reply(), MUNICIPALITY, templates), config)
    assert caught.value.transient
    assert isinstance(caught.value, MailroomError)


def test_a_server_that_does_not_answer_times_out(templates: Templates) -> None:
    # A socket that listens but never greets: the connection is made, the reply never comes.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        config = SmtpConfig("127.0.0.1", silent.getsockname()[1], security="none", timeout=0.5)
        started = time.monotonic()
        with pytest.raises(MailServerUnavailable):
            send(render_email(make_ack(), make_reply(), MUNICIPALITY, templates), config)
    assert time.monotonic() - started < 5


def test_a_5xx_answer_is_a_permanent_rejection(
    smtp_server: SmtpServer, templates: Templates
) -> None:
    smtp_server.handler.data_answer = "550 5.7.1 Message refused by policy"
    with pytest.raises(MailRejected, match=r"550 5\.7\.1 Message refused by policy") as caught:
        send(render_email(make_ack(), make_reply(), MUNICIPALITY, templates), smtp_server.config)
    assert not caught.value.transient
    assert "paper letter" in str(caught.value)


def test_a_refused_recipient_is_a_permanent_rejection(
    smtp_server: SmtpServer, templates: Templates
) -> None:
    smtp_server.handler.rcpt_answer = "550 5.1.1 No such user"
    with pytest.raises(MailRejected, match="No such user"):
        send(render_email(make_ack(), make_reply(), MUNICIPALITY, templates), smtp_server.config)


@pytest.mark.parametrize("where", ["rcpt", "data"])
def test_a_4xx_answer_is_transient(
    where: str, smtp_server: SmtpServer, templates: Templates
) -> None:
    setattr(smtp_server.handler, f"{where}_answer", "451 4.7.1 Greylisted, try again later")
    with pytest.raises(MailServerUnavailable, match="451") as caught:
        send(render_email(make_ack(), make_reply(), MUNICIPALITY, templates), smtp_server.config)
    assert caught.value.transient


def test_the_body_is_never_logged(
    smtp_server: SmtpServer, templates: Templates, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # aiosmtpd logs the DATA it reads: ours are checked
    message = render_email(make_ack(), make_reply(), MUNICIPALITY, templates)
    send(message, smtp_server.config)
    smtp_server.handler.data_answer = "554 5.6.0 Nope"
    with pytest.raises(MailRejected) as caught:
        send(message, smtp_server.config)
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("mailroom"))
    assert message["Message-ID"] in ours
    for text in (ours, str(caught.value)):
        assert "hoorzitting" not in text
        assert "J. de Vries" not in text


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_tls_settings_a_plain_server_cannot_meet_are_settings_errors(
    security: SmtpSecurity, smtp_server: SmtpServer, templates: Templates
) -> None:
    config = dataclasses.replace(smtp_server.config, security=security)
    with pytest.raises(MailSettingsWrong, match="security setting") as caught:
        send(render_email(make_ack(), make_reply(), MUNICIPALITY, templates), config)
    assert not caught.value.transient


@pytest.fixture
def auth_server() -> Iterator[SmtpServer]:
    """A server that wants a login (over plain SMTP, which only a test server allows)."""

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth: Any) -> Any:
        ok = isinstance(auth, LoginPassword) and auth.password == b"geheim"
        return AuthResult(success=ok, handled=False)

    handler = Collector()
    port = _free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_require_tls=False,
    )
    controller.start()
    try:
        config = SmtpConfig("127.0.0.1", port, security="none", username="mailroom", timeout=5)
        yield SmtpServer(handler, config)
    finally:
        controller.stop()


def test_login_when_a_username_is_set(auth_server: SmtpServer, templates: Templates) -> None:
    config = dataclasses.replace(auth_server.config, password="geheim")
    send(render_email(make_ack(), make_reply(), MUNICIPALITY, templates), config)
    assert len(auth_server.handler.received) == 1


def test_a_refused_login_is_a_settings_error(auth_server: SmtpServer, templates: Templates) -> None:
    config = dataclasses.replace(auth_server.config, password="fout")
    with pytest.raises(MailSettingsWrong, match="username and password") as caught:
        send(render_email(make_ack(), make_reply(), MUNICIPALITY, templates), config)
    assert isinstance(caught.value, ConfigError)
    assert "fout" not in str(caught.value) and "fout" not in repr(config)


def _self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made on the spot (nothing is downloaded)."""
    pytest.importorskip("cryptography")  # always there: pdfminer.six (OCRmyPDF) needs it
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mailroom test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_starttls_and_implicit_tls(
    security: SmtpSecurity, tmp_path: Path, templates: Templates
) -> None:
    cert, key = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Collector()
    port = _free_port()
    tls: dict[str, Any] = (
        {"tls_context": context, "require_starttls": True}
        if security == "starttls"
        else {"ssl_context": context}
    )
    controller = Controller(handler, hostname="127.0.0.1", port=port, **tls)
    controller.start()
    try:
        message = render_email(make_ack(), make_reply(), MUNICIPALITY, templates)
        trusting = SmtpConfig("127.0.0.1", port, security=security, cafile=str(cert), timeout=5)
        send(message, trusting)
        assert handler.message()["In-Reply-To"] == "<original-1@mail.example.org>"
        # The same server without its CA: the certificate is not trusted, a settings error.
        with pytest.raises(MailSettingsWrong, match="not trusted"):
            send(message, dataclasses.replace(trusting, cafile=None))
    finally:
        controller.stop()


# --- the paper letter ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def letter(templates: Templates) -> bytes:
    return render_pdf(make_ack(), MUNICIPALITY, templates)


def test_the_letter_is_pdf_a_with_its_fonts_embedded(letter: bytes) -> None:
    with pikepdf.open(io.BytesIO(letter)) as pdf:
        with pdf.open_metadata() as xmp:
            assert xmp["pdfaid:part"] == "2"
            assert xmp["pdfaid:conformance"] == "B"
            assert CASE in xmp["dc:title"]
        assert "/OutputIntents" in pdf.Root
        assert pdf.check_pdf_syntax() == []
        fonts = 0
        for page in pdf.pages:
            width, height = (float(v) for v in page.mediabox[2:])
            assert (width, height) == pytest.approx((595.28, 841.89), abs=0.5)  # A4
            for font in page.resources.Font.values():
                described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = described.FontDescriptor
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys())
                fonts += 1
        assert fonts >= 1


def test_the_letter_says_what_was_received_and_when_we_decide(letter: bytes) -> None:
    text = pdf_text(letter)
    assert CASE in text
    assert "Ontvangstbevestiging" in text
    assert "ontvangen op 3 december 2026" in text
    assert "uiterlijk op 14 januari 2027" in text
    assert "Awb 7:10" in text
    assert "hoorzitting" in text
    assert "Noem bij contact altijd uw zaaknummer" in text
    assert "voorlopige voorziening" in text  # Awb 6:16: the decision stays in force
    assert len(pypdf.PdfReader(io.BytesIO(letter)).pages) == 1
    assert "Team Juridische Zaken" in text
    assert "1234 AB VOORBEELD" in text  # the window address
    assert "4 december 2026" in text  # the letter's date


def test_the_address_is_where_the_envelope_window_is(letter: bytes) -> None:
    """The first address line starts 20 mm from the left, within 50-90 mm from the top."""
    reader = pypdf.PdfReader(io.BytesIO(letter))
    found: list[tuple[float, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.startswith("Dorpsstraat 1"):
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    reader.pages[0].extract_text(visitor_text=visit)
    (x, y), *_ = found
    mm = 72 / 25.4
    assert x / mm == pytest.approx(20, abs=1)
    assert 50 < (841.89 - y) / mm < 90


@pytest.mark.parametrize(
    ("case_type", "article", "says"),
    [
        ("bezwaar", "Awb 7:10", "hoorzitting"),
        ("klacht", "Awb 9:11", "wat wij van uw klacht vinden"),
        ("woo_verzoek", "Woo 4.4", "binnen 4 weken"),
        ("parkeervergunning", None, "Wij hebben uw brief ontvangen op 3 december 2026"),
        ("../../etc/passwd", None, "Wij hebben uw brief ontvangen op 3 december 2026"),
    ],
)
def test_each_case_type_has_its_letter_or_the_default(
    case_type: str, article: str | None, says: str, templates: Templates
) -> None:
    ack = make_ack(case_type=case_type, article=article)
    text = pdf_text(render_pdf(ack, MUNICIPALITY, templates))
    assert says in text
    assert "uiterlijk op 14 januari 2027" in text.lower()
    if article:
        assert article in text
    mail = body(render_email(ack, make_reply(), MUNICIPALITY, templates))
    assert " ".join(says.replace("brief", "e-mail").split()) in mail


def test_an_extended_term_is_the_one_the_letter_gives(templates: Templates) -> None:
    ack = make_ack(extended_due_date=date(2027, 2, 25))
    text = pdf_text(render_pdf(ack, MUNICIPALITY, templates))
    assert "uiterlijk op 25 februari 2027" in text
    assert "14 januari 2027" not in text
    assert "25 februari 2027" in body(render_email(ack, make_reply(), MUNICIPALITY, templates))


def test_without_a_name_or_address_the_letter_still_renders(templates: Templates) -> None:
    ack = make_ack(recipient_name=None, recipient_address=(), subject=None, team_email=None)
    text = pdf_text(render_pdf(ack, MUNICIPALITY, templates))
    assert "Beste meneer of mevrouw" in text


def test_untrusted_text_is_escaped_in_the_letter(templates: Templates) -> None:
    ack = make_ack(subject='<img src="file:///etc/passwd"> & <b>vet</b>', recipient_name="<i>X</i>")
    text = pdf_text(render_pdf(ack, MUNICIPALITY, templates))
    assert '<img src="file:///etc/passwd"> & <b>vet</b>' in text
    assert "<i>X</i>" in text


def test_a_municipality_overrides_one_template(tmp_path: Path) -> None:
    (tmp_path / "ack_bezwaar.html.j2").write_text(
        '{% extends "_letter.html.j2" %}{% block next_steps %}'
        "<p>Eigen tekst van Voorbeeld: wij bellen u binnen een week.</p>{% endblock %}",
        encoding="utf-8",
    )
    (tmp_path / "email_default.txt.j2").write_text(
        "Zaak {{ ack.case_number }} is ontvangen op {{ ack.received | datum }}.\n",
        encoding="utf-8",
    )
    own = Templates(tmp_path)

    bezwaar = pdf_text(render_pdf(make_ack(), MUNICIPALITY, own))
    assert "Eigen tekst van Voorbeeld" in bezwaar
    assert CASE in bezwaar  # the packaged layout around it
    klacht = pdf_text(render_pdf(make_ack(case_type="klacht"), MUNICIPALITY, own))
    assert "Eigen tekst" not in klacht and "klacht" in klacht
    mail = render_email(make_ack(case_type="overig"), make_reply(), MUNICIPALITY, own)
    assert body(mail) == f"Zaak {CASE} is ontvangen op 3 december 2026."
    # The packaged email for a case type with its own template is still used.
    assert "hoorzitting" in body(render_email(make_ack(), make_reply(), MUNICIPALITY, own))


def test_broken_or_missing_templates_are_settings_errors(tmp_path: Path) -> None:
    with pytest.raises(LetterTemplateError, match="does not exist"):
        Templates(tmp_path / "nowhere")
    (tmp_path / "ack_default.html.j2").write_text("{{ ack.no_such_field }}", encoding="utf-8")
    with pytest.raises(LetterTemplateError, match="no_such_field") as caught:
        render_pdf(make_ack(case_type="overig"), MUNICIPALITY, Templates(tmp_path))
    assert isinstance(caught.value, ConfigError)


@pytest.mark.parametrize(
    ("day", "dutch"),
    [
        (date(2026, 12, 3), "3 december 2026"),
        (date(2027, 1, 14), "14 januari 2027"),
        (date(2026, 3, 31), "31 maart 2026"),
        (date(2026, 5, 1), "1 mei 2026"),
    ],
)
def test_dutch_dates_need_no_locale(day: date, dutch: str) -> None:
    assert dutch_date(day) == dutch


# --- the day's print run -------------------------------------------------------------------


def _pages(n: int) -> bytes:
    pdf = pikepdf.Pdf.new()
    for _ in range(n):
        pdf.add_blank_page(page_size=(595.28, 841.89))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_the_daily_print_starts_every_letter_on_a_front_page(letter: bytes) -> None:
    letters = [letter, _pages(2), letter, _pages(3)]
    printed = pypdf.PdfReader(io.BytesIO(daily_print(letters)))
    # 1 + blank, 2, 1 + blank, 3 + blank: the letters start on pages 1, 3, 5 and 7.
    assert len(printed.pages) == 10
    assert CASE in printed.pages[0].extract_text()
    assert CASE in printed.pages[4].extract_text()
    for blank in (1, 5, 9):
        assert not printed.pages[blank].extract_text().strip()


def test_the_daily_print_simplex_has_no_blank_pages(letter: bytes) -> None:
    printed = pypdf.PdfReader(io.BytesIO(daily_print([letter, _pages(2), letter], duplex=False)))
    assert len(printed.pages) == 4
    assert len(pypdf.PdfReader(io.BytesIO(daily_print([]))).pages) == 0


def test_a_damaged_letter_in_the_print_run_is_named(letter: bytes) -> None:
    with pytest.raises(PrintRunFailed, match="letter 2"):
        daily_print([letter, b"not a pdf"])


# --- a figure for the report -------------------------------------------------------------


def test_time_per_letter(templates: Templates, capsys: pytest.CaptureFixture[str]) -> None:
    """Milliseconds per rendered PDF/A letter (printed; no assert: machines differ)."""
    render_pdf(make_ack(), MUNICIPALITY, templates)  # fonts loaded once
    count = 20
    started = time.perf_counter()
    for number in range(count):
        render_pdf(make_ack(case_number=f"ZAAK-2026-{number:010d}"), MUNICIPALITY, templates)
    per_letter = (time.perf_counter() - started) / count * 1000
    with capsys.disabled():
        print(f"\nrender_pdf: {per_letter:.0f} ms per letter ({count} letters)")
