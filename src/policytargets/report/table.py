"""The ``table`` format: aligned plain text for a terminal.

Layout, top to bottom: the plan's number and title; the notices about the data, framed, before
anything else; the as-of and knowledge dates and the summary; then one block per target (its
title, citation and note, a table of its milestones, and a line per extra fact: unreported
units, projections, trend result, assessment note); last, the reports not received.

Every milestone table of a report has the same columns at the same positions, so the tables
of all targets line up under each other. Columns are measured in terminal cells, not
characters (:func:`display_width`): text is NFC, combining marks take no cell, East Asian wide
and full-width characters take two, and the ambiguous ones (``▲``, ``·``, ``—``) one, as in
non-East-Asian terminals. A header wider than its column's values wraps onto a second line.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence

from policytargets.report.labels import AssessmentText, MatrixText, ReportText, clean

__all__ = ["display_width", "render_table", "table_lines", "wrap"]

_SEPARATOR = " | "
_RULE_SEPARATOR = "-+-"
_INDENT = "  "
_TEXT_WIDTH = 100
_HEADER_WRAP = 8  # a header wraps when it is wider than its values and than this


@functools.cache
def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in {"Mn", "Me", "Cf"}:
        return 0
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1


def display_width(text: str) -> int:
    """The number of terminal cells ``text`` takes (after NFC normalisation).

    >>> display_width("Chậm tiến độ"), display_width("Tie\u0302\u0301n"), display_width("中文")
    (12, 4, 4)

    .. versionadded:: 0.1.0
    """
    if text.isascii():  # the usual case: one cell a character, control characters included
        return len(text)
    return sum(_char_width(char) for char in unicodedata.normalize("NFC", text))


def _pad(text: str, width: int, *, right: bool = False) -> str:
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def _break_word(word: str, width: int) -> list[str]:
    pieces: list[str] = []
    current, used = "", 0
    for char in word:
        size = _char_width(char)
        if used + size > width and current:
            pieces.append(current)
            current, used = "", 0
        current += char
        used += size
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` cells, at spaces where possible.

    .. versionadded:: 0.1.0
    """
    lines: list[str] = []
    current, used = "", 0  # the line so far and its cells, so that each word is measured once
    for word in text.split():
        size = display_width(word)
        if current and used + 1 + size <= width:
            current, used = f"{current} {word}", used + 1 + size
            continue
        if not current and size <= width:
            current, used = word, size
            continue
        if current:
            lines.append(current)
        pieces = _break_word(word, width) if size > width else [word]
        lines.extend(pieces[:-1])
        current = pieces[-1]
        used = display_width(current)
    if current or not lines:
        lines.append(current)
    return lines


def _labelled(label: str, text: str, indent: str) -> list[str]:
    """``label: text`` wrapped to the text width, continuation lines indented."""
    first = f"{indent}{label}: "
    lines = wrap(text, _TEXT_WIDTH - display_width(first))
    hang = " " * display_width(first)
    return [first + lines[0], *(hang + line for line in lines[1:])]


def _columns(report: ReportText) -> list[tuple[str, bool]]:
    words = report.labels
    return [
        (words.milestone, False),
        (words.deadline, False),
        (words.status, False),
        (words.required, False),
        (words.actual, True),
        (words.period, False),
        (words.expected, True),
        (words.gap, True),
        (words.met_total, True),
        (words.required_units, True),
        (words.units_short, True),
        (words.strive.capitalize(), False),
    ]


def _cells(item: AssessmentText) -> list[str]:
    return [
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
        item.strive,
    ]


def _grid(
    header: Sequence[str], rows: Sequence[Sequence[str]]
) -> tuple[list[int], list[list[str]]]:
    """Column widths, and the header wrapped to them (one list of lines per column)."""
    widths = [max((display_width(row[i]) for row in rows), default=0) for i in range(len(header))]
    wrapped: list[list[str]] = []
    for i, title in enumerate(header):
        longest_word = max(display_width(word) for word in title.split())
        width = max(widths[i], min(display_width(title), max(_HEADER_WRAP, longest_word)))
        lines = wrap(title, width)
        widths[i] = max(width, *(display_width(line) for line in lines))
        wrapped.append(lines)
    return widths, wrapped


def _line(cells: Sequence[str], widths: Sequence[int], right: Sequence[bool], indent: str) -> str:
    padded = (
        _pad(cell, width, right=align)
        for cell, width, align in zip(cells, widths, right, strict=True)
    )
    return (indent + _SEPARATOR.join(padded)).rstrip()


def _table_lines(
    widths: Sequence[int],
    header: Sequence[Sequence[str]],
    rows: Sequence[Sequence[str]],
    right: Sequence[bool],
    indent: str,
) -> list[str]:
    height = max(len(lines) for lines in header)
    lines: list[str] = []
    for line_number in range(height):
        # header lines sit at the bottom of their cell, next to the rule
        cells = [
            column[line_number - (height - len(column))]
            if line_number >= height - len(column)
            else ""
            for column in header
        ]
        lines.append(_line(cells, widths, right, indent))
    lines.append(indent + _RULE_SEPARATOR.join("-" * width for width in widths))
    lines.extend(_line(row, widths, right, indent) for row in rows)
    return lines


def table_lines(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[bool] | None = None,
    indent: str = "",
) -> list[str]:
    """The lines of an aligned table: header, rule, then one line per row.

    Columns are measured in terminal cells (:func:`display_width`), joined by ``" | "``,
    and a header wider than its column's values wraps onto more lines. Trailing spaces are
    removed.

    >>> for line in table_lines(["Kỳ", "Giá trị"], [["2025", "70%"], ["2030", "100%"]],
    ...                         right=[False, True]):
    ...     print(line)
    Kỳ   | Giá trị
    -----+--------
    2025 |     70%
    2030 |    100%

    Args:
        header: The column titles.
        rows: The cells, one sequence per row, as many as there are titles.
        right: Per column, whether its cells are aligned right (default: all left).
        indent: Put before every line.

    .. versionadded:: 0.1.0
    """
    widths, wrapped = _grid(header, rows)
    aligned = [False] * len(header) if right is None else right
    return _table_lines(widths, wrapped, rows, aligned, indent)


def _notice_block(report: ReportText) -> list[str]:
    if not report.notices:
        return []
    frame = "=" * _TEXT_WIDTH
    lines = [frame, f"!! {report.labels.notices.upper()}"]
    for notice in report.notices:
        body = wrap(notice, _TEXT_WIDTH - 3)
        lines.extend(["!! " + body[0], *("   " + line for line in body[1:])])
    lines.extend([frame, ""])
    return lines


def _summary(report: ReportText) -> list[str]:
    """The counts per status, an entry never split across lines."""
    first = f"{report.labels.summary}: "
    hang = " " * display_width(first)
    lines = [first]
    for _, label, symbol, count in report.summary:
        entry = f"{symbol} {label}: {count}"
        if lines[-1] in {first, hang}:
            lines[-1] += entry
        elif display_width(f"{lines[-1]} | {entry}") <= _TEXT_WIDTH:
            lines[-1] += f" | {entry}"
        else:
            lines[-1] += " |"
            lines.append(hang + entry)
    return lines


def _header(report: ReportText) -> list[str]:
    words = report.labels
    lines = wrap(f"{words.plan} {report.number} — {report.title}", _TEXT_WIDTH)
    lines.append(words.report)
    lines.append("")
    lines.extend(_notice_block(report))
    if report.issuer:
        lines.extend(_labelled(words.issuer, report.issuer, ""))
    lines.append(f"{words.as_of}: {report.as_of}")
    if report.known_at:
        lines.append(f"{words.known_at}: {report.known_at}")
    lines.extend(_summary(report))
    if report.plan_note:
        lines.extend(_labelled(words.plan_note, report.plan_note, ""))
    lines.append("")
    return lines


def _extras(item: AssessmentText, report: ReportText) -> list[str]:
    words = report.labels
    facts: list[tuple[str, str]] = []
    if item.unreported:
        facts.append((words.unreported, ", ".join(item.unreported)))
    if item.condition:
        facts.append((words.condition, item.condition))
    if item.amounts:
        facts.append((words.amounts, item.amounts))
    facts.extend((words.projections, line) for line in item.projections)
    if item.progress:
        facts.append((words.progress, item.progress))
    if item.note:
        facts.append((words.assessment_note, item.note))
    lines: list[str] = []
    for label, text in facts:
        lines.extend(_labelled(f"{words.milestone} {item.milestone} — {label}", text, _INDENT))
    return lines


def _missing_reports(report: ReportText) -> list[str]:
    if not report.missing_reports:
        return []
    words = report.labels
    header = [words.unit, words.unit_name, words.measure, words.period, words.due, words.received]
    header.append(words.targets)
    rows = [
        [m.unit, m.unit_name, m.measure, m.period, m.due, m.received, m.targets]
        for m in report.missing_reports
    ]
    more = wrap(report.more_missing_reports, _TEXT_WIDTH) if report.more_missing_reports else []
    lines = [words.missing_reports, "", *table_lines(header, rows, indent=_INDENT)]
    return [*lines, *(_INDENT + line for line in more), ""]


def _matrix(matrix: MatrixText, report: ReportText) -> list[str]:
    """A group × target matrix: a legend line per target, then a row per group."""
    words = report.labels
    lines = [*wrap(matrix.heading, _TEXT_WIDTH), *wrap(words.worst_first, _TEXT_WIDTH), ""]
    for column in matrix.columns:
        facts = (
            f"{words.milestone} {column.milestone}, {words.required} {column.required}; "
            f"{words.actual}: {column.pooled.text}; {words.groups_meeting}: {column.meeting}"
        )
        lines.extend(_labelled(f"[{column.number}] {column.title}", facts, _INDENT))
    lines.append("")
    header = [words.group, *(f"[{column.number}]" for column in matrix.columns)]
    rows = [[row.name, *(cell.text if cell else "" for cell in row.cells)] for row in matrix.rows]
    lines.extend(table_lines(header, rows, indent=_INDENT))
    if matrix.ungrouped:
        lines.extend(["", *wrap(matrix.ungrouped, _TEXT_WIDTH)])
    lines.append("")
    return lines


def render_table(report: ReportText) -> str:
    """Render a written-out scorecard as aligned plain text.

    .. versionadded:: 0.1.0
    """
    columns = _columns(report)
    header = [title for title, _ in columns]
    right = [align for _, align in columns]
    all_rows = [_cells(item) for item in report.assessments]
    widths, wrapped = _grid(header, all_rows)
    words = report.labels
    lines = _header(report)
    seen: set[str] = set()  # a set: a report of 20,000 targets asks 20,000 times
    for item in report.assessments:
        target_id = item.target.id
        if target_id in seen:
            continue
        seen.add(target_id)
        items = report.for_target(target_id)
        lines.extend(wrap(f"[{item.number}] {item.title} ({clean(target_id)})", _TEXT_WIDTH))
        if item.source:
            lines.extend(_labelled(words.source, item.source, _INDENT))
        if item.target_note:
            lines.extend(_labelled(words.note, item.target_note, _INDENT))
        lines.append("")
        rows = [_cells(one) for one in items]
        lines.extend(_table_lines(widths, wrapped, rows, right, _INDENT))
        extras = [line for one in items for line in _extras(one, report)]
        if extras:
            lines.append("")
            lines.extend(extras)
        lines.append("")
    for matrix in report.matrices:
        lines.extend(_matrix(matrix, report))
    lines.extend(_missing_reports(report))
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(line.rstrip() for line in lines) + "\n"
