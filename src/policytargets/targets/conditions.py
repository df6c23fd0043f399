"""Per-unit conditions of share targets: ``security-level >= 3``, ``growth(revenue) >= 20%``.

A share target counts the units that meet a condition. By default the condition is "the
measure is true"; a condition may compare a unit's own value (``security-level >= 3``) or the
growth of its own series, year over year (``growth(revenue) >= 20%``) or against a fixed base
period (``growth(revenue, 2022) >= 20%``), so that targets compose.
"""

from __future__ import annotations

import re

import attrs

from policytargets.observations import Observation
from policytargets.periods import Period, optional_period
from policytargets.quantities import Comparator, Requirement, to_requirement
from policytargets.targets.base import Context, number_of

__all__ = ["Condition", "UnitCheck"]

_GROWTH = re.compile(r"^growth\(\s*(?P<measure>[^,()\s]+)\s*(?:,\s*(?P<base>[^()\s]+)\s*)?\)$")
_SPLIT = re.compile(r"^\s*(?P<left>.+?)\s*(?P<rest>(?:>=|<=|==|≥|≤|>|<|=).*)$")


@attrs.frozen
class UnitCheck:
    """Whether one unit meets a condition for a period, and on what evidence.

    ``met`` is None when the unit has not reported what the condition needs.
    """

    met: bool | None
    evidence: tuple[Observation, ...] = ()
    carried_forward: bool = False


@attrs.frozen
class Condition:
    """What a unit must satisfy to count towards a share.

    Attributes:
        measure: The per-unit measure it reads.
        require: The requirement on the unit's value (default ``= true``).
        growth: Compare the growth of the unit's series instead of its value.
        base: With ``growth``: a fixed base period (default: the previous period).

    .. versionadded:: 0.1.0
    """

    measure: str
    require: Requirement = attrs.field(
        default=Requirement(Comparator.EQ, True), converter=to_requirement
    )
    growth: bool = False
    base: Period | None = attrs.field(default=None, converter=optional_period)

    @classmethod
    def parse(cls, text: str) -> Condition:
        """Read ``"security-level >= 3"``, ``"growth(revenue) >= 20%"`` or
        ``"growth(revenue, 2022) >= 20%"``.

        Raises:
            ValueError: The text is not a condition in one of these forms.
        """
        match = _SPLIT.match(text)
        if match is None:
            raise ValueError(
                f"{text!r} is not a condition: write a measure, a comparator and a value, "
                "e.g. 'security-level >= 3' or 'growth(revenue) >= 20%'"
            )
        left, requirement = match["left"], Requirement.parse(match["rest"])
        if grown := _GROWTH.match(left):
            base = Period.parse(grown["base"]) if grown["base"] else None
            if requirement.is_boolean:
                raise ValueError(f"{text!r}: growth is a number, not a yes/no fact")
            return cls(grown["measure"], requirement, growth=True, base=base)
        if not re.fullmatch(r"[^\s()]+", left):
            raise ValueError(f"{text!r}: {left!r} is not a measure id")
        return cls(left, requirement)

    @property
    def is_default(self) -> bool:
        """Whether this is plain "the measure is true"."""
        return not self.growth and self.require == Requirement(Comparator.EQ, True)

    @property
    def value_kind(self) -> str:
        """Whether the measure must hold a ``"number"`` or a ``"boolean"``."""
        return "number" if self.growth or not self.require.is_boolean else "boolean"

    def check(
        self, unit: str, period: Period, context: Context, *, carry_forward: bool = False
    ) -> UnitCheck:
        """Whether ``unit`` meets the condition for ``period``."""
        if self.growth:
            return self._check_growth(unit, period, context)
        observation = context.observation(self.measure, unit, period)
        carried = False
        if observation is None and carry_forward:
            earlier = period.start.toordinal() - 1
            observation = context.latest_state(
                self.measure, unit, period.start.fromordinal(earlier)
            )
            carried = observation is not None
        if observation is None:
            return UnitCheck(None)
        return UnitCheck(self.require.is_met(observation.value), (observation,), carried)

    def _check_growth(self, unit: str, period: Period, context: Context) -> UnitCheck:
        compared = self.base or period.previous()
        now = context.observation(self.measure, unit, period)
        then = context.observation(self.measure, unit, compared)
        if now is None or then is None:
            return UnitCheck(None, tuple(o for o in (now, then) if o is not None))
        before, after = number_of(then), number_of(now)
        if before <= 0:
            # Growth from zero or a negative value is not defined: the unit cannot count.
            return UnitCheck(False, (then, now))
        return UnitCheck(self.require.is_met(after / before - 1), (then, now))

    def __str__(self) -> str:
        if self.growth:
            base = f", {self.base}" if self.base is not None else ""
            return f"growth({self.measure}{base}) {self.require}"
        return f"{self.measure} {self.require}"
