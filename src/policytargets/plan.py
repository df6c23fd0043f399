"""A plan: one policy document, its populations and its targets, checked as a whole."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping
from fractions import Fraction

import attrs

from policytargets.breakdown import BY_PARENT, has_key
from policytargets.errors import PlanError, Problem, quoted
from policytargets.measures import Measure, measure_map
from policytargets.periods import PeriodKind
from policytargets.quantities import Comparator
from policytargets.targets import Count, Growth, Level, ThresholdShare
from policytargets.targets.base import ValueKind
from policytargets.targets.target import Target
from policytargets.timeline import Interpolation, Milestone, ReportingCalendar, Schedule
from policytargets.units import Population, Unit, parent_on

__all__ = ["ExpectedReport", "Plan", "ReportRun", "measure_problems", "plan_problems"]


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen
class ExpectedReport:
    """A measure the plan's targets read from one unit (or plan-wide).

    Attributes:
        measure: The measure's id.
        unit: The unit's id, or None for a plan-wide measure.
        targets: The ids of the targets that read it, in plan order.
        state: Whether it is a yes/no fact read as a state (by a boolean target), which holds
            until a later report changes it.

    .. versionadded:: 0.1.0
    """

    measure: str
    unit: str | None
    targets: tuple[str, ...]
    state: bool = False


@attrs.frozen
class ReportRun:
    """Expected reports of one measure from consecutive units that share its targets.

    What :meth:`~policytargets.Plan.report_runs` returns: one :class:`ExpectedReport` per
    unit, without building them.

    Attributes:
        position: The place of the first unit's report among
            :meth:`~policytargets.Plan.expected_reports`.
        measure: The measure's id.
        units: The units' ids (None for the plan-wide figure), in the plan's order.
        targets: The ids of the targets that read it, in plan order.
        state: Whether it is a yes/no fact read as a state (see :class:`ExpectedReport`).

    .. versionadded:: 0.2.0
    """

    position: int
    measure: str
    units: tuple[str | None, ...]
    targets: tuple[str, ...]
    state: bool


def _run_position(run: ReportRun) -> int:
    return run.position


def _descriptions(values: Iterable[Measure]) -> tuple[Measure, ...]:
    return tuple(values)


def _populations(values: Iterable[Population]) -> tuple[Population, ...]:
    return tuple(values)


def _targets(values: Iterable[Target]) -> tuple[Target, ...]:
    return tuple(values)


def _units(values: Iterable[Unit]) -> tuple[Unit, ...]:
    return tuple(values)


@attrs.frozen
class Plan:
    """One policy document with its populations and targets.

    Building a plan checks it as a whole (ids, references, milestone order, impossible
    values) and raises a :class:`~policytargets.PlanError` listing every problem, each with
    its key path (``targets[2].milestones[0].require``).

    Attributes:
        id: A stable identifier (``vinhlong-77-2023``).
        number: The document's number (``77/KH-UBND``).
        title: The title as written.
        issuer: Who issued it.
        issued: The day it was issued.
        effective: The day it took effect; nothing is judged before it.
        implements: The numbers of the documents it implements (``348/QĐ-TTg``).
        populations: The sets of units its targets count.
        targets: Its targets, in the plan's order.
        title_en: An English title.
        note: Anything a reader should know (for example that the text is incomplete).
        reporting: When reports are due (default: 15 December every year).
        measure_descriptions: The measures it describes (``[[measures]]`` in a plan file):
            names, units of measure, kinds, plausible ranges and reporting rules.
        note_en: The note in English, for reports in English.
        roster: The units the plan declares once (``[[units]]`` and ``units_file`` in a plan
            file): its populations pick from them, and their parents (provinces) need belong
            to no population.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``note_en``, ``roster``, :meth:`parent_of`.
    """

    id: str
    number: str
    title: str
    issuer: str
    issued: dt.date
    effective: dt.date
    implements: tuple[str, ...] = attrs.field(factory=tuple, converter=_strings)
    populations: tuple[Population, ...] = attrs.field(factory=tuple, converter=_populations)
    targets: tuple[Target, ...] = attrs.field(factory=tuple, converter=_targets)
    title_en: str | None = None
    note: str | None = None
    reporting: ReportingCalendar = attrs.field(factory=ReportingCalendar)
    measure_descriptions: tuple[Measure, ...] = attrs.field(
        factory=tuple, converter=_descriptions, kw_only=True
    )
    note_en: str | None = attrs.field(default=None, kw_only=True)
    roster: tuple[Unit, ...] = attrs.field(factory=tuple, converter=_units, kw_only=True)

    def __attrs_post_init__(self) -> None:
        problems = plan_problems(
            self.populations, self.targets, effective=self.effective, roster=self.roster
        )
        problems += measure_problems(self.measure_descriptions, self.targets)
        if self.effective < self.issued:
            problems.insert(
                0, Problem("the plan cannot take effect before it is issued", "plan.effective")
            )
        if problems:
            raise PlanError(problems)

    def population(self, population_id: str) -> Population:
        """The population with this id.

        Raises:
            KeyError: No such population.
        """
        return self.population_map[population_id]

    def target(self, target_id: str) -> Target:
        """The target with this id.

        Raises:
            KeyError: No such target.
        """
        for target in self.targets:
            if target.id == target_id:
                return target
        raise KeyError(target_id)

    @property
    def population_map(self) -> Mapping[str, Population]:
        """The populations by id."""
        return {population.id: population for population in self.populations}

    @property
    def units(self) -> Mapping[str, Unit]:
        """Every unit of the roster and of every population, by id."""
        units = {unit.id: unit for unit in self.roster}
        units.update((u.id, u) for population in self.populations for u in population.units)
        return units

    def parent_of(self, unit_id: str, day: dt.date) -> str | None:
        """The id of the unit that ``unit_id`` belongs to on ``day``, following mergers.

        A parent that ends with a ``successor`` hands its children to the successor from the
        next day (:func:`~policytargets.units.parent_on`); for every unit at once, use
        :func:`~policytargets.units.parents_on` with :attr:`units`.

        Raises:
            KeyError: The plan has no such unit.

        .. versionadded:: 0.2.0
        """
        units = self.units
        return parent_on(units[unit_id], day, units)

    def measures(self) -> dict[str, ValueKind]:
        """Every measure the targets read and the kind of value it holds."""
        kinds: dict[str, ValueKind] = {}
        for target in self.targets:
            kinds.update(target.measures())
        return kinds

    def display_title(self, lang: str) -> str:
        """The title in ``lang`` (English falls back to the plan's title)."""
        return self.title_en if lang == "en" and self.title_en else self.title

    def display_note(self, lang: str) -> str | None:
        """The note in ``lang`` (English falls back to the note as written).

        .. versionadded:: 0.2.0
        """
        return self.note_en if lang == "en" and self.note_en else self.note

    def measure(self, measure_id: str) -> Measure | None:
        """The description of a measure, if the plan describes it.

        .. versionadded:: 0.2.0
        """
        return measure_map(self.measure_descriptions).get(measure_id)

    def value_measure(self, target: Target) -> Measure | None:
        """The described measure whose unit of measure a target's values carry: a level's
        measure, or the measure a count counts; None for other types (whose values are
        shares, ratios, growth rates or yes/no facts).

        .. versionadded:: 0.2.0
        """
        rule = target.rule
        if isinstance(rule, Level | Count) and rule.measure is not None:
            return self.measure(rule.measure)
        return None

    def __repr__(self) -> str:
        from policytargets.report.notebook import plan_repr  # noqa: PLC0415 - on use

        return plan_repr(self)

    def _repr_html_(self) -> str:
        from policytargets.report.notebook import plan_html  # noqa: PLC0415 - on use

        return plan_html(self)

    def expected_reports(self, on: dt.date) -> tuple[ExpectedReport, ...]:
        """Every measure the targets read, from every unit active on ``on``.

        A target scoped to a population reads its measures from the population's active
        units, one scoped to a unit from that unit while it is active, any other from the
        plan-wide figures. The order is the plan's: targets, their measures, then units as
        the plan lists them; each measure and unit appears once, naming every target that
        reads it.

        .. versionadded:: 0.1.0
        """
        return tuple(
            ExpectedReport(run.measure, unit, run.targets, run.state)
            for run in self.report_runs(on)
            for unit in run.units
        )

    def report_runs(self, on: dt.date) -> tuple[ReportRun, ...]:
        """:meth:`expected_reports` in runs of units that share a measure and its targets, so
        that a national plan's tens of thousands of reports are a few runs.

        Flattened in order (each unit of each run), the runs are the expected reports, and
        each run's ``position`` is its first unit's place among them.

        .. versionadded:: 0.2.0
        """
        # Which targets read a measure, and how, depends on the scope, not on the unit: group
        # first, then expand each group to its units (national plans have tens of thousands).
        groups: dict[tuple[str, str, str | None], tuple[list[str], list[bool]]] = {}
        for target in self.targets:
            scope = target.rule.references()
            key = next(iter(scope.items()), ("plan", None))
            for measure in target.measures():
                needed_by, states = groups.setdefault((measure, *key), ([], []))
                needed_by.append(target.id)
                states.append(target.rule.value_kind == "boolean")
        scopes = Counter(measure for measure, _, _ in groups)
        units: Mapping[str, Unit] | None = None  # every unit by id, made only if needed
        runs: list[ReportRun] = []
        # A measure read through two scopes lists each unit once, naming the targets of both.
        merged: dict[tuple[str, str | None], tuple[int, tuple[str, ...], bool]] = {}
        position = 0
        for (measure, field, reference), (needed_by, states) in groups.items():
            reporters: tuple[str | None, ...]
            if field == "population" and reference is not None:
                reporters = self.population(reference).member_ids(on)
            elif field == "unit" and reference is not None:
                units = self.units if units is None else units
                reporters = (reference,) if units[reference].is_active(on) else ()
            else:
                reporters = (None,)
            targets, state = tuple(dict.fromkeys(needed_by)), any(states)
            if scopes[measure] == 1:
                if reporters:
                    runs.append(ReportRun(position, measure, reporters, targets, state))
                position += len(reporters)
                continue
            for unit in reporters:
                known = merged.get((measure, unit))
                if known is None:
                    merged[measure, unit] = (position, targets, state)
                    position += 1
                else:
                    both = tuple(dict.fromkeys((*known[1], *targets)))
                    merged[measure, unit] = (known[0], both, known[2] or state)
        runs.extend(
            ReportRun(start, measure, (unit,), targets, state)
            for (measure, unit), (start, targets, state) in merged.items()
        )
        return tuple(sorted(runs, key=_run_position))


def plan_problems(
    populations: Iterable[Population],
    targets: Iterable[Target],
    *,
    effective: dt.date | None,
    indexes: tuple[Iterable[int], Iterable[int]] | None = None,
    roster: Iterable[Unit] = (),
) -> list[Problem]:
    """Every problem of a plan's populations and targets as a whole.

    Used by :class:`Plan` and by the plan-file reader (which checks what it could read even
    when other parts of the file are broken, so that every problem is reported at once).

    Args:
        populations: The populations.
        targets: The targets.
        effective: The plan's effective date (None when it could not be read).
        indexes: The positions of the populations and targets in the file, when some could
            not be read (so that paths name the right entry).
        roster: The units declared by the plan itself (``units[N]`` in paths).

    .. versionchanged:: 0.2.0 ``roster``; parents are checked: known ids, no cycles.
    """
    population_list = list(populations)
    target_list = list(targets)
    problems: list[Problem] = []
    population_index = list(indexes[0]) if indexes else list(range(len(population_list)))
    target_index = list(indexes[1]) if indexes else list(range(len(target_list)))
    population_ids: set[str] = set()
    for position, population in zip(population_index, population_list, strict=True):
        if population.id in population_ids:
            message = f"duplicate population id {quoted(population.id)}"
            problems.append(Problem(message, f"populations[{position}].id"))
        population_ids.add(population.id)
    units, unit_problems = _unit_problems(roster, population_list, population_index)
    problems.extend(unit_problems)
    measure_kinds: dict[str, tuple[ValueKind, str]] = {}
    target_ids: set[str] = set()
    for position, target in zip(target_index, target_list, strict=True):
        path = f"targets[{position}]"
        if target.id in target_ids:
            problems.append(Problem(f"duplicate target id {quoted(target.id)}", f"{path}.id"))
        target_ids.add(target.id)
        for field, reference in target.rule.references().items():
            known = population_ids if field == "population" else units
            if reference not in known:
                problems.append(Problem(f"unknown {field} {quoted(reference)}", f"{path}.{field}"))
        if target.breakdown is not None:
            problems.extend(_breakdown_problems(target, population_list, f"{path}.breakdown"))
        readers = [(path, f"{path}.measure", target.rule.measures())]
        readers += [
            (where, f"{where}.condition", m.condition.measures())
            for where, m in (
                (f"{path}.milestones[{i}]", m) for i, m in enumerate(target.milestones)
            )
            if m.condition is not None
        ]
        for owner, where, kinds in readers:
            for measure, kind in kinds.items():
                if measure in measure_kinds and measure_kinds[measure][0] != kind:
                    other_kind, other_path = measure_kinds[measure]
                    problems.append(
                        Problem(
                            f"measure {quoted(measure)} holds {kind} values here but {other_kind} "
                            f"values in {other_path}",
                            where,
                        )
                    )
                measure_kinds.setdefault(measure, (kind, owner))
        problems.extend(_milestone_problems(target, path, effective))
    return problems


def _unit_problems(
    roster: Iterable[Unit], populations: list[Population], indexes: list[int]
) -> tuple[dict[str, Unit], list[Problem]]:
    """Every unit by id, and the problems of the units: duplicates, definitions that disagree,
    impossible lifetimes, unknown successors and parents, cycles of parents or successors."""
    problems: list[Problem] = []
    units: dict[str, Unit] = {}
    # Where each unit is defined, as (population's position, number), the position None for
    # the plan's own units: a path is written only for a problem (a plan has 40,000 units).
    where: dict[str, tuple[int | None, int]] = {}  # each unit's first definition
    declared: list[tuple[int | None, int, Unit]] = [
        (None, number, unit) for number, unit in enumerate(roster)
    ]
    for _, number, unit in declared:
        if unit.id in units:
            path = _unit_path(None, number)
            problems.append(Problem(f"duplicate unit id {quoted(unit.id)}", f"{path}.id"))
        units.setdefault(unit.id, unit)
        where.setdefault(unit.id, (None, number))
    roster_ids = set(units)
    for position, population in zip(indexes, populations, strict=True):
        ids = population.unit_ids
        if len(set(ids)) == len(ids) and units.keys().isdisjoint(ids):
            # Units defined nowhere else (a roster listed in one population): all new, taken
            # as a whole.
            units.update(zip(ids, population.units, strict=True))
            places = zip(itertools.repeat(position), itertools.count())
            where.update(zip(ids, places, strict=False))  # as many places as ids
            declared += zip(itertools.repeat(position), itertools.count(), population.units)
            continue
        seen: set[str] = set()
        for number, unit in enumerate(population.units):
            unit_id = unit.id
            if unit_id in seen:
                path = _unit_path(position, number)
                problems.append(Problem(f"duplicate unit id {quoted(unit_id)}", f"{path}.id"))
            elif unit_id in units and units[unit_id] != unit:
                other = "the plan's units" if where[unit_id][0] is None else "another population"
                message = f"unit {quoted(unit_id)} is defined differently in {other}"
                problems.append(Problem(message, f"{_unit_path(position, number)}.id"))
            seen.add(unit_id)
            if unit_id in roster_ids and units[unit_id] == unit:
                continue  # a declared unit, checked where it is declared
            if unit_id not in units:
                units[unit_id] = unit
                where[unit_id] = (position, number)
            declared.append((position, number, unit))
    for place, number, unit in declared:
        if unit.active_until is None and unit.successor is None and unit.parent is None:
            continue  # nothing to check (most units)
        if (
            unit.active_from is not None
            and unit.active_until is not None
            and unit.active_until < unit.active_from
        ):
            problems.append(
                Problem(
                    f"unit {quoted(unit.id)} is active until {unit.active_until} which is before "
                    f"it starts ({unit.active_from})",
                    f"{_unit_path(place, number)}.until",
                )
            )
        for field in ("successor", "parent"):
            reference = getattr(unit, field)
            if reference is not None and reference not in units:
                message = f"unknown {field} unit {quoted(reference)}"
                problems.append(Problem(message, f"{_unit_path(place, number)}.{field}"))
    for field in ("parent", "successor"):
        for cycle in _cycles(units, field):
            path = f"{_unit_path(*where[cycle[0]])}.{field}"
            chain = " -> ".join((*cycle, cycle[0]))
            problems.append(Problem(f"the {field}s of these units form a cycle: {chain}", path))
    return units, problems


def _unit_path(position: int | None, number: int) -> str:
    """The path of a unit: ``units[3]`` (the plan's own) or ``populations[0].units[3]``."""
    if position is None:
        return f"units[{number}]"
    return f"populations[{position}].units[{number}]"


def _cycles(units: Mapping[str, Unit], field: str) -> list[tuple[str, ...]]:
    """Each cycle of the links ``field`` (parent or successor) once, from its first unit."""
    # Only linked units can be in a cycle: most units have no parent and no successor.
    links = {
        unit_id: linked
        for unit_id, unit in units.items()
        if (linked := getattr(unit, field)) is not None
    }
    state: dict[str, int] = {}  # 1: on the current chain, 2: done
    cycles: list[tuple[str, ...]] = []
    for start in links:
        chain: list[str] = []
        current = start
        while current in links and current not in state:
            state[current] = 1
            chain.append(current)
            current = links[current]
        if state.get(current) == 1:
            cycles.append(tuple(chain[chain.index(current) :]))
        for unit_id in chain:
            state[unit_id] = 2
    return cycles


def _breakdown_problems(target: Target, populations: list[Population], path: str) -> list[Problem]:
    """A breakdown needs a population with at least one unit that has a value for its key."""
    by = target.breakdown
    population_id = target.rule.references().get("population")
    if by is None:
        return []
    if population_id is None:
        return [Problem("a breakdown needs a target over a population", path)]
    population = next((p for p in populations if p.id == population_id), None)
    if population is None or any(has_key(unit, by) for unit in population.units):
        return []  # an unknown population is reported once, at its own key
    what = "a parent" if by == BY_PARENT else f"the attribute {quoted(by)}"
    return [Problem(f"no unit of population {quoted(population_id)} has {what}", path)]


def measure_problems(
    measures: Iterable[Measure],
    targets: Iterable[Target],
    *,
    indexes: tuple[Iterable[int], Iterable[int]] | None = None,
) -> list[Problem]:
    """Every problem of a plan's measure descriptions, alone and with the targets that read
    them: duplicate ids, ``min`` above ``max``, an ``at_most`` naming an unknown measure or
    itself, a measure read as a kind other than the one described, and a level target whose
    requirement is a percentage on a number measure.

    .. versionadded:: 0.2.0
    """
    measure_list, target_list = list(measures), list(targets)
    measure_index = list(indexes[0]) if indexes else list(range(len(measure_list)))
    target_index = list(indexes[1]) if indexes else list(range(len(target_list)))
    problems: list[Problem] = []
    known: dict[str, Measure] = {}
    for position, measure in zip(measure_index, measure_list, strict=True):
        path = f"measures[{position}]"
        if measure.id in known:
            problems.append(Problem(f"duplicate measure id {quoted(measure.id)}", f"{path}.id"))
        known.setdefault(measure.id, measure)
        if measure.min is not None and measure.max is not None and measure.min > measure.max:
            problems.append(
                Problem(f"min ({measure.min}) is above max ({measure.max})", f"{path}.min")
            )
    for position, measure in zip(measure_index, measure_list, strict=True):
        if measure.at_most is None:
            continue
        where = f"measures[{position}].at_most"
        if measure.at_most == measure.id:
            problems.append(Problem("a measure cannot be at most itself", where))
        elif measure.at_most not in known:
            problems.append(Problem(f"unknown measure {quoted(measure.at_most)}", where))
    for position, target in zip(target_index, target_list, strict=True):
        path = f"targets[{position}]"
        for measure_id, kind in target.measures().items():
            described = known.get(measure_id)
            if described is None or described.kind is None:
                continue
            if (described.kind == "boolean") != (kind == "boolean"):
                wanted = "yes/no facts" if described.kind == "boolean" else "numbers"
                problems.append(
                    Problem(
                        f"measure {quoted(measure_id)} holds {wanted} ({described.kind}), but this "
                        f"target reads it as {kind}",
                        f"{path}.{_field_reading(target, measure_id)}",
                    )
                )
        rule = target.rule
        if not isinstance(rule, Level):
            continue
        described = known.get(rule.measure)
        if described is not None and described.kind == "number":
            for number, milestone in enumerate(target.milestones):
                if milestone.require.percent:
                    unit = f" in {described.unit_of_measure}" if described.unit_of_measure else ""
                    problems.append(
                        Problem(
                            f"{milestone.require} is a share, but {quoted(rule.measure)} is a "
                            f"number{unit}: write the value itself",
                            f"{path}.milestones[{number}].require",
                        )
                    )
    return problems


def _field_reading(target: Target, measure: str) -> str:
    """The key of a target that names ``measure`` (a condition when no other does)."""
    for key in ("measure", "numerator", "denominator"):
        if getattr(target.rule, key, None) == measure:
            return key
    return "condition"


def _milestone_problems(target: Target, path: str, effective: dt.date | None) -> list[Problem]:
    problems: list[Problem] = []
    if not target.milestones and target.every is None:
        problems.append(Problem("a target needs 'milestones' or 'every'", f"{path}.milestones"))
    boolean = target.rule.value_kind == "boolean"
    share = isinstance(target.rule, ThresholdShare)
    for i, milestone in enumerate(target.milestones):
        if milestone.condition is not None and not isinstance(target.rule, ThresholdShare | Count):
            problems.append(
                Problem(
                    "a milestone's 'condition' replaces the per-unit condition of a "
                    f"threshold-share or count target; a {target.kind} target has none",
                    f"{path}.milestones[{i}].condition",
                )
            )
    entries = [(f"{path}.milestones[{i}]", m) for i, m in enumerate(target.milestones)]
    expanded: tuple[Milestone, ...] = ()
    if target.every is not None:
        try:
            expanded = target.every.milestones()
        except ValueError as error:
            problems.append(Problem(str(error), f"{path}.every"))
        entries += [(f"{path}.every", m) for m in expanded[:1]]
    milestones = sorted((*target.milestones, *expanded), key=lambda m: (m.deadline, m.by.start))
    previous = None
    for where, milestone in entries:
        requirement = milestone.require
        if requirement.is_boolean != boolean:
            wanted = "a yes/no value ('= true')" if boolean else "a number ('>= 70%')"
            problems.append(
                Problem(f"a {target.kind} target requires {wanted}", f"{where}.require")
            )
        elif share and not isinstance(requirement.value, bool):
            problems.extend(
                _share_requirement_problems(requirement.value, requirement.comparator, where)
            )
        elif (
            isinstance(target.rule, Count)
            and not isinstance(requirement.value, bool)
            and (requirement.value.denominator != 1 or requirement.percent)
        ):
            problems.append(
                Problem(
                    f"a count target requires a whole number of units ('>= 10'), not {requirement}",
                    f"{where}.require",
                )
            )
        problems.extend(_average_problems(target, milestone, where))
        if effective is not None and milestone.deadline < effective:
            problems.append(
                Problem(
                    f"deadline {milestone.deadline} is before the plan takes effect ({effective})",
                    f"{where}.by",
                )
            )
        if (
            where.startswith(f"{path}.milestones")
            and previous is not None
            and milestone.deadline <= previous
        ):
            problems.append(
                Problem("milestones must be in order of their deadlines", f"{where}.by")
            )
        if where.startswith(f"{path}.milestones"):
            previous = milestone.deadline
    counts = Counter(m.by for m in milestones)
    duplicated = sorted(str(period) for period, count in counts.items() if count > 1)
    if duplicated:
        problems.append(
            Problem(f"more than one milestone for {', '.join(duplicated)}", f"{path}.milestones")
        )
    problems.extend(_schedule_problems(target, milestones, path, share=share, boolean=boolean))
    problems.extend(_progress_problems(target, milestones, path))
    return problems


def _average_problems(target: Target, milestone: Milestone, where: str) -> list[Problem]:
    """Average growth needs a base before each milestone, of the milestone's kind."""
    rule = target.rule
    if not isinstance(rule, Growth) or not rule.average or rule.base is None:
        return []
    if rule.base.end >= milestone.by.start:
        return [
            Problem(
                f"average growth from {rule.base} needs a base before the milestone {milestone.by}",
                f"{where}.by",
            )
        ]
    if rule.base.kind is not milestone.by.kind:
        return [
            Problem(
                f"average growth per period compares periods of one kind: the base "
                f"{rule.base} and the milestone {milestone.by} differ",
                f"{where}.by",
            )
        ]
    return []


def _progress_problems(target: Target, milestones: list[Milestone], path: str) -> list[Problem]:
    """A trend method's base year must come before every yearly milestone it rates."""
    spec = target.progress
    if spec is None or spec.base_year is None:
        return []
    years = [m.by.start.year for m in milestones if m.by.kind is PeriodKind.YEAR]
    if not years or spec.base_year < min(years):
        return []
    return [
        Problem(
            f"base_year {spec.base_year} must come before the year of every milestone "
            f"(the first is {min(years)})",
            f"{path}.progress.base_year",
        )
    ]


def _share_requirement_problems(
    value: Fraction, comparator: Comparator, where: str
) -> list[Problem]:
    if value < 0 or value > 1:
        return [
            Problem(
                f"a share cannot be {value * 100}%: it lies from 0% to 100%", f"{where}.require"
            )
        ]
    if (comparator is Comparator.GT and value == 1) or (comparator is Comparator.LT and value == 0):
        return [Problem("no share can meet this requirement", f"{where}.require")]
    return []


def _schedule_problems(
    target: Target, milestones: list[Milestone], path: str, *, share: bool, boolean: bool
) -> list[Problem]:
    problems: list[Problem] = []
    by_period = {m.by: m for m in milestones}
    for period, value in target.schedule_values.items():
        where = f"{path}.schedule.{period}"
        if isinstance(value, bool) != boolean:
            problems.append(Problem("a schedule value must be of the target's kind", where))
            continue
        if share and not isinstance(value, bool) and not 0 <= value <= 1:
            problems.append(Problem("a share lies from 0% to 100%", where))
        if period in by_period and by_period[period].require.value != value:
            problems.append(
                Problem(
                    f"the schedule value differs from the milestone's requirement for {period}",
                    where,
                )
            )
    if target.baseline is not None:
        where = f"{path}.baseline"
        if isinstance(target.baseline.value, bool) != boolean:
            problems.append(Problem("the baseline must be of the target's kind", f"{where}.value"))
        elif (
            share
            and not isinstance(target.baseline.value, bool)
            and not 0 <= target.baseline.value <= 1
        ):
            problems.append(Problem("a share lies from 0% to 100%", f"{where}.value"))
        first = milestones[0] if milestones else None
        if first is not None and target.baseline.period.end >= first.deadline:
            problems.append(
                Problem("the baseline must come before the first milestone", f"{where}.period")
            )
    if target.interpolation is Interpolation.GEOMETRIC and not boolean:
        schedule = Schedule.build(
            milestones, baseline=target.baseline, values=target.schedule_values
        )
        values = [c.value for c in schedule]
        if any(not isinstance(v, bool) and v <= 0 for v in values):
            problems.append(
                Problem(
                    "geometric interpolation needs every checkpoint above zero",
                    f"{path}.interpolation",
                )
            )
    return problems
