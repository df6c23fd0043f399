"""Growth: a measure's value ÷ its value in the comparison period − 1."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, ClassVar

import attrs

from policytargets.observations import Observation
from policytargets.periods import Period, optional_period
from policytargets.targets.base import (
    CompoundGrowth,
    Context,
    NoData,
    Reading,
    ReadResult,
    ValueKind,
    check_scope,
    number_of,
    scope_references,
    units_in_scope,
)

__all__ = ["Growth"]


@attrs.frozen
class Growth:
    """Growth of a measure: year over year by default, or against a fixed base period.

    "The number of new articles rises every year" is ``Growth(measure="new-articles")`` with a
    recurring ``> 0%`` requirement; "revenue up at least 20% over 2022" is
    ``Growth(measure="revenue", base=2022)`` with ``>= 20%``. Growth from 50 to 60 is exactly
    1/5.

    Over a ``population``, each period's total runs over the units active in that period (so a
    merger compares the merged unit with the units it replaced); if any of them has not
    reported, there is no value, since a partial total would show a fall that did not happen.

    With ``average = True`` the value is the compound average growth per period from
    ``base`` ("GRDP growth averaging at least 12% over 2025–2030"): (v / base)^(1/n) − 1 over
    n periods. It is shown rounded, but judged exactly without roots, since for positive
    values it meets ``>= r`` exactly when v / base >= (1 + r)^n (see
    :class:`CompoundGrowth`).

    Attributes:
        measure: The measure.
        base: The fixed comparison period (default: the previous period).
        population: Sum over this population's active units.
        unit: Or read this one unit.
        average: Compound average growth per period from ``base`` (which it needs).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``average``.
    """

    kind: ClassVar[str] = "growth"
    value_kind: ClassVar[ValueKind] = "number"

    measure: str
    base: Period | None = attrs.field(default=None, converter=optional_period)
    population: str | None = None
    unit: str | None = None
    average: bool = False

    def __attrs_post_init__(self) -> None:
        check_scope(self.population, self.unit)
        if self.average and self.base is None:
            raise ValueError("average growth is measured from a 'base' period: name one")

    def comparison(self, period: Period) -> Period:
        """The period ``period`` is compared with."""
        return self.base if self.base is not None else period.previous()

    def _total(
        self, period: Period, context: Context
    ) -> tuple[Fraction | None, list[Observation], list[str]]:
        scope = units_in_scope(context, period, population=self.population, unit=self.unit)
        total = Fraction(0)
        evidence: list[Observation] = []
        unreported: list[str] = []
        for unit in scope:
            observation = context.observation(self.measure, unit, period)
            if observation is None:
                unreported.append(unit or "")
            else:
                total += number_of(observation)
                evidence.append(observation)
        if not scope or unreported:
            return None, evidence, unreported
        return total, evidence, unreported

    def read(self, period: Period, context: Context) -> ReadResult:
        """Growth for ``period`` against its comparison period."""
        compared = self.comparison(period)
        now, now_evidence, now_missing = self._total(period, context)
        then, then_evidence, then_missing = self._total(compared, context)
        unreported = tuple(dict.fromkeys(u for u in (*then_missing, *now_missing) if u))
        if now is None or then is None:
            missing = [str(p) for p, total in ((compared, then), (period, now)) if total is None]
            return NoData(
                period,
                f"no complete total of {self.measure} for {' and '.join(missing)}",
                unreported_units=unreported,
                code="incomplete_total",
                # Periods never hold a comma, so the list splits back safely.
                params={"measure": self.measure, "periods": ", ".join(missing)},
            )
        if then <= 0:
            return NoData(
                period,
                f"{self.measure} is {then} in {compared}: growth from it is undefined",
                code="undefined_growth",
                params={"measure": self.measure, "value": then, "compared": compared},
            )
        evidence = (*then_evidence, *now_evidence)
        if self.average:
            periods = _periods_between(compared, period)
            if now < 0 or periods <= 0:
                return NoData(
                    period,
                    f"{self.measure} is {now} in {period}: average growth from {compared} "
                    "is undefined",
                    code="undefined_growth",
                    params={"measure": self.measure, "value": now, "compared": compared},
                )
            compound = CompoundGrowth(now / then, periods)
            return Reading(
                period, compound.rate, evidence, unreported_units=unreported, compound=compound
            )
        return Reading(period, now / then - 1, evidence, unreported_units=unreported)

    def measures(self) -> Mapping[str, ValueKind]:
        """The measure holds numbers."""
        return {self.measure: "number"}

    def references(self) -> Mapping[str, str]:
        """The population or unit it reads, if any."""
        return scope_references(self.population, self.unit)

    def to_fields(self) -> dict[str, Any]:
        """Fields as in a plan file."""
        fields: dict[str, Any] = {"measure": self.measure}
        if self.base is not None:
            fields["base"] = self.base
        if self.average:
            fields["average"] = True
        return fields | scope_references(self.population, self.unit)


def _periods_between(start: Period, end: Period) -> int:
    """How many periods of ``end``'s kind lie from ``start`` to ``end``."""
    if start.kind is end.kind:
        return end.ordinal - start.ordinal
    return end.ordinal - Period.containing(end.kind, start.end).ordinal
