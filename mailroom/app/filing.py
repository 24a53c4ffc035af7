"""Filing routed letters in the zaaksysteem (``case_register = "zgw"``): the outbox step
after routing.

A routed document whose ``filed_at`` is empty is filed: its case's zaak (made when
the case is new: with the zaaktype mapped to its case type, the sender as
initiator and the first status), the archive PDF/A as a document, and the link.
A zaaksysteem that is away or answers 5xx leaves the document routed and unfiled,
to be filed again later (the step is transient, like publishing); every step
looks before it creates, so nothing is made twice. A 4xx answer sends the
document to review with the API's own reason.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mailroom.app.audit import SYSTEM, record
from mailroom.app.context import Mailroom
from mailroom.app.zgw import zgw_config
from mailroom.cases.register import number_prefix, renumber_case, sequence_of
from mailroom.core.db.models import Acknowledgement, Case, DocState, Document, IntakeItem, as_utc
from mailroom.core.db.session import transaction
from mailroom.core.errors import ConfigError
from mailroom.core.records import Channel
from mailroom.zgw.catalogus import Zaaktype, resolve
from mailroom.zgw.client import ZaaksysteemRejected, ZgwClient
from mailroom.zgw.filing import (
    Envelope,
    Filed,
    IdentificatieTaken,
    Letter,
    Outgoing,
    Party,
    file_letter,
    file_outgoing,
    highest_identificatie,
)

log = logging.getLogger(__name__)

#: The reason a document waits in review after the zaaksysteem refused it.
REFUSED = "zaaksysteem refused"
#: Times a case is renumbered because the zaaksysteem has its number already.
RENUMBER_ATTEMPTS = 3


@dataclass
class Connection:
    """The zaaksysteem as one process uses it: the client and the resolved zaaktypen."""

    client: ZgwClient
    zaaktypen: dict[str, Zaaktype]


def connection(mr: Mailroom) -> Connection:
    """This installation's connection, made once per process (resolving the zaaktypen
    takes a few calls); a case type that cannot be filed is a configuration error."""
    cached = mr.extensions.get("zgw")
    if isinstance(cached, Connection):
        return cached
    client = ZgwClient(zgw_config(mr.settings))
    resolution = resolve(
        client,
        mr.settings.zgw_zaaktypen,
        mr.catalogue.labels,
        mr.settings.zgw_informatieobjecttype,
        outgoing=mr.settings.zgw_outgoing_informatieobjecttype,
    )
    if resolution.problems:
        client.close()
        raise ConfigError("the zaaksysteem is not ready: " + "; ".join(resolution.problems))
    made = Connection(client, resolution.zaaktypen)
    mr.extensions["zgw"] = made
    mr.on_close.append(client.close)
    return made


def _envelope(item: IntakeItem | None) -> Envelope | None:
    """The email a letter came in, filed beside it (an email's own record of receipt)."""
    if item is None or item.channel != Channel.email.value:
        return None
    path = Path(item.stored_path)
    if not path.is_file():
        return None
    return Envelope(
        identificatie=f"mailroom-email-{item.id}-{item.sha256[:12]}",
        titel=f"E-mail: {item.subject}" if item.subject else "E-mail",
        content=path.read_bytes(),
    )


def _letter(
    doc: Document, case: Case, item: IntakeItem | None, zaaktype: Zaaktype, zaak_key: str
) -> Letter:
    path = Path(doc.archive_path or doc.original_path)
    received = as_utc(doc.received_at)
    subject = item.subject if item is not None else None
    return Letter(
        case_number=case.number,
        case_id=case.id,
        zaaktype=zaaktype,
        received=received.date(),
        subject=subject or case.subject,
        party=Party(case.name, case.bsn, case.kvk, case.postcode, case.house_number, case.email),
        zaak_url=case.zaak_url,
        zaak_key=zaak_key,
        document_identificatie=f"mailroom-{doc.id}-{doc.sha256[:12]}",
        titel=subject or f"Inkomende post: {zaaktype.identificatie}",
        auteur=case.name or "onbekend",
        filename=path.name,
        media_type="application/pdf" if doc.archive_path else doc.media_type,
        content=path.read_bytes(),
        received_at=received,
        refiled=doc.zaak_document_url is not None,
        envelope=_envelope(item),
        due_date=case.due_date,
    )


def _zaak_key(mr: Mailroom, case_id: int) -> str:
    """The case's idempotency key, committed before its zaak is made."""
    with transaction(mr.sessions) as session:
        case = session.get_one(Case, case_id)
        if case.zaak_key is None:
            case.zaak_key = str(uuid.uuid4())
        return case.zaak_key


def file_step(mr: Mailroom, doc: Document, acting: str | None = None) -> None:
    """File one routed document (the pipeline's last step with a zaaksysteem); on behalf
    of ``acting`` (the person whose correction it carries out) or mailroom itself."""
    zgw = connection(mr)
    client = zgw.client.as_user(acting) if acting else zgw.client
    for _ in range(RENUMBER_ATTEMPTS):
        with mr.sessions() as session:
            row = session.get_one(Document, doc.id)
            if row.filed_at is not None or row.case is None or row.case_type is None:
                return
            case_id = row.case.id
        key = _zaak_key(mr, case_id)
        with mr.sessions() as session:
            row = session.get_one(Document, doc.id)
            item = session.get(IntakeItem, row.intake_id) if row.intake_id else None
            assert row.case is not None and row.case_type is not None
            letter = _letter(row, row.case, item, zgw.zaaktypen[row.case_type], key)
        try:
            filed = file_letter(client, letter, int(mr.settings.zgw_inline_max_mb * 2**20))
        except IdentificatieTaken as e:
            _renumber(mr, zgw.client, case_id, e.number)
            continue
        except ZaaksysteemRejected as e:
            _to_review(mr, doc.id, e.message)
            return
        _record(mr, doc.id, filed, acting)
        return
    _to_review(
        mr, doc.id, f"no free case number in the zaaksysteem after {RENUMBER_ATTEMPTS} tries"
    )


def _renumber(mr: Mailroom, client: ZgwClient, case_id: int, taken: str) -> None:
    """Give a case whose number the zaaksysteem gave to another zaak the next free one
    above the zaaksysteem's highest of this year (say, after a fresh mailroom install
    whose counter starts at 1 beside a zaaksysteem that numbered zaken in that format)."""
    now = mr.clock()
    number_format = mr.settings.case_number_format
    highest = highest_identificatie(client, number_prefix(number_format, now.year)) or ""
    with transaction(mr.sessions) as session:
        case = session.get_one(Case, case_id)
        up_to = max(
            sequence_of(highest, number_format, now.year),
            sequence_of(taken, number_format, now.year),
        )
        number = renumber_case(session, case, number_format, now, up_to)
        record(
            session, mr, "case_renumbered", case=case, old={"number": taken}, new={"number": number}
        )
    log.warning("case %s: the zaaksysteem has its number already; renumbered %s", taken, number)


def _record(mr: Mailroom, document_id: int, filed: Filed, acting: str | None) -> None:
    with transaction(mr.sessions) as session:
        row = session.get_one(Document, document_id)
        assert row.case is not None
        row.case.zaak_url = filed.zaak_url
        if filed.due_date:  # with a zaaksysteem, the zaak's date is the due date
            row.case.due_date = date.fromisoformat(filed.due_date)
        row.filed_at = mr.clock()
        row.zaak_document_url = filed.document_url
        new: dict[str, object] = {"zaak": filed.zaak_identificatie}
        if filed.moved_from:
            new.update(moved_from=list(filed.moved_from), ended=list(filed.ended))
        record(session, mr, "filed", actor=acting or SYSTEM, document=row, case=row.case, new=new)
    log.info("document %s: filed in zaak %s", document_id, filed.zaak_identificatie)


def _to_review(mr: Mailroom, document_id: int, reason: str) -> None:
    """A letter the zaaksysteem refused waits for a person, with the refusal's text."""
    with transaction(mr.sessions) as session:
        row = session.get_one(Document, document_id)
        row.state = DocState.needs_review.value
        row.reasons = [*(row.reasons or ()), f"{REFUSED}: {reason}"]
        row.published_at = None  # to the review queue now
        record(session, mr, "needs_review", document=row, new={"reason": reason})
    log.warning("document %s: the zaaksysteem refused it: %s", document_id, reason)


def file_acknowledgement(mr: Mailroom, ack_id: int) -> None:
    """File a sent acknowledgement in its case's zaak as outgoing post (once). Waits while
    the case has no zaak yet; skipped where the zaaktype allows no outgoing post."""
    zgw = connection(mr)
    with mr.sessions() as session:
        row = session.get_one(Acknowledgement, ack_id)
        case = row.case
        zaaktype = zgw.zaaktypen.get(case.case_type)
        if row.filed_at is not None or row.sent_at is None or row.copy_path is None:
            return
        if case.zaak_url is None or zaaktype is None or zaaktype.outgoing is None:
            return
        email = row.copy_path.endswith(".eml")
        outgoing = Outgoing(
            zaak_url=case.zaak_url,
            identificatie=f"ack-{case.zaak_key or case.id}"[:40],
            titel=f"Ontvangstbevestiging {case.number}",
            auteur=mr.settings.municipality_name or "gemeente",
            sent=as_utc(row.sent_at).date(),
            informatieobjecttype=zaaktype.outgoing,
            vertrouwelijkheidaanduiding=zaaktype.vertrouwelijkheidaanduiding,
            formaat="message/rfc822" if email else "application/pdf",
            bestandsnaam=Path(row.copy_path).name,
            content=Path(row.copy_path).read_bytes(),
        )
    url = file_outgoing(zgw.client, outgoing)
    with transaction(mr.sessions) as session:
        row = session.get_one(Acknowledgement, ack_id)
        row.filed_at, row.zaak_document_url = mr.clock(), url
        record(session, mr, "acknowledgement_filed", case=row.case, new={"zaak": row.case.number})
