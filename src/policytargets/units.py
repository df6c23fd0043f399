"""Units that are counted or report data, and populations whose membership changes over time.

A unit is active from its ``active_from`` day to its ``active_until`` day, both included (open
when absent). A merger is units ending and a unit beginning, optionally linked by
``successor``; the population of a period is then computed from the units active on the right
day, so denominators change from the right year on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from policytargets.errors import quoted

__all__ = [
    "Population",
    "Unit",
    "matches",
    "parent_on",
    "parents_on",
    "select_units",
    "units_by_id",
]


_NO_ATTRIBUTES: Mapping[str, Any] = MappingProxyType({})  # shared: a roster's units mostly


def _frozen_mapping(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value)) if value else _NO_ATTRIBUTES


@attrs.frozen
class Unit:
    """One thing that is counted or reports data: a press agency, a district, a staff member.

    Attributes:
        id: A stable identifier, used in observation files (``bao-vinh-long``).
        name: The name people know it by.
        active_from: The first day it exists (None: since before any period of interest).
        active_until: The last day it exists (None: still active).
        successor: The id of the unit that continues it after a merger, if any.
        attributes: Free-form facts (``{"kind": "magazine"}``) for reports and filters.
        name_en: An English name, when it differs.
        note: Anything a reader should know (for example that a date is not certain).
        parent: The id of the unit it belongs to (an agency's province), if any. When the
            parent ends with a ``successor``, the unit belongs to the successor from the next
            day.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``parent``.
    """

    id: str
    name: str
    active_from: dt.date | None = None
    active_until: dt.date | None = None
    successor: str | None = None
    attributes: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)
    name_en: str | None = None
    note: str | None = None
    parent: str | None = None

    def is_active(self, day: dt.date) -> bool:
        """Whether the unit exists on ``day``."""
        if self.active_from is not None and day < self.active_from:
            return False
        return self.active_until is None or day <= self.active_until


def _units(values: Iterable[Unit]) -> tuple[Unit, ...]:
    return tuple(values)


@attrs.frozen
class Population:
    """A named set of units ("provincial press agencies"); its members change over time.

    Attributes:
        id: The identifier targets refer to.
        name: The name in the plan's language.
        units: Every unit that belongs to it at some time, in the plan's order.
        name_en: An English name.
        note: Anything a reader should know.

    .. versionadded:: 0.1.0
    """

    id: str
    name: str
    units: tuple[Unit, ...] = attrs.field(converter=_units, factory=tuple)
    name_en: str | None = None
    note: str | None = None

    # Worked out once: the units' ids, and whether every unit is active on every day (no unit
    # begins or ends), so that the members on any day are all the units, without looking.
    _ids: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    _always: bool = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_ids", tuple(unit.id for unit in self.units))
        always = all(u.active_from is None and u.active_until is None for u in self.units)
        object.__setattr__(self, "_always", always)

    def members(self, on: dt.date) -> tuple[Unit, ...]:
        """The units active on ``on``, in the plan's order."""
        if self._always:
            return self.units
        return tuple(unit for unit in self.units if unit.is_active(on))

    def member_ids(self, on: dt.date) -> tuple[str, ...]:
        """The ids of the units active on ``on``, in the plan's order.

        .. versionadded:: 0.2.0
        """
        if self._always:
            return self._ids
        return tuple(unit.id for unit in self.units if unit.is_active(on))

    def unit(self, unit_id: str) -> Unit | None:
        """The unit with this id, if it belongs to the population."""
        return next((unit for unit in self.units if unit.id == unit_id), None)

    @property
    def unit_ids(self) -> tuple[str, ...]:
        """The ids of every unit, in order."""
        return self._ids


def units_by_id(populations: Iterable[Population]) -> dict[str, Unit]:
    """Every unit of these populations by id (a unit may belong to several populations)."""
    return {unit.id: unit for population in populations for unit in population.units}


def parent_on(unit: Unit, day: dt.date, units: Mapping[str, Unit]) -> str | None:
    """The id of the unit ``unit`` belongs to on ``day``, following mergers of its parents.

    A parent that ended before ``day`` with a ``successor`` hands its children to the
    successor from the day after its last day, and so on along the chain: an agency of Bến Tre
    belongs to the new Vĩnh Long from 1 July 2025 without any change to its own record. The
    chain stops at a parent still active on ``day``, at one that ended without a successor, or
    at an id ``units`` does not know.

    >>> import datetime as dt
    >>> from policytargets.units import parent_on
    >>> old = Unit("ben-tre", "Tỉnh Bến Tre", active_until=dt.date(2025, 6, 30),
    ...            successor="vinh-long-2025")
    >>> new = Unit("vinh-long-2025", "Tỉnh Vĩnh Long", active_from=dt.date(2025, 7, 1))
    >>> agency = Unit("bao-dong-khoi", "Báo Đồng Khởi", parent="ben-tre")
    >>> known = {u.id: u for u in (old, new, agency)}
    >>> parent_on(agency, dt.date(2025, 6, 30), known)
    'ben-tre'
    >>> parent_on(agency, dt.date(2025, 7, 1), known)
    'vinh-long-2025'

    Args:
        unit: The unit whose parent is asked for.
        day: The day.
        units: Every unit by id (parents and their successors included).

    Returns:
        The parent's id on that day, or None when the unit has no parent.

    Raises:
        ValueError: The parents' successors form a cycle.

    .. versionadded:: 0.2.0
    """
    return None if unit.parent is None else _holder(unit.parent, day, units)


def parents_on(units: Mapping[str, Unit], day: dt.date) -> dict[str, str | None]:
    """The parent of every unit on ``day`` (:func:`parent_on`), each parent's chain of
    successors followed once: linear in the number of units.

    >>> import datetime as dt
    >>> from policytargets.units import parents_on
    >>> old = Unit("tra-vinh", "Tỉnh Trà Vinh", active_until=dt.date(2025, 6, 30),
    ...            successor="vinh-long-2025")
    >>> new = Unit("vinh-long-2025", "Tỉnh Vĩnh Long", active_from=dt.date(2025, 7, 1))
    >>> agency = Unit("bao-tra-vinh", "Báo Trà Vinh", parent="tra-vinh")
    >>> known = {u.id: u for u in (old, new, agency)}
    >>> parents_on(known, dt.date(2025, 7, 1))["bao-tra-vinh"]
    'vinh-long-2025'

    Args:
        units: Every unit by id (parents and their successors included).
        day: The day.

    Returns:
        Each unit's id and its parent's id on that day (None for a unit with no parent).

    Raises:
        ValueError: The parents' successors form a cycle.

    .. versionadded:: 0.2.0
    """
    holders: dict[str, str] = {}
    found: dict[str, str | None] = {}
    for unit_id, unit in units.items():
        parent = unit.parent
        if parent is not None and parent not in holders:
            holders[parent] = _holder(parent, day, units)
        found[unit_id] = None if parent is None else holders[parent]
    return found


def _holder(parent: str, day: dt.date, units: Mapping[str, Unit]) -> str:
    """The unit that holds ``parent``'s children on ``day``: it, or its successor, and so on."""
    seen: set[str] = set()
    while True:
        found = units.get(parent)
        if (
            found is None
            or found.successor is None
            or found.active_until is None
            or day <= found.active_until
        ):
            return parent
        if parent in seen:
            raise ValueError(f"the successors of unit {quoted(parent)} form a cycle")
        seen.add(parent)
        parent = found.successor


def _same(value: object, wanted: object) -> bool:
    """Equal, and of the same sort: true is not 1, "1" is not 1, 1 is 1.0."""
    if isinstance(value, bool) or isinstance(wanted, bool):
        return type(value) is type(wanted) and value == wanted
    if isinstance(value, str) or isinstance(wanted, str):
        return isinstance(value, str) and value == wanted
    return value == wanted


def matches(unit: Unit, where: Mapping[str, Any]) -> bool:
    """Whether ``unit``'s attributes have, for every key of ``where``, one of its values.

    A value of ``where`` is one value or a list of values (any of them). Text, booleans and
    numbers are told apart: ``true`` is not ``1``, ``"1"`` is not ``1``; ``1`` is ``1.0``.

    >>> from policytargets.units import matches
    >>> paper = Unit("bao", "Báo", attributes={"kind": "newspaper", "electronic": True})
    >>> matches(paper, {"kind": ["newspaper", "magazine"], "electronic": True})
    True
    >>> matches(paper, {"kind": "magazine"})
    False

    .. versionadded:: 0.2.0
    """
    for key, wanted in where.items():
        if key not in unit.attributes:
            return False
        value = unit.attributes[key]
        options = wanted if isinstance(wanted, list | tuple) else (wanted,)
        if not any(_same(value, option) for option in options):
            return False
    return True


def select_units(units: Iterable[Unit], where: Mapping[str, Any]) -> tuple[Unit, ...]:
    """The units that match ``where`` (:func:`matches`), in order.

    .. versionadded:: 0.2.0
    """
    return tuple(unit for unit in units if matches(unit, where))
