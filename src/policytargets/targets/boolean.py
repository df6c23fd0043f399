"""Boolean compliance: a yes/no fact, such as "the provincial magazine is relicensed"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from policytargets.periods import Period
from policytargets.targets.base import (
    Context,
    NoData,
    Reading,
    ReadResult,
    ValueKind,
    check_scope,
    no_active_units,
    scope_references,
    units_in_scope,
)

__all__ = ["BooleanCompliance"]


@attrs.frozen
class BooleanCompliance:
    """A yes/no fact that holds until a later observation changes it.

    For a period, the latest observation whose period ends on or before the period's last
    day counts: a licence granted in 2024 still holds in 2025. With a ``population``, the fact
    holds when it holds for every active unit (each unit that has never reported is listed in
    ``unreported_units`` and the fact does not hold).

    Attributes:
        measure: The yes/no measure.
        unit: Read this unit's observations.
        population: Or require the fact of every active unit of this population.

    .. versionadded:: 0.1.0
    """

    kind: ClassVar[str] = "boolean"
    value_kind: ClassVar[ValueKind] = "boolean"

    measure: str
    unit: str | None = None
    population: str | None = None

    def __attrs_post_init__(self) -> None:
        check_scope(self.population, self.unit)

    def read(self, period: Period, context: Context) -> ReadResult:
        """The state of the fact at the end of ``period``."""
        scope = units_in_scope(context, period, population=self.population, unit=self.unit)
        if not scope:
            return no_active_units(period, self.population)
        states = [(unit, context.latest_state(self.measure, unit, period.end)) for unit in scope]
        evidence = tuple(state for _, state in states if state is not None)
        unreported = tuple(unit for unit, state in states if state is None and unit is not None)
        population = len(scope) if self.population is not None else None
        if not evidence:
            return NoData(
                period,
                f"no observation of {self.measure} up to {period}",
                population,
                unreported,
                code="no_state",
                params={"measure": self.measure, "period": period},
            )
        holds = not unreported and all(state.value is True for state in evidence)
        return Reading(period, holds, evidence, population=population, unreported_units=unreported)

    def measures(self) -> Mapping[str, ValueKind]:
        """The measure holds yes/no values."""
        return {self.measure: "boolean"}

    def references(self) -> Mapping[str, str]:
        """The population or unit it reads, if any."""
        return scope_references(self.population, self.unit)

    def to_fields(self) -> dict[str, Any]:
        """Fields as in a plan file."""
        return {"measure": self.measure} | scope_references(self.population, self.unit)
