"""Acknowledgements of receipt: what the postroom owes a sender, sent once, never lost.

When a letter is routed, its case may be owed an acknowledgement: the case type's
rule requires one on the channel the letter came in on (objections and complaints,
Awb 6:14 and 9:6), or the letter is an email that opened a new case (answered as
a courtesy unless the rule says not: invoices; a reminder on a known case is not
greeted again). At most one per case: the row's unique ``case_id`` makes
"never twice" hold, also when two workers route two letters of a case at once.

The row is an outbox. :func:`send_due` sends what is pending: an email as a
reply to the original (In-Reply-To its Message-ID) through the municipality's
mail server; a paper letter as a PDF/A in the acknowledgements folder, added to
that day's print file. A mail server that is away leaves the row pending with a
growing pause before the next try; one that refuses for good (an address that
does not exist) marks it failed with the server's reason, for a person. With a
zaaksysteem connected the sent acknowledgement is filed to the zaak as an
outgoing document. Every step is in the audit trail.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import make_msgid, parseaddr
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mailroom.app.audit import record
from mailroom.app.context import Mailroom
from mailroom.app.deadlines import receipt_date, today
from mailroom.app.filing import file_acknowledgement
from mailroom.cases.addresses import address_lines
from mailroom.core.db.models import (
    Acknowledgement as AckRow,
)
from mailroom.core.db.models import (
    AckState,
    Case,
    Document,
    IntakeItem,
    as_utc,
)
from mailroom.core.db.session import transaction
from mailroom.core.errors import ConfigError, MailroomError
from mailroom.core.records import Channel
from mailroom.letters.records import Acknowledgement, EmailReply, Municipality, SmtpConfig
from mailroom.letters.render import daily_print, render_email, render_pdf
from mailroom.letters.smtp import send
from mailroom.letters.templates import Templates

log = logging.getLogger(__name__)

#: The longest pause between two tries of a send that failed for a while.
MAX_PAUSE = timedelta(hours=1)
#: The reason a paper acknowledgement cannot be made by itself.
NO_ADDRESS = "no postal address in the letter: address the acknowledgement by hand"


# --- owed: decided when a letter is routed -------------------------------------------------


def owe(mr: Mailroom, session: Session, doc: Document) -> AckRow | None:
    """In the transaction that routes ``doc``: the acknowledgement its case is owed, made
    pending, or None (not owed, or the case has one already)."""
    case = doc.case
    if not mr.settings.acknowledgements or case is None or case.case_type is None:
        return None
    rule = mr.catalogue.case_type(case.case_type).acknowledgement
    if not rule.sends_on(doc.channel):
        return None
    required = rule.required and doc.channel in rule.channels
    if not required and doc.case_match != "new":
        return None  # a courtesy reply greets a new matter, not a reminder on a known one
    if session.scalar(select(AckRow.id).where(AckRow.case_id == case.id)) is not None:
        return None
    row = AckRow(case_id=case.id, document_id=doc.id, channel=doc.channel, attempts=0)
    row.state = AckState.pending.value
    _address(row, doc, case)
    try:
        with session.begin_nested():  # another worker may owe it at the same moment
            session.add(row)
            session.flush()
    except IntegrityError:
        return None
    new = {"channel": row.channel, "state": row.state}
    record(session, mr, "acknowledgement_owed", document=doc, case=case, new=new)
    return row


def _address(row: AckRow, doc: Document, case: Case) -> None:
    """Where the acknowledgement goes: the email's sender, or the letter's postal address."""
    if row.channel == Channel.email.value:
        intake = doc.intake
        row.recipient = intake.sender if intake is not None else None
        if not row.recipient:
            row.state, row.last_error = AckState.failed.value, "the email has no sender"
        return
    lines = address_lines(doc.text or "", case.postcode, case.house_number)
    if not lines:
        row.state, row.last_error = AckState.failed.value, NO_ADDRESS
        return
    name, street_and_place = (lines[0], lines[1:]) if len(lines) == 3 else (None, lines)
    row.recipient = case.name or name
    row.address = list(street_and_place)


# --- sending ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SendReport:
    """What one round of sending did."""

    sent: int
    waiting: int
    failed: int


def send_due(mr: Mailroom, limit: int = 100) -> SendReport:
    """Send the pending acknowledgements whose time has come (and those a crashed
    process left half-way), at most ``limit``."""
    sent = waiting = failed = 0
    for ack_id in _due(mr, limit):
        outcome = _send_claimed(mr, ack_id)
        sent += outcome == AckState.sent
        waiting += outcome == AckState.pending
        failed += outcome == AckState.failed
    return SendReport(sent, waiting, failed)


def send_round(mr: Mailroom) -> SendReport:
    """One round of the daemon or a worker: send what is due, file what was sent. Never
    raises for a mail server or zaaksysteem that is away: the next round tries again."""
    try:
        report = send_due(mr)
        file_due(mr)
    except MailroomError as e:
        log.warning("acknowledgements: %s (tried again in the next round)", e.message)
        return SendReport(0, 0, 0)
    return report


def _due(mr: Mailroom, limit: int) -> list[int]:
    now = mr.clock()
    stale = now - timedelta(seconds=mr.settings.work_stale_seconds)
    with mr.sessions() as session:
        return list(
            session.scalars(
                select(AckRow.id)
                .where(
                    or_(
                        (AckRow.state == AckState.pending.value)
                        & or_(AckRow.next_attempt_at.is_(None), AckRow.next_attempt_at <= now),
                        (AckRow.state == AckState.sending.value) & (AckRow.claimed_at < stale),
                    )
                )
                .order_by(AckRow.id)
                .limit(limit)
            )
        )


def _claim(mr: Mailroom, ack_id: int) -> bool:
    """Compare-and-set to ``sending``: two processes never send the same one at once."""
    now = mr.clock()
    stale = now - timedelta(seconds=mr.settings.work_stale_seconds)
    with transaction(mr.sessions) as session:
        claimed = session.scalar(
            update(AckRow)
            .where(
                AckRow.id == ack_id,
                or_(
                    AckRow.state == AckState.pending.value,
                    (AckRow.state == AckState.sending.value) & (AckRow.claimed_at < stale),
                ),
            )
            .values(state=AckState.sending.value, claimed_at=now, attempts=AckRow.attempts + 1)
            .returning(AckRow.id)
            .execution_options(synchronize_session=False)
        )
    return claimed is not None


def not_ready(mr: Mailroom, channel: str) -> str | None:
    """What stops acknowledgements on ``channel`` from going out (settings not given), or
    None. They wait, untried, until it is given: ``status`` says what is missing."""
    try:
        municipality_of(mr)
        if channel == Channel.email.value:
            smtp_config(mr)
    except ConfigError as e:
        return e.message
    return None


def _send_claimed(mr: Mailroom, ack_id: int) -> AckState | None:
    with mr.sessions() as session:
        channel = session.get_one(AckRow, ack_id).channel
    if not_ready(mr, channel) is not None:
        return AckState.pending
    if not _claim(mr, ack_id):
        return None  # another process has it
    try:
        sent = _send_one(mr, ack_id)
    except MailroomError as e:
        return _not_sent(mr, ack_id, e)
    except Exception:
        log.exception("acknowledgement %s: unexpected error", ack_id)
        return _not_sent(mr, ack_id, MailroomError("internal error; the details are in the log"))
    _sent(mr, ack_id, sent)
    _file(mr, ack_id)
    return AckState.sent


@dataclass(frozen=True)
class _Sent:
    message_id: str | None
    #: The sent letter (PDF/A) or email (.eml) as a file.
    copy: str


def _send_one(mr: Mailroom, ack_id: int) -> _Sent:
    municipality = municipality_of(mr)
    with mr.sessions() as session:
        row = session.get_one(AckRow, ack_id)
        ack = _what_to_say(mr, row)
        channel, address, message_id = row.channel, row.address, row.message_id
        intake = row.document.intake
        reply = _reply_to(intake, row.recipient) if channel == Channel.email.value else None
    templates = Templates(mr.settings.acknowledgement_templates)
    if reply is not None:
        config = smtp_config(mr)
        message_id = message_id or _fix_message_id(mr, ack_id, municipality.email_from)
        message = render_email(ack, reply, municipality, templates, message_id=message_id)
        send(message, config)
        return _Sent(message_id, str(_keep_sent_email(mr, ack, message)))
    ack = _with_address(ack, address)
    pdf = render_pdf(ack, municipality, templates)
    return _Sent(None, str(_to_outbox(mr, ack, pdf)))


def municipality_of(mr: Mailroom) -> Municipality:
    """The sender of acknowledgements, from the settings; ConfigError until it is set."""
    s = mr.settings
    if not s.municipality_name:
        raise ConfigError("acknowledgements wait: set municipality_name")
    return Municipality(
        name=s.municipality_name,
        address=tuple(s.municipality_address),
        phone=s.municipality_phone,
        website=s.municipality_website,
        email_from=s.acknowledgement_from or "",
    )


def smtp_config(mr: Mailroom) -> SmtpConfig:
    """The mail server, from the settings; ConfigError until it is set."""
    s = mr.settings
    missing = [name for name in ("smtp_host", "acknowledgement_from") if not getattr(s, name)]
    if missing:
        raise ConfigError(f"email acknowledgements wait: set {', '.join(missing)}")
    return SmtpConfig(
        host=str(s.smtp_host),
        port=s.smtp_port,
        security=s.smtp_security,
        username=s.smtp_username,
        password=s.smtp_password,
        timeout=s.smtp_timeout,
    )


def _what_to_say(mr: Mailroom, row: AckRow) -> Acknowledgement:
    case, doc = row.case, row.document
    case_type = mr.catalogue.case_type(case.case_type)
    team = mr.catalogue.teams[case_type.team]
    rule = case_type.deadline
    intake = doc.intake
    return Acknowledgement(
        case_number=case.number,
        case_type=case.case_type,
        case_type_name=case_type.name,
        received=receipt_date(doc.received_at),
        due_date=case.due_date,
        # The letter names the term; an extension is a later decision, told separately.
        extended_due_date=None,
        # "Die termijn staat in de wet": not for a term the municipality chose itself.
        article=None if rule is None or rule.service_norm else rule.article,
        team_name=team.name,
        team_email=team.email,
        team_phone=team.phone,
        recipient_name=row.recipient if row.channel == Channel.paper.value else case.name,
        recipient_address=(),
        subject=intake.subject if intake is not None else None,
        sent_on=today(mr),
    )


def _with_address(ack: Acknowledgement, address: list[Any] | None) -> Acknowledgement:
    return Acknowledgement(
        **{**ack.__dict__, "recipient_address": tuple(str(line) for line in address or ())}
    )


def _reply_to(intake: IntakeItem | None, recipient: str | None) -> EmailReply:
    """The email being answered: its Message-ID and References from the stored message."""
    references = None
    if intake is not None and Path(intake.stored_path).is_file():
        with open(intake.stored_path, "rb") as f:
            headers = BytesHeaderParser().parse(f)
        references = headers.get("References")
    # Intake keeps the Message-ID without its angle brackets; a reply names it with them.
    message_id = f"<{intake.message_id}>" if intake is not None and intake.message_id else None
    return EmailReply(
        message_id=message_id,
        references=str(references) if references else None,
        from_address=recipient or "",
        subject=intake.subject if intake is not None else None,
    )


def _fix_message_id(mr: Mailroom, ack_id: int, email_from: str) -> str:
    """The reply's Message-ID, committed before the first send: a resend after a crash
    carries the same one, and mail programs show one message."""
    domain = parseaddr(email_from)[1].rpartition("@")[2] or "mailroom.invalid"
    message_id = make_msgid(domain=domain)
    with transaction(mr.sessions) as session:
        session.get_one(AckRow, ack_id).message_id = message_id
    return message_id


def _keep_sent_email(mr: Mailroom, ack: Acknowledgement, message: EmailMessage) -> Path:
    """The sent reply as a file beside the paper letters: for the zaak and the record."""
    path = mr.settings.ack_dir / ack.sent_on.isoformat() / "email" / f"{ack.case_number}.eml"
    _write(path, message.as_bytes())
    return path


def _to_outbox(mr: Mailroom, ack: Acknowledgement, pdf: bytes) -> Path:
    """Write the letter into the day's folder and rebuild that day's print file."""
    day_dir = mr.settings.ack_dir / ack.sent_on.isoformat()
    path = day_dir / f"{ack.case_number}.pdf"
    _write(path, pdf)
    print_day(mr, ack.sent_on)
    return path


def print_day(mr: Mailroom, day: date) -> Path | None:
    """The day's print file (every paper acknowledgement of ``day``, each starting on a
    new sheet), rebuilt from the day's letters; None when there are none."""
    day_dir = mr.settings.ack_dir / day.isoformat()
    letters = sorted(day_dir.glob("*.pdf")) if day_dir.is_dir() else []
    if not letters:
        return None
    target = mr.settings.ack_dir / f"print-{day.isoformat()}.pdf"
    _write(target, daily_print([p.read_bytes() for p in letters]))
    return target


def _write(path: Path, data: bytes) -> None:
    """Write to a temporary name beside ``path``, then rename: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sent(mr: Mailroom, ack_id: int, sent: _Sent) -> None:
    with transaction(mr.sessions) as session:
        row = session.get_one(AckRow, ack_id)
        row.state, row.sent_at, row.last_error = AckState.sent.value, mr.clock(), None
        row.message_id = sent.message_id or row.message_id
        row.copy_path = sent.copy
        new = {"channel": row.channel, "message_id": row.message_id, "copy": sent.copy}
        record(session, mr, "acknowledged", document=row.document, case=row.case, new=new)
    log.info("acknowledgement %s sent (%s)", ack_id, sent.message_id or sent.copy)


def _not_sent(mr: Mailroom, ack_id: int, error: MailroomError) -> AckState:
    """A send that failed: tried again later (the server away, settings missing), or
    failed for good (refused), with the reason."""
    retry = error.transient or isinstance(error, ConfigError)
    with transaction(mr.sessions) as session:
        row = session.get_one(AckRow, ack_id)
        row.last_error = error.message
        if retry:
            row.state = AckState.pending.value
            pause = min(MAX_PAUSE, timedelta(minutes=2 ** min(row.attempts - 1, 10)))
            row.next_attempt_at = mr.clock() + pause
        else:
            row.state = AckState.failed.value
            new = {"reason": error.message}
            record(session, mr, "acknowledgement_failed", case=row.case, new=new)
        state = AckState(row.state)
    log.warning("acknowledgement %s not sent (%s): %s", ack_id, state.value, error.message)
    return state


# --- filing in the zaaksysteem ------------------------------------------------------------------


def _file(mr: Mailroom, ack_id: int) -> None:
    """File a sent acknowledgement in its case's zaak as outgoing post, when a zaaksysteem
    is connected; one that is away now is filed by a later round (:func:`file_due`)."""
    if mr.settings.case_register != "zgw":
        return
    try:
        file_acknowledgement(mr, ack_id)
    except MailroomError as e:
        log.warning("acknowledgement %s: not filed yet: %s", ack_id, e.message)


def file_due(mr: Mailroom) -> int:
    """File sent acknowledgements not yet in their zaak; how many were filed."""
    if mr.settings.case_register != "zgw":
        return 0
    with mr.sessions() as session:
        ids = list(
            session.scalars(
                select(AckRow.id).where(
                    AckRow.state == AckState.sent.value, AckRow.filed_at.is_(None)
                )
            )
        )
    for ack_id in ids:
        _file(mr, ack_id)
    return len(ids)


# --- what the postroom sees ---------------------------------------------------------------------


@dataclass(frozen=True)
class AckView:
    """One acknowledgement as listed."""

    id: int
    case_number: str
    case_type: str
    channel: str
    state: str
    attempts: int
    created_at: datetime
    sent_at: datetime | None
    next_attempt_at: datetime | None
    last_error: str | None
    recipient: str | None
    copy_path: str | None
    filed: bool
    #: What keeps a pending one from going out (settings not given), if anything.
    blocked: str | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        data = dict(self.__dict__)
        for key in ("created_at", "sent_at", "next_attempt_at"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


def list_acknowledgements(mr: Mailroom, pending: bool = False, limit: int = 200) -> list[AckView]:
    """Acknowledgements, newest first; with ``pending`` only those not sent yet (waiting,
    or failed for good and waiting for a person)."""
    stmt = select(AckRow).order_by(AckRow.id.desc()).limit(limit)
    if pending:
        stmt = stmt.where(AckRow.state != AckState.sent.value)
    blocked = {channel.value: not_ready(mr, channel.value) for channel in Channel}
    with mr.sessions() as session:
        return [_view(row, blocked) for row in session.scalars(stmt)]


def _view(row: AckRow, blocked: dict[str, str | None]) -> AckView:
    return AckView(
        id=row.id,
        case_number=row.case.number,
        case_type=row.case.case_type,
        channel=row.channel,
        state=row.state,
        attempts=row.attempts,
        created_at=as_utc(row.created_at),
        sent_at=as_utc(row.sent_at),
        next_attempt_at=as_utc(row.next_attempt_at),
        last_error=row.last_error,
        recipient=row.recipient,
        copy_path=row.copy_path,
        filed=row.filed_at is not None,
        blocked=blocked.get(row.channel) if row.state == AckState.pending.value else None,
    )


def unsent_by_channel(mr: Mailroom) -> dict[tuple[str, str], int]:
    """Acknowledgements not sent, counted by (channel, state): for ``status``."""
    with mr.sessions() as session:
        rows = session.execute(
            select(AckRow.channel, AckRow.state, func.count(AckRow.id))
            .where(AckRow.state != AckState.sent.value)
            .group_by(AckRow.channel, AckRow.state)
        ).all()
    return {(channel, state): int(n) for channel, state, n in rows}


def acknowledge_document(mr: Mailroom, document_id: int) -> None:
    """Send, now, the acknowledgement a just-routed document's case is owed (if any); a
    send that fails waits for the next round, and the document's work is done either way."""
    now = mr.clock()
    with mr.sessions() as session:
        ack_id = session.scalar(
            select(AckRow.id).where(
                AckRow.document_id == document_id,
                AckRow.state == AckState.pending.value,
                or_(AckRow.next_attempt_at.is_(None), AckRow.next_attempt_at <= now),
            )
        )
    if ack_id is not None:
        _send_claimed(mr, ack_id)
