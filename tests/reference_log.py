"""A naive observation log, kept as an oracle for the columnar :class:`ObservationLog`.

It holds one :class:`Observation` object per row in dictionaries, as the first version of the
library did, and answers every query the simple way. The property tests evaluate plans on
both and compare the scorecards byte for byte.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from policytargets import DataError, Observation, ObservationLog, Period, Problem
from policytargets.observations import ObservationRow
from policytargets.quantities import Value


class ReferenceLog(ObservationLog):
    """The same queries as :class:`ObservationLog`, over a dictionary of observations."""

    def __init__(
        self, observations: Iterable[Observation] = (), *, notes: Sequence[str] = ()
    ) -> None:
        self._all = tuple(observations)
        self.notes = tuple(notes)
        self._row_of = {id(o): row for row, o in enumerate(self._all)}
        versions: dict[tuple[str, str | None], dict[Period, list[Observation]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for observation in self._all:
            versions[(observation.measure, observation.unit)][observation.period].append(
                observation
            )
        problems: list[Problem] = []
        self._history: dict[tuple[str, str | None], dict[Period, tuple[Observation, ...]]] = {}
        self._by_measure: dict[str, set[str | None]] = defaultdict(set)
        for key, by_period in versions.items():
            self._by_measure[key[0]].add(key[1])
            self._history[key] = {
                period: _order(group, problems) for period, group in by_period.items()
            }
        if problems:
            raise DataError(problems)

    def __len__(self) -> int:
        return len(self._all)

    def __iter__(self) -> Iterator[Observation]:
        return iter(self._all)

    @property
    def measures(self) -> frozenset[str]:
        return frozenset(self._by_measure)

    def units(self, measure: str) -> frozenset[str | None]:
        return frozenset(self._by_measure.get(measure, ()))

    def value_kinds(self, measure: str) -> frozenset[bool]:
        return frozenset(isinstance(o.value, bool) for o in self._all if o.measure == measure)

    def observation(self, row: int) -> Observation:
        return self._all[row]

    def observations(self, rows: Iterable[int]) -> tuple[Observation, ...]:
        return tuple(self._all[row] for row in rows)

    def rows(self, measure: str | None = None) -> Iterator[ObservationRow]:
        for row, o in enumerate(self._all):
            if measure is None or o.measure == measure:
                file, _, line = o.origin.rpartition(":")
                yield ObservationRow(
                    row, o.measure, o.unit, o.period, o.value, o.source, o.recorded,
                    file if line.isdigit() else o.origin, int(line) if line.isdigit() else None,
                )  # fmt: skip

    def history(self, measure: str, unit: str | None, period: Period) -> tuple[Observation, ...]:
        return self._history.get((measure, unit), {}).get(period, ())

    def get(
        self, measure: str, unit: str | None, period: Period, *, known_at: dt.date | None = None
    ) -> Observation | None:
        for observation in reversed(self.history(measure, unit, period)):
            if observation.known_at(known_at):
                return observation
        return None

    def find(
        self, measure: str, unit: str | None, period: Period, *, known_at: dt.date | None = None
    ) -> int | None:
        found = self.get(measure, unit, period, known_at=known_at)
        return None if found is None else self._row_of[id(found)]

    def column(
        self, measure: str, period: Period, *, known_at: dt.date | None = None
    ) -> dict[str | None, int]:
        found = {
            unit: self.find(measure, unit, period, known_at=known_at)
            for unit in self.units(measure)
        }
        return {unit: row for unit, row in found.items() if row is not None}

    def values(self, rows: Iterable[int | None]) -> list[Value | None]:
        return [None if row is None else self._all[row].value for row in rows]

    def measure_periods(self, measure: str) -> frozenset[Period]:
        return frozenset(
            p for (m, _), by_period in self._history.items() if m == measure for p in by_period
        )

    def periods(self, measure: str, unit: str | None) -> tuple[Period, ...]:
        return tuple(sorted(self._history.get((measure, unit), {}), key=lambda p: (p.end, p.start)))

    def latest_until(
        self,
        measure: str,
        unit: str | None,
        day: dt.date,
        *,
        known_at: dt.date | None = None,
        starts_by: dt.date | None = None,
    ) -> Observation | None:
        for period in reversed(self.periods(measure, unit)):
            if period.end > day or (starts_by is not None and period.start > starts_by):
                continue
            found = self.get(measure, unit, period, known_at=known_at)
            if found is not None:
                return found
        return None

    def find_latest_until(
        self,
        measure: str,
        unit: str | None,
        day: dt.date,
        *,
        known_at: dt.date | None = None,
        starts_by: dt.date | None = None,
    ) -> int | None:
        found = self.latest_until(measure, unit, day, known_at=known_at, starts_by=starts_by)
        return None if found is None else self._row_of[id(found)]


def _order(group: list[Observation], problems: list[Problem]) -> tuple[Observation, ...]:
    ordered = sorted(group, key=lambda o: (o.recorded is not None, o.recorded or dt.date.min))
    for earlier, later in itertools.pairwise(ordered):
        if earlier.recorded is None or later.recorded is None or earlier.recorded == later.recorded:
            problems.append(
                Problem(
                    f"conflicting observations for the same measure, unit and period: "
                    f"{earlier.describe()} and {later.describe()}; a revision needs a later "
                    "'recorded' date"
                )
            )
    return tuple(ordered)
