"""Data-collection templates: the observation rows a plan needs for one period, values empty.

A template is an observation file (see :mod:`policytargets.io.observation_files`) with every
row the plan reads for a period: one per measure and unit for the measures read unit by unit
(share targets, and ratio, growth and yes/no targets scoped to a population or a unit), one
per plan-wide measure. Whoever collects the data fills in ``value``, ``source`` and
``recorded``; the filled file is then read with :func:`policytargets.load_observations`.
"""

from __future__ import annotations

import csv
import io

from policytargets.io.observation_files import COLUMNS, TEMPLATE_TITLE
from policytargets.io.spreadsheet import neutralise
from policytargets.measures import Measure
from policytargets.periods import Period
from policytargets.plan import Plan

__all__ = ["collection_template", "measure_note", "template_rows"]


def measure_note(measure: Measure) -> str:
    """One line saying what to write for a described measure: its id, names, unit of measure
    and kind (``revenue: Doanh thu / Revenue (tỷ đồng / billion VND), number``).

    .. versionadded:: 0.2.0
    """
    names = " / ".join(dict.fromkeys(n for n in (measure.name, measure.name_en) if n))
    units = " / ".join(
        dict.fromkeys(u for u in (measure.unit_of_measure, measure.unit_of_measure_en) if u)
    )
    parts = [measure.id + ":"]
    if names:
        parts.append(names)
    if units:
        parts.append(f"({units})")
    text = " ".join(parts)
    if measure.kind is not None:
        text += f", {measure.kind}"
    return " ".join(text.split())


def template_rows(plan: Plan, period: Period | int | str) -> list[tuple[str, str | None]]:
    """The ``(measure, unit)`` pairs a plan reads for ``period``; the unit is None plan-wide.

    Units count when they are active on the period's last day. The order is the plan's:
    targets, then each target's measures, then units in the order the plan lists them; a pair
    appears once.

    .. versionadded:: 0.1.0
    """
    chosen = Period.parse(period)
    return [(report.measure, report.unit) for report in plan.expected_reports(chosen.end)]


def collection_template(
    plan: Plan, period: Period | int | str, *periods: Period | int | str
) -> str:
    """The CSV text of a data-collection template for one period (or several, one after the
    other).

    The first line is a ``#`` note naming the plan and the periods, followed by a note for
    each measure the plan describes (its name, unit of measure and kind); reading the
    filled-in file skips these template lines, which all begin with
    :data:`~policytargets.io.observation_files.TEMPLATE_TITLE`. ``value``, ``source`` and
    ``recorded`` are empty. An id that a spreadsheet would run as a formula is written with a
    leading ``'``, which the reader removes (see :mod:`policytargets.io.spreadsheet`).

    >>> import datetime as dt
    >>> from policytargets import Milestone, Plan, Population, Target, ThresholdShare, Unit
    >>> from policytargets.io import collection_template
    >>> plan = Plan(
    ...     id="p", number="1/KH", title="Plan", issuer="UBND", issued=dt.date(2024, 1, 1),
    ...     effective=dt.date(2024, 1, 1),
    ...     populations=[Population("agencies", "Agencies", [Unit("a", "A"), Unit("b", "B")])],
    ...     targets=[Target("t", "T", ThresholdShare("agencies", "online"),
    ...                     [Milestone(2025, ">= 50%")])],
    ... )
    >>> print(collection_template(plan, 2025), end="")
    # Mẫu thu thập số liệu / Data collection template: p (1/KH), 2025: Plan
    measure,unit,period,value,source,recorded
    online,a,2025,,,
    online,b,2025,,,

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 Several periods.
    """
    chosen = list(dict.fromkeys(Period.parse(each) for each in (period, *periods)))
    buffer = io.StringIO()
    # One line whatever the plan's texts hold, so that reading skips exactly that line.
    plan_id, number, title = (" ".join(text.split()) for text in (plan.id, plan.number, plan.title))
    named = f"{plan_id} ({number})" if number else plan_id
    listed = ", ".join(str(each) for each in chosen)
    buffer.write(f"# {TEMPLATE_TITLE}: {named}, {listed}: {title}\n")
    rows = [(each, row) for each in chosen for row in template_rows(plan, each)]
    for measure_id in dict.fromkeys(measure for _, (measure, _) in rows):
        described = plan.measure(measure_id)
        if described is not None:
            buffer.write(f"# {TEMPLATE_TITLE}: {measure_note(described)}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for each, (measure, unit) in rows:
        writer.writerow([neutralise(measure), neutralise(unit or ""), str(each), "", "", ""])
    return buffer.getvalue()
