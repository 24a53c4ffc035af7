"""Watching folders: which files are there, and which have finished being written.

The watcher only detects and hands over; it does not read files. Events come
from watchdog (inotify), or from polling where events do not arrive (network
shares); a periodic full rescan catches whatever an event missed. A file is
handed over once its size and mtime have not changed for ``stable_seconds``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from mailroom.intake.sources import is_temporary

Clock = Callable[[], float]


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    since: float


class StableFiles:
    """Decides when a file is completely written: unchanged for ``stable_seconds``.

    The clock is handed in, so tests step time instead of sleeping.
    """

    def __init__(self, stable_seconds: float, clock: Clock) -> None:
        self.stable_seconds = stable_seconds
        self.clock = clock
        self._seen: dict[Path, _Seen] = {}

    def observe(self, path: Path, size: int, mtime_ns: int) -> None:
        """Record what a file looks like now; a change restarts its wait."""
        seen = self._seen.get(path)
        if seen is None or (seen.size, seen.mtime_ns) != (size, mtime_ns):
            self._seen[path] = _Seen(size, mtime_ns, self.clock())

    def forget(self, path: Path) -> None:
        """Stop tracking a file (taken, or gone)."""
        self._seen.pop(path, None)

    def ready(self) -> list[Path]:
        """Files that have been stable long enough, oldest first."""
        now = self.clock()
        done = [(s.since, p) for p, s in self._seen.items() if now - s.since >= self.stable_seconds]
        return [p for _, p in sorted(done)]


class _Handler(FileSystemEventHandler):
    def __init__(self, sink: Callable[[Path], None]) -> None:
        self.sink = sink

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        target = getattr(event, "dest_path", "") or event.src_path
        self.sink(Path(str(target)))


class FolderWatcher:
    """Collects candidate files from events and rescans of some folders."""

    def __init__(self, folders: Iterable[Path], polling: bool = False) -> None:
        self.folders = [Path(f) for f in folders]
        self.polling = polling
        self._pending: set[Path] = set()
        self._lock = threading.Lock()
        self._observer: BaseObserver | None = None

    def _add(self, path: Path) -> None:
        with self._lock:
            self._pending.add(path)

    def start(self) -> None:
        """Start receiving events (inotify, else polling)."""
        for folder in self.folders:
            folder.mkdir(parents=True, exist_ok=True)
        try:
            self._observer = self._make_observer(PollingObserver if self.polling else Observer)
        except OSError:
            # inotify limits reached, or a file system without events: poll instead.
            self._observer = self._make_observer(PollingObserver)

    def _make_observer(self, kind: Callable[[], BaseObserver]) -> BaseObserver:
        observer = kind()
        handler = _Handler(self._add)
        for folder in self.folders:
            observer.schedule(handler, str(folder), recursive=True)
        observer.start()
        return observer

    def stop(self) -> None:
        """Stop receiving events."""
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None

    def rescan(self) -> None:
        """Add every file in the folders, whether or not an event said so."""
        for folder in self.folders:
            for path in folder.rglob("*"):
                self._add(path)

    def drain(self) -> list[Path]:
        """Candidate files since the last call (temporary names left out)."""
        with self._lock:
            pending, self._pending = self._pending, set()
        return sorted(p for p in pending if not is_temporary(p))
