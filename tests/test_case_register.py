"""The case register from the CLI: import, list, show, evaluate; and follow-ups in the pipeline."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from mailroom.app import api
from mailroom.app.context import Mailroom
from mailroom.cases.evaluate import Letter, _wrong_party
from mailroom.cases.importer import import_rows, read_case_rows
from mailroom.cases.matching import CaseRef
from mailroom.core.db.session import transaction
from mailroom.faces.cli import cli
from mailroom.testing.emails import email_bytes
from mailroom.testing.env import mailroom_env
from mailroom.testing.pdfs import text_pdf

CORPUS = Path(__file__).parent.parent / "mailroom" / "cases" / "corpus"
HEADER = "number,case_type,status,bsn,kvk,postcode,house_number,name,subject,opened_at\n"
ROWS = (
    "ZAAK-2026-0000000101,wmo,open,111222333,,7412 AR,214,J.H. Brinkman,Traplift,2026-02-03\n"
    "ZAAK-2025-0000000088,omgevingsvergunning,closed,,,3511AB,8,F. El Idrissi,Dakkapel,\n"
)


def test_import_is_idempotent_and_lists_mask_the_bsn(mr: Mailroom, tmp_path: Path) -> None:
    csv = tmp_path / "zaken.csv"
    csv.write_text(HEADER + ROWS, "utf-8")
    runner, env = CliRunner(), mailroom_env(mr)
    first = runner.invoke(cli, ["cases", "import", str(csv), "--by", "ans"], env=env)
    assert first.exit_code == 0 and "2 cases added" in first.output
    again = runner.invoke(cli, ["cases", "import", str(csv), "--by", "ans"], env=env)
    assert "0 cases added, 0 updated, 2 unchanged" in again.output

    listing = runner.invoke(cli, ["cases", "list", "--status", "open"], env=env).output
    assert "ZAAK-2026-0000000101" in listing and "ZAAK-2025-0000000088" not in listing
    assert "*****2333" in listing and "111222333" not in listing
    rows = json.loads(runner.invoke(cli, ["cases", "list", "--json"], env=env).output)
    assert {r["number"] for r in rows} == {"ZAAK-2026-0000000101", "ZAAK-2025-0000000088"}
    assert all("111222333" not in json.dumps(r) for r in rows)
    assert rows[0]["postcode"] in ("7412AR", "3511AB")

    shown = runner.invoke(cli, ["cases", "show", "zaak-2026-0000000101", "--json"], env=env)
    detail = json.loads(shown.output)
    assert detail["bsn"] == "*****2333" and detail["documents"] == []
    missing = runner.invoke(cli, ["cases", "show", "ZAAK-2026-0000009999"], env=env)
    assert missing.exit_code == 4


def test_a_bad_row_names_its_line_and_nothing_is_imported(mr: Mailroom, tmp_path: Path) -> None:
    csv = tmp_path / "zaken.csv"
    bad = "ZAAK-2026-0000000102,wmo,open,123456789,,7412AR,214,A. Jansen,Hulp,2026-02-03\n"
    csv.write_text(HEADER + ROWS + bad, "utf-8")
    runner, env = CliRunner(), mailroom_env(mr)
    result = runner.invoke(cli, ["cases", "import", str(csv)], env=env)
    assert result.exit_code == 3
    assert "line 4" in result.stderr and "elfproef" in result.stderr
    assert "123456789" not in result.stderr  # not even an invalid BSN is printed
    assert runner.invoke(cli, ["cases", "list"], env=env).output.strip() == "no cases"
    wrong_header = tmp_path / "kop.csv"
    wrong_header.write_text("nummer,type\nZAAK-1,wmo\n", "utf-8")
    result = runner.invoke(cli, ["cases", "import", str(wrong_header)], env=env)
    assert result.exit_code == 3 and "line 1: the header must be" in result.stderr


def test_shipped_letters_meet_the_matching_targets(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "cases",
            "evaluate",
            "--cases",
            str(CORPUS / "cases.csv"),
            "--letters",
            str(CORPUS / "letters.jsonl"),
            "--json",
        ],
        env={"MAILROOM_HOME": str(tmp_path / "no-home")},
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert sum(figures[k]["total"] for k in ("explicit", "implicit", "new")) >= 60
    assert figures["explicit"]["accuracy"] == 1.0
    assert figures["implicit"]["accuracy"] >= 0.97
    assert figures["new"]["accuracy"] >= 0.98
    assert figures["wrong_party"] == 0


def _email(path: Path, subject: str, body: str, message_id: str) -> Path:
    sender = '"Henk Brinkman" <henk.brinkman@example.nl>'
    path.write_bytes(email_bytes(sender, subject, body, message_id))
    return path


def test_a_follow_up_email_from_the_same_sender_joins_the_case(
    mr: Mailroom, tmp_path: Path
) -> None:
    first = _email(
        tmp_path / "1.eml",
        "Aanvraag traplift",
        "Geachte heer, mevrouw,\n\nIk vraag een traplift aan via de Wmo: mijn vrouw kan de "
        "trap niet meer op na haar heupoperatie.\n\nMet vriendelijke groet,\nHenk Brinkman",
        "<a1@example.nl>",
    )
    [opened] = api.ingest(mr, [first])
    second = _email(
        tmp_path / "2.eml",
        "Nog een vraag over de traplift",
        "Goedemiddag,\n\nWanneer komt er iemand kijken voor de traplift en de "
        "woningaanpassing? Mijn vrouw heeft nog steeds veel moeite met de trap.\n\nHenk Brinkman",
        "<a2@example.nl>",
    )
    [follow_up] = api.ingest(mr, [second])
    assert opened.case_type == follow_up.case_type == "wmo"
    assert follow_up.case_number == opened.case_number
    assert follow_up.case_match == "matched"
    view = api.show_document(mr, follow_up.id)
    assert view.case_score is not None and 0 < view.case_score <= 1
    assert any("same party (email henk.brinkman@example.nl)" in r for r in view.result.reasons)
    runner = CliRunner()
    shown = runner.invoke(
        cli, ["cases", "show", opened.case_number, "--json"], env=mailroom_env(mr)
    )
    detail = json.loads(shown.output)
    assert [d["id"] for d in detail["documents"]] == [opened.id, follow_up.id]
    assert any(e["action"] == "case_opened" for e in detail["timeline"])


def test_an_attachment_joins_the_case_the_email_subject_alone_names(
    mr: Mailroom, tmp_path: Path
) -> None:
    register = HEADER + (
        "ZAAK-2026-0000000612,wmo,open,327978752,,3824RM,6,Ineke Postma,Trapleuning,2026-03-27\n"
    )
    with transaction(mr.sessions) as session:
        import_rows(session, read_case_rows(register, mr.catalogue), mr.clock())
    note = "Zie bijlage.\n\nGroet,\nIneke"  # a covering note: only the PDF is a document

    def offer(
        subject: str, amount: str, message_id: str, sender: str = "ineke.postma@hetnet.nl"
    ) -> Path:
        pdf = text_pdf(
            [
                "Traplift & Zorg Midden BV\nOfferte 2026-118\n\n"
                f"Trapleuning aan beide zijden, geleverd en gemonteerd: EUR {amount}\n"
                "Douchezitje met rugleuning, wandmontage: EUR 189,00"
            ]
        )
        path = tmp_path / f"{message_id.strip('<>')}.eml"
        path.write_bytes(email_bytes(sender, subject, note, message_id, [("offerte.pdf", pdf)]))
        return path

    [cited] = api.ingest(
        mr, [offer("RE: de ontbrekende stukken ZAAK-2026-0000000612", "1.240,00", "<o1@x.nl>")]
    )
    assert cited.part == "offerte.pdf"
    assert (cited.case_number, cited.case_match) == ("ZAAK-2026-0000000612", "matched")
    assert "cites case ZAAK-2026-0000000612 in the email subject" in cited.reasons
    # Without the number, from an address that does not spell her name: nothing says whose.
    [uncited] = api.ingest(
        mr, [offer("RE: de ontbrekende stukken", "1.250,00", "<o2@x.nl>", "ip@hetnet.nl")]
    )
    assert uncited.case_match == "new" and uncited.case_number != "ZAAK-2026-0000000612"
    # From her own address, about her case's subject: her case, as an employee would see it.
    [own] = api.ingest(mr, [offer("RE: de ontbrekende stukken", "1.260,00", "<o3@x.nl>")])
    assert own.case_number == "ZAAK-2026-0000000612", own.reasons


def test_a_new_letter_in_another_organisations_case_counts_as_another_party() -> None:
    # The ice club's new event put in the case of the Oranjevereniging of its village:
    # the village named in the prose is not the club named.
    club = CaseRef(
        "ZAAK-2026-0000024118",
        "evenementenvergunning",
        "open",
        kvk="20367909",
        postcode="9687PS",
        house_number="1",
        name="Oranjevereniging Lutjewier",
    )
    ice_club = Letter(
        "h23-17",
        "IJsvereniging De Hoop wil een zomerfeest houden op het ijsbaanterrein aan de "
        "IJsbaanweg in Lutjewier, met een tent en live muziek.\n\nMet vriendelijke groet,\n"
        "Egbert Meijering, penningmeester",
        "evenementenvergunning",
        "new",
        email_from="penningmeester@ijsclubdehoop.nl",
    )
    assert _wrong_party(ice_club, club, None)
    own = replace(ice_club, text="Wanneer komt de vergunning?\n\nOranjevereniging Lutjewier")
    assert not _wrong_party(own, club, None)
