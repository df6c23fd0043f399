"""Ratio: Σ numerator ÷ Σ denominator, pooled over units (never a mean of ratios)."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, ClassVar

import attrs

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

__all__ = ["Ratio"]


@attrs.frozen
class Ratio:
    """The ratio of two measures' sums: revenue ÷ planned revenue, rural ÷ total consumption.

    Over a ``population``, the sums run over the units active in the period that reported both
    measures; the others are listed in ``unreported_units``. With a ``unit``, that unit's
    observations; with neither, the plan-wide observations. Pooling is what makes the ratio
    unchanged when units are split or merged.

    Attributes:
        numerator: The measure summed above the line.
        denominator: The measure summed below it.
        population: Sum over this population's active units.
        unit: Or read this one unit.

    .. versionadded:: 0.1.0
    """

    kind: ClassVar[str] = "ratio"
    value_kind: ClassVar[ValueKind] = "number"

    numerator: str
    denominator: str
    population: str | None = None
    unit: str | None = None

    def __attrs_post_init__(self) -> None:
        check_scope(self.population, self.unit)

    def read(self, period: Period, context: Context) -> ReadResult:
        """Σ numerator ÷ Σ denominator for ``period``."""
        scope = units_in_scope(context, period, population=self.population, unit=self.unit)
        if not scope:
            return no_active_units(period, self.population)
        above = below = Fraction(0)
        evidence: list[Observation] = []
        unreported: list[str] = []
        for unit in scope:
            top = context.observation(self.numerator, unit, period)
            bottom = context.observation(self.denominator, unit, period)
            if top is None or bottom is None:
                unreported.append(unit or "")
                continue
            above += number_of(top)
            below += number_of(bottom)
            evidence.extend((top, bottom))
        population = len(scope) if self.population is not None else None
        missing = tuple(u for u in unreported if u) if self.population is not None else ()
        if len(unreported) == len(scope):
            return NoData(
                period,
                f"no observations of both {self.numerator} and {self.denominator} for {period}",
                population,
                missing,
                code="no_observations",
                params={
                    "numerator": self.numerator,
                    "denominator": self.denominator,
                    "period": period,
                },
            )
        if below == 0:
            return NoData(
                period,
                f"{self.denominator} sums to zero for {period}",
                population,
                missing,
                code="zero_denominator",
                params={"denominator": self.denominator, "period": period},
            )
        return Reading(
            period, above / below, tuple(evidence), population=population, unreported_units=missing
        )

    def measures(self) -> Mapping[str, ValueKind]:
        """Both measures hold numbers."""
        return {self.numerator: "number", self.denominator: "number"}

    def references(self) -> Mapping[str, str]:
        """The population or unit it reads, if any."""
        return scope_references(self.population, self.unit)

    def to_fields(self) -> dict[str, Any]:
        """Fields as in a plan file."""
        fields: dict[str, Any] = {"numerator": self.numerator, "denominator": self.denominator}
        return fields | scope_references(self.population, self.unit)
