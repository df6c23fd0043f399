"""Level: a measure's value as it is — plan-wide, one unit's, or aggregated over a population."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any, ClassVar

import attrs

from policytargets.errors import quoted
from policytargets.observations import Observation
from policytargets.periods import Period
from policytargets.targets.base import (
    Context,
    NoData,
    Reading,
    ReadResult,
    ValueKind,
    check_scope,
    no_active_units,
    number_of,
    scope_references,
    units_in_scope,
)

__all__ = ["Aggregate", "Level"]


class Aggregate(enum.Enum):
    """How a level over a population combines its units' values; each is exact.

    ``median`` of an even number of values is the mean of the middle two.

    >>> from fractions import Fraction
    >>> Aggregate.MEDIAN.apply([Fraction(3), Fraction(1), Fraction(4), Fraction(2)])
    Fraction(5, 2)

    .. versionadded:: 0.2.0
    """

    SUM = "sum"
    MEAN = "mean"
    MEDIAN = "median"
    MIN = "min"
    MAX = "max"

    def apply(self, values: Sequence[Fraction]) -> Fraction:
        """The aggregate of ``values`` (at least one), whatever their order."""
        match self:
            case Aggregate.SUM:
                return sum(values, Fraction(0))
            case Aggregate.MEAN:
                return sum(values, Fraction(0)) / len(values)
            case Aggregate.MEDIAN:
                ordered = sorted(values)
                middle = len(ordered) // 2
                if len(ordered) % 2:
                    return ordered[middle]
                return (ordered[middle - 1] + ordered[middle]) / 2
            case Aggregate.MIN:
                return min(values)
            case Aggregate.MAX:
                return max(values)


def _aggregate(value: Aggregate | str) -> Aggregate:
    if isinstance(value, Aggregate):
        return value
    try:
        return Aggregate(value)
    except ValueError:
        known = ", ".join(member.value for member in Aggregate)
        raise ValueError(f"unknown aggregate {quoted(value)} (expected {known})") from None


@attrs.frozen
class Level:
    """A measure's value as it is: "mobile speed 36 Mb/s", "among the top 20 provinces".

    Plan-wide by default; with a ``unit``, that unit's value; over a ``population``, the
    ``aggregate`` of its active units' values (``sum`` by default, or ``mean``, ``median``,
    ``min``, ``max``). Over a population every active unit must have reported, since a
    partial sum, mean or minimum would mislead; the others are listed in
    ``unreported_units``. A level where smaller is better (a rank, a processing time) is
    required with ``<=``.

    Attributes:
        measure: The measure (a number).
        population: Aggregate over this population's active units.
        unit: Or read this one unit.
        aggregate: How a population's values combine.

    .. versionadded:: 0.2.0
    """

    kind: ClassVar[str] = "level"
    value_kind: ClassVar[ValueKind] = "number"

    measure: str
    population: str | None = None
    unit: str | None = None
    aggregate: Aggregate = attrs.field(default=Aggregate.SUM, converter=_aggregate)

    def __attrs_post_init__(self) -> None:
        check_scope(self.population, self.unit)
        if self.population is None and self.aggregate is not Aggregate.SUM:
            raise ValueError("'aggregate' combines the units of a 'population': name one")

    def read(self, period: Period, context: Context) -> ReadResult:
        """The value for ``period`` (aggregated over the active units of a population)."""
        scope = units_in_scope(context, period, population=self.population, unit=self.unit)
        if not scope:
            return no_active_units(period, self.population)
        values: list[Fraction] = []
        evidence: list[Observation] = []
        unreported: list[str] = []
        for unit in scope:
            observation = context.observation(self.measure, unit, period)
            if observation is None:
                unreported.append(unit or "")
            else:
                values.append(number_of(observation))
                evidence.append(observation)
        population = len(scope) if self.population is not None else None
        missing = tuple(u for u in unreported if u)
        if unreported:
            return NoData(
                period,
                f"no complete total of {self.measure} for {period}",
                population,
                missing,
                code="incomplete_total",
                params={"measure": self.measure, "periods": period},
            )
        return Reading(period, self.aggregate.apply(values), tuple(evidence), population=population)

    def measures(self) -> Mapping[str, ValueKind]:
        """The measure holds numbers."""
        return {self.measure: "number"}

    def references(self) -> Mapping[str, str]:
        """The population or unit it reads, if any."""
        return scope_references(self.population, self.unit)

    def to_fields(self) -> dict[str, Any]:
        """Fields as in a plan file."""
        fields: dict[str, Any] = {"measure": self.measure}
        fields |= scope_references(self.population, self.unit)
        if self.aggregate is not Aggregate.SUM:
            fields["aggregate"] = self.aggregate.value
        return fields
