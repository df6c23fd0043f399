"""How scorecards, assessments, plans and observation logs show themselves in a notebook.

``repr()`` gives a few lines (a screenful at most, whatever the size of the plan or the
data); ``_repr_html_`` (what Jupyter and VS Code display) a compact table with a symbol per
status and a sparkline per target, in English, inside an HTML fragment whose CSS is scoped
under :data:`~policytargets.report.html.ROOT_CLASS`. For the whole report in either
language, use ``render(card, "html", lang="vi", fragment=True)``.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from policytargets.assess import Assessment, Scorecard, Status
from policytargets.observations import ObservationLog
from policytargets.periods import Period
from policytargets.plan import Plan
from policytargets.quantities import format_value, parse_value, value_text
from policytargets.report.html import ROOT_CLASS, STYLE
from policytargets.report.labels import (
    EN,
    STATUS_SYMBOLS,
    clean,
    notice_text,
    requirement_text,
)
from policytargets.report.svg import ZERO_BASED_KINDS

if TYPE_CHECKING:
    from policytargets.targets.target import Target

__all__ = [
    "MAX_LINES",
    "MAX_ROWS",
    "assessment_html",
    "log_html",
    "log_repr",
    "plan_html",
    "plan_repr",
    "scorecard_html",
    "scorecard_repr",
    "sparkline",
]

MAX_LINES = 24
"""The most lines a ``repr()`` shows; the rest is counted in its last line.

.. versionadded:: 0.2.0
"""

MAX_ROWS = 60
"""The most rows a notebook table shows; the rest is counted under it.

.. versionadded:: 0.2.0
"""

_SPARK_WIDTH, _SPARK_HEIGHT, _SPARK_PAD = 96, 24, 3


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _short(text: str, limit: int = 60) -> str:
    text = clean(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _lines(head: str, items: Sequence[str], more: str) -> str:
    """``head`` and at most :data:`MAX_LINES` items, the rest counted with ``more``."""
    room = MAX_LINES - len(head.splitlines()) - 1
    shown = list(items[:room])
    if len(items) > len(shown):
        shown.append(more.format(count=len(items) - len(shown)))
    return "\n".join([head, *(f"  {line}" for line in shown)]) + ">"


def _assessment_line(assessment: Assessment) -> str:
    actual = "no value" if assessment.actual is None else value_text(assessment.actual)
    where = f" ({assessment.period})" if assessment.period is not None else ""
    requirement = assessment.requirement
    return (
        f"{STATUS_SYMBOLS[assessment.status]} {assessment.target.id} "
        f"{assessment.milestone.label}: {assessment.status.value}, actual {actual}{where}, "
        f"required {requirement.comparator.value} {value_text(requirement.value)}"
    )


def scorecard_repr(scorecard: Scorecard) -> str:
    """A scorecard in a few lines: plan, date, counts per status, each target's headline."""
    plan = scorecard.plan
    known = f", known at {scorecard.known_at}" if scorecard.known_at else ""
    counts = " · ".join(f"{status} {count}" for status, count in scorecard.summary.items())
    head = (
        f"<Scorecard {plan.number} ({plan.id}) as of {scorecard.as_of}{known}: "
        f"{len(scorecard.assessments)} assessments\n  {counts}"
    )
    lines = [_assessment_line(a) for a in scorecard.headlines()]
    return _lines(head, lines, "… and {count} more targets (to_records() lists every assessment)")


def plan_repr(plan: Plan) -> str:
    """A plan in a few lines: its number, title, dates and one line per target."""
    head = (
        f"<Plan {plan.number} ({plan.id}), effective {plan.effective}: "
        f"{_count(len(plan.targets), 'target')}, "
        f"{_count(len(plan.populations), 'population')}\n"
        f"  {_short(plan.title, 90)}"
    )
    lines = [
        f"{target.id} ({target.kind}): "
        + "; ".join(
            f"{m.label} {m.require.comparator.value} {value_text(m.require.value)}"
            for m in target.all_milestones[:4]
        )
        + (" …" if len(target.all_milestones) > 4 else "")
        for target in plan.targets
    ]
    return _lines(head, lines, "… and {count} more targets")


def _log_summary(log: ObservationLog) -> dict[str, tuple[int, set[str | None], Period, Period]]:
    summary: dict[str, list[Any]] = defaultdict(lambda: [0, set(), None, None])
    for observation in log:
        entry = summary[observation.measure]
        entry[0] += 1
        entry[1].add(observation.unit)
        period = observation.period
        if entry[2] is None or period.start < entry[2].start:
            entry[2] = period
        if entry[3] is None or period.end > entry[3].end:
            entry[3] = period
    return {
        measure: (n, units, first, last) for measure, (n, units, first, last) in summary.items()
    }


def log_repr(log: ObservationLog) -> str:
    """An observation log in a line: how many observations, of how many measures."""
    notes = f", {_count(len(log.notes), 'note')}" if log.notes else ""
    return (
        f"<ObservationLog: {_count(len(log), 'observation')} of "
        f"{_count(len(log.measures), 'measure')}{notes}>"
    )


def sparkline(assessment: Assessment) -> str:
    """A small inline SVG of an assessment's observed values, with its requirement dashed.

    Empty when there is nothing to draw (no values, or an assessment made by hand).
    """
    try:
        rows = assessment.series()
    except ValueError:
        return ""
    points: list[tuple[int, float]] = [
        (index, row["observed"]) for index, row in enumerate(rows) if row["observed"] is not None
    ]
    if not points:
        return ""
    required: float | None = rows[-1]["required"]
    values = [value for _, value in points] + ([required] if required is not None else [])
    if assessment.target.kind in ZERO_BASED_KINDS:
        values.append(0.0)
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    last = max(len(rows) - 1, 1)

    def x(index: int) -> float:
        return _SPARK_PAD + index / last * (_SPARK_WIDTH - 2 * _SPARK_PAD)

    def y(value: float) -> float:
        return (
            _SPARK_HEIGHT
            - _SPARK_PAD
            - (value - low) / (high - low) * (_SPARK_HEIGHT - 2 * _SPARK_PAD)
        )

    line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in points)
    percent = assessment.target.percent
    described = ", ".join(
        f"{row['period']}: "
        f"{format_value(parse_value(row['observed_exact']), 'en', percent=percent)}"
        for row in rows
        if row["observed_exact"] is not None
    )
    parts = [
        f'<svg class="sparkline" viewBox="0 0 {_SPARK_WIDTH} {_SPARK_HEIGHT}" role="img" '
        f'aria-label="{_e(described)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{_e(described)}</title>",
    ]
    if required is not None:
        parts.append(
            f'<line x1="{_SPARK_PAD}" y1="{y(required):.1f}" x2="{_SPARK_WIDTH - _SPARK_PAD}" '
            f'y2="{y(required):.1f}"/>'
        )
    parts.append(f'<polyline points="{line}"/>')
    end_index, end_value = points[-1]
    parts.append(f'<circle cx="{x(end_index):.1f}" cy="{y(end_value):.1f}" r="2"/>')
    parts.append("</svg>")
    return "".join(parts)


def _status_cell(status: Status) -> str:
    return (
        f'<td><span class="status status-{status.value}"><span class="symbol" '
        f'aria-hidden="true">{STATUS_SYMBOLS[status]}</span> {_e(EN.statuses[status])}'
        "</span></td>"
    )


def _notices(notices: Sequence[str]) -> list[str]:
    """The notices, folded: the first one stays in sight (it often says the data is
    illustrative), the others open on a click."""
    if not notices:
        return []
    first, rest = notices[0], notices[1:]
    if not rest:
        return [f'<p class="notices">⚠ {_e(first)}</p>']
    return [
        f'<details class="notices"><summary>⚠ {_e(first)} <small>(+{len(rest)})</small>'
        "</summary><ul>",
        *(f"<li>{_e(notice)}</li>" for notice in rest),
        "</ul></details>",
    ]


def _fragment(inner: Sequence[str]) -> str:
    return "\n".join(
        [
            f'<div class="{ROOT_CLASS} compact" lang="en">',
            f"<style>{STYLE}</style>",
            *inner,
            "</div>",
        ]
    )


def _assessment_rows(assessments: Sequence[Assessment], numbers: dict[str, int]) -> list[str]:
    words = EN
    head = [
        words.target,
        words.milestone,
        words.status,
        words.required,
        words.actual,
        words.expected,
        "Trend",
    ]
    lines = [
        '<table class="reflow">',
        "<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr></thead>",
        "<tbody>",
    ]
    for assessment in assessments[:MAX_ROWS]:
        target = assessment.target
        percent = target.percent
        number = numbers.get(target.id)
        prefix = f"{number}. " if number else ""
        actual = format_value(assessment.actual, "en", percent=percent)
        if assessment.period is not None:
            actual += f" <small>({_e(str(assessment.period))})</small>"
        expected = (
            ""
            if assessment.expected is None
            else format_value(assessment.expected, "en", percent=percent)
        )
        cells = [
            f'<td data-label="{_e(words.target)}">{_e(prefix)}'
            f"{_e(_short(target.display_title('en')))}"
            f"<br><small><code>{_e(clean(target.id))}</code></small></td>",
            f'<td data-label="{_e(words.milestone)}">{_e(assessment.milestone.label)}</td>',
            _status_cell(assessment.status),
            f'<td data-label="{_e(words.required)}">'
            f"{_e(requirement_text(assessment.requirement, 'en', percent=percent))}</td>",
            f'<td data-label="{_e(words.actual)}">{actual}</td>',
            f'<td data-label="{_e(words.expected)}">{_e(expected)}</td>',
            f'<td data-label="Trend">{sparkline(assessment)}</td>',
        ]
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.extend(["</tbody>", "</table>"])
    if len(assessments) > MAX_ROWS:
        lines.append(f"<p><small>… and {len(assessments) - MAX_ROWS} more</small></p>")
    return lines


def scorecard_html(scorecard: Scorecard) -> str:
    """A scorecard as a compact HTML fragment: counts per status, notices, and each target's
    headline assessment with a sparkline."""
    plan = scorecard.plan
    numbers = {target.id: index for index, target in enumerate(plan.targets, start=1)}
    counts = scorecard.summary
    notices = list(dict.fromkeys(notice_text(n, "en") for n in scorecard.notices))
    lines = [
        f"<p><strong>{_e(EN.plan)} {_e(clean(plan.number))}</strong> — "
        f"{_e(_short(plan.display_title('en'), 120))}<br>"
        f"<small>{_e(EN.as_of)} {scorecard.as_of.isoformat()}"
        + (f"; {_e(EN.known_at)} {scorecard.known_at.isoformat()}" if scorecard.known_at else "")
        + "</small></p>",
        '<ul class="badges">',
        *(
            f'<li><span class="status status-{s.value}"><span class="symbol" aria-hidden="true">'
            f"{STATUS_SYMBOLS[s]}</span> {_e(EN.statuses[s])}</span> "
            f"<strong>{counts[s.value]}</strong></li>"
            for s in Status
        ),
        "</ul>",
    ]
    lines.extend(_notices(notices))
    lines.extend(_assessment_rows(scorecard.headlines(), numbers))
    return _fragment(lines)


def assessment_html(assessment: Assessment) -> str:
    """One assessment as a one-row HTML table with a sparkline."""
    return _fragment(_assessment_rows([assessment], {}))


def _milestones_text(target: Target) -> str:
    return "; ".join(
        f"{m.label} {requirement_text(m.require, 'en', percent=target.percent)}"
        for m in target.all_milestones
    )


def plan_html(plan: Plan) -> str:
    """A plan as an HTML fragment: its title and a table of its targets and milestones."""
    words = EN
    lines = [
        f"<p><strong>{_e(words.plan)} {_e(clean(plan.number))}</strong> — "
        f"{_e(_short(plan.display_title('en'), 120))}<br><small>"
        f"{_e(clean(plan.issuer))}; effective {plan.effective.isoformat()}</small></p>",
        '<table class="reflow">',
        "<thead><tr>"
        + "".join(f"<th>{_e(h)}</th>" for h in ("#", words.target, "Type", "Milestones"))
        + "</tr></thead>",
        "<tbody>",
    ]
    for number, target in enumerate(plan.targets[:MAX_ROWS], start=1):
        lines.append(
            f'<tr><td data-label="#">{number}</td>'
            f'<td data-label="{_e(words.target)}">{_e(_short(target.display_title("en")))}'
            f"<br><small><code>{_e(clean(target.id))}</code></small></td>"
            f'<td data-label="Type">{_e(target.kind)}</td>'
            f'<td data-label="Milestones">{_e(_short(_milestones_text(target), 160))}</td></tr>'
        )
    lines.extend(["</tbody>", "</table>"])
    if len(plan.targets) > MAX_ROWS:
        lines.append(f"<p><small>… and {len(plan.targets) - MAX_ROWS} more</small></p>")
    return _fragment(lines)


def log_html(log: ObservationLog) -> str:
    """An observation log as an HTML fragment: its notes and, per measure, how many
    observations, from how many units, over which periods."""
    summary = _log_summary(log)
    lines = [f"<p><strong>{len(log)} observations</strong> of {len(summary)} measures</p>"]
    lines.extend(_notices(list(dict.fromkeys(clean(note) for note in log.notes))))
    head = (EN.measure, "Observations", "Units", "Periods")
    lines.extend(
        [
            '<table class="reflow">',
            "<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr></thead>",
            "<tbody>",
        ]
    )
    measures = sorted(summary)
    for measure in measures[:MAX_ROWS]:
        count, units, first, last = summary[measure]
        named = len([unit for unit in units if unit is not None])
        unit_text = f"{named}" + (" + plan-wide" if None in units else "")
        periods = str(first) if first == last else f"{first} – {last}"
        lines.append(
            f'<tr><td data-label="{_e(EN.measure)}"><code>{_e(clean(measure))}</code></td>'
            f'<td data-label="Observations">{count}</td><td data-label="Units">{unit_text}</td>'
            f'<td data-label="Periods">{_e(periods)}</td></tr>'
        )
    lines.extend(["</tbody>", "</table>"])
    if len(measures) > MAX_ROWS:
        lines.append(f"<p><small>… and {len(measures) - MAX_ROWS} more measures</small></p>")
    return _fragment(lines)
