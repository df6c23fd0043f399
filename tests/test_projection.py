"""Tests of projections to a deadline (policytargets.projection)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytargets.projection import (
    _CACHED_VALUES,
    LinearTrend,
    Method,
    Projection,
    _fitted,
    _limit_denominator,
    _points,
    _projector,
    first_meeting,
    linear_trend,
    project,
    project_cagr,
    project_linear,
)

fractions = st.fractions(max_denominator=10**6, min_value=-(10**6), max_value=10**6)
ordinal_sets = st.sets(st.integers(min_value=-50, max_value=3000), min_size=2, max_size=8)

# --- linear -------------------------------------------------------------------------------


def test_least_squares_of_non_linear_data() -> None:
    # x = 0, 1, 2; y = 0, 1, 4: x̄ = 1, ȳ = 5/3, Sxy = 4, Sxx = 2.
    trend = linear_trend({0: Fraction(0), 1: Fraction(1), 2: Fraction(4)})
    assert trend == LinearTrend(slope=Fraction(2), intercept=Fraction(-1, 3))
    assert project_linear({0: Fraction(0), 1: Fraction(1), 2: Fraction(4)}, 3) == Fraction(17, 3)


def test_linear_needs_two_points() -> None:
    assert linear_trend({}) is None
    assert linear_trend({2020: Fraction(1)}) is None
    assert project_linear({2020: Fraction(1)}, 2030) is None


def test_linear_accepts_int_values_and_any_order() -> None:
    series = {2022: 14, 2020: 10}
    assert project_linear(series, 2030) == 30  # type: ignore[arg-type]


@settings(deadline=None)
@given(slope=fractions, intercept=fractions, ordinals=ordinal_sets, at=st.integers(-100, 5000))
def test_exactly_linear_series_is_projected_exactly(
    slope: Fraction, intercept: Fraction, ordinals: set[int], at: int
) -> None:
    series = {x: intercept + slope * x for x in ordinals}
    assert linear_trend(series) == LinearTrend(slope=slope, intercept=intercept)
    assert project_linear(series, at) == intercept + slope * at


# --- compound growth ----------------------------------------------------------------------


def test_cagr_projection() -> None:
    series = {2020: Fraction(100), 2021: Fraction(50), 2022: Fraction(121)}  # 2021 not used
    assert project_cagr(series, 2024) == Fraction(14641, 100)
    assert project_cagr(series, 2021) == Fraction(110)
    assert project_cagr(series, 2019) == Fraction(1000, 11)


def test_cagr_is_exact_at_the_observed_ends() -> None:
    series = {1: Fraction(1, 3), 5: Fraction(22, 7)}
    assert project_cagr(series, 1) == Fraction(1, 3)
    assert project_cagr(series, 5) == Fraction(22, 7)


@pytest.mark.parametrize(
    "series",
    [
        {},
        {2020: Fraction(5)},
        {2020: Fraction(0), 2022: Fraction(5)},
        {2020: Fraction(-1), 2022: Fraction(5)},
        {2020: Fraction(5), 2022: Fraction(-1)},
    ],
)
def test_cagr_not_available(series: dict[int, Fraction]) -> None:
    assert project_cagr(series, 2030) is None


def test_cagr_to_zero() -> None:
    series = {2020: Fraction(8), 2022: Fraction(0)}
    assert project_cagr(series, 2021) == 0
    assert project_cagr(series, 2030) == 0
    assert project_cagr(series, 2019) is None  # 0 to a negative power


def test_cagr_overflow_is_none() -> None:
    series = {0: Fraction(1), 1: Fraction(10**100)}
    assert project_cagr(series, 4) is None  # the power overflows
    huge = {0: Fraction(10**308), 1: Fraction(2 * 10**308)}
    assert project_cagr(huge, 2) is None  # the product is infinite
    beyond = {0: Fraction(10**400), 2: Fraction(10**401)}  # no float holds the first value
    assert project_cagr(beyond, 1) is None
    assert project_cagr(beyond, 2) == 10**401  # the observed values stay exact
    steep = {0: Fraction(1, 10**400), 2: Fraction(1)}  # nor the rate of growth
    assert project_cagr(steep, 1) is None
    assert project_cagr(steep, 0) == Fraction(1, 10**400)


@settings(deadline=None)
@given(
    first=st.integers(min_value=1, max_value=1000),
    factor=st.integers(min_value=1, max_value=5),
    start=st.integers(min_value=-100, max_value=3000),
    steps=st.integers(min_value=0, max_value=20),
)
def test_cagr_projection_of_a_geometric_series_is_close(
    first: int, factor: int, start: int, steps: int
) -> None:
    series = {start: Fraction(first), start + 1: Fraction(first * factor)}
    projected = project_cagr(series, start + steps)
    assert projected is not None
    expected = Fraction(first * factor**steps)
    assert abs(projected - expected) <= expected * Fraction(1, 10**9)


# --- first meeting ------------------------------------------------------------------------


def test_first_meeting_linear() -> None:
    series = {2020: Fraction(10), 2022: Fraction(14)}
    assert (
        first_meeting(series, lambda v: v >= 20, method="linear", start=2023, horizon=2030) == 2025
    )
    assert (
        first_meeting(series, lambda v: v >= 20, method="linear", start=2026, horizon=2030) == 2026
    )
    assert (
        first_meeting(series, lambda v: v >= 100, method="linear", start=2023, horizon=2030) is None
    )
    assert (
        first_meeting(series, lambda v: v >= 26, method="linear", start=2028, horizon=2028) == 2028
    )


def test_first_meeting_cagr() -> None:
    series = {2020: Fraction(100), 2022: Fraction(121)}
    # 133.1 in 2023, 146.41 in 2024
    assert (
        first_meeting(series, lambda v: v >= 140, method="cagr", start=2021, horizon=2030) == 2024
    )


def test_first_meeting_without_projection() -> None:
    assert first_meeting({}, lambda v: True, method="linear", start=0, horizon=5) is None
    bad = {0: Fraction(-1), 1: Fraction(2)}
    assert first_meeting(bad, lambda v: True, method="cagr", start=0, horizon=5) is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "quadratic"}, "method"),
        ({"start": 2030, "horizon": 2020}, "horizon"),
        ({"start": 2020.0}, "start"),
        ({"horizon": True}, "horizon"),
        ({"meets": 5}, "meets"),
    ],
)
def test_first_meeting_rejects_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {
        "meets": lambda v: v > 0,
        "method": "linear",
        "start": 2020,
        "horizon": 2030,
    }
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        first_meeting({2020: Fraction(1), 2021: Fraction(2)}, **arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("series", "message"),
    [
        ([(2020, Fraction(1))], "series must be a mapping"),
        ({"2020": Fraction(1)}, "series: each key"),
        ({2020: 1.5}, r"series\[2020\]"),
        ({2020: True}, r"series\[2020\]"),
    ],
)
def test_rejects_bad_series(series: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        linear_trend(series)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=message):
        project_cagr(series, 2030)  # type: ignore[arg-type]


def test_rejects_bad_ordinal() -> None:
    with pytest.raises(ValueError, match="at"):
        project_linear({0: Fraction(1), 1: Fraction(2)}, 2.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at"):
        project_cagr({0: Fraction(1), 1: Fraction(2)}, "3")  # type: ignore[arg-type]


_PROJECTORS: dict[str, Callable[[dict[int, Fraction], int], Fraction | None]] = {
    "linear": project_linear,
    "cagr": project_cagr,
}


@settings(deadline=None, max_examples=300)
@given(
    series=st.dictionaries(
        st.integers(min_value=0, max_value=30),
        st.fractions(min_value=0, max_value=1000, max_denominator=100),
        min_size=2,
        max_size=6,
    ),
    threshold=st.fractions(min_value=-100, max_value=2000, max_denominator=100),
    above=st.booleans(),
    method=st.sampled_from(["linear", "cagr"]),
    start=st.integers(min_value=-10, max_value=60),
    width=st.integers(min_value=0, max_value=40),
)
def test_first_meeting_is_minimal(
    *,
    series: dict[int, Fraction],
    threshold: Fraction,
    above: bool,
    method: Method,
    start: int,
    width: int,
) -> None:
    def meets(value: Fraction) -> bool:
        return value >= threshold if above else value <= threshold

    horizon = start + width
    found = first_meeting(series, meets, method=method, start=start, horizon=horizon)
    projector = _PROJECTORS[method]

    def met(ordinal: int) -> bool:
        value = projector(series, ordinal)
        return value is not None and meets(value)

    if found is None:
        assert not any(met(t) for t in range(start, horizon + 1))
    else:
        assert start <= found <= horizon
        assert met(found)
        assert found == start or not met(found - 1)
        assert not any(met(t) for t in range(start, found))


# --- projection record --------------------------------------------------------------------


def test_project_record() -> None:
    series = {2020: Fraction(10), 2022: Fraction(15)}
    result = project(series, lambda v: v >= 20, method="linear", start=2023, deadline=2030)
    assert result == Projection(
        method="linear", deadline=2030, value_at_deadline=Fraction(35), first_met=2024
    )
    assert result.met_by_deadline
    data = result.to_dict()
    assert data == {
        "method": "linear",
        "deadline": 2030,
        "value_at_deadline": "35",
        "first_met": 2024,
        "met_by_deadline": True,
    }
    assert json.loads(json.dumps(data)) == data


def test_project_record_not_met() -> None:
    series = {2020: Fraction(10), 2022: Fraction(11)}
    result = project(series, lambda v: v >= 20, method="cagr", start=2023, deadline=2025)
    assert result.first_met is None
    assert not result.met_by_deadline
    assert result.value_at_deadline is not None
    assert result.to_dict()["value_at_deadline"] == str(result.value_at_deadline)
    empty = project({}, lambda v: True, method="linear", start=2023, deadline=2025)
    assert empty.to_dict()["value_at_deadline"] is None


# --- fits remembered per series -----------------------------------------------------------
# The cache (_fitted, _projector) against fits made afresh, and the integer arithmetic that
# speeds it up (_limit_denominator) against the standard library's.

any_series = st.dictionaries(
    st.integers(min_value=-50, max_value=3000), fractions, min_size=0, max_size=8
)


def _centred_fit(series: dict[int, Fraction]) -> LinearTrend | None:
    """The least-squares line by the centred formula, as a textbook writes it."""
    if len(series) < 2:
        return None
    mean_x = Fraction(sum(series), len(series))
    mean_y = sum(series.values(), Fraction(0)) / len(series)
    sxx = sum(((x - mean_x) * (x - mean_x) for x in series), Fraction(0))
    sxy = sum(((x - mean_x) * (y - mean_y) for x, y in series.items()), Fraction(0))
    slope = sxy / sxx
    return LinearTrend(slope=slope, intercept=mean_y - slope * mean_x)


@settings(deadline=None)
@given(series=any_series)
def test_least_squares_is_the_centred_formula(series: dict[int, Fraction]) -> None:
    assert linear_trend(series) == _centred_fit(series)


@settings(deadline=None)
@given(
    series=any_series,
    method=st.sampled_from(["linear", "cagr"]),
    ordinals=st.lists(st.integers(min_value=-100, max_value=5000), max_size=12),
)
def test_a_remembered_projection_equals_a_fresh_one(
    series: dict[int, Fraction], method: Method, ordinals: list[int]
) -> None:
    points = _points(series)
    fresh = _fitted.__wrapped__(method, points)  # no cache: fitted for this call alone
    for _ in range(2):  # the second time from the cache, values included
        remembered = _projector(series, method)
        assert (remembered is None) == (fresh is None)
        for ordinal in [*ordinals, *ordinals]:
            expected = None if fresh is None else fresh(ordinal)
            assert (None if remembered is None else remembered(ordinal)) == expected
            assert _PROJECTORS[method](series, ordinal) == expected


def test_a_changed_series_is_fitted_again() -> None:
    series = {2020: Fraction(10), 2022: Fraction(14)}
    assert project_linear(series, 2030) == first_meeting_value(series, 2030) == 30
    series[2024] = Fraction(14)
    assert project_linear(series, 2030) == first_meeting_value(series, 2030) == Fraction(62, 3)


def first_meeting_value(series: dict[int, Fraction], at: int) -> Fraction | None:
    """The value at ``at`` through the remembered fit that first_meeting and project use."""
    return project(series, lambda _: True, method="linear", start=at, deadline=at).value_at_deadline


def test_values_beyond_those_remembered_are_still_computed() -> None:
    series = {0: Fraction(0), 1: Fraction(1, 3)}
    start, horizon = 0, 3 * _CACHED_VALUES
    for _ in range(2):
        found = first_meeting(
            series, lambda v: v >= horizon // 3, method="linear", start=start, horizon=horizon
        )
        assert found == horizon
        assert _projector(series, "linear")(horizon) == horizon // 3  # type: ignore[misc]


@given(number=st.floats(allow_nan=False, allow_infinity=False))
def test_nearest_fraction_is_the_standard_librarys(number: float) -> None:
    assert _limit_denominator(number) == Fraction(number).limit_denominator(10**12)


@pytest.mark.parametrize(
    "number", [0.0, -0.0, 1.0, 0.5, 1 / 3, -2 / 3, 1e-13, 5e-13, 1e300, math.pi, 2**-1074]
)
def test_nearest_fraction_at_the_edges(number: float) -> None:
    assert _limit_denominator(number) == Fraction(number).limit_denominator(10**12)
