"""The engine's own sentences in the report's language: why a target has no value
(:class:`policytargets.NoData` codes) and the notices about the data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import string
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, ClassVar

import attrs
import pytest

import policytargets as pt
from policytargets.assess import ROW_REASONS
from policytargets.report import render
from policytargets.report.labels import (
    EN,
    VI,
    message_text,
    no_data_text,
    note_text,
    notice_text,
    report_text,
)
from policytargets.targets.base import ValueKind

D = dt.date
Y2024, Y2025 = pt.Period.year(2024), pt.Period.year(2025)
Obs = pt.Observation

AGENCIES = pt.Population(
    "agencies",
    "Cơ quan báo chí",
    [pt.Unit("paper", "Báo"), pt.Unit("radio", "Đài", active_until=D(2024, 6, 30))],
)
EMPTY = pt.Population("none", "Không có", [pt.Unit("x", "X", active_from=D(2030, 1, 1))])


def context(*observations: pt.Observation) -> pt.Context:
    return pt.Context(
        pt.ObservationLog(observations), {"agencies": AGENCIES, "none": EMPTY}, D(2026, 1, 1)
    )


def no_data(result: pt.Reading | pt.NoData) -> pt.NoData:
    assert isinstance(result, pt.NoData)
    return result


# Every built-in reason: what the type returned, and the Vietnamese sentence for it.
CASES: list[tuple[str, pt.NoData, str]] = [
    (
        "no_active_units",
        no_data(pt.ThresholdShare(population="none", measure="m").read(Y2025, context())),
        "không có đơn vị nào của 'none' hoạt động trong kỳ 2025",
    ),
    (
        "no_reports",
        no_data(pt.ThresholdShare(population="agencies", measure="online").read(Y2025, context())),
        "chưa đơn vị nào báo cáo chỉ số online cho kỳ 2025",
    ),
    (
        "no_observations",
        no_data(pt.Ratio(numerator="rural", denominator="total").read(Y2025, context())),
        "chưa có đồng thời số liệu rural và total cho kỳ 2025",
    ),
    (
        "zero_denominator",
        no_data(
            pt.Ratio(numerator="rural", denominator="total").read(
                Y2025, context(Obs("rural", None, 2025, 0), Obs("total", None, 2025, 0))
            )
        ),
        "tổng total bằng 0 trong kỳ 2025",
    ),
    (
        "no_state",
        no_data(pt.BooleanCompliance(measure="licensed").read(Y2025, context())),
        "chưa có số liệu licensed đến hết kỳ 2025",
    ),
    (
        "incomplete_total",
        no_data(pt.Growth(measure="articles").read(Y2025, context())),
        "chưa có tổng đầy đủ của articles cho kỳ 2024 và 2025",
    ),
    (
        "undefined_growth",
        no_data(
            pt.Growth(measure="articles").read(
                Y2025, context(Obs("articles", None, 2024, 0), Obs("articles", None, 2025, 5))
            )
        ),
        "articles bằng 0 trong kỳ 2024: không xác định được mức tăng so với kỳ này",
    ),
]


@pytest.mark.parametrize(("code", "missing", "vietnamese"), CASES, ids=[c[0] for c in CASES])
def test_every_built_in_reason_has_a_code_and_both_languages(
    code: str, missing: pt.NoData, vietnamese: str
) -> None:
    assert missing.code == code
    assert no_data_text(missing, "vi") == vietnamese
    # The English template says exactly what the English reason (and the JSON note) says.
    assert no_data_text(missing, "en") == missing.reason


def test_every_code_has_a_template_in_both_languages_with_the_same_parameters() -> None:
    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    assert set(VI.messages) == set(EN.messages)
    for code, template in VI.messages.items():
        assert fields(template) == fields(EN.messages[code]), code
    built_in = {code for code, _, _ in CASES}
    engine = {"no_period_begun", "plan_not_in_effect", "breakdown_not_applied", *ROW_REASONS}
    engine |= {"links_elsewhere"}  # a notice of align()
    engine |= {"lapsed"}  # a status, not a missing value
    assert set(VI.messages) == built_in | engine


def test_params_are_text_in_a_frozen_mapping() -> None:
    missing = pt.NoData(Y2025, "why", code="c", params={"period": Y2025, "value": Fraction(1, 3)})
    assert dict(missing.params) == {"period": "2025", "value": "1/3"}
    with pytest.raises(TypeError):
        missing.params["period"] = "2026"  # type: ignore[index]
    assert hash(missing) == hash(attrs.evolve(missing))
    assert missing == pt.NoData(Y2025, "why", code="c", params={"period": "2025", "value": "1/3"})


def test_positional_construction_still_works() -> None:
    missing = pt.NoData(Y2025, "no values", 3, ("a", "b"))
    assert (missing.population, missing.unreported_units) == (3, ("a", "b"))
    assert (missing.code, dict(missing.params)) == (None, {})
    with pytest.raises(TypeError):
        pt.NoData(Y2025, "no values", 3, ("a",), "code")  # type: ignore[call-arg]


def test_periods_values_and_dates_are_written_per_language() -> None:
    quarter = {"measure": "m", "period": "2024-Q3"}
    assert message_text("no_reports", quarter, "vi", fallback="") == (
        "chưa đơn vị nào báo cáo chỉ số m cho kỳ Q3/2024"
    )
    assert message_text("no_reports", quarter, "en", fallback="") == (
        "no unit reported m for 2024-Q3"
    )
    growth = {"measure": "m", "value": "1/2", "compared": "2024-06"}
    assert message_text("undefined_growth", growth, "vi", fallback="").startswith(
        "m bằng 0,5 trong kỳ 06/2024:"
    )


def test_an_unknown_code_or_a_missing_parameter_falls_back_to_the_reason() -> None:
    assert message_text(None, {}, "vi", fallback="no value") == "no value"
    assert message_text("my_own_code", {}, "vi", fallback="no value") == "no value"
    assert message_text("no_reports", {"measure": "m"}, "vi", fallback="no value") == "no value"
    # A parameter that is not what its name promises is shown as given.
    odd = {"measure": "m", "period": "not a period"}
    assert (
        message_text("no_reports", odd, "en", fallback="") == "no unit reported m for not a period"
    )


def test_a_parameter_is_text_never_a_template() -> None:
    params = {"measure": "{period}", "period": "2025"}
    assert message_text("no_reports", params, "en", fallback="") == (
        "no unit reported {period} for 2025"
    )


# --- in reports -----------------------------------------------------------------------------


def plan(*targets: pt.Target) -> pt.Plan:
    return pt.Plan(
        id="messages",
        number="5/KH-UBND",
        title="Kế hoạch thử nghiệm",
        issuer="Ủy ban nhân dân tỉnh",
        issued=D(2024, 1, 1),
        effective=D(2024, 1, 1),
        populations=[AGENCIES],
        targets=targets,
    )


ONLINE = pt.Target(
    id="online",
    title="Cơ quan báo chí đưa nội dung lên nền tảng số",
    title_en="Agencies publish online",
    rule=pt.ThresholdShare(population="agencies", measure="online"),
    milestones=[pt.Milestone(2025, ">= 70%")],
)
VI_REASON = "chưa đơn vị nào báo cáo chỉ số online cho kỳ 2025"
EN_REASON = "no unit reported online for 2025"


def no_data_card() -> pt.Scorecard:
    log = pt.ObservationLog([Obs("online", "paper", 2024, True)])
    card = pt.evaluate(plan(ONLINE), log, as_of=D(2026, 1, 1))
    assessment = card.assessments[0]
    assert assessment.status is pt.Status.NO_DATA
    assert assessment.note == EN_REASON
    return card


@pytest.mark.parametrize("format", ["table", "markdown", "html"])
def test_a_vietnamese_report_gives_the_reason_in_vietnamese(format: str) -> None:
    card = no_data_card()
    vietnamese = render(card, format, lang="vi")
    english = render(card, format, lang="en")
    assert VI_REASON in vietnamese
    assert EN_REASON not in vietnamese
    assert EN_REASON in english
    assert VI_REASON not in english


def test_csv_notes_follow_the_language_and_json_keeps_the_english_reason() -> None:
    card = no_data_card()
    for lang, reason in (("vi", VI_REASON), ("en", EN_REASON)):
        rows = list(csv.DictReader(io.StringIO(render(card, "csv", lang=lang))))
        assert rows[0]["note"] == reason
        data = json.loads(render(card, "json", lang=lang))
        assert data["assessments"][0]["note"] == EN_REASON


@attrs.frozen
class OwnType:
    """A user-defined type whose NoData has no code."""

    kind: ClassVar[str] = "own"
    value_kind: ClassVar[ValueKind] = "number"

    def read(self, period: pt.Period, context: pt.Context) -> pt.Reading | pt.NoData:
        return pt.NoData(period, "our survey was not run")

    def measures(self) -> Mapping[str, ValueKind]:
        return {"survey": "number"}

    def references(self) -> Mapping[str, str]:
        return {}

    def to_fields(self) -> dict[str, Any]:
        return {}


def test_a_reason_without_a_code_is_shown_as_written_in_both_languages() -> None:
    own = pt.Target(
        id="own", title="Khảo sát", rule=OwnType(), milestones=[pt.Milestone(2025, ">= 1")]
    )
    card = pt.evaluate(plan(own), [], as_of=D(2026, 1, 1))
    for lang in ("vi", "en"):
        assert report_text(card, lang).assessments[0].note == "our survey was not run"


def test_a_note_other_than_the_reason_is_shown_as_written() -> None:
    assessment = no_data_card().assessments[0]
    edited = attrs.evolve(assessment, note="xem báo cáo bổ sung")
    assert note_text(edited, "en") == "xem báo cáo bổ sung"
    assert note_text(attrs.evolve(assessment, note=None), "vi") == ""
    assert note_text(assessment, "vi") == VI_REASON


def test_coded_notices_are_translated_and_plain_ones_shown_as_written() -> None:
    unused = pt.Notice(
        "3 rows of measures no target reads (more, other): d.csv: 2-3, 7",
        code="unused_measure",
        params={"count": "3", "measures": "more, other", "rows": "d.csv: 2-3, 7"},
        rows={"d.csv": "2-3, 7"},
    )
    assert notice_text(unused, "vi") == (
        "3 dòng số liệu của chỉ số không chỉ tiêu nào sử dụng (more, other): d.csv: 2-3, 7"
    )
    assert notice_text(unused, "en") == str(unused)
    assert notice_text(pt.Notice("Số liệu minh họa"), "en") == "Số liệu minh họa"
    card = attrs.evolve(no_data_card(), notices=(pt.Notice("Số liệu minh họa"), unused))
    assert report_text(card, "vi").notices == (
        "Số liệu minh họa",
        "3 dòng số liệu của chỉ số không chỉ tiêu nào sử dụng (more, other): d.csv: 2-3, 7",
    )
    rows = list(csv.DictReader(io.StringIO(render(card, "csv", lang="vi"))))
    assert rows[0]["notices"].endswith("không chỉ tiêu nào sử dụng (more, other): d.csv: 2-3, 7")
    as_json = json.loads(render(card, "json"))
    assert as_json["notices"][1] == str(unused)
    assert as_json["unused_rows"] == [
        {"code": "unused_measure", "count": 3, "rows": {"d.csv": "2-3, 7"}}
    ]
    for form in ("table", "markdown", "html"):
        assert "d.csv: 2-3, 7" in render(card, form, lang="vi"), form
        assert "dòng số liệu của chỉ số không chỉ tiêu nào" in render(card, form, lang="vi"), form


@pytest.mark.parametrize(
    ("code", "params", "vietnamese", "english"),
    [
        ("plan_not_in_effect", {}, "kế hoạch chưa có hiệu lực", "the plan is not yet in effect"),
        ("no_period_begun", {}, "chưa có kỳ số liệu nào bắt đầu", "no period has begun yet"),
    ],
)
def test_the_engines_other_sentences_are_ready(
    code: str, params: dict[str, str], vietnamese: str, english: str
) -> None:
    missing = pt.NoData(Y2025, english, code=code, params=params)
    assert (no_data_text(missing, "vi"), no_data_text(missing, "en")) == (vietnamese, english)
