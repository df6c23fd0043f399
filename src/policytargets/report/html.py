"""The ``html`` format: one self-contained page, with an inline SVG chart per target.

The page needs nothing else: its CSS is inline, there are no scripts, fonts, images or links
to fetch. Layout: the plan's number and title; the notices about the data in a framed box
right under them; dates and the plan's note; the summary per status; one card per target
(title, id, citation, note, a table of its milestones, the extra facts, the chart); the
reports not received.

Statuses are coloured, and also read in black and white: each shows its symbol and its name.
The page prints on A4 (``@page``), and a target's card is never split across pages. Every
text from a plan or data file is escaped (:func:`html.escape`), also inside the SVG charts.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from policytargets.assess import Scorecard
from policytargets.observations import ObservationLog
from policytargets.report.group_chart import render_group_chart
from policytargets.report.labels import AssessmentText, MatrixCell, MatrixText, ReportText, clean
from policytargets.report.svg import chart_data, render_chart
from policytargets.targets import counts_units

__all__ = ["MATRIX_STYLE", "STYLE", "render_html"]

STYLE = """
:root {
  --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --paper: #ffffff; --wash: #f6f8fa;
  --achieved: #1a7f37; --missed: #cf222e; --on_track: #0969da; --off_track: #9a6700;
  --no_data: #6e7781; --lapsed: #8250df; --not_started: #8c959f; --notice: #9a6700;
  --notice-wash: #fff8c5;
}
* { box-sizing: border-box; }
html { color: var(--ink); background: var(--paper); }
body {
  font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 15px; line-height: 1.45; max-width: 1100px; margin: 0 auto; padding: 24px;
}
h1 { font-size: 1.6em; margin: 0.2em 0 0.4em; }
h2 { font-size: 1.25em; margin: 1.4em 0 0.5em; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1em; margin: 0 0 0.3em; }
.kicker { color: var(--muted); margin: 0; text-transform: uppercase; letter-spacing: 0.04em;
  font-size: 0.85em; }
.notices { border: 3px solid var(--notice); background: var(--notice-wash);
  padding: 10px 16px; margin: 12px 0 16px; }
.notices h2 { border: 0; margin: 0 0 4px; font-size: 1.1em; text-transform: uppercase; }
.notices ul { margin: 0; padding-left: 1.2em; font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.badges { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 8px; }
.badges li { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; }
.status { font-weight: 600; white-space: nowrap; }
.status .symbol { display: inline-block; min-width: 1em; text-align: center; }
.status-achieved { color: var(--achieved); } .status-missed { color: var(--missed); }
.status-on_track { color: var(--on_track); } .status-off_track { color: var(--off_track); }
.status-no_data { color: var(--no_data); } .status-not_started { color: var(--not_started); }
.status-lapsed { color: var(--lapsed); }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 0 0 18px;
  break-inside: avoid; page-break-inside: avoid; }
.card .meta, .card .note { margin: 0.2em 0; color: var(--muted); }
.card code { font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 0.92em; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left;
  vertical-align: top; }
th { background: var(--wash); font-weight: 600; }
th.number { text-align: right; }
td.number { text-align: right; white-space: nowrap; }
td small, .card small { color: var(--muted); }
.strive { display: inline-block; border: 1px dashed var(--muted); border-radius: 4px;
  padding: 0 4px; font-size: 0.85em; margin-left: 4px; }
ul.extras { margin: 6px 0; padding-left: 1.2em; }
figure { margin: 8px 0 0; }
figcaption { color: var(--muted); font-size: 0.85em; }
svg.chart { width: 100%; max-width: 640px; height: auto; display: block; }
svg.chart text { font-size: 11px; fill: var(--ink); }
svg.chart .chart-tick, svg.chart .chart-note { fill: var(--muted); }
svg.chart .chart-grid { stroke: var(--line); stroke-width: 1; }
svg.chart .chart-axis { stroke: var(--muted); stroke-width: 1; }
svg.chart .chart-as-of { stroke: var(--muted); stroke-width: 1; stroke-dasharray: 2 3; }
svg.chart .chart-required { fill: none; stroke: var(--ink); stroke-width: 1.5;
  stroke-dasharray: 6 4; }
svg.chart .chart-observed { fill: none; stroke: var(--on_track); stroke-width: 2.5; }
svg.chart .chart-point { fill: var(--on_track); stroke: var(--paper); stroke-width: 1; }
svg.chart .chart-value { fill: var(--on_track); font-weight: 600; }
svg.chart .chart-milestone { stroke: var(--ink); stroke-width: 1; fill: var(--paper); }
svg.chart .chart-milestone.status-achieved { fill: var(--achieved); }
svg.chart .chart-milestone.status-missed { fill: var(--missed); }
svg.chart .chart-milestone.status-on_track { fill: var(--on_track); }
svg.chart .chart-milestone.status-off_track { fill: var(--off_track); }
svg.chart .chart-milestone.status-no_data { fill: var(--no_data); }
svg.chart .chart-milestone.status-not_started { fill: var(--not_started); }
svg.chart .chart-milestone.status-lapsed { fill: var(--lapsed); }
svg.chart text.chart-mark { font-weight: 700; }
svg.chart text.status-achieved { fill: var(--achieved); }
svg.chart text.status-missed { fill: var(--missed); }
svg.chart text.status-on_track { fill: var(--on_track); }
svg.chart text.status-off_track { fill: var(--off_track); }
svg.chart text.status-no_data { fill: var(--no_data); }
svg.chart text.status-not_started { fill: var(--not_started); }
svg.chart text.status-lapsed { fill: var(--lapsed); }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 9pt; max-width: none; padding: 0; }
  .card { padding: 8px 12px; margin-bottom: 10px; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .notices, .card, tr, figure { break-inside: avoid; page-break-inside: avoid; }
  svg.chart { max-width: 112mm; }
}
"""
"""The page's inline CSS.

.. versionadded:: 0.1.0
"""


MATRIX_STYLE = """
.matrix-wrap { overflow-x: auto; margin: 8px 0; border: 1px solid var(--line); }
table.matrix { margin: 0; width: auto; min-width: 100%; }
table.matrix th, table.matrix td { white-space: nowrap; padding: 3px 8px; }
table.matrix thead th { position: sticky; top: 0; z-index: 1; }
table.matrix th[scope="row"] { position: sticky; left: 0; background: var(--paper);
  font-weight: 600; border-right: 1px solid var(--line); white-space: normal;
  min-width: 7em; max-width: 14em; }
table.matrix thead th:first-child { left: 0; z-index: 2; }
table.matrix tbody tr:nth-child(even) td, table.matrix tbody tr:nth-child(even) th {
  background: var(--wash); }
table.matrix td .symbol { font-weight: 700; }
table.matrix td small { margin-left: 4px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
ol.matrix-legend { padding-left: 1.4em; margin: 6px 0; }
.group-charts { display: grid; gap: 12px;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 560px), 1fr)); }
svg.group-chart .group-name { font-size: 11px; }
svg.group-chart .group-value { font-size: 11px; font-weight: 600; }
svg.group-chart .group-bar { fill: var(--no_data); }
svg.group-chart .group-bar.status-achieved { fill: var(--achieved); }
svg.group-chart .group-bar.status-missed { fill: var(--missed); }
svg.group-chart .group-bar.status-on_track { fill: var(--on_track); }
svg.group-chart .group-bar.status-off_track { fill: var(--off_track); }
svg.group-chart text.status-achieved { fill: var(--achieved); }
svg.group-chart text.status-missed { fill: var(--missed); }
svg.group-chart text.status-on_track { fill: var(--on_track); }
svg.group-chart text.status-off_track { fill: var(--off_track); }
@media print { .matrix-wrap { overflow: visible; border: 0; } .group-charts { display: block; } }
"""
"""The CSS added to a page that holds a group × target matrix.

.. versionadded:: 0.2.0
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _status(item: AssessmentText) -> str:
    return (
        f'<span class="status status-{item.status.value}">'
        f'<span class="symbol" aria-hidden="true">{item.symbol}</span> '
        f"{_e(item.status_label)}</span>"
    )


def _header(report: ReportText, foreign_title: bool) -> list[str]:
    words = report.labels
    title_lang = ' lang="vi"' if foreign_title else ""
    lines = [
        "<header>",
        f'<p class="kicker">{_e(words.report)}</p>',
        f"<h1>{_e(words.plan)} {_e(report.number)} — <span{title_lang}>{_e(report.title)}"
        "</span></h1>",
        "</header>",
    ]
    if report.notices:
        lines.extend(
            [
                f'<section class="notices" role="note" aria-label="{_e(words.notices)}">',
                f"<h2>⚠ {_e(words.notices)}</h2>",
                "<ul>",
                *(f"<li>{_e(notice)}</li>" for notice in report.notices),
                "</ul>",
                "</section>",
            ]
        )
    facts = []
    if report.issuer:
        facts.append((words.issuer, report.issuer))
    facts.append((words.as_of, report.as_of))
    if report.known_at:
        facts.append((words.known_at, report.known_at))
    if report.plan_note:
        facts.append((words.plan_note, report.plan_note))
    lines.append('<dl class="facts">')
    lines.extend(f"<dt>{_e(label)}</dt><dd>{_e(text)}</dd>" for label, text in facts)
    lines.append("</dl>")
    lines.extend([f"<h2>{_e(words.summary)}</h2>", '<ul class="badges">'])
    lines.extend(
        f'<li><span class="status status-{status.value}"><span class="symbol" '
        f'aria-hidden="true">{symbol}</span> {_e(label)}</span> <strong>{count}</strong></li>'
        for status, label, symbol, count in report.summary
    )
    lines.append("</ul>")
    return lines


def _milestone_row(item: AssessmentText, report: ReportText, *, share: bool) -> str:
    words = report.labels
    strive = f' <span class="strive">{_e(item.strive)}</span>' if item.strive else ""
    actual = _e(item.actual)
    if item.period:
        actual += f"<br><small>{_e(words.period)} {_e(item.period)}</small>"
    units = ""
    if item.met_total:
        units = (
            f"{_e(item.met_total)}<br><small>{_e(words.required_units)} "
            f"{_e(item.required_units)}; {_e(words.units_short)} {_e(item.units_short)}</small>"
        )
    elif item.required_units:
        units = f"<small>{_e(words.required_units)} {_e(item.required_units)}</small>"
    cells = [
        f"<td>{_e(item.milestone)}{strive}<br><small>{_e(words.deadline)} "
        f"{_e(item.deadline)}</small></td>",
        f"<td>{_status(item)}</td>",
        f'<td class="number">{_e(item.required)}</td>',
        f'<td class="number">{actual}</td>',
        f'<td class="number">{_e(item.expected)}</td>',
        f'<td class="number">{_e(item.gap)}</td>',
    ]
    if share:
        cells.append(f'<td class="number">{units}</td>')
    return "<tr>" + "".join(cells) + "</tr>"


def _extras(items: Sequence[AssessmentText], report: ReportText) -> list[str]:
    words = report.labels
    facts: list[tuple[str, str]] = []
    for item in items:
        about = f"{words.milestone} {item.milestone}"
        if item.unreported:
            facts.append((f"{about} — {words.unreported}", ", ".join(item.unreported)))
        if item.amounts:
            facts.append((f"{about} — {words.amounts}", item.amounts))
        facts.extend((f"{about} — {words.projections}", line) for line in item.projections)
        if item.progress:
            facts.append((f"{about} — {words.progress}", item.progress))
        if item.note:
            facts.append((f"{about} — {words.assessment_note}", item.note))
    if not facts:
        return []
    return [
        '<ul class="extras">',
        *(f"<li><strong>{_e(label)}:</strong> {_e(text)}</li>" for label, text in facts),
        "</ul>",
    ]


def _card(
    items: Sequence[AssessmentText],
    report: ReportText,
    scorecard: Scorecard,
    observations: ObservationLog | None,
) -> list[str]:
    words = report.labels
    first = items[0]
    target = first.target
    foreign = report.lang == "en" and not target.title_en
    title_lang = ' lang="vi"' if foreign else ""
    meta = f"<code>{_e(clean(target.id))}</code>"
    if first.source:
        meta += f" · {_e(words.source)}: {_e(first.source)}"
    lines = [
        f'<article class="card" id="target-{first.number}">',
        f'<h3><span class="number">{first.number}.</span> <span{title_lang}>'
        f"{_e(first.title)}</span></h3>",
        f'<p class="meta">{meta}</p>',
    ]
    if first.target_note:
        lines.append(f'<p class="note">{_e(words.note)}: {_e(first.target_note)}</p>')
    share = counts_units(target.rule)
    headers = [(words.milestone, ""), (words.status, "")]
    headers += [(h, ' class="number"') for h in (words.required, words.actual, words.expected)]
    headers.append((words.gap, ' class="number"'))
    if share:
        headers.append((words.met_total, ' class="number"'))
    lines.append("<table>")
    lines.append(
        "<thead><tr>"
        + "".join(f"<th{attribute}>{_e(h)}</th>" for h, attribute in headers)
        + "</tr></thead>"
    )
    lines.append("<tbody>")
    lines.extend(_milestone_row(item, report, share=share) for item in items)
    lines.append("</tbody>")
    lines.append("</table>")
    lines.extend(_extras(items, report))
    data = chart_data(target, items, scorecard, observations)
    if data is not None:
        caption = f"{words.chart}: {first.title}"
        lines.append("<figure>")
        lines.append(
            render_chart(
                data,
                title=caption,
                chart_id=f"chart-{first.number}",
                as_of=scorecard.as_of,
                labels=words,
                lang=report.lang,
            )
        )
        if data.judged_only:
            lines.append(f"<figcaption>{_e(words.chart_judged_only)}</figcaption>")
        lines.append("</figure>")
    lines.append("</article>")
    return lines


def _missing_reports(report: ReportText) -> list[str]:
    if not report.missing_reports:
        return []
    words = report.labels
    headers = [words.unit, words.unit_name, words.measure, words.period, words.due, words.targets]
    lines = [f"<h2>{_e(words.missing_reports)}</h2>", "<table>"]
    lines.append("<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in headers) + "</tr></thead>")
    lines.append("<tbody>")
    lines.extend(
        "<tr>"
        + "".join(f"<td>{_e(cell)}</td>" for cell in (m.unit, m.unit_name, m.measure, m.period))
        + f'<td class="number">{_e(m.due)}</td><td>{_e(m.targets)}</td></tr>'
        for m in report.missing_reports
    )
    lines.extend(["</tbody>", "</table>"])
    return lines


def _matrix_cell(cell: MatrixCell | None) -> str:
    if cell is None:
        return "<td></td>"
    short = f"<small>{_e(cell.short)}</small>" if cell.short else ""
    return (
        f'<td class="number status-{cell.status.value}" title="{_e(cell.status_label)}">'
        f'<span class="symbol" aria-hidden="true">{cell.symbol}</span> '
        f'<span class="visually-hidden">{_e(cell.status_label)}: </span>{_e(cell.value)}'
        f"{short}</td>"
    )


def _matrix(matrix: MatrixText, index: int, report: ReportText) -> list[str]:
    words = report.labels
    lines = [
        f'<section class="breakdown" id="breakdown-{index}">',
        f"<h2>{_e(matrix.heading)}</h2>",
        f'<p class="note">{_e(words.worst_first)}</p>',
        '<ol class="matrix-legend">',
    ]
    lines.extend(
        f'<li value="{column.number}"><strong>{_e(column.title)}</strong> — '
        f"{_e(words.milestone)} {_e(column.milestone)}, {_e(words.required)} "
        f"{_e(column.required)}; {_e(words.actual)}: {_e(column.pooled.text)}; "
        f"{_e(words.groups_meeting)}: <strong>{_e(column.meeting)}</strong></li>"
        for column in matrix.columns
    )
    lines.extend(["</ol>", '<div class="matrix-wrap">', '<table class="matrix">'])
    heads = "".join(
        f'<th scope="col" class="number" title="{_e(column.title)}">[{column.number}]<br>'
        f"<small>{_e(column.required)}</small></th>"
        for column in matrix.columns
    )
    lines.append(f'<thead><tr><th scope="col">{_e(words.group)}</th>{heads}</tr></thead>')
    lines.append("<tbody>")
    lines.extend(
        f'<tr><th scope="row">{_e(row.name)}</th>'
        + "".join(_matrix_cell(cell) for cell in row.cells)
        + "</tr>"
        for row in matrix.rows
    )
    lines.extend(["</tbody>", "</table>", "</div>"])
    if matrix.ungrouped:
        lines.append(f'<p class="note">{_e(matrix.ungrouped)}</p>')
    lines.append('<div class="group-charts">')
    for number, column in enumerate(matrix.columns):
        chart_id = f"group-chart-{index}-{column.number}"
        lines.extend(
            [
                "<figure>",
                render_group_chart(
                    matrix, number, labels=words, lang=report.lang, chart_id=chart_id
                ),
                f"<figcaption>[{column.number}] {_e(words.breakdown_chart)}: "
                f"{_e(column.title)}</figcaption>",
                "</figure>",
            ]
        )
    lines.extend(["</div>", "</section>"])
    return lines


def render_html(
    report: ReportText, scorecard: Scorecard, observations: ObservationLog | None = None
) -> str:
    """Render a written-out scorecard as one self-contained HTML page.

    Args:
        report: The scorecard written out (:func:`~policytargets.report.labels.report_text`).
        scorecard: The scorecard itself (the charts need its plan and dates).
        observations: The observation log, for the charts' observed values; without it the
            charts show only the values judged in the assessments.

    .. versionadded:: 0.1.0
    """
    words = report.labels
    foreign_title = report.lang == "en" and not scorecard.plan.title_en
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{report.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(words.plan)} {_e(report.number)} — {_e(words.report)}</title>",
        f"<style>{STYLE}{MATRIX_STYLE if report.matrices else ''}</style>",
        "</head>",
        "<body>",
        *_header(report, foreign_title),
        f"<h2>{_e(words.targets)}</h2>",
    ]
    seen: list[str] = []
    for item in report.assessments:
        if item.target.id in seen:
            continue
        seen.append(item.target.id)
        lines.extend(_card(report.for_target(item.target.id), report, scorecard, observations))
    for index, matrix in enumerate(report.matrices, start=1):
        lines.extend(_matrix(matrix, index, report))
    lines.extend(_missing_reports(report))
    lines.extend(["</body>", "</html>"])
    return "\n".join(lines) + "\n"
