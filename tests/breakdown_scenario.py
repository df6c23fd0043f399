"""A small ministry view, built with the Python API, for the breakdown report tests.

Four provinces as of 1 January 2026: Tỉnh A and Tỉnh B merged into Tỉnh C on 1 July 2025;
Tỉnh <D> & |E| (a name every format must escape) did not merge. Seven press agencies, one of
them with no province (the group ``null``). Three targets broken down by province:

- ``digital`` (threshold share, ``>= 70%`` in 2025, ``>= 100%`` in 2030, aspirational);
- ``revenue`` (ratio over the agencies, ``>= 100%`` in 2025);
- ``articles`` (growth over the agencies, ``> 0%`` in 2025);

and one plan-wide target with no breakdown. The figures are illustrative, and the data says so.
"""

from __future__ import annotations

import datetime as dt

import policytargets as pt

AS_OF = dt.date(2026, 1, 1)
MERGER = dt.date(2025, 6, 30)
NOTICES = ("Số liệu MINH HỌA / ILLUSTRATIVE figures, not published data.",)


def plan() -> pt.Plan:
    """The scenario's plan."""
    provinces = [
        pt.Unit("tinh-a", "Tỉnh A", active_until=MERGER, successor="tinh-c"),
        pt.Unit("tinh-b", "Tỉnh B", active_until=MERGER, successor="tinh-c"),
        pt.Unit("tinh-c", "Tỉnh C", active_from=MERGER + dt.timedelta(days=1), name_en="C"),
        pt.Unit("tinh-d", "Tỉnh <D> & |E|"),
    ]
    agencies = [
        pt.Unit("a1", "Báo A", parent="tinh-a"),
        pt.Unit("a2", "Đài A", parent="tinh-a"),
        pt.Unit("b1", "Báo B", parent="tinh-b"),
        pt.Unit("d1", "Báo D", parent="tinh-d"),
        pt.Unit("d2", "Đài D", parent="tinh-d"),
        pt.Unit("d3", "Tạp chí D", parent="tinh-d"),
        pt.Unit("x1", "Cơ quan trung ương"),
    ]
    by = "parent"
    targets = [
        pt.Target(
            id="digital",
            title="Cơ quan báo chí đưa nội dung lên nền tảng số",
            title_en="Press agencies publish on digital platforms",
            rule=pt.ThresholdShare(population="agencies", measure="digital"),
            milestones=[pt.Milestone(2025, ">= 70%"), pt.Milestone(2030, ">= 100%", strive=True)],
            breakdown=by,
        ),
        pt.Target(
            id="revenue",
            title="Doanh thu đạt kế hoạch",
            title_en="Revenue meets the plan",
            rule=pt.Ratio(numerator="revenue", denominator="planned", population="agencies"),
            milestones=[pt.Milestone(2025, ">= 100%")],
            breakdown=by,
        ),
        pt.Target(
            id="articles",
            title="Số tin bài tăng",
            title_en="Articles rise",
            rule=pt.Growth(measure="articles", population="agencies"),
            milestones=[pt.Milestone(2025, "> 0%")],
            breakdown=by,
        ),
        pt.Target(
            id="portal",
            title="Cổng thông tin quốc gia hoạt động",
            title_en="The national portal runs",
            rule=pt.BooleanCompliance(measure="portal"),
            milestones=[pt.Milestone(2025, "= true")],
        ),
    ]
    return pt.Plan(
        id="ministry-scenario",
        number="348/QĐ-TTg",
        title="Theo dõi chỉ tiêu theo tỉnh (minh họa)",
        title_en="Targets by province (illustrative)",
        issuer="Bộ (minh họa)",
        issued=dt.date(2025, 1, 1),
        effective=dt.date(2025, 1, 1),
        populations=[
            pt.Population("provinces", "Tỉnh", provinces),
            pt.Population("agencies", "Cơ quan báo chí", agencies),
        ],
        targets=targets,
    )


def observations() -> pt.ObservationLog:
    """The scenario's observations, marked illustrative."""
    digital = {"a1": True, "a2": True, "b1": False, "d1": True, "d2": False, "x1": True}
    revenue = {"a1": 120, "a2": 90, "b1": 100, "d1": 80, "d2": 70, "d3": 60, "x1": 100}
    articles = {"a1": (100, 120), "a2": (50, 50), "b1": (80, 70), "d1": (10, 9), "d2": (20, 18)}
    articles |= {"d3": (30, 30), "x1": (40, 44)}
    rows = [pt.Observation("digital", unit, 2025, flag) for unit, flag in digital.items()]
    for unit, amount in revenue.items():
        rows.append(pt.Observation("revenue", unit, 2025, amount))
        rows.append(pt.Observation("planned", unit, 2025, 100))
    for unit, (before, after) in articles.items():
        rows.append(pt.Observation("articles", unit, 2024, before))
        rows.append(pt.Observation("articles", unit, 2025, after))
    rows.append(pt.Observation("portal", None, 2025, True))
    return pt.ObservationLog(rows, notes=NOTICES)


def scorecard() -> pt.Scorecard:
    """The scenario evaluated as of 1 January 2026."""
    return pt.evaluate(plan(), observations(), as_of=AS_OF)
