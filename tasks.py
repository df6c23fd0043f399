#!/usr/bin/env python3
"""Development tasks that need nothing but Python 3.11+.

    python3 tasks.py example    set up .venv (runtime only), run the Plan 77 example
    python3 tasks.py test       lint, type checks, tests with coverage, docs (html and doctest)
    python3 tasks.py bench      the national-scale benchmark
    python3 tasks.py fuzz       the fuzzing suite with many examples (FUZZ_EXAMPLES, 2000)
    python3 tasks.py clean      remove .venv and build outputs

Each task first makes ``.venv`` and installs what it needs into it, again only when
``pyproject.toml`` has changed: ``example`` the project and its two runtime dependencies; the
other tasks also every extra (``EXTRAS``) and the ``dev`` dependency group (PEP 735) of
development tools. The ``Makefile`` offers the same tasks.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
SOURCES = ["src", "tests", "examples", "docs", "benchmarks", "tasks.py"]


def run(*args: str | Path) -> None:
    """Run a command in the project's folder; stop with its exit status if it fails."""
    print("+", " ".join(str(a) for a in args), flush=True)
    completed = subprocess.run([str(a) for a in args], cwd=ROOT, check=False)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def tool(name: str, *args: str | Path) -> None:
    """Run a tool installed in ``.venv`` as a module, so that no script path is assumed."""
    run(PYTHON, "-m", name, *args)


EXTRAS = "excel,pandas,testing,completion,bench"
"""The extras the test suite installs, so that every optional integration is tested."""


def environment(*, dev: bool = True) -> None:
    """Make ``.venv`` and install the project into it, when ``pyproject.toml`` has changed.

    With ``dev``, also install every extra and the development tools; without it, only the
    runtime dependencies (a venv that already has the tools is kept as it is).
    """
    if sys.version_info < (3, 11):  # noqa: UP036 - tasks.py may be run by an older Python
        sys.exit("policytargets needs Python 3.11 or newer")
    stamp = VENV / ".installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    installed = stamp.read_text(encoding="utf-8").split() if stamp.exists() else []
    if installed[:1] == [digest] and (not dev or "dev" in installed):
        return
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    # pip 25.1 or newer reads dependency groups (--group); upgrading also keeps wheels current.
    tool("pip", "install", "--quiet", "--upgrade", "pip")
    if dev:
        tool("pip", "install", "--quiet", "-e", f".[{EXTRAS}]", "--group", "dev")
    else:
        tool("pip", "install", "--quiet", "-e", ".")
    stamp.write_text(f"{digest} {'dev' if dev else 'runtime'}", encoding="utf-8")


def example() -> None:
    environment(dev=False)
    run(PYTHON, "examples/vinhlong_plan77.py", *sys.argv[2:])


def lint() -> None:
    environment()
    tool("ruff", "check", *SOURCES)
    tool("ruff", "format", "--check", *SOURCES)


def typecheck() -> None:
    environment()
    tool("mypy")
    tool("mypy", "--strict", "tests/typing")


def pytest() -> None:
    environment()
    tool("pytest", "--cov", "--cov-report=term")


def docs() -> None:
    environment()
    for builder in ("html", "doctest"):
        out = ROOT / "docs" / "_build" / builder
        tool("sphinx", "-q", "-n", "-W", "--keep-going", "-b", builder, "docs", out)


def test() -> None:
    lint()
    typecheck()
    pytest()
    docs()


def fuzz() -> None:
    environment()
    os.environ.setdefault("FUZZ_EXAMPLES", "2000")
    tool("pytest", "tests/test_fuzz.py", "-p", "no:cacheprovider", *sys.argv[2:])


def bench() -> None:
    environment()
    has_pandas = subprocess.run([PYTHON, "-c", "import pandas"], capture_output=True, check=False)
    if has_pandas.returncode != 0:  # the comparison needs the optional bench extra
        tool("pip", "install", "--quiet", "-e", ".[bench]")
    run(PYTHON, "benchmarks/bench_evaluate.py", *sys.argv[2:])


def clean() -> None:
    for path in (VENV, ROOT / "docs" / "_build", ROOT / ".mypy_cache", ROOT / ".pytest_cache"):
        shutil.rmtree(path, ignore_errors=True)
    (ROOT / ".coverage").unlink(missing_ok=True)


TASKS: dict[str, Callable[[], None]] = {
    "example": example,
    "test": test,
    "lint": lint,
    "typecheck": typecheck,
    "pytest": pytest,
    "docs": docs,
    "bench": bench,
    "fuzz": fuzz,
    "clean": clean,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        sys.exit(f"usage: python3 tasks.py {{{'|'.join(TASKS)}}} [arguments]\n\n{__doc__}")
    TASKS[sys.argv[1]]()
