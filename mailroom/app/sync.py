"""``mailroom cases sync``: the zaaksysteem's open zaken into mailroom's register, so that
matching stays a local look-up (milliseconds) while the zaken live in the zaaksysteem.

Every open zaak of a mapped zaaktype (``POST /zaken/_zoek``, page after page; BSNs
only in bodies) becomes or updates a case: its identificatie as the number, the
case type its zaaktype is mapped to, the zaak's URL, the initiator's BSN, KvK
number and name for matching. Cases of zaken that are no longer open are closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from mailroom.app.audit import record
from mailroom.app.context import Mailroom
from mailroom.app.filing import connection
from mailroom.cases.names import other_surname_key, surname_key
from mailroom.core.db.models import Case, CaseStatus
from mailroom.core.db.session import transaction
from mailroom.zgw.client import ZgwClient


@dataclass(frozen=True)
class SyncReport:
    """What a sync did: cases added, updated, closed; zaken of unmapped zaaktypen skipped."""

    added: int
    updated: int
    closed: int
    skipped: int


@dataclass(frozen=True)
class _Zaak:
    number: str
    url: str
    case_type: str
    subject: str | None
    opened_at: datetime | None
    bsn: str | None
    kvk: str | None
    name: str | None


def _open_zaken(client: ZgwClient) -> Any:
    """Every open zaak, page after page (the same search body for each page)."""
    url: str | None = f"{client.config.zaken_url}/zaken/_zoek"
    body = {"einddatum__isnull": True}
    while url:
        page = client.request("POST", url, crs=True, json=body)
        yield from page.get("results", [])
        url = page.get("next")


def _initiator(client: ZgwClient, zaak_url: str) -> dict[str, Any]:
    rollen = client.get(
        f"{client.config.zaken_url}/rollen", zaak=zaak_url, omschrijvingGeneriek="initiator"
    )
    results = rollen.get("results", []) if isinstance(rollen, dict) else rollen
    if not results:
        return {}
    found: dict[str, Any] = results[0].get("betrokkeneIdentificatie") or {}
    return found


def _zaken(mr: Mailroom) -> tuple[list[_Zaak], int]:
    zgw = connection(mr)
    client = zgw.client
    wanted = {z.identificatie: code for code, z in zgw.zaaktypen.items()}
    kinds: dict[str, str | None] = {}  # zaaktype URL (any version) -> case type
    found, skipped = [], 0
    for zaak in _open_zaken(client):
        url = zaak["zaaktype"]
        if url not in kinds:
            kinds[url] = wanted.get(client.get(url).get("identificatie", ""))
        case_type = kinds[url]
        if case_type is None:
            skipped += 1
            continue
        who = _initiator(client, zaak["url"])
        start = zaak.get("startdatum")
        found.append(
            _Zaak(
                number=zaak["identificatie"],
                url=zaak["url"],
                case_type=case_type,
                subject=zaak.get("omschrijving") or None,
                opened_at=datetime.fromisoformat(start).replace(tzinfo=UTC) if start else None,
                bsn=who.get("inpBsn") or None,
                kvk=who.get("kvkNummer") or None,
                name=who.get("geslachtsnaam") or who.get("statutaireNaam") or None,
            )
        )
    return found, skipped


def sync_cases(mr: Mailroom, by: str = "mailroom cases sync") -> SyncReport:
    """Bring the register up to date with the zaaksysteem's open zaken."""
    zaken, skipped = _zaken(mr)
    added = updated = 0
    with transaction(mr.sessions) as session:
        known = {c.number: c for c in session.scalars(select(Case))}
        for zaak in zaken:
            case = known.get(zaak.number)
            if case is None:
                case = Case(number=zaak.number, case_type=zaak.case_type)
                if zaak.opened_at is not None:
                    case.opened_at = zaak.opened_at
                session.add(case)
                added += 1
            elif case.zaak_url == zaak.url and case.status == CaseStatus.open:
                continue
            else:
                updated += 1
            case.zaak_url, case.status, case.closed_at = zaak.url, CaseStatus.open.value, None
            case.subject = case.subject or zaak.subject
            case.bsn, case.kvk = case.bsn or zaak.bsn, case.kvk or zaak.kvk
            if zaak.name and not case.name:
                case.name = zaak.name
                case.surname, case.other_surname = (
                    surname_key(zaak.name),
                    other_surname_key(zaak.name),
                )
        still_open = {z.url for z in zaken}
        closed = 0
        for case in known.values():
            if case.zaak_url and case.zaak_url not in still_open and case.status == "open":
                case.status, case.closed_at = CaseStatus.closed.value, mr.clock()
                closed += 1
        new = {"added": added, "updated": updated, "closed": closed, "skipped": skipped}
        record(session, mr, "cases_synced", actor=by, new=new)
    return SyncReport(added, updated, closed, skipped)
