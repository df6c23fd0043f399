"""Units declared once: ``[[units]]``, the ``units_file`` roster, populations that pick units
by id, by attributes (``where``) or within another population, and parents that follow
mergers."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import policytargets as pt
from policytargets.io import dump_plan, load_plan, loads_plan, plan_schema
from policytargets.io.roster import cell_value, load_units
from policytargets.units import matches, parent_on, parents_on, select_units

ROSTER = Path(__file__).parent / "fixtures" / "roster"
MERGER = dt.date(2025, 7, 1)  # Vĩnh Long, Bến Tre and Trà Vinh became one province

HEAD = """\
schema = "policytargets/plan@1"
[plan]
id = "p"
title = "P"
effective = 2024-01-01
"""


def problems_of(error: pytest.ExceptionInfo[pt.PlanError]) -> set[tuple[str, int | None, str]]:
    return {(Path(p.file or "").name, p.line, p.path) for p in error.value.problems}


# --- reading ---------------------------------------------------------------------------------


def test_populations_pick_declared_units_by_id_attribute_and_population() -> None:
    plan = load_plan(ROSTER / "plan.toml")
    agencies = plan.population("press-agencies")
    assert agencies.name == "press-agencies"  # the name defaults to the id
    # every unit of the roster and of [[units]] whose kind is one of the three, in order
    assert agencies.unit_ids == (
        "bao-vinh-long",
        "bao-dong-khoi",
        "tap-chi-cuu-long",
        "dai-can-tho",
        "tap-chi-tre",
    )
    assert plan.population("e-press").unit_ids == ("bao-vinh-long", "dai-can-tho", "tap-chi-tre")
    picked = plan.population("picked")
    assert picked.unit_ids == ("bao-vinh-long", "bao-moi")
    # one definition, shared by every population that names the unit
    assert picked.units[0] is agencies.units[0] is plan.units["bao-vinh-long"]
    assert "bao-moi" not in {u.id for u in plan.roster}
    assert [u.id for u in plan.roster][:4] == [
        "tinh-vinh-long",
        "tinh-ben-tre",
        "tinh-vinh-long-2025",
        "tinh-can-tho",
    ]


def test_roster_cells_are_typed_as_documented() -> None:
    units = {u.id: u for u in load_units(ROSTER / "units.csv")}
    paper = units["bao-vinh-long"]
    assert dict(paper.attributes) == {
        "kind": "newspaper",
        "electronic": True,  # TRUE
        "staff": 72,
        "code": "007",  # leading zeros: text
    }
    assert units["bao-dong-khoi"].attributes["staff"] == Decimal("40.5")
    assert "staff" not in units["tap-chi-cuu-long"].attributes  # an empty cell: no value
    assert units["tinh-ben-tre"].active_until == dt.date(2025, 6, 30)  # 30/06/2025
    assert units["tinh-ben-tre"].successor == "tinh-vinh-long-2025"
    assert units["bao-dong-khoi"].parent == "tinh-ben-tre"
    assert units["tinh-can-tho"].name_en is None


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("", None),
        ("  ", None),
        ("true", True),
        ("False", False),
        ("0", 0),
        ("-3", -3),
        ("+7", 7),
        ("0.25", Decimal("0.25")),
        ("007", "007"),
        ("1,5", "1,5"),
        ("1e3", "1e3"),
        (" báo ", "báo"),
        ("2025-07-01", "2025-07-01"),
    ],
)
def test_a_cell_is_a_boolean_a_number_or_text(cell: str, value: object) -> None:
    read = cell_value(cell)
    assert read == value
    assert type(read) is type(value)


def test_the_parent_of_a_unit_follows_its_parents_merger() -> None:
    plan = load_plan(ROSTER / "plan.toml")
    before, after = MERGER - dt.timedelta(days=1), MERGER
    assert plan.parent_of("bao-dong-khoi", before) == "tinh-ben-tre"
    assert plan.parent_of("bao-dong-khoi", after) == "tinh-vinh-long-2025"
    assert plan.parent_of("bao-vinh-long", after) == "tinh-vinh-long-2025"
    assert plan.parent_of("dai-can-tho", after) == "tinh-can-tho"
    assert plan.parent_of("tinh-can-tho", after) is None
    with pytest.raises(KeyError):
        plan.parent_of("nowhere", after)


def test_a_roster_plan_round_trips_through_toml() -> None:
    plan = load_plan(ROSTER / "plan.toml")
    text = dump_plan(plan)
    assert "[[units]]" in text
    assert '  "bao-vinh-long",\n' in text  # declared units by id
    assert '{ id = "bao-moi", name = "Báo Mới"' in text  # a population's own unit inline
    again = loads_plan(text)
    assert again == plan
    assert dump_plan(again) == text


def test_a_plan_built_in_python_with_a_roster_round_trips() -> None:
    province = pt.Unit("tinh", "Tỉnh")
    paper = pt.Unit("bao", "Báo", parent="tinh", attributes={"kind": "newspaper"})
    plan = pt.Plan(
        "p",
        "",
        "P",
        "",
        dt.date(2024, 1, 1),
        dt.date(2024, 1, 1),
        populations=[pt.Population("a", "A", [paper]), pt.Population("b", "B", [paper])],
        roster=[province, paper],
    )
    assert loads_plan(dump_plan(plan)) == plan


# --- bad input: every problem at once, located ---------------------------------------------


def test_every_roster_and_population_problem_is_located_in_one_pass() -> None:
    with pytest.raises(pt.PlanError) as error:
        load_plan(ROSTER / "invalid_plan.toml")
    assert problems_of(error) == {
        ("invalid_plan.toml", 13, "units[0].successor"),  # e -> e
        ("invalid_plan.toml", 17, "populations[0].where.knd"),
        ("invalid_plan.toml", 21, "populations[1].within"),
        ("invalid_plan.toml", 25, "populations[2].units[0].id"),  # disagrees with the roster
        ("invalid_plan.toml", 25, "populations[2].units[1]"),  # "zz"
        ("invalid_units.csv", 2, "parent"),  # a -> b -> a
        ("invalid_units.csv", 4, "id"),  # missing
        ("invalid_units.csv", 5, "id"),  # duplicate
        ("invalid_units.csv", 6, "from"),
        ("invalid_units.csv", 6, "successor"),
        ("invalid_units.csv", 7, "parent"),  # ghost
    }
    messages = {(Path(p.file or "").name, p.line, p.path): p.message for p in error.value.problems}
    assert messages[("invalid_plan.toml", 17, "populations[0].where.knd")] == (
        "no unit declared has the attribute 'knd' (did you mean 'kind'?)"
    )
    assert messages[("invalid_plan.toml", 21, "populations[1].within")] == (
        "unknown population 'nowhere'"
    )
    assert messages[("invalid_plan.toml", 25, "populations[2].units[0].id")] == (
        "unit 'd' is defined differently in the plan's units"
    )
    assert messages[("invalid_units.csv", 2, "parent")] == (
        "the parents of these units form a cycle: a -> b -> a"
    )
    assert messages[("invalid_units.csv", 5, "id")] == "duplicate unit id 'a' (first on line 2)"
    assert messages[("invalid_units.csv", 7, "parent")] == "unknown parent unit 'ghost'"
    text = str(error.value)
    assert f"{ROSTER / 'invalid_units.csv'}:4: id: missing id" in text
    # the plan file's problems come first, then the roster's, each in line order
    order = [(Path(p.file or "").name != "invalid_plan.toml", p.line) for p in error.value.problems]
    assert order == sorted(order)


@pytest.mark.parametrize("name", ["missing.csv", "."])
def test_a_roster_that_cannot_be_read_is_located_at_units_file(name: str) -> None:
    text = f'units_file = "{name}"\n' + HEAD
    with pytest.raises(pt.PlanError) as error:
        loads_plan(text, name=str(ROSTER / "plan.toml"))
    (problem,) = error.value.problems
    assert (problem.path, problem.line) == ("units_file", 1)
    assert problem.message.startswith("cannot read the units file: ")
    assert str(ROSTER / name) in problem.message


@pytest.mark.parametrize(
    ("content", "line", "path", "message"),
    [
        (b"", 1, "", "the units file is empty"),
        (b"id,kind\na,x\n", 1, "", "missing column 'name'"),
        (b"id,name,id\na,A,b\n", 1, "id", "the column 'id' is given twice"),
        (b"id,name\na,A,extra\n", 2, "", "3 cells where the header has 2"),
        (b"id,name\na,\n", 2, "name", "missing name"),
        (b"id,name\na,\xff\n", 2, "", "not UTF-8"),
        (b'id,name\na,"unclosed\n', 2, "", "CSV syntax error"),
    ],
)
def test_roster_problems_name_the_file_and_line(
    tmp_path: Path, content: bytes, line: int, path: str, message: str
) -> None:
    (tmp_path / "units.csv").write_bytes(content)
    with pytest.raises(pt.PlanError) as error:
        loads_plan('units_file = "units.csv"\n' + HEAD, name=str(tmp_path / "plan.toml"))
    found = [(p.file, p.line, p.path) for p in error.value.problems]
    assert (str(tmp_path / "units.csv"), line, path) in found
    assert any(message in p.message for p in error.value.problems)


@pytest.mark.parametrize(
    ("header", "column", "meant"),
    [
        ("id,name,Parent", "Parent", "parent"),
        ("id,name,parnet", "parnet", "parent"),
        ("id,name,name-en", "name-en", "name_en"),
        ("ID,name,parent", "ID", "id"),  # said once: not also "missing column 'id'"
    ],
)
def test_a_column_written_almost_as_a_standard_one_is_refused_not_made_an_attribute(
    tmp_path: Path, header: str, column: str, meant: str
) -> None:
    roster = tmp_path / "units.csv"
    roster.write_text(f"{header}\na,A,b\n", encoding="utf-8")
    with pytest.raises(pt.PlanError) as error:
        load_units(roster)
    (problem,) = error.value.problems
    assert (problem.file, problem.line, problem.path) == (str(roster), 1, column)
    assert f"did you mean '{meant}'?" in problem.message


def test_attributes_far_from_the_standard_columns_stay_attributes(tmp_path: Path) -> None:
    roster = tmp_path / "units.csv"
    roster.write_text("id,name,parent,parents,kind,form\na,A,,b c,x,y\n", encoding="utf-8")
    (unit,) = load_units(roster)
    assert dict(unit.attributes) == {"parents": "b c", "kind": "x", "form": "y"}


def test_roster_rows_may_span_lines_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "units.csv").write_text(
        'id,name,note_col\na,"Two\nlines",x\n\n,B,y\n', encoding="utf-8"
    )
    with pytest.raises(pt.PlanError) as error:
        loads_plan('units_file = "units.csv"\n' + HEAD, directory=tmp_path)
    assert [(p.line, p.message) for p in error.value.problems] == [(5, "missing id")]


def test_populations_within_each_other_are_a_problem_not_a_loop() -> None:
    text = HEAD + (
        '[[populations]]\nid = "a"\nwithin = "b"\n\n[[populations]]\nid = "b"\nwithin = "a"\n'
    )
    with pytest.raises(pt.PlanError) as error:
        loads_plan(text)
    assert {(p.path, p.message) for p in error.value.problems} == {
        ("populations[1].within", "the populations are within each other: a -> b -> a")
    }


def test_where_values_are_scalars_or_arrays_of_them() -> None:
    text = HEAD + '[[populations]]\nid = "a"\nwhere = { kind = { x = 1 } }\n'
    with pytest.raises(pt.PlanError) as error:
        loads_plan(text)
    (problem,) = error.value.problems
    assert problem.path == "populations[0].where.kind"
    assert "must be text, a boolean, a number or an array of them" in problem.message


def test_where_within_a_population_checks_that_populations_attributes() -> None:
    text = HEAD + (
        '[[units]]\nid = "u"\nname = "U"\nattributes = { kind = "x", big = true }\n'
        '[[units]]\nid = "v"\nname = "V"\nattributes = { kind = "y" }\n'
        '[[populations]]\nid = "a"\nunits = ["v"]\n'
        '[[populations]]\nid = "b"\nwithin = "a"\nwhere = { big = true }\n'
    )
    with pytest.raises(pt.PlanError) as error:
        loads_plan(text)
    assert [p.message for p in error.value.problems] == [
        "no unit of population 'a' has the attribute 'big'"
    ]


# --- matching ----------------------------------------------------------------------------------


def test_where_tells_booleans_numbers_and_text_apart() -> None:
    unit = pt.Unit("u", "U", attributes={"flag": True, "n": 1, "s": "1", "d": Decimal("2.0")})
    assert matches(unit, {"flag": True, "n": 1, "s": "1", "d": 2})
    assert not matches(unit, {"flag": 1})
    assert not matches(unit, {"n": True})
    assert not matches(unit, {"n": "1"})
    assert not matches(unit, {"s": 1})
    assert matches(unit, {"n": [True, "1", 1]})
    assert not matches(unit, {"missing": "x"})
    assert select_units([unit], {"n": [2, 3]}) == ()


# --- parents that follow mergers: properties -------------------------------------------------


@st.composite
def merged_provinces(draw: st.DrawFn) -> tuple[dict[str, pt.Unit], dt.date]:
    """Provinces, some of which end the day before ``day`` with a successor (a new province,
    or one that goes on), and agencies under any of the old provinces."""
    day = draw(st.dates(dt.date(2020, 1, 2), dt.date(2030, 12, 31)))
    count = draw(st.integers(1, 8))
    new = [pt.Unit(f"new-{i}", f"New {i}", active_from=day) for i in range(draw(st.integers(1, 3)))]
    provinces = []
    for i in range(count):
        merges = draw(st.booleans())
        successor = draw(st.sampled_from([u.id for u in new])) if merges else None
        until = day - dt.timedelta(days=1) if merges else None
        provinces.append(pt.Unit(f"old-{i}", f"Old {i}", active_until=until, successor=successor))
    agencies = [
        pt.Unit(f"agency-{i}", f"Agency {i}", parent=draw(st.sampled_from(provinces)).id)
        for i in range(draw(st.integers(0, 30)))
    ]
    return {u.id: u for u in (*provinces, *new, *agencies)}, day


@given(merged_provinces())
def test_regrouping_after_a_merger_moves_every_child_exactly_once(
    case: tuple[dict[str, pt.Unit], dt.date],
) -> None:
    units, day = case
    before = parents_on(units, day - dt.timedelta(days=1))
    after = parents_on(units, day)
    children = [u for u in units.values() if u.parent is not None]
    for unit in children:
        parent = units[unit.parent or ""]
        assert before[unit.id] == parent.id  # nothing moves before the merger
        merged = parent.successor is not None
        # a child moves, once, exactly when its parent merged: to the successor
        assert after[unit.id] == (parent.successor if merged else parent.id)
    # each day every child is in exactly one group, and the groups of after are the merged
    # groups of before
    for found in (before, after):
        groups: dict[str | None, list[str]] = {}
        for unit in children:
            groups.setdefault(found[unit.id], []).append(unit.id)
        assert sorted(i for ids in groups.values() for i in ids) == sorted(u.id for u in children)
    moved = [u.id for u in children if before[u.id] != after[u.id]]
    assert len(moved) == len(set(moved))
    assert all(units[before[i] or ""].successor == after[i] for i in moved)


@given(merged_provinces(), st.dates(dt.date(2019, 1, 1), dt.date(2032, 12, 31)))
def test_every_parent_at_once_is_each_parent_alone(
    case: tuple[dict[str, pt.Unit], dt.date], day: dt.date
) -> None:
    units, _ = case
    assert parents_on(units, day) == {u.id: parent_on(u, day, units) for u in units.values()}


def test_a_chain_of_mergers_is_followed_to_its_end() -> None:
    units = {
        u.id: u
        for u in (
            pt.Unit("a", "A", active_until=dt.date(2020, 12, 31), successor="b"),
            pt.Unit("b", "B", active_until=dt.date(2025, 6, 30), successor="c"),
            pt.Unit("c", "C"),
            pt.Unit("x", "X", parent="a"),
        )
    }
    assert parents_on(units, dt.date(2020, 12, 31))["x"] == "a"
    assert parents_on(units, dt.date(2021, 1, 1))["x"] == "b"
    assert parents_on(units, dt.date(2025, 7, 1))["x"] == "c"


def test_the_schema_accepts_a_plan_over_a_roster() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = tomllib.loads((ROSTER / "plan.toml").read_text(encoding="utf-8"))
    data["plan"]["effective"] = data["plan"]["effective"].isoformat()
    validator = jsonschema.Draft202012Validator(plan_schema())
    assert list(validator.iter_errors(data)) == []
    data["populations"][0]["where"] = {"kind": {"nested": 1}}
    assert list(validator.iter_errors(data))


# --- a roster written as inline tables -------------------------------------------------------


def _population_of(*tables: str, units: str = "") -> str:
    listed = ",\n  ".join(tables)
    return HEAD + units + f'[[populations]]\nid = "all"\nunits = [\n  {listed},\n]\n'


def test_inline_unit_tables_read_every_key_whatever_their_shape() -> None:
    plan = loads_plan(
        _population_of(
            '{ id = "a", name = "A", parent = "p", note = "n" }',
            '{ name = "B", id = "b", name_en = "Bee" }',
            '"p"',
            '{ id = "c", name = "C", from = 2024-01-01 }',
            units='[[units]]\nid = "p"\nname = "P"\n',
        )
    )
    assert plan.population("all").units == (
        pt.Unit("a", "A", parent="p", note="n"),
        pt.Unit("b", "B", name_en="Bee"),
        pt.Unit("p", "P"),
        pt.Unit("c", "C", active_from=dt.date(2024, 1, 1)),
    )
    alike = loads_plan(_population_of('{ id = "a", name = "A" }', '{ id = "b", name = "B" }'))
    assert alike.population("all").units == (pt.Unit("a", "A"), pt.Unit("b", "B"))


@pytest.mark.parametrize(
    ("second", "path", "message"),
    [
        ('{ id = " b", name = "B" }', "units[1].id", "an id must not be empty or begin or end"),
        ('{ id = "", name = "B" }', "units[1].id", "an id must not be empty or begin or end"),
        ('{ id = "b", name = 2 }', "units[1].name", "must be text, not an integer (2)"),
        ('{ id = "b", parent = " a", name = "B" }', "units[1].parent", "an id must not be"),
        ('{ id = "b", nme = "B" }', "units[1].nme", "unknown key 'nme' (did you mean 'name'?)"),
        ('{ id = "b" }', "units[1].name", "missing required key 'name'"),
        ('{ id = "a", name = "A" }', "units[1].id", "duplicate unit id 'a'"),
        ('{ id = "b", name = "B", parent = "b" }', "units[1].parent", "a cycle: b -> b"),
        ('{ id = "b", name = "B", successor = "z" }', "units[1].successor", "unknown successor"),
    ],
)
def test_a_bad_inline_unit_table_among_good_ones_is_located(
    second: str, path: str, message: str
) -> None:
    tables = ['{ id = "a", name = "A" }', second, '{ id = "c", name = "C" }']
    with pytest.raises(pt.PlanError) as error:
        loads_plan(_population_of(*tables))
    (problem,) = error.value.problems
    assert problem.path == f"populations[0].{path}"
    assert message in problem.message
    assert problem.line == 10  # the line of the bad table


def test_a_unit_two_populations_define_differently_is_located_at_the_second() -> None:
    text = _population_of('{ id = "a", name = "A" }', '{ id = "b", name = "B", parent = "a" }')
    text += '[[populations]]\nid = "other"\nunits = [{ id = "b", name = "Bee", parent = "b" }]\n'
    with pytest.raises(pt.PlanError) as error:
        loads_plan(text)
    (problem,) = error.value.problems
    assert problem.path == "populations[1].units[0].id"
    assert problem.message == "unit 'b' is defined differently in another population"
