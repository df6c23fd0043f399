r"""Published trend methods: is a series moving towards its target fast enough?

Two published methods compare the growth observed since a base year with a reference, both
based on the compound annual growth rate (CAGR) between two years :math:`t_0 < t_1`:

.. math:: \mathrm{CAGR} = \left(\frac{y_{t_1}}{y_{t_0}}\right)^{1/(t_1 - t_0)} - 1

- :func:`statcan`: Statistics Canada's progress measure, as implemented in Open SDG's
  ``sdg-build`` (``sdg/ProgressMeasure.py``): a category and a score from −5 to +5, with or
  without a quantitative target.
- :func:`eurostat`: Eurostat's assessment of indicators with quantified targets in its EU SDG
  monitoring reports: the ratio of the actual to the required growth rate.

Both take a series of yearly values (``{2015: 10, 2016: 30}``) whose values may be ``int``,
``float``, :class:`~decimal.Decimal` or :class:`~fractions.Fraction`; the computation itself is
in floating point (growth rates are real powers). Each returns a frozen :class:`ProgressResult`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Literal, TypeAlias

import attrs

__all__ = [
    "Direction",
    "Number",
    "ProgressResult",
    "eurostat",
    "eurostat_category",
    "statcan",
    "statcan_category_from_score",
]

Number: TypeAlias = int | float | Decimal | Fraction
"""A value of a series, a target or a limit."""

Direction: TypeAlias = Literal["positive", "negative"]
"""The desired direction of an indicator, ``"positive"`` (up is better) or ``"negative"``."""

_DIRECTIONS: dict[str, int] = {"positive": 1, "negative": -1}

# sdg-build's defaults (sdg/ProgressMeasure.py, SeriesProgress.__init__ and
# get_progress_thresholds): target year 2030, thresholds {high, med, low} per method, a zero
# target or base value replaced by 0.001, the limit exponent 4.44.
_STATCAN_TARGET_YEAR = 2030
_STATCAN_ZERO_REPLACEMENT = 0.001
_STATCAN_WITH_TARGET = (0.95, 0.6, 0.0)
_STATCAN_WITHOUT_TARGET = (0.015, 0.005, 0.0)
_STATCAN_LIMIT_EXPONENT = 4.44

_EUROSTAT_SIGNIFICANT = 0.95
_EUROSTAT_MODERATE = 0.6


def _finite_or_none(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return value


@attrs.frozen(kw_only=True)
class ProgressResult:
    """The outcome of a trend method for one series.

    Attributes:
        method: ``"statcan"`` or ``"eurostat"``.
        category: The category, in lower case: for ``statcan`` one of ``target_achieved``,
            ``substantial_progress``, ``moderate_progress``, ``limited_progress``,
            ``deterioration``, ``not_available``; for ``eurostat`` one of
            ``significant_progress``, ``moderate_progress``, ``insufficient_progress``,
            ``moving_away``, ``not_available``.
        value: The progress value: the ratio of observed to required growth with a target,
            or (``statcan`` without a target) the observed growth signed so that positive
            means the desired direction. ``None`` where it cannot be computed. It may be
            infinite in the ``statcan`` edge case where the target equals the base value.
        score: The ``statcan`` score from −5 to +5; ``None`` for ``eurostat`` and where no
            score can be computed.
        direction: The desired direction, as given.
        base_year: The base year actually used (the requested one, or the first later year
            with data), or ``None`` when there is no data from the base year on.
        base_value: The value in ``base_year`` as used (``statcan`` replaces zero with 0.001).
        latest_year: The most recent year with data, or ``None`` for an empty series.
        latest_value: The value in ``latest_year``.
        target: The target as used (``statcan`` replaces zero with 0.001), or ``None``.
        target_year: The year the target is due, or ``None`` without a target.
        observed_growth: The CAGR from ``base_year`` to ``latest_year``, unsigned by
            direction, or ``None``.
        required_growth: The CAGR from ``base_value`` to ``target`` by ``target_year``, or
            ``None``.
        target_met: Whether the latest value meets the target.
        coefficient: The ``statcan`` limit scaling factor *C* applied to the thresholds, or
            ``None`` when no limit applies.
        reason: Why the method could not be applied at all (``not_available`` with no
            computation, such as a base year that is not before the target year), or
            ``None``.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``reason``.
    """

    method: str
    category: str
    value: float | None = None
    score: float | None = None
    direction: str
    base_year: int | None = None
    base_value: float | None = None
    latest_year: int | None = None
    latest_value: float | None = None
    target: float | None = None
    target_year: int | None = None
    observed_growth: float | None = None
    required_growth: float | None = None
    target_met: bool = False
    coefficient: float | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, str | int | float | bool | None]:
        """The result as JSON-ready values.

        Non-finite floats (an infinite ratio) become ``None``, since JSON has no infinity.

        .. versionadded:: 0.1.0
        """
        return {
            "method": self.method,
            "category": self.category,
            "value": _finite_or_none(self.value),
            "score": _finite_or_none(self.score),
            "direction": self.direction,
            "base_year": self.base_year,
            "base_value": _finite_or_none(self.base_value),
            "latest_year": self.latest_year,
            "latest_value": _finite_or_none(self.latest_value),
            "target": _finite_or_none(self.target),
            "target_year": self.target_year,
            "observed_growth": _finite_or_none(self.observed_growth),
            "required_growth": _finite_or_none(self.required_growth),
            "target_met": self.target_met,
            "coefficient": _finite_or_none(self.coefficient),
            "reason": self.reason,
        }


# --- argument checks --------------------------------------------------------------------


def _number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | Fraction):
        raise ValueError(
            f"{name} must be a number (int, float, Decimal or Fraction), not {type(value).__name__}"
        )
    try:
        result = float(value)
    except (OverflowError, ValueError) as exc:
        raise ValueError(f"{name} cannot be used as a real number: {value!r}") from exc
    if not math.isfinite(result):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return result


def _year(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a year (an int), not {value!r}")
    return value


def _direction(direction: object) -> int:
    if not isinstance(direction, str) or direction not in _DIRECTIONS:
        raise ValueError(f"direction must be 'positive' or 'negative', not {direction!r}")
    return _DIRECTIONS[direction]


def _series(series: object) -> dict[int, float]:
    if not isinstance(series, Mapping):
        raise ValueError(
            f"series must be a mapping of years to values, not {type(series).__name__}"
        )
    cleaned: dict[int, float] = {}
    for year, value in series.items():
        checked = _year(year, "series: each key")
        cleaned[checked] = _number(value, f"series[{checked}]")
    return cleaned


def _base(data: Mapping[int, float], base_year: int) -> int | None:
    """The base year, or the first later year with data (Statistics Canada's rule)."""
    if base_year in data:
        return base_year
    later = [year for year in data if year > base_year]
    return min(later) if later else None


def _cagr(end: float, start: float, t_end: int, t_start: int) -> float | None:
    """Compound annual growth from ``start`` to ``end``; ``None`` where it is not real."""
    ratio = end / start
    if ratio < 0 or math.isnan(ratio):
        return None
    growth = float(ratio ** (1 / (t_end - t_start)) - 1)
    if growth == 0 and ratio not in (0, 1):
        # A ratio one rounding step from 1 loses its growth in the subtraction: the same
        # rate through log and expm1 keeps its sign (Eurostat: 0.01 to 0.010000000000000002).
        growth = math.expm1(math.log(ratio) / (t_end - t_start))
    return growth


def _meets(value: float, target: float, sign: int) -> bool:
    return value >= target if sign > 0 else value <= target


# --- Statistics Canada / Open SDG ----------------------------------------------------------


def _statcan_coefficient(base_value: float, limit: float) -> float:
    """Scaling factor *C* of the thresholds near a natural limit (get_progress_thresholds)."""
    base = abs(base_value)
    lim = abs(limit)
    if base >= 2 * lim:  # first, so that C = 1 when base value and limit are both zero
        return 1.0
    if base <= lim:
        return float(1 - (base / lim) ** _STATCAN_LIMIT_EXPONENT)
    return float(1 - ((2 * lim - base) / lim) ** _STATCAN_LIMIT_EXPONENT)


def _statcan_status(
    value: float | None, thresholds: tuple[float, float, float], target_met: bool
) -> str:
    """Category from the thresholds, as sdg-build's ``get_progress_status``."""
    if target_met:
        return "target_achieved"
    if value is None:
        return "not_available"
    high, med, low = thresholds
    if value >= high:
        return "substantial_progress"
    if value >= med:
        return "moderate_progress"
    if value >= low:
        return "limited_progress"
    return "deterioration"


def _statcan_score(
    value: float | None,
    thresholds: tuple[float, float, float],
    coefficient: float,
    *,
    with_target: bool,
    target_met: bool,
) -> float | None:
    """The −5…+5 score, as sdg-build's ``SeriesProgress.get_score``."""
    if target_met:
        return 5.0
    if value is None:
        return None
    high, med, low = thresholds
    if with_target:
        # Published piecewise-linear map through (-0.6, -5), (0.6, 0), (1.3, 5), with the
        # coefficients rounded as in sdg-build.
        if value >= med:
            return min(7.1429 * value - 4.2857, 5.0)
        return max(4.1667 * value - 2.5, -5.0)
    if value < low:
        return max(125 * value - 2.5, -5.0)
    if coefficient == 0:
        # base value at the limit and the limit kept or exceeded: substantial progress
        return 5.0
    if value >= high:
        return min(500 * value / coefficient - 5, 5.0)
    if value >= med:
        return 250 * value / coefficient - 1.25
    return 500 * value / coefficient - 2.5


def _statcan_value(
    base: tuple[int, float],
    latest: tuple[int, float],
    target: float | None,
    due: int | None,
    sign: int,
) -> tuple[float | None, float | None, float | None]:
    """Observed growth, required growth and progress value (``calculate_progress_value``)."""
    (base_year, base_value), (latest_year, latest_value) = base, latest
    if (base_value > 0 > latest_value) or (base_value < 0 < latest_value):
        return None, None, None
    if latest_year <= base_year:
        return None, None, None
    observed = _cagr(latest_value, base_value, latest_year, base_year)
    if observed is None:
        return None, None, None
    if target is None or due is None:
        return observed, None, sign * observed
    if due <= base_year:
        return observed, None, None
    required = _cagr(target, base_value, due, base_year)
    if required is None:
        return observed, None, None
    signed = sign * observed
    if required != 0:
        value = signed / abs(required)
    elif signed != 0:
        value = math.copysign(math.inf, signed)
    else:
        return observed, required, None
    return observed, required, None if math.isnan(value) else value


def statcan(
    series: Mapping[int, Number],
    *,
    direction: Direction,
    target: Number | None = None,
    target_year: int | None = None,
    base_year: int = 2015,
    limit: Number | None = None,
) -> ProgressResult:
    """Statistics Canada's progress measure, as implemented by Open SDG.

    This follows ``sdg/ProgressMeasure.py`` of the ``open-sdg/sdg-build`` repository
    (``SeriesProgress``; read at commit ``139fede74ba534d2ed8b9eee4cd878b41f54cb67``) and the
    methodology published by Statistics Canada and reproduced in Open SDG's documentation
    (``docs/progress-methodology.md`` of ``open-sdg/open-sdg``;
    https://sdgcif-data-canada-oddcic-donnee.github.io/methodology/).

    The base year *t₀* is ``base_year`` if the series has a value for it, otherwise the first
    later year with data; *t₁* is the latest year. With base value *y₀*, latest value *y₁*,
    direction *d* (+1 positive, −1 negative) and *s* = −1 when *y₀* < 0 (else +1):

    - With a target *y_T* due in *t_T*: the progress value is the ratio
      ``R = s·d·CAGR(y₀→y₁) / |CAGR(y₀→y_T)|``, categorised with thresholds 0.95 / 0.60 / 0
      (``substantial_progress`` ≥ 0.95 > ``moderate_progress`` ≥ 0.60 >
      ``limited_progress`` ≥ 0 > ``deterioration``). Score: ``min(7.1429·R − 4.2857, 5)``
      for R ≥ 0.60, else ``max(4.1667·R − 2.5, −5)``.
    - Without a target: the progress value is ``s·d·CAGR(y₀→y₁)``, with thresholds
      0.015 / 0.005 / 0 multiplied by the scaling factor *C* when a natural ``limit`` is given
      (``C = 1 − (|y₀|/|L|)^4.44`` when ``|y₀| ≤ |L|``, ``1 − ((2|L| − |y₀|)/|L|)^4.44`` when
      ``|L| < |y₀| < 2|L|``, else 1). Score: ``max(125·v − 2.5, −5)`` below 0; 5 when
      *C* = 0; else ``500·v/C − 2.5`` below the middle threshold, ``250·v/C − 1.25`` below
      the high one, ``min(500·v/C − 5, 5)`` above.
    - ``target_achieved`` (score 5) is checked first: the latest value is at or beyond the
      target in the desired direction, whatever the trend and however many data points.
    - ``not_available`` (value and score ``None``): no data from the base year on (even when
      the latest value, before the base year, meets the target: ``target_met`` says so, but
      the category needs data from the base year), fewer than two years from the base year,
      base and latest values of opposite signs, no real required growth (target and base
      value of opposite signs), or a target year at or before the base year actually used
      (the first year with data, when that comes after the target year).

    As in sdg-build, a zero target or zero base value is replaced by 0.001, a ``limit`` is
    ignored when there is a target (and is applied whichever side of the base value it lies),
    and the category comes from the thresholds (sdg-build derives an indicator's overall
    status from the mean score instead; see :func:`statcan_category_from_score`). Where the
    target equals the base value, the required growth is zero and the ratio is ±infinity.

    Args:
        series: Values by year.
        direction: ``"positive"`` or ``"negative"``: the desired direction of the indicator.
        target: The value to reach, or ``None`` for the method without a target.
        target_year: The year the target is due; defaults to 2030 as in Open SDG. Only used
            with a target.
        base_year: The base year (default 2015).
        limit: A natural limit of the indicator (e.g. 100 for a percentage that cannot exceed
            100%). Only used without a target.

    Returns:
        The category, the progress value, the score and the components of the calculation.

    Raises:
        ValueError: ``direction`` is not ``"positive"``/``"negative"``, a year is not an int,
            a value, ``target`` or ``limit`` is not a finite number, or ``target_year`` is not
            after ``base_year``.

    >>> from policytargets.progress import statcan
    >>> result = statcan({2015: 5, 2016: 6}, direction="positive", target=9, target_year=2030)
    >>> result.category, round(result.value, 4), result.score
    ('substantial_progress', 5.0045, 5.0)

    .. versionadded:: 0.1.0
    """
    sign_d = _direction(direction)
    base_year = _year(base_year, "base_year")
    if target_year is not None:
        target_year = _year(target_year, "target_year")
    target_f: float | None = None
    due: int | None = None
    limit_f: float | None = None
    if target is not None:
        target_f = _number(target, "target")
        if target_f == 0:
            target_f = _STATCAN_ZERO_REPLACEMENT
        due = _STATCAN_TARGET_YEAR if target_year is None else target_year
        if due <= base_year:
            raise ValueError(f"target_year ({due}) must be after base_year ({base_year})")
    if limit is not None:
        limit_f = _number(limit, "limit")
        if target_f is not None:
            limit_f = None  # sdg-build ignores a limit when a target is given
    data = _series(series)
    if not data:
        return ProgressResult(
            method="statcan",
            category="not_available",
            direction=direction,
            target=target_f,
            target_year=due,
        )
    latest_year = max(data)
    latest_value = data[latest_year]
    base = _base(data, base_year)
    if base is None:
        return ProgressResult(
            method="statcan",
            category="not_available",
            direction=direction,
            latest_year=latest_year,
            latest_value=latest_value,
            target=target_f,
            target_year=due,
            target_met=target_f is not None and _meets(latest_value, target_f, sign_d),
        )
    base_value = data[base]
    with_target = target_f is not None
    coefficient = None if limit_f is None else _statcan_coefficient(base_value, limit_f)
    thresholds = _STATCAN_WITH_TARGET if with_target else _STATCAN_WITHOUT_TARGET
    if coefficient is not None:
        thresholds = (
            thresholds[0] * coefficient,
            thresholds[1] * coefficient,
            thresholds[2] * coefficient,
        )
    target_met = target_f is not None and _meets(latest_value, target_f, sign_d)
    # the sign s is taken before a zero base value is replaced, as in sdg-build
    sign = sign_d * (-1 if base_value < 0 else 1)
    if base_value == 0:
        base_value = _STATCAN_ZERO_REPLACEMENT
    observed, required, value = _statcan_value(
        (base, base_value), (latest_year, latest_value), target_f, due, sign
    )
    return ProgressResult(
        method="statcan",
        category=_statcan_status(value, thresholds, target_met),
        value=value,
        score=_statcan_score(
            value,
            thresholds,
            1.0 if coefficient is None else coefficient,
            with_target=with_target,
            target_met=target_met,
        ),
        direction=direction,
        base_year=base,
        base_value=base_value,
        latest_year=latest_year,
        latest_value=latest_value,
        target=target_f,
        target_year=due,
        observed_growth=observed,
        required_growth=required,
        target_met=target_met,
        coefficient=coefficient,
    )


def statcan_category_from_score(score: float | None, *, target_achieved: bool = False) -> str:
    """The Statistics Canada category of a score, such as the mean score of several series.

    As sdg-build's ``get_progress_status_from_score``: ``target_achieved`` when every series
    achieved its target; otherwise [2.5, 5] ``substantial_progress``, [0, 2.5)
    ``moderate_progress``, [−2.5, 0) ``limited_progress``, [−5, −2.5) ``deterioration``, and
    ``not_available`` for ``None``.

    Args:
        score: A score from −5 to +5, or ``None``.
        target_achieved: Whether every series behind the score achieved its target.

    Raises:
        ValueError: ``score`` is outside [−5, 5] or not a number.

    >>> from policytargets.progress import statcan_category_from_score
    >>> statcan_category_from_score(1.0)
    'moderate_progress'

    .. versionadded:: 0.1.0
    """
    if target_achieved:
        return "target_achieved"
    if score is None:
        return "not_available"
    if isinstance(score, bool) or not isinstance(score, int | float) or not -5 <= score <= 5:
        raise ValueError(f"score must be a number from -5 to 5, got {score!r}")
    if score >= 2.5:
        return "substantial_progress"
    if score >= 0:
        return "moderate_progress"
    if score >= -2.5:
        return "limited_progress"
    return "deterioration"


# --- Eurostat ------------------------------------------------------------------------------


def eurostat_category(ratio: float) -> str:
    """Eurostat's category for a ratio of actual to required growth.

    ≥ 0.95 ``significant_progress``; [0.60, 0.95) ``moderate_progress``; [0, 0.60)
    ``insufficient_progress``; below 0 ``moving_away``.

    Args:
        ratio: Actual over required compound annual growth rate (1 means exactly on path).

    Raises:
        ValueError: ``ratio`` is not a number (NaN included).

    >>> from policytargets.progress import eurostat_category
    >>> eurostat_category(0.95), eurostat_category(-0.1)
    ('significant_progress', 'moving_away')

    .. versionadded:: 0.1.0
    """
    if isinstance(ratio, bool) or not isinstance(ratio, int | float) or math.isnan(ratio):
        raise ValueError(f"ratio must be a number, got {ratio!r}")
    if ratio >= _EUROSTAT_SIGNIFICANT:
        return "significant_progress"
    if ratio >= _EUROSTAT_MODERATE:
        return "moderate_progress"
    if ratio >= 0:
        return "insufficient_progress"
    return "moving_away"


def eurostat(
    series: Mapping[int, Number],
    *,
    direction: Direction,
    target: Number,
    target_year: int,
    base_year: int,
) -> ProgressResult:
    """Eurostat's assessment of an indicator with a quantified target.

    The method of Eurostat's monitoring reports *Sustainable development in the European
    Union* for indicators with quantified EU targets: the actual compound annual growth rate
    from the base year *t₀* to the latest year *t₁* is compared with the rate required to go
    from the base value to the target *y_T* by *t_T*:

    ``ratio = CAGR(y₀→y₁) / CAGR(y₀→y_T)``

    ≥ 95% ``significant_progress``; 60–95% ``moderate_progress``; 0–60%
    ``insufficient_progress``; below 0 ``moving_away`` (see :func:`eurostat_category`). The
    ratio needs no sign correction: when the base value misses the target, actual and required
    growth share a sign exactly when the series moves towards the target.

    Choices of this implementation, where the method leaves the case open:

    - Without data for ``base_year`` the first later year with data is used.
    - A latest value that meets the target gives ``significant_progress`` (``target_met``);
      if the base value already met it, the ratio is ``None`` (no growth was required).
    - A base value that met the target while the latest value does not gives
      ``moving_away`` with ratio ``None``.
    - ``not_available`` (ratio ``None``) otherwise when a growth rate is not real: a base
      value ≤ 0, a latest value or target < 0; or with fewer than two years from the base
      year (a single data point among them), or a base year at or after ``target_year``.
      A latest value that meets the target still gives ``significant_progress`` then.
    - A target one rounding step from the base value still has a required growth of its
      own sign, so that a series going the other way is ``moving_away``.

    There is no score (``score`` is ``None``).

    Args:
        series: Values by year.
        direction: ``"positive"`` or ``"negative"``: the desired direction of the indicator.
        target: The value to reach.
        target_year: The year the target is due.
        base_year: The base year of the assessment.

    Returns:
        The category, the ratio and the components of the calculation.

    Raises:
        ValueError: ``direction`` is not ``"positive"``/``"negative"``, a year is not an int,
            a value or ``target`` is not a finite number, or ``target_year`` is not after
            ``base_year``.

    >>> from policytargets.progress import eurostat
    >>> result = eurostat({2015: 100, 2020: 110}, direction="positive", target=130,
    ...                   target_year=2025, base_year=2015)
    >>> result.category, round(result.value, 3)
    ('moderate_progress', 0.724)

    .. versionadded:: 0.1.0
    """
    sign_d = _direction(direction)
    target_f = _number(target, "target")
    due = _year(target_year, "target_year")
    base_year = _year(base_year, "base_year")
    if due <= base_year:
        raise ValueError(f"target_year ({due}) must be after base_year ({base_year})")
    data = _series(series)
    if not data:
        return ProgressResult(
            method="eurostat",
            category="not_available",
            direction=direction,
            target=target_f,
            target_year=due,
        )
    latest_year = max(data)
    latest_value = data[latest_year]
    target_met = _meets(latest_value, target_f, sign_d)
    base = _base(data, base_year)
    if base is None or base >= latest_year or base >= due:
        return ProgressResult(
            method="eurostat",
            category="significant_progress" if target_met else "not_available",
            direction=direction,
            base_year=base,
            base_value=None if base is None else data[base],
            latest_year=latest_year,
            latest_value=latest_value,
            target=target_f,
            target_year=due,
            target_met=target_met,
        )
    base_value = data[base]
    base_met = _meets(base_value, target_f, sign_d)
    actual: float | None = None
    required: float | None = None
    if base_value > 0:
        if latest_value >= 0:
            actual = _cagr(latest_value, base_value, latest_year, base)
        if target_f >= 0:
            required = _cagr(target_f, base_value, due, base)
    ratio: float | None = None
    if actual is not None and required is not None and not base_met and required != 0:
        ratio = actual / required
    if target_met:
        category = "significant_progress"
    elif base_met:
        category = "moving_away"
    elif ratio is None:
        category = "not_available"
    else:
        category = eurostat_category(ratio)
    return ProgressResult(
        method="eurostat",
        category=category,
        value=ratio,
        direction=direction,
        base_year=base,
        base_value=base_value,
        latest_year=latest_year,
        latest_value=latest_value,
        target=target_f,
        target_year=due,
        observed_growth=actual,
        required_growth=required,
        target_met=target_met,
    )
