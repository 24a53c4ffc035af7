"""One letter, scanner folder to team queue, through real Tesseract, database and broker."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from mailroom.app import api, corrections
from mailroom.app.context import Mailroom
from mailroom.core.db.models import Case, Document
from mailroom.testing.pdfs import STREET_LIGHT_LETTER as STREET_LIGHT
from mailroom.testing.pdfs import text_pdf
from mailroom.testing.scans import scan_letter

pytestmark = pytest.mark.slow


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "scanner"
    folder.mkdir()
    return folder


def test_scanned_street_light_letter_reaches_the_beheer_queue(mr: Mailroom, inbox: Path) -> None:
    scan = scan_letter(STREET_LIGHT, inbox / "scan-0001.pdf", dpi=300)

    [result] = api.ingest(mr, [inbox])

    assert result.state == "routed", result
    assert result.file == str(scan)
    assert result.pages == 1
    assert result.case_type == "melding_openbare_ruimte"
    assert result.team == result.queue == "beheer_openbare_ruimte"
    assert result.case_match == "new"
    assert re.fullmatch(r"ZAAK-\d{4}-\d{10}", result.case_number or "")

    message = mr.broker.get("beheer_openbare_ruimte")
    assert message is not None
    assert message["document_id"] == result.id
    assert message["case_number"] == result.case_number
    assert message["case_type"] == "melding_openbare_ruimte"
    assert message["team"] == "beheer_openbare_ruimte"
    assert mr.broker.get("review") is None

    text = api.document_text(mr, result.id)
    assert "lantaarnpaal" in text.lower()
    with mr.sessions() as session:
        doc = session.get_one(Document, result.id)
        assert doc.archive_path and Path(doc.archive_path).read_bytes().startswith(b"%PDF")
        assert Path(doc.original_path).read_bytes() == scan.read_bytes()


def test_born_digital_pdf_keeps_its_text_and_a_cited_case_is_followed(
    mr: Mailroom, inbox: Path
) -> None:
    letter = (
        "Geachte heer, mevrouw,\nHierbij vraag ik een omgevingsvergunning aan voor het bouwen "
        "van een dakkapel en een aanbouw aan mijn woning.\nDe bouwtekeningen stuur ik mee."
        "\nMet vriendelijke groet, K. Smit"
    )
    [first] = api.ingest(mr, [_write(inbox / "a.pdf", text_pdf([letter]))])
    assert first.case_match == "new"
    assert "dakkapel" in api.document_text(mr, first.id)  # text layer kept, not re-OCR'd

    follow_up = (
        f"Betreft: aanvulling {first.case_number}\nHierbij de ontbrekende constructieberekening."
    )
    [second] = api.ingest(mr, [_write(inbox / "b.pdf", text_pdf([follow_up]))])
    assert second.case_match == "matched"
    assert second.case_number == first.case_number
    assert "constructieberekening" in api.document_text(mr, second.id)

    # The same file again is not processed twice.
    [again] = api.ingest(mr, [inbox / "b.pdf"])
    assert again.id == second.id


def test_unreadable_file_is_quarantined_and_the_rest_goes_through(
    mr: Mailroom, inbox: Path
) -> None:
    _write(inbox / "1-virus.pdf", b"MZ\x90\x00 not a pdf at all")
    _write(inbox / "2-brief.pdf", text_pdf(["Ik wil graag huishoudelijke hulp via de Wmo."]))
    bad, good = api.ingest(mr, [inbox])
    assert bad.state == "quarantined" and "executable" in (bad.error or "")
    assert good.state == "routed" and good.queue == "zorg", good


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_text_that_is_not_post_goes_to_review(mr: Mailroom, inbox: Path) -> None:
    recipe = (
        "Appeltaart van oma. Voor het deeg: 300 gram bloem, 200 gram koude boter, 150 gram "
        "suiker en een ei. Kneed alles snel tot een soepel deeg en laat het een half uur rusten "
        "in de koelkast. Schil een kilo zure appels, snijd ze in partjes en meng ze met kaneel "
        "en rozijnen. Bak de taart een uur op 175 graden en serveer met slagroom."
    )
    _write(inbox / "recept.pdf", text_pdf([recipe]))

    [result] = api.ingest(mr, [inbox])

    assert result.state == "needs_review" and result.queue == "review"
    assert "not post to the municipality" in result.reasons


def test_blank_pages_go_to_review_with_no_text_and_open_no_case(mr: Mailroom, inbox: Path) -> None:
    scan_letter("", inbox / "1-blank-scan.pdf", dpi=200)
    _write(inbox / "2-empty-page.pdf", text_pdf([""]))

    results = api.ingest(mr, [inbox])

    for result in results:
        assert result.state == "needs_review", result
        assert result.queue == "review"
        assert result.reasons == ("no text",)
        assert result.case_number is None and result.case_type is None
    with mr.sessions() as session:
        assert session.scalars(select(Case)).all() == []
    message = mr.broker.get("review")
    assert message is not None and message["team"] is None and message["case_number"] == ""

    # A person can still give it a case type and a case.
    moved = corrections.correct(mr, results[0].id, by="ans", case_type="overig", new_case=True)
    assert moved.document.team == "postkamer"
    assert moved.document.case_number is not None
