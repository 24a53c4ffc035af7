"""Worker processes on this machine that run documents through the pipeline.

``mailroom watch`` and ``mailroom ingest`` both keep one process per core busy:
documents in parallel beat pages in parallel for post, because turning,
straightening and writing PDF/A are per document (see benchmarks/ocr.py). Each
process opens its own installation once (database, OCR child, classifier) and
keeps it for every document it is given.
"""

from __future__ import annotations

import logging
import multiprocessing.util
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mailroom.app import acknowledgements, pipeline
from mailroom.app.context import Mailroom
from mailroom.app.pipeline import DocumentResult
from mailroom.app.receive import take_file
from mailroom.app.work import queue_documents
from mailroom.core.children import die_with_parent, process_context
from mailroom.core.config.settings import Settings
from mailroom.core.logs import FORMAT, configure_logging

#: How a worker process builds its installation (``mailroom.app.api.open_mailroom``).
Opener = Callable[[Settings], Mailroom]


_worker_mailroom: Mailroom | None = None


def start_worker_process(
    opener: Opener, settings: Settings, log_level: int = logging.INFO, fmt: str | None = None
) -> Mailroom:
    """Set up a freshly started worker process (watch, ingest or ``mailroom worker``): die
    with the parent, log to the installation's log file, open the installation once."""
    die_with_parent()
    configure_logging(log_level, settings.log_path, fmt=fmt or FORMAT)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return opener(settings)


def _init(opener: Opener, settings: Settings, log_level: int) -> None:
    global _worker_mailroom
    # The parent decides when to stop; a worker finishes what it holds.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _worker_mailroom = start_worker_process(opener, settings, log_level)
    # Runs before multiprocessing joins this worker's children at exit; without it
    # the worker would wait forever for its idle OCR child process.
    multiprocessing.util.Finalize(None, _worker_mailroom.close, exitpriority=10)


def new_pool(
    opener: Opener, settings: Settings, workers: int, log_level: int = logging.INFO
) -> ProcessPoolExecutor:
    """``workers`` processes, each with its installation opened by ``opener``."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=process_context(),
        initializer=_init,
        initargs=(opener, settings, log_level),
    )


def _mailroom() -> Mailroom:
    assert _worker_mailroom is not None, "worker not initialised"
    return _worker_mailroom


def work_on_file(path: str, dispose: bool = True) -> list[DocumentResult]:
    """Worker task: take one input file in and run its documents through the pipeline."""
    mr = _mailroom()
    taken = take_file(mr, Path(path), dispose=dispose)
    if mr.settings.pipeline == "queue":
        # `mailroom worker` processes on any machine do the stages.
        queue_documents(mr, list(taken.document_ids))
        return []
    return [pipeline.process(mr, doc_id) for doc_id in taken.document_ids]


def work_on_document(document_id: int) -> list[DocumentResult]:
    """Worker task: run one document's remaining stages (taken in already)."""
    mr = _mailroom()
    if mr.settings.pipeline == "queue":
        queue_documents(mr, [document_id])
        return []
    return [pipeline.process(mr, document_id)]


def send_acknowledgements() -> list[DocumentResult]:
    """Worker task of the daemon's rounds: send the acknowledgements that are due."""
    acknowledgements.send_round(_mailroom())
    return []


def process_document(document_id: int) -> DocumentResult:
    """Worker task for ``ingest``: run one document's stages here, whatever ``pipeline`` says."""
    return pipeline.process(_mailroom(), document_id)
