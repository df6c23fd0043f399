"""Reports of an alignment (:func:`policytargets.align`): table, Markdown, HTML, CSV and JSON.

Every format shows the same things: both plans, the notices about the data first, the count
of links per verdict, then per linked pair of targets one row per milestone of the target
implemented (the plan's requirement for its period and the implemented one, the verdict, the
difference, the units each needs of the plan's population, the actual value and its status by
both bars), and last the targets on either side that no link joins.

The words come from :mod:`policytargets.report.labels` (:class:`~policytargets.report.labels.
Labels` and :class:`~policytargets.report.labels.AlignmentLabels`). A difference between two
percentages is written in percentage points (vi ``−20 điểm %``, en ``−20 points``). CSV has
one row per link and one per unlinked target under :data:`ALIGNMENT_CSV_HEADER`, the same in
both languages, every cell neutralised against formula injection as in
:mod:`policytargets.report.csv_report`; JSON is exactly :meth:`policytargets.Alignment.to_dict`.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Sequence
from fractions import Fraction

import attrs

from policytargets.align import AlignedRequirement, Alignment, Verdict
from policytargets.assess import Status
from policytargets.quantities import Lang, Requirement, format_number, format_value, value_text
from policytargets.report.csv_report import neutralise
from policytargets.report.html import PAGE_STYLE, ROOT_CLASS, STYLE, scope_css
from policytargets.report.labels import (
    STATUS_SYMBOLS,
    VERDICT_SYMBOLS,
    AlignmentLabels,
    Labels,
    alignment_labels_for,
    check_lang,
    clean,
    escape_bidi_controls,
    format_date,
    format_period,
    labels_for,
    notice_text,
    requirement_text,
)
from policytargets.report.markdown import escape
from policytargets.report.table import table_lines, wrap
from policytargets.targets.target import Target

__all__ = [
    "ALIGNMENT_CSV_HEADER",
    "ALIGNMENT_FORMATS",
    "AlignmentText",
    "LinkText",
    "alignment_text",
    "render_alignment",
]

ALIGNMENT_FORMATS: tuple[str, ...] = ("table", "markdown", "html", "csv", "json")
"""The formats :func:`render_alignment` writes.

.. versionadded:: 0.2.0
"""

ALIGNMENT_CSV_HEADER: tuple[str, ...] = (
    "row",
    "plan",
    "reference",
    "as_of",
    "target",
    "title",
    "reference_target",
    "reference_title",
    "milestone",
    "deadline",
    "comparator",
    "required",
    "required_text",
    "interpolated",
    "basis",
    "reference_comparator",
    "reference_required",
    "reference_required_text",
    "verdict",
    "verdict_label",
    "reason",
    "difference",
    "difference_text",
    "population",
    "required_units",
    "reference_required_units",
    "actual",
    "status",
    "reference_status",
    "notices",
)
"""The columns of an alignment in CSV, in order.

``row`` is ``link`` (one per link, the JSON's ``links``), ``unlinked`` (a plan target that
implements nothing: ``target`` and ``title`` only) or ``reference_unlinked`` (a target no plan
target implements: ``reference_target`` and ``reference_title`` only). Exact values are exact
text (``"3/5"``, ``"-1/5"``); ``*_text`` and ``*_label`` columns are in the report's language;
``notices`` is on every row, separated by ``"; "``.

.. versionadded:: 0.2.0
"""

_TEXT_WIDTH = 100
_INDENT = "  "


@attrs.frozen
class LinkText:
    """One link written out for people, in one language ("" where a field does not apply).

    .. versionadded:: 0.2.0
    """

    link: AlignedRequirement
    milestone: str
    deadline: str
    required: str
    reference_required: str
    basis: str
    symbol: str
    verdict: str
    reason: str
    difference: str
    required_units: str
    reference_required_units: str
    actual: str
    status: str
    reference_status: str


@attrs.frozen
class PairText:
    """A plan target and the target it implements, with their links written out.

    .. versionadded:: 0.2.0
    """

    number: int
    target: Target
    title: str
    reference_target: Target
    reference_title: str
    links: tuple[LinkText, ...]


@attrs.frozen
class AlignmentText:
    """An alignment written out for people, in one language: what every human format shows.

    .. versionadded:: 0.2.0
    """

    lang: Lang
    labels: Labels
    words: AlignmentLabels
    number: str
    title: str
    reference_number: str
    reference_title: str
    as_of: str
    known_at: str
    summary: tuple[tuple[Verdict, str, str, int], ...]
    notices: tuple[str, ...]
    has_data: bool
    pairs: tuple[PairText, ...]
    unlinked: tuple[tuple[str, str], ...]
    reference_unlinked: tuple[tuple[str, str], ...]


def _difference_text(
    value: Fraction | None, lang: Lang, words: AlignmentLabels, percent: bool
) -> str:
    if value is None:
        return ""
    sign = "+" if value > 0 else "−" if value < 0 else ""
    if percent:
        return words.points.format(value=sign + format_number(abs(value) * 100, lang, digits=1))
    return sign + format_number(abs(value), lang)


def _units_text(required: int | None, population: int | None) -> str:
    if population is None:
        return ""
    return f"{'—' if required is None else required}/{population}"


def _status_text(status: Status | None, labels: Labels) -> str:
    return "—" if status is None else f"{STATUS_SYMBOLS[status]} {labels.statuses[status]}"


def _requirement(requirement: Requirement, strive: bool, lang: Lang, percent: bool) -> str:
    text = requirement_text(requirement, lang, percent=percent)
    return f"{text} ({labels_for(lang).strive})" if strive else text


def _link_text(link: AlignedRequirement, lang: Lang) -> LinkText:
    labels, words = labels_for(lang), alignment_labels_for(lang)
    percent = link.target.percent
    reason = ""
    if link.reason is not None:
        template = words.reasons[link.reason]
        reason = template.format(type=link.target.kind, reference_type=link.reference_target.kind)
    actual = link.actual
    return LinkText(
        link=link,
        milestone=format_period(link.milestone.by, lang),
        deadline=format_date(link.milestone.deadline, lang),
        required=_requirement(link.requirement, link.strive, lang, percent),
        reference_required=_requirement(
            link.reference_requirement, link.milestone.strive, lang, link.reference_target.percent
        ),
        basis=words.bases[link.basis],
        symbol=VERDICT_SYMBOLS[link.verdict],
        verdict=words.verdicts[link.verdict],
        reason=reason,
        difference=_difference_text(link.difference, lang, words, percent),
        required_units=_units_text(link.required_units, link.population),
        reference_required_units=_units_text(link.reference_required_units, link.population)
        if link.reference_required_units is not None or link.reason != "different_types"
        else "",
        actual="" if actual is None else format_value(actual, lang, percent=percent),
        status=_status_text(link.status, labels),
        reference_status=_status_text(link.reference_status, labels),
    )


def alignment_text(alignment: Alignment, lang: str) -> AlignmentText:
    """Write out an alignment in ``lang``: what every human format shows.

    Raises:
        ValueError: ``lang`` is not a report language.

    .. versionadded:: 0.2.0
    """
    language = check_lang(lang)
    labels, words = labels_for(language), alignment_labels_for(language)
    pairs: list[PairText] = []
    for link in alignment.links:
        written = _link_text(link, language)
        if pairs and pairs[-1].target.id == link.target.id:
            last = pairs[-1]
            pairs[-1] = attrs.evolve(last, links=(*last.links, written))
            continue
        pairs.append(
            PairText(
                number=len(pairs) + 1,
                target=link.target,
                title=clean(link.target.display_title(language)),
                reference_target=link.reference_target,
                reference_title=clean(link.reference_target.display_title(language)),
                links=(written,),
            )
        )
    counts = alignment.summary
    return AlignmentText(
        lang=language,
        labels=labels,
        words=words,
        number=clean(alignment.plan.number),
        title=clean(alignment.plan.display_title(language)),
        reference_number=clean(alignment.reference.number),
        reference_title=clean(alignment.reference.display_title(language)),
        as_of="" if alignment.as_of is None else format_date(alignment.as_of, language),
        known_at="" if alignment.known_at is None else format_date(alignment.known_at, language),
        summary=tuple(
            (verdict, words.verdicts[verdict], VERDICT_SYMBOLS[verdict], counts[verdict.value])
            for verdict in Verdict
        ),
        notices=tuple(
            text for text in (notice_text(n, language) for n in alignment.notices) if text
        ),
        has_data=any(link.assessment is not None for link in alignment.links),
        pairs=tuple(pairs),
        unlinked=tuple((clean(t.id), clean(t.display_title(language))) for t in alignment.unlinked),
        reference_unlinked=tuple(
            (clean(t.id), clean(t.display_title(language))) for t in alignment.reference_unlinked
        ),
    )


# --- table ------------------------------------------------------------------------------------


def _columns(text: AlignmentText) -> list[tuple[str, bool]]:
    labels, words = text.labels, text.words
    columns = [
        (labels.milestone, False),
        (words.required, True),
        (words.reference_required, True),
        (words.verdict, False),
        (words.difference, True),
        (words.required_units, True),
        (words.reference_required_units, True),
    ]
    if text.has_data:
        columns += [(labels.actual, True), (words.status, False), (words.reference_status, False)]
    return columns


def _cells(item: LinkText, text: AlignmentText) -> list[str]:
    cells = [
        item.milestone,
        item.required,
        item.reference_required,
        f"{item.symbol} {item.verdict}",
        item.difference,
        item.required_units,
        item.reference_required_units,
    ]
    if text.has_data:
        cells += [item.actual or "—", item.status, item.reference_status]
    return cells


def _notes(item: LinkText, text: AlignmentText) -> list[tuple[str, str]]:
    """Facts about one link that its row cannot show: the basis and why not comparable."""
    about = f"{text.labels.milestone} {item.milestone}"
    facts = []
    if item.link.interpolated:
        facts.append((f"{about} — {text.words.required}", item.basis))
    if item.reason:
        facts.append((f"{about} — {item.verdict}", item.reason))
    return facts


def _labelled(label: str, body: str, indent: str) -> list[str]:
    first = f"{indent}{label}: "
    lines = wrap(body, _TEXT_WIDTH - len(first))
    return [first + lines[0], *(" " * len(first) + line for line in lines[1:])]


def _table(text: AlignmentText) -> str:
    labels, words = text.labels, text.words
    lines = wrap(f"{labels.plan} {text.number} — {text.title}", _TEXT_WIDTH)
    lines += wrap(
        f"{words.reference} {text.reference_number} — {text.reference_title}", _TEXT_WIDTH
    )
    lines += [words.report, ""]
    if text.notices:
        frame = "=" * _TEXT_WIDTH
        lines += [frame, f"!! {labels.notices.upper()}"]
        for notice in text.notices:
            framed = wrap(notice, _TEXT_WIDTH - 3)
            lines += ["!! " + framed[0], *("   " + line for line in framed[1:])]
        lines += [frame, ""]
    if text.as_of:
        lines.append(f"{labels.as_of}: {text.as_of}")
    if text.known_at:
        lines.append(f"{labels.known_at}: {text.known_at}")
    if not text.has_data:
        lines.append(words.requirements_only)
    summary = " | ".join(f"{symbol} {label}: {count}" for _, label, symbol, count in text.summary)
    lines += _labelled(labels.summary, summary, "")
    lines.append("")
    columns = _columns(text)
    header = [title for title, _ in columns]
    right = [align for _, align in columns]
    # One table for every link, cut into a block per pair, so that all blocks line up.
    every_row = [_cells(item, text) for pair in text.pairs for item in pair.links]
    grid = table_lines(header, every_row, right=right, indent=_INDENT)
    head, rows = grid[: len(grid) - len(every_row)], grid[len(grid) - len(every_row) :]
    for pair in text.pairs:
        lines += wrap(f"[{pair.number}] {pair.title} ({clean(pair.target.id)})", _TEXT_WIDTH)
        lines += _labelled(
            words.reference_target,
            f"{pair.reference_title} ({clean(pair.reference_target.id)})",
            _INDENT,
        )
        lines.append("")
        lines += [*head, *rows[: len(pair.links)]]
        rows = rows[len(pair.links) :]
        notes = [fact for item in pair.links for fact in _notes(item, text)]
        if notes:
            lines.append("")
            for label, note in notes:
                lines += _labelled(label, note, _INDENT)
        lines.append("")
    for title, targets in (
        (words.unlinked, text.unlinked),
        (words.reference_unlinked, text.reference_unlinked),
    ):
        lines.append(f"{title}:")
        if not targets:
            lines.append(f"{_INDENT}{words.nothing}")
        for target_id, target_title in targets:
            wrapped = wrap(f"- {target_id}: {target_title}", _TEXT_WIDTH - 2 * len(_INDENT))
            lines += [f"{_INDENT}{wrapped[0]}", *(f"{_INDENT * 2}{line}" for line in wrapped[1:])]
        lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(line.rstrip() for line in lines) + "\n"


# --- markdown ---------------------------------------------------------------------------------


def _md_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]
) -> list[str]:
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---:" if align else "---" for align in right) + "|")
    lines.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return lines


def _markdown(text: AlignmentText) -> str:
    labels, words = text.labels, text.words
    lines = [f"# {labels.plan} {escape(text.number)} — {escape(text.title)}", ""]
    if text.notices:
        lines += ["> [!WARNING]", f"> **{labels.notices}**", ">"]
        lines += [f"> - {escape(notice)}" for notice in text.notices]
        lines.append("")
    lines += [f"*{words.report}*", ""]
    facts = [(words.reference, f"{escape(text.reference_number)} — {escape(text.reference_title)}")]
    if text.as_of:
        facts.append((labels.as_of, text.as_of))
    if text.known_at:
        facts.append((labels.known_at, text.known_at))
    lines += [f"- **{label}:** {body}" for label, body in facts]
    if not text.has_data:
        lines.append(f"- {words.requirements_only}")
    lines += ["", f"## {labels.summary}", ""]
    rows = [[f"{symbol} {label}", str(count)] for _, label, symbol, count in text.summary]
    lines += _md_table([words.verdict, labels.count], rows, [False, True])
    lines += ["", f"## {labels.targets}", ""]
    columns = _columns(text)
    header = ["#", words.plan_target, words.reference_target, *(title for title, _ in columns)]
    right = [True, False, False, *(align for _, align in columns)]
    rows = [
        [
            str(pair.number),
            f"`{clean(pair.target.id).replace('`', '')}`",
            f"`{clean(pair.reference_target.id).replace('`', '')}`",
            *(escape(cell) for cell in _cells(item, text)),
        ]
        for pair in text.pairs
        for item in pair.links
    ]
    lines += _md_table(header, rows, right)
    lines += ["", f"## {labels.details}", ""]
    for pair in text.pairs:
        lines += [f"### {pair.number}. {escape(pair.title)}", ""]
        facts = [
            (labels.target, f"`{clean(pair.target.id).replace('`', '')}`"),
            (
                words.reference_target,
                f"{escape(pair.reference_title)} "
                f"(`{clean(pair.reference_target.id).replace('`', '')}`)",
            ),
        ]
        facts += [
            (label, escape(body)) for item in pair.links for label, body in _notes(item, text)
        ]
        lines += [f"- **{label}:** {body}" for label, body in facts]
        lines.append("")
    for title, targets in (
        (words.unlinked, text.unlinked),
        (words.reference_unlinked, text.reference_unlinked),
    ):
        lines += [f"## {title}", ""]
        if not targets:
            lines.append(words.nothing)
        lines += [
            f"- `{target_id.replace('`', '')}`: {escape(body)}" for target_id, body in targets
        ]
        lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


# --- html -------------------------------------------------------------------------------------

_ALIGNMENT_STYLE = scope_css(
    """
.scroll { overflow-x: auto; }
table.links td.number { white-space: normal; }
table.links small.deadline { white-space: nowrap; }
.verdict { font-weight: 600; white-space: nowrap; }
.verdict-stricter { color: var(--achieved); } .verdict-same { color: var(--ink); }
.verdict-looser { color: var(--missed); } .verdict-not_comparable { color: var(--no_data); }
.card h3 .arrow { color: var(--muted); }
ul.targets { padding-left: 1.2em; }
@media (max-width: 640px) {
  & { padding: 12px; font-size: 14px; }
  table.links thead { display: none; }
  table.links tr { display: block; border-bottom: 2px solid var(--line); padding: 4px 0; }
  table.links td { display: flex; justify-content: space-between; gap: 12px; border: 0;
    text-align: right; padding: 2px 0; }
  table.links td::before { content: attr(data-label); font-weight: 600; text-align: left; }
}
"""
)


def _e(value: str) -> str:
    return html.escape(value, quote=True)


def _status_html(status: Status | None, label: str) -> str:
    if status is None:
        return "—"
    symbol, _, name = label.partition(" ")
    return (
        f'<span class="status status-{status.value}"><span class="symbol" aria-hidden="true">'
        f"{_e(symbol)}</span> {_e(name)}</span>"
    )


def _verdict_html(item: LinkText) -> str:
    return (
        f'<span class="verdict verdict-{item.link.verdict.value}"><span class="symbol" '
        f'aria-hidden="true">{_e(item.symbol)}</span> {_e(item.verdict)}</span>'
    )


def _html_row(item: LinkText, text: AlignmentText) -> str:
    required = _e(item.required)
    if item.link.interpolated:
        required += f"<br><small>{_e(item.basis)}</small>"
    verdict = _verdict_html(item)
    if item.reason:
        verdict += f"<br><small>{_e(item.reason)}</small>"
    values = [
        f'{_e(item.milestone)}<br><small class="deadline">{_e(text.labels.deadline)} '
        f"{_e(item.deadline)}</small>",
        required,
        _e(item.reference_required),
        verdict,
        _e(item.difference),
        _e(item.required_units),
        _e(item.reference_required_units),
    ]
    if text.has_data:
        values += [
            _e(item.actual or "—"),
            _status_html(item.link.status, item.status),
            _status_html(item.link.reference_status, item.reference_status),
        ]
    # On a narrow screen each row becomes a block, each cell labelled by its column's title.
    numeric = ' class="number"'
    cells = [
        f'<td{numeric if align else ""} data-label="{_e(title)}">{value}</td>'
        for (title, align), value in zip(_columns(text), values, strict=True)
    ]
    return "<tr>" + "".join(cells) + "</tr>"


def _html(text: AlignmentText, alignment: Alignment) -> str:
    labels, words = text.labels, text.words
    foreign = text.lang == "en"
    plan_lang = ' lang="vi"' if foreign and not alignment.plan.title_en else ""
    reference_lang = ' lang="vi"' if foreign and not alignment.reference.title_en else ""
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{text.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(labels.plan)} {_e(text.number)} — {_e(words.report)}</title>",
        f"<style>\n{PAGE_STYLE}{STYLE}\n{_ALIGNMENT_STYLE}\n</style>",
        "</head>",
        "<body>",
        f'<div class="{ROOT_CLASS}" lang="{text.lang}">',
        "<header>",
        f'<p class="kicker">{_e(words.report)}</p>',
        f"<h1>{_e(labels.plan)} {_e(text.number)} — <span{plan_lang}>{_e(text.title)}</span></h1>",
        "</header>",
    ]
    if text.notices:
        lines += [
            f'<section class="notices" role="note" aria-label="{_e(labels.notices)}">',
            f"<h2>⚠ {_e(labels.notices)}</h2>",
            "<ul>",
            *(f"<li>{_e(notice)}</li>" for notice in text.notices),
            "</ul>",
            "</section>",
        ]
    facts = [
        (
            words.reference,
            f"{_e(text.reference_number)} — <span{reference_lang}>"
            f"{_e(text.reference_title)}</span>",
        )
    ]
    if text.as_of:
        facts.append((labels.as_of, _e(text.as_of)))
    if text.known_at:
        facts.append((labels.known_at, _e(text.known_at)))
    lines.append('<dl class="facts">')
    lines += [f"<dt>{_e(label)}</dt><dd>{body}</dd>" for label, body in facts]
    lines.append("</dl>")
    if not text.has_data:
        lines.append(f"<p>{_e(words.requirements_only)}</p>")
    lines += [f"<h2>{_e(labels.summary)}</h2>", '<ul class="badges">']
    lines += [
        f'<li><span class="verdict verdict-{verdict.value}"><span class="symbol" '
        f'aria-hidden="true">{_e(symbol)}</span> {_e(label)}</span> <strong>{count}</strong></li>'
        for verdict, label, symbol, count in text.summary
    ]
    lines += ["</ul>", f"<h2>{_e(labels.targets)}</h2>"]
    columns = _columns(text)
    numeric = ' class="number"'
    head = "".join(f"<th{numeric if align else ''}>{_e(title)}</th>" for title, align in columns)
    for pair in text.pairs:
        title_lang = ' lang="vi"' if foreign and not pair.target.title_en else ""
        reference_title_lang = (
            ' lang="vi"' if foreign and not pair.reference_target.title_en else ""
        )
        lines += [
            f'<article class="card" id="link-{pair.number}">',
            f'<h3><span class="number">{pair.number}.</span> <span{title_lang}>'
            f"{_e(pair.title)}</span></h3>",
            f'<p class="meta"><code>{_e(clean(pair.target.id))}</code> '
            f'<span class="arrow">→</span> {_e(words.reference_target)}: '
            f"<span{reference_title_lang}>{_e(pair.reference_title)}</span> "
            f"<code>{_e(clean(pair.reference_target.id))}</code></p>",
            '<div class="scroll"><table class="links">',
            f"<thead><tr>{head}</tr></thead>",
            "<tbody>",
            *(_html_row(item, text) for item in pair.links),
            "</tbody>",
            "</table></div>",
            "</article>",
        ]
    for title, targets in (
        (words.unlinked, text.unlinked),
        (words.reference_unlinked, text.reference_unlinked),
    ):
        lines.append(f"<h2>{_e(title)}</h2>")
        if not targets:
            lines.append(f"<p>{_e(words.nothing)}</p>")
            continue
        lines.append('<ul class="targets">')
        lines += [
            f"<li><code>{_e(target_id)}</code>: {_e(body)}</li>" for target_id, body in targets
        ]
        lines.append("</ul>")
    lines += ["</div>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


# --- csv --------------------------------------------------------------------------------------


def _exact(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool | Fraction):
        return value_text(value)
    return str(value)


def _csv(alignment: Alignment, lang: Lang) -> str:
    text = alignment_text(alignment, lang)
    notices = "; ".join(text.notices)
    head = [
        clean(alignment.plan.id),
        clean(alignment.reference.id),
        "" if alignment.as_of is None else alignment.as_of.isoformat(),
    ]
    empty_link = [""] * (len(ALIGNMENT_CSV_HEADER) - 9)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ALIGNMENT_CSV_HEADER)
    rows: list[list[str]] = []
    for pair in text.pairs:
        for item in pair.links:
            link = item.link
            rows.append(
                [
                    "link",
                    *head,
                    clean(link.target.id),
                    pair.title,
                    clean(link.reference_target.id),
                    pair.reference_title,
                    link.milestone.label,
                    link.milestone.deadline.isoformat(),
                    link.requirement.comparator.value,
                    _exact(link.requirement.value),
                    item.required,
                    "true" if link.interpolated else "false",
                    link.basis,
                    link.reference_requirement.comparator.value,
                    _exact(link.reference_requirement.value),
                    item.reference_required,
                    link.verdict.value,
                    item.verdict,
                    link.reason or "",
                    _exact(link.difference),
                    item.difference,
                    _exact(link.population),
                    _exact(link.required_units),
                    _exact(link.reference_required_units),
                    _exact(link.actual),
                    "" if link.status is None else link.status.value,
                    "" if link.reference_status is None else link.reference_status.value,
                    notices,
                ]
            )
    for target_id, title in text.unlinked:
        rows.append(["unlinked", *head, target_id, title, "", "", *empty_link, notices])
    for target_id, title in text.reference_unlinked:
        rows.append(["reference_unlinked", *head, "", "", target_id, title, *empty_link, notices])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def render_alignment(alignment: Alignment, format: str, *, lang: str = "vi") -> str:
    """Render an alignment as a report.

    The same alignment always gives the same text, byte for byte, with ``\\n`` line endings.

    Args:
        alignment: The alignment (:func:`policytargets.align`).
        format: One of :data:`ALIGNMENT_FORMATS`: ``"table"``, ``"markdown"``, ``"html"``
            (one self-contained page), ``"csv"`` (see :data:`ALIGNMENT_CSV_HEADER`) or
            ``"json"`` (exactly :meth:`policytargets.Alignment.to_dict`).
        lang: ``"vi"`` (default) or ``"en"``. JSON is the same in both; CSV's headers too.

    Returns:
        The report, ending with a newline.

    Raises:
        ValueError: ``format`` or ``lang`` is unknown; the message names the allowed values.

    .. versionadded:: 0.2.0
    """
    if format not in ALIGNMENT_FORMATS:
        allowed = ", ".join(repr(known) for known in ALIGNMENT_FORMATS)
        raise ValueError(f"unknown report format {format!r}: use one of {allowed}")
    language = check_lang(lang)
    if format == "json":
        encoded = json.dumps(alignment.to_dict(), ensure_ascii=False, indent=2)
        return escape_bidi_controls(encoded) + "\n"
    if format == "csv":
        return _csv(alignment, language)
    text = alignment_text(alignment, language)
    if format == "table":
        return _table(text)
    if format == "markdown":
        return _markdown(text)
    return _html(text, alignment)
