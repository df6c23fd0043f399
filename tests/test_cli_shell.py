"""The command line in a shell: standard input and output, output files, the schema, help."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import policytargets as pt
from policytargets.cli import _parser, main
from policytargets.io import plan_schema
from policytargets.report import FORMATS, LANGS
from policytargets.report.schedule import SCHEDULE_FORMATS

FIXTURES = Path(__file__).parent / "fixtures"
PLAN = FIXTURES / "plans" / "valid_plan.toml"
DATA = FIXTURES / "data" / "observations.csv"
REVISIONS = FIXTURES / "data" / "revisions.csv"
BOM = "\ufeff".encode()


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# --- standard input ------------------------------------------------------------------------


def test_a_dash_reads_data_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin(monkeypatch, DATA.read_bytes())
    code, out, err = run(
        capsys, "evaluate", PLAN, "-", REVISIONS, "--as-of", "2026-06-01", "--format", "json"
    )
    assert (code, err) == (0, "")
    expected = pt.evaluate(
        pt.load_plan(PLAN), pt.load_observations(DATA, REVISIONS), as_of=pt.parse_date("2026-06-01")
    )
    # rows that no target reads are named in standard input
    assert json.loads(out) == json.loads(
        json.dumps(expected.to_dict()).replace(str(DATA), "<stdin>")
    )


def test_problems_in_standard_input_are_named_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin(monkeypatch, b"measure,unit,period,value\nonline,a,2025,maybe\n")
    code, out, err = run(capsys, "evaluate", PLAN, "-", "--as-of", "2026-06-01")
    assert (code, out) == (1, "")
    assert err.startswith("<stdin>:2: value: 'maybe' is not")


def test_standard_input_that_is_not_utf8(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin(monkeypatch, "measure,unit,period,value\nonline,Báo,2025,true\n".encode("cp1258"))
    code, out, err = run(capsys, "evaluate", PLAN, "-", "--as-of", "2026-06-01")
    assert (code, out) == (1, "")
    assert err == (
        "<stdin>:2: not UTF-8 text (invalid continuation byte); save the file as UTF-8 "
        "(CSV UTF-8 in a spreadsheet)\n"
    )


def test_standard_input_can_be_read_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin(monkeypatch, DATA.read_bytes())
    code, out, err = run(capsys, "evaluate", PLAN, "-", "-", "--as-of", "2026-06-01")
    assert (code, out, err) == (1, "", "standard input (-) can be read only once\n")


def test_a_real_pipe_into_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run(  # noqa: S603 - the interpreter running the tests
        [sys.executable, "-m", "policytargets", "evaluate", str(PLAN), "-", "--as-of",
         "2026-06-01", "--format", "csv", "--output", "-"],
        input=DATA.read_bytes(), capture_output=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.startswith(b"plan,as_of,")  # no byte-order mark on standard output
    assert list(tmp_path.iterdir()) == []  # and no file named "-"


# --- output --------------------------------------------------------------------------------


def test_output_dash_is_standard_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "schedule", PLAN, "--output", "-")
    assert (code, err) == (0, "")
    assert out == pt.report.render_schedule(pt.load_plan(PLAN), "table")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["evaluate", PLAN, DATA, "--as-of", "2026-06-01", "--format", "csv"],
        ["schedule", PLAN, "--format", "csv"],
        ["template", PLAN, "--period", "2025"],
    ],
    ids=["evaluate", "schedule", "template"],
)
def test_csv_files_begin_with_a_bom_and_standard_output_does_not(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str | Path]
) -> None:
    code, printed, _ = run(capsys, *argv)
    assert code == 0
    assert not printed.startswith("\ufeff")
    target = tmp_path / "out.csv"
    code, out, err = run(capsys, *argv, "--output", target)
    assert (code, out, err) == (0, "", "")
    written = target.read_bytes()
    assert written.startswith(BOM)
    assert written.removeprefix(BOM).decode("utf-8") == printed


def test_other_files_have_no_bom(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "card.json"
    code, _, _ = run(
        capsys, "evaluate", PLAN, DATA, "--as-of", "2026-06-01", "--format", "json",
        "--output", target,
    )  # fmt: skip
    assert code == 0
    assert target.read_bytes().startswith(b"{")


def test_a_template_written_with_a_bom_reads_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "collect.csv"
    code, _, _ = run(
        capsys, "template", PLAN, "--period", "2024", "--period", "2025", "--output", target
    )
    assert code == 0
    text = target.read_bytes().removeprefix(BOM).decode("utf-8")
    filled = text.replace(",,,\n", ",true,,\n")  # every row a yes, whatever its measure
    (tmp_path / "filled.csv").write_text(filled, encoding="utf-8-sig")
    log = pt.load_observations(tmp_path / "filled.csv")
    assert {str(o.period) for o in log} == {"2024", "2025"}
    assert log.notes == ()  # the template's title line is not a note of the data


def test_output_to_a_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "schedule", PLAN, "--output", tmp_path)
    assert (code, out) == (1, "")
    assert err == f"{tmp_path}: is a directory; --output names a file\n"
    assert list(tmp_path.iterdir()) == []


def test_output_into_a_missing_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "schedule.csv"
    code, out, err = run(capsys, "schedule", PLAN, "--output", target)
    assert (code, out) == (1, "")
    assert err == f"{target}: No such file or directory\n"  # the name asked for


def test_a_failed_write_leaves_the_old_file_and_no_partial_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "schedule.csv"
    target.write_text("the previous schedule\n", encoding="utf-8")

    def refuse(self: Path, other: Path) -> Path:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "replace", refuse)
    code, out, err = run(capsys, "schedule", PLAN, "--format", "csv", "--output", target)
    assert (code, out, err) == (1, "", f"{target}: Permission denied\n")
    assert list(tmp_path.iterdir()) == [target]
    assert target.read_text(encoding="utf-8") == "the previous schedule\n"


def test_a_new_output_file_follows_the_umask(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "schedule.txt"
    umask = os.umask(0o022)
    try:
        code, _, _ = run(capsys, "schedule", PLAN, "--output", target)
    finally:
        os.umask(umask)
    assert code == 0
    assert target.stat().st_mode & 0o777 == 0o644  # not a temporary file's 0o600


def test_schedule_writes_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "schedule.json"
    code, out, _ = run(
        capsys, "schedule", PLAN, "--format", "json", "--lang", "en", "--output", target
    )
    assert (code, out) == (0, "")
    expected = pt.report.render_schedule(pt.load_plan(PLAN), "json", lang="en")
    assert target.read_text(encoding="utf-8") == expected


# --- schema --------------------------------------------------------------------------------


def test_schema_prints_the_shipped_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "schema")
    assert (code, err) == (0, "")
    schema = json.loads(out)
    assert schema == plan_schema()
    assert schema["$id"].endswith(".schema.json")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_to_a_file_validates_a_plan_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    target = tmp_path / "plan.schema.json"
    code, _, _ = run(capsys, "schema", "--output", target)
    assert code == 0
    schema = json.loads(target.read_text(encoding="utf-8"))
    plan = json.loads((FIXTURES / "plans" / "valid_plan.json").read_text(encoding="utf-8"))
    jsonschema.validate(plan, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**plan, "requier": 1}, schema)


# --- help and completion -------------------------------------------------------------------


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(commands.choices)


def test_every_option_of_every_command_has_help() -> None:
    subparsers = _subparsers()
    assert set(subparsers) == {"validate", "evaluate", "template", "schedule", "align", "schema"}
    for name, sub in subparsers.items():
        for action in sub._actions:
            assert action.help, (name, action.dest)
            assert action.help != argparse.SUPPRESS, (name, action.dest)


def test_help_lists_the_choices_of_the_report_module(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "evaluate", "--help")
    assert code == 0
    flat = " ".join(out.split())
    assert f"the report's format: {', '.join(FORMATS)} (default: table)" in flat
    assert f"the language of labels, dates and numbers: {', '.join(LANGS)}" in flat
    code, out, _ = run(capsys, "schedule", "--help")
    assert f"the schedule's format: {', '.join(SCHEDULE_FORMATS)}" in " ".join(out.split())


def test_shell_completion_with_argcomplete(tmp_path: Path) -> None:
    pytest.importorskip("argcomplete")
    answer = tmp_path / "completions"
    line = "policytargets eva"
    environment = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
        "_ARGCOMPLETE_STDOUT_FILENAME": str(answer),
    }
    done = subprocess.run(
        [sys.executable, "-m", "policytargets"], env=environment, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert answer.read_text(encoding="utf-8").split() == ["evaluate"]


def test_a_schema_directive_for_editors_is_a_comment_to_the_reader(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text("#:schema ./plan.schema.json\n" + PLAN.read_text(encoding="utf-8"), "utf-8")
    code, out, err = run(capsys, "validate", plan)
    assert (code, err) == (0, "")
    assert out.startswith(f"{plan}: valid")
