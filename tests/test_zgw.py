"""mailroom and the zaaksysteem (ZGW APIs), against a fake Open Zaak that checks the JWT and
validates every request and response against the specifications in ../shared/spec/zgw/."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from mailroom.app import api, corrections, pipeline, postroom, sync, zgw
from mailroom.app.context import Mailroom
from mailroom.app.filing import connection
from mailroom.app.pipeline import SAME_EMAIL
from mailroom.app.work import unfinished_documents
from mailroom.core.config.catalogue import load_catalogue
from mailroom.core.config.settings import Settings
from mailroom.core.db.models import Acknowledgement, Case, Document, Event
from mailroom.core.db.session import transaction
from mailroom.core.errors import ExitCode
from mailroom.faces.cli import cli
from mailroom.testing.emails import STREET_LIGHT, email_bytes, email_file
from mailroom.testing.env import mailroom_env
from mailroom.testing.pdfs import text_pdf
from mailroom.testing.shared import SHARED, require_shared
from mailroom.testing.smtp import SmtpServer, acknowledging
from mailroom.testing.zgw import FakeOpenZaak, served
from mailroom.zgw.client import ZaaksysteemUnavailable
from mailroom.zgw.filing import Letter, Party, file_letter

LABELS = load_catalogue().labels


@pytest.fixture
def fake() -> Iterator[FakeOpenZaak]:
    """A zaaksysteem with a published zaaktype ZT-<CODE> for every case type."""
    require_shared(SHARED / "spec" / "zgw" / "zaken.yaml")
    zaaksysteem = FakeOpenZaak()
    for code in LABELS:
        zaaksysteem.add_zaaktype(f"ZT-{code.upper()}", f"Zaaktype {code}")
    yield zaaksysteem
    assert zaaksysteem.violations == []


@pytest.fixture
def base(fake: FakeOpenZaak) -> Iterator[str]:
    with served(fake) as url:
        yield url


def _connected(settings: Settings, base: str, **changes: object) -> Settings:
    return settings.model_copy(
        update={
            "zgw_zaken_url": f"{base}/zaken/api/v1",
            "zgw_documenten_url": f"{base}/documenten/api/v1",
            "zgw_catalogi_url": f"{base}/catalogi/api/v1",
            "zgw_client_id": "mailroom",
            "zgw_secret": "geheim-genoeg-voor-hs256-0123456789",
            "zgw_rsin": "002220647",
            "zgw_zaaktypen": {code: f"ZT-{code.upper()}" for code in LABELS},
            **changes,
        }
    )


def test_check_passes_on_a_complete_configuration(settings: Settings, base: str) -> None:
    report = zgw.check(_connected(settings, base))
    assert report.problems == []
    assert report.passed and len(report.ok) == 3 + len(LABELS)
    assert report.resolution is not None
    wmo = report.resolution.zaaktypen["wmo"]
    assert wmo.url.startswith(f"{base}/catalogi/api/v1/zaaktypen/")
    assert wmo.statustype and wmo.initiator and wmo.informatieobjecttype


def test_check_names_a_wrong_secret_once_per_api(settings: Settings, base: str) -> None:
    report = zgw.check(_connected(settings, base, zgw_secret="verkeerd-geheim-verkeerd-geheim-0"))
    assert len(report.problems) == 3
    assert all("refused mailroom's credentials" in line for line in report.problems)
    assert all("zgw_secret" in line for line in report.problems)


def test_check_names_each_case_type_that_cannot_be_filed(
    settings: Settings, fake: FakeOpenZaak, base: str
) -> None:
    fake.add_zaaktype("ZT-CONCEPT", "Nog niet gepubliceerd", concept=True)
    fake.add_zaaktype("ZT-ANDERS", "Andere documenten", informatieobjecttypen=["Uitgaande post"])
    mapping = {code: f"ZT-{code.upper()}" for code in LABELS}
    mapping.update(wmo="ZT-ONBEKEND", bezwaar="ZT-CONCEPT", klacht="ZT-ANDERS")
    del mapping["factuur"]
    report = zgw.check(_connected(settings, base, zgw_zaaktypen=mapping))
    assert sorted(report.problems) == sorted(
        [
            "case type wmo: zaaktype 'ZT-ONBEKEND' not in the catalogue; publish it first",
            "case type bezwaar: zaaktype 'ZT-CONCEPT' only concept versions; publish it first",
            "case type klacht: zaaktype 'ZT-ANDERS' does not allow informatieobjecttype "
            "'Inkomende post'",
            "case type factuur: no zaaktype mapped (zgw_zaaktypen)",
        ]
    )


def test_check_says_when_the_zaaksysteem_is_down(
    settings: Settings, fake: FakeOpenZaak, base: str
) -> None:
    fake.down = True
    report = zgw.check(_connected(settings, base))
    assert len(report.problems) == 3 and all("answered 503" in p for p in report.problems)


def test_zgw_check_command_prints_one_line_per_problem(settings: Settings, base: str) -> None:
    unconfigured = CliRunner().invoke(cli, ["--home", str(settings.home), "zgw", "check"])
    assert unconfigured.exit_code == int(ExitCode.config)
    assert "set zgw_zaken_url, zgw_documenten_url" in unconfigured.output
    env = {
        "MAILROOM_ZGW_ZAKEN_URL": f"{base}/zaken/api/v1",
        "MAILROOM_ZGW_DOCUMENTEN_URL": f"{base}/documenten/api/v1",
        "MAILROOM_ZGW_CATALOGI_URL": f"{base}/catalogi/api/v1",
        "MAILROOM_ZGW_CLIENT_ID": "mailroom",
        "MAILROOM_ZGW_SECRET": "geheim-genoeg-voor-hs256-0123456789",
        "MAILROOM_ZGW_RSIN": "002220647",
        "MAILROOM_ZGW_ZAAKTYPEN": "wmo=ZT-WMO,bezwaar=ZT-BEZWAAR",
    }
    result = CliRunner(env=env).invoke(cli, ["--home", str(settings.home), "zgw", "check"])
    assert result.exit_code == int(ExitCode.config)
    problems = [line for line in result.output.splitlines() if line.startswith("PROBLEM")]
    assert len(problems) == len(LABELS) - 2  # every case type not mapped, one line each
    assert "ok       case type wmo: zaaktype ZT-WMO (published)" in result.output


# --- filing -----------------------------------------------------------------------------


@pytest.fixture
def filing(mr: Mailroom, base: str) -> Mailroom:
    """The installation with the zaaksysteem as its case register."""
    mr.settings = _connected(mr.settings, base, case_register="zgw")
    return mr


def _of(items: dict[str, dict[str, Any]], **wanted: Any) -> list[dict[str, Any]]:
    return [i for i in items.values() if all(i.get(k) == v for k, v in wanted.items())]


def _letters(fake: FakeOpenZaak) -> list[dict[str, Any]]:
    """The documents in the zaaksysteem that are letters, not the emails they came in."""
    return [d for d in fake.documenten.values() if d["formaat"] != "message/rfc822"]


def _emails(fake: FakeOpenZaak) -> list[dict[str, Any]]:
    return _of(fake.documenten, formaat="message/rfc822")


def test_a_new_letter_is_filed_as_zaak_initiator_status_document_and_link(
    filing: Mailroom, fake: FakeOpenZaak, tmp_path: Path
) -> None:
    [doc] = api.ingest(filing, [email_file(tmp_path, "Petra Smit", STREET_LIGHT)])
    assert doc.state == "routed" and doc.case_type == "melding_openbare_ruimte"
    [zaak] = fake.zaken.values()
    assert zaak["identificatie"] == doc.case_number
    zaaktypen = {z["url"]: z["identificatie"] for z in fake.zaaktypen.values()}
    assert zaaktypen[zaak["zaaktype"]] == "ZT-MELDING_OPENBARE_RUIMTE"
    assert zaak["kenmerken"] == [{"kenmerk": zaak["kenmerken"][0]["kenmerk"], "bron": "mailroom"}]
    [rol] = _of(fake.rollen, zaak=zaak["url"])
    assert rol["betrokkeneIdentificatie"]["geslachtsnaam"] == "Petra Smit"
    assert rol["contactpersoonRol"]["emailadres"] == "petra@example.nl"
    assert _of(fake.statussen, zaak=zaak["url"])
    [document] = _letters(fake)
    assert document["taal"] == "dut" and document["bestandsomvang"] > 0
    assert _of(fake.zaakinformatieobjecten, zaak=zaak["url"], informatieobject=document["url"])
    [email] = _emails(fake)  # the email it came in, in the same zaak
    assert email["bestandsnaam"] == "bericht.eml" and email["titel"].startswith("E-mail")
    assert _of(fake.zaakinformatieobjecten, zaak=zaak["url"], informatieobject=email["url"])
    view = api.show_document(filing, doc.id)
    assert [h["new"] for h in view.history if h["action"] == "filed"] == [{"zaak": doc.case_number}]


def test_a_follow_up_is_filed_in_the_same_zaak(
    filing: Mailroom, fake: FakeOpenZaak, tmp_path: Path
) -> None:
    [first] = api.ingest(filing, [email_file(tmp_path, "Petra Smit", STREET_LIGHT)])
    follow_up = f"Beste gemeente,\n\nOver zaak {first.case_number}: de lamp is nog steeds kapot."
    [second] = api.ingest(filing, [email_file(tmp_path, "Petra Smit", follow_up, "Re: lamp")])
    assert second.case_number == first.case_number
    [zaak] = fake.zaken.values()
    assert len(_of(fake.zaakinformatieobjecten, zaak=zaak["url"])) == 4  # 2 letters, 2 emails
    assert len(_letters(fake)) == 2 and len(_emails(fake)) == 2


def test_a_zaaksysteem_that_is_down_loses_nothing_and_makes_nothing_twice(
    filing: Mailroom, fake: FakeOpenZaak, tmp_path: Path
) -> None:
    fake.down = True
    with pytest.raises(ZaaksysteemUnavailable, match="answered 503"):
        api.ingest(filing, [email_file(tmp_path, "Petra Smit", STREET_LIGHT)])
    [doc_id] = unfinished_documents(filing)
    with filing.sessions() as session:
        row = session.get_one(Document, doc_id)
        assert row.state == "routed" and row.filed_at is None  # routed, waiting to be filed
    assert fake.zaken == {}
    fake.down = False
    assert pipeline.process(filing, doc_id).state == "routed"
    assert pipeline.process(filing, doc_id).state == "routed"  # again: nothing more
    assert len(fake.zaken) == 1 and len(fake.documenten) == 2  # the letter and its email
    assert len(fake.zaakinformatieobjecten) == 2
    assert unfinished_documents(filing) == []


def test_a_crash_between_creating_and_recording_leaves_one_zaak(
    filing: Mailroom, fake: FakeOpenZaak, tmp_path: Path
) -> None:
    [doc] = api.ingest(filing, [email_file(tmp_path, "Petra Smit", STREET_LIGHT)])
    with transaction(filing.sessions) as session:  # as if the recording never committed
        row = session.get_one(Document, doc.id)
        row.filed_at = row.zaak_document_url = None
        assert row.case is not None
        row.case.zaak_url = None
    assert unfinished_documents(filing) == [doc.id]
    pipeline.process(filing, doc.id)
    assert len(fake.zaken) == 1 and len(fake.documenten) == 2
    assert len(fake.zaakinformatieobjecten) == 2 and len(fake.rollen) == 1
    assert len(fake.statussen) == 1


def test_a_letter_the_zaaksysteem_refuses_waits_in_review_with_its_reason(
    filing: Mailroom, fake: FakeOpenZaak, tmp_path: Path
) -> None:
    connection(filing)  # the zaaktypen resolved: the next call is the letter's own
    fake.fail_next(1, 400)
    [doc] = api.ingest(filing, [email_file(tmp_path, "Petra Smit", STREET_LIGHT)])
    assert doc.state == "needs_review"
    assert any(r.startswith("zaaksysteem refused") for r in doc.reasons)


def test_status_shows_what_waits_to_be_filed(
    filing: Mailroom, fake: FakeOpenZaak, tmp_path: Path
) -> None:
    fake.down = True
    with pytest.raises(ZaaksysteemUnavailable):
        api.ingest(filing, [email_file(tmp_path, "Petra Smit", STREET_LIGHT)])
    assert sum(c.unfiled for c in postroom.status(filing)) == 1
    env = mailroom_env(filing, case_register="zgw")
    shown = CliRunner(env=env).invoke(cli, ["status"])
    assert "waiting to be filed in the zaaksysteem: 1" in shown.output


def test_a_big_letter_goes_up_in_parts(
    filing: Mailroom, fake: FakeOpenZaak, tmp_path: Path
) -> None:
    filing.settings = filing.settings.model_copy(update={"zgw_inline_max_mb": 0.0001})
    fake.bestandsdeel_size = 100
    [doc] = api.ingest(filing, [email_file(tmp_path, "Petra Smit", STREET_LIGHT)])
    [document] = _letters(fake)
    assert document["locked"] is False and document["bestandsomvang"] > 200  # three parts
    with filing.sessions() as session:
        row = session.get_one(Document, doc.id)
        assert row.filed_at is not None
        sent = Path(row.archive_path or row.original_path).read_bytes()
    assert fake.inhoud[document["url"].rsplit("/", 1)[-1]] == sent


# --- the register as a cache of the zaaksysteem's open zaken -----------------------------


def _made_elsewhere(mr: Mailroom, number: str, case_type: str, party: Party, subject: str) -> str:
    """A zaak made in the zaaksysteem by someone else (not in mailroom's register); its URL."""
    link = connection(mr)
    now = datetime.now(UTC)
    letter = Letter(
        case_number=number,
        case_id=0,
        zaaktype=link.zaaktypen[case_type],
        received=now.date(),
        subject=subject,
        party=party,
        zaak_url=None,
        zaak_key=f"elders-{number}",
        document_identificatie=f"elders-{number}",
        titel=subject,
        auteur=party.name or "onbekend",
        filename="brief.pdf",
        media_type="application/pdf",
        content=b"%PDF-1.7 " + subject.encode(),
        received_at=now,
    )
    return file_letter(link.client, letter).zaak_url


WMO_FOLLOW_UP = (
    "Geachte heer, mevrouw,\n\nIk heb huishoudelijke hulp via de Wmo. Die hulp is nu twee "
    "uur per week; dat is te weinig voor mijn moeder. Graag meer uren huishoudelijke hulp.\n"
    "Mijn burgerservicenummer is 111222333.\n\nMet vriendelijke groet,\nJan Jansen"
)


def test_sync_brings_open_zaken_in_and_a_follow_up_is_filed_in_its_zaak(
    filing: Mailroom, fake: FakeOpenZaak, tmp_path: Path
) -> None:
    zaak_url = _made_elsewhere(
        filing, "ZAAK-2025-0000000777", "wmo", Party("Jan Jansen", bsn="111222333"), "Aanvraag"
    )

    report = sync.sync_cases(filing)
    assert (report.added, report.updated, report.closed) == (1, 0, 0)
    assert sync.sync_cases(filing).added == 0  # nothing new the second time
    with filing.sessions() as session:
        case = session.scalars(select(Case).where(Case.number == "ZAAK-2025-0000000777")).one()
        assert (case.case_type, case.bsn, case.zaak_url) == ("wmo", "111222333", zaak_url)

    [doc] = api.ingest(filing, [email_file(tmp_path, "Jan Jansen", WMO_FOLLOW_UP)])
    assert (doc.case_type, doc.case_number, doc.case_match) == (
        "wmo",
        "ZAAK-2025-0000000777",
        "matched",
    )
    assert len(fake.zaken) == 1  # filed in the zaak that was there
    assert len(_of(fake.zaakinformatieobjecten, zaak=zaak_url)) == 3  # with the email
    assert "111222333" not in repr(fake.requests)  # never in a URL


def test_a_case_type_correction_after_filing_moves_the_letter_to_a_new_zaak(
    filing: Mailroom, fake: FakeOpenZaak, tmp_path: Path
) -> None:
    old_type = next(
        z["url"]
        for z in fake.zaaktypen.values()
        if z["identificatie"] == "ZT-MELDING_OPENBARE_RUIMTE"
    )
    fake.add_statustype(old_type, "Afgehandeld", eind=True)
    [doc] = api.ingest(filing, [email_file(tmp_path, "Petra Smit", STREET_LIGHT)])
    [first] = fake.zaken.values()

    fake.acting.clear()
    moved = corrections.correct(
        filing, doc.id, "anna", case_type="parkeervergunning", reason="gaat over parkeren"
    )
    writes = [who for method, _, who in fake.acting if method != "GET"]
    assert writes and set(writes) == {"anna"}  # the zaaksysteem's trail names the employee
    assert moved.document.case_number != doc.case_number  # a new case, a new zaak
    second = next(z for z in fake.zaken.values() if z["url"] != first["url"])
    zaaktypen = {z["url"]: z["identificatie"] for z in fake.zaaktypen.values()}
    assert zaaktypen[second["zaaktype"]] == "ZT-PARKEERVERGUNNING"
    assert second["identificatie"] == moved.document.case_number
    [document] = _letters(fake)  # the same document, not a copy
    assert _of(fake.zaakinformatieobjecten, zaak=second["url"], informatieobject=document["url"])
    [email] = _emails(fake)  # its email went along
    assert _of(fake.zaakinformatieobjecten, zaak=second["url"], informatieobject=email["url"])
    assert not _of(fake.zaakinformatieobjecten, zaak=first["url"])
    assert [r["url"] for r in second["relevanteAndereZaken"]] == [first["url"]]
    assert fake.zaken[first["url"].rsplit("/", 1)[-1]]["einddatum"]  # ended: nothing left
    trail = api.show_document(filing, doc.id).history
    filed = [h["new"] for h in trail if h["action"] == "filed"]
    assert filed[-1].get("moved_from") == [first["url"]], trail
    assert filed[-1]["ended"] == [first["url"]]


def test_a_cited_number_the_register_does_not_know_is_found_in_the_zaaksysteem(
    filing: Mailroom, fake: FakeOpenZaak, tmp_path: Path
) -> None:
    zaak_url = _made_elsewhere(
        filing, "ZAAK-2025-0000000888", "bezwaar", Party("Kees de Boer"), "Bezwaar"
    )  # never synced
    letter = "Beste gemeente,\n\nHierbij stuur ik de ontbrekende stukken.\n\nKees de Boer"
    [doc] = api.ingest(
        filing, [email_file(tmp_path, "Kees de Boer", letter, "Re: ZAAK-2025-0000000888")]
    )
    assert (doc.case_number, doc.case_match) == ("ZAAK-2025-0000000888", "matched")
    assert len(fake.zaken) == 1
    assert len(_of(fake.zaakinformatieobjecten, zaak=zaak_url)) == 3


def test_a_letter_for_a_zaak_ended_in_the_zaaksysteem_goes_to_review(
    filing: Mailroom, fake: FakeOpenZaak, tmp_path: Path
) -> None:
    [first] = api.ingest(filing, [email_file(tmp_path, "Petra Smit", STREET_LIGHT)])
    [zaak] = fake.zaken.values()
    zaak["einddatum"] = "2026-12-01"  # ended there; the register has not heard yet
    follow_up = f"Beste gemeente,\n\nOver zaak {first.case_number}: de lamp is nog steeds kapot."
    [second] = api.ingest(filing, [email_file(tmp_path, "Petra Smit", follow_up, "Re: lamp")])
    assert second.state == "needs_review"
    assert any("was ended in the zaaksysteem on 2026-12-01" in r for r in second.reasons)
    assert len(_of(fake.zaakinformatieobjecten, zaak=zaak["url"])) == 2


# --- one email, one zaak; numbers the zaaksysteem gave out; changes-only sync ---------------

OBJECTION = (
    "Geachte heer, mevrouw,\n\nHierbij maak ik bezwaar tegen uw besluit van 1 november 2026 "
    "over de afwijzing van mijn aanvraag voor een parkeervergunning. Ik ben het niet eens met "
    "het besluit, omdat mijn auto op mijn adres staat en ik geen eigen parkeerplaats heb.\n\n"
    "Met vriendelijke groet,\nPetra Smit"
)


def _email_with_attachment(folder: Path, body: str, attachment: bytes) -> Path:
    message = email_bytes(
        "Petra Smit <petra@example.nl>",
        "Bezwaar parkeervergunning",
        body,
        "<bezwaar-met-bijlage@example.nl>",
        [("bezwaar.pdf", attachment)],
    )
    path = folder / "bezwaar.eml"
    path.write_bytes(message)
    return path


# The writer's own email: the body joins the attachment's case by the email they share
# or — read as the same case type — by the sender's address that case now carries.
OWN_OBJECTION_BODY = (
    "Geachte heer, mevrouw, in de bijlage stuur ik u mijn bezwaarschrift. Ik vraag u om "
    "het bezwaar in behandeling te nemen en mij te laten weten wanneer de hoorzitting is. "
    "Ik ben overdag telefonisch bereikbaar en stuur desgewenst meer stukken na. Alvast "
    "bedankt voor de moeite en de snelle afhandeling van mijn bezwaar. Met vriendelijke "
    "groet, Petra Smit"
)
# Written for someone: the sender's address says nothing of the person (no party match),
# and "mevrouw P. Smit" without her house is no rule's; the body joins its attachment's
# case by the email they share, or by weighing her name, initial and the objection
# against the case the attachment opened.
FOR_SOMEONE_BODY = (
    "Geachte heer, mevrouw, ik schrijf namens mijn moeder, mevrouw P. Smit. In de bijlage "
    "stuur ik haar bezwaarschrift tegen het besluit over haar parkeervergunning. Wilt u "
    "het bezwaar in behandeling nemen en ons laten weten wanneer de hoorzitting is? Zij "
    "is overdag telefonisch bereikbaar. Met vriendelijke groet, Eva Smit"
)


@pytest.mark.parametrize(
    ("body", "joined_by"),
    [
        (OWN_OBJECTION_BODY, (SAME_EMAIL, "same party")),
        (FOR_SOMEONE_BODY, (SAME_EMAIL, "weighed: ")),
    ],
    ids=["own", "for-someone"],
)
def test_the_documents_of_one_email_and_the_email_itself_go_into_one_zaak(
    filing: Mailroom,
    fake: FakeOpenZaak,
    tmp_path: Path,
    body: str,
    joined_by: tuple[str, ...],
) -> None:
    path = _email_with_attachment(tmp_path, body, text_pdf([OBJECTION]))
    documents = api.ingest(filing, [path])
    reasons = [r for d in documents for r in d.reasons]
    assert len(documents) == 2  # the attachment and the body (not a covering note)
    assert len({d.case_number for d in documents}) == 1, reasons
    assert any(way in r for r in reasons for way in joined_by), reasons
    [zaak] = fake.zaken.values()
    linked = _of(fake.zaakinformatieobjecten, zaak=zaak["url"])
    assert len(linked) == 3 and len(fake.documenten) == 3  # two documents and the email once
    [email] = _emails(fake)
    stored = fake.inhoud[email["url"].rsplit("/", 1)[-1]]
    assert stored == path.read_bytes() or b"bezwaar-met-bijlage@example.nl" in stored


def test_a_case_number_the_zaaksysteem_gave_out_already_is_renumbered(
    filing: Mailroom, fake: FakeOpenZaak, tmp_path: Path
) -> None:
    year = datetime.now(UTC).year
    for seq in (1, 2, 40):  # numbered by the zaaksysteem itself, never synced, one ended
        url = _made_elsewhere(
            filing,
            f"ZAAK-{year}-{seq:010d}",
            "overig",
            Party("Iemand Anders"),
            "Elders gemaakt",
        )
        if seq == 2:
            fake.zaken[url.rsplit("/", 1)[-1]]["einddatum"] = f"{year}-01-02"
    [doc] = api.ingest(filing, [email_file(tmp_path, "Petra Smit", STREET_LIGHT)])
    assert doc.state == "routed", doc.reasons
    assert doc.case_number == f"ZAAK-{year}-{41:010d}"  # above the zaaksysteem's highest
    [zaak] = [z for z in fake.zaken.values() if z["identificatie"] == doc.case_number]
    assert len(_of(fake.zaakinformatieobjecten, zaak=zaak["url"])) == 2
    others = [z for z in fake.zaken.values() if z["url"] != zaak["url"]]
    assert all(len(_of(fake.zaakinformatieobjecten, zaak=z["url"])) == 1 for z in others)
    trail = api.show_document(filing, doc.id).history  # the document's; the case's below
    assert any(h["action"] == "filed" for h in trail)
    with filing.sessions() as session:
        renumbered = session.scalars(select(Event).where(Event.action == "case_renumbered")).one()
        assert renumbered.old == {"number": f"ZAAK-{year}-{1:010d}"}


def test_a_sync_after_the_first_asks_only_for_what_changed(
    filing: Mailroom, fake: FakeOpenZaak
) -> None:
    kept = _made_elsewhere(filing, "ZAAK-2025-0000000701", "wmo", Party("Jan Jansen"), "Hulp")
    ended = _made_elsewhere(filing, "ZAAK-2025-0000000702", "wmo", Party("Els Bos"), "Rolstoel")
    for url in (kept, ended):  # registered long ago
        fake.zaken[url.rsplit("/", 1)[-1]]["registratiedatum"] = "2025-03-01"
    first = sync.sync_cases(filing)
    assert (first.added, first.since) == (2, None)  # the first sync reads every open zaak

    fake.zaken[ended.rsplit("/", 1)[-1]]["einddatum"] = datetime.now(UTC).date().isoformat()
    _made_elsewhere(filing, "ZAAK-2025-0000000703", "bezwaar", Party("Kees de Boer"), "Bezwaar")
    fake.requests.clear()
    second = sync.sync_cases(filing)
    assert second.since is not None
    assert (second.added, second.updated, second.closed) == (1, 0, 1)
    assert fake.zaken[kept.rsplit("/", 1)[-1]]["einddatum"] is None
    with filing.sessions() as session:
        statuses = {c.number: c.status for c in session.scalars(select(Case))}
    assert statuses == {
        "ZAAK-2025-0000000701": "open",
        "ZAAK-2025-0000000702": "closed",
        "ZAAK-2025-0000000703": "open",
    }
    # Only the new zaak's initiator was read, not every open zaak's again.
    assert sum(1 for method, path in fake.requests if path.endswith("/rollen")) == 1

    result = CliRunner(env=_zgw_env(filing)).invoke(cli, ["cases", "sync", "--full"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("all open zaken: 0 cases added")


def _zgw_env(mr: Mailroom) -> dict[str, str]:
    s = mr.settings
    return mailroom_env(
        mr,
        case_register="zgw",
        zgw_zaken_url=s.zgw_zaken_url or "",
        zgw_documenten_url=s.zgw_documenten_url or "",
        zgw_catalogi_url=s.zgw_catalogi_url or "",
        zgw_client_id=s.zgw_client_id or "",
        zgw_secret=s.zgw_secret or "",
        zgw_rsin=s.zgw_rsin or "",
        zgw_zaaktypen=",".join(f"{k}={v}" for k, v in s.zgw_zaaktypen.items()),
    )


def test_a_process_killed_between_making_the_zaak_and_recording_it_leaves_one_zaak(
    filing: Mailroom, fake: FakeOpenZaak, tmp_path: Path
) -> None:
    process: list[subprocess.Popen[bytes]] = []

    def kill_the_client(zaak: dict[str, Any]) -> None:
        fake.on_zaak_created = None
        process[0].send_signal(signal.SIGKILL)  # before the answer leaves: it never hears
        process[0].wait(timeout=30)

    fake.on_zaak_created = kill_the_client
    letter = email_file(tmp_path, "Petra Smit", STREET_LIGHT)
    process.append(
        subprocess.Popen(
            [sys.executable, "-m", "mailroom", "ingest", str(letter)],
            env={**os.environ, **_zgw_env(filing)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    )
    assert process[0].wait(timeout=300) == -signal.SIGKILL
    [made] = fake.zaken.values()
    [doc_id] = unfinished_documents(filing)  # routed, not recorded as filed
    with filing.sessions() as session:
        row = session.get_one(Document, doc_id)
        assert row.filed_at is None and row.case is not None and row.case.zaak_url is None
        assert row.case.zaak_key == made["kenmerken"][0]["kenmerk"]  # recorded before

    assert pipeline.process(filing, doc_id).state == "routed"
    assert list(fake.zaken.values()) == [made]  # found by its kenmerk, not made again
    assert len(_of(fake.zaakinformatieobjecten, zaak=made["url"])) == 2
    assert len(_of(fake.rollen, zaak=made["url"])) == 1
    assert unfinished_documents(filing) == []


# --- deadlines and acknowledgements with the zaaksysteem -------------------------------------

COMPLAINT = (
    "Geachte heer, mevrouw,\n\nIk wil een klacht indienen over de bejegening door een "
    "medewerker van het klantcontactcentrum. Ik ben drie keer niet teruggebeld en de "
    "medewerker was onvriendelijk aan de telefoon.\n\nMet vriendelijke groet,\nKees de Boer"
)


def test_the_zaak_carries_the_due_date_and_the_acknowledgement_is_filed_as_outgoing_post(
    filing: Mailroom, fake: FakeOpenZaak, tmp_path: Path
) -> None:
    server = SmtpServer()
    server.start()
    try:
        filing.settings = filing.settings.model_copy(update=acknowledging(server.port))
        [doc] = api.ingest(filing, [email_file(tmp_path, "Kees de Boer", COMPLAINT, "Klacht")])
    finally:
        server.stop()
    assert doc.case_type == "klacht" and doc.due_date is not None
    [zaak] = fake.zaken.values()
    assert zaak["uiterlijkeEinddatumAfdoening"] == doc.due_date  # the zaak's date is ours
    [reply] = server.messages
    [sent] = _of(fake.documenten, titel=f"Ontvangstbevestiging {doc.case_number}")
    assert sent["verzenddatum"] and sent["formaat"] == "message/rfc822"
    uitgaand = next(
        t["url"]
        for t in fake.informatieobjecttypen.values()
        if t["omschrijving"] == "Uitgaande post"
    )
    assert sent["informatieobjecttype"] == uitgaand
    assert _of(fake.zaakinformatieobjecten, zaak=zaak["url"], informatieobject=sent["url"])
    stored = fake.inhoud[sent["url"].rsplit("/", 1)[-1]]
    assert reply["Message-ID"].encode() in stored
    with filing.sessions() as session:
        [ack] = session.scalars(select(Acknowledgement)).all()
        assert ack.filed_at is not None and ack.zaak_document_url == sent["url"]


def test_a_sync_takes_the_zaaks_due_date(filing: Mailroom, fake: FakeOpenZaak) -> None:
    url = _made_elsewhere(filing, "ZAAK-2025-0000000711", "wmo", Party("Jan Jansen"), "Hulp")
    fake.zaken[url.rsplit("/", 1)[-1]]["uiterlijkeEinddatumAfdoening"] = "2027-02-01"
    sync.sync_cases(filing)
    with filing.sessions() as session:
        case = session.scalars(select(Case).where(Case.number == "ZAAK-2025-0000000711")).one()
        assert case.due_date == date(2027, 2, 1)
