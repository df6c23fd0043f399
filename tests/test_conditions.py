"""Compound per-unit conditions: the parser, its errors and how units are judged."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from tests.plan_strategies import condition_expressions

import policytargets as pt
from policytargets.targets.conditions import (
    MAX_DEPTH,
    AllOf,
    AnyOf,
    Comparison,
    Constant,
    Expression,
    MeasureValue,
    Negation,
    RatioOf,
)

Obs = pt.Observation
Y2024 = pt.Period.year(2024)
VILLAGES = pt.Population("villages", "Villages", [pt.Unit(f"v{i}", f"V{i}") for i in range(4)])


def context(*observations: pt.Observation) -> pt.Context:
    return pt.Context(pt.ObservationLog(observations), {"villages": VILLAGES}, dt.date(2026, 1, 1))


def check(text: str, *observations: pt.Observation) -> pt.targets.conditions.UnitCheck:
    return pt.Condition.parse(text).check("v0", Y2024, context(*observations))


def _flat(expression: Expression) -> Expression:
    """The tree as parsing returns it: nested ``and`` (``or``) lists made one."""
    match expression:
        case AllOf(parts) | AnyOf(parts):
            kind = type(expression)
            flat: list[Expression] = []
            for part in map(_flat, parts):
                flat.extend(part.parts if isinstance(part, kind) else (part,))
            return kind(tuple(flat))
        case Negation(part):
            return Negation(_flat(part))
    return expression


@given(condition_expressions)
def test_every_condition_prints_as_text_that_reads_back(expression: Expression) -> None:
    condition = pt.Condition(expression=expression)
    assert pt.Condition.parse(str(condition)).tree == _flat(expression)


def test_and_or_not_and_parentheses_bind_as_written() -> None:
    condition = pt.Condition.parse("not a = true and (b = true or c >= 3)")
    assert condition.tree == AllOf(
        (
            Negation(Comparison(MeasureValue("a"), pt.Comparator.EQ, Constant(True))),
            AnyOf(
                (
                    Comparison(MeasureValue("b"), pt.Comparator.EQ, Constant(True)),
                    Comparison(MeasureValue("c"), pt.Comparator.GE, Constant(Fraction(3))),
                )
            ),
        )
    )
    assert condition.measures() == {"a": "boolean", "b": "boolean", "c": "number"}


def test_simple_conditions_keep_their_simple_form() -> None:
    assert pt.Condition.parse("security-level >= 3") == pt.Condition("security-level", ">= 3")
    assert pt.Condition.parse("mobile") == pt.Condition("mobile")
    assert pt.Condition.parse("66,7% <= share").expression is not None


def test_villages_with_both_mobile_and_fixed_broadband() -> None:
    # A digital-infrastructure plan: "villages covered by both mobile and fixed broadband".
    rule = pt.ThresholdShare(population="villages", condition="mobile and fixed = true")
    ctx = context(
        Obs("mobile", "v0", 2024, True),
        Obs("fixed", "v0", 2024, True),
        Obs("mobile", "v1", 2024, True),
        Obs("fixed", "v1", 2024, False),
        Obs("mobile", "v2", 2024, False),  # fixed not reported, but "and" is already false
        Obs("fixed", "v3", 2024, True),  # mobile not reported: undecided
    )
    reading = rule.read(Y2024, ctx)
    assert isinstance(reading, pt.Reading)
    assert (reading.met_units, reading.population) == (1, 4)
    assert reading.unreported_units == ("v3",)
    assert len(reading.evidence) == 6


def test_ratio_of_two_measures_in_every_sector() -> None:
    # A digital-economy plan: "the digital economy is at least 10% of value added in every
    # sector".
    condition = "digital-value / value-added >= 10%"
    assert check(
        condition, Obs("digital-value", "v0", 2024, 10), Obs("value-added", "v0", 2024, 100)
    ).met
    assert not check(
        condition, Obs("digital-value", "v0", 2024, 9), Obs("value-added", "v0", 2024, 100)
    ).met
    assert not check(
        condition, Obs("digital-value", "v0", 2024, 1), Obs("value-added", "v0", 2024, 0)
    ).met
    assert check(condition, Obs("digital-value", "v0", 2024, 1)).met is None
    parsed = pt.Condition.parse(condition).tree
    assert isinstance(parsed, Comparison)
    assert parsed.left == RatioOf(MeasureValue("digital-value"), MeasureValue("value-added"))


def test_two_measures_compared() -> None:
    assert check(
        "trained <= staff", Obs("trained", "v0", 2024, 110), Obs("staff", "v0", 2024, 110)
    ).met
    assert not check(
        "trained <= staff", Obs("trained", "v0", 2024, 510), Obs("staff", "v0", 2024, 110)
    ).met


def test_not_and_or_follow_three_valued_logic() -> None:
    yes, no = Obs("a", "v0", 2024, True), Obs("a", "v0", 2024, False)
    assert check("a or b", yes).met is True
    assert check("a or b", no).met is None
    assert check("a and b", no).met is False
    assert check("a and b", yes).met is None
    assert check("not a", no).met is True
    assert check("not b", no).met is None


def test_evidence_lists_every_observation_read_even_when_decided_early() -> None:
    a, b = Obs("a", "v0", 2024, False), Obs("b", "v0", 2024, True)
    result = check("a and b", a, b)
    assert result.met is False
    assert result.evidence == (a, b)


def test_growth_conditions_keep_working_inside_compound_ones() -> None:
    text = "growth(revenue, 2023) >= 20% and staff >= 10"
    ok = check(
        text,
        Obs("revenue", "v0", 2023, 50),
        Obs("revenue", "v0", 2024, 60),
        Obs("staff", "v0", 2024, 10),
    )
    assert ok.met is True
    assert len(ok.evidence) == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("mobile 3", "condition: expected a comparator after 'mobile' (at character 8)"),
        ("", "condition: empty"),
        ("a >= ", "expected a measure or a value after '>=', found the end"),
        ("(a = true", "expected ')' to close the '(' at character 1"),
        ("a = true b", "expected 'and', 'or' or the end after 'true'"),
        ("a and and b", "expected a measure or a value after 'and', found 'and'"),
        ("growth(x) = true", "growth(x) is a number, not a yes/no fact"),
        ("a > true", "a yes/no value takes '=', not '>'"),
        ("3 >= 2", "a comparison must read a measure"),
        ("a = true and a >= 3", "'a' is read both as a number and as a yes/no fact"),
        ("a / 0 >= 1 and 1/0 > a", "division by zero"),
        ("growth(x, soon) > 0", "(at character 11)"),
    ],
)
def test_errors_say_where_and_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="condition") as error:
        pt.Condition.parse(text)
    assert message in str(error.value)


def test_nesting_is_limited_with_a_clear_error() -> None:
    deep = "(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1)
    with pytest.raises(ValueError, match=f"nested more than {MAX_DEPTH} levels deep"):
        pt.Condition.parse(deep)
    with pytest.raises(ValueError, match="nested more than"):
        pt.Condition.parse("not " * 100_000 + "a")
    assert pt.Condition.parse("(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH) == pt.Condition("a")


def test_a_long_condition_parses_and_its_errors_stay_short() -> None:
    text = " and ".join(f"m{i} >= {i}" for i in range(10_000))
    assert len(pt.Condition.parse(text).measures()) == 10_000
    with pytest.raises(ValueError, match="expected a comparator") as error:
        pt.Condition.parse("x" * 100_000 + " 3")
    assert len(str(error.value)) < 200
