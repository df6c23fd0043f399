"""Observations and the observation log: revisions, conflicts and fast queries.

An observation is one recorded value of a measure, for one unit (or the whole plan) and one
period. The log indexes them once by measure, unit and period, so that evaluation asks for
exactly what it needs and never rescans the log: building the log is O(n log n) and each
query is a dictionary look-up (or a binary search for "the latest state before a day").

A second observation for the same measure, unit and period is a **revision** when it was
recorded later; the latest revision is the current value and the whole history stays
queryable. Two observations for the same key that cannot be ordered by their recorded dates
are a conflict, reported as a :class:`~policytargets.errors.DataError` naming both.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

import attrs

from policytargets.errors import DataError, Problem
from policytargets.periods import Period, to_period
from policytargets.quantities import Value, to_value, value_text

__all__ = ["Observation", "ObservationLog"]


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


_SeriesKey = tuple[str, str | None]


class ObservationLog:
    """Every observation of a plan's measures, indexed once for evaluation.

    Build it from observations (``ObservationLog(observations)``) or with
    :func:`policytargets.load_observations`. It is immutable: combine logs with ``+``.

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
        self._all: tuple[Observation, ...] = tuple(observations)
        self.notes: tuple[str, ...] = tuple(notes)
        versions: dict[_SeriesKey, dict[Period, list[Observation]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for observation in self._all:
            versions[(observation.measure, observation.unit)][observation.period].append(
                observation
            )
        problems: list[Problem] = []
        self._versions: dict[_SeriesKey, dict[Period, tuple[Observation, ...]]] = {}
        self._periods: dict[_SeriesKey, tuple[Period, ...]] = {}
        self._units: dict[str, set[str | None]] = defaultdict(set)
        for key, by_period in versions.items():
            self._units[key[0]].add(key[1])
            ordered: dict[Period, tuple[Observation, ...]] = {}
            for period, group in by_period.items():
                ordered[period] = _order_revisions(group, problems)
            self._versions[key] = ordered
            self._periods[key] = tuple(sorted(ordered, key=lambda p: (p.end, p.start)))
        if problems:
            raise DataError(problems)

    def __len__(self) -> int:
        return len(self._all)

    def __iter__(self) -> Iterator[Observation]:
        return iter(self._all)

    def __add__(self, other: object) -> ObservationLog:
        if not isinstance(other, ObservationLog):
            return NotImplemented
        return ObservationLog((*self._all, *other._all), notes=(*self.notes, *other.notes))

    def __repr__(self) -> str:
        return f"<ObservationLog: {len(self._all)} observations>"

    @property
    def measures(self) -> frozenset[str]:
        """Every measure that has observations."""
        return frozenset(self._units)

    def units(self, measure: str) -> frozenset[str | None]:
        """The units that reported ``measure`` (None for plan-wide observations)."""
        return frozenset(self._units.get(measure, ()))

    def history(self, measure: str, unit: str | None, period: Period) -> tuple[Observation, ...]:
        """Every version of one value, oldest first (revisions follow the original)."""
        return self._versions.get((measure, unit), {}).get(period, ())

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
        for observation in reversed(self.history(measure, unit, period)):
            if observation.known_at(known_at):
                return observation
        return None

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
        periods = self._periods.get((measure, unit), ())
        index = bisect.bisect_right(periods, day, key=lambda p: p.end)
        for period in reversed(periods[:index]):
            if starts_by is not None and period.start > starts_by:
                continue
            observation = self.get(measure, unit, period, known_at=known_at)
            if observation is not None:
                return observation
        return None

    def periods(self, measure: str, unit: str | None) -> tuple[Period, ...]:
        """The periods with observations of ``measure`` for ``unit``, by their last day."""
        return self._periods.get((measure, unit), ())


def _order_revisions(group: list[Observation], problems: list[Problem]) -> tuple[Observation, ...]:
    if len(group) == 1:
        return (group[0],)
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
