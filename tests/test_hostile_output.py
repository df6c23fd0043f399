"""Hostile input against outputs: injection, surrogates, closed streams, overwritten inputs."""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import policytargets as pt
from policytargets.cli import main
from policytargets.io import collection_template, loads_observations, loads_plan
from policytargets.io.spreadsheet import neutralise, restore
from policytargets.report import FORMATS, render, render_schedule
from policytargets.report.labels import BIDI_CONTROLS
from policytargets.report.schedule import SCHEDULE_FORMATS

EVIL_ID = "=HYPERLINK(x)"
PLAN = """\
schema = "policytargets/plan@1"
[plan]
id = "p"
number = "1/KH"
title = "Illustrative plan \u202eexe.txt \x1b]0;owned\x07 (synthetic)"
issuer = "I"
issued = 2024-01-01
effective = 2024-01-01
[[populations]]
id = "agencies"
name = "Agencies \u2066x\u2069"
units = [
  { id = "+cmd", name = "Unit \u202e one" },
  { id = "@SUM(A1)", name = "Unit \x1b[2J two" },
]
[[targets]]
id = "-share"
type = "threshold-share"
title = "Share \u202dtarget\u202c"
population = "agencies"
measure = "=HYPERLINK(x)"
milestones = [{ by = 2025, require = ">= 50%" }]
"""

# Synthetic data whose texts carry terminal escapes and bidirectional overrides.
DATA = """\
measure,unit,period,value,source,recorded
'=HYPERLINK(x),'+cmd,2025,true,Report \x1b[2J\u202e all achieved,2025-12-01
'=HYPERLINK(x),'@SUM(A1),2025,false,,2025-12-01
"""


def plan() -> pt.Plan:
    return loads_plan(PLAN.replace("\x1b", "\\u001b").replace("\x07", "\\u0007"))


def card() -> tuple[pt.Scorecard, pt.ObservationLog]:
    log = loads_observations(DATA)
    return pt.evaluate(plan(), log, as_of=dt.date(2026, 1, 1)), log


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


# --- formula injection ---------------------------------------------------------------------


def test_neutralise_and_restore_are_inverse() -> None:
    for cell in ("=1+1", "+cmd", "-x", "@SUM(A1)", "\tx", "plain", "'quoted", ""):
        assert restore(neutralise(cell)) == cell
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"


def test_the_template_neutralises_formula_ids_and_reads_back() -> None:
    text = collection_template(plan(), 2025)
    lines = text.splitlines()
    assert lines[2:] == ["'=HYPERLINK(x),'+cmd,2025,,,", "'=HYPERLINK(x),'@SUM(A1),2025,,,"]
    filled = text.replace(",2025,,,", ",2025,true,,")
    log = loads_observations(filled)
    assert {(o.measure, o.unit) for o in log} == {(EVIL_ID, "+cmd"), (EVIL_ID, "@SUM(A1)")}


@pytest.mark.parametrize("fmt", ["csv"])
def test_every_csv_cell_is_neutralised(fmt: str) -> None:
    scorecard, log = card()
    for text in (render(scorecard, fmt, observations=log), render_schedule(plan(), fmt)):
        for line in text.splitlines():
            for cell in line.split(","):
                assert not cell.lstrip('"').startswith(("=", "+", "@", "-")), cell


# --- control characters and bidirectional controls ------------------------------------------


def _unsafe(text: str) -> list[str]:
    return [c for c in text if c in BIDI_CONTROLS or (ord(c) < 32 and c not in "\n\t")]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_report_format_carries_control_or_bidi_characters(fmt: str, lang: str) -> None:
    scorecard, log = card()
    text = render(scorecard, fmt, lang=lang, observations=log)
    assert _unsafe(text) == []
    assert "owned" in text or fmt == "csv"  # the text around them is kept


@pytest.mark.parametrize("fmt", SCHEDULE_FORMATS)
def test_no_schedule_format_carries_control_or_bidi_characters(fmt: str) -> None:
    assert _unsafe(render_schedule(plan(), fmt, lang="en")) == []


def test_json_keeps_the_data_but_escapes_bidi_controls() -> None:
    scorecard, _ = card()
    text = render(scorecard, "json")
    assert "\\u202e" in text
    assert "\u202e" in json.loads(text)["plan"]["title"]


def test_errors_on_stderr_escape_what_a_data_file_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(PLAN.replace("\x1b", "\\u001b").replace("\x07", "\\u0007"), "utf-8")
    data = tmp_path / "data.csv"
    row = "revenue\x1b]0;owned\x07\u202e,,2025,1,,\n"
    data.write_text(DATA + row + row, encoding="utf-8")
    code, out, err = run(capsys, "evaluate", plan_file, data, "--as-of", "2026-01-01")
    assert (code, out) == (1, "")
    assert "revenue\\x1b]0;owned\\x07\\u202e" in err
    assert _unsafe(err.replace("\n", "")) == []


# --- surrogates ----------------------------------------------------------------------------


def test_a_lone_surrogate_in_a_json_plan_is_refused_with_its_location() -> None:
    text = (
        '{"schema": "policytargets/plan@1",\n"plan": {"id": "p", "number": "1", '
        '"title": "T\\ud800", "issuer": "I", "issued": "2024-01-01",\n'
        '"effective": "2024-01-01"}, "targets": []}'
    )
    with pytest.raises(pt.PlanError) as error:
        loads_plan(text, format="json", name="plan.json")
    assert [str(p) for p in error.value.problems] == [
        "plan.json:2: plan.title: the text holds \\ud800, half of a surrogate pair: not a character"
    ]


# --- standard output and --output ----------------------------------------------------------


def test_a_closed_standard_output_exits_quietly_with_status_1() -> None:
    fixtures = Path(__file__).parent / "fixtures" / "plans" / "valid_plan.toml"
    completed = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-m", "policytargets", "schedule", str(fixtures)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
        # the child starts with its standard output closed
        preexec_fn=lambda: os.close(1),
    )
    assert (completed.returncode, completed.stderr) == (1, b"")


def test_a_broken_pipe_exits_quietly_with_status_1() -> None:
    fixtures = Path(__file__).parent / "fixtures"
    command = [
        sys.executable,
        "-m",
        "policytargets",
        "evaluate",
        str(fixtures / "plans" / "valid_plan.toml"),
        str(fixtures / "data" / "observations.csv"),
        "--as-of",
        "2026-01-01",
        "--format",
        "html",
    ]
    with subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as child:
        assert child.stdout is not None
        assert child.stderr is not None
        child.stdout.close()  # before the child writes: it finds nobody reading
        error = child.stderr.read()
        code = child.wait()
    assert (code, error) == (1, b"")


@pytest.mark.parametrize("which", ["plan", "data"])
def test_output_onto_an_input_is_refused_and_the_input_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], which: str
) -> None:
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(PLAN.replace("\x1b", "").replace("\x07", ""), encoding="utf-8")
    data = tmp_path / "data.csv"
    data.write_text(DATA.replace("\x1b", ""), encoding="utf-8")
    target = plan_file if which == "plan" else data
    alias = tmp_path / "sub" / ".." / target.name
    (tmp_path / "sub").mkdir()
    before = target.read_bytes()
    argv = ["evaluate", plan_file, data, "--as-of", "2026-01-01", "--output", alias]
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err == (
        f"{alias}: --output names an input file ({target}); it would be overwritten, so "
        "nothing was written: choose another file\n"
    )
    assert target.read_bytes() == before


def test_a_full_disk_names_the_file_and_leaves_nothing_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fixtures = Path(__file__).parent / "fixtures" / "plans" / "valid_plan.toml"
    target = tmp_path / "schedule.txt"
    target.write_text("the previous report\n", encoding="utf-8")

    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    real_fdopen = os.fdopen

    def fdopen(descriptor: int, *args: Any, **kwargs: Any) -> Any:
        os.close(descriptor)
        return Full()

    monkeypatch.setattr(os, "fdopen", fdopen)
    code, _, err = run(capsys, "template", fixtures, "--period", "2025", "--output", target)
    monkeypatch.setattr(os, "fdopen", real_fdopen)
    assert (code, err) == (1, f"{target}: No space left on device\n")
    assert target.read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schedule.txt"]


def test_output_is_written_whole_with_the_usual_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixtures = Path(__file__).parent / "fixtures" / "plans" / "valid_plan.toml"
    target = tmp_path / "schedule.txt"
    code, _, err = run(capsys, "template", fixtures, "--period", "2025", "--output", target)
    assert (code, err) == (0, "")
    # (a CSV file begins with a byte-order mark, for spreadsheets)
    expected = collection_template(pt.load_plan(fixtures), 2025)
    assert target.read_text(encoding="utf-8-sig") == expected
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schedule.txt"]
