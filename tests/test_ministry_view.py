"""The ministry-view example (examples/ministry_view.py): 63 provinces before 1 July 2025, 34
after, illustrative agencies broken down by province."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

import policytargets as pt

EXAMPLE = Path(__file__).parents[1] / "examples" / "ministry_view.py"
AS_OF = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ministry_view", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["ministry_view"] = module
    spec.loader.exec_module(module)
    return module


def test_63_provinces_become_34_on_1_july_2025(example: ModuleType) -> None:
    provinces = example.provinces()
    before = [u for u in provinces if u.is_active(dt.date(2025, 6, 30))]
    after = [u for u in provinces if u.is_active(dt.date(2025, 7, 1))]
    assert (len(before), len(after)) == (63, 34)
    assert len({u.id for u in provinces}) == len(provinces)
    merged = [u for u in provinces if u.successor is not None]
    assert len(merged) == 52
    ids = {u.id for u in after}
    assert all(u.successor in ids for u in merged)
    names = {u.id: u.name for u in provinces}
    into_vinh_long = sorted(names[u.id] for u in merged if u.successor == "vinh-long-2025")
    assert into_vinh_long == ["Tỉnh Bến Tre", "Tỉnh Trà Vinh", "Tỉnh Vĩnh Long"]


def test_the_scorecard_is_broken_down_by_the_provinces_of_each_year(
    example: ModuleType,
) -> None:
    plan = example.plan()
    card = pt.evaluate(plan, example.observations(plan), as_of=AS_OF)
    totals = {}
    for assessment in card.assessments:
        assert assessment.breakdown is not None
        totals[(assessment.target.id, assessment.milestone.label)] = assessment.breakdown.total
        assert assessment.breakdown.ungrouped_units == 1
        assert 0 <= assessment.breakdown.meeting <= assessment.breakdown.total
    assert totals[("digital-platforms", "2024")] == 63
    assert totals[("digital-platforms", "2025")] == 34
    assert totals[("revenue-to-plan", "2025")] == 34


def test_everything_synthetic_says_it_is_illustrative(example: ModuleType, tmp_path: Path) -> None:
    plan = example.plan()
    agencies = plan.population("press-agencies").units
    assert all("ILLUSTRATIVE" in u.name and "ILLUSTRATIVE" in (u.name_en or "") for u in agencies)
    assert "ILLUSTRATIVE" in plan.title
    assert all("ILLUSTRATIVE" in (t.note or "") for t in plan.targets)
    output = tmp_path / "scorecard.json"
    assert (
        example.main(["--format", "json", "--output", str(output), "--write-data", str(tmp_path)])
        == 0
    )
    card = json.loads(output.read_text(encoding="utf-8"))
    assert any("ILLUSTRATIVE" in notice for notice in card["notices"])
    log = pt.load_observations(tmp_path / "observations.csv")
    assert any("ILLUSTRATIVE" in note for note in log.notes)
    assert len(list(log)) == len(example.observations(plan))
    with (tmp_path / "roster.csv").open(encoding="utf-8") as file:
        roster = list(csv.DictReader(file))
    assert len(roster) == len(plan.units)
    agencies_of = {row["parent"] for row in roster if row["id"] in {"vinh-long-1", "vinh-long-2"}}
    assert agencies_of == {"vinh-long"}
    new = next(row for row in roster if row["id"] == "vinh-long-2025")
    assert (new["from"], new["parent"]) == ("2025-07-01", "")


def test_the_plan_file_roster_and_data_give_the_same_scorecard(
    example: ModuleType, tmp_path: Path
) -> None:
    plan = example.plan()
    example.write_data(plan, example.observations(plan), tmp_path)
    log = pt.load_observations(tmp_path / "observations.csv")
    from_file = pt.load_plan(tmp_path / "plan.toml")
    assert len(from_file.population("provinces").units) == 63 + 23
    expected = pt.evaluate(plan, log, as_of=AS_OF).to_dict()
    assert pt.evaluate(from_file, log, as_of=AS_OF).to_dict() == expected
