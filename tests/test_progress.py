"""Tests of the published trend methods (policytargets.progress).

Published figures come from these sources, each read through the project's search tool:

- [SDGB] open-sdg/sdg-build, ``sdg/ProgressMeasure.py`` at commit
  139fede74ba534d2ed8b9eee4cd878b41f54cb67: the implementation followed.
- [FEATURE] open-sdg/open-sdg, ``tests/features/ProgressStatus.feature`` at commit
  7ed987a0438bb48eae888e0beaa723cb195f883d: "/1-5-3/ ... I should see 'Deterioration'" and
  "/1-5-4/ ... I should see 'On track'".
- [1-5-3] open-sdg/open-sdg, ``tests/data/data/indicator_1-5-3.csv`` (commit
  509eac93eb0468a7af32f9e71f6479c25e87211e; rows Percent/A/X: 2015 = 10, 2016 = 30) and
  ``tests/data/indicator-config/1-5-3.yml`` (commit 7ed987a0438bb48eae888e0beaa723cb195f883d:
  direction negative, base_year 2015, limit 1, target 1, target_year 2030, unit Percent,
  disaggregation Group1 = A, Group2 = X).
- [1-5-4] open-sdg/open-sdg, ``tests/data/data/indicator_1-5-4.csv`` (commit
  325a118464b2e4c80a6f599511c92f4303d471d5; rows Total/"single disaggregation": 2015 = 5,
  2016 = 6) and ``tests/data/indicator-config/1-5-4.yml`` (commit
  11426863cef9ad85940d87874fda910f9adbfaf6: direction positive, base_year 2015, limit 9,
  target 9, target_year 2030, unit Total).
- [METHOD] open-sdg/open-sdg, ``docs/progress-methodology.md`` at commit
  26d2e38700e4fee329fea4823e908c4298064693, the Statistics Canada methodology as published
  in Open SDG's documentation (category table "R ≥ 95% → On track", score transformations of
  Figures 1 and 2, the special considerations and the minimum data requirements).

The ratios -14.0544 and 5.00455 of the two feature-test series are what [SDGB]'s formula
gives for their data (the feature tests publish only the category labels).
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytargets.progress import (
    ProgressResult,
    eurostat,
    eurostat_category,
    statcan,
    statcan_category_from_score,
)

SCORE_TOLERANCE = 1e-3  # sdg-build rounds its slopes to 7.1429 and 4.1667

# --- Statistics Canada / Open SDG: published cases ---------------------------------------


def test_open_sdg_feature_1_5_3_deterioration() -> None:
    # [FEATURE] + [1-5-3]: the page of 1-5-3 shows "Deterioration".
    result = statcan(
        {2015: 10, 2016: 30}, direction="negative", target=1, target_year=2030, limit=1
    )
    assert result.category == "deterioration"
    assert result.value == pytest.approx(-14.0544, abs=1e-4)
    assert result.score == -5
    assert result.target_met is False
    assert result.coefficient is None  # [SDGB]: the limit is ignored when there is a target


def test_open_sdg_feature_1_5_4_on_track() -> None:
    # [FEATURE] + [1-5-4]: the page of 1-5-4 shows "On track", the label [METHOD] gives to
    # R >= 95% (sdg-build's substantial_progress).
    result = statcan({2015: 5, 2016: 6}, direction="positive", target=9, target_year=2030, limit=9)
    assert result.category == "substantial_progress"
    assert result.value == pytest.approx(5.00455, abs=1e-5)
    assert result.score == 5
    assert result.observed_growth == pytest.approx(0.2)
    assert result.required_growth == pytest.approx(1.8 ** (1 / 15) - 1)


def _series_with_ratio(ratio: float) -> dict[int, float]:
    """2015 = 100 and a 2016 value whose growth is ``ratio`` times that needed to reach 200."""
    required = 2 ** (1 / 15) - 1
    return {2015: 100.0, 2016: 100.0 * (1 + ratio * required)}


@pytest.mark.parametrize(
    ("ratio", "score"),
    [
        # [METHOD] Figure 2: -5 at or below -60%, linear to 0 at 60%, linear to 5 at 130%,
        # 5 above; with "R >= 95% On track" at the score 2.5 and 0% at -2.5 by linearity.
        (-1.0, -5.0),
        (-0.6, -5.0),
        (0.0, -2.5),
        (0.6, 0.0),
        (0.95, 2.5),
        (1.3, 5.0),
        (2.0, 5.0),
    ],
)
def test_score_with_target_follows_published_transformation(ratio: float, score: float) -> None:
    result = statcan(_series_with_ratio(ratio), direction="positive", target=200)
    assert result.value == pytest.approx(ratio, abs=1e-9)
    assert result.score == pytest.approx(score, abs=SCORE_TOLERANCE)


@pytest.mark.parametrize(
    ("ratio", "category"),
    [
        # [METHOD] table: R >= 95% on track, 60% <= R < 95%, 0% <= R < 60%, R < 0%.
        (0.96, "substantial_progress"),
        (0.94, "moderate_progress"),
        (0.61, "moderate_progress"),
        (0.59, "limited_progress"),
        (0.01, "limited_progress"),
        (-0.01, "deterioration"),
    ],
)
def test_category_with_target_follows_published_thresholds(ratio: float, category: str) -> None:
    assert statcan(_series_with_ratio(ratio), direction="positive", target=200).category == category


@pytest.mark.parametrize(
    ("growth", "score"),
    [
        # [METHOD] Figure 1: -5 at or below -2%, linear to -2.5 at 0%, to 0 at 0.5%, to 2.5
        # at 1.5%, to 5 at 2%, 5 above.
        (-0.03, -5.0),
        (-0.02, -5.0),
        (-0.01, -3.75),
        (0.0, -2.5),
        (0.0025, -1.25),
        (0.005, 0.0),
        (0.01, 1.25),
        (0.015, 2.5),
        (0.0175, 3.75),
        (0.02, 5.0),
        (0.05, 5.0),
    ],
)
@pytest.mark.parametrize("direction", ["positive", "negative"])
def test_score_without_target_follows_published_transformation(
    growth: float, score: float, direction: str
) -> None:
    # For a negative direction the observed growth counts with its sign flipped.
    change = growth if direction == "positive" else -growth
    result = statcan({2015: 100, 2016: 100 * (1 + change)}, direction=direction)  # type: ignore[arg-type]
    assert result.value == pytest.approx(growth, abs=1e-12)
    assert result.score == pytest.approx(score, abs=1e-9)


@pytest.mark.parametrize(
    ("growth", "category"),
    [
        # [METHOD]: CAGR >= 1.5% on track, 0.5% <= CAGR < 1.5%, 0% <= CAGR < 0.5%, CAGR < 0%.
        (0.0151, "substantial_progress"),
        (0.0149, "moderate_progress"),
        (0.0051, "moderate_progress"),
        (0.0049, "limited_progress"),
        (0.0, "limited_progress"),
        (-0.0001, "deterioration"),
    ],
)
def test_category_without_target_follows_published_thresholds(growth: float, category: str) -> None:
    assert statcan({2015: 100, 2016: 100 * (1 + growth)}, direction="positive").category == category


def test_target_achieved_scores_five_regardless_of_trend() -> None:
    # [METHOD]: "Indicators that achieve the target are automatically assigned a score of 5
    # regardless of the underlying trend"; [SDGB] checks target achievement first.
    result = statcan({2015: 40, 2020: 45}, direction="negative", target=50)
    assert result.category == "target_achieved"
    assert result.score == 5
    assert result.target_met is True
    assert result.value is not None
    assert result.value < 0  # the trend itself is a deterioration


def test_target_achieved_with_a_single_point() -> None:
    # [SDGB] sets target_achieved before, and independently of, the progress value.
    result = statcan({2016: 12}, direction="positive", target=10)
    assert (result.category, result.score, result.value) == ("target_achieved", 5.0, None)


def test_default_target_year_is_2030() -> None:
    # [METHOD] and [SDGB]: the target year is 2030 unless specified otherwise.
    assert statcan({2015: 5, 2016: 6}, direction="positive", target=9).target_year == 2030
    assert statcan({2015: 5, 2016: 6}, direction="positive").target_year is None


def test_base_year_falls_back_to_next_year_with_data() -> None:
    # [METHOD]: "Should there be no available data for 2015, the first available year
    # following 2015 will be used."
    result = statcan({2014: 1, 2017: 10, 2019: 12}, direction="positive")
    assert (result.base_year, result.base_value) == (2017, 10.0)
    assert result.latest_year == 2019
    assert result.observed_growth == pytest.approx(1.2**0.5 - 1)


def test_data_before_base_year_is_not_used() -> None:
    result = statcan({2010: 1, 2012: 2}, direction="positive", base_year=2015)
    assert result.category == "not_available"
    assert result.base_year is None
    assert (result.value, result.score) == (None, None)


@pytest.mark.parametrize(
    "series", [{}, {2015: 3}, {2016: 3}, {2014: 1, 2015: 3}], ids=["empty", "one", "later", "base"]
)
def test_at_least_two_years_are_needed(series: dict[int, int]) -> None:
    # [METHOD]: "At least two years of data is required to calculate the progress measure."
    result = statcan(series, direction="positive")
    assert (result.category, result.value, result.score) == ("not_available", None, None)


def test_zero_target_is_replaced_by_a_thousandth() -> None:
    # [METHOD] and [SDGB]: "If the target value is zero, it is replaced by 0.001".
    result = statcan({2015: 10, 2016: 5}, direction="negative", target=0)
    assert result.target == 0.001
    required = (0.001 / 10) ** (1 / 15) - 1
    assert result.required_growth == pytest.approx(required)
    assert result.value == pytest.approx(-1 * -0.5 / abs(required))


def test_zero_base_value_is_replaced_by_a_thousandth() -> None:
    # [METHOD] and [SDGB]: "If the base value is zero, it is replaced by 0.001".
    result = statcan({2015: 0, 2016: 5}, direction="positive")
    assert result.base_value == 0.001
    assert result.value == pytest.approx(5 / 0.001 - 1)
    assert result.category == "substantial_progress"


def test_all_negative_values_flip_the_direction() -> None:
    # [METHOD]: "If all values are negative, the desired direction of progress is flipped";
    # [SDGB]: the sign s = -1 when the base value is negative.
    rising = statcan({2015: -10, 2016: -8}, direction="positive")
    assert rising.observed_growth == pytest.approx(-0.2)
    assert rising.value == pytest.approx(0.2)
    assert rising.category == "substantial_progress"
    falling = statcan({2015: -10, 2016: -8}, direction="negative")
    assert falling.category == "deterioration"


def test_values_of_opposite_signs_are_not_assessed() -> None:
    # [METHOD]: valid only when all values are positive or all values are negative.
    result = statcan({2015: 10, 2016: -1}, direction="positive")
    assert (result.category, result.value, result.score) == ("not_available", None, None)
    result = statcan({2015: -10, 2016: 1}, direction="positive", target=-20)
    assert result.category == "target_achieved"  # checked first, as in [SDGB]
    assert result.value is None


def test_target_opposite_to_base_value_has_no_real_required_growth() -> None:
    result = statcan({2015: -10, 2016: -8}, direction="positive", target=5)
    assert result.category == "not_available"
    assert (result.value, result.score, result.required_growth) == (None, None, None)


def test_base_value_at_the_limit_is_on_track_when_kept() -> None:
    # [METHOD]: with y0 = ylim the scaling factor C is zero; "if the calculated progress
    # value is zero or greater (CAGR >= 0) ... 'On track' as well as a score of +5".
    kept = statcan({2015: 100, 2016: 100}, direction="positive", limit=100)
    assert kept.coefficient == 0
    assert (kept.category, kept.score) == ("substantial_progress", 5.0)
    # "... if the calculated progress value is negative (CAGR < 0), the progress score and
    # status can be determined as usual."
    lost = statcan({2015: 100, 2016: 99}, direction="positive", limit=100)
    assert lost.value == pytest.approx(-0.01)
    assert lost.category == "deterioration"
    assert lost.score == pytest.approx(125 * -0.01 - 2.5)


def test_limit_scales_the_thresholds() -> None:
    # [SDGB] get_progress_thresholds: C = 1 - (|y0|/|L|)^4.44 when |y0| <= |L|.
    coefficient = 1 - 0.5**4.44
    above = statcan(
        {2015: 50, 2016: 50 * (1 + 0.0151 * coefficient)}, direction="positive", limit=100
    )
    below = statcan(
        {2015: 50, 2016: 50 * (1 + 0.0149 * coefficient)}, direction="positive", limit=100
    )
    assert above.coefficient == pytest.approx(coefficient)
    assert above.category == "substantial_progress"
    assert below.category == "moderate_progress"
    # the score is computed on the value normalised by C: 500·v/C − 5 and 250·v/C − 1.25
    assert above.score == pytest.approx(500 * 0.0151 - 5)
    assert below.score == pytest.approx(250 * 0.0149 - 1.25)


@pytest.mark.parametrize(
    ("base", "limit", "expected"),
    [
        (0, 0, 1.0),  # base >= 2 * limit is checked first
        (300, 100, 1.0),
        (150, 100, 1 - 0.5**4.44),  # limit < base < 2 * limit: mirrored
        (25, 100, 1 - 0.25**4.44),
        (-25, -100, 1 - 0.25**4.44),  # absolute values
    ],
)
def test_limit_coefficient_formula(base: int, limit: int, expected: float) -> None:
    # [SDGB] get_progress_thresholds; [METHOD] describes the same factor C.
    result = statcan({2015: base, 2016: base}, direction="negative", limit=limit)
    assert result.coefficient == pytest.approx(expected)


def test_base_year_fallback_at_or_after_the_target_year() -> None:
    result = statcan({2030: 5, 2031: 6}, direction="positive", target=9, target_year=2030)
    assert result.base_year == 2030
    assert (result.category, result.value, result.score) == ("not_available", None, None)


def test_target_equal_to_base_value_gives_an_infinite_ratio() -> None:
    result = statcan({2015: 10, 2016: 12}, direction="negative", target=10)
    assert result.required_growth == 0
    assert result.value == -math.inf
    assert (result.category, result.score) == ("deterioration", -5.0)
    assert result.to_dict()["value"] is None


def test_accepts_exact_and_decimal_inputs() -> None:
    exact = statcan(
        {2015: Fraction(5), 2016: Decimal("6.0")}, direction="positive", target=Decimal(9)
    )
    plain = statcan({2015: 5, 2016: 6}, direction="positive", target=9)
    assert exact == plain


def test_to_dict_is_json_ready() -> None:
    result = statcan({2015: 5, 2016: 6}, direction="positive", target=9)
    data = result.to_dict()
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert data["method"] == "statcan"
    assert data["category"] == "substantial_progress"
    assert set(data) == {field.name for field in ProgressResult.__attrs_attrs__}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"direction": "up"}, "direction"),
        ({"direction": "positive", "base_year": "2015"}, "base_year"),
        ({"direction": "positive", "base_year": True}, "base_year"),
        ({"direction": "positive", "target": "9"}, "target"),
        ({"direction": "positive", "target": float("nan")}, "target"),
        ({"direction": "positive", "target": 9, "target_year": 2015}, "target_year"),
        ({"direction": "positive", "target": 9, "target_year": 2030.0}, "target_year"),
        ({"direction": "positive", "target_year": "2030"}, "target_year"),
        ({"direction": "positive", "limit": Decimal("Infinity")}, "limit"),
    ],
)
def test_statcan_rejects_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        statcan({2015: 5, 2016: 6}, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("series", "message"),
    [
        ([(2015, 5)], "series must be a mapping"),
        ({"2015": 5}, "series: each key"),
        ({True: 5}, "series: each key"),
        ({2015: "5"}, r"series\[2015\]"),
        ({2015: float("inf")}, r"series\[2015\]"),
        ({2015: Decimal("sNaN")}, r"series\[2015\]"),
        ({2015: 10**400}, r"series\[2015\]"),
        ({2015: False}, r"series\[2015\]"),
    ],
)
def test_rejects_bad_series(series: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        statcan(series, direction="positive")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=message):
        eurostat(series, direction="positive", target=1, target_year=2030, base_year=2015)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("score", "category"),
    [
        # [METHOD]: [2.5, 5] on track, [0, 2.5[, [-2.5, 0[, [-5, -2.5[.
        (5.0, "substantial_progress"),
        (2.5, "substantial_progress"),
        (2.4999, "moderate_progress"),
        (0.0, "moderate_progress"),
        (-0.0001, "limited_progress"),
        (-2.5, "limited_progress"),
        (-2.5001, "deterioration"),
        (-5.0, "deterioration"),
        (None, "not_available"),
    ],
)
def test_category_from_score(score: float | None, category: str) -> None:
    assert statcan_category_from_score(score) == category


def test_category_from_score_target_achieved_and_bad_scores() -> None:
    # [METHOD]: "all series must achieve the target for the aggregate progress status to
    # be 'Target achieved'".
    assert statcan_category_from_score(5.0, target_achieved=True) == "target_achieved"
    for bad in (5.1, -6, math.nan, True):
        with pytest.raises(ValueError, match="score"):
            statcan_category_from_score(bad)


# --- Statistics Canada: properties ---------------------------------------------------------

positive_values = st.integers(min_value=1, max_value=10**6)


@settings(deadline=None, max_examples=300)
@given(
    base=positive_values,
    latest=st.tuples(positive_values, positive_values).filter(lambda pair: pair[0] != pair[1]),
    years=st.integers(min_value=1, max_value=14),
    target=st.one_of(st.none(), positive_values),
    limit=st.one_of(st.none(), positive_values),
    direction=st.sampled_from(["positive", "negative"]),
)
def test_statcan_score_is_monotone_in_observed_growth(
    *,
    base: int,
    latest: tuple[int, int],
    years: int,
    target: int | None,
    limit: int | None,
    direction: str,
) -> None:
    low, high = sorted(latest)

    def score(value: int) -> float:
        result = statcan(
            {2015: base, 2015 + years: value},
            direction=direction,  # type: ignore[arg-type]
            target=target,
            limit=limit,
        )
        assert result.score is not None
        assert -5 <= result.score <= 5
        return result.score

    if direction == "positive":
        assert score(low) <= score(high) + 1e-9
    else:
        assert score(high) <= score(low) + 1e-9


@settings(deadline=None, max_examples=200)
@given(
    base=positive_values,
    latest=positive_values,
    target=st.one_of(st.none(), positive_values),
    direction=st.sampled_from(["positive", "negative"]),
)
def test_statcan_category_agrees_with_score_away_from_boundaries(
    base: int, latest: int, target: int | None, direction: str
) -> None:
    result = statcan({2015: base, 2020: latest}, direction=direction, target=target)  # type: ignore[arg-type]
    assert result.score is not None
    if result.category == "target_achieved":
        assert result.score == 5
    elif min(abs(result.score - edge) for edge in (-2.5, 0.0, 2.5)) > SCORE_TOLERANCE:
        assert statcan_category_from_score(result.score) == result.category


# --- Eurostat ------------------------------------------------------------------------------


def test_eurostat_ratio_of_actual_to_required_growth() -> None:
    result = eurostat(
        {2015: 100, 2018: 104, 2020: 110},
        direction="positive",
        target=130,
        target_year=2025,
        base_year=2015,
    )
    actual = 1.1 ** (1 / 5) - 1
    required = 1.3 ** (1 / 10) - 1
    assert result.observed_growth == pytest.approx(actual)
    assert result.required_growth == pytest.approx(required)
    assert result.value == pytest.approx(actual / required)
    assert result.category == "moderate_progress"
    assert result.score is None
    assert result.method == "eurostat"


def test_eurostat_on_the_required_path_is_significant_progress() -> None:
    required = 2 ** (1 / 15) - 1
    series = {2015: 100.0, 2020: 100 * (1 + required) ** 5}
    result = eurostat(series, direction="positive", target=200, target_year=2030, base_year=2015)
    assert result.value == pytest.approx(1.0)
    assert result.category == "significant_progress"


@pytest.mark.parametrize(
    ("latest", "category"),
    [
        (90, "insufficient_progress"),  # falling, at under 60% of the required pace
        (70, "significant_progress"),
        (105, "moving_away"),
    ],
)
def test_eurostat_negative_direction(latest: int, category: str) -> None:
    result = eurostat(
        {2015: 100, 2020: latest},
        direction="negative",
        target=50,
        target_year=2030,
        base_year=2015,
    )
    assert result.category == category
    assert result.required_growth is not None
    assert result.required_growth < 0


def test_eurostat_target_met() -> None:
    met = eurostat(
        {2015: 100, 2020: 125}, direction="positive", target=120, target_year=2030, base_year=2015
    )
    assert (met.category, met.target_met) == ("significant_progress", True)
    assert met.value is not None
    assert met.value > 1
    already = eurostat(
        {2015: 130, 2020: 125}, direction="positive", target=120, target_year=2030, base_year=2015
    )
    assert (already.category, already.target_met, already.value) == (
        "significant_progress",
        True,
        None,
    )
    lost = eurostat(
        {2015: 130, 2020: 110}, direction="positive", target=120, target_year=2030, base_year=2015
    )
    assert (lost.category, lost.target_met, lost.value) == ("moving_away", False, None)


@pytest.mark.parametrize(
    ("series", "target"),
    [
        ({2015: 0, 2020: 5}, 10),  # zero base value: no growth rate
        ({2015: -5, 2020: -4}, 10),  # negative values
        ({2015: 5, 2020: -1}, 10),  # negative latest value
        ({2015: 5, 2020: 6}, -10),  # negative target with a positive direction: met
        ({2020: 5}, 10),  # a single point
        ({2015: 5}, 10),
        ({}, 10),
        ({2010: 5, 2012: 6}, 10),  # no data from the base year on
        ({2030: 5, 2031: 6}, 10),  # base year (fallback) at the target year
    ],
)
def test_eurostat_not_available(series: dict[int, int], target: int) -> None:
    result = eurostat(series, direction="positive", target=target, target_year=2030, base_year=2015)
    if target < 0:
        assert result.category == "significant_progress"  # met by any value above it
        assert result.value is None
    else:
        assert (result.category, result.value, result.score) == ("not_available", None, None)


def test_eurostat_negative_target_with_negative_direction() -> None:
    result = eurostat(
        {2015: 5, 2020: 4}, direction="negative", target=-1, target_year=2030, base_year=2015
    )
    assert (result.category, result.value) == ("not_available", None)


def test_eurostat_zero_latest_value_and_zero_target() -> None:
    result = eurostat(
        {2015: 10, 2020: 0}, direction="negative", target=0, target_year=2030, base_year=2015
    )
    assert (result.category, result.target_met) == ("significant_progress", True)
    assert result.observed_growth == -1
    assert result.required_growth == -1
    assert result.value == pytest.approx(1.0)


def test_eurostat_base_year_fallback() -> None:
    result = eurostat(
        {2014: 1, 2016: 100, 2020: 110},
        direction="positive",
        target=130,
        target_year=2030,
        base_year=2015,
    )
    assert result.base_year == 2016
    assert result.value == pytest.approx((1.1**0.25 - 1) / (1.3 ** (1 / 14) - 1))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"direction": "down"}, "direction"),
        ({"target": None}, "target"),
        ({"target_year": 2015}, "target_year"),
        ({"target_year": "2030"}, "target_year"),
        ({"base_year": 2015.0}, "base_year"),
    ],
)
def test_eurostat_rejects_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {
        "direction": "positive",
        "target": 130,
        "target_year": 2030,
        "base_year": 2015,
    }
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        eurostat({2015: 100, 2020: 110}, **arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ratio", "category"),
    [
        (0.95, "significant_progress"),
        (math.nextafter(0.95, 0), "moderate_progress"),
        (0.6, "moderate_progress"),
        (math.nextafter(0.6, 0), "insufficient_progress"),
        (0.0, "insufficient_progress"),
        (-0.0, "insufficient_progress"),
        (math.nextafter(0.0, -1), "moving_away"),
        (math.inf, "significant_progress"),
        (-math.inf, "moving_away"),
    ],
)
def test_eurostat_category_boundaries(ratio: float, category: str) -> None:
    assert eurostat_category(ratio) == category


def test_eurostat_category_rejects_non_numbers() -> None:
    for bad in (math.nan, "0.9", None, True):
        with pytest.raises(ValueError, match="ratio"):
            eurostat_category(bad)  # type: ignore[arg-type]


_EUROSTAT_ORDER = [
    "moving_away",
    "insufficient_progress",
    "moderate_progress",
    "significant_progress",
]


@given(st.floats(allow_nan=False), st.floats(allow_nan=False))
def test_eurostat_category_is_monotone_with_published_boundaries(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert _EUROSTAT_ORDER.index(eurostat_category(low)) <= _EUROSTAT_ORDER.index(
        eurostat_category(high)
    )
    expected = (
        "significant_progress"
        if a >= 0.95
        else "moderate_progress"
        if a >= 0.6
        else "insufficient_progress"
        if a >= 0
        else "moving_away"
    )
    assert eurostat_category(a) == expected


@settings(deadline=None, max_examples=200)
@given(
    base=positive_values,
    latest=st.integers(min_value=0, max_value=10**6),
    target=st.integers(min_value=0, max_value=10**6),
    direction=st.sampled_from(["positive", "negative"]),
    years=st.integers(min_value=1, max_value=14),
)
def test_eurostat_category_follows_its_ratio(
    base: int, latest: int, target: int, direction: str, years: int
) -> None:
    result = eurostat(
        {2015: base, 2015 + years: latest},
        direction=direction,  # type: ignore[arg-type]
        target=target,
        target_year=2030,
        base_year=2015,
    )
    if result.target_met:
        assert result.category == "significant_progress"
    elif result.value is not None:
        assert result.category == eurostat_category(result.value)
        # moving in the desired direction exactly when the ratio is positive
        towards = latest > base if direction == "positive" else latest < base
        assert (result.value > 0) == towards
    else:
        assert result.category == "moving_away"  # the base met the target, the latest does not
