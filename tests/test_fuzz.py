"""Fuzzing: mostly valid, sometimes broken plan and data files, in-process and through the CLI.

Each example starts from a valid plan (``plans()``) and data its targets read, written as
files, then breaks some of it the way careless or hostile input does: a line lost or doubled,
a number of a billion digits, a year 0, terminal escapes, a formula, a lone surrogate. The
properties:

- reading and evaluating raise nothing but the library's documented errors
  (:class:`~policytargets.PlanError`, :class:`~policytargets.DataError`);
- every problem names its file;
- the command line never prints a traceback, and exits 0, 1 or 2.

A bounded number of examples runs with the tests; ``python3 tasks.py fuzz`` runs many more
(``FUZZ_EXAMPLES``). The determinism test renders every format under several
``PYTHONHASHSEED`` values and compares the bytes.

The plans and data are synthetic.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.plan_strategies import plans

import policytargets as pt
from policytargets.cli import main
from policytargets.io import dump_plan, loads_observations, loads_plan, plan_to_dict
from policytargets.report import FORMATS, render

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
"""Examples per property: a few with the tests, many more with ``tasks.py fuzz``."""

FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)

# What careless and hostile input puts into files.
HOSTILE = [
    "1e999999999",
    "9" * 5000,
    "0001-01-01",
    "9999-12-31",
    "2024-02-30",
    "\x1b]0;owned\x07",
    "\x1b[2J",
    "\u202e",
    "=HYPERLINK(1)",
    "+cmd",
    "@SUM(A1)",
    '"',
    "'",
    "\\",
    "=",
    "[",
    "]",
    ",",
    ";",
    "\n",
    "\r\n",
    "\x00",
    "nan",
    "inf",
    "-0",
    "1.250",
    "1.250.000",
    "৪",
    "có",
    "co\u0301",
    "2025-Q4",
    "2025-12-31",
    "a." * 100 + "b",
    "(" * 60,
    " and " * 10,
]


@st.composite
def broken(draw: st.DrawFn, text: str) -> str:
    """``text`` with up to three edits: a slice cut, a line doubled, hostile text put in."""
    for _ in range(draw(st.integers(0, 3))):
        if not text:
            break
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["cut", "double", "insert", "replace"]))
        if edit == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif edit == "double":
            lines = text.splitlines(keepends=True)
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(index, lines[index])
            text = "".join(lines)
        else:
            piece = draw(st.sampled_from(HOSTILE) | st.text(max_size=5))
            end = at + (draw(st.integers(0, 10)) if edit == "replace" else 0)
            text = text[:at] + piece + text[end:]
    return text


@st.composite
def data_files(draw: st.DrawFn, plan: pt.Plan) -> str:
    """Observation CSV text for what ``plan`` reads, some rows odd."""
    units = sorted(plan.units) or [""]
    kinds = plan.measures()
    measures = sorted(kinds) or ["m"]
    rows = ["measure,unit,period,value,source,recorded"]
    for _ in range(draw(st.integers(0, 12))):
        measure = draw(st.sampled_from(measures))
        kind = kinds.get(measure, "number")
        unit = draw(st.sampled_from([*units, ""]))
        period = draw(st.sampled_from(["2021", "2023", "2024-Q2", "2025-06", "2025-12-31"]))
        value = draw(
            st.sampled_from(["true", "false", "có"])
            if kind == "boolean"
            else st.sampled_from(["0", "1", "3", "50%", "0,5", "18250", "2/3", "-1"])
        )
        recorded = draw(st.sampled_from(["", "2025-01-15", "2024-12-01"]))
        rows.append(f"{measure},{unit},{period},{value},synthetic,{recorded}")
    return "\n".join(rows) + "\n"


def _located(error: pt.PlanError | pt.DataError, name: str) -> None:
    for problem in error.problems:
        assert problem.file == name, problem


AS_OF = dt.date(2026, 1, 1)


@FUZZ
@given(data=st.data())
def test_reading_and_evaluating_raise_only_documented_errors(data: st.DataObject) -> None:
    plan = data.draw(plans())
    plan_text = data.draw(broken(dump_plan(plan)))
    try:
        read = loads_plan(plan_text, name="plan.toml")
    except pt.PlanError as error:
        _located(error, "plan.toml")
        read = plan
    csv_text = data.draw(broken(data.draw(data_files(read))))
    try:
        log = loads_observations(csv_text, name="data.csv")
        card = pt.evaluate(read, log, as_of=AS_OF)
    except pt.DataError as error:
        for problem in error.problems:  # evaluation's problems name the row's file too
            assert problem.file == "data.csv" or "data.csv" in str(problem), problem
        return
    for fmt in FORMATS:
        assert render(card, fmt, lang=data.draw(st.sampled_from(["vi", "en"])), observations=log)


@FUZZ
@given(data=st.data())
def test_json_plans_raise_only_plan_errors(data: st.DataObject) -> None:
    plan = data.draw(plans())
    text = json.dumps(plan_to_dict(plan), default=str, ensure_ascii=data.draw(st.booleans()))
    text = data.draw(broken(text) | st.just(text.replace('"', '"\\ud800', 1)))
    try:
        loads_plan(text, format="json", name="plan.json")
    except pt.PlanError as error:
        _located(error, "plan.json")


@FUZZ
@given(data=st.data())
def test_the_command_line_never_prints_a_traceback(
    data: st.DataObject,
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    plan = data.draw(plans())
    plan_file = folder / "plan.toml"
    plan_file.write_text(data.draw(broken(dump_plan(plan))), encoding="utf-8", errors="replace")
    data_file = folder / "data.csv"
    data_file.write_text(
        data.draw(broken(data.draw(data_files(plan)))), encoding="utf-8", errors="replace"
    )
    command = data.draw(st.sampled_from(["validate", "evaluate", "schedule", "template"]))
    argv: list[str] = [command, str(plan_file)]
    if command == "evaluate":
        argv += [str(data_file), "--as-of", data.draw(st.sampled_from(["2026-01-01", "1/1/2024"]))]
        argv += ["--format", data.draw(st.sampled_from(FORMATS))]
    elif command == "template":
        argv += ["--period", data.draw(st.sampled_from(["2025", "2024-Q3", "0"]))]
    if command in ("evaluate", "template") and data.draw(st.booleans()):
        argv += ["--output", str(data.draw(st.sampled_from([folder / "out.txt", data_file])))]
    code = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert code in (0, 1, 2)
    if code == 1:
        for line in captured.err.splitlines():
            assert line.startswith((str(plan_file), str(data_file), "... and ")), line


# --- determinism -------------------------------------------------------------------------------

_RENDER_ALL = """
import datetime as dt, hashlib, sys
import policytargets as pt
from policytargets.report import FORMATS, render, render_schedule
from policytargets.report.schedule import SCHEDULE_FORMATS
plan = pt.load_plan(sys.argv[1])
log = pt.load_observations(sys.argv[2])
card = pt.evaluate(plan, log, as_of=dt.date(2026, 1, 1))
digest = hashlib.sha256()
for lang in ("vi", "en"):
    for fmt in FORMATS:
        digest.update(render(card, fmt, lang=lang, observations=log).encode())
    for fmt in SCHEDULE_FORMATS:
        digest.update(render_schedule(plan, fmt, lang=lang).encode())
print(digest.hexdigest())
"""


def test_every_format_is_byte_identical_under_any_hash_seed() -> None:
    fixtures = Path(__file__).parent / "fixtures"
    plan = fixtures / "plans" / "valid_plan.toml"
    observations = fixtures / "data" / "observations.csv"
    digests = set()
    for seed in ("0", "1", "4242", "random"):
        completed = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
            [sys.executable, "-c", _RENDER_ALL, str(plan), str(observations)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        digests.add(completed.stdout.strip())
    assert len(digests) == 1
