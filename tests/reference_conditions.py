"""Per-unit conditions judged the simple way, one unit and one observation at a time.

Kept as an oracle for :meth:`policytargets.Condition.check_units`, which judges many units at
once from columns of the log: the first version of the library judged each unit as below,
and the property tests compare the two on generated data.
"""

from __future__ import annotations

import attrs

from policytargets import Context, Observation, Period
from policytargets.quantities import Comparator, Value
from policytargets.targets.base import number_of
from policytargets.targets.conditions import (
    AllOf,
    AnyOf,
    Comparison,
    Constant,
    Expression,
    GrowthOf,
    MeasureValue,
    Negation,
    Operand,
    RatioOf,
    UnitCheck,
)


@attrs.frozen
class _Read:
    value: Value | None
    evidence: tuple[Observation, ...] = ()
    carried: bool = False


@attrs.frozen
class _Outcome:
    met: bool | None
    evidence: tuple[Observation, ...]
    carried: bool


def reference_check(
    expression: Expression, unit: str, period: Period, context: Context, carry_forward: bool
) -> UnitCheck:
    """Whether ``unit`` meets ``expression`` for ``period``, read observation by observation."""
    outcome = _evaluate(expression, unit, period, context, carry_forward)
    return UnitCheck(outcome.met, outcome.evidence, outcome.carried)


def _value(
    operand: Operand,
    unit: str,
    period: Period,
    context: Context,
    carry_forward: bool,
) -> _Read:
    match operand:
        case Constant(value):
            return _Read(value)
        case MeasureValue(measure):
            observation = context.observation(measure, unit, period)
            carried = False
            if observation is None and carry_forward:
                day = period.start.fromordinal(period.start.toordinal() - 1)
                observation = context.latest_state(measure, unit, day)
                carried = observation is not None
            if observation is None:
                return _Read(None)
            return _Read(observation.value, (observation,), carried)
        case GrowthOf(measure, base):
            compared = base or period.previous()
            then = context.observation(measure, unit, compared)
            now = context.observation(measure, unit, period)
            evidence = tuple(o for o in (then, now) if o is not None)
            if then is None or now is None:
                return _Read(None, evidence)
            before, after = number_of(then), number_of(now)
            if before <= 0:
                # Growth from zero or a negative value is not defined: the unit cannot count.
                return _Read(False, evidence)
            return _Read(after / before - 1, evidence)
        case RatioOf(top, bottom):
            above = _value(top, unit, period, context, carry_forward)
            below = _value(bottom, unit, period, context, carry_forward)
            evidence = (*above.evidence, *below.evidence)
            carried = above.carried or below.carried
            if isinstance(above.value, bool) or isinstance(below.value, bool):
                return _Read(False, evidence, carried)  # an undefined growth inside
            if above.value is None or below.value is None:
                return _Read(None, evidence, carried)
            if below.value == 0:
                return _Read(False, evidence, carried)  # undefined: the unit cannot count
            return _Read(above.value / below.value, evidence, carried)
    raise TypeError(operand)


def _compare(comparison: Comparison, left: _Read, right: _Read) -> bool | None:
    if left.value is None or right.value is None:
        return None
    numeric = not isinstance(comparison.left, MeasureValue | Constant) or not isinstance(
        comparison.right, MeasureValue | Constant
    )
    if numeric and (isinstance(left.value, bool) or isinstance(right.value, bool)):
        return False  # an undefined growth or ratio never counts
    if isinstance(left.value, bool) or isinstance(right.value, bool):
        both = isinstance(left.value, bool) and isinstance(right.value, bool)
        return both and comparison.comparator is Comparator.EQ and left.value == right.value
    return comparison.comparator.holds(left.value, right.value)


def _evaluate(
    expression: Expression, unit: str, period: Period, context: Context, carry_forward: bool
) -> _Outcome:
    match expression:
        case Comparison(left, _, right):
            a = _value(left, unit, period, context, carry_forward)
            b = _value(right, unit, period, context, carry_forward)
            return _Outcome(
                _compare(expression, a, b), (*a.evidence, *b.evidence), a.carried or b.carried
            )
        case Negation(part):
            inner = _evaluate(part, unit, period, context, carry_forward)
            flipped = None if inner.met is None else not inner.met
            return _Outcome(flipped, inner.evidence, inner.carried)
        case AllOf(parts) | AnyOf(parts):
            # Every part is read, so that the evidence lists every observation.
            outcomes = [_evaluate(p, unit, period, context, carry_forward) for p in parts]
            values = [o.met for o in outcomes]
            decisive = isinstance(expression, AnyOf)  # True decides "or", False decides "and"
            if decisive in values:
                met: bool | None = decisive
            elif None in values:
                met = None
            else:
                met = not decisive
            evidence = tuple(dict.fromkeys(o for out in outcomes for o in out.evidence))
            return _Outcome(met, evidence, any(o.carried for o in outcomes))
    raise TypeError(expression)
