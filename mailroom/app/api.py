"""The library API: what the CLI, the daemon and the tests call.

Every function takes a :class:`~mailroom.app.context.Mailroom` (or settings, for
:func:`init`) and returns typed records; nothing here prints.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mailroom.app import model_versions as versions
from mailroom.app import pipeline, processes
from mailroom.app.context import Mailroom, utc_now
from mailroom.app.pipeline import DocumentResult
from mailroom.app.receive import take_file
from mailroom.app.work import queue_documents
from mailroom.classifiers.model import ProgressFn
from mailroom.core.config.catalogue import load_catalogue
from mailroom.core.config.settings import Settings
from mailroom.core.db.models import (
    Document,
    Event,
    IntakeItem,
    ModelVersion,
    Page,
    as_utc,
)
from mailroom.core.db.session import check_schema, make_engine, session_factory, upgrade
from mailroom.core.errors import InputRejected, NotFound
from mailroom.core.records import Classification
from mailroom.intake.detect import EXTENSIONS
from mailroom.intake.limits import IntakeLimits
from mailroom.intake.sources import expand_paths, read_input
from mailroom.intake.store import ContentStore
from mailroom.ocr.engine import OcrEngine, OcrmypdfEngine, OcrOptions
from mailroom.ocr.stage import OcrInput, run_ocr
from mailroom.routing.broker import Broker, Publisher
from mailroom.routing.topology import build_topology

log = logging.getLogger(__name__)


def iso(moment: datetime | None) -> str | None:
    """A stored time in ISO 8601, in UTC with its offset, the same on every database."""
    utc = as_utc(moment)
    return utc.isoformat() if utc else None


def open_mailroom(
    settings: Settings,
    *,
    ocr_engine: OcrEngine | None = None,
    publisher: Publisher | None = None,
    clock: Callable[[], datetime] = utc_now,
    check: bool = True,
) -> Mailroom:
    """Build the running installation from settings; fails if ``init`` was never run."""
    catalogue = load_catalogue(settings.catalogue_file)
    engine = make_engine(settings.db_url)
    if check:
        check_schema(engine)
    broker = Broker(settings.broker, build_topology(catalogue, settings.queue_prefix))
    options = OcrOptions(
        languages=tuple(settings.ocr_languages.split("+")),
        jobs=settings.ocr_job_count,
        page_timeout=settings.ocr_page_timeout,
        document_timeout=settings.ocr_document_timeout,
        clean=settings.ocr_clean,
        blank_ink=settings.blank_page_ink,
        log_file=settings.log_path,
    )
    return Mailroom(
        settings=settings,
        catalogue=catalogue,
        engine=engine,
        sessions=session_factory(engine),
        store=ContentStore(settings.store_dir),
        ocr_engine=ocr_engine or OcrmypdfEngine(options),
        broker=broker,
        publisher=publisher or broker,
        clock=clock,
    )


@dataclass(frozen=True)
class InitReport:
    """What ``init`` did."""

    home: Path
    database: str
    broker: str
    model_version: str | None
    model_trained: bool


def init(
    settings: Settings,
    by: str = "mailroom init",
    progress: ProgressFn | None = None,
    train: bool = True,
) -> InitReport:
    """Create or upgrade the data directory, database and queues; train a model if none."""
    for folder in (
        settings.home,
        settings.store_dir,
        settings.models_dir,
        settings.scanner_inbox,
        settings.email_inbox,
        settings.quarantine_dir,
    ):
        folder.mkdir(parents=True, exist_ok=True)
    mr = open_mailroom(settings, check=False)
    try:
        upgrade(mr.engine)
        mr.broker.declare()
        with mr.sessions() as session:
            active = session.scalars(
                select(ModelVersion).where(ModelVersion.active.is_(True))
            ).first()
        trained = active is None and train
        if active is not None:
            version: str | None = active.version
        else:
            version = versions.train_and_activate(mr, by, progress).version if train else None
        return InitReport(
            settings.home,
            mr.engine.url.render_as_string(hide_password=True),
            mr.broker.topology.exchange.name,
            version,
            trained,
        )
    finally:
        mr.close()


@dataclass(frozen=True)
class IngestProgress:
    """How far an ``ingest`` run is: files taken in, documents finished."""

    files: int
    files_taken: int
    documents: int
    documents_done: int


def share_cores(
    settings: Settings, workers: int | None, at_most: int | None = None
) -> tuple[int, Settings]:
    """How many worker processes to run on this machine and the settings for each.

    ``workers`` is what the user asked for; None means the setting
    ``watch_workers``, else one per core. ``at_most`` caps it (no more processes
    than there is work for). The settings share the cores out among the
    workers' OCR jobs unless ``ocr_jobs`` is set.
    """
    count = workers or settings.worker_count
    if at_most is not None:
        count = max(1, min(count, at_most))
    return count, settings.for_workers(count)


def ingest(
    mr: Mailroom,
    paths: Iterable[Path],
    on_result: Callable[[DocumentResult], None] | None = None,
    queue: bool = False,
    workers: int | None = 1,
    on_progress: Callable[[IngestProgress], None] | None = None,
) -> list[DocumentResult]:
    """Run the whole pipeline now on files and folders; one result per document, in the
    order of the files (and of the documents inside each).

    With ``workers`` > 1 the documents run in that many worker processes while
    this one takes the files in; results still arrive in order (None: the
    setting ``watch_workers``, else one per core; see :func:`share_cores`). With
    ``queue`` the files are only taken in (stored, committed) and their documents
    handed to ``mailroom worker`` processes through the broker.
    """
    files = expand_paths(paths)
    run = _Run(len(files), on_result, on_progress)
    count, settings = share_cores(mr.settings, workers, at_most=len(files))
    if queue:
        for path in files:
            ids = run.taken(take_file(mr, path).document_ids)
            queue_documents(mr, list(ids))
            run.finished([_result(mr, i) for i in ids])
    elif count <= 1:
        # One file: its documents one after another, each with every core on its pages.
        for path in files:
            ids = run.taken(take_file(mr, path).document_ids)
            run.finished([pipeline.process(mr, i) for i in ids])
    else:
        _ingest_in_parallel(mr, settings, files, count, run)
    return run.results


def _ingest_in_parallel(
    mr: Mailroom, settings: Settings, files: list[Path], workers: int, run: _Run
) -> None:
    order: list[int] = []  # documents in the order their results are reported
    futures: dict[int, Future[DocumentResult]] = {}
    left = list(files)
    # The terminal is the user's: worker processes only warn there.
    pool = processes.new_pool(open_mailroom, settings, workers, logging.WARNING)
    try:
        while left:
            for document_id in run.taken(take_file(mr, left.pop(0)).document_ids):
                order.append(document_id)
                futures[document_id] = pool.submit(processes.process_document, document_id)
            run.finished_in_order(order, futures, wait=False)
        run.finished_in_order(order, futures, wait=True)
    except BrokenProcessPool:
        # A worker died (out of memory, killed): finish here what is left, where a
        # document that kills its process ends as failed rather than lost.
        log.error("a worker process died; finishing the remaining documents in this process")
        run.finished([pipeline.process(mr, i) for i in order[len(run.results) :]])
        for path in left:
            run.finished(
                [pipeline.process(mr, i) for i in run.taken(take_file(mr, path).document_ids)]
            )
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _Run:
    """Results and progress of one ``ingest`` run."""

    def __init__(
        self,
        files: int,
        on_result: Callable[[DocumentResult], None] | None,
        on_progress: Callable[[IngestProgress], None] | None,
    ) -> None:
        self.results: list[DocumentResult] = []
        self.on_result = on_result
        self.on_progress = on_progress
        self.progress = IngestProgress(files, 0, 0, 0)

    def _report(self, **changes: int) -> None:
        self.progress = replace(self.progress, **changes)
        if self.on_progress:
            self.on_progress(self.progress)

    def taken(self, document_ids: tuple[int, ...]) -> tuple[int, ...]:
        p = self.progress
        self._report(files_taken=p.files_taken + 1, documents=p.documents + len(document_ids))
        return document_ids

    def finished(self, results: list[DocumentResult]) -> None:
        for result in results:
            self.results.append(result)
            if self.on_result:
                self.on_result(result)
            self._report(documents_done=self.progress.documents_done + 1)

    def finished_in_order(
        self, order: list[int], futures: dict[int, Future[DocumentResult]], wait: bool
    ) -> None:
        """Report the documents of ``order`` not reported yet, in order, as far as they are
        finished (all of them, with ``wait``)."""
        for document_id in order[len(self.results) :]:
            future = futures[document_id]
            if not (wait or future.done()):
                return
            self.finished([future.result()])


def _result(mr: Mailroom, document_id: int) -> DocumentResult:
    return DocumentResult.of(_document(mr, document_id))


def _document(mr: Mailroom, document_id: int) -> Document:
    with mr.sessions() as session:
        doc = session.get(Document, document_id, options=[selectinload(Document.case)])
        if doc is None:
            raise NotFound(f"document {document_id} does not exist")
        return doc


@dataclass(frozen=True)
class DocumentView:
    """A document with everything known about it, for ``documents show``."""

    result: DocumentResult
    channel: str
    media_type: str
    sha256: str
    received_at: datetime
    original: str
    archive: str | None
    scores: dict[str, float]
    history: list[dict[str, Any]]
    #: Per page: number, OCR confidence (None when not OCR'd) and characters of text.
    pages: list[dict[str, Any]]
    #: The other documents of the same email or batch scan (a letter's enclosures).
    siblings: list[dict[str, Any]]
    email: dict[str, Any] | None
    #: How sure the case match is.
    case_score: float | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            **self.result.to_json(),
            "case_score": self.case_score,
            "channel": self.channel,
            "media_type": self.media_type,
            "sha256": self.sha256,
            "received_at": iso(self.received_at),
            "original": self.original,
            "archive": self.archive,
            "scores": self.scores,
            "history": self.history,
            "pages_detail": self.pages,
            "siblings": self.siblings,
            "email": self.email,
        }


def show_document(mr: Mailroom, document_id: int) -> DocumentView:
    """Everything known about one document, with its history."""
    doc = _document(mr, document_id)
    with mr.sessions() as session:
        events = session.scalars(
            select(Event).where(Event.document_id == document_id).order_by(Event.id)
        ).all()
        pages = [
            {"number": p.number, "confidence": p.confidence, "chars": len(p.text)}
            for p in session.scalars(select(Page).where(Page.document_id == document_id))
        ]
        item = session.get(IntakeItem, doc.intake_id) if doc.intake_id else None
        siblings = (
            [
                {"id": d.id, "part": d.part, "state": d.state}
                for d in session.scalars(
                    select(Document)
                    .where(Document.intake_id == doc.intake_id, Document.id != document_id)
                    .order_by(Document.id)
                )
            ]
            if item
            else []
        )
        email = None
        if item is not None and item.message_id:
            email = {
                "from": item.sender,
                "to": item.recipient,
                "subject": item.subject,
                "date": iso(item.sent_at),
                "message_id": item.message_id,
            }
    history = [
        {"at": iso(e.at), "actor": e.actor, "action": e.action, "new": e.new} for e in events
    ]
    top = dict(sorted((doc.scores or {}).items(), key=lambda kv: kv[1], reverse=True)[:3])
    return DocumentView(
        DocumentResult.of(doc),
        doc.channel,
        doc.media_type,
        doc.sha256,
        doc.received_at,
        doc.original_path,
        doc.archive_path,
        top,
        history,
        pages,
        siblings,
        email,
        doc.case_score,
    )


def document_text(mr: Mailroom, document_id: int) -> str:
    """The text of a document (OCR'd, or as received)."""
    doc = _document(mr, document_id)
    if doc.text is None:
        raise NotFound(f"document {document_id} has no text yet (state {doc.state})")
    return doc.text


@dataclass(frozen=True)
class ClassifyReport:
    """The verdict on one input with its best-scoring case types (``mailroom classify``)."""

    case_type: str
    confidence: float
    #: The top case types, best first.
    scores: dict[str, float]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"case_type": self.case_type, "confidence": self.confidence, "scores": self.scores}


def classify_top(mr: Mailroom, file_or_text: str, top: int = 5) -> ClassifyReport:
    """Classify a file or a text (see :func:`classify_input`) and keep the ``top`` scores."""
    verdict = classify_input(mr, file_or_text)
    best = sorted(verdict.scores.items(), key=lambda kv: kv[1], reverse=True)[:top]
    return ClassifyReport(verdict.case_type, verdict.confidence, dict(best))


def classify_input(mr: Mailroom, file_or_text: str) -> Classification:
    """Classify a file (its text, OCR'd when it is a scan) or a text given as is."""
    path = Path(file_or_text)
    if not path.is_file():
        return mr.classifier().classify(file_or_text)
    contents = read_input(path, path.read_bytes(), IntakeLimits.from_settings(mr.settings))
    texts = []
    with tempfile.TemporaryDirectory() as tmp:
        for number, part in enumerate(contents.parts):
            if part.problem:
                raise InputRejected(part.problem)
            original = Path(tmp) / f"{number}{EXTENSIONS.get(part.media_type, '.bin')}"
            original.write_bytes(part.data)
            texts.append(
                run_ocr(OcrInput(number, original, part.media_type), mr.ocr_engine, Path(tmp)).text
            )
    return mr.classifier().classify("\n".join(texts))
