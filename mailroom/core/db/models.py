"""SQLAlchemy 2.0 models: documents, cases, the audit log and model versions.

The schema is owned by the Alembic migrations in ``migrations/``; these
classes must stay in step with them (a test compares the two).
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any, ClassVar, overload

from sqlalchemy import (
    JSON,
    ColumnElement,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    and_,
    or_,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    """Timezone-aware now, the one clock of the database layer."""
    return datetime.now(UTC)


@overload
def as_utc(moment: datetime) -> datetime: ...
@overload
def as_utc(moment: None) -> None: ...
@overload
def as_utc(moment: datetime | None) -> datetime | None: ...
def as_utc(moment: datetime | None) -> datetime | None:
    """A stored time as an aware UTC datetime.

    Times are stored in UTC; SQLite hands them back without a zone, PostgreSQL with one.
    """
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base of mailroom's tables."""

    # Named constraints, so migrations can drop and alter them on every database.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )

    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
        datetime: DateTime(timezone=True),
    }


class DocState(enum.StrEnum):
    """Where a document is in the pipeline. Each transition is one transaction."""

    received = "received"
    ocr_done = "ocr_done"
    classified = "classified"
    routed = "routed"
    needs_review = "needs_review"
    quarantined = "quarantined"
    failed = "failed"
    #: The same content was received before; see ``duplicate_of``.
    duplicate = "duplicate"
    #: Taken out of quarantine by a person, on purpose; the original stays in the store.
    discarded = "discarded"


#: States in which nothing more happens without a person.
FINAL_STATES = frozenset(
    {
        DocState.routed,
        DocState.needs_review,
        DocState.quarantined,
        DocState.failed,
        DocState.duplicate,
        DocState.discarded,
    }
)


class CaseStatus(enum.StrEnum):
    """Whether a case is still being worked on."""

    open = "open"
    closed = "closed"


class Case(Base):
    """A case (zaak): one request, of one case type, handled by one team."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    case_type: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=CaseStatus.open.value)
    bsn: Mapped[str | None] = mapped_column(String(9), index=True)
    kvk: Mapped[str | None] = mapped_column(String(8), index=True)
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    postcode: Mapped[str | None] = mapped_column(String(6))
    house_number: Mapped[str | None] = mapped_column(String(16))
    name: Mapped[str | None] = mapped_column(String(200))
    #: The first part of the name's surname as matching compares it ("vries" for
    #: "H. de Vries-Bakker"): follow-ups giving a street without postcode find the case
    #: by it and the house number (see ``mailroom.cases.names.surname_key``).
    surname: Mapped[str | None] = mapped_column(String(100))
    #: The other part of a double surname ("bakker"), which people sign with as often.
    other_surname: Mapped[str | None] = mapped_column(String(100))
    subject: Mapped[str | None] = mapped_column(Text)
    #: For invoice cases: the invoice number that reminders and credit notes cite.
    invoice_number: Mapped[str | None] = mapped_column(String(64), index=True)
    #: The number of the case this one is about (a bezwaar against a decision in it, say).
    related_to: Mapped[str | None] = mapped_column(String(64))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    #: The zaak in the zaaksysteem this case is (with ``case_register = "zgw"``).
    zaak_url: Mapped[str | None] = mapped_column(Text)
    #: The idempotency key of the zaak made for this case (its ``kenmerk``): set before the
    #: zaak is made, so filing after a crash finds that zaak instead of making another.
    zaak_key: Mapped[str | None] = mapped_column(String(40))
    #: When the case must be decided (the legal or service term of its case type from the
    #: receipt date, by the Algemene termijnenwet); with a zaaksysteem, the zaak's
    #: ``uiterlijkeEinddatumAfdoening``. The extended date when the term may be extended.
    due_date: Mapped[date | None] = mapped_column(index=True)
    extended_due_date: Mapped[date | None]
    #: Where the term comes from ("Awb 7:10", or the municipality's own service norm).
    due_rule: Mapped[str | None] = mapped_column(String(64))
    #: An ingebrekestelling was received: the day from which the penalty for a late
    #: decision runs (Awb 4:17). The case is urgent.
    penalty_from: Mapped[date | None]

    documents: Mapped[list[Document]] = relationship(back_populates="case")

    __table_args__ = (
        Index("ix_cases_postcode_house", "postcode", "house_number"),
        Index("ix_cases_surname_house", "surname", "house_number"),
        Index("ix_cases_surname_type", "surname", "case_type", "status"),
        Index("ix_cases_other_surname_type", "other_surname", "case_type", "status"),
        Index("ix_cases_other_surname_house", "other_surname", "house_number"),
    )


class CaseWord(Base):
    """A word of an organisation's name that says which it is, or the name's
    abbreviation ("sebastianus", "sjinveld" and "ssss" of Schutterij Sint-Sebastianus
    Sjinveld; see ``mailroom.cases.names.indexed_words``): letters name a club or firm by
    any of them ("Sebastianus Sjinveld", "St.-Cecilia", "RKVVS"), and matching finds its
    cases by them. A house the case's subject names is kept as "@kruisveld 40"."""

    __tablename__ = "case_words"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    word: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)


class Address(Base):
    """An address of the municipality's BAG extract (``mailroom addresses import``): which
    postcode a street and house number written without one have. Replaced whole by each
    import."""

    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The street as the BAG names it ("Burgemeester de Withstraat").
    street: Mapped[str] = mapped_column(String(200))
    #: The street's plain words run together, and its last word (see mailroom.cases.bag).
    street_key: Mapped[str] = mapped_column(String(100))
    end_key: Mapped[str] = mapped_column(String(100))
    #: As the case register writes it: "12", "12A", "3-2".
    house_number: Mapped[str] = mapped_column(String(20))
    postcode: Mapped[str] = mapped_column(String(6))
    place: Mapped[str | None] = mapped_column(String(100))

    __table_args__ = (
        Index("ix_addresses_street_house", "street_key", "house_number"),
        Index("ix_addresses_end_house", "end_key", "house_number"),
    )


class TradeName(Base):
    """A trade name of an establishment in the municipality's Handelsregister extract
    (``mailroom trade-names import``): which KvK number a name a letter is signed with
    belongs to. One row per key the name is found by; replaced whole by each import."""

    __tablename__ = "trade_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    kvk: Mapped[str] = mapped_column(String(8))
    #: The name as the register writes it ("Café 't Veerhuis").
    name: Mapped[str] = mapped_column(String(200))
    #: Its words without legal form and kind, run together (see mailroom.cases.kvk).
    key: Mapped[str] = mapped_column(String(100))
    postcode: Mapped[str | None] = mapped_column(String(6))
    house_number: Mapped[str | None] = mapped_column(String(20))
    place: Mapped[str | None] = mapped_column(String(100))

    __table_args__ = (Index("ix_trade_names_key", "key"),)


class IntakeItem(Base):
    """One input file as it arrived (a scan, a batch, an email) and what was taken from it.

    The documents of one email, or of one batch scan, share an intake item, so a
    team sees a letter together with its enclosures.
    """

    __tablename__ = "intake_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    input_path: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    stored_path: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    #: When the input file left the watch folder (moved or deleted); None while it is there.
    disposed_at: Mapped[datetime | None]
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("intake_items.id"))
    error: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(998), index=True)
    sender: Mapped[str | None] = mapped_column(Text)
    recipient: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]

    documents: Mapped[list[Document]] = relationship(back_populates="intake")


class Document(Base):
    """One letter, attachment or email body, and everything mailroom found out about it."""

    __tablename__ = "documents"
    __table_args__ = (
        # A work list: one team's placed documents not yet done, oldest first, read from
        # the index alone (a team's done documents are most of its rows).
        Index("ix_documents_work_list", "team", "state", "done_at", "received_at"),
        Index("ix_documents_state_list", "state", "done_at", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int | None] = mapped_column(ForeignKey("intake_items.id"), index=True)
    source_file: Mapped[str] = mapped_column(Text)
    part: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    media_type: Mapped[str] = mapped_column(String(100))
    original_path: Mapped[str] = mapped_column(Text)
    archive_path: Mapped[str | None] = mapped_column(Text)
    archive_format: Mapped[str | None] = mapped_column(String(16))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(16), default=DocState.received.value, index=True)
    page_count: Mapped[int | None]
    text: Mapped[str | None] = mapped_column(Text)
    ocr_confidence: Mapped[float | None]
    case_type: Mapped[str | None] = mapped_column(String(64))
    confidence: Mapped[float | None]
    scores: Mapped[dict[str, Any] | None]
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    case_match: Mapped[str | None] = mapped_column(String(16))
    #: How sure the case match is (1.0: a cleanly cited case number).
    case_score: Mapped[float | None]
    team: Mapped[str | None] = mapped_column(String(64), index=True)
    reasons: Mapped[list[Any] | None]
    error: Mapped[str | None] = mapped_column(Text)
    #: The stage that failed or quarantined it: ``intake``, ``ocr``, ``classify``, ``route``.
    failed_stage: Mapped[str | None] = mapped_column(String(16))
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    #: When the routed message was handed to the broker; None until then (an outbox).
    published_at: Mapped[datetime | None]
    #: How often a worker started on it; past ``work_max_attempts`` it is dead-lettered.
    attempts: Mapped[int] = mapped_column(default=0)
    #: Who took it from their team's queue (``queue take``), and when.
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[datetime | None]
    #: Who finished it (``queue done``), and when.
    done_by: Mapped[str | None] = mapped_column(String(100))
    done_at: Mapped[datetime | None]
    #: When it was filed in the zaaksysteem (an outbox, like ``published_at``), and as what.
    filed_at: Mapped[datetime | None]
    zaak_document_url: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    case: Mapped[Case | None] = relationship(back_populates="documents")
    intake: Mapped[IntakeItem | None] = relationship(back_populates="documents")
    pages: Mapped[list[Page]] = relationship(order_by="Page.number", cascade="all, delete-orphan")


class Page(Base):
    """The text of one page of a document, in reading order, and OCR's confidence in it."""

    __tablename__ = "pages"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True)  # 1-based
    text: Mapped[str] = mapped_column(Text)
    #: Mean Tesseract word confidence, 0..1; None for text that was not OCR'd.
    confidence: Mapped[float | None]


class Event(Base):
    """The audit log: who did what, when, with old and new values."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(64))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    old: Mapped[dict[str, Any] | None]
    new: Mapped[dict[str, Any] | None]

    document: Mapped[Document | None] = relationship()
    case: Mapped[Case | None] = relationship()


class AckState(enum.StrEnum):
    """Where an acknowledgement of receipt is: an outbox row, sent once."""

    pending = "pending"
    sending = "sending"
    sent = "sent"
    failed = "failed"


class Acknowledgement(Base):
    """The acknowledgement of receipt a case is owed: at most one per case, sent by email
    (a reply to the email that came in) or on paper (a PDF/A letter for the postroom)."""

    __tablename__ = "acknowledgements"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    #: The letter being acknowledged.
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    channel: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(16), default=AckState.pending.value, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    claimed_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    #: The Message-ID of the reply, fixed when the row is made: a resend after a crash
    #: carries the same one, so the recipient's mail program shows it once.
    message_id: Mapped[str | None] = mapped_column(String(998))
    #: Where it goes: the email address, or the name and address lines of the letter.
    recipient: Mapped[str | None] = mapped_column(Text)
    address: Mapped[list[Any] | None]
    #: What was sent, as a file in the acknowledgements folder: the letter (PDF/A) or
    #: the email (.eml).
    copy_path: Mapped[str | None] = mapped_column(Text)
    #: When it was filed in the zaaksysteem as an outgoing document, and as what.
    filed_at: Mapped[datetime | None]
    zaak_document_url: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship()
    document: Mapped[Document] = relationship()


class ModelVersion(Base):
    """A trained classifier; exactly one is active."""

    __tablename__ = "model_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    trained_by: Mapped[str] = mapped_column(String(100))
    path: Mapped[str] = mapped_column(Text)
    threshold: Mapped[float]
    metrics: Mapped[dict[str, Any] | None]
    active: Mapped[bool] = mapped_column(default=False)


class TrainingExample(Base):
    """A labelled text kept for training: what an employee's correction taught.

    The text is a copy, so the example outlives changes to the document.
    """

    __tablename__ = "training_examples"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    label: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(32), default="correction")
    created_by: Mapped[str] = mapped_column(String(100))


class Counter(Base):
    """Named counters (case numbers per year), incremented atomically under concurrency."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


class User(Base):
    """A person who works in the web workspace: a role and the teams whose post they see.

    Only an argon2 hash of the password is kept. A disabled user cannot log in; the
    row stays, because the audit trail names people.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    teams: Mapped[list[Any]] = mapped_column(default=list)
    password_hash: Mapped[str] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class LoginFailure(Base):
    """Failed logins per name (also names nobody has), for throttling guessing."""

    __tablename__ = "login_failures"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    last_at: Mapped[datetime] = mapped_column(default=utcnow)


class MailboxState(Base):
    """What the watch daemon last knew of a mailbox it reads: reachable or not, since
    when, and why not; ``mailroom status`` shows it."""

    __tablename__ = "mailbox_state"

    #: The mailbox as people name it: ``imaps://host/INBOX`` (never a user or secret).
    mailbox: Mapped[str] = mapped_column(String(300), primary_key=True)
    reachable: Mapped[bool]
    #: When the present state (reachable or not) began.
    since: Mapped[datetime]
    checked_at: Mapped[datetime]
    #: Why it is unreachable (``connection refused``, ``login refused ...``).
    error: Mapped[str | None] = mapped_column(Text)
    #: ``idle`` (the server tells of new mail) or ``polling``.
    mode: Mapped[str | None] = mapped_column(String(16))
    last_taken_at: Mapped[datetime | None]
    #: Messages in the folder whose intake kept failing: left there for a person.
    stuck: Mapped[int] = mapped_column(default=0)


#: States in which a document has a team's or the review queue's place; its message to
#: that queue is sent after the commit (``published_at`` records it was).
PLACED_STATES = frozenset({DocState.routed, DocState.needs_review})


def awaiting_publish(state: str, published_at: datetime | None) -> bool:
    """Whether a document is placed in a queue but its message has not been sent yet
    (the broker was away): its work is not finished."""
    return state in PLACED_STATES and published_at is None


def unfinished(filing: bool = False) -> ColumnElement[bool]:
    """The documents whose work is not done: a stage still to run, or placed in a queue
    with the message still to send; with ``filing`` (a zaaksysteem connected) also routed
    ones not yet filed there. The one definition the daemon, the workers and the
    postroom's counts share."""
    conditions = [
        Document.state.not_in([s.value for s in FINAL_STATES]),
        and_(
            Document.state.in_([s.value for s in PLACED_STATES]),
            Document.published_at.is_(None),
        ),
    ]
    if filing:
        conditions.append(
            and_(
                Document.state == DocState.routed.value,
                Document.filed_at.is_(None),
                Document.case_id.is_not(None),
            )
        )
    return or_(*conditions)


def described_by_models(name: str | None, type_: str, parent_names: object) -> bool:
    """Whether Alembic should compare a database object with the models: not the search
    index that migration 0010 made and triggers keep (SQLite's ``documents_fts`` tables,
    PostgreSQL's ``documents.search`` column and its index).

    On SQLite a later migration that recreates ``documents`` in batch mode drops its
    triggers: such a migration must create the search triggers again.
    """
    return not (name is not None and (name.startswith("documents_fts") or name in _SEARCH))


_SEARCH = frozenset({"search", "ix_documents_search"})
