"""Observation files: CSV, one observation a row, every bad row reported with its line.

The format (``measure,unit,period,value,source,recorded``) is the contract of DESIGN.md:
UTF-8 with or without a byte-order mark, comma- or semicolon-separated (the header row tells
which), a header row whose columns may come in any order (``source`` and ``recorded`` may be
left out), values exact (``true``, ``18250``, ``"66,7%"``; see
:func:`policytargets.quantities.parse_data_number` for how numbers are read). Lines starting
with ``#`` before the header are notes that travel with the data (for example "the figures
are illustrative"); reports show them. One note is a declaration instead:
``# decimal = ","`` (or ``"."``) says which separator the file's decimals use, so that
``1.250`` is read without doubt. Text is NFC-normalised, so that ``có`` is the same word
however it was typed. A row whose value is left empty (a collection template's row not yet
filled in) means "not reported": it gives no observation, and a note names its lines, so that
nothing is dropped unseen.

The reader makes one pass with the standard :mod:`csv` module and builds no object per row:
each distinct period, value and date text is read once, and rows go straight into the
columns of an :class:`~policytargets.observations.ObservationLog`.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import gc
import io
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from policytargets.errors import DataError, Problem
from policytargets.io.spreadsheet import restore
from policytargets.observations import LogColumns, ObservationLog
from policytargets.periods import Period, parse_date
from policytargets.quantities import DecimalSeparator, Value, parse_data_value

__all__ = [
    "COLUMNS",
    "TEMPLATE_TITLE",
    "load_observations",
    "loads_observations",
    "read_observations",
]

COLUMNS = ("measure", "unit", "period", "value", "source", "recorded")
"""The columns of an observation file, in the order templates write them.

.. versionadded:: 0.1.0
"""

TEMPLATE_TITLE = "Mẫu thu thập số liệu / Data collection template"
"""How a collection template's title note begins; reading a filled-in template skips it, so
that it never comes back as a note of the data.

.. versionadded:: 0.2.0
"""

_REQUIRED = ("measure", "unit", "period", "value")
_DECLARATION = re.compile(r"^decimal\s*=\s*(?P<value>.*?)\s*$", re.IGNORECASE)
_SEPARATORS: dict[str, DecimalSeparator] = {'"."': ".", "'.'": ".", '","': ",", "','": ","}


def load_observations(*paths: str | os.PathLike[str] | BinaryIO) -> ObservationLog:
    """Read observation files (CSV, or ``.xlsx`` workbooks) into one log.

    Several files are merged: a row in one file may revise a row in another (a later
    ``recorded`` date), and rows that conflict are reported whichever files they are in.
    A workbook (recognised by its content, whatever its name) is read sheet by sheet through
    the same reader, with the optional extra ``policytargets[excel]``; see
    :mod:`policytargets.io.xlsx`.

    Args:
        paths: The files, or binary streams such as ``sys.stdin.buffer`` (named by their
            ``name`` attribute).

    Returns:
        The observations of every file, with the notes of every file.

    Raises:
        DataError: A row is invalid (an unknown period, a bad or ambiguous value, a missing
            measure, the wrong number of fields), or two rows conflict. Every problem of every
            file is listed, each with its file and line (its sheet and cell in a workbook).
        ImportError: A file is a workbook and openpyxl is not installed; the message names
            the extra.
        OSError: A file cannot be read.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 Binary streams and ``.xlsx`` workbooks.
    """
    log, problems = read_observations(*paths)
    if problems:
        raise DataError(problems)
    return log


def read_observations(
    *paths: str | os.PathLike[str] | BinaryIO,
) -> tuple[ObservationLog, tuple[Problem, ...]]:
    """Read observation files, keeping the valid rows and listing every problem.

    What :func:`load_observations` does without raising, so that a caller can report the
    files' problems together with what it finds next (for example rows the plan cannot use).

    Returns:
        The log of every valid row (of conflicting rows, the versions in the order read) and
        every problem, each with its file and line (its sheet and cell in a workbook).

    Raises:
        ImportError: A file is a workbook and openpyxl is not installed; the message names
            the extra.
        OSError: A file cannot be read.

    .. versionadded:: 0.2.0
    """
    reader = _Reader()
    locators: list[Callable[[Problem], Problem]] = []
    with _bulk_load():
        for path in paths:
            for name, text, locate in _texts(path, reader.problems):
                reader.read(text, name)
                if locate is not None:
                    locators.append(locate)
        log, problems = reader.log()
    for locate in locators:  # each locates the problems of its own sheet, by cell
        problems = tuple(map(locate, problems))
    return log, problems


def _texts(
    source: str | os.PathLike[str] | BinaryIO, problems: list[Problem]
) -> list[tuple[str, str, Callable[[Problem], Problem] | None]]:
    """The texts to read from a file or stream: its text, or each sheet of a workbook."""
    if isinstance(source, str | os.PathLike):
        name = os.fspath(source)
        raw = Path(source).read_bytes()
    else:
        name = str(getattr(source, "name", "<stream>"))
        raw = source.read()
    from policytargets.io import xlsx  # noqa: PLC0415 - it imports this module

    if xlsx.is_workbook(raw):
        sheets, found = xlsx.read_workbook(raw, name)
        problems.extend(found)
        return [(sheet.name, sheet.text, sheet.locate) for sheet in sheets]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(
                f"not UTF-8 text ({error.reason}); save the file as UTF-8 (CSV UTF-8 in a "
                "spreadsheet)",
                file=name,
                line=line,
            )
        )
        return []
    return [(name, text, None)]


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
    reader = _Reader()
    reader.read(text.removeprefix("\ufeff"), name)
    log, problems = reader.log()
    if problems:
        raise DataError(problems)
    return log


@contextmanager
def _bulk_load() -> Iterator[None]:
    """Pause the cyclic garbage collector while rows are read.

    A large file makes hundreds of thousands of objects that all survive; the collector would
    scan them again and again for cycles that cannot exist among them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Reader:
    """Reads files into shared columns; each distinct text is parsed once for all files."""

    def __init__(self) -> None:
        self.columns = LogColumns()
        self.notes: list[str] = []
        self.problems: list[Problem] = []
        self.strings: dict[str, str] = {}
        self.periods: dict[str, Period | str] = {}
        self.dates: dict[str, dt.date | str] = {}
        self.values: dict[DecimalSeparator | None, dict[str, Value | str]] = {}

    def log(self) -> tuple[ObservationLog, tuple[Problem, ...]]:
        problems = self.problems
        log = ObservationLog.from_columns(
            self.columns, notes=tuple(dict.fromkeys(self.notes)), problems=problems
        )
        return log, tuple(problems)

    def read(self, text: str, name: str) -> None:
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        stream = io.StringIO(text, newline="")  # lines split as csv splits them
        del text
        first = 0  # lines before the header
        decimal: DecimalSeparator | None = None
        position = stream.tell()
        line = stream.readline()
        while line and (line.lstrip().startswith("#") or not line.strip()):
            first += 1
            note = line.strip().removeprefix("#").strip()
            declared = _DECLARATION.match(note)
            if declared is not None:
                decimal = _SEPARATORS.get(declared["value"])
                if decimal is None:
                    self.problems.append(
                        Problem(
                            f"the decimal separator is declared as {declared['value']}; "
                            'declare # decimal = "." or # decimal = ","',
                            file=name,
                            line=first,
                        )
                    )
            elif note and not note.startswith(TEMPLATE_TITLE):
                self.notes.append(note)
            position = stream.tell()
            line = stream.readline()
        if not line:
            self.problems.append(
                Problem(f"no header row (expected {','.join(COLUMNS)})", file=name, line=first or 1)
            )
            return
        delimiter = ";" if line.count(";") > line.count(",") else ","
        stream.seek(position)
        self._rows(stream, name, first, delimiter, decimal)

    def _rows(  # noqa: PLR0915 - one flat loop over every row: the reader's hot path
        self,
        stream: io.StringIO,
        name: str,
        first: int,
        delimiter: str,
        decimal: DecimalSeparator | None,
    ) -> None:
        problems = self.problems
        reader = csv.reader(stream, delimiter=delimiter, strict=True)
        try:
            header = next(reader)
        except csv.Error as error:
            problems.append(Problem(f"bad CSV: {error}", file=name, line=first + 1))
            return
        columns = _columns(header, name, first + 1, problems)
        if columns is None:
            return
        width = len(columns)
        at = columns.index
        i_measure, i_unit, i_period, i_value = (at(c) for c in _REQUIRED)
        i_source = at("source") if "source" in columns else -1
        i_recorded = at("recorded") if "recorded" in columns else -1
        strings, periods, dates = self.strings, self.periods, self.dates
        values = self.values.setdefault(decimal, {})
        out = self.columns
        add_measure, add_unit, add_period = out.measure.append, out.unit.append, out.period.append
        add_value, add_source, add_recorded = (
            out.value.append,
            out.source.append,
            out.recorded.append,
        )
        add_file, add_line = out.file.append, out.line.append
        name = strings.setdefault(name, name)
        unreported: list[int] = []
        end = reader.line_num  # csv's count of lines after the notes, at the end of a row
        while True:
            start = first + end + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                problems.append(Problem(f"bad CSV: {error}", file=name, line=start))
                end = reader.line_num
                continue
            end = reader.line_num
            if len(row) != width:
                if any(field.strip() for field in row):
                    problems.append(
                        Problem(f"expected {width} fields, found {len(row)}", file=name, line=start)
                    )
                continue  # otherwise a blank line
            measure = row[i_measure].strip()
            if measure[:1] == "'":  # written by a template, against formula injection
                measure = restore(measure)
            period_text = row[i_period].strip()
            value_text = row[i_value].strip()
            recorded_text = row[i_recorded].strip() if i_recorded >= 0 else ""
            period = periods.get(period_text)
            if period is None:
                period = periods[period_text] = _period(period_text)
            value = values.get(value_text)
            if value is None:
                value = values[value_text] = _value(value_text, decimal)
            recorded: dt.date | str | None = None
            if recorded_text:
                recorded = dates.get(recorded_text)
                if recorded is None:
                    recorded = dates[recorded_text] = _date(recorded_text)
            if (
                not measure
                or measure[0] == "#"
                or period.__class__ is str
                or value.__class__ is str
                or recorded.__class__ is str
            ):
                if any(field.strip() for field in row):
                    self._bad_row(
                        measure=measure,
                        period=period,
                        value=value,
                        recorded=recorded,
                        name=name,
                        line=start,
                        unreported=unreported,
                    )
                continue
            unit = restore(row[i_unit].strip())
            source = row[i_source].strip() if i_source >= 0 else ""
            add_measure(strings.setdefault(measure, measure))
            add_unit(strings.setdefault(unit, unit) if unit else None)
            add_period(period)  # type: ignore[arg-type]  # not str: checked above
            add_value(value)  # type: ignore[arg-type]
            add_source(strings.setdefault(source, source))
            add_recorded(recorded)  # type: ignore[arg-type]
            add_file(name)
            add_line(start)
        if unreported:
            lines_text = ", ".join(str(line) for line in unreported)
            count = len(unreported)
            self.notes.append(
                f"{name}: {count} row{'s' if count > 1 else ''} with no value, read as not "
                f"reported (line{'s' if count > 1 else ''} {lines_text})"
            )

    def _bad_row(
        self,
        *,
        measure: str,
        period: Period | str,
        value: Value | str,
        recorded: dt.date | str | None,
        name: str,
        line: int,
        unreported: list[int],
    ) -> None:
        """Record every problem of a row that cannot be read (or note it as not reported)."""
        problems = self.problems
        before = len(problems)

        def problem(message: str, column: str) -> None:
            problems.append(Problem(message, column, file=name, line=line))

        if not measure:
            problem("missing measure", "measure")
        elif measure.startswith("#"):
            problem("a note (#) may only come before the header row", "measure")
        if isinstance(period, str):
            problem(period, "period")
        if value == _EMPTY:
            # A collection template's row that was not filled in: the unit has not reported.
            if len(problems) == before:
                unreported.append(line)
        elif isinstance(value, str):
            problem(value, "value")
        if isinstance(recorded, str):
            problem(recorded, "recorded")


_EMPTY = "\x00empty"  # the value cache's answer for an empty value text


def _period(text: str) -> Period | str:
    """The period, or what is wrong with the text (parsed once per distinct text)."""
    if not text:
        return "missing period"
    try:
        return Period.parse(text)
    except ValueError as error:
        return str(error)


def _value(text: str, decimal: DecimalSeparator | None) -> Value | str:
    if not text:
        return _EMPTY
    try:
        return parse_data_value(text, decimal)
    except ValueError as error:
        return str(error)


def _date(text: str) -> dt.date | str:
    try:
        return parse_date(text)
    except ValueError as error:
        return str(error)


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
