"""The command line: every subcommand, every error path, exit codes, no tracebacks."""

from __future__ import annotations

import csv
import gc
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import policytargets as pt
from policytargets.cli import main
from policytargets.report import render_schedule
from policytargets.report.schedule import SCHEDULE_CSV_HEADER

FIXTURES = Path(__file__).parent / "fixtures"
PLAN = FIXTURES / "plans" / "valid_plan.toml"
DATA = FIXTURES / "data" / "observations.csv"
REVISIONS = FIXTURES / "data" / "revisions.csv"
INVALID = FIXTURES / "plans" / "invalid"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


# --- validate ------------------------------------------------------------------------------


def test_validate_a_valid_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", PLAN)
    assert (code, err) == (0, "")
    assert out == f"{PLAN}: valid, 7 targets, 10 milestones\n"


def test_validate_reports_every_problem_one_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    path = INVALID / "three_problems.toml"
    code, out, err = run(capsys, "validate", path)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{path}:24: targets[0].milestones[1].requier: unknown key 'requier' "
        "(did you mean 'require'?)",
        f"{path}:31: targets[1].unit: unknown unit 'c'",
        f"{path}:33: targets[1].milestones[0].require: a boolean target requires a yes/no "
        "value ('= true')",
    ]


def test_validate_a_syntax_error(capsys: pytest.CaptureFixture[str]) -> None:
    path = INVALID / "syntax_error.toml"
    code, _, err = run(capsys, "validate", path)
    assert code == 1
    assert err.startswith(f"{path}:5: TOML syntax error: ")


def test_validate_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    code, out, err = run(capsys, "validate", missing)
    assert (code, out) == (1, "")
    assert err == f"{missing}: No such file or directory\n"


def test_validate_a_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", tmp_path)
    assert code == 1
    assert err.startswith(f"{tmp_path}: ")


# --- evaluate ------------------------------------------------------------------------------


def test_evaluate_as_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "evaluate", PLAN, DATA, REVISIONS, "--as-of", "01/06/2026", "--format", "json"
    )
    assert (code, err) == (0, "")
    card = json.loads(out)
    assert card["as_of"] == "2026-06-01"
    assert card["plan"] == {
        "id": "demo-12-2024",
        "number": "12/KH-UBND",
        "title": 'Kế hoạch thử nghiệm "chuyển đổi số"',
    }
    first = card["assessments"][0]
    assert (first["target"], first["milestone"], first["status"]) == ("online", "2025", "achieved")
    assert (first["required"], first["actual"]) == ("7/10", "1")
    assert sum(card["summary"].values()) == len(card["assessments"]) == 10
    expected = pt.evaluate(
        pt.load_plan(PLAN),
        pt.load_observations(DATA, REVISIONS),
        as_of=pt.parse_date("2026-06-01"),
    )
    assert card == expected.to_dict()


@pytest.mark.parametrize("enabled", [True, False])
def test_a_command_leaves_the_garbage_collector_as_it_found_it(
    capsys: pytest.CaptureFixture[str], enabled: bool
) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        code, _, _ = run(capsys, "evaluate", PLAN, DATA, "--as-of", "2026-06-01")
        failed, _, _ = run(capsys, "validate", INVALID / "bad_values.toml")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert (code, failed) == (0, 1)


def test_evaluate_with_a_knowledge_date(capsys: pytest.CaptureFixture[str]) -> None:
    def growth(*extra: str) -> str:
        code, out, _ = run(
            capsys, "evaluate", PLAN, DATA, REVISIONS, "--as-of", "2026-06-01",
            "--format", "json", *extra,
        )  # fmt: skip
        assert code == 0
        card = json.loads(out)
        (found,) = (a for a in card["assessments"] if a["target"] == "revenue-growth")
        return str(found["actual"])

    assert growth() == "3/10"  # the audited 0,52 over 0,4
    assert growth("--known-at", "ngày 1 tháng 1 năm 2026") == "1/8"  # 0,45 over 0,4


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "csv"])
def test_evaluate_in_every_format_and_language(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    outputs = {}
    for lang in ("vi", "en"):
        code, out, err = run(
            capsys, "evaluate", PLAN, DATA, "--as-of", "2026-06-01", "--format", fmt,
            "--lang", lang,
        )  # fmt: skip
        assert (code, err) == (0, "")
        assert "online" in out or "70%" in out
        outputs[lang] = out
    if fmt != "csv":  # CSV headers are the same in both languages
        assert outputs["vi"] != outputs["en"]


def test_evaluate_writes_utf8_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "card.md"
    code, out, err = run(
        capsys, "evaluate", PLAN, DATA, "--as-of", "2026-06-01", "--format", "markdown",
        "--output", target,
    )  # fmt: skip
    assert (code, out, err) == (0, "", "")
    assert "Kế hoạch thử nghiệm" in target.read_text(encoding="utf-8")


def test_an_output_file_that_cannot_be_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "missing-directory" / "out.csv"
    code, out, err = run(capsys, "template", PLAN, "--period", "2025", "--output", target)
    assert (code, out) == (1, "")
    assert err == f"{target}: No such file or directory\n"


def test_a_broken_pipe_is_not_a_traceback() -> None:
    command = [sys.executable, "-m", "policytargets", "schedule", str(PLAN)]
    # The interpreter running the tests, with fixed arguments; the pipe is closed at once.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # noqa: S603
    assert process.stdout is not None
    process.stdout.close()
    _, err = process.communicate()
    assert b"Traceback" not in err
    assert b"Exception ignored" not in err


def test_evaluate_a_bad_plan_and_bad_data_reports_both(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys, "evaluate", INVALID / "three_problems.toml", FIXTURES / "data" / "bad_rows.csv",
        "--as-of", "2026-01-01",
    )  # fmt: skip
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert len(lines) == 3 + 5  # the empty value on line 7 is "not reported", no problem
    assert lines[3].startswith(f"{FIXTURES / 'data' / 'bad_rows.csv'}:3: period: ")


def test_evaluate_conflicting_files(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "evaluate", PLAN, DATA, FIXTURES / "data" / "conflict.csv", "--as-of", "2026-01-01"
    )
    assert code == 1
    assert "conflicting observations" in err
    assert len(err.splitlines()) == 1


def test_evaluate_data_the_plan_cannot_use(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data.csv"
    data.write_text(
        "measure,unit,period,value\npublishes-online,nobody,2025,true\nrevenue,magazine,2025,yes\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "evaluate", PLAN, data, "--as-of", "2026-01-01")
    assert code == 1
    assert "unknown unit 'nobody'" in err
    assert "'revenue' takes a number" in err


def test_evaluate_accounts_for_the_rows_once(
    capsys: pytest.CaptureFixture[str], row_notice_calls: list[tuple[Any, ...]], tmp_path: Path
) -> None:
    """The command checks the data before evaluating it, and which rows no target reads (a
    pass over every row) is worked out only once, by the evaluation."""
    data = tmp_path / "data.csv"
    data.write_text(
        DATA.read_text(encoding="utf-8") + "2025,nobody-reads-this,,3,2026-01-15,\n",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, "evaluate", PLAN, data, "--as-of", "2026-06-01", "--format", "json"
    )
    assert (code, err) == (0, "")
    assert "unused_measure" in [n["code"] for n in json.loads(out)["unused_rows"]]
    assert len(row_notice_calls) == 1


def test_evaluate_reports_unusable_rows_before_a_bad_breakdown(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data.csv"
    data.write_text("measure,unit,period,value\npublishes-online,nobody,2025,true\n", "utf-8")
    code, out, err = run(
        capsys, "evaluate", PLAN, data, "--as-of", "2026-01-01", "--breakdown", "regoin"
    )
    assert (code, out) == (1, "")
    assert err == f"{data}:2: unknown unit 'nobody' in observations of 'publishes-online'\n"


def test_evaluate_a_missing_data_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "evaluate", PLAN, tmp_path / "none.csv", "--as-of", "2026-01-01")
    assert code == 1
    assert err == f"{tmp_path / 'none.csv'}: No such file or directory\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["evaluate", str(PLAN), str(DATA), "--as-of", "31/02/2026"], "not a valid date"),
        (["evaluate", str(PLAN), str(DATA), "--as-of", "soon"], "is not a date"),
        (["evaluate", str(PLAN), str(DATA)], "--as-of"),
        (["evaluate", str(PLAN), "--as-of", "2026-01-01"], "DATA"),
        (
            ["evaluate", str(PLAN), str(DATA), "--as-of", "2026-01-01", "--format", "pdf"],
            "invalid choice: 'pdf'",
        ),
        (["evaluate", str(PLAN), str(DATA), "--as-of", "2026-01-01", "--lang", "fr"], "'fr'"),
        (["template", str(PLAN)], "--period"),
        (["template", str(PLAN), "--period", "2025-Q5"], "is not a period"),
        (["schedule", str(PLAN), "--format", "html"], "invalid choice: 'html'"),
        (["publish", str(PLAN)], "invalid choice: 'publish'"),
        ([], "COMMAND"),
    ],
)
def test_usage_errors_exit_with_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert message in err
    assert err.startswith("usage: policytargets")


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "examples:\n  policytargets validate examples/vinhlong_plan77.toml" in out
    assert "ngày 30 tháng 10 năm 2023" in out
    code, out, _ = run(capsys, "evaluate", "--help")
    assert code == 0
    assert "--known-at DATE" in out
    assert "example:\n  policytargets evaluate plan.toml data.csv" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert (code, out) == (0, f"policytargets {pt.__version__}\n")


# --- template --------------------------------------------------------------------------------


def test_template_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "template", PLAN, "--period", "2025")
    assert (code, err) == (0, "")
    assert out == pt.io.collection_template(pt.load_plan(PLAN), 2025)


def test_template_to_a_file_reads_back(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "collect.csv"
    code, out, _ = run(capsys, "template", PLAN, "--period", "2025-Q2", "--output", target)
    assert (code, out) == (0, "")
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[1] == ["measure", "unit", "period", "value", "source", "recorded"]
    assert {row[2] for row in rows[2:]} == {"2025-Q2"}
    unfilled = pt.load_observations(target)  # the values are still to be filled in
    assert len(unfilled) == 0
    assert "read as not reported" in unfilled.notes[-1]


def test_template_of_an_invalid_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "template", INVALID / "wrong_types.toml", "--period", "2025")
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 7


# --- schedule --------------------------------------------------------------------------------


def test_schedule_as_json_marks_milestones_and_interpolation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "schedule", PLAN, "--format", "json")
    assert code == 0
    rows = [(r["period"], r["comparator"], r["value"], r["basis"]) for r in json.loads(out)["rows"]
            if r["target"] == "online"]  # fmt: skip
    assert rows == [
        ("2023", ">=", "1/3", "baseline"),
        ("2024", ">=", "1/2", "schedule"),
        ("2025", ">=", "7/10", "milestone"),
        ("2026", ">=", "19/25", "interpolated"),
        ("2027", ">=", "41/50", "interpolated"),
        ("2028", ">=", "22/25", "interpolated"),
        ("2029", ">=", "47/50", "interpolated"),
        ("2030", ">=", "1", "strive"),
    ]


def test_schedule_table_and_csv_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schedule", PLAN)
    assert code == 0
    lines = out.splitlines()
    assert lines[:3] == [
        'Kế hoạch 12/KH-UBND — Kế hoạch thử nghiệm "chuyển đổi số"',
        "Lộ trình chỉ tiêu theo kỳ",
        "",
    ]
    cells = [[cell.strip() for cell in line.split("|")] for line in lines[3:]]
    assert cells[0] == ["Chỉ tiêu", "Kỳ", "Yêu cầu", "Giá trị", "Căn cứ"]
    assert ["online", "2026", "≥", "76%", "nội suy"] in cells
    assert ["secure", "Q4/2023", ">", "66,7% (2/3)", "theo mốc đầu tiên"] in cells
    code, out, _ = run(capsys, "schedule", PLAN, "--format", "csv", "--lang", "en")
    assert code == 0
    rows = [row[1:] for row in csv.reader(io.StringIO(out))]  # without the plan's id
    assert rows[0] == [*SCHEDULE_CSV_HEADER[1:]]
    assert ["articles", "Hàng năm tăng số tin bài", "2024", ">", "0", "0%", "milestone",
            "milestone"] in rows  # fmt: skip
    assert ["secure", "Bảo mật cấp độ 3", "2023-Q4", ">", "2/3", "66.7%", "first",
            "as the first checkpoint"] in rows  # fmt: skip
    # "=" alone would be a formula to a spreadsheet: neutralised like every report cell.
    assert ["relicensed", "Tạp chí được cấp phép lại", "2025-06-30", "'=", "true", "yes",
            "milestone", "milestone"] in rows  # fmt: skip


def test_schedule_is_the_report_renderer(capsys: pytest.CaptureFixture[str]) -> None:
    plan = pt.load_plan(PLAN)
    for kind in ("table", "csv", "json"):
        for lang in ("vi", "en"):
            code, out, _ = run(capsys, "schedule", PLAN, "--format", kind, "--lang", lang)
            assert code == 0
            assert out == render_schedule(plan, kind, lang=lang)


def test_schedule_of_an_invalid_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "schedule", INVALID / "missing_schema.toml")
    assert code == 1
    assert len(err.splitlines()) == 3


# --- a real process --------------------------------------------------------------------------


def test_python_dash_m_runs_the_command_line(tmp_path: Path) -> None:
    # The interpreter running the tests, with fixed arguments.
    ok = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "policytargets", "validate", str(PLAN)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert (ok.returncode, ok.stdout, ok.stderr) == (
        0,
        f"{PLAN}: valid, 7 targets, 10 milestones\n",
        "",
    )
    bad = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "policytargets", "validate", str(INVALID / "references.toml")],
        capture_output=True,
        check=False,
        cwd=tmp_path,
        env={"PYTHONIOENCODING": "ascii", "PATH": ""},
    )
    assert bad.returncode == 1
    assert b"Traceback" not in bad.stderr
    assert "unknown population 'agences'" in bad.stderr.decode("utf-8")
    usage = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "policytargets", "evaluate", str(PLAN)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert usage.returncode == 2
    assert "the following arguments are required" in usage.stderr


# --- breakdown -----------------------------------------------------------------------------

EXAMPLES = Path(__file__).parents[1] / "examples"
PLAN77 = EXAMPLES / "vinhlong_plan77.toml"
PLAN77_DATA = EXAMPLES / "data" / "plan77_observations.csv"


def test_evaluate_with_a_breakdown_by_attribute(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [PLAN77, PLAN77_DATA, "--as-of", "2026-01-01", "--format", "json"]
    code, out, err = run(capsys, "evaluate", *argv, "--breakdown", "kind")
    assert (code, err) == (0, "")
    card = json.loads(out)
    broken = [a for a in card["assessments"] if "breakdown" in a]
    assert broken
    assert {a["breakdown"]["by"] for a in broken} == {"kind"}
    expected = pt.evaluate(
        pt.load_plan(PLAN77),
        pt.load_observations(PLAN77_DATA),
        as_of=pt.parse_date("2026-01-01"),
        breakdown="kind",
    )
    assert card == expected.to_dict()


def test_evaluate_with_a_breakdown_key_no_unit_has(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [PLAN77, PLAN77_DATA, "--as-of", "2026-01-01", "--breakdown", "regoin"]
    code, out, err = run(capsys, "evaluate", *argv)
    assert (code, out) == (1, "")
    assert err == (
        "breakdown: no unit of a population that a target counts has the attribute 'regoin'\n"
    )
