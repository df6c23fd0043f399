"""A chart of each group's value against the requirement: one bar per group, for one target.

Bars run from zero to the group's value, coloured by the group's status (and marked with its
symbol, so that the chart reads in black and white); a dashed line marks the requirement. The
groups are in the matrix's order (worst first). Everything is escaped; the chart is inline
SVG and needs nothing else.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import html
import math
from fractions import Fraction

from policytargets.quantities import Lang, format_value
from policytargets.report.labels import Labels, MatrixColumn, MatrixRow, MatrixText

__all__ = ["render_group_chart"]

_WIDTH = 640
_LABEL = 190  # room for the groups' names
_RIGHT = 96  # room for the value after the longest bar
_TOP = 28
_ROW = 17
_BOTTOM_MARGIN = 24


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _fmt(number: float) -> str:
    text = f"{number:.1f}"
    return "0.0" if text == "-0.0" else text


def _number(value: object) -> Fraction | None:
    if isinstance(value, bool):
        return Fraction(int(value))
    return value if isinstance(value, Fraction) else None


def _clip(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def render_group_chart(
    matrix: MatrixText, index: int, *, labels: Labels, lang: Lang, chart_id: str
) -> str:
    """The chart of the matrix's column ``index`` as an inline ``<svg>`` element.

    Args:
        matrix: The written-out matrix.
        index: The column (target) to chart.
        labels: The report's labels.
        lang: The report's language.
        chart_id: A unique id prefix, safe in an attribute.

    .. versionadded:: 0.2.0
    """
    column: MatrixColumn = matrix.columns[index]
    rows: list[tuple[MatrixRow, Fraction | None]] = []
    for row in matrix.rows:
        cell = row.cells[index]
        if cell is not None:
            rows.append((row, _number(cell.assessment.actual)))
    required = _number(column.assessment.requirement.value) or Fraction(0)
    values = [Fraction(0), required, *(v for _, v in rows if v is not None)]
    low, high = min(values), max(values)
    share = column.target.rule.kind == "threshold-share"
    if share:
        high = max(high, Fraction(1))
    if high == low:
        high = low + 1
    plot = _WIDTH - _LABEL - _RIGHT
    height = _TOP + _ROW * max(1, len(rows)) + _BOTTOM_MARGIN

    def x(value: Fraction) -> float:
        return _LABEL + float((value - low) / (high - low)) * plot

    title = f"{labels.breakdown_chart}: {column.title}"
    requirement = f"{labels.required} {column.required}"
    parts = [
        f'<svg class="chart group-chart" viewBox="0 0 {_WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{_e(title)}</title>',
        f'<desc id="{chart_id}-desc">{_e(requirement)}</desc>',
    ]
    zero = x(Fraction(0))
    for number, (row, value) in enumerate(rows):
        cell = row.cells[index]
        assert cell is not None  # noqa: S101 - selected above
        top = _TOP + number * _ROW
        middle = top + _ROW / 2
        status = cell.status.value
        parts.append(
            f'<text class="group-name" x="{_LABEL - 6}" y="{_fmt(middle)}" text-anchor="end" '
            f'dominant-baseline="middle">{_e(_clip(row.name))}<title>{_e(row.name)}</title></text>'
        )
        label = f"{cell.symbol} {cell.value}"
        if value is None:
            parts.append(
                f'<text class="chart-note status-{status}" x="{_fmt(zero + 4)}" '
                f'y="{_fmt(middle)}" dominant-baseline="middle">{_e(label)}</text>'
            )
            continue
        start, end = sorted((zero, x(value)))
        parts.append(
            f'<rect class="group-bar status-{status}" x="{_fmt(start)}" y="{_fmt(top + 3)}" '
            f'width="{_fmt(max(end - start, 1.0))}" height="{_ROW - 6}">'
            f"<title>{_e(row.name)}: {_e(cell.text)}</title></rect>"
        )
        parts.append(
            f'<text class="group-value status-{status}" x="{_fmt(end + 4)}" y="{_fmt(middle)}" '
            f'dominant-baseline="middle">{_e(label)}</text>'
        )
    bottom = _TOP + _ROW * max(1, len(rows))
    parts.append(
        f'<line class="chart-axis" x1="{_fmt(zero)}" y1="{_TOP - 4}" x2="{_fmt(zero)}" '
        f'y2="{bottom}"/>'
    )
    mark = x(required)
    parts.append(
        f'<line class="chart-required" x1="{_fmt(mark)}" y1="{_TOP - 6}" x2="{_fmt(mark)}" '
        f'y2="{bottom + 4}"/>'
    )
    anchor = "end" if mark > _LABEL + plot * 0.7 else "start"
    parts.append(
        f'<text class="chart-tick" x="{_fmt(mark)}" y="{_TOP - 10}" text-anchor="{anchor}">'
        f"{_e(column.required)}</text>"
    )
    for tick in (low, high):
        if math.isclose(float(tick), float(required)):
            continue
        parts.append(
            f'<text class="chart-tick" x="{_fmt(x(tick))}" y="{bottom + 16}" '
            f'text-anchor="middle">{_e(format_value(tick, lang, percent=column.target.percent))}'
            "</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)
