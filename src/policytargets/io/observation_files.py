"""Observation files: CSV, one observation a row, every bad row reported with its line.

The format (``measure,unit,period,value,source,recorded``) is the contract of DESIGN.md:
UTF-8 with or without a byte-order mark, a header row whose columns may come in any order
(``source`` and ``recorded`` may be left out), values exact (``true``, ``18250``, ``"66,7%"``).
Lines starting with ``#`` before the header are notes that travel with the data (for example
"the figures are illustrative"); reports show them. A row whose value is left empty (a
collection template's row not yet filled in) means "not reported": it gives no observation,
and a note names its lines, so that nothing is dropped unseen.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
from pathlib import Path

from policytargets.errors import DataError, Problem
from policytargets.observations import Observation, ObservationLog
from policytargets.periods import Period, parse_date
from policytargets.quantities import parse_value

__all__ = ["COLUMNS", "load_observations", "loads_observations"]

COLUMNS = ("measure", "unit", "period", "value", "source", "recorded")
"""The columns of an observation file, in the order templates write them.

.. versionadded:: 0.1.0
"""

_REQUIRED = ("measure", "unit", "period", "value")


def load_observations(*paths: str | os.PathLike[str]) -> ObservationLog:
    """Read observation CSV files into one log.

    Several files are merged: a row in one file may revise a row in another (a later
    ``recorded`` date), and rows that conflict are reported whichever files they are in.

    Args:
        paths: The CSV files.

    Returns:
        The observations of every file, with the notes of every file.

    Raises:
        DataError: A row is invalid (an unknown period, a bad value, a missing measure, the
            wrong number of fields), or two rows conflict. Every problem of every file is
            listed, each with its file and line.
        OSError: A file cannot be read.

    .. versionadded:: 0.1.0
    """
    observations: list[Observation] = []
    notes: list[str] = []
    problems: list[Problem] = []
    for path in paths:
        name = os.fspath(path)
        raw = Path(path).read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            problems.append(Problem(f"not UTF-8 text ({error.reason})", file=name, line=line))
            continue
        read = _read(text, name)
        observations.extend(read.observations)
        notes.extend(read.notes)
        problems.extend(read.problems)
    return _log(observations, notes, problems)


def loads_observations(text: str, *, name: str = "<string>") -> ObservationLog:
    """Read observations from the text of a CSV file.

    Args:
        text: The CSV text (a leading byte-order mark is ignored).
        name: The file name to show in problems and in each observation's ``origin``.

    Raises:
        DataError: Every invalid row and every conflict, each with its line.

    >>> from policytargets.io import loads_observations
    >>> log = loads_observations('''# Illustrative figures.
    ... measure,unit,period,value
    ... revenue,bao-vinh-long,2024,"66,7%"
    ... ''', name="data.csv")
    >>> [(o.value, o.origin) for o in log], log.notes
    ([(Fraction(667, 1000), 'data.csv:3')], ('Illustrative figures.',))

    .. versionadded:: 0.1.0
    """
    read = _read(text.removeprefix("\ufeff"), name)
    return _log(read.observations, read.notes, read.problems)


def _log(
    observations: list[Observation], notes: list[str], problems: list[Problem]
) -> ObservationLog:
    try:
        log = ObservationLog(observations, notes=tuple(dict.fromkeys(notes)))
    except DataError as error:  # conflicts, reported with the rows' problems
        problems = [*problems, *error.problems]
        log = ObservationLog()
    if problems:
        raise DataError(problems)
    return log


class _Read:
    def __init__(self) -> None:
        self.observations: list[Observation] = []
        self.notes: list[str] = []
        self.problems: list[Problem] = []
        self.unreported: list[int] = []  # lines of rows whose value was left empty


def _read(text: str, name: str) -> _Read:
    read = _Read()
    # Split as csv does (\n, \r\n or \r), so that line numbers agree with its count.
    lines = list(io.StringIO(text, newline=""))
    first = 0
    while first < len(lines) and (
        lines[first].lstrip().startswith("#") or not lines[first].strip()
    ):
        note = lines[first].strip().removeprefix("#").strip()
        if note:
            read.notes.append(note)
        first += 1
    if first == len(lines):
        read.problems.append(
            Problem(f"no header row (expected {','.join(COLUMNS)})", file=name, line=first or 1)
        )
        return read
    reader = csv.reader(lines[first:], strict=True)
    try:
        header = next(reader)
    except csv.Error as error:
        read.problems.append(Problem(f"bad CSV: {error}", file=name, line=first + 1))
        return read
    columns = _columns(header, name, first + 1, read.problems)
    if columns is None:
        return read
    end = reader.line_num  # csv's count of lines after the notes, at the end of a row
    while True:
        start = first + end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            read.problems.append(Problem(f"bad CSV: {error}", file=name, line=start))
            end = reader.line_num
            continue
        end = reader.line_num
        if not any(field.strip() for field in row):
            continue  # a blank line, or a spreadsheet's row of empty cells
        observation = _row(
            row, columns, name, start, problems=read.problems, unreported=read.unreported
        )
        if observation is not None:
            read.observations.append(observation)
    if read.unreported:
        lines_text = ", ".join(str(line) for line in read.unreported)
        count = len(read.unreported)
        read.notes.append(
            f"{name}: {count} row{'s' if count > 1 else ''} with no value, read as not "
            f"reported (line{'s' if count > 1 else ''} {lines_text})"
        )
    return read


def _columns(header: list[str], name: str, line: int, problems: list[Problem]) -> list[str] | None:
    columns = [column.strip() for column in header]
    found: list[Problem] = []
    seen: set[str] = set()
    for column in columns:
        if column in seen and column in COLUMNS:
            if not any(p.path == column for p in found):
                found.append(Problem("the column appears twice", column, file=name, line=line))
        elif column not in COLUMNS:
            close = difflib.get_close_matches(column, COLUMNS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            found.append(
                Problem(
                    f"unknown column {column!r}{hint}; the columns are {', '.join(COLUMNS)}",
                    file=name,
                    line=line,
                )
            )
        seen.add(column)
    missing = [column for column in _REQUIRED if column not in columns]
    if missing:
        found.append(
            Problem(
                f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                f"(the header is {','.join(COLUMNS)})",
                file=name,
                line=line,
            )
        )
    problems.extend(found)
    return None if found else columns


def _row(
    row: list[str],
    columns: list[str],
    name: str,
    line: int,
    *,
    problems: list[Problem],
    unreported: list[int],
) -> Observation | None:
    def problem(message: str, column: str = "") -> None:
        problems.append(Problem(message, column, file=name, line=line))

    if len(row) != len(columns):
        problem(f"expected {len(columns)} fields, found {len(row)}")
        return None
    fields = {column: field.strip() for column, field in zip(columns, row, strict=True)}
    before = len(problems)
    measure = fields["measure"]
    if not measure:
        problem("missing measure", "measure")
    elif measure.startswith("#"):
        problem("a note (#) may only come before the header row", "measure")
    period: Period | None = None
    if not fields["period"]:
        problem("missing period", "period")
    else:
        try:
            period = Period.parse(fields["period"])
        except ValueError as error:
            problem(str(error), "period")
    value = None
    if not fields["value"]:
        # A collection template's row that was not filled in: the unit has not reported.
        if len(problems) == before:
            unreported.append(line)
    else:
        try:
            value = parse_value(fields["value"])
        except ValueError as error:
            problem(str(error), "value")
    recorded = None
    if fields.get("recorded"):
        try:
            recorded = parse_date(fields["recorded"])
        except ValueError as error:
            problem(str(error), "recorded")
    if len(problems) > before or period is None or value is None:
        return None
    return Observation(
        measure,
        fields["unit"] or None,
        period,
        value,
        source=fields.get("source", ""),
        recorded=recorded,
        origin=f"{name}:{line}",
    )
