"""Large jobs: the cyclic garbage collector paused while objects pile up."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bulk_load() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file is read or a command runs.

    A large file (half a million data rows, a roster of 40,000 units) or its evaluation makes
    hundreds of thousands of objects that all survive; the collector would scan them again
    and again for cycles that cannot exist among them (a third of a national evaluation's
    time). Objects are still freed as soon as nothing refers to them, and the collector runs
    again afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
