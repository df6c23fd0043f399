"""Hypothesis profiles: ``ci`` (thorough), ``dev`` (default) and ``fast``.

Choose one with ``HYPOTHESIS_PROFILE=fast pytest``. No profile has a deadline: timings belong
in benchmarks, and a slow machine must not make a test flaky.
"""

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from policytargets import assess

settings.register_profile("ci", max_examples=300, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "fast", max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def row_notice_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """The arguments of every time the test works out which rows no target reads (a pass over
    every row, to be made once per command)."""
    calls: list[tuple[Any, ...]] = []
    row_notices = assess._row_notices

    def counted(*arguments: Any) -> list[Any]:
        calls.append(arguments)
        return row_notices(*arguments)

    monkeypatch.setattr(assess, "_row_notices", counted)
    return calls
