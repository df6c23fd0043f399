"""A small plan and observations, built with the Python API, for the report tests.

Six targets, of every built-in kind but level, and every status, as of 1 January 2026:

- ``digital-platforms`` (threshold share, baseline 1/3 in 2023): 2025 is **missed** (2 of 3
  agencies, one unreported, against 70%); the aspirational 2030 milestone is **off track**.
- ``revenue-plan`` (ratio, plan-wide): 2025 is **achieved** (105.5%), 2027 **on track**.
- ``magazine-relicensed`` (yes/no, one unit): 2026 is **off track** (not yet relicensed).
- ``new-articles`` (growth, recurring 2024 to 2027): 2024 **achieved** (+1/11), 2025
  **missed** (−1/12: a negative exact value for the CSV), 2026 **off track**, 2027
  **not started**.
- ``security-level`` (threshold share with a condition, ``>= 2/3``): 2027 has **no data**.
- ``district-portals`` (count over the districts, abolished on 1 July 2025): 2027 has
  **lapsed**.

Text from the "files" carries characters that each format must escape: ``|``, ``*``, ``_``,
``&``, ``<``. The data is marked illustrative (the notices every human format shows first).
:func:`enriched_scorecard` fixes what the engine computes for projections and missing
reports (so that these tests do not follow every change of those methods, nor the last bits
of a C library's floating-point power) and adds a trend result: one projection meets the
requirement after the deadline, one missing report is for a plan-wide figure and came late.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs

from policytargets import (
    Baseline,
    BooleanCompliance,
    Count,
    Growth,
    Milestone,
    Observation,
    ObservationLog,
    Period,
    Plan,
    Population,
    Ratio,
    Recurring,
    Scorecard,
    Target,
    ThresholdShare,
    Unit,
    evaluate,
)
from policytargets.assess import MissingReport
from policytargets.progress import ProgressResult
from policytargets.projection import Projection

AS_OF = dt.date(2026, 1, 1)
KNOWN_AT = dt.date(2025, 12, 31)

NOTICES = (
    "Số liệu MINH HỌA, không phải số liệu đã công bố.",
    "ILLUSTRATIVE figures, not published data.",
)


def plan() -> Plan:
    """The scenario's plan."""
    agencies = Population(
        id="press-agencies",
        name="Cơ quan báo chí tỉnh",
        name_en="Provincial press agencies",
        units=[
            Unit("bao-vinh-long", "Báo Vĩnh Long"),
            Unit("dai-ptth-vinh-long", "Đài Phát thanh – Truyền hình Vĩnh Long"),
            Unit("tap-chi-cuu-long", "Tạp chí Văn nghệ Cửu Long", name_en="Cuu Long Magazine"),
        ],
    )
    districts = Population(
        id="districts",
        name="Huyện",
        name_en="Districts",
        units=[Unit("huyen-long-ho", "Huyện Long Hồ", active_until=dt.date(2025, 6, 30))],
    )
    targets = [
        Target(
            id="digital-platforms",
            title="Cơ quan báo chí tỉnh đưa nội dung lên các nền tảng số",
            title_en="Provincial press agencies put their content on digital platforms",
            rule=ThresholdShare(
                population="press-agencies", measure="publishes-on-digital-platforms"
            ),
            milestones=[Milestone(2025, ">= 70%"), Milestone(2030, ">= 100%", strive=True)],
            source="II.1, gạch đầu dòng 1; II.2, gạch đầu dòng 1",
            note="Tỷ lệ cơ quan *đang hoạt động* | ưu tiên nền tảng trong nước (not_measured)",
            baseline=Baseline(2023, "1/3"),
        ),
        Target(
            id="revenue-plan",
            title="Doanh thu đạt kế hoạch được giao",
            title_en="Revenue meets the assigned plan",
            rule=Ratio(numerator="revenue", denominator="planned-revenue"),
            milestones=[Milestone(2025, ">= 100%"), Milestone(2027, ">= 105%")],
            source="II.1, gạch đầu dòng 4",
        ),
        Target(
            id="magazine-relicensed",
            title="Tạp chí tỉnh được cấp lại giấy phép",
            title_en="The provincial magazine is relicensed",
            rule=BooleanCompliance(measure="magazine-licensed", unit="tap-chi-cuu-long"),
            milestones=[Milestone(2026, "= true")],
            source="II.1, gạch đầu dòng 11",
        ),
        Target(
            id="new-articles",
            title="Số tin bài mới tăng hằng năm",
            title_en="New articles rise every year",
            rule=Growth(measure="new-articles"),
            every=Recurring(2024, 2027, "> 0%"),
            source="II.1, gạch đầu dòng 6 & <II.2>",
        ),
        Target(
            id="security-level",
            title="Cơ quan báo chí đạt an toàn thông tin cấp độ 3 trở lên",
            title_en="Press agencies reach information security level 3 or higher",
            rule=ThresholdShare(population="press-agencies", condition="security-level >= 3"),
            milestones=[Milestone(2027, ">= 2/3")],
            source="II.1, gạch đầu dòng 9",
        ),
        Target(
            id="district-portals",
            title="Số huyện có cổng thông tin điện tử",
            title_en="Districts with an electronic portal",
            rule=Count(population="districts", measure="has-portal"),
            milestones=[Milestone(2027, ">= 1")],
        ),
    ]
    return Plan(
        id="scenario-77",
        number="77/KH-UBND",
        title="Kế hoạch chuyển đổi số báo chí tỉnh Vĩnh Long",
        title_en="Vĩnh Long plan for the digital transformation of the press",
        issuer="Ủy ban nhân dân tỉnh Vĩnh Long",
        issued=dt.date(2023, 10, 30),
        effective=dt.date(2023, 10, 30),
        populations=[agencies, districts],
        targets=targets,
        note="Văn bản nhận được thiếu Phụ lục I | the text lacks appendix I",
    )


def _obs(
    measure: str, unit: str | None, period: int, value: bool | int | str, recorded: dt.date
) -> Observation:
    exact = value if isinstance(value, bool) else Fraction(value)
    return Observation(measure, unit, period, exact, source="Báo cáo (minh họa)", recorded=recorded)


def observations() -> ObservationLog:
    """The scenario's observations, marked illustrative."""
    y23, y24, y25 = dt.date(2023, 12, 8), dt.date(2024, 12, 10), dt.date(2025, 12, 10)
    share = "publishes-on-digital-platforms"
    rows = [
        _obs(share, "bao-vinh-long", 2023, True, y23),
        _obs(share, "dai-ptth-vinh-long", 2023, False, y23),
        _obs(share, "tap-chi-cuu-long", 2023, False, y23),
        _obs(share, "bao-vinh-long", 2024, True, y24),
        _obs(share, "dai-ptth-vinh-long", 2024, True, y24),
        _obs(share, "tap-chi-cuu-long", 2024, False, y24),
        _obs(share, "bao-vinh-long", 2025, True, y25),
        _obs(share, "dai-ptth-vinh-long", 2025, True, y25),
        _obs("revenue", None, 2024, "90", y24),
        _obs("planned-revenue", None, 2024, "100", y24),
        _obs("revenue", None, 2025, "105.5", y25),
        _obs("planned-revenue", None, 2025, "100", y25),
        _obs("magazine-licensed", "tap-chi-cuu-long", 2024, False, y24),
        _obs("new-articles", None, 2023, 11000, y23),
        _obs("new-articles", None, 2024, 12000, y24),
        _obs("new-articles", None, 2025, 11000, y25),
    ]
    return ObservationLog(rows, notes=NOTICES)


def scorecard() -> Scorecard:
    """The scenario evaluated as of 1 January 2026, with data known by 31 December 2025."""
    return evaluate(plan(), observations(), as_of=AS_OF, known_at=KNOWN_AT)


def _portable(projection: Projection) -> Projection:
    """A compound-growth projection rounded to a short fraction.

    The engine computes it with a floating-point power, whose last bits may differ between
    C libraries; the golden files hold exact text, so they keep only what is portable.
    """
    value = projection.value_at_deadline
    if projection.method != "cagr" or value is None:
        return projection
    return attrs.evolve(projection, value_at_deadline=value.limit_denominator(1000))


def enriched_scorecard() -> Scorecard:
    """:func:`scorecard` with projections, a trend result and a missing report added."""
    card = scorecard()
    assessments = []
    for original in card.assessments:
        key = (original.target.id, original.milestone.label)
        assessment = attrs.evolve(
            original, projections=tuple(_portable(p) for p in original.projections)
        )
        if key == ("digital-platforms", "2030"):
            assessment = attrs.evolve(
                original,
                projections=(
                    Projection(
                        method="linear",
                        deadline=2030,
                        value_at_deadline=Fraction(1),
                        first_met=2029,
                    ),
                    Projection(
                        method="cagr",
                        deadline=2030,
                        value_at_deadline=Fraction(19, 20),
                        first_met=2032,
                    ),
                ),
            )
        elif key == ("new-articles", "2026"):
            assessment = attrs.evolve(
                original,
                progress=ProgressResult(
                    method="statcan",
                    category="limited_progress",
                    value=0.25,
                    score=-1.4583,
                    direction="positive",
                ),
            )
        assessments.append(assessment)
    missing = (
        MissingReport(
            unit="",
            measure="revenue",
            period=Period.year(2023),
            due=dt.date(2023, 12, 15),
            targets=("revenue-plan",),
            received=dt.date(2024, 1, 14),  # late, not lost
        ),
        MissingReport(
            unit="tap-chi-cuu-long",
            measure="publishes-on-digital-platforms",
            period=Period.year(2025),
            due=dt.date(2025, 12, 15),
            targets=("digital-platforms",),
        ),
    )
    return attrs.evolve(card, assessments=tuple(assessments), missing_reports=missing)
