"""Spreadsheets: observation data in ``.xlsx`` workbooks, and ``.xlsx`` collection templates.

Both need the optional extra ``policytargets[excel]`` (openpyxl), imported only when a workbook
is read or written; without it they raise an :class:`ImportError` that names the extra.

**Reading.** Each sheet of a workbook is read as one observation file (see
:func:`policytargets.load_observations`), through the same reader as CSV: rows starting
with ``#`` before the header are notes, the header names the columns (in any order), each
later row is one observation. A template's own help columns (:data:`TEMPLATE_COLUMNS`) and
its read-me and list sheets are skipped. Cells are read as a person sees them: numbers exactly
as their shortest decimal (a cell showing ``70%`` holds 0.7, which is 70%), dates as dates,
``TRUE``/``FALSE`` as yes/no. A problem is located by sheet and cell
(``data.xlsx:'2025'!H4: value: ...``): a wrong header, merged cells, a formula that yields an
error (``#DIV/0!``), a value under no header. Observations read from a sheet name it in their
origin, ``data.xlsx[2025]:4`` being row 4 of sheet ``2025``.

**Writing.** :func:`xlsx_template` writes a collection template: a read-me sheet, one sheet per
period with the rows the plan needs (the same rows as
:func:`policytargets.io.collection_template`), each row with the unit's name and the
measure's kind beside the ids, drop-down lists for yes/no values and for units, and a sheet of
those lists. A filled-in template evaluates directly.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from policytargets.errors import Problem
from policytargets.io.observation_files import COLUMNS, TEMPLATE_TITLE
from policytargets.periods import Period
from policytargets.plan import Plan

if TYPE_CHECKING:
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    from policytargets.measures import Measure

__all__ = [
    "EXCEL_EXTRA",
    "LISTS_SHEET",
    "README_SHEET",
    "TEMPLATE_COLUMNS",
    "WorkbookSheet",
    "is_workbook",
    "read_workbook",
    "xlsx_template",
]

EXCEL_EXTRA = "pip install 'policytargets[excel]'"
"""How to install what reading and writing ``.xlsx`` workbooks needs.

.. versionadded:: 0.2.0
"""

README_SHEET = "Đọc trước - Read me"
"""The name of a template's read-me sheet (skipped when a workbook is read).

.. versionadded:: 0.2.0
"""

LISTS_SHEET = "Danh mục - Lists"
"""The name of a template's sheet of drop-down lists (skipped when a workbook is read).

.. versionadded:: 0.2.0
"""

TEMPLATE_COLUMNS = ("measure_name", "unit_of_measure", "kind", "unit_name")
"""A template's help columns, for the people who fill it in; reading skips them.

.. versionadded:: 0.2.0
"""

_LAYOUT = (
    "measure",
    "measure_name",
    "unit_of_measure",
    "kind",
    "unit",
    "unit_name",
    "period",
    "value",
    "source",
    "recorded",
)
_KIND_TEXT = {
    "boolean": "có/không - yes/no",
    "number": "số - number",
    "share": "tỷ lệ - share (0-100%)",
}
_YES_NO = ("true", "false")
_ZIP_MAGIC = b"PK\x03\x04"


def is_workbook(data: bytes) -> bool:
    """Whether ``data`` begins like an ``.xlsx`` workbook (a zip archive).

    .. versionadded:: 0.2.0
    """
    return data.startswith(_ZIP_MAGIC)


def _openpyxl(what: str) -> Any:
    try:
        import openpyxl  # noqa: PLC0415 - an optional extra, imported when a workbook is used
    except ImportError:
        raise ImportError(f"{what} needs the optional extra: {EXCEL_EXTRA}") from None
    return openpyxl


class WorkbookSheet:
    """One sheet of a workbook as the text of an observation file, and how to locate problems.

    Attributes:
        name: The name the reader gives the sheet's rows (``data.xlsx[2025]``); row ``n`` of
            the sheet is line ``n`` of ``text``.
        text: CSV text with the sheet's observation columns.

    .. versionadded:: 0.2.0
    """

    def __init__(self, name: str, text: str, locate: Callable[[Problem], Problem]) -> None:
        self.name = name
        self.text = text
        self._locate = locate

    def locate(self, problem: Problem) -> Problem:
        """The problem located by sheet and cell, if the reader found it in this sheet."""
        return self._locate(problem) if problem.file == self.name else problem


def read_workbook(data: bytes, name: str) -> tuple[list[WorkbookSheet], list[Problem]]:
    """The data sheets of an ``.xlsx`` workbook, and the problems found in its cells.

    Args:
        data: The workbook's bytes.
        name: The file name to show in problems.

    Returns:
        Each data sheet, to be read as an observation file, and every problem the cells show
        by themselves (merged cells, formulas yielding errors, values under no header).

    Raises:
        ImportError: openpyxl is not installed; the message names the extra.

    .. versionadded:: 0.2.0
    """
    openpyxl = _openpyxl(f"{name}: reading an .xlsx workbook")
    try:
        # The values a spreadsheet program computed and saved, and the formulas behind them.
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data))
    except Exception as error:  # openpyxl raises many kinds of error for a damaged file
        return [], [Problem(f"not a readable .xlsx workbook ({error})", file=name)]
    sheets: list[WorkbookSheet] = []
    problems: list[Problem] = []
    for sheet, formula_sheet in zip(book.worksheets, formulas.worksheets, strict=True):
        if sheet.title in (README_SHEET, LISTS_SHEET):
            continue
        read = _sheet(sheet, formula_sheet, name, problems)
        if read is not None:
            sheets.append(read)
    if not sheets and not problems:
        problems.append(Problem("the workbook has no sheet with data", file=name))
    return sheets, problems


def _sheet(
    sheet: Worksheet, formula_sheet: Worksheet, book: str, problems: list[Problem]
) -> WorkbookSheet | None:
    from openpyxl.utils import get_column_letter, quote_sheetname  # noqa: PLC0415

    reference = quote_sheetname(sheet.title)

    def where(cells: str) -> str:
        return f"{book}:{reference}!{cells}"

    for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        problems.append(
            Problem(
                f"merged cells ({merged.coord}): unmerge them, one value a cell",
                file=where(merged.coord),
            )
        )
    rows = list(sheet.iter_rows())
    if not any(cell.value is not None for row in rows for cell in row):
        return None  # an empty sheet, such as a new workbook's "Sheet2"
    lines: list[str] = []
    header_row = 0
    kept: list[int] = []  # the 0-based columns passed to the reader, in order
    helpers: set[int] = set()  # a template's help columns
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for number, row in enumerate(rows, 1):
        texts = [_text(cell.value) for cell in row]
        _formulas(row, texts, formula_sheet, where, problems)
        if not header_row:
            filled = [text for text in texts if text.strip()]
            if not filled or filled[0].lstrip().startswith("#"):
                lines.append(" ".join(filled))  # a note (or a blank line) before the header
                continue
            header_row = number
            names = [text.strip() for text in texts]
            helpers = {index for index, text in enumerate(names) if text in TEMPLATE_COLUMNS}
            kept = [index for index, text in enumerate(names) if text and index not in helpers]
        else:
            for index, text in enumerate(texts):
                if text.strip() and index not in kept and index not in helpers:
                    problems.append(
                        Problem(
                            "a value under no column header: name the column or move the value",
                            file=where(f"{get_column_letter(index + 1)}{number}"),
                        )
                    )
        # One line a row, so that the reader's line numbers are the sheet's row numbers.
        writer.writerow([" ".join(texts[index].splitlines()) for index in kept])
        lines.append(buffer.getvalue().rstrip("\n"))
        buffer.seek(0)
        buffer.truncate()
    if not header_row:
        problems.append(Problem(f"no header row (expected {','.join(COLUMNS)})", file=where("A1")))
        return None
    header = [_text(cell.value).strip() for cell in rows[header_row - 1]]
    letters = {header[index]: get_column_letter(index + 1) for index in reversed(kept)}
    last = get_column_letter(max(kept) + 1 if kept else 1)
    name = f"{book}[{sheet.title}]"

    def locate(problem: Problem) -> Problem:
        line = problem.line
        if line is None:
            return Problem(problem.message, problem.path, file=f"{book}:{reference}")
        if line == header_row:
            # The header cell the problem quotes ("unknown column 'measur'"), else the row.
            quoted = (text for text in letters if repr(text) in problem.message)
            column = next(quoted, None) or problem.path
            cells = f"{letters[column]}{line}" if column in letters else f"A{line}:{last}{line}"
        elif problem.path in letters:
            cells = f"{letters[problem.path]}{line}"
        else:
            cells = f"A{line}:{last}{line}"
        return Problem(problem.message, problem.path, file=where(cells))

    return WorkbookSheet(name, "\n".join(lines) + "\n", locate)


def _formulas(
    row: Sequence[Any],
    texts: list[str],
    formula_sheet: Worksheet,
    where: Callable[[str], str],
    problems: list[Problem],
) -> None:
    """Report the row's formulas that give an error or have no saved value (and empty them)."""
    for index, cell in enumerate(row):
        if cell.data_type == "e":
            problems.append(
                Problem(f"the formula gives the error {texts[index]}", file=where(cell.coordinate))
            )
            texts[index] = ""
        elif cell.value is None:
            formula = formula_sheet[cell.coordinate]
            if formula.data_type == "f":
                problems.append(
                    Problem(
                        f"the formula {formula.value} has no saved value: open and save the "
                        "workbook in a spreadsheet program, or type the value",
                        file=where(cell.coordinate),
                    )
                )


def _text(value: object) -> str:
    """A cell's value as the text an observation file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return _decimal(Decimal(repr(value)))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _decimal(number: Decimal) -> str:
    """A decimal written so that no reading of separators can mistake it.

    ``1.125`` could be read as 1125 with ``.`` grouping thousands; ``1.1250`` cannot.
    """
    text = format(number.normalize(), "f")
    whole, _, fraction = text.partition(".")
    if len(fraction) == 3 and whole.lstrip("-") != "0":
        text += "0"
    return text


def xlsx_template(plan: Plan, periods: Iterable[Period | int | str]) -> bytes:
    """An ``.xlsx`` collection template for ``periods``: one sheet per period, values empty.

    Each period's sheet has one row per measure and unit the plan reads (see
    :meth:`policytargets.Plan.expected_reports`), with the unit's name, and the measure's
    kind: yes/no values get a drop-down of ``true`` and ``false``, units a drop-down of the
    plan's units. A read-me sheet says how to fill it in. Read the filled-in workbook with
    :func:`policytargets.load_observations`.

    Args:
        plan: The plan.
        periods: The periods, one sheet each, in the order given (duplicates once).

    Returns:
        The workbook's bytes.

    Raises:
        ImportError: openpyxl is not installed; the message names the extra.
        ValueError: No period is given, or one is not a period.

    .. versionadded:: 0.2.0
    """
    openpyxl = _openpyxl("writing an .xlsx template")
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import quote_sheetname  # noqa: PLC0415

    chosen = list(dict.fromkeys(Period.parse(period) for period in periods))
    if not chosen:
        raise ValueError("a template needs at least one period")
    units = plan.units
    book = openpyxl.Workbook()
    readme = book.active
    readme.title = README_SHEET
    bold = Font(bold=True)
    for line in _readme_lines(plan, chosen):
        readme.append([line])
    readme["A1"].font = Font(bold=True, size=14)
    readme.column_dimensions["A"].width = 110

    lists = book.create_sheet(LISTS_SHEET)
    lists.append(["yes/no", "unit", "unit_name"])
    unit_ids = list(units)
    for index in range(max(len(_YES_NO), len(unit_ids))):
        answer = _YES_NO[index] if index < len(_YES_NO) else None
        unit = units[unit_ids[index]] if index < len(unit_ids) else None
        lists.append([answer, unit.id if unit else None, unit.name if unit else None])
    for cell in lists[1]:
        cell.font = bold
    lists_ref = quote_sheetname(LISTS_SHEET)
    yes_no_list = f"{lists_ref}!$A$2:$A${len(_YES_NO) + 1}"
    unit_list = f"{lists_ref}!$B$2:$B${max(len(unit_ids), 1) + 1}"

    for period in chosen:
        sheet = book.create_sheet(str(period), index=len(book.sheetnames) - 1)
        _period_sheet(sheet, plan, period, yes_no_list, unit_list)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _period_sheet(
    sheet: Worksheet, plan: Plan, period: Period, yes_no_list: str, unit_list: str
) -> None:
    """Fill one period's sheet: the header, a row per measure and unit, the drop-downs."""
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    kinds = plan.measures()
    units = plan.units
    bold = Font(bold=True)
    column = {name: get_column_letter(index) for index, name in enumerate(_LAYOUT, 1)}
    sheet.append(list(_LAYOUT))
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    yes_no = DataValidation(
        type="list", formula1=yes_no_list, allow_blank=True, showErrorMessage=True
    )
    yes_no.error = "true / false"
    unit_choice = DataValidation(
        type="list", formula1=unit_list, allow_blank=True, showErrorMessage=True
    )
    ranges: dict[tuple[Fraction | None, Fraction | None], DataValidation] = {}
    rows = [(r.measure, r.unit) for r in plan.expected_reports(period.end)]
    for number, (measure, unit_id) in enumerate(rows, 2):
        described = plan.measure(measure)
        kind: str = kinds.get(measure, "number")
        if described is not None and described.kind is not None:
            kind = described.kind
        unit = units.get(unit_id) if unit_id else None
        sheet.append(
            [
                measure,
                _both(described.name, described.name_en) if described else measure,
                _both(described.unit_of_measure, described.unit_of_measure_en) if described else "",
                _KIND_TEXT[kind],
                unit_id or "",
                unit.name if unit else "(toàn kế hoạch - plan-wide)",
                str(period),
                None,
                None,
                None,
            ]
        )
        if kind == "boolean":
            yes_no.add(f"{column['value']}{number}")
        bounds = _bounds(kind, described)
        if bounds != (None, None):
            if bounds not in ranges:
                ranges[bounds] = _range_validation(DataValidation, *bounds)
            ranges[bounds].add(f"{column['value']}{number}")
        if unit_id:
            unit_choice.add(f"{column['unit']}{number}")
    for validation in (yes_no, unit_choice, *ranges.values()):
        if validation.sqref:
            sheet.add_data_validation(validation)
    widths = {"measure": 28, "measure_name": 32, "unit": 24, "unit_name": 36, "source": 30}
    for name, width in widths.items():
        sheet.column_dimensions[column[name]].width = width
    for name in ("unit_of_measure", "kind", "period", "value", "recorded"):
        sheet.column_dimensions[column[name]].width = 16


def _both(text: str | None, text_en: str | None) -> str:
    """A text and its English version, once each: ``Doanh thu / Revenue``."""
    return " / ".join(dict.fromkeys(t for t in (text, text_en) if t))


def _bounds(kind: str, described: Measure | None) -> tuple[Fraction | None, Fraction | None]:
    """The range a value must lie in: a share's 0 to 100%, a described measure's min and max."""
    if kind == "share":
        return Fraction(0), Fraction(1)
    if kind == "boolean" or described is None:
        return None, None
    return described.min, described.max


def _range_validation(
    validation: type[DataValidation], low: Fraction | None, high: Fraction | None
) -> DataValidation:
    """A spreadsheet check that a number lies in ``[low, high]`` (either may be open)."""
    if low is not None and high is not None:
        made = validation(
            type="decimal", operator="between", formula1=_excel(low), formula2=_excel(high)
        )
        message = f"{_excel(low)} - {_excel(high)}"
    elif low is not None:
        made = validation(type="decimal", operator="greaterThanOrEqual", formula1=_excel(low))
        message = f">= {_excel(low)}"
    else:
        made = validation(type="decimal", operator="lessThanOrEqual", formula1=_excel(high))
        message = f"<= {_excel(high)}"
    made.allow_blank = True
    made.showErrorMessage = True
    made.error = message
    return made


def _excel(number: Fraction | None) -> str:
    """A number as a spreadsheet formula reads it (exact where it has a short decimal)."""
    assert number is not None  # noqa: S101 - the callers pass a bound that is set
    return _decimal(Decimal(number.numerator) / Decimal(number.denominator))


def _readme_lines(plan: Plan, periods: Sequence[Period]) -> list[str]:
    named = f"{plan.id} ({plan.number})" if plan.number else plan.id
    listed = ", ".join(str(period) for period in periods)
    return [
        f"{TEMPLATE_TITLE}: {named}",
        plan.title,
        f"Kỳ / Periods: {listed}",
        "",
        "Tiếng Việt",
        "- Mỗi kỳ một trang. Mỗi dòng là một chỉ số của một đơn vị: điền cột value, và nếu có, "
        "source (nguồn) và recorded (ngày ghi nhận).",
        "- Chỉ số có/không: chọn true hoặc false trong danh sách. Chỉ số là số: ghi số "
        "(70% hoặc 0,7 đều được).",
        "- Không sửa dòng tiêu đề, không gộp ô. Dòng để trống được hiểu là đơn vị chưa báo cáo.",
        "- Các cột measure_name, unit_of_measure, kind và unit_name chỉ để tham khảo.",
        "",
        "English",
        "- One sheet per period. Each row is one measure of one unit: fill in value, and where "
        "known source and recorded (the date it was recorded).",
        "- Yes/no measures: choose true or false from the list. Numbers: type the number "
        "(70% and 0.7 are the same).",
        "- Do not change the header row or merge cells. A row left empty means the unit has "
        "not reported.",
        "- The columns measure_name, unit_of_measure, kind and unit_name are there to help; "
        "they are not read.",
        "",
        "policytargets evaluate PLAN this-workbook.xlsx --as-of DATE",
    ]
