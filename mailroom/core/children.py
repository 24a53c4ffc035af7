"""Child processes that die with their parent, so a killed daemon or worker leaves no orphans."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from multiprocessing.context import ForkContext, SpawnContext

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        parent = multiprocessing.parent_process()
        if parent is not None and os.getppid() != parent.pid:
            os._exit(1)  # the parent died before the request was made


def process_context() -> ForkContext | SpawnContext:
    """How to start a child process from here: forked where that is safe (on Linux, from a
    process with no other thread), else spawned.

    A forked child has every module its parent imported; a spawned one imports them again,
    about 4 s of CPU for a worker and 2 s for an OCR child, paid before its first page
    (benchmarks/ocr.py). Forking a process that runs threads can copy a lock held by
    one of them, so a process with threads spawns.
    """
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")
