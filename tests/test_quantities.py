"""Exact values and requirements."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import population_sizes, share_requirements

from policytargets.quantities import (
    MAX_DIGITS,
    Comparator,
    Requirement,
    exact_text,
    format_number,
    format_percent,
    format_value,
    parse_number,
    parse_value,
    value_text,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("70%", Fraction(7, 10)),
        ("66,7%", Fraction(667, 1000)),
        ("66.7 %", Fraction(667, 1000)),
        ("2/3", Fraction(2, 3)),
        ("0.4", Fraction(2, 5)),
        ("0,1", Fraction(1, 10)),
        ("50.0", Fraction(50)),
        ("18250", Fraction(18250)),
        ("-5", Fraction(-5)),
        (".5", Fraction(1, 2)),
        ("1.250", Fraction(5, 4)),
        ("1,25", Fraction(5, 4)),
        (" 100% ", Fraction(1)),
    ],
)
def test_numbers_are_read_exactly(text: str, expected: Fraction) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1.250.000", "thousands separators"),
        ("1,250.5", "thousands separators"),
        ("abc", "not a number"),
        ("", "not a number"),
        ("1/0", "divides by zero"),
        ("70 %%", "not a number"),
    ],
)
def test_bad_numbers_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("true", True), ("FALSE", False), ("có", True), ("không", False), ("3", Fraction(3))],
)
def test_values(text: str, expected: Fraction | bool) -> None:
    assert parse_value(text) == expected
    assert type(parse_value(text)) is type(expected)


@given(st.fractions(max_denominator=10**6) | st.booleans())
def test_value_text_round_trips(value: Fraction | bool) -> None:
    assert parse_value(value_text(value)) == value


@pytest.mark.parametrize(
    ("text", "comparator", "value"),
    [
        (">= 70%", Comparator.GE, Fraction(7, 10)),
        ("> 60%", Comparator.GT, Fraction(3, 5)),
        ("≥ 2/3", Comparator.GE, Fraction(2, 3)),
        ("<=0.4", Comparator.LE, Fraction(2, 5)),
        ("= true", Comparator.EQ, True),
        ("== 1", Comparator.EQ, Fraction(1)),
    ],
)
def test_requirements_parse(text: str, comparator: Comparator, value: Fraction | bool) -> None:
    requirement = Requirement.parse(text)
    assert (requirement.comparator, requirement.value) == (comparator, value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("70%", "not a requirement"),
        ("> ", "not a requirement"),
        (">= lots", "'>= lots': 'lots' is not a number"),
        ("> true", "yes/no requirement takes '='"),
    ],
)
def test_bad_requirements(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Requirement.parse(text)


def test_seven_of_ten_meets_seventy_percent_exactly() -> None:
    requirement = Requirement.parse(">= 70%")
    assert requirement.is_met(Fraction(7, 10))
    assert not requirement.is_met(Fraction(699, 1000))
    assert Requirement.parse(">= 2/3").is_met(Fraction(2, 3))
    assert not Requirement.parse("> 60%").is_met(Fraction(3, 5))


def test_yes_no_requirement() -> None:
    requirement = Requirement.parse("= true")
    assert requirement.is_met(True)
    assert not requirement.is_met(False)
    with pytest.raises(TypeError):
        requirement.is_met(Fraction(1))


@pytest.mark.parametrize(
    ("text", "population", "expected"),
    [
        (">= 70%", 10, 7),
        (">= 70%", 3, 3),
        ("> 60%", 3, 2),
        (">= 2/3", 3, 2),
        (">= 100%", 4, 4),
        ("> 30%", 2, 1),
        (">= 0%", 5, 0),
        ("= 50%", 4, 2),
        ("= 50%", 3, None),
        ("<= 20%", 5, 0),
    ],
)
def test_required_units(text: str, population: int, expected: int | None) -> None:
    assert Requirement.parse(text).required_units(population) == expected


@given(share_requirements(), population_sizes)
def test_required_units_is_the_exact_minimum(requirement: Requirement, size: int) -> None:
    count = requirement.required_units(size)
    assert count is not None
    assert requirement.is_met(Fraction(count, size))
    if count > 0:
        assert not requirement.is_met(Fraction(count - 1, size))


def test_formatting_per_language() -> None:
    assert format_percent(Fraction(2, 3), "vi") == "66,7%"
    assert format_percent(Fraction(2, 3), "en") == "66.7%"
    assert format_percent(Fraction(7, 10), "en") == "70%"
    assert format_number(Fraction(18250), "vi") == "18.250"
    assert format_number(Fraction(18250), "en") == "18,250"
    assert format_number(Fraction(-5, 4), "vi") == "-1,25"
    assert format_value(True, "vi") == "có"
    assert format_value(None, "en") == "—"
    assert format_value(Fraction(1, 2), "en", percent=True) == "50%"


def test_requirement_text() -> None:
    assert str(Requirement.parse(">= 70%")) == ">= 70%"
    assert str(Requirement.parse("> 66,7%")) == "> 66.7%"
    assert str(Requirement.parse("<= 2/3")) == "<= 2/3"
    assert str(Requirement.parse("= true")) == "= true"


@given(st.fractions(max_denominator=2**120))
def test_exact_text_round_trips_within_the_size_limit(value: Fraction) -> None:
    text = exact_text(value)
    parts = text.lstrip("-").replace(".", "").split("/")
    digits = max(len(part.lstrip("0")) for part in parts)
    if digits > MAX_DIGITS:
        # Beyond the documented limit the text is refused with a message naming it, never
        # misread.
        with pytest.raises(ValueError, match=f"limited to {MAX_DIGITS} digits"):
            parse_number(text)
        return
    assert parse_number(text) == value
    requirement = Requirement(Comparator.GE, value, percent=False)
    assert Requirement.parse(str(requirement)) == requirement


def test_exact_text_of_a_long_terminating_decimal() -> None:
    tiny = Fraction(1, 2**100)
    assert parse_number(exact_text(tiny)) == tiny
    assert "/" not in exact_text(tiny)
