"""Compound per-unit conditions: the parser, its errors and how units are judged."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.plan_strategies import condition_expressions
from tests.reference_conditions import reference_check

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
    UnitCheck,
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


# --- many units at once, against the unit-by-unit oracle ---------------------------------------

_KINDS = {"mobile": "boolean", "fixed": "boolean", "speed": "n", "staff": "n", "trained": "n"}
_LATER = [dt.date(2022, 12, 1), dt.date(2023, 12, 1), dt.date(2024, 12, 1), dt.date(2025, 3, 1)]
_DAYS = st.sampled_from([None, *_LATER[:-1]])


@st.composite
def unit_data(draw: st.DrawFn) -> tuple[list[pt.Unit], list[pt.Observation]]:
    """Up to 24 units (some ending or starting) and their observations of the condition
    measures, with revisions and now and then a yes/no value where a number belongs."""
    units = [
        pt.Unit(
            f"u{i}",
            f"U{i}",
            active_from=draw(st.none() | st.just(dt.date(2024, 7, 1))),
            active_until=draw(st.none() | st.just(dt.date(2023, 6, 30))),
        )
        for i in range(draw(st.integers(1, 24)))
    ]
    units = [u for u in units if u.active_from is None or u.active_until is None]
    rows: dict[tuple[str, str, pt.Period], list[pt.Observation]] = {}
    for _ in range(draw(st.integers(0, 80))):
        measure = draw(st.sampled_from(sorted(_KINDS)))
        unit = draw(st.sampled_from([u.id for u in units] or ["u0"]))
        year = draw(st.integers(2018, 2025))
        period = (
            pt.Period.quarter(year, 4) if draw(st.integers(0, 9)) == 0 else pt.Period.year(year)
        )
        wrong = draw(st.integers(0, 30)) == 0
        value: Fraction | bool
        if (_KINDS[measure] == "boolean") != wrong:
            value = draw(st.booleans())
        else:
            value = draw(st.fractions(min_value=-2, max_value=20, max_denominator=3))
        if (measure, unit, period) in rows:
            continue  # revisions below; conflicts are the log's tests
        day = draw(_DAYS)
        versions = rows[measure, unit, period] = [
            pt.Observation(measure, unit, period, value, "s", day)
        ]
        later = [d for d in _LATER if day is not None and d > day]
        if later and draw(st.booleans()):
            revised = draw(st.booleans()) if isinstance(value, bool) else value + 1
            versions.append(
                pt.Observation(measure, unit, period, revised, "r", draw(st.sampled_from(later)))
            )
    return units, [o for versions in rows.values() for o in versions]


_WHEN = st.tuples(
    st.sampled_from([pt.Period.year(y) for y in (2019, 2023, 2024, 2025)]),
    st.dates(dt.date(2022, 1, 1), dt.date(2026, 6, 30)),
    st.none() | st.dates(dt.date(2022, 1, 1), dt.date(2025, 6, 30)),
)
"""The period judged, the as-of date and the knowledge date."""


@given(condition_expressions, unit_data(), _WHEN, st.booleans())
def test_judging_many_units_at_once_agrees_with_judging_each_alone(
    expression: Expression,
    data: tuple[list[pt.Unit], list[pt.Observation]],
    when: tuple[pt.Period, dt.date, dt.date | None],
    carry_forward: bool,
) -> None:
    period, as_of, known_at = when
    try:
        condition = pt.Condition(expression=expression)
    except ValueError:
        return  # a measure read both as a number and as a yes/no fact
    units, observations = data
    population = pt.Population("p", "P", units)
    log = pt.ObservationLog(observations)

    def fresh() -> pt.Context:  # nothing read yet: many units go through whole columns
        return pt.Context(log, {"p": population}, as_of, known_at)

    ids = [u.id for u in units]

    def unit_by_unit() -> list[UnitCheck] | pt.DataError:
        try:
            return [reference_check(expression, u, period, fresh(), carry_forward) for u in ids]
        except pt.DataError as error:
            return error

    expected = unit_by_unit()
    if isinstance(expected, pt.DataError):  # the same value is named
        with pytest.raises(pt.DataError) as raised:
            condition.check_units(ids, period, fresh(), carry_forward=carry_forward)
        assert raised.value.problems == expected.problems
        return
    checks = condition.check_units(ids, period, fresh(), carry_forward=carry_forward)
    assert checks.met == [e.met for e in expected]
    assert checks.carried_forward == [e.carried_forward for e in expected]
    cited = tuple(map(log.observation, checks.evidence_rows()))
    assert cited == tuple(o for e in expected for o in e.evidence)
    context = fresh()
    assert [condition.check(u, period, context, carry_forward=carry_forward) for u in ids] == (
        expected
    )
    # The share reads its units at once: the same figures and evidence as unit by unit.
    share = pt.ThresholdShare("p", condition=condition, carry_forward=carry_forward)
    members = [u.id for u in population.members(min(period.end, as_of))]
    alone = [expected[ids.index(u)] for u in members]
    result = share.read(period, fresh())
    assert share.read_value(period, fresh()) == (
        result.value if isinstance(result, pt.Reading) else None
    )
    if not members or all(e.met is None for e in alone):
        assert isinstance(result, pt.NoData)
        assert result.unreported_units == tuple(members)
        return
    assert isinstance(result, pt.Reading)
    assert result.met_units == sum(e.met is True for e in alone)
    assert result.value == Fraction(result.met_units, len(members))
    assert result.evidence == tuple(o for e in alone for o in e.evidence)
    assert result.unreported_units == tuple(
        u for u, e in zip(members, alone, strict=True) if e.met is None
    )
    assert result.carried_forward == tuple(
        u for u, e in zip(members, alone, strict=True) if e.carried_forward and e.met is not None
    )
