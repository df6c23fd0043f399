"""The small protocol every target type follows, and what it returns.

A target type only knows how to turn observations into its actual value for one period: it
returns a :class:`Reading` (the value and the evidence behind it) or :class:`NoData` (why
there is none). Status, expected values, gaps, projections and rendering are shared by all
types, so a new type — a user's own — needs only :meth:`TargetType.read` and a few
declarations.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import Any, ClassVar, Literal, Protocol, TypeAlias, runtime_checkable

import attrs

from policytargets.errors import DataError, Problem, quoted
from policytargets.observations import Observation, ObservationLog, _Column
from policytargets.periods import Period
from policytargets.quantities import Requirement, Value
from policytargets.units import Population, Unit

__all__ = [
    "CompoundGrowth",
    "Context",
    "NoData",
    "ReadResult",
    "Reading",
    "TargetType",
    "ValueKind",
    "check_scope",
    "no_active_units",
    "number_of",
    "scope_references",
    "units_in_scope",
]

ValueKind: TypeAlias = Literal["number", "boolean"]

COLUMN_UNITS = 16
"""From how many units a read goes through a whole column of the log rather than unit by
unit (both give the same rows)."""

RATE_DIGITS = 10
"""Decimal places of a compound average growth rate as shown (it is judged exactly)."""


@attrs.frozen
class CompoundGrowth:
    """Average growth per period over ``periods`` periods, as an exact growth ``factor``.

    The average rate (factor^(1/periods) − 1) is irrational in general, so it is shown
    rounded (:attr:`rate`) and judged exactly without roots: for a factor of zero or more,
    the rate meets ``>= r`` exactly when factor >= (1 + r)^periods, and likewise for every
    comparator.

    >>> from fractions import Fraction
    >>> from policytargets import Requirement
    >>> growth = CompoundGrowth(Fraction(12544, 10000), 2)  # 1.12 squared
    >>> growth.rate, growth.meets(Requirement.parse(">= 12%"))
    (Fraction(3, 25), True)

    Attributes:
        factor: The value at the end divided by the value at the base (0 or more).
        periods: The number of periods between them (at least 1).

    .. versionadded:: 0.2.0
    """

    factor: Fraction
    periods: int

    @property
    def rate(self) -> Fraction:
        """The average rate, rounded to ``RATE_DIGITS`` (10) decimal places."""
        context = decimal.Context(prec=50)
        factor = context.divide(
            decimal.Decimal(self.factor.numerator), decimal.Decimal(self.factor.denominator)
        )
        if factor == 0:
            return Fraction(-1)
        root = context.power(factor, context.divide(1, decimal.Decimal(self.periods)))
        rate = (root - 1).quantize(decimal.Decimal(1).scaleb(-RATE_DIGITS), context=context)
        return Fraction(rate)

    def meets(self, requirement: Requirement) -> bool:
        """Whether the average rate meets ``requirement``, judged exactly."""
        required = requirement.value
        if isinstance(required, bool):
            raise TypeError(f"cannot compare a growth rate with requirement {requirement}")
        if 1 + required <= 0:
            # Every rate from a factor of zero or more is at least -100%, above any r <= -1,
            # except that a factor of zero is exactly -100%.
            target = Fraction(0) if required == -1 else Fraction(-1)
            return requirement.comparator.holds(self.factor, target)
        return requirement.comparator.holds(self.factor, (1 + required) ** self.periods)


@attrs.frozen
class Reading:
    """A target's actual value for one period, with the evidence it rests on.

    Attributes:
        period: The period the value is for.
        value: The actual value (a share, a ratio, a growth rate, a yes/no fact).
        evidence: The observations used (a tuple, or the :class:`~policytargets.Evidence`
            of a share: rows of the log, each observation built as it is looked at).
        population: For share targets: the number of units active in the period.
        met_units: For share targets: how many of them meet the per-unit condition.
        unreported_units: Active units with no observation for the period.
        carried_forward: Units whose latest earlier observation stood in.
        compound: For average growth: the exact factor and periods behind the rounded
            ``value``, by which it is judged.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``compound``.
    """

    period: Period
    value: Value
    evidence: Sequence[Observation] = ()
    population: int | None = None
    met_units: int | None = None
    unreported_units: tuple[str, ...] = ()
    carried_forward: tuple[str, ...] = ()
    compound: CompoundGrowth | None = attrs.field(default=None, kw_only=True)

    def meets(self, requirement: Requirement) -> bool:
        """Whether the value meets ``requirement`` (average growth: judged exactly).

        .. versionadded:: 0.2.0
        """
        if self.compound is not None:
            return self.compound.meets(requirement)
        return requirement.is_met(self.value)


def _frozen_params(value: Mapping[str, object] | None) -> Mapping[str, str]:
    return MappingProxyType({str(key): str(item) for key, item in (value or {}).items()})


@attrs.frozen
class NoData:
    """Why a target has no actual value for a period.

    ``reason`` is an English sentence, kept as it is in JSON's ``note``; ``code`` and
    ``params`` say the same for a program, so that a report can say it in its own language
    (the reports' labels hold a sentence per code, in Vietnamese and English). A target type
    of your own may leave ``code`` out: reports then show ``reason`` as it is.

    >>> from policytargets import Period
    >>> missing = NoData(Period.year(2026), "no unit reported revenue for 2026",
    ...                  code="no_reports", params={"measure": "revenue", "period": 2026})
    >>> missing.code, dict(missing.params)
    ('no_reports', {'measure': 'revenue', 'period': '2026'})

    Attributes:
        period: The period asked for.
        reason: A sentence for people, in English ("no unit reported revenue for 2026").
        population: The number of active units, where known.
        unreported_units: Active units with no observation for the period.
        code: What kind of reason it is, for programs and translations (``"no_reports"``);
            None when the target type gives none. The built-in types use
            ``no_active_units``, ``no_reports``, ``no_observations``, ``zero_denominator``,
            ``no_state``, ``incomplete_total`` and ``undefined_growth``.
        params: The facts the reason names, as text (``{"measure": "revenue", "period":
            "2026"}``); periods and values as they parse, ids as they are. Given as any
            mapping; values are turned into text with :class:`str`.

    .. versionadded:: 0.1.0
    """

    period: Period
    reason: str
    population: int | None = None
    unreported_units: tuple[str, ...] = ()
    code: str | None = attrs.field(default=None, kw_only=True)
    # Left out of the hash (a mapping proxy has none); equal NoData still hash alike.
    params: Mapping[str, str] = attrs.field(
        factory=lambda: MappingProxyType({}), converter=_frozen_params, kw_only=True, hash=False
    )


ReadResult: TypeAlias = Reading | NoData


@attrs.frozen
class Context:
    """What a target type may see while reading a period: the data as of a date.

    It hides what the as-of and knowledge dates exclude: observations for periods that begin
    after ``as_of``, and (with ``known_at``) observations recorded later.

    Attributes:
        log: The observation log.
        populations: The plan's populations by id.
        as_of: The evaluation date.
        known_at: Only observations recorded by this day count (None: all).

    .. versionadded:: 0.1.0
    """

    log: ObservationLog
    populations: Mapping[str, Population]
    as_of: dt.date
    known_at: dt.date | None = None
    # What has been read, kept for the evaluation: a column of rows by measure and period
    # (shared with the contexts of a breakdown's groups), the members by population and day.
    _columns: dict[tuple[str, Period], _Column] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )
    _members: dict[tuple[str, dt.date], tuple[Unit, ...]] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )
    _member_ids: dict[tuple[str, dt.date], tuple[str, ...]] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )

    def members(self, population: str, period: Period) -> tuple[Unit, ...]:
        """The units of ``population`` active on the period's last day, or on the as-of date
        if that comes first."""
        key = (population, min(period.end, self.as_of))
        found = self._members.get(key)
        if found is None:
            found = self._members[key] = self.populations[population].members(key[1])
        return found

    def member_ids(self, population: str, period: Period) -> tuple[str, ...]:
        """The ids of :meth:`members`, in the same order.

        .. versionadded:: 0.2.0
        """
        key = (population, min(period.end, self.as_of))
        found = self._member_ids.get(key)
        if found is None:
            found = self._member_ids[key] = self.populations[population].member_ids(key[1])
        return found

    def with_populations(self, populations: Mapping[str, Population]) -> Context:
        """The same data as of the same dates, over other populations (a breakdown's group).

        What this context has read from the log is shared, not read again.

        .. versionadded:: 0.2.0
        """
        context = attrs.evolve(self, populations=populations)
        object.__setattr__(context, "_columns", self._columns)  # frozen, but only a cache
        return context

    def rows(self, measure: str, period: Period, units: Sequence[str | None]) -> list[int | None]:
        """The row of each unit's current observation for exactly ``period`` that counts
        (None where there is none), as :meth:`observation` without building any.

        Many units are read through one column of the log, kept for the evaluation.

        .. versionadded:: 0.2.0
        """
        if period.start > self.as_of:
            return [None] * len(units)
        key = (measure, period)
        column = self._columns.get(key)
        if column is None:
            if len(units) < COLUMN_UNITS:
                log, known_at = self.log, self.known_at
                return [log.find(measure, unit, period, known_at=known_at) for unit in units]
            column = self.log._shared_column(measure, period, known_at=self.known_at)
            self._columns[key] = column
        return column.rows_of(units)

    def latest_row(self, measure: str, unit: str | None, day: dt.date) -> int | None:
        """The row :meth:`latest_state` would give, without building an observation.

        .. versionadded:: 0.2.0
        """
        return self.log.find_latest_until(
            measure, unit, day, known_at=self.known_at, starts_by=self.as_of
        )

    def observation(self, measure: str, unit: str | None, period: Period) -> Observation | None:
        """The current observation for exactly this measure, unit and period, if it counts."""
        if period.start > self.as_of:
            return None
        return self.log.get(measure, unit, period, known_at=self.known_at)

    def latest_state(self, measure: str, unit: str | None, day: dt.date) -> Observation | None:
        """The observation for the latest period ending on or before ``day`` that counts."""
        return self.log.latest_until(
            measure, unit, day, known_at=self.known_at, starts_by=self.as_of
        )


@runtime_checkable
class TargetType(Protocol):
    """What a target type provides. The four built-in types and any user-defined one.

    Attributes:
        kind: The type's name in plan files (``"threshold-share"``).
        value_kind: Whether its actual value is a number or a yes/no fact.

    .. versionadded:: 0.1.0
    """

    kind: ClassVar[str]
    value_kind: ClassVar[ValueKind]

    def read(self, period: Period, context: Context) -> ReadResult:
        """The actual value for ``period``, or why there is none."""
        ...

    def measures(self) -> Mapping[str, ValueKind]:
        """The measures it reads and the kind of value each must hold."""
        ...

    def references(self) -> Mapping[str, str]:
        """The ids it refers to, by field: ``{"population": "press-agencies"}``."""
        ...

    def to_fields(self) -> dict[str, Any]:
        """Its fields as written in a plan file (without ``type``)."""
        ...


def no_active_units(period: Period, population: str | None) -> NoData:
    """Why a population with no unit active in ``period`` has no value (code
    ``no_active_units``)."""
    return NoData(
        period,
        f"no unit of {quoted(population)} is active in {period}",
        0,
        code="no_active_units",
        params={"population": population or "", "period": period},
    )


def number_of(observation: Observation) -> Fraction:
    """The value of an observation that must be a number.

    Raises:
        DataError: The observation holds a yes/no fact where a number is needed.
    """
    if isinstance(observation.value, bool):
        raise DataError(
            [Problem(f"{observation.describe()}: a number is needed, not a yes/no value")]
        )
    return observation.value


def units_in_scope(
    context: Context, period: Period, *, population: str | None, unit: str | None
) -> tuple[str | None, ...]:
    """The units whose observations a ratio, growth or boolean target reads for ``period``.

    The named population's active units, or the one named unit, or the plan-wide
    observations (None) when neither is named.
    """
    if population is not None:
        return tuple(member.id for member in context.members(population, period))
    return (unit,)


def check_scope(population: str | None, unit: str | None) -> None:
    """Refuse a ratio, growth or boolean target that names both a population and a unit.

    Raises:
        ValueError: Both are named.
    """
    if population is not None and unit is not None:
        raise ValueError("name a 'population' or a 'unit', not both")


def scope_references(population: str | None, unit: str | None) -> dict[str, str]:
    """The ``population`` or ``unit`` field of a ratio, growth or boolean target, if named."""
    if population is not None:
        return {"population": population}
    if unit is not None:
        return {"unit": unit}
    return {}
