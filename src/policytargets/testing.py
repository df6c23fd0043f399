"""Hypothesis strategies for property-testing plans: your own, and the library's.

Needs the optional extra ``policytargets[testing]`` (Hypothesis)::

    pip install 'policytargets[testing]'

- :func:`plans` draws valid plans that use every feature of the plan format: the target
  types, scopes, per-unit _conditions, baselines, explicit schedule values, recurring
  _requirements, every period kind, unit lifetimes, successors and attributes, trend-method
  settings, and text with quotes, control characters and any Unicode.
- :func:`observation_logs` draws observations for a plan: every measure its _targets read,
  from the _units that report it, for the periods its _targets judge, with values of the
  right kind, reports left out and revisions.
- :func:`periods` draws periods (years, quarters, months, days).

The project's own property tests use them. The documentation's page "Testing your plans"
shows how to check your own plan file with them.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any, Literal

try:
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - the extra is installed wherever the tests run
    raise ImportError(
        "policytargets.testing needs the optional extra: pip install 'policytargets[testing]'"
    ) from None

import attrs

import policytargets as pt
from policytargets.observations import ObservationLog
from policytargets.periods import Period, PeriodKind
from policytargets.plan import Plan
from policytargets.quantities import Comparator, Value

__all__ = ["observation_logs", "periods", "plans"]

_years = st.integers(min_value=2000, max_value=2100)
_shares = st.fractions(min_value=0, max_value=1, max_denominator=200)


@st.composite
def periods(draw: st.DrawFn, kind: PeriodKind | None = None, year: int | None = None) -> Period:
    """Periods of the given kind (or of any kind) in ``year`` (or between 2000 and 2100).

    For example, ``@given(periods(PeriodKind.QUARTER, year=2025))`` gives a test the quarters
    of 2025.

    Args:
        kind: The kind of period; any kind when None.
        year: The year the period falls in; any year from 2000 to 2100 when None.

    .. versionadded:: 0.2.0
    """
    chosen = kind or draw(st.sampled_from(list(pt.PeriodKind)))
    year = draw(_years) if year is None else year
    match chosen:
        case pt.PeriodKind.YEAR:
            return pt.Period.year(year)
        case pt.PeriodKind.QUARTER:
            return pt.Period.quarter(year, draw(st.integers(1, 4)))
        case pt.PeriodKind.MONTH:
            return pt.Period.month(year, draw(st.integers(1, 12)))
        case pt.PeriodKind.DAY:
            return pt.Period.day(draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31))))


_ids = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
_texts = st.text(max_size=20)
_optional_texts = st.none() | _texts
_numbers = st.fractions(min_value=-5, max_value=5, max_denominator=1000)

_attribute_values = st.recursive(
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


_early_periods = st.integers(2000, 2020).flatmap(lambda year: periods(year=year))
"""A period of any kind from 2000 to 2020."""


@st.composite
def _requirements(draw: st.DrawFn, kind: str) -> pt.Requirement:
    """A requirement a target of ``kind`` accepts (a share from 0% to 100%, satisfiable)."""
    if kind == "boolean":
        return pt.Requirement(Comparator.EQ, draw(st.booleans()))
    comparator = draw(st.sampled_from(list(Comparator)))
    if kind == "count":
        return pt.Requirement(comparator, Fraction(draw(st.integers(0, 50))))
    value = draw(_shares if kind == "threshold-share" else _numbers)
    if kind == "threshold-share":
        if comparator is Comparator.GT and value == 1:
            comparator = Comparator.GE
        if comparator is Comparator.LT and value == 0:
            comparator = Comparator.LE
    return pt.Requirement(comparator, value, percent=draw(st.booleans()))


@st.composite
def _conditions(draw: st.DrawFn, measure: str) -> pt.Condition | None:
    """A per-unit condition on ``measure``, or None for "the measure is true"."""
    form = draw(st.sampled_from(["none", "value", "growth", "growth-base"]))
    if form == "none":
        return None
    require = draw(_requirements("ratio"))
    if form == "value":
        return pt.Condition(measure, require)
    base = draw(st.integers(2000, 2020)) if form == "growth-base" else None
    return pt.Condition(measure, require, growth=True, base=base)


@st.composite
def _progress_settings(draw: st.DrawFn) -> pt.ProgressSpec:
    """Valid trend-method settings."""
    method: Literal["statcan", "eurostat"] = draw(st.sampled_from(["statcan", "eurostat"]))
    return pt.ProgressSpec(
        method=method,
        direction=draw(st.sampled_from(["positive", "negative"])),
        base_year=draw(st.none() | st.integers(2000, 2020)),
        limit=draw(st.none() | _numbers) if method == "statcan" else None,
    )


@st.composite
def _targets(draw: st.DrawFn, index: int, populations: list[pt.Population]) -> pt.Target:
    """A valid target (its measures are its own, so that kinds never clash)."""
    kinds = ["ratio", "boolean", "growth", "level"]
    kinds += ["threshold-share", "count"] if populations else []
    kind = draw(st.sampled_from(kinds))
    measure = f"m{index}-{draw(_ids)}"
    scope: dict[str, str] = {}
    choice = draw(st.sampled_from(["none", "population", "unit"]))
    if choice == "population" and populations:
        scope["population"] = draw(st.sampled_from(populations)).id
    elif choice == "unit" and any(p.units for p in populations):
        scope["unit"] = draw(st.sampled_from([u.id for p in populations for u in p.units]))
    rule: Any
    if kind == "threshold-share":
        condition = draw(_conditions(measure))
        rule = pt.ThresholdShare(
            population=draw(st.sampled_from(populations)).id,
            measure=draw(st.sampled_from([measure, None])) if condition is not None else measure,
            condition=condition,
            carry_forward=draw(st.booleans()),
        )
    elif kind == "count":
        condition = draw(_conditions(measure))
        rule = pt.Count(
            population=draw(st.sampled_from(populations)).id,
            measure=measure if condition is None else None,
            condition=condition,
        )
    elif kind == "level":
        aggregate = draw(st.sampled_from(list(pt.Aggregate)))
        if "population" not in scope:
            aggregate = pt.Aggregate.SUM
        rule = pt.Level(
            measure=measure,
            aggregate=aggregate,
            unit=scope.get("unit"),
            population=scope.get("population"),
        )
    elif kind == "ratio":
        rule = pt.Ratio(numerator=measure, denominator=f"{measure}-total", **scope)
    elif kind == "boolean":
        rule = pt.BooleanCompliance(measure=measure, **scope)
    else:
        base = draw(st.none() | _early_periods)
        rule = pt.Growth(
            measure=measure,
            base=base,
            unit=scope.get("unit"),
            population=scope.get("population"),
        )

    # Distinct years keep deadlines strictly increasing and periods apart; recurring
    # requirements take the 2090s, baselines the years before any plan takes effect.
    drawn = draw(st.lists(st.integers(2021, 2089), unique=True, max_size=6).map(sorted))
    in_milestones = draw(st.lists(st.booleans(), min_size=len(drawn), max_size=len(drawn)))
    milestone_years = [y for y, chosen in zip(drawn, in_milestones, strict=True) if chosen]
    schedule_years = [y for y, chosen in zip(drawn, in_milestones, strict=True) if not chosen]
    milestones = [
        pt.Milestone(
            draw(periods(year=year)),
            draw(_requirements(kind)),
            strive=draw(st.booleans()),
            note=draw(_optional_texts),
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
            draw(_requirements(kind)),
            strive=draw(st.booleans()),
        )
    value_strategy: st.SearchStrategy[Any] = (
        st.booleans() if kind == "boolean" else _shares if kind == "threshold-share" else _numbers
    )
    schedule = {draw(periods(year=year)): draw(value_strategy) for year in schedule_years}
    baseline = None
    if draw(st.booleans()):
        baseline = pt.Baseline(
            draw(_early_periods),
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
        st.sampled_from(
            list(pt.Interpolation)
            if geometric_ok
            else [pt.Interpolation.LINEAR, pt.Interpolation.STEP]
        )
    )
    return pt.Target(
        id=f"t{index}-{draw(_ids)}",
        title=draw(_texts),
        rule=rule,
        milestones=milestones,
        every=every,
        title_en=draw(_optional_texts),
        source=draw(_optional_texts),
        note=draw(_optional_texts),
        note_en=draw(_optional_texts),
        baseline=baseline,
        interpolation=interpolation,
        schedule_values=schedule,
        progress=draw(st.none() | _progress_settings()),
        implements=draw(st.none() | st.builds(pt.TargetLink, _ids, _ids)),
    )


@st.composite
def _units(draw: st.DrawFn, unit_ids: list[str]) -> list[pt.Unit]:
    """Units with these ids, lifetimes that make sense, successors among the units after them
    and parents among those before them (so that neither forms a cycle)."""
    made = []
    for index, unit_id in enumerate(unit_ids):
        start = draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))
        end = draw(st.none() | st.dates(start or dt.date(2000, 1, 1), dt.date(2040, 12, 31)))
        made.append(
            pt.Unit(
                id=unit_id,
                name=draw(_texts),
                active_from=start,
                active_until=end,
                successor=draw(st.none() | st.sampled_from([None, *unit_ids[index + 1 :]])),
                parent=draw(st.none() | st.sampled_from([None, *unit_ids[:index]])),
                attributes=draw(
                    st.dictionaries(st.text(max_size=6), _attribute_values, max_size=3)
                ),
                name_en=draw(_optional_texts),
                note=draw(_optional_texts),
            )
        )
    return made


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """Valid plans, using every feature of the plan format.

    Plans take effect between 2000 and 2020; milestones fall between 2021 and 2089 and
    recurring requirements in the 2090s. Each target reads measures of its own, so that no
    two targets disagree on a measure's kind.

    .. versionadded:: 0.2.0
    """
    effective = draw(st.dates(dt.date(2000, 1, 1), dt.date(2020, 12, 31)))
    unit_ids = draw(st.lists(_ids, unique=True, max_size=6))
    made_units = draw(_units(unit_ids))
    # Some units are declared by the plan ([[units]]): populations name them by id, any
    # number of populations may share one, and some (a province) may be in none.
    population_ids = draw(st.lists(_ids, unique=True, max_size=3))
    # (without populations, every unit is declared: a successor or parent must be known)
    roster = [unit for unit in made_units if not population_ids or draw(st.booleans())]
    populations = []
    for number, population_id in enumerate(population_ids):
        members = made_units[number :: len(population_ids)]  # each unit in one population
        shared = draw(st.lists(st.sampled_from(roster), unique=True)) if roster else []
        members = [*members, *(unit for unit in shared if unit not in members)]
        populations.append(
            pt.Population(
                population_id, draw(_texts), members, draw(_optional_texts), draw(_optional_texts)
            )
        )
    drawn = [draw(_targets(index, populations)) for index in range(draw(st.integers(0, 4)))]
    month = draw(st.integers(1, 12))
    return pt.Plan(
        id=draw(_ids),
        number=draw(_texts),
        title=draw(_texts),
        issuer=draw(_texts),
        issued=draw(st.dates(dt.date(1990, 1, 1), effective)),
        effective=effective,
        implements=draw(st.lists(_texts, max_size=3)),
        populations=populations,
        targets=drawn,
        title_en=draw(_optional_texts),
        note=draw(_optional_texts),
        note_en=draw(_optional_texts),
        reporting=pt.ReportingCalendar((month, draw(st.integers(1, 28)))),
        roster=roster,
    )


def _values(plan: pt.Plan, measure: str) -> st.SearchStrategy[Value]:
    """Values a measure may hold: yes/no, or exact amounts within its described range."""
    described = plan.measure(measure)
    kind = described.kind if described is not None and described.kind else None
    if (kind or plan.measures().get(measure)) == "boolean":
        return st.booleans()
    low = described.min if described is not None else None
    high = described.max if described is not None else None
    if kind == "share":
        low, high = max(low or Fraction(0), Fraction(0)), min(high or Fraction(1), Fraction(1))
    low = Fraction(0) if low is None else low
    high = low + 1000 if high is None else high
    return st.fractions(min_value=low, max_value=high, max_denominator=100)


def _read_periods(plan: pt.Plan) -> list[pt.Period]:
    """The periods the plan's targets judge, and the ones they compare them with."""
    found: dict[pt.Period, None] = {}
    for target in plan.targets:
        for milestone in target.all_milestones:
            found[milestone.by] = None
            found[milestone.by.previous()] = None
        if target.baseline is not None:
            found[target.baseline.period] = None
        for period in target.schedule_values:
            found[period] = None
        base = getattr(target.rule, "base", None)
        if isinstance(base, pt.Period):
            found[base] = None
    return sorted(found)


@st.composite
def observation_logs(draw: st.DrawFn, plan: Plan, *, revisions: bool = True) -> ObservationLog:
    """Observation logs for ``plan``: what its targets read, with some reports missing.

    For every period a target judges (its milestones, the periods before them, its baseline,
    schedule and base periods), every measure the plan reads, from every unit that reports it
    then (:meth:`policytargets.Plan.expected_reports`): a value of the measure's kind (yes/no,
    or an exact amount from 0 to 1000), or no report at all. Each observation is recorded on a
    day after its period; with ``revisions``, some are revised later with another value.

    Args:
        plan: The plan the data is for.
        revisions: Whether to draw revisions.

    .. versionadded:: 0.2.0
    """
    observations: list[pt.Observation] = []
    for period in _read_periods(plan):
        for report in plan.expected_reports(period.end):
            if not draw(st.booleans()):
                continue  # not reported
            values = _values(plan, report.measure)
            recorded = period.end + dt.timedelta(days=draw(st.integers(0, 60)))
            versions = 1 + (draw(st.integers(0, 1)) if revisions else 0)
            for version in range(versions):
                observations.append(
                    pt.Observation(
                        report.measure,
                        report.unit,
                        period,
                        draw(values),
                        source=f"synthetic data, version {version + 1}",
                        recorded=recorded + dt.timedelta(days=30 * version),
                    )
                )
    return pt.ObservationLog(_within_limits(plan, observations), notes=(_NOTE,))


_NOTE = "Synthetic data drawn by Hypothesis."


def _within_limits(plan: pt.Plan, observations: list[pt.Observation]) -> list[pt.Observation]:
    """The observations, each value of a measure ``at_most`` another lowered to the other's
    smallest value for the same unit and period."""
    smallest: dict[tuple[str, str | None, pt.Period], Fraction] = {}
    for observation in observations:
        if not isinstance(observation.value, bool):
            key = (observation.measure, observation.unit, observation.period)
            smallest[key] = min(smallest.get(key, observation.value), observation.value)
    kept = []
    for observation in observations:
        described = plan.measure(observation.measure)
        limit = None
        if described is not None and described.at_most is not None:
            limit = smallest.get((described.at_most, observation.unit, observation.period))
        value = observation.value
        if limit is not None and not isinstance(value, bool) and value > limit:
            kept.append(attrs.evolve(observation, value=limit))
        else:
            kept.append(observation)
    return kept
