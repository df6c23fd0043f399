"""Assessment: statuses, assessments and scorecards, shared by every target type.

``evaluate(plan, observations, as_of=...)`` answers, for every target and milestone, where
the plan stands on a date and on what evidence. The statuses follow one contract:

========================  ================================================================
``achieved``              on or after the deadline, the milestone period's value meets it
``missed``                on or after the deadline, that value does not meet it
``on_track``              before the deadline, the latest value meets the expected value
``off_track``             before the deadline, the latest value is behind the expected value
``no_data``               no usable observation for what the status needs
``lapsed``                the milestone's population or unit no longer exists on its
                          reference day, and none of its units will return
``not_started``           before the plan is effective, or before a recurring milestone's
                          period begins
========================  ================================================================
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import itertools
import operator
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from policytargets.breakdown import BY_PARENT, Breakdown, GroupAssessment, Grouper, has_key
from policytargets.errors import DataError, PlanError, Problem, quoted, shortened
from policytargets.measures import MeasureReporting, plausibility_problems
from policytargets.observations import Observation, ObservationLog, ObservationRow, RowPlace
from policytargets.periods import Period, PeriodKind, check_year
from policytargets.plan import Plan, ReportRun
from policytargets.quantities import Comparator, Requirement, Value, value_text
from policytargets.targets import Count, Growth, ThresholdShare, counts_units, read_value
from policytargets.targets.base import (
    COLUMN_UNITS,
    Context,
    NoData,
    Reading,
    ReadResult,
    TargetType,
)
from policytargets.targets.target import Target
from policytargets.timeline import Milestone
from policytargets.units import Population, Unit

if TYPE_CHECKING:  # the trend methods load when a milestone needs one
    from policytargets.progress import ProgressResult
    from policytargets.projection import Method, Projection

_Item = TypeVar("_Item")

__all__ = [
    "ROW_REASONS",
    "Assessment",
    "MissingReport",
    "Notice",
    "Scorecard",
    "Status",
    "check_observations",
    "evaluate",
]


class Status(enum.Enum):
    """The state of one milestone on one date.

    .. versionadded:: 0.1.0
    """

    ACHIEVED = "achieved"
    MISSED = "missed"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"
    LAPSED = "lapsed"
    NOT_STARTED = "not_started"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Assessment:
    """Where one milestone of one target stands on the as-of date, and why.

    Attributes:
        target: The target.
        milestone: The milestone judged.
        status: Its status.
        reading: The value judged (for the milestone's period once the deadline has passed,
            otherwise the latest period with data), or None.
        expected: Before the deadline: the value the schedule expects for the reading's
            period.
        note: Why there is no value, or anything else a reader should know.
        missing: What was missing where there is no value.
        projections: The value projected to the deadline at the observed pace (a linear trend
            and compound growth), and the first period the requirement would be met.
        progress: The trend method's record, when the target asks for one; it never changes
            the status.
        breakdown: The same milestone judged for each group of the population's units, when
            the target (or :func:`evaluate`) asks for a breakdown.
        lapsed_on: For a ``lapsed`` milestone: the first day its population or unit no
            longer existed.

    An assessment made by :func:`evaluate` also keeps the data it was judged on (not
    compared, not shown), so that :meth:`series` can read every period.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``breakdown`` and ``lapsed_on``.
    """

    target: Target
    milestone: Milestone
    status: Status
    reading: Reading | None = None
    expected: Value | None = None
    note: str | None = None
    missing: NoData | None = None
    projections: tuple[Projection, ...] = ()
    progress: ProgressResult | None = None
    breakdown: Breakdown | None = None
    lapsed_on: dt.date | None = None
    _context: Context | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    _first: dt.date | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    @property
    def requirement(self) -> Requirement:
        """The milestone's requirement."""
        return self.milestone.require

    @property
    def actual(self) -> Value | None:
        """The actual value judged, or None without data."""
        return self.reading.value if self.reading is not None else None

    @property
    def period(self) -> Period | None:
        """The period of the actual value."""
        return self.reading.period if self.reading is not None else None

    @property
    def evidence(self) -> Sequence[Observation]:
        """The observations the actual value rests on."""
        return self.reading.evidence if self.reading is not None else ()

    @property
    def population(self) -> int | None:
        """The number of units active in the period judged (share and count targets)."""
        if self.reading is not None:
            return self.reading.population
        return self.missing.population if self.missing is not None else None

    @property
    def met_units(self) -> int | None:
        """How many units meet the per-unit condition (share and count targets)."""
        return self.reading.met_units if self.reading is not None else None

    @property
    def unreported_units(self) -> tuple[str, ...]:
        """Active units with no observation for the period judged."""
        if self.reading is not None:
            return self.reading.unreported_units
        return self.missing.unreported_units if self.missing is not None else ()

    @property
    def required_units(self) -> int | None:
        """The smallest count of units that meets the requirement (share and count targets)."""
        rule, population = self.target.rule, self.population
        if population is None or not counts_units(rule):
            return None
        if isinstance(rule, Count):
            required = self.requirement.value
            if isinstance(required, bool) or population == 0:
                return None
            return self.requirement.with_value(required / population).required_units(population)
        return self.requirement.required_units(population)

    @property
    def units_short(self) -> int | None:
        """How many more units must meet the condition (share and count targets)."""
        required, met = self.required_units, self.met_units
        if required is None or met is None:
            return None
        return max(0, required - met)

    @property
    def gap(self) -> Fraction | None:
        """How far the actual value is from the requirement (0 when it meets it).

        For ``>=`` and ``>`` the shortfall, for ``<=`` and ``<`` the excess, for ``=`` the
        distance. None for yes/no targets and without data.
        """
        actual, required = self.actual, self.requirement.value
        if actual is None or isinstance(actual, bool) or isinstance(required, bool):
            return None
        if self.reading is not None and self.reading.meets(self.requirement):
            return Fraction(0)
        match self.requirement.comparator:
            case Comparator.GE | Comparator.GT:
                return max(Fraction(0), required - actual)
            case Comparator.LE | Comparator.LT:
                return max(Fraction(0), actual - required)
            case Comparator.EQ:
                return abs(required - actual)

    def to_dict(self) -> dict[str, Any]:
        """The assessment as in the JSON contract (with added keys)."""
        share = counts_units(self.target.rule)
        carried = set(self.reading.carried_forward) if self.reading is not None else set()
        result: dict[str, Any] = {
            "target": self.target.id,
            "milestone": self.milestone.label,
            "deadline": self.milestone.deadline.isoformat(),
            "status": self.status.value,
            "comparator": self.requirement.comparator.value,
            "required": value_text(self.requirement.value),
            "actual": None if self.actual is None else value_text(self.actual),
        }
        if share:
            result |= {
                "met_units": self.met_units,
                "population": self.population,
                "required_units": self.required_units,
            }
        gap = self.gap
        result |= {
            "unreported_units": list(self.unreported_units),
            "strive": self.milestone.strive,
            "evidence": [
                o.to_dict() | {"carried_forward": o.unit in carried} for o in self.evidence
            ],
            "type": self.target.kind,
            "period": None if self.period is None else str(self.period),
            "expected": None if self.expected is None else value_text(self.expected),
            "gap": None if gap is None else value_text(gap),
            "units_short": self.units_short if share else None,
            "note": self.note,
            "projections": [self._projection_dict(p) for p in self.projections],
            "progress": None if self.progress is None else self.progress.to_dict(),
        }
        compound = self.reading.compound if self.reading is not None else None
        if compound is not None:
            result["compound"] = {
                "factor": value_text(compound.factor),
                "periods": compound.periods,
            }
        if self.milestone.condition is not None:
            result["condition"] = str(self.milestone.condition)
        if self.lapsed_on is not None:
            result["lapsed_on"] = self.lapsed_on.isoformat()
        if self.breakdown is not None:
            result["breakdown"] = self.breakdown.to_dict()
        return result

    def series(self) -> list[dict[str, Any]]:
        """Each period's observed, expected and required value, ready to plot or tabulate.

        One record per period of the milestone's kind, from the period holding the plan's
        effective date (or the baseline's, if earlier) to the milestone's period:

        - ``period`` (text, as in files), ``start`` and ``end`` (dates);
        - ``observed``: the target's actual value for the period, read as the engine reads it
          (with the scorecard's as-of and knowledge dates); None for periods without data or
          that begin after the as-of date;
        - ``expected``: the value the schedule expects for the period;
        - ``required``: the requirement of the milestone the period counts toward (the first
          one whose deadline is on or after the period's end);
        - each of those three as a float (yes/no facts as 1.0 and 0.0) and, beside it, its exact
          value as text (``observed_exact``: ``"2/3"``, ``"true"``).

        >>> import matplotlib.pyplot as plt  # doctest: +SKIP
        >>> rows = assessment.series()  # doctest: +SKIP
        >>> plt.plot([r["end"] for r in rows], [r["observed"] for r in rows])  # doctest: +SKIP

        Raises:
            ValueError: The assessment was not made by :func:`evaluate` (it has no data to
                read).

        .. versionadded:: 0.2.0
        """
        if self._context is None or self._first is None:
            raise ValueError(
                f"the assessment of {quoted(self.target.id)} ({self.milestone.label}) was not made "
                "by evaluate(), so it has no data to read a series from"
            )
        context, first = self._context, self._first
        milestones = self.target.all_milestones
        schedule = self.target.schedule
        periods: list[Period] = []
        period = self.milestone.by
        while period.end >= first:
            periods.append(period)
            period = period.previous()
        rows: list[dict[str, Any]] = []
        for period in reversed(periods):
            observed: Value | None = None
            if period.start <= context.as_of:
                observed = read_value(self.target.rule, period, context)
            governing = next((m for m in milestones if m.deadline >= period.end), self.milestone)
            values = {
                "observed": observed,
                "expected": schedule.expected(period),
                "required": governing.require.value,
            }
            row: dict[str, Any] = {"period": str(period), "start": period.start, "end": period.end}
            for name, value in values.items():
                row[name] = None if value is None else float(value)
                row[f"{name}_exact"] = None if value is None else value_text(value)
            rows.append(row)
        return rows

    def __repr__(self) -> str:
        actual = "no value" if self.actual is None else value_text(self.actual)
        where = f" ({self.period})" if self.period is not None else ""
        return (
            f"<Assessment {self.target.id} {self.milestone.label}: {self.status.value}, "
            f"actual {actual}{where}, required {self.requirement.comparator.value} "
            f"{value_text(self.requirement.value)}>"
        )

    def _repr_html_(self) -> str:
        from policytargets.report.notebook import assessment_html  # noqa: PLC0415 - on use

        return assessment_html(self)

    def first_met_period(self, projection: Projection) -> Period | None:
        """The period in which ``projection`` first meets the requirement, if any."""
        if projection.first_met is None:
            return None
        return Period.from_ordinal(self.milestone.by.kind, projection.first_met)

    def _projection_dict(self, projection: Projection) -> dict[str, Any]:
        first = self.first_met_period(projection)
        value = projection.value_at_deadline
        return {
            "method": projection.method,
            "value_at_deadline": None if value is None else value_text(value),
            "first_met": None if first is None else str(first),
            "met_by_deadline": projection.met_by_deadline,
        }


STATUS_ORDER: tuple[Status, ...] = tuple(Status)


def _frozen_strings(values: Mapping[str, str] | None) -> Mapping[str, str]:
    return MappingProxyType({str(k): str(v) for k, v in (values or {}).items()})


@attrs.frozen
class Notice:
    """Something a reader should know about the data, shown at the top of every report.

    A note that came with the data (a file's leading ``#`` lines) is shown as written; a
    notice the engine writes also carries a ``code`` and ``params``, so that reports can say
    it in their own language.

    Attributes:
        text: The notice as written (in English for the engine's own notices).
        code: What the engine noticed (``"unused_measure"``), or None for a data note.
        params: The values the notice names.
        rows: For a notice about rows of data files that no target reads (its code is one
            of :data:`~policytargets.assess.ROW_REASONS`): the line numbers of those rows by
            file, compact (``{"data.csv": "12, 14-20"}``; a row read without a line is
            counted under its origin, with no line numbers).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``rows``.
    """

    text: str
    code: str | None = None
    params: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_strings, hash=False)
    rows: Mapping[str, str] = attrs.field(
        factory=dict, converter=_frozen_strings, hash=False, kw_only=True
    )

    def __str__(self) -> str:
        return self.text


@attrs.frozen
class MissingReport:
    """A unit that had not reported a measure for a period by the period's due date.

    Attributes:
        unit: The unit's id.
        measure: The measure's id.
        period: The period the report is for.
        due: The day the report was due.
        targets: The ids of the targets that need the report.
        received: The day a late report was recorded, or None if it has not arrived.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``received``.
    """

    unit: str
    measure: str
    period: Period
    due: dt.date
    targets: tuple[str, ...] = ()
    received: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values."""
        return {
            "unit": self.unit,
            "measure": self.measure,
            "period": str(self.period),
            "due": self.due.isoformat(),
            "targets": list(self.targets),
            "received": None if self.received is None else self.received.isoformat(),
        }


@attrs.frozen
class Scorecard:
    """Every assessment of a plan on one as-of date, with a summary.

    Attributes:
        plan: The plan evaluated.
        as_of: The evaluation date.
        known_at: The knowledge date, if only observations recorded by then counted.
        assessments: One per target and milestone, in plan order.
        notices: What a reader should know about the data (notes that came with it, for
            example that it is illustrative; observations no target reads).
        missing_reports: Reports that were due by the as-of date and had not arrived.
        observations: The observation log it was evaluated on (not compared, not shown), so
            that its HTML report charts every period. None for a scorecard built by hand.

    .. versionchanged:: 0.2.0
       Keeps the observation log it was evaluated on.

    .. versionadded:: 0.1.0
    """

    plan: Plan
    as_of: dt.date
    assessments: tuple[Assessment, ...]
    known_at: dt.date | None = None
    notices: tuple[Notice, ...] = ()
    missing_reports: tuple[MissingReport, ...] = ()
    observations: ObservationLog | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def summary(self) -> dict[str, int]:
        """How many assessments have each status (every status is present)."""
        return summary_counts(self.assessments)

    def for_target(self, target_id: str) -> tuple[Assessment, ...]:
        """Every milestone's assessment of one target, by deadline."""
        return self._by_target.get(target_id, ())

    def missing_for(self, target_id: str) -> tuple[MissingReport, ...]:
        """The missing reports of the measures and units one target reads."""
        return self._missing_by_target.get(target_id, ())

    # Indexes made once, so that a report costs the same per target however many there are.
    @functools.cached_property
    def _by_target(self) -> dict[str, tuple[Assessment, ...]]:
        return _group((a.target.id, a) for a in self.assessments)

    @functools.cached_property
    def _missing_by_target(self) -> dict[str, tuple[MissingReport, ...]]:
        return _group((target, m) for m in self.missing_reports for target in m.targets)

    def headline(self, target_id: str) -> Assessment:
        """A target's headline: its next open milestone, or its last once all have passed.

        Raises:
            KeyError: No such target.
        """
        found = self.for_target(target_id)
        if not found:
            raise KeyError(target_id)
        return next((a for a in found if a.milestone.deadline > self.as_of), found[-1])

    def headlines(self) -> tuple[Assessment, ...]:
        """Every target's headline assessment, in plan order."""
        return tuple(self.headline(target.id) for target in self.plan.targets)

    def to_dict(self) -> dict[str, Any]:
        """The scorecard exactly as in the JSON contract (keys are only ever added)."""
        result: dict[str, Any] = {
            "plan": {"id": self.plan.id, "number": self.plan.number, "title": self.plan.title},
            "as_of": self.as_of.isoformat(),
            "assessments": [a.to_dict() for a in self.assessments],
            "summary": self.summary,
        }
        if self.known_at is not None:
            result["known_at"] = self.known_at.isoformat()
        result["notices"] = [str(notice) for notice in self.notices]
        unused = [
            {"code": n.code, "count": int(n.params["count"]), "rows": dict(n.rows)}
            for n in self.notices
            if n.code in ROW_REASONS
        ]
        if unused:
            result["unused_rows"] = unused
        result["missing_reports"] = [m.to_dict() for m in self.missing_reports]
        return result

    def to_records(self) -> list[dict[str, Any]]:
        """One flat record per assessment, for tables and data frames (standard library only).

        Each record has ``target``, ``milestone``, ``deadline`` (a date), ``status`` (the
        contract's text, ``"on_track"``), ``comparator``, ``period``; ``actual``,
        ``required``, ``expected`` and ``gap`` as floats (yes/no facts as 1.0 and 0.0; None
        where absent) with their exact values as text beside them (``actual_exact``:
        ``"2/3"``, ``"true"``); and, for share targets, ``met_units``, ``population``,
        ``required_units`` and ``units_short`` (None for other targets).

        >>> import datetime as dt, policytargets as pt
        >>> plan = pt.Plan(
        ...     id="p", number="1/KH", title="Plan", issuer="Province",
        ...     issued=dt.date(2024, 1, 1), effective=dt.date(2024, 1, 1),
        ...     targets=[pt.Target(id="relicensed", title="Relicensed",
        ...                        rule=pt.BooleanCompliance(measure="relicensed"),
        ...                        milestones=[pt.Milestone(2024, "= true")])])
        >>> log = pt.ObservationLog([pt.Observation("relicensed", None, 2024, True)])
        >>> card = pt.evaluate(plan, log, as_of=dt.date(2025, 1, 1))
        >>> record = card.to_records()[0]
        >>> record["status"], record["actual"], record["actual_exact"]
        ('achieved', 1.0, 'true')

        .. versionadded:: 0.2.0
        """
        records = []
        for assessment in self.assessments:
            share = counts_units(assessment.target.rule)
            period = assessment.period
            record: dict[str, Any] = {
                "target": assessment.target.id,
                "milestone": assessment.milestone.label,
                "deadline": assessment.milestone.deadline,
                "status": assessment.status.value,
                "comparator": assessment.requirement.comparator.value,
                "period": None if period is None else str(period),
            }
            values: dict[str, Value | None] = {
                "actual": assessment.actual,
                "required": assessment.requirement.value,
                "expected": assessment.expected,
                "gap": assessment.gap,
            }
            for name, value in values.items():
                record[name] = None if value is None else float(value)
                record[f"{name}_exact"] = None if value is None else value_text(value)
            record |= {
                "met_units": assessment.met_units if share else None,
                "population": assessment.population if share else None,
                "required_units": assessment.required_units,
                "units_short": assessment.units_short,
                "strive": assessment.milestone.strive,
            }
            records.append(record)
        return records

    def to_frame(self) -> Any:
        """:meth:`to_records` as a pandas ``DataFrame``, with ``status`` a categorical column
        whose categories are the contract's statuses, in the contract's order.

        Needs pandas: ``pip install 'policytargets[pandas]'``.

        Raises:
            ImportError: pandas is not installed; the message names the extra.

        .. versionadded:: 0.2.0
        """
        from policytargets.frames import scorecard_frame  # noqa: PLC0415 - pandas on use

        return scorecard_frame(self)

    def __repr__(self) -> str:
        from policytargets.report.notebook import scorecard_repr  # noqa: PLC0415 - on use

        return scorecard_repr(self)

    def _repr_html_(self) -> str:
        from policytargets.report.notebook import scorecard_html  # noqa: PLC0415 - on use

        return scorecard_html(self)


def evaluate(
    plan: Plan,
    observations: ObservationLog | Iterable[Observation],
    *,
    as_of: dt.date,
    known_at: dt.date | None = None,
    breakdown: str | None = None,
) -> Scorecard:
    """Assess every target and milestone of ``plan`` as of a date.

    Args:
        plan: The plan.
        observations: An :class:`ObservationLog` (or observations to build one from).
        as_of: The evaluation date. Observations for periods that begin after it never count;
            a milestone is judged once this date is on or after its deadline.
        known_at: Only observations recorded by this day count, so that a past report can be
            reproduced exactly after revisions arrive (observations without a recorded date
            always count).
        breakdown: Break every target over a population down by this key: ``"parent"`` (an
            agency's province on the reference day, following mergers) or an attribute's
            name. It replaces the targets' own ``breakdown``. A target whose population has no
            unit with the key keeps its own, and a notice names it.

    Returns:
        A :class:`Scorecard` with one assessment per target and milestone, in plan order.

    Raises:
        PlanError: ``breakdown`` is given and no unit of any population a target counts has
            a value for it (path ``breakdown``).
        DataError: An observation of a measure the plan reads holds the wrong kind of value
            (a number for a yes/no measure, or the reverse) or names a unit the plan does not
            know. Every such observation is listed.
        ValueError: ``as_of`` or ``known_at`` is outside the supported years
            (:data:`~policytargets.periods.FIRST_YEAR` to
            :data:`~policytargets.periods.LAST_YEAR`).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``breakdown``.
    """
    check_year(as_of)
    if known_at is not None:
        check_year(known_at)
    keys, skipped = _breakdown_keys(plan, breakdown)
    log = observations if isinstance(observations, ObservationLog) else ObservationLog(observations)
    # the same note in several files (each says the data is illustrative) is said once
    problems = observation_problems(plan, log)
    if problems:
        raise DataError(problems)
    context = Context(log, plan.population_map, as_of, known_at)
    grouper = Grouper(plan.units) if any(keys.values()) else None
    assessments: list[Assessment] = []
    for target in plan.targets:
        by = keys.get(target.id)
        assessments.extend(
            assess(
                target,
                context,
                effective=plan.effective,
                breakdown=by,
                grouper=grouper if by is not None else None,
            )
        )
    # Every row is accounted for after the evaluation, from the plan alone: one pass.
    unread = _row_notices(plan, log, as_of, known_at)
    notes = [*(Notice(note) for note in log.notes), *unread, *skipped]
    # the same note in several files (each says the data is illustrative) is said once
    notices = tuple(dict.fromkeys(notes))
    return Scorecard(
        plan,
        as_of,
        tuple(assessments),
        known_at,
        notices,
        missing_reports(plan, log, as_of=as_of, known_at=known_at),
        observations=log,
    )


def _breakdown_keys(
    plan: Plan, breakdown: str | None
) -> tuple[dict[str, str | None], list[Notice]]:
    """The breakdown key of every target, and a notice naming the targets ``breakdown`` skips.

    Raises:
        PlanError: No unit of any population a target counts has a value for ``breakdown``.
    """
    keys: dict[str, str | None] = {target.id: target.breakdown for target in plan.targets}
    if breakdown is None:
        return keys, []
    keyed: dict[str, bool] = {}
    skipped: list[str] = []
    for target in plan.targets:
        population = target.rule.references().get("population")
        if population is None:
            continue
        if population not in keyed:
            units = plan.population(population).units
            keyed[population] = any(has_key(unit, breakdown) for unit in units)
        if keyed[population]:
            keys[target.id] = breakdown
        else:
            skipped.append(target.id)
    if not any(keyed.values()):
        what = "a parent" if breakdown == BY_PARENT else f"the attribute {quoted(breakdown)}"
        raise PlanError(
            [Problem(f"no unit of a population that a target counts has {what}", "breakdown")]
        )
    if not skipped:
        return keys, []
    names = ", ".join(skipped)
    notice = Notice(
        f"breakdown by {breakdown} does not apply to {names}: no unit of their population has it",
        code="breakdown_not_applied",
        params={"by": breakdown, "targets": names},
    )
    return keys, [notice]


def missing_reports(
    plan: Plan, log: ObservationLog, *, as_of: dt.date, known_at: dt.date | None = None
) -> tuple[MissingReport, ...]:
    """The reports due by ``as_of`` that had not arrived by their due date.

    Each measure is asked for at its own frequency and due date (its description's
    ``reporting``, else the plan's calendar: every year, 15 December by default), and only
    for the periods some target needs: from the target's baseline, first milestone period or
    ``every.from`` (for a growth, from the period it compares that one with), up to the
    period whose report is due by ``as_of``, and never before the plan takes effect. A
    report is asked of every unit a target reads the measure from (the units of its
    population active then, its one unit, or the plan-wide figure, shown with an empty unit),
    and is missing when no observation for the period was recorded by the due date (one
    without a recorded date counts as on time). For yes/no facts read as a state (boolean
    targets), a report is missing only when no state was reported up to the period.

    A missing report that arrived later (recorded after its due date, by ``as_of`` or
    ``known_at``) says when, in ``received``.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Per-measure frequency and due date, only the periods targets need, ``received``.
    """
    starts = {target.id: _first_needed(target) for target in plan.targets}
    rules: dict[str, MeasureReporting] = {}
    default = MeasureReporting(PeriodKind.YEAR, plan.reporting.due_text)
    for measure in plan.measures():
        described = plan.measure(measure)
        rules[measure] = (
            described.reporting if described is not None and described.reporting else default
        )
    earliest = min(starts.values(), default=plan.effective)
    limit = as_of if known_at is None else min(as_of, known_at)
    runs_on: dict[dt.date, tuple[ReportRun, ...]] = {}
    missing: list[tuple[dt.date, int, MissingReport]] = []
    for rule in dict.fromkeys(rules.values()):
        measures = {m for m, r in rules.items() if r == rule}
        for period in rule.periods(earliest, as_of):
            due = rule.due_for(period)
            if not plan.effective <= due <= as_of:
                continue
            cutoff = due if known_at is None else min(due, known_at)
            on = min(period.end, due)
            if on not in runs_on:
                runs_on[on] = plan.report_runs(on)
            # Units share their targets: decide which still need the period once per group.
            needs: dict[tuple[str, ...], tuple[str, ...]] = {}
            for run in runs_on[on]:
                if run.measure not in measures:
                    continue
                needed_by = needs.get(run.targets)
                if needed_by is None:
                    needed_by = needs[run.targets] = tuple(
                        t for t in run.targets if starts[t] <= period.end
                    )
                if not needed_by:
                    continue
                # Rows, not observations: nothing is built for what arrived.
                offsets = _missing(log, run, run.units, period, cutoff)
                late = _report_rows(log, run, [run.units[o] for o in offsets], period, limit)
                for offset, row in zip(offsets, late, strict=True):
                    received = None if row is None else log.observation(row).recorded
                    report = MissingReport(
                        run.units[offset] or "", run.measure, period, due, needed_by, received
                    )
                    missing.append((period.end, run.position + offset, report))
    missing.sort(key=_report_order)
    return tuple(item[2] for item in missing)


_report_order = operator.itemgetter(0, 1)
"""Missing reports by the end of their period, then in the order of the expected reports."""


def _report_rows(
    log: ObservationLog,
    run: ReportRun,
    units: Sequence[str | None],
    period: Period,
    known_at: dt.date,
) -> list[int | None]:
    """The row of each unit's report of ``run``'s measure for ``period`` recorded by
    ``known_at`` (for a state, the latest up to the period), or None; many units are looked
    up through one column of the log."""
    measure = run.measure
    if run.state:
        return [
            log.find_latest_until(measure, unit, period.end, known_at=known_at) for unit in units
        ]
    if len(units) < COLUMN_UNITS:
        return [log.find(measure, unit, period, known_at=known_at) for unit in units]
    return log._shared_column(measure, period, known_at=known_at).rows_of(units)


def _missing(
    log: ObservationLog,
    run: ReportRun,
    units: Sequence[str | None],
    period: Period,
    known_at: dt.date,
) -> list[int]:
    """The place in ``units`` of each unit with no report of ``run``'s measure for ``period``
    recorded by ``known_at``, as :func:`_report_rows` finds it (found in C for a column)."""
    if run.state or len(units) < COLUMN_UNITS:
        rows = _report_rows(log, run, units, period, known_at)
        return [offset for offset, row in enumerate(rows) if row is None]
    return log._shared_column(run.measure, period, known_at=known_at).missing(units)


def _first_needed(target: Target) -> dt.date:
    """The first day of the first period a target needs reported."""
    periods = [m.by for m in target.milestones]
    if target.every is not None:
        periods.append(target.every.start)
    if target.baseline is not None:
        periods.append(target.baseline.period)
    first = min(periods, key=lambda p: p.start, default=None)
    if first is None:
        return dt.date.max
    rule = target.rule
    if isinstance(rule, Growth):
        compared = rule.comparison(first)
        first = compared if compared.start < first.start else first
    return first.start


def check_observations(
    plan: Plan,
    log: ObservationLog,
    *,
    as_of: dt.date | None = None,
    known_at: dt.date | None = None,
) -> tuple[list[Problem], list[Notice]]:
    """The observations the plan cannot use, and what a reader should know about the others.

    Problems: an observation of a measure the plan reads names a unit the plan does not know
    (one problem per measure and unit, at its first row), or holds the wrong kind of value (a
    number for a yes/no measure, or the reverse; one problem per row). Each names its file
    and line where the log knows them; so does every implausible value of a described measure
    (:func:`~policytargets.measures.plausibility_problems`).

    Notices: the rows no target reads, one notice per reason
    (:data:`~policytargets.assess.ROW_REASONS`), each naming the files and lines of its rows.
    A row of a measure the plan reads is read when some target reading the measure reads its
    unit (the plan-wide figure for a target with neither population nor unit) at its kind of
    period (any, for a yes/no fact read as a state; for a growth against a fixed base of
    another kind, that one period), for a period that begins by ``as_of`` (if given), and, for
    a target over a population, when the unit is active on the period's last day (or on
    ``as_of``, if given and earlier). With ``known_at``, a row recorded after it is in no
    notice: the evaluation leaves it out, as the evaluation of that day did.

    .. versionadded:: 0.2.0
    .. versionchanged:: 0.2.0 ``as_of`` and ``known_at``; every unread row is named by file
       and line.
    """
    return observation_problems(plan, log), _row_notices(plan, log, as_of, known_at)


def observation_problems(plan: Plan, log: ObservationLog) -> list[Problem]:
    """The problems of :func:`check_observations` alone, without accounting for every row
    (what :func:`evaluate` raises as a :class:`~policytargets.DataError`): cheap enough to
    check a log before evaluating it."""
    kinds = plan.measures()
    units = plan.units
    problems: list[Problem] = []
    for measure in sorted(log.measures):
        if measure not in kinds:
            continue
        boolean = kinds[measure] == "boolean"
        # (the difference is taken in C: national measures have 40,000 units)
        unknown = {u for u in log.units(measure).difference(units) if u is not None}
        if not unknown and log.value_kinds(measure) <= {boolean}:
            continue  # the usual case, decided without looking at any row
        wanted = "true or false" if boolean else "a number"
        first_rows: dict[str, list[ObservationRow]] = {}
        wrong: list[ObservationRow] = []
        for row in log.rows(measure):
            if row.unit in unknown:
                first_rows.setdefault(row.unit, []).append(row)
            elif isinstance(row.value, bool) != boolean:
                wrong.append(row)
        for unit in sorted(first_rows):
            found = first_rows[unit]
            more = f" (and {len(found) - 1} more rows)" if len(found) > 1 else ""
            problems.append(
                Problem(
                    f"unknown unit {quoted(unit)} in observations of {quoted(measure)}{more}",
                    file=found[0].file if found[0].line is not None else None,
                    line=found[0].line,
                )
            )
        for row in sorted(wrong, key=lambda r: (r.unit or "", r.period.end, r.period.start)):
            problems.append(
                Problem(
                    f"{measure} / {row.unit or '(plan-wide)'} / {row.period} = "
                    f"{value_text(row.value)}: {quoted(measure)} takes {wanted}",
                    file=row.file if row.line is not None else None,
                    line=row.line,
                )
            )
    problems.extend(plausibility_problems(plan.measure_descriptions, log))
    return problems


#: Why a row of a data file is read by no target, one notice code each, in the order notices
#: are shown: its measure is read by no target; it is plan-wide and its measure is read per
#: unit; it is from a unit and its measure is read plan-wide; its unit is in no population (nor
#: the unit) of a target reading its measure; its period is of another kind than those targets
#: read (or, of a growth's fixed base's kind, not the base); its unit is not active in its
#: period; its period begins after the as-of date, so that nothing reads it yet. (A row
#: recorded after the knowledge date, ``known_at``, is left out of the evaluation and of
#: every notice, so that a past report is reproduced byte for byte.)
#:
#: .. versionadded:: 0.2.0
ROW_REASONS: tuple[str, ...] = (
    "unused_measure",
    "plan_wide_for_unit_measure",
    "unit_row_for_plan_wide_measure",
    "unit_in_no_population",
    "other_period_kind",
    "inactive_unit",
    "after_as_of",
)

#: The English sentence of each row notice (the English report's template too).
ROW_SENTENCES: Mapping[str, str] = {
    "unused_measure": "{count} rows of measures no target reads ({measures}): {rows}",
    "plan_wide_for_unit_measure": "{count} plan-wide rows of measures read per unit: {rows}",
    "unit_row_for_plan_wide_measure": "{count} rows per unit of measures read plan-wide: {rows}",
    "unit_in_no_population": "{count} rows from units in no population that reads "
    "their measure: {rows}",
    "other_period_kind": "{count} rows for a kind of period no target reads: {rows}",
    "inactive_unit": "{count} rows from units not active in their period: {rows}",
    "after_as_of": "{count} rows for periods that begin after the as-of date: {rows}",
}

SHOWN_ROW_RANGES = 20
"""How many line ranges of each file (and measures no target reads) a row notice's sentence
names before "…" (its count says how many rows there are in all; a measure's id is cut to
:data:`~policytargets.errors.QUOTED_LENGTH` characters); :attr:`~policytargets.Notice.rows`,
and ``unused_rows`` in JSON, keep every line.

.. versionadded:: 0.2.0
"""


@attrs.frozen
class _Reader:
    """How the targets reading one measure through one scope read it."""

    population: frozenset[str] | None  # the units of its population, if over one
    kinds: frozenset[PeriodKind]
    state: bool  # a yes/no fact read as a state: any kind of period
    periods: frozenset[Period] = frozenset()  # single periods of other kinds: a growth's base


_Group = tuple[frozenset[str | None], tuple[_Reader, ...]]
"""Scope keys (unit ids, or None for the plan-wide figure) read by the same targets, and how
they read them."""


@attrs.frozen
class _Readers:
    """How the targets reading one measure read it, by groups of scope keys that the same
    targets read, so that a verdict is made once per group (40,000 units form one or a few)."""

    groups: tuple[_Group, ...]
    plan_wide_only: bool  # every target reading the measure reads the plan-wide figure

    @classmethod
    def grouped(
        cls, pooled: list[tuple[frozenset[str], _Reader]], single: dict[str | None, list[_Reader]]
    ) -> _Readers:
        """The groups of the units of populations (``pooled``, in plan order) and of single
        scope keys (a unit's targets, or None for plan-wide ones)."""
        groups: list[_Group] = []
        for members, reader in pooled:  # each population splits the groups it overlaps
            refined: list[_Group] = []
            rest: frozenset[str | None] = members
            for keys, readers in groups:
                common = keys if keys is rest else keys & rest
                if not common:
                    refined.append((keys, readers))
                    continue
                refined.append((common, (*readers, reader)))
                if len(common) < len(keys):
                    refined.append((keys - common, readers))
                rest = rest - common
            if rest:
                refined.append((rest, (reader,)))
            groups = refined
        # A single key leaves its group for one of its own, with that group's readers too.
        leaving: dict[int, set[str | None]] = {}
        own: list[_Group] = []
        for key, its_readers in single.items():
            found = next((i for i, (keys, _) in enumerate(groups) if key in keys), None)
            inherited: tuple[_Reader, ...] = ()
            if found is not None:
                leaving.setdefault(found, set()).add(key)
                inherited = groups[found][1]
            own.append((frozenset({key}), (*inherited, *its_readers)))
        kept = [
            (keys - leaving[i] if i in leaving else keys, readers)
            for i, (keys, readers) in enumerate(groups)
        ]
        every = [*(group for group in kept if group[0]), *own]
        plan_wide_only = bool(every) and all(keys == {None} for keys, _ in every)
        return cls(tuple(every), plan_wide_only)


def _readers(plan: Plan) -> dict[str, _Readers]:
    """For every measure a target reads, how it is read, by groups of scope keys."""
    pooled: dict[str, list[tuple[frozenset[str], _Reader]]] = {}
    single: dict[str, dict[str | None, list[_Reader]]] = {}
    members = {key: frozenset(u.id for u in p.units) for key, p in plan.population_map.items()}
    for target in plan.targets:
        kinds = {m.by.kind for m in target.milestones}
        if target.every is not None:
            kinds.add(target.every.start.kind)
        if target.baseline is not None:
            kinds.add(target.baseline.period.kind)
        rule = target.rule
        # A growth reads its fixed base period, not every period of the base's kind.
        base = rule.base if isinstance(rule, Growth) else None
        periods = frozenset({base}) if base is not None and base.kind not in kinds else frozenset()
        scope = rule.references()
        # a yes/no fact, or a value carried forward, is read from the latest period of any kind
        carried = isinstance(rule, ThresholdShare) and rule.carry_forward
        state = rule.value_kind == "boolean" or carried
        population = scope.get("population")
        over = members[population] if population is not None else None
        reader = _Reader(over, frozenset(kinds), state, periods)
        for measure in target.measures():
            by_population = pooled.setdefault(measure, [])
            by_key = single.setdefault(measure, {})
            if over is not None:
                by_population.append((over, reader))
            else:
                by_key.setdefault(scope.get("unit"), []).append(reader)
    return {measure: _Readers.grouped(pooled[measure], single[measure]) for measure in pooled}


@attrs.frozen
class _Verdict:
    """Whether the targets read the rows of one measure, unit and kind of period."""

    reason: str | None  # why no row is read, or None
    only: frozenset[Period] | None = None  # if given, only these periods are read
    unit: Unit | None = None  # the unit whose activity in each row's period still decides

    @property
    def all_read(self) -> bool:
        return self.reason is None and self.only is None and self.unit is None


def _verdict(
    readers: _Readers | None, scoped: tuple[_Reader, ...], plan_wide: bool, kind: PeriodKind
) -> tuple[_Verdict, bool]:
    """Whether the targets read the rows of a measure for periods of ``kind`` from the units
    (or the plan-wide figure) that ``scoped`` reads, and whether a unit's activity in each
    row's period still decides."""
    if readers is None:
        return _Verdict("unused_measure"), False
    if not scoped:
        if plan_wide:
            return _Verdict("plan_wide_for_unit_measure"), False
        if readers.plan_wide_only:
            return _Verdict("unit_row_for_plan_wide_measure"), False
        return _Verdict("unit_in_no_population"), False
    only: frozenset[Period] | None = None
    matching = [r for r in scoped if r.state or kind in r.kinds]
    if not matching:
        matching = [r for r in scoped if any(p.kind is kind for p in r.periods)]
        if not matching:
            return _Verdict("other_period_kind"), False
        only = frozenset(p for r in matching for p in r.periods)
    activity = not plan_wide and all(r.population is not None for r in matching)
    return _Verdict(None, only), activity


def _row_reason(verdict: _Verdict, period: Period, as_of: dt.date | None) -> str | None:
    """Why no target reads a row for ``period`` of a series judged ``verdict``, or None."""
    if verdict.reason is not None:
        return verdict.reason
    if verdict.only is not None and period not in verdict.only:
        return "other_period_kind"
    if as_of is not None and period.start > as_of:
        return "after_as_of"
    unit = verdict.unit
    if unit is not None and not unit.is_active(
        period.end if as_of is None else min(period.end, as_of)
    ):
        return "inactive_unit"
    return None


def _line_ranges(lines: list[int]) -> list[str]:
    """``[12, 14, 15, 16]`` as ``["12", "14-16"]``."""
    parts: list[str] = []
    start = previous = None
    for line in sorted(set(lines)):
        if previous is not None and line == previous + 1:
            previous = line
            continue
        if start is not None:
            parts.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = line
    if start is not None:
        parts.append(str(start) if start == previous else f"{start}-{previous}")
    return parts


def _reporting_groups(readers: _Readers | None, reported: frozenset[str | None]) -> list[_Group]:
    """The scope keys that reported a measure, grouped by the targets reading them; the keys
    no target reads are grouped with no readers (the plan-wide figure apart)."""
    groups: list[_Group] = []
    unread = reported
    if readers is not None:
        for keys, scoped in readers.groups:
            common = keys & reported
            if common:
                groups.append((common, scoped))
        unread = reported.difference(*(keys for keys, _ in readers.groups))
    if None in unread:
        groups.append((frozenset({None}), ()))
        unread = unread - {None}
    if unread:
        groups.append((unread, ()))
    return groups


# A measure's period whose rows from some units begin after the as-of date: (measure, period,
# units).
_Late = tuple[str, Period, frozenset[str | None]]


def _unread_keys(
    plan: Plan, log: ObservationLog, as_of: dt.date | None
) -> tuple[dict[tuple[str, str | None, Period], str], list[_Late]]:
    """Why no target reads each measure, unit and period of the log that is not read; and,
    apart, the periods after ``as_of`` of groups of units otherwise read whole.

    Decided group by group of units that the same targets read, and kind by kind of period,
    so that the usual measure, read whole, costs a few verdicts and no look at its units'
    series (only at those of units active for part of the time, if that decides)."""
    readers = _readers(plan)
    units = plan.units
    bounded: frozenset[str] | None = None  # the units active for part of the time
    unread: dict[tuple[str, str | None, Period], str] = {}
    late: list[_Late] = []
    for measure in log.measures:
        found = readers.get(measure)
        every = log.measure_periods(measure)
        # the periods that begin after as_of: no target reads their rows
        after = [] if as_of is None else [period for period in every if period.start > as_of]
        kinds = {period.kind for period in every}
        for keys, scoped in _reporting_groups(found, log.units(measure)):
            plan_wide = None in keys  # then the group is the plan-wide figure alone
            verdicts = {kind: _verdict(found, scoped, plan_wide, kind) for kind in kinds}
            listed: Iterable[str | None] = keys
            if all(verdict.all_read for verdict, _ in verdicts.values()):
                # Only a period after as_of, or a unit's activity, can leave a row unread.
                listed = ()
                if any(activity for _, activity in verdicts.values()):
                    if bounded is None:
                        bounded = frozenset(
                            key
                            for key, unit in units.items()
                            if unit.active_from is not None or unit.active_until is not None
                        )
                    listed = keys & bounded  # the units active for part of the time
                if as_of is not None and after:
                    remaining = keys.difference(listed)
                    late.extend((measure, period, remaining) for period in after)
            for unit in listed:
                periods = log.periods(measure, unit)
                # sorted by their last day: when the last ends by as_of, none begins after it
                unit_late = as_of is not None and periods[-1].end > as_of
                first = periods[0].kind
                # (compared by identity: hashing an enum member costs a Python call)
                mixed = any(period.kind is not first for period in periods)
                unit_kinds = set(dict.fromkeys(p.kind for p in periods)) if mixed else {first}
                bounds = units.get(unit) if unit is not None else None
                for kind in unit_kinds:
                    verdict, activity = verdicts[kind]
                    if (
                        activity
                        and bounds is not None
                        and (bounds.active_from is not None or bounds.active_until is not None)
                    ):
                        verdict = attrs.evolve(verdict, unit=bounds)
                    if verdict.all_read and not unit_late:
                        continue
                    for period in periods:
                        if mixed and period.kind is not kind:
                            continue
                        reason = _row_reason(verdict, period, as_of)
                        if reason is not None:
                            unread[(measure, unit, period)] = reason
    return unread, late


def _unread_rows(
    log: ObservationLog,
    unread: dict[tuple[str, str | None, Period], str],
    late: list[_Late],
) -> tuple[dict[str, Sequence[int]], Callable[[int], RowPlace]]:
    """The rows of each reason in the order read (every version of a revised value), and
    where each row was read. A late period's column of 40,000 units is looked up at once in
    the log's index, and rows are kept as 8-byte numbers."""
    found: dict[str, array[int]] = {}
    for (measure, unit, period), reason in unread.items():
        found.setdefault(reason, array("q")).extend(log._history_rows(measure, unit, period))
    for measure, period, units in late:
        found.setdefault("after_as_of", array("q")).extend(log._rows_from(measure, period, units))
    return {reason: array("q", sorted(rows)) for reason, rows in found.items()}, log._place


def _unread_rows_read(
    log: ObservationLog,
    unread: dict[tuple[str, str | None, Period], str],
    late: list[_Late],
) -> tuple[dict[str, Sequence[int]], Callable[[int], RowPlace]]:
    """:func:`_unread_rows` through :meth:`ObservationLog.rows` alone."""
    after = {(measure, period): units for measure, period, units in late}
    found: dict[str, list[int]] = {}
    places: dict[int, RowPlace] = {}
    for measure in {key[0] for key in unread} | {measure for measure, _, _ in late}:
        for row in log.rows(measure):  # every version of a revised value
            reason = unread.get((measure, row.unit, row.period))
            if reason is None and row.unit in after.get((measure, row.period), ()):
                reason = "after_as_of"
            if reason is not None:
                found.setdefault(reason, []).append(row.position)
                places[row.position] = (row.file, row.line, row.measure, row.recorded)
    return {reason: sorted(rows) for reason, rows in found.items()}, places.__getitem__


def _row_notices(
    plan: Plan, log: ObservationLog, as_of: dt.date | None, known_at: dt.date | None = None
) -> list[Notice]:
    """One notice per reason (:data:`ROW_REASONS`) naming the rows no target reads."""
    unread, late = _unread_keys(plan, log, as_of)
    if not unread and not late:
        return []
    # (a log of another class may answer the public queries only: its rows are read)
    read = _unread_rows if type(log) is ObservationLog else _unread_rows_read
    rows, place = read(log, unread, late)
    notices = []
    for reason in ROW_REASONS:
        count = 0
        lines: dict[str, list[int]] = {}
        measures: set[str] = set()
        for row in rows.get(reason, ()):  # files in the order their rows were read
            file, line, measure, recorded = place(row)
            # a row recorded after the knowledge date is left out of this report altogether,
            # so that a past report is reproduced byte for byte once later rows arrive
            if known_at is not None and recorded is not None and recorded > known_at:
                continue
            count += 1
            measures.add(measure)
            listed = lines.setdefault(file, [])
            if line is not None:
                listed.append(line)
        if not count:
            continue
        by_file = {file: _line_ranges(numbers) for file, numbers in lines.items()}
        shown = []
        for file, ranges in by_file.items():
            named = ", ".join(ranges[:SHOWN_ROW_RANGES])
            named += ", …" if len(ranges) > SHOWN_ROW_RANGES else ""
            shown.append(f"{file}: {named}" if named else file)
        params = {"count": str(count), "rows": "; ".join(shown)}
        if reason == "unused_measure":
            names = sorted(measures)
            shown_names = [shortened(name) for name in names[:SHOWN_ROW_RANGES]]
            params["measures"] = ", ".join(shown_names + ["…"] * (len(names) > SHOWN_ROW_RANGES))
        text = ROW_SENTENCES[reason].format_map(params)
        full = {file: ", ".join(ranges) for file, ranges in by_file.items()}
        notices.append(Notice(text, code=reason, params=params, rows=full))
    return notices


def assess(
    target: Target,
    context: Context,
    *,
    effective: dt.date,
    breakdown: str | None = None,
    grouper: Grouper | None = None,
) -> list[Assessment]:
    """Every milestone's assessment of one target (what :func:`evaluate` does per target).

    With ``breakdown`` (default: the target's own), each assessment of a target over a
    population also judges each group of its units; ``grouper`` shares the grouping between
    targets (:func:`evaluate` passes one for the whole plan).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``breakdown`` and ``grouper``.
    """
    readings: dict[tuple[TargetType, Period], ReadResult] = {}
    values: dict[tuple[TargetType, Period], Value | None] = {}

    def reader(rule: TargetType) -> Callable[[Period], ReadResult]:
        def read(period: Period) -> ReadResult:
            key = (rule, period)
            if key not in readings:
                readings[key] = rule.read(period, context)
            return readings[key]

        return read

    def valuer(rule: TargetType) -> Callable[[Period], Value | None]:
        """The values alone, for series: a reading made already is used, none is made."""

        def value(period: Period) -> Value | None:
            key = (rule, period)
            if key in readings:
                found = readings[key]
                return found.value if isinstance(found, Reading) else None
            if key not in values:
                values[key] = read_value(rule, period, context)
            return values[key]

        return value

    schedule = target.schedule
    earliest, latest = _data_span(target, context)
    if getattr(target.rule, "carry_forward", False):
        latest = context.as_of  # an earlier value stands in for the periods after it
    first = max(_first_period(target, effective), earliest)
    series_by: dict[tuple[TargetType, PeriodKind], dict[int, Fraction]] = {}
    by = target.breakdown if breakdown is None else breakdown
    population_id = target.rule.references().get("population")
    population = context.populations.get(population_id) if population_id is not None else None
    if by is not None and population is not None and grouper is None:
        grouper = Grouper({u.id: u for p in context.populations.values() for u in p.units})
    group_reads: dict[tuple[dt.date, str | None, TargetType], dict[Period, ReadResult]] = {}
    # Assessments keep the data, not what this evaluation read from it (freed after it).
    kept = attrs.evolve(context)
    assessments = []
    for milestone in target.all_milestones:
        rule = target.rule_for(milestone)
        read = reader(rule)
        assessment = _assess_milestone(
            target,
            milestone,
            context=context,
            effective=effective,
            read=read,
            expected_at=schedule.expected,
            span=(first, latest),
        )
        kind = milestone.by.kind
        # A judged milestone has no projections: its series only feeds a trend record,
        # which is for yearly milestones.
        wanted = context.as_of < milestone.deadline or (
            target.progress is not None and kind is PeriodKind.YEAR
        )
        if (
            target.rule.value_kind == "number"
            and assessment.status not in {Status.NOT_STARTED, Status.LAPSED}
            and wanted
        ):
            if (rule, kind) not in series_by:  # the same for the milestones of a kind and rule
                series_by[rule, kind] = _observed_series(
                    kind, valuer(rule), context.as_of, first, latest
                )
            series = series_by[rule, kind]
            assessment = attrs.evolve(
                assessment,
                projections=_projections(
                    series, milestone, context.as_of, share=isinstance(target.rule, ThresholdShare)
                ),
                progress=_progress(target, milestone, series),
            )
        if population is not None and by is not None and grouper is not None:
            assessment = attrs.evolve(
                assessment,
                breakdown=_breakdown(
                    target,
                    rule,
                    assessment,
                    by=by,
                    population=population,
                    grouper=grouper,
                    context=context,
                    effective=effective,
                    span=(first, latest),
                    expected_at=schedule.expected,
                    reads=group_reads,
                ),
            )
        assessments.append(attrs.evolve(assessment, context=kept, first=first))
    return assessments


def _breakdown(
    target: Target,
    rule: TargetType,
    pooled: Assessment,
    *,
    by: str,
    population: Population,
    grouper: Grouper,
    context: Context,
    effective: dt.date,
    span: tuple[dt.date, dt.date],
    expected_at: Callable[[Period], Value],
    reads: dict[tuple[dt.date, str | None, TargetType], dict[Period, ReadResult]],
) -> Breakdown:
    """The pooled assessment's milestone judged for each group of the population's units.

    The units are grouped on the reference day of the period the pooled assessment judged (or
    of the milestone's period, without data); each group is read as a population of its own,
    through the same target type and status rules.
    """
    milestone = pooled.milestone
    period = pooled.period or milestone.by
    day = min(period.end, context.as_of)
    share = counts_units(target.rule)
    results = []
    for group in grouper.groups(population, by, day):
        group_context = context.with_populations(
            {**context.populations, population.id: group.population}
        )
        cache = reads.setdefault((day, group.key, rule), {})

        def read(
            period: Period,
            cache: dict[Period, ReadResult] = cache,
            group_context: Context = group_context,
        ) -> ReadResult:
            if period not in cache:
                cache[period] = rule.read(period, group_context)
            return cache[period]

        assessment = _assess_milestone(
            target,
            milestone,
            context=group_context,
            effective=effective,
            read=read,
            expected_at=expected_at,
            span=span,
        )
        count = assessment.population if share else None
        if count is None:
            count = len(group.population.members(day))
        results.append(GroupAssessment(group, assessment, count))
    return Breakdown(by, day, results)


_LONGEST_PERIOD = dt.timedelta(days=366)


def _data_span(target: Target, context: Context) -> tuple[dt.date, dt.date]:
    """Days before and after which the target's measures have no data at all.

    Looking back for a value skips what lies outside, so that a daily target costs its
    data, not the days since the plan took effect. No period is longer than a year, so the
    first period's last day less a year is early enough. Without data the span is the as-of
    date alone.
    """
    ends = [
        period.end
        for measure in target.measures()
        for period in context.log.measure_periods(measure)
    ]
    if not ends:
        return context.as_of, context.as_of
    return min(ends) - _LONGEST_PERIOD, max(ends)


SERIES_PERIODS = 1000
"""The most periods back from the as-of date that projections and trend methods read.

.. versionadded:: 0.2.0
"""


PROJECTION_YEARS = 20
"""How far past a deadline projections look for the first period that meets it."""


def _observed_series(
    kind: PeriodKind,
    value_of: Callable[[Period], Value | None],
    as_of: dt.date,
    first: dt.date,
    latest: dt.date,
) -> dict[int, Fraction]:
    """The actual values by period ordinal, from the first period to the one holding as_of.

    At most :data:`SERIES_PERIODS` periods are read.
    """
    last = Period.containing(kind, as_of)
    oldest = Period.from_ordinal(kind, last.ordinal - SERIES_PERIODS + 1)
    series: dict[int, Fraction] = {}
    for period in _periods_back(last, as_of, max(first, oldest.start), latest):
        value = value_of(period)
        if value is not None and not isinstance(value, bool):
            series[period.ordinal] = value
    return dict(sorted(series.items()))


def _projections(
    series: dict[int, Fraction], milestone: Milestone, as_of: dt.date, *, share: bool
) -> tuple[Projection, ...]:
    """Linear and compound-growth projections to the deadline, for milestones still open.

    A share cannot leave 0..100%, so its projected value is kept within them.
    """
    if as_of >= milestone.deadline or len(series) < 2:
        return ()
    from policytargets.projection import first_meeting, project  # noqa: PLC0415 - on use

    per_year = {PeriodKind.YEAR: 1, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12}
    horizon = milestone.by.ordinal + PROJECTION_YEARS * per_year.get(milestone.by.kind, 365)
    deadline = milestone.by.ordinal
    start = min(max(series) + 1, deadline)
    projections = []
    methods: tuple[Method, ...] = ("linear", "cagr")
    for method in methods:
        projected = project(
            series,
            milestone.require.is_met,
            method=method,
            start=start,
            deadline=deadline,
        )
        first = first_meeting(
            series,
            milestone.require.is_met,
            method=method,
            start=start,
            horizon=horizon,
        )
        value = projected.value_at_deadline
        if share and value is not None:
            value = min(max(value, Fraction(0)), Fraction(1))
        projections.append(attrs.evolve(projected, first_met=first, value_at_deadline=value))
    return tuple(projections)


STATCAN_BASE_YEAR = 2015
"""The Statistics Canada method's default base year (open-sdg's)."""


def _progress(
    target: Target, milestone: Milestone, series: dict[int, Fraction]
) -> ProgressResult | None:
    """The trend method's record, for yearly milestones of targets that ask for one.

    Without a ``base_year``, StatCan's is 2015, moved to the first year with data when 2015
    is not before the milestone's year (the method allows a later base year); Eurostat's is
    the first year with data. A base year that is still not before the milestone's year, or
    values beyond the range of real numbers, give ``not_available`` with a reason.
    """
    spec = target.progress
    if spec is None or milestone.by.kind is not PeriodKind.YEAR:
        return None
    required = milestone.require.value
    if isinstance(required, bool):
        return None
    year = milestone.by.start.year
    first = min(series, default=None)
    base = spec.base_year
    if base is None:
        base = STATCAN_BASE_YEAR if spec.method == "statcan" else first
        if base is not None and base >= year:
            base = first
    if base is None:
        return _unavailable(spec.method, spec.direction, year, "there is no data")
    if base >= year:
        reason = f"the base year {base} is not before the milestone's year {year}"
        return _unavailable(spec.method, spec.direction, year, reason)
    from policytargets.progress import eurostat, statcan  # noqa: PLC0415 - on use

    try:
        if spec.method == "statcan":
            return statcan(
                series,
                direction=spec.direction,
                target=required,
                target_year=year,
                base_year=base,
                limit=spec.limit,
            )
        return eurostat(
            series, direction=spec.direction, target=required, target_year=year, base_year=base
        )
    except ValueError as error:  # a value beyond the range of floats
        return _unavailable(spec.method, spec.direction, year, str(error))


def _unavailable(method: str, direction: str, year: int, reason: str) -> ProgressResult:
    from policytargets.progress import ProgressResult  # noqa: PLC0415 - on use

    return ProgressResult(
        method=method,
        category="not_available",
        direction=direction,
        target_year=year,
        reason=reason,
    )


def _first_period(target: Target, effective: dt.date) -> dt.date:
    start = effective
    if target.baseline is not None:
        start = min(start, target.baseline.period.start)
    return start


def lapsed_on(rule: TargetType, context: Context, day: dt.date) -> dt.date | None:
    """The day a target's population or unit ceased to exist, if none of its units is active
    on ``day`` and none will return; None otherwise (and for plan-wide targets).

    A unit that ended with a successor in the population does not make it lapse: the
    successor is active, or will be.

    .. versionadded:: 0.2.0
    """
    scope = rule.references()
    units: tuple[Unit, ...]
    if "population" in scope and scope["population"] in context.populations:
        units = context.populations[scope["population"]].units
    elif "unit" in scope:
        found = (u for p in context.populations.values() for u in p.units if u.id == scope["unit"])
        units = tuple(itertools.islice(found, 1))
    else:
        return None
    last: dt.date | None = None
    for unit in units:
        if unit.active_until is None or unit.active_until >= day:
            return None  # active on the day, or still to come
        last = unit.active_until if last is None else max(last, unit.active_until)
    return None if last is None else last + dt.timedelta(days=1)


def _assess_milestone(
    target: Target,
    milestone: Milestone,
    *,
    context: Context,
    effective: dt.date,
    read: Callable[[Period], ReadResult],
    expected_at: Callable[[Period], Value],
    span: tuple[dt.date, dt.date],
) -> Assessment:
    as_of = context.as_of
    first, last_data = span
    if as_of < effective:
        why = NoData(
            milestone.by,
            "the plan is not yet in effect",
            code="plan_not_in_effect",
            params={"effective": effective.isoformat()},
        )
        return Assessment(target, milestone, Status.NOT_STARTED, note=why.reason, missing=why)
    lapsed = lapsed_on(target.rule, context, min(milestone.deadline, as_of))
    if lapsed is not None:
        scope = ", ".join(target.rule.references().values())
        why = NoData(
            milestone.by,
            f"no unit of {quoted(scope)} exists from {lapsed.isoformat()} on",
            0,
            code="lapsed",
            params={"scope": scope, "since": lapsed.isoformat()},
        )
        return Assessment(
            target, milestone, Status.LAPSED, note=why.reason, missing=why, lapsed_on=lapsed
        )
    if milestone.recurring and as_of < milestone.by.start:
        return Assessment(target, milestone, Status.NOT_STARTED)
    if as_of >= milestone.deadline:
        result = read(milestone.by)
        if isinstance(result, NoData):
            return Assessment(target, milestone, Status.NO_DATA, note=result.reason, missing=result)
        met = result.meets(milestone.require)
        return Assessment(target, milestone, Status.ACHIEVED if met else Status.MISSED, result)
    latest: Reading | None = None
    first_missing: NoData | None = None
    for period in _periods_back(milestone.by, as_of, first, last_data):
        result = read(period)
        if isinstance(result, Reading):
            latest = result
            break
        first_missing = first_missing or result
    if latest is None:
        why = first_missing or NoData(
            milestone.by, "no period has begun yet", code="no_period_begun"
        )
        return Assessment(target, milestone, Status.NO_DATA, note=why.reason, missing=why)
    expected = expected_at(latest.period)
    on_track = latest.meets(milestone.require.with_value(expected))
    status = Status.ON_TRACK if on_track else Status.OFF_TRACK
    return Assessment(target, milestone, status, latest, expected)


def _periods_back(
    last: Period, as_of: dt.date, first: dt.date, latest: dt.date
) -> Iterable[Period]:
    """Periods of ``last``'s kind from ``last`` (or the one holding ``as_of``) back to ``first``.

    After the first one, periods that begin after ``latest`` (the last day with data) are
    skipped: nothing can be read there.
    """
    period = last if last.start <= as_of else Period.containing(last.kind, as_of)
    while period.end >= first:
        yield period
        if period.start > latest:
            period = Period.containing(period.kind, latest)
        else:
            period = period.previous()


def _group(pairs: Iterable[tuple[str, _Item]]) -> dict[str, tuple[_Item, ...]]:
    grouped: dict[str, list[_Item]] = {}
    for key, item in pairs:
        grouped.setdefault(key, []).append(item)
    return {key: tuple(items) for key, items in grouped.items()}


def summary_counts(assessments: Iterable[Assessment]) -> dict[str, int]:
    """How many of ``assessments`` have each status."""
    counts = dict.fromkeys((s.value for s in STATUS_ORDER), 0)
    for assessment in assessments:
        counts[assessment.status.value] += 1
    return counts
