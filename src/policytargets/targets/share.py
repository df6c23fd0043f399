"""Threshold share: the share of a population's active units that meet a per-unit condition."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from policytargets.errors import quoted
from policytargets.observations import Evidence, Observation
from policytargets.periods import Period
from policytargets.quantities import Value
from policytargets.targets.base import (
    Context,
    NoData,
    Reading,
    ReadResult,
    ValueKind,
    no_active_units,
)
from policytargets.timeline import lazy_condition

if TYPE_CHECKING:
    from policytargets.targets.conditions import Condition

__all__ = ["ThresholdShare"]


@attrs.frozen
class ThresholdShare:
    """Units of a population that meet a condition ÷ units active in the period.

    "70% of provincial press agencies put content on digital platforms" is
    ``ThresholdShare(population="press-agencies", measure="publishes-on-digital-platforms")``;
    "100% of e-press agencies have security level 3 or higher" is
    ``ThresholdShare(population=..., condition="security-level >= 3")``.

    Each active unit's observation for exactly the period counts. A unit with none does not
    meet the condition and is listed in ``unreported_units``; when no unit reported at all,
    there is no data. With ``carry_forward``, a unit's latest earlier observation stands in
    (and the evidence says so).

    Attributes:
        population: The population's id.
        measure: The per-unit yes/no measure (true counts), when there is no ``condition``.
        condition: A per-unit condition other than "the measure is true".
        carry_forward: Let a unit's latest earlier observation stand in for a missing one.

    .. versionadded:: 0.1.0
    """

    kind: ClassVar[str] = "threshold-share"
    value_kind: ClassVar[ValueKind] = "number"

    population: str
    measure: str | None = None
    condition: Condition | None = attrs.field(default=None, converter=lazy_condition)
    carry_forward: bool = False

    def __attrs_post_init__(self) -> None:
        if self.measure is None and self.condition is None:
            raise ValueError("a threshold-share target needs a 'measure' or a 'condition'")
        if (
            self.measure is not None
            and self.condition is not None
            and self.measure not in self.condition.measures()
        ):
            raise ValueError(
                f"'measure' is {quoted(self.measure)} but the condition reads "
                f"{quoted(self.condition.label)}: give one, or make them agree"
            )

    @property
    def rule(self) -> Condition:
        """The per-unit condition in force (``measure = true`` by default)."""
        if self.condition is not None:
            return self.condition
        assert self.measure is not None  # noqa: S101 - guaranteed by __attrs_post_init__
        from policytargets.targets.conditions import Condition  # noqa: PLC0415 - on first use

        return Condition(self.measure)

    def read(self, period: Period, context: Context) -> ReadResult:
        """The share of the units active in ``period`` that meet the condition."""
        return self.tally(period, context)

    def read_value(self, period: Period, context: Context) -> Value | None:
        """The value :meth:`read` gives (None without data), without building its evidence:
        what projections and trend methods need for every period.

        .. versionadded:: 0.2.0
        """
        result = self.tally(period, context, evidence=False)
        return result.value if isinstance(result, Reading) else None

    def tally(self, period: Period, context: Context, *, evidence: bool = True) -> ReadResult:
        """As :meth:`read`; without ``evidence``, the reading cites no observation.

        .. versionadded:: 0.2.0
        """
        units = context.member_ids(self.population, period)
        if not units:
            return no_active_units(period, self.population)
        rule = self.rule
        checks = rule.check_units(units, period, context, carry_forward=self.carry_forward)
        met = checks.met
        unreported: tuple[str, ...] = ()
        if None in met:
            unreported = tuple(u for u, meets in zip(units, met, strict=True) if meets is None)
        if len(unreported) == len(units):
            return NoData(
                period,
                f"no unit reported {rule.label} for {period}",
                len(units),
                unreported,
                code="no_reports",
                params={"measure": rule.label, "period": period},
            )
        met_units = met.count(True)
        carried: tuple[str, ...] = ()
        if self.carry_forward:
            carried = tuple(
                unit
                for unit, meets, stood_in in zip(units, met, checks.carried_forward, strict=True)
                if stood_in and meets is not None
            )
        cited: Sequence[Observation] = ()
        if evidence:
            cited = Evidence(context.log, checks.evidence_rows())
        return Reading(
            period,
            Fraction(met_units, len(units)),
            cited,
            population=len(units),
            met_units=met_units,
            unreported_units=unreported,
            carried_forward=carried,
        )

    def measures(self) -> Mapping[str, ValueKind]:
        """The per-unit measures and their kinds."""
        return self.rule.measures()

    def references(self) -> Mapping[str, str]:
        """The population it counts."""
        return {"population": self.population}

    def to_fields(self) -> dict[str, Any]:
        """Fields as in a plan file."""
        fields: dict[str, Any] = {"population": self.population}
        if self.measure is not None:
            fields["measure"] = self.measure
        if self.condition is not None:
            fields["condition"] = str(self.condition)
        if self.carry_forward:
            fields["carry_forward"] = True
        return fields
