"""policytargets: where a government stands against every target of its plans, on any date.

>>> import policytargets as pt
>>> sorted(pt.targets.TARGET_TYPES)
['boolean', 'count', 'growth', 'level', 'ratio', 'threshold-share']

File readers and writers (``load_plan``, ``load_observations``, ...), the reports, the
condition parser (``Condition``) and ``__version__`` load on first use (PEP 562), so that
``import policytargets`` stays cheap.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from policytargets.align import AlignedRequirement, Alignment, Verdict, align
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
from policytargets.measures import Measure, MeasureReporting
from policytargets.observations import Evidence, Observation, ObservationLog, ObservationRow
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
    CompoundGrowth,
    Context,
    Count,
    Growth,
    Level,
    NoData,
    ProgressSpec,
    Ratio,
    Reading,
    Target,
    TargetLink,
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

if TYPE_CHECKING:
    from policytargets.io import (
        dump_plan,
        load_observations,
        load_plan,
        load_units,
        read_observations,
    )
    from policytargets.targets import Condition

    __version__: str

# Names that load their module on first use: the file readers and writers (tomllib, json,
# csv) are not needed to evaluate a plan built in Python, nor the condition parser to import.
_LAZY = {
    "Condition": "policytargets.targets",
    "dump_plan": "policytargets.io",
    "load_observations": "policytargets.io",
    "load_plan": "policytargets.io",
    "load_units": "policytargets.io",
    "read_observations": "policytargets.io",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            found = version("policytargets")
        except PackageNotFoundError:  # pragma: no cover - a source tree without install
            found = "0+unknown"
        globals()["__version__"] = found
        return found
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    try:  # a submodule not imported yet: policytargets.report, policytargets.io, ...
        return importlib.import_module(f"policytargets.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"policytargets.{name}":
            raise
    raise AttributeError(f"module 'policytargets' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "Aggregate",
    "AlignedRequirement",
    "Alignment",
    "Assessment",
    "Baseline",
    "BooleanCompliance",
    "Breakdown",
    "Comparator",
    "CompoundGrowth",
    "Condition",
    "Context",
    "Count",
    "DataError",
    "Evidence",
    "Group",
    "GroupAssessment",
    "Growth",
    "Interpolation",
    "Level",
    "Measure",
    "MeasureReporting",
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
    "TargetLink",
    "TargetType",
    "ThresholdShare",
    "Unit",
    "Verdict",
    "__version__",
    "align",
    "check_observations",
    "dump_plan",
    "evaluate",
    "load_observations",
    "load_plan",
    "load_units",
    "parse_data_number",
    "parse_data_value",
    "parse_date",
    "parse_number",
    "parse_value",
    "read_observations",
]
