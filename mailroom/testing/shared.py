"""Tests that read ``../shared/`` (fixtures other tools test themselves on, specifications).

On a user's clone that folder may be absent: such tests skip and say why. Under CI
(``CI=true``) they fail instead, so CI never passes by skipping them.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

#: The folder beside the repository that holds shared fixtures and specifications.
SHARED = Path(__file__).resolve().parents[3] / "shared"

_F = TypeVar("_F", bound=Callable[..., Any])


def needs_shared(path: Path) -> Callable[[_F], _F]:
    """Decorate a test that needs ``path`` (inside :data:`SHARED`): run it when the path is
    there, skip it with the reason on a user's clone, fail it with a clear message in CI."""
    if path.exists():
        return lambda test: test
    where = path.relative_to(SHARED.parent) if path.is_relative_to(SHARED.parent) else path
    if os.environ.get("CI", "").lower() == "true":

        def failing(test: _F) -> _F:
            @functools.wraps(test)
            def fail(*args: Any, **kwargs: Any) -> None:
                pytest.fail(f"{where} is missing: CI must run with ../shared/ beside the clone")

            return fail  # type: ignore[return-value]

        return failing
    return pytest.mark.skip(reason=f"{where} is absent on this clone (CI fails instead)")


def require_shared(path: Path) -> None:
    """Inside a test or fixture: go on when ``path`` is there; skip with the reason on a
    user's clone, fail with a clear message in CI."""
    if path.exists():
        return
    where = path.relative_to(SHARED.parent) if path.is_relative_to(SHARED.parent) else path
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{where} is missing: CI must run with ../shared/ beside the clone")
    pytest.skip(f"{where} is absent on this clone (CI fails instead)")
