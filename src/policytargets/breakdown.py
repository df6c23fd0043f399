"""Breakdown: one target judged for each group of a population's units (per province, per kind).

A ministry follows one national target over every province's agencies. Its pooled figure says
where the country stands; the breakdown says which provinces meet it and how many do. The
units of the target's population are grouped by their ``parent`` on the reference day
(following the parents' mergers, :func:`~policytargets.units.parent_on`) or by one of their
attributes, and every group is judged as its own population: the same requirement, the same
status rules, the same target type reading only the group's units.

Grouping is done once per population, key and reference day (:class:`Grouper`), never per
target and group, so that a breakdown over tens of thousands of units stays linear.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from policytargets.quantities import value_text
from policytargets.units import Population, Unit, parent_on

if TYPE_CHECKING:
    from policytargets.assess import Assessment

__all__ = [
    "BY_PARENT",
    "MEETING_STATUSES",
    "Breakdown",
    "Group",
    "GroupAssessment",
    "Grouper",
    "attribute_text",
    "group_key",
    "has_key",
]

BY_PARENT = "parent"
"""The breakdown key that groups units by their parent unit (following mergers).

.. versionadded:: 0.2.0
"""

MEETING_STATUSES = frozenset({"achieved", "on_track"})
"""The statuses of a group that count as meeting the target (:attr:`Breakdown.meeting`).

.. versionadded:: 0.2.0
"""


def attribute_text(value: object) -> str:
    """An attribute's value as a group id: ``true``/``false``, numbers and strings as written.

    .. versionadded:: 0.2.0
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Fraction):
        return value_text(value)
    return str(value)


def has_key(unit: Unit, by: str) -> bool:
    """Whether ``unit`` has a value for the breakdown key ``by`` (a parent, or the attribute).

    .. versionadded:: 0.2.0
    """
    if by == BY_PARENT:
        return unit.parent is not None
    return by in unit.attributes


def group_key(unit: Unit, by: str, day: dt.date, units: Mapping[str, Unit]) -> str | None:
    """The group of ``unit`` on ``day``: its parent's id then, or its attribute's value as text;
    None when it has none.

    .. versionadded:: 0.2.0
    """
    if by == BY_PARENT:
        return parent_on(unit, day, units)
    if by not in unit.attributes:
        return None
    return attribute_text(unit.attributes[by])


@attrs.frozen
class Group:
    """One group of a population's units on a reference day.

    Attributes:
        key: The group's id (the parent's id, or the attribute's value as text); None for the
            units with no value for the breakdown key.
        name: The group's name (the parent's name, or the attribute's value); None for the
            units without a value.
        population: The group's units as a population of their own: every unit of the
            population whose group on the reference day is this one (the units active on that
            day are its members; the others matter for comparisons with earlier periods).
        name_en: The parent's English name, when it has one.

    .. versionadded:: 0.2.0
    """

    key: str | None
    name: str | None
    population: Population
    name_en: str | None = None

    def display_name(self, lang: str) -> str | None:
        """The group's name in ``lang`` (English falls back to the name)."""
        return self.name_en if lang == "en" and self.name_en else self.name


def _sort_key(group: Group) -> tuple[bool, str]:
    # sorted by id, the group of units with no value last
    return (group.key is None, group.key or "")


@attrs.define
class Grouper:
    """Groups a population's units by a key on a reference day, once per day.

    Every target over the same population, broken down by the same key, shares one grouping
    per reference day (and the groups' populations, so that reading a group costs what its
    units cost).

    Attributes:
        units: Every unit the plan knows, by id (parents and their successors included).

    .. versionadded:: 0.2.0
    """

    units: Mapping[str, Unit]
    _cache: dict[tuple[str, str, dt.date], tuple[Group, ...]] = attrs.field(
        factory=dict, init=False
    )

    def groups(self, population: Population, by: str, day: dt.date) -> tuple[Group, ...]:
        """The groups of ``population``'s units by ``by`` on ``day``, sorted by id, the group of
        units with no value last. A group is listed when at least one of its units is active
        on ``day``; its units that are not (they ended earlier, or begin later) stay in it for
        comparisons with other periods.

        Raises:
            ValueError: The parents' successors form a cycle.
        """
        cache_key = (population.id, by, day)
        found = self._cache.get(cache_key)
        if found is None:
            found = self._cache[cache_key] = self._group(population, by, day)
        return found

    def _group(self, population: Population, by: str, day: dt.date) -> tuple[Group, ...]:
        members: dict[str | None, list[Unit]] = {}
        for unit in population.units:
            members.setdefault(group_key(unit, by, day, self.units), []).append(unit)
        groups = []
        for key, units in members.items():
            if not any(unit.is_active(day) for unit in units):
                continue  # a group with no unit on the day does not exist then
            name, name_en = self._names(key, by)
            subset = Population(population.id, population.name, units, population.name_en)
            groups.append(Group(key, name, subset, name_en))
        return tuple(sorted(groups, key=_sort_key))

    def _names(self, key: str | None, by: str) -> tuple[str | None, str | None]:
        if key is None:
            return None, None
        if by == BY_PARENT:
            parent = self.units.get(key)
            if parent is not None:
                return parent.name, parent.name_en
        return key, None


@attrs.frozen
class GroupAssessment:
    """One group's assessment: the target judged over the group's units alone.

    Attributes:
        group: The group.
        assessment: The group's assessment, with the same target, milestone and rules as the
            pooled one (no projections or trend record).
        population: The number of the group's units active on the reference day (share
            targets: the units active in the period judged, as in the assessment).

    .. versionadded:: 0.2.0
    """

    group: Group
    assessment: Assessment
    population: int

    @property
    def meeting(self) -> bool:
        """Whether the group meets the target (its status is achieved or on track)."""
        return self.assessment.status.value in MEETING_STATUSES

    def to_dict(self) -> dict[str, Any]:
        """The group as in the breakdown's JSON contract."""
        assessment = self.assessment
        actual = assessment.actual
        return {
            "group": self.group.key,
            "name": self.group.name,
            "status": assessment.status.value,
            "actual": None if actual is None else value_text(actual),
            "met_units": assessment.met_units,
            "population": self.population,
            "required_units": assessment.required_units,
            "unreported_units": list(assessment.unreported_units),
        }


def _groups(values: Iterable[GroupAssessment]) -> tuple[GroupAssessment, ...]:
    return tuple(values)


@attrs.frozen
class Breakdown:
    """An assessment broken down by group: "which provinces meet it, and how many".

    Attributes:
        by: The key: ``"parent"`` or an attribute's name.
        day: The reference day the units were grouped on (the judged period's last day, or
            the as-of date if that comes first).
        groups: One assessment per group, sorted by group id; the group of units with no
            value for the key (id None) comes last.

    .. versionadded:: 0.2.0
    """

    by: str
    day: dt.date
    groups: tuple[GroupAssessment, ...] = attrs.field(converter=_groups)

    @property
    def keyed(self) -> tuple[GroupAssessment, ...]:
        """The groups with a value for the key (what :attr:`total` counts)."""
        return tuple(g for g in self.groups if g.group.key is not None)

    @property
    def ungrouped(self) -> GroupAssessment | None:
        """The group of the units with no value for the key, if there are any."""
        return next((g for g in self.groups if g.group.key is None), None)

    @property
    def ungrouped_units(self) -> int:
        """How many units active on the reference day have no value for the key."""
        ungrouped = self.ungrouped
        return 0 if ungrouped is None else len(ungrouped.group.population.members(self.day))

    @property
    def meeting(self) -> int:
        """How many groups (with a value for the key) are achieved or on track."""
        return sum(1 for g in self.keyed if g.meeting)

    @property
    def total(self) -> int:
        """How many groups have a value for the key (the null group is not counted)."""
        return len(self.keyed)

    def to_dict(self) -> dict[str, Any]:
        """The breakdown exactly as in the JSON contract."""
        return {
            "by": self.by,
            "groups": [g.to_dict() for g in self.groups],
            "meeting": self.meeting,
            "total": self.total,
        }
