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
import math
from collections.abc import Sequence

from policytargets.assess import Scorecard
from policytargets.observations import ObservationLog
from policytargets.report.group_chart import _WIDTH as GROUP_CHART_WIDTH
from policytargets.report.group_chart import render_group_chart
from policytargets.report.labels import AssessmentText, MatrixCell, MatrixText, ReportText, clean
from policytargets.report.svg import FONT_SIZE, WIDTH, chart_data, render_chart
from policytargets.targets import counts_units

__all__ = [
    "MATRIX_STYLE",
    "NARROW",
    "PAGE_STYLE",
    "ROOT_CLASS",
    "STATUS_COLOURS",
    "STYLE",
    "render_html",
    "scope_css",
]

ROOT_CLASS = "policytargets"
"""The class of the element that holds a report; every rule of :data:`STYLE` is scoped under
it, so that a report placed inside another page (a notebook) restyles nothing else.

.. versionadded:: 0.2.0
"""

NARROW = 600
"""Below this width (CSS pixels) tables reflow into one block per row.

.. versionadded:: 0.2.0
"""

STATUS_COLOURS = {
    "achieved": "#0b57a4",
    "missed": "#8f1d0f",
    "on_track": "#127a8a",
    "off_track": "#b35900",
    "no_data": "#5f6b77",
    "lapsed": "#7c4dcc",
    "not_started": "#6a737d",
}
"""A colour per status, told apart under the common colour-vision deficiencies (blue for a
status that meets its requirement, dark red and orange of different lightness for one that
does not, greys where there is nothing to judge), each at least 4.5:1 against white. Colour
never works alone: every status also shows its symbol, and chart markers have a shape per
status.

.. versionadded:: 0.2.0
"""

_STYLE_SOURCE = (
    """
& {
  --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --paper: #ffffff; --wash: #f6f8fa;
  --notice: #9a6700; --notice-wash: #fff8c5;
"""
    + "".join(f"  --{status}: {colour};\n" for status, colour in STATUS_COLOURS.items())
    + """}
& {
  color: var(--ink); background: var(--paper);
  font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 15px; line-height: 1.45; max-width: 1100px; margin: 0 auto; padding: 24px;
  overflow-wrap: break-word;
}
&, & * { box-sizing: border-box; }
&.compact { padding: 4px 0; margin: 0; max-width: none; }
&.compact .notices summary { text-transform: none; }
h1 { font-size: 1.6em; margin: 0.2em 0 0.4em; overflow-wrap: break-word; }
h2 { font-size: 1.25em; margin: 1.4em 0 0.5em; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1em; margin: 0 0 0.3em; }
.kicker { color: var(--muted); margin: 0; text-transform: uppercase; letter-spacing: 0.04em;
  font-size: 0.85em; }
.notices { border: 3px solid var(--notice); background: var(--notice-wash);
  padding: 10px 16px; margin: 12px 0 16px; }
.notices summary { font-weight: 700; text-transform: uppercase; cursor: pointer; }
.notices ul { margin: 6px 0 0; padding-left: 1.2em; font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.badges { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 8px; }
.badges li { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; }
.status { font-weight: 600; white-space: nowrap; }
.status .symbol { display: inline-block; min-width: 1em; text-align: center; }
"""
    + "".join(f".status-{status} {{ color: var(--{status}); }}\n" for status in STATUS_COLOURS)
    + """.card { border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px;
  margin: 0 0 18px; break-inside: avoid; page-break-inside: avoid; }
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
"""
    # A chart wider than its page (on a phone) scrolls sideways: a shadow shows on each side
    # where there is more of it, covered by the page's colour as that side is reached.
    + """figure { margin: 8px 0 0; overflow-x: auto;
  background:
    linear-gradient(to right, var(--paper) 40%, transparent) left / 24px 100% no-repeat local,
    linear-gradient(to left, var(--paper) 40%, transparent) right / 24px 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, #0003, transparent) left / 10px 100% no-repeat,
    radial-gradient(farthest-side at 100% 50%, #0003, transparent) right / 10px 100% no-repeat; }
figcaption { color: var(--muted); font-size: 0.85em; }
"""
    # the narrowest a chart is drawn, so that its text never falls below 10 px
    + f"svg.chart {{ width: 100%; max-width: {WIDTH}px; "
    f"min-width: {math.ceil(WIDTH * 10 / FONT_SIZE)}px; height: auto; display: block; }}\n"
    f"svg.chart text {{ font-size: {FONT_SIZE}px; fill: var(--ink); }}\n"
    + """svg.chart .chart-tick, svg.chart .chart-note { fill: var(--muted); }
svg.chart .chart-grid { stroke: var(--line); stroke-width: 1; }
svg.chart .chart-axis { stroke: var(--muted); stroke-width: 1; }
svg.chart .chart-as-of { stroke: var(--muted); stroke-width: 1; stroke-dasharray: 2 3; }
svg.chart .chart-required { fill: none; stroke: var(--ink); stroke-width: 1.5;
  stroke-dasharray: 6 4; }
svg.chart .chart-observed { fill: none; stroke: var(--ink); stroke-width: 2.5; }
svg.chart .chart-point { fill: var(--ink); stroke: var(--paper); stroke-width: 1; }
svg.chart .chart-value { fill: var(--ink); font-weight: 600; }
svg.chart .chart-milestone { fill: currentColor; stroke: var(--paper); stroke-width: 1; }
svg.chart .chart-milestone .chart-hollow { fill: var(--paper); stroke: currentColor;
  stroke-width: 2.5; }
svg.chart .chart-milestone .chart-glyph { fill: none; stroke: var(--paper); stroke-width: 2; }
svg.chart .chart-milestone .chart-slash { fill: none; stroke: currentColor; stroke-width: 2; }
svg.chart text.chart-mark { font-weight: 700; }
"""
    + "".join(
        f"svg.chart text.status-{status} {{ fill: var(--{status}); }}\n"
        for status in STATUS_COLOURS
    )
    + f"""svg.sparkline {{ width: 96px; height: 24px; vertical-align: middle; }}
svg.sparkline polyline {{ fill: none; stroke: var(--ink); stroke-width: 1.5; }}
svg.sparkline line {{ stroke: var(--muted); stroke-width: 1; stroke-dasharray: 3 2; }}
svg.sparkline circle {{ fill: var(--ink); }}
@media (max-width: {NARROW}px) {{
  & {{ padding: 12px; font-size: 14px; }}
  .card {{ padding: 10px; }}
  table.reflow, table.reflow tbody, table.reflow tr, table.reflow td {{ display: block; }}
  table.reflow thead {{ display: none; }}
  table.reflow tr {{ border-bottom: 2px solid var(--line); padding: 4px 0; }}
  table.reflow td {{ border: 0; padding: 2px 0 2px 40%; text-align: left;
    white-space: normal; position: relative; min-height: 1.6em; }}
  table.reflow td::before {{ content: attr(data-label); position: absolute; left: 0;
    width: 37%; font-weight: 600; color: var(--muted); }}
  dl.facts {{ grid-template-columns: 1fr; }}
  dl.facts dd {{ margin-bottom: 4px; }}
}}
@media print {{
  &, & * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  & {{ font-size: 9pt; max-width: none; padding: 0; }}
  .card {{ padding: 8px 12px; margin-bottom: 10px; }}
  h2 {{ break-after: avoid; page-break-after: avoid; }}
  .notices, .card, tr, figure {{ break-inside: avoid; page-break-inside: avoid; }}
  figure {{ overflow: visible; background: none; }}
  svg.chart {{ max-width: 120mm; min-width: 0; }}
  svg.chart text {{ font-size: {FONT_SIZE}px; }}
}}
"""
)


def scope_css(css: str, root: str = ROOT_CLASS) -> str:
    """Scope every rule of ``css`` under the class ``root``.

    Each selector is prefixed with ``.root``; ``&`` stands for the root element itself.
    Rules inside ``@media`` blocks are scoped too. Other at-rules are refused: they apply to
    the whole page (``@page``, ``@font-face``, ``@import``).

    >>> scope_css("& { color: red; } th, td { padding: 0; }", "report")
    '.report { color: red; }\\n.report th, .report td { padding: 0; }'

    Raises:
        ValueError: The CSS has an at-rule other than ``@media``, or unbalanced braces.

    .. versionadded:: 0.2.0
    """
    out: list[str] = []
    position = 0
    text = css.strip()
    while position < len(text):
        brace = text.find("{", position)
        if brace < 0:
            if text[position:].strip():
                raise ValueError(f"CSS without a block: {text[position:].strip()[:40]!r}")
            break
        prelude = text[position:brace].strip()
        end = _block_end(text, brace)
        body = text[brace + 1 : end]
        if prelude.startswith("@media"):
            inner = scope_css(body, root).replace("\n", "\n  ")
            out.append(f"{prelude} {{\n  {inner}\n}}")
        elif prelude.startswith("@"):
            raise ValueError(f"the at-rule {prelude.split()[0]} applies to the whole page")
        else:
            selectors = [_scoped(selector.strip(), root) for selector in prelude.split(",")]
            out.append(f"{', '.join(selectors)} {{{body}}}")
        position = end + 1
    return "\n".join(out)


def _block_end(text: str, brace: int) -> int:
    depth = 0
    for index in range(brace, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    raise ValueError("unbalanced braces in CSS")


def _scoped(selector: str, root: str) -> str:
    if selector.startswith("&"):
        return f".{root}{selector[1:]}"
    return f".{root} {selector}"


STYLE = scope_css(_STYLE_SOURCE)
"""The report's CSS, every rule scoped under :data:`ROOT_CLASS` (no ``html``, ``body`` or
``:root`` rules): what a fragment carries.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   Scoped under :data:`ROOT_CLASS`; responsive below :data:`NARROW` pixels.
"""

PAGE_STYLE = """html { background: #ffffff; }
body { margin: 0; }
@page { size: A4; margin: 16mm 12mm 14mm; }
"""
"""The rules a whole page adds to :data:`STYLE`: the page itself and its printed pages.

.. versionadded:: 0.2.0
"""


MATRIX_STYLE = scope_css(
    """
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
"""
    # its 11 px text stays at 10 px or more: the figure scrolls below this width
    + f"svg.chart.group-chart {{ min-width: {math.ceil(GROUP_CHART_WIDTH * 10 / 11)}px; }}\n"
    + """svg.group-chart .group-bar { fill: var(--no_data); }
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
)
"""The CSS added to a page that holds a group × target matrix, scoped as :data:`STYLE` is.

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
                f'<details class="notices" open role="note" aria-label="{_e(words.notices)}">',
                f"<summary>⚠ {_e(words.notices)} ({len(report.notices)})</summary>",
                "<ul>",
                *(f"<li>{_e(notice)}</li>" for notice in report.notices),
                "</ul>",
                "</details>",
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
        _cell(
            words.milestone,
            f"{_e(item.milestone)}{strive}<br><small>{_e(words.deadline)} "
            f"{_e(item.deadline)}</small>",
        ),
        _cell(words.status, _status(item)),
        _cell(words.required, _e(item.required), number=True),
        _cell(words.actual, actual, number=True),
        _cell(words.expected, _e(item.expected), number=True),
        _cell(words.gap, _e(item.gap), number=True),
    ]
    if share:
        cells.append(_cell(words.met_total, units, number=True))
    return "<tr>" + "".join(cells) + "</tr>"


def _cell(label: str, content: str, *, number: bool = False) -> str:
    """A table cell that names its column, for the narrow layout where each row is a block."""
    kind = ' class="number"' if number else ""
    return f'<td{kind} data-label="{_e(label)}">{content}</td>'


def _extras(items: Sequence[AssessmentText], report: ReportText) -> list[str]:
    words = report.labels
    facts: list[tuple[str, str]] = []
    for item in items:
        about = f"{words.milestone} {item.milestone}"
        if item.unreported:
            facts.append((f"{about} — {words.unreported}", ", ".join(item.unreported)))
        if item.condition:
            facts.append((f"{about} — {words.condition}", item.condition))
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
    lines.append('<table class="reflow">')
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
    headers = [words.unit, words.unit_name, words.measure, words.period, words.due]
    headers += [words.received, words.targets]
    lines = [f"<h2>{_e(words.missing_reports)}</h2>", '<table class="reflow">']
    lines.append("<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in headers) + "</tr></thead>")
    lines.append("<tbody>")
    lines.extend(
        "<tr>"
        + "".join(
            _cell(header, _e(cell), number=header == words.due)
            for header, cell in zip(
                headers,
                (m.unit, m.unit_name, m.measure, m.period, m.due, m.received, m.targets),
                strict=True,
            )
        )
        + "</tr>"
        for m in report.missing_reports
    )
    lines.extend(["</tbody>", "</table>"])
    if report.more_missing_reports:
        lines.append(f"<p>{_e(report.more_missing_reports)}</p>")
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


def _css_string(text: str) -> str:
    """Text as a CSS string literal, safe inside a ``<style>`` element."""
    escaped = "".join(
        char if char.isalnum() or char in " .,:;/-–—()" else f"\\{ord(char):x} " for char in text
    )
    return f'"{escaped}"'


def _page_boxes(report: ReportText) -> str:
    """The printed pages' header and footer: the plan, the as-of date and page numbers."""
    words = report.labels
    before, _, rest = words.page_of.partition("{page}")
    between, _, after = rest.partition("{pages}")
    page = " ".join(
        part
        for part in (
            _css_string(before) if before else "",
            "counter(page)",
            _css_string(between) if between else "",
            "counter(pages)",
            _css_string(after) if after else "",
        )
        if part
    )
    plan = _css_string(f"{words.plan} {report.number} — {words.report}")
    as_of = _css_string(f"{words.as_of} {report.as_of}")
    box = "font-size: 8pt; color: #57606a; font-family: sans-serif;"
    return (
        "@page {\n"
        f"  @top-left {{ content: {plan}; {box} }}\n"
        f"  @top-right {{ content: {as_of}; {box} }}\n"
        f"  @bottom-right {{ content: {page}; {box} }}\n"
        "}\n"
    )


def render_html(
    report: ReportText,
    scorecard: Scorecard,
    observations: ObservationLog | None = None,
    *,
    fragment: bool = False,
) -> str:
    """Render a written-out scorecard as one self-contained HTML page, or a fragment.

    Args:
        report: The scorecard written out (:func:`~policytargets.report.labels.report_text`).
        scorecard: The scorecard itself (the charts need its plan and dates).
        observations: The observation log, for the charts' observed values; without it the
            charts show only the values judged in the assessments.
        fragment: Return one ``<div class="policytargets">`` holding its own ``<style>``,
            every rule scoped under that class, to place inside another page (a notebook,
            a dashboard), instead of a whole page.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``fragment``.
    """
    words = report.labels
    foreign_title = report.lang == "en" and not scorecard.plan.title_en
    style = STYLE + (MATRIX_STYLE if report.matrices else "")
    body = [
        f'<div class="{ROOT_CLASS}" lang="{report.lang}">',
        f"<style>{style}</style>" if fragment else "",
        *_header(report, foreign_title),
        f"<h2>{_e(words.targets)}</h2>",
    ]
    seen: set[str] = set()  # a set: a report of 20,000 targets asks 20,000 times
    for item in report.assessments:
        if item.target.id in seen:
            continue
        seen.add(item.target.id)
        body.extend(_card(report.for_target(item.target.id), report, scorecard, observations))
    for index, matrix in enumerate(report.matrices, start=1):
        body.extend(_matrix(matrix, index, report))
    body.extend(_missing_reports(report))
    body.append("</div>")
    if fragment:
        return "\n".join(line for line in body if line) + "\n"
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{report.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(words.plan)} {_e(report.number)} — {_e(words.report)}</title>",
        f"<style>\n{PAGE_STYLE}{_page_boxes(report)}{style}\n</style>",
        "</head>",
        "<body>",
        *(line for line in body if line),
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"
