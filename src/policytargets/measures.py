"""Described measures: names, units of measure, kinds, plausible ranges and reporting rules.

A plan may describe the measures its targets read (``[[measures]]`` in a plan file), so
that reports show values with their unit of measure ("≥ 36 Mb/s"), data templates say what
to collect, values nobody could have measured are caught (:func:`plausibility_problems`), and
each measure is asked for at its own frequency and due date. Undescribed measures keep the
plan's defaults.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Literal

import attrs
from dateutil.relativedelta import relativedelta

from policytargets.errors import Problem, quoted
from policytargets.observations import ObservationLog
from policytargets.periods import Period, PeriodKind
from policytargets.quantities import Lang, to_value, value_text
from policytargets.timeline import ReportingCalendar

__all__ = ["Measure", "MeasureKind", "MeasureReporting"]

MeasureKind = Literal["boolean", "number", "share"]
"""What a measure's values are: yes/no facts, numbers, or shares from 0 to 100%."""

_FREQUENCIES = {"year": PeriodKind.YEAR, "quarter": PeriodKind.QUARTER, "month": PeriodKind.MONTH}


def _frequency(value: PeriodKind | str) -> PeriodKind:
    if isinstance(value, PeriodKind):
        if value is PeriodKind.DAY:
            raise ValueError("a measure is reported every 'year', 'quarter' or 'month'")
        return value
    try:
        return _FREQUENCIES[value]
    except KeyError:
        raise ValueError(
            f"unknown reporting frequency {quoted(value)} (expected year, quarter or month)"
        ) from None


def _offset(text: str) -> relativedelta | None:
    """``"+45d"`` or ``"+3m"`` as a time after the period ends; None for a day of the year."""
    stripped = text.strip()
    if not stripped.startswith("+"):
        return None
    number, unit = stripped[1:-1], stripped[-1:]
    if not number.isdigit() or not number.isascii() or unit not in {"d", "m"}:
        raise ValueError(
            f"{quoted(text)} is not a reporting due date: write a day of the period's year "
            "('12-15') or a time after the period ends ('+45d', '+3m')"
        )
    return relativedelta(days=int(number)) if unit == "d" else relativedelta(months=int(number))


def _due(value: str) -> str:
    if _offset(value) is None:
        ReportingCalendar(value)  # checks the month and day
    return value.strip()


@attrs.frozen
class MeasureReporting:
    """How often a measure is reported and when each report is due.

    ``due`` is a day of the period's year (``"12-15"``, the default: the last such day in
    the period, or the first after it) or a time after the period ends (``"+45d"``,
    ``"+3m"``).

    >>> MeasureReporting("quarter", "+45d").due_for(Period.parse("2025-Q1"))
    datetime.date(2025, 5, 15)

    Attributes:
        every: ``"year"``, ``"quarter"`` or ``"month"`` (a :class:`PeriodKind`).
        due: When a report on a period is due.

    .. versionadded:: 0.2.0
    """

    every: PeriodKind = attrs.field(default=PeriodKind.YEAR, converter=_frequency)
    due: str = attrs.field(default="12-15", converter=_due)

    def due_for(self, period: Period) -> dt.date:
        """The day a report on ``period`` is due."""
        offset = _offset(self.due)
        if offset is None:
            return ReportingCalendar(self.due).due_for(period)
        due: dt.date = period.end + offset
        return due

    def periods(self, start: dt.date, end: dt.date) -> Iterable[Period]:
        """The reporting periods from the one holding ``start`` to the one holding ``end``."""
        period = Period.containing(self.every, start)
        while period.start <= end:
            yield period
            period = period.next()


def _optional_number(value: Fraction | int | str | None) -> Fraction | None:
    if value is None:
        return None
    converted = to_value(value)
    if isinstance(converted, bool):
        raise ValueError("a limit is a number, not a yes/no value")
    return converted


def _kind(value: str | None) -> MeasureKind | None:
    if value is None or value in ("boolean", "number", "share"):
        return value  # type: ignore[return-value]
    raise ValueError(f"unknown measure kind {quoted(value)} (expected boolean, number or share)")


@attrs.frozen
class Measure:
    """A described measure: ``[[measures]]`` in a plan file.

    >>> speed = Measure("mobile-speed", "Tốc độ băng rộng di động", unit_of_measure="Mb/s",
    ...                 kind="number", min=0)
    >>> speed.unit_text("en")
    'Mb/s'

    Attributes:
        id: The id observations and targets use.
        name: Its name in the plan's language.
        name_en: Its name in English.
        unit_of_measure: What its numbers count ("tỷ đồng", "Mb/s"), shown after values.
        unit_of_measure_en: The same in English.
        kind: ``"boolean"``, ``"number"`` or ``"share"`` (0–100%, shown as a percentage);
            None: as the targets read it.
        min: The smallest plausible value; a smaller one is a data error.
        max: The largest plausible value.
        at_most: Another measure the value never exceeds for the same unit and period
            (trained staff ≤ staff).
        description: What it is and how it is counted.
        reporting: How often it is reported and when (default: the plan's calendar).

    .. versionadded:: 0.2.0
    """

    id: str
    name: str | None = None
    name_en: str | None = None
    unit_of_measure: str | None = None
    unit_of_measure_en: str | None = None
    kind: MeasureKind | None = attrs.field(default=None, converter=_kind)
    min: Fraction | None = attrs.field(default=None, converter=_optional_number)
    max: Fraction | None = attrs.field(default=None, converter=_optional_number)
    at_most: str | None = None
    description: str | None = None
    reporting: MeasureReporting | None = None

    def display_name(self, lang: Lang) -> str:
        """Its name in ``lang`` (English falls back to the plan's language, then the id)."""
        if lang == "en" and self.name_en:
            return self.name_en
        return self.name or self.id

    def unit_text(self, lang: Lang) -> str:
        """Its unit of measure in ``lang`` (English falls back to the plan's language)."""
        if lang == "en" and self.unit_of_measure_en:
            return self.unit_of_measure_en
        return self.unit_of_measure or ""


def measure_map(measures: Iterable[Measure]) -> Mapping[str, Measure]:
    """Measures by id."""
    return {measure.id: measure for measure in measures}


def plausibility_problems(measures: Iterable[Measure], log: ObservationLog) -> list[Problem]:
    """Every value nobody could have measured, each a problem naming its file and line.

    A value below a measure's ``min`` or above its ``max``, a share-kind value outside 0 to
    100%, or a value above the same unit's value of its ``at_most`` measure for the same
    period (naming that row too): 510 staff trained out of 110.

    .. versionadded:: 0.2.0
    """
    problems: list[Problem] = []
    for measure in measures:
        low, high = measure.min, measure.max
        if measure.kind == "share":
            low = Fraction(0) if low is None else max(low, Fraction(0))
            high = Fraction(1) if high is None else min(high, Fraction(1))
        if low is None and high is None and measure.at_most is None:
            continue
        for row in log.rows(measure.id):
            if isinstance(row.value, bool):
                continue  # a value of the wrong kind is reported as such
            file = row.file if row.line is not None else None
            shown = f"{measure.id} / {row.unit or '(plan-wide)'} / {row.period} = "
            shown += value_text(row.value)
            if low is not None and row.value < low:
                problems.append(
                    Problem(
                        f"{shown}: below the smallest plausible value {low}",
                        file=file,
                        line=row.line,
                    )
                )
            if high is not None and row.value > high:
                limit = "100%" if measure.kind == "share" and high == 1 else str(high)
                problems.append(
                    Problem(
                        f"{shown}: above the largest plausible value {limit}",
                        file=file,
                        line=row.line,
                    )
                )
            if measure.at_most is not None:
                other = log.get(measure.at_most, row.unit, row.period)
                if (
                    other is not None
                    and not isinstance(other.value, bool)
                    and row.value > other.value
                ):
                    problems.append(
                        Problem(
                            f"{shown}: above {measure.at_most} ({value_text(other.value)}) for "
                            f"the same unit and period, {other.describe()}",
                            file=file,
                            line=row.line,
                        )
                    )
    return problems
