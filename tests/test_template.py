"""Data-collection templates: every row a plan reads for a period, and nothing else."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

import policytargets as pt
from policytargets.io import collection_template, load_plan, loads_observations
from policytargets.io.template import template_rows

PLANS = Path(__file__).parent / "fixtures" / "plans"
EXAMPLE = Path(__file__).parent.parent / "examples" / "vinhlong_plan77.toml"


@pytest.fixture
def plan() -> pt.Plan:
    return load_plan(PLANS / "valid_plan.toml")


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_one_row_per_measure_and_active_unit_in_plan_order(plan: pt.Plan) -> None:
    text = collection_template(plan, 2024)
    lines = text.splitlines()
    assert lines[0] == (
        "# Mẫu thu thập số liệu / Data collection template: demo-12-2024 (12/KH-UBND), 2024: "
        'Kế hoạch thử nghiệm "chuyển đổi số"'
    )
    assert lines[1] == "measure,unit,period,value,source,recorded"
    assert [tuple(row[:3]) for row in rows_of("\n".join(lines[1:]))[1:]] == [
        ("publishes-online", "paper", "2024"),
        ("publishes-online", "radio", "2024"),
        ("publishes-online", "magazine", "2024"),
        ("security-level", "paper", "2024"),
        ("security-level", "radio", "2024"),
        ("security-level", "magazine", "2024"),
        ("revenue", "paper", "2024"),
        ("revenue", "radio", "2024"),
        ("revenue", "magazine", "2024"),
        ("planned-revenue", "paper", "2024"),
        ("planned-revenue", "radio", "2024"),
        ("planned-revenue", "magazine", "2024"),
        ("rural-consumption", "", "2024"),
        ("consumption", "", "2024"),
        ("new-articles", "", "2024"),
        ("relicensed", "magazine", "2024"),
    ]
    assert all(row[3:] == ["", "", ""] for row in rows_of("\n".join(lines[1:]))[1:])


def test_units_are_those_active_on_the_periods_last_day(plan: pt.Plan) -> None:
    in_2025 = template_rows(plan, 2025)
    assert ("publishes-online", "merged") in in_2025
    assert ("publishes-online", "paper") not in in_2025  # merged away in April 2025
    in_q1 = template_rows(plan, "2025-Q1")
    assert ("publishes-online", "paper") in in_q1
    assert ("publishes-online", "merged") not in in_q1
    # revenue is read per unit by two targets: it appears once per unit
    assert in_2025.count(("revenue", "magazine")) == 1


def test_a_unit_scoped_target_skips_its_unit_when_inactive() -> None:
    plan = pt.Plan(
        id="p",
        number="",
        title="Plan\nwith a new line",
        issuer="",
        issued=dt.date(2024, 1, 1),
        effective=dt.date(2024, 1, 1),
        populations=[
            pt.Population("all", "All", [pt.Unit("old", "Old", None, dt.date(2024, 6, 1))])
        ],
        targets=[
            pt.Target(
                "t", "T", pt.BooleanCompliance("ok", unit="old"), [pt.Milestone(2025, "= true")]
            )
        ],
    )
    text = collection_template(plan, 2025)
    assert text.splitlines() == [
        "# Mẫu thu thập số liệu / Data collection template: p, 2025: Plan with a new line",
        "measure,unit,period,value,source,recorded",
    ]
    assert template_rows(plan, "2024-03") == [("ok", "old")]


def fill(plan: pt.Plan, text: str) -> str:
    """The template with a value of the right kind in every row."""
    kinds = plan.measures()
    notes = [line for line in text.splitlines() if line.startswith("#")]
    rows = rows_of("\n".join(line for line in text.splitlines() if not line.startswith("#")))
    out = io.StringIO()
    out.writelines(f"{note}\n" for note in notes)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows[0])
    for measure, unit, period, *_ in rows[1:]:
        value = "true" if kinds[measure] == "boolean" else "3"
        writer.writerow([measure, unit, period, value, "Báo cáo", "2025-12-10"])
    return out.getvalue()


@pytest.mark.parametrize("path", [PLANS / "valid_plan.toml", EXAMPLE], ids=lambda p: p.name)
def test_a_filled_template_evaluates_without_unknown_units_or_measures(path: Path) -> None:
    plan = load_plan(path)
    filled = fill(plan, collection_template(plan, 2025))
    log = loads_observations(filled, name="filled.csv")
    assert len(log) == len(template_rows(plan, 2025))
    card = pt.evaluate(plan, log, as_of=dt.date(2026, 1, 1))  # unknown units would raise
    # Neither the template's own lines (the plan, then each described measure) nor a "no
    # target reads" notice come back as notes.
    described = [m.id for m in plan.measure_descriptions if m.id in plan.measures()]
    template_lines = [line for line in filled.splitlines() if line.startswith("#")]
    assert len(template_lines) == 1 + len(described)
    assert all(
        line.startswith("# Mẫu thu thập số liệu / Data collection template:")
        for line in template_lines
    )
    assert log.notes == ()
    # A yearly template asks for every measure; a target that reads one for a quarter (the
    # fixture's "secure", at 2025-Q4) leaves its yearly rows unread, and a notice says so
    # (yes/no facts are read as states, from a period of any kind).
    quarterly = {
        measure
        for target in plan.targets
        if target.rule.value_kind != "boolean"
        and any(m.by.kind is not pt.PeriodKind.YEAR for m in target.milestones)
        for measure in target.measures()
    }
    unread = [m for m, _ in template_rows(plan, 2025) if m in quarterly]
    assert [(n.code, n.params["count"]) for n in card.notices] == (
        [("other_period_kind", str(len(unread)))] if unread else []
    )
    share = card.for_target(plan.targets[0].id)[0]
    assert share.unreported_units == ()
