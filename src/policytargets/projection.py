"""Projections of an observed series to a deadline: a straight line, or compound growth.

A series maps a period ordinal to an observed value: an ``int`` such as the year, or any
numbering of consecutive periods the caller chooses (quarters or months counted from some
origin). Values are exact :class:`~fractions.Fraction` numbers (``int`` is accepted too).

- :func:`linear_trend` and :func:`project_linear` fit an ordinary least-squares line in exact
  arithmetic, so an exactly linear series is projected exactly.
- :func:`project_cagr` extends the compound growth from the first to the last observation;
  it needs a real power, so it is computed in floating point and is **not exact**.
- :func:`first_meeting` finds the first period whose projected value meets a requirement.

:func:`first_meeting` and :func:`project` fit a series once and remember the fit and its
projected values for the most recently used series, so that projecting one series to several
deadlines and requirements, as an evaluation does, costs one fit. The fit is remembered by the
series' values, so a series changed between calls is fitted again.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
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


Points: TypeAlias = tuple[tuple[int, Fraction], ...]
"""A series checked and sorted: its ``(ordinal, value)`` pairs, in the order of the ordinals."""


def _points(series: object) -> Points:
    if not isinstance(series, Mapping):
        raise ValueError(
            f"series must be a mapping of period ordinals to values, not {type(series).__name__}"
        )
    points: list[tuple[int, Fraction]] = []
    for key, value in series.items():
        ordinal = _ordinal(key, "series: each key")
        if type(value) is Fraction:  # the common case, kept as it is
            points.append((ordinal, value))
            continue
        if isinstance(value, bool) or not isinstance(value, Fraction | int):
            raise ValueError(
                f"series[{ordinal}] must be an exact number (Fraction or int), not {value!r}"
            )
        points.append((ordinal, Fraction(value)))
    points.sort()
    return tuple(points)


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
    return _fit(_points(series))


def _fit(points: Points) -> LinearTrend | None:
    """The least-squares line through checked points, from sums over integers.

    ``slope = (n·Σxy − Σx·Σy) / (n·Σx² − (Σx)²)`` is the same number as the centred formula,
    and a :class:`~fractions.Fraction` has one form, so the line is the same to the last
    digit; the values are scaled to their common denominator first, so that the sums are
    sums of integers and only the slope and the intercept are fractions.
    """
    count = len(points)
    if count < 2:
        return None
    common = math.lcm(*(value.denominator for _, value in points))
    sum_x = sum_xx = sum_y = sum_xy = 0
    for x, value in points:
        y = value.numerator * (common // value.denominator)
        sum_x += x
        sum_xx += x * x
        sum_y += y
        sum_xy += x * y
    # count·Σx² − (Σx)² > 0: the ordinals are distinct keys
    slope = Fraction(count * sum_xy - sum_x * sum_y, common * (count * sum_xx - sum_x * sum_x))
    return LinearTrend(
        slope=slope, intercept=Fraction(sum_y, common * count) - slope * Fraction(sum_x, count)
    )


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


def _cagr_projector(points: Points) -> Callable[[int], Fraction | None] | None:
    if len(points) < 2:
        return None
    (t_first, first), (t_last, last) = points[0], points[-1]
    if first <= 0 or last < 0:
        return None
    try:  # once for every ordinal
        ratio: float | None = float(last / first)
        scale = float(first)
    except OverflowError:  # beyond floats: no value but the observed ones
        ratio = scale = None

    def value_at(at: int) -> Fraction | None:
        if at == t_first:
            return first
        if at == t_last:
            return last
        if ratio is None or scale is None:
            return None
        try:
            projected = scale * ratio ** ((at - t_first) / (t_last - t_first))
        except (OverflowError, ZeroDivisionError):  # too large, or 0 to a negative power
            return None
        if math.isinf(projected):
            return None
        return _limit_denominator(projected)

    return value_at


def _limit_denominator(number: float) -> Fraction:
    """``Fraction(number).limit_denominator(10**12)``, computed in integers.

    The standard library's algorithm (the continued fraction of the float's exact value,
    then the nearer of the two best approximations, the one with the smaller denominator on
    a tie), without building a fraction at each step: a projection tries every period up to
    its horizon, and this is most of the cost of each. Python 3.12's ``fractions`` module
    compares the two candidates the same way.
    """
    numerator, denominator = number.as_integer_ratio()
    if denominator <= _CAGR_MAX_DENOMINATOR:
        return Fraction(numerator, denominator)
    p0, q0, p1, q1 = 0, 1, 1, 0
    n, d = numerator, denominator
    while True:
        a = n // d
        q2 = q0 + a * q1
        if q2 > _CAGR_MAX_DENOMINATOR:
            break
        p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
        n, d = d, n - a * d
    k = (_CAGR_MAX_DENOMINATOR - q0) // q1
    # p1/q1 lies d/(q1·denominator) from the number, and 1/(q1·(q0 + k·q1)) from the other
    # candidate, with the number between them: p1/q1 is nearer if that is at most half
    if 2 * d * (q0 + k * q1) <= denominator:
        return Fraction(p1, q1)
    return Fraction(p0 + k * p1, q0 + k * q1)


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
    projector = _cagr_projector(_points(series))
    return None if projector is None else projector(at)


_CACHED_SERIES = 256
"""How many series keep their fitted projections: evaluation projects each target's series
for every open milestone and both methods, one target after the other."""

_CACHED_VALUES = 1000
"""How many projected values each cached projection keeps, so that a wide range of ordinals
costs time, never memory."""


def _projector(
    series: Mapping[int, Fraction], method: object
) -> Callable[[int], Fraction | None] | None:
    if method not in ("linear", "cagr"):
        raise ValueError(f"method must be 'linear' or 'cagr', not {method!r}")
    return _fitted(method, _points(series))


@functools.lru_cache(maxsize=_CACHED_SERIES)
def _fitted(method: object, points: Points) -> Callable[[int], Fraction | None] | None:
    """The projection of checked points, fitted once and remembered, with its values.

    The points are the key (a checked, immutable copy of the series), so a series changed
    after a call is fitted again.
    """
    value_at: Callable[[int], Fraction | None] | None
    if method == "linear":
        trend = _fit(points)
        value_at = None if trend is None else trend.at
    else:
        value_at = _cagr_projector(points)
    if value_at is None:
        return None
    values: dict[int, Fraction | None] = {}

    def remembered(at: int) -> Fraction | None:
        if at in values:
            return values[at]
        value = value_at(at)
        if len(values) < _CACHED_VALUES:
            values[at] = value
        return value

    return remembered


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
    projector = _checked_projector(series, meets, method, start, horizon)
    return _first_meeting(projector, meets, start, horizon)


def _checked_projector(
    series: Mapping[int, Fraction],
    meets: Callable[[Fraction], bool],
    method: object,
    start: object,
    horizon: object,
) -> Callable[[int], Fraction | None] | None:
    """The projector, once the arguments of :func:`first_meeting` are checked."""
    start = _ordinal(start, "start")
    horizon = _ordinal(horizon, "horizon")
    if horizon < start:
        raise ValueError(f"horizon ({horizon}) must not be before start ({start})")
    if not callable(meets):
        raise ValueError(f"meets must be callable, not {meets!r}")
    return _projector(series, method)


def _first_meeting(
    projector: Callable[[int], Fraction | None] | None,
    meets: Callable[[Fraction], bool],
    start: int,
    horizon: int,
) -> int | None:
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
    projector = _checked_projector(series, meets, method, start, deadline)
    return Projection(
        method=method,
        deadline=deadline,
        value_at_deadline=None if projector is None else projector(deadline),
        first_met=_first_meeting(projector, meets, start, deadline),
    )
