"""Milestones, schedules (the expected value at any period) and the reporting calendar.

A schedule runs through checkpoints: the target's optional baseline, any explicit per-period
values (a plan's "Phụ lục I"), and its milestones. Between two checkpoints the expected value
follows the target's interpolation; before the first checkpoint it is the first checkpoint's
value, after the last it is the last one's. Every checkpoint is hit exactly.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from policytargets.errors import quoted
from policytargets.periods import Period, parse_date, to_period
from policytargets.quantities import Requirement, Value, to_requirement, to_value

if TYPE_CHECKING:
    from policytargets.targets.conditions import Condition

__all__ = [
    "MAX_MILESTONES",
    "Baseline",
    "Interpolation",
    "Milestone",
    "Recurring",
    "ReportingCalendar",
    "Schedule",
]


def lazy_condition(value: Condition | str | None) -> Condition | None:
    """:func:`~policytargets.targets.conditions.to_condition`, the condition parser loaded on
    first use (conditions belong to the target types, which are built on milestones; and
    ``import policytargets`` need not load the parser)."""
    from policytargets.targets.conditions import to_condition  # noqa: PLC0415

    return to_condition(value)


@attrs.frozen
class Milestone:
    """A checkpoint of a target: a period (whose last day is the deadline) and a requirement.

    >>> m = Milestone(2025, ">= 70%")
    >>> m.deadline, str(m.require)
    (datetime.date(2025, 12, 31), '>= 70%')

    Attributes:
        by: The period; ``2025`` means the year 2025 and the deadline 2025-12-31.
        require: The requirement at the deadline (text such as ``">= 70%"`` is parsed).
        strive: The plan only aspires to it ("phấn đấu"); shown, never changes the status.
        note: Anything a reader should know.
        recurring: Whether it was expanded from a :class:`Recurring` requirement.
        condition: For a threshold-share or count target: the per-unit condition for this
            milestone only, in place of the target's ("5% of agencies raise revenue 5% in
            2023, 15% raise it 10% in 2024"); text is parsed.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``condition``.
    """

    by: Period = attrs.field(converter=to_period)
    require: Requirement = attrs.field(converter=to_requirement)
    strive: bool = False
    note: str | None = None
    recurring: bool = attrs.field(default=False, kw_only=True)
    condition: Condition | None = attrs.field(default=None, kw_only=True, converter=lazy_condition)

    @property
    def deadline(self) -> dt.date:
        """The last day of :attr:`by`."""
        return self.by.end

    @property
    def label(self) -> str:
        """The milestone's name in reports and JSON, which is its period (``"2025"``)."""
        return str(self.by)


MAX_MILESTONES = 1000
"""The most milestones a target's ``every`` may expand to (1,000: a daily requirement for
almost three years, a monthly one for 83)."""


@attrs.frozen
class Recurring:
    """A requirement that holds every period from ``start`` to ``end`` ("hàng năm").

    Written ``every = { from = 2024, to = 2030, require = "> 0%" }`` in a plan file. It
    expands to one milestone a period.

    .. versionadded:: 0.1.0
    """

    start: Period = attrs.field(converter=to_period)
    end: Period = attrs.field(converter=to_period)
    require: Requirement = attrs.field(converter=to_requirement)
    strive: bool = False

    def milestones(self) -> tuple[Milestone, ...]:
        """One milestone per period from ``start`` to ``end``, both included.

        Raises:
            ValueError: ``start`` and ``end`` are of different kinds, or there would be more
                than :data:`~policytargets.timeline.MAX_MILESTONES` milestones.
        """
        if self.start.kind is not self.end.kind:
            raise ValueError("'from' and 'to' must be periods of the same kind")
        count = self.end.ordinal - self.start.ordinal + 1
        if count > MAX_MILESTONES:
            raise ValueError(
                f"'every' from {self.start} to {self.end} makes {count:,} milestones; the "
                f"limit is {MAX_MILESTONES:,} (use longer periods or a shorter range)"
            )
        return tuple(
            Milestone(
                Period.from_ordinal(self.start.kind, ordinal),
                self.require,
                self.strive,
                recurring=True,
            )
            for ordinal in range(self.start.ordinal, self.end.ordinal + 1)
        )


@attrs.frozen
class Baseline:
    """The value a target starts from, for interpolation: ``{ period = 2023, value = "1/3" }``.

    .. versionadded:: 0.1.0
    """

    period: Period = attrs.field(converter=to_period)
    value: Value = attrs.field(converter=to_value)


class Interpolation(enum.Enum):
    """How the expected value moves between two checkpoints.

    ``linear`` moves in equal steps per period; ``step`` keeps the earlier checkpoint's value
    until the later checkpoint's period; ``geometric`` grows by a constant factor per period
    (exact at whole steps, otherwise rounded to within 10⁻¹² and kept between the two
    checkpoints).

    .. versionadded:: 0.1.0
    """

    LINEAR = "linear"
    STEP = "step"
    GEOMETRIC = "geometric"


@attrs.frozen
class Checkpoint:
    """A period whose expected value the plan states (baseline, schedule value or milestone)."""

    period: Period
    value: Value


def _position(period: Period, start: Period, end: Period) -> Fraction:
    """Where ``period`` lies from ``start`` (0) to ``end`` (1)."""
    if period.kind is start.kind is end.kind:
        return Fraction(period.ordinal - start.ordinal, end.ordinal - start.ordinal)
    # Periods of different kinds: measure by their last days.
    return Fraction(
        period.end.toordinal() - start.end.toordinal(),
        end.end.toordinal() - start.end.toordinal(),
    )


def _between(low: Value, high: Value, position: Fraction, how: Interpolation) -> Value:
    if isinstance(low, bool) or isinstance(high, bool):
        return high
    match how:
        case Interpolation.LINEAR:
            return low + (high - low) * position
        case Interpolation.STEP:
            return low
        case Interpolation.GEOMETRIC:
            if low <= 0 or high <= 0:
                return low + (high - low) * position
            if position.denominator == 1:
                return low * (high / low) ** int(position)
            approx = Fraction(float(low) * math.pow(float(high / low), float(position)))
            approx = approx.limit_denominator(10**12)
            return min(max(approx, min(low, high)), max(low, high))


@attrs.frozen
class Schedule:
    """Every checkpoint of a target and the rule for the expected value between them.

    Build it from a target (:attr:`policytargets.Target.schedule`).

    Attributes:
        checkpoints: Baseline, explicit values and milestones, by period.
        interpolation: The rule between checkpoints.

    .. versionadded:: 0.1.0
    """

    checkpoints: tuple[Checkpoint, ...]
    interpolation: Interpolation = Interpolation.LINEAR

    @classmethod
    def build(
        cls,
        milestones: Iterable[Milestone],
        *,
        baseline: Baseline | None = None,
        values: Mapping[Period, Value] | None = None,
        interpolation: Interpolation = Interpolation.LINEAR,
    ) -> Schedule:
        """Merge a target's baseline, explicit values and milestones into checkpoints.

        An explicit value stands for its period; a milestone whose period has an explicit value
        does not add a second checkpoint.
        """
        by_period: dict[Period, Value] = {}
        for milestone in milestones:
            by_period[milestone.by] = milestone.require.value
        by_period.update(values or {})
        if baseline is not None:
            by_period.setdefault(baseline.period, baseline.value)
        ordered = sorted(by_period.items(), key=lambda item: (item[0].end, item[0].start))
        return cls(tuple(Checkpoint(p, v) for p, v in ordered), interpolation)

    def expected(self, period: Period) -> Value:
        """The expected value for ``period``, exact at every checkpoint.

        Raises:
            ValueError: The schedule has no checkpoint at all.
        """
        if not self.checkpoints:
            raise ValueError("a schedule needs at least one checkpoint")
        previous: Checkpoint | None = None
        for checkpoint in self.checkpoints:
            if checkpoint.period == period:
                return checkpoint.value
            if checkpoint.period.end >= period.end:
                if previous is None:
                    return checkpoint.value
                position = _position(period, previous.period, checkpoint.period)
                return _between(previous.value, checkpoint.value, position, self.interpolation)
            previous = checkpoint
        return self.checkpoints[-1].value

    def __iter__(self) -> Iterator[Checkpoint]:
        return iter(self.checkpoints)


def _month_day(value: str | tuple[int, int]) -> tuple[int, int]:
    if isinstance(value, tuple):
        month, day = value
    else:
        text = value.strip().removeprefix("--")
        try:
            month_text, day_text = text.split("-")
            month, day = int(month_text), int(day_text)
        except ValueError:
            raise ValueError(f"{quoted(value)} is not a month and day such as '12-15'") from None
    # 2024 is a leap year, so 02-29 is accepted here and skipped by rrule in other years.
    dt.date(2024, month, day)
    return (month, day)


@attrs.frozen
class ReportingCalendar:
    """When reports are due: every year on one month and day (default 15 December).

    Vietnamese provinces report on their plans before 15 December every year (Công văn
    1369/BTTTT-CBC); a plan file sets another day with ``[reporting] due = "06-30"``.

    >>> calendar = ReportingCalendar()
    >>> calendar.next_due(dt.date(2025, 12, 16))
    datetime.date(2026, 12, 15)

    .. versionadded:: 0.1.0
    """

    due: tuple[int, int] = attrs.field(default=(12, 15), converter=_month_day)

    def due_dates(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Every due date from ``start`` to ``end``, both included."""
        from dateutil.rrule import YEARLY, rrule  # noqa: PLC0415 - keeps the import cheap

        month, day = self.due
        rule = rrule(YEARLY, bymonth=month, bymonthday=day, dtstart=start, until=end)
        return [moment.date() for moment in rule]

    def next_due(self, after: dt.date) -> dt.date:
        """The first due date on or after ``after``."""
        from dateutil.rrule import YEARLY, rrule  # noqa: PLC0415 - keeps the import cheap

        month, day = self.due
        rule = rrule(YEARLY, bymonth=month, bymonthday=day, dtstart=after, count=1)
        return next(iter(rule)).date()

    def due_for(self, period: Period) -> dt.date:
        """The day a report on ``period`` is due.

        The last due date inside the period (an annual report on 2025 is due 15 December
        2025), or for a period with none, the first one after it ends.
        """
        inside = self.due_dates(period.start, period.end)
        return inside[-1] if inside else self.next_due(period.end + dt.timedelta(days=1))

    @property
    def due_text(self) -> str:
        """The due day as written in a plan file (``"12-15"``)."""
        return f"{self.due[0]:02d}-{self.due[1]:02d}"


def parse_day(value: Any) -> dt.date:
    """A date from a plan file's date, or text in any form :func:`parse_date` reads."""
    return parse_date(value if isinstance(value, dt.date) else str(value))


def frozen_values(values: Mapping[Any, Any] | None) -> Mapping[Period, Value]:
    """Explicit per-period values with periods and values parsed."""
    return MappingProxyType({Period.parse(k): to_value(v) for k, v in (values or {}).items()})
