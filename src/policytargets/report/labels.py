"""What a report says, in Vietnamese and English: its words, and every value written out.

Every renderer takes its words from here, and the text of every value (dates, periods,
requirements, actual values, projections) is produced here once, in :func:`report_text`, so
that the table, Markdown and HTML reports say exactly the same things. Only the layout differs
between formats.

Sentences the engine writes in English (why a target has no value, notices about the data)
carry a code and parameters; :func:`message_text` says them in the report's language from
:attr:`Labels.messages`, and falls back to the English sentence for a code it does not know
(a user-defined target type's own reasons).

Text that comes from a plan or a data file is normalised (:func:`clean`): Unicode NFC, so that
Vietnamese letters are single precomposed characters, and control characters (line breaks,
tabs) become spaces, so that no file can break a report's layout. Escaping for a format
(HTML, Markdown, CSV) is the renderer's job.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import unicodedata
from collections.abc import Mapping
from fractions import Fraction

import attrs

from policytargets.align import Verdict
from policytargets.assess import (
    ROW_SENTENCES,
    Assessment,
    MissingReport,
    Notice,
    Scorecard,
    Status,
)
from policytargets.measures import Measure, measure_map
from policytargets.periods import Period, PeriodKind
from policytargets.progress import ProgressResult
from policytargets.projection import Projection
from policytargets.quantities import (
    Comparator,
    Lang,
    Requirement,
    Value,
    format_number,
    format_value,
    parse_value,
    value_text,
)
from policytargets.targets import Growth, NoData, Ratio, counts_units
from policytargets.targets.target import Target

__all__ = [
    "ALIGNMENT_EN",
    "ALIGNMENT_VI",
    "BIDI_CONTROLS",
    "EN",
    "FAILING_STATUSES",
    "LANGS",
    "SHOWN_MISSING_REPORTS",
    "STATUS_SYMBOLS",
    "VERDICT_SYMBOLS",
    "VI",
    "AlignmentLabels",
    "AssessmentText",
    "Labels",
    "MatrixCell",
    "MatrixColumn",
    "MatrixRow",
    "MatrixText",
    "MissingReportText",
    "ReportText",
    "alignment_labels_for",
    "amounts_text",
    "assessment_text",
    "check_lang",
    "clean",
    "comparator_text",
    "escape_bidi_controls",
    "exact_value_text",
    "float_text",
    "format_date",
    "format_period",
    "labels_for",
    "matrix_text",
    "message_text",
    "missing_report_text",
    "no_data_text",
    "note_text",
    "notice_text",
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
    Status.LAPSED: "⊘",
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

    :attr:`messages` holds a sentence per message code (:attr:`policytargets.NoData.code`,
    and the codes of the engine's notes and notices), whose ``{placeholders}`` are the
    message's parameters; :attr:`schedule_bases` names, per basis, where a row of a target
    schedule (:func:`policytargets.report.render_schedule`) takes its value from.

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
    amounts: str
    condition: str
    projections: str
    progress: str
    missing_reports: str
    received: str
    late: str
    not_received: str
    more_missing_reports: str
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
    schedule: str
    schedule_period: str
    comparator: str
    schedule_value: str
    basis: str
    and_word: str
    page_of: str
    statuses: Mapping[Status, str]
    projection_methods: Mapping[str, str]
    progress_methods: Mapping[str, str]
    progress_categories: Mapping[str, str]
    messages: Mapping[str, str]
    schedule_bases: Mapping[str, str]
    breakdown: str
    breakdown_parent: str
    group: str
    groups_meeting: str
    no_group: str
    ungrouped_units: str
    short_cell: str
    breakdown_chart: str
    worst_first: str


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
    amounts="Số liệu",
    condition="Điều kiện",
    projections="Dự báo đến hạn",
    progress="Đánh giá xu hướng",
    missing_reports="Báo cáo chưa nhận được",
    received="Tình trạng",
    late="nộp muộn, nhận ngày {date}",
    not_received="chưa nhận được",
    more_missing_reports="… và {more} báo cáo khác ({count} báo cáo); báo cáo JSON và CSV liệt kê "
    "đủ tất cả",
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
    schedule="Lộ trình chỉ tiêu theo kỳ",
    schedule_period="Kỳ",
    comparator="Yêu cầu",
    schedule_value="Giá trị",
    basis="Căn cứ",
    and_word="và",
    page_of="Trang {page}/{pages}",
    statuses={
        Status.ACHIEVED: "Đạt",
        Status.MISSED: "Không đạt",
        Status.ON_TRACK: "Đúng tiến độ",
        Status.OFF_TRACK: "Chậm tiến độ",
        Status.NO_DATA: "Chưa có số liệu",
        Status.LAPSED: "Không còn áp dụng",
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
    messages={
        "no_active_units": "không có đơn vị nào của '{population}' hoạt động trong kỳ {period}",
        "no_reports": "chưa đơn vị nào báo cáo chỉ số {measure} cho kỳ {period}",
        "no_observations": "chưa có đồng thời số liệu {numerator} và {denominator} cho kỳ {period}",
        "zero_denominator": "tổng {denominator} bằng 0 trong kỳ {period}",
        "no_state": "chưa có số liệu {measure} đến hết kỳ {period}",
        "incomplete_total": "chưa có tổng đầy đủ của {measure} cho kỳ {periods}",
        "undefined_growth": "{measure} bằng {value} trong kỳ {compared}: "
        "không xác định được mức tăng so với kỳ này",
        "no_period_begun": "chưa có kỳ số liệu nào bắt đầu",
        "plan_not_in_effect": "kế hoạch chưa có hiệu lực",
        "lapsed": "không còn đơn vị nào của '{scope}' kể từ ngày {since}",
        "unused_measure": "{count} dòng số liệu của chỉ số không chỉ tiêu nào sử dụng "
        "({measures}): {rows}",
        "plan_wide_for_unit_measure": "{count} dòng số liệu chung cho chỉ số tính theo từng "
        "đơn vị: {rows}",
        "unit_row_for_plan_wide_measure": "{count} dòng số liệu theo đơn vị cho chỉ số tính "
        "chung: {rows}",
        "unit_in_no_population": "{count} dòng số liệu của đơn vị không thuộc nhóm đối tượng "
        "nào sử dụng chỉ số đó: {rows}",
        "other_period_kind": "{count} dòng số liệu có loại kỳ không chỉ tiêu nào sử dụng: {rows}",
        "inactive_unit": "{count} dòng số liệu của đơn vị không hoạt động trong kỳ đó: {rows}",
        "after_as_of": "{count} dòng số liệu cho kỳ bắt đầu sau ngày đánh giá: {rows}",
        "breakdown_not_applied": "không phân tách theo {by} cho các chỉ tiêu {targets}: "
        "không đơn vị nào trong nhóm đối tượng của chúng có thông tin này",
        "links_elsewhere": "các chỉ tiêu {targets} triển khai văn bản {plans}, không phải "
        "{reference}: không được đối chiếu ở đây",
    },
    schedule_bases={
        "milestone": "mốc",
        "strive": "mốc phấn đấu",
        "schedule": "giá trị theo kế hoạch",
        "baseline": "giá trị cơ sở",
        "interpolated": "nội suy",
        "first": "theo mốc đầu tiên",
    },
    breakdown="Phân tách theo {by}",
    breakdown_parent="đơn vị cấp trên",
    group="Nhóm",
    groups_meeting="Số nhóm đạt",
    no_group="(không có giá trị)",
    ungrouped_units="Số đơn vị không có {by}: {count} (dòng “{label}”).",
    short_cell="thiếu {short}",
    breakdown_chart="Giá trị của từng nhóm so với yêu cầu",
    worst_first="Nhóm xa yêu cầu nhất xếp trước. Mỗi ô: trạng thái, giá trị, số đơn vị còn thiếu.",
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
    amounts="Amounts",
    condition="Condition",
    projections="Projection to the deadline",
    progress="Trend assessment",
    missing_reports="Reports not received",
    received="Received",
    late="late, received {date}",
    not_received="not received",
    more_missing_reports="… and {more} more ({count} in all); the JSON and CSV reports list "
    "every one",
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
    schedule="Target schedule by period",
    schedule_period="Period",
    comparator="Comparator",
    schedule_value="Value",
    basis="Basis",
    and_word="and",
    page_of="Page {page} of {pages}",
    statuses={
        Status.ACHIEVED: "Achieved",
        Status.MISSED: "Missed",
        Status.ON_TRACK: "On track",
        Status.OFF_TRACK: "Off track",
        Status.NO_DATA: "No data",
        Status.LAPSED: "Lapsed",
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
    messages={
        "no_active_units": "no unit of '{population}' is active in {period}",
        "no_reports": "no unit reported {measure} for {period}",
        "no_observations": "no observations of both {numerator} and {denominator} for {period}",
        "zero_denominator": "{denominator} sums to zero for {period}",
        "no_state": "no observation of {measure} up to {period}",
        "incomplete_total": "no complete total of {measure} for {periods}",
        "undefined_growth": "{measure} is {value} in {compared}: growth from it is undefined",
        "no_period_begun": "no period has begun yet",
        "plan_not_in_effect": "the plan is not yet in effect",
        "lapsed": "no unit of '{scope}' exists from {since} on",
        "breakdown_not_applied": "breakdown by {by} does not apply to {targets}: "
        "no unit of their population has it",
        "links_elsewhere": "targets {targets} implement plan {plans}, not {reference}: they "
        "are not compared here",
        **ROW_SENTENCES,
    },
    schedule_bases={
        "milestone": "milestone",
        "strive": "milestone (aspirational)",
        "schedule": "scheduled value",
        "baseline": "baseline",
        "interpolated": "interpolated",
        "first": "as the first checkpoint",
    },
    breakdown="Breakdown by {by}",
    breakdown_parent="parent unit",
    group="Group",
    groups_meeting="Groups meeting",
    no_group="(no value)",
    ungrouped_units="Units with no {by}: {count} (row “{label}”).",
    short_cell="{short} short",
    breakdown_chart="Each group's value against the requirement",
    worst_first="Worst gap first. Each cell: status, value, units short.",
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

    Bidirectional controls (:data:`BIDI_CONTROLS`) are removed.

    >>> clean("Tie\u0302\u0301n\\nđộ")
    'Tiến độ'

    .. versionadded:: 0.1.0
    """
    if not text:
        return ""
    if text.isascii() and text.isprintable():  # the usual case: nothing to normalise or replace
        return " ".join(text.split())
    normal = unicodedata.normalize("NFC", text).translate(_NO_BIDI_CONTROLS)
    spaced = "".join(
        " " if unicodedata.category(char) in {"Cc", "Zl", "Zp"} else char for char in normal
    )
    return " ".join(spaced.split())


BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""The bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).

Text from a file that holds them could show a reader something else than it says (a
right-to-left override turns ``exe.txt`` around), so reports drop them, and JSON escapes them.

.. versionadded:: 0.2.0
"""

_NO_BIDI_CONTROLS = dict.fromkeys(map(ord, BIDI_CONTROLS))
_ESCAPED_BIDI_CONTROLS = {ord(char): f"\\u{ord(char):04x}" for char in BIDI_CONTROLS}
# Most text has none: a search for each (in C, faster than one regular expression over
# a national report) decides whether the slower translation is needed.
_BIDI_CONTROLS_SORTED = sorted(BIDI_CONTROLS)


def escape_bidi_controls(json_text: str) -> str:
    """JSON text with every bidirectional control written as a ``\\uXXXX`` escape.

    The data are unchanged (a JSON reader gets the same strings back), but no viewer of the
    file is misled by them.

    .. versionadded:: 0.2.0
    """
    if json_text.isascii() or not any(char in json_text for char in _BIDI_CONTROLS_SORTED):
        return json_text
    return json_text.translate(_ESCAPED_BIDI_CONTROLS)


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


def comparator_text(comparator: Comparator) -> str:
    """A comparator as people read it: ``≥``, ``≤``, ``>``, ``<``, ``=``.

    >>> comparator_text(Comparator.GE)
    '≥'

    .. versionadded:: 0.1.0
    """
    return _COMPARATOR_SIGNS[comparator.value]


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
    sign = comparator_text(requirement.comparator)
    text = exact_value_text(requirement.value, lang, percent=percent or requirement.percent)
    return f"{sign} {text}"


def exact_value_text(value: Value, lang: Lang, *, percent: bool) -> str:
    """A value as people read it, followed by its exact value where the rounded form would
    hide it: ``70%``, ``66,7% (2/3)``, ``có``.

    >>> exact_value_text(Fraction(2, 3), "vi", percent=True)
    '66,7% (2/3)'

    .. versionadded:: 0.1.0
    """
    text = format_value(value, lang, percent=percent)
    if not isinstance(value, bool) and not _number_exact(value, percent=percent):
        text = f"{text} ({value_text(value)})"
    return text


def float_text(value: float | None, lang: Lang) -> str:
    """A computed real number (a trend ratio, a score) to two decimals; ``—`` for none.

    .. versionadded:: 0.1.0
    """
    if value is None or math.isnan(value):
        return "—"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return format_number(Fraction(value), lang, digits=2)


_PERIOD_PARAMS = frozenset({"period", "compared"})


def _param_text(name: str, text: str, lang: Lang) -> str:
    """A message parameter as people read it, by its name: periods, values and dates are
    written per language, anything else (an id) as it is."""
    try:
        if name in _PERIOD_PARAMS:
            return format_period(Period.parse(text), lang)
        if name == "periods":
            periods = [format_period(Period.parse(part), lang) for part in text.split(", ")]
            return f" {labels_for(lang).and_word} ".join(periods)
        if name == "value":
            return format_value(parse_value(text), lang)
        if name in {"effective", "since"}:
            return format_date(dt.date.fromisoformat(text), lang)
    except ValueError:  # not what its name promises: show it as given
        pass
    return clean(text)


def message_text(code: str | None, params: Mapping[str, str], lang: Lang, *, fallback: str) -> str:
    """A coded message in ``lang``: the template of ``code`` in :attr:`Labels.messages`,
    filled with ``params`` (periods, values and dates written per language).

    ``fallback``, the message's English sentence, is shown as it is when there is no code,
    the code is unknown (a user-defined target type's own), or a parameter the template
    names is missing.

    >>> message_text("no_reports", {"measure": "revenue", "period": "2024-Q3"}, "vi",
    ...              fallback="no unit reported revenue for 2024-Q3")
    'chưa đơn vị nào báo cáo chỉ số revenue cho kỳ Q3/2024'
    >>> message_text("my_code", {}, "vi", fallback="no value")
    'no value'

    .. versionadded:: 0.1.0
    """
    template = labels_for(lang).messages.get(code) if code else None
    if template is None:
        return clean(fallback)
    values = {name: _param_text(name, str(text), lang) for name, text in params.items()}
    try:
        return clean(template.format_map(values))
    except KeyError:
        return clean(fallback)


def no_data_text(no_data: NoData, lang: Lang) -> str:
    """Why there is no value, in ``lang`` (from its code, else its English reason).

    .. versionadded:: 0.1.0
    """
    return message_text(no_data.code, no_data.params, lang, fallback=no_data.reason)


def note_text(assessment: Assessment, lang: Lang) -> str:
    """An assessment's note in ``lang``.

    A note that is the reason of the assessment's :attr:`~policytargets.Assessment.missing`
    data is said from that reason's code; any other note is shown as written.

    .. versionadded:: 0.1.0
    """
    missing, note = assessment.missing, assessment.note
    if missing is not None and note is not None and note == missing.reason:
        return no_data_text(missing, lang)
    return clean(note)


def notice_text(notice: Notice | str, lang: Lang) -> str:
    """A scorecard notice in ``lang``.

    A notice the engine writes carries a ``code`` and ``params`` and is said from its code; a
    note that came with the data (or a plain string) is shown as written.

    .. versionadded:: 0.1.0
    """
    if isinstance(notice, str) or notice.code is None:
        return clean(str(notice))
    return message_text(notice.code, dict(notice.params), lang, fallback=notice.text)


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
        amounts: For ratio and growth targets over described measures: the amounts behind
            the value, with their units of measure ("revenue 52,3 tỷ đồng / ..."), or "".
        condition: The milestone's own per-unit condition, or "".

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``amounts`` and ``condition``.
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
    amounts: str = ""
    condition: str = ""

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
    targets: str
    received: str = ""


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
        notices: What a reader must know about the data (shown first), each text once.
        plan_note: The plan's note.
        assessments: Every assessment, in plan order.
        missing_reports: Reports due by the as-of date that had not arrived, the first
            :data:`SHOWN_MISSING_REPORTS` of them.
        matrices: One group × target matrix per breakdown key, when targets are broken down.
        more_missing_reports: When there are more missing reports than those shown, how many
            more and in all ("… and 1,234 more (1,334 in all) …"); else "".

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``matrices``, ``more_missing_reports``; at most
       :data:`SHOWN_MISSING_REPORTS` missing reports.
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
    matrices: tuple[MatrixText, ...] = ()
    more_missing_reports: str = ""

    def for_target(self, target_id: str) -> tuple[AssessmentText, ...]:
        """The written-out assessments of one target, in milestone order."""
        return self._by_target.get(target_id, ())

    @functools.cached_property
    def _by_target(self) -> dict[str, tuple[AssessmentText, ...]]:
        grouped: dict[str, list[AssessmentText]] = {}
        for item in self.assessments:
            grouped.setdefault(item.target.id, []).append(item)
        return {key: tuple(items) for key, items in grouped.items()}


@attrs.frozen
class MatrixCell:
    """One group's result for one target, written out: status symbol, value, units short.

    Attributes:
        assessment: The group's assessment.
        symbol: The status's symbol.
        status_label: The status's name.
        value: The group's value (``66,7%``), ``—`` without data.
        short: For share targets, how many more units the group needs (``thiếu 1``), or "".

    .. versionadded:: 0.2.0
    """

    assessment: Assessment
    symbol: str
    status_label: str
    value: str
    short: str

    @property
    def status(self) -> Status:
        """The group's status."""
        return self.assessment.status

    @property
    def text(self) -> str:
        """The cell in one line: ``✗ 50% (thiếu 1)``."""
        short = f" ({self.short})" if self.short else ""
        return f"{self.symbol} {self.value}{short}"


@attrs.frozen
class MatrixColumn:
    """One target of a matrix: its headline milestone, requirement and pooled result.

    Attributes:
        number: The target's position in the plan, from 1.
        assessment: The pooled (headline) assessment the column breaks down.
        title: The target's title in the report's language.
        milestone: The milestone's period.
        required: The requirement (``≥ 70%``).
        pooled: The pooled result as a cell.
        meeting: How many groups meet it, of the groups with a value (``12/34``).

    .. versionadded:: 0.2.0
    """

    number: int
    assessment: Assessment
    title: str
    milestone: str
    required: str
    pooled: MatrixCell
    meeting: str

    @property
    def target(self) -> Target:
        """The column's target."""
        return self.assessment.target


@attrs.frozen
class MatrixRow:
    """One group of a matrix: its name and a cell per column (None where the target has no
    such group).

    .. versionadded:: 0.2.0
    """

    key: str | None
    name: str
    cells: tuple[MatrixCell | None, ...]


@attrs.frozen
class MatrixText:
    """A group × target matrix, written out: every target broken down by one key, at its
    headline milestone, with the groups furthest from the requirements first.

    Attributes:
        by: The breakdown key as people read it (``đơn vị cấp trên``, ``kind``).
        heading: The section's heading (``Phân tách theo đơn vị cấp trên``).
        columns: The targets, in plan order.
        rows: The groups, worst first (see :func:`matrix_text`); the group of units with no
            value for the key last.
        ungrouped: How many units have no value for the key, or "".

    .. versionadded:: 0.2.0
    """

    by: str
    heading: str
    columns: tuple[MatrixColumn, ...]
    rows: tuple[MatrixRow, ...]
    ungrouped: str


FAILING_STATUSES = frozenset({Status.MISSED, Status.OFF_TRACK, Status.NO_DATA})
"""The statuses a matrix counts against a group when it puts the worst groups first.

.. versionadded:: 0.2.0
"""


def _matrix_cell(assessment: Assessment, lang: Lang) -> MatrixCell:
    words = labels_for(lang)
    short = assessment.units_short
    return MatrixCell(
        assessment=assessment,
        symbol=STATUS_SYMBOLS[assessment.status],
        status_label=words.statuses[assessment.status],
        value=format_value(assessment.actual, lang, percent=assessment.target.percent),
        short=words.short_cell.format(short=short) if short else "",
    )


def _worst_first(row: MatrixRow) -> tuple[bool, int, int, Fraction, str]:
    cells = [cell for cell in row.cells if cell is not None]
    failing = sum(1 for cell in cells if cell.status in FAILING_STATUSES)
    short = sum(cell.assessment.units_short or 0 for cell in cells)
    gap = sum((cell.assessment.gap or Fraction(0) for cell in cells), Fraction(0))
    return (row.key is None, -failing, -short, -gap, row.name)


def matrix_text(scorecard: Scorecard, lang: str) -> tuple[MatrixText, ...]:
    """Every target's headline assessment broken down, one matrix per breakdown key.

    Rows are the groups, worst first: most targets missed, off track or without data, then
    most units short, then the largest total gap, then by name; the group of units with no
    value for the key comes last.

    Raises:
        ValueError: ``lang`` is not a report language.

    .. versionadded:: 0.2.0
    """
    language = check_lang(lang)
    words = labels_for(language)
    numbers = {target.id: index for index, target in enumerate(scorecard.plan.targets, start=1)}
    by_key: dict[str, list[Assessment]] = {}
    for assessment in scorecard.headlines():
        if assessment.breakdown is not None:
            by_key.setdefault(assessment.breakdown.by, []).append(assessment)
    matrices = []
    for by, assessments in by_key.items():
        shown_by = words.breakdown_parent if by == "parent" else clean(by)
        columns = []
        names: dict[str | None, str] = {}
        found: dict[str | None, dict[int, MatrixCell]] = {}
        ungrouped = 0
        for position, assessment in enumerate(assessments):
            breakdown = assessment.breakdown
            assert breakdown is not None  # noqa: S101 - selected above
            ungrouped = max(ungrouped, breakdown.ungrouped_units)
            for group in breakdown.groups:
                key = group.group.key
                names.setdefault(key, clean(group.group.display_name(language)) or words.no_group)
                found.setdefault(key, {})[position] = _matrix_cell(group.assessment, language)
            target = assessment.target
            columns.append(
                MatrixColumn(
                    number=numbers.get(target.id, 0),
                    assessment=assessment,
                    title=clean(target.display_title(language)),
                    milestone=format_period(assessment.milestone.by, language),
                    required=requirement_text(
                        assessment.requirement, language, percent=target.percent
                    ),
                    pooled=_matrix_cell(assessment, language),
                    meeting=f"{breakdown.meeting}/{breakdown.total}",
                )
            )
        rows = [
            MatrixRow(key, names[key], tuple(cells.get(i) for i in range(len(columns))))
            for key, cells in found.items()
        ]
        note = ""
        if ungrouped:
            note = words.ungrouped_units.format(count=ungrouped, by=shown_by, label=words.no_group)
        matrices.append(
            MatrixText(
                by=shown_by,
                heading=words.breakdown.format(by=shown_by),
                columns=tuple(columns),
                rows=tuple(sorted(rows, key=_worst_first)),
                ungrouped=note,
            )
        )
    return tuple(matrices)


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


def assessment_text(
    assessment: Assessment,
    number: int,
    lang: Lang,
    *,
    measure: Measure | None = None,
    measures: Mapping[str, Measure] | None = None,
) -> AssessmentText:
    """Write out one assessment.

    With the description of the ``measure`` its values are of (see
    :meth:`policytargets.Plan.value_measure`), values carry its unit of measure
    (``≥ 36 Mb/s``) and are percentages only when it is a share. With the plan's described
    ``measures``, a ratio or growth shows the amounts behind it with their units.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``measure``.
    """
    words = labels_for(lang)
    target = assessment.target
    percent = target.percent or (measure is not None and measure.kind == "share")
    unit = "" if measure is None or percent else clean(measure.unit_text(lang))

    def with_unit(text: str) -> str:
        return f"{text} {unit}" if unit and text and text != "—" else text

    share = counts_units(target.rule)
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
        required=with_unit(requirement_text(assessment.requirement, lang, percent=percent)),
        actual=with_unit(format_value(assessment.actual, lang, percent=percent)),
        period="" if period is None else format_period(period, lang),
        expected=""
        if assessment.expected is None
        else with_unit(format_value(assessment.expected, lang, percent=percent)),
        gap="" if gap is None else with_unit(format_value(gap, lang, percent=percent)),
        met_total=met_total,
        required_units=_count(required_units) if share else "",
        units_short=_count(short) if share else "",
        units=units_line,
        unreported=tuple(clean(unit) for unit in assessment.unreported_units),
        strive=words.strive if assessment.milestone.strive else "",
        source=clean(target.source),
        target_note=clean(target.display_note(lang)),
        note=note_text(assessment, lang),
        projections=tuple(projection_text(assessment, p, lang) for p in assessment.projections),
        progress="" if assessment.progress is None else progress_text(assessment.progress, lang),
        amounts=amounts_text(assessment, measures or {}, lang),
        condition=clean(str(assessment.milestone.condition or "")),
    )


def amounts_text(assessment: Assessment, measures: Mapping[str, Measure], lang: Lang) -> str:
    """The amounts behind a ratio or a growth, with their units of measure, when the plan
    describes its measures: ``Doanh thu 52,3 tỷ đồng / Doanh thu kế hoạch 55,6 tỷ đồng``;
    "" otherwise.

    .. versionadded:: 0.2.0
    """
    rule = assessment.target.rule
    if isinstance(rule, Ratio):
        named: list[str] = [rule.numerator, rule.denominator]
    elif isinstance(rule, Growth):
        named = [rule.measure]
    else:
        return ""
    if not any(m in measures for m in named) or not assessment.evidence:
        return ""
    totals: dict[tuple[str, Period], Fraction] = {}
    for observation in assessment.evidence:
        if isinstance(observation.value, bool):
            return ""
        key = (observation.measure, observation.period)
        totals[key] = totals.get(key, Fraction(0)) + observation.value

    def name(measure_id: str) -> str:
        described = measures.get(measure_id)
        return described.display_name(lang) if described is not None else measure_id

    def amount(measure_id: str, value: Fraction) -> str:
        described = measures.get(measure_id)
        unit = described.unit_text(lang) if described is not None else ""
        return clean(f"{format_number(value, lang)} {unit}")

    def total(measure_id: str) -> Fraction:
        return sum((v for (k, _), v in totals.items() if k == measure_id), Fraction(0))

    if isinstance(rule, Ratio):
        return " / ".join(clean(f"{name(m)} {amount(m, total(m))}") for m in named)
    steps = " → ".join(
        f"{amount(measure_id, value)} ({format_period(period, lang)})"
        for (measure_id, period), value in sorted(totals.items(), key=lambda item: item[0][1])
    )
    return clean(f"{name(rule.measure)}: {steps}")


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
        received=labels_for(lang).not_received
        if report.received is None
        else labels_for(lang).late.format(date=format_date(report.received, lang)),
        targets=", ".join(clean(target) for target in report.targets),
    )


SHOWN_MISSING_REPORTS = 100
"""How many missing reports the human formats (table, Markdown, HTML, notebooks) list before
saying how many more there are; the JSON and CSV reports list every one.

.. versionadded:: 0.2.0
"""


def _more_missing_reports(count: int, lang: Lang) -> str:
    if count <= SHOWN_MISSING_REPORTS:
        return ""
    more = format_number(Fraction(count - SHOWN_MISSING_REPORTS), lang)
    return labels_for(lang).more_missing_reports.format(
        more=more, count=format_number(Fraction(count), lang)
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
    measures = measure_map(plan.measure_descriptions)
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
        notices=tuple(
            dict.fromkeys(
                text for text in (notice_text(n, language) for n in scorecard.notices) if text
            )
        ),
        plan_note=clean(plan.display_note(language)),
        assessments=tuple(
            assessment_text(
                a,
                numbers.get(a.target.id, 0),
                language,
                measure=plan.value_measure(a.target),
                measures=measures,
            )
            for a in scorecard.assessments
        ),
        missing_reports=tuple(
            missing_report_text(r, unit_names, language)
            for r in scorecard.missing_reports[:SHOWN_MISSING_REPORTS]
        ),
        matrices=matrix_text(scorecard, language),
        more_missing_reports=_more_missing_reports(len(scorecard.missing_reports), language),
    )


VERDICT_SYMBOLS: Mapping[Verdict, str] = {
    Verdict.STRICTER: "+",
    Verdict.SAME: "=",
    Verdict.LOOSER: "−",
    Verdict.NOT_COMPARABLE: "≠",
}
"""A symbol per alignment verdict, so that a verdict reads without colour.

.. versionadded:: 0.2.0
"""


@attrs.frozen
class AlignmentLabels:
    """The words of an alignment report (:func:`policytargets.align`) in one language, beyond
    those it shares with scorecard reports (:class:`Labels`).

    :attr:`verdicts` names each verdict, :attr:`bases` each basis of the plan's requirement
    (:data:`policytargets.align.REQUIREMENT_BASES`), :attr:`reasons` each reason a pair is
    not comparable (:data:`policytargets.align.NOT_COMPARABLE_REASONS`, with ``{type}`` and
    ``{reference_type}`` for ``different_types``).

    .. versionadded:: 0.2.0
    """

    report: str
    reference: str
    plan_target: str
    reference_target: str
    required: str
    reference_required: str
    verdict: str
    difference: str
    points: str
    required_units: str
    reference_required_units: str
    status: str
    reference_status: str
    unlinked: str
    reference_unlinked: str
    nothing: str
    requirements_only: str
    verdicts: Mapping[Verdict, str]
    bases: Mapping[str, str]
    reasons: Mapping[str, str]


ALIGNMENT_VI = AlignmentLabels(
    report="Đối chiếu chỉ tiêu với văn bản cấp trên",
    reference="Triển khai",
    plan_target="Chỉ tiêu của kế hoạch",
    reference_target="Chỉ tiêu cấp trên",
    required="KH yêu cầu",
    reference_required="Cấp trên yêu cầu",
    verdict="Kết luận",
    difference="Chênh lệch",
    points="{value} điểm %",
    required_units="Cần đạt (KH)",
    reference_required_units="Cần đạt (cấp trên)",
    status="Trạng thái (KH)",
    reference_status="Trạng thái (cấp trên)",
    unlinked="Chỉ tiêu của kế hoạch không triển khai chỉ tiêu cấp trên nào",
    reference_unlinked="Chỉ tiêu cấp trên chưa được kế hoạch triển khai",
    nothing="(không có)",
    requirements_only="Không có số liệu: chỉ đối chiếu các yêu cầu.",
    verdicts={
        Verdict.STRICTER: "Chặt chẽ hơn",
        Verdict.SAME: "Như nhau",
        Verdict.LOOSER: "Lỏng hơn",
        Verdict.NOT_COMPARABLE: "Không so sánh được",
    },
    bases={
        "milestone": "mốc của kế hoạch",
        "schedule": "giá trị theo lộ trình của kế hoạch",
        "baseline": "giá trị cơ sở của kế hoạch",
        "interpolated": "nội suy",
        "first": "theo mốc đầu tiên của kế hoạch",
        "last": "theo mốc cuối cùng của kế hoạch (kế hoạch không đặt mốc cho kỳ này)",
    },
    reasons={
        "different_types": "hai chỉ tiêu khác loại ({type} và {reference_type})",
        "overlap": "hai yêu cầu chỉ trùng nhau một phần",
        "disjoint": "không giá trị nào đáp ứng cả hai yêu cầu",
    },
)
"""The Vietnamese words of alignment reports.

.. versionadded:: 0.2.0
"""

ALIGNMENT_EN = AlignmentLabels(
    report="Alignment with the reference plan (the plan implemented)",
    reference="Implements",
    plan_target="Plan target",
    reference_target="Reference target",
    required="Plan requires",
    reference_required="Reference requires",
    verdict="Verdict",
    difference="Difference",
    points="{value} points",
    required_units="Needed (plan)",
    reference_required_units="Needed (ref.)",
    status="Status (plan)",
    reference_status="Status (ref.)",
    unlinked="Plan targets that implement no reference target",
    reference_unlinked="Reference targets that no plan target implements",
    nothing="(none)",
    requirements_only="No data given: only the requirements are compared.",
    verdicts={
        Verdict.STRICTER: "Stricter",
        Verdict.SAME: "Same",
        Verdict.LOOSER: "Looser",
        Verdict.NOT_COMPARABLE: "Not comparable",
    },
    bases={
        "milestone": "the plan's milestone",
        "schedule": "the plan's scheduled value",
        "baseline": "the plan's baseline",
        "interpolated": "interpolated",
        "first": "as the plan's first checkpoint",
        "last": "as the plan's last checkpoint (the plan sets no milestone for this period)",
    },
    reasons={
        "different_types": "the targets are of different types ({type} and {reference_type})",
        "overlap": "the two requirements only partly overlap",
        "disjoint": "no value meets both requirements",
    },
)
"""The English words of alignment reports.

.. versionadded:: 0.2.0
"""

_ALIGNMENT_LABELS: Mapping[Lang, AlignmentLabels] = {"vi": ALIGNMENT_VI, "en": ALIGNMENT_EN}


def alignment_labels_for(lang: str) -> AlignmentLabels:
    """The alignment report words of ``lang``.

    Raises:
        ValueError: ``lang`` is not a report language.

    .. versionadded:: 0.2.0
    """
    return _ALIGNMENT_LABELS[check_lang(lang)]
