"""Alignment: how a plan's targets compare with the targets of the plan it implements.

A province's target says which national target it implements
(``implements = { plan = "348-2023", target = "converged-newsroom" }``). :func:`align` then
takes every milestone of every linked national (*reference*) target and sets beside it the
province's requirement for the same period: its own milestone for that period, else the value
its schedule expects then (marked ``interpolated``). The two requirements are compared as sets
of acceptable values:

==================  ===========================================================================
``stricter``        every value the plan accepts, the reference accepts too, but not the reverse
``same``            both accept exactly the same values
``looser``          the plan accepts every value the reference accepts, and more
``not_comparable``  anything else: the sets only overlap, are disjoint, or the targets are of
                    different types
==================  ===========================================================================

For share targets the values lie from 0% to 100%, so ``>= 100%`` and ``= 100%`` are the same
requirement. Both requirements are also given in units of the plan's own population on the
period's reference day (its last day, or the as-of date if that comes first): "> 60%" and
"≥ 80%" both need 2 of 2 agencies, but 2 of 3 against 3 of 3. With observations, the plan's
data is judged by both bars (``status`` and ``reference_status``).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs

from policytargets.assess import Assessment, Notice, Status, assess, check_observations
from policytargets.errors import DataError, PlanError, Problem, quoted
from policytargets.observations import Observation, ObservationLog
from policytargets.periods import Period
from policytargets.plan import Plan
from policytargets.quantities import Comparator, Requirement, Value, value_text
from policytargets.targets import Count, ThresholdShare
from policytargets.targets.base import Context
from policytargets.targets.target import Target
from policytargets.timeline import Milestone

__all__ = [
    "REQUIREMENT_BASES",
    "AlignedRequirement",
    "Alignment",
    "Verdict",
    "align",
    "compare_requirements",
    "requirement_for",
]


class Verdict(enum.Enum):
    """How a plan's requirement compares with the requirement it implements.

    .. versionadded:: 0.2.0
    """

    STRICTER = "stricter"
    SAME = "same"
    LOOSER = "looser"
    NOT_COMPARABLE = "not_comparable"

    def __str__(self) -> str:
        return self.value

    def swapped(self) -> Verdict:
        """The verdict with the two plans' places exchanged (stricter and looser swap)."""
        swaps = {Verdict.STRICTER: Verdict.LOOSER, Verdict.LOOSER: Verdict.STRICTER}
        return swaps.get(self, self)


REQUIREMENT_BASES: tuple[str, ...] = (
    "milestone",
    "schedule",
    "baseline",
    "interpolated",
    "first",
    "last",
)
"""Where the plan's requirement for a period comes from.

``milestone``: its own milestone for the period; ``schedule``: an explicit value of its
schedule (a "Phụ lục I" value); ``baseline``: its baseline's period; ``interpolated``: between
two of those, by the target's interpolation; ``first``: before its first checkpoint (the first
checkpoint's value); ``last``: after its last checkpoint (the last checkpoint's value: the
plan says nothing about the period). Every basis but ``milestone`` is marked ``interpolated``
in the JSON.

.. versionadded:: 0.2.0
"""

NOT_COMPARABLE_REASONS: tuple[str, ...] = ("different_types", "overlap", "disjoint")
"""The reasons a pair of requirements is not comparable, in this order.

``different_types`` when the targets are of different types, ``overlap`` when their sets of
acceptable values only overlap, ``disjoint`` when no value meets both.

.. versionadded:: 0.2.0
"""


# --- requirements as sets of acceptable values ------------------------------------------------


@attrs.frozen
class _Interval:
    """Numbers from ``low`` to ``high`` (None: unbounded), each end closed or open."""

    low: Fraction | None
    low_closed: bool
    high: Fraction | None
    high_closed: bool

    @classmethod
    def of(cls, comparator: Comparator, value: Fraction) -> _Interval:
        match comparator:
            case Comparator.GE:
                return cls(value, True, None, False)
            case Comparator.GT:
                return cls(value, False, None, False)
            case Comparator.LE:
                return cls(None, False, value, True)
            case Comparator.LT:
                return cls(None, False, value, False)
            case Comparator.EQ:
                return cls(value, True, value, True)

    def whole(self) -> _Interval:
        """The whole numbers from 0 in the interval, as a closed interval."""
        low = Fraction(0)
        if self.low is not None:
            low = max(
                low, Fraction(math.ceil(self.low) if self.low_closed else math.floor(self.low) + 1)
            )
        high = None
        if self.high is not None:
            high = Fraction(math.floor(self.high) if self.high_closed else math.ceil(self.high) - 1)
        return _Interval(low, True, high, high is not None)

    def within(self, low: Fraction, high: Fraction) -> _Interval:
        """The part of the interval from ``low`` to ``high``, both included."""
        if self.low is None or self.low < low:
            start, start_closed = low, True
        else:
            start, start_closed = self.low, self.low_closed
        if self.high is None or self.high > high:
            end, end_closed = high, True
        else:
            end, end_closed = self.high, self.high_closed
        return _Interval(start, start_closed, end, end_closed)

    @property
    def empty(self) -> bool:
        if self.low is None or self.high is None:
            return False
        return self.low > self.high or (
            self.low == self.high and not (self.low_closed and self.high_closed)
        )

    def within_interval(self, other: _Interval) -> bool:
        """Whether every number of this interval is in ``other``."""
        if self.empty:
            return True
        if other.empty:
            return False
        low_ok = other.low is None or (
            self.low is not None
            and (
                self.low > other.low
                or (self.low == other.low and (other.low_closed or not self.low_closed))
            )
        )
        high_ok = other.high is None or (
            self.high is not None
            and (
                self.high < other.high
                or (self.high == other.high and (other.high_closed or not self.high_closed))
            )
        )
        return low_ok and high_ok

    def meets(self, other: _Interval) -> bool:
        """Whether some number is in both intervals."""
        lows = [(i.low, i.low_closed) for i in (self, other) if i.low is not None]
        highs = [(i.high, i.high_closed) for i in (self, other) if i.high is not None]
        low = max(lows, key=lambda end: (end[0], not end[1]), default=None)
        high = min(highs, key=lambda end: (end[0], end[1]), default=None)
        if low is None or high is None:
            return not (self.empty or other.empty)
        return not _Interval(low[0], low[1], high[0], high[1]).empty


def compare_requirements(
    requirement: Requirement,
    reference: Requirement,
    *,
    share: bool = False,
    whole: bool = False,
) -> tuple[Verdict, str | None]:
    """Compare two requirements as the sets of values each accepts.

    Args:
        requirement: The plan's requirement.
        reference: The requirement it implements.
        share: Whether the values are shares, which lie from 0 to 1 (so that ``>= 100%``
            and ``= 100%`` accept the same values).
        whole: Whether the values are counts, whole numbers from 0 (so that ``> 9`` and
            ``>= 10`` accept the same values).

    Returns:
        The verdict, and for ``not_comparable`` the reason (``"overlap"`` or ``"disjoint"``,
        see :data:`~policytargets.align.NOT_COMPARABLE_REASONS`), else None.

    >>> from policytargets import Requirement
    >>> from policytargets.align import compare_requirements
    >>> compare_requirements(Requirement.parse("> 60%"), Requirement.parse(">= 80%"))
    (<Verdict.LOOSER: 'looser'>, None)
    >>> compare_requirements(Requirement.parse(">= 100%"), Requirement.parse("= 100%"),
    ...                      share=True)
    (<Verdict.SAME: 'same'>, None)
    >>> compare_requirements(Requirement.parse("> 9"), Requirement.parse(">= 10"), whole=True)
    (<Verdict.SAME: 'same'>, None)

    .. versionadded:: 0.2.0
    """
    value, other = requirement.value, reference.value
    if isinstance(value, bool) or isinstance(other, bool):
        if value == other and isinstance(value, bool) and isinstance(other, bool):
            return Verdict.SAME, None
        return Verdict.NOT_COMPARABLE, "disjoint"
    mine = _Interval.of(requirement.comparator, value)
    theirs = _Interval.of(reference.comparator, other)
    if share:
        mine, theirs = (
            mine.within(Fraction(0), Fraction(1)),
            theirs.within(Fraction(0), Fraction(1)),
        )
    if whole:
        mine, theirs = mine.whole(), theirs.whole()
    inside, outside = mine.within_interval(theirs), theirs.within_interval(mine)
    if inside and outside:
        return Verdict.SAME, None
    if inside:
        return Verdict.STRICTER, None
    if outside:
        return Verdict.LOOSER, None
    return Verdict.NOT_COMPARABLE, "overlap" if mine.meets(theirs) else "disjoint"


def requirement_for(target: Target, period: Period) -> tuple[Requirement, str, bool]:
    """A target's requirement for ``period``: its milestone's, else its schedule's value.

    Without a milestone for the period, the value is the one the target's schedule expects
    then, with the comparator (and aspiration) of the milestone that governs the period: the
    first whose deadline is on or after the period's end, or the last one.

    Returns:
        The requirement, its basis (one of :data:`~policytargets.align.REQUIREMENT_BASES`)
        and whether it is aspirational ("phấn đấu").

    .. versionadded:: 0.2.0
    """
    milestones = target.all_milestones
    for milestone in milestones:
        if milestone.by == period:
            return milestone.require, "milestone", milestone.strive
    schedule = target.schedule
    checkpoints = schedule.checkpoints
    governing = next((m for m in milestones if m.deadline >= period.end), milestones[-1])
    if period in target.schedule_values:
        basis = "schedule"
    elif target.baseline is not None and target.baseline.period == period:
        basis = "baseline"
    elif period.end < checkpoints[0].period.end:
        basis = "first"
    elif period.end > checkpoints[-1].period.end:
        basis = "last"
    else:
        basis = "interpolated"
    return governing.require.with_value(schedule.expected(period)), basis, governing.strive


# --- the alignment ----------------------------------------------------------------------------


@attrs.frozen
class AlignedRequirement:
    """One milestone of a reference target, set beside the plan's requirement for its period.

    Attributes:
        target: The plan's target.
        reference_target: The reference plan's target it implements.
        milestone: The reference target's milestone.
        requirement: The plan's requirement for the milestone's period.
        basis: Where that requirement comes from (one of
            :data:`~policytargets.align.REQUIREMENT_BASES`).
        strive: Whether the plan's requirement is aspirational ("phấn đấu").
        verdict: How the plan's requirement compares with the milestone's.
        reason: For ``not_comparable``, why (one of
            :data:`~policytargets.align.NOT_COMPARABLE_REASONS`).
        difference: The plan's required value minus the reference's, exactly (numbers only,
            for targets of the same type).
        population: Share targets: the plan's units active on the period's reference day.
        required_units: Share targets: the fewest of them that meet the plan's requirement.
        reference_required_units: Share targets: the fewest that meet the reference's.
        assessment: With observations: the plan's data judged by its own requirement.
        reference_assessment: With observations: the same data judged by the reference's
            requirement and schedule.

    .. versionadded:: 0.2.0
    """

    target: Target
    reference_target: Target
    milestone: Milestone
    requirement: Requirement
    basis: str
    strive: bool
    verdict: Verdict
    reason: str | None = None
    difference: Fraction | None = None
    population: int | None = None
    required_units: int | None = None
    reference_required_units: int | None = None
    assessment: Assessment | None = None
    reference_assessment: Assessment | None = None

    @property
    def interpolated(self) -> bool:
        """Whether the plan states no milestone for the period (its requirement is the value
        its schedule expects)."""
        return self.basis != "milestone"

    @property
    def reference_requirement(self) -> Requirement:
        """The reference milestone's requirement."""
        return self.milestone.require

    @property
    def status(self) -> Status | None:
        """The plan's data judged by the plan's requirement (None without observations)."""
        return None if self.assessment is None else self.assessment.status

    @property
    def reference_status(self) -> Status | None:
        """The plan's data judged by the reference's requirement (None without observations,
        or when the targets are of different types)."""
        return None if self.reference_assessment is None else self.reference_assessment.status

    @property
    def actual(self) -> Value | None:
        """The plan's actual value judged (None without observations or data)."""
        return None if self.assessment is None else self.assessment.actual

    def to_dict(self) -> dict[str, Any]:
        """The link as in the alignment JSON contract (with added keys)."""
        actual = self.actual
        period = None if self.assessment is None else self.assessment.period
        return {
            "target": self.target.id,
            "reference_target": self.reference_target.id,
            "milestone": self.milestone.label,
            "deadline": self.milestone.deadline.isoformat(),
            "comparator": self.requirement.comparator.value,
            "required": value_text(self.requirement.value),
            "interpolated": self.interpolated,
            "reference_comparator": self.reference_requirement.comparator.value,
            "reference_required": value_text(self.reference_requirement.value),
            "verdict": self.verdict.value,
            "difference": None if self.difference is None else value_text(self.difference),
            "population": self.population,
            "required_units": self.required_units,
            "reference_required_units": self.reference_required_units,
            "status": None if self.status is None else self.status.value,
            "reference_status": None
            if self.reference_status is None
            else self.reference_status.value,
            "basis": self.basis,
            "reason": self.reason,
            "strive": self.strive,
            "reference_strive": self.milestone.strive,
            "actual": None if actual is None else value_text(actual),
            "period": None if period is None else str(period),
        }


def _verdict_counts(links: Iterable[AlignedRequirement]) -> dict[str, int]:
    counts = dict.fromkeys((verdict.value for verdict in Verdict), 0)
    for link in links:
        counts[link.verdict.value] += 1
    return counts


@attrs.frozen
class Alignment:
    """A plan set beside the plan it implements: every linked milestone, compared.

    Attributes:
        plan: The plan (a province's).
        reference: The plan it implements (the national strategy).
        links: One per linked target pair and reference milestone: the plan's targets in
            plan order, each reference target's milestones by deadline.
        unlinked: The plan's targets that implement no target.
        reference_unlinked: The reference's targets that no target of the plan implements.
        as_of: The evaluation date, if any.
        known_at: The knowledge date, if only observations recorded by then counted.
        notices: What a reader should know: notes that came with the data (for example that
            it is illustrative), targets linked to another plan than the reference.

    .. versionadded:: 0.2.0
    """

    plan: Plan
    reference: Plan
    links: tuple[AlignedRequirement, ...]
    unlinked: tuple[Target, ...]
    reference_unlinked: tuple[Target, ...]
    as_of: dt.date | None = None
    known_at: dt.date | None = None
    notices: tuple[Notice, ...] = ()

    @property
    def summary(self) -> dict[str, int]:
        """How many links have each verdict (every verdict is present)."""
        return _verdict_counts(self.links)

    def for_target(self, target_id: str) -> tuple[AlignedRequirement, ...]:
        """The links of one of the plan's targets."""
        return tuple(link for link in self.links if link.target.id == target_id)

    def to_dict(self) -> dict[str, Any]:
        """The alignment exactly as in the JSON contract (keys are only ever added)."""

        def head(plan: Plan) -> dict[str, str]:
            return {"id": plan.id, "number": plan.number, "title": plan.title}

        result: dict[str, Any] = {
            "plan": head(self.plan),
            "reference": head(self.reference),
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "links": [link.to_dict() for link in self.links],
            "unlinked": [target.id for target in self.unlinked],
            "reference_unlinked": [target.id for target in self.reference_unlinked],
        }
        if self.known_at is not None:
            result["known_at"] = self.known_at.isoformat()
        result["summary"] = self.summary
        result["notices"] = [str(notice) for notice in self.notices]
        return result


def _link_problems(plan: Plan, reference: Plan) -> list[Problem]:
    known = [target.id for target in reference.targets]
    problems = []
    for index, target in enumerate(plan.targets):
        link = target.implements
        if link is None or link.plan != reference.id or link.target in known:
            continue
        import difflib  # noqa: PLC0415 - only to suggest a name, kept out of the import

        close = difflib.get_close_matches(link.target, known, n=1)
        hint = f" (did you mean {quoted(close[0])}?)" if close else ""
        problems.append(
            Problem(
                f"the reference plan {quoted(reference.id)} has no target "
                f"{quoted(link.target)}{hint}",
                f"targets[{index}].implements.target",
            )
        )
    return problems


def _elsewhere(plan: Plan, reference: Plan) -> list[Notice]:
    """A notice naming the targets linked to another plan than the reference, if any."""
    others = [t for t in plan.targets if t.implements and t.implements.plan != reference.id]
    if not others:
        return []
    targets = ", ".join(t.id for t in others)
    plans = ", ".join(dict.fromkeys(t.implements.plan for t in others if t.implements))
    return [
        Notice(
            f"targets {targets} implement plan {plans}, not {reference.id}: they are not "
            "compared here",
            code="links_elsewhere",
            params={"targets": targets, "plans": plans, "reference": reference.id},
        )
    ]


@attrs.frozen
class _Judge:
    """Judges the plan's data by a requirement, as the plan's own evaluation would."""

    context: Context
    effective: dt.date

    def __call__(self, probe: Target) -> dict[Period, Assessment]:
        """Every milestone's assessment of ``probe``, by period."""
        found: dict[Period, Assessment] = {}
        for assessment in assess(probe, self.context, effective=self.effective):
            found.setdefault(assessment.milestone.by, assessment)
        return found


def align(
    plan: Plan,
    reference: Plan,
    observations: ObservationLog | Iterable[Observation] | None = None,
    *,
    as_of: dt.date | None = None,
    known_at: dt.date | None = None,
) -> Alignment:
    """Compare a plan's targets with the targets of the plan it implements.

    Every target of ``plan`` whose ``implements`` names ``reference`` (by its id) is linked
    to that reference target, and each of the reference target's milestones is compared with
    the plan's requirement for the same period (see the module's documentation).

    >>> import datetime as dt
    >>> from policytargets import (Milestone, Plan, Population, Target, TargetLink,
    ...                            ThresholdShare, Unit)
    >>> share = ThresholdShare(population="agencies", measure="converged-newsroom")
    >>> agencies = Population("agencies", "Cơ quan báo chí", [Unit("a", "A"), Unit("b", "B")])
    >>> national = Plan(
    ...     id="348-2023", number="348/QĐ-TTg", title="Chiến lược", issuer="Thủ tướng",
    ...     issued=dt.date(2023, 4, 6), effective=dt.date(2023, 4, 6), populations=[agencies],
    ...     targets=[Target("converged", "Tòa soạn hội tụ", share, [Milestone(2025, ">= 80%")])])
    >>> province = Plan(
    ...     id="77-2023", number="77/KH-UBND", title="Kế hoạch", issuer="UBND tỉnh",
    ...     issued=dt.date(2023, 10, 30), effective=dt.date(2023, 10, 30), populations=[agencies],
    ...     targets=[Target("converged", "Tòa soạn hội tụ", share, [Milestone(2025, "> 60%")],
    ...                     implements=TargetLink("348-2023", "converged"))])
    >>> link = align(province, national).links[0]
    >>> link.verdict, link.difference, link.required_units, link.reference_required_units
    (<Verdict.LOOSER: 'looser'>, Fraction(-1, 5), 2, 2)

    Args:
        plan: The plan (a province's).
        reference: The plan it implements (the national strategy).
        observations: The plan's observations, to judge its data by both requirements.
        as_of: The evaluation date: needed with observations; without them it only moves
            the reference day of the populations (the period's last day, or the as-of date
            if that comes first).
        known_at: Only observations recorded by this day count.

    Returns:
        The :class:`Alignment`.

    Raises:
        PlanError: A target of ``plan`` implements a target that ``reference`` lacks; every
            such target is listed, with its key path (``targets[2].implements.target``).
        DataError: The observations do not fit the plan (as in :func:`~policytargets.evaluate`).
        ValueError: Observations are given without ``as_of``.

    .. versionadded:: 0.2.0
    """
    problems = _link_problems(plan, reference)
    if problems:
        raise PlanError(problems)
    notices: list[Notice] = []
    judge: _Judge | None = None
    if observations is not None:
        if as_of is None:
            raise ValueError("judging observations needs an as-of date ('as_of')")
        log = (
            observations
            if isinstance(observations, ObservationLog)
            else ObservationLog(observations)
        )
        # The data is checked as evaluate() checks it, and its notes are passed on.
        problems, found = check_observations(plan, log, as_of=as_of, known_at=known_at)
        if problems:
            raise DataError(problems)
        notices.extend([*(Notice(note) for note in log.notes), *found])
        judge = _Judge(Context(log, plan.population_map, as_of, known_at), plan.effective)
    notices.extend(_elsewhere(plan, reference))
    references = {target.id: target for target in reference.targets}
    links: list[AlignedRequirement] = []
    unlinked: list[Target] = []
    implemented: set[str] = set()
    for target in plan.targets:
        link = target.implements
        if link is None:
            unlinked.append(target)
            continue
        if link.plan != reference.id:
            continue
        other = references[link.target]
        implemented.add(other.id)
        links.extend(_pair(plan, target, other, as_of=as_of, judge=judge))
    return Alignment(
        plan=plan,
        reference=reference,
        links=tuple(links),
        unlinked=tuple(unlinked),
        reference_unlinked=tuple(t for t in reference.targets if t.id not in implemented),
        as_of=as_of,
        known_at=known_at,
        notices=tuple(notices),
    )


def _pair(
    plan: Plan, target: Target, other: Target, *, as_of: dt.date | None, judge: _Judge | None
) -> list[AlignedRequirement]:
    """The links of one plan target with the reference target it implements."""
    comparable = target.kind == other.kind
    share = isinstance(target.rule, ThresholdShare)
    count = isinstance(target.rule, Count)
    own = attrs.evolve(target, progress=None, breakdown=None)  # what the comparison needs
    # The plan's data under the reference's requirements and schedule.
    bar = attrs.evolve(
        own,
        milestones=other.milestones,
        every=other.every,
        baseline=other.baseline,
        schedule_values=other.schedule_values,
        interpolation=other.interpolation,
    )
    own_judged = judge(own) if judge is not None else {}
    bar_judged = judge(bar) if judge is not None and comparable else {}
    found = []
    for milestone in other.all_milestones:
        period = milestone.by
        requirement, basis, strive = requirement_for(target, period)
        reference_requirement = milestone.require
        if comparable:
            verdict, reason = compare_requirements(
                requirement, reference_requirement, share=share, whole=count
            )
        else:
            verdict, reason = Verdict.NOT_COMPARABLE, "different_types"
        difference = None
        value, other_value = requirement.value, reference_requirement.value
        if comparable and not isinstance(value, bool) and not isinstance(other_value, bool):
            difference = value - other_value
        population = required = reference_required = None
        if isinstance(target.rule, ThresholdShare | Count):
            day = period.end if as_of is None else min(period.end, as_of)
            population = len(plan.population(target.rule.population).members(day))
            required = _units_needed(requirement, population, count=count)
            if comparable:
                reference_required = _units_needed(reference_requirement, population, count=count)
        assessment = reference_assessment = None
        if judge is not None:
            if basis == "milestone":
                assessment = own_judged[period]
            else:
                probe = _with_milestone(own, Milestone(period, requirement, strive))
                assessment = judge(probe)[period]
            reference_assessment = bar_judged.get(period)
        found.append(
            AlignedRequirement(
                target=target,
                reference_target=other,
                milestone=milestone,
                requirement=requirement,
                basis=basis,
                strive=strive,
                verdict=verdict,
                reason=reason,
                difference=difference,
                population=population,
                required_units=required,
                reference_required_units=reference_required,
                assessment=assessment,
                reference_assessment=reference_assessment,
            )
        )
    return found


def _units_needed(requirement: Requirement, population: int, *, count: bool) -> int | None:
    """The fewest of ``population`` units that meet a share requirement, or a count one."""
    if not count:
        return requirement.required_units(population)
    value = requirement.value
    if isinstance(value, bool):
        return None
    match requirement.comparator:
        case Comparator.GE:
            fewest = max(0, math.ceil(value))
        case Comparator.GT:
            fewest = max(0, math.floor(value) + 1)
        case Comparator.EQ:
            fewest = int(value) if value.denominator == 1 else population + 1
        case Comparator.LE | Comparator.LT:
            fewest = 0
    if fewest > population or not requirement.is_met(Fraction(fewest)):
        return None
    return fewest


def _with_milestone(target: Target, milestone: Milestone) -> Target:
    """``target`` with one more milestone (for a period it states none for)."""
    ordered = sorted((*target.milestones, milestone), key=lambda m: (m.deadline, m.by.start))
    return attrs.evolve(target, milestones=ordered)
