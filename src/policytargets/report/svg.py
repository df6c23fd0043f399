"""Inline SVG charts for the HTML report: a target's required path, milestones and data.

A chart runs over the periods of the target's (last) milestone kind, from the period holding
the plan's effective date (or the baseline's, if earlier) to the last milestone, and shows:

- the **required trajectory**, a dashed line through ``target.schedule.expected(period)``
  for every period (sampled when there are more than :data:`MAX_POINTS`);
- each **milestone**, a diamond at its required value, labelled with its status symbol and
  requirement, so that it reads in black and white;
- the **observed values**, a solid line with dots: with an observation log, the target's
  actual value for every period that began by the as-of date, read exactly as the engine
  reads it (``target.rule.read`` with the scorecard's as-of and knowledge dates); without one,
  only the values judged in the scorecard's assessments;
- the as-of date, a dotted vertical line (named in the legend).

Yes/no targets are drawn on a two-level axis (no, yes), their observed facts as steps (a
fact holds until an observation changes it). Coordinates are the only floats, and
they are written with one decimal, so the same inputs give the same bytes. Every text from a
plan or data file is escaped for HTML.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import math
from collections.abc import Sequence
from fractions import Fraction

import attrs

from policytargets.assess import Scorecard, Status
from policytargets.observations import ObservationLog
from policytargets.periods import Period
from policytargets.quantities import Lang, Value, format_value, order_of_magnitude
from policytargets.report.labels import AssessmentText, Labels, format_date, format_period
from policytargets.targets import Context, Reading
from policytargets.targets.target import Target

__all__ = ["MAX_POINTS", "ChartData", "ChartPoint", "MilestoneMark", "chart_data", "render_chart"]

MAX_POINTS = 120
"""The most periods a chart plots; longer ranges (months or days over years) are sampled.

.. versionadded:: 0.1.0
"""

_WIDTH, _HEIGHT = 640, 262
_LEFT, _RIGHT, _TOP, _BOTTOM = 64, 20, 30, 198
_X_LABELS_Y = 216
_LEGEND_Y = 248
_CHAR_WIDTH = 6.4  # an estimate of the average width of an 11px character, for the legend


@attrs.frozen
class ChartPoint:
    """A value for a period.

    .. versionadded:: 0.1.0
    """

    period: Period
    value: Value


@attrs.frozen
class MilestoneMark:
    """A milestone on a chart: its period, required value, status and label.

    .. versionadded:: 0.1.0
    """

    period: Period
    value: Value
    status: Status
    label: str


@attrs.frozen
class ChartData:
    """What one target's chart shows.

    Attributes:
        required: The required trajectory, by period.
        milestones: The milestones.
        observed: The observed values, by period.
        judged_only: Whether ``observed`` holds only the values judged in the assessments
            (no observation log was given).
        percent: Whether values read as percentages.
        share: Whether values are shares (the axis then runs to at least 100%).
        boolean: Whether values are yes/no facts.

    .. versionadded:: 0.1.0
    """

    required: tuple[ChartPoint, ...]
    milestones: tuple[MilestoneMark, ...]
    observed: tuple[ChartPoint, ...]
    judged_only: bool
    percent: bool
    share: bool
    boolean: bool


def _periods(target: Target, effective: dt.date) -> list[Period]:
    """The periods a chart runs over, sampled to at most :data:`MAX_POINTS` (plus checkpoints)."""
    milestones = target.all_milestones
    kind = milestones[-1].by.kind
    start_day = effective
    if target.baseline is not None:
        start_day = min(start_day, target.baseline.period.start)
    first = Period.containing(kind, start_day).ordinal
    last = Period.containing(kind, milestones[-1].by.start).ordinal
    count = last - first + 1
    step = max(1, math.ceil(count / MAX_POINTS))
    ordinals = set(range(first, last + 1, step)) | {last}
    periods = {Period.from_ordinal(kind, ordinal) for ordinal in ordinals}
    periods |= {c.period for c in target.schedule if c.period.kind is kind}
    return sorted(periods, key=lambda p: (p.end, p.start))


def chart_data(
    target: Target,
    assessments: Sequence[AssessmentText],
    scorecard: Scorecard,
    observations: ObservationLog | None,
) -> ChartData | None:
    """What to chart for ``target``, or None when it has no milestone.

    Args:
        target: The target.
        assessments: Its written-out assessments (for the milestones' statuses and labels).
        scorecard: The scorecard (plan, as-of and knowledge dates).
        observations: The observation log, or None to plot only the judged values.

    .. versionadded:: 0.1.0
    """
    if not target.all_milestones:
        return None
    periods = _periods(target, scorecard.plan.effective)
    schedule = target.schedule
    required = tuple(ChartPoint(p, schedule.expected(p)) for p in periods)
    marks = tuple(
        MilestoneMark(
            item.assessment.milestone.by,
            item.assessment.requirement.value,
            item.status,
            f"{item.symbol} {item.required}",
        )
        for item in assessments
    )
    observed: dict[Period, Value] = {}
    if observations is not None:
        context = Context(
            observations, scorecard.plan.population_map, scorecard.as_of, scorecard.known_at
        )
        for period in periods:
            if period.start > scorecard.as_of:
                continue
            result = target.rule.read(period, context)
            if isinstance(result, Reading):
                observed[result.period] = result.value
    else:
        for item in assessments:
            reading = item.assessment.reading
            if reading is not None:
                observed[reading.period] = reading.value
    return ChartData(
        required=required,
        milestones=marks,
        observed=tuple(
            ChartPoint(p, observed[p]) for p in sorted(observed, key=lambda p: (p.end, p.start))
        ),
        judged_only=observations is None,
        percent=target.percent,
        share=target.kind == "threshold-share",
        boolean=target.rule.value_kind == "boolean",
    )


def _number(value: Value) -> Fraction:
    if isinstance(value, bool):
        return Fraction(int(value))
    return value


def _ticks(low: Fraction, high: Fraction) -> list[Fraction]:
    """Round tick values (1, 2 or 5 times a power of ten apart) covering ``low`` to ``high``."""
    raw = (high - low) / 4
    exponent = order_of_magnitude(raw)  # exact: values may lie beyond the range of floats
    base = Fraction(10) ** exponent
    step = next(base * m for m in (1, 2, 5, 10) if base * m >= raw)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    return [first + i * step for i in range(int((last - first) / step) + 1)]


def _fmt(number: float) -> str:
    text = f"{number:.1f}"
    return "0.0" if text == "-0.0" else text


def _text(value: str) -> str:
    return html.escape(value, quote=True)


def _tick_label(value: Fraction, data: ChartData, lang: Lang) -> str:
    if data.boolean:
        return format_value(bool(value), lang)
    return format_value(value, lang, percent=data.percent)


@attrs.frozen
class _Scale:
    """Where periods and values go in the plot area."""

    x_low: int
    x_high: int
    ticks: tuple[Fraction, ...]

    @classmethod
    def fit(cls, data: ChartData) -> _Scale:
        points: tuple[ChartPoint | MilestoneMark, ...] = (
            *data.required,
            *data.observed,
            *data.milestones,
        )
        days = [point.period.end.toordinal() for point in points]
        x_low, x_high = min(days), max(days)
        if data.boolean:
            return cls(x_low, max(x_high, x_low + 1), (Fraction(0), Fraction(1)))
        values = [Fraction(0), *(_number(point.value) for point in points)]
        low, high = min(values), max(values)
        if data.share:
            high = max(high, Fraction(1))
        if high == low:
            high = low + 1
        return cls(x_low, max(x_high, x_low + 1), tuple(_ticks(low, high)))

    def x_day(self, day: int) -> float:
        share = (day - self.x_low) / (self.x_high - self.x_low)
        return _LEFT + share * (_WIDTH - _LEFT - _RIGHT)

    def x(self, period: Period) -> float:
        return self.x_day(period.end.toordinal())

    def y(self, value: Value) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        share = float((_number(value) - low) / (high - low))
        return _BOTTOM - share * (_BOTTOM - _TOP)

    def point(self, point: ChartPoint) -> str:
        return f"{_fmt(self.x(point.period))},{_fmt(self.y(point.value))}"


def _axes(data: ChartData, scale: _Scale, lang: Lang) -> list[str]:
    parts: list[str] = []
    for tick in scale.ticks:
        y = _fmt(scale.y(tick))
        label = _tick_label(tick, data, lang)
        parts.append(
            f'<line class="chart-grid" x1="{_LEFT}" y1="{y}" x2="{_WIDTH - _RIGHT}" y2="{y}"/>'
        )
        parts.append(
            f'<text class="chart-tick" x="{_LEFT - 6}" y="{y}" text-anchor="end" '
            f'dominant-baseline="middle">{_text(label)}</text>'
        )
    parts.append(
        f'<line class="chart-axis" x1="{_LEFT}" y1="{_BOTTOM}" '
        f'x2="{_WIDTH - _RIGHT}" y2="{_BOTTOM}"/>'
    )
    step = max(1, math.ceil(len(data.required) / 10))
    shown = {p.period for p in data.required[::step]} | {m.period for m in data.milestones}
    for period in sorted(shown, key=lambda p: (p.end, p.start)):
        parts.append(
            f'<text class="chart-tick" x="{_fmt(scale.x(period))}" y="{_X_LABELS_Y}" '
            f'text-anchor="middle">{_text(format_period(period, lang))}</text>'
        )
    return parts


def _observed(data: ChartData, scale: _Scale, lang: Lang) -> list[str]:
    if not data.observed:
        return []
    if data.boolean:
        # a yes/no fact holds until the next observation changes it: draw steps
        corners = [
            f"{_fmt(scale.x(later.period))},{_fmt(scale.y(earlier.value))} {scale.point(later)}"
            for earlier, later in itertools.pairwise(data.observed)
        ]
        path = " ".join([scale.point(data.observed[0]), *corners])
    else:
        path = " ".join(scale.point(p) for p in data.observed)
    parts = [f'<polyline class="chart-observed" points="{path}"/>']
    with_labels = len(data.observed) <= 12
    marks_y = {mark.period: scale.y(mark.value) for mark in data.milestones}
    for point in data.observed:
        x, y = scale.x(point.period), scale.y(point.value)
        shown = format_value(point.value, lang, percent=data.percent)
        caption = f"{format_period(point.period, lang)}: {shown}"
        parts.append(
            f'<circle class="chart-point" cx="{_fmt(x)}" cy="{_fmt(y)}" r="3.5">'
            f"<title>{_text(caption)}</title></circle>"
        )
        if with_labels:
            label_y = _value_label_y(y, marks_y.get(point.period))
            parts.append(
                f'<text class="chart-value" x="{_fmt(x)}" y="{_fmt(label_y)}" '
                f'text-anchor="middle">{_text(shown)}</text>'
            )
    return parts


def _milestones(data: ChartData, scale: _Scale, labels: Labels, lang: Lang) -> list[str]:
    parts: list[str] = []
    for mark in data.milestones:
        x, y = scale.x(mark.period), scale.y(mark.value)
        diamond = " ".join(
            f"{_fmt(x + dx)},{_fmt(y + dy)}" for dx, dy in ((0, -6), (6, 0), (0, 6), (-6, 0))
        )
        caption = f"{labels.chart_milestone} {format_period(mark.period, lang)}: {mark.label}"
        parts.append(
            f'<polygon class="chart-milestone status-{mark.status.value}" points="{diamond}">'
            f"<title>{_text(caption)}</title></polygon>"
        )
    # Labels go in a band above the plot, so that they never cover the data; where
    # milestones are close together, only their status symbols.
    xs = sorted(scale.x(mark.period) for mark in data.milestones)
    spacing = min((b - a for a, b in itertools.pairwise(xs)), default=float(_WIDTH))
    for mark in data.milestones:
        x = scale.x(mark.period)
        label = mark.label if spacing >= 56 else mark.label.split(" ", 1)[0]
        anchor = "end" if x > _WIDTH - _RIGHT - 30 else "middle"
        parts.append(
            f'<text class="chart-mark status-{mark.status.value}" x="{_fmt(x)}" '
            f'y="{_TOP - 12}" text-anchor="{anchor}">{_text(label)}</text>'
        )
    return parts


def render_chart(
    data: ChartData,
    *,
    title: str,
    chart_id: str,
    as_of: dt.date,
    labels: Labels,
    lang: Lang,
) -> str:
    """The chart as an inline ``<svg>`` element, with an accessible title and description.

    Args:
        data: What to chart.
        title: The chart's title (escaped here).
        chart_id: A unique id prefix for the chart's elements; it must be safe in an
            attribute (the HTML report uses ``chart-<number>``).
        as_of: The as-of date, drawn as a dotted line.
        labels: The report's labels.
        lang: The report's language.

    .. versionadded:: 0.1.0
    """
    scale = _Scale.fit(data)
    description = [f"{labels.chart_required}, {labels.chart_milestone}, {labels.chart_observed}."]
    if data.judged_only:
        description.append(labels.chart_judged_only)
    parts = [
        f'<svg class="chart" viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{_text(title)}</title>',
        f'<desc id="{chart_id}-desc">{_text(" ".join(description))}</desc>',
        *_axes(data, scale, lang),
    ]
    as_of_day = as_of.toordinal()
    as_of_text = f"{labels.as_of} {format_date(as_of, lang)}"
    shows_as_of = scale.x_low <= as_of_day <= scale.x_high
    if shows_as_of:
        x = _fmt(scale.x_day(as_of_day))
        parts.append(
            f'<line class="chart-as-of" x1="{x}" y1="{_TOP}" x2="{x}" y2="{_BOTTOM}">'
            f"<title>{_text(as_of_text)}</title></line>"
        )
    path = " ".join(scale.point(p) for p in data.required)
    parts.append(f'<polyline class="chart-required" points="{path}"/>')
    parts.extend(_observed(data, scale, lang))
    parts.extend(_milestones(data, scale, labels, lang))
    parts.extend(_legend(labels, as_of_text if shows_as_of else None))
    parts.append("</svg>")
    return "\n".join(parts)


def _value_label_y(point_y: float, mark_y: float | None) -> float:
    """Where a value's label goes: above its dot, unless the plot's top or a milestone's
    diamond is in the way; then below it."""

    def clear(label_y: float) -> bool:
        # the label's text spans about 9 px above its baseline; a diamond 6 px around its centre
        return mark_y is None or abs((label_y - 4) - mark_y) >= 12

    above, below = point_y - 10, point_y + 18
    if above > _TOP + 10 and clear(above):
        return above
    if below < _BOTTOM - 2 and clear(below):
        return below
    return above if above > _TOP + 10 else below


def _legend(labels: Labels, as_of_text: str | None) -> list[str]:
    parts: list[str] = []
    x = float(_LEFT)
    y = _LEGEND_Y
    entries = [
        (labels.chart_required, "required"),
        (labels.chart_milestone, "milestone"),
        (labels.chart_observed, "observed"),
    ]
    if as_of_text is not None:
        entries.append((as_of_text, "as_of"))
    for text, kind in entries:
        if kind == "required":
            parts.append(
                f'<line class="chart-required" x1="{_fmt(x)}" y1="{y}" x2="{_fmt(x + 24)}" '
                f'y2="{y}"/>'
            )
        elif kind == "milestone":
            parts.append(
                f'<polygon class="chart-milestone legend" points="{_fmt(x + 12)},{y - 6} '
                f'{_fmt(x + 18)},{y} {_fmt(x + 12)},{y + 6} {_fmt(x + 6)},{y}"/>'
            )
        elif kind == "as_of":
            parts.append(
                f'<line class="chart-as-of" x1="{_fmt(x + 12)}" y1="{y - 8}" '
                f'x2="{_fmt(x + 12)}" y2="{y + 8}"/>'
            )
        else:
            parts.append(
                f'<line class="chart-observed" x1="{_fmt(x)}" y1="{y}" x2="{_fmt(x + 24)}" '
                f'y2="{y}"/><circle class="chart-point" cx="{_fmt(x + 12)}" cy="{y}" r="3.5"/>'
            )
        parts.append(
            f'<text class="chart-legend" x="{_fmt(x + 30)}" y="{y}" '
            f'dominant-baseline="middle">{_text(text)}</text>'
        )
        x += 30 + len(text) * _CHAR_WIDTH + 24
    return parts
