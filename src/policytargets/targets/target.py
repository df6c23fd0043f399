"""A target: one requirement of a plan on a measure over time."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal

import attrs

from policytargets.errors import quoted
from policytargets.periods import Period
from policytargets.quantities import Value, to_value
from policytargets.targets.base import TargetType, ValueKind
from policytargets.targets.count import Count
from policytargets.targets.share import ThresholdShare
from policytargets.timeline import (
    Baseline,
    Interpolation,
    Milestone,
    Recurring,
    Schedule,
    frozen_values,
)

__all__ = ["ProgressSpec", "Target", "TargetLink"]


def _optional_fraction(value: Fraction | int | float | str | None) -> Fraction | None:
    if value is None:
        return None
    converted = to_value(value)
    if isinstance(converted, bool):
        raise ValueError("a limit is a number, not a yes/no value")
    return converted


@attrs.frozen
class ProgressSpec:
    """The trend method a target asks for, written ``progress = { method = "statcan" }``.

    Its record (:class:`~policytargets.progress.ProgressResult`) is added to each
    assessment of the target; it never changes a status.

    Attributes:
        method: ``"statcan"`` (the open-sdg / Statistics Canada method) or ``"eurostat"``.
        direction: ``"positive"`` when higher values are better, ``"negative"`` otherwise.
        base_year: The base year (default: the method's default, 2015 for StatCan, falling
            back to the first year with data; the first year with data for Eurostat).
        limit: A natural limit of the indicator (StatCan only), such as 1 for a share.

    .. versionadded:: 0.1.0
    """

    method: Literal["statcan", "eurostat"] = attrs.field(
        validator=attrs.validators.in_(("statcan", "eurostat"))
    )
    direction: Literal["positive", "negative"] = attrs.field(
        default="positive", validator=attrs.validators.in_(("positive", "negative"))
    )
    base_year: int | None = None
    limit: Fraction | None = attrs.field(default=None, converter=_optional_fraction)

    def to_fields(self) -> dict[str, Any]:
        """Fields as in a plan file."""
        fields: dict[str, Any] = {"method": self.method, "direction": self.direction}
        if self.base_year is not None:
            fields["base_year"] = self.base_year
        if self.limit is not None:
            fields["limit"] = self.limit
        return fields


def _nonempty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value:
        raise ValueError(f"'{attribute.name}' must be a non-empty id, not {quoted(value)}")


@attrs.frozen
class TargetLink:
    """The target of another plan that a target implements.

    Written ``implements = { plan = "348-2023", target = "converged-newsroom" }`` in a plan
    file: ``plan`` is the other plan's id (its ``[plan] id``), ``target`` the id of one of
    its targets. :func:`policytargets.align` compares the two targets' requirements.

    >>> TargetLink("348-2023", "converged-newsroom")
    TargetLink(plan='348-2023', target='converged-newsroom')

    Attributes:
        plan: The id of the plan implemented.
        target: The id of the target implemented, in that plan.

    .. versionadded:: 0.2.0
    """

    plan: str = attrs.field(validator=_nonempty)
    target: str = attrs.field(validator=_nonempty)

    def to_fields(self) -> dict[str, str]:
        """Fields as in a plan file."""
        return {"plan": self.plan, "target": self.target}


def _milestones(values: Iterable[Milestone]) -> tuple[Milestone, ...]:
    return tuple(values)


def _interpolation(value: Interpolation | str) -> Interpolation:
    return Interpolation(value)


# Not slotted: its cached properties then stay on the class, where the docs find them.
@attrs.frozen(slots=False)
class Target:
    """A requirement of a plan: its type (how the actual value is read) and its milestones.

    >>> from policytargets import ThresholdShare
    >>> target = Target(
    ...     id="digital-platforms",
    ...     title="Cơ quan báo chí tỉnh đưa nội dung lên các nền tảng số",
    ...     rule=ThresholdShare(population="press-agencies",
    ...                         measure="publishes-on-digital-platforms"),
    ...     milestones=[Milestone(2025, ">= 70%"), Milestone(2030, ">= 100%", strive=True)],
    ... )
    >>> [m.label for m in target.all_milestones]
    ['2025', '2030']

    Attributes:
        id: The target's identifier.
        title: Its title in the plan's language, as written.
        rule: The target type that reads its actual value (:class:`ThresholdShare`,
            :class:`Ratio`, :class:`BooleanCompliance`, :class:`Growth` or your own).
        milestones: Its checkpoints, in order.
        every: A recurring requirement ("hàng năm"), one milestone per period.
        title_en: An English title.
        source: Where the plan states it ("II.1, bullet 1").
        note: How it is modelled, or anything a reader should know.
        baseline: The value it starts from, for interpolation.
        interpolation: The expected value between checkpoints: linear, step or geometric.
        schedule_values: Explicit expected values per period (a plan's "Phụ lục I"), which
            override interpolation (``schedule = { 2024 = "50%" }`` in a plan file).
        progress: A trend method whose record each assessment carries.
        breakdown: Judge the target also for each group of its population's units: by
            ``"parent"`` (an agency's province, following mergers) or by an attribute's name
            (``"kind"``). Only for targets over a population.
        implements: The target of another plan that this one implements (a province's
            target implementing a national one), compared by :func:`policytargets.align`.
        note_en: The note in English, for reports in English.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``breakdown``, ``implements`` and ``note_en``.
    """

    id: str
    title: str
    rule: TargetType
    milestones: tuple[Milestone, ...] = attrs.field(factory=tuple, converter=_milestones)
    every: Recurring | None = None
    title_en: str | None = None
    source: str | None = None
    note: str | None = None
    baseline: Baseline | None = None
    interpolation: Interpolation = attrs.field(
        default=Interpolation.LINEAR, converter=_interpolation
    )
    schedule_values: Mapping[Period, Value] = attrs.field(
        factory=lambda: MappingProxyType({}), converter=frozen_values
    )
    progress: ProgressSpec | None = None
    breakdown: str | None = None
    implements: TargetLink | None = None
    note_en: str | None = attrs.field(default=None, kw_only=True)

    @property
    def kind(self) -> str:
        """The target type's name in plan files (``"threshold-share"``)."""
        return self.rule.kind

    # Computed once: an 'every' of 1,000 periods is read for each of its milestones.
    @functools.cached_property
    def all_milestones(self) -> tuple[Milestone, ...]:
        """The milestones and the expanded recurring ones, by deadline."""
        expanded = self.every.milestones() if self.every is not None else ()
        return tuple(sorted((*self.milestones, *expanded), key=lambda m: (m.deadline, m.by.start)))

    def rule_for(self, milestone: Milestone) -> TargetType:
        """The target type that reads ``milestone``: the target's own, or, for a milestone
        with its own ``condition``, the same type counting units with that condition.

        .. versionadded:: 0.2.0
        """
        if milestone.condition is None or not isinstance(self.rule, ThresholdShare | Count):
            return self.rule
        return attrs.evolve(self.rule, measure=None, condition=milestone.condition)

    def measures(self) -> dict[str, ValueKind]:
        """Every measure the target reads (milestones' own conditions included), with the
        kind of value it holds.

        .. versionadded:: 0.2.0
        """
        kinds = dict(self.rule.measures())
        for milestone in self.milestones:
            if milestone.condition is not None:
                kinds.update(milestone.condition.measures())
        return kinds

    @functools.cached_property
    def schedule(self) -> Schedule:
        """The expected value at any period (see :class:`~policytargets.Schedule`)."""
        return Schedule.build(
            self.all_milestones,
            baseline=self.baseline,
            values=self.schedule_values,
            interpolation=self.interpolation,
        )

    @property
    def percent(self) -> bool:
        """Whether its values read best as percentages (shares, ratios and growth)."""
        if self.rule.value_kind != "number":
            return False
        return self.rule.kind in {"threshold-share", "ratio", "growth"} or any(
            m.require.percent for m in self.all_milestones
        )

    def display_title(self, lang: str) -> str:
        """The title in ``lang`` (English falls back to the plan's title)."""
        return self.title_en if lang == "en" and self.title_en else self.title

    def display_note(self, lang: str) -> str | None:
        """The note in ``lang`` (English falls back to the note as written).

        .. versionadded:: 0.2.0
        """
        return self.note_en if lang == "en" and self.note_en else self.note
