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

The reader builds no object per row: it takes a few hundred lines at a time, splits them into
fields with :meth:`str.split` when no field is quoted (exactly as the standard :mod:`csv`
module would) and with :mod:`csv` otherwise, and maps each column of fields through what each
distinct text reads as, in one call, straight into the columns of an
:class:`~policytargets.observations.ObservationLog`; each distinct period, value and date text
is read once. Rows among which one cannot be read are read again one by one, so that every
problem is found with its line. A file is decoded and read as it streams in, a megabyte at a
time, so that it is never held whole in memory.
"""

from __future__ import annotations

import codecs
import collections
import csv
import datetime as dt
import difflib
import functools
import io
import itertools
import os
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, TypeVar

from policytargets.errors import DataError, Problem, quoted
from policytargets.io._bulk import bulk_load as _bulk_load
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
            if isinstance(path, str | os.PathLike):
                with Path(path).open("rb") as stream:
                    _read_stream(reader, stream, os.fspath(path), locators)
            else:
                _read_stream(reader, path, str(getattr(path, "name", "<stream>")), locators)
        log, problems = reader.log()
    for locate in locators:  # each locates the problems of its own sheet, by cell
        problems = tuple(map(locate, problems))
    return log, problems


def _read_stream(
    reader: _Reader, stream: BinaryIO, name: str, locators: list[Callable[[Problem], Problem]]
) -> None:
    """Read a CSV file as it streams in, or each sheet of a workbook."""
    from policytargets.io import xlsx  # noqa: PLC0415 - it imports this module

    head = stream.read(_CHUNK)
    if not xlsx.is_workbook(head):
        reader.read_bytes(head, stream, name)
        return
    sheets, found = xlsx.read_workbook(head + stream.read(), name)
    reader.problems.extend(found)
    for sheet in sheets:
        reader.read(sheet.text, sheet.name)
        locators.append(sheet.locate)


_CHUNK = 1 << 20
"""How many bytes are decoded at a time: a file is never held whole in memory."""


class _NotUTF8Error(Exception):
    """Bytes that are not UTF-8, met while a file streams in."""

    def __init__(self, reason: str, line: int) -> None:
        super().__init__(reason, line)
        self.reason = reason
        self.line = line


def _pieces(head: bytes, stream: BinaryIO) -> Iterator[str]:
    """The NFC-normalised text of a file, piece by piece, each piece whole lines.

    A piece never ends between the carriage return and the line feed of a line end, so that
    its lines split exactly as the whole text's would; NFC normalisation never joins
    characters across a line end, so that normalising piece by piece is normalising the whole.

    Raises:
        _NotUTF8Error: Bytes that are not UTF-8, with the line they are on (lines counted by line
            feeds, as a text editor counts them).
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    carry: list[str] = []  # the start of a line that later bytes end
    newlines = 0  # in the bytes decoded so far
    data = head
    while True:
        final = not data
        try:
            text = decoder.decode(data, final)
        except UnicodeDecodeError as error:
            # The bytes reported on start with those the decoder kept from the last read:
            # part of one character, never a line end.
            line = newlines + error.object[: error.start].count(b"\n") + 1
            raise _NotUTF8Error(error.reason, line) from None
        if final and decoder.getstate()[0]:  # the file ends inside a byte-order mark
            raise _NotUTF8Error("unexpected end of data", newlines + 1)
        newlines += data.count(b"\n")
        # After a line feed, or after a carriage return that no line feed can follow.
        cut = len(text) if final else max(text.rfind("\n"), text.rfind("\r", 0, -1)) + 1
        if cut or final:
            piece = "".join((*carry, text[:cut])) if carry else text[:cut]
            carry = [text[cut:]]
            if not piece.isascii() and not unicodedata.is_normalized("NFC", piece):
                piece = unicodedata.normalize("NFC", piece)
            yield piece
        else:
            carry.append(text)
        if final:
            return
        data = stream.read(_CHUNK)


def _lines(pieces: Iterable[str]) -> Iterator[str]:
    """The lines of the text in ``pieces``, split as :mod:`csv` splits them."""
    return itertools.chain.from_iterable(io.StringIO(piece, newline="") for piece in pieces)


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


class _Reader:
    """Reads files into shared columns; each distinct text is parsed once for all files.

    Every cache is keyed by a field's text as the file gives it (spaces and all), so that a
    row costs one look-up per field.
    """

    def __init__(self) -> None:
        self.columns = LogColumns()
        self.notes: list[str] = []
        self.problems: list[Problem] = []
        self.strings: dict[str, str] = {}
        self.measures = _Cache(self._measure, _Unusable)
        self.units = _Cache(self._unit)
        self.sources = _Cache(self._source)
        self.periods = _Cache(_period, str)
        self.dates = _Cache(_date, str)
        self.values: dict[DecimalSeparator | None, _Cache[Value | str]] = {}

    def _measure(self, text: str) -> str:
        measure = text.strip()
        if measure[:1] == "'":  # written by a template, against formula injection
            measure = restore(measure)
        if not measure or measure[0] == "#":
            return _Unusable(measure)
        return self.strings.setdefault(measure, measure)

    def _unit(self, text: str) -> str | None:
        unit = restore(text.strip())
        return self.strings.setdefault(unit, unit) if unit else None

    def _source(self, text: str) -> str:
        source = text.strip()
        return self.strings.setdefault(source, source)

    def log(self) -> tuple[ObservationLog, tuple[Problem, ...]]:
        problems = self.problems
        log = ObservationLog.from_columns(
            self.columns, notes=tuple(dict.fromkeys(self.notes)), problems=problems
        )
        return log, tuple(problems)

    def read(self, text: str, name: str) -> None:
        """Read the text of a CSV file (a string, a workbook's sheet)."""
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        self._read_lines(iter(io.StringIO(text, newline="")), name, text.count("\n") + 1)

    def read_bytes(self, head: bytes, stream: BinaryIO, name: str) -> None:
        """Read a CSV file as it streams in: ``head``, then the rest of ``stream``.

        A file that is not UTF-8 gives nothing but the problem that says so.
        """
        columns, notes, problems = self.columns, self.notes, self.problems
        rows, noted, found = len(columns), len(notes), len(problems)
        lines = _lines(_pieces(head, stream))
        try:
            self._read_lines(lines, name, _expected_rows(head, stream))
            collections.deque(lines, maxlen=0)  # what a bad header left unread must be UTF-8
        except _NotUTF8Error as error:
            for column in LogColumns.__slots__:
                del getattr(columns, column)[rows:]
            del notes[noted:], problems[found:]
            problems.append(
                Problem(
                    f"not UTF-8 text ({error.reason}); save the file as UTF-8 (CSV UTF-8 in a "
                    "spreadsheet)",
                    file=name,
                    line=error.line,
                )
            )

    def _read_lines(self, lines: Iterator[str], name: str, expected: int) -> None:
        """Read the lines of a file, about ``expected`` of them (room is made for that many
        rows at once)."""
        first = 0  # lines before the header
        decimal: DecimalSeparator | None = None
        line = next(lines, "")
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
            line = next(lines, "")
        if not line:
            self.problems.append(
                Problem(f"no header row (expected {','.join(COLUMNS)})", file=name, line=first or 1)
            )
            return
        delimiter = ";" if line.count(";") > line.count(",") else ","
        self._rows(
            line,
            lines,
            name=name,
            first=first,
            delimiter=delimiter,
            decimal=decimal,
            expected=expected,
        )

    def _rows(
        self,
        header: str,
        lines: Iterator[str],
        *,
        name: str,
        first: int,
        delimiter: str,
        decimal: DecimalSeparator | None,
        expected: int,
    ) -> None:
        problems = self.problems
        reader = csv.reader(itertools.chain((header,), lines), delimiter=delimiter, strict=True)
        try:
            names = next(reader)
        except csv.Error as error:
            problems.append(Problem(f"bad CSV: {error}", file=name, line=first + 1))
            return
        columns = _columns(names, name, first + 1, problems)
        if columns is None:
            return
        values = self.values.get(decimal)
        if values is None:
            values = self.values[decimal] = _Cache(functools.partial(_value, decimal=decimal), str)
        table = _Table(self, columns, self.strings.setdefault(name, name), values, expected)
        line = first + reader.line_num  # the last line read: notes, blank lines and header
        limit = csv.field_size_limit()
        take = itertools.islice
        while chunk := list(take(lines, _ROWS)):
            fields = _split(chunk, delimiter, table.width, limit)
            if fields is None:
                line = self._csv_rows(table, chunk, lines, line, delimiter)
                continue
            starts = range(line + 1, line + 1 + len(chunk))
            line += len(chunk)
            if not table.in_columns(fields, starts):
                table.one_by_one(list(zip(*fields, strict=True)), starts)
        table.close()
        unreported = table.unreported
        if unreported:
            lines_text = ", ".join(str(line) for line in unreported)
            count = len(unreported)
            self.notes.append(
                f"{table.name}: {count} row{'s' if count > 1 else ''} with no value, read as "
                f"not reported (line{'s' if count > 1 else ''} {lines_text})"
            )

    def _csv_rows(
        self, table: _Table, chunk: list[str], lines: Iterator[str], line: int, delimiter: str
    ) -> int:
        """Read the rows of ``chunk`` (the lines after line ``line``) with :mod:`csv`, and the
        later lines its last row spans, if any; return the last line read."""
        reader = csv.reader(itertools.chain(chunk, lines), delimiter=delimiter, strict=True)
        while reader.line_num < len(chunk):  # a row starts in the chunk
            end = reader.line_num
            rows: list[list[str]] = []
            try:
                # each row takes a line at least: none of these starts after the chunk
                rows.extend(itertools.islice(reader, len(chunk) - end))
            except csv.Error as error:  # the rows before it stay in ``rows``
                *begun, after = _starts(rows, line + end + 1)
                table.one_by_one(rows, begun)
                self.problems.append(Problem(f"bad CSV: {error}", file=table.name, line=after))
                continue
            lines_read = reader.line_num - end
            starts: Sequence[int] = (
                range(line + end + 1, line + end + 1 + lines_read)
                if lines_read == len(rows)  # no field spans lines
                else _starts(rows, line + end + 1)[:-1]
            )
            if not table.in_bulk(rows, starts):
                table.one_by_one(rows, starts)
        return line + reader.line_num


def _expected_rows(head: bytes, stream: BinaryIO) -> int:
    """About how many lines a file has, from the lines of its first ``head`` bytes and its
    size, if the stream tells it (a regular file); otherwise those of the head alone."""
    lines = head.count(b"\n") + 1
    try:
        size = os.fstat(stream.fileno()).st_size
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return lines
    if size <= len(head) or not head:
        return lines
    # At most a row per 32 bytes (a row of ids, a year and a value, with empty source and
    # recorded date), so that a first megabyte of short lines never makes room for many times
    # the rows the file holds; shorter rows past the room made are added as they come.
    return min(lines * size // len(head) + lines // 16, size // 32)


_ROWS = 256
"""How many lines are read at a time: enough to go column by column at C speed, few enough
to stay in the processor's cache."""


def _split(lines: list[str], delimiter: str, width: int, limit: int) -> list[list[str]] | None:
    """The fields of ``lines`` column by column, split at C speed as :mod:`csv` would split
    them, if each line is a row of ``width`` fields with no quote; None otherwise (quoted
    fields, blank lines, rows with the wrong number of fields or fewer than two, lines that
    end in a lone carriage return, or a line longer than csv's ``limit`` on a field).
    """
    if width < 2:  # csv reads a blank line as a row of no fields, not of one empty field
        return None
    text = "".join(lines)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if any(c in text for c in '"\r') or max(map(len, lines)) > limit:
        return None
    if set(map(str.count, lines, itertools.repeat(delimiter))) != {width - 1}:
        return None
    # Lines end in a line feed (the last line of a file may not): one list of every field.
    fields = text.replace("\n", delimiter).split(delimiter)
    end = len(lines) * width
    return [fields[column:end:width] for column in range(width)]


class _Table:
    """The rows of one file going into the shared columns: where each field is, and how it
    reads.

    Rows come a few hundred at a time, as rows (:meth:`in_bulk`) or already column by column
    (:meth:`in_columns`). Rows that are all plain good rows (the right number of fields, every
    text readable) go in column by column, each column mapped through its cache in one call;
    any other rows are read one by one (:meth:`one_by_one`), which finds every problem of each,
    so that both ways give the same log and problems.
    """

    def __init__(
        self,
        reader: _Reader,
        columns: list[str],
        name: str,
        values: _Cache[Value | str],
        expected: int,
    ) -> None:
        self.name = name
        self.problems = reader.problems
        self.out = out = reader.columns
        # Room for the rows expected, made at once and filled in place (:meth:`close` gives
        # back what is left): columns that grew a few hundred rows at a time would each be
        # moved in memory again and again, leaving the space they left unused.
        self.at = len(out)
        blank = {"file": name, "line": 0}
        for column in LogColumns.__slots__:
            getattr(out, column).extend(itertools.repeat(blank.get(column), expected))
        self.width = len(columns)
        self.widths = {self.width}
        at = columns.index
        self.measure, self.unit, self.period, self.value = (at(c) for c in _REQUIRED)
        self.source = at("source") if "source" in columns else -1
        self.recorded = at("recorded") if "recorded" in columns else -1
        self.measures, self.units, self.sources = reader.measures, reader.units, reader.sources
        self.periods, self.dates, self.values = reader.periods, reader.dates, values
        # The fields that may hold a text no row may have, and the texts found so far.
        self.fallible = [
            (cache.failed, index)
            for cache, index in (
                (self.measures, self.measure),
                (self.periods, self.period),
                (self.values, self.value),
                (self.dates, self.recorded),
            )
            if index >= 0
        ]
        self.unreported: list[int] = []  # the lines of rows with no value

    def in_bulk(self, rows: list[list[str]], starts: Iterable[int]) -> bool:
        """Add ``rows`` (starting on lines ``starts``) if every one is a plain good row;
        otherwise add nothing and say so."""
        if set(map(len, rows)) != self.widths:
            return False  # a row with the wrong number of fields, or a blank line
        return self.in_columns(list(zip(*rows, strict=True)), starts)

    def in_columns(self, texts: Sequence[Sequence[str]], starts: Iterable[int]) -> bool:
        """Add the rows whose fields are ``texts`` (column by column, each row of the right
        width), if every text is readable; otherwise add nothing and say so."""
        measures = _read(self.measures, texts[self.measure])
        periods = _read(self.periods, texts[self.period])
        values = list(map(self.values.__getitem__, texts[self.value]))
        recorded = _read(self.dates, texts[self.recorded]) if self.recorded >= 0 else None
        for failed, index in self.fallible:  # no text is bad before some text is
            if failed and not failed.isdisjoint(texts[index]):
                return False
        out = self.out
        count = len(measures)
        at, end = self.at, self.at + count
        out.measure[at:end] = measures
        out.unit[at:end] = list(map(self.units.__getitem__, texts[self.unit]))
        out.period[at:end] = periods  # type: ignore[assignment]  # no failure: checked above
        out.value[at:end] = values  # type: ignore[assignment]
        out.source[at:end] = (
            _read(self.sources, texts[self.source]) if self.source >= 0 else [""] * count
        )
        out.recorded[at:end] = [None] * count if recorded is None else recorded  # type: ignore[assignment]
        out.file[at:end] = [self.name] * count
        out.line[at:end] = array(out.line.typecode, starts)
        self.at = end
        return True

    def close(self) -> None:
        """Give back the room made for rows that did not come."""
        for column in LogColumns.__slots__:
            del getattr(self.out, column)[self.at :]

    def one_by_one(self, rows: Sequence[Sequence[str]], starts: Iterable[int]) -> None:
        """Add the good rows of ``rows`` (starting on lines ``starts``), report every problem
        of the others, and note those with no value."""
        problems, width, name = self.problems, self.width, self.name
        measures, units, sources = self.measures, self.units, self.sources
        periods, dates, values = self.periods, self.dates, self.values
        i_measure, i_unit, i_period, i_value = self.measure, self.unit, self.period, self.value
        i_source, i_recorded = self.source, self.recorded
        good = LogColumns()  # the good rows, put in place together
        for row, start in zip(rows, starts, strict=True):
            if len(row) != width:
                if any(field.strip() for field in row):
                    problems.append(
                        Problem(f"expected {width} fields, found {len(row)}", file=name, line=start)
                    )
                continue  # otherwise a blank line
            measure = measures[row[i_measure]]
            period = periods[row[i_period]]
            value = values[row[i_value]]
            recorded = dates[row[i_recorded]] if i_recorded >= 0 else None
            if (
                measure.__class__ is _Unusable
                or period.__class__ is str
                or value.__class__ is str
                or recorded.__class__ is str
            ):
                if any(field.strip() for field in row):
                    self._bad_row(measure, period, value, recorded, start)
                continue
            good.measure.append(measure)
            good.unit.append(units[row[i_unit]])
            good.period.append(period)  # type: ignore[arg-type]  # not str: checked above
            good.value.append(value)  # type: ignore[arg-type]
            good.source.append(sources[row[i_source]] if i_source >= 0 else "")
            good.recorded.append(recorded)  # type: ignore[arg-type]
            good.file.append(name)
            good.line.append(start)
        at, end = self.at, self.at + len(good)
        for column in LogColumns.__slots__:
            getattr(self.out, column)[at:end] = getattr(good, column)
        self.at = end

    def _bad_row(
        self,
        measure: str,
        period: Period | str,
        value: Value | str,
        recorded: dt.date | str | None,
        line: int,
    ) -> None:
        """Record every problem of a row that cannot be read (or note it as not reported)."""
        problems = self.problems
        before = len(problems)

        def problem(message: str, column: str) -> None:
            problems.append(Problem(message, column, file=self.name, line=line))

        if not measure:
            problem("missing measure", "measure")
        elif measure.startswith("#"):
            problem("a note (#) may only come before the header row", "measure")
        if isinstance(period, str):
            problem(period, "period")
        if value == _EMPTY:
            # A collection template's row that was not filled in: the unit has not reported.
            if len(problems) == before:
                self.unreported.append(line)
        elif isinstance(value, str):
            problem(value, "value")
        if isinstance(recorded, str):
            problem(recorded, "recorded")


def _read(cache: _Cache[_T], texts: Sequence[str]) -> Sequence[_T]:
    """What each of ``texts`` reads as; a column that holds one text throughout (a period, a
    source, a date for a few hundred rows) is read once, compared without hashing each."""
    if texts.count(texts[0]) == len(texts):
        return [cache[texts[0]]] * len(texts)
    return list(map(cache.__getitem__, texts))


def _starts(rows: Iterable[Sequence[str]], line: int) -> list[int]:
    """The line each of ``rows`` starts on, the first on ``line``, and then the line after
    them: a row takes one line more for each line end inside its quoted fields (``\\r\\n``,
    ``\\r`` or ``\\n``, as :mod:`csv` counts the lines it reads)."""
    starts = [line]
    for row in rows:
        text = ",".join(row)  # not "": two fields' line ends never make one
        line += 1 + text.count("\n") + text.count("\r") - text.count("\r\n")
        starts.append(line)
    return starts


_EMPTY = "\x00empty"  # the value cache's answer for an empty value text
_T = TypeVar("_T")


class _Cache(dict[str, _T]):
    """What each distinct text of a field reads as, read on first sight; the texts that read
    as a ``failure`` (what is wrong with them, instead of what they say) are kept in
    ``failed``."""

    def __init__(self, read: Callable[[str], _T], failure: type | None = None) -> None:
        super().__init__()
        self.read = read
        self.failure = failure
        self.failed: set[str] = set()

    def __missing__(self, text: str) -> _T:
        found = self[text] = self.read(text)
        if found.__class__ is self.failure:
            self.failed.add(text)
        return found


class _Unusable(str):
    """A measure that no row may have: empty, or a note (``#``)."""

    __slots__ = ()


def _period(text: str) -> Period | str:
    """The period, or what is wrong with the text (parsed once per distinct text)."""
    text = text.strip()
    if not text:
        return "missing period"
    try:
        return Period.parse(text)
    except ValueError as error:
        return str(error)


def _value(text: str, decimal: DecimalSeparator | None) -> Value | str:
    text = text.strip()
    if not text:
        return _EMPTY
    try:
        return parse_data_value(text, decimal)
    except ValueError as error:
        return str(error)


def _date(text: str) -> dt.date | str | None:
    text = text.strip()
    if not text:
        return None
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
            hint = f" (did you mean {quoted(close[0])}?)" if close else ""
            found.append(
                Problem(
                    f"unknown column {quoted(column)}{hint}; the columns are {', '.join(COLUMNS)}",
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
