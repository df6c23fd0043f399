"""Unit rosters: the CSV file a plan names in ``units_file``, one unit a row.

The columns are ``id``, ``name``, ``name_en``, ``from``, ``until``, ``successor`` and
``parent`` (the keys of a ``[[units]]`` table; only ``id`` and ``name`` must be there), and
any other column is an attribute. A cell is typed as written:

- an empty cell is no value (the unit has no such attribute);
- ``true`` or ``false`` (any case) is a boolean;
- an integer without leading zeros (``72``, ``-3``) is an integer, and one with a decimal
  point (``0.25``) an exact :class:`~decimal.Decimal`, as in a plan file;
- anything else is text, with surrounding spaces removed: ``007``, ``1,5`` and ``2025-07-01``
  stay text.

Every problem of the file is reported at once, each with the file and the line.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from policytargets.errors import PlanError, Problem, quoted
from policytargets.io.plan_format import TABLES
from policytargets.periods import parse_date
from policytargets.units import Unit

__all__ = ["cell_value", "load_units"]

_COLUMNS = TABLES["unit"].names  # the unit keys; "attributes" and "note" are not columns
_STANDARD = tuple(name for name in _COLUMNS if name not in ("attributes", "note"))
_INTEGER = re.compile(r"[+-]?(0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"[+-]?(0|[1-9][0-9]*)\.[0-9]+")
_UNSEEN: Any = object()


def cell_value(text: str) -> str | bool | int | Decimal | None:
    """The value of a roster cell: None when empty, else a boolean, a number or text.

    >>> from policytargets.io.roster import cell_value
    >>> [cell_value(c) for c in ["", " TRUE ", "72", "0.25", "007", "1,5", "báo"]]
    [None, True, 72, Decimal('0.25'), '007', '1,5', 'báo']

    .. versionadded:: 0.2.0
    """
    text = text.strip()
    if not text:
        return None
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text):
        return Decimal(text)
    return text


def load_units(path: str | os.PathLike[str]) -> tuple[Unit, ...]:
    """Read a unit roster (CSV, UTF-8): the units, in the file's order.

    Raises:
        PlanError: The file cannot be read or has problems; every problem is listed with
            the file and line.

    .. versionadded:: 0.2.0
    """
    rows, problems = read_roster(Path(path), os.fspath(path))
    if problems:
        raise PlanError(problems)
    return tuple(unit for unit, _ in rows)


def read_roster(file: Path, name: str) -> tuple[list[tuple[Unit, int]], list[Problem]]:
    """The units of a roster with the line of each, and every problem (with file and line).

    A file that cannot be read at all is one problem without a line.
    """
    try:
        raw = file.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return [], [Problem(f"cannot read the units file: {reason}", file=name)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [], [Problem(f"the file is not UTF-8 text ({error.reason})", file=name, line=line)]
    return _Roster(name).read(text)


def _standard_meant(column: str) -> str | None:
    """The standard column that ``column``, not one itself, looks like a slip of (another
    case, a letter or two), if any."""
    if not column or column in _STANDARD:
        return None
    lowered = column.lower()
    if lowered in _STANDARD:
        return lowered
    close = difflib.get_close_matches(lowered, _STANDARD, n=1, cutoff=0.8)
    return close[0] if close else None


class _Roster:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.values: dict[str, str | bool | int | Decimal | None] = {}  # of each distinct cell

    def add(self, message: str, line: int, column: str = "") -> None:
        self.problems.append(Problem(message, column, file=self.name, line=line))

    def read(self, text: str) -> tuple[list[tuple[Unit, int]], list[Problem]]:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = [cell.strip() for cell in next(reader, [])]
        except csv.Error as error:
            self.add(f"CSV syntax error: {error}", 1)
            return [], self.problems
        if not self._header(header):
            return [], self.problems
        units: list[tuple[Unit, int]] = []
        first: dict[str, int] = {}
        line = reader.line_num
        while True:
            start = line + 1
            try:
                row = next(reader, None)
            except csv.Error as error:
                self.add(f"CSV syntax error: {error}", reader.line_num)
                break
            line = reader.line_num
            if row is None:
                break
            if not any(cell.strip() for cell in row):
                continue  # a blank line
            if len(row) != len(header):
                self.add(f"{len(row)} cells where the header has {len(header)}", start)
                continue
            unit = self._unit(dict(zip(header, row, strict=True)), start, first)
            if unit is not None:
                units.append((unit, start))
        return units, self.problems

    def _header(self, header: list[str]) -> bool:
        if not any(header):
            self.add("the units file is empty: it needs a header with 'id' and 'name'", 1)
            return False
        fine = True
        # A column written almost as a standard one ("Parent", "parnet") would quietly
        # become an attribute, and the units would have no parent: it is refused instead.
        meant: dict[str, str] = {}
        for column in header:
            standard = _standard_meant(column)
            if standard is not None and standard not in header:
                meant.setdefault(standard, column)
        for standard, column in meant.items():
            self.add(
                f"the column {quoted(column)} would be read as an attribute: did you mean "
                f"{quoted(standard)}? (an attribute needs a name further from "
                f"{', '.join(map(quoted, _STANDARD))})",
                1,
                column,
            )
            fine = False
        for column in ("id", "name"):
            if column not in header and column not in meant:
                self.add(f"missing column {quoted(column)}", 1)
                fine = False
        seen: set[str] = set()
        for column in header:
            if not column:
                self.add("a column has no name", 1)
                fine = False
            elif column in seen:
                self.add(f"the column {quoted(column)} is given twice", 1, column)
                fine = False
            seen.add(column)
        return fine

    def _unit(self, cells: dict[str, str], line: int, first: dict[str, int]) -> Unit | None:
        unit_id = cells["id"].strip()
        if not unit_id:
            self.add("missing id", line, "id")
            return None
        if unit_id in first:
            message = f"duplicate unit id {quoted(unit_id)} (first on line {first[unit_id]})"
            self.add(message, line, "id")
            return None
        first[unit_id] = line
        # A unit with a bad cell is kept without it, so that its other cells are checked too
        # (the plan is not built while any problem remains).
        fields: dict[str, Any] = {}
        for column in ("from", "until"):
            text = cells.get(column, "").strip()
            if text:
                try:
                    fields[f"active_{column}"] = parse_date(text)
                except ValueError as error:
                    self.add(str(error), line, column)
        for column in ("name_en", "successor", "parent"):
            text = cells.get(column, "").strip()
            fields[column] = text or None
        name = cells["name"].strip()
        if not name:
            self.add("missing name", line, "name")
        values = self.values
        attributes = {}
        for column, cell in cells.items():
            if column not in _STANDARD:
                value = values.get(cell, _UNSEEN)
                if value is _UNSEEN:
                    value = values[cell] = cell_value(cell)
                if value is not None:
                    attributes[column] = value
        return Unit(unit_id, name, attributes=attributes, **fields)
