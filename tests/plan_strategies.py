"""Hypothesis strategies for whole plans, for the plan-file round trip and fuzz tests.

``plans()`` is the public :func:`policytargets.testing.plans`: valid plans using every feature
of the file format. ``condition_expressions`` draws compound per-unit conditions, and
``plan_like_data()`` the structure of a plan file with wrong keys, types and values mixed in.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

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
from policytargets.testing import _requirements as requirements  # a target kind's requirements
from policytargets.testing import plans

numbers = st.fractions(min_value=-5, max_value=5, max_denominator=1000)

__all__ = ["condition_expressions", "plan_like_data", "plans", "requirements"]


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
