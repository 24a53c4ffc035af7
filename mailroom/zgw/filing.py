"""Filing a letter in the zaaksysteem: the zaak (with its initiator and first status) when
it is new, the document, and the link between them.

Every step looks before it creates, so filing can be repeated after any failure
or crash and never makes anything twice: the zaak is found by its idempotency key
(a ``kenmerk`` with bron ``mailroom``, recorded by mailroom before the zaak is
made), the document by its own ``identificatie``, the link by the pair. The zaak's
``identificatie`` is mailroom's case number; one the zaaksysteem already gave to
another zaak is :class:`IdentificatieTaken`. BSNs go only in request bodies.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from mailroom.zgw.catalogus import Zaaktype
from mailroom.zgw.client import ZaaksysteemRejected, ZgwClient

#: The ``bron`` of the kenmerk that names the mailroom case a zaak was opened for.
KENMERK_BRON = "mailroom"


class IdentificatieTaken(ZaaksysteemRejected):
    """The case number is the identificatie of a zaak mailroom did not make: the case
    needs another number (see :func:`highest_identificatie`)."""

    def __init__(self, number: str) -> None:
        super().__init__(
            f"the zaaksysteem already has a zaak {number} that mailroom did not make",
            ("identificatie-niet-uniek",),
        )
        self.number = number


@dataclass(frozen=True)
class Party:
    """The sender as far as known: a person (BSN) or an organisation (KvK)."""

    name: str | None = None
    bsn: str | None = None
    kvk: str | None = None
    postcode: str | None = None
    house_number: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Letter:
    """One document to file, with the case it belongs to."""

    case_number: str
    case_id: int
    zaaktype: Zaaktype
    received: date
    subject: str | None
    party: Party
    #: The zaak already known for the case (a follow-up), if any.
    zaak_url: str | None
    #: The case's idempotency key: the kenmerk a zaak made for it carries (recorded before
    #: the zaak is made, so a crash in between finds the zaak instead of making another).
    zaak_key: str
    document_identificatie: str
    titel: str
    auteur: str
    filename: str
    media_type: str
    content: bytes
    received_at: datetime
    #: Filed before (in another zaak, before a correction): the document moves.
    refiled: bool = False
    #: The email the letter came in (its envelope), filed beside it in the same zaak.
    envelope: Envelope | None = None
    #: The case's due date: the new zaak's uiterlijkeEinddatumAfdoening.
    due_date: date | None = None


@dataclass(frozen=True)
class Envelope:
    """The email as it arrived (.eml), one document in the zaak of its letters."""

    identificatie: str
    titel: str
    content: bytes


@dataclass(frozen=True)
class Filed:
    """Where the letter is now: its zaak and its document in the zaaksysteem."""

    zaak_url: str
    zaak_identificatie: str
    document_url: str
    #: The zaken it was taken out of (a correction), and those of them ended as empty.
    moved_from: tuple[str, ...] = ()
    ended: tuple[str, ...] = ()
    #: The zaak's uiterlijkeEinddatumAfdoening (ISO date): the case's due date.
    due_date: str | None = None


def _one(client: ZgwClient, url: str, crs: bool = False, **params: Any) -> dict[str, Any] | None:
    found = client.get(url, crs=crs, **params)
    results = found.get("results", []) if isinstance(found, dict) else found
    return results[0] if results else None


def ensure_zaak(client: ZgwClient, letter: Letter) -> dict[str, Any]:
    """The letter's zaak: the known one, the one made for this case before (found by its
    identificatie), or a new one with its initiator and first status."""
    zaken = f"{client.config.zaken_url}/zaken"
    if letter.zaak_url:
        # The register is a cache: the zaak is checked before a letter goes in (a zaak
        # removed there is a 404, refused like any 4xx; an ended one is refused here).
        zaak: dict[str, Any] = client.get(letter.zaak_url, crs=True)
        if zaak.get("einddatum"):
            raise ZaaksysteemRejected(
                f"zaak {zaak['identificatie']} was ended in the zaaksysteem on "
                f"{zaak['einddatum']}; a person decides where the letter goes"
            )
        return zaak
    found = _one(
        client,
        zaken,
        crs=True,
        kenmerk=f"{KENMERK_BRON}:{letter.zaak_key}",
        bronorganisatie=client.config.rsin,
    )
    if found is None:
        try:
            found = client.request(
                "POST", zaken, crs=True, json=_zaak_body(client.config.rsin, letter)
            )
        except ZaaksysteemRejected as e:
            if "identificatie-niet-uniek" in e.codes:
                raise IdentificatieTaken(letter.case_number) from e
            raise
    zaak = found
    assert zaak is not None
    _ensure_initiator(client, zaak["url"], letter)
    _ensure_status(client, zaak, letter)
    return zaak


def _zaak_body(rsin: str, letter: Letter) -> dict[str, Any]:
    return {
        "identificatie": letter.case_number,
        "bronorganisatie": rsin,
        "verantwoordelijkeOrganisatie": rsin,
        "zaaktype": letter.zaaktype.url,
        "startdatum": letter.received.isoformat(),
        "registratiedatum": letter.received.isoformat(),
        "omschrijving": (letter.subject or letter.titel)[:80],
        "vertrouwelijkheidaanduiding": letter.zaaktype.vertrouwelijkheidaanduiding,
        "kenmerken": [{"kenmerk": letter.zaak_key, "bron": KENMERK_BRON}],
        **(
            {"uiterlijkeEinddatumAfdoening": letter.due_date.isoformat()} if letter.due_date else {}
        ),
    }


def _betrokkene(party: Party) -> tuple[str, dict[str, Any]]:
    """The rol's betrokkene: an organisation by its KvK number, else a person by BSN (when
    known) and name. The address is left out: the Zaken API wants it as BAG references."""
    if party.kvk:
        organisation = {"kvkNummer": party.kvk, "statutaireNaam": (party.name or "")[:500]}
        return "niet_natuurlijk_persoon", organisation
    person: dict[str, Any] = {"geslachtsnaam": (party.name or "")[:200]}
    if party.bsn:
        person["inpBsn"] = party.bsn
    return "natuurlijk_persoon", person


def _ensure_initiator(client: ZgwClient, zaak_url: str, letter: Letter) -> None:
    roltype = letter.zaaktype.initiator
    party = letter.party
    if roltype is None or not (party.name or party.bsn or party.kvk):
        return
    rollen = f"{client.config.zaken_url}/rollen"
    if _one(client, rollen, zaak=zaak_url, omschrijvingGeneriek="initiator"):
        return
    kind, identification = _betrokkene(party)
    rol: dict[str, Any] = {
        "zaak": zaak_url,
        "betrokkeneType": kind,
        "roltype": roltype,
        "roltoelichting": _toelichting(party),
        "betrokkeneIdentificatie": identification,
    }
    if party.email:
        rol["contactpersoonRol"] = {
            "naam": (party.name or party.email)[:200],
            "emailadres": party.email,
        }
    client.request("POST", rollen, json=rol)


def _toelichting(party: Party) -> str:
    """The rol's note: the sender of the letter, and the address the letter gives (the
    betrokkene's structured address needs a BAG identification mailroom does not have)."""
    if party.postcode and party.house_number:
        return (
            f"Afzender van de brief; adres volgens de brief: {party.postcode} {party.house_number}"
        )
    return "Afzender van de brief"


def _ensure_status(client: ZgwClient, zaak: dict[str, Any], letter: Letter) -> None:
    if zaak.get("status") or letter.zaaktype.statustype is None:
        return
    client.request(
        "POST",
        f"{client.config.zaken_url}/statussen",
        json={
            "zaak": zaak["url"],
            "statustype": letter.zaaktype.statustype,
            "datumStatusGezet": letter.received_at.isoformat().replace("+00:00", "Z"),
        },
    )


def _incoming(letter: Letter) -> dict[str, Any]:
    """The fields every document of an incoming letter carries."""
    return {
        "creatiedatum": letter.received.isoformat(),
        "ontvangstdatum": letter.received.isoformat(),
        "informatieobjecttype": letter.zaaktype.informatieobjecttype,
        "vertrouwelijkheidaanduiding": letter.zaaktype.vertrouwelijkheidaanduiding,
        "auteur": letter.auteur[:200] or "onbekend",
    }


def ensure_document(client: ZgwClient, letter: Letter, inline_limit: int = 20 * 2**20) -> str:
    """The letter's enkelvoudiginformatieobject: found by identificatie, or stored now
    (over ``inline_limit`` bytes in the parts the API asks for)."""
    fields = {
        **_incoming(letter),
        "titel": letter.titel[:200],
        "formaat": letter.media_type,
        "bestandsnaam": letter.filename[:255],
    }
    return _ensure_object(
        client, letter.document_identificatie, fields, letter.content, inline_limit
    )


def ensure_envelope(
    client: ZgwClient, letter: Letter, envelope: Envelope, inline_limit: int = 20 * 2**20
) -> str:
    """The email the letter came in, as a document of its own (found or stored now)."""
    fields = {
        **_incoming(letter),
        "titel": envelope.titel[:200],
        "formaat": "message/rfc822",
        "bestandsnaam": "bericht.eml",
    }
    return _ensure_object(client, envelope.identificatie, fields, envelope.content, inline_limit)


@dataclass(frozen=True)
class Outgoing:
    """A document the municipality sent (an acknowledgement of receipt), for one zaak."""

    zaak_url: str
    identificatie: str
    titel: str
    auteur: str
    sent: date
    informatieobjecttype: str
    vertrouwelijkheidaanduiding: str
    formaat: str
    bestandsnaam: str
    content: bytes


def file_outgoing(client: ZgwClient, outgoing: Outgoing) -> str:
    """Store a sent document (``verzenddatum``) and link it to its zaak, each once."""
    fields = {
        "creatiedatum": outgoing.sent.isoformat(),
        "verzenddatum": outgoing.sent.isoformat(),
        "informatieobjecttype": outgoing.informatieobjecttype,
        "vertrouwelijkheidaanduiding": outgoing.vertrouwelijkheidaanduiding,
        "auteur": outgoing.auteur[:200],
        "titel": outgoing.titel[:200],
        "formaat": outgoing.formaat,
        "bestandsnaam": outgoing.bestandsnaam[:255],
    }
    url = _ensure_object(client, outgoing.identificatie, fields, outgoing.content, 20 * 2**20)
    ensure_link(client, outgoing.zaak_url, url, outgoing.titel)
    return url


def _ensure_object(
    client: ZgwClient,
    identificatie: str,
    fields: dict[str, Any],
    content: bytes,
    inline_limit: int,
) -> str:
    documents = f"{client.config.documenten_url}/enkelvoudiginformatieobjecten"
    found = _one(client, documents, identificatie=identificatie, bronorganisatie=client.config.rsin)
    if found:
        if found.get("locked") and found.get("lock"):
            _upload_parts(client, found, content)  # a big one left half-uploaded
        return str(found["url"])
    big = len(content) > inline_limit
    made = client.request(
        "POST",
        documents,
        json={
            "identificatie": identificatie,
            "bronorganisatie": client.config.rsin,
            "taal": "dut",
            **fields,
            "inhoud": None if big else base64.b64encode(content).decode("ascii"),
            **({"bestandsomvang": len(content)} if big else {}),
        },
    )
    if big:
        _upload_parts(client, made, content)
    return str(made["url"])


def _upload_parts(client: ZgwClient, document: dict[str, Any], content: bytes) -> None:
    """Upload a big document in the parts the Documenten API asked for, then unlock it."""
    lock = document["lock"]
    offset = 0
    for part in sorted(document.get("bestandsdelen") or (), key=lambda d: d["volgnummer"]):
        size = int(part["omvang"])
        if not part.get("voltooid"):
            client.request(
                "PUT",
                part["url"],
                files={
                    "inhoud": (
                        "deel.bin",
                        content[offset : offset + size],
                        "application/octet-stream",
                    )
                },
                data={"lock": lock},
            )
        offset += size
    client.request("POST", f"{document['url']}/unlock", json={"lock": lock})


def ensure_link(client: ZgwClient, zaak_url: str, document_url: str, titel: str) -> None:
    """The zaakinformatieobject between the zaak and the document, once."""
    links = f"{client.config.zaken_url}/zaakinformatieobjecten"
    if _one(client, links, zaak=zaak_url, informatieobject=document_url):
        return
    client.request(
        "POST",
        links,
        json={"zaak": zaak_url, "informatieobject": document_url, "titel": titel[:200]},
    )


def file_letter(client: ZgwClient, letter: Letter, inline_limit: int = 20 * 2**20) -> Filed:
    """File the letter: zaak, document, link (and the email it came in, linked to the same
    zaak); each step only when not there yet. A letter
    filed before in another zaak (a corrected case or case type: a zaak's zaaktype cannot
    change) is moved: its link there removed, the new zaak related to the old one, and
    the old one ended when nothing is left in it."""
    zaak = ensure_zaak(client, letter)
    document_url = ensure_document(client, letter, inline_limit)
    ensure_link(client, zaak["url"], document_url, letter.titel)
    envelope_url = None
    if letter.envelope is not None:
        envelope_url = ensure_envelope(client, letter, letter.envelope, inline_limit)
        ensure_link(client, zaak["url"], envelope_url, letter.envelope.titel)
    due = zaak.get("uiterlijkeEinddatumAfdoening")
    if not letter.refiled:
        return Filed(zaak["url"], zaak["identificatie"], document_url, due_date=due)
    moved = move_out(client, document_url, zaak["url"])
    if envelope_url is not None:
        _take_envelope_along(client, envelope_url, moved)
    note = f"Document verplaatst naar zaak {zaak['identificatie']} (gecorrigeerd)"
    relate(client, zaak, moved, note)
    ended = tuple(old for old in moved if end_if_empty(client, old, note))
    return Filed(zaak["url"], zaak["identificatie"], document_url, tuple(moved), ended, due)


def _results(found: Any) -> list[dict[str, Any]]:
    return list(found.get("results", []) if isinstance(found, dict) else found or [])


def _take_envelope_along(client: ZgwClient, envelope_url: str, left: list[str]) -> None:
    """Remove the email from the zaken the letter left when nothing else of it is there."""
    links = f"{client.config.zaken_url}/zaakinformatieobjecten"
    for zaak_url in left:
        there = _results(client.get(links, zaak=zaak_url))
        if there and all(link["informatieobject"] == envelope_url for link in there):
            for link in there:
                client.request("DELETE", link["url"])


def move_out(client: ZgwClient, document_url: str, keep: str) -> list[str]:
    """Remove the document's links to zaken other than ``keep``; the zaken it left."""
    links = f"{client.config.zaken_url}/zaakinformatieobjecten"
    left = []
    for link in _results(client.get(links, informatieobject=document_url)):
        if link["zaak"] != keep:
            client.request("DELETE", link["url"])
            left.append(str(link["zaak"]))
    return left


def relate(client: ZgwClient, zaak: dict[str, Any], others: list[str], note: str) -> None:
    """Record on ``zaak`` that the ``others`` led to it (relevanteAndereZaken, ``vervolg``)."""
    existing = list(zaak.get("relevanteAndereZaken") or [])
    known = {r["url"] for r in existing}
    added = [
        {"url": other, "aardRelatie": "vervolg", "toelichting": note[:255]}
        for other in others
        if other not in known
    ]
    if added:
        client.request(
            "PATCH", zaak["url"], crs=True, json={"relevanteAndereZaken": existing + added}
        )


def end_if_empty(client: ZgwClient, zaak_url: str, note: str) -> bool:
    """End a zaak that no document is linked to any more, with its zaaktype's final status
    and ``note``; False when documents remain, it has ended, or no final status exists."""
    links = f"{client.config.zaken_url}/zaakinformatieobjecten"
    if _results(client.get(links, zaak=zaak_url)):
        return False
    zaak = client.get(zaak_url, crs=True)
    if zaak.get("einddatum"):
        return False
    statustypen = client.pages(
        f"{client.config.catalogi_url}/statustypen", zaaktype=zaak["zaaktype"]
    )
    final = [s for s in statustypen if s.get("isEindstatus")]
    if not final:
        return False
    client.request(
        "POST",
        f"{client.config.zaken_url}/statussen",
        json={
            "zaak": zaak_url,
            "statustype": final[0]["url"],
            "datumStatusGezet": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            "statustoelichting": note[:1000],
        },
    )
    return True


def highest_identificatie(client: ZgwClient, prefix: str) -> str | None:
    """The highest identificatie of the municipality's zaken that starts with ``prefix``
    (numbers of one year in one format sort as text)."""
    found = _one(
        client,
        f"{client.config.zaken_url}/zaken",
        crs=True,
        identificatie__icontains=prefix,
        bronorganisatie=client.config.rsin,
        ordering="-identificatie",
        pageSize=1,
    )
    return str(found["identificatie"]) if found else None
