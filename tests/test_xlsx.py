"""Spreadsheets: reading .xlsx data through the CSV reader, and writing .xlsx templates."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import policytargets as pt
from policytargets.cli import main
from policytargets.io.xlsx import (
    EXCEL_EXTRA,
    LISTS_SHEET,
    README_SHEET,
    TEMPLATE_COLUMNS,
    read_workbook,
    xlsx_template,
)

openpyxl = pytest.importorskip("openpyxl")

FIXTURES = Path(__file__).parent / "fixtures"
PLAN = FIXTURES / "plans" / "valid_plan.toml"
AS_OF = dt.date(2026, 1, 1)


def workbook(path: Path, rows: list[list[Any]], title: str = "2025") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


HEADER = ["measure", "unit", "period", "value", "source", "recorded"]


# --- the template round trip ---------------------------------------------------------------


def fill(template: bytes) -> tuple[bytes, str]:
    """Fill in every row of a template workbook, and write the same data as CSV."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for sheet in book.worksheets:
        if sheet.title in (README_SHEET, LISTS_SHEET):
            continue
        header = [cell.value for cell in sheet[1]]
        at = {name: index for index, name in enumerate(header)}
        for number, row in enumerate(sheet.iter_rows(min_row=2), 2):
            measure, unit, period = (row[at[c]].value for c in ("measure", "unit", "period"))
            value: Any
            if row[at["kind"]].value.endswith("yes/no"):
                value, text = number % 3 != 0, "true" if number % 3 != 0 else "false"
            elif measure == "rural-consumption":
                value, text = 0.385, "38,5%"  # a percentage cell holds a fraction of one
                row[at["value"]].number_format = "0.0%"
            else:
                value, text = number * 2.5, str(Fraction(number * 5, 2).__float__())
            row[at["value"]].value = value
            row[at["source"]].value = "Báo cáo, 15/12"
            row[at["recorded"]].value = dt.datetime(int(period[:4]), 12, 10)
            writer.writerow(
                [measure, unit or "", period, text, "Báo cáo, 15/12", f"{period[:4]}-12-10"]
            )
    filled = io.BytesIO()
    book.save(filled)
    return filled.getvalue(), out.getvalue()


def _same_but_where(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """The same scorecard, except where the unread rows are (files and lines)."""

    def what(card: dict[str, Any]) -> list[tuple[str, int]]:
        return [(n["code"], n["count"]) for n in card.get("unused_rows", [])]

    def rest(card: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in card.items() if k not in {"notices", "unused_rows"}}

    coded = len(first.get("unused_rows", []))
    return (
        rest(first) == rest(second)
        and what(first) == what(second)
        and len(first["notices"]) == len(second["notices"])
        and first["notices"][: len(first["notices"]) - coded]
        == second["notices"][: len(second["notices"]) - coded]
    )


def test_a_filled_template_gives_the_scorecard_of_the_same_csv(tmp_path: Path) -> None:
    plan = pt.load_plan(PLAN)
    template = xlsx_template(plan, [2024, 2025])
    filled, equivalent = fill(template)
    (tmp_path / "filled.xlsx").write_bytes(filled)
    (tmp_path / "same.csv").write_text(equivalent, encoding="utf-8")
    from_xlsx = pt.load_observations(tmp_path / "filled.xlsx")
    from_csv = pt.load_observations(tmp_path / "same.csv")
    assert len(from_xlsx) == len(from_csv) == len(equivalent.splitlines()) - 1 > 10
    assert from_xlsx.notes == from_csv.notes == ()  # nothing of the template's own
    by_xlsx = pt.evaluate(plan, from_xlsx, as_of=AS_OF)
    by_csv = pt.evaluate(plan, from_csv, as_of=AS_OF)
    # the same scorecard; unread rows are named by sheet and row in one, by line in the other
    assert _same_but_where(by_xlsx.to_dict(), by_csv.to_dict())
    assert {a.status for a in by_xlsx.assessments} != {pt.Status.NO_DATA}
    origins = {o.origin for o in from_xlsx}
    assert f"{tmp_path / 'filled.xlsx'}[2025]:2" in origins  # sheet 2025, row 2


def test_the_command_line_writes_and_reads_a_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "collect.xlsx"  # the format follows the name
    assert main(["template", str(PLAN), "--period", "2025", "--output", str(target)]) == 0
    filled, equivalent = fill(target.read_bytes())
    target.write_bytes(filled)
    (tmp_path / "same.csv").write_text(equivalent, encoding="utf-8")
    reports = []
    for data in (target, tmp_path / "same.csv"):
        capsys.readouterr()
        code = main(["evaluate", str(PLAN), str(data), "--as-of", "2026-01-01", "--format", "json"])
        captured = capsys.readouterr()
        assert (code, captured.err) == (0, "")
        reports.append(captured.out)
    assert _same_but_where(json.loads(reports[0]), json.loads(reports[1]))
    statuses = {a["status"] for a in json.loads(reports[0])["assessments"]}
    assert statuses - {"no_data", "not_started"}  # the data was read and judged


def test_the_template_layout(tmp_path: Path) -> None:
    plan = pt.load_plan(PLAN)
    book = openpyxl.load_workbook(io.BytesIO(xlsx_template(plan, ["2025", 2024, 2025])))
    assert book.sheetnames == [README_SHEET, "2025", "2024", LISTS_SHEET]
    sheet = book["2025"]
    header = [cell.value for cell in sheet[1]]
    assert set(header) == {*TEMPLATE_COLUMNS, *HEADER}
    rows = [
        dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    expected = [(r.measure, r.unit or "") for r in plan.expected_reports(dt.date(2025, 12, 31))]
    assert [(row["measure"], row["unit"] or "") for row in rows] == expected
    first = rows[0]
    assert first["unit_name"] == plan.units[first["unit"]].name  # names beside ids
    assert first["kind"] == "có/không - yes/no"
    assert {row["period"] for row in rows} == {"2025"}
    assert all(row["value"] is None for row in rows)
    value_column = "ABCDEFGHIJ"[header.index("value")]
    lists = {
        v.formula1: {str(r) for r in v.sqref.ranges} for v in sheet.data_validations.dataValidation
    }
    yes_no = lists[f"'{LISTS_SHEET}'!$A$2:$A$3"]
    booleans = {
        f"{value_column}{n}" for n, row in enumerate(rows, 2) if row["kind"].endswith("yes/no")
    }
    assert yes_no == booleans
    assert [c.value for c in book[LISTS_SHEET]["A"]][1:3] == ["true", "false"]
    unit_ids = [c.value for c in book[LISTS_SHEET]["B"][1:] if c.value]
    assert unit_ids == list(plan.units)
    readme = " ".join(str(c.value) for c in book[README_SHEET]["A"] if c.value)
    assert plan.id in readme
    assert "2025, 2024" in readme


def test_the_template_describes_measures_and_checks_their_ranges() -> None:
    speed = pt.Measure(
        "mobile-speed", "Tốc độ di động", name_en="Mobile speed", unit_of_measure="Mb/s",
        kind="number", min=0, max=Fraction(5001, 2),
    )  # fmt: skip
    online = pt.Measure("online-share", "Tỷ lệ trực tuyến", kind="share")
    plan = pt.Plan(
        "p", "1/KH", "Plan", "UBND", dt.date(2024, 1, 1), dt.date(2024, 1, 1),
        targets=[
            pt.Target("speed", "Speed", pt.Level("mobile-speed"), [pt.Milestone(2025, ">= 36")]),
            pt.Target("online", "Online", pt.Level("online-share"), [pt.Milestone(2025, ">= 1/2")]),
        ],
        measure_descriptions=[speed, online],
    )  # fmt: skip
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_template(plan, [2025])))["2025"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [(r["measure_name"], r["unit_of_measure"], r["kind"]) for r in rows] == [
        ("Tốc độ di động / Mobile speed", "Mb/s", "số - number"),
        ("Tỷ lệ trực tuyến", None, "tỷ lệ - share (0-100%)"),
    ]
    value = "ABCDEFGHIJ"[header.index("value")]
    checks = {
        str(v.sqref): (v.type, v.operator, v.formula1, v.formula2)
        for v in sheet.data_validations.dataValidation
    }
    assert checks == {
        f"{value}2": ("decimal", "between", "0", "2500.5"),
        f"{value}3": ("decimal", "between", "0", "1"),
    }


def test_a_template_needs_a_period() -> None:
    with pytest.raises(ValueError, match="at least one period"):
        xlsx_template(pt.load_plan(PLAN), [])


# --- reading cells -------------------------------------------------------------------------


def test_cells_are_read_as_people_see_them(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "data.xlsx",
        [
            ["# Illustrative figures."],
            [],
            HEADER,
            ["revenue", "magazine", 2025, 1.125, "Sở TT&TT", dt.datetime(2025, 12, 10)],
            ["revenue", "merged", "2025", 1250.0, None, "10/12/2025"],
            ["share", None, 2025, 0.385, "a, b", None],
            ["publishes-online", "merged", 2025, True, "line one\nline two", None],
            [None, None, None, None, None, None],
            ["consumption", None, dt.datetime(2025, 12, 31), -0.5, None, None],
        ],
    )
    log = pt.load_observations(path)
    assert log.notes == ("Illustrative figures.",)
    found = {(o.measure, o.unit): o for o in log}
    assert found[("revenue", "magazine")].value == Fraction(9, 8)  # never read as 1125
    assert found[("revenue", "magazine")].recorded == dt.date(2025, 12, 10)
    assert found[("revenue", "merged")].value == 1250
    assert found[("share", None)].value == Fraction(77, 200)
    assert found[("share", None)].source == "a, b"
    assert found[("publishes-online", "merged")].value is True
    assert found[("publishes-online", "merged")].source == "line one line two"
    assert found[("consumption", None)].period == pt.Period.parse("2025-12-31")
    assert found[("consumption", None)].value == Fraction(-1, 2)
    assert found[("revenue", "magazine")].origin == f"{path}[2025]:4"


def test_empty_sheets_and_template_sheets_are_skipped(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = README_SHEET
    book.active.append(["# not data", "merged below"])
    book.active.merge_cells("A3:B3")
    book.create_sheet("Sheet2")
    data = book.create_sheet("data")
    data.append(HEADER)
    data.append(["new-articles", None, 2025, 18250, None, None])
    book.save(tmp_path / "book.xlsx")
    (observation,) = pt.load_observations(tmp_path / "book.xlsx")
    assert observation.value == 18250


def test_a_workbook_from_a_stream() -> None:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(["new-articles", None, 2025, 18250, None, None])
    stream = io.BytesIO()
    book.save(stream)
    stream.seek(0)
    stream.name = "upload.xlsx"  # type: ignore[attr-defined]
    (observation,) = pt.load_observations(stream)
    assert observation.origin == "upload.xlsx[Sheet]:2"


# --- bad workbooks -------------------------------------------------------------------------


def problems(path: Path) -> list[str]:
    with pytest.raises(pt.DataError) as error:
        pt.load_observations(path)
    return [str(problem) for problem in error.value.problems]


def test_a_wrong_header_is_located_by_cell(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "data.xlsx",
        [["measure", "unit", "periode", "value"], ["new-articles", None, 2025, 1]],
        title="Số liệu 2025",
    )
    assert problems(path) == [
        f"{path}:'Số liệu 2025'!C1: unknown column 'periode' (did you mean 'period'?); "
        "the columns are measure, unit, period, value, source, recorded",
        f"{path}:'Số liệu 2025'!A1:D1: missing column period "
        "(the header is measure,unit,period,value,source,recorded)",
    ]


def test_every_cell_problem_in_one_pass(tmp_path: Path) -> None:
    path = tmp_path / "data.xlsx"
    workbook(
        path,
        [
            HEADER,
            ["new-articles", None, 2025, "#DIV/0!", None, None],  # a formula's error
            ["new-articles", None, 2026, "=1/0", None, None],  # never computed
            ["new-articles", None, "2027-13", "lots", None, None, "stray"],
            ["revenue", "a", 2025, 1, "merged", None],
        ],
    )
    book = openpyxl.load_workbook(path)
    book.active.merge_cells("E5:F5")
    book.save(path)
    assert problems(path) == [
        f"{path}:'2025'!E5:F5: merged cells (E5:F5): unmerge them, one value a cell",
        f"{path}:'2025'!D2: the formula gives the error #DIV/0!",
        f"{path}:'2025'!D3: the formula =1/0 has no saved value: open and save the workbook in a "
        "spreadsheet program, or type the value",
        f"{path}:'2025'!G4: a value under no column header: name the column or move the value",
        f"{path}:'2025'!C4: period: {problem_text('period', '2027-13')}",
        f"{path}:'2025'!D4: value: {problem_text('value', 'lots')}",
    ]


def problem_text(column: str, text: str) -> str:
    """The reader's own message for a bad cell text in ``column``, as CSV gives it."""
    row = {"measure": "m", "unit": "", "period": "2025", "value": "1", column: text}
    csv_text = ",".join(HEADER[:4]) + "\n" + ",".join(row[c] for c in HEADER[:4]) + "\n"
    with pytest.raises(pt.DataError) as error:
        pt.io.loads_observations(csv_text)
    (problem,) = error.value.problems
    return problem.message


def test_a_damaged_workbook(tmp_path: Path) -> None:
    path = tmp_path / "data.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip archive")
    (problem,) = problems(path)
    assert problem.startswith(f"{path}: not a readable .xlsx workbook (")


def test_a_workbook_without_data(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.save(tmp_path / "empty.xlsx")
    assert problems(tmp_path / "empty.xlsx") == [
        f"{tmp_path / 'empty.xlsx'}: the workbook has no sheet with data"
    ]
    sheets, found = read_workbook((tmp_path / "empty.xlsx").read_bytes(), "empty.xlsx")
    assert (sheets, len(found)) == ([], 1)


def test_a_sheet_without_a_header(tmp_path: Path) -> None:
    path = workbook(tmp_path / "notes.xlsx", [["# only a note"]])
    assert problems(path) == [
        f"{path}:'2025'!A1: no header row (expected measure,unit,period,value,source,recorded)"
    ]


# --- without the extra ---------------------------------------------------------------------


def test_without_openpyxl_one_error_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workbook(tmp_path / "data.xlsx", [HEADER])
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now fails
    with pytest.raises(ImportError, match=r"pip install 'policytargets\[excel\]'"):
        pt.load_observations(path)
    with pytest.raises(ImportError, match=r"pip install 'policytargets\[excel\]'"):
        xlsx_template(pt.load_plan(PLAN), [2025])
    code = main(["evaluate", str(PLAN), str(path), "--as-of", "2026-01-01"])
    err = capsys.readouterr().err
    assert (code, err) == (
        1,
        f"{path}: reading an .xlsx workbook needs the optional extra: {EXCEL_EXTRA}\n",
    )
    code = main(["template", str(PLAN), "--period", "2025", "--output", str(tmp_path / "t.xlsx")])
    assert code == 1
    assert capsys.readouterr().err == (
        f"writing an .xlsx template needs the optional extra: {EXCEL_EXTRA}\n"
    )
    assert not (tmp_path / "t.xlsx").exists()
