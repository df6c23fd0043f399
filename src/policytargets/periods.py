"""Periods (years, quarters, months, days) and dates, including Vietnamese date forms.

A period has a first and a last day; a milestone ``by = 2025`` means the period 2025, whose
deadline is its last day, 2025-12-31. Periods print as they parse: ``2025``, ``2024-Q3``,
``2024-06``, ``2024-06-30``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from functools import total_ordering

import attrs
from dateutil.parser import isoparse

from policytargets.errors import quoted

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "Period",
    "PeriodKind",
    "check_year",
    "optional_period",
    "parse_date",
    "to_period",
]

FIRST_YEAR = 1000
"""The first year a period or date read from a file (or the command line) may fall in."""

LAST_YEAR = 9000
"""The last year a period or date may fall in. The room left before year 1 and after it
(projections 20 years past a deadline, the previous period, the next due date) keeps every
computation within the calendar's years 1 to 9999."""


def check_year(day: dt.date) -> dt.date:
    """``day`` itself, if its year is from :data:`FIRST_YEAR` to :data:`LAST_YEAR`.

    Every period and date read from text passes through it.

    Raises:
        ValueError: The year is outside that range; the message names it.

    .. versionadded:: 0.2.0
    """
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(
            f"{day.isoformat()} is outside the supported years {FIRST_YEAR} to {LAST_YEAR}"
        )
    return day


class PeriodKind(enum.Enum):
    """The length of a period.

    .. versionadded:: 0.1.0
    """

    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"
    DAY = "day"


_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@total_ordering
@attrs.frozen(order=False, cache_hash=True)
class Period:
    """A year, quarter, month or single day.

    Build one with :meth:`parse` (``"2024-Q3"``), :meth:`year`, :meth:`quarter`,
    :meth:`month` or :meth:`day`. Periods order by their first day, then their last.

    Attributes:
        kind: Year, quarter, month or day.
        start: The first day.
        end: The last day (the deadline of a milestone for this period).

    .. versionadded:: 0.1.0
    """

    kind: PeriodKind
    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year ``year``."""
        return cls(PeriodKind.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarter ``quarter`` (1 to 4) of ``year``."""
        if not 1 <= quarter <= 4:
            raise ValueError(f"quarter must be 1 to 4, not {quarter}")
        first_month = 3 * quarter - 2
        last_month = first_month + 2
        last_day = calendar.monthrange(year, last_month)[1]
        return cls(
            PeriodKind.QUARTER, dt.date(year, first_month, 1), dt.date(year, last_month, last_day)
        )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """Month ``month`` (1 to 12) of ``year``."""
        if not 1 <= month <= 12:
            raise ValueError(f"month must be 1 to 12, not {month}")
        last_day = calendar.monthrange(year, month)[1]
        return cls(PeriodKind.MONTH, dt.date(year, month, 1), dt.date(year, month, last_day))

    @classmethod
    def day(cls, day: dt.date) -> Period:
        """The single day ``day``."""
        return cls(PeriodKind.DAY, day, day)

    @classmethod
    def parse(cls, value: Period | int | str | dt.date) -> Period:
        """Read a period: ``2025`` (int or text), ``"2024-Q3"``, ``"2024-06"``, a date.

        Dates may also be written the Vietnamese way (see :func:`parse_date`).

        Raises:
            ValueError: The value is not a period in one of these forms.

        >>> str(Period.parse("2024-q3")), Period.parse(2025).end
        ('2024-Q3', datetime.date(2025, 12, 31))
        """
        if isinstance(value, Period):
            return value
        if isinstance(value, bool):
            raise ValueError(f"{quoted(value)} is not a period")
        if isinstance(value, int):
            if not FIRST_YEAR <= value <= LAST_YEAR:
                raise ValueError(
                    f"{value} is not a year from {FIRST_YEAR} to {LAST_YEAR} (the supported range)"
                )
            return cls.year(value)
        if isinstance(value, dt.datetime):
            return cls.day(check_year(value.date()))
        if isinstance(value, dt.date):
            return cls.day(check_year(value))
        text = value.strip()
        if match := _YEAR.match(text):
            return cls.parse(int(match[1]))
        if match := _QUARTER.match(text):
            check_year(dt.date(int(match[1]) or 1, 1, 1))
            return cls.quarter(int(match[1]), int(match[2]))
        if match := _MONTH.match(text):
            check_year(dt.date(int(match[1]) or 1, 1, 1))
            return cls.month(int(match[1]), int(match[2]))
        try:
            day = _read_date(text)
        except ValueError:
            raise ValueError(
                f"{quoted(value)} is not a period (expected a year 2025, a quarter 2024-Q3, "
                "a month 2024-06 or a date 2024-06-30)"
            ) from None
        return cls.day(check_year(day))

    @property
    def ordinal(self) -> int:
        """A count that increases by one from each period to the next of the same kind.

        Years count years, quarters count ``4 * year + quarter``, months ``12 * year + month``
        and days the proleptic Gregorian ordinal; used for interpolation and trends.
        """
        match self.kind:
            case PeriodKind.YEAR:
                return self.start.year
            case PeriodKind.QUARTER:
                return 4 * self.start.year + (self.start.month - 1) // 3
            case PeriodKind.MONTH:
                return 12 * self.start.year + self.start.month - 1
            case PeriodKind.DAY:
                return self.start.toordinal()

    @classmethod
    def from_ordinal(cls, kind: PeriodKind, ordinal: int) -> Period:
        """The period of ``kind`` whose :attr:`ordinal` is ``ordinal``."""
        match kind:
            case PeriodKind.YEAR:
                return cls.year(ordinal)
            case PeriodKind.QUARTER:
                return cls.quarter(ordinal // 4, ordinal % 4 + 1)
            case PeriodKind.MONTH:
                return cls.month(ordinal // 12, ordinal % 12 + 1)
            case PeriodKind.DAY:
                return cls.day(dt.date.fromordinal(ordinal))

    @classmethod
    def containing(cls, kind: PeriodKind, day: dt.date) -> Period:
        """The period of ``kind`` that contains ``day`` (2025-Q2 for 2025-05-01)."""
        match kind:
            case PeriodKind.YEAR:
                return cls.year(day.year)
            case PeriodKind.QUARTER:
                return cls.quarter(day.year, (day.month - 1) // 3 + 1)
            case PeriodKind.MONTH:
                return cls.month(day.year, day.month)
            case PeriodKind.DAY:
                return cls.day(day)

    def previous(self) -> Period:
        """The period of the same kind just before this one (2024 for 2025)."""
        return Period.from_ordinal(self.kind, self.ordinal - 1)

    def next(self) -> Period:
        """The period of the same kind just after this one."""
        return Period.from_ordinal(self.kind, self.ordinal + 1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return (self.start, self.end) < (other.start, other.end)

    def __str__(self) -> str:
        match self.kind:
            case PeriodKind.YEAR:
                return f"{self.start.year:04d}"
            case PeriodKind.QUARTER:
                return f"{self.start.year:04d}-Q{(self.start.month - 1) // 3 + 1}"
            case PeriodKind.MONTH:
                return f"{self.start.year:04d}-{self.start.month:02d}"
            case PeriodKind.DAY:
                return self.start.isoformat()

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"


_VI_LONG = re.compile(r"^(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$", re.IGNORECASE)
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: str | dt.date) -> dt.date:
    """Read a date: ISO ``2023-10-30``, day-first ``30/10/2023`` or ``30.10.2023``, or
    Vietnamese ``ngày 30 tháng 10 năm 2023``.

    Slashes are always read day first, as in Vietnamese documents: ``01/02/2024`` is
    1 February 2024.

    Raises:
        ValueError: The text is not a date in one of these forms, or no such day exists,
            or its year is not from :data:`~policytargets.periods.FIRST_YEAR` to
            :data:`~policytargets.periods.LAST_YEAR`.

    >>> parse_date("ngày 30 tháng 10 năm 2023"), parse_date("30/10/2023")
    (datetime.date(2023, 10, 30), datetime.date(2023, 10, 30))

    .. versionadded:: 0.1.0
    """
    return check_year(_read_date(value))


def _read_date(value: str | dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = " ".join(value.split())
    try:
        if match := _VI_LONG.match(text) or _DAY_FIRST.match(text):
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        if _ISO.match(text):
            return isoparse(text).date()
    except ValueError as error:
        raise ValueError(f"{quoted(value)} is not a valid date: {error}") from None
    raise ValueError(
        f"{quoted(value)} is not a date "
        "(expected 2023-10-30, 30/10/2023 or 'ngày 30 tháng 10 năm 2023')"
    )


def to_period(value: Period | int | str | dt.date) -> Period:
    """:meth:`Period.parse` as a function, for converters."""
    return Period.parse(value)


def optional_period(value: Period | int | str | dt.date | None) -> Period | None:
    """:meth:`Period.parse`, keeping None, for converters of optional fields."""
    return None if value is None else Period.parse(value)
