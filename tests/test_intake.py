from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest
from inscriptis.css_profiles import CSS_PROFILES

from mailroom.core.errors import CorruptInput, UnsupportedInput
from mailroom.intake.detect import EML, JPEG, PDF, PNG, TEXT, TIFF, media_type_of, sniff
from mailroom.intake.email import display_name, html_to_text, parse_email
from mailroom.intake.limits import IntakeLimits
from mailroom.intake.records import Channel
from mailroom.intake.sources import expand_paths, read_input
from mailroom.intake.store import ContentStore
from mailroom.testing.pdfs import text_pdf
from mailroom.testing.shared import SHARED, needs_shared

FIXTURES = SHARED / "fixtures" / "paperless-ngx"


def read_parts(path: Path) -> list:
    return read_input(path, path.read_bytes(), IntakeLimits()).parts


def email_parts(path: Path, data: bytes) -> list:
    return parse_email(path, data).parts


needs_fixtures = needs_shared(FIXTURES)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n", PDF),
        (b"\x89PNG\r\n\x1a\n....", PNG),
        (b"\xff\xd8\xff\xe0", JPEG),
        (b"II*\x00", TIFF),
        (b"MM\x00*", TIFF),
        (b"junk before\n%PDF-1.4", PDF),
        (b"From: a@b.nl\nSubject: x\n\nhallo", EML),
        (b"Return-Path: <a@b.nl>\nReceived: by x", EML),
        (b"MZ\x90\x00", None),
        (b"PK\x03\x04", None),
    ],
)
def test_type_is_recognised_by_content(head: bytes, expected: str | None) -> None:
    assert sniff(head) == expected


def test_empty_and_unknown_files_are_rejected_with_a_reason() -> None:
    with pytest.raises(UnsupportedInput, match="empty"):
        media_type_of(b"")
    with pytest.raises(UnsupportedInput, match="executable"):
        media_type_of(b"MZ\x90\x00 an executable")
    with pytest.raises(UnsupportedInput, match="cannot read"):
        media_type_of(b"\x00\x01\x02 who knows")


def test_a_pdf_named_txt_is_still_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_bytes(text_pdf(["Geachte heer"]))
    [part] = read_parts(path)
    assert part.media_type == PDF
    assert part.channel == Channel.paper


def test_store_is_content_addressed_and_idempotent(tmp_path: Path) -> None:
    store = ContentStore(tmp_path)
    first = store.put_bytes(b"brief", ".pdf")
    second = store.put_bytes(b"brief", ".pdf")
    assert first == second
    assert first.path.read_bytes() == b"brief"
    assert first.path.name.startswith(first.sha256)
    assert not list(first.path.parent.glob(".part-*"))


def test_folders_expand_to_their_files_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "1.pdf").write_bytes(b"x")
    (tmp_path / ".tmp-scan.pdf").write_bytes(b"x")
    (tmp_path / "2.png").write_bytes(b"x")
    assert [p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path])] == [
        "2.png",
        "a/1.pdf",
    ]


def _email(
    body: str, attachments: list[tuple[str, bytes, str]] = (), html: str | None = None
) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Piet Jansen <piet@example.nl>"
    msg["To"] = "info@gemeente.example.nl"
    msg["Subject"] = "Aanvraag"
    msg.set_content(body)
    if html:
        msg.add_alternative(html, subtype="html")
    for name, data, subtype in attachments:
        maintype, sub = subtype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=sub, filename=name)
    return bytes(msg)


def test_email_body_becomes_a_document_with_its_headers(tmp_path: Path) -> None:
    [part] = email_parts(tmp_path / "m.eml", _email("Mijn lantaarnpaal is kapot."))
    assert part.part == "body" and part.media_type == TEXT and part.channel == Channel.email
    text = part.data.decode()
    assert "Onderwerp: Aanvraag" in text and "Mijn lantaarnpaal is kapot." in text


def test_attachment_with_a_covering_note_gives_only_the_attachment(tmp_path: Path) -> None:
    pdf = text_pdf(["Bijlage"])
    parts = email_parts(
        tmp_path / "m.eml",
        _email("Zie bijlage.", [("../../etc/passwd.pdf", pdf, "application/pdf")]),
    )
    assert [(p.part, p.media_type) for p in parts] == [("passwd.pdf", PDF)]
    assert parts[0].data == pdf


def test_long_body_and_attachment_give_two_documents(tmp_path: Path) -> None:
    body = " ".join(["Hierbij stuur ik u mijn aanvraag voor een vergunning."] * 10)
    parts = email_parts(
        tmp_path / "m.eml", _email(body, [("scan.pdf", text_pdf(["x"]), "application/pdf")])
    )
    assert [p.part for p in parts] == ["scan.pdf", "body"]


def test_html_only_body_is_clean_text() -> None:
    html = (
        "<html><head><style>p{color:red}</style></head><body><p>Beste&nbsp;gemeente,</p>"
        "<p>De <b>stoeptegel</b> ligt los.</p><script>alert(1)</script></body></html>"
    )
    assert html_to_text(html) == "Beste gemeente,\n\nDe stoeptegel ligt los."


def test_html_body_keeps_its_lines_as_a_reader_sees_them() -> None:
    html = (
        '<div style="display:none">Uw nota staat klaar</div>'
        "<p class=MsoNormal>Geachte heer,<o:p></o:p></p>"
        "<table><tr><td>Naam</td><td>R. Smit</td></tr><tr><td>Adres</td><td>Molenweg 4a</td>"
        "</tr></table><ul><li>foto&#8217;s</li><li>co&ouml;rdinator</li></ul>"
        "<p><b>Van:</b> Gemeente &lt;info@gemeente.nl&gt;<br><b>Verzonden:</b> maandag</p>"
        "</body></html><p>Disclaimer van de mailserver</p>"
    )
    lines = html_to_text(html).splitlines()
    assert "Naam R. Smit" in lines and "Adres Molenweg 4a" in lines  # rows, not NaamR. Smit
    assert "* foto’s" in lines and "* coördinator" in lines
    assert "Van: Gemeente <info@gemeente.nl>" in lines and "Verzonden: maandag" in lines
    assert lines[-1] == "Disclaimer van de mailserver"  # after </html>: still the body
    assert "staat klaar" not in html_to_text(html)  # hidden preheader


def test_html_nested_beyond_the_parser_limits_keeps_its_words() -> None:
    deep = "<div>" * 5000 + "diep &amp; <b>breed</b><script>x()</script>" + "</div>" * 5000
    assert html_to_text(deep) == "diep & breed"


def test_html_to_text_shares_no_state_between_calls() -> None:
    # inscriptis writes each document through the CSS profile's body element; were that
    # shared, two threads converting at once could swap text. A race is too rare to test
    # reliably (1e-6 s thread switches: 3 of 320 texts mixed up), so test the cause.
    body = CSS_PROFILES["strict"]["body"]
    canvas = getattr(body, "canvas", None)
    assert html_to_text("<p>brief 1</p>") == "brief 1"
    assert getattr(body, "canvas", None) is canvas


def test_attachment_names_are_labels_only() -> None:
    assert display_name("..\\..\\windows\\evil.pdf", 1) == "evil.pdf"
    assert display_name("../../../etc/x.pdf", 1) == "x.pdf"
    assert display_name("\x00\x1b[31m.pdf", 2) == "[31m.pdf"
    assert display_name(None, 3) == "attachment-3"
    assert display_name("..", 4) == "attachment-4"


def test_not_an_email_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(CorruptInput, match="not an email"):
        parse_email(tmp_path / "x.eml", b"\n\njust some words")


@needs_fixtures
def test_real_mail_client_output() -> None:
    [plain] = read_parts(FIXTURES / "mail" / "simple_text.eml")
    assert plain.part == "body" and plain.data.strip()
    parts = read_parts(FIXTURES / "mail" / "html.eml")
    assert parts, "the HTML mail gives at least one document"
    assert all(p.channel == Channel.email for p in parts)


@needs_fixtures
def test_broken_mail_is_refused_cleanly() -> None:
    with pytest.raises((UnsupportedInput, CorruptInput)):
        read_parts(FIXTURES / "mail" / "broken.eml")
