"""What a report says, in Vietnamese and English: its words, and every value written out.

Every renderer takes its words from here, and the text of every value (dates, periods,
requirements, actual values, projections) is produced here once, in :func:`report_text`, so
that the table, Markdown and HTML reports say exactly the same things. Only the layout differs
between formats.

Text that comes from a plan or a data file is normalised (:func:`clean`): Unicode NFC, so that
Vietnamese letters are single precomposed characters, and control characters (line breaks,
tabs) become spaces, so that no file can break a report's layout. Escaping for a format
(HTML, Markdown, CSV) is the renderer's job.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Mapping
from fractions import Fraction

import attrs

from policytargets.assess import Assessment, MissingReport, Scorecard, Status
from policytargets.periods import Period, PeriodKind
from policytargets.progress import ProgressResult
from policytargets.projection import Projection
from policytargets.quantities import (
    Lang,
    Requirement,
    format_number,
    format_value,
    value_text,
)
from policytargets.targets import ThresholdShare
from policytargets.targets.target import Target

__all__ = [
    "EN",
    "LANGS",
    "STATUS_SYMBOLS",
    "VI",
    "AssessmentText",
    "Labels",
    "MissingReportText",
    "ReportText",
    "assessment_text",
    "check_lang",
    "clean",
    "float_text",
    "format_date",
    "format_period",
    "labels_for",
    "missing_report_text",
    "progress_text",
    "projection_text",
    "report_text",
    "requirement_text",
]

LANGS: tuple[Lang, ...] = ("vi", "en")
"""The languages a report can be written in.

.. versionadded:: 0.1.0
"""

STATUS_SYMBOLS: Mapping[Status, str] = {
    Status.ACHIEVED: "✓",
    Status.MISSED: "✗",
    Status.ON_TRACK: "▲",
    Status.OFF_TRACK: "▼",
    Status.NO_DATA: "?",
    Status.NOT_STARTED: "·",
}
"""A symbol per status, so that a status reads without colour (printed in black and white).

.. versionadded:: 0.1.0
"""


@attrs.frozen
class Labels:
    """Every word a report uses, in one language.

    The attribute names say what each label is for; :data:`VI` and :data:`EN` are the two
    instances. Phrases with ``{placeholders}`` are filled with :meth:`str.format`.

    .. versionadded:: 0.1.0
    """

    report: str
    plan: str
    issuer: str
    as_of: str
    known_at: str
    summary: str
    count: str
    details: str
    notices: str
    plan_note: str
    targets: str
    target: str
    milestone: str
    deadline: str
    status: str
    required: str
    actual: str
    period: str
    expected: str
    gap: str
    met_total: str
    required_units: str
    units_short: str
    unreported: str
    strive: str
    source: str
    note: str
    assessment_note: str
    projections: str
    progress: str
    missing_reports: str
    unit: str
    unit_name: str
    plan_wide: str
    measure: str
    due: str
    value: str
    score: str
    at_deadline: str
    met_from: str
    met_after_deadline: str
    not_met_by_deadline: str
    not_projectable: str
    units_summary: str
    chart: str
    chart_required: str
    chart_milestone: str
    chart_observed: str
    chart_judged_only: str
    chart_no_values: str
    statuses: Mapping[Status, str]
    projection_methods: Mapping[str, str]
    progress_methods: Mapping[str, str]
    progress_categories: Mapping[str, str]


VI = Labels(
    report="Báo cáo đánh giá chỉ tiêu",
    plan="Kế hoạch",
    issuer="Cơ quan ban hành",
    as_of="Ngày đánh giá",
    known_at="Số liệu ghi nhận đến ngày",
    summary="Tổng hợp",
    count="Số lượng",
    details="Chi tiết",
    notices="Lưu ý về số liệu",
    plan_note="Ghi chú của kế hoạch",
    targets="Các chỉ tiêu",
    target="Chỉ tiêu",
    milestone="Mốc",
    deadline="Hạn",
    status="Trạng thái",
    required="Yêu cầu",
    actual="Thực tế",
    period="Kỳ số liệu",
    expected="Theo lộ trình",
    gap="Chênh lệch",
    met_total="Đạt/Tổng",
    required_units="Cần đạt",
    units_short="Còn thiếu",
    unreported="Chưa báo cáo",
    strive="phấn đấu",
    source="Căn cứ",
    note="Ghi chú",
    assessment_note="Ghi chú đánh giá",
    projections="Dự báo đến hạn",
    progress="Đánh giá xu hướng",
    missing_reports="Báo cáo chưa nhận được",
    unit="Đơn vị",
    unit_name="Tên đơn vị",
    plan_wide="(số liệu chung)",
    measure="Chỉ số",
    due="Hạn nộp",
    value="giá trị",
    score="điểm",
    at_deadline="{value} tại hạn",
    met_from="đạt yêu cầu từ {period}",
    met_after_deadline="đạt yêu cầu từ {period}, sau hạn",
    not_met_by_deadline="không đạt yêu cầu trước hạn",
    not_projectable="không dự báo được",
    units_summary="{met}/{population} đơn vị đạt, cần {required}, còn thiếu {short}",
    chart="Lộ trình và số liệu",
    chart_required="Lộ trình yêu cầu",
    chart_milestone="Mốc",
    chart_observed="Số liệu thực tế",
    chart_judged_only="Chỉ thể hiện các giá trị đã dùng để đánh giá.",
    chart_no_values="Chưa có số liệu để vẽ biểu đồ.",
    statuses={
        Status.ACHIEVED: "Đạt",
        Status.MISSED: "Không đạt",
        Status.ON_TRACK: "Đúng tiến độ",
        Status.OFF_TRACK: "Chậm tiến độ",
        Status.NO_DATA: "Chưa có số liệu",
        Status.NOT_STARTED: "Chưa bắt đầu",
    },
    projection_methods={"linear": "xu hướng tuyến tính", "cagr": "tăng trưởng kép (CAGR)"},
    progress_methods={"statcan": "Thống kê Canada (Open SDG)", "eurostat": "Eurostat"},
    progress_categories={
        "target_achieved": "đã đạt chỉ tiêu",
        "substantial_progress": "tiến bộ rõ rệt",
        "significant_progress": "tiến bộ đáng kể",
        "moderate_progress": "tiến bộ vừa phải",
        "limited_progress": "tiến bộ hạn chế",
        "insufficient_progress": "tiến bộ chưa đủ",
        "deterioration": "xấu đi",
        "moving_away": "xa dần mục tiêu",
        "not_available": "không đủ số liệu",
    },
)
"""The Vietnamese labels.

.. versionadded:: 0.1.0
"""

EN = Labels(
    report="Target assessment report",
    plan="Plan",
    issuer="Issued by",
    as_of="As of",
    known_at="Data known at",
    summary="Summary",
    count="Count",
    details="Details",
    notices="About the data",
    plan_note="Note on the plan",
    targets="Targets",
    target="Target",
    milestone="Milestone",
    deadline="Deadline",
    status="Status",
    required="Required",
    actual="Actual",
    period="Period",
    expected="Expected",
    gap="Gap",
    met_total="Met/Total",
    required_units="Needed",
    units_short="Short",
    unreported="Unreported",
    strive="aspirational",
    source="Source",
    note="Note",
    assessment_note="Assessment note",
    projections="Projection to the deadline",
    progress="Trend assessment",
    missing_reports="Reports not received",
    unit="Unit",
    unit_name="Unit name",
    plan_wide="(plan-wide)",
    measure="Measure",
    due="Due",
    value="value",
    score="score",
    at_deadline="{value} at the deadline",
    met_from="meets the requirement from {period}",
    met_after_deadline="meets the requirement from {period}, after the deadline",
    not_met_by_deadline="does not meet the requirement by the deadline",
    not_projectable="cannot be projected",
    units_summary="{met} of {population} units meet it, {required} needed, {short} short",
    chart="Trajectory and data",
    chart_required="Required trajectory",
    chart_milestone="Milestone",
    chart_observed="Observed",
    chart_judged_only="Only the values judged in the assessments are shown.",
    chart_no_values="No values to chart yet.",
    statuses={
        Status.ACHIEVED: "Achieved",
        Status.MISSED: "Missed",
        Status.ON_TRACK: "On track",
        Status.OFF_TRACK: "Off track",
        Status.NO_DATA: "No data",
        Status.NOT_STARTED: "Not started",
    },
    projection_methods={"linear": "linear trend", "cagr": "compound growth (CAGR)"},
    progress_methods={"statcan": "Statistics Canada (Open SDG)", "eurostat": "Eurostat"},
    progress_categories={
        "target_achieved": "target achieved",
        "substantial_progress": "substantial progress",
        "significant_progress": "significant progress",
        "moderate_progress": "moderate progress",
        "limited_progress": "limited progress",
        "insufficient_progress": "insufficient progress",
        "deterioration": "deterioration",
        "moving_away": "moving away from the target",
        "not_available": "not available",
    },
)
"""The English labels.

.. versionadded:: 0.1.0
"""

_LABELS: Mapping[Lang, Labels] = {"vi": VI, "en": EN}


def check_lang(lang: str) -> Lang:
    """Return ``lang`` if reports can be written in it.

    Raises:
        ValueError: ``lang`` is not ``"vi"`` or ``"en"``; the message names both.

    .. versionadded:: 0.1.0
    """
    if lang not in LANGS:
        allowed = ", ".join(repr(known) for known in LANGS)
        raise ValueError(f"unknown report language {lang!r}: use one of {allowed}")
    return lang


def labels_for(lang: str) -> Labels:
    """The labels of ``lang``.

    Raises:
        ValueError: ``lang`` is not a report language.

    .. versionadded:: 0.1.0
    """
    return _LABELS[check_lang(lang)]


def clean(text: str | None) -> str:
    """Text from a file made safe for any layout: NFC, control characters as spaces.

    >>> clean("Tie\u0302\u0301n\\nđộ")
    'Tiến độ'

    .. versionadded:: 0.1.0
    """
    if not text:
        return ""
    normal = unicodedata.normalize("NFC", text)
    spaced = "".join(
        " " if unicodedata.category(char) in {"Cc", "Zl", "Zp"} else char for char in normal
    )
    return " ".join(spaced.split())


def format_date(day: dt.date, lang: Lang) -> str:
    """A date as people write it: vi ``01/01/2026``, en ``2026-01-01``.

    .. versionadded:: 0.1.0
    """
    return day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()


def format_period(period: Period, lang: Lang) -> str:
    """A period as people write it: vi ``2025``, ``Q3/2024``, ``06/2024``, ``30/06/2024``;
    en as it parses (``2025``, ``2024-Q3``, ``2024-06``, ``2024-06-30``).

    .. versionadded:: 0.1.0
    """
    if lang == "en" or period.kind is PeriodKind.YEAR:
        return str(period)
    year = period.start.year
    match period.kind:
        case PeriodKind.QUARTER:
            return f"Q{(period.start.month - 1) // 3 + 1}/{year:04d}"
        case PeriodKind.MONTH:
            return f"{period.start.month:02d}/{year:04d}"
        case _:
            return format_date(period.start, lang)


_COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}


def _number_exact(value: Fraction, *, percent: bool) -> bool:
    """Whether :func:`format_value` shows ``value`` without rounding."""
    # format_percent shows one decimal of the percentage, format_number two decimals.
    scaled: Fraction = value * 1000 if percent else value * 100
    return scaled.denominator == 1


def requirement_text(requirement: Requirement, lang: Lang, *, percent: bool) -> str:
    """A requirement as people read it: ``≥ 70%``, ``> 60%``, ``= có``.

    A required value that the rounded form would not show exactly is followed by its exact
    value: ``≥ 66,7% (2/3)``, so that a reader never sees a requirement it cannot check.

    .. versionadded:: 0.1.0
    """
    sign = _COMPARATOR_SIGNS[requirement.comparator.value]
    value = requirement.value
    shown_percent = percent or requirement.percent
    text = format_value(value, lang, percent=shown_percent)
    if not isinstance(value, bool) and not _number_exact(value, percent=shown_percent):
        text = f"{text} ({value_text(value)})"
    return f"{sign} {text}"


def float_text(value: float | None, lang: Lang) -> str:
    """A computed real number (a trend ratio, a score) to two decimals; ``—`` for none.

    .. versionadded:: 0.1.0
    """
    if value is None or math.isnan(value):
        return "—"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return format_number(Fraction(value), lang, digits=2)


@attrs.frozen
class AssessmentText:
    """One assessment written out for people, in one language.

    Every attribute is display text ("" where a field does not apply), except
    :attr:`assessment` and :attr:`number`.

    Attributes:
        assessment: The assessment written out.
        number: The target's position in the plan, from 1.
        title: The target's title in the report's language.
        status_label: The status's name ("Đúng tiến độ").
        symbol: The status's symbol (``✓``).
        milestone: The milestone's period.
        deadline: The milestone's deadline.
        required: The requirement (``≥ 70%``).
        actual: The actual value (``66,7%``), ``—`` without data.
        period: The period of the actual value.
        expected: The value the schedule expects for that period (before the deadline).
        gap: How far the actual value is from the requirement.
        met_total: For share targets: units that meet the condition, of the active units.
        required_units: For share targets: the units needed to meet the requirement.
        units_short: For share targets: how many more units must meet the condition.
        units: For share targets: the unit counts in one phrase.
        unreported: Active units that did not report.
        strive: The aspirational flag ("phấn đấu") or "".
        source: The target's citation in the plan.
        target_note: The target's note.
        note: The assessment's note (why there is no value).
        projections: One line per projection.
        progress: The trend method's result, or "".

    .. versionadded:: 0.1.0
    """

    assessment: Assessment
    number: int
    title: str
    status_label: str
    symbol: str
    milestone: str
    deadline: str
    required: str
    actual: str
    period: str
    expected: str
    gap: str
    met_total: str
    required_units: str
    units_short: str
    units: str
    unreported: tuple[str, ...]
    strive: str
    source: str
    target_note: str
    note: str
    projections: tuple[str, ...]
    progress: str

    @property
    def status(self) -> Status:
        """The assessment's status."""
        return self.assessment.status

    @property
    def target(self) -> Target:
        """The assessment's target."""
        return self.assessment.target


@attrs.frozen
class MissingReportText:
    """A report that had not arrived, written out.

    .. versionadded:: 0.1.0
    """

    unit: str
    unit_name: str
    measure: str
    period: str
    due: str


@attrs.frozen
class ReportText:
    """A scorecard written out for people, in one language: what every format shows.

    Attributes:
        lang: The language.
        labels: Its labels.
        number: The plan's number.
        title: The plan's title in the language.
        issuer: Who issued the plan.
        as_of: The as-of date.
        known_at: The knowledge date, or "".
        summary: Per status, in the contract's order: status, name, symbol and count.
        notices: What a reader must know about the data (shown first).
        plan_note: The plan's note.
        assessments: Every assessment, in plan order.
        missing_reports: Reports due by the as-of date that had not arrived.

    .. versionadded:: 0.1.0
    """

    lang: Lang
    labels: Labels
    number: str
    title: str
    issuer: str
    as_of: str
    known_at: str
    summary: tuple[tuple[Status, str, str, int], ...]
    notices: tuple[str, ...]
    plan_note: str
    assessments: tuple[AssessmentText, ...]
    missing_reports: tuple[MissingReportText, ...]

    def for_target(self, target_id: str) -> tuple[AssessmentText, ...]:
        """The written-out assessments of one target, in milestone order."""
        return tuple(a for a in self.assessments if a.target.id == target_id)


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def projection_text(assessment: Assessment, projection: Projection, lang: Lang) -> str:
    """One projection of an assessment in a line: method, value at the deadline, and the
    first period that meets the requirement (said to be after the deadline when it is).

    .. versionadded:: 0.1.0
    """
    words = labels_for(lang)
    method = words.projection_methods.get(projection.method, clean(projection.method))
    percent = assessment.target.percent
    if projection.value_at_deadline is None:
        shown = words.not_projectable
    else:
        value = format_value(projection.value_at_deadline, lang, percent=percent)
        shown = words.at_deadline.format(value=value)
    first = assessment.first_met_period(projection)
    if first is None:
        met = words.not_met_by_deadline
    elif first.end > assessment.milestone.deadline:
        met = words.met_after_deadline.format(period=format_period(first, lang))
    else:
        met = words.met_from.format(period=format_period(first, lang))
    return f"{method}: {shown}; {met}"


def progress_text(progress: ProgressResult, lang: Lang) -> str:
    """A trend method's result in a line: method, category, value and score.

    .. versionadded:: 0.1.0
    """
    words = labels_for(lang)
    method = words.progress_methods.get(progress.method, clean(progress.method))
    category = words.progress_categories.get(progress.category, clean(progress.category))
    parts = [f"{method}: {category}"]
    if progress.value is not None:
        parts.append(f"{words.value} {float_text(progress.value, lang)}")
    if progress.score is not None:
        parts.append(f"{words.score} {float_text(progress.score, lang)}")
    return "; ".join(parts)


def assessment_text(assessment: Assessment, number: int, lang: Lang) -> AssessmentText:
    """Write out one assessment.

    .. versionadded:: 0.1.0
    """
    words = labels_for(lang)
    target = assessment.target
    percent = target.percent
    share = isinstance(target.rule, ThresholdShare)
    period = assessment.period
    gap = assessment.gap
    met, population = assessment.met_units, assessment.population
    required_units, short = assessment.required_units, assessment.units_short
    met_total = f"{met}/{population}" if share and met is not None and population else ""
    units_line = ""
    if share and met is not None and population:
        units_line = words.units_summary.format(
            met=met, population=population, required=_count(required_units), short=_count(short)
        )
    return AssessmentText(
        assessment=assessment,
        number=number,
        title=clean(target.display_title(lang)),
        status_label=words.statuses[assessment.status],
        symbol=STATUS_SYMBOLS[assessment.status],
        milestone=format_period(assessment.milestone.by, lang),
        deadline=format_date(assessment.milestone.deadline, lang),
        required=requirement_text(assessment.requirement, lang, percent=percent),
        actual=format_value(assessment.actual, lang, percent=percent),
        period="" if period is None else format_period(period, lang),
        expected=""
        if assessment.expected is None
        else format_value(assessment.expected, lang, percent=percent),
        gap="" if gap is None else format_value(gap, lang, percent=percent),
        met_total=met_total,
        required_units=_count(required_units) if share else "",
        units_short=_count(short) if share else "",
        units=units_line,
        unreported=tuple(clean(unit) for unit in assessment.unreported_units),
        strive=words.strive if assessment.milestone.strive else "",
        source=clean(target.source),
        target_note=clean(target.note),
        note=clean(assessment.note),
        projections=tuple(projection_text(assessment, p, lang) for p in assessment.projections),
        progress="" if assessment.progress is None else progress_text(assessment.progress, lang),
    )


def missing_report_text(
    report: MissingReport, unit_names: Mapping[str, str], lang: Lang
) -> MissingReportText:
    """Write out a report that had not arrived.

    .. versionadded:: 0.1.0
    """
    return MissingReportText(
        unit=clean(report.unit) or labels_for(lang).plan_wide,
        unit_name=clean(unit_names.get(report.unit, "")),
        measure=clean(report.measure),
        period=format_period(report.period, lang),
        due=format_date(report.due, lang),
    )


def report_text(scorecard: Scorecard, lang: str) -> ReportText:
    """Write out a whole scorecard in ``lang``: what every human format shows.

    Raises:
        ValueError: ``lang`` is not a report language.

    .. versionadded:: 0.1.0
    """
    language = check_lang(lang)
    words = labels_for(language)
    plan = scorecard.plan
    numbers = {target.id: index for index, target in enumerate(plan.targets, start=1)}
    counts = scorecard.summary
    unit_names = {
        unit_id: (unit.name_en if language == "en" and unit.name_en else unit.name)
        for unit_id, unit in plan.units.items()
    }
    return ReportText(
        lang=language,
        labels=words,
        number=clean(plan.number),
        title=clean(plan.display_title(language)),
        issuer=clean(plan.issuer),
        as_of=format_date(scorecard.as_of, language),
        known_at="" if scorecard.known_at is None else format_date(scorecard.known_at, language),
        summary=tuple(
            (status, words.statuses[status], STATUS_SYMBOLS[status], counts[status.value])
            for status in Status
        ),
        notices=tuple(text for text in (clean(n) for n in scorecard.notices) if text),
        plan_note=clean(plan.note),
        assessments=tuple(
            assessment_text(a, numbers.get(a.target.id, 0), language) for a in scorecard.assessments
        ),
        missing_reports=tuple(
            missing_report_text(r, unit_names, language) for r in scorecard.missing_reports
        ),
    )
