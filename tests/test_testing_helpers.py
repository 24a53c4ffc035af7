"""The test suite's own rules: tests that need ../shared/ fail under CI rather than skip."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailroom.testing import shared
from mailroom.testing.shared import SHARED, needs_shared, require_shared


def test_a_missing_shared_folder_skips_on_a_clone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    mark = needs_shared(SHARED / "no-such-fixtures")
    assert isinstance(mark, pytest.MarkDecorator) and mark.name == "skip"
    assert "absent on this clone" in mark.kwargs["reason"]


def test_a_missing_shared_folder_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")

    @needs_shared(SHARED / "no-such-fixtures")
    def needs_it(tmp_path: Path) -> None:
        raise AssertionError("never runs")

    with pytest.raises(pytest.fail.Exception, match=r"CI must run with \.\./shared/"):
        needs_it(Path("."))


def test_a_present_shared_folder_runs_the_test(tmp_path: Path) -> None:
    def test() -> str:
        return "ran"

    assert needs_shared(tmp_path)(test)() == "ran"
    assert shared.SHARED.name == "shared"


def test_require_shared_skips_on_a_clone_and_fails_under_ci(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    missing = SHARED / "no-such-spec.yaml"
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="absent on this clone"):
        require_shared(missing)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"CI must run with \.\./shared/"):
        require_shared(missing)
    require_shared(SHARED.parent)  # there: nothing happens
