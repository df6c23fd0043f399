"""policytargets: where a government stands against every target of its plans, on any date.

>>> import policytargets as pt
>>> sorted(pt.targets.TARGET_TYPES)
['boolean', 'count', 'growth', 'level', 'ratio', 'threshold-share']

.. versionadded:: 0.1.0
"""

from importlib.metadata import PackageNotFoundError, version

from policytargets.assess import (
    Assessment,
    MissingReport,
    Notice,
    Scorecard,
    Status,
    check_observations,
    evaluate,
)
from policytargets.breakdown import Breakdown, Group, GroupAssessment
from policytargets.errors import DataError, PlanError, PolicyTargetsError, Problem
from policytargets.io import dump_plan, load_observations, load_plan, read_observations
from policytargets.observations import Observation, ObservationLog, ObservationRow
from policytargets.periods import Period, PeriodKind, parse_date
from policytargets.plan import Plan
from policytargets.quantities import (
    Comparator,
    Requirement,
    parse_data_number,
    parse_data_value,
    parse_number,
    parse_value,
)
from policytargets.targets import (
    Aggregate,
    BooleanCompliance,
    Condition,
    Context,
    Count,
    Growth,
    Level,
    NoData,
    ProgressSpec,
    Ratio,
    Reading,
    Target,
    TargetType,
    ThresholdShare,
)
from policytargets.timeline import (
    Baseline,
    Interpolation,
    Milestone,
    Recurring,
    ReportingCalendar,
    Schedule,
)
from policytargets.units import Population, Unit

try:
    __version__ = version("policytargets")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

__all__ = [
    "Aggregate",
    "Assessment",
    "Baseline",
    "BooleanCompliance",
    "Breakdown",
    "Comparator",
    "Condition",
    "Context",
    "Count",
    "DataError",
    "Group",
    "GroupAssessment",
    "Growth",
    "Interpolation",
    "Level",
    "Milestone",
    "MissingReport",
    "NoData",
    "Notice",
    "Observation",
    "ObservationLog",
    "ObservationRow",
    "Period",
    "PeriodKind",
    "Plan",
    "PlanError",
    "PolicyTargetsError",
    "Population",
    "Problem",
    "ProgressSpec",
    "Ratio",
    "Reading",
    "Recurring",
    "ReportingCalendar",
    "Requirement",
    "Schedule",
    "Scorecard",
    "Status",
    "Target",
    "TargetType",
    "ThresholdShare",
    "Unit",
    "__version__",
    "check_observations",
    "dump_plan",
    "evaluate",
    "load_observations",
    "load_plan",
    "parse_data_number",
    "parse_data_value",
    "parse_date",
    "parse_number",
    "parse_value",
    "read_observations",
]
