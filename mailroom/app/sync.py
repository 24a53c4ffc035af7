"""``mailroom cases sync``: the zaaksysteem's open zaken into mailroom's register, so that
matching stays a local look-up (milliseconds) while the zaken live in the zaaksysteem.

Every open zaak of a mapped zaaktype (``POST /zaken/_zoek``, page after page; BSNs
only in bodies) becomes or updates a case: its identificatie as the number, the
case type its zaaktype is mapped to, the zaak's URL, the initiator's BSN, KvK
number and name for matching. Cases of zaken that are no longer open are closed.

After the first (full) sync, a sync asks only for what changed since the last one:
zaken registered since then that are open, and zaken ended since then. The Zaken
API has no "modified since" filter, so a zaak removed outright, or whose initiator
changed, is seen by the next full sync (``--full``; weekly is plenty).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailroom.app.audit import record
from mailroom.app.context import Mailroom
from mailroom.app.filing import connection
from mailroom.cases.names import other_surname_key, surname_key
from mailroom.cases.register import write_case_words
from mailroom.core.db.models import Case, CaseStatus, Event, as_utc
from mailroom.core.db.session import transaction
from mailroom.zgw.client import ZgwClient


@dataclass(frozen=True)
class SyncReport:
    """What a sync did: cases added, updated, closed; zaken of unmapped zaaktypen skipped."""

    added: int
    updated: int
    closed: int
    skipped: int
    #: The day changes were asked for from (a day's overlap), or None for a full sync.
    since: date | None = None


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
    due_date: date | None


#: The audit action of a sync; the last one's time is where the next one starts.
SYNCED = "cases_synced"


def _search(client: ZgwClient, body: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every zaak ``_zoek`` finds with ``body``, page after page (the same body each page)."""
    url: str | None = f"{client.config.zaken_url}/zaken/_zoek"
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


class _Kinds:
    """Zaaktype URLs (of any version) to the case types their identificatie is mapped to."""

    def __init__(self, client: ZgwClient, wanted: dict[str, str]) -> None:
        self.client, self.wanted = client, wanted
        self.known: dict[str, str | None] = {}

    def of(self, url: str) -> str | None:
        if url not in self.known:
            self.known[url] = self.wanted.get(self.client.get(url).get("identificatie", ""))
        return self.known[url]


def _as_case(client: ZgwClient, zaak: dict[str, Any], kinds: _Kinds) -> _Zaak | None:
    case_type = kinds.of(zaak["zaaktype"])
    if case_type is None:
        return None
    who = _initiator(client, zaak["url"])
    start = zaak.get("startdatum")
    return _Zaak(
        number=zaak["identificatie"],
        url=zaak["url"],
        case_type=case_type,
        subject=zaak.get("omschrijving") or None,
        opened_at=datetime.fromisoformat(start).replace(tzinfo=UTC) if start else None,
        bsn=who.get("inpBsn") or None,
        kvk=who.get("kvkNummer") or None,
        name=who.get("geslachtsnaam") or who.get("statutaireNaam") or None,
        due_date=date.fromisoformat(due)
        if (due := zaak.get("uiterlijkeEinddatumAfdoening"))
        else None,
    )


def _kinds(mr: Mailroom) -> tuple[ZgwClient, _Kinds]:
    zgw = connection(mr)
    wanted = {z.identificatie: code for code, z in zgw.zaaktypen.items()}
    return zgw.client, _Kinds(zgw.client, wanted)


def _zaken(client: ZgwClient, kinds: _Kinds, body: dict[str, Any]) -> tuple[list[_Zaak], int]:
    found, skipped = [], 0
    for zaak in _search(client, body):
        case = _as_case(client, zaak, kinds)
        if case is None:
            skipped += 1
        else:
            found.append(case)
    return found, skipped


def last_sync(mr: Mailroom) -> datetime | None:
    """When the register was last synced with the zaaksysteem (None: never)."""
    with mr.sessions() as session:
        at = session.scalar(
            select(Event.at).where(Event.action == SYNCED).order_by(Event.id.desc())
        )
    return as_utc(at) if at is not None else None


def _upsert(session: Session, known: dict[str, Case], zaak: _Zaak) -> str:
    """Add or update the case of a zaak: ``added``, ``updated`` or ``same``."""
    case = known.get(zaak.number)
    outcome = "updated"
    if case is None:
        case = Case(number=zaak.number, case_type=zaak.case_type)
        if zaak.opened_at is not None:
            case.opened_at = zaak.opened_at
        session.add(case)
        known[zaak.number] = case
        outcome = "added"
    elif (
        case.zaak_url == zaak.url
        and case.status == CaseStatus.open
        and (zaak.due_date is None or case.due_date == zaak.due_date)
    ):
        return "same"
    if zaak.due_date is not None:  # the zaaksysteem's date is the due date
        case.due_date = zaak.due_date
    case.zaak_url, case.status, case.closed_at = zaak.url, CaseStatus.open.value, None
    case.subject = case.subject or zaak.subject
    named = (case.name, case.kvk)
    case.bsn, case.kvk = case.bsn or zaak.bsn, case.kvk or zaak.kvk
    if zaak.name and not case.name:
        case.name = zaak.name
        case.surname, case.other_surname = surname_key(zaak.name), other_surname_key(zaak.name)
    if (case.name, case.kvk) != named or outcome == "added":
        session.flush()
        write_case_words(session, [case])
    return outcome


def cache_cited(mr: Mailroom, numbers: list[str]) -> list[str]:
    """Cited case numbers the register does not know, looked up in the zaaksysteem by
    identificatie and cached (so matching finds them); the numbers it found."""
    with mr.sessions() as session:
        known = set(session.scalars(select(Case.number).where(Case.number.in_(numbers))))
    missing = [n for n in numbers if n not in known]
    if not missing:
        return []
    client, kinds = _kinds(mr)
    found = []
    for number in missing:
        zaak = next(
            iter(
                client.pages(
                    f"{client.config.zaken_url}/zaken",
                    identificatie=number,
                    bronorganisatie=client.config.rsin,
                )
            ),
            None,
        )
        case = _as_case(client, zaak, kinds) if zaak else None
        if case is not None:
            found.append(case)
    if found:
        with transaction(mr.sessions) as session:
            cases = {
                c.number: c
                for c in session.scalars(
                    select(Case).where(Case.number.in_([z.number for z in found]))
                )
            }
            for cached in found:
                _upsert(session, cases, cached)
            record(session, mr, "cases_cached", new={"numbers": [z.number for z in found]})
    return [z.number for z in found]


def sync_cases(mr: Mailroom, by: str = "mailroom cases sync", full: bool = False) -> SyncReport:
    """Bring the register up to date with the zaaksysteem's open zaken: all of them on the
    first sync or with ``full``, else what changed since the last sync."""
    last = None if full else last_sync(mr)
    client, kinds = _kinds(mr)
    # A day's overlap: the filters take dates, and the zaaksysteem's clock is not ours.
    since = (last - timedelta(days=1)).date() if last is not None else None
    if since is None:
        zaken, skipped = _zaken(client, kinds, {"einddatum__isnull": True})
        ended: set[str] | None = None
    else:
        body = {"einddatum__isnull": True, "registratiedatum__gt": since.isoformat()}
        zaken, skipped = _zaken(client, kinds, body)
        ended = {z["url"] for z in _search(client, {"einddatum__gt": since.isoformat()})}
    added = updated = closed = 0
    with transaction(mr.sessions) as session:
        known = {c.number: c for c in session.scalars(select(Case).where(_synced(zaken, ended)))}
        for zaak in zaken:
            outcome = _upsert(session, known, zaak)
            added += outcome == "added"
            updated += outcome == "updated"
        still_open = {z.url for z in zaken}
        for case in known.values():
            gone = case.zaak_url not in still_open if ended is None else case.zaak_url in ended
            if case.zaak_url and gone and case.status == CaseStatus.open.value:
                case.status, case.closed_at = CaseStatus.closed.value, mr.clock()
                closed += 1
        new = {
            "added": added,
            "updated": updated,
            "closed": closed,
            "skipped": skipped,
            "since": since.isoformat() if since else None,
        }
        record(session, mr, SYNCED, actor=by, new=new)
    return SyncReport(added, updated, closed, skipped, since)


def _synced(zaken: list[_Zaak], ended: set[str] | None) -> Any:
    """The cases a sync looks at: all on a full sync, else those of the zaken it found."""
    if ended is None:
        return Case.id.is_not(None)
    return Case.number.in_([z.number for z in zaken]) | Case.zaak_url.in_(sorted(ended))
