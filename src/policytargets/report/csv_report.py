"""The ``csv`` format: one row per assessment, under a fixed header.

The header is :data:`CSV_HEADER`, the same in both languages; ``lang`` changes only the
columns meant for people (``title``, ``status_label``, the ``*_text`` columns, and the
engine's own sentences in ``note`` and ``notices``). Exact values are written as exact text,
readable with ``fractions.Fraction``: ``required``, ``actual``, ``expected``, ``gap`` and
``projection_*`` (``"7/10"``, ``"211/200"``, ``"true"``); dates and periods are ISO
(``2025-12-31``, ``2025``, ``2024-Q3``). Columns:

==============================  ==================================================================
``plan``                        the plan's id
``as_of``, ``known_at``         the evaluation and knowledge dates (``known_at`` may be empty)
``target``, ``title``, ``type`` the target's id, title in the report's language, and type
``milestone``, ``deadline``     the milestone's period and last day
``status``, ``status_label``    the status (``missed``) and its name in the language
``comparator``, ``required``    the requirement (``>=`` and ``7/10``); ``required_text`` ``≥ 70%``
``actual``, ``actual_text``     the value judged (empty without data) and as people read it
``period``                      the period of the value judged
``expected``, ``expected_text`` before the deadline: the value the schedule expects for it
``gap``, ``gap_text``           how far the value is from the requirement
``met_units``, ``population``,  share targets: units that meet the condition, units active, the
``required_units``,             smallest count that meets the requirement, units still short
``units_short``
``unreported_units``            active units that did not report, separated by ``"; "``
``strive``                      ``true`` for an aspirational milestone ("phấn đấu")
``source``, ``target_note``     the target's citation in the plan and its note
``note``                        the assessment's note (why there is no value), in the language
``amounts``                     for ratio and growth targets over described measures, the amounts
                                behind the value with their units of measure
``condition``                   the milestone's own per-unit condition, where it has one
``projection_linear``,          the value projected to the deadline by each method, and the
``projection_linear_first_met``, first period the projection meets the requirement
``projection_cagr``,
``projection_cagr_first_met``
``progress_method``,            the trend method's result: method, category, value, score
``progress_category``,
``progress_value``,
``progress_score``
``missing_reports``             reports of the target's measures due by the as-of date that did
                                not arrive, each ``measure:unit:period:due`` (the unit is empty
                                for a plan-wide figure), separated by ``"; "``. Each is on the
                                row of the first milestone whose deadline is on or after the
                                end of its period (the last milestone's row for later periods),
                                so that every one is written once per target; a group's row
                                has those of its own units
``notices``                     what a reader must know about the data (for example that it is
                                illustrative), separated by ``"; "``: in full on the first row,
                                and on every other row too, so that it travels with any row
                                copied elsewhere, cut to :data:`NOTICES_CELL` characters
                                (ending "…") when longer
==============================  ==================================================================

**Formula injection.** A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return) as a formula, and titles, notes and sources come from files. As
OWASP recommends, every such text cell is prefixed with ``'``. Numbers stay numbers: a cell
that is nothing but a number (``-3``, ``-0.25``, ``-1/12``, ``-1.5e-07``) is written as is,
since a sign, digits, a point and a slash cannot make a formula. Text that merely starts like
a number is still neutralised (a gap written ``-8,3%`` for people becomes ``'-8,3%``).

**Breakdown.** When targets are broken down by group, four columns follow,
:data:`BREAKDOWN_COLUMNS`: ``level`` (``pooled`` for the assessment of all units, ``group``
for one group's), ``breakdown`` (the key, such as ``parent``), ``group`` (the group's id,
empty for the units with no value for the key) and ``group_name``. Each target, milestone and
group then has its own row, right after its pooled row: the group's status, value and unit
counts in the same columns (``population`` is the group's active units for every type).
Without a breakdown the columns are left out, so a plain report keeps its header.

Lines end with ``\\n``; cells are quoted only when they hold a comma, a quote or a line break.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import csv
import io
import math
from collections.abc import Sequence

from policytargets.assess import Assessment, MissingReport, Scorecard
from policytargets.errors import shortened
from policytargets.io.spreadsheet import neutralise
from policytargets.measures import measure_map
from policytargets.projection import Projection
from policytargets.quantities import Lang, Value, value_text
from policytargets.report.labels import assessment_text, check_lang, clean, notice_text
from policytargets.targets import counts_units

__all__ = ["BREAKDOWN_COLUMNS", "CSV_HEADER", "NOTICES_CELL", "neutralise", "render_csv"]

CSV_HEADER: tuple[str, ...] = (
    "plan",
    "as_of",
    "known_at",
    "target",
    "title",
    "type",
    "milestone",
    "deadline",
    "status",
    "status_label",
    "comparator",
    "required",
    "required_text",
    "actual",
    "actual_text",
    "period",
    "expected",
    "expected_text",
    "gap",
    "gap_text",
    "met_units",
    "population",
    "required_units",
    "units_short",
    "unreported_units",
    "strive",
    "source",
    "target_note",
    "note",
    "amounts",
    "condition",
    "projection_linear",
    "projection_linear_first_met",
    "projection_cagr",
    "projection_cagr_first_met",
    "progress_method",
    "progress_category",
    "progress_value",
    "progress_score",
    "missing_reports",
    "notices",
)
"""The CSV columns, in order (see the module's documentation).

.. versionadded:: 0.1.0
"""

NOTICES_CELL = 1000
"""How many characters of the notices the ``notices`` cell of every row but the first holds
(the first holds them all): a data file may bring a megabyte of notes, and a plan a thousand
rows.

.. versionadded:: 0.2.0
"""

BREAKDOWN_COLUMNS: tuple[str, ...] = ("level", "breakdown", "group", "group_name")
"""The columns added after :data:`CSV_HEADER` when targets are broken down by group.

.. versionadded:: 0.2.0
"""


def _exact(value: Value | None) -> str:
    return "" if value is None else value_text(value)


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def _real(value: float | None) -> str:
    if value is None or math.isnan(value):
        return ""
    return repr(value)


def _projection(assessment: Assessment, method: str) -> tuple[str, str]:
    found: Projection | None = next((p for p in assessment.projections if p.method == method), None)
    if found is None:
        return "", ""
    value = "" if found.value_at_deadline is None else value_text(found.value_at_deadline)
    first = assessment.first_met_period(found)
    return value, "" if first is None else str(first)


def _missing_by_milestone(
    scorecard: Scorecard,
) -> dict[tuple[str, str], tuple[MissingReport, ...]]:
    """Each target's missing reports by the milestone whose row carries them: the first with a
    deadline on or after the end of the report's period, else the last. One pass, so that a
    report is written once per target however many milestones the target has."""
    found: dict[tuple[str, str], list[MissingReport]] = {}
    for target in scorecard.plan.targets:
        assessments = scorecard.for_target(target.id)
        if not assessments:
            continue
        deadlines = [a.milestone.deadline for a in assessments]
        last = len(assessments) - 1
        for report in scorecard.missing_for(target.id):
            index = min(bisect.bisect_left(deadlines, report.period.end), last)
            key = (target.id, assessments[index].milestone.label)
            found.setdefault(key, []).append(report)
    return {key: tuple(reports) for key, reports in found.items()}


def _missing_text(reports: Sequence[MissingReport]) -> str:
    return "; ".join(
        f"{clean(r.measure)}:{clean(r.unit)}:{r.period}:{r.due.isoformat()}" for r in reports
    )


def _row(
    scorecard: Scorecard,
    assessment: Assessment,
    number: int,
    lang: Lang,
    *,
    missing: str,
    notices: str,
) -> list[str]:
    measure = scorecard.plan.value_measure(assessment.target)
    text = assessment_text(
        assessment,
        number,
        lang,
        measure=measure,
        measures=measure_map(scorecard.plan.measure_descriptions),
    )
    share = counts_units(assessment.target.rule)
    linear, linear_met = _projection(assessment, "linear")
    cagr, cagr_met = _projection(assessment, "cagr")
    progress = assessment.progress
    return [
        clean(scorecard.plan.id),
        scorecard.as_of.isoformat(),
        "" if scorecard.known_at is None else scorecard.known_at.isoformat(),
        clean(assessment.target.id),
        text.title,
        assessment.target.kind,
        assessment.milestone.label,
        assessment.milestone.deadline.isoformat(),
        assessment.status.value,
        text.status_label,
        assessment.requirement.comparator.value,
        _exact(assessment.requirement.value),
        text.required,
        _exact(assessment.actual),
        text.actual if assessment.actual is not None else "",
        "" if assessment.period is None else str(assessment.period),
        _exact(assessment.expected),
        text.expected,
        _exact(assessment.gap),
        text.gap,
        _count(assessment.met_units) if share else "",
        _count(assessment.population) if share else "",
        _count(assessment.required_units),
        _count(assessment.units_short),
        "; ".join(text.unreported),
        "true" if assessment.milestone.strive else "false",
        text.source,
        text.target_note,
        text.note,
        text.amounts,
        text.condition,
        linear,
        linear_met,
        cagr,
        cagr_met,
        "" if progress is None else clean(progress.method),
        "" if progress is None else clean(progress.category),
        "" if progress is None else _real(progress.value),
        "" if progress is None else _real(progress.score),
        missing,
        notices,
    ]


def render_csv(scorecard: Scorecard, lang: str = "vi") -> str:
    """One row per assessment under :data:`CSV_HEADER`, every cell neutralised.

    Raises:
        ValueError: ``lang`` is not a report language.

    .. versionadded:: 0.1.0
    """
    language = check_lang(lang)
    numbers = {target.id: index for index, target in enumerate(scorecard.plan.targets, 1)}
    broken_down = any(a.breakdown is not None for a in scorecard.assessments)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow((*CSV_HEADER, *BREAKDOWN_COLUMNS) if broken_down else CSV_HEADER)
    every_notice = "; ".join(
        text for text in (notice_text(n, language) for n in scorecard.notices) if text
    )
    notices = every_notice
    missing = _missing_by_milestone(scorecard)
    for assessment in scorecard.assessments:
        number = numbers.get(assessment.target.id, 0)
        reports = missing.get((assessment.target.id, assessment.milestone.label), ())
        row = _row(
            scorecard,
            assessment,
            number,
            language,
            missing=_missing_text(reports),
            notices=notices,
        )
        breakdown = assessment.breakdown
        if broken_down:
            row += ["pooled", "" if breakdown is None else breakdown.by, "", ""]
        writer.writerow([neutralise(cell) for cell in row])
        notices = shortened(every_notice, NOTICES_CELL)  # in full on the first row only
        if breakdown is None:
            continue
        # one pass over the reports, in their order, whatever the number of groups
        group_of = {
            unit.id: index
            for index, group in enumerate(breakdown.groups)
            for unit in group.group.population.units
        }
        by_group: dict[int, list[MissingReport]] = {}
        for report in reports:
            if report.unit in group_of:
                by_group.setdefault(group_of[report.unit], []).append(report)
        for index, group in enumerate(breakdown.groups):
            own = _missing_text(by_group.get(index, ()))
            row = _row(scorecard, group.assessment, number, language, missing=own, notices=notices)
            row[CSV_HEADER.index("population")] = str(group.population)
            name = group.group.display_name(language)
            row += ["group", breakdown.by, clean(group.group.key), clean(name)]
            writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()
