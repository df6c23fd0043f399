"""Count: how many of a population's active units meet a per-unit condition."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from policytargets.periods import Period
from policytargets.quantities import Value
from policytargets.targets.base import Context, Reading, ReadResult, ValueKind
from policytargets.targets.share import ThresholdShare
from policytargets.timeline import lazy_condition

if TYPE_CHECKING:
    from policytargets.targets.conditions import Condition

__all__ = ["Count"]


@attrs.frozen
class Count:
    """How many units of a population meet a condition: "10 digital technology firms".

    It reads exactly as a :class:`ThresholdShare` with the same keys (each active unit's
    observation for the period; a unit with none does not count and is listed in
    ``unreported_units``), and its value is the number of units that meet the condition,
    so that ``>= n`` is met exactly when the share is at least ``n / population``.

    Attributes:
        population: The population's id.
        measure: The per-unit yes/no measure (true counts), when there is no ``condition``.
        condition: A per-unit condition other than "the measure is true".
        carry_forward: Let a unit's latest earlier observation stand in for a missing one.

    .. versionadded:: 0.2.0
    """

    kind: ClassVar[str] = "count"
    value_kind: ClassVar[ValueKind] = "number"

    population: str
    measure: str | None = None
    condition: Condition | None = attrs.field(default=None, converter=lazy_condition)
    carry_forward: bool = False

    @property
    def share(self) -> ThresholdShare:
        """The threshold share over the same units and condition."""
        return ThresholdShare(self.population, self.measure, self.condition, self.carry_forward)

    def __attrs_post_init__(self) -> None:
        self.share  # noqa: B018 - checks measure and condition as a share does

    def read(self, period: Period, context: Context) -> ReadResult:
        """How many of the units active in ``period`` meet the condition."""
        return self._count(self.share.tally(period, context))

    def read_value(self, period: Period, context: Context) -> Value | None:
        """The value :meth:`read` gives (None without data), without building its evidence.

        .. versionadded:: 0.2.0
        """
        result = self._count(self.share.tally(period, context, evidence=False))
        return result.value if isinstance(result, Reading) else None

    @staticmethod
    def _count(result: ReadResult) -> ReadResult:
        if isinstance(result, Reading) and result.met_units is not None:
            return attrs.evolve(result, value=Fraction(result.met_units))
        return result

    def measures(self) -> Mapping[str, ValueKind]:
        """The per-unit measures and their kinds."""
        return self.share.measures()

    def references(self) -> Mapping[str, str]:
        """The population it counts."""
        return {"population": self.population}

    def to_fields(self) -> dict[str, Any]:
        """Fields as in a plan file."""
        return self.share.to_fields()
