"""The ``markdown`` format: GitHub-flavoured Markdown with tables.

Layout: the plan's number and title as the heading; the notices about the data in a warning
block right under it; dates and the plan's note; a summary table; one table of every
assessment; a details section per target (citation, note, unreported units, projections,
trend results, assessment notes); the reports not received.

Text from plan and data files is escaped (:func:`escape`), so that a ``|`` cannot split a
table cell and ``*``, ``_``, ``<``, ``[`` and the like show as themselves.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policytargets.report.labels import AssessmentText, MatrixText, ReportText, clean

__all__ = ["escape", "render_markdown"]

# Every character that can start or end Markdown syntax inline (CommonMark lets any ASCII
# punctuation be escaped with a backslash); ``$`` opens math on GitHub.
_SPECIAL = re.compile(r"([\\`*_\[\]{}<>|~#$!])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def escape(text: str) -> str:
    """Text from a file, made to show literally in Markdown (also inside a table cell).

    >>> escape("a | b *c* <d>")
    'a \\\\| b \\\\*c\\\\* \\\\<d\\\\>'

    .. versionadded:: 0.1.0
    """
    escaped = _SPECIAL.sub(r"\\\1", clean(text))
    escaped = _ENTITY.sub(r"\\&", escaped)
    # a list marker, ordered-list number or setext underline at the start of a block
    return _BLOCK_START.sub(
        lambda m: f"{m[1]}\\{m[2]}" if m[1] is not None else f"\\{m[3]}", escaped
    )


def _table(
    header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]
) -> list[str]:
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---:" if align else "---" for align in right) + "|")
    lines.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return lines


def _header(report: ReportText) -> list[str]:
    words = report.labels
    lines = [f"# {words.plan} {escape(report.number)} — {escape(report.title)}", ""]
    if report.notices:
        lines.extend(["> [!WARNING]", f"> **{words.notices}**", ">"])
        lines.extend(f"> - {escape(notice)}" for notice in report.notices)
        lines.append("")
    lines.extend([f"*{words.report}*", ""])
    facts = []
    if report.issuer:
        facts.append((words.issuer, escape(report.issuer)))
    facts.append((words.as_of, report.as_of))
    if report.known_at:
        facts.append((words.known_at, report.known_at))
    if report.plan_note:
        facts.append((words.plan_note, escape(report.plan_note)))
    lines.extend(f"- **{label}:** {text}" for label, text in facts)
    lines.append("")
    return lines


def _summary(report: ReportText) -> list[str]:
    words = report.labels
    rows = [[f"{symbol} {label}", str(count)] for _, label, symbol, count in report.summary]
    return [
        f"## {words.summary}",
        "",
        *_table([words.status, words.count], rows, [False, True]),
        "",
    ]


def _row(item: AssessmentText) -> list[str]:
    return [
        str(item.number),
        escape(item.title),
        item.milestone,
        item.deadline,
        f"{item.symbol} {item.status_label}",
        item.required,
        item.actual,
        item.period,
        item.expected,
        item.gap,
        item.met_total,
        item.required_units,
        item.units_short,
        escape(", ".join(item.unreported)),
        item.strive,
    ]


def _assessments(report: ReportText) -> list[str]:
    words = report.labels
    header = [
        "#",
        words.target,
        words.milestone,
        words.deadline,
        words.status,
        words.required,
        words.actual,
        words.period,
        words.expected,
        words.gap,
        words.met_total,
        words.required_units,
        words.units_short,
        words.unreported,
        words.strive.capitalize(),
    ]
    right = [True, False, False, False, False, False, True, False, True, True, True, True, True]
    right += [False, False]
    rows = [_row(item) for item in report.assessments]
    return [f"## {words.targets}", "", *_table(header, rows, right), ""]


def _details(report: ReportText) -> list[str]:
    words = report.labels
    lines = [f"## {words.details}", ""]
    seen: set[str] = set()  # a set: a report of 20,000 targets asks 20,000 times
    for first in report.assessments:
        if first.target.id in seen:
            continue
        seen.add(first.target.id)
        lines.extend([f"### {first.number}. {escape(first.title)}", ""])
        facts = [(words.target, f"`{clean(first.target.id).replace('`', '')}`")]
        if first.source:
            facts.append((words.source, escape(first.source)))
        if first.target_note:
            facts.append((words.note, escape(first.target_note)))
        for item in report.for_target(first.target.id):
            about = f"{words.milestone} {item.milestone}"
            line = f"{item.symbol} {item.status_label}"
            if item.units:
                line += f"; {escape(item.units)}"
            facts.append((about, line))
            if item.unreported:
                facts.append((f"{about} — {words.unreported}", escape(", ".join(item.unreported))))
            if item.condition:
                facts.append((f"{about} — {words.condition}", escape(item.condition)))
            if item.amounts:
                facts.append((f"{about} — {words.amounts}", escape(item.amounts)))
            facts.extend((f"{about} — {words.projections}", escape(p)) for p in item.projections)
            if item.progress:
                facts.append((f"{about} — {words.progress}", escape(item.progress)))
            if item.note:
                facts.append((f"{about} — {words.assessment_note}", escape(item.note)))
        lines.extend(f"- **{label}:** {text}" for label, text in facts)
        lines.append("")
    return lines


def _missing_reports(report: ReportText) -> list[str]:
    if not report.missing_reports:
        return []
    words = report.labels
    header = [words.unit, words.unit_name, words.measure, words.period, words.due, words.received]
    header.append(words.targets)
    rows = [
        [
            escape(m.unit),
            escape(m.unit_name),
            escape(m.measure),
            m.period,
            m.due,
            escape(m.received),
            escape(m.targets),
        ]
        for m in report.missing_reports
    ]
    lines = [f"## {words.missing_reports}", "", *_table(header, rows, [False] * 7), ""]
    if report.more_missing_reports:
        lines.extend([escape(report.more_missing_reports), ""])
    return lines


def _matrix(matrix: MatrixText, report: ReportText) -> list[str]:
    """A group × target matrix: what each column is, then a row per group."""
    words = report.labels
    lines = [f"## {escape(matrix.heading)}", "", escape(words.worst_first), ""]
    lines.extend(
        f"- **[{column.number}] {escape(column.title)}:** {words.milestone} {column.milestone}, "
        f"{words.required} {column.required}; {words.actual}: {column.pooled.text}; "
        f"{words.groups_meeting}: {column.meeting}"
        for column in matrix.columns
    )
    lines.append("")
    header = [words.group, *(f"[{column.number}]" for column in matrix.columns)]
    rows = [
        [escape(row.name), *(cell.text if cell else "" for cell in row.cells)]
        for row in matrix.rows
    ]
    lines.extend(_table(header, rows, [False] * len(header)))
    if matrix.ungrouped:
        lines.extend(["", escape(matrix.ungrouped)])
    lines.append("")
    return lines


def render_markdown(report: ReportText) -> str:
    """Render a written-out scorecard as GitHub-flavoured Markdown.

    .. versionadded:: 0.1.0
    """
    lines = [
        *_header(report),
        *_summary(report),
        *_assessments(report),
        *_details(report),
        *(line for matrix in report.matrices for line in _matrix(matrix, report)),
        *_missing_reports(report),
    ]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
