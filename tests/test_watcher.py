"""Stable-file detection and folder watching, without sleeping where a clock will do."""

from __future__ import annotations

import time
from pathlib import Path

from mailroom.intake.sources import is_temporary
from mailroom.intake.watcher import FolderWatcher, StableFiles


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_file_is_ready_only_after_it_stopped_changing() -> None:
    clock = FakeClock()
    stable = StableFiles(2.0, clock)
    path = Path("/in/scan.pdf")
    stable.observe(path, 100, 1)
    clock.now += 1.5
    stable.observe(path, 200, 2)  # still being written: the wait starts again
    clock.now += 1.5
    assert stable.ready() == []
    stable.observe(path, 200, 2)
    clock.now += 0.6
    assert stable.ready() == [path]
    stable.forget(path)
    assert stable.ready() == []


def test_ready_files_come_oldest_first() -> None:
    clock = FakeClock()
    stable = StableFiles(1.0, clock)
    stable.observe(Path("b"), 1, 1)
    clock.now += 0.5
    stable.observe(Path("a"), 1, 1)
    clock.now += 5
    assert stable.ready() == [Path("b"), Path("a")]


def test_scanner_temporary_names_are_ignored() -> None:
    for name in (
        ".scan.pdf",
        "~$brief.pdf",
        "scan.pdf.tmp",
        "x.part",
        "y.crdownload",
        "z.filepart",
    ):
        assert is_temporary(Path(name)), name
    assert not is_temporary(Path("scan-0001.pdf"))


def test_events_and_rescans_find_new_files(tmp_path: Path) -> None:
    watcher = FolderWatcher([tmp_path / "scanner"])
    watcher.start()
    try:
        (tmp_path / "scanner" / "a.pdf").write_bytes(b"%PDF-1.4")
        (tmp_path / "scanner" / "a.pdf.tmp").write_bytes(b"x")
        deadline = time.monotonic() + 5
        found: list[Path] = []
        while not found and time.monotonic() < deadline:
            found = watcher.drain()
            time.sleep(0.05)
        assert found == [tmp_path / "scanner" / "a.pdf"]
    finally:
        watcher.stop()
    (tmp_path / "scanner" / "b.pdf").write_bytes(b"%PDF-1.4")  # no observer now
    watcher.rescan()
    assert watcher.drain() == [tmp_path / "scanner" / "a.pdf", tmp_path / "scanner" / "b.pdf"]


def test_polling_fallback_sees_files_too(tmp_path: Path) -> None:
    watcher = FolderWatcher([tmp_path], polling=True)
    watcher.start()
    try:
        (tmp_path / "c.eml").write_bytes(b"From: a@b.nl\n\nhoi")
        deadline = time.monotonic() + 8
        found: list[Path] = []
        while not found and time.monotonic() < deadline:
            found = watcher.drain()
            time.sleep(0.1)
        assert found == [tmp_path / "c.eml"]
    finally:
        watcher.stop()
