"""Described measures: plan-file keys, units of measure in reports, templates, plausibility."""

from __future__ import annotations

import datetime as dt
import textwrap
from fractions import Fraction
from pathlib import Path

import attrs
import pytest

import policytargets as pt
from policytargets.io import collection_template, loads_plan
from policytargets.report import FORMATS, render

EXAMPLES = Path(__file__).parent.parent / "examples"
Obs = pt.Observation

HEAD = """\
schema = "policytargets/plan@1"
[plan]
id = "p"
number = "1/KH"
title = "Plan"
issuer = "UBND"
issued = 2024-01-01
effective = 2024-01-01
"""

SPEED = pt.Measure(
    "mobile-speed",
    "Tốc độ băng rộng di động",
    name_en="Mobile broadband speed",
    unit_of_measure="Mb/s",
    kind="number",
    min=0,
    max=10000,
    reporting=pt.MeasureReporting("quarter", "+45d"),
)


def speed_plan(*measures: pt.Measure, require: str = ">= 36") -> pt.Plan:
    # "Mobile broadband speed 36 Mb/s" (a digital-infrastructure plan).
    target = pt.Target(
        "speed", "Tốc độ di động 36 Mb/s", pt.Level("mobile-speed"), [pt.Milestone(2025, require)]
    )
    return pt.Plan(
        "p",
        "1/KH",
        "Plan",
        "UBND",
        dt.date(2024, 1, 1),
        dt.date(2024, 1, 1),
        targets=[target],
        measure_descriptions=measures,
    )


def test_every_problem_of_the_measures_is_found_in_one_pass() -> None:
    text = HEAD + textwrap.dedent("""\
        [[measures]]
        id = "staff-trained"
        at_most = "staf"
        min = 10
        max = 5
        reporting = { due = "+4w" }

        [[measures]]
        id = "x"
        at_most = "x"
        kind = "boolean"

        [[measures]]
        id = "mobile-speed"
        kind = "number"
        unit_of_measure = "Mb/s"

        [[targets]]
        id = "speed"
        type = "level"
        title = "36 Mb/s"
        measure = "mobile-speed"
        milestones = [{ by = 2025, require = ">= 70%" }]

        [[targets]]
        id = "x"
        type = "count"
        title = "x"
        population = "none"
        condition = "x >= 3"
        milestones = [{ by = 2025, require = ">= 1" }]
        """)
    with pytest.raises(pt.PlanError) as error:
        loads_plan(text, name="plan.toml")
    found = [(p.path, p.message) for p in error.value.problems]
    paths = [path for path, _ in found]
    assert sorted(paths) == sorted(
        [
            "measures[0].reporting.due",
            "targets[1].population",
            "measures[0].min",
            "measures[0].at_most",
            "measures[1].at_most",
            "targets[0].milestones[0].require",
            "targets[1].condition",
        ]
    ), found
    messages = dict(found)
    assert "'+4w' is not a reporting due date" in messages["measures[0].reporting.due"]
    assert messages["measures[0].at_most"] == "unknown measure 'staf'"
    assert messages["measures[1].at_most"] == "a measure cannot be at most itself"
    assert (
        "is a share, but 'mobile-speed' is a number in Mb/s"
        in messages["targets[0].milestones[0].require"]
    )
    assert "holds yes/no facts (boolean)" in messages["targets[1].condition"]


def test_measures_are_written_and_read_back() -> None:
    plan = speed_plan(SPEED)
    assert loads_plan(pt.dump_plan(plan)) == plan
    assert plan.measure("mobile-speed") == SPEED
    assert plan.measure("other") is None


def test_reports_show_values_with_their_unit_of_measure_and_no_percentage() -> None:
    card = pt.evaluate(
        speed_plan(SPEED), [Obs("mobile-speed", None, 2025, 41)], as_of=dt.date(2026, 1, 1)
    )
    for lang in ("vi", "en"):
        text = render(card, "table", lang=lang)
        assert "≥ 36 Mb/s" in text
        assert "41 Mb/s" in text
        assert "%" not in text.split("Reports not received")[0].split("Báo cáo chưa")[0]
    shared = attrs.evolve(SPEED, kind="share", unit_of_measure=None, max=None)
    card = pt.evaluate(
        speed_plan(shared, require=">= 70%"),
        [Obs("mobile-speed", None, 2025, Fraction(3, 4))],
        as_of=dt.date(2026, 1, 1),
    )
    assert "≥ 70%" in render(card, "table", lang="en")
    assert "75%" in render(card, "table", lang="en")


def test_the_data_template_names_each_measure_its_unit_and_kind() -> None:
    template = collection_template(speed_plan(SPEED), 2025)
    assert template.splitlines()[1] == (
        "# Mẫu thu thập số liệu / Data collection template: "
        "mobile-speed: Tốc độ băng rộng di động / Mobile broadband speed (Mb/s), number"
    )


def test_the_reporting_due_date_is_a_day_of_the_year_or_a_time_after_the_period() -> None:
    assert pt.MeasureReporting().due_for(pt.Period.year(2025)) == dt.date(2025, 12, 15)
    quarterly = pt.MeasureReporting("quarter", "+3m")
    assert quarterly.due_for(pt.Period.parse("2025-Q4")) == dt.date(2026, 3, 31)
    with pytest.raises(ValueError, match="unknown reporting frequency 'week'"):
        pt.MeasureReporting("week")
    with pytest.raises(ValueError, match="not a reporting due date"):
        pt.MeasureReporting(due="+3y")


def test_implausible_values_are_located_data_errors_all_in_one_pass(tmp_path: Path) -> None:
    staff = pt.Measure("staff", kind="number", min=0)
    trained = pt.Measure("staff-trained", kind="number", min=0, at_most="staff")
    share = pt.Measure("online-share", kind="share")
    plan = pt.Plan(
        "p",
        "1/KH",
        "Plan",
        "UBND",
        dt.date(2024, 1, 1),
        dt.date(2024, 1, 1),
        populations=[pt.Population("agencies", "Agencies", [pt.Unit("a", "A")])],
        targets=[
            pt.Target(
                "t",
                "T",
                pt.Ratio("staff-trained", "staff", population="agencies"),
                [pt.Milestone(2025, ">= 100%")],
            ),
            pt.Target("s", "S", pt.Level("online-share"), [pt.Milestone(2025, ">= 50%")]),
        ],
        measure_descriptions=[staff, trained, share],
    )
    data = tmp_path / "data.csv"
    data.write_text(
        "measure,unit,period,value\n"
        "staff,a,2025,110\n"
        "staff-trained,a,2025,510\n"  # 510 staff trained out of 110
        "staff,a,2024,-3\n"
        "online-share,,2025,120%\n",
        encoding="utf-8",
    )
    with pytest.raises(pt.DataError) as error:
        pt.evaluate(plan, pt.load_observations(data), as_of=dt.date(2026, 1, 1))
    found = sorted((p.line, p.message) for p in error.value.problems)
    assert [line for line, _ in found] == [3, 4, 5]
    assert found[0][1].startswith("staff-trained / a / 2025 = 510: above staff (110)")
    assert f"{data}:2" in found[0][1]
    assert "below the smallest plausible value 0" in found[1][1]
    assert "above the largest plausible value 100%" in found[2][1]


def test_plan_77_reports_its_amounts_in_their_units() -> None:
    plan = pt.load_plan(EXAMPLES / "vinhlong_plan77.toml")
    data = pt.load_observations(EXAMPLES / "data" / "plan77_observations.csv")
    card = pt.evaluate(plan, data, as_of=dt.date(2026, 1, 1))
    for format in FORMATS:
        if format == "json":
            continue
        text = render(card, format, lang="vi")
        for unit in ("tỷ đồng", "người", "tin bài"):
            assert unit in text, (format, unit)
    english = render(card, "markdown", lang="en")
    assert "Revenue 141.68 billion VND / Planned revenue 150.5 billion VND" in english
