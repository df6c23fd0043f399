"""Scorecards and observation logs as records and pandas data frames, and back.

Records are plain dictionaries (standard library only). Data frames need pandas, from the
optional extra ``policytargets[pandas]``; pandas is imported only when a frame is asked for.

An observation log's frame keeps every value exact (a :class:`~fractions.Fraction` or a
``bool`` in an object column), so that a log read back with
:meth:`~policytargets.ObservationLog.from_frame` evaluates to the same scorecard; its notes
travel in ``DataFrame.attrs["notes"]``.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from policytargets.errors import DataError, Problem, quoted
from policytargets.observations import Observation, ObservationLog
from policytargets.periods import Period, parse_date
from policytargets.quantities import Value, parse_value, to_value

if TYPE_CHECKING:
    from policytargets.assess import Scorecard

__all__ = [
    "OBSERVATION_COLUMNS",
    "log_frame",
    "log_from_frame",
    "log_from_records",
    "scorecard_frame",
]

OBSERVATION_COLUMNS = ("measure", "unit", "period", "value", "source", "recorded")
"""The keys of an observation record and the columns of a log's frame, as in data files.

.. versionadded:: 0.2.0
"""

_REQUIRED = ("measure", "period", "value")
PANDAS_EXTRA = "pip install 'policytargets[pandas]'"


def pandas(what: str) -> Any:
    """The pandas module, or an ImportError that says how to install it for ``what``."""
    try:
        return importlib.import_module("pandas")
    except ImportError as error:
        raise ImportError(f"{what} needs pandas: {PANDAS_EXTRA}", name="pandas") from error


def scorecard_frame(scorecard: Scorecard) -> Any:
    """:meth:`Scorecard.to_records <policytargets.Scorecard.to_records>` as a data frame."""
    from policytargets.assess import Status  # noqa: PLC0415 - assess imports this module

    pd = pandas("Scorecard.to_frame()")
    frame = pd.DataFrame(scorecard.to_records())
    statuses = [status.value for status in Status]
    frame["status"] = pd.Categorical(frame.get("status", []), categories=statuses)
    for column in ("met_units", "population", "required_units", "units_short"):
        if column in frame:
            frame[column] = frame[column].astype("Int64")  # counts stay integers, None is NA
    return frame


def log_frame(log: ObservationLog) -> Any:
    """An observation log as a data frame: one row per observation, in the log's order."""
    pd = pandas("ObservationLog.to_frame()")
    rows = [(o.measure, o.unit, str(o.period), o.value, o.source, o.recorded) for o in log]
    frame = pd.DataFrame(rows, columns=list(OBSERVATION_COLUMNS), dtype=object)
    frame.attrs["notes"] = list(log.notes)
    return frame


def log_from_frame(frame: Any) -> ObservationLog:
    """An observation log from a data frame with the columns of a data file.

    Problems are located by the frame's index label (``rows[12].value``).
    """
    columns = [str(column) for column in getattr(frame, "columns", ())]
    if not hasattr(frame, "to_dict") or not hasattr(frame, "index"):
        raise TypeError(f"expected a pandas DataFrame, got {type(frame).__name__}")
    problems = _column_problems(columns, "columns")
    if problems:
        raise DataError(problems)
    records = frame.to_dict("records")
    notes = frame.attrs.get("notes", ()) if hasattr(frame, "attrs") else ()
    return _log(zip(frame.index, records, strict=True), "rows", notes=notes)


def log_from_records(
    records: Iterable[Mapping[str, Any]], *, notes: Sequence[str] = ()
) -> ObservationLog:
    """An observation log from records (mappings with the columns of a data file as keys).

    Problems are located by the record's position (``records[3].period``).
    """
    return _log(enumerate(records), "records", notes=notes)


def _unknown(key: str, where: str) -> Problem:
    close = difflib.get_close_matches(key, OBSERVATION_COLUMNS, n=1)
    hint = f" (did you mean {quoted(close[0])}?)" if close else ""
    return Problem(
        f"unknown column {quoted(key)}{hint}; the columns are {', '.join(OBSERVATION_COLUMNS)}",
        where,
    )


def _column_problems(keys: Sequence[str], where: str) -> list[Problem]:
    problems = [_unknown(key, where) for key in keys if key not in OBSERVATION_COLUMNS]
    missing = [key for key in _REQUIRED if key not in keys]
    if missing:
        problems.append(
            Problem(
                f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                f"(the columns are {', '.join(OBSERVATION_COLUMNS)})",
                where,
            )
        )
    return problems


def _missing(value: object) -> bool:
    """None, NaN, pandas' NaT and NA: a cell with nothing in it."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(value != value)  # NaN and NaT differ from themselves  # noqa: PLR0124
    except TypeError:  # pandas.NA has no truth value
        return True


def _plain(value: object) -> object:
    """A NumPy scalar as the Python value it holds (``numpy.int64(7)`` is 7)."""
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, str | bytes | Fraction | Decimal):
        return item()
    return value


def _text(value: object, problems: list[Problem], path: str, *, identifier: bool) -> str | None:
    """Text from a cell: an id is stripped (blank is missing), other text kept as given."""
    if value is None or (not isinstance(value, str) and _missing(value)):
        return None
    if not isinstance(value, str):
        problems.append(Problem(f"expected text, got {type(value).__name__}", path))
        return None
    if identifier:
        return value.strip() or None
    return value


def _value(value: object) -> Value:
    if isinstance(value, str):
        return parse_value(value)
    if isinstance(value, bool | int | float | Fraction | Decimal):
        return to_value(value)
    raise ValueError(f"expected a number, true or false, got {type(value).__name__}")


def _recorded(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise ValueError(f"expected a date, got {type(value).__name__}")


def _log(
    rows: Iterable[tuple[object, Mapping[str, Any]]], where: str, *, notes: Sequence[str]
) -> ObservationLog:
    problems: list[Problem] = []
    observations: list[Observation] = []
    unreported: list[str] = []
    for label, row in rows:
        at = f"{where}[{label}]"
        before = len(problems)
        if where == "records":
            problems.extend(
                _unknown(str(key), f"{at}") for key in row if key not in OBSERVATION_COLUMNS
            )
            if "value" not in row:
                problems.append(Problem("missing value", f"{at}.value"))
        fields = {key: _plain(row.get(key)) for key in OBSERVATION_COLUMNS}
        measure = _text(fields["measure"], problems, f"{at}.measure", identifier=True)
        if measure is None and len(problems) == before:
            problems.append(Problem("missing measure", f"{at}.measure"))
        unit = _text(fields["unit"], problems, f"{at}.unit", identifier=True)
        source = _text(fields["source"], problems, f"{at}.source", identifier=False) or ""
        period: Period | None = None
        if _missing(fields["period"]):
            problems.append(Problem("missing period", f"{at}.period"))
        else:
            try:
                period = Period.parse(fields["period"])  # type: ignore[arg-type]
            except (TypeError, ValueError) as error:
                problems.append(Problem(str(error), f"{at}.period"))
        value: Value | None = None
        if not _missing(fields["value"]):
            try:
                value = _value(fields["value"])
            except ValueError as error:
                problems.append(Problem(str(error), f"{at}.value"))
        recorded: dt.date | None = None
        if not _missing(fields["recorded"]):
            try:
                recorded = _recorded(fields["recorded"])
            except ValueError as error:
                problems.append(Problem(str(error), f"{at}.recorded"))
        if len(problems) > before or measure is None or period is None:
            continue
        if value is None:
            unreported.append(str(label))
            continue
        observations.append(
            Observation(measure, unit, period, value, source=source, recorded=recorded, origin=at)
        )
    if problems:
        raise DataError(problems)
    all_notes = list(notes)
    if unreported:
        count = len(unreported)
        all_notes.append(
            f"{count} {where[:-1] if count == 1 else where} with no value, read as not reported "
            f"({', '.join(unreported)})"
        )
    return ObservationLog(observations, notes=all_notes)
