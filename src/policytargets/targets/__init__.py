"""Target types: each turns observations into a target's actual value for a period.

The condition parser (:class:`Condition`) loads on first use.
"""

import importlib
from typing import TYPE_CHECKING, Any

from policytargets.periods import Period
from policytargets.quantities import Value
from policytargets.targets.base import (
    CompoundGrowth,
    Context,
    NoData,
    Reading,
    ReadResult,
    TargetType,
)
from policytargets.targets.boolean import BooleanCompliance
from policytargets.targets.count import Count
from policytargets.targets.growth import Growth
from policytargets.targets.level import Aggregate, Level
from policytargets.targets.ratio import Ratio
from policytargets.targets.share import ThresholdShare
from policytargets.targets.target import ProgressSpec, Target, TargetLink

if TYPE_CHECKING:
    from policytargets.targets.conditions import Condition

__all__ = [
    "Aggregate",
    "BooleanCompliance",
    "CompoundGrowth",
    "Condition",
    "Context",
    "Count",
    "Growth",
    "Level",
    "NoData",
    "ProgressSpec",
    "Ratio",
    "ReadResult",
    "Reading",
    "Target",
    "TargetLink",
    "TargetType",
    "ThresholdShare",
    "counts_units",
    "read_value",
]


def __getattr__(name: str) -> Any:
    if name == "Condition":
        value = importlib.import_module("policytargets.targets.conditions").Condition
        globals()[name] = value
        return value
    try:  # a submodule not imported yet: policytargets.targets.conditions, ...
        return importlib.import_module(f"policytargets.targets.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"policytargets.targets.{name}":
            raise
    raise AttributeError(f"module 'policytargets.targets' has no attribute {name!r}")


TARGET_TYPES: dict[str, type[TargetType]] = {
    cls.kind: cls for cls in (ThresholdShare, Ratio, BooleanCompliance, Growth, Level, Count)
}
"""The built-in target types by their name in plan files."""


def counts_units(rule: TargetType) -> bool:
    """Whether a target type counts a population's units that meet a condition (a threshold
    share or a count), so that its assessments carry ``met_units``, ``population`` and
    ``required_units``.

    .. versionadded:: 0.2.0
    """
    return isinstance(rule, ThresholdShare | Count)


def read_value(rule: TargetType, period: Period, context: Context) -> Value | None:
    """The actual value ``rule.read(period, context)`` gives (None without data), without
    building its evidence where the type can (threshold shares and counts): what projections,
    trend methods and series need for every period.

    .. versionadded:: 0.2.0
    """
    if isinstance(rule, ThresholdShare | Count):
        return rule.read_value(period, context)
    result = rule.read(period, context)
    return result.value if isinstance(result, Reading) else None
