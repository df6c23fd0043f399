"""A plan's target schedules: each target's required or expected value per period.

This is the view of a plan's "Phụ lục I": for every target, one row per period from the
period holding the plan's effective date to the last milestone (one row per checkpoint when
milestones are days), plus the baseline's period if it comes earlier. Each row says where its
value comes from (its *basis*):

==================  ===========================================================================
``milestone``       a milestone's requirement
``strive``          an aspirational milestone's requirement ("phấn đấu")
``schedule``        an explicit value of the plan's schedule (:attr:`Target.schedule_values`)
``baseline``        the target's baseline
``interpolated``    between two of those, by the target's interpolation
``first``           before the first of those: the first one's value
==================  ===========================================================================

The comparator of a row is that of the milestone that governs its period (the first whose
deadline is on or after the period's end).

Formats: ``table`` (aligned text, values written per language: vi ``66,7%``, a stated value
that rounding would hide followed by its exact value), ``csv`` (one row per period under
:data:`SCHEDULE_CSV_HEADER`, the same in both languages; ``value`` is exact text such as
``"19/25"``, ``value_text``, ``title`` and ``basis_label`` are in the language; every cell
neutralised against formula injection as in :mod:`policytargets.report.csv_report`) and
``json`` (exact values, the same in both languages)::

    {"plan": {"id": "...", "number": "...", "title": "..."},
     "rows": [{"target": "online", "period": "2026", "comparator": ">=",
               "value": "19/25", "basis": "interpolated"}]}

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import attrs

from policytargets.io.spreadsheet import neutralise
from policytargets.periods import Period, PeriodKind
from policytargets.plan import Plan
from policytargets.quantities import Comparator, Lang, Value, format_value, value_text
from policytargets.report.labels import (
    check_lang,
    clean,
    comparator_text,
    escape_bidi_controls,
    exact_value_text,
    format_period,
    labels_for,
)
from policytargets.report.table import table_lines, wrap
from policytargets.targets.target import Target
from policytargets.timeline import Milestone

__all__ = ["SCHEDULE_BASES", "SCHEDULE_CSV_HEADER", "SCHEDULE_FORMATS", "render_schedule"]

SCHEDULE_FORMATS: tuple[str, ...] = ("table", "csv", "json")
"""The formats :func:`render_schedule` writes.

.. versionadded:: 0.1.0
"""

SCHEDULE_BASES: tuple[str, ...] = (
    "milestone",
    "strive",
    "schedule",
    "baseline",
    "interpolated",
    "first",
)
"""Where a schedule row's value comes from (see the module's documentation).

.. versionadded:: 0.1.0
"""

SCHEDULE_CSV_HEADER: tuple[str, ...] = (
    "plan",
    "target",
    "title",
    "period",
    "comparator",
    "value",
    "value_text",
    "basis",
    "basis_label",
)
"""The columns of a schedule in CSV, in order.

.. versionadded:: 0.1.0
"""

_TEXT_WIDTH = 100


@attrs.frozen
class _Row:
    target: Target
    period: Period
    comparator: Comparator
    value: Value
    basis: str


def _periods(target: Target, effective: dt.date) -> list[Period]:
    """The periods of ``target``'s rows, in order."""
    milestones = target.all_milestones
    if not milestones:
        return []
    checkpoints = {checkpoint.period for checkpoint in target.schedule}
    last = milestones[-1].by
    if last.kind is PeriodKind.DAY:  # a row a day would drown the checkpoints
        return sorted(checkpoints)
    first = Period.containing(last.kind, effective)
    covered = {
        Period.from_ordinal(last.kind, ordinal)
        for ordinal in range(first.ordinal, last.ordinal + 1)
    }
    # A checkpoint outside the range (an earlier baseline) or of another kind keeps its row.
    return sorted(covered | checkpoints)


def _governing(milestones: tuple[Milestone, ...], period: Period) -> Milestone:
    return next((m for m in milestones if m.deadline >= period.end), milestones[-1])


def _rows(plan: Plan) -> list[_Row]:
    rows: list[_Row] = []
    for target in plan.targets:
        schedule = target.schedule
        milestones = target.all_milestones
        by_period = {milestone.by: milestone for milestone in milestones}
        first_end = schedule.checkpoints[0].period.end if schedule.checkpoints else None
        for period in _periods(target, plan.effective):
            milestone = by_period.get(period)
            value = schedule.expected(period)
            if milestone is not None:
                basis = "strive" if milestone.strive else "milestone"
                value = milestone.require.value
            elif period in target.schedule_values:
                basis = "schedule"
            elif target.baseline is not None and target.baseline.period == period:
                basis = "baseline"
            elif first_end is not None and period.end < first_end:
                basis = "first"
            else:
                basis = "interpolated"
            comparator = _governing(milestones, period).require.comparator
            rows.append(_Row(target, period, comparator, value, basis))
    return rows


def _json(plan: Plan, rows: list[_Row]) -> str:
    data: dict[str, Any] = {
        "plan": {"id": plan.id, "number": plan.number, "title": plan.title},
        "rows": [
            {
                "target": row.target.id,
                "period": str(row.period),
                "comparator": row.comparator.value,
                "value": value_text(row.value),
                "basis": row.basis,
            }
            for row in rows
        ],
    }
    return escape_bidi_controls(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def _csv(plan: Plan, rows: list[_Row], lang: Lang) -> str:
    bases = labels_for(lang).schedule_bases
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SCHEDULE_CSV_HEADER)
    for row in rows:
        cells = [
            clean(plan.id),
            clean(row.target.id),
            clean(row.target.display_title(lang)),
            str(row.period),
            row.comparator.value,
            value_text(row.value),
            format_value(row.value, lang, percent=row.target.percent),
            row.basis,
            bases[row.basis],
        ]
        writer.writerow([neutralise(cell) for cell in cells])
    return buffer.getvalue()


def _value_cell(row: _Row, lang: Lang) -> str:
    percent = row.target.percent
    if row.basis == "interpolated":  # computed, not stated: its exact value is in csv/json
        return format_value(row.value, lang, percent=percent)
    return exact_value_text(row.value, lang, percent=percent)


def _table(plan: Plan, rows: list[_Row], lang: Lang) -> str:
    words = labels_for(lang)
    header = [words.target, words.schedule_period, words.comparator, words.schedule_value]
    header.append(words.basis)
    cells = [
        [
            clean(row.target.id),
            format_period(row.period, lang),
            comparator_text(row.comparator),
            _value_cell(row, lang),
            words.schedule_bases[row.basis],
        ]
        for row in rows
    ]
    lines = wrap(
        f"{words.plan} {clean(plan.number)} — {clean(plan.display_title(lang))}", _TEXT_WIDTH
    )
    lines.extend([words.schedule, ""])
    lines.extend(table_lines(header, cells, right=[False, False, False, True, False]))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render_schedule(plan: Plan, format: str, *, lang: str = "vi") -> str:
    """Render every target's required or expected value per period (the "Phụ lục I" view).

    The same plan always gives the same text, byte for byte, with ``\\n`` line endings.

    >>> import datetime as dt
    >>> from policytargets import Growth, Milestone, Plan, Target
    >>> target = Target(id="articles", title="Số tin bài tăng 10%", rule=Growth("articles"),
    ...                 milestones=[Milestone(2025, ">= 10%")])
    >>> plan = Plan(id="demo", number="1/KH", title="Kế hoạch", issuer="UBND",
    ...             issued=dt.date(2024, 1, 1), effective=dt.date(2024, 1, 1), targets=[target])
    >>> print(render_schedule(plan, "csv", lang="en"), end="")
    plan,target,title,period,comparator,value,value_text,basis,basis_label
    demo,articles,Số tin bài tăng 10%,2024,>=,1/10,10%,first,as the first checkpoint
    demo,articles,Số tin bài tăng 10%,2025,>=,1/10,10%,milestone,milestone

    Args:
        plan: The plan.
        format: One of ``SCHEDULE_FORMATS``: ``"table"`` (aligned text for a
            terminal), ``"csv"`` or ``"json"`` (see the module's documentation).
        lang: ``"vi"`` (default) or ``"en"``: labels, titles, periods and numbers in the
            table, and the columns meant for people in CSV. JSON is the same in both.

    Returns:
        The schedule, ending with a newline.

    Raises:
        ValueError: ``format`` or ``lang`` is unknown; the message names the allowed values.

    .. versionadded:: 0.1.0
    """
    if format not in SCHEDULE_FORMATS:
        allowed = ", ".join(repr(known) for known in SCHEDULE_FORMATS)
        raise ValueError(f"unknown schedule format {format!r}: use one of {allowed}")
    language = check_lang(lang)
    rows = _rows(plan)
    if format == "json":
        return _json(plan, rows)
    if format == "csv":
        return _csv(plan, rows, language)
    return _table(plan, rows, language)
