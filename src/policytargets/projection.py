"""Projections of an observed series to a deadline: a straight line, or compound growth.

A series maps a period ordinal to an observed value: an ``int`` such as the year, or any
numbering of consecutive periods the caller chooses (quarters or months counted from some
origin). Values are exact :class:`~fractions.Fraction` numbers (``int`` is accepted too).

- :func:`linear_trend` and :func:`project_linear` fit an ordinary least-squares line in exact
  arithmetic, so an exactly linear series is projected exactly.
- :func:`project_cagr` extends the compound growth from the first to the last observation;
  it needs a real power, so it is computed in floating point and is **not exact**.
- :func:`first_meeting` finds the first period whose projected value meets a requirement.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Literal, TypeAlias

import attrs

__all__ = [
    "LinearTrend",
    "Method",
    "Projection",
    "first_meeting",
    "linear_trend",
    "project",
    "project_cagr",
    "project_linear",
]

Method: TypeAlias = Literal["linear", "cagr"]
"""How a series is projected, ``"linear"`` (least squares) or ``"cagr"`` (compound growth)."""

_CAGR_MAX_DENOMINATOR = 10**12


def _ordinal(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a period ordinal (an int), not {value!r}")
    return value


def _points(series: object) -> list[tuple[int, Fraction]]:
    if not isinstance(series, Mapping):
        raise ValueError(
            f"series must be a mapping of period ordinals to values, not {type(series).__name__}"
        )
    points: list[tuple[int, Fraction]] = []
    for key, value in series.items():
        ordinal = _ordinal(key, "series: each key")
        if isinstance(value, bool) or not isinstance(value, Fraction | int):
            raise ValueError(
                f"series[{ordinal}] must be an exact number (Fraction or int), not {value!r}"
            )
        points.append((ordinal, Fraction(value)))
    points.sort()
    return points


@attrs.frozen
class LinearTrend:
    """A straight line ``value = intercept + slope × ordinal``, fitted by least squares.

    Attributes:
        slope: The change per period.
        intercept: The value at ordinal 0.

    .. versionadded:: 0.1.0
    """

    slope: Fraction
    intercept: Fraction

    def at(self, ordinal: int) -> Fraction:
        """The value of the line at ``ordinal``, exactly.

        .. versionadded:: 0.1.0
        """
        return self.intercept + self.slope * ordinal


def linear_trend(series: Mapping[int, Fraction]) -> LinearTrend | None:
    """The ordinary least-squares line through a series, in exact arithmetic.

    ``slope = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²`` and ``intercept = ȳ − slope·x̄``, over the
    ordinals *x* and values *y*. With exactly linear data the line is the data's own.

    Args:
        series: Observed values by period ordinal.

    Returns:
        The line, or ``None`` with fewer than two observations.

    Raises:
        ValueError: ``series`` is not a mapping of ``int`` ordinals to ``Fraction``/``int``
            values.

    >>> from fractions import Fraction
    >>> from policytargets.projection import linear_trend
    >>> linear_trend({2020: Fraction(1), 2021: Fraction(3), 2022: Fraction(5)}).slope
    Fraction(2, 1)

    .. versionadded:: 0.1.0
    """
    points = _points(series)
    if len(points) < 2:
        return None
    count = len(points)
    mean_x = Fraction(sum(x for x, _ in points), count)
    mean_y = sum((y for _, y in points), Fraction(0)) / count
    sxx = sum(((x - mean_x) ** 2 for x, _ in points), Fraction(0))
    sxy = sum(((x - mean_x) * (y - mean_y) for x, y in points), Fraction(0))
    slope = sxy / sxx  # sxx > 0: the ordinals are distinct keys
    return LinearTrend(slope=slope, intercept=mean_y - slope * mean_x)


def project_linear(series: Mapping[int, Fraction], at: int) -> Fraction | None:
    """The least-squares line of a series, evaluated at ordinal ``at``; exact.

    Args:
        series: Observed values by period ordinal.
        at: The ordinal to project to (before, within or after the observations).

    Returns:
        The projected value, or ``None`` with fewer than two observations.

    Raises:
        ValueError: ``series`` is not a mapping of ordinals to exact values, or ``at`` is not
            an ``int``.

    >>> from fractions import Fraction
    >>> from policytargets.projection import project_linear
    >>> project_linear({2020: Fraction(10), 2022: Fraction(14)}, 2030)
    Fraction(30, 1)

    .. versionadded:: 0.1.0
    """
    at = _ordinal(at, "at")
    trend = linear_trend(series)
    return None if trend is None else trend.at(at)


def _cagr_projector(series: Mapping[int, Fraction]) -> Callable[[int], Fraction | None] | None:
    points = _points(series)
    if len(points) < 2:
        return None
    (t_first, first), (t_last, last) = points[0], points[-1]
    if first <= 0 or last < 0:
        return None

    def value_at(at: int) -> Fraction | None:
        if at == t_first:
            return first
        if at == t_last:
            return last
        try:
            growth = float(last / first) ** ((at - t_first) / (t_last - t_first))
            projected = float(first) * growth
        except (OverflowError, ZeroDivisionError):  # too large, or 0 to a negative power
            return None
        if math.isinf(projected):
            return None
        return Fraction(projected).limit_denominator(_CAGR_MAX_DENOMINATOR)

    return value_at


def project_cagr(series: Mapping[int, Fraction], at: int) -> Fraction | None:
    """Compound growth from the first to the last observation, extended to ordinal ``at``.

    With first observation *y₀* at *t₀* and last *y₁* at *t₁*, the projection is
    ``y₀ · (y₁/y₀)^((at − t₀)/(t₁ − t₀))``: constant growth per period at the observed
    compound rate. Observations between the first and the last are not used.

    **Not exact**: the real power is computed in floating point and the result converted back
    with ``Fraction(x).limit_denominator(10**12)``; only ``at`` equal to the first or last
    ordinal gives the observed value exactly.

    Args:
        series: Observed values by period ordinal.
        at: The ordinal to project to.

    Returns:
        The projected value, or ``None`` with fewer than two observations, a first value
        ≤ 0 or a last value < 0 (no real growth rate), or a projection that overflows or
        is infinite (a last value of 0 projected before the first ordinal).

    Raises:
        ValueError: ``series`` is not a mapping of ordinals to exact values, or ``at`` is not
            an ``int``.

    >>> from fractions import Fraction
    >>> from policytargets.projection import project_cagr
    >>> project_cagr({2020: Fraction(100), 2022: Fraction(121)}, 2024)
    Fraction(14641, 100)

    .. versionadded:: 0.1.0
    """
    at = _ordinal(at, "at")
    projector = _cagr_projector(series)
    return None if projector is None else projector(at)


def _projector(
    series: Mapping[int, Fraction], method: object
) -> Callable[[int], Fraction | None] | None:
    if method == "linear":
        trend = linear_trend(series)
        return None if trend is None else trend.at
    if method == "cagr":
        return _cagr_projector(series)
    raise ValueError(f"method must be 'linear' or 'cagr', not {method!r}")


def first_meeting(
    series: Mapping[int, Fraction],
    meets: Callable[[Fraction], bool],
    *,
    method: Method,
    start: int,
    horizon: int,
) -> int | None:
    """The first ordinal from ``start`` to ``horizon`` whose projected value meets ``meets``.

    Each ordinal ``start, start + 1, …, horizon`` is tried in turn (so the cost grows with
    the width of the range); an ordinal where the projection is ``None`` does not meet.

    Args:
        series: Observed values by period ordinal.
        meets: Whether a projected value meets the requirement (e.g.
            ``lambda v: v >= Fraction(7, 10)``).
        method: ``"linear"`` (:func:`project_linear`) or ``"cagr"`` (:func:`project_cagr`).
        start: The first ordinal to try.
        horizon: The last ordinal to try (inclusive).

    Returns:
        The smallest such ordinal, or ``None`` when none within the horizon meets (or the
        series cannot be projected).

    Raises:
        ValueError: ``method`` is unknown, ``start`` or ``horizon`` is not an ``int``,
            ``horizon`` is before ``start``, ``meets`` is not callable, or ``series`` is not a
            mapping of ordinals to exact values.

    >>> from fractions import Fraction
    >>> from policytargets.projection import first_meeting
    >>> first_meeting({2020: Fraction(10), 2022: Fraction(14)}, lambda v: v >= 20,
    ...               method="linear", start=2023, horizon=2030)
    2025

    .. versionadded:: 0.1.0
    """
    start = _ordinal(start, "start")
    horizon = _ordinal(horizon, "horizon")
    if horizon < start:
        raise ValueError(f"horizon ({horizon}) must not be before start ({start})")
    if not callable(meets):
        raise ValueError(f"meets must be callable, not {meets!r}")
    projector = _projector(series, method)
    if projector is None:
        return None
    for ordinal in range(start, horizon + 1):
        value = projector(ordinal)
        if value is not None and meets(value):
            return ordinal
    return None


@attrs.frozen(kw_only=True)
class Projection:
    """A series projected to a deadline, and when it first meets a requirement.

    Attributes:
        method: ``"linear"`` or ``"cagr"``.
        deadline: The ordinal of the deadline.
        value_at_deadline: The projected value at the deadline, or ``None`` where the series
            cannot be projected.
        first_met: The first ordinal from the start to the deadline whose projected value
            meets the requirement, or ``None``.

    .. versionadded:: 0.1.0
    """

    method: Method
    deadline: int
    value_at_deadline: Fraction | None
    first_met: int | None

    @property
    def met_by_deadline(self) -> bool:
        """Whether the projection meets the requirement at or before the deadline."""
        return self.first_met is not None and self.first_met <= self.deadline

    def to_dict(self) -> dict[str, str | int | bool | None]:
        """JSON-ready values; the value is exact text such as ``"7/10"``.

        .. versionadded:: 0.1.0
        """
        value = self.value_at_deadline
        return {
            "method": self.method,
            "deadline": self.deadline,
            "value_at_deadline": None if value is None else str(value),
            "first_met": self.first_met,
            "met_by_deadline": self.met_by_deadline,
        }


def project(
    series: Mapping[int, Fraction],
    meets: Callable[[Fraction], bool],
    *,
    method: Method,
    start: int,
    deadline: int,
) -> Projection:
    """Project a series to ``deadline`` and find the first ordinal that meets ``meets``.

    Combines :func:`project_linear` or :func:`project_cagr` at the deadline with
    :func:`first_meeting` from ``start`` to ``deadline``.

    Raises:
        ValueError: As :func:`first_meeting` (with ``deadline`` as the horizon).

    >>> from fractions import Fraction
    >>> from policytargets.projection import project
    >>> project({2020: Fraction(10), 2022: Fraction(14)}, lambda v: v >= 20,
    ...         method="linear", start=2023, deadline=2030).to_dict()["first_met"]
    2025

    .. versionadded:: 0.1.0
    """
    first = first_meeting(series, meets, method=method, start=start, horizon=deadline)
    projector = _projector(series, method)
    return Projection(
        method=method,
        deadline=deadline,
        value_at_deadline=None if projector is None else projector(deadline),
        first_met=first,
    )
