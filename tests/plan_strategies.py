"""Hypothesis strategies for whole plans, for the plan-file round trip and fuzz tests.

``plans()`` draws valid plans using every feature of the file format: the four target types,
scopes, conditions, baselines, explicit schedule values, recurring requirements, every period
kind, unit lifetimes and attributes, trend-method settings, and text with quotes, backslashes,
control characters and any Unicode. ``plan_like_data()`` draws the structure of a plan file
with wrong keys, types and values mixed in.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st
from tests.strategies import periods, shares

import policytargets as pt
from policytargets.io import SCHEMA_ID
from policytargets.quantities import Comparator
from policytargets.targets.conditions import (
    AllOf,
    AnyOf,
    Comparison,
    Constant,
    Expression,
    GrowthOf,
    MeasureValue,
    Negation,
    RatioOf,
)

ids = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
texts = st.text(max_size=20)
optional_texts = st.none() | texts
numbers = st.fractions(min_value=-5, max_value=5, max_denominator=1000)
positive_numbers = st.fractions(min_value=Fraction(1, 1000), max_value=5, max_denominator=1000)

attribute_values = st.recursive(
    st.one_of(
        st.text(max_size=8),
        st.integers(-(10**9), 10**9),
        st.booleans(),
        st.dates(),
        st.decimals(allow_nan=False, allow_infinity=False, places=3),
    ),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)


early_periods = st.integers(2000, 2020).flatmap(lambda year: periods(year=year))
"""A period of any kind from 2000 to 2020."""


@st.composite
def requirements(draw: st.DrawFn, kind: str) -> pt.Requirement:
    """A requirement a target of ``kind`` accepts (a share from 0% to 100%, satisfiable)."""
    if kind == "boolean":
        return pt.Requirement(Comparator.EQ, draw(st.booleans()))
    comparator = draw(st.sampled_from(list(Comparator)))
    if kind == "count":
        return pt.Requirement(comparator, Fraction(draw(st.integers(0, 50))))
    value = draw(shares if kind == "threshold-share" else numbers)
    if kind == "threshold-share":
        if comparator is Comparator.GT and value == 1:
            comparator = Comparator.GE
        if comparator is Comparator.LT and value == 0:
            comparator = Comparator.LE
    return pt.Requirement(comparator, value, percent=draw(st.booleans()))


@st.composite
def conditions(draw: st.DrawFn, measure: str) -> pt.Condition | None:
    """A per-unit condition on ``measure``, or None for "the measure is true"."""
    form = draw(st.sampled_from(["none", "value", "growth", "growth-base"]))
    if form == "none":
        return None
    require = draw(requirements("ratio"))
    if form == "value":
        return pt.Condition(measure, require)
    base = draw(st.integers(2000, 2020)) if form == "growth-base" else None
    return pt.Condition(measure, require, growth=True, base=base)


CONDITION_MEASURES = ("mobile", "fixed", "speed", "staff", "trained")
"""Measures of compound conditions: the first two yes/no, the others numbers."""


@st.composite
def condition_comparisons(draw: st.DrawFn) -> Comparison:
    """One comparison of a compound condition: a yes/no fact, a value, a ratio or two
    measures."""
    form = draw(st.sampled_from(["fact", "value", "growth", "ratio", "two"]))
    numeric = st.sampled_from(CONDITION_MEASURES[2:])
    comparator = draw(st.sampled_from(list(Comparator)))
    if form == "fact":
        measure = draw(st.sampled_from(CONDITION_MEASURES[:2]))
        return Comparison(MeasureValue(measure), Comparator.EQ, Constant(draw(st.booleans())))
    value = draw(numbers)
    constant = Constant(value, percent=draw(st.booleans()))
    if form == "value":
        return Comparison(MeasureValue(draw(numeric)), comparator, constant)
    if form == "growth":
        base = draw(st.none() | st.integers(2000, 2020).map(pt.Period.year))
        return Comparison(GrowthOf(draw(numeric), base), comparator, constant)
    if form == "ratio":
        ratio = RatioOf(MeasureValue(draw(numeric)), MeasureValue(draw(numeric)))
        return Comparison(ratio, comparator, constant)
    return Comparison(MeasureValue(draw(numeric)), comparator, MeasureValue(draw(numeric)))


def _combine(children: st.SearchStrategy[Expression]) -> st.SearchStrategy[Expression]:
    lists = st.lists(children, min_size=2, max_size=3)
    return st.one_of(
        children.map(Negation),
        lists.map(lambda parts: AllOf(tuple(parts))),
        lists.map(lambda parts: AnyOf(tuple(parts))),
    )


condition_expressions: st.SearchStrategy[Expression] = st.recursive(
    condition_comparisons(), _combine, max_leaves=8
)
"""Compound conditions as parsed trees (nested ``and``/``or`` may be flattened by parsing)."""


@st.composite
def progress_settings(draw: st.DrawFn) -> pt.ProgressSpec:
    """Valid trend-method settings."""
    method = draw(st.sampled_from(["statcan", "eurostat"]))
    return pt.ProgressSpec(
        method=method,
        direction=draw(st.sampled_from(["positive", "negative"])),
        base_year=draw(st.none() | st.integers(2000, 2020)),
        limit=draw(st.none() | numbers) if method == "statcan" else None,
    )


@st.composite
def targets(draw: st.DrawFn, index: int, populations: list[pt.Population]) -> pt.Target:
    """A valid target (its measures are its own, so that kinds never clash)."""
    kinds = ["ratio", "boolean", "growth", "level"]
    kinds += ["threshold-share", "count"] if populations else []
    kind = draw(st.sampled_from(kinds))
    measure = f"m{index}-{draw(ids)}"
    scope: dict[str, str] = {}
    choice = draw(st.sampled_from(["none", "population", "unit"]))
    if choice == "population" and populations:
        scope["population"] = draw(st.sampled_from(populations)).id
    elif choice == "unit" and any(p.units for p in populations):
        scope["unit"] = draw(st.sampled_from([u.id for p in populations for u in p.units]))
    rule: Any
    if kind == "threshold-share":
        condition = draw(conditions(measure))
        rule = pt.ThresholdShare(
            population=draw(st.sampled_from(populations)).id,
            measure=draw(st.sampled_from([measure, None])) if condition is not None else measure,
            condition=condition,
            carry_forward=draw(st.booleans()),
        )
    elif kind == "count":
        condition = draw(conditions(measure))
        rule = pt.Count(
            population=draw(st.sampled_from(populations)).id,
            measure=measure if condition is None else None,
            condition=condition,
        )
    elif kind == "level":
        aggregate = draw(st.sampled_from(list(pt.Aggregate)))
        if "population" not in scope:
            aggregate = pt.Aggregate.SUM
        rule = pt.Level(measure=measure, aggregate=aggregate, **scope)
    elif kind == "ratio":
        rule = pt.Ratio(numerator=measure, denominator=f"{measure}-total", **scope)
    elif kind == "boolean":
        rule = pt.BooleanCompliance(measure=measure, **scope)
    else:
        base = draw(st.none() | early_periods)
        rule = pt.Growth(measure=measure, base=base, **scope)

    # Distinct years keep deadlines strictly increasing and periods apart; recurring
    # requirements take the 2090s, baselines the years before any plan takes effect.
    years = draw(st.lists(st.integers(2021, 2089), unique=True, max_size=6).map(sorted))
    in_milestones = draw(st.lists(st.booleans(), min_size=len(years), max_size=len(years)))
    milestone_years = [y for y, chosen in zip(years, in_milestones, strict=True) if chosen]
    schedule_years = [y for y, chosen in zip(years, in_milestones, strict=True) if not chosen]
    milestones = [
        pt.Milestone(
            draw(periods(year=year)),
            draw(requirements(kind)),
            strive=draw(st.booleans()),
            note=draw(optional_texts),
        )
        for year in milestone_years
    ]
    every = None
    if not milestones or draw(st.booleans()):
        start = draw(st.integers(2090, 2095))
        quarters = draw(st.booleans())
        every = pt.Recurring(
            pt.Period.quarter(start, 1) if quarters else pt.Period.year(start),
            pt.Period.quarter(start, draw(st.integers(1, 4)))
            if quarters
            else pt.Period.year(draw(st.integers(start, 2099))),
            draw(requirements(kind)),
            strive=draw(st.booleans()),
        )
    value_strategy: st.SearchStrategy[Any] = (
        st.booleans() if kind == "boolean" else shares if kind == "threshold-share" else numbers
    )
    schedule = {draw(periods(year=year)): draw(value_strategy) for year in schedule_years}
    baseline = None
    if draw(st.booleans()):
        baseline = pt.Baseline(
            draw(early_periods),
            draw(value_strategy),
        )
    checkpoints = [
        *(m.require.value for m in milestones),
        *([every.require.value] if every is not None else []),
        *schedule.values(),
        *([baseline.value] if baseline is not None else []),
    ]
    geometric_ok = kind != "boolean" and all(v > 0 for v in checkpoints)
    interpolation = draw(
        st.sampled_from(list(pt.Interpolation) if geometric_ok else ["linear", "step"])
    )
    return pt.Target(
        id=f"t{index}-{draw(ids)}",
        title=draw(texts),
        rule=rule,
        milestones=milestones,
        every=every,
        title_en=draw(optional_texts),
        source=draw(optional_texts),
        note=draw(optional_texts),
        note_en=draw(optional_texts),
        baseline=baseline,
        interpolation=interpolation,
        schedule_values=schedule,
        progress=draw(st.none() | progress_settings()),
        implements=draw(st.none() | st.builds(pt.TargetLink, ids, ids)),
    )


@st.composite
def units(draw: st.DrawFn, unit_ids: list[str]) -> list[pt.Unit]:
    """Units with these ids, lifetimes that make sense, successors among the units after them
    and parents among those before them (so that neither forms a cycle)."""
    made = []
    for index, unit_id in enumerate(unit_ids):
        start = draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))
        end = draw(st.none() | st.dates(start or dt.date(2000, 1, 1), dt.date(2040, 12, 31)))
        made.append(
            pt.Unit(
                id=unit_id,
                name=draw(texts),
                active_from=start,
                active_until=end,
                successor=draw(st.none() | st.sampled_from([None, *unit_ids[index + 1 :]])),
                parent=draw(st.none() | st.sampled_from([None, *unit_ids[:index]])),
                attributes=draw(st.dictionaries(st.text(max_size=6), attribute_values, max_size=3)),
                name_en=draw(optional_texts),
                note=draw(optional_texts),
            )
        )
    return made


@st.composite
def plans(draw: st.DrawFn) -> pt.Plan:
    """A valid plan."""
    effective = draw(st.dates(dt.date(2000, 1, 1), dt.date(2020, 12, 31)))
    unit_ids = draw(st.lists(ids, unique=True, max_size=6))
    made_units = draw(units(unit_ids))
    # Some units are declared by the plan ([[units]]): populations name them by id, any
    # number of populations may share one, and some (a province) may be in none.
    population_ids = draw(st.lists(ids, unique=True, max_size=3))
    # (without populations, every unit is declared: a successor or parent must be known)
    roster = [unit for unit in made_units if not population_ids or draw(st.booleans())]
    populations = []
    for number, population_id in enumerate(population_ids):
        members = made_units[number :: len(population_ids)]  # each unit in one population
        shared = draw(st.lists(st.sampled_from(roster), unique=True)) if roster else []
        members = [*members, *(unit for unit in shared if unit not in members)]
        populations.append(
            pt.Population(
                population_id, draw(texts), members, draw(optional_texts), draw(optional_texts)
            )
        )
    drawn = [draw(targets(index, populations)) for index in range(draw(st.integers(0, 4)))]
    month = draw(st.integers(1, 12))
    return pt.Plan(
        id=draw(ids),
        number=draw(texts),
        title=draw(texts),
        issuer=draw(texts),
        issued=draw(st.dates(dt.date(1990, 1, 1), effective)),
        effective=effective,
        implements=draw(st.lists(texts, max_size=3)),
        populations=populations,
        targets=drawn,
        title_en=draw(optional_texts),
        note=draw(optional_texts),
        note_en=draw(optional_texts),
        reporting=pt.ReportingCalendar((month, draw(st.integers(1, 28)))),
        roster=roster,
    )


# --- plan-like data with mistakes, for fuzzing ----------------------------------------------

_KEYS = [
    "schema", "plan", "reporting", "populations", "targets", "id", "number", "title",
    "title_en", "issuer", "issued", "effective", "implements", "note", "note_en", "due", "name",
    "name_en", "units", "from", "until", "successor", "attributes", "type", "source",
    "population", "unit", "measure", "condition", "numerator", "denominator", "base",
    "carry_forward", "baseline", "period", "value", "interpolation", "schedule", "milestones",
    "by", "require", "strive", "every", "to", "progress", "method", "direction", "base_year",
    "limit", "target", "target_year", "requier", "2024", "2024-Q3", "", "parent", "within",
    "where",
]  # fmt: skip
_PLAUSIBLE = [
    SCHEMA_ID, 2025, 2024, "2024-Q3", "2024-13", "2025-06-30", ">= 70%", "> 120%", "= true",
    "> 0%", "70%", "1/3", "0/0", "abc", "threshold-share", "ratio", "boolean", "growth", "a",
    "b", "p", "m", "security-level >= 3", "growth(m, 2022) >= 20%", "linear", "geometric",
    "statcan", "eurostat", "positive", "12-15", "13-45", "30/10/2023", True, False, 0, -1,
    10**30, dt.date(2025, 1, 1), dt.date(1999, 1, 1), Decimal("0.5"), Decimal("NaN"),
    Decimal("-Infinity"),
]  # fmt: skip
_LEAVES = st.one_of(
    st.sampled_from(_PLAUSIBLE),
    st.text(max_size=8),
    st.integers(),
    st.booleans(),
    st.dates(),
    st.decimals(allow_nan=True, allow_infinity=True),
)


def plan_like_data() -> st.SearchStrategy[dict[str, Any]]:
    """The structure of a plan file with wrong keys, types and values mixed in."""
    values = st.recursive(
        _LEAVES,
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(st.sampled_from(_KEYS) | st.text(max_size=4), children, max_size=5)
        ),
        max_leaves=12,
    )
    milestone = st.dictionaries(st.sampled_from(_KEYS), _LEAVES, max_size=4)
    target = st.dictionaries(
        st.sampled_from(_KEYS), _LEAVES | st.lists(milestone, max_size=3) | values, max_size=10
    )
    unit = st.dictionaries(st.sampled_from(_KEYS), _LEAVES | values, max_size=6)
    population = st.fixed_dictionaries(
        {"id": _LEAVES, "name": _LEAVES}, optional={"units": st.lists(unit, max_size=3) | values}
    )
    return st.fixed_dictionaries(
        {},
        optional={
            "schema": st.just(SCHEMA_ID) | _LEAVES,
            "plan": st.fixed_dictionaries(
                {"id": _LEAVES, "title": _LEAVES, "effective": _LEAVES},
                optional={"issued": _LEAVES, "implements": values, "requier": _LEAVES},
            )
            | values,
            "reporting": values,
            "populations": st.lists(population, max_size=2) | values,
            "targets": st.lists(target, max_size=3) | values,
            "extra": values,
        },
    )
