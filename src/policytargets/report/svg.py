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
import functools
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

ZERO_BASED_KINDS = frozenset({"threshold-share", "growth", "count"})
"""Target types whose values read against zero (a share, a growth rate, a count): their
charts' value axis starts at or below 0. Other charts fit the axis to the data.

.. versionadded:: 0.2.0
"""

FONT_SIZE = 13
"""The charts' text size in SVG units. A chart is never drawn narrower than
``WIDTH * 10 / FONT_SIZE`` pixels (its figure scrolls instead), so text stays at 10 px or more.

.. versionadded:: 0.2.0
"""

WIDTH = 640
"""The charts' width in SVG units.

.. versionadded:: 0.2.0
"""

_LEFT, _RIGHT, _TOP, _BOTTOM = 72, 24, 48, 214
_X_PAD = 12  # room between the value axis and the first period, and after the last
_BAND_ROWS = (18, 35)  # baselines of the milestone labels above the plot
_X_LABELS_Y = 234
_LEGEND_Y = 262
_LEGEND_ROW = 22
_CHAR_WIDTH = 7.6  # an estimate of the average width of a character at FONT_SIZE
_BOLD_WIDTH = 8.2  # the same, bold


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
        zero_based: Whether the value axis includes 0 (:data:`ZERO_BASED_KINDS`); otherwise
            it fits the data.

    .. versionadded:: 0.1.0
    """

    required: tuple[ChartPoint, ...]
    milestones: tuple[MilestoneMark, ...]
    observed: tuple[ChartPoint, ...]
    judged_only: bool
    percent: bool
    share: bool
    boolean: bool
    zero_based: bool = True


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
        zero_based=target.kind in ZERO_BASED_KINDS,
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
    return _tick_text(value, lang, boolean=data.boolean, percent=data.percent)


@functools.lru_cache(maxsize=1024)  # charts of similar targets share their ticks
def _tick_text(value: Fraction, lang: Lang, *, boolean: bool, percent: bool) -> str:
    if boolean:
        return format_value(bool(value), lang)
    return format_value(value, lang, percent=percent)


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
        if x_high == x_low:  # one period: put it in the middle
            x_low, x_high = x_low - 180, x_high + 180
        if data.boolean:
            return cls(x_low, x_high, (Fraction(0), Fraction(1)))
        values = [_number(point.value) for point in points]
        if data.zero_based:
            values.append(Fraction(0))
        low, high = min(values), max(values)
        if data.share:
            high = max(high, Fraction(1))
        if high == low:
            pad = abs(high) / 10 or Fraction(1)
            low, high = low - pad, high + pad
        return cls(x_low, x_high, tuple(_ticks(low, high)))

    def x_day(self, day: int) -> float:
        # markers at the ends keep clear of the value axis' labels and of the edge
        share = (day - self.x_low) / (self.x_high - self.x_low)
        return _LEFT + _X_PAD + share * (WIDTH - _LEFT - _RIGHT - 2 * _X_PAD)

    def x(self, period: Period) -> float:
        return self.x_day(period.end.toordinal())

    def y(self, value: Value) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        number = _number(value)
        # (value - low) / (high - low) as one division of integers: correctly rounded, as
        # float() of the fraction is, without reducing the fractions on the way
        span = high.numerator * low.denominator - low.numerator * high.denominator
        above = number.numerator * low.denominator - low.numerator * number.denominator
        share = (above * high.denominator) / (number.denominator * span)
        return _BOTTOM - share * (_BOTTOM - _TOP)

    def point(self, point: ChartPoint) -> str:
        return f"{_fmt(self.x(point.period))},{_fmt(self.y(point.value))}"


_Box = tuple[float, float, float, float]  # left, top, right, bottom


def _text_box(x: float, baseline: float, text: str, anchor: str, *, bold: bool = False) -> _Box:
    """The estimated box of a text at ``x`` (by its anchor) on ``baseline``."""
    width = len(text) * (_BOLD_WIDTH if bold else _CHAR_WIDTH)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return (left, baseline - FONT_SIZE * 0.8, left + width, baseline + FONT_SIZE * 0.25)


def _overlaps(a: _Box, b: _Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(box: _Box, start: tuple[float, float], end: tuple[float, float]) -> bool:
    """Whether the segment from ``start`` to ``end`` passes through ``box`` (Liang-Barsky)."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


@attrs.define
class _Obstacles:
    """What a label must not touch: other labels, markers and lines."""

    boxes: list[_Box] = attrs.field(factory=list)
    segments: list[tuple[tuple[float, float], tuple[float, float]]] = attrs.field(factory=list)

    def line(self, points: Sequence[tuple[float, float]]) -> None:
        self.segments.extend(itertools.pairwise(points))

    def clear(self, box: _Box, bounds: _Box) -> bool:
        inside = (
            bounds[0] <= box[0]
            and box[2] <= bounds[2]
            and bounds[1] <= box[1]
            and box[3] <= bounds[3]
        )
        if not inside:
            return False
        # plain loops, no generators: every chart asks this for every label spot it tries
        for other in self.boxes:
            if _overlaps(box, other):
                return False
        for start, end in self.segments:  # noqa: SIM110 - a loop, as above
            if _crosses(box, start, end):
                return False
        return True


def _axes(data: ChartData, scale: _Scale, lang: Lang) -> list[str]:
    parts: list[str] = []
    for tick in scale.ticks:
        y = _fmt(scale.y(tick))
        label = _tick_label(tick, data, lang)
        parts.append(
            f'<line class="chart-grid" x1="{_LEFT}" y1="{y}" x2="{WIDTH - _RIGHT}" y2="{y}"/>'
        )
        parts.append(
            f'<text class="chart-tick" x="{_LEFT - 6}" y="{y}" text-anchor="end" '
            f'dominant-baseline="middle">{_text(label)}</text>'
        )
    parts.append(
        f'<line class="chart-axis" x1="{_LEFT}" y1="{_BOTTOM}" '
        f'x2="{WIDTH - _RIGHT}" y2="{_BOTTOM}"/>'
    )
    # milestones' periods first, then the others where they fit between them
    milestones = sorted({m.period for m in data.milestones}, key=lambda p: (p.end, p.start))
    others = sorted(
        {p.period for p in data.required} - set(milestones), key=lambda p: (p.end, p.start)
    )
    placed: list[_Box] = []
    for period in [*milestones, *others]:
        label = format_period(period, lang)
        box = _text_box(scale.x(period), _X_LABELS_Y, label, "middle")
        padded = (box[0] - 6, box[1], box[2] + 6, box[3])
        if any(_overlaps(padded, other) for other in placed):
            continue
        placed.append(padded)
        parts.append(
            f'<text class="chart-tick" x="{_fmt(scale.x(period))}" y="{_X_LABELS_Y}" '
            f'text-anchor="middle">{_text(label)}</text>'
        )
    return parts


_LABEL_SPOTS = (
    (0, -9, "middle"),
    (0, 19, "middle"),
    (-7, -7, "end"),
    (7, -7, "start"),
    (-7, 16, "end"),
    (7, 16, "start"),
    (0, -25, "middle"),
    (0, 35, "middle"),
)
"""Where a value label may go from its dot (dx, dy, anchor), in the order tried: above, below,
then beside, then further out; a label that fits nowhere is left out (the dot's tooltip and the
table still give the value)."""


def _observed(
    data: ChartData, scale: _Scale, lang: Lang, obstacles: _Obstacles
) -> tuple[list[str], list[str]]:
    """The observed line and dots, and their value labels placed where nothing else is."""
    if not data.observed:
        return [], []
    # each point's place and text, worked out once for its line, its dot and its label
    placed = [
        (
            point,
            scale.x(point.period),
            scale.y(point.value),
            format_value(point.value, lang, percent=data.percent),
        )
        for point in data.observed
    ]
    if data.boolean:
        # a yes/no fact holds until the next observation changes it: draw steps
        corners: list[tuple[float, float]] = [(placed[0][1], placed[0][2])]
        for (_, _, earlier_y, _), (_, later_x, later_y, _) in itertools.pairwise(placed):
            corners.append((later_x, earlier_y))
            corners.append((later_x, later_y))
    else:
        corners = [(x, y) for _, x, y, _ in placed]
    path = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in corners)
    obstacles.line(corners)
    parts = [f'<polyline class="chart-observed" points="{path}"/>']
    for point, x, y, shown in placed:
        obstacles.boxes.append((x - 4, y - 4, x + 4, y + 4))
        caption = f"{format_period(point.period, lang)}: {shown}"
        parts.append(
            f'<circle class="chart-point" cx="{_fmt(x)}" cy="{_fmt(y)}" r="3.5">'
            f"<title>{_text(caption)}</title></circle>"
        )
    labels: list[str] = []
    if len(placed) > 24:
        return parts, labels
    bounds = (float(_LEFT) + 2, float(_TOP), WIDTH - 2.0, float(_BOTTOM) - 2)
    for _, x, y, shown in placed:
        for dx, dy, anchor in _LABEL_SPOTS:
            box = _text_box(x + dx, y + dy, shown, anchor, bold=True)
            if obstacles.clear(box, bounds):
                obstacles.boxes.append(box)
                labels.append(
                    f'<text class="chart-value" x="{_fmt(x + dx)}" y="{_fmt(y + dy)}" '
                    f'text-anchor="{anchor}">{_text(shown)}</text>'
                )
                break
    return parts, labels


def _marker(status: Status, x: float, y: float, *, legend: bool = False) -> str:
    """A milestone's marker: a shape per status, so that status reads without colour.

    achieved: a disc with a tick; missed: a square with a cross; on track: a triangle up;
    off track: a triangle down; no data: a ring; lapsed: a struck-through ring; not started:
    an open diamond.
    """
    f = _fmt
    if status is Status.ACHIEVED:
        shape = f'<circle cx="{f(x)}" cy="{f(y)}" r="7"/>'
        glyph = f"M{f(x - 3.5)},{f(y)} L{f(x - 1)},{f(y + 3)} L{f(x + 4)},{f(y - 3)}"
    elif status is Status.MISSED:
        shape = f'<rect x="{f(x - 6.5)}" y="{f(y - 6.5)}" width="13" height="13"/>'
        glyph = (
            f"M{f(x - 3.5)},{f(y - 3.5)} L{f(x + 3.5)},{f(y + 3.5)} "
            f"M{f(x + 3.5)},{f(y - 3.5)} L{f(x - 3.5)},{f(y + 3.5)}"
        )
    elif status is Status.ON_TRACK:
        shape = (
            f'<polygon points="{f(x)},{f(y - 8)} {f(x + 7.5)},{f(y + 5)} {f(x - 7.5)},{f(y + 5)}"/>'
        )
        glyph = ""
    elif status is Status.OFF_TRACK:
        shape = (
            f'<polygon points="{f(x)},{f(y + 8)} {f(x + 7.5)},{f(y - 5)} {f(x - 7.5)},{f(y - 5)}"/>'
        )
        glyph = ""
    elif status is Status.NO_DATA:
        shape = f'<circle class="chart-hollow" cx="{f(x)}" cy="{f(y)}" r="5.5"/>'
        glyph = ""
    elif status is Status.LAPSED:
        shape = (
            f'<circle class="chart-hollow" cx="{f(x)}" cy="{f(y)}" r="5.5"/>'
            f'<path class="chart-slash" d="M{f(x - 5)},{f(y + 5)} L{f(x + 5)},{f(y - 5)}"/>'
        )
        glyph = ""
    else:
        shape = (
            f'<polygon class="chart-hollow" points="{f(x)},{f(y - 6.5)} {f(x + 6.5)},{f(y)} '
            f'{f(x)},{f(y + 6.5)} {f(x - 6.5)},{f(y)}"/>'
        )
        glyph = ""
    path = f'<path class="chart-glyph" d="{glyph}"/>' if glyph else ""
    kind = " legend" if legend else ""
    return f'<g class="chart-milestone{kind} status-{status.value}">{shape}{path}'


def _milestones(
    data: ChartData, scale: _Scale, labels: Labels, lang: Lang, obstacles: _Obstacles
) -> list[str]:
    parts: list[str] = []
    for mark in data.milestones:
        x, y = scale.x(mark.period), scale.y(mark.value)
        obstacles.boxes.append((x - 9, y - 9, x + 9, y + 9))
        caption = f"{labels.chart_milestone} {format_period(mark.period, lang)}: {mark.label}"
        parts.append(f"{_marker(mark.status, x, y)}<title>{_text(caption)}</title></g>")
    # Labels go in a band above the plot, so that they never cover the data: on the first
    # row where they fit, else on the second, else only their status symbols.
    placed: list[_Box] = []
    for mark in sorted(data.milestones, key=lambda m: scale.x(m.period)):
        x = scale.x(mark.period)
        for label in (mark.label, mark.label.split(" ", 1)[0]):
            anchor = "end" if x + len(label) * _BOLD_WIDTH / 2 > WIDTH - 2 else "middle"
            spot = None
            for row in _BAND_ROWS:
                box = _text_box(x, row, label, anchor, bold=True)
                if not any(_overlaps(box, other) for other in placed):
                    spot = (row, box)
                    break
            if spot is not None:
                row, box = spot
                placed.append((box[0] - 4, box[1], box[2] + 4, box[3]))
                parts.append(
                    f'<text class="chart-mark status-{mark.status.value}" x="{_fmt(x)}" '
                    f'y="{row}" text-anchor="{anchor}">{_text(label)}</text>'
                )
                break
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
    as_of_day = as_of.toordinal()
    as_of_text = f"{labels.as_of} {format_date(as_of, lang)}"
    shows_as_of = scale.x_low <= as_of_day <= scale.x_high
    legend, height = _legend(data, labels, as_of_text if shows_as_of else None)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{_text(title)}</title>',
        f'<desc id="{chart_id}-desc">{_text(" ".join(description))}</desc>',
        *_axes(data, scale, lang),
    ]
    obstacles = _Obstacles()
    if shows_as_of:
        x = scale.x_day(as_of_day)
        obstacles.line([(x, _TOP), (x, _BOTTOM)])
        parts.append(
            f'<line class="chart-as-of" x1="{_fmt(x)}" y1="{_TOP}" x2="{_fmt(x)}" '
            f'y2="{_BOTTOM}"><title>{_text(as_of_text)}</title></line>'
        )
    required = [(scale.x(p.period), scale.y(p.value)) for p in data.required]
    obstacles.line(required)
    path = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in required)
    parts.append(f'<polyline class="chart-required" points="{path}"/>')
    marks = _milestones(data, scale, labels, lang, obstacles)
    observed, values = _observed(data, scale, lang, obstacles)
    parts.extend([*observed, *marks, *values, *legend, "</svg>"])
    return "\n".join(parts)


def _legend(data: ChartData, labels: Labels, as_of_text: str | None) -> tuple[list[str], int]:
    """The legend, in rows that fit the chart's width, and the chart's height with it."""
    entries: list[tuple[str, str]] = [
        (labels.chart_required, "required"),
        (labels.chart_observed, "observed"),
    ]
    statuses = [s for s in Status if any(m.status is s for m in data.milestones)]
    entries.extend((f"{labels.chart_milestone}: {labels.statuses[s]}", s.value) for s in statuses)
    if as_of_text is not None:
        entries.append((as_of_text, "as_of"))
    parts: list[str] = []
    x, y = 8.0, _LEGEND_Y
    for text, kind in entries:
        width = 30 + len(text) * _CHAR_WIDTH + 18
        if x > 8 and x + width > WIDTH:
            x, y = 8.0, y + _LEGEND_ROW
        if kind == "required":
            parts.append(
                f'<line class="chart-required" x1="{_fmt(x)}" y1="{y}" x2="{_fmt(x + 24)}" '
                f'y2="{y}"/>'
            )
        elif kind == "observed":
            parts.append(
                f'<line class="chart-observed" x1="{_fmt(x)}" y1="{y}" x2="{_fmt(x + 24)}" '
                f'y2="{y}"/><circle class="chart-point" cx="{_fmt(x + 12)}" cy="{y}" r="3.5"/>'
            )
        elif kind == "as_of":
            parts.append(
                f'<line class="chart-as-of" x1="{_fmt(x + 12)}" y1="{y - 8}" '
                f'x2="{_fmt(x + 12)}" y2="{y + 8}"/>'
            )
        else:
            parts.append(_marker(Status(kind), x + 12, y, legend=True) + "</g>")
        parts.append(
            f'<text class="chart-legend" x="{_fmt(x + 30)}" y="{y}" '
            f'dominant-baseline="middle">{_text(text)}</text>'
        )
        x += width
    return parts, y + _LEGEND_ROW // 2 + 4
