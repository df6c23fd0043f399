"""Observations and the observation log: revisions, conflicts and fast queries.

An observation is one recorded value of a measure, for one unit (or the whole plan) and one
period. The log indexes them once by measure, unit and period, so that evaluation asks for
exactly what it needs and never rescans the log: building the log is linear (plus sorting
the revisions of a value) and each query is a dictionary look-up (or a binary search for "the
latest state before a day"). Rows are stored by column, and an :class:`Observation` object is
built only when one is asked for, so that half a million rows stay cheap.

A second observation for the same measure, unit and period is a **revision** when it was
recorded later; the latest revision is the current value and the whole history stays
queryable. Two observations for the same key that cannot be ordered by their recorded dates
are a conflict, reported as a :class:`~policytargets.errors.DataError` naming both.
"""

from __future__ import annotations

import bisect
import collections
import datetime as dt
import functools
import itertools
import operator
from array import array
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar, overload

import attrs

from policytargets.errors import DataError, Problem
from policytargets.periods import Period, to_period
from policytargets.quantities import Value, to_value, value_text

__all__ = ["Evidence", "LogColumns", "Observation", "ObservationLog", "ObservationRow"]


def _unit_converter(value: str | None) -> str | None:
    return value or None


@attrs.frozen
class Observation:
    """One recorded value of a measure.

    Attributes:
        measure: The measure's id (``publishes-on-digital-platforms``).
        unit: The unit's id, or None for a plan-wide measure.
        period: The period the value is for.
        value: An exact number or a yes/no fact.
        source: Where the value comes from (a report's number and date).
        recorded: The day the value was recorded; revisions are ordered by it.
        origin: Where it was read (``data.csv:12``), for error messages; not compared.

    .. versionadded:: 0.1.0
    """

    measure: str
    unit: str | None = attrs.field(converter=_unit_converter)
    period: Period = attrs.field(converter=to_period)
    value: Value = attrs.field(converter=to_value)
    source: str = ""
    recorded: dt.date | None = None
    origin: str = attrs.field(default="", eq=False)

    @property
    def key(self) -> tuple[str, str | None, Period]:
        """The measure, unit and period, which identify the quantity observed."""
        return (self.measure, self.unit, self.period)

    def known_at(self, day: dt.date | None) -> bool:
        """Whether this observation had been recorded by ``day`` (None: no limit).

        An observation with no recorded date cannot be placed in time and always counts.
        """
        return day is None or self.recorded is None or self.recorded <= day

    def describe(self) -> str:
        """A short text naming the observation and where it came from, for messages."""
        unit = self.unit or "(plan-wide)"
        where = f" ({self.origin})" if self.origin else ""
        return f"{self.measure} / {unit} / {self.period} = {value_text(self.value)}{where}"

    def to_dict(self) -> dict[str, str | None]:
        """The observation as JSON-ready evidence."""
        return {
            "measure": self.measure,
            "unit": self.unit or "",
            "period": str(self.period),
            "value": value_text(self.value),
            "source": self.source,
            "recorded": self.recorded.isoformat() if self.recorded else None,
        }


class ObservationRow(NamedTuple):
    """One row of an observation log, with where it was read; no :class:`Observation` built.

    :meth:`ObservationLog.rows` yields them, cheaply, for checks that look at every row
    (plausibility, accounting for every row of a file).

    Its fields are ``position`` (the row's place in the log, 0 for the first row read),
    ``measure``, ``unit`` (None for a plan-wide value), ``period``, ``value``, ``source``,
    ``recorded`` (None if not given), ``file`` (the file it was read from, or the
    observation's ``origin`` as given) and ``line`` (None where unknown).

    .. versionadded:: 0.2.0
    """

    position: int
    measure: str
    unit: str | None
    period: Period
    value: Value
    source: str
    recorded: dt.date | None
    file: str
    line: int | None

    @property
    def origin(self) -> str:
        """``file:line`` (or the file alone), as in :attr:`Observation.origin`."""
        return self.file if self.line is None else f"{self.file}:{self.line}"


_NO_LINE = -1
# The file a row was read from, its line (None where unknown), its measure and recorded date.
RowPlace = tuple[str, int | None, str, dt.date | None]
_new = object.__new__
# Each field's slot setter: an Observation made from columns is filled slot by slot, past
# the frozen class's __setattr__ (what object.__setattr__ does, without looking up names).
_FIELD_SETTERS = tuple(
    Observation.__dict__[name].__set__
    for name in ("measure", "unit", "period", "value", "source", "recorded", "origin")
)


def _split_origin(origin: str) -> tuple[str, int]:
    """``"data.csv:12"`` as ``("data.csv", 12)``; any other text as it is, with no line."""
    head, colon, tail = origin.rpartition(":")
    if colon and tail.isascii() and tail.isdigit() and str(int(tail)) == tail:
        return head, int(tail)
    return origin, _NO_LINE


class LogColumns:
    """The columns an :class:`ObservationLog` is built from, one entry per row.

    The file readers append rows here directly (values already exact, periods and dates
    already parsed, each distinct text once), so that no :class:`Observation` is built per row.
    """

    __slots__ = ("file", "line", "measure", "period", "recorded", "source", "unit", "value")

    def __init__(self) -> None:
        self.measure: list[str] = []
        self.unit: list[str | None] = []
        self.period: list[Period] = []
        self.value: list[Value] = []
        self.source: list[str] = []
        self.recorded: list[dt.date | None] = []
        self.file: list[str] = []
        self.line = array("q")

    def __len__(self) -> int:
        return len(self.measure)

    def append_observation(self, observation: Observation) -> None:
        """Add one observation as a row."""
        file, line = _split_origin(observation.origin)
        self.measure.append(observation.measure)
        self.unit.append(observation.unit)
        self.period.append(observation.period)
        self.value.append(observation.value)
        self.source.append(observation.source)
        self.recorded.append(observation.recorded)
        self.file.append(file)
        self.line.append(line)

    def extend(self, other: LogColumns) -> None:
        """Add every row of ``other``, in order."""
        for name in self.__slots__:
            getattr(self, name).extend(getattr(other, name))


_K = TypeVar("_K", bound=Hashable)
_VersionKey = tuple[str, str | None, Period]
_MISSING_AS_NONE: dict[int, None] = {-1: None}


class _Column:
    """The row of each unit's value of one measure for one period.

    The rows are an array aligned with the measure's slots (each unit's place, shared by
    the measure's columns), -1 where a unit has no value; the last entry, at the place of no
    unit, is always -1. A national column of 40,000 units takes 4 bytes a unit, and no
    integer object stands for a row until one is asked for.
    """

    __slots__ = ("rows", "slots")

    def __init__(self, slots: dict[str | None, int], rows: array[int]) -> None:
        self.slots = slots
        self.rows = rows

    def get(self, unit: str | None) -> int | None:
        slot = self.slots.get(unit)
        if slot is None:
            return None
        row = self.rows[slot]
        return None if row < 0 else row

    def rows_of(self, units: Iterable[str | None]) -> list[int | None]:
        """The row of each of ``units`` (None where there is none), looked up in C."""
        found = self._found(units)
        return list(map(_MISSING_AS_NONE.get, found, found))

    def missing(self, units: Iterable[str | None]) -> list[int]:
        """The place in ``units`` of each unit with no row, found in C."""
        found = self._found(units)
        absent = map(operator.gt, itertools.repeat(0), found)
        return list(itertools.compress(itertools.count(), absent))

    def _found(self, units: Iterable[str | None]) -> Sequence[int]:
        """The row of each of ``units``, -1 where there is none."""
        slots = list(map(self.slots.get, units, itertools.repeat(len(self.slots))))
        if len(slots) < 2:  # (an item getter of one place gives the item, not a tuple)
            return [self.rows[slot] for slot in slots]
        found: tuple[int, ...] = operator.itemgetter(*slots)(self.rows)
        return found

    def present(self) -> Iterator[int]:
        """The rows of the units that have one."""
        return filter(functools.partial(operator.le, 0), self.rows)

    def present_rows(self, units: Sequence[str | None]) -> Iterator[int]:
        """The rows of those of ``units`` that have one."""
        return filter(functools.partial(operator.le, 0), self._found(units))

    def items(self) -> Iterator[tuple[str | None, int]]:
        rows = self.rows
        return ((unit, rows[slot]) for unit, slot in self.slots.items() if rows[slot] >= 0)


class _Places:
    """The places (slots) of one measure's units, given as the units come.

    The slot numbers are shared by every measure, so that 40,000 units make 40,000 integers,
    not one a row.
    """

    def __init__(self, numbers: list[int]) -> None:
        self.numbers = numbers
        self.slots: dict[str | None, int] = {}
        self.order: list[str | None] = []  # the units, in their places

    def place(
        self, rows: array[int], units: list[str | None]
    ) -> tuple[array[int], list[tuple[str | None, int, int]]]:
        """The row in each slot of a column whose rows (of ``units``) are ``rows``, -1 where
        a unit has none, and each row of a unit after its first, as (unit, first row, row)."""
        if units == self.order:  # every unit once, in its place (as files usually come)
            return rows, []
        slots, numbers = self.slots, self.numbers
        unit_slots = list(map(slots.get, units))
        if None in unit_slots:  # units the measure has not had yet
            start = len(slots)
            fresh = list(itertools.filterfalse(slots.__contains__, dict.fromkeys(units)))
            numbers.extend(range(len(numbers), start + len(fresh)))
            slots.update(zip(fresh, numbers[start : start + len(fresh)], strict=True))
            self.order.extend(fresh)
            unit_slots = list(map(slots.__getitem__, units))
        if unit_slots == numbers[: len(slots)]:  # every unit once, in the slots' order
            return rows, []
        at = dict(zip(unit_slots, rows, strict=True))
        repeated: list[tuple[str | None, int, int]] = []
        if len(at) < len(rows):
            at = {}
            for slot, row, unit in zip(unit_slots, rows, units, strict=True):
                first = at.setdefault(slot, row)
                if first != row:
                    repeated.append((unit, first, row))
        return array(rows.typecode, map(at.get, range(len(slots)), itertools.repeat(-1))), repeated


_NO_COLUMNS: dict[Period, _Column] = {}
_NO_UNITS: dict[str | None, int] = {}
_EMPTY_COLUMN = _Column(_NO_UNITS, array("i", [-1]))


class ObservationLog:
    """Every observation of a plan's measures, indexed once for evaluation.

    Build it from observations (``ObservationLog(observations)``) or with
    :func:`policytargets.load_observations`. It is immutable: combine logs with ``+``.

    The log stores its rows by column (measure, unit, period, value, source, recorded date,
    file and line) and indexes them by measure, unit and period; an :class:`Observation` is
    built only when one is asked for (:meth:`get`, :meth:`history`, iteration, the evidence
    of an assessment). :meth:`rows` walks the rows without building any.

    Args:
        observations: Observations in any order.
        notes: Free text that came with the data (a file's leading ``#`` lines, for example
            "the figures are illustrative"); reports show it.

    Raises:
        DataError: Two observations share a measure, unit and period and cannot be ordered
            as revisions (same or missing recorded date). Every such pair is listed.

    .. versionadded:: 0.1.0
    """

    def __init__(self, observations: Iterable[Observation] = (), *, notes: Sequence[str] = ()):
        columns = LogColumns()
        for observation in observations:
            columns.append_observation(observation)
        self._index_columns(columns, notes)

    @classmethod
    def from_columns(
        cls,
        columns: LogColumns,
        *,
        notes: Sequence[str] = (),
        problems: list[Problem] | None = None,
    ) -> ObservationLog:
        """A log over rows already in columns (what the file readers build).

        Args:
            columns: The rows.
            notes: As for the constructor.
            problems: If given, conflicts are appended to it instead of raised (each
                conflicting value keeps its versions in the order read).

        Raises:
            DataError: Rows conflict and no ``problems`` list was given.

        .. versionadded:: 0.2.0
        """
        log = cls.__new__(cls)
        log._index_columns(columns, notes, problems)
        return log

    def _index_columns(
        self, columns: LogColumns, notes: Sequence[str], collected: list[Problem] | None = None
    ) -> None:
        self._columns = columns
        self.notes: tuple[str, ...] = tuple(notes)
        # Each measure's periods in order, their columns, and whether each slot has a value
        # for every period, worked out on first use.
        self._ordered: dict[str, tuple[tuple[Period, ...], tuple[_Column, ...], bytes]] = {}
        units = columns.unit
        gathered = _gather(columns)
        index: dict[str, dict[Period, _Column]] = {}
        versions: dict[_VersionKey, list[int]] = {}
        # Whether each measure holds yes/no values, numbers or both, for cheap checks: every
        # row is a current value or a version of one, so every row counts (looked at in C).
        types: dict[str, set[type]] = {}
        value_of = columns.value.__getitem__
        numbers: list[int] = []  # the slot numbers, shared by every measure's places
        places: dict[str, _Places] = {}
        for (measure, period), rows in gathered.items():
            types.setdefault(measure, set()).update(map(type, map(value_of, rows)))
            measure_places = places.get(measure)
            if measure_places is None:
                measure_places = places[measure] = _Places(numbers)
            placed, repeated = measure_places.place(rows, list(map(units.__getitem__, rows)))
            for unit, first, row in repeated:  # a unit reported this value more than once
                versions.setdefault((measure, unit, period), [first]).append(row)
            index.setdefault(measure, {})[period] = _Column(measure_places.slots, placed)
        all_slots = {measure: measure_places.slots for measure, measure_places in places.items()}
        del places
        for measure, by_period in index.items():  # each column: a row for every slot, and -1
            end = len(all_slots[measure]) + 1
            for column in by_period.values():
                column.rows.extend(itertools.repeat(-1, end - len(column.rows)))
        del gathered
        problems: list[Problem] = []
        self._versions: dict[_VersionKey, tuple[int, ...]] = {}
        # Conflicts are listed series by series, in the order the rows came.
        first_rows = {
            key: min(
                found
                for column in index[key[0]].values()
                if (found := column.get(key[1])) is not None
            )
            for key in versions
        }
        for key, group in sorted(
            versions.items(), key=lambda item: (first_rows[item[0]], item[1][0])
        ):
            ordered = self._order_revisions(group, problems)
            self._versions[key] = ordered
            column = index[key[0]][key[2]]
            column.rows[column.slots[key[1]]] = ordered[-1]
        self._index = index
        self._slots = all_slots
        self._kinds = {
            measure: frozenset(kind is bool for kind in seen) for measure, seen in types.items()
        }
        if collected is not None:
            collected.extend(problems)
        elif problems:
            raise DataError(problems)

    def _order_revisions(self, group: list[int], problems: list[Problem]) -> tuple[int, ...]:
        recorded = self._columns.recorded
        ordered = sorted(
            group, key=lambda row: (recorded[row] is not None, recorded[row] or dt.date.min)
        )
        for earlier, later in itertools.pairwise(ordered):
            first, second = recorded[earlier], recorded[later]
            if first is None or second is None or first == second:
                file, line = self._columns.file[later], self._columns.line[later]
                problems.append(
                    Problem(
                        f"conflicting observations for the same measure, unit and period: "
                        f"{self.observation(earlier).describe()} and "
                        f"{self.observation(later).describe()}; a revision needs a later "
                        "'recorded' date",
                        file=file if line != _NO_LINE else None,
                        line=line if line != _NO_LINE else None,
                    )
                )
        return tuple(ordered)

    def __len__(self) -> int:
        return len(self._columns)

    def __iter__(self) -> Iterator[Observation]:
        size = len(self._columns)
        for start in range(0, size, _EVIDENCE_BATCH):  # built a batch at a time, never kept
            yield from self.observations(range(start, min(start + _EVIDENCE_BATCH, size)))

    def __eq__(self, other: object) -> bool:
        """Logs are equal when they hold the same rows in the same order, and the same notes
        (where each row was read is not compared, as for :class:`Observation`)."""
        if not isinstance(other, ObservationLog):
            return NotImplemented
        mine, theirs = self._columns, other._columns
        return self.notes == other.notes and all(
            getattr(mine, name) == getattr(theirs, name)
            for name in ("measure", "unit", "period", "value", "source", "recorded")
        )

    __hash__ = None  # type: ignore[assignment]

    def __add__(self, other: object) -> ObservationLog:
        if not isinstance(other, ObservationLog):
            return NotImplemented
        columns = LogColumns()
        columns.extend(self._columns)
        columns.extend(other._columns)
        return ObservationLog.from_columns(columns, notes=(*self.notes, *other.notes))

    def __repr__(self) -> str:
        from policytargets.report.notebook import log_repr  # noqa: PLC0415 - on use

        return log_repr(self)

    @property
    def measures(self) -> frozenset[str]:
        """Every measure that has observations."""
        return frozenset(self._index)

    def units(self, measure: str) -> frozenset[str | None]:
        """The units that reported ``measure`` (None for plan-wide observations)."""
        # Made anew on each call (a few milliseconds for 40,000 units), not kept: a national
        # log's sets would hold megabytes for the whole evaluation.
        return frozenset(self._slots.get(measure, _NO_UNITS))

    def value_kinds(self, measure: str) -> frozenset[bool]:
        """Whether ``measure`` holds yes/no values (True), numbers (False), or both.

        .. versionadded:: 0.2.0
        """
        return self._kinds.get(measure, frozenset())

    def observation(self, row: int) -> Observation:
        """The :class:`Observation` of one row, built on each call (the log keeps rows, not
        objects: equal observations, not the same object).

        .. versionadded:: 0.2.0
        """
        return self.observations((row,))[0]

    def observations(self, rows: Iterable[int]) -> tuple[Observation, ...]:
        """The :class:`Observation` of each row, as :meth:`observation` gives it, built in one
        pass.

        .. versionadded:: 0.2.0
        """
        columns = self._columns
        measures, units, periods, values = (
            columns.measure,
            columns.unit,
            columns.period,
            columns.value,
        )
        sources, recorded, files, lines = (
            columns.source,
            columns.recorded,
            columns.file,
            columns.line,
        )
        measure, unit, period, value, source, day, origin = _FIELD_SETTERS
        found: list[Observation] = []
        for row in rows:
            # The columns hold converted values already: the converters are skipped.
            observation = _new(Observation)
            measure(observation, measures[row])
            unit(observation, units[row])
            period(observation, periods[row])
            value(observation, values[row])
            source(observation, sources[row])
            day(observation, recorded[row])
            line = lines[row]
            file = files[row]
            origin(observation, file if line == _NO_LINE else f"{file}:{line}")
            found.append(observation)
        return tuple(found)

    def _row_fields(self, rows: Sequence[int]) -> list[list[Any]]:
        """The measures, units, periods, values, sources and recorded dates of ``rows``, a
        list each (what JSON writes of evidence), without building observations."""
        columns = self._columns
        return [
            list(map(column.__getitem__, rows))
            for column in (
                columns.measure,
                columns.unit,
                columns.period,
                columns.value,
                columns.source,
                columns.recorded,
            )
        ]

    def _rows_from(self, measure: str, period: Period, units: Collection[str | None]) -> list[int]:
        """Every row (every version) of ``measure`` for ``period`` (one the log has) from
        ``units``, unordered; a column of 40,000 units is looked up in C."""
        found = list(self._index[measure][period].present_rows(list(units)))
        versions = self._versions
        if len(versions) < len(units):
            for (name, unit, when), rows in versions.items():
                if name == measure and unit in units and when == period:
                    found.extend(rows[:-1])  # the last is the current value, found already
        else:
            for unit in units:
                rows = versions.get((measure, unit, period), ())
                found.extend(rows[:-1])
        return found

    def _place(self, row: int) -> RowPlace:
        """Where ``row`` was read, its measure and its recorded date."""
        columns = self._columns
        line = columns.line[row]
        return (
            columns.file[row],
            None if line == _NO_LINE else line,
            columns.measure[row],
            columns.recorded[row],
        )

    def rows(self, measure: str | None = None) -> Iterator[ObservationRow]:
        """Every row in the order read (or only the rows of ``measure``), with its file and
        line, without building an :class:`Observation` for each.

        .. versionadded:: 0.2.0
        """
        columns = self._columns
        selected: Iterable[int] = range(len(columns))
        if measure is not None:
            current = self._index.get(measure, _NO_COLUMNS).values()
            chosen = list(itertools.chain.from_iterable(map(_Column.present, current)))
            for key, versions in self._versions.items():
                if key[0] == measure:
                    chosen.extend(versions[:-1])  # the last is the current value, chosen already
            selected = sorted(chosen)
        for row in selected:
            line = columns.line[row]
            yield ObservationRow(
                row,
                columns.measure[row],
                columns.unit[row],
                columns.period[row],
                columns.value[row],
                columns.source[row],
                columns.recorded[row],
                columns.file[row],
                None if line == _NO_LINE else line,
            )

    def history(self, measure: str, unit: str | None, period: Period) -> tuple[Observation, ...]:
        """Every version of one value, oldest first (revisions follow the original)."""
        return tuple(self.observation(row) for row in self._history_rows(measure, unit, period))

    def _history_rows(self, measure: str, unit: str | None, period: Period) -> tuple[int, ...]:
        row = self._index.get(measure, _NO_COLUMNS).get(period, _EMPTY_COLUMN).get(unit)
        if row is None:
            return ()
        return self._versions.get((measure, unit, period), (row,))

    def find(
        self,
        measure: str,
        unit: str | None,
        period: Period,
        *,
        known_at: dt.date | None = None,
    ) -> int | None:
        """The row of the current value for exactly this measure, unit and period, or None.

        As :meth:`get`, without building an :class:`Observation` (see :meth:`observation`).

        .. versionadded:: 0.2.0
        """
        row = self._index.get(measure, _NO_COLUMNS).get(period, _EMPTY_COLUMN).get(unit)
        if row is None or known_at is None:
            return row
        recorded = self._columns.recorded
        versions = self._versions.get((measure, unit, period)) if self._versions else None
        for candidate in reversed(versions or (row,)):
            day = recorded[candidate]
            if day is None or day <= known_at:
                return candidate
        return None

    def get(
        self,
        measure: str,
        unit: str | None,
        period: Period,
        *,
        known_at: dt.date | None = None,
    ) -> Observation | None:
        """The current value for exactly this measure, unit and period.

        Args:
            measure: The measure's id.
            unit: The unit's id, or None for plan-wide observations.
            period: The period.
            known_at: Only observations recorded on or before this day count; the latest of
                those is returned (reproduces what was known then).
        """
        row = self.find(measure, unit, period, known_at=known_at)
        return None if row is None else self.observation(row)

    def latest_until(
        self,
        measure: str,
        unit: str | None,
        day: dt.date,
        *,
        known_at: dt.date | None = None,
        starts_by: dt.date | None = None,
    ) -> Observation | None:
        """The observation for the latest period that ends on or before ``day``.

        This is how a state (a licence, a yes/no fact) is read: it holds until a later
        observation changes it.

        Args:
            measure: The measure's id.
            unit: The unit's id, or None.
            day: Periods must end on or before this day.
            known_at: Only observations recorded by then count.
            starts_by: Periods must also begin on or before this day (the as-of date).
        """
        row = self.find_latest_until(measure, unit, day, known_at=known_at, starts_by=starts_by)
        return None if row is None else self.observation(row)

    def find_latest_until(
        self,
        measure: str,
        unit: str | None,
        day: dt.date,
        *,
        known_at: dt.date | None = None,
        starts_by: dt.date | None = None,
    ) -> int | None:
        """The row :meth:`latest_until` would return, or None.

        .. versionadded:: 0.2.0
        """
        periods = self.periods(measure, unit)
        index = bisect.bisect_right(periods, day, key=_period_end)
        for period in reversed(periods[:index]):
            if starts_by is not None and period.start > starts_by:
                continue
            row = self.find(measure, unit, period, known_at=known_at)
            if row is not None:
                return row
        return None

    def periods(self, measure: str, unit: str | None) -> tuple[Period, ...]:
        """The periods with observations of ``measure`` for ``unit``, by their last day."""
        ordered = self._ordered.get(measure)
        if ordered is None:
            by_period = self._index.get(measure)
            if by_period is None:
                return ()
            in_order = tuple(sorted(by_period, key=_period_order))
            columns_in_order = tuple(map(by_period.__getitem__, in_order))
            # The slots with a value for every period (usually all): each has them all.
            everywhere = bytes(
                map(
                    operator.le,
                    itertools.repeat(0),
                    map(min, *(column.rows for column in columns_in_order), itertools.repeat(0)),
                )
            )
            ordered = self._ordered[measure] = (in_order, columns_in_order, everywhere)
        periods, columns, everywhere = ordered
        slot = self._slots[measure].get(unit)
        if slot is None:
            return ()
        if everywhere[slot]:
            return periods
        return tuple(itertools.compress(periods, [column.rows[slot] >= 0 for column in columns]))

    def column(
        self, measure: str, period: Period, *, known_at: dt.date | None = None
    ) -> dict[str | None, int]:
        """The row :meth:`find` gives for every unit that reported ``measure`` for ``period``.

        The log keeps these rows together, so that a share over 40,000 units costs one
        dictionary look-up per unit, and no :class:`Observation` is built (see
        :meth:`observation` and :meth:`values`).

        .. versionadded:: 0.2.0
        """
        return dict(self._shared_column(measure, period, known_at=known_at).items())

    def _shared_column(
        self, measure: str, period: Period, *, known_at: dt.date | None = None
    ) -> _Column:
        """:meth:`column` as a :class:`_Column`: when every row counts, the log's own, which
        the caller must not change (an evaluation holds many columns of 40,000 units)."""
        column = self._index.get(measure, _NO_COLUMNS).get(period)
        if column is None:
            return _EMPTY_COLUMN  # no unit reported the measure for the period
        if known_at is None:
            return column
        recorded = self._columns.recorded
        days = set(map(recorded.__getitem__, column.present()))  # (in C: 40,000 units)
        if all(day is None or day <= known_at for day in days):
            return column
        rows = array(column.rows.typecode, column.rows)
        for unit, row in column.items():
            day = recorded[row]
            if day is not None and day > known_at:  # the current version was not known then
                earlier = None
                if (measure, unit, period) in self._versions:
                    earlier = self.find(measure, unit, period, known_at=known_at)
                rows[column.slots[unit]] = -1 if earlier is None else earlier
        return _Column(column.slots, rows)

    def values(self, rows: Iterable[int | None]) -> list[Value | None]:
        """The value of each row (None for None), without building an :class:`Observation`.

        .. versionadded:: 0.2.0
        """
        values = self._columns.value
        return [None if row is None else values[row] for row in rows]

    def measure_periods(self, measure: str) -> frozenset[Period]:
        """Every period for which some unit (or the plan) has an observation of ``measure``.

        .. versionadded:: 0.2.0
        """
        return frozenset(self._index.get(measure, _NO_COLUMNS))

    # Conversions and notebook display live in other modules, built on the public API above
    # (iteration and the constructor), and load on first use.

    @classmethod
    def from_records(
        cls, records: Iterable[Mapping[str, Any]], *, notes: Sequence[str] = ()
    ) -> ObservationLog:
        """A log from records: mappings whose keys are the columns of a data file.

        Keys: ``measure``, ``period`` and ``value`` (required); ``unit``, ``source`` and
        ``recorded`` (optional). A value may be a bool, a number (a float is read from its
        shortest decimal text, so ``0.1`` is exactly 1/10) or text as in a data file
        (``"66,7%"``); a period a :class:`~policytargets.Period`, a year or text
        (``"2024-Q3"``); ``recorded`` a date or text. A record with no value (None, NaN) is
        read as not reported and a note names it, as for an empty cell in a data file.

        >>> log = ObservationLog.from_records([
        ...     {"measure": "new-articles", "period": 2024, "value": 18250},
        ...     {"measure": "relicensed", "unit": "tap-chi", "period": "2024", "value": "true"},
        ... ])
        >>> [o.value for o in log]
        [Fraction(18250, 1), True]

        Raises:
            DataError: Every problem, located as ``records[3].period`` (a missing or unknown
                key, a value that cannot be read, conflicting duplicates).

        .. versionadded:: 0.2.0
        """
        from policytargets.frames import log_from_records  # noqa: PLC0415 - on use

        return log_from_records(records, notes=notes)

    @classmethod
    def from_frame(cls, frame: Any) -> ObservationLog:
        """A log from a pandas ``DataFrame`` with the columns of a data file.

        Each row is read as by :meth:`from_records`; notes come from
        ``frame.attrs["notes"]``, where :meth:`to_frame` puts them.

        Raises:
            DataError: Every problem, located by the row's index label (``rows[12].value``);
                an unknown or missing column.
            TypeError: ``frame`` is not a data frame.

        .. versionadded:: 0.2.0
        """
        from policytargets.frames import log_from_frame  # noqa: PLC0415 - on use

        return log_from_frame(frame)

    def to_frame(self) -> Any:
        """The log as a pandas ``DataFrame``: one row per observation, with the columns of a
        data file. Values stay exact (a ``Fraction`` or a ``bool`` per cell) and the log's
        notes are in ``frame.attrs["notes"]``, so that :meth:`from_frame` gives the log back.

        Needs pandas: ``pip install 'policytargets[pandas]'``.

        Raises:
            ImportError: pandas is not installed; the message names the extra.

        .. versionadded:: 0.2.0
        """
        from policytargets.frames import log_frame  # noqa: PLC0415 - pandas on use

        return log_frame(self)

    def _repr_html_(self) -> str:
        from policytargets.report.notebook import log_html  # noqa: PLC0415 - on use

        return log_html(self)


_EVIDENCE_BATCH = 2048  # observations built at a time as evidence is iterated


class Evidence(Sequence[Observation]):
    """Observations of a log cited as evidence, kept as the log's rows and built as they are
    looked at.

    A share over 40,000 units cites 40,000 observations: a scorecard keeps their rows, and each
    :class:`Observation` is built when it is iterated over or indexed, then left to the caller
    (a national scorecard never holds them all at once). It behaves as the tuple of those
    observations: it is equal to that tuple (and hashes as it does), and a slice is a tuple.

    >>> from policytargets import Period
    >>> log = ObservationLog([Observation("digital", "baochi", Period.year(2025), True)])
    >>> cited = Evidence(log, [0])
    >>> cited == (log.observation(0),), len(cited), cited[0].unit
    (True, 1, 'baochi')

    Args:
        log: The log the rows are of.
        rows: The rows cited, in order (as :meth:`ObservationLog.find` gives them).

    .. versionadded:: 0.2.0
    """

    __slots__ = ("_log", "_rows")

    def __init__(self, log: ObservationLog, rows: Iterable[int]) -> None:
        self._log = log
        self._rows = tuple(rows)

    @property
    def log(self) -> ObservationLog:
        """The log the rows are of."""
        return self._log

    @property
    def rows(self) -> tuple[int, ...]:
        """The rows of the log cited, in order."""
        return self._rows

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Observation: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Observation, ...]: ...

    def __getitem__(self, index: int | slice) -> Observation | tuple[Observation, ...]:
        if isinstance(index, slice):
            return self._log.observations(self._rows[index])
        return self._log.observation(self._rows[index])

    def __iter__(self) -> Iterator[Observation]:
        rows = self._rows
        for start in range(0, len(rows), _EVIDENCE_BATCH):
            yield from self._log.observations(rows[start : start + _EVIDENCE_BATCH])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Evidence):
            if other._log is self._log and other._rows == self._rows:
                return True
            return tuple(self) == tuple(other)
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


class _Appends(dict[_K, Callable[[int], None]]):
    """The ``append`` method of the array of rows of each key, the array made on first use."""

    def __init__(self, lists: dict[_K, array[int]], code: str) -> None:
        super().__init__()
        self.lists = lists
        self.code = code

    def __missing__(self, key: _K) -> Callable[[int], None]:
        found = array(self.code)
        self.lists[key] = found
        append = self[key] = found.append
        return append


def _gather(columns: LogColumns) -> dict[tuple[str, Period], array[int]]:
    """The rows of each measure and period, in order.

    Gathered in C: a file's rows share a handful of period objects, so that each row's
    period is known by its object's identity (hashing a Period is a Python call), and equal
    periods are merged object by object.
    """
    measures, periods = columns.measure, columns.period
    same: dict[Period, int] = {}
    period_ids = {
        key: same.setdefault(period, key)
        for key, period in dict(zip(map(id, periods), periods, strict=True)).items()
    }
    by_id = {key: period for period, key in same.items()}
    # (rows as 4-byte integers while a log has fewer than 2**31 of them)
    code = "i" if len(periods) < 2**31 else "q"
    gathered: dict[tuple[str, int], array[int]] = {}
    # (each row's append is called from C: operator.call on the method of its array)
    appends = _Appends(gathered, code)
    keys = zip(measures, map(period_ids.__getitem__, map(id, periods)), strict=True)
    collections.deque(
        map(operator.call, map(appends.__getitem__, keys), range(len(periods))), maxlen=0
    )
    return {(measure, by_id[key]): rows for (measure, key), rows in gathered.items()}


def _period_end(period: Period) -> dt.date:
    return period.end


def _period_order(period: Period) -> tuple[dt.date, dt.date]:
    return (period.end, period.start)
