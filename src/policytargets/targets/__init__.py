"""Target types: each turns observations into a target's actual value for a period."""

from policytargets.targets.base import Context, NoData, Reading, ReadResult, TargetType
from policytargets.targets.boolean import BooleanCompliance
from policytargets.targets.conditions import Condition
from policytargets.targets.growth import Growth
from policytargets.targets.ratio import Ratio
from policytargets.targets.share import ThresholdShare
from policytargets.targets.target import ProgressSpec, Target

__all__ = [
    "BooleanCompliance",
    "Condition",
    "Context",
    "Growth",
    "NoData",
    "ProgressSpec",
    "Ratio",
    "ReadResult",
    "Reading",
    "Target",
    "TargetType",
    "ThresholdShare",
]

TARGET_TYPES: dict[str, type[TargetType]] = {
    cls.kind: cls for cls in (ThresholdShare, Ratio, BooleanCompliance, Growth)
}
"""The built-in target types by their name in plan files."""
